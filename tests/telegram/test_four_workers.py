"""Scale-out: four `pii-bot serve` processes on one PostgreSQL. One person's updates, posted in
a burst and spread over all four, are served in order (the conversation state holds what was
typed, in the right fields) and every reply is delivered once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from bot.domain.registration.invitations import agency_invitations
from bot.run.web import SECRET_HEADER
from storage.inbound_models import InboundUpdate
from storage.models import ConversationState, Identity, Person
from storage.rsvp_models import Registration
from tests.fakes.telegram_api import FakeBotApi, callback_update, free_port, message_update
from tests.telegram.conftest import SECRET
from tests.telegram.test_webhook_crash import serve, until, wait_listening

pytestmark = pytest.mark.db
USER = 640_001


async def test_one_persons_updates_spread_over_four_workers_stay_in_order(
    engine, sessions, make_event, tmp_path: Path
):
    if engine.dialect.name != "postgresql":
        pytest.skip("several workers share PostgreSQL; SQLite serves one process")
    event_id = await make_event(seats={"Sở Tài chính": 2})
    async with sessions() as session, session.begin():
        token = next(
            i.token for q, i in await agency_invitations(session, event_id) if q.agency.name == "Sở Tài chính"
        )
    steps = [
        message_update(USER, f"/start {token}"),
        message_update(USER, "1"),
        message_update(USER, "Trần Văn Bốn Máy"),
        message_update(USER, "Chuyên viên chính"),
        message_update(USER, "0987 654 321"),
        callback_update(USER, "reg:confirm"),
    ]
    fake = await FakeBotApi().start()
    ports = [free_port() for _ in range(4)]
    workers = []
    try:
        for n, port in enumerate(ports):
            workers.append(await serve(engine, fake, port, tmp_path / f"w{n}"))
        for port, worker in zip(ports, workers, strict=True):
            await wait_listening(port, worker)
        async with httpx.AsyncClient(timeout=10) as client:
            # Each update to the next worker, without waiting for any answer: a burst.
            for n, step in enumerate(steps):
                answer = await client.post(
                    f"http://127.0.0.1:{ports[n % 4]}/telegram/webhook",
                    json={"update_id": 9_000 + n, **step},
                    headers={SECRET_HEADER: SECRET},
                )
                assert answer.status_code == 200
        await until(
            lambda: any("Ban Tổ chức đã lưu thông tin đăng ký" in t for t in fake.texts_to(USER)),
            60,
            "the registration to complete",
        )
        await asyncio.sleep(1.0)
    finally:
        for worker in workers:
            if worker.returncode is None:
                worker.terminate()
        for worker in workers:
            await worker.wait()
        await fake.stop()
    texts = fake.texts_to(USER)
    asked = [t for t in texts if t.startswith("Quý vị vui lòng cho biết")]
    assert asked == [
        "Quý vị vui lòng cho biết họ và tên.",
        "Quý vị vui lòng cho biết chức vụ.",
    ]  # once each, in order
    assert not any("hệ thống vừa gặp sự cố" in t for t in texts)
    async with sessions() as session:
        person = (
            await session.execute(select(Person).join(Identity).where(Identity.external_id == str(USER)))
        ).scalar_one()
        assert (person.full_name, person.position, person.phone) == (
            "Trần Văn Bốn Máy",
            "Chuyên viên chính",
            "+84987654321",
        )
        assert (
            len(
                (await session.execute(select(Registration).where(Registration.person_id == person.id))).all()
            )
            == 1
        )
        state = (
            await session.execute(
                select(ConversationState).join(Identity).where(Identity.external_id == str(USER))
            )
        ).scalar_one()
        assert state.flow is None and state.version >= len(steps) - 1  # one unit after the other
        handled = (
            (
                await session.execute(
                    select(InboundUpdate.handled_at).where(
                        InboundUpdate.user_key.is_(None) | (InboundUpdate.user_key == str(USER))
                    )
                )
            )
            .scalars()
            .all()
        )
        assert len(handled) == len(steps) and all(handled)
