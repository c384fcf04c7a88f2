"""Event files: the schema, its errors (code + location), and load(dump(draft)) == draft."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.plan import (
    AgencyDraft,
    AgendaDraft,
    EventDraft,
    FaqDraft,
    PlanImportError,
    SeatDraft,
    VenueDraft,
    dump_event_yaml,
    load_event_yaml,
    parse_plan_text,
)
from bot.domain.plan.agency_names import name_key
from storage.enums import AgendaKind

MINIMAL = "title: Hội thảo PII\n"


def error_of(text: str) -> tuple[str, str | None]:
    with pytest.raises(PlanImportError) as caught:
        load_event_yaml(text)
    return caught.value.code, caught.value.location


def test_minimal_event_file():
    draft, report = load_event_yaml(MINIMAL)
    assert draft == EventDraft(title="Hội thảo PII")
    problems = [f.code for f in report.problems]
    assert problems == ["missing_date", "missing_venue", "missing_programme"]


def test_full_event_file_fields():
    text = """
slug: hoi-thao-pii-2026
title: Hội thảo PII
host: Sở Khoa học và Công nghệ
province: Quảng Trị
date: 2026-06-16
end_date: 17/06/2026
start_time: 7:30
end_time: "11:30"
timezone: Asia/Bangkok
rsvp_deadline: 2026-06-12T10:00:00+00:00
chair: Giám đốc Sở
description: |
  Dòng một.
  Dòng hai.
total_delegates: 60
demo: true
venue:
  name: Hội trường
  address: 204 Hùng Vương
  latitude: 16.8167
  longitude: 107.1
  map_url: https://maps.example/x
  notes: {parking: Sân trong, hotline: 0912345678, wifi: PII2026, lunch: no}
agenda:
  - {start: "07:30", end: "08:00", title: Đón tiếp, kind: REGISTRATION}
  - {start: "08:00", title: Tham luận, presenter: Sở Tài chính, kind: talk, day: 1}
seats:
  - {agency: Sở KH&ĐT, seats: "02", note: Lãnh đạo}
  - {agency: Sở Y tế, seats: 1, aliases: []}
agencies:
  - name: Hiệp hội Doanh nghiệp tỉnh
faq:
  - q: Có ăn trưa không?
    a: Không.
"""
    draft, report = load_event_yaml(text)
    assert draft.start_date == dt.date(2026, 6, 16)
    assert draft.end_date == dt.date(2026, 6, 17)
    assert (draft.start_time, draft.end_time) == (dt.time(7, 30), dt.time(11, 30))
    assert draft.timezone == "Asia/Bangkok"
    assert draft.rsvp_deadline == dt.datetime(2026, 6, 12, 17, 0)  # 10:00 UTC in Bangkok
    assert draft.description == "Dòng một.\nDòng hai."
    assert draft.is_demo is True
    assert draft.venue.notes == {
        "parking": "Sân trong",
        "hotline": "0912345678",  # the leading zero survives
        "wifi": "PII2026",
        "lunch": "no",  # not turned into False
    }
    assert draft.agenda[0].kind is AgendaKind.REGISTRATION
    assert draft.agenda[1] == AgendaDraft(
        "Tham luận", dt.time(8, 0), None, "Sở Tài chính", AgendaKind.TALK, 1
    )
    assert draft.seats == [SeatDraft("Sở KH&ĐT", 2, "Lãnh đạo"), SeatDraft("Sở Y tế", 1, None)]
    # Left out: filled from the rename table. Written as []: kept empty.
    assert draft.agencies[0].aliases == ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]
    assert draft.agencies[1] == AgencyDraft("Sở Y tế", None, [])
    assert draft.agencies[2].name == "Hiệp hội Doanh nghiệp tỉnh"
    assert draft.faq == [FaqDraft("Có ăn trưa không?", "Không.")]
    assert report.problems == []
    assert load_event_yaml(dump_event_yaml(draft))[0] == draft


@pytest.mark.parametrize(
    ("text", "code", "location"),
    [
        ("title: x\nagenda: [\n  {title: a\n", "yaml_syntax", "line:4"),
        ("- title: x\n", "yaml_not_mapping", "line:1"),
        ("# only a comment\n", "empty_file", None),
        ("host: Sở\n", "missing_title", "field:title"),
        ("title: '  '\n", "missing_title", "field:title"),
        ("title: x\nvenue: {nmae: Hội trường}\n", "unknown_field", "field:venue.nmae"),
        ("title: x\nlocation: y\n", "unknown_field", "field:location"),
        ("title: x\nseats:\n  - {agency: A, seats: -1}\n", "invalid_seats", "field:seats[1].seats"),
        ("title: x\nseats:\n  - {agency: A, seats: 1.5}", "invalid_seats", "field:seats[1].seats"),
        ("title: x\nseats:\n  - {seats: 1}\n", "missing_field", "field:seats[1].agency"),
        (
            "title: x\nagenda:\n  - {title: a}\n  - {start: '25:99', title: b}\n",
            "invalid_time",
            "field:agenda[2].start",
        ),
        ("title: x\nstart_time: 8h00\n", "invalid_time", "field:start_time"),
        (
            "title: x\nagenda:\n  - {start: '09:00', end: '08:30', title: a}\n",
            "end_before_start",
            "field:agenda[1].end",
        ),
        ("title: x\nstart_time: '11:00'\nend_time: '10:00'", "end_before_start", "field:end_time"),
        ("title: x\ndate: 12/06/2026\nend_date: 11/06/2026", "end_before_start", "field:end_date"),
        ("title: x\ndate: 31/02/2026\n", "impossible_date", "field:date"),
        ("title: x\nrsvp_deadline: mai\n", "invalid_datetime", "field:rsvp_deadline"),
        ("title: x\ntimezone: Asia/Hanoi_City\n", "invalid_timezone", "field:timezone"),
        ("title: x\nagenda:\n  - {title: a, kind: x}", "invalid_kind", "field:agenda[1].kind"),
        ("title: x\nslug: Hội thảo\n", "invalid_slug", "field:slug"),
        ("title: x\ntotal_delegates: -5\n", "invalid_number", "field:total_delegates"),
        ("title: x\nvenue: {latitude: 123}\n", "invalid_number", "field:venue.latitude"),
        ("title: x\ndemo: yes\n", "invalid_bool", "field:demo"),
        ("title: x\nagenda: {title: a}\n", "invalid_list", "field:agenda"),
        ("title: x\nvenue: Hội trường\n", "invalid_mapping", "field:venue"),
        ("title: x\nvenue: {notes: {hotline: 91234}}", "invalid_text", "field:venue.notes.hotline"),
        (
            "title: x\nseats:\n  - {agency: Sở Y tế, seats: 1}\n  - {agency: sở y tế, seats: 2}\n",
            "duplicate_agency",
            "field:seats[2].agency",
        ),
        (
            "title: x\nseats:\n  - {agency: Sở Y tế}\nagencies:\n  - {name: Sở Y tế}\n",
            "duplicate_agency",
            "field:agencies[1].name",
        ),
    ],
)
def test_bad_event_files_are_refused_with_code_and_location(text, code, location):
    assert error_of(text) == (code, location)


def test_validation_errors_carry_field_value_and_detail():
    with pytest.raises(PlanImportError) as caught:
        load_event_yaml("title: x\nagenda:\n  - {start: '25:99', title: a}\n")
    assert caught.value.params["field"] == "agenda[1].start"
    assert caught.value.params["value"] == "25:99"
    assert caught.value.params["detail"]


def test_dump_is_readable_utf8_in_a_stable_order():
    draft, _ = parse_plan_text(
        "Tổ chức Hội thảo “Đổi mới sáng tạo tỉnh Quảng Trị”\n"
        "Thời gian: ngày ...../6/2024\n"
        "Địa điểm: Hội trường Sở - 204 Hùng Vương, TP. Đông Hà\n"
        "Thời gian\tNội dung\tThành phần\n7 giờ 30 - 8 giờ\tĐón tiếp\tBTC\n"
    )
    text = dump_event_yaml(draft)
    assert "Đổi mới sáng tạo" in text and "\\u" not in text
    assert "date_note: '...../6/2024'" in text
    assert 'start: "07:30"' in text
    keys = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith(" ")]
    assert keys[:3] == ["slug", "title", "province"]
    assert keys.index("venue") < keys.index("agenda")
    assert load_event_yaml(text)[0] == draft


# Round trip with generated drafts.

_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
_ALPHABET = _LETTERS + _LETTERS.upper() + "0123456789 ,.-&()/:'\"#?!“”"
text = (
    st.text(alphabet=_ALPHABET, min_size=1, max_size=40)
    .map(lambda s: unicodedata.normalize("NFC", " ".join(s.split())))
    .filter(bool)
)
optional_text = st.none() | text
clock = st.builds(dt.time, st.integers(0, 23), st.integers(0, 59))
day = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))


@st.composite
def agenda_items(draw):
    start, end = sorted([draw(clock), draw(clock)])
    return AgendaDraft(
        title=draw(text),
        start=draw(st.none() | st.just(start)),
        end=draw(st.none() | st.just(end)),
        presenter=draw(optional_text),
        kind=draw(st.sampled_from(list(AgendaKind))),
        day=draw(st.integers(0, 3)),
    )


@st.composite
def drafts(draw):
    names = draw(st.lists(text.filter(name_key), max_size=5, unique_by=name_key))
    with_seats = draw(st.integers(0, len(names)))
    seats = [
        SeatDraft(n, draw(st.none() | st.integers(0, 500)), draw(optional_text)) for n in names[:with_seats]
    ]
    agencies = [AgencyDraft(n, draw(optional_text), draw(st.lists(text, max_size=3))) for n in names]
    start_day = draw(st.none() | day)
    end_day = None
    if start_day and draw(st.booleans()):
        end_day = start_day + dt.timedelta(days=draw(st.integers(0, 3)))
    venue = draw(
        st.none()
        | st.builds(
            VenueDraft,
            name=optional_text,
            address=optional_text,
            latitude=st.none() | st.floats(-90, 90),
            longitude=st.none() | st.floats(-180, 180),
            notes=st.dictionaries(st.sampled_from(["parking", "dress_code", "hotline"]), text),
        )
    )
    start_time, end_time = sorted([draw(clock), draw(clock)])
    return EventDraft(
        title=draw(text),
        slug=draw(st.none() | st.from_regex(r"[a-z0-9]{1,9}(-[a-z0-9]{1,9}){0,3}", fullmatch=True)),
        host=draw(optional_text),
        start_date=start_day,
        end_date=end_day,
        date_note=draw(optional_text),
        start_time=draw(st.none() | st.just(start_time)),
        end_time=draw(st.none() | st.just(end_time)),
        rsvp_deadline=draw(st.none() | st.builds(dt.datetime.combine, day, clock)),
        description=draw(st.none() | st.lists(text, min_size=1, max_size=3).map("\n".join)),
        venue=venue,
        agenda=draw(st.lists(agenda_items(), max_size=4)),
        seats=seats,
        agencies=agencies,
        total_delegates=draw(st.none() | st.integers(0, 1000)),
        faq=draw(st.lists(st.builds(FaqDraft, text, text), max_size=2)),
        is_demo=draw(st.booleans()),
    )


@settings(max_examples=60, deadline=None)
@given(drafts())
def test_load_of_dump_gives_back_the_draft(draft):
    assert load_event_yaml(dump_event_yaml(draft))[0] == draft
