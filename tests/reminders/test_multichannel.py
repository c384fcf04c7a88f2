"""No reminder lost between channels: delegates on Telegram, on the Zalo OA (inside and outside
Zalo's reply window, one who blocked the OA) and on the Zalo Bot Platform, each channel the real
adapter against its fake server. Every reminder ends delivered on some channel or unreachable
with its reason, and the organisers' report says which, per person."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.app import BotCore
from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_bot import ZaloBotChannel
from bot.domain.reminders.fanout import announcement_key
from bot.i18n import translator
from bot.outbox.reminders import send_announcement
from bot.outbox.routing import delivery_report
from bot.run.scheduler import Ticker
from handlers.reminders.delivery_report import report_text
from storage import repositories as repo
from storage.enums import Channel, DeliveryStatus
from storage.models import Identity, OutboxMessage
from storage.reminder_models import ReminderAudience, ReminderRule
from storage.zalo_models import ZaloUser
from tests.fakes.telegram_api import FakeBotApi
from tests.fakes.zalo_api import (
    APP_ID,
    APP_SECRET,
    FIRST_REFRESH_TOKEN,
    MESSAGE_SENDERS,
    OA_SECRET_KEY,
    FakeZalo,
)
from tests.fakes.zalo_bot_api import BOT_TOKEN, FakeZaloBot
from tests.rsvp.helpers import rsvp

pytestmark = pytest.mark.db
UTC = dt.UTC
DAY_BEFORE = dt.datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # 16:00 in Hà Nội, the day before
# 07:00 on the day: the "two hours before" reminder of the 08:00 start would fall at 06:00, inside
# the quiet hours, so it leaves them at their end (still an hour before the start).
TWO_HOURS = dt.datetime(2026, 11, 26, 0, 0, tzinfo=UTC)
NIGHT = dt.datetime(2026, 11, 25, 15, 30, tzinfo=UTC)  # 22:30 the evening before
AGENCY = "Sở Khoa học và Công nghệ"


@pytest.fixture
async def fake_zalo():  # type: ignore[no-untyped-def]
    server = await FakeZalo().start()
    yield server
    await server.stop()


@pytest.fixture
async def fake_zalo_bot():  # type: ignore[no-untyped-def]
    server = await FakeZaloBot().start()
    yield server
    await server.stop()


def _settings(tg_settings, fake_zalo: FakeZalo, fake_zalo_bot: FakeZaloBot, **extra):  # type: ignore[no-untyped-def]
    return tg_settings.model_copy(
        update={
            "zalo_app_id": APP_ID,
            "zalo_oa_secret_key": OA_SECRET_KEY,
            "zalo_app_secret": APP_SECRET,
            "zalo_refresh_token": FIRST_REFRESH_TOKEN,
            "zalo_api_base_url": fake_zalo.base_url,
            "zalo_oauth_base_url": fake_zalo.base_url,
            "zalo_bot_token": BOT_TOKEN,
            "zalo_bot_api_base_url": fake_zalo_bot.base_url,
            **extra,
        }
    )


async def _delegate(
    sessions,
    event_id: int,
    name: str,
    accounts: list[tuple[Channel, str, int]],  # type: ignore[no-untyped-def]
    agency: str = AGENCY,
) -> int:
    """A confirmed delegate with accounts (channel, id, days since last used)."""
    async with sessions() as session, session.begin():
        first, _ = await repo.identity_for(session, accounts[0][0], accounts[0][1], None, "vi")
        first.person.full_name, first.person.consent_at = name, DAY_BEFORE - dt.timedelta(days=20)
        first.last_seen_at = DAY_BEFORE - dt.timedelta(days=accounts[0][2])
        for channel, external_id, days in accounts[1:]:
            session.add(
                Identity(
                    person_id=first.person_id,
                    channel=channel,
                    external_id=external_id,
                    last_seen_at=DAY_BEFORE - dt.timedelta(days=days),
                )
            )
        person_id = first.person_id
    await rsvp(sessions, event_id, person_id, agency, attend=True)
    return person_id


async def _wrote_on_zalo(sessions, user_id: str, at: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    msg_id = f"msg-{user_id}"
    MESSAGE_SENDERS[msg_id] = user_id
    async with sessions() as session, session.begin():
        session.add(
            ZaloUser(user_id=user_id, choices=[], last_message_at=at, last_msg_id=msg_id, replies_used=0)
        )


async def _run(core: BotCore, at: dt.datetime, tg: TelegramChannel, bot: ZaloBotChannel) -> None:
    """One scheduler tick at `at`, then drains until nothing due is left (moves included)."""
    zalo = ZaloChannel(core, clock=lambda: at)
    adapters = {Channel.TELEGRAM: tg, Channel.ZALO: zalo, Channel.ZALO_BOT: bot}
    ticker = Ticker(core, adapters, clock=lambda: at, delivery_clock=lambda: at + dt.timedelta(seconds=1))
    await ticker.schedule(at)
    for _ in range(5):
        await ticker.drain()
    await zalo.aclose()


async def _rows(sessions, prefix: str) -> list[tuple[str, Channel, DeliveryStatus, str | None]]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        found = await session.execute(
            select(OutboxMessage.dedupe_key, Identity.channel, OutboxMessage.status, OutboxMessage.last_error)
            .join(Identity, Identity.id == OutboxMessage.identity_id)
            .where(OutboxMessage.dedupe_key.startswith(prefix))
        )
        return list(found.all())  # type: ignore[arg-type]


@pytest.mark.parametrize("route", ["none", "transaction"])
async def test_every_reminder_ends_delivered_somewhere_or_unreachable_with_its_reason(
    tg_settings,
    engine,
    clock,
    sessions,
    make_event,
    fake_api: FakeBotApi,
    fake_zalo: FakeZalo,
    fake_zalo_bot: FakeZaloBot,
    route: str,
):
    extra = {"zalo_transaction_template": "transaction_event"} if route == "transaction" else {}
    core = BotCore(_settings(tg_settings, fake_zalo, fake_zalo_bot, **extra), engine, clock=clock)
    event_id = await make_event()
    people = {
        "An (Telegram)": await _delegate(sessions, event_id, "An", [(Channel.TELEGRAM, "7001", 1)]),
        "Bình (OA, wrote today)": await _delegate(sessions, event_id, "Bình", [(Channel.ZALO, "z-binh", 0)]),
        "Chi (OA silent, Telegram)": await _delegate(
            sessions, event_id, "Chi", [(Channel.ZALO, "z-chi", 10), (Channel.TELEGRAM, "7003", 30)]
        ),
        "Dũng (OA silent only)": await _delegate(sessions, event_id, "Dũng", [(Channel.ZALO, "z-dung", 10)]),
        "Em (Zalo Bot)": await _delegate(sessions, event_id, "Em", [(Channel.ZALO_BOT, "b-em", 2)]),
        "Phúc (blocked the OA, Zalo Bot)": await _delegate(
            sessions,
            event_id,
            "Phúc",
            [(Channel.ZALO, "z-phuc", 0), (Channel.ZALO_BOT, "b-phuc", 5)],
            "UBND tỉnh",
        ),
    }
    await _wrote_on_zalo(sessions, "z-binh", DAY_BEFORE - dt.timedelta(hours=2))
    await _wrote_on_zalo(sessions, "z-phuc", DAY_BEFORE - dt.timedelta(hours=3))
    for user in ("z-chi", "z-dung"):
        async with sessions() as session, session.begin():
            session.add(
                ZaloUser(
                    user_id=user,
                    choices=[],
                    last_message_at=DAY_BEFORE - dt.timedelta(days=10),
                    last_msg_id=f"old-{user}",
                    replies_used=0,
                )
            )
        fake_zalo.silent.add(user)  # Zalo's side agrees: past 7 days, no consultation messages
    fake_zalo.blocked.add("z-phuc")
    tg = TelegramChannel.create(core)
    bot = ZaloBotChannel(core)
    async with tg.application:
        await _run(core, DAY_BEFORE, tg, bot)
        await _run(core, TWO_HOURS, tg, bot)
    await bot.aclose()

    async with sessions() as session:
        rules = {
            r.default_key: r.id
            for r in (
                await session.execute(select(ReminderRule).where(ReminderRule.event_id == event_id))
            ).scalars()
        }
    for key in ("day_before", "two_hours"):
        rows = await _rows(sessions, f"rule:{rules[key]}:person:")
        # One row per delegate, none lost, none left waiting.
        assert len(rows) == len(people)
        assert {status for _, _, status, _ in rows} <= {DeliveryStatus.SENT, DeliveryStatus.UNREACHABLE}
        by_person = {int(k.rsplit(":", 1)[1]): (ch, st, err) for k, ch, st, err in rows}
        got = {name: by_person[pid] for name, pid in people.items()}
        assert got["An (Telegram)"][:2] == (Channel.TELEGRAM, DeliveryStatus.SENT)
        assert got["Bình (OA, wrote today)"][:2] == (Channel.ZALO, DeliveryStatus.SENT)
        assert got["Em (Zalo Bot)"][:2] == (Channel.ZALO_BOT, DeliveryStatus.SENT)
        # Blocked once, the OA account is skipped from then on: the next reminder goes straight to the bot.
        moved = "moved from zalo: zalo.blocked:-213" if key == "day_before" else None
        assert got["Phúc (blocked the OA, Zalo Bot)"] == (Channel.ZALO_BOT, DeliveryStatus.SENT, moved)
        if route == "transaction":  # the OA reaches the silent ones by transaction message
            assert got["Chi (OA silent, Telegram)"][:2] == (Channel.ZALO, DeliveryStatus.SENT)
            assert got["Dũng (OA silent only)"][:2] == (Channel.ZALO, DeliveryStatus.SENT)
        else:
            assert got["Chi (OA silent, Telegram)"] == (
                Channel.TELEGRAM,
                DeliveryStatus.SENT,
                "moved from zalo: zalo.window",
            )
            assert got["Dũng (OA silent only)"] == (
                Channel.ZALO,
                DeliveryStatus.UNREACHABLE,
                "Unreachable: zalo.window",
            )

    # What each person saw: Bình's reminders were free replies naming his message.
    binh = [c for c in fake_zalo.calls_to("/message/cs") if c.user_id == "z-binh" and c.accepted]
    assert len(binh) >= 2 and all(c.reply_to == "msg-z-binh" for c in binh)
    assert any("Mã điểm danh" in text for text in fake_zalo_bot.texts_to("b-phuc"))
    if route == "transaction":
        sent = [c.user_id for c in fake_zalo.calls_to("/message/transaction") if c.accepted]
        assert sorted(set(sent)) == ["z-chi", "z-dung"]
    else:
        assert fake_zalo.calls_to("/message/transaction") == []
        assert any("Mã điểm danh" in text for text in fake_api.received_by(7003))

    # The organisers' report, per person: channel used and final state (and why not).
    async with sessions() as session:
        report = await delivery_report(session, f"rule:{rules['day_before']}:person:", TWO_HOURS)
    text = report_text(translator("vi"), report)
    assert "• An — Telegram: đã gửi" in text and "• Em — Zalo Bot: đã gửi" in text
    assert "• Phúc — Zalo Bot: đã gửi" in text
    if route == "none":
        assert "• Chi — Telegram: đã gửi" in text
        assert (
            "• Dũng — Zalo OA: không liên lạc được (quá 48 giờ từ tin nhắn cuối của người nhận, "
            "OA chưa bật kênh gửi khác)"
        ) in text
        assert [r.tried for r in report if r.name == "Chi"] == [("zalo",)]


async def test_a_notice_sent_at_night_waits_for_the_morning_and_the_report_says_so(
    tg_settings,
    engine,
    clock,
    sessions,
    make_event,
    fake_api: FakeBotApi,
    fake_zalo: FakeZalo,
    fake_zalo_bot: FakeZaloBot,
):
    event_id = await make_event()
    await _delegate(sessions, event_id, "An", [(Channel.TELEGRAM, "7001", 1)])
    await _delegate(sessions, event_id, "Em", [(Channel.ZALO_BOT, "b-em", 2)])
    async with sessions() as session, session.begin():
        event = await repo.event_with_details(session, event_id)
        note = await send_announcement(
            session,
            event,
            ReminderAudience.CONFIRMED_DELEGATES,  # type: ignore[arg-type]
            "Xe đưa đón khởi hành lúc 07:00",
            by=None,
            now=NIGHT,
        )
    async with sessions() as session:
        report = await delivery_report(session, announcement_key(note.id), NIGHT)
    assert {(r.name, r.state) for r in report} == {("An", "waiting_morning"), ("Em", "waiting_morning")}
    assert "• Em — Zalo Bot: chờ đến sáng" in report_text(translator("vi"), report)
