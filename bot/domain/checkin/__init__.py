"""Check-in on the day and the attendance figures."""
