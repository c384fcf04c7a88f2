"""Which of several matching programme lines a question means by rank ("the second break")."""

from __future__ import annotations

import datetime as dt

from bot.domain.qa.view import ItemView

__all__ = ["ORDINAL_TOKENS", "ordinal", "pick_ordinal"]

# "the second coffee break", "giải lao lần 2", "phần cuối": which of several matching lines.
_ORDINAL_WORDS = {
    "first": 0,
    "1st": 0,
    "second": 1,
    "2nd": 1,
    "third": 2,
    "3rd": 2,
    "last": -1,
    "final": -1,
}
_ORDINAL_PAIRS = {
    ("lan", "1"): 0,
    ("lan", "dau"): 0,
    ("lan", "2"): 1,
    ("lan", "hai"): 1,
    ("lan", "3"): 2,
    ("lan", "ba"): 2,
    ("lan", "cuoi"): -1,
    ("thu", "hai"): 1,
    ("thu", "ba"): 2,
    ("cuoi", "cung"): -1,
    ("sau", "cung"): -1,
    ("dau", "tien"): 0,
    ("thu", "2"): 1,
    ("thu", "3"): 2,
    ("so", "1"): 0,
    ("so", "2"): 1,
    ("so", "3"): 2,
    ("so", "4"): 3,
    ("thu", "4"): 3,
}

# Every word of a rank, so that an answer need not account for it.
ORDINAL_TOKENS = frozenset(_ORDINAL_WORDS) | {w for pair in _ORDINAL_PAIRS for w in pair}


def ordinal(tokens: tuple[str, ...], used: frozenset[int] = frozenset()) -> int | None:
    """The position asked for (0 first, 1 second, -1 last), if the question names one."""
    for n, token in enumerate(tokens):
        if n in used:
            continue
        if token in _ORDINAL_WORDS:
            return _ORDINAL_WORDS[token]
        if n + 1 < len(tokens) and (token, tokens[n + 1]) in _ORDINAL_PAIRS and n + 1 not in used:
            return _ORDINAL_PAIRS[(token, tokens[n + 1])]
    return None


def pick_ordinal(
    items: list[ItemView], tokens: tuple[str, ...], used: frozenset[int] = frozenset()
) -> list[ItemView]:
    """The one slot of several matching lines the question picks by its rank, else all."""
    position = ordinal(tokens, used)
    if position is None:
        return items
    slots = sorted({(i.day, i.start_time or dt.time(0)) for i in items})
    if not -len(slots) <= position < len(slots):
        return []  # "bài số 3" of two matching lines: no line is that one
    chosen = slots[position]
    return [i for i in items if (i.day, i.start_time or dt.time(0)) == chosen]
