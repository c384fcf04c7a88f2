"""Render one message for each recipient, in the recipient's language, and queue them all.

The one place where a message to many people is turned into outbox rows: the domain says who and
what (catalogue keys and values), this module renders and enqueues in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.quiet_hours import QUIET_HOURS, QuietHours
from bot.i18n import Translator, translator
from bot.messages import Reply
from bot.outbox.delivery import OutboxItem, enqueue_many

__all__ = ["Recipient", "queue_for_each"]


class Recipient(Protocol):
    """Whom a message goes to: the person, the identity to reach them on, and its language."""

    @property
    def person_id(self) -> int: ...

    @property
    def identity_id(self) -> int: ...

    @property
    def language(self) -> str: ...


R = TypeVar("R", bound=Recipient)


async def queue_for_each(
    session: AsyncSession,
    recipients: Sequence[R],
    render: Callable[[Translator, R], Awaitable[Reply]],
    *,
    key_prefix: str,
    kind: str,
    event_id: int | None = None,
    not_before: dt.datetime | None = None,
    expires_at: dt.datetime | None = None,
    quiet_zone: str | None = None,
    quiet_hours: QuietHours = QUIET_HOURS,
) -> int:
    """Queue `render(t, recipient)` for each recipient (dedupe key: prefix + person); how many."""
    items = [
        OutboxItem(r.identity_id, [await render(translator(r.language), r)], f"{key_prefix}{r.person_id}")
        for r in recipients
    ]
    return await enqueue_many(
        session,
        items,
        kind=kind,
        event_id=event_id,
        not_before=not_before,
        expires_at=expires_at,
        quiet_zone=quiet_zone,
        quiet_hours=quiet_hours,
    )
