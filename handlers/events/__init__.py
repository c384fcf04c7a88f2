"""Conversations about an event: choosing it, its programme and venue, organisers' edits."""
