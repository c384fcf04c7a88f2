"""Setting up an event in chat from the organiser's document (`/nhapkehoach`, `/importplan`).

The organiser sends the plan, invitation or programme (Word, PDF, scan, text, or pasted text);
the bot shows what it found and what is missing; the organiser fills the gaps by answering
(several values in one message); confirming shows what would change for an existing event and
who would be told, and only the last confirmation writes. The draft lives in the conversation
state in the database, so the steps survive a restart.
"""

from __future__ import annotations

import enum
import logging
import pathlib

from sqlalchemy import select

from bot.documents.import_report import render_preview, render_report
from bot.domain.audiences import is_organiser
from bot.domain.errors import DomainError
from bot.domain.events.preview import preview_import
from bot.domain.plan import dump_event_yaml, load_event_yaml, parse_plan_text, read_event_bytes
from bot.domain.plan.answers import apply_answers
from bot.domain.plan.codes import MAX_FILE_BYTES
from bot.domain.plan.draft import EventDraft, ImportReport, PlanImportError
from bot.domain.plan.invitee_sheet import apply_invitees, read_invitee_sheet
from bot.domain.plan.summary import summarise_draft
from bot.messages import Button, FileRef, Reply
from bot.outbox.notices import save_event_and_notify
from handlers.context import Context
from storage import repositories as repo
from storage.enums import RoleKind
from storage.models import Role

__all__ = ["FLOW", "SetupStep", "document_offered", "setup_button", "setup_command", "setup_input"]

log = logging.getLogger(__name__)
FLOW = "plan_setup"
_PLAN_TYPES = {".docx", ".pdf", ".txt", ".md", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
_NO_TITLE = "\u2063"  # stands for a missing title inside the stored draft (the event file needs one)
_LIST_TYPES = {".xlsx", ".csv"}
_PASTED_MIN = 120  # characters: a longer message in the first step is a pasted document


class SetupStep(enum.StrEnum):
    """States of the set-up conversation."""

    DOCUMENT = "document"
    FILL = "fill"
    CONFIRM = "confirm"


async def _organises_something(ctx: Context) -> bool:
    """Whether this person organises any event (who may set up a new one)."""
    found = await ctx.session.execute(
        select(Role.id).where(Role.person_id == ctx.person.id, Role.kind == RoleKind.ORGANISER).limit(1)
    )
    return found.first() is not None


async def setup_command(ctx: Context) -> list[Reply]:
    """/nhapkehoach (/importplan): ask for the document."""
    if not await _organises_something(ctx):
        raise DomainError("organisers_only")
    ctx.start_flow(FLOW, SetupStep.DOCUMENT)
    return [ctx.reply("plan_setup.ask_document", buttons=[[_cancel(ctx)]])]


def _cancel(ctx: Context) -> Button:
    return ctx.button("plan_setup.button.cancel", "ps:cancel")


def _store(ctx: Context, draft: EventDraft) -> None:
    """Keep the draft in the conversation state as an event file."""
    title = draft.title
    draft.title = title or _NO_TITLE
    ctx.state.data = {**ctx.state.data, "draft": dump_event_yaml(draft)}
    draft.title = title


def _load(ctx: Context) -> EventDraft:
    """The draft kept in the conversation state."""
    text = ctx.state.data.get("draft")
    if not text:
        ctx.end_flow()
        raise DomainError("plan_setup_gone")
    draft, _report = load_event_yaml(text)
    if draft.title == _NO_TITLE:
        draft.title = ""
    return draft


def _draft_reply(ctx: Context, draft: EventDraft, report: ImportReport | None = None) -> Reply:
    """The draft as the organiser should check it: found values, gaps, and how to fill them."""
    report = report or summarise_draft(draft, ImportReport())
    lines = render_report(ctx.t, report)
    if not draft.title:
        lines.append("  ⚠ " + ctx.t("import.problem.missing_title"))
    body = "\n".join(lines) + "\n\n" + ctx.t("plan_setup.how_to_fill")
    buttons = [[ctx.button("plan_setup.button.confirm", "ps:confirm"), _cancel(ctx)]]
    return Reply(text=body, buttons=buttons)


def _refusal(ctx: Context, exc: PlanImportError) -> list[Reply]:
    """Why the document cannot be read; nothing changed."""
    reason = ctx.t(f"import.error.{exc.code}", **exc.params)
    return [ctx.reply("plan_setup.refused", reason=reason, buttons=[[_cancel(ctx)]])]


async def _read_file(ctx: Context) -> tuple[EventDraft, ImportReport]:
    """Download the sent file (refused first by name and announced size) and read it."""
    file = ctx.inbound.file
    assert file is not None
    name = _file_name(file)
    if pathlib.PurePath(name).suffix.lower() not in _PLAN_TYPES:
        raise PlanImportError("unsupported_extension", None, extension=pathlib.PurePath(name).suffix)
    if file.size is not None and file.size > MAX_FILE_BYTES:
        raise PlanImportError("file_too_large", None, limit_mb=MAX_FILE_BYTES // 2**20)
    if ctx.file_fetcher is None:
        raise DomainError("evidence_cannot_fetch")
    try:
        data = await ctx.file_fetcher(file.file_id)
    except Exception as exc:  # the messenger's download failed: nothing was read
        log.warning("plan download %s failed: %s", file.file_id, exc)
        raise DomainError("evidence_fetch_failed") from exc
    return read_event_bytes(data, name)


async def _receive(ctx: Context) -> list[Reply]:
    """A document (or pasted text) arrived: read it and show the draft."""
    try:
        if ctx.inbound.file is not None:
            draft, report = await _read_file(ctx)
        else:
            draft, report = parse_plan_text(ctx.inbound.text or "")
    except PlanImportError as exc:
        return _refusal(ctx, exc)
    ctx.start_flow(FLOW, SetupStep.FILL)
    _store(ctx, draft)
    return [_draft_reply(ctx, draft, report)]


def _file_name(file: FileRef) -> str:
    """The file's name; a photo (no name) is read as a JPEG picture of a page."""
    if file.filename:
        return file.filename
    return "photo.jpg" if (file.mime_type or "").startswith("image/") else "document"


def _suffix(name: str | None) -> str:
    """A file name's extension in lower case."""
    return pathlib.PurePath(name or "").suffix.lower()


async def _receive_invitees(ctx: Context) -> list[Reply]:
    """An invitee list (.xlsx/.csv) sent after the document becomes the draft's seat table."""
    file = ctx.inbound.file
    assert file is not None
    try:
        if file.size is not None and file.size > MAX_FILE_BYTES:
            raise PlanImportError("file_too_large", None, limit_mb=MAX_FILE_BYTES // 2**20)
        if ctx.file_fetcher is None:
            raise DomainError("evidence_cannot_fetch")
        sheet = read_invitee_sheet(await ctx.file_fetcher(file.file_id), file.filename or "list")
    except PlanImportError as exc:
        return _refusal(ctx, exc)
    draft = _load(ctx)
    apply_invitees(draft, sheet)
    _store(ctx, draft)
    ctx.state.step = SetupStep.FILL
    report = summarise_draft(draft, ImportReport(problems=list(sheet.problems)))
    return [_draft_reply(ctx, draft, report)]


async def document_offered(ctx: Context) -> list[Reply] | None:
    """A plan-like file sent outside any conversation by an organiser starts the set-up."""
    file = ctx.inbound.file
    if file is None or ctx.state.flow is not None:
        return None
    if _suffix(_file_name(file)) not in _PLAN_TYPES:
        return None
    if not await _organises_something(ctx):
        return None
    return await _receive(ctx)


async def setup_input(ctx: Context) -> list[Reply] | None:
    """The document, then the organiser's answers to what is missing."""
    step = ctx.state.step
    file = ctx.inbound.file
    if file is not None and step != SetupStep.DOCUMENT and _suffix(file.filename) in _LIST_TYPES:
        return await _receive_invitees(ctx)
    if file is not None:
        return await _receive(ctx)  # a new document replaces the draft at any step
    text = ctx.inbound.text or ""
    if step == SetupStep.DOCUMENT:
        if len(text) >= _PASTED_MIN:
            return await _receive(ctx)
        return [ctx.reply("plan_setup.ask_document", buttons=[[_cancel(ctx)]])]
    draft = _load(ctx)
    answers = apply_answers(draft, text)
    _store(ctx, draft)
    ctx.state.step = SetupStep.FILL
    replies = []
    if answers.not_understood:
        parts = "; ".join(answers.not_understood)
        replies.append(ctx.reply("plan_setup.not_understood", parts=parts))
    replies.append(_draft_reply(ctx, draft))
    return replies


async def _may_write(ctx: Context, event_id: int | None) -> None:
    """Updating an event needs its organiser; a new event any organiser."""
    if event_id is None:
        if not await _organises_something(ctx):
            raise DomainError("organisers_only")
        return
    if not await is_organiser(ctx.session, event_id, ctx.person.id):
        raise DomainError("organisers_only")


async def _write(ctx: Context, draft: EventDraft) -> list[Reply]:
    """Create or update the event, make the creator its organiser, and end the conversation."""
    outcome = await save_event_and_notify(ctx.session, draft, actor_label=f"person:{ctx.person.id}")
    if outcome.created:
        ctx.session.add(Role(event_id=outcome.event_id, person_id=ctx.person.id, kind=RoleKind.ORGANISER))
        await ctx.session.flush()
    event = await repo.event_with_details(ctx.session, outcome.event_id)
    ctx.end_flow()
    if event is not None:
        ctx.choose_event(event)
    key = "plan_setup.created" if outcome.created else "plan_setup.updated"
    return [ctx.reply(key, title=draft.title, notices=outcome.notices, buttons=ctx.main_menu())]


async def setup_button(ctx: Context) -> list[Reply]:
    """ps:confirm (show what would change), ps:write (write it), ps:cancel."""
    action = (ctx.inbound.payload or "").removeprefix("ps:")
    if ctx.state.flow != FLOW:
        return [ctx.reply("rsvp.flow_expired", buttons=ctx.main_menu())]
    if action == "cancel":
        ctx.end_flow()
        return [ctx.reply("plan_setup.cancelled", buttons=ctx.main_menu())]
    draft = _load(ctx)
    if not draft.title:
        return [ctx.reply("plan_setup.title_first"), _draft_reply(ctx, draft)]
    preview = await preview_import(ctx.session, draft)
    await _may_write(ctx, preview.event_id)
    if action == "confirm":
        if preview.created:
            return await _write(ctx, draft)
        ctx.state.step = SetupStep.CONFIRM
        text = "\n".join(render_preview(ctx.t, preview))
        buttons = [[ctx.button("plan_setup.button.write", "ps:write"), _cancel(ctx)]]
        return [Reply(text=text, buttons=buttons)]
    if action == "write" and ctx.state.step == SetupStep.CONFIRM:
        return await _write(ctx, draft)
    return [ctx.reply("rsvp.flow_expired", buttons=ctx.main_menu())]
