"""Evidence and abstention, days and half-days, question language, the bilingual lexicon (no database)."""

from __future__ import annotations

import pytest

from bot.domain.qa.answer import CONFIDENCE_THRESHOLD, answer_question
from bot.domain.qa.days import AFTERNOON, MORNING, day_asked
from bot.domain.qa.intents import Intent
from bot.domain.qa.language import question_language
from bot.domain.qa.lexicon import lexicon
from bot.domain.qa.messages import render_messages
from bot.domain.qa.normalise import normalise, normalise_tokens
from bot.i18n import translator
from tests.qa.evaluation import NOW
from tests.qa.events import event_views

VIEWS = event_views()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("where is the venue", "en"),
        ("What is Sở Tài chính presenting?", "en"),
        ("wifi password?", "en"),
        ("Hội thảo ở đâu?", "vi"),
        ("may gio bat dau", "vi"),
        ("mat khau wifi", "vi"),  # "mật khẩu" without its marks is still Vietnamese
        ("PII 2025", None),
        ("hotline?", None),
    ],
)
def test_question_language(text, language):
    assert question_language(text) == language


@pytest.mark.parametrize(
    ("text", "day", "half"),
    [
        ("chương trình ngày thứ hai", 1, None),
        ("day 2 programme", 1, None),
        ("second day", 1, None),
        ("lịch học ngày 03/12", 1, None),
        ("thứ Năm học gì", 1, None),
        ("ngày đầu tiên", 0, None),
        ("ngày cuối", 1, None),
        ("buổi chiều ngày thứ hai", 1, AFTERNOON),
        ("sáng thứ tư", 0, MORNING),
        ("phiên chiều", None, AFTERNOON),
        ("đổi mới sáng tạo", None, None),
        ("day 7", None, None),
    ],
)
def test_day_and_half_of_the_day(text, day, half):
    normalised = normalise(text)
    asked = day_asked(normalised.tokens, normalised.dates, VIEWS["training"], NOW)
    assert (asked.day, asked.half) == (day, half)


def test_the_lexicon_links_both_languages_both_ways():
    vietnamese = lexicon().glosses(normalise_tokens("Chuyển đổi số trong nông nghiệp"))
    assert ("digital", "transformation") in vietnamese
    english = lexicon().glosses(normalise_tokens("Intellectual property and technology transfer"))
    assert normalise_tokens("sở hữu trí tuệ") in english


def test_an_answer_carries_the_line_it_rests_on():
    answer = answer_question("Giải lao lúc mấy giờ?", VIEWS["quang_tri"], NOW)
    assert answer.intent == Intent.ITEM_TIME and not answer.abstains
    [evidence] = answer.evidence
    assert (evidence.source, evidence.detail) == ("item", "Giải lao")
    assert evidence.score >= CONFIDENCE_THRESHOLD


def test_an_english_question_finds_a_vietnamese_title_and_quotes_it():
    answer = answer_question("Who speaks about intellectual property?", VIEWS["training"], NOW)
    assert answer.intent == Intent.ITEM_PRESENTER and answer.language == "en"
    assert [e.detail for e in answer.evidence] == [
        "Số liệu về sở hữu trí tuệ: đơn đăng ký sáng chế, nhãn hiệu, kiểu dáng công nghiệp"
    ]


@pytest.mark.parametrize(
    "question",
    [
        "giá vé tàu từ Hà Nội bao nhiêu",
        "can I bring a colleague",
        "mật khẩu wifi là gì",  # no wifi note nor FAQ for this workshop
        "bao giờ có kết quả PII năm 2025",  # the workshop is about 2023
    ],
)
def test_what_the_data_does_not_hold_is_not_guessed(question):
    answer = answer_question(question, VIEWS["quang_tri"], NOW)
    assert answer.abstains
    assert answer.forward


def test_a_note_that_exists_wins_over_the_address():
    answer = answer_question("đỗ xe ô tô ở đâu", VIEWS["conference"], NOW)
    assert answer.intent == Intent.NOTE
    assert [(e.source, e.detail) for e in answer.evidence] == [("note", "parking")]


def test_days_of_different_hours_are_not_said_to_share_one_span():
    # Day 1 of the course runs 07:30–16:30 and day 2 08:00–15:30: no "mỗi ngày 07:30–16:30".
    answer = answer_question("lớp tập huấn học mấy ngày", VIEWS["training"], NOW)
    text = render_messages(translator("vi"), answer.messages)
    assert answer.intent == Intent.DURATION
    assert "2 ngày" in text and "mỗi ngày" not in text
    assert "07:30–16:30" in text and "08:00–15:30" in text
