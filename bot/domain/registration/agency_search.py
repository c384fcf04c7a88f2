"""Find an invited agency by what people type: its name, short name or an alias, with typos."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.textfold import fold
from storage.models import Agency, SeatQuota

__all__ = ["find_agencies", "rank_agencies"]

MIN_SCORE = 70


def rank_agencies(query: str, agencies: list[Agency], limit: int = 5) -> list[Agency]:
    """Agencies whose names best match `query`, best first; an exact name or alias wins alone."""
    folded = fold(query)
    if not folded:
        return []
    choices: dict[tuple[int, int], str] = {}
    for index, agency in enumerate(agencies):
        for n, name in enumerate([agency.name, agency.short_name or "", *agency.aliases]):
            if name:
                choices[(index, n)] = fold(name)
    exact = [agencies[i] for (i, _), name in choices.items() if name == folded]
    if exact:
        return list(dict.fromkeys(exact))[:limit]
    scored = process.extract(folded, choices, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=MIN_SCORE)
    ranked: list[Agency] = []
    for _name, _score, (index, _n) in scored:
        if agencies[index] not in ranked:
            ranked.append(agencies[index])
    return ranked[:limit]


async def find_agencies(session: AsyncSession, event_id: int, query: str, limit: int = 5) -> list[Agency]:
    """The event's invited agencies that match `query`."""
    rows = await session.execute(
        select(Agency).join(SeatQuota, SeatQuota.agency_id == Agency.id).where(SeatQuota.event_id == event_id)
    )
    return rank_agencies(query, list(rows.scalars()), limit)
