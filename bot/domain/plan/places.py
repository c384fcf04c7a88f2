"""Places in a document: the venue and its address, the province named in a title."""

from __future__ import annotations

import re

from bot.domain.plan.draft import VenueDraft
from bot.domain.textfold import fold

__all__ = ["province_from_title", "split_venue"]

_STREET_START = re.compile(r"^(?:\d|so\s+\d|duong\b|pho\b|km\s*\d|thon\b|khu pho\b|to dan pho\b)")
_PLACE_START = re.compile(r"^(?:phuong|xa|thi tran|thi xa|quan|huyen|tp\b|thanh pho|tinh)\s")


def province_from_title(title: str) -> str | None:
    """The province named as "tỉnh X" in a title, when the capitalised words make it clear."""
    words = title.split()
    for index, word in enumerate(words):
        if fold(word) != "tinh":
            continue
        name: list[str] = []
        for nxt in words[index + 1 :]:
            bare = nxt.strip(',.;:()“”"')
            if bare == "-" and name:
                name.append("-")
                continue
            if not bare or not bare[0].isupper():
                break
            name.append(bare)
            if bare != nxt.rstrip("-"):
                break  # punctuation ends the name
        while name and name[-1] == "-":
            name.pop()
        if name:
            return " ".join(name)
    return None


def split_venue(text: str) -> VenueDraft:
    """Split "Hội trường X - 204 Hùng Vương, TP. Y" into a venue name and an address.

    The address is what starts at a street number or an administrative word after a comma or
    a dash, or what stands in parentheses; a hyphen inside a name ("Sài Gòn - Hạ Long") stays.
    """
    value = re.sub(r"\s+([,;])", r"\1", text.strip()).rstrip(".;").strip()
    paren = re.search(r"\(([^()]{6,})\)\s*$", value)
    if paren and (_STREET_START.match(fold(paren.group(1))) or _PLACE_START.match(fold(paren.group(1)))):
        return VenueDraft(name=value[: paren.start()].strip(" ,-") or None, address=paren.group(1))
    parts = re.split(r"(\s+[-–—]\s+|,\s*)", value)
    # parts alternates: text, separator, text, ...; the address starts at a street number.
    for index in range(2, len(parts), 2):
        if _STREET_START.match(fold(parts[index])):
            name = "".join(parts[: index - 1]).strip()
            return VenueDraft(name=name or None, address="".join(parts[index:]).strip())
    for index in range(2, len(parts), 2):
        if parts[index - 1].strip() == "," and _PLACE_START.match(fold(parts[index])):
            name = "".join(parts[: index - 1]).strip()
            return VenueDraft(name=name or None, address="".join(parts[index:]).strip())
    return VenueDraft(name=value)
