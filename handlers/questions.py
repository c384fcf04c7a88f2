"""Free-text questions about the event, the organisers' reply flow, and /ics (/lich).

A question the bot is sure about is answered from the event's data. When it is not sure, it
says so, offers the menu and forwards the question to the organisers; an organiser presses
"Trả lời", types the answer (sent back to the asker) and may save it as a FAQ entry.
See docs/questions.md for the state diagram.
"""

from __future__ import annotations

import enum

from bot.domain.audiences import is_organiser, organisers, reachable_identity
from bot.domain.qa.answer import Answer, answer_question
from bot.domain.qa.ics import calendar_filename, event_calendar
from bot.domain.qa.intents import Intent
from bot.domain.qa.messages import render_messages
from bot.domain.qa.view import EventView
from bot.i18n import translator
from bot.messages import Button, Location, OutFile, Reply
from bot.outbox.delivery import enqueue
from handlers.context import Context
from handlers.events.text import no_event
from handlers.payload_ids import parse_id
from handlers.router import parse_command
from storage import repositories as repo
from storage.models import Event, FaqEntry, ForwardedQuestion, Identity

__all__ = ["REPLY_FLOW", "ReplyStep", "answer_free_text", "send_ics", "organiser_button", "organiser_reply"]

REPLY_FLOW = "qa_reply"
MAX_QUESTION = 1000  # characters of a forwarded question kept and shown to organisers


class ReplyStep(enum.StrEnum):
    """States of the organiser's reply conversation (see docs/questions.md)."""

    AWAITING_ANSWER = "awaiting_answer"


class QuestionStatus(enum.StrEnum):
    """Where a forwarded question is."""

    OPEN = "open"
    ANSWERED = "answered"
    SAVED_AS_FAQ = "saved_as_faq"


def _answer_buttons(ctx: Context, answer: Answer) -> list[list[Button]]:
    if answer.intent in (Intent.PROGRAMME, Intent.WHEN, Intent.CALENDAR):
        return [[ctx.button("qa.ics.button", "cmd:ics"), ctx.button("menu.venue", "cmd:venue")]]
    return [[ctx.button("menu.agenda", "cmd:agenda"), ctx.button("menu.venue", "cmd:venue")]]


def _location(view: EventView) -> Location | None:
    venue = view.venue
    if venue is None or venue.latitude is None or venue.longitude is None:
        return None
    return Location(venue.latitude, venue.longitude, venue.name, venue.address)


def _hotline(view: EventView) -> str | None:
    return dict(view.venue.notes).get("hotline") if view.venue else None


async def _forward(ctx: Context, event: Event, question: str) -> int:
    """Store the question and queue it to every organiser of the event; returns how many."""
    forwarded = ForwardedQuestion(
        event_id=event.id,
        asker_identity_id=ctx.identity.id,
        text=question[:MAX_QUESTION],
        status=QuestionStatus.OPEN,
    )
    ctx.session.add(forwarded)
    await ctx.session.flush()
    person = ctx.identity.person
    queued = 0
    for person_id in await organisers(ctx.session, event.id):
        target = await reachable_identity(ctx.session, person_id)
        if target is None or person_id == ctx.identity.person_id:
            continue
        t = translator(target[1])
        asker = (
            (person.full_name if person else None)
            or ctx.identity.display_name
            or t("qa.forward.unknown_asker")
        )
        text = t("qa.forward.to_organiser", asker=asker, title=event.title, question=forwarded.text)
        button = Button(t("qa.forward.reply_button"), f"qa:reply:{forwarded.id}")
        message = await enqueue(
            ctx.session,
            target[0],
            [Reply(text=text, buttons=[[button]])],
            kind="qa_forward",
            event_id=event.id,
            dedupe_key=f"qa:forward:{forwarded.id}:{person_id}",
        )
        queued += message is not None
    return queued


def _view(ctx: Context, event: Event) -> EventView:
    # One snapshot per cached event version: building it is a good part of answering.
    return ctx.events.derived(event, "qa_view", lambda: EventView.from_event(event))


async def answer_free_text(ctx: Context) -> list[Reply] | None:
    """Answer a typed question from the event's data; None when it is not a question at all."""
    text = (ctx.inbound.text or "").strip()
    if not text or ctx.inbound.payload or parse_command(text) is not None:
        return None
    event = await ctx.event()
    if event is None:
        return None
    view = _view(ctx, event)
    answer = answer_question(text, view, ctx.now)
    if not answer.confident and not answer.question_like:
        return None  # not a question: the catch-all answers
    # An English question is answered in English whatever the user's language setting.
    t = translator("en") if answer.language == "en" else ctx.t
    lines = [render_messages(t, answer.messages)]
    if answer.forward or not answer.confident:
        queued = await _forward(ctx, event, text)
        lines.append(t("qa.forwarded" if queued else "qa.not_forwarded"))
        hotline = _hotline(view)
        if hotline and answer.intent != Intent.NOTE:
            lines.append(t("qa.hotline_hint", hotline=hotline))
    if not answer.confident:
        return [Reply(text="\n\n".join(lines), buttons=ctx.main_menu())]
    reply = Reply(
        text="\n\n".join(lines),
        buttons=_answer_buttons(ctx, answer),
        location=_location(view) if answer.location else None,
    )
    if answer.ics:
        return [reply, *_calendar_replies(ctx, view)]
    return [reply]


def _calendar_replies(ctx: Context, view: EventView) -> list[Reply]:
    data = event_calendar(view, ctx.now)
    if data is None:
        return [ctx.reply("qa.ics.no_date", note=view.date_note or "?")]
    caption = ctx.t("qa.ics.caption", title=view.title)
    return [Reply(text=caption, files=[OutFile(calendar_filename(view), data, "text/calendar", caption)])]


async def send_ics(ctx: Context) -> list[Reply]:
    """`/ics` (`/lich`): the event as a calendar file."""
    event = await ctx.event()
    if event is None:
        return no_event(ctx)
    return _calendar_replies(ctx, _view(ctx, event))


async def _question_for_organiser(
    ctx: Context, raw_id: str
) -> tuple[ForwardedQuestion | None, list[Reply] | None]:
    forwarded = await ctx.session.get(ForwardedQuestion, parse_id(raw_id) or 0)
    if forwarded is None:
        return None, [ctx.reply("qa.reply.not_found")]
    if not await is_organiser(ctx.session, forwarded.event_id, ctx.identity.person_id):
        return None, [ctx.reply("qa.reply.organiser_only", buttons=ctx.main_menu())]
    return forwarded, None


async def organiser_button(ctx: Context) -> list[Reply]:
    """'qa:reply:<id>' starts the reply; 'qa:faq:<id>' saves an answered question as a FAQ entry."""
    action, _, raw_id = (ctx.inbound.payload or "").partition(":")[2].partition(":")
    forwarded, refusal = await _question_for_organiser(ctx, raw_id)
    if refusal is not None or forwarded is None:
        return refusal or []
    if action == "reply":
        if forwarded.status != QuestionStatus.OPEN:
            return [ctx.reply("qa.reply.already", answer=forwarded.answer or "")]
        ctx.start_flow(REPLY_FLOW, ReplyStep.AWAITING_ANSWER, question_id=forwarded.id)
        return [ctx.reply("qa.reply.prompt", question=forwarded.text)]
    if action == "faq":
        if forwarded.answer is None:
            return [ctx.reply("qa.reply.faq_needs_answer")]
        if forwarded.status == QuestionStatus.SAVED_AS_FAQ:
            return [ctx.reply("qa.reply.faq_already")]
        ctx.session.add(
            FaqEntry(event_id=forwarded.event_id, question=forwarded.text, answer=forwarded.answer)
        )
        await repo.touch_event(ctx.session, forwarded.event_id)
        forwarded.status = QuestionStatus.SAVED_AS_FAQ
        return [ctx.reply("qa.reply.faq_saved")]
    return [ctx.reply("qa.reply.not_found")]


async def organiser_reply(ctx: Context) -> list[Reply] | None:
    """The organiser's typed answer: sent to the asker through the outbox, then offered as FAQ."""
    if ctx.inbound.text is None:
        return [ctx.reply("qa.reply.text_only")]
    forwarded, refusal = await _question_for_organiser(ctx, str(ctx.state.data.get("question_id", "")))
    if refusal is not None or forwarded is None:
        ctx.end_flow()
        return refusal or []
    ctx.end_flow()
    if forwarded.status != QuestionStatus.OPEN:
        return [ctx.reply("qa.reply.already", answer=forwarded.answer or "")]
    answer = ctx.inbound.text.strip()
    forwarded.answer, forwarded.status = answer, QuestionStatus.ANSWERED
    forwarded.answered_by_person_id, forwarded.answered_at = ctx.identity.person_id, ctx.now
    asker = await ctx.session.get(Identity, forwarded.asker_identity_id)
    if asker is not None:
        text = translator(asker.language)("qa.reply.to_asker", question=forwarded.text, answer=answer)
        await enqueue(
            ctx.session,
            asker.id,
            [Reply(text=text)],
            kind="qa_answer",
            event_id=forwarded.event_id,
            dedupe_key=f"qa:answer:{forwarded.id}",
        )
    save = ctx.button("qa.reply.faq_button", f"qa:faq:{forwarded.id}")
    return [ctx.reply("qa.reply.sent", buttons=[[save]])]
