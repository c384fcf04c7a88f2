"""Cells that a spreadsheet program must show as text, never evaluate (formula injection).

Excel, LibreOffice and Google Sheets treat a cell that begins with `=`, `+`, `-` or `@` as a
formula, and a leading tab or carriage return can hide one; OWASP's advice is to prefix such text
with an apostrophe. Every workbook and CSV the project writes passes its cells through here.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["FORMULA_TRIGGERS", "neutralise_cell"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A signed number ("+84912000004", "-1,5") evaluates to itself: it stays as typed, so phone
# numbers and negative values read naturally. Anything with an operator or a letter is escaped.
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d .,]*")


def neutralise_cell(value: Any) -> Any:
    """The value as given, except text that would start a formula, which gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
