"""Join the four migrations written side by side (check-in, indicators, reminders, Zalo).

Revision ID: 0009
Revises: 0005, 0006, 0007, 0008
Create Date: 2026-11-21
"""

from __future__ import annotations

revision = "0009"
down_revision = ("0005", "0006", "0007", "0008")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the branches touch different tables."""


def downgrade() -> None:
    """Nothing to change."""
