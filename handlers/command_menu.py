"""The commands people can find: one list, grouped by role, from which `/help` (`/trogiup`),
`/organiser` (`/tochuc`) and the messengers' command menus are all written. A test checks that
every command the router accepts is listed here for its role, and nothing else."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bot.i18n import Translator

__all__ = ["Role", "MenuCommand", "CommandGroup", "GROUPS", "commands_for", "help_text"]


class Role(enum.StrEnum):
    """Who a group of commands is for."""

    EVERYONE = "everyone"  # delegates, focal points and anyone who opens the bot
    ORGANISER = "organiser"


@dataclass(frozen=True)
class MenuCommand:
    """A command with its English and Vietnamese names; its description is `commands.<english>`."""

    english: str
    vietnamese: str

    def names(self, language: str) -> tuple[str, str]:
        """(the name in this language, the other one)."""
        return (self.vietnamese, self.english) if language == "vi" else (self.english, self.vietnamese)


@dataclass(frozen=True)
class CommandGroup:
    """Commands shown together under the title `commands.group.<key>`."""

    key: str
    role: Role
    commands: tuple[MenuCommand, ...]


def _c(english: str, vietnamese: str) -> MenuCommand:
    return MenuCommand(english, vietnamese)


GROUPS = (
    CommandGroup(
        "event",
        Role.EVERYONE,
        (
            _c("agenda", "chuongtrinh"),
            _c("venue", "diadiem"),
            _c("ics", "lich"),
            _c("event", "sukien"),
        ),
    ),
    CommandGroup(
        "delegate",
        Role.EVERYONE,
        (
            _c("register", "dangky"),
            _c("me", "toi"),
            _c("transfer", "nhuongcho"),
            _c("checkin", "diemdanh"),
            _c("forget", "xoadulieu"),
        ),
    ),
    CommandGroup("focal", Role.EVERYONE, (_c("status", "tiendo"), _c("submit", "nop"))),
    CommandGroup(
        "general",
        Role.EVERYONE,
        (
            _c("start", "batdau"),
            _c("lang", "ngonngu"),
            _c("link", "lienket"),
            _c("cancel", "huy"),
            _c("organiser", "tochuc"),
            _c("help", "trogiup"),
        ),
    ),
    CommandGroup(
        "seats",
        Role.ORGANISER,
        (
            _c("invites", "loimoi"),
            _c("pending", "choduyet"),
            _c("quota", "soghe"),
            _c("moveseats", "chuyenghe"),
            _c("adddelegate", "themdaibieu"),
            _c("removedelegate", "xoadaibieu"),
            _c("revokelink", "thuhoilienket"),
        ),
    ),
    CommandGroup(
        "day",
        Role.ORGANISER,
        (
            _c("summary", "tonghop"),
            _c("live", "tructiep"),
            _c("checkin", "diemdanh"),
            _c("venueqr", "qrhoitruong"),
            _c("export", "xuatbaocao"),
            _c("signin", "kynhan"),
        ),
    ),
    CommandGroup(
        "messages",
        Role.ORGANISER,
        (
            _c("announce", "thongbao"),
            _c("announcestatus", "ketquathongbao"),
            _c("reminders", "nhacnho"),
            _c("addreminder", "themnhacnho"),
            _c("notify", "nhanthongbao"),
        ),
    ),
    CommandGroup(
        "edit",
        Role.ORGANISER,
        (
            _c("importplan", "nhapkehoach"),
            _c("editvenue", "suadiadiem"),
            _c("editagenda", "suachuongtrinh"),
            _c("addorganiser", "themtochuc"),
        ),
    ),
    CommandGroup(
        "indicators",
        Role.ORGANISER,
        (
            _c("review", "duyet"),
            _c("indicators", "tiendochiso"),
            _c("exportindicators", "xuatchiso"),
            _c("focallinks", "lienketdaumoi"),
            _c("addfocal", "themdaumoi"),
            _c("deadline", "giahan"),
        ),
    ),
)


def commands_for(role: Role) -> list[MenuCommand]:
    """The commands of one role, in the order the help lists them."""
    return [command for group in GROUPS if group.role == role for command in group.commands]


def _describe(t: Translator, command: MenuCommand, role: Role) -> str:
    # /diemdanh means one thing to a delegate (my pass) and another to an organiser (check one in).
    key = f"commands.{command.english}"
    if role == Role.ORGANISER and t.has(f"commands.organiser_{command.english}"):
        key = f"commands.organiser_{command.english}"
    return t(key)


def help_text(t: Translator, role: Role) -> str:
    """The grouped help of a role, each command with its other-language alias."""
    sections = [t(f"commands.header.{role.value}")]
    for group in GROUPS:
        if group.role != role:
            continue
        lines = [t(f"commands.group.{group.key}")]
        for command in group.commands:
            name, alias = command.names(t.language)
            lines.append(t("commands.line", name=name, alias=alias, text=_describe(t, command, role)))
        sections.append("\n".join(lines))
    sections.append(t(f"commands.footer.{role.value}"))
    return "\n\n".join(sections)
