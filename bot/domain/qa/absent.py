"""Agencies a question names that the event does not hold.

"NHNN chi nhánh Ninh Bình làm việc với tổ rà soát hôm nào" of a review that has no bank: the words
of the bank's name ("ngân", "nhà nước") must not find the tax office's line by its "ngân sách" or
another's "nước ngoài". The agency catalogue (bot/data/agency_renames.yaml) knows the names.
"""

from __future__ import annotations

from functools import lru_cache

from bot.domain.plan.agency_names import catalogue_names, english_names
from bot.domain.qa.normalise import normalise_tokens

__all__ = ["absent_agency", "held_text"]

# Words a catalogue name ends with that a question leaves out ("... chi nhánh tỉnh").
_TAIL = frozenset({"chi", "nhanh", "tinh", "khu", "vuc", "thanh", "pho", "xa", "phuong", "cap"})
# How an agency's name begins: a name only, never plain words ("số liệu thống kê").
_KINDS = (
    ("so",),
    ("cuc",),
    ("cong", "an"),
    ("ngan", "hang"),
    ("thanh", "tra"),
    ("uy", "ban"),
    ("ban", "quan", "ly"),
    ("department",),
    ("provincial",),
)
# Words before a name that introduce the one asking ("e ở Sở Tư pháp", "I'm from the ...").
_INTRODUCING = frozenset({"o", "tu", "from", "ben", "thuoc"})


@lru_cache(maxsize=1)
def _cores() -> tuple[tuple[str, ...], ...]:
    """The catalogue's agency names as folded words, without the place words they end with."""
    cores = set()
    for name in catalogue_names():
        for spelling in (name, *english_names(name)):
            words = list(normalise_tokens(spelling))
            while len(words) > 2 and words[-1] in _TAIL:
                words.pop()
            if len(words) >= 2 and any(tuple(words[: len(k)]) == k for k in _KINDS):
                cores.add(tuple(words))
    return tuple(sorted(cores, key=len, reverse=True))


def held_text(names: list[str]) -> str:
    """The names and texts an event holds, folded, for `absent_agency`."""
    return f" {' | '.join(' '.join(normalise_tokens(n)) for n in names if n)} "


def absent_agency(tokens: tuple[str, ...], held: str) -> tuple[str, ...] | None:
    """A catalogue agency the question names as its subject that the event's text never names."""
    text = f" {' '.join(tokens)} "
    for core in _cores():
        phrase = f" {' '.join(core)} "
        at = text.find(phrase)
        if at < 0 or phrase in held:
            continue
        before = [t for t in text[:at].split() if t != "the"]
        if before and before[-1] in _INTRODUCING:
            continue
        return core
    return None
