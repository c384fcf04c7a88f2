"""Reading a Word plan (.docx): paragraphs give the prose, Word tables give the tables."""

from __future__ import annotations

import io
import unicodedata

import docx
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

from bot.domain.plan.draft import EventDraft, ImportReport, PlanImportError
from bot.domain.plan.plan_reader import read_plan_source
from bot.domain.plan.tables import PlanSource, Table, clean_cell

__all__ = ["parse_plan_docx", "docx_plan_source"]


def _nfc(text: str) -> str:
    """Word text in NFC, so folding keeps character positions."""
    return unicodedata.normalize("NFC", text)


def _table_rows(table: WordTable) -> list[list[str]]:
    """Cell texts row by row; python-docx repeats a merged cell in every grid slot it covers."""
    return [[clean_cell(_nfc(cell.text)) for cell in row.cells] for row in table.rows]


def docx_plan_source(data: bytes) -> PlanSource:
    """Split a .docx into numbered paragraphs and numbered tables, in document order."""
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[tuple[int, str]] = []
        tables: list[Table] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                # A paragraph may hold soft line breaks; each becomes its own prose line.
                for part in _nfc(block.text).split("\n"):
                    lines.append((len(lines) + 1, part))
            elif isinstance(block, WordTable):
                rows = _table_rows(block)
                tables.append(Table(len(tables) + 1, rows, [None] * len(rows)))
    except Exception as exc:  # python-docx raises many kinds of error on a broken package
        raise PlanImportError("corrupt_docx", None, detail=type(exc).__name__) from exc
    return PlanSource(lines, tables)


def parse_plan_docx(data: bytes) -> tuple[EventDraft, ImportReport]:
    """Read a plan from the bytes of a Word document."""
    source = docx_plan_source(data)
    if not any(text.strip() for _, text in source.lines) and not source.tables:
        raise PlanImportError("empty_file")
    return read_plan_source(source)
