"""Diacritic-insensitive folding of Vietnamese text, for matching what people type."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_chars"]

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)  # the characters people type are few; folding each once is enough
def _fold_char(ch: str) -> str:
    """Fold one character to exactly one character (or keep it when that is impossible)."""
    if ch in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    if len(base) != 1:
        return ch.lower() if len(ch.lower()) == 1 else ch
    low = base.lower()
    return low if len(low) == 1 else base


def fold_chars(text: str) -> str:
    """Fold case and diacritics character by character, so indexes match the NFC input."""
    return "".join(map(_fold_char, text))


def fold(text: str) -> str:
    """Lowercase, strip diacritics (đ -> d) and collapse whitespace, for comparing text."""
    nfc = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", fold_chars(nfc)).strip()
