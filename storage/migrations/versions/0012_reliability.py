"""reliability: stored webhook updates, vouched phones, focal-point requests, state versions

Revision ID: 0012
Revises: 0009
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0009"
branch_labels = None
depends_on = None

_CHANNEL = sa.Enum("console", "telegram", "zalo", name="channel", native_enum=False, length=20)


def upgrade() -> None:
    op.create_table(
        "inbound_updates",
        sa.Column("channel", _CHANNEL, nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("user_key", sa.String(length=100), nullable=True),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("channel", "key", name=op.f("pk_inbound_updates")),
    )
    with op.batch_alter_table("inbound_updates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inbound_updates_received_at"), ["received_at"], unique=False)
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone_verified_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("conversation_states", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("indicator_pending_focal_points", schema=None) as batch_op:
        batch_op.add_column(sa.Column("requested_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("requested_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_indicator_pending_focal_points_requested_by_people"), "people", ["requested_by"], ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("indicator_pending_focal_points", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_indicator_pending_focal_points_requested_by_people"), type_="foreignkey")
        batch_op.drop_column("requested_at")
        batch_op.drop_column("requested_by")
    with op.batch_alter_table("conversation_states", schema=None) as batch_op:
        batch_op.drop_column("version")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("phone_verified_at")
    with op.batch_alter_table("inbound_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbound_updates_received_at"))
    op.drop_table("inbound_updates")
