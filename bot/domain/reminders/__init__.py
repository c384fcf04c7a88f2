"""Reminder rules, their timing and grammar, and turning due rules into deliveries."""
