"""Which of several matching programme lines a question means by rank ("the second break")."""

from __future__ import annotations

import datetime as dt

from bot.domain.qa.view import ItemView

__all__ = ["ORDINAL_TOKENS", "ordinal", "ordinal_span", "pick_ordinal"]

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
    # "bài cuối", "phần đầu": a part named by its place alone
    ("bai", "cuoi"): -1,
    ("phan", "cuoi"): -1,
    ("bai", "dau"): 0,
    ("phan", "dau"): 0,
}
# Of those, the pairs whose first word names the part ("bài", "phần"), not the rank; their rank
# word must end the phrase ("bài đầu tư", "bài kiểm tra cuối khóa" are no rank).
_PART_FIRST = frozenset({"bai", "phan"})
_FIRST_OR_LAST = frozenset({"dau", "tien", "cuoi", "cung"})
_AFTER_PART_RANK = frozenset(
    "tien cung la gi ai may luc sang chieu buoi ngay hom cua trong phien o thi nao toi truoc sau "
    "bat ket keo do vay a nhe ha".split()
)


def _rank_at(tokens: tuple[str, ...], n: int, used: frozenset[int]) -> int | None:
    """The rank the words at `n` say, if they say one."""
    token = tokens[n]
    if token in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[token]
    if n + 1 >= len(tokens) or n + 1 in used or (token, tokens[n + 1]) not in _ORDINAL_PAIRS:
        return None
    if token in _PART_FIRST and n + 2 < len(tokens) and tokens[n + 2] not in _AFTER_PART_RANK:
        return None
    return _ORDINAL_PAIRS[(token, tokens[n + 1])]


# Every word of a rank, so that an answer need not account for it.
ORDINAL_TOKENS = frozenset(_ORDINAL_WORDS) | {w for pair in _ORDINAL_PAIRS for w in pair}


def ordinal(tokens: tuple[str, ...], used: frozenset[int] = frozenset()) -> int | None:
    """The position asked for (0 first, 1 second, -1 last), if the question names one."""
    for n in range(len(tokens)):
        if n not in used and (rank := _rank_at(tokens, n, used)) is not None:
            return rank
    return None


def ordinal_span(tokens: tuple[str, ...], used: frozenset[int] = frozenset()) -> frozenset[int]:
    """The positions of the words that say a first or last ("đầu tiên" of "ai trình bày đầu
    tiên", "bài cuối"): they name no line ("đầu" is no "đầu tư"). (A number or an English rank
    may be a line's own: "Phiên góp ý 2", "the contest final".)"""
    for n, token in enumerate(tokens):
        if n in used or token in _ORDINAL_WORDS or _rank_at(tokens, n, used) is None:
            continue
        rank = {n + 1} if token in _PART_FIRST else {n, n + 1}
        # ("bài đầu tiên": the words after the part's both say the rank)
        if n + 2 < len(tokens) and (tokens[n + 1], tokens[n + 2]) in _ORDINAL_PAIRS:
            rank.add(n + 2)
        if all(tokens[i] in _FIRST_OR_LAST for i in rank):
            return frozenset(rank)
    return frozenset()


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
