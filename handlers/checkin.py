"""Check-in on the day: `/checkin` (`/diemdanh`), the delegate's QR (`ci_<code>` deep links) and
the venue's self check-in QR (`/venueqr`, `/qrhoitruong`; `vc_<token>` deep links)."""

from __future__ import annotations

import zoneinfo

from bot.domain.checkin import arrivals as checkin
from bot.domain.checkin.attendance import attendance_summary
from bot.domain.errors import DomainError
from bot.domain.formatting import format_date, format_time
from bot.domain.registration.invite_sheet import qr_png
from bot.domain.registration.registrations import registration_of
from bot.domain.textfold import fold
from bot.messages import OutFile, Reply
from handlers.context import Context
from handlers.roles import is_organiser, require_organiser
from handlers.router import parse_command
from storage import repositories as repo
from storage.models import Agency, Event, Person
from storage.rsvp_models import Registration, RegistrationStatus

__all__ = [
    "check_in_command",
    "delegate_pass",
    "venue_qr",
    "claim_check_in_link",
    "DELEGATE_PREFIX",
    "VENUE_PREFIX",
]

DELEGATE_PREFIX = "ci_"  # /start ci_<code>: a delegate's personal QR, scanned by an organiser
VENUE_PREFIX = "vc_"  # /start vc_<token>: the venue's QR, opened by delegates themselves
RENEW_WORDS = {"moi", "new", "renew"}  # compared folded: "mới" is "moi"


def _local_time(event: Event, moment) -> str:  # type: ignore[no-untyped-def]
    return format_time(moment.astimezone(zoneinfo.ZoneInfo(event.timezone)).time())


async def _who(ctx: Context, registration: Registration) -> tuple[str, str]:
    person = await ctx.session.get(Person, registration.person_id)
    agency = await ctx.session.get(Agency, registration.agency_id)
    return (person.full_name if person and person.full_name else "—"), (agency.name if agency else "—")


async def _organiser_answer(ctx: Context, event: Event, result: checkin.CheckIn) -> list[Reply]:
    name, agency = await _who(ctx, result.registration)
    when = _local_time(event, result.registration.checked_in_at)
    totals = (await attendance_summary(ctx.session, event.id)).total
    key = "organiser.checkin.already" if result.already else "organiser.checkin.done"
    return [
        ctx.reply(
            key, name=name, agency=agency, time=when, arrived=totals.checked_in, confirmed=totals.confirmed
        )
    ]


async def delegate_pass(ctx: Context, event: Event, registration: Registration) -> Reply:
    """The delegate's own check-in code and its QR, to show at the door."""
    if registration.status != RegistrationStatus.CONFIRMED:
        raise DomainError("checkin_not_confirmed")
    code = await checkin.ensure_check_in_code(ctx.session, registration)
    shown = checkin.display_code(code)
    link = ctx.link_for(f"{DELEGATE_PREFIX}{code}")
    qr = OutFile(
        ctx.t("organiser.file.pass", code=code),
        qr_png(link),
        "image/png",
        caption=ctx.t("organiser.checkin.pass_caption", code=shown),
        is_photo=True,
    )
    if registration.checked_in_at is not None:
        text = ctx.t(
            "organiser.checkin.pass_used", code=shown, time=_local_time(event, registration.checked_in_at)
        )
    else:
        text = ctx.t("organiser.checkin.pass", title=event.title, code=shown)
    return Reply(text=text, files=[qr])


async def check_in_command(ctx: Context) -> list[Reply]:
    """/checkin (/diemdanh) CODE checks a delegate in (organisers); alone, shows one's own pass."""
    command = parse_command(ctx.inbound.text)
    code = command[1] if command else ""
    if code:
        event = await require_organiser(ctx)
        result = await checkin.check_in_by_organiser(
            ctx.session, event, code, organiser_id=ctx.person.id, now=ctx.now
        )
        return await _organiser_answer(ctx, event, result)
    event = await ctx.event()
    if event is None:
        raise DomainError("no_event")
    registration = await registration_of(ctx.session, event.id, ctx.person.id)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        if await is_organiser(ctx, event.id):
            raise DomainError("usage_checkin")
        raise DomainError("checkin_not_registered")
    return [await delegate_pass(ctx, event, registration)]


async def venue_qr(ctx: Context) -> list[Reply]:
    """/venueqr (/qrhoitruong) [new]: the QR to print at the door for self check-in."""
    event = await require_organiser(ctx)
    command = parse_command(ctx.inbound.text)
    renew = bool(command and fold(command[1]) in RENEW_WORDS)
    link = await checkin.venue_link(
        ctx.session, event.id, renew=renew, now=ctx.now, by_person_id=ctx.person.id
    )
    url = ctx.link_for(f"{VENUE_PREFIX}{link.token}")
    windows = checkin.check_in_windows(event)
    if windows:
        opens, closes = windows[0]
        hours = ctx.t(
            "organiser.venue.hours",
            opens=_local_time(event, opens),
            closes=_local_time(event, closes),
            date=format_date(opens.astimezone(zoneinfo.ZoneInfo(event.timezone)).date()),
        )
    else:
        hours = ctx.t("organiser.venue.no_date")
    qr = OutFile(
        ctx.t("organiser.file.venue_qr", slug=event.slug),
        qr_png(url),
        "image/png",
        caption=ctx.t("organiser.venue.caption", title=event.title),
        is_photo=True,
    )
    return [Reply(text=ctx.t("organiser.venue.link", title=event.title, link=url, hours=hours), files=[qr])]


async def _scan(ctx: Context, code: str) -> list[Reply]:
    registration = await checkin.registration_by_code(ctx.session, code)
    if registration is None:
        return [ctx.reply("organiser.checkin.unknown_link", buttons=ctx.main_menu())]
    event = await repo.event_with_details(ctx.session, registration.event_id)
    assert event is not None
    ctx.choose_event(event)
    if await is_organiser(ctx, event.id):
        result = await checkin.check_in_by_organiser(
            ctx.session, event, code, organiser_id=ctx.person.id, now=ctx.now
        )
        return await _organiser_answer(ctx, event, result)
    if registration.person_id == ctx.person.id:
        return [await delegate_pass(ctx, event, registration)]
    return [ctx.reply("organiser.checkin.scan_refused", buttons=ctx.main_menu())]


async def _venue(ctx: Context, token: str) -> list[Reply] | None:
    link = await checkin.open_venue_link(ctx.session, token)
    if link is None:
        return None
    event = await repo.event_with_details(ctx.session, link.event_id)
    assert event is not None
    ctx.choose_event(event)
    result = await checkin.self_check_in(ctx.session, event, ctx.person.id, now=ctx.now)
    name, agency = await _who(ctx, result.registration)
    key = "organiser.checkin.self_already" if result.already else "organiser.checkin.self_done"
    return [
        ctx.reply(
            key,
            name=name,
            agency=agency,
            title=event.title,
            time=_local_time(event, result.registration.checked_in_at),
        )
    ]


async def claim_check_in_link(ctx: Context, payload: str) -> list[Reply] | None:
    """`/start ci_<code>` or `/start vc_<token>`; None when the payload is not a check-in link."""
    if payload.startswith(DELEGATE_PREFIX):
        return await _scan(ctx, payload.removeprefix(DELEGATE_PREFIX))
    if payload.startswith(VENUE_PREFIX):
        return await _venue(ctx, payload.removeprefix(VENUE_PREFIX))
    return None
