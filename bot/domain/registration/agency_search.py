"""Find an invited agency by what people type: its name, short name or an alias, with typos."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.textfold import fold
from storage.models import Agency, SeatQuota

__all__ = ["find_agencies", "rank_agencies"]

MIN_SCORE = 70
# Words every other agency name has ("Sở …", "UBND tỉnh …"): they alone must not make a match,
# or "Sở Tư pháp" (not invited) would be offered "Sở Khoa học và Công nghệ". Folded.
GENERIC_WORDS = frozenset(
    {"so", "ban", "cuc", "ubnd", "hdnd", "uy", "tinh", "cac", "co", "quan", "va", "chi", "nhanh"}
)
TOKEN_SCORE = 75  # how close a typed word must be to a word of the name (typos allowed)
_WORDS = re.compile(r"[a-z0-9]+")


def _distinctive(text: str) -> list[str]:
    return [word for word in _WORDS.findall(text) if word not in GENERIC_WORDS]


def _every_word_found(words: list[str], names: list[str]) -> bool:
    """Whether each distinctive typed word is close to some word of one of the agency's names."""
    vocabulary = {word for name in names for word in _WORDS.findall(name)}
    return all(any(fuzz.ratio(word, known) >= TOKEN_SCORE for known in vocabulary) for word in words)


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
    # An exact current name first, then short names, then other names (a 2025 alias such as
    # "Sở Tài chính" for the former Sở KH&ĐT comes after the agency that bears that name today).
    exact = [(n, i) for (i, n), name in choices.items() if name == folded]
    if exact:
        return list(dict.fromkeys(agencies[i] for _n, i in sorted(exact)))[:limit]
    scored = process.extract(folded, choices, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=MIN_SCORE)
    words = _distinctive(folded)
    ranked: list[Agency] = []
    # At equal scores, a current name before a short name before a former name.
    for _name, _score, (index, _n) in sorted(scored, key=lambda found: (-found[1], found[2][1])):
        agency = agencies[index]
        if agency in ranked:
            continue
        names = [name for (i, _n), name in choices.items() if i == index]
        if words and not _every_word_found(words, names):
            continue  # only the generic words matched: not this agency
        ranked.append(agency)
    return ranked[:limit]


async def find_agencies(session: AsyncSession, event_id: int, query: str, limit: int = 5) -> list[Agency]:
    """The event's invited agencies that match `query`."""
    rows = await session.execute(
        select(Agency).join(SeatQuota, SeatQuota.agency_id == Agency.id).where(SeatQuota.event_id == event_id)
    )
    return rank_agencies(query, list(rows.scalars()), limit)
