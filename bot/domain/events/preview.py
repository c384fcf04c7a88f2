"""Before a re-import is written: what would change, what is kept, and who would be told."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.audiences import confirmed_delegates, reachable_identity
from bot.domain.events.changes import Change, describe_changes
from bot.domain.events.records import event_to_draft, slug_for
from bot.domain.plan.draft import EventDraft
from bot.domain.plan.merge import merge_draft
from storage import repositories as repo

__all__ = ["ImportPreview", "preview_import"]


@dataclass(frozen=True)
class ImportPreview:
    """What writing a draft would do; `event_id` is None when it would create a new event."""

    slug: str
    event_id: int | None
    changes: list[Change] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    recipients: int = 0  # confirmed delegates who would receive the change notice

    @property
    def created(self) -> bool:
        """Whether the import would create the event."""
        return self.event_id is None


async def preview_import(session: AsyncSession, draft: EventDraft) -> ImportPreview:
    """Compare a draft with the stored event of the same slug, writing nothing."""
    slug = slug_for(draft)
    event = await repo.event_by_slug(session, slug)
    if event is None:
        return ImportPreview(slug=slug, event_id=None)
    full = await repo.event_with_details(session, event.id)
    assert full is not None
    before = event_to_draft(full)
    merged, kept = merge_draft(before, draft)
    changes = describe_changes(before, merged)
    recipients = 0
    if changes:
        for person_id in await confirmed_delegates(session, event.id):
            recipients += await reachable_identity(session, person_id) is not None
    return ImportPreview(slug, event.id, changes, kept, recipients)
