"""Focal points (cán bộ đầu mối): joining through their agency's link (or by the phone an
organiser gave), `/tiendo` (`/status`) with what is due, one indicator in detail; for organisers,
`/lienketdaumoi` (`/focallinks`) and `/themdaumoi` (`/addfocal`). See docs/indicators.md."""

from __future__ import annotations

import enum

from sqlalchemy import select

from bot.domain.errors import DomainError
from bot.domain.formatting import format_date
from bot.domain.indicators import assignments as ind
from bot.domain.indicators.evidence import submission_files
from bot.domain.indicators.focal_claims import request_focal_by_phone
from bot.domain.indicators.progress import is_sample_event
from bot.domain.registration.agency_search import rank_agencies
from bot.domain.registration.invitations import create_invitation, open_invitation
from bot.domain.registration.invite_sheet import InviteLine, qr_zip
from bot.domain.registration.people import normalise_phone
from bot.domain.textfold import fold
from bot.messages import Button, OutFile, Reply
from bot.outbox.notices import local_datetime, tell
from handlers.context import Context
from handlers.indicators.focal_approval import announce_request
from handlers.payload_ids import parse_id
from handlers.roles import is_organiser, require_organiser
from handlers.router import parse_command
from storage import repositories as repo
from storage.indicator_models import Assignment, AssignmentStatus, Indicator, Pillar
from storage.models import Agency, Event
from storage.rsvp_models import Invitation, InvitationKind

__all__ = [
    "JOIN_FLOW",
    "JoinStep",
    "claim_focal_point_link",
    "join_button",
    "join_input",
    "show_status",
    "open_button",
    "focal_links",
    "add_focal",
    "status_line",
    "days_text",
]

JOIN_FLOW = "focal_join"
_YES = {"dong y", "co", "yes", "ok", "y", "agree", "1"}
_NO = {"khong", "khong dong y", "no", "n", "2"}


class JoinStep(enum.StrEnum):
    """States of joining as a focal point."""

    CONSENT = "consent"  # link opened; waits for consent before the role is stored
    PHONE = "phone"  # not a focal point yet; may share the phone an organiser added


def days_text(ctx: Context, line: ind.AssignmentLine) -> str:
    """'còn 3 ngày', 'hạn hôm nay', 'quá hạn 2 ngày', or nothing once submitted or accepted."""
    if line.assignment.status in (AssignmentStatus.SUBMITTED, AssignmentStatus.ACCEPTED):
        return ""
    if line.days_left < 0:
        return ctx.t.plural("indicators.days.overdue", -line.days_left, days=-line.days_left)
    if line.days_left == 0:
        return ctx.t("indicators.days.today")
    return ctx.t.plural("indicators.days.left", line.days_left, days=line.days_left)


def status_line(ctx: Context, number: int, line: ind.AssignmentLine) -> str:
    """One assignment in a list: code, name, status, deadline, days left."""
    days = days_text(ctx, line)
    return ctx.t(
        "indicators.status_line_days" if days else "indicators.status_line",
        n=number,
        code=line.indicator.code,
        name=line.indicator.name_vi,
        days=days,
        status=ctx.t(f"indicators.status.{line.assignment.status.value}"),
        deadline=format_date(line.assignment.deadline),
    )


async def claim_focal_point_link(ctx: Context, payload: str) -> list[Reply] | None:
    """`/start <token>` of a focal-point link: consent, then the agency's role; None if not ours."""
    invitation = await open_invitation(ctx.session, payload)
    if invitation is None or invitation.kind != InvitationKind.FOCAL_POINT or invitation.agency_id is None:
        return None
    event = await repo.event_with_details(ctx.session, invitation.event_id)
    agency = await ctx.session.get(Agency, invitation.agency_id)
    assert event is not None and agency is not None
    ctx.choose_event(event)
    current = await ind.focal_agency(ctx.session, event.id, ctx.person.id)
    if current == agency.id:
        return await show_status(ctx)
    if current is not None:
        raise DomainError("focal_other_agency")
    if ctx.person.consent_at is not None:
        return await _join(ctx, event, agency, invitation)
    ctx.start_flow(JOIN_FLOW, JoinStep.CONSENT, invitation_id=invitation.id)
    return [ctx.reply("indicators.join.greeting", agency=agency.name, title=event.title), _consent(ctx)]


def _consent(ctx: Context) -> Reply:
    return ctx.reply(
        "indicators.join.consent",
        buttons=[
            [
                ctx.button("rsvp.button.agree", "fp:consent:yes"),
                ctx.button("rsvp.button.disagree", "fp:consent:no"),
            ]
        ],
    )


async def _join(ctx: Context, event: Event, agency: Agency, invitation: Invitation | None) -> list[Reply]:
    ctx.end_flow()
    if ctx.person.consent_at is None:
        ctx.person.consent_at = ctx.now
    await ind.add_focal_point(ctx.session, event.id, ctx.person.id, agency.id)
    if invitation is not None:
        invitation.uses += 1
    return [ctx.reply("indicators.join.done", agency=agency.name, title=event.title), *await show_status(ctx)]


async def _consent_answer(ctx: Context, agreed: bool) -> list[Reply]:
    invitation = await ctx.session.get(Invitation, ctx.state.data.get("invitation_id") or 0)
    if not agreed or invitation is None:
        ctx.end_flow()
        return [ctx.reply("indicators.join.refused", buttons=ctx.main_menu())]
    # Opened again: the link may have been revoked while the person read the consent text.
    invitation = await open_invitation(ctx.session, invitation.token)
    assert invitation is not None and invitation.agency_id is not None
    event = await repo.event_with_details(ctx.session, invitation.event_id)
    agency = await ctx.session.get(Agency, invitation.agency_id)
    assert event is not None and agency is not None
    ctx.choose_event(event)
    return await _join(ctx, event, agency, invitation)


async def join_button(ctx: Context) -> list[Reply]:
    """fp:consent:yes|no while joining."""
    if ctx.state.flow != JOIN_FLOW or ctx.state.step != JoinStep.CONSENT:
        return [ctx.reply("rsvp.flow_expired", buttons=ctx.main_menu())]
    return await _consent_answer(ctx, (ctx.inbound.payload or "").endswith(":yes"))


async def join_input(ctx: Context) -> list[Reply] | None:
    """Typed consent, or the phone shared to match an organiser's entry."""
    text = fold(ctx.inbound.text or "")
    if ctx.state.step == JoinStep.CONSENT:
        if text in _YES or text in _NO:
            return await _consent_answer(ctx, text in _YES)
        return [_consent(ctx)]
    if ctx.state.step == JoinStep.PHONE:
        contact = ctx.inbound.contact
        if contact is not None and contact.user_id not in (None, ctx.inbound.user_id):
            raise DomainError("phone_not_own")
        if contact is None and sum(c.isdigit() for c in text) < 9:
            # Not a phone number: leave the step and let the input be handled as usual.
            ctx.end_flow()
            return None
        phone = normalise_phone(contact.phone if contact is not None else ctx.inbound.text or "")
        event = await ctx.event()
        ctx.end_flow()
        if event is None:
            return [ctx.reply("indicators.join.phone_unknown", buttons=ctx.main_menu())]
        # The phone is compared, not stored: the role is all that is kept. Only a contact the
        # messenger vouches for as the sender's own gives it at once; a typed one waits for approval.
        if contact is not None and contact.user_id == ctx.inbound.user_id:
            if await ind.claim_pending_by_phone(ctx.session, event.id, ctx.person.id, phone, ctx.now) is None:
                return [ctx.reply("indicators.join.phone_unknown", buttons=ctx.main_menu())]
            return await show_status(ctx)
        request = await request_focal_by_phone(ctx.session, event.id, ctx.person.id, phone, ctx.now)
        if request is None:
            return [ctx.reply("indicators.join.phone_unknown", buttons=ctx.main_menu())]
        await announce_request(ctx, request, phone)
        return [ctx.reply("reliability.focal.waiting", buttons=ctx.main_menu())]
    return None


async def show_status(ctx: Context) -> list[Reply]:
    """/tiendo (/status): the focal point's indicators, overdue first, with buttons to open each."""
    event = await ctx.event()
    if event is None:
        return [ctx.reply("event.none")]
    agency_id = await ind.focal_agency(ctx.session, event.id, ctx.person.id)
    if agency_id is None and ctx.person.phone_verified_at is not None:
        # Only a phone the messenger vouched for (shared as the person's own contact) claims a role.
        agency_id = await ind.claim_pending_by_phone(
            ctx.session, event.id, ctx.person.id, ctx.person.phone, ctx.now
        )
    if agency_id is None:
        if await is_organiser(ctx, event.id):
            return [ctx.reply("indicators.org.use_progress")]
        ctx.start_flow(JOIN_FLOW, JoinStep.PHONE)
        reply = ctx.reply("indicators.not_focal_point")
        reply.request_phone = True
        return [reply]
    agency = await ctx.session.get(Agency, agency_id)
    lines = await ind.agency_assignments(ctx.session, event, agency_id, ctx.now)
    head = [ctx.t("indicators.status_header", agency=agency.name if agency else "—", title=event.title)]
    if await is_sample_event(ctx.session, event.id):
        head.append(ctx.t("indicators.sample_notice"))
    if not lines:
        return [Reply(text="\n\n".join([*head, ctx.t("indicators.nothing_assigned")]))]
    body = "\n".join(status_line(ctx, n, line) for n, line in enumerate(lines, start=1))
    buttons = [
        Button(f"{n}. {line.indicator.code}"[:40], f"fp:open:{line.assignment.id}")
        for n, line in enumerate(lines, start=1)
    ]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append([ctx.button("indicators.button.submit", "cmd:nop")])
    return [Reply(text="\n\n".join([*head, body, ctx.t("indicators.status_hint")]), buttons=rows)]


async def _detail(ctx: Context, event: Event, assignment: Assignment, indicator: Indicator) -> Reply:
    pillar = await ctx.session.get(Pillar, indicator.pillar_id)
    line = ind.AssignmentLine(
        assignment, indicator, "", (assignment.deadline - ind.local_today(event, ctx.now)).days
    )
    dash = "—"
    parts = [
        ctx.t(
            "indicators.detail",
            code=indicator.code,
            name=indicator.name_vi,
            name_en=indicator.name_en or dash,
            pillar=pillar.name_vi if pillar else dash,
            unit=indicator.unit or dash,
            source=indicator.data_source or dash,
            evidence=indicator.evidence_expected or dash,
            deadline=format_date(assignment.deadline),
            days=days_text(ctx, line) or dash,
            status=ctx.t(f"indicators.status.{assignment.status.value}"),
        )
    ]
    sent = await ind.latest_submission(ctx.session, assignment.id)
    if sent is not None and sent.submitted_at is not None:
        files = await submission_files(ctx.session, sent.id)
        parts.append(
            ctx.t(
                "indicators.detail_sent",
                at=local_datetime(ctx.t, event, sent.submitted_at),
                value=sent.value or dash,
                files=", ".join(f.original_name for f in files) or dash,
            )
        )
    comments = [c for c in await ind.history(ctx.session, assignment.id) if c.comment]
    for change in comments[-3:]:
        parts.append(
            ctx.t(
                "indicators.detail_comment",
                at=local_datetime(ctx.t, event, change.at),
                comment=change.comment,
            )
        )
    buttons = []
    if assignment.status not in (AssignmentStatus.SUBMITTED, AssignmentStatus.ACCEPTED):
        buttons.append([ctx.button("indicators.button.submit_this", f"fp:pick:{assignment.id}")])
    buttons.append([ctx.button("indicators.button.status", "cmd:tiendo")])
    return Reply(text="\n\n".join(parts), buttons=buttons)


async def open_button(ctx: Context) -> list[Reply]:
    """fp:open:<assignment>: what is required, what was sent, the reviewers' comments."""
    raw = (ctx.inbound.payload or "").rsplit(":", 1)[-1]
    if parse_id(raw) is None:
        raise DomainError("indicator_assignment_not_found")
    assignment, indicator = await ind.assignment_of_focal_point(
        ctx.session, parse_id(raw) or 0, ctx.person.id
    )
    event = await ctx.session.get(Event, assignment.event_id)
    assert event is not None
    return [await _detail(ctx, event, assignment, indicator)]


async def _agency_arg(ctx: Context, event: Event, text: str) -> Agency:
    rows = await ctx.session.execute(
        select(Agency).where(
            Agency.id.in_(select(Assignment.agency_id).where(Assignment.event_id == event.id))
        )
    )
    matches = rank_agencies(text, list(rows.scalars()), limit=3)
    if not matches:
        raise DomainError("agency_unknown", query=text)
    if len(matches) > 1 and fold(matches[0].name) != fold(text):
        raise DomainError("agency_ambiguous", choices="; ".join(a.name for a in matches))
    return matches[0]


async def focal_links(ctx: Context) -> list[Reply]:
    """/lienketdaumoi (/focallinks): one focal-point link per agency that owes indicators, and QR codes."""
    event = await require_organiser(ctx)
    agencies = (
        (
            await ctx.session.execute(
                select(Agency)
                .where(Agency.id.in_(select(Assignment.agency_id).where(Assignment.event_id == event.id)))
                .order_by(Agency.name)
            )
        )
        .scalars()
        .all()
    )
    if not agencies:
        return [ctx.reply("indicators.org.no_assignments")]
    live = (
        (
            await ctx.session.execute(
                select(Invitation)
                .where(
                    Invitation.event_id == event.id,
                    Invitation.kind == InvitationKind.FOCAL_POINT,
                    Invitation.revoked_at.is_(None),
                )
                .order_by(Invitation.id)
            )
        )
        .scalars()
        .all()
    )
    by_agency: dict[int | None, Invitation] = {}
    for invitation in live:
        by_agency.setdefault(invitation.agency_id, invitation)
    lines = []
    for n, agency in enumerate(agencies, start=1):
        invitation = by_agency.get(agency.id) or await create_invitation(
            ctx.session, event.id, InvitationKind.FOCAL_POINT, agency_id=agency.id
        )
        lines.append(InviteLine(n, agency.name, None, invitation.token, ctx.link_for(invitation.token)))
    body = "\n".join(
        ctx.t("indicators.org.link_line", n=line.position, agency=line.agency, link=line.link)
        for line in lines
    )
    archive = OutFile(
        f"{event.slug}-focal-points.zip",
        qr_zip(lines),
        "application/zip",
        caption=ctx.t("indicators.org.links_file"),
    )
    return [
        Reply(text=ctx.t("indicators.org.links_header", title=event.title) + "\n\n" + body, files=[archive])
    ]


async def add_focal(ctx: Context) -> list[Reply]:
    """/themdaumoi (/addfocal) `Agency | phone`: the person becomes focal point now, or when they turn up."""
    event = await require_organiser(ctx)
    command = parse_command(ctx.inbound.text)
    parts = [p.strip() for p in (command[1] if command else "").split("|")]
    if len(parts) != 2 or not all(parts):
        raise DomainError("usage_addfocal")
    agency = await _agency_arg(ctx, event, parts[0])
    phone = normalise_phone(parts[1])
    person_id = await ind.add_focal_by_phone(
        ctx.session, event.id, agency.id, phone, added_by=ctx.person.id, now=ctx.now
    )
    await repo.record_audit(
        ctx.session, "focal_point.named", event_id=event.id, actor_person_id=ctx.person.id, agency=agency.id
    )
    if person_id is None:
        return [ctx.reply("indicators.org.focal_pending", agency=agency.name, phone=phone)]
    await tell(
        ctx.session,
        person_id,
        "indicators.join.added",
        kind="indicator",
        event_id=event.id,
        agency=agency.name,
        title=event.title,
        buttons=[[("indicators.button.status", "cmd:tiendo")]],
    )
    return [ctx.reply("indicators.org.focal_added", agency=agency.name, phone=phone)]
