"""zalo channel: OA token pair, seen webhook events, per-user state; identity link codes

Revision ID: 0008
Revises: 0003b
Create Date: 2026-11-21 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Written beside other branches; migrations upgrade to "heads" until they are made linear.
revision = "0008"
down_revision = "0003b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "zalo_tokens",
        sa.Column("app_id", sa.String(length=40), nullable=False),
        sa.Column("access_token", sa.Text(), nullable=True),
        sa.Column("refresh_token", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seed_hash", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("app_id", name=op.f("pk_zalo_tokens")),
    )
    op.create_table(
        "zalo_events",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("event_name", sa.String(length=60), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_zalo_events")),
    )
    with op.batch_alter_table("zalo_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_zalo_events_received_at"), ["received_at"], unique=False)
    op.create_table(
        "zalo_users",
        sa.Column("user_id", sa.String(length=100), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("last_message_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_zalo_users")),
    )
    op.create_table(
        "link_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("identity_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["identity_id"], ["identities.id"], name=op.f("fk_link_codes_identity_id_identities"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_link_codes_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_codes")),
        sa.UniqueConstraint("code", name=op.f("uq_link_codes_code")),
    )
    with op.batch_alter_table("link_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_link_codes_identity_id"), ["identity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_link_codes_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("link_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_codes_person_id"))
        batch_op.drop_index(batch_op.f("ix_link_codes_identity_id"))
    op.drop_table("link_codes")
    op.drop_table("zalo_users")
    with op.batch_alter_table("zalo_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_zalo_events_received_at"))
    op.drop_table("zalo_events")
    op.drop_table("zalo_tokens")
