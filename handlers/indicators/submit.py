"""Submitting an indicator in chat (`/nop`, `/submit`): pick the indicator, type the value, send
the evidence files, check the summary, confirm. The draft lives in the database, so the steps
survive a restart; each file is checked and stored in the unit of work of the message that brought it.
On the console, which cannot receive files, a typed local file path stands for an upload."""

from __future__ import annotations

import enum
import logging
from pathlib import Path

from bot.domain.errors import DomainError
from bot.domain.indicators import assignments as ind
from bot.domain.indicators.evidence import (
    check_declared,
    policy_from,
    store_evidence,
    submission_files,
)
from bot.messages import Button, DownloadTooLarge, Reply
from bot.outbox.notices import notify_organisers
from handlers.context import Context
from handlers.payload_ids import parse_id
from handlers.router import parse_command
from storage.enums import Channel
from storage.indicator_models import AssignmentStatus, Submission, SubmissionStatus
from storage.models import Agency

__all__ = ["FLOW", "SubmitStep", "submit_command", "submit_button", "submit_input"]

log = logging.getLogger(__name__)
FLOW = "ind_submit"


class SubmitStep(enum.StrEnum):
    """States of the submission conversation (diagram in docs/indicators.md)."""

    VALUE = "value"
    FILES = "files"
    CONFIRM = "confirm"


async def submit_command(ctx: Context) -> list[Reply]:
    """/nop (/submit): the indicators the focal point can submit now, as buttons. On the console,
    `/nop <path>` while files are asked for attaches that local file (paths start with '/')."""
    command = parse_command(ctx.inbound.text)
    if command and command[1] and ctx.state.flow == FLOW and ctx.state.step == SubmitStep.FILES:
        return await _receive_file(ctx, await _draft(ctx), typed_path=command[1])
    event = await ctx.event()
    if event is None:
        return [ctx.reply("event.none")]
    agency_id = await ind.focal_agency(ctx.session, event.id, ctx.person.id)
    if agency_id is None:
        raise DomainError("indicator_not_focal_point")
    open_lines = [
        line
        for line in await ind.agency_assignments(ctx.session, event, agency_id, ctx.now)
        if line.assignment.status not in (AssignmentStatus.SUBMITTED, AssignmentStatus.ACCEPTED)
    ]
    if not open_lines:
        return [ctx.reply("indicators.submit.nothing_open")]
    rows = [
        [Button(f"{line.indicator.code} · {line.indicator.name_vi}"[:60], f"fp:pick:{line.assignment.id}")]
        for line in open_lines
    ]
    return [ctx.reply("indicators.submit.pick", buttons=rows)]


def _files_prompt(ctx: Context, count: int) -> Reply:
    policy = policy_from(ctx.settings)
    key = "indicators.submit.ask_files_console" if ctx.file_fetcher is None else "indicators.submit.ask_files"
    return ctx.reply(
        key,
        types=policy.type_list,
        limit=policy.max_mb,
        count=count,
        buttons=[[ctx.button("indicators.button.files_done", "fp:done")]],
    )


async def _draft(ctx: Context) -> Submission:
    draft = await ctx.session.get(Submission, ctx.state.data.get("submission_id") or 0)
    if draft is None or draft.status != SubmissionStatus.DRAFT:
        ctx.end_flow()
        raise DomainError("indicator_draft_gone")
    return draft


async def _summary(ctx: Context, draft: Submission) -> Reply:
    files = await submission_files(ctx.session, draft.id)
    names = "\n".join(
        ctx.t("indicators.submit.file_line", name=f.original_name, size=_size(f.size)) for f in files
    )
    return ctx.reply(
        "indicators.submit.summary",
        code=ctx.state.data.get("code", ""),
        name=ctx.state.data.get("name", ""),
        value=draft.value or "—",
        files=names or ctx.t("indicators.submit.no_files"),
        buttons=[
            [ctx.button("indicators.button.confirm", "fp:confirm")],
            [
                ctx.button("indicators.button.edit_value", "fp:value"),
                ctx.button("indicators.button.add_files", "fp:files"),
                ctx.button("indicators.button.cancel", "fp:cancel"),
            ],
        ],
    )


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1000))} KB"


async def _pick(ctx: Context, assignment_id: int) -> list[Reply]:
    assignment, indicator = await ind.assignment_of_focal_point(ctx.session, assignment_id, ctx.person.id)
    draft = await ind.start_draft(ctx.session, assignment, ctx.person.id, ctx.now)
    ctx.start_flow(
        FLOW,
        SubmitStep.VALUE,
        assignment_id=assignment.id,
        submission_id=draft.id,
        code=indicator.code,
        name=indicator.name_vi,
    )
    return [
        ctx.reply(
            "indicators.submit.ask_value",
            code=indicator.code,
            name=indicator.name_vi,
            unit=indicator.unit or "—",
            evidence=indicator.evidence_expected or "—",
        )
    ]


async def _confirm(ctx: Context) -> list[Reply]:
    draft = await _draft(ctx)
    assignment = await ind.submit_draft(ctx.session, draft, ctx.person.id, ctx.now)
    data = dict(ctx.state.data)
    ctx.end_flow()
    agency = await ctx.session.get(Agency, assignment.agency_id)
    count = len(await submission_files(ctx.session, draft.id))
    await notify_organisers(
        ctx.session,
        assignment.event_id,
        "indicators.org.submitted",
        code=data.get("code", ""),
        name=data.get("name", ""),
        agency=agency.name if agency else "—",
        files=count,
        buttons=[[("indicators.button.open_review", f"rv:open:{draft.id}")]],
    )
    return [
        ctx.reply(
            "indicators.submit.done",
            code=data.get("code", ""),
            files=count,
            buttons=[[ctx.button("indicators.button.status", "cmd:tiendo")]],
        )
    ]


async def submit_button(ctx: Context) -> list[Reply]:
    """fp:pick:<assignment>, and fp:done / fp:confirm / fp:value / fp:files / fp:cancel in the flow."""
    parts = (ctx.inbound.payload or "").split(":")
    if parts[1:2] == ["pick"] and parts[2:3] and parse_id(parts[2]) is not None:
        return await _pick(ctx, parse_id(parts[2]) or 0)
    if ctx.state.flow != FLOW:
        return [ctx.reply("rsvp.flow_expired", buttons=ctx.main_menu())]
    action = parts[1] if len(parts) > 1 else ""
    if action == "cancel":
        ctx.end_flow()
        return [ctx.reply("indicators.submit.cancelled", buttons=ctx.main_menu())]
    draft = await _draft(ctx)
    if action == "value":
        ctx.state.step = SubmitStep.VALUE
        return [ctx.reply("indicators.submit.ask_value_again")]
    if action == "files":
        ctx.state.step = SubmitStep.FILES
        return [_files_prompt(ctx, len(await submission_files(ctx.session, draft.id)))]
    if action == "done" and ctx.state.step == SubmitStep.FILES:
        ctx.state.step = SubmitStep.CONFIRM
        return [await _summary(ctx, draft)]
    if action == "confirm" and ctx.state.step == SubmitStep.CONFIRM:
        return await _confirm(ctx)
    return [ctx.reply("rsvp.flow_expired", buttons=ctx.main_menu())]


async def _console_file(ctx: Context, text: str) -> tuple[str, bytes]:
    # The console has a single local user (the operator): a typed path stands for an upload.
    policy = policy_from(ctx.settings)
    path = Path(text.strip().strip("'\"")).expanduser()
    if not path.is_file():
        raise DomainError("evidence_path_not_found")
    check_declared(policy, path.name, None, path.stat().st_size)
    return path.name, path.read_bytes()


async def _receive_file(ctx: Context, draft: Submission, typed_path: str | None = None) -> list[Reply]:
    inbound, policy = ctx.inbound, policy_from(ctx.settings)
    typed_path = typed_path or inbound.text
    if inbound.file is not None:
        if ctx.file_fetcher is None:
            raise DomainError("evidence_cannot_fetch")
        name, mime = inbound.file.filename, inbound.file.mime_type
        # Refuse by name and announced size before downloading anything.
        check_declared(policy, name, mime, inbound.file.size)
        try:
            data = await ctx.file_fetcher(inbound.file.file_id)
        except DownloadTooLarge as exc:
            raise DomainError("evidence_too_large", limit=policy.max_mb) from exc
        except Exception as exc:  # the messenger's download failed: nothing was stored
            log.warning("evidence download %s failed: %s", inbound.file.file_id, exc)
            raise DomainError("evidence_fetch_failed") from exc
    elif inbound.channel == Channel.CONSOLE and ctx.file_fetcher is None and typed_path:
        mime = None
        name, data = await _console_file(ctx, typed_path)
    else:
        return [_files_prompt(ctx, len(await submission_files(ctx.session, draft.id)))]
    event_id = (await ind.assignment_of_focal_point(ctx.session, draft.assignment_id, ctx.person.id))[
        0
    ].event_id
    stored = await store_evidence(ctx.session, policy, draft, event_id, name, mime, data)
    count = len(await submission_files(ctx.session, draft.id))
    key = "indicators.submit.file_duplicate" if stored is None else "indicators.submit.file_received"
    return [
        ctx.reply(
            key,
            name=stored.original_name if stored else (name or "—"),
            count=count,
            size=_size(stored.size if stored else len(data)),
            buttons=[[ctx.button("indicators.button.files_done", "fp:done")]],
        )
    ]


async def submit_input(ctx: Context) -> list[Reply] | None:
    """Typed values and sent files while submitting."""
    step = ctx.state.step
    if step == SubmitStep.VALUE:
        if ctx.inbound.file is not None:
            return [ctx.reply("indicators.submit.value_first")]
        draft = await _draft(ctx)
        draft.value = ind.clean_value(ctx.inbound.text)
        ctx.state.step = SubmitStep.FILES
        return [_files_prompt(ctx, len(await submission_files(ctx.session, draft.id)))]
    if step == SubmitStep.FILES:
        return await _receive_file(ctx, await _draft(ctx))
    if step == SubmitStep.CONFIRM:
        return [await _summary(ctx, await _draft(ctx))]
    return None
