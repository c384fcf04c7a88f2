"""forwarded questions

Revision ID: 0003b
Revises: 0003
Create Date: 2026-11-21 05:32:46.108151
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


# 0003b: another 0003 (registrations and invitations) was written at the same time; this one follows it.
revision = '0003b'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('forwarded_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('asker_identity_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('answered_by_person_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_person_id'], ['people.id'], name=op.f('fk_forwarded_questions_answered_by_person_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['asker_identity_id'], ['identities.id'], name=op.f('fk_forwarded_questions_asker_identity_id_identities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_forwarded_questions_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forwarded_questions'))
    )
    with op.batch_alter_table('forwarded_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forwarded_questions_event_id'), ['event_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('forwarded_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forwarded_questions_event_id'))

    op.drop_table('forwarded_questions')
