"""The evidence checks that keep unseen questions from confident wrong answers (no database)."""

from __future__ import annotations

import pytest

from bot.domain.qa.answer import answer_question
from bot.domain.qa.days import day_asked
from bot.domain.qa.intents import Intent
from bot.domain.qa.messages import render_messages
from bot.domain.qa.normalise import normalise
from bot.domain.qa.specifics import unanswered_place_part, unanswered_specifics
from bot.i18n import translator
from tests.qa.evaluation import NOW
from tests.qa.events import event_views

VIEWS = event_views()


def _text(answer) -> str:  # type: ignore[no-untyped-def]
    return render_messages(translator(answer.language or "vi"), answer.messages)


@pytest.mark.parametrize(
    ("event", "question"),
    [
        # A note that never names what is asked (a laptop, a second topic, a side of a choice).
        ("quang_tri", "co can mang laptop ko"),
        ("training", "phong nghi co wifi khong"),
        ("training", "phong nghi 2 nguoi hay 1 nguoi"),
        ("conference", "co phai dang ky an trua truoc khong"),
        # A part of the place the venue does not give.
        ("quang_tri", "cho hoi hoi truong o tang may"),
        # A look-alike of a question word: "thang máy" (lift) is not "tháng mấy".
        ("conference", "trung tâm hội nghị có thang máy không"),
        # Half of a phrase, a word for "a talk", a thing a line names without identifying it.
        ("training", "bao giờ có giấy mời"),
        ("training", "thuc hanh tren phan mem nao"),
        ("quang_tri", "bai tham luan so 3 la gi"),
        # A FAQ found through its topic, asked something it does not say.
        ("training", "giay chung nhan co dong dau khong"),
        ("conference", "bai ha tang so co noi ve AI khong"),
    ],
)
def test_the_bot_says_it_does_not_know_and_forwards(event, question):
    answer = answer_question(question, VIEWS[event], NOW)
    assert answer.abstains, _text(answer)
    assert answer.intent == Intent.UNKNOWN


@pytest.mark.parametrize(
    ("event", "question", "intent", "fact"),
    [
        # The same checks let the answers through when the data does hold them.
        ("conference", "nu mac ao dai duoc khong", Intent.NOTE, "áo dài"),
        ("training", "an trua co mat phi ko", Intent.NOTE, "đài thọ"),
        ("training", "how do I register for the hotel", Intent.NOTE, "28/11"),
        ("training", "hoc o khach san nao", Intent.WHERE, "Mường Thanh"),
        ("quang_tri", "Họp ở phòng nào vậy?", Intent.WHERE, "Hội trường"),
        ("quang_tri", "hoi thoa bat dau luc nao", Intent.WHEN, "07:30"),
        ("conference", "hoi nhi to chuc ngay nao", Intent.WHEN, "20/11/2026"),
        ("training", "lop tap huan hoc may ngay", Intent.DURATION, "2"),
        ("conference", "bai cuoi cung buoi sang la gi", Intent.ITEM_TIME, "Thảo luận phiên sáng"),
    ],
)
def test_supported_answers_still_come(event, question, intent, fact):
    answer = answer_question(question, VIEWS[event], NOW)
    assert not answer.abstains
    assert answer.intent == intent
    assert fact in _text(answer)


def test_day_number_without_a_month_is_the_events_day():
    # A course on 02/12 and 03/12: "ngày 2" is the second day; the 2nd of December needs its month.
    view = VIEWS["training"]
    assert day_asked(normalise("ngay 2 hoc den may gio").tokens, (), view, NOW).day == 1
    normalised = normalise("ngay 2/12 hoc den may gio")
    assert day_asked(normalised.tokens, normalised.dates, view, NOW).day == 0
    assert "15:30" in _text(answer_question("ngay 2 hoc den may gio", view, NOW))
    assert "16:30" in _text(answer_question("ngay 2/12 hoc den may gio", view, NOW))


def test_specifics_and_place_parts():
    asked = ("can", "mang", "laptop")
    assert unanswered_specifics(asked, "Tài liệu được phát tại bàn đón tiếp.") == ["laptop"]
    assert unanswered_specifics(asked, "Mang theo máy tính xách tay.") == []
    assert unanswered_specifics(("co", "an", "chay"), "Ăn trưa tự chọn tại nhà hàng.") == ["an chay"]
    assert unanswered_place_part(("tang", "may"), "Phòng họp tầng 3, Sở KH&CN") == []
    assert unanswered_place_part(("tang", "may"), "Hội trường Sở, 204 Hùng Vương") == ["tang may"]
