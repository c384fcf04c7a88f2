"""One update python-telegram-bot cannot read does not stop polling for everyone; forged button
ids of any length get a polite answer, never an internal error."""

from __future__ import annotations

import time

import pytest

from bot.messages import Inbound
from storage.enums import Channel
from tests.fakes.telegram_api import FakeBotApi, message_update
from tests.rsvp.helpers import make_organiser

pytestmark = pytest.mark.db

USER = 903
INTERNAL = "Xin lỗi, hệ thống vừa gặp sự cố"


async def test_an_unreadable_update_is_skipped_and_polling_goes_on(polling: FakeBotApi, make_event):
    await make_event()
    bot = {"id": 123456, "is_bot": True, "first_name": "PII Test"}
    chat = {"id": USER, "type": "private", "first_name": "An"}
    # "kicked" without until_date: PTB 22 cannot build this update.
    polling.push(
        {
            "my_chat_member": {
                "chat": chat,
                "from": {"id": USER, "is_bot": False, "first_name": "An"},
                "date": int(time.time()),
                "old_chat_member": {"status": "member", "user": bot},
                "new_chat_member": {"status": "kicked", "user": bot},
            }
        }
    )
    polling.push(message_update(USER, "/chuongtrinh"))
    texts = await polling.wait_for(lambda: polling.texts_to(USER), timeout=15)
    assert "Chương trình" in texts[0]


@pytest.mark.parametrize(
    "prefix",
    [
        "rv:accept:",
        "fp:open:",
        "fp:pick:",
        "fp:approve:",
        "org:approve:",
        "offer:yes:",
        "rsvp:yes:",
        "qa:reply:",
        "event:",
        "rem:pause:",
        "ann:status:",
        "reg:agency:",
    ],
)
async def test_a_thirty_digit_id_in_a_button_is_refused_politely(core, sessions, make_event, prefix):
    event_id = await make_event()
    await make_organiser(sessions, event_id, "org")
    for user in ("org", "someone"):
        replies = await core.handle(Inbound(channel=Channel.CONSOLE, user_id=user, payload=prefix + "9" * 30))
        assert replies and not any(INTERNAL in r.text for r in replies), (prefix, [r.text for r in replies])
