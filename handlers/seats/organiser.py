"""Organiser tools for seats: invitation links, quotas, moving seats, adding and
removing delegates, and how they want to be told of changes. Arguments are separated by '|'."""

from __future__ import annotations

from sqlalchemy import select

from bot.domain.errors import DomainError
from bot.domain.registration.agency_search import find_agencies
from bot.domain.registration.invite_sheet import invite_lines, qr_zip
from bot.domain.registration.people import clean_name, normalise_phone
from bot.domain.seats import admin as seat_admin
from bot.messages import OutFile, Reply
from bot.outbox.notices import notify_moved_to_waitlist, notify_offers, tell
from handlers.context import Context
from handlers.payload_ids import parse_id
from handlers.roles import require_organiser
from handlers.router import parse_command
from handlers.seats.rsvp import offer_ttl
from storage.models import Agency, Event
from storage.rsvp_models import OrganiserPreference, Registration

__all__ = [
    "invites",
    "quota",
    "quota_force_button",
    "move",
    "add_delegate",
    "remove_delegate",
    "notify_preference",
    "QUOTA_FLOW",
]

QUOTA_FLOW = "org_quota"


def _args(ctx: Context, count: int, usage: str) -> list[str]:
    command = parse_command(ctx.inbound.text)
    parts = [p.strip() for p in (command[1] if command else "").split("|")]
    if len(parts) != count or not all(parts[: count - 1]):
        raise DomainError(f"usage_{usage}")
    return parts


async def _agency(ctx: Context, event: Event, text: str) -> Agency:
    matches = await find_agencies(ctx.session, event.id, text, limit=3)
    if not matches:
        raise DomainError("agency_unknown", query=text)
    if len(matches) > 1 and matches[0].name.casefold() != text.casefold():
        raise DomainError("agency_ambiguous", choices="; ".join(a.name for a in matches))
    return matches[0]


def _count(text: str) -> int:
    if not text.strip().isdigit():
        raise DomainError("seats_not_number", value=text)
    return int(text)


async def invites(ctx: Context) -> list[Reply]:
    """/invites (/loimoi): one link per agency, and a zip of QR codes for the letters."""
    event = await require_organiser(ctx)
    lines = await invite_lines(ctx.session, event.id, ctx.link_for)
    body = "\n".join(
        ctx.t(
            "rsvp.org.invite_line",
            n=line.position,
            agency=line.agency,
            seats=line.seats if line.seats is not None else "—",
            link=line.link,
        )
        for line in lines
    )
    archive = OutFile(
        f"{event.slug}-invitations.zip",
        qr_zip(lines),
        "application/zip",
        caption=ctx.t("rsvp.org.invites_file"),
    )
    return [Reply(text=ctx.t("rsvp.org.invites_header", title=event.title) + "\n\n" + body, files=[archive])]


async def _apply_quota(ctx: Context, event: Event, agency_id: int, seats: int, reason: str, insist: bool):  # type: ignore[no-untyped-def]
    change = await seat_admin.change_quota(
        ctx.session,
        event.id,
        agency_id,
        seats,
        reason=reason,
        organiser_id=ctx.person.id,
        now=ctx.now,
        offer_ttl=offer_ttl(event),
        insist=insist,
    )
    await notify_moved_to_waitlist(ctx.session, event, change.moved_to_waitlist)
    await notify_offers(ctx.session, event, change.offers)
    return change


async def quota(ctx: Context) -> list[Reply]:
    """/quota (/soghe) Agency | seats | reason: raise or lower an agency's seats."""
    event = await require_organiser(ctx)
    agency_text, seats_text, reason = _args(ctx, 3, "quota")
    agency, seats = await _agency(ctx, event, agency_text), _count(seats_text)
    try:
        async with ctx.session.begin_nested():
            change = await _apply_quota(ctx, event, agency.id, seats, reason, insist=False)
    except DomainError as exc:
        if exc.code != "quota_below_confirmed":
            raise
        ctx.start_flow(QUOTA_FLOW, "confirm", agency_id=agency.id, seats=seats, reason=reason)
        return [
            ctx.reply(
                "rsvp.org.quota_below",
                agency=agency.name,
                buttons=[
                    [ctx.button("rsvp.button.force_quota", "org:quota:force")],
                    [ctx.button("rsvp.button.keep", "cmd:cancel")],
                ],
                **exc.params,
            )
        ]
    return [ctx.reply("rsvp.org.quota_set", agency=agency.name, seats=seats, offers=len(change.offers))]


async def quota_force_button(ctx: Context) -> list[Reply]:
    """org:quota:force: lower the quota anyway; the latest confirmations go to the waitlist."""
    event = await require_organiser(ctx)
    if ctx.state.flow != QUOTA_FLOW:
        return [ctx.reply("rsvp.flow_expired")]
    data = ctx.state.data
    change = await _apply_quota(ctx, event, data["agency_id"], data["seats"], data["reason"], insist=True)
    ctx.end_flow()
    agency = await ctx.session.get(Agency, data["agency_id"])
    return [
        ctx.reply(
            "rsvp.org.quota_forced",
            agency=agency.name if agency else "—",
            seats=data["seats"],
            moved=len(change.moved_to_waitlist),
        )
    ]


async def move(ctx: Context) -> list[Reply]:
    """/moveseats (/chuyenghe) From | To | count | reason."""
    event = await require_organiser(ctx)
    source_text, target_text, count_text, reason = _args(ctx, 4, "move")
    source, target = await _agency(ctx, event, source_text), await _agency(ctx, event, target_text)
    change = await seat_admin.move_seats(
        ctx.session,
        event.id,
        source.id,
        target.id,
        _count(count_text),
        reason=reason,
        organiser_id=ctx.person.id,
        now=ctx.now,
        offer_ttl=offer_ttl(event),
    )
    await notify_offers(ctx.session, event, change.offers)
    return [ctx.reply("rsvp.org.moved", count=count_text, source=source.name, target=target.name)]


async def add_delegate(ctx: Context) -> list[Reply]:
    """/adddelegate (/themdaibieu) Agency | full name | position | phone | reason."""
    event = await require_organiser(ctx)
    agency_text, name, position, phone, reason = _args(ctx, 5, "add")
    agency = await _agency(ctx, event, agency_text)
    registration, outcome = await seat_admin.add_delegate(
        ctx.session,
        event.id,
        agency.id,
        full_name=clean_name(name),
        position=clean_name(position, "position_invalid"),
        phone=normalise_phone(phone),
        reason=reason,
        organiser_id=ctx.person.id,
        now=ctx.now,
    )
    return [
        ctx.reply(
            "rsvp.org.added",
            name=clean_name(name),
            agency=agency.name,
            id=registration.id,
            status=ctx.t(f"rsvp.status_short.{outcome.status.value}"),
        )
    ]


async def remove_delegate(ctx: Context) -> list[Reply]:
    """/removedelegate (/xoadaibieu) registration number | reason."""
    event = await require_organiser(ctx)
    number, reason = _args(ctx, 2, "remove")
    registration = await ctx.session.get(Registration, parse_id(number) or 0)
    if registration is None or registration.event_id != event.id:
        raise DomainError("delegate_not_found")
    change = await seat_admin.remove_delegate(
        ctx.session,
        event.id,
        registration.person_id,
        reason=reason,
        organiser_id=ctx.person.id,
        now=ctx.now,
        offer_ttl=offer_ttl(event),
    )
    await tell(
        ctx.session, registration.person_id, "rsvp.removed", kind="seat", event_id=event.id, title=event.title
    )
    await notify_offers(ctx.session, event, change.offers)
    return [ctx.reply("rsvp.org.removed", id=registration.id, offers=len(change.offers))]


async def notify_preference(ctx: Context) -> list[Reply]:
    """/notify (/nhanthongbao) now|digest: changes at once, or once a day."""
    event = await require_organiser(ctx)
    command = parse_command(ctx.inbound.text)
    choice = (command[1] if command else "").strip().lower()
    if choice not in ("now", "ngay", "digest", "tonghop"):
        raise DomainError("usage_notify")
    preference = (
        await ctx.session.execute(
            select(OrganiserPreference).where(
                OrganiserPreference.person_id == ctx.person.id, OrganiserPreference.event_id == event.id
            )
        )
    ).scalar_one_or_none()
    if preference is None:
        preference = OrganiserPreference(person_id=ctx.person.id, event_id=event.id, last_digest_at=ctx.now)
        ctx.session.add(preference)
    preference.digest = choice in ("digest", "tonghop")
    return [ctx.reply("rsvp.org.notify_digest" if preference.digest else "rsvp.org.notify_now")]
