"""Fakes of the transports the bot talks to (the Telegram Bot API); never fakes of the libraries."""
