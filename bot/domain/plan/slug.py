"""Short ASCII slugs for events: "hoi-thao-pii-quang-tri-2024"."""

from __future__ import annotations

import re

from bot.domain.textfold import fold

__all__ = ["slugify", "event_slug", "MAX_SLUG"]

MAX_SLUG = 60


def slugify(text: str) -> str:
    """Fold text to lowercase ASCII words joined by hyphens."""
    ascii_text = fold(text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _cut(slug: str, limit: int) -> str:
    """Shorten a slug to at most `limit` characters at a hyphen."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    return cut[: cut.rfind("-")] if "-" in cut else slug[:limit]


def event_slug(title: str, kind_word: str | None, province: str | None, year: int | None) -> str:
    """Build a slug from the event kind, "pii" when the title says so, the province and year."""
    title_words = slugify(title).split("-")
    parts = [slugify(kind_word)] if kind_word else []
    if "pii" in title_words:
        parts.append("pii")
    if province:
        parts.append(slugify(province))
    tail = f"-{year}" if year else ""
    if len(parts) < 2:
        # Too little to go on: use the title's own words.
        parts = [p for p in parts if p] + [slugify(title)]
        if year:
            parts[-1] = re.sub(rf"-?(?:nam-)?{year}$", "", parts[-1])
    body = "-".join(p for p in parts if p) or "su-kien"
    return _cut(body, MAX_SLUG - len(tail)) + tail
