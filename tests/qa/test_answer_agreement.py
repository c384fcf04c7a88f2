"""An answer must agree with what was asked (issue 17, fourth session's rules), on an event of its own.

The event below is written for these tests only (a two-day "hội nghị" in Gia Lai with a custom
note and a line without a presenter), so the rules are checked away from the evaluation events.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.plan import load_event_yaml
from bot.domain.qa.answer import answer_question
from bot.domain.qa.intents import Intent
from bot.domain.qa.messages import render_messages
from bot.domain.qa.normalise import normalise
from bot.domain.qa.view import EventView
from bot.i18n import translator

EVENT = """
slug: hn-pii-gia-lai-2026
title: Hội nghị Đổi mới sáng tạo tỉnh Gia Lai (Diễn đàn PII Gia Lai 2026)
host: Sở Khoa học và Công nghệ
province: Gia Lai
date: 08/12/2026
end_date: 09/12/2026
start_time: "08:00"
end_time: "16:30"
chair: Phó Chủ tịch UBND tỉnh
venue:
  name: Khách sạn Hoàng Anh Gia Lai, hội trường Pleiku
  address: Số 1 Phù Đổng, phường Pleiku, tỉnh Gia Lai
  notes:
    documents: Tài liệu hội nghị được phát tại bàn đón tiếp.
    lunch: Ăn trưa tại nhà hàng tầng 2, do Ban Tổ chức đài thọ.
    online: "Đại biểu ở xa họp trên hệ thống Zoom, mã phòng 812 0812 2026."
agenda:
  - {start: "08:00", end: "08:30", title: "Đón tiếp đại biểu", presenter: Văn phòng Sở, kind: registration}
  - {start: "08:30", end: "09:15", title: "Kết quả Chỉ số PII 2025 của tỉnh Gia Lai", presenter: Sở Khoa học và Công nghệ, kind: talk}
  - {start: "09:15", end: "09:30", title: "Giải lao", kind: break}
  - {start: "09:30", end: "10:30", title: "Văn nghệ chào mừng", presenter: Đoàn ca múa nhạc Đam San, kind: other}
  - {start: "10:30", end: "11:30", title: "Ứng dụng chuyển đổi số trong nông nghiệp", kind: talk}
  - {start: "11:30", end: "13:30", title: "Nghỉ trưa", kind: break}
  - {start: "13:30", end: "15:00", title: "Cà phê bền vững và chỉ dẫn địa lý", presenter: Sở Nông nghiệp và Môi trường, kind: talk}
  - {start: "15:00", end: "15:15", title: "Giải lao", kind: break}
  - {start: "15:15", end: "16:30", title: "Thảo luận và kết luận", presenter: Phó Chủ tịch UBND tỉnh, kind: closing}
  - {day: 1, start: "08:00", end: "11:30", title: "Tham quan vườn cà phê công nghệ cao", presenter: Sở Nông nghiệp và Môi trường, kind: other}
"""
# Monday 07/12/2026 09:00 in Gia Lai (UTC+7): the day before.
NOW = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def view() -> EventView:
    draft, _report = load_event_yaml(EVENT)
    return EventView.from_draft(draft, event_id=1)


def ask(view: EventView, text: str) -> tuple[object, str]:
    answer = answer_question(text, view, NOW)
    return answer, render_messages(translator(answer.language or "vi"), answer.messages)


@pytest.mark.parametrize(
    "text",
    [
        "tài liệu có bản điện tử không",  # the documents note says nothing of an electronic copy
        "văn nghệ có những tiết mục gì",  # what a line holds, not when it is
        "điểm PII của Gia Lai năm 2025 là bao nhiêu",  # a count no line gives
        "mỗi đơn vị được cử tối đa mấy người",  # nor this one
        "ai trình bày phần chuyển đổi số trong nông nghiệp",  # the programme names no presenter
        "ai ngồi trong đoàn ca múa nhạc Đam San",  # the presenter is the thing asked about
        "cần cài đặt gì trước",  # "beforehand", not the line before another
        "is there a technical rehearsal the day before?",  # no programme line is that day
    ],
)
def test_questions_the_data_does_not_answer_are_forwarded(view, text):
    answer, _text = ask(view, text)
    assert answer.abstains, (text, answer.intent, answer.evidence)


def test_a_line_of_a_multi_day_event_gives_its_date(view):
    answer, text = ask(view, "tham quan vườn cà phê hôm nào")
    assert answer.intent == Intent.ITEM_TIME and not answer.abstains
    assert "Ngày thứ 2 (09/12/2026), 08:00–11:30" in text


def test_a_clock_time_in_the_afternoon_on_a_named_day(view):
    assert normalise("what's on at 2:30pm on Tuesday?").clock == "14:30"
    answer, text = ask(view, "what's on at 2:30pm on Tuesday?")
    assert answer.intent == Intent.NOW
    assert "Cà phê bền vững và chỉ dẫn địa lý" in text


def test_an_english_date_names_a_day(view):
    answer, text = ask(view, "what is on the morning of 9 December?")
    assert answer.intent == Intent.PROGRAMME
    assert "Tham quan vườn cà phê công nghệ cao" in text and "Đón tiếp đại biểu" not in text


def test_between_takes_the_nearest_of_two_breaks(view):
    answer, text = ask(view, "giữa nghỉ trưa và giải lao có gì")
    assert answer.intent == Intent.BETWEEN
    assert "Cà phê bền vững" in text and "Văn nghệ" not in text


def test_the_clause_that_asks_is_answered_in_a_long_message(view):
    answer, text = ask(view, "Em ở Chư Păh, sáng mai bắt xe xuống Pleiku, hội nghị tổ chức ở đâu ạ?")
    assert answer.intent == Intent.WHERE and not answer.abstains
    assert "Số 1 Phù Đổng" in text


def test_a_message_whose_other_clause_asks_what_the_data_lacks_is_not_cut(view):
    answer, _text = ask(view, "Hội nghị ở đâu, có xe đưa đón từ sân bay không?")
    assert answer.abstains


def test_the_organisers_own_note_is_found_by_what_it_says(view):
    answer, text = ask(view, "họp zoom mã phòng là gì vậy")
    assert answer.intent == Intent.NOTE
    assert "812 0812 2026" in text


def test_paying_is_answered_by_a_note_that_says_the_organisers_pay(view):
    answer, text = ask(view, "ăn trưa có phải trả tiền không")
    assert answer.intent == Intent.NOTE and "đài thọ" in text


def test_the_events_short_name_in_brackets_is_the_event(view):
    answer, text = ask(view, "Diễn đàn PII Gia Lai diễn ra những ngày nào?")
    assert answer.intent == Intent.WHEN
    assert "08/12/2026" in text and "09/12/2026" in text
