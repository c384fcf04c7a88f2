"""Revoking a leaked invitation link from the bot and from the command line; a registration begun
through the link before the revocation cannot complete."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from bot.domain.registration.invitations import new_token
from bot.messages import Inbound
from storage.enums import Channel
from storage.rsvp_models import Registration
from tests.cli.test_cli import run
from tests.console import talk
from tests.rsvp.helpers import make_organiser
from tests.rsvp.test_registration_conversation import REGISTER, token_for

pytestmark = pytest.mark.db


async def registrations(sessions) -> int:  # type: ignore[no-untyped-def]
    """How many registrations exist."""
    async with sessions() as session:
        return (await session.execute(select(func.count()).select_from(Registration))).scalar_one()


async def test_an_organiser_revokes_from_the_bot_and_a_half_done_registration_cannot_finish(
    core, sessions, make_event
):
    event_id = await make_event(seats={"Sở Tài chính": 2})
    await make_organiser(sessions, event_id, "org")
    leaked = await token_for(sessions, event_id, "Sở Tài chính")
    # Someone opens the leaked link and types their details, up to the review.
    await talk(core, f"/start {leaked}", *REGISTER, user="intruder")
    assert "chỉ dành cho Ban Tổ chức" in await talk(core, "/thuhoilienket Sở Tài chính", user="intruder")
    text = await talk(core, "/thuhoilienket tai chinh", user="org")
    assert "Đã thu hồi 1 đường liên kết của Sở Tài chính" in text
    fresh = re.search(r"/start (\S+)", text)
    assert fresh is not None and fresh.group(1) != leaked
    # The registration begun before the revocation is refused at its last step.
    confirm = await core.handle(Inbound(channel=Channel.CONSOLE, user_id="intruder", payload="reg:confirm"))
    assert "Đường liên kết này đã bị Ban Tổ chức thu hồi" in confirm[0].text
    assert await registrations(sessions) == 0
    assert "đã bị Ban Tổ chức thu hồi" in await talk(core, f"/start {leaked}", user="late")
    # The new link works.
    assert "Cảm ơn Quý vị đã xác nhận tham dự" in await talk(
        core, f"/start {fresh.group(1)}", *REGISTER, "1", "1", user="delegate"
    )
    assert await registrations(sessions) == 1


async def test_the_command_line_revokes_by_agency_or_token(engine, sessions, make_event, tmp_path):
    event_id = await make_event(seats={"Sở Tài chính": 2})
    leaked = await token_for(sessions, event_id, "Sở Tài chính")
    url = engine.url.render_as_string(hide_password=False)
    result = run("invites", str(event_id), "--revoke", leaked, env={"DATABASE_URL": url}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Đã thu hồi 1 đường liên kết" in result.stdout and leaked not in result.stdout
    fresh = await token_for(sessions, event_id, "Sở Tài chính")
    assert fresh != leaked and fresh in result.stdout
    again = run("invites", str(event_id), "--revoke", "Sở Tài chính", env={"DATABASE_URL": url}, cwd=tmp_path)
    assert "Đã thu hồi 1 đường liên kết" in again.stdout and fresh not in again.stdout
    unknown = run(
        "invites", str(event_id), "--revoke", "Sở Không Có", env={"DATABASE_URL": url}, cwd=tmp_path
    )
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr


def test_no_token_begins_with_a_dash_the_command_line_would_read_as_an_option():
    # One token in 64 from token_urlsafe begins with "-"; 3000 draws all but surely meet one.
    tokens = [new_token() for _ in range(3000)]
    assert not [t for t in tokens if t.startswith("-")]
    assert len(set(tokens)) == 3000 and all(len(t) == 22 for t in tokens)
