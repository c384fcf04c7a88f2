"""Conversations about seats: answering the invitation, offers, organisers' seat tools."""
