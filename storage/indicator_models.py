"""Models for PII indicators: the catalogue, who supplies each indicator by when, what they sent,
and every status change with who, when and why."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, _enum
from storage.types import utcnow

__all__ = [
    "AssignmentStatus",
    "SubmissionStatus",
    "OPEN_STATUSES",
    "Catalogue",
    "Pillar",
    "IndicatorGroup",
    "Indicator",
    "Assignment",
    "StatusChange",
    "Submission",
    "EvidenceFile",
    "PendingFocalPoint",
]


class AssignmentStatus(str, enum.Enum):
    """Where one agency's work on one indicator stands."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    NEEDS_REVISION = "needs_revision"
    ACCEPTED = "accepted"


# Statuses in which the agency still owes something (deadlines and nudges apply).
OPEN_STATUSES = (AssignmentStatus.NOT_STARTED, AssignmentStatus.IN_PROGRESS, AssignmentStatus.NEEDS_REVISION)


class SubmissionStatus(str, enum.Enum):
    """One submission's life: a draft while the focal point adds files, then reviewed."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    NEEDS_REVISION = "needs_revision"


class Catalogue(Base):
    """One imported list of indicators (a year's framework, or the bundled partial sample)."""

    __tablename__ = "indicator_catalogues"
    __table_args__ = (UniqueConstraint("year", "title"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    # The bundled sample built from public reports: every listing says it is not the official list.
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Pillar(Base):
    """A pillar (trụ cột) of the index within one catalogue."""

    __tablename__ = "indicator_pillars"
    __table_args__ = (UniqueConstraint("catalogue_id", "name_vi"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    catalogue_id: Mapped[int] = mapped_column(ForeignKey("indicator_catalogues.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name_vi: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))


class IndicatorGroup(Base):
    """A group of indicators inside a pillar."""

    __tablename__ = "indicator_groups"
    __table_args__ = (UniqueConstraint("pillar_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pillar_id: Mapped[int] = mapped_column(ForeignKey("indicator_pillars.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))


class Indicator(Base):
    """One component indicator: what is measured, in what unit, from where, with what evidence."""

    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("catalogue_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    catalogue_id: Mapped[int] = mapped_column(ForeignKey("indicator_catalogues.id", ondelete="CASCADE"))
    pillar_id: Mapped[int] = mapped_column(ForeignKey("indicator_pillars.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("indicator_groups.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(40))
    name_vi: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(200))
    data_source: Mapped[str | None] = mapped_column(Text)
    evidence_expected: Mapped[str | None] = mapped_column(Text)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)


class Assignment(Base):
    """One agency owes one indicator for one event (the province's collection campaign)."""

    __tablename__ = "indicator_assignments"
    __table_args__ = (
        UniqueConstraint("event_id", "indicator_id", "agency_id"),
        Index("ix_indicator_assignments_event_agency", "event_id", "agency_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    deadline: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[AssignmentStatus] = mapped_column(
        _enum(AssignmentStatus), default=AssignmentStatus.NOT_STARTED
    )
    # Set once organisers were told the assignment is long overdue (the escalation is sent once).
    escalated_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class StatusChange(Base):
    """The history of an assignment: every status change with who, when and a comment."""

    __tablename__ = "indicator_status_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("indicator_assignments.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[AssignmentStatus | None] = mapped_column(_enum(AssignmentStatus))
    to_status: Mapped[AssignmentStatus] = mapped_column(_enum(AssignmentStatus))
    by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    # Who acted when it was not a person in chat (e.g. "import", "cli").
    by_label: Mapped[str | None] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text)


class Submission(Base):
    """What a focal point sent for an assignment: a value and evidence files."""

    __tablename__ = "indicator_submissions"
    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("indicator_assignments.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[str | None] = mapped_column(Text)
    status: Mapped[SubmissionStatus] = mapped_column(_enum(SubmissionStatus), default=SubmissionStatus.DRAFT)
    by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[dt.datetime | None]
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    reviewed_at: Mapped[dt.datetime | None]
    review_comment: Mapped[str | None] = mapped_column(Text)


class EvidenceFile(Base):
    """One stored evidence document: where it is on disk, its SHA-256 and what the user called it."""

    __tablename__ = "indicator_evidence_files"
    __table_args__ = (UniqueConstraint("submission_id", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("indicator_submissions.id", ondelete="CASCADE"), index=True
    )
    original_name: Mapped[str] = mapped_column(String(300))
    # Relative to the evidence directory, so the directory can move.
    stored_path: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    mime_type: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PendingFocalPoint(Base):
    """A focal point an organiser added by phone, until a person with that phone turns up."""

    __tablename__ = "indicator_pending_focal_points"
    __table_args__ = (UniqueConstraint("event_id", "phone"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"))
    phone: Mapped[str] = mapped_column(String(20))
    added_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    claimed_at: Mapped[dt.datetime | None]
    # Someone typed this phone (the messenger did not vouch for it): an organiser must approve.
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    requested_at: Mapped[dt.datetime | None]
