"""Join the migrations written side by side (Zalo rules, reliability and the others of the round).

Revision ID: 0014
Revises: 0011, 0012
Create Date: 2026-11-26
"""

from __future__ import annotations

revision = "0014"
down_revision = ("0011", "0012")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the branches touch different tables."""


def downgrade() -> None:
    """Nothing to change."""
