"""The bundled sample catalogue (33 indicators seen in public reports, provisional codes, marked
as a sample) and, for the console demo, plausible assignments to a few of the demo's agencies."""

from __future__ import annotations

import csv
import datetime as dt
import io
from functools import lru_cache
from importlib import resources

import yaml
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.indicators.catalogue_import import ImportOutcome, import_indicators
from storage.indicator_models import Assignment

__all__ = ["SAMPLE_FILE", "demo_focal_agency", "load_demo_indicators", "sample_csv", "sample_title"]

SAMPLE_FILE = "pii_indicators_sample.csv"


@lru_cache(maxsize=1)
def _sample_meta() -> dict:
    return yaml.safe_load(
        (resources.files("bot") / "data" / "indicator_sample.yaml").read_text(encoding="utf-8")
    )


def sample_title() -> str:
    """The sample catalogue's title, as organisers see it."""
    return _sample_meta()["title"]


def demo_focal_agency() -> str:
    """The demo event's agency whose focal point the console user becomes."""
    return _sample_meta()["demo_focal_agency"]


def sample_csv() -> str:
    """The bundled sample catalogue as CSV text (no agencies: the province's annex assigns them)."""
    return (resources.files("bot") / "data" / SAMPLE_FILE).read_text(encoding="utf-8")


def _with_demo_assignments(text: str, today: dt.date) -> bytes:
    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        agency, days = _sample_meta()["demo_assignments"].get(row["code"], ("", 0))
        if agency:
            row["agency"], row["deadline"] = agency, (today + dt.timedelta(days=days)).strftime("%d/%m/%Y")
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


async def load_demo_indicators(
    session: AsyncSession, event_id: int, today: dt.date, now: dt.datetime
) -> ImportOutcome | None:
    """Import the sample with demo assignments unless the event already has assignments."""
    found = await session.execute(select(Assignment.id).where(Assignment.event_id == event_id).limit(1))
    if found.first() is not None:
        return None
    content = _with_demo_assignments(sample_csv(), today)
    return await import_indicators(
        session,
        event_id,
        SAMPLE_FILE,
        content,
        year=today.year,
        title=sample_title(),
        is_sample=True,
        now=now,
        actor_label="demo",
    )
