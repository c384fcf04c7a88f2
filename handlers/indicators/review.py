"""Organisers and indicators: `/duyet` (`/review`) what waits, open a submission (value and files
sent back), accept it or ask for a revision with a comment; `/tiendochiso` (`/indicators`)
completion per agency and pillar with the overdue list; `/xuatchiso` (`/exportindicators`) Excel."""

from __future__ import annotations

import enum

from bot.documents.attendance_workbook import XLSX_MIME
from bot.documents.indicator_workbook import indicator_workbook
from bot.domain.errors import DomainError
from bot.domain.formatting import format_date
from bot.domain.indicators import assignments as ind
from bot.domain.indicators.evidence import policy_from, read_evidence, submission_files
from bot.domain.indicators.progress import Completion, indicator_progress
from bot.messages import Button, OutFile, Reply
from bot.outbox.notices import local_datetime, tell
from handlers.context import Context
from handlers.indicators.focal_points import days_text
from handlers.payload_ids import parse_id
from handlers.roles import require_organiser
from storage.indicator_models import Assignment, AssignmentStatus, Indicator, Submission, SubmissionStatus
from storage.models import Agency, Event, Person

__all__ = [
    "COMMENT_FLOW",
    "ReviewStep",
    "review_list",
    "review_button",
    "review_comment",
    "progress",
    "export",
]

COMMENT_FLOW = "ind_review"
# Telegram allows 4096 characters per message; lists longer than this are cut with a count.
_MAX_LINES = 40


class ReviewStep(enum.StrEnum):
    """The one typed step of a review: the comment of a revision request."""

    COMMENT = "comment"


async def review_list(ctx: Context) -> list[Reply]:
    """/duyet (/review): the submissions waiting for a decision, oldest first, as buttons."""
    event = await require_organiser(ctx)
    waiting = await ind.waiting_submissions(ctx.session, event.id)
    if not waiting:
        return [ctx.reply("indicators.review.nothing")]
    lines = [
        ctx.t(
            "indicators.review.line",
            n=n,
            code=i.code,
            agency=agency,
            at=local_datetime(ctx.t, event, s.submitted_at) if s.submitted_at else "—",
        )
        for n, (s, _a, i, agency) in enumerate(waiting[:_MAX_LINES], start=1)
    ]
    buttons = [
        [Button(f"{n}. {i.code} · {agency}"[:60], f"rv:open:{s.id}")]
        for n, (s, _a, i, agency) in enumerate(waiting[:_MAX_LINES], start=1)
    ]
    text = ctx.t("indicators.review.header", count=len(waiting)) + "\n\n" + "\n".join(lines)
    return [Reply(text=text, buttons=buttons)]


async def _submission(ctx: Context, raw: str) -> tuple[Event, Submission, Assignment, Indicator]:
    submission = await ctx.session.get(Submission, parse_id(raw) or 0)
    assignment = await ctx.session.get(Assignment, submission.assignment_id) if submission else None
    if submission is None or assignment is None:
        raise DomainError("indicator_submission_not_found")
    event = await ctx.session.get(Event, assignment.event_id)
    assert event is not None
    ctx.choose_event(event)
    await require_organiser(ctx)
    indicator = await ctx.session.get(Indicator, assignment.indicator_id)
    assert indicator is not None
    return event, submission, assignment, indicator


async def _open(ctx: Context, raw: str) -> list[Reply]:
    event, submission, assignment, indicator = await _submission(ctx, raw)
    agency = await ctx.session.get(Agency, assignment.agency_id)
    person = await ctx.session.get(Person, submission.by_person_id) if submission.by_person_id else None
    policy = policy_from(ctx.settings)
    files, missing = [], []
    for stored in await submission_files(ctx.session, submission.id):
        data = read_evidence(policy, stored)
        if data is None:
            missing.append(stored.original_name)
        else:
            files.append(
                OutFile(
                    stored.original_name,
                    data,
                    stored.mime_type,
                    caption=f"{indicator.code} · {stored.sha256[:12]}",
                )
            )
    text = ctx.t(
        "indicators.review.detail",
        code=indicator.code,
        name=indicator.name_vi,
        agency=agency.name if agency else "—",
        by=(person.full_name if person else None) or "—",
        at=local_datetime(ctx.t, event, submission.submitted_at) if submission.submitted_at else "—",
        value=submission.value or "—",
        unit=indicator.unit or "—",
        files=len(files),
        status=ctx.t(f"indicators.status.{assignment.status.value}"),
    )
    if missing:
        text += "\n" + ctx.t("indicators.review.files_missing", names=", ".join(missing))
    buttons = []
    if assignment.status == AssignmentStatus.SUBMITTED and submission.status == SubmissionStatus.SUBMITTED:
        buttons = [
            [
                ctx.button("indicators.button.accept", f"rv:ok:{submission.id}"),
                ctx.button("indicators.button.revise", f"rv:fix:{submission.id}"),
            ]
        ]
    if not buttons:
        return [Reply(text=text, files=files)]
    # The decision buttons come after the files, so they are at the bottom of the chat.
    return [Reply(text=text, files=files), Reply(text=ctx.t("indicators.review.decide"), buttons=buttons)]


async def _decide(ctx: Context, raw: str, *, accept: bool, comment: str | None = None) -> list[Reply]:
    event, submission, assignment, indicator = await _submission(ctx, raw)
    await ind.review_submission(
        ctx.session, submission, accept=accept, reviewer_id=ctx.person.id, now=ctx.now, comment=comment
    )
    ctx.end_flow()
    key = "indicators.review.told_accepted" if accept else "indicators.review.told_revision"
    for person_id in await ind.focal_people(ctx.session, event.id, assignment.agency_id):
        await tell(
            ctx.session,
            person_id,
            key,
            kind="indicator",
            event_id=event.id,
            code=indicator.code,
            name=indicator.name_vi,
            comment=comment or "—",
            buttons=[[("indicators.button.open", f"fp:open:{assignment.id}")]],
        )
    done = "indicators.review.accepted" if accept else "indicators.review.revision_sent"
    return [
        ctx.reply(done, code=indicator.code, buttons=[[ctx.button("indicators.button.next", "cmd:duyet")]])
    ]


async def review_button(ctx: Context) -> list[Reply]:
    """rv:open:<submission>, rv:ok:<submission> (accept), rv:fix:<submission> (ask for a comment)."""
    parts = (ctx.inbound.payload or "").split(":")
    action, raw = (parts[1], parts[2]) if len(parts) == 3 else ("", "")
    if action == "open":
        return await _open(ctx, raw)
    if action == "ok":
        return await _decide(ctx, raw, accept=True)
    if action == "fix":
        _event, submission, _a, indicator = await _submission(ctx, raw)
        if submission.status != SubmissionStatus.SUBMITTED:
            raise DomainError("indicator_not_waiting")
        ctx.start_flow(COMMENT_FLOW, ReviewStep.COMMENT, submission_id=submission.id)
        return [ctx.reply("indicators.review.ask_comment", code=indicator.code)]
    raise DomainError("indicator_submission_not_found")


async def review_comment(ctx: Context) -> list[Reply] | None:
    """The typed comment of a revision request."""
    if ctx.state.step != ReviewStep.COMMENT or ctx.inbound.text is None:
        return None
    return await _decide(
        ctx, str(ctx.state.data.get("submission_id", "")), accept=False, comment=ctx.inbound.text
    )


def _completion(ctx: Context, item: Completion) -> str:
    return ctx.t(
        "indicators.progress.line",
        name=item.name,
        accepted=item.accepted,
        total=item.total,
        percent=item.percent,
        submitted=item.submitted,
        overdue=item.overdue,
    )


async def progress(ctx: Context) -> list[Reply]:
    """/tiendochiso (/indicators): completion per agency and per pillar, and what is overdue."""
    event = await require_organiser(ctx)
    figures = await indicator_progress(ctx.session, event, ctx.now)
    if figures.total.total == 0:
        return [ctx.reply("indicators.org.no_assignments")]
    parts = [ctx.t("indicators.progress.header", title=event.title, at=local_datetime(ctx.t, event, ctx.now))]
    if figures.is_sample:
        parts.append(ctx.t("indicators.sample_notice"))
    parts.append(
        ctx.t(
            "indicators.progress.total",
            accepted=figures.total.accepted,
            total=figures.total.total,
            percent=figures.total.percent,
            submitted=figures.total.submitted,
            overdue=figures.total.overdue,
        )
    )
    parts.append(
        ctx.t("indicators.progress.by_agency")
        + "\n"
        + "\n".join(_completion(ctx, c) for c in figures.agencies[:_MAX_LINES])
    )
    parts.append(
        ctx.t("indicators.progress.by_pillar")
        + "\n"
        + "\n".join(_completion(ctx, c) for c in figures.pillars)
    )
    if figures.overdue:
        late = [
            ctx.t(
                "indicators.progress.overdue_line",
                code=line.indicator.code,
                agency=line.agency,
                deadline=format_date(line.assignment.deadline),
                days=days_text(ctx, line),
            )
            for line in figures.overdue[:_MAX_LINES]
        ]
        if len(figures.overdue) > _MAX_LINES:
            late.append(ctx.t("indicators.progress.more", count=len(figures.overdue) - _MAX_LINES))
        parts.append(
            ctx.t("indicators.progress.overdue", count=len(figures.overdue)) + "\n" + "\n".join(late)
        )
    else:
        parts.append(ctx.t("indicators.progress.none_overdue"))
    buttons = [
        [
            ctx.button("indicators.button.export", "cmd:xuatchiso"),
            ctx.button("indicators.button.review", "cmd:duyet"),
        ]
    ]
    return [Reply(text="\n\n".join(parts), buttons=buttons)]


async def export(ctx: Context) -> list[Reply]:
    """/xuatchiso (/exportindicators): the Excel workbook, one row per assignment."""
    event = await require_organiser(ctx)
    data = await indicator_workbook(ctx.session, event, ctx.t, ctx.now)
    if data is None:
        return [ctx.reply("indicators.org.no_assignments")]
    name = ctx.t(
        "indicators.export.file", slug=event.slug, date=ind.local_today(event, ctx.now).strftime("%Y%m%d")
    )
    return [Reply(text=ctx.t("indicators.export.caption"), files=[OutFile(name, data, XLSX_MIME)])]
