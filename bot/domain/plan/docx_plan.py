"""Reading a Word plan (.docx): paragraphs give the prose, Word tables give the tables."""

from __future__ import annotations

import io
import re
import unicodedata

import docx
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

from bot.domain.plan.document import Block, block_kind
from bot.domain.plan.draft import EventDraft, ImportReport, PlanImportError
from bot.domain.plan.file_guard import check_package
from bot.domain.plan.plan_reader import read_plan_source
from bot.domain.plan.tables import PlanSource, Table, clean_cell
from bot.domain.textfold import fold

__all__ = ["parse_plan_docx", "docx_plan_source"]


def _nfc(text: str) -> str:
    """Word text in NFC, so folding keeps character positions."""
    return unicodedata.normalize("NFC", text)


def _table_rows(table: WordTable) -> list[list[str]]:
    """Cell texts row by row; python-docx repeats a merged cell in every grid slot it covers."""
    return [[clean_cell(_nfc(cell.text)) for cell in row.cells] for row in table.rows]


_LAYOUT = re.compile(r"cong hoa xa hoi|doc lap\s*-\s*tu do|noi nhan|kt\.?\s*giam doc|^so\s*:")


def _is_layout_table(block: WordTable) -> bool:
    """A table used for layout (letterhead, signature block), whose text is prose."""
    text = " ".join(cell.text for row in block.rows for cell in row.cells)
    folded = fold(text)
    return len(block.rows) <= 4 and bool(_LAYOUT.search(folded))


def _layout_lines(block: WordTable) -> list[str]:
    """A layout table's text, column by column (letterhead left, then motto and date)."""
    out: list[str] = []
    width = max(len(row.cells) for row in block.rows)
    for col in range(width):
        previous = None
        for row in block.rows:
            text = _nfc(row.cells[col].text) if col < len(row.cells) else ""
            if text and text != previous:  # a merged cell repeats its text in each row
                out.extend(text.split("\n"))
            previous = text
    return out


def docx_plan_source(data: bytes) -> PlanSource:
    """Split a .docx into numbered paragraphs and numbered tables, in document order."""
    check_package(data)  # a zip bomb is refused by its unpacked size before parsing
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[tuple[int, str]] = []
        tables: list[Table] = []
        blocks: list[Block] = []

        def prose(part: str, style: str | None) -> None:
            lines.append((len(lines) + 1, part))
            if part.strip():
                blocks.append(Block(block_kind(part, style), len(lines), clean_cell(part)))

        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                # A paragraph may hold soft line breaks; each becomes its own prose line.
                style = block.style.name if block.style is not None else None
                for part in _nfc(block.text).split("\n"):
                    prose(part, style)
            elif isinstance(block, WordTable) and _is_layout_table(block):
                for part in _layout_lines(block):
                    prose(part, None)
            elif isinstance(block, WordTable):
                rows = _table_rows(block)
                table = Table(len(tables) + 1, rows, [None] * len(rows))
                tables.append(table)
                blocks.append(Block("table", None, table=table))
    except PlanImportError:
        raise
    except Exception as exc:  # python-docx raises many kinds of error on a broken package
        raise PlanImportError("corrupt_docx", None, detail=type(exc).__name__) from exc
    return PlanSource(lines, tables, blocks)


def parse_plan_docx(data: bytes) -> tuple[EventDraft, ImportReport]:
    """Read a plan from the bytes of a Word document."""
    source = docx_plan_source(data)
    if not any(text.strip() for _, text in source.lines) and not source.tables:
        raise PlanImportError("empty_file")
    return read_plan_source(source)
