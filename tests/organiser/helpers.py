"""Factories for the organiser tests: a known data set, talking as a user, database snapshots."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import BotCore
from bot.domain.checkin import arrivals as checkin
from bot.domain.registration.registrations import start_registration
from bot.messages import Inbound, Reply
from storage.enums import Channel
from storage.models import Person
from storage.rsvp_models import Registration
from storage.schema import Base
from tests.rsvp.helpers import agency_id, make_organiser, make_person, rsvp

# The known data set: four invited agencies in this plan order.
SEATS = {"UBND tỉnh": 2, "Sở Tài chính": 1, "Sở Khoa học và Công nghệ": 5, "Sở Nội vụ": 3}
# Tables a refused action may still touch: the user's own identity (last seen) and state.
VOLATILE = {"identities", "conversation_states"}
ON_THE_DAY = dt.datetime(2026, 11, 26, 1, 15, tzinfo=dt.UTC)  # 08:15 in Hà Nội, event day


@dataclass
class DataSet:
    """Ids of the people in the known data set."""

    event_id: int
    organiser: int
    people: dict[str, int]

    def person(self, name: str) -> int:
        """The person id of a delegate by first name key."""
        return self.people[name]


async def _details(sessions, person_id: int, position: str, phone: str) -> None:  # type: ignore[no-untyped-def]
    async with sessions() as session, session.begin():
        person = await session.get(Person, person_id)
        person.position, person.phone = position, phone


async def build_data_set(sessions, make_event) -> DataSet:  # type: ignore[no-untyped-def]
    """UBND tỉnh: one invited; Sở Tài chính: one confirmed (checked in), one waitlisted;
    Sở KH&CN: two confirmed (one checked in), one declined, one invited; Sở Nội vụ: nobody."""
    event_id = await make_event(seats=SEATS)
    organiser = await make_organiser(sessions, event_id)
    plan = [  # key, full name, agency, answer (None = registered, no answer yet)
        ("an", "Nguyễn Văn An", "Sở Khoa học và Công nghệ", True),
        ("binh", "Trần Thị Bình", "Sở Khoa học và Công nghệ", True),
        ("cuong", "Lê Văn Cường", "Sở Khoa học và Công nghệ", False),
        ("dung", "Phạm Thị Dung", "Sở Khoa học và Công nghệ", None),
        ("em", "Hoàng Văn Em", "Sở Tài chính", True),
        ("giang", "Vũ Thị Giang", "Sở Tài chính", True),  # the agency's only seat is taken: waitlist
        ("hai", "Đỗ Văn Hải", "UBND tỉnh", None),
    ]
    people: dict[str, int] = {}
    for n, (key, name, agency, answer) in enumerate(plan):
        person_id = await make_person(sessions, f"d-{key}", name)
        await _details(sessions, person_id, "Chuyên viên", f"+8491200000{n}")
        people[key] = person_id
        if answer is None:
            async with sessions() as session, session.begin():
                await start_registration(session, event_id, person_id, await agency_id(session, agency))
        else:
            await rsvp(sessions, event_id, person_id, agency, attend=answer)
    for key in ("an", "em"):
        async with sessions() as session, session.begin():
            registration = await registration_in(session, event_id, people[key])
            await checkin.check_in(
                session, registration, now=ON_THE_DAY, by_person_id=organiser, how="organiser"
            )
    return DataSet(event_id, organiser, people)


async def registration_in(session, event_id: int, person_id: int) -> Registration:  # type: ignore[no-untyped-def]
    """The registration of a person, in the given session."""
    return (
        await session.execute(
            select(Registration).where(Registration.event_id == event_id, Registration.person_id == person_id)
        )
    ).scalar_one()


async def say(
    core: BotCore, text: str | None = None, *, user: str, payload: str | None = None
) -> list[Reply]:
    """One console message (or button press) from `user`; the replies."""
    return await core.handle(Inbound(channel=Channel.CONSOLE, user_id=user, text=text, payload=payload))


def text_of(replies: list[Reply]) -> str:
    """All reply texts joined."""
    return "\n\n".join(reply.text for reply in replies)


async def snapshot(engine: AsyncEngine) -> dict[str, list[tuple]]:
    """Every row of every table except the volatile ones, for 'nothing changed' checks."""
    out: dict[str, list[tuple]] = {}
    async with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in VOLATILE:
                continue
            rows = (await conn.execute(select(table))).all()
            out[table.name] = sorted(tuple(map(repr, row)) for row in rows)
    return out
