"""`/lang` (`/ngonngu`): choose Vietnamese or English. A small explicit state machine."""

from __future__ import annotations

import enum

from bot.domain.textfold import fold
from bot.i18n import LANGUAGES
from bot.messages import Reply
from handlers.context import Context
from handlers.router import parse_command

__all__ = ["LanguageStep", "FLOW", "ask_language", "language_button", "language_answer"]

FLOW = "language"

# What people type for each language, folded (no diacritics, lower case).
_WORDS = {
    "vi": {"vi", "vn", "viet", "tieng viet", "vietnamese", "1"},
    "en": {"en", "eng", "english", "tieng anh", "anh", "2"},
}


class LanguageStep(enum.StrEnum):
    """States of the language conversation (see docs/conversations.md)."""

    CHOOSING = "choosing"


def _choice(text: str | None) -> str | None:
    folded = fold(text or "")
    return next((lang for lang, words in _WORDS.items() if folded in words), None)


def _set(ctx: Context, language: str) -> list[Reply]:
    ctx.identity.language = language
    ctx.end_flow()
    return [ctx.reply("language.set", buttons=ctx.main_menu())]


async def ask_language(ctx: Context) -> list[Reply]:
    """'/lang en' switches at once; '/lang' asks with buttons and waits for the answer."""
    command = parse_command(ctx.inbound.text)
    chosen = _choice(command[1]) if command and command[1] else None
    if chosen:
        return _set(ctx, chosen)
    ctx.start_flow(FLOW, LanguageStep.CHOOSING)
    buttons = [[ctx.button(f"language.name.{lang}", f"lang:{lang}") for lang in LANGUAGES]]
    return [ctx.reply("language.ask", buttons=buttons)]


async def language_button(ctx: Context) -> list[Reply]:
    """A pressed language button."""
    language = (ctx.inbound.payload or "").removeprefix("lang:")
    if language not in LANGUAGES:
        return [ctx.reply("language.ask_again")]
    return _set(ctx, language)


async def language_answer(ctx: Context) -> list[Reply] | None:
    """Typed answer while choosing; anything else leaves the step and goes on as usual."""
    if parse_command(ctx.inbound.text) is not None:
        return None
    chosen = _choice(ctx.inbound.text)
    if chosen is None:
        ctx.end_flow()
        return None
    return _set(ctx, chosen)
