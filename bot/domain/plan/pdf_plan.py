"""Reading a plan from a PDF: the text layer with pdfplumber, or the scan through OCR."""

from __future__ import annotations

import io
import unicodedata

import pdfplumber

from bot.domain.plan.document import Block, block_kind
from bot.domain.plan.draft import EventDraft, ImportReport, PlanImportError
from bot.domain.plan.ocr import ocr_pdf
from bot.domain.plan.plan_reader import parse_plan_text, read_plan_source
from bot.domain.plan.tables import PlanSource, Table, clean_cell

__all__ = ["parse_plan_pdf", "pdf_plan_source"]

MAX_PAGES = 60
# Fewer characters than this on every page: the PDF is a scan without a text layer.
_MIN_TEXT = 20


def _cells(row: list[str | None]) -> list[str]:
    """A pdfplumber row; a cell merged across columns comes as None and repeats its neighbour."""
    out: list[str] = []
    for cell in row:
        if cell is None:
            out.append(out[-1] if out else "")
        else:
            out.append(clean_cell(unicodedata.normalize("NFC", cell)))
    return out


def _continues(previous: Table | None, rows: list[list[str]]) -> bool:
    """A table at the top of a page that carries on the last one (same columns, no header)."""
    if previous is None or not rows or not previous.rows:
        return False
    return len(rows[0]) == len(previous.rows[0]) and rows[0] != previous.rows[0]


def _outside(page, boxes):  # type: ignore[no-untyped-def]
    """The page without the characters that lie inside its tables."""

    def keep(obj) -> bool:  # type: ignore[no-untyped-def]
        return not any(
            obj.get("x0", 0) >= b[0] - 1
            and obj.get("x1", 0) <= b[2] + 1
            and obj.get("top", 0) >= b[1] - 1
            and obj.get("bottom", 0) <= b[3] + 1
            for b in boxes
        )

    return page.filter(keep)


class _Builder:
    """Collects a PDF's lines and tables in reading order (top to bottom, page by page)."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, str]] = []
        self.tables: list[Table] = []
        self.blocks: list[Block] = []
        self.chars = 0

    def text(self, part: str) -> None:
        part = unicodedata.normalize("NFC", part)
        self.chars += len(part.strip())
        self.lines.append((len(self.lines) + 1, part))
        if part.strip():
            self.blocks.append(Block(block_kind(part), len(self.lines), clean_cell(part)))

    def table(self, rows: list[list[str]], first_on_page: bool) -> None:
        self.chars += sum(len(cell) for row in rows for cell in row)
        last = self.tables[-1] if self.tables else None
        if first_on_page and _continues(last, rows):
            last.rows.extend(rows)
            last.lines.extend([None] * len(rows))
            return
        table = Table(len(self.tables) + 1, rows, [None] * len(rows))
        self.tables.append(table)
        self.blocks.append(Block("table", None, table=table))

    def page(self, page, later_page: bool) -> None:  # type: ignore[no-untyped-def]
        found = page.find_tables()
        items: list[tuple[float, int, object]] = []
        for line in _outside(page, [t.bbox for t in found]).extract_text_lines():
            items.append((line["top"], 0, line["text"]))
        for table in found:
            items.append((table.bbox[1], 1, table))
        first_table = True
        for _top, kind, item in sorted(items, key=lambda entry: (entry[0], entry[1])):
            if kind == 0:
                self.text(str(item))
                continue
            rows = [_cells(row) for row in item.extract()]  # type: ignore[attr-defined]
            rows = [row for row in rows if any(row)]
            self.table(rows, first_table and later_page and not self._text_on_page_before(items))
            first_table = False

    @staticmethod
    def _text_on_page_before(items) -> bool:  # type: ignore[no-untyped-def]
        """Whether prose stands above the page's first table (then it is a new table)."""
        tops = [top for top, kind, _ in items if kind == 1]
        return any(kind == 0 and top < min(tops) for top, kind, _ in items) if tops else False


def pdf_plan_source(data: bytes) -> PlanSource | None:
    """Prose lines and tables of a text PDF; None when it has no text layer (a scan)."""
    built = _Builder()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index, page in enumerate(pdf.pages[:MAX_PAGES]):
                built.page(page, index > 0)
    except PlanImportError:
        raise
    except Exception as exc:  # pdfminer raises many kinds of error on a broken file
        raise PlanImportError("corrupt_pdf", None, detail=type(exc).__name__) from exc
    if built.chars < _MIN_TEXT:
        return None
    return PlanSource(built.lines, built.tables, built.blocks)


def parse_plan_pdf(data: bytes) -> tuple[EventDraft, ImportReport]:
    """Read a plan from the bytes of a PDF; a scan goes through Tesseract."""
    source = pdf_plan_source(data)
    if source is None:
        return parse_plan_text(ocr_pdf(data))
    return read_plan_source(source)
