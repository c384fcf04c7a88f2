"""`/start` (`/batdau`), `/help` (`/trogiup`), `/cancel` (`/huy`) and the catch-all answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.messages import Reply
from handlers.command_menu import Role, help_text
from handlers.context import Context
from handlers.events.text import demo_notice, event_when
from handlers.router import parse_command

__all__ = ["StartLinkHandler", "start_with", "show_help", "cancel", "not_understood"]

# Deep-link payloads ("/start <payload>") are claimed by the conversations that issue them
# (invitations, transfers...). Each takes the payload and returns replies, or None if not its own.
StartLinkHandler = Callable[[Context, str], Awaitable[list[Reply] | None]]


def _welcome(ctx: Context) -> str:
    return ctx.t("start.welcome")


def start_with(links: list[StartLinkHandler]) -> Callable[[Context], Awaitable[list[Reply]]]:
    """The /start handler, handing deep-link payloads to `links` in order."""

    async def start(ctx: Context) -> list[Reply]:
        command = parse_command(ctx.inbound.text)
        payload = command[1] if command else ""
        for claim in links if payload else []:
            answer = await claim(ctx, payload)
            if answer is not None:
                return answer
        return await _greet(ctx, unknown_link=bool(payload))

    return start


async def _greet(ctx: Context, *, unknown_link: bool) -> list[Reply]:
    """Greet the user with the current event and the main menu."""
    lines = [_welcome(ctx)]
    if unknown_link:
        lines.append(ctx.t("start.unknown_link"))
    event = await ctx.event()
    if event is None:
        lines.append(ctx.t("event.none"))
    else:
        lines.append(ctx.t("start.event", title=event.title, when=event_when(ctx, event)))
        if event.venue and (event.venue.name or event.venue.address):
            place = ", ".join(p for p in (event.venue.name, event.venue.address) if p)
            lines.append(ctx.t("start.place", place=place))
        notice = demo_notice(ctx, event)
        if notice:
            lines.append(notice)
    lines.append(ctx.t("start.what_next"))
    return [Reply(text="\n\n".join(lines), buttons=ctx.main_menu())]


async def show_help(ctx: Context) -> list[Reply]:
    """The commands this bot understands, in the user's language."""
    return [Reply(text=help_text(ctx.t, Role.EVERYONE), buttons=ctx.main_menu())]


async def cancel(ctx: Context) -> list[Reply]:
    """Leave whatever step the user is in."""
    if ctx.state.flow is None:
        return [ctx.reply("cancel.nothing", buttons=ctx.main_menu())]
    ctx.end_flow()
    return [ctx.reply("cancel.done", buttons=ctx.main_menu())]


async def not_understood(ctx: Context) -> list[Reply]:
    """The polite catch-all: say so honestly and offer the menu."""
    inbound = ctx.inbound
    if parse_command(inbound.text) is not None:
        return [ctx.reply("fallback.unknown_command", buttons=ctx.main_menu())]
    if inbound.text is None and (inbound.file or inbound.contact or inbound.location):
        return [ctx.reply("fallback.unexpected_attachment", buttons=ctx.main_menu())]
    return [ctx.reply("fallback.not_understood", buttons=ctx.main_menu())]
