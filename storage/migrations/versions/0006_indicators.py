"""indicators: catalogue, assignments to agencies, status history, submissions and evidence files

Revision ID: 0006
Revises: 0003b
Create Date: 2026-11-21 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Written beside other branches; migrations upgrade to "heads" until they are made linear.
revision = "0006"
down_revision = "0003b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('indicator_catalogues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_catalogues')),
    sa.UniqueConstraint('year', 'title', name=op.f('uq_indicator_catalogues_year'))
    )
    op.create_table('indicator_pending_focal_points',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('added_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.Integer(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['added_by'], ['people.id'], name=op.f('fk_indicator_pending_focal_points_added_by_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_indicator_pending_focal_points_agency_id_agencies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claimed_by'], ['people.id'], name=op.f('fk_indicator_pending_focal_points_claimed_by_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_indicator_pending_focal_points_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_pending_focal_points')),
    sa.UniqueConstraint('event_id', 'phone', name=op.f('uq_indicator_pending_focal_points_event_id'))
    )
    with op.batch_alter_table('indicator_pending_focal_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_pending_focal_points_event_id'), ['event_id'], unique=False)

    op.create_table('indicator_pillars',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('catalogue_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name_vi', sa.String(length=300), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['catalogue_id'], ['indicator_catalogues.id'], name=op.f('fk_indicator_pillars_catalogue_id_indicator_catalogues'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_pillars')),
    sa.UniqueConstraint('catalogue_id', 'name_vi', name=op.f('uq_indicator_pillars_catalogue_id'))
    )
    op.create_table('indicator_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pillar_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['pillar_id'], ['indicator_pillars.id'], name=op.f('fk_indicator_groups_pillar_id_indicator_pillars'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_groups')),
    sa.UniqueConstraint('pillar_id', 'name', name=op.f('uq_indicator_groups_pillar_id'))
    )
    op.create_table('indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('catalogue_id', sa.Integer(), nullable=False),
    sa.Column('pillar_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_vi', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=True),
    sa.Column('unit', sa.String(length=200), nullable=True),
    sa.Column('data_source', sa.Text(), nullable=True),
    sa.Column('evidence_expected', sa.Text(), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['catalogue_id'], ['indicator_catalogues.id'], name=op.f('fk_indicators_catalogue_id_indicator_catalogues'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['indicator_groups.id'], name=op.f('fk_indicators_group_id_indicator_groups'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pillar_id'], ['indicator_pillars.id'], name=op.f('fk_indicators_pillar_id_indicator_pillars'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicators')),
    sa.UniqueConstraint('catalogue_id', 'code', name=op.f('uq_indicators_catalogue_id'))
    )
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicators_pillar_id'), ['pillar_id'], unique=False)

    op.create_table('indicator_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('not_started', 'in_progress', 'submitted', 'needs_revision', 'accepted', name='assignmentstatus', native_enum=False, length=20), nullable=False),
    sa.Column('escalated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_indicator_assignments_agency_id_agencies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_indicator_assignments_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_indicator_assignments_indicator_id_indicators'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_assignments')),
    sa.UniqueConstraint('event_id', 'indicator_id', 'agency_id', name=op.f('uq_indicator_assignments_event_id'))
    )
    with op.batch_alter_table('indicator_assignments', schema=None) as batch_op:
        batch_op.create_index('ix_indicator_assignments_event_agency', ['event_id', 'agency_id'], unique=False)

    op.create_table('indicator_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.Enum('not_started', 'in_progress', 'submitted', 'needs_revision', 'accepted', name='assignmentstatus', native_enum=False, length=20), nullable=True),
    sa.Column('to_status', sa.Enum('not_started', 'in_progress', 'submitted', 'needs_revision', 'accepted', name='assignmentstatus', native_enum=False, length=20), nullable=False),
    sa.Column('by_person_id', sa.Integer(), nullable=True),
    sa.Column('by_label', sa.String(length=100), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['assignment_id'], ['indicator_assignments.id'], name=op.f('fk_indicator_status_changes_assignment_id_indicator_assignments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['by_person_id'], ['people.id'], name=op.f('fk_indicator_status_changes_by_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_status_changes'))
    )
    with op.batch_alter_table('indicator_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_status_changes_assignment_id'), ['assignment_id'], unique=False)

    op.create_table('indicator_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'submitted', 'accepted', 'needs_revision', name='submissionstatus', native_enum=False, length=20), nullable=False),
    sa.Column('by_person_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reviewed_by', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('review_comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['assignment_id'], ['indicator_assignments.id'], name=op.f('fk_indicator_submissions_assignment_id_indicator_assignments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['by_person_id'], ['people.id'], name=op.f('fk_indicator_submissions_by_person_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reviewed_by'], ['people.id'], name=op.f('fk_indicator_submissions_reviewed_by_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_submissions'))
    )
    with op.batch_alter_table('indicator_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_submissions_assignment_id'), ['assignment_id'], unique=False)

    op.create_table('indicator_evidence_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('original_name', sa.String(length=300), nullable=False),
    sa.Column('stored_path', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['indicator_submissions.id'], name=op.f('fk_indicator_evidence_files_submission_id_indicator_submissions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_evidence_files')),
    sa.UniqueConstraint('submission_id', 'sha256', name=op.f('uq_indicator_evidence_files_submission_id'))
    )
    with op.batch_alter_table('indicator_evidence_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_evidence_files_submission_id'), ['submission_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('indicator_evidence_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_evidence_files_submission_id'))

    op.drop_table('indicator_evidence_files')
    with op.batch_alter_table('indicator_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_submissions_assignment_id'))

    op.drop_table('indicator_submissions')
    with op.batch_alter_table('indicator_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_status_changes_assignment_id'))

    op.drop_table('indicator_status_changes')
    with op.batch_alter_table('indicator_assignments', schema=None) as batch_op:
        batch_op.drop_index('ix_indicator_assignments_event_agency')

    op.drop_table('indicator_assignments')
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicators_pillar_id'))

    op.drop_table('indicators')
    op.drop_table('indicator_groups')
    op.drop_table('indicator_pillars')
    with op.batch_alter_table('indicator_pending_focal_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_pending_focal_points_event_id'))

    op.drop_table('indicator_pending_focal_points')
    op.drop_table('indicator_catalogues')
