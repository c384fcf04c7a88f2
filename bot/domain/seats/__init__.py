"""Seats and quotas: reserving, releasing, the waitlist, organisers' seat changes."""
