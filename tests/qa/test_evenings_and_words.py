"""Evenings, the event's own name, loanwords and words that only look like question words (no database)."""

from __future__ import annotations

import pytest

from bot.domain.qa.answer import answer_question
from bot.domain.qa.days import AFTERNOON, EVENING, MORNING, half_of
from bot.domain.qa.intents import Intent, score_intents
from bot.domain.qa.language import question_language
from bot.domain.qa.messages import render_messages
from bot.domain.qa.normalise import normalise
from bot.i18n import translator
from tests.qa.evaluation import NOW
from tests.qa.events import event_views

VIEWS = event_views()


def _ask(event: str, question: str):  # type: ignore[no-untyped-def]
    answer = answer_question(question, VIEWS[event], NOW)
    return answer, render_messages(translator(answer.language or "vi"), answer.messages)


@pytest.mark.parametrize(
    ("question", "half"),
    [
        ("tối thứ 5 họp ở đâu", EVENING),
        ("buổi tối mấy giờ bắt đầu", EVENING),
        ("toi nay co an gi khong", EVENING),
        ("What's on this evening?", EVENING),
        ("sáng thứ 6 mấy giờ", MORNING),
        ("chiều mai học gì", AFTERNOON),
        # "tôi" (I) and "tới" (until, next) are no evening.
        ("tôi muốn hỏi lịch họp", None),
        ("diễn đàn từ hôm nào tới hôm nào", None),
        ("tuần tới thứ 5 có họp không", None),
    ],
)
def test_the_part_of_the_day_asked(question, half):
    assert half_of(normalise(question).tokens)[0] == half


def test_an_evening_held_elsewhere_is_answered_with_its_own_address():
    answer, text = _ask("heldout_evening", "cafe khoi nghiep toi thu 5 o dau vay ad")
    assert answer.intent == Intent.WHERE and not answer.abstains
    assert "25 Phạm Văn Đồng" in text and "129 Hùng Vương" not in text
    # The morning, at the venue, is not the café.
    answer, text = _ask("heldout_evening", "Where is the Friday morning roundtable held?")
    assert "129 Hùng Vương" in text


def test_the_events_where_names_a_part_held_at_another_address():
    _, text = _ask("heldout_evening", "hội thảo tổ chức ở đâu")
    assert "129 Hùng Vương" in text and "25 Phạm Văn Đồng" in text


def test_food_asked_for_the_evening_is_the_dinner_note_and_the_meal_line_anchors_next():
    answer, text = _ask(
        "heldout_evening", "Will there be any food at the networking evening, or should I eat before?"
    )
    assert answer.intent == Intent.NOTE and "light dinner" in text
    answer, text = _ask("heldout_evening", "sau phan an toi la den phan gi")
    assert answer.intent == Intent.NEXT and "19:30–20:15" in text


def test_the_events_own_name_is_no_faq_entry():
    # "số liệu" is in the meeting's name and in the deadline FAQ entry: the meeting's date is asked.
    answer, text = _ask("heldout_meeting", "cuoc hop trien khai so lieu PII thai nguyen vao ngay nao, may h")
    assert answer.intent == Intent.WHEN and "24/11/2026" in text and "15/12/2026" not in text
    # Asked about the data itself, the entry answers.
    answer, text = _ask("heldout_meeting", "số liệu phải nộp trước ngày nào")
    assert answer.intent == Intent.FAQ and "15/12/2026" in text


@pytest.mark.parametrize(
    ("tokens", "not_fired"),
    [
        (("ai", "duoc", "di", "tham", "quan", "nha", "may", "ngay", "11"), "duration:may ngay"),
        (("is", "there", "an", "english", "speaking", "contact"), "note:lunch:an"),
        (("em", "truoc", "lam", "o", "so", "khoa", "hoc"), "previous:truoc"),
    ],
)
def test_words_that_only_look_like_cues_fire_nothing(tokens, not_fired):
    assert not_fired not in score_intents(tokens, frozenset()).fired


def test_loanwords_alone_keep_the_events_language():
    assert question_language("pass wifi") is None
    answer, text = _ask("conference", "pass wifi")
    assert answer.language is None and "mật khẩu doimoi2026" in text
    answer, text = _ask("regional", "wifi?")  # a workshop held in English
    assert answer.language == "en" and "PII2026" in text


def test_a_meeting_id_answers_the_link_asked():
    answer, text = _ask("heldout_meeting", "link zoom?")
    assert answer.intent == Intent.NOTE and "845 2026 1124" in text


def test_who_speaks_for_an_agency_needs_a_person_in_its_line():
    answer, text = _ask("heldout_lecture", "Who is speaking from Kyoto University?")
    assert answer.intent == Intent.ITEM_PRESENTER and "Tanaka Hiroshi" in text
    answer, _ = _ask("regional", "who represents the World Bank")
    assert answer.abstains  # the programme names the bank, not who comes for it


def test_a_part_the_title_joins_is_asked_about_its_own_day():
    # "Lễ công bố ... và Diễn đàn ...": the ceremony is the first day, the forum the second.
    answer, text = _ask("heldout_ceremony", "le cong bo keo dai den may gio")
    assert answer.intent == Intent.END and "17:00" in text and "11:30" not in text
    answer, text = _ask("heldout_ceremony", "Diễn đàn khởi nghiệp diễn ra hôm nào")
    assert answer.intent == Intent.WHEN and "20/11/2026" in text and "19/11/2026" not in text
    # "Tọa đàm và Cà phê khởi nghiệp": the café is the first evening although the title names it second.
    answer, text = _ask("heldout_evening", "buổi cà phê khởi nghiệp là tối nay hay hôm nào ạ")
    assert answer.intent == Intent.WHEN and "10/12/2026" in text and "11/12/2026" not in text


def test_a_relative_day_that_is_none_of_the_events_is_answered_with_its_dates():
    # The award evening is on 08/12; "tonight" (20/11) is not one of its days.
    answer, text = _ask("unseen_award", "le trao giai toi nay a ad?")
    assert answer.intent == Intent.WHEN and "08/12/2026" in text
    # "chiều nay" is today's afternoon: the forum's second day has none, and ends at 11:30.
    answer, text = _ask("heldout_ceremony", "chiều nay còn phiên nào ko hay nghỉ luôn ạ")
    assert not answer.abstains and "11:30" in text and "Tham quan gian trưng bày" not in text


@pytest.mark.parametrize("text", ["", "   ", "😀😀😀", "/", "\x00\x01", "?", "tối", "tonight"])
def test_garbage_and_bare_words_never_crash_the_engine(text):
    for view in VIEWS.values():
        answer = answer_question(text, view, NOW)
        assert answer.abstains or answer.intent in (Intent.GREETING, Intent.WHEN, Intent.PROGRAMME)


def test_an_entry_on_another_part_of_the_event_does_not_answer():
    # The ceremony's livestream entry says nothing of the forum the next morning.
    answer, _ = _ask("heldout_ceremony", "Diễn đàn sáng 20/11 có phát trực tiếp không ạ?")
    assert answer.abstains
    answer, text = _ask("heldout_ceremony", "Có phát trực tiếp lễ công bố không?")
    assert answer.intent == Intent.FAQ and "Facebook" in text


def test_registering_is_no_signing_and_live_is_no_next():
    assert "next:tiep" not in score_intents(("phat", "truc", "tiep"), frozenset()).fired
    answer, text = _ask("unseen_tracks", "Phiên chiều có phát trực tiếp ko ạ")
    assert answer.intent == Intent.NOTE and "fanpage" in text
    answer, text = _ask("unseen_tracks", "đăng ký phiên chiều thế nào ạ")
    assert "Ký kết" not in text  # "đăng ký" names no signing line
