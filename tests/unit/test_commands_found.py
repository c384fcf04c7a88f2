"""Commands people find: every command the router accepts is in the help of its role, the help
lists nothing the bot does not accept, and the commands written in README and docs are the bot's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.channels.console import FORWARD_COMMANDS
from bot.i18n import translator
from handlers import build_router
from handlers.command_menu import GROUPS, Role, commands_for, help_text

ROOT = Path(__file__).resolve().parents[2]
# A chat command written in backticks: `/tonghop`, `/soghe Cơ quan | …`; not a path (`/a/b`).
DOC_COMMAND = re.compile(r"`/([a-z_]+)(?![a-z0-9_/.])")
# Written in the documents but not the router's: HTTP paths, @BotFather's own command, and the
# console demo's own clock command.
NOT_OURS = {"healthz", "newbot", *FORWARD_COMMANDS}


def _listed() -> dict[str, set[Role]]:
    roles: dict[str, set[Role]] = {}
    for group in GROUPS:
        for command in group.commands:
            for name in (command.english, command.vietnamese):
                roles.setdefault(name, set()).add(group.role)
    return roles


def test_every_routed_command_is_listed_for_a_role_and_nothing_else():
    routed = build_router().commands
    listed = _listed()
    assert sorted(routed - set(listed)) == []  # routed but nobody is told about it
    assert sorted(set(listed) - routed) == []  # listed but the bot would not understand it


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("role", list(Role))
def test_each_command_appears_in_the_help_of_its_role(role: Role, language: str):
    text = help_text(translator(language), role)
    for command in commands_for(role):
        name, alias = command.names(language)
        assert f"/{name} (/{alias}) — " in text, command


def test_help_texts_are_grouped_and_the_organiser_help_lists_the_eleven_that_were_missing():
    organiser = help_text(translator("vi"), Role.ORGANISER)
    for title in (
        "Khách mời và chỗ ngồi",
        "Tình hình tham dự, điểm danh, báo cáo",
        "Thông báo và lời nhắc",
    ):
        assert title in organiser
    for name in (
        "loimoi",
        "soghe",
        "chuyenghe",
        "themdaibieu",
        "xoadaibieu",
        "nhanthongbao",
        "suadiadiem",
        "suachuongtrinh",
        "giahan",
        "nhacnho",
        "thongbao",
        "choduyet",
        "kynhan",
    ):
        assert f"/{name} (" in organiser
    assert "/nop (/submit)" in help_text(translator("vi"), Role.EVERYONE)


def _documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_commands_in_readme_and_docs_are_the_bots():
    routed = build_router().commands
    unknown = []
    for path in _documents():
        for name in DOC_COMMAND.findall(path.read_text(encoding="utf-8")):
            if name not in routed and name not in NOT_OURS:
                unknown.append(f"{path.name}: /{name}")
    assert unknown == []


def test_every_command_is_documented():
    written = {
        name for path in _documents() for name in DOC_COMMAND.findall(path.read_text(encoding="utf-8"))
    }
    missing = [
        f"/{g.vietnamese}"
        for group in GROUPS
        for g in group.commands
        if g.vietnamese not in written and g.english not in written
    ]
    assert missing == []
