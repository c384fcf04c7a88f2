"""Questions in plain words reach the answering core through Telegram, in both languages."""

from __future__ import annotations

import pytest

from bot.domain.plan.draft import VenueDraft
from tests.fakes.telegram_api import FakeBotApi, message_update

pytestmark = pytest.mark.db


async def test_where_and_when_questions_are_answered(polling: FakeBotApi, make_event):
    await make_event(
        venue=VenueDraft(name="Hội trường A", address="1 Lê Lợi, phường Thử", latitude=16.81, longitude=107.1)
    )
    polling.push(message_update(701, "hoi thao o dau vay"))
    await polling.wait_for(lambda: polling.texts_to(701))
    assert "Hội trường A" in polling.texts_to(701)[0] and "1 Lê Lợi" in polling.texts_to(701)[0]
    # A location pin follows when the venue has coordinates.
    pins = await polling.wait_for(lambda: polling.calls_to("sendVenue", "sendLocation", chat_id=701))
    assert float(pins[0].params["latitude"]) == pytest.approx(16.81)
    polling.push(message_update(702, "what time does it start?", language="en"))
    texts = await polling.wait_for(lambda: polling.texts_to(702))
    assert "08:00" in texts[0] and "26/11/2026" in texts[0]
