"""The bundled sample catalogue (33 indicators seen in public reports, provisional codes, marked
as a sample) and, for the console demo, plausible assignments to a few of the demo's agencies."""

from __future__ import annotations

import csv
import datetime as dt
import io
from importlib import resources

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.indicators.catalogue_import import ImportOutcome, import_indicators
from storage.indicator_models import Assignment

__all__ = ["SAMPLE_TITLE", "SAMPLE_FILE", "sample_csv", "DEMO_ASSIGNMENTS", "DEMO_FOCAL_AGENCY", "load_demo_indicators"]

SAMPLE_TITLE = "Danh mục mẫu PII (nguồn công khai, chưa chính thức)"
SAMPLE_FILE = "pii_indicators_sample.csv"
# Demo only: indicator code -> (agency as named in the demo event, deadline in days from today).
DEMO_ASSIGNMENTS = {
    "P1.G1.a": ("Sở Khoa học và Công nghệ", -2),
    "P2.G2.a": ("Sở Khoa học và Công nghệ", 1),
    "P2.G2.c": ("Sở Khoa học và Công nghệ", 3),
    "P3.Gx.b": ("Sở Khoa học và Công nghệ", 7),
    "P6.Gx.a": ("Sở Khoa học và Công nghệ", 14),
    "P2.G1.a": ("Sở GD&ĐT", 5),
    "P2.G1.b": ("Sở GD&ĐT", 5),
    "P2.G1.c": ("Sở GD&ĐT", -1),
    "P4.Gx.b": ("Cục Thống kê tỉnh", 10),
    "P5.Gx.e": ("Cục Thống kê tỉnh", 10),
    "P7.Gx.a": ("Cục Thống kê tỉnh", 10),
    "P6.Gx.b": ("Sở Nông nghiệp và PTNT", 7),
}
DEMO_FOCAL_AGENCY = "Sở Khoa học và Công nghệ"


def sample_csv() -> str:
    """The bundled sample catalogue as CSV text (no agencies: the province's annex assigns them)."""
    return (resources.files("bot") / "data" / SAMPLE_FILE).read_text(encoding="utf-8")


def _with_demo_assignments(text: str, today: dt.date) -> bytes:
    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        agency, days = DEMO_ASSIGNMENTS.get(row["code"], ("", 0))
        if agency:
            row["agency"], row["deadline"] = agency, (today + dt.timedelta(days=days)).strftime("%d/%m/%Y")
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


async def load_demo_indicators(session: AsyncSession, event_id: int, today: dt.date, now: dt.datetime) -> ImportOutcome | None:
    """Import the sample with demo assignments unless the event already has assignments."""
    found = await session.execute(select(Assignment.id).where(Assignment.event_id == event_id).limit(1))
    if found.first() is not None:
        return None
    content = _with_demo_assignments(sample_csv(), today)
    return await import_indicators(session, event_id, SAMPLE_FILE, content, year=today.year, title=SAMPLE_TITLE,
                                   is_sample=True, now=now, actor_label="demo")  # fmt: skip
