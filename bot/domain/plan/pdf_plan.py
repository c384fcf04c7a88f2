"""Reading a plan from a PDF: the text layer with pdfplumber, or the scan through OCR."""

from __future__ import annotations

import io
import unicodedata

import pdfplumber

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


def pdf_plan_source(data: bytes) -> PlanSource | None:
    """Prose lines and tables of a text PDF; None when it has no text layer (a scan)."""
    lines: list[tuple[int, str]] = []
    tables: list[Table] = []
    text_chars = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page_index, page in enumerate(pdf.pages[:MAX_PAGES]):
                found = page.find_tables()
                boxes = [table.bbox for table in found]
                outside = page.filter(
                    lambda obj, boxes=boxes: (
                        not any(
                            obj.get("x0", 0) >= b[0] - 1
                            and obj.get("x1", 0) <= b[2] + 1
                            and obj.get("top", 0) >= b[1] - 1
                            and obj.get("bottom", 0) <= b[3] + 1
                            for b in boxes
                        )
                    )
                )
                text = unicodedata.normalize("NFC", outside.extract_text() or "")
                text_chars += len(text.strip())
                for part in text.split("\n"):
                    lines.append((len(lines) + 1, part))
                for position, table in enumerate(found):
                    rows = [_cells(row) for row in table.extract()]
                    rows = [row for row in rows if any(row)]
                    text_chars += sum(len(cell) for row in rows for cell in row)
                    last = tables[-1] if tables else None
                    if position == 0 and page_index > 0 and _continues(last, rows):
                        last.rows.extend(rows)
                        last.lines.extend([None] * len(rows))
                        continue
                    tables.append(Table(len(tables) + 1, rows, [None] * len(rows)))
    except PlanImportError:
        raise
    except Exception as exc:  # pdfminer raises many kinds of error on a broken file
        raise PlanImportError("corrupt_pdf", None, detail=type(exc).__name__) from exc
    if text_chars < _MIN_TEXT:
        return None
    return PlanSource(lines, tables)


def parse_plan_pdf(data: bytes) -> tuple[EventDraft, ImportReport]:
    """Read a plan from the bytes of a PDF; a scan goes through Tesseract."""
    source = pdf_plan_source(data)
    if source is None:
        return parse_plan_text(ocr_pdf(data))
    return read_plan_source(source)
