"""zalo rules: reply allowance per user, token rotation time, OA hold state, outbox routes

Revision ID: 0011
Revises: 0009
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("zalo_users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_msg_id", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("replies_used", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("profile_fetched_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("zalo_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "zalo_oa_state",
        sa.Column("app_id", sa.String(length=40), nullable=False),
        sa.Column("held_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("held_code", sa.Integer(), nullable=True),
        sa.Column("held_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lapse_alert_for", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("app_id", name=op.f("pk_zalo_oa_state")),
    )
    op.create_table(
        "outbox_routes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("identity_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["outbox_id"], ["outbox.id"], name=op.f("fk_outbox_routes_outbox_id_outbox"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["identity_id"],
            ["identities.id"],
            name=op.f("fk_outbox_routes_identity_id_identities"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_routes")),
    )
    with op.batch_alter_table("outbox_routes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_routes_outbox_id"), ["outbox_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox_routes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_routes_outbox_id"))
    op.drop_table("outbox_routes")
    op.drop_table("zalo_oa_state")
    with op.batch_alter_table("zalo_tokens", schema=None) as batch_op:
        batch_op.drop_column("refreshed_at")
    with op.batch_alter_table("zalo_users", schema=None) as batch_op:
        batch_op.drop_column("profile_fetched_at")
        batch_op.drop_column("replies_used")
        batch_op.drop_column("last_msg_id")
