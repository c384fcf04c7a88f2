"""check-in on the day: registration codes and venue check-in links

Revision ID: 0005
Revises: 0003b
Create Date: 2026-11-21 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Written beside other branches; migrations upgrade to "heads" until they are made linear.
revision = "0005"
down_revision = "0003b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("check_in_code", sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("checked_in_by", sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_registrations_check_in_code"), ["check_in_code"])
        batch_op.create_foreign_key(
            batch_op.f("fk_registrations_checked_in_by_people"), "people", ["checked_in_by"], ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "venue_check_in_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_venue_check_in_links_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_venue_check_in_links")),
        sa.UniqueConstraint("token", name=op.f("uq_venue_check_in_links_token")),
    )
    with op.batch_alter_table("venue_check_in_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_venue_check_in_links_event_id"), ["event_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("venue_check_in_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_venue_check_in_links_event_id"))
    op.drop_table("venue_check_in_links")
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_registrations_checked_in_by_people"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("uq_registrations_check_in_code"), type_="unique")
        batch_op.drop_column("checked_in_by")
        batch_op.drop_column("checked_in_at")
        batch_op.drop_column("check_in_code")
