"""Finding tables in plan text: tab-separated lines, markdown pipe tables and HTML tables."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.domain.plan.document import Block, block_kind
from bot.domain.textfold import fold

__all__ = [
    "Table",
    "PlanSource",
    "clean_cell",
    "split_text_plan",
    "header_key",
    "find_header",
    "cell_at",
]

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>&])")
_EMPHASIS = re.compile(r"\*\*|__")
_SPACES = re.compile(r"\s+")
_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|</table\s*>|$)", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(
    r"<t([dh])\b(?P<attrs>[^>]*)>(?P<body>.*?)(?=<t[dh]\b|</tr\s*>|<tr\b|$)",
    re.IGNORECASE | re.DOTALL,
)
_TR = re.compile(r"<tr\b", re.IGNORECASE)
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d+)", re.IGNORECASE)


def clean_cell(text: str) -> str:
    """Strip markup (HTML tags, markdown emphasis and escapes) and collapse whitespace."""
    text = _BREAK.sub(" ", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _EMPHASIS.sub("", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


@dataclass
class Table:
    """A table as rows of cleaned cells; `number` is its 1-based place in the document."""

    number: int
    rows: list[list[str]]
    lines: list[int | None] = field(default_factory=list)  # source line of each row, if known


@dataclass
class PlanSource:
    """A plan reduced to numbered prose lines and its tables, whatever the file format was."""

    lines: list[tuple[int, str]]
    tables: list[Table]
    blocks: list[Block] = field(default_factory=list)  # the same content, in reading order


def _pipe_cells(line: str) -> list[str]:
    """Split one markdown table line into cells, honouring escaped pipes."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [clean_cell(cell) for cell in re.split(r"(?<!\\)\|", body)]


def _html_rows(markup: str) -> list[list[str]]:
    """Rows of an HTML table; a cell with colspan=n is repeated n times, as Word does."""
    rows: list[list[str]] = []
    for row in _ROW.finditer(markup):
        cells: list[str] = []
        for cell in _CELL.finditer(row.group(1)):
            span = _COLSPAN.search(cell["attrs"])
            cells.extend([clean_cell(cell["body"])] * (int(span.group(1)) if span else 1))
        if cells:
            rows.append(cells)
    return rows


def _html_table(raw: list[str], i: int) -> tuple[int, list[list[str]], list[int | None]]:
    """Read the HTML table opening on line i: (next line index, rows, source line of each row)."""
    j = i
    while j < len(raw) and not _TABLE_CLOSE.search(raw[j]):
        j += 1
    rows = _html_rows("\n".join(raw[i : j + 1]))
    # A row's line is where its <tr> opens.
    starts: list[int | None] = [n + 1 for n in range(i, j + 1) for _ in _TR.findall(raw[n])]
    starts = starts[: len(rows)] + [None] * (len(rows) - len(starts))
    return j + 1, rows, starts


def _continues(cells: list[str]) -> bool:
    """A row that carries on the row above: its first written cell opens in lower case."""
    written = [cell for cell in cells if cell]
    if not written or cells[0]:
        return False
    first = written[0]
    return first[0].islower() or first[0] in "(,;&"


def _append_row(rows: list[list[str]], cells: list[str]) -> None:
    """Add a continuation's text to the cells of the last row, column by column."""
    last = rows[-1]
    for col, cell in enumerate(cells):
        if not cell:
            continue
        if col < len(last):
            last[col] = f"{last[col]} {cell}".strip()
        else:
            last.append(cell)


def _resumes(raw: list[str], j: int, belongs: Callable[[str], bool]) -> int | None:
    """After blank lines or a page break, the index where the same table carries on, if it does."""
    k = j
    while k < len(raw) and not raw[k].strip():
        k += 1
    if k == j or k >= len(raw) or k - j > 3 or not belongs(raw[k]):
        return None
    return k


def _line_table(
    raw: list[str], i: int, belongs: Callable[[str], bool], split: Callable[[str], list[str]]
) -> tuple[int, list[list[str]], list[int | None]]:
    """Read table lines from line i (pipe or tab tables), skipping separator rows.

    Blank lines and page breaks inside the table do not end it; a row whose first written
    cell opens in lower case, or a plain line of that kind right under a row, continues it.
    """
    rows: list[list[str]] = []
    row_lines: list[int | None] = []
    j = i
    while j < len(raw):
        line = raw[j].rstrip("\r")
        if not belongs(line):
            resume = _resumes(raw, j, belongs)
            if resume is not None:
                j = resume
                continue
            if rows and line.strip() and line.strip()[0].islower():
                _append_row(rows, [""] * (len(rows[-1]) - 1) + [clean_cell(line)])
                j += 1
                continue
            break
        if not _PIPE_SEPARATOR.match(line.strip()):
            cells = split(line)
            if rows and _continues(cells):
                _append_row(rows, cells)
            else:
                rows.append(cells)
                row_lines.append(j + 1)
        j += 1
    return j, rows, row_lines


def _is_pipe_line(line: str) -> bool:
    """A markdown table line."""
    return line.lstrip().startswith("|")


def _tab_cells(line: str) -> list[str]:
    """Cells of a tab-separated line."""
    return [clean_cell(cell) for cell in line.split("\t")]


def split_text_plan(text: str) -> PlanSource:
    """Separate a text plan into prose lines and tables, numbering tables in order."""
    raw = text.replace("\f", "\n").split("\n")
    lines: list[tuple[int, str]] = []
    tables: list[Table] = []
    blocks: list[Block] = []
    i = 0
    while i < len(raw):
        line = raw[i].rstrip("\r")
        if _TABLE_OPEN.search(line):
            i, rows, row_lines = _html_table(raw, i)
        elif _is_pipe_line(line):
            i, rows, row_lines = _line_table(raw, i, _is_pipe_line, _pipe_cells)
        elif "\t" in line:
            i, rows, row_lines = _line_table(raw, i, lambda row: "\t" in row, _tab_cells)
        else:
            lines.append((i + 1, line))
            if line.strip():
                blocks.append(Block(block_kind(line), i + 1, clean_cell(line)))
            i += 1
            continue
        table = Table(len(tables) + 1, rows, row_lines)
        tables.append(table)
        blocks.append(Block("table", next((n for n in row_lines if n), None), table=table))
    return PlanSource(lines, tables, blocks)


def header_key(cell: str) -> str:
    """A header cell folded to plain words, for recognising columns by their title."""
    return re.sub(r"[^a-z0-9]+", " ", fold(cell)).strip()


def find_header(
    table: Table, roles: dict[str, re.Pattern[str]], required: set[str]
) -> tuple[int, dict[str, int]] | None:
    """Find the header row (all `required` roles) among the first rows: its index and columns."""
    for index, row in enumerate(table.rows[:3]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(row):
            key = header_key(cell)
            for role, pattern in roles.items():
                if role not in columns and pattern.fullmatch(key):
                    columns[role] = col
                    break
        if required <= columns.keys():
            return index, columns
    return None


def cell_at(row: list[str], col: int | None) -> str:
    """The cell in a column, or "" when the row is short or the column absent."""
    if col is None or col >= len(row):
        return ""
    return row[col]
