"""`pii-bot delivery EVENT` and `pii-bot zalo authorize` as an IT officer runs them: a real
subprocess on a real SQLite database."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.domain.events.records import save_event_draft
from bot.outbox.reminders import send_announcement
from storage import repositories as repo
from storage.db import create_engine, session_factory
from storage.enums import Channel, DeliveryStatus
from storage.migrate import upgrade_engine
from storage.models import OutboxMessage
from storage.reminder_models import ReminderAudience
from storage.zalo_models import OutboxRoute
from tests.cli.test_cli import run
from tests.conftest import event_draft
from tests.rsvp.helpers import rsvp

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)


async def _prepare(path) -> str:  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite+aiosqlite:///{path / 'pii-bot.sqlite3'}")
    await upgrade_engine(engine)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        outcome = await save_event_draft(session, event_draft(), actor_label="test")
    people = []
    for channel, external, name in (
        (Channel.TELEGRAM, "7001", "Nguyễn Văn An"),
        (Channel.ZALO, "z-1", "Lê Chí"),
    ):
        async with sessions() as session, session.begin():
            identity, _ = await repo.identity_for(session, channel, external, None, "vi")
            identity.person.full_name, identity.person.consent_at = name, NOW
            people.append(identity.person_id)
        await rsvp(
            sessions, outcome.event_id, people[-1], "Sở Tài chính" if name.startswith("Ng") else "UBND tỉnh"
        )
    async with sessions() as session, session.begin():
        event = await repo.event_with_details(session, outcome.event_id)
        await send_announcement(
            session,
            event,
            ReminderAudience.CONFIRMED_DELEGATES,
            "Xin mang theo giấy mời",  # type: ignore[arg-type]
            by=None,
            now=NOW,
            urgent=True,
        )
    async with sessions() as session, session.begin():
        rows = (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars().all()
        rows[0].status, rows[0].sent_at = DeliveryStatus.SENT, NOW
        rows[1].status, rows[1].last_error = DeliveryStatus.UNREACHABLE, "Unreachable: zalo.window"
        session.add(
            OutboxRoute(
                outbox_id=rows[1].id,
                identity_id=rows[1].identity_id,
                channel="zalo",
                reason="zalo.window",
                at=NOW,
            )
        )
        slug = event.slug  # type: ignore[union-attr]
    await engine.dispose()
    return slug


async def test_the_delivery_command_lists_each_person_with_channel_and_state(tmp_path):
    slug = await _prepare(tmp_path)
    result = run("delivery", slug, env={"DATA_DIR": str(tmp_path)}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Thông báo số 1" in result.stdout
    assert "• Nguyễn Văn An — Telegram: đã gửi" in result.stdout
    assert (
        "• Lê Chí — Zalo OA: không liên lạc được (quá 48 giờ từ tin nhắn cuối của người nhận, "
        "OA chưa bật kênh gửi khác)"
    ) in result.stdout
    missing = run("delivery", "khong-co", env={"DATA_DIR": str(tmp_path)}, cwd=tmp_path)
    assert missing.returncode == 1 and "Không tìm thấy sự kiện «khong-co»" in missing.stderr


def test_authorize_without_the_oa_settings_says_which_are_needed(tmp_path):
    result = run("zalo", "authorize", env={"DATA_DIR": str(tmp_path), "ZALO_APP_ID": ""}, cwd=tmp_path)
    assert result.returncode == 2
    assert (
        "ZALO_APP_ID, ZALO_APP_SECRET và ZALO_REDIRECT_URI" in result.stderr
        and "Traceback" not in result.stderr
    )
