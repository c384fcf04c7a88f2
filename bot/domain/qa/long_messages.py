"""A long chat message read sentence by sentence: who is asking, what they tell, what they ask.

"Dạ em chào anh chị, em là cán bộ đầu mối mới của Sở Tài chính. Sau phần trình bày của Sở em thì
là phần gì ạ? Em cảm ơn." greets, introduces the asker and their agency, asks, and thanks. The
sentences that ask are answered (answer.py); the others are told for context only, and a question
that refers back to the asker's agency ("Sở em", "bên mình", "our talk") gets that agency's name.
"""

from __future__ import annotations

import re

from bot.domain.qa.clauses import sentence_asks, titles_joined, with_own_agency
from bot.domain.qa.evidence import HARMLESS
from bot.domain.qa.matcher import EventIndex, content_tokens
from bot.domain.qa.normalise import normalise
from bot.domain.qa.reading import AGENCY_THRESHOLD

__all__ = ["asked_sentences"]

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_GREETINGS = frozenset({"hi", "hey", "chao", "kinh", "gui", "dear", "thua"})
_WORDS_AT_LEAST = 12  # a message shorter than this is read whole


def asked_sentences(text: str, index: EventIndex) -> list[str] | None:
    """The sentences of a long message that ask, with the asker's agency put back in; None when the
    message is short or is one sentence, or when every sentence asks (it is read whole then)."""
    joined = titles_joined(text)
    if len(joined.split()) < _WORDS_AT_LEAST:
        return None
    sentences = [s.strip() for s in _SENTENCE_END.split(joined) if s and s.strip()]
    if len(sentences) < 2:
        return None
    asking = [s for s in sentences if sentence_asks(s)]
    told = [s for s in sentences if s not in asking]
    if not asking or (not told and len(asking) < 2):
        return None
    agency = _own_agency(" ".join(told), index)
    if agency is not None:
        asking = [with_own_agency(s, agency) for s in asking]
    return asking


def _own_agency(told: str, index: EventIndex) -> str | None:
    """The agency the asker says they are from, if the event knows it."""
    # (a harmless word may be part of the agency's name: "thống" of "Cục Thống kê")
    words = [
        t
        for t in content_tokens(list(normalise(told).tokens))
        if t not in _GREETINGS and (t not in HARMLESS or t in index.agency_word_bodies)
    ]
    # Of the agencies the words fit, the one that holds the most of them ("Trường ĐH Nam Cần Thơ",
    # not "Trường ĐH Cần Thơ"); when two hold as many, which is the asker's is not certain.
    said = index.agency_said(words, AGENCY_THRESHOLD) if words else None
    if said is None:
        return None
    return said.names[0] if said.names else said.name
