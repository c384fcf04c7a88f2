"""Telegram command menus per role: everyone sees the delegates' menu; each organiser's private
chat gets the organisers' menu too (BotCommandScopeChat), written from handlers/command_menu.py."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.i18n import translator
from handlers.command_menu import MenuCommand, Role, commands_for
from storage.enums import Channel, EventStatus, RoleKind
from storage.models import Event, Identity
from storage.models import Role as RoleRow

__all__ = [
    "ORGANISER_BASICS",
    "organiser_menu",
    "organiser_chats",
    "is_organiser_chat",
    "set_organiser_menu",
]

log = logging.getLogger(__name__)
# The everyday commands kept at the top of an organiser's menu, before the organisers' own.
ORGANISER_BASICS = (
    MenuCommand("organiser", "tochuc"),
    MenuCommand("agenda", "chuongtrinh"),
    MenuCommand("help", "trogiup"),
    MenuCommand("cancel", "huy"),
)
DESCRIPTION_LIMIT = 256  # Telegram's limit for a command's description


def organiser_menu(language: str) -> list[BotCommand]:
    """The organisers' menu in one language: the basics, then every organiser command once."""
    t = translator(language)
    seen: set[str] = set()
    menu = []
    for command in (*ORGANISER_BASICS, *commands_for(Role.ORGANISER)):
        name = command.names(language)[0]
        if name in seen:
            continue
        seen.add(name)
        key = f"commands.organiser_{command.english}"
        description = t(key) if t.has(key) else t(f"commands.{command.english}")
        menu.append(BotCommand(name, description[:DESCRIPTION_LIMIT]))
    return menu


def _organiser_identities():  # type: ignore[no-untyped-def]
    return (
        select(Identity.external_id, Identity.language)
        .join(RoleRow, RoleRow.person_id == Identity.person_id)
        .join(Event, Event.id == RoleRow.event_id)
        .where(
            Identity.channel == Channel.TELEGRAM,
            Identity.unreachable_at.is_(None),
            RoleRow.kind == RoleKind.ORGANISER,
            Event.status == EventStatus.PUBLISHED,
        )
        .distinct()
    )


async def organiser_chats(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[int, str]]:
    """(private chat id, language) of every Telegram account organising a published event."""
    async with sessions() as session:
        rows = await session.execute(_organiser_identities())
    return [
        (int(external_id), language) for external_id, language in rows if external_id.lstrip("-").isdigit()
    ]


async def is_organiser_chat(sessions: async_sessionmaker[AsyncSession], user_id: str) -> str | None:
    """The account's language if it organises a published event; None otherwise."""
    async with sessions() as session:
        row = (await session.execute(_organiser_identities().where(Identity.external_id == user_id))).first()
    return None if row is None else row.language


async def set_organiser_menu(bot: Bot, chat_id: int, language: str) -> bool:
    """Give one organiser's private chat the organisers' menu; False if Telegram refused."""
    try:
        await bot.set_my_commands(organiser_menu(language), scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:  # a blocked bot or a deleted chat: the public menu stays
        log.info("organiser menu for chat %s not set: %s", chat_id, exc)
        return False
    return True
