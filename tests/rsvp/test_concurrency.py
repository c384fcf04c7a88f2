"""Many processes race for an agency's five seats: exactly five confirmed, nothing lost."""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.rsvp_contention import prepare, race

pytestmark = pytest.mark.db


async def test_200_attempts_from_4_processes_never_oversell(engine):
    url = engine.url.render_as_string(hide_password=False)
    event_id, agency_id = await prepare(url, 5, fresh_schema=False)
    # The race runs in other OS processes; this test's loop only waits for them.
    result = await asyncio.to_thread(race, url, event_id, agency_id, processes=4, attempts=50)
    assert result.errors == 0
    assert result.confirmed == 5
    # The other 195 wait in one gapless order: positions 1..195, each once.
    assert result.waitlist_seqs == list(range(1, 196))
