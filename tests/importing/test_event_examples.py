"""The shipped event files: the commented example and the console demo's event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.domain.plan import load_event_yaml, read_event_source
from storage.enums import AgendaKind

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "quang-tri-2024.yaml"
DEMO = ROOT / "bot" / "data" / "demo_event.yaml"


@pytest.mark.parametrize("path", [EXAMPLE, DEMO], ids=["example", "demo"])
def test_event_file_holds_the_reference_plan(path):
    draft, _ = read_event_source(path)
    assert len(draft.agencies) == 22
    assert len({a.name for a in draft.agencies}) == 22
    assert len(draft.seats) == 22
    assert sum(s.seats for s in draft.seats) == 52
    assert (draft.start_time, draft.end_time) == (dt.time(7, 30), dt.time(11, 30))
    assert (draft.agenda[0].start, draft.agenda[-1].end) == (dt.time(7, 30), dt.time(11, 30))
    assert len(draft.agenda) == 10
    talks = [a for a in draft.agenda if a.kind is AgendaKind.TALK]
    assert len(talks) == 4
    assert {(a.start, a.end) for a in talks} == {(dt.time(8, 15), dt.time(10, 15))}
    assert [a.presenter for a in talks] == [
        "TP Quản lý CN&ĐMST",
        "Học viện KH,CN &ĐMST- Bộ Khoa học và Công nghệ",
        "Sở Kế hoạch và Đầu tư",
        "Ban Quản lý Khu kinh tế tỉnh",
    ]
    assert draft.venue.address == "204 Hùng Vương, TP. Đông Hà, tỉnh Quảng Trị"
    assert draft.chair == "Lãnh đạo Giám đốc Sở KH&CN"
    assert len(draft.faq) == 3
    assert {"parking", "dress_code", "hotline"} <= draft.venue.notes.keys()
    khdt = next(a for a in draft.agencies if a.name == "Sở KH&ĐT")
    assert "Sở Tài chính" in khdt.aliases


def test_example_has_an_example_date_in_2026():
    draft, report = read_event_source(EXAMPLE)
    assert draft.start_date is not None and draft.start_date.year == 2026
    assert draft.is_demo is False
    assert report.problems == []


def test_demo_event_has_no_date_and_says_it_is_a_demo():
    draft, _ = load_event_yaml(DEMO.read_text(encoding="utf-8"))
    assert draft.is_demo is True
    assert draft.title.startswith("[DEMO]")
    assert draft.start_date is None and draft.date_note is None


def test_demo_aliases_from_the_table_match_the_example():
    example, _ = read_event_source(EXAMPLE)
    demo, _ = read_event_source(DEMO)
    assert demo.agencies == example.agencies
    assert demo.seats == example.seats and demo.agenda == example.agenda
