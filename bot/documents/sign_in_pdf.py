"""The printable sign-in sheet (danh sách ký nhận) as a PDF: A4, the event's title, date and venue,
delegates grouped by agency with a column to sign, the table header on every page, page numbers.

Built with fpdf2 and the DejaVu Sans fonts that matplotlib ships (embedded, so Vietnamese reads the
same on every printer). Needs no database: it takes the ReportData read for the workbook."""

from __future__ import annotations

import unicodedata
from itertools import groupby
from pathlib import Path

from bot.documents.attendance_workbook import event_when_line
from bot.domain.registration.people import local_phone
from bot.domain.reports.attendance import ReportData
from bot.i18n import Translator

__all__ = ["PDF_MIME", "sign_in_pdf", "font_paths"]

PDF_MIME = "application/pdf"
# Column widths in millimetres: number, full name, position, phone, signature (180 mm of A4's 210).
WIDTHS = (11, 52, 45, 30, 42)
ROW_HEIGHT = 11  # millimetres: room to sign by hand


def font_paths() -> tuple[Path, Path]:
    """DejaVu Sans regular and bold, from matplotlib's bundled fonts."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


def _nfc(text: str | None) -> str:
    # Names typed on some phones arrive decomposed (a letter plus combining marks); the font's
    # precomposed Vietnamese glyphs need the composed form.
    return unicodedata.normalize("NFC", text or "")


def _document(t: Translator):  # type: ignore[no-untyped-def]
    from fpdf import FPDF

    class SignInDocument(FPDF):
        """A4 portrait with 'Trang n/N' at the foot of every page."""

        def footer(self) -> None:
            """Page number, centred in the bottom margin."""
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 6, t("signin.page", page=self.page_no(), pages="{nb}"), align="C")

    pdf = SignInDocument(orientation="portrait", unit="mm", format="A4")
    regular, bold = font_paths()
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(auto=True, margin=18)
    return pdf


def _heading(pdf, t: Translator, data: ReportData) -> None:  # type: ignore[no-untyped-def]
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(0, 7, _nfc(t("signin.heading")), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(0, 6, _nfc(data.title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(
        0, 6, _nfc(t("signin.when", when=event_when_line(t, data))), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    if data.venue:
        pdf.multi_cell(
            0,
            6,
            _nfc(t("signin.venue", venue=data.venue)),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(4)


def sign_in_pdf(data: ReportData, t: Translator) -> bytes:
    """The sign-in sheet of the confirmed delegates, grouped by agency in the plan's order."""
    from fpdf.fonts import FontFace

    pdf = _document(t)
    pdf.add_page()
    _heading(pdf, t, data)
    if not data.delegates:
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(0, 6, _nfc(t("signin.empty")), align="C")
        return bytes(pdf.output())
    pdf.set_font("DejaVu", "", 9.5)
    columns = ("number", "full_name", "position", "phone", "signature")
    group = FontFace(emphasis="BOLD", fill_color=(232, 232, 232))
    with pdf.table(
        col_widths=WIDTHS,
        width=sum(WIDTHS),
        text_align=("CENTER", "LEFT", "LEFT", "LEFT", "LEFT"),
        headings_style=FontFace(emphasis="BOLD", fill_color=(210, 210, 210)),
        line_height=5.5,
        repeat_headings=1,
        min_row_height=ROW_HEIGHT,
        v_align="MIDDLE",
    ) as table:
        heading = table.row()
        for column in columns:
            heading.cell(_nfc(t(f"organiser.sheet.col.{column}")), align="CENTER")
        number = 0
        for agency, rows in groupby(data.delegates, key=lambda row: row.agency):
            table.row().cell(_nfc(agency), colspan=len(columns), style=group, align="LEFT")
            for row in rows:
                number += 1
                line = table.row()
                for value in (
                    str(number),
                    row.full_name or "—",
                    row.position,
                    local_phone(row.phone),
                    "",
                ):
                    line.cell(_nfc(value))
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 9.5)
    pdf.cell(0, 6, _nfc(t("signin.total", count=number)))
    return bytes(pdf.output())
