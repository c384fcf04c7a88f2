"""reminder rules, announcements, outbox expiry and quiet hours

Revision ID: 0007
Revises: 0003b
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0003b"
branch_labels = None
depends_on = None

_AUDIENCE = sa.Enum(
    "confirmed", "not_answered", "waitlisted", "focal_pending", "organisers", "all_registered",
    name="reminderaudience", native_enum=False, length=20,
)


def upgrade() -> None:
    op.create_table(
        "reminder_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("audience", _AUDIENCE, nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("anchor", sa.Enum("event_start", "deadline", "absolute", name="reminderanchor",
                                    native_enum=False, length=20), nullable=False),
        sa.Column("offset_minutes", sa.Integer(), nullable=False),
        sa.Column("local_time", sa.Time(), nullable=True),
        sa.Column("absolute_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_key", sa.String(length=80), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("buttons", sa.String(length=100), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("late_grace_minutes", sa.Integer(), nullable=True),
        sa.Column("expires_at_start", sa.Boolean(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("default_key", sa.String(length=40), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("recipients", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_reminder_rules_event_id_events"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_reminder_rules_agency_id_agencies"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by"], ["people.id"], name=op.f("fk_reminder_rules_created_by_people"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_rules")),
        sa.UniqueConstraint("event_id", "default_key", name=op.f("uq_reminder_rules_event_id")),
    )
    op.create_index(op.f("ix_reminder_rules_event_id"), "reminder_rules", ["event_id"], unique=False)
    op.create_table(
        "announcements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("audience", _AUDIENCE, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_announcements_event_id_events"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by"], ["people.id"], name=op.f("fk_announcements_created_by_people"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcements")),
    )
    op.create_index(op.f("ix_announcements_event_id"), "announcements", ["event_id"], unique=False)
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("quiet_zone", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("quiet_zone")
        batch_op.drop_column("expires_at")
    op.drop_index(op.f("ix_announcements_event_id"), table_name="announcements")
    op.drop_table("announcements")
    op.drop_index(op.f("ix_reminder_rules_event_id"), table_name="reminder_rules")
    op.drop_table("reminder_rules")
