"""Replies under Telegram's flood limits: a burst of invitation links gets no 429 and loses nothing."""

from __future__ import annotations

import pytest

from bot.domain.registration.invitations import agency_invitations
from tests.fakes.telegram_api import FakeBotApi, message_update

pytestmark = pytest.mark.db

USERS = range(801, 816)


async def test_a_burst_of_invitation_links_is_answered_within_the_flood_limits(
    polling: FakeBotApi, sessions, make_event
):
    event_id = await make_event(seats={"Sở Tài chính": 20})
    async with sessions() as session, session.begin():
        token = (await agency_invitations(session, event_id))[0][1].token
    # 30 messages/s overall, one per second to a chat. The fake shares the bot's event loop, so
    # when messages arrive is blurred by the bot's own work: bursts of 10 and arrivals up to 0.3 s
    # early are forgiven (PTB's AIORateLimiter alone sends all 30 messages within that).
    polling.limit_rate(per_second=30, per_chat_interval=1.0, burst=10, jitter=0.3)
    for user in USERS:  # all in the same instant: two messages (greeting, consent) each
        polling.push(message_update(user, f"/start {token}"))
    await polling.wait_for(lambda: all(len(polling.received_by(u)) == 2 for u in USERS), timeout=30)
    assert polling.rate_limited == 0
    for user in USERS:
        greeting, consent = polling.received_by(user)
        assert "Kính mời Quý đại biểu của Sở Tài chính" in greeting
        assert "Nghị định 13/2023" in consent
