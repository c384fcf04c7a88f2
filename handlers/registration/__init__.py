"""Conversations that register a delegate and link their messengers."""
