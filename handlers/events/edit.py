"""Organisers change the venue or a programme line from the bot; confirmed delegates are told
what changed (old → new) by the same path a re-import takes."""

from __future__ import annotations

import dataclasses

from bot.domain.errors import DomainError
from bot.domain.events.records import event_to_draft
from bot.domain.formatting import format_time_range
from bot.domain.plan import parse_time_range
from bot.domain.plan.draft import VenueDraft
from bot.messages import Reply
from bot.outbox.notices import save_event_and_notify
from handlers.context import Context
from handlers.roles import require_organiser
from handlers.router import parse_command
from storage import repositories as repo

__all__ = ["edit_venue", "edit_agenda"]


def _parts(ctx: Context) -> list[str]:
    command = parse_command(ctx.inbound.text)
    text = command[1] if command else ""
    return [p.strip() for p in text.split("|")] if text.strip() else []


async def _save(ctx: Context, draft) -> list[Reply]:  # type: ignore[no-untyped-def]
    outcome = await save_event_and_notify(ctx.session, draft, actor_label=f"person:{ctx.person.id}")
    return [ctx.reply("edit.saved", notices=outcome.notices)]


async def edit_venue(ctx: Context) -> list[Reply]:
    """/suadiadiem (/editvenue) Name | Address [| map link]."""
    event = await require_organiser(ctx)
    parts = _parts(ctx)
    if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
        raise DomainError("usage_editvenue")
    full = await repo.event_with_details(ctx.session, event.id)
    assert full is not None
    draft = event_to_draft(full)
    old = draft.venue or VenueDraft()
    map_url = parts[2] if len(parts) == 3 and parts[2] else old.map_url
    if map_url and not map_url.startswith(("http://", "https://")):
        raise DomainError("edit_map_url")
    draft.venue = dataclasses.replace(old, name=parts[0], address=parts[1], map_url=map_url)
    return await _save(ctx, draft)


async def edit_agenda(ctx: Context) -> list[Reply]:
    """/suachuongtrinh (/editagenda) N | HH:MM-HH:MM [| title [| presenter]]; alone: the numbered list."""
    event = await require_organiser(ctx)
    full = await repo.event_with_details(ctx.session, event.id)
    assert full is not None
    draft = event_to_draft(full)
    parts = _parts(ctx)
    if not parts:
        lines = [
            ctx.t("edit.agenda_line", n=n, when=format_time_range(a.start, a.end) or "—", title=a.title)
            for n, a in enumerate(draft.agenda, start=1)
        ]
        return [Reply(text=ctx.t("edit.agenda_header") + "\n" + "\n".join(lines))]
    if len(parts) < 2 or not parts[0].isdigit() or not 1 <= int(parts[0]) <= len(draft.agenda):
        raise DomainError("usage_editagenda")
    try:
        start, end = parse_time_range(parts[1])
    except ValueError:
        raise DomainError("edit_time", value=parts[1]) from None
    if start is None or (end is not None and end <= start):
        raise DomainError("edit_time", value=parts[1])
    index = int(parts[0]) - 1
    item = draft.agenda[index]
    changes: dict[str, object] = {"start": start, "end": end}
    if len(parts) > 2 and parts[2]:
        changes["title"] = parts[2]
    if len(parts) > 3 and parts[3]:
        changes["presenter"] = parts[3]
    draft.agenda[index] = dataclasses.replace(item, **changes)
    if index == 0 or index == len(draft.agenda) - 1:
        draft.start_time = draft.end_time = None  # recomputed from the programme's first and last
    return await _save(ctx, draft)
