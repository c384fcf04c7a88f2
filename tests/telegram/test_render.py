"""Rendering rules that need no server: splitting, escaping limits, callback data size."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.channels.telegram import GROUP_SAFE_COMMANDS
from bot.channels.telegram_render import MAX_PAYLOAD_BYTES, inline_keyboard, split_text
from bot.messages import Button, Inbound, Reply
from storage.enums import Channel


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(st.text(alphabet=st.sampled_from(["a", "ư", "😀", " ", "\n", "<", "&"]), max_size=12000))
def test_split_keeps_every_character_under_the_limit(text):
    parts = split_text(text, limit=500)
    assert all(0 < _units(p) <= 500 for p in parts)
    # Only line breaks at the cuts and blank pieces are dropped: every visible character stays.
    assert "".join("".join(parts).split()) == "".join(text.split())


def test_split_prefers_line_boundaries():
    text = "\n".join(f"dòng {i:03d} " + "x" * 80 for i in range(200))
    parts = split_text(text)
    assert len(parts) == 5
    assert all(p.startswith("dòng ") for p in parts)


def test_oversized_payload_is_dropped_not_sent():
    keyboard = inline_keyboard(
        [[Button("OK", "cmd:agenda"), Button("Quá dài", "x" * (MAX_PAYLOAD_BYTES + 1))]]
    )
    assert keyboard is not None
    assert [b.callback_data for row in keyboard.inline_keyboard for b in row] == ["cmd:agenda"]
    assert inline_keyboard([[Button("Quá dài", "đ" * 33)]]) is None  # 66 bytes in UTF-8


def test_group_safe_commands_are_public_information_only():
    assert {"start", "batdau", "lang", "ngonngu", "cancel", "huy"}.isdisjoint(GROUP_SAFE_COMMANDS)


@pytest.mark.db
async def test_payloads_of_built_in_buttons_stay_short(core, make_event):
    await make_event(title="Sự kiện có tên rất dài " * 10)
    await make_event(title="Sự kiện thứ hai", date=None, date_note="tháng 12/2026")
    payloads = set()
    for text in ("/start", "/help", "/agenda", "/venue", "/event", "/lang", "/cancel", "xin chào"):
        replies: list[Reply] = await core.handle(Inbound(channel=Channel.TELEGRAM, user_id="9", text=text))
        payloads |= {b.payload for r in replies for row in r.buttons for b in row}
    assert payloads and all(len(p.encode("utf-8")) <= MAX_PAYLOAD_BYTES for p in payloads)
