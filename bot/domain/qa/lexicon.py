"""The bilingual lexicon of the field's terms (bot/data/qa_lexicon.yaml), folded for matching.

A Vietnamese term ("chuyển đổi số") and its English equivalents ("digital transformation") are
one concept: a programme line whose title holds one side is also indexed under the other, so a
question in either language finds it. The lexicon is data; this module only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from bot.domain.qa.normalise import normalise_tokens
from bot.domain.textfold import fold

__all__ = ["Lexicon", "lexicon"]

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """Folded term pairs: each phrase of either language and the phrases of the other."""

    others: dict[Phrase, tuple[Phrase, ...]]
    english_phrases: frozenset[str]  # folded, not normalised ("science and technology")
    words: frozenset[str]
    # The terms by their first word, each with its rank in `others` (longest terms first).
    by_first: dict[str, tuple[tuple[int, Phrase], ...]] = field(default_factory=dict)

    def terms(self, tokens: tuple[str, ...] | list[str]) -> list[Phrase]:
        """The lexicon's terms of two words or more found in `tokens`, as written there."""
        return [
            phrase
            for n, token in enumerate(tokens)
            for _rank, phrase in self.by_first.get(token, ())
            if len(phrase) >= 2 and tuple(tokens[n : n + len(phrase)]) == phrase
        ]

    def glosses(self, tokens: tuple[str, ...] | list[str]) -> list[Phrase]:
        """The other language's phrases for every term found in `tokens` (longest terms first)."""
        starts: dict[str, list[int]] = {}
        for n, token in enumerate(tokens):
            if token in self.by_first:
                starts.setdefault(token, []).append(n)
        candidates = sorted(c for t in starts for c in self.by_first[t])
        found: list[Phrase] = []
        for _rank, phrase in candidates:
            width = len(phrase)
            if any(tuple(tokens[i : i + width]) == phrase for i in starts[phrase[0]]):
                found.extend(self.others[phrase])
        return found


def _phrases(entry: dict[str, object]) -> tuple[list[Phrase], list[Phrase]]:
    vi = [normalise_tokens(str(entry["vi"]))]
    english = entry.get("en") or []
    en = [normalise_tokens(str(p)) for p in (english if isinstance(english, list) else [english])]
    return [p for p in vi if p], [p for p in en if p]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon shipped with the bot, read once."""
    text = resources.files("bot").joinpath("data", "qa_lexicon.yaml").read_text(encoding="utf-8")
    others: dict[Phrase, list[Phrase]] = {}
    raw_english: set[str] = set()
    for entry in yaml.safe_load(text)["terms"]:
        vi, en = _phrases(entry)
        raw_english.update(fold(str(p)) for p in entry.get("en") or [])
        # Each phrase stands for the whole entry: the other language and its own synonyms; and for
        # the narrower terms it covers (`includes`: a talk on intellectual property is one on
        # patents), but not the reverse.
        narrower = [normalise_tokens(str(p)) for p in entry.get("includes") or []]
        for phrase in (*vi, *en):
            others.setdefault(phrase, []).extend(p for p in (*vi, *en, *narrower) if p and p != phrase)
    ordered = dict(
        sorted(((k, tuple(dict.fromkeys(v))) for k, v in others.items()), key=lambda kv: -len(kv[0]))
    )
    words = frozenset(w for phrase, more in ordered.items() for p in (phrase, *more) for w in p)
    by_first: dict[str, list[tuple[int, Phrase]]] = {}
    for rank, phrase in enumerate(ordered):
        by_first.setdefault(phrase[0], []).append((rank, phrase))
    return Lexicon(ordered, frozenset(raw_english), words, {k: tuple(v) for k, v in by_first.items()})
