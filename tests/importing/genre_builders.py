"""Build one document spec (paragraphs and tables) as text, markdown, HTML, .docx or PDF.

A spec is a list of blocks: ``("p", text)`` or ``("table", rows)``; a row holding a single
cell is a section heading written across the table (merged in Word, colspan in HTML).
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import matplotlib
from fpdf import FPDF

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"

Block = tuple


def _width(rows: list[list[str]]) -> int:
    return max(len(row) for row in rows)


def to_tab_text(spec: list[Block], *, blank_in_tables: bool = False) -> str:
    """Paragraphs as lines, tables as tab-separated lines (optionally a blank line inside)."""
    out: list[str] = []
    for block in spec:
        if block[0] == "p":
            out.append(block[1])
            continue
        rows = block[1]
        for index, row in enumerate(rows):
            out.append("\t".join(row) if len(row) > 1 else row[0] + "\t")
            if blank_in_tables and index == len(rows) // 2:
                out.append("")
        out.append("")
    return "\n".join(out) + "\n"


def to_markdown(spec: list[Block], *, page_break_in_tables: bool = False) -> str:
    """Paragraphs as lines, tables as pipe tables (optionally a page break inside)."""
    out: list[str] = []
    for block in spec:
        if block[0] == "p":
            out.extend([block[1], ""])
            continue
        rows = block[1]
        width = _width(rows)
        for index, row in enumerate(rows):
            cells = row if len(row) == width else [row[0]] + [""] * (width - 1)
            out.append("| " + " | ".join(cells) + " |")
            if index == 0:
                out.append("|" + "---|" * width)
            if page_break_in_tables and index == len(rows) // 2:
                out.append("\f")
        out.append("")
    return "\n".join(out)


def to_html_text(spec: list[Block]) -> str:
    """Paragraphs as lines, tables as HTML (as pasted from a web page)."""
    out: list[str] = []
    for block in spec:
        if block[0] == "p":
            out.append(block[1])
            continue
        rows = block[1]
        width = _width(rows)
        out.append("<table>")
        for row in rows:
            if len(row) == 1 and width > 1:
                out.append(f'<tr><td colspan="{width}"><b>{row[0]}</b></td></tr>')
            else:
                out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
        out.append("</table>")
    return "\n".join(out) + "\n"


def to_docx(spec: list[Block], *, letterhead: list[str] | None = None) -> bytes:
    """A Word document; section rows are merged across the table, a letterhead is a table."""
    document = docx.Document()
    if letterhead:
        layout = document.add_table(rows=1, cols=2)
        layout.cell(0, 0).text = "\n".join(letterhead)
        layout.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    for block in spec:
        if block[0] == "p":
            document.add_paragraph(block[1])
            continue
        rows = block[1]
        width = _width(rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            if len(row) == 1 and width > 1:
                merged = table.cell(r, 0).merge(table.cell(r, width - 1))
                merged.text = row[0]
                continue
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(spec: list[Block]) -> bytes:
    """A text-layer PDF in DejaVu Sans (Vietnamese glyphs), tables with ruled cells."""
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    for block in spec:
        if block[0] == "p":
            pdf.multi_cell(0, 6, block[1], new_x="LMARGIN", new_y="NEXT")
            continue
        rows = block[1]
        width = _width(rows)
        with pdf.table(first_row_as_headings=False, line_height=6) as table:
            for row in rows:
                pdf_row = table.row()
                if len(row) == 1 and width > 1:
                    pdf_row.cell(row[0], colspan=width)
                else:
                    for cell in row:
                        pdf_row.cell(cell)
        pdf.ln(4)
    return bytes(pdf.output())


def to_scanned_pdf(text: str) -> bytes:
    """A PDF holding only a picture of the text (no text layer), as a scanner makes."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 34)
    lines = text.splitlines()
    image = Image.new("L", (2480, 120 + 56 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((120, 60 + 56 * index), line, font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=300)
    return buffer.getvalue()
