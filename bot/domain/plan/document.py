"""The document model every reader builds: blocks in reading order (headings, paragraphs, list
items, tables), whatever the file was (.docx, PDF, scan, text, markdown)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.domain.textfold import fold

if TYPE_CHECKING:
    from bot.domain.plan.tables import Table

__all__ = ["Block", "block_before", "block_kind"]

_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+\S")
_SECTION = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]\s+\S")
_BULLET = re.compile(r"^\s*(?:[-–•+*]|[a-zđ]\)|\d+\))\s+\S")
_KINDS = ("ke hoach", "giay moi", "chuong trinh", "thong bao", "phu luc", "danh sach")


@dataclass
class Block:
    """One block: kind is "heading", "paragraph", "list_item" or "table"; `line` is where it
    starts (a line of a text file, a paragraph of a Word file), None when unknown."""

    kind: str
    line: int | None
    text: str = ""
    table: Table | None = None


def block_kind(text: str, style: str | None = None) -> str:
    """The kind of a line of prose: a heading (a Word heading style, markdown "#", a document
    kind in capitals, a numbered section title), a list item (a bullet), or a paragraph."""
    stripped = text.strip().strip("*_ ")
    if style and fold(style).startswith(("heading", "title")):
        return "heading"
    if _MARKDOWN_HEADING.match(text):
        return "heading"
    if _BULLET.match(stripped):
        return "list_item"
    words = stripped.split()
    if stripped.isupper() and 1 <= len(words) <= 14:
        return "heading"
    if fold(stripped).startswith(_KINDS) and len(words) <= 6:
        return "heading"
    if _SECTION.match(stripped) and (stripped.endswith(":") or (len(words) <= 6 and ":" not in stripped)):
        return "heading"
    return "paragraph"


def block_before(blocks: list[Block], table: Table) -> Block | None:
    """The nearest heading or paragraph above a table (what the document calls it)."""
    previous: Block | None = None
    for block in blocks:
        if block.table is table:
            return previous
        if block.kind in ("heading", "paragraph") and block.text.strip():
            previous = block
    return None
