"""Organisers' reminder rules and announcements."""
