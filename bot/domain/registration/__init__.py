"""Registration: invitations, people and their personal data, registrations and RSVPs."""
