"""Importer accuracy on the genre corpus (answer key per document), silent drops, import time.

Run from the project root:  python benchmarks/import_accuracy.py [--repeat N]
Each document is built once (text, markdown, HTML, Word, PDF; a scanned PDF when Tesseract is
installed), then read N times; the time printed is the median of those reads. A field is right
when it equals the answer key. A silent drop is an expected value that is missing or wrong
while the report says nothing about it (no problem naming that field or its line).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain.plan import PlanImportError, read_event_bytes
from bot.domain.plan.ocr import ocr_available
from tests.importing import genre_builders as build
from tests.importing.genre_corpus import CASES, HELD_OUT, SECOND_ROUND, Case, draft_values

# The problems that tell the organiser a field is missing or doubtful.
_COVERING = {
    "title": {"missing_title"},
    "start_date": {"missing_date", "date_not_fixed"},
    "end_date": {"missing_date", "date_not_fixed"},
    "date_note": {"missing_date", "date_not_fixed"},
    "start_time": {"time_mismatch", "unparsed_time", "missing_programme"},
    "end_time": {"unparsed_time", "missing_programme"},
    "venue_name": {"missing_venue"},
    "venue_address": {"missing_venue"},
    "agenda": {"missing_programme", "row_unused", "unparsed_time", "table_unused"},
    "agenda_days": {"missing_programme", "row_unused"},
    "agencies": {"invitee_unused", "no_seat_table", "unparsed_seats", "table_unused"},
    "seats_total": {"no_seat_table", "unparsed_seats", "invitee_unused"},
}
_SCAN = """UBND TỈNH HÀ TĨNH
SỞ KHOA HỌC VÀ CÔNG NGHỆ
GIẤY MỜI
Dự Hội thảo “Đổi mới sáng tạo trong nông nghiệp”
Thời gian: 8 giờ 00, ngày 20/11/2025.
Địa điểm: Hội trường Sở, số 11 Nguyễn Du, phường Thành Sen.
"""
_REFERENCE = (
    Path(__file__).resolve().parents[2] / "shared" / "reference" / "ke-hoach-hoi-thao-pii-quang-tri-2024.txt"
)


def _extra_cases() -> list[Case]:
    """The organisers' real plan (when it lies beside the project) and a scan (with Tesseract)."""
    cases = []
    if _REFERENCE.exists():
        cases.append(
            Case(
                "reference-plan-quang-tri",
                _REFERENCE.name,
                _REFERENCE.read_bytes,
                {
                    "province": "Quảng Trị",
                    "date_note": "...../6/2024",
                    "agenda": 10,
                    "seats_total": 52,
                    "start_time": dt.time(7, 30),
                    "end_time": dt.time(11, 30),
                    "venue_address": "204 Hùng Vương, TP. Đông Hà, tỉnh Quảng Trị",
                },
            )
        )
    if ocr_available():
        cases.append(
            Case(
                "scan-invitation-pdf",
                "scan.pdf",
                lambda: build.to_scanned_pdf(_SCAN),
                {
                    "province": "Hà Tĩnh",
                    "start_date": dt.date(2025, 11, 20),
                    "start_time": dt.time(8, 0),
                    "venue_name": "Hội trường Sở",
                    "venue_address": "số 11 Nguyễn Du, phường Thành Sen",
                },
            )
        )
    return cases


def _score(case: Case, data: bytes, repeat: int) -> tuple[int, int, list[str], list[str], float]:
    """(right fields, fields, wrong field names, silent drops, median seconds) for one document."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            draft, report = read_event_bytes(data, case.filename)
        except PlanImportError as exc:
            return 0, len(case.expected), [f"refused:{exc.code}"], list(case.expected), 0.0
        timings.append(time.perf_counter() - started)
    got = draft_values(draft)
    wrong = [key for key, value in case.expected.items() if got[key] != value]
    codes = {finding.code for finding in report.problems}
    silent = [key for key in wrong if not (_COVERING.get(key, set()) & codes)]
    silent += [code for code in case.must_report if code not in codes]
    right = len(case.expected) - len(wrong)
    return right, len(case.expected), wrong, silent, statistics.median(timings)


def main() -> None:
    """Print per-document field accuracy, silent drops and import time, then the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="reads per document (default 5)")
    args = parser.parse_args()
    total_right = total_fields = total_silent = 0
    print(f"{'document':32} {'fields':>7} {'silent':>6} {'ms':>8}  wrong")
    for case in [*CASES, *HELD_OUT, *SECOND_ROUND, *_extra_cases()]:
        data = case.make()
        repeat = 1 if case.filename == "scan.pdf" else args.repeat
        right, fields, wrong, silent, seconds = _score(case, data, repeat)
        total_right += right
        total_fields += fields
        total_silent += len(silent)
        shown = ", ".join(wrong) or "-"
        print(f"{case.name:32} {right:>3}/{fields:<3} {len(silent):>6} {seconds * 1000:>8.1f}  {shown}")
    print(f"field accuracy: {total_right}/{total_fields} = {total_right / total_fields:.1%}")
    print(f"silent drops: {total_silent}")
    if not ocr_available():
        print("scan path not measured: tesseract with its vie model is not installed")


if __name__ == "__main__":
    main()
