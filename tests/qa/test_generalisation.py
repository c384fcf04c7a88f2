"""The evidence checks that keep unseen questions from confident wrong answers (no database)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.domain.plan import load_event_yaml
from bot.domain.plan.draft import AgencyDraft, AgendaDraft, FaqDraft, SeatDraft, VenueDraft
from bot.domain.qa.answer import answer_question
from bot.domain.qa.days import day_asked
from bot.domain.qa.intents import Intent
from bot.domain.qa.language import question_language
from bot.domain.qa.matcher import index_for
from bot.domain.qa.messages import render_messages
from bot.domain.qa.normalise import normalise, normalise_tokens
from bot.domain.qa.rooms import asks_parallel, rooms_of
from bot.domain.qa.specifics import unanswered_place_part, unanswered_specifics
from bot.domain.qa.view import EventView
from bot.i18n import translator
from storage.enums import AgendaKind as K
from tests.conftest import event_draft
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
        # A FAQ entry on the very test that gives no pass mark; a kind of agency alone ("số"/"Sở").
        ("heldout_congress", "bài kiểm tra cuối khóa bao nhiêu điểm thì đạt ạ"),
        ("quang_tri", "hoi truong o tang may v a, phong so may"),
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
        # Initials of a name the event uses (QLKH, WB for World Bank).
        ("heldout_meeting", "Phòng QLKH trình bày những phần gì", Intent.AGENCY_TALKS, "Hướng dẫn biểu mẫu"),
        ("regional", "phần panel WB điều phối lúc mấy giờ", Intent.ITEM_TIME, "11:15–12:00"),
        # An agency named alone and asked when: its talks.
        ("regional", "cuc so huu tri tue trinh bay luc may gio", Intent.AGENCY_TALKS, "10:30–11:15"),
        # Every day's end; a day named by its week ("next Thursday") asks for no next line.
        ("heldout_congress", "mỗi ngày mấy giờ tan học vậy ạ", Intent.END, "17:00"),
        ("quang_tri", "Next Thursday's PII workshop, what time does it start?", Intent.WHEN, "07:30"),
        # A numbered part names its own line; a person's name is no word of a language.
        ("heldout_lecture", "trước thảo luận phiên 2 là phần nào ạ", Intent.PREVIOUS, "Chia sẻ"),
        ("unseen_seminar", "what is Dr. Pieter van Dijk presenting?", Intent.AGENCY_TALKS, "Presented by"),
        # Two questions side by side, both answered.
        ("heldout_online", "hội nghị ai chủ trì, ai phát biểu khai mạc vậy ạ", Intent.CHAIR, "Thu Hà"),
    ],
)
def test_supported_answers_still_come(event, question, intent, fact):
    answer = answer_question(question, VIEWS[event], NOW)
    assert not answer.abstains
    assert answer.intent == intent
    assert fact in _text(answer)


def test_which_one_speaks_of_a_line_without_presenter_is_forwarded():
    # "which start-up is speaking": who presents, and the line names nobody.
    answer = answer_question("which start-up is speaking at 10:55?", VIEWS["heldout_online"], NOW)
    assert answer.abstains
    assert "names no presenter" in _text(answer)


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


def _tracks_view():  # type: ignore[no-untyped-def]
    """A one-day forum whose afternoon runs two rooms side by side, each line naming its room."""
    agenda = [
        ("08:00", "08:30", "Đón tiếp đại biểu tại Hội trường lớn", "Ban Tổ chức", K.REGISTRATION),
        ("08:30", "10:00", "Phiên toàn thể: kết quả PII 2025", "Sở Khoa học và Công nghệ", K.TALK),
        ("13:30", "15:00", "Phiên A (phòng 201): Dữ liệu mở cho doanh nghiệp", "Sở Tài chính", K.TALK),
        ("13:30", "15:00", "Phiên B (Phòng Sen Hồng): Ươm tạo khởi nghiệp", "UBND tỉnh", K.DISCUSSION),
        ("15:15", "16:00", "Phòng Quản lý khoa học tổng kết hai phiên", "Ban Tổ chức", K.CLOSING),
    ]
    return EventView.from_draft(event_draft(date=dt.date(2026, 12, 15), agenda=agenda), event_id=1)


@pytest.mark.parametrize(
    ("question", "intent", "present", "absent"),
    [
        ("chiều nay phòng 201 có gì vậy ad", Intent.PROGRAMME, "Dữ liệu mở", "Ươm tạo"),
        ("What's on in room 201?", Intent.PROGRAMME, "13:30–15:00", "Ươm tạo"),
        ("phong sen hong may gio bat dau", Intent.ITEM_TIME, "Ươm tạo", "Dữ liệu mở"),
    ],
)
def test_a_room_named_gives_the_lines_held_there(question, intent, present, absent):
    answer = answer_question(question, _tracks_view(), NOW)
    text = _text(answer)
    assert answer.intent == intent and present in text and absent not in text, text


def test_a_department_called_phong_is_no_room():
    # ("Phòng Quản lý khoa học tổng kết": a department, its name runs on in lower case)
    assert set(rooms_of(_tracks_view())) == {("201",), tuple(normalise_tokens("Sen Hồng"))}


@pytest.mark.parametrize("question", ["chiều nay có mấy phiên song song ạ", "Are there parallel sessions?"])
def test_parallel_sessions_are_the_lines_held_at_the_same_time(question):
    answer = answer_question(question, _tracks_view(), NOW)
    text = _text(answer)
    assert answer.intent == Intent.PROGRAMME, text
    assert "Dữ liệu mở" in text and "Ươm tạo" in text and "kết quả PII 2025" not in text, text


def test_simultaneous_interpretation_is_not_parallel_sessions():
    assert not asks_parallel(normalise("có phiên dịch song song không").tokens)
    assert asks_parallel(normalise("có phiên song song không").tokens)


def test_the_next_talk_skips_the_break_but_what_comes_next_does_not():
    view = VIEWS["conference"]
    after_talk = _text(answer_question("sau bài hạ tầng số là gì", view, NOW))
    next_talk = _text(answer_question("bài tiếp theo sau bài hạ tầng số là bài nào", view, NOW))
    assert "giải lao" in after_talk.lower(), after_talk
    assert "giải lao" not in next_talk.lower() and "Thu hút đầu tư" in next_talk, next_talk


def test_the_askers_agency_is_the_most_specific_name_they_give():
    agenda = [
        ("08:00", "08:30", "Đón tiếp đại biểu", "Ban Tổ chức", K.REGISTRATION),
        ("08:30", "09:00", "Thương mại hóa kết quả nghiên cứu", "Trường Đại học Cần Thơ", K.TALK),
        ("09:00", "09:30", "Khởi nghiệp trong sinh viên", "Trường Đại học Nam Cần Thơ", K.TALK),
        ("09:30", "10:00", "Số liệu thống kê đổi mới sáng tạo", "Cục Thống kê", K.TALK),
    ]
    seats = {"Trường Đại học Cần Thơ": 2, "Trường Đại học Nam Cần Thơ": 2, "Cục Thống kê": 1}
    view = EventView.from_draft(event_draft(agenda=agenda, seats=seats), event_id=1)
    south = _text(
        answer_question(
            "Kính gửi Ban Tổ chức, tôi là Phó Hiệu trưởng Trường ĐH Nam Cần Thơ. Bài của trường chúng tôi lúc mấy giờ?",
            view,
            NOW,
        )
    )
    assert "09:00–09:30" in south and "08:30–09:00" not in south, south
    # ("Thống" is also a harmless word, of "thông tin"; here it is the agency's name)
    stats = _text(
        answer_question(
            "Dạ em chào anh, em là chuyên viên Cục Thống kê, em được phân công trình bày. Phần của đơn vị em lúc nào ạ?",
            view,
            NOW,
        )
    )
    assert "09:30–10:00" in stats, stats


def test_where_a_half_day_is_held_gives_the_rooms_its_lines_name():
    answer = answer_question("Where are the afternoon sessions held?", _tracks_view(), NOW)
    text = _text(answer)
    assert answer.intent == Intent.WHERE and "phòng 201" in text and "Sen Hồng" in text, text
    morning = _text(answer_question("sáng nay họp ở đâu", _tracks_view(), NOW))
    assert "phòng 201" not in morning, morning


@pytest.mark.parametrize(
    ("event", "question", "intent", "fact", "absent"),
    [
        # A numbered part written over several lines: its first start, its last end.
        ("heldout_lecture", "phiên 2 bắt đầu lúc mấy giờ ạ", Intent.ITEM_TIME, "13:30–14:00", "08:45"),
        ("heldout_lecture", "when does session 1 end?", Intent.END, "11:45", "16:"),
        # The purpose of asking for the dates is to save them: the calendar, not the programme.
        (
            "training",
            "ad gửi e lịch để e lưu vào điện thoại nhé",
            Intent.CALENDAR,
            "02/12/2026",
            "07:30–08:00",
        ),
        # "Vạn An" is the bank's name, not "ăn" (eating); "lên sân khấu" is when they appear.
        ("unseen_award", "Vạn An Bank lên sân khấu lúc nào", Intent.AGENCY_TALKS, "20:30–20:36", "buffet"),
        # An amount given right after the particular words asked ("giải Nhất 70 triệu").
        ("unseen_award", "giải nhất mỗi hạng mục bao nhiêu tiền vậy", Intent.FAQ, "70 triệu", "Khai tiệc"),
        # A dated FAQ answer answers "hạn chót".
        (
            "heldout_festival",
            "đăng ký gian trưng bày hạn chót khi nào",
            Intent.FAQ,
            "30/11/2026",
            "Tham quan",
        ),
        # The event named by its kind and province: its date, not the province's statistics office.
        (
            "heldout_meeting",
            "cuộc họp PII Thái Nguyên ngày nào, mấy giờ",
            Intent.WHEN,
            "24/11/2026",
            "Thống kê",
        ),
    ],
)
def test_readings_of_the_seventh_session(event, question, intent, fact, absent):
    answer = answer_question(question, VIEWS[event], NOW)
    text = _text(answer)
    assert answer.intent == intent and fact in text and absent not in text, text


@pytest.mark.parametrize(
    "question", ["giải khuyến khích được bao nhiêu tiền?", "giai khuyen khich dc bao nhieu tien"]
)
def test_an_amount_not_given_for_the_prize_asked_is_not_answered(question):
    # The FAQ gives the first, second and third prizes' amounts, none for "Khuyến khích".
    assert answer_question(question, VIEWS["heldout_festival"], NOW).abstains


def _show_view():  # type: ignore[no-untyped-def]
    """A morning show: a demonstration run twice, three numbered parts, an MC, agencies named only
    in the titles of the lines that assign them work, and a note the organisers named themselves."""
    agenda = [
        ("08:00", "08:10", "Mở đầu: MC giới thiệu chương trình", "MC Trần Thị Mai Anh, Đài tỉnh", K.OPENING),
        (
            "08:10",
            "08:40",
            "Phần 1 - Kết quả PII: phân công chỉ số cho Sở Tư pháp, Sở Y tế",
            "Sở KH&CN",
            K.TALK,
        ),
        (
            "08:40",
            "09:00",
            "Trình diễn robot hàn tự động - lượt 1 (xưởng cơ khí)",
            "Công ty Cơ khí An Phát",
            K.OTHER,
        ),
        ("09:00", "09:30", "Phần 2 - Doanh nghiệp đổi mới sáng tạo", "Hiệp hội Doanh nghiệp tỉnh", K.TALK),
        ("09:30", "09:45", "Giải lao", None, K.BREAK),
        (
            "09:45",
            "10:05",
            "Trình diễn robot hàn tự động - lượt 2 (xưởng cơ khí)",
            "Công ty Cơ khí An Phát",
            K.OTHER,
        ),
        ("10:05", "10:30", "Phần 3 - Giải pháp nâng hạng", "Sở Tài chính", K.TALK),
    ]
    venue = VenueDraft(
        name="Hội trường Trung tâm Hội nghị tỉnh",
        address="5 Trần Phú, phường Thử, tỉnh Thử Nghiệm",
        notes={
            "rebroadcast": "Chương trình được phát lại lúc 20:00 ngày 16/12/2026 trên kênh truyền hình tỉnh."
        },
    )
    draft = event_draft(
        title="Hội nghị truyền hình PII tỉnh Thử Nghiệm",
        date=dt.date(2026, 12, 15),
        agenda=agenda,
        venue=venue,
    )
    return EventView.from_draft(draft, event_id=1)


@pytest.mark.parametrize(
    ("question", "intent", "present", "absent"),
    [
        # A thing shown twice, its run not named: both runs.
        ("mấy giờ có trình diễn robot hàn vậy", Intent.ITEM_TIME, "09:45", "09:00–09:30"),
        ("lượt 2 trình diễn robot lúc mấy giờ", Intent.ITEM_TIME, "09:45", "08:40–09:00"),
        # A numbered part across the two languages.
        ("What time does part 3 start?", Intent.ITEM_TIME, "10:05", "09:00–09:30"),
        ("giữa phần 1 và phần 2 có gì", Intent.BETWEEN, "lượt 1", "Giải lao"),
        # The role written before a person's name says who holds it.
        ("ai là MC vậy", Intent.ITEM_PRESENTER, "Trần Thị Mai Anh", "Hiệp hội"),
        # An agency that presents nothing, named in the titles of the lines about it.
        ("Sở Tư pháp được phân công phần nào", (Intent.AGENCY_TALKS, Intent.ITEM_TIME), "08:10", "10:05"),
        # The organisers' own note by its key's meaning in the other language.
        ("có phát lại không ad", Intent.NOTE, "16/12/2026", "08:00"),
    ],
)
def test_parts_runs_roles_and_own_notes(question, intent, present, absent):
    answer = answer_question(question, _show_view(), NOW)
    text = _text(answer)
    assert not answer.abstains, text
    assert answer.intent in (intent if isinstance(intent, tuple) else (intent,)), text
    assert present in text
    assert absent not in text


@pytest.mark.parametrize(
    "question", ["phần 5 mấy giờ bắt đầu", "What time does part 6 start?", "đợt 2 khi nào"]
)
def test_a_part_beyond_the_last_numbered_is_forwarded(question):
    answer = answer_question(question, _show_view(), NOW)
    assert answer.abstains, _text(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("lát nữa có gì", "vi"),
        ("kế đến là gì", "vi"),
        ("chút nữa là phần gì", "vi"),
        ("what's coming up", "en"),
        # (when this talk is over: what is next, not when the event ends)
        ("xong bài này là tới bài gì vậy", "vi"),
        ("bài này xong thì tới phần nào", "vi"),
    ],
)
def test_what_comes_shortly_is_the_next_line(question, language):
    # Friday 20/11 09:00, during the conference's 08:45–09:30 talk.
    answer = answer_question(question, VIEWS["conference"], NOW)
    assert answer.intent == Intent.NEXT
    assert (answer.language or "vi") == language
    text = _text(answer)
    assert "09:30–10:00" in text and "Hạ tầng số và dữ liệu mở" in text
    assert "08:45" not in text and "16:45" not in text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("còn bao lâu nữa thì nghỉ trưa", "Còn khoảng 2 giờ 45 phút (165 phút) nữa (tính từ 09:00)"),
        ("how long until lunch", "about 2 h 45 min (165 minutes) from now (09:00)"),
        ("how much longer until the afternoon break", "about 6 h (360 minutes) from now"),
    ],
)
def test_how_far_off_a_line_is_counts_down_from_now(question, expected):
    answer = answer_question(question, VIEWS["conference"], NOW)
    assert answer.intent == Intent.ITEM_TIME and not answer.abstains
    text = _text(answer)
    assert expected in text
    assert "kéo dài" not in text and "lasts" not in text  # not how long the line itself lasts


def test_a_line_days_away_gives_its_date_not_hundreds_of_hours():
    answer = answer_question("còn bao lâu nữa thì khai giảng", VIEWS["training"], NOW)
    text = _text(answer)
    assert answer.intent == Intent.ITEM_TIME and "02/12" in text
    assert "Còn khoảng" not in text


def test_when_one_may_leave_is_when_the_event_ends():
    answer = answer_question("mấy giờ thì được về", VIEWS["conference"], NOW)
    assert answer.intent == Intent.END
    assert "16:45" in _text(answer)


@pytest.mark.parametrize("question", ["who teaches on day 2 afternoon", "ai giảng dạy chiều ngày 2"])
def test_who_teaches_on_a_half_day_lists_that_half_days_lines(question):
    answer = answer_question(question, VIEWS["training"], NOW)
    assert answer.intent == Intent.PROGRAMME and not answer.abstains
    text = _text(answer)
    assert "Làm việc nhóm" in text and "Các nhóm học viên" in text
    assert "Tổng quan Bộ chỉ số PII" not in text  # (a line of the first morning)


def test_who_teaches_a_morning_is_no_agency_named_giang_vien():
    answer = answer_question("ai giảng buổi sáng ngày đầu", VIEWS["training"], NOW)
    assert answer.intent != Intent.AGENCY_TALKS
    assert "Giảng viên và học viên" not in _text(answer)


@pytest.mark.parametrize("question", ["buổi tối có ăn uống gì không", "what about food in the evening"])
def test_a_meal_asked_of_the_evening_is_not_the_lunch_note(question):
    answer = answer_question(question, VIEWS["training"], NOW)
    assert answer.abstains  # no dinner note: said honestly and forwarded
    assert "nhà hàng tầng 1" not in _text(answer)


def test_a_topic_number_a_course_does_not_write_names_no_line_by_a_look_alike_word():
    # The course's lines are not written "Chuyên đề N"; "chuyên" is not the "chuyển" of
    # "chuyển đổi số".
    answer = answer_question("ai dạy chuyên đề 2", VIEWS["training"], NOW)
    assert answer.abstains
    assert "Đo lường chuyển đổi số" not in _text(answer)


@pytest.mark.parametrize(
    "question",
    [
        "chủ đề hội thảo là gì",
        "hội thảo nói về gì",
        "What is the workshop about?",
        "what's the topic of the workshop",
    ],
)
def test_what_the_event_is_about_is_its_title_and_programme(question):
    answer = answer_question(question, VIEWS["quang_tri"], NOW)
    assert answer.intent == Intent.PROGRAMME and not answer.abstains
    text = _text(answer)
    assert "Giải pháp nâng cao Bộ chỉ số đổi mới sáng tạo" in text and "Bế mạc hội thảo" in text
    assert "Chủ trì và đại biểu:" not in text  # (no "agency" named by "chủ" of "chủ đề")


def test_chung_ket_names_the_final_not_every_line_with_ket():
    answer = answer_question("chung kết mấy giờ bắt đầu", VIEWS["heldout_festival"], NOW)
    assert answer.intent == Intent.ITEM_TIME
    text = _text(answer)
    assert "13:30–16:30" in text and "Vòng chung kết" in text
    assert "Tổng kết và bế mạc" not in text and "Kết nối cung - cầu" not in text


@pytest.mark.parametrize("question", ["có mấy đội vào chung kết", "có mấy giải"])
def test_a_count_of_teams_or_prizes_is_no_lines_time(question):
    answer = answer_question(question, VIEWS["heldout_festival"], NOW)
    assert answer.abstains, _text(answer)
    assert "Giải lao" not in _text(answer)


@pytest.mark.parametrize(
    ("event", "question"),
    [
        ("heldout_online", "Which communes will speak in the discussion?"),
        ("heldout_online", "xã nào phát biểu trong phần thảo luận"),
    ],
)
def test_which_ones_of_a_presenter_written_in_general_is_not_known(event, question):
    # The line's presenter is "Lãnh đạo UBND các xã, phường": all of them, none by name.
    answer = answer_question(question, VIEWS[event], NOW)
    assert answer.abstains


def test_the_event_confirmed_on_a_day_by_the_agency_it_is_known_by_gives_its_dates():
    answer = answer_question(
        "hoi thao Business Finland la thu 4 tuan sau dung ko mn", VIEWS["heldout_intl"], NOW
    )
    assert answer.intent == Intent.WHEN
    assert "25/11/2026" in _text(answer)


def _roadshow_view():  # type: ignore[no-untyped-def]
    """One workshop held on two days at two communes' halls, each day's address in its lines."""
    rows = [
        (
            0,
            "07:30",
            "08:00",
            "Đón tiếp đại biểu tại Hội trường UBND phường Hoàng Mai (số 68 đường Trần Hưng Đạo)",
            K.REGISTRATION,
        ),
        (0, "08:10", "08:50", "Chỉ số PII là gì và vai trò của cấp xã", K.TALK),
        (0, "08:50", "11:30", "Hỏi đáp, trao đổi", K.DISCUSSION),
        (
            2,
            "13:30",
            "14:00",
            "Đón tiếp đại biểu tại Hội trường UBND xã Đô Lương (số 12 đường Lê Lợi)",
            K.REGISTRATION,
        ),
        (2, "14:10", "14:50", "Chỉ số PII là gì và vai trò của cấp xã", K.TALK),
        (2, "14:50", "16:00", "Hỏi đáp, trao đổi", K.DISCUSSION),
    ]
    title = "Hội nghị PII cho cấp xã tỉnh Thử Nghiệm"
    return _event_of_rows(title, dt.date(2026, 12, 8), dt.date(2026, 12, 10), rows, 9101)


def _event_of_rows(title: str, first: dt.date, last: dt.date, rows: list, event_id: int) -> EventView:  # type: ignore[type-arg]
    """An event of those days whose lines are (day, start, end, title, kind), presented by the Sở."""
    t = dt.time.fromisoformat
    draft = event_draft(title=title, date=first)
    draft.end_date = last
    draft.agenda = [
        AgendaDraft(title=line, start=t(a), end=t(b), presenter="Sở KH&CN", kind=kind, day=day)
        for day, a, b, line, kind in rows
    ]
    return EventView.from_draft(draft, event_id=event_id)


@pytest.mark.parametrize(
    ("question", "present", "absent"),
    [
        ("bài PII ở Đô Lương mấy giờ", "14:10–14:50", "08:10"),
        ("bai PII o Hoang Mai luc may gio", "08:10–08:50", "14:10"),
    ],
)
def test_a_place_only_one_day_is_held_at_names_that_day(question, present, absent):
    answer = answer_question(question, _roadshow_view(), NOW)
    assert answer.intent == Intent.ITEM_TIME
    text = _text(answer)
    assert present in text and absent not in text


def test_leaving_early_is_why_a_lines_time_is_asked():
    answer = answer_question("mấy giờ bế mạc vậy ad, e xin về sớm", VIEWS["conference"], NOW)
    assert answer.intent == Intent.ITEM_TIME and "16:15–16:45" in _text(answer)
    # Asked alone, whether one may leave early is the organisers' to say.
    assert answer_question("e xin về sớm được không", VIEWS["conference"], NOW).abstains


def test_the_morning_of_a_day_held_in_the_afternoon_gives_that_days_lines():
    answer = answer_question("sáng 10/12 có gì", _roadshow_view(), NOW)
    assert answer.intent == Intent.PROGRAMME
    text = _text(answer)
    assert "14:10–14:50" in text and "Đô Lương" in text
    assert "08:10" not in text  # (the first day's morning)


@pytest.mark.parametrize(
    ("question", "intent", "present", "absent"),
    [
        # Friday 20/11 09:00: the conference's 08:45–09:30 talk is on.
        ("bài này kết thúc lúc mấy giờ", Intent.END, "kết thúc lúc 09:30", "16:45"),
        ("when does this talk end", Intent.END, "ends at 09:30", "16:45"),
        ("phần này còn bao lâu nữa", Intent.END, "Còn khoảng 30 phút nữa", "07:45–16:45"),
        ("who is presenting this talk", Intent.ITEM_PRESENTER, "Sở Khoa học và Công nghệ", "Sở Tài chính"),
        # (after this talk, whatever else is named: the break comes later)
        ("sau bài này là nghỉ giải lao à", Intent.NEXT, "09:30–10:00", "10:20–11:00"),
    ],
)
def test_this_talk_is_the_line_on_now(question, intent, present, absent):
    answer = answer_question(question, VIEWS["conference"], NOW)
    assert answer.intent == intent and not answer.abstains
    text = _text(answer)
    assert present in text and absent not in text


def test_this_talk_outside_the_events_hours_is_no_line():
    # The training is on 02–03/12: nothing is on now, so "this talk" names no line.
    answer = answer_question("bài này kết thúc lúc mấy giờ", VIEWS["training"], NOW)
    assert "Tổng quan Bộ chỉ số PII" not in _text(answer)


def _series_view():  # type: ignore[no-untyped-def]
    """Three two-hour online sessions two weeks apart, each line titled by its session."""
    t = dt.time.fromisoformat
    rows = [
        (0, "13:45", "14:00", "Phiên 1: mở phòng họp trực tuyến, điểm danh", K.REGISTRATION, "Ban Tổ chức"),
        (0, "14:00", "14:10", "Phiên 1: khai mạc", K.OPENING, "Phó Giám đốc Sở Trần Văn An"),
        (0, "14:10", "14:40", "Trụ cột Thể chế: văn bản chính sách", K.TALK, "Sở Tài chính"),
        (0, "14:40", "16:00", "Phiên 1: thảo luận", K.DISCUSSION, "Điều phối: ThS. Lê Thị Bình"),
        (14, "13:45", "14:00", "Phiên 2: mở phòng họp trực tuyến, điểm danh", K.REGISTRATION, "Ban Tổ chức"),
        (14, "14:00", "14:20", "Số liệu thống kê GRDP", K.TALK, "Thống kê tỉnh"),
        (14, "14:20", "16:00", "Phiên 2: thảo luận", K.DISCUSSION, "Điều phối: ThS. Lê Thị Bình"),
        (28, "13:45", "14:00", "Phiên 3: mở phòng họp trực tuyến, điểm danh", K.REGISTRATION, "Ban Tổ chức"),
        (
            28,
            "14:00",
            "16:30",
            "Phiên 3: thống nhất số liệu, kết luận",
            K.CLOSING,
            "Phó Giám đốc Sở Trần Văn An",
        ),
    ]
    draft = event_draft(
        title="Giao ban trực tuyến tiến độ số liệu PII tỉnh Thử Nghiệm", date=dt.date(2026, 11, 23)
    )
    draft.end_date = dt.date(2026, 12, 21)
    draft.chair = "Phó Giám đốc Sở Trần Văn An"
    draft.agenda = [
        AgendaDraft(title=title, start=t(a), end=t(b), presenter=who, kind=kind, day=day)
        for day, a, b, title, kind, who in rows
    ]
    return EventView.from_draft(draft, event_id=9102)


@pytest.mark.parametrize(
    ("question", "intent", "present", "absent"),
    [
        # The session is that day, whatever its lines' titles say.
        ("Phiên 2 họp ngày nào ạ?", Intent.WHEN, "07/12/2026", "Phiên 2: thảo luận"),
        ("when is session 3?", Intent.WHEN, "21/12/2026", "23/11/2026"),
        # A day's hours begin after signing in, which is said beside.
        ("thứ 2 tuần sau mấy giờ bắt đầu", Intent.WHEN, "14:00–16:00", "07/12"),
        # The week after next has no session: the days it has are given.
        ("thu 2 tuan sau nua co hop ko", Intent.PROGRAMME, "07/12/2026", "Phiên 1: khai mạc"),
        # "mấy buổi ... này" is "these sessions": who chairs them, not how many.
        ("ai chủ trì mấy buổi giao ban này vậy", Intent.CHAIR, "Trần Văn An", "⏱"),
        # An agency's line of a multi-day event gives its full date.
        (
            "Cục Thống kê báo cáo phiên nào, mấy giờ?",
            Intent.AGENCY_TALKS,
            "(07/12/2026), 14:00–14:20",
            "23/11",
        ),
    ],
)
def test_a_series_session_is_a_day_of_its_own(question, intent, present, absent):
    answer = answer_question(question, _series_view(), NOW)
    assert answer.intent == intent and not answer.abstains
    text = _text(answer)
    assert present in text and absent not in text


def test_a_day_asked_alone_says_when_signing_in_opens():
    text = _text(answer_question("thứ 2 tuần sau mấy giờ bắt đầu", _series_view(), NOW))
    assert "13:45" in text  # (the sign-in, beside the start)


def test_a_question_opening_in_english_about_a_vietnamese_title_is_answered_in_english():
    answer = answer_question("who teaches chuyên đề 5?", VIEWS["heldout_congress"], NOW)
    assert answer.language == "en" and answer.intent == Intent.ITEM_PRESENTER


def test_an_english_question_finds_a_vietnamese_faq_answer_by_its_everyday_words():
    # The entry on the final test says "Học viên chưa đạt được kiểm tra lại một lần vào ngày 11/12".
    answer = answer_question("Can I retake the test if I fail?", VIEWS["heldout_tot"], NOW)
    assert answer.intent == Intent.FAQ and "11/12/2026" in _text(answer)


def _press_view():  # type: ignore[no-untyped-def]
    """A press conference whose title opens with its kind, notes on the press and on joining online, FAQ."""
    agenda = [
        (
            "14:00",
            "14:30",
            "Phóng viên đăng ký, nhận thẻ tác nghiệp và bộ tài liệu",
            "Ban Tổ chức",
            K.REGISTRATION,
        ),
        (
            "14:30",
            "14:50",
            "Công bố kết quả Chỉ số PII 2025 của tỉnh",
            "Phó Chủ tịch UBND tỉnh Lâm Quốc Khánh",
            K.TALK,
        ),
        ("14:50", "15:10", "Số liệu thống kê của tỉnh", "ThS. H'Yến Niê, Thống kê tỉnh", K.TALK),
        (
            "15:10",
            "15:50",
            "Phóng viên đặt câu hỏi, lãnh đạo tỉnh trả lời",
            "Điều phối: Chánh Văn phòng UBND tỉnh Đoàn Minh Triết; trả lời: Phó Chủ tịch UBND tỉnh",
            K.DISCUSSION,
        ),
        ("15:50", "16:00", "Đoàn lãnh đạo ra sân bay", "Ban Tổ chức", K.OTHER),
    ]
    venue = VenueDraft(
        name="Phòng họp báo, trụ sở UBND tỉnh",
        address="06 Nguyễn Công Trứ, tỉnh Thử Nghiệm",
        notes={
            "press": "Phóng viên đăng ký tác nghiệp trước 17:00 ngày 23/11/2026 qua email của Văn phòng.",
            "online": "Họp báo được phát trực tiếp trên Cổng thông tin điện tử tỉnh; không dự trực tuyến qua Zoom.",
        },
    )
    faq = [
        (
            "Sau họp báo phóng viên có được phỏng vấn riêng lãnh đạo không?",
            "Giám đốc Sở nhận phỏng vấn riêng từ 16:00 đến 16:30; Phó Chủ tịch UBND tỉnh không nhận phỏng vấn riêng.",
        ),
        (
            "Ai tiễn Đoàn ra sân bay?",
            "Chỉ Giám đốc Sở tiễn Đoàn; các đại biểu khác chia tay Đoàn tại sảnh lúc 15:45.",
        ),
    ]
    draft = event_draft(
        title="Họp báo công bố kết quả Chỉ số PII 2025 tỉnh Thử Nghiệm",
        date=dt.date(2026, 11, 24),
        agenda=agenda,
        venue=venue,
        faq=faq,
    )
    draft.chair = "Phó Chủ tịch UBND tỉnh Lâm Quốc Khánh"
    return EventView.from_draft(draft, event_id=9103)


@pytest.mark.parametrize(
    ("question", "intent", "present", "absent"),
    [
        # The event's own kind, in either language: not the organisers' note on the press.
        ("Where's the press conference?", Intent.WHERE, "06 Nguyễn Công Trứ", "17:00"),
        ("ai chủ trì buổi họp báo vậy", Intent.CHAIR, "Lâm Quốc Khánh", "Đoàn Minh Triết"),
        # The role written before a presenter's name says who holds it.
        ("Who moderates the questions from reporters?", Intent.ITEM_PRESENTER, "Đoàn Minh Triết", "17:00"),
        # After the event itself, not what comes next in it: the FAQ entry on it.
        ("sau họp báo pv có được phỏng vấn riêng PCT tỉnh ko ạ", Intent.FAQ, "16:00 đến 16:30", "15:50"),
        # Asked when, an entry that asks who is not the question; the line gives the time.
        ("đoàn ra sân bay lúc mấy giờ", Intent.ITEM_TIME, "15:50–16:00", "sảnh"),
        # "mấy h" is an hour, never the "H'" of a Central Highlands name.
        ("đoàn ra sân bay lúc mấy h", Intent.ITEM_TIME, "15:50–16:00", "H'Yến Niê"),
    ],
)
def test_a_press_conference_named_by_its_kind(question, intent, present, absent):
    answer = answer_question(question, _press_view(), NOW)
    assert answer.intent == intent and not answer.abstains
    text = _text(answer)
    assert present in text and absent not in text


def test_a_central_highlands_name_is_one_word():
    assert normalise_tokens("ThS. H'Yến Niê") == ("ths", "hyen", "nie")
    assert normalise_tokens("mấy h bắt đầu") == ("may", "gio", "bat", "dau")


@pytest.mark.parametrize(
    "question",
    ["can I join online through Zoom?", "Can I join online via Zoom?", "is it maybe online, through Zoom?"],
)
def test_english_prepositions_and_hedges_ask_nothing_of_their_own(question):
    answer = answer_question(question, _press_view(), NOW)
    assert answer.intent == Intent.NOTE and not answer.abstains
    assert "Zoom" in _text(answer)


@pytest.mark.parametrize(
    ("question", "intent", "present"),
    [
        # A date asked of a line or an agency's part: at a one-day event, the event's date.
        ("phần số liệu thống kê ngày nào", Intent.WHEN, "24/11/2026"),
        ("Thống kê tỉnh trình bày hôm nào", Intent.WHEN, "24/11/2026"),
        # A clock time asked with it: the line's own time.
        ("phần số liệu thống kê ngày nào mấy giờ", Intent.ITEM_TIME, "14:50"),
    ],
)
def test_a_date_asked_of_a_line_at_a_one_day_event_gives_its_date(question, intent, present):
    answer = answer_question(question, _press_view(), NOW)
    assert answer.intent == intent and not answer.abstains
    assert present in _text(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [("14h đến sớm vậy có ăn sáng không", "vi"), ("at 3pm is there a photo session?", "en")],
)
def test_a_thing_asked_at_a_clock_time_that_the_lines_then_do_not_name_is_not_known(question, language):
    answer = answer_question(question, _press_view(), NOW)
    assert answer.abstains and answer.intent == Intent.UNKNOWN and (answer.language or "vi") == language
    assert "14:00–14:30" not in _text(answer) and "14:50–15:10" not in _text(answer)


def test_what_is_on_at_a_clock_time_is_still_the_line_then():
    answer = answer_question("lúc 15h là phần gì", _press_view(), NOW)
    assert answer.intent == Intent.NOW and "14:50–15:10" in _text(answer)


def test_an_everyday_word_of_the_field_alone_names_no_agency():
    # ("office" is no word of the statistics office's own: the IP office is not in the programme)
    answer = answer_question("who exactly from the IP Office is teaching?", event_views()["training"], NOW)
    assert answer.abstains and "Thống kê" not in _text(answer)


def test_when_the_chairman_speaks_is_no_question_of_who_chairs():
    # A time asked of a person named by a role: no line named, so not known; never the event's chair.
    answer = answer_question("what time does the chairman speak?", _press_view(), NOW)
    assert answer.abstains and answer.intent != Intent.CHAIR and "Lâm Quốc Khánh" not in _text(answer)
    # Asked who, the chair still.
    assert answer_question("who is the chairman?", _press_view(), NOW).intent == Intent.CHAIR


@pytest.mark.parametrize("question", ["có máy chiếu không", "chiều có máy chiếu không", "co may chieu ko"])
def test_a_projector_asked_about_is_no_afternoon(question):
    answer = answer_question(question, _press_view(), NOW)
    assert answer.abstains and "14:00–14:30" not in _text(answer)


def test_the_mc_is_no_initials_of_a_place_and_a_toilet_no_venue():
    # "MC" of a line at Mộc Châu is the place, not the master of ceremonies: no one is named MC.
    view = event_views()["unseen_papers"]
    answer = answer_question("ai là MC vậy", view, NOW)
    assert answer.abstains and "Mộc Châu" not in _text(answer)
    # A toilet asked about is not the venue's address, though "về" and "sinh" are words of the event.
    assert answer_question("nhà vệ sinh ở đâu", _press_view(), NOW).abstains


def test_a_meeting_rooms_number_asked_is_where():
    answer = answer_question("phòng họp số mấy", _press_view(), NOW)
    assert answer.intent == Intent.WHERE and "Phòng họp báo" in _text(answer)


def test_a_faq_entry_on_bringing_one_thing_does_not_answer_bringing_another():
    faq = [("Phóng viên có cần mang thẻ nhà báo không?", "Có: xuất trình thẻ nhà báo tại bàn đón tiếp.")]
    draft = event_draft(
        title="Họp báo công bố kết quả Chỉ số PII 2025",
        date=dt.date(2026, 11, 24),
        agenda=[("14:00", "15:00", "Công bố kết quả Chỉ số PII 2025", "Ban Tổ chức", K.TALK)],
        venue=VenueDraft(name="Phòng họp báo, trụ sở UBND tỉnh", address="06 Nguyễn Công Trứ"),
        faq=faq,
    )
    view = EventView.from_draft(draft, event_id=9104)
    assert answer_question("có cần mang laptop không", view, NOW).abstains
    answer = answer_question("có cần mang thẻ nhà báo không", view, NOW)
    assert answer.intent == Intent.FAQ and "bàn đón tiếp" in _text(answer)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("hôm nay có gì", "vi"),
        ("mai có gì không ad", "vi"),
        ("mai có họp báo ko", "vi"),
        ("what's on tomorrow?", "en"),
    ],
)
def test_what_is_on_a_day_the_event_is_not_held_gives_when_it_is(question, language):
    # Asked on Friday 20/11 of a press conference on Tuesday 24/11.
    answer = answer_question(question, _press_view(), NOW)
    assert answer.intent == Intent.WHEN and (answer.language or "vi") == language
    assert "24/11/2026" in _text(answer)


def test_a_syllable_of_a_term_asked_names_no_agency_whose_name_uses_it_in_another():
    # "phát biểu" (to speak) is not the "phát" of "Phát triển nông thôn", the agriculture
    # department's name before 2025.
    view = event_views()["conference"]
    answer = answer_question("đại biểu có được phát biểu không", view, NOW)
    assert answer.abstains and "Nông nghiệp" not in _text(answer)
    answer = answer_question("Sở Nông nghiệp trình bày lúc mấy giờ", view, NOW)
    assert not answer.abstains and "14:15" in _text(answer)


def test_after_each_talk_is_no_line_that_comes_next():
    answer = answer_question("is there a Q&A after each talk?", _press_view(), NOW)
    assert answer.intent != Intent.NEXT and answer.abstains
    # One line named, the line after it still.
    answer = answer_question("what comes after the statistics talk?", _press_view(), NOW)
    assert answer.intent == Intent.NEXT and "15:10–15:50" in _text(answer)


@pytest.mark.parametrize(
    "question", ["sở em có bài tham luận không", "phần của đơn vị mình lúc mấy giờ", "when is our talk?"]
)
def test_the_askers_own_agency_unnamed_is_not_known(question):
    # Nobody said which agency "Sở em" is: not every talk of the programme.
    answer = answer_question(question, event_views()["conference"], NOW)
    assert answer.abstains and "Sở Khoa học và Công nghệ" not in _text(answer)


def test_the_askers_own_agency_named_or_of_a_kind_the_line_is_for():
    view = event_views()["conference"]
    answer = answer_question("Em bên Sở Tài chính, sở em có bài không", view, NOW)
    assert answer.intent == Intent.AGENCY_TALKS and "10:20–11:00" in _text(answer)
    answer = answer_question(
        "xa minh muon hoi ve tai lieu minh chung cap xa thi vao luc may gio",
        event_views()["heldout_webinar"],
        NOW,
    )
    assert answer.intent == Intent.ITEM_TIME and "16:20–16:45" in _text(answer)


@pytest.mark.parametrize(
    ("question", "present", "absent"),
    [
        ("ai trình bày đầu tiên", "Kết quả Bộ chỉ số PII 2025", "Thu hút đầu tư"),
        ("ai trinh bay cuoi cung", "Sở Nông nghiệp và Môi trường", "Phó Chủ tịch UBND tỉnh"),
        ("who speaks last?", "Sở Nông nghiệp và Môi trường", "Phó Chủ tịch UBND tỉnh"),
    ],
)
def test_who_presents_first_or_last_is_the_first_or_last_talks_presenter(question, present, absent):
    # "đầu tiên" is no "đầu" of "Thu hút đầu tư"; the closing is no talk.
    answer = answer_question(question, event_views()["conference"], NOW)
    assert answer.intent == Intent.ITEM_PRESENTER and present in _text(answer)
    assert absent not in _text(answer)


def test_the_first_or_last_bai_is_no_sign_in_and_bai_dau_tu_no_rank():
    view = event_views()["conference"]
    answer = answer_question("bài đầu tiên là gì", view, NOW)
    assert answer.intent == Intent.ITEM_TIME and "Đón tiếp" not in _text(answer)
    answer = answer_question("bai cuoi buoi sang la gi", view, NOW)
    assert answer.intent == Intent.ITEM_TIME and "11:00–11:45" in _text(answer)
    answer = answer_question("bài đầu tư khu công nghiệp lúc mấy giờ", view, NOW)
    assert answer.intent == Intent.ITEM_TIME and "10:20–11:00" in _text(answer)


def _rotation_view():  # type: ignore[no-untyped-def]
    """A course whose groups take the stations in turn, each line labelled by round and group."""
    topics = {
        1: "Nhập số liệu trên phần mềm",
        2: "Hồ sơ tài liệu minh chứng",
        3: "Đối chiếu số liệu thống kê",
    }
    trainers = {1: "KS. Lò Văn Tâm", 2: "ThS. Đỗ Thị Hạnh", 3: "CN. Vi Văn Lực"}
    agenda = [
        (
            "07:30",
            "08:00",
            "Đón tiếp học viên, nhận thẻ theo nhóm (A xanh, B vàng)",
            "Ban Tổ chức",
            K.REGISTRATION,
        )
    ]
    for n, (start, end) in enumerate((("08:00", "09:15"), ("09:30", "10:45"), ("13:30", "14:45")), 1):
        for g, group in enumerate("ABC"):
            station = (g + n - 1) % 3 + 1
            title = f"Lượt {n} - Nhóm {group}: Trạm {station} - {topics[station]}"
            agenda.append((start, end, title, trainers[station], K.OTHER))
    agenda.append(("15:00", "15:30", "Tổng kết lớp tập huấn", "Giám đốc Sở Khoa học và Công nghệ", K.CLOSING))
    draft = event_draft(
        title="Lớp tập huấn thực hành số liệu PII tỉnh Thử Nghiệm",
        date=dt.date(2026, 11, 25),
        agenda=sorted(agenda),
        venue=VenueDraft(name="Trường Đại học Thử Nghiệm", address="1 Đường Thử, tỉnh Thử Nghiệm"),
    )
    return EventView.from_draft(draft, event_id=9105)


@pytest.mark.parametrize(
    ("question", "intent", "present", "absent"),
    [
        ("nhóm B học phần hồ sơ minh chứng lúc mấy giờ", Intent.ITEM_TIME, "08:00–09:15", "09:30"),
        ("luot 2 tu may h den may h", Intent.ITEM_TIME, "09:30–10:45", "07:30–15:30"),
        ("who teaches group C in round 3?", Intent.ITEM_PRESENTER, "Đỗ Thị Hạnh", "Vi Văn Lực"),
        ("who is running station 3?", Intent.ITEM_PRESENTER, "Vi Văn Lực", "Lò Văn Tâm"),
    ],
)
def test_lines_are_picked_by_the_labels_the_programme_writes_on_them(question, intent, present, absent):
    answer = answer_question(question, _rotation_view(), NOW)
    assert answer.intent == intent and present in _text(answer) and absent not in _text(answer)


def test_a_closing_a_is_no_group_label():
    # "... ở lớp ạ" typed without diacritics: no "Nhóm A".
    answer = answer_question("mấy giờ phải có mặt ở lớp a", _rotation_view(), NOW)
    assert "Lượt 1 - Nhóm A" not in _text(answer)


def _grouped_view():  # type: ignore[no-untyped-def]
    """The rotation course, with the organisers' note on each agency's seats saying its group."""
    view = _rotation_view()
    draft = event_draft(
        title=view.title,
        date=view.start_date,
        seats={},
        agenda=[
            (f"{i.start_time:%H:%M}", f"{i.end_time:%H:%M}", i.title, i.presenter, i.kind) for i in view.items
        ],
        venue=VenueDraft(name="Trường Đại học Thử Nghiệm", address="1 Đường Thử, tỉnh Thử Nghiệm"),
    )
    draft.seats = [
        SeatDraft("Sở Nội vụ", 2, "Nhóm B"),
        SeatDraft("Sở Tài chính", 3, "Nhóm A"),
        SeatDraft("Sở Khoa học và Công nghệ", 4, "Ban Tổ chức, trợ giảng (không xếp nhóm)"),
    ]
    draft.agencies = [
        AgencyDraft("Sở Nội vụ", aliases=["Sở Lao động - Thương binh và Xã hội"]),
        AgencyDraft("Sở Tài chính", aliases=["Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"]),
    ]
    return EventView.from_draft(draft, event_id=9106)


@pytest.mark.parametrize(
    ("question", "present"),
    [
        ("Sở Nội vụ thuộc nhóm nào", "Nhóm B"),
        ("which group is the Department of Home Affairs in?", "Nhóm B"),
        ("so kh&dt cu hoc nhom nao vay", "Nhóm A"),
        ("Sở KH&CN có phải xếp nhóm không", "không xếp nhóm"),
    ],
)
def test_the_organisers_note_on_an_agencys_seats_says_its_group(question, present):
    # (the agency's part in the event, as those who label questions read it)
    answer = answer_question(question, _grouped_view(), NOW)
    assert answer.intent == Intent.AGENCY_TALKS and present in _text(answer)


def test_an_agencys_seat_note_does_not_answer_what_it_does_not_hold():
    view = _grouped_view()
    # Asked when: not the note (it gives no time); asked of parking: not the note either.
    assert "Nhóm B" not in _text(answer_question("Sở Nội vụ mấy giờ có mặt", view, NOW))
    assert "Nhóm B" not in _text(answer_question("Sở Nội vụ gửi xe ở đâu", view, NOW))


@pytest.mark.parametrize(
    ("question", "present", "absent"),
    [
        ("Em ở Sở Nội vụ, em thuộc nhóm nào ạ", "Nhóm B", "Nhóm A"),
        ("Em ở Sở Tài chính, nhóm em học hồ sơ minh chứng lúc mấy giờ", "09:30–10:45", "08:00–09:15"),
        (
            "I'm from the Department of Finance, when does my group do the evidence files?",
            "09:30–10:45",
            "13:30",
        ),
    ],
)
def test_the_askers_own_group_is_the_one_their_agencys_seat_note_gives(question, present, absent):
    answer = answer_question(question, _grouped_view(), NOW)
    assert not answer.abstains and present in _text(answer) and absent not in _text(answer)


def test_a_term_asked_is_not_held_by_an_entry_saying_one_of_its_words_in_another():
    # "đăng ký" (register) asked: the "kỹ" of "kỹ thuật" in an entry on a technical test is no "ký".
    faq = [
        ("Có kiểm tra kỹ thuật đường truyền trước hội nghị không?", "Có: chạy thử từ 14:00 ngày 02/12/2026.")
    ]
    view = EventView.from_draft(event_draft(faq=faq), event_id=9107)
    answer = answer_question("hạn đăng ký khi nào", view, NOW)
    assert answer.abstains and "02/12/2026" not in _text(answer)
    answer = answer_question("có kiểm tra kỹ thuật trước không", view, NOW)
    assert answer.intent == Intent.FAQ and "02/12/2026" in _text(answer)


def test_a_line_found_only_by_a_word_of_a_term_it_holds_in_another_is_not_named():
    # "thư ký" (secretary) is not the "ký" of "đăng ký"; "per diem" is no "điểm" of "điểm cầu".
    agenda = [
        ("07:30", "08:00", "Đón tiếp, đăng ký đại biểu", "BTC", K.REGISTRATION),
        ("08:00", "09:00", "Kết nối các điểm cầu xã, phường", "Trung tâm Chuyển đổi số", K.OTHER),
    ]
    view = EventView.from_draft(event_draft(agenda=agenda), event_id=9108)
    answer = answer_question("ai là thư ký hội thảo", view, NOW)
    assert answer.abstains and "BTC" not in _text(answer)
    answer = answer_question("do I get a per diem?", view, NOW)
    assert answer.abstains and "08:00" not in _text(answer)
    # The term itself still names its line.
    answer = answer_question("đăng ký đại biểu lúc mấy giờ", view, NOW)
    assert answer.intent == Intent.ITEM_TIME and "07:30–08:00" in _text(answer)


def test_the_last_label_the_programme_numbers_and_the_run_asked():
    answer = answer_question("nhóm A lượt cuối học với ai", _rotation_view(), NOW)
    assert answer.intent == Intent.ITEM_PRESENTER and "Vi Văn Lực" in _text(answer)
    agenda = [
        (
            "09:00",
            "09:30",
            "Trình diễn máy bay không người lái (drone) phun thuốc - lượt 1",
            "KS. Lộc",
            K.OTHER,
        ),
        ("10:00", "10:30", "Hội thảo đầu bờ về giống lúa mới", "Trung tâm Khuyến nông", K.TALK),
        ("14:00", "14:30", "Trình diễn drone phun thuốc - lượt 2", "KS. Lộc", K.OTHER),
    ]
    view = EventView.from_draft(event_draft(agenda=agenda), event_id=9109)
    answer = answer_question("drone phun thuốc lượt 2 bay lúc mấy h", view, NOW)
    assert (
        answer.intent == Intent.ITEM_TIME and "14:00–14:30" in _text(answer) and "09:00" not in _text(answer)
    )


def test_a_self_driven_trip_is_no_span_between_two_lines():
    # "tự" (oneself) folds as "từ" (from): with parking asked, no "từ X tới Y".
    agenda = [
        ("05:30", "07:00", "Xe của Ban Tổ chức đón bà con tại các xã", "Trưởng xe", K.OTHER),
        ("07:00", "11:00", "Trình diễn công nghệ trên đồng ruộng", "Trung tâm Khuyến nông", K.OTHER),
        ("11:00", "12:30", "Xe đưa bà con về lại các điểm đón", "Trưởng xe", K.OTHER),
    ]
    view = EventView.from_draft(event_draft(agenda=agenda), event_id=9110)
    answer = answer_question("tự chạy xe máy tới thì gửi xe chỗ nào ạ", view, NOW)
    assert answer.intent == Intent.NOTE and "Tầng hầm B1" in _text(answer)


def test_a_university_asked_is_no_khoa_hoc_of_a_department():
    # "university" is "đại học": not the "học" of "Sở Khoa học và Công nghệ".
    answer = answer_question("what does the university present?", VIEWS["quang_tri"], NOW)
    assert answer.abstains and "Sở Khoa học" not in _text(answer)
    answer = answer_question("what does the university present?", VIEWS["conference"], NOW)
    assert answer.intent == Intent.AGENCY_TALKS and "13:30–14:15" in _text(answer)


def test_a_thing_asked_after_the_end_is_not_the_end():
    # "hội nghị xong có bản ghi hình không": a recording is asked, not when it ends.
    answer = answer_question("hội nghị xong có bản ghi hình để xem lại ko", VIEWS["conference"], NOW)
    assert answer.abstains and "16:45" not in _text(answer)
    answer = answer_question("hội nghị xong lúc mấy giờ", VIEWS["conference"], NOW)
    assert answer.intent == Intent.END and "16:45" in _text(answer)


def test_bon_em_is_the_askers_own_agency():
    question = "e bên Sở KH&ĐT cũ nay là Sở Tài chính, bọn e trình bày nội dung gì ạ"
    answer = answer_question(question, VIEWS["quang_tri"], NOW)
    assert answer.intent == Intent.AGENCY_TALKS and "doanh nghiệp nhỏ và vừa" in _text(answer)


def test_the_run_of_the_half_day_asked():
    agenda = [
        ("09:00", "09:30", "Trình diễn drone phun thuốc - lượt 1", "KS. Lộc", K.OTHER),
        ("10:00", "10:30", "Hội thảo đầu bờ về giống lúa mới", "Trung tâm Khuyến nông", K.TALK),
        ("14:00", "14:30", "Trình diễn drone phun thuốc - lượt 2", "KS. Lộc", K.OTHER),
    ]
    view = EventView.from_draft(event_draft(agenda=agenda), event_id=9111)
    answer = answer_question("drone phun thuốc buổi chiều mấy giờ bay", view, NOW)
    assert (
        answer.intent == Intent.ITEM_TIME and "14:00–14:30" in _text(answer) and "09:00" not in _text(answer)
    )


def test_an_appendix_is_no_side_gate():
    # "phụ lục" (an appendix) is one word: its "phụ" is not the "cổng phụ" of the parking note.
    venue = VenueDraft(
        name="Hội trường tầng 4, trụ sở UBND tỉnh",
        address="11 Hoàng Đình Giong, tỉnh Thử Nghiệm",
        notes={"parking": "Ô tô đỗ tại sân sau, vào bằng cổng phụ đường Xuân Trường."},
    )
    view = EventView.from_draft(event_draft(venue=venue), event_id=1)
    assert answer_question("tải phụ lục ở đâu", view, NOW).abstains
    parking = answer_question("đỗ ô tô ở đâu", view, NOW)
    assert parking.intent == Intent.NOTE and "cổng phụ" in _text(parking)


def _pending_view(name: str) -> EventView:
    """An event file of tests/qa/pending/ (a held-out batch's event, not yet in the evaluation),
    or of tests/qa/events/ once its batch has moved in."""
    path = Path(__file__).with_name("pending") / f"{name}.yaml"
    if not path.exists():
        path = Path(__file__).with_name("events") / f"{name}.yaml"
    return EventView.from_draft(load_event_yaml(path.read_text(encoding="utf-8"))[0], event_id=1)


def _view(name: str) -> EventView:
    """An event of the evaluation, else one of tests/qa/pending/."""
    return VIEWS[name] if name in VIEWS else _pending_view(name)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # its room and its time: the line, as the answer to when
        ("Chiều thứ 4 tuần sau UBND xã Gia Viễn làm việc ở phòng nào, mấy giờ vậy?", Intent.ITEM_TIME),
        ("UBND xã Gia Viễn làm việc ở phòng nào", Intent.AGENCY_TALKS),  # its room alone: its seat note
    ],
)
def test_a_line_asked_where_and_when_is_its_time_and_room(question, intent):
    answer = answer_question(question, _pending_view("heldout_slots"), NOW)
    assert answer.intent == intent
    assert "Phòng họp A" in _text(answer) and "13:30" in _text(answer)


@pytest.mark.parametrize(
    ("event", "question", "intent", "fact"),
    [
        # "cán bộ đầu mối" is the role of the one asking: what to bring, no contact person asked
        (
            "heldout_slots",
            "cán bộ đầu mối cần mang theo những gì khi lên làm việc với tổ rà soát ạ?",
            Intent.NOTE,
            "Biểu số liệu PII năm 2026",
        ),
        # who the agency sends, which its seat note says ("dự: 01 lãnh đạo sở và ...")
        (
            "heldout_slots",
            "e ở Sở Y tế, bên e phải cử những ai đi làm việc với tổ rà soát ạ?",
            Intent.AGENCY_TALKS,
            "01 lãnh đạo sở và 01 cán bộ đầu mối PII",
        ),
        # "trưởng bản" is the village heads (no "bạn"), whose seat note gives their group; the
        # commune the asker comes from is not what is asked
        (
            "heldout_outreach",
            "e là trưởng bản ở xã Chế Tạo, chiều e ngồi nhóm nào ạ",
            Intent.AGENCY_TALKS,
            "buổi chiều vào Nhóm 2",
        ),
        # a word the notes use is no typo ("Thai" is the note's "tiếng Thái", never "thoại")
        (
            "heldout_outreach",
            "co phien dich tieng Thai ko ad, xa Pung Luong nhieu ba con nguoi Thai",
            Intent.NOTE,
            "Không bố trí phiên dịch tiếng Thái",
        ),
        # a note's key the catalogue labels, never shown bare in English
        ("heldout_outreach", "có phiên dịch không", Intent.NOTE, "ℹ️ Phiên dịch: "),
        # English for a review schedule's words: "slot" (khung giờ), "summary" (tổng hợp)
        ("heldout_slots", "Can we change our slot? Which slots are still free?", Intent.FAQ, "11:15–11:55"),
        ("heldout_slots", "What time is the summary meeting at the end of day one?", Intent.END, "16:00"),
        # the lines labelled "Tuần 2", whose "Mô-đun 3" is identified by its number; not the entry
        # on every week's study time
        ("heldout_elearning", "tuần 2 học mô đun gì vậy ad", Intent.ITEM_TIME, "Mô-đun 4"),
        # "password" is the accounts note's "mật khẩu"
        (
            "heldout_elearning",
            "I forgot my LMS password. How do I reset it?",
            Intent.NOTE,
            "liên kết đặt lại",
        ),
        # the seat, table or booth an agency named has, which its seat note numbers
        (
            "heldout_matchmaking",
            "htx vai thieu luc ngan ngoi ban nao a",
            Intent.AGENCY_TALKS,
            "bàn B2B số 23",
        ),
        (
            "heldout_matchmaking",
            "e ở cty KBTech, gian trưng bày của bên e số mấy vậy ad",
            Intent.AGENCY_TALKS,
            "gian số 14",
        ),
        ("heldout_matchmaking", "Which booth does KBTech have?", Intent.AGENCY_TALKS, "gian số 14"),
        # (the agency's name is no street asked for its number)
        (
            "heldout_matchmaking",
            "Quỹ phát triển KHCN tỉnh ngồi bàn B2B số mấy ạ? e muốn hỏi vay vốn đổi mới công nghệ",
            Intent.AGENCY_TALKS,
            "Bàn B2B số 30",
        ),
        # a label's number as the programme writes it ("Pitching số 07"), in English too
        ("heldout_matchmaking", "pitching số 7 là ai", Intent.ITEM_PRESENTER, "Pitching số 07"),
        ("heldout_matchmaking", "Who is pitching number 7?", Intent.ITEM_PRESENTER, "Pitching số 07"),
        # "ktra" is "kiểm tra"; of two notes that name a test, the one on the final quiz
        ("heldout_elearning", "bài ktra cuối khóa mở lúc nào đóng lúc nào vậy ad", Intent.NOTE, "13/12/2026"),
        ("heldout_tot", "bài ktra cuối khóa trượt thì có được thi lại ko", Intent.FAQ, "11/12/2026"),
        # a line its label names ("ca 2"), asked its time, though "thi" asks of an exam
        ("heldout_elearning", "thi lại ca 2 mấy giờ", Intent.ITEM_TIME, "09:15–10:00"),
        # "Hmong" is the note's "tiếng Mông"
        ("heldout_outreach", "Is Chuyên đề 2 interpreted into Hmong?", Intent.NOTE, "Giàng A Chứ"),
    ],
)
def test_readings_of_the_sixteenth_session(event, question, intent, fact):
    view = _view(event)
    answer = answer_question(question, view, NOW)
    assert answer.intent == intent and not answer.abstains
    assert fact in _text(answer)


def test_who_attends_stays_unknown_without_an_agency_whose_seat_note_says_it():
    assert answer_question("phải cử những ai đi", _pending_view("heldout_slots"), NOW).abstains


@pytest.mark.parametrize(
    ("event", "question"),
    [
        # an agency the event does not hold: no other agency's line by the words of its name
        ("heldout_slots", "NHNN chi nhánh Ninh Bình cũ làm việc với tổ rà soát hôm nào ạ"),
        ("heldout_slots", "Ngân hàng Nhà nước làm việc lúc nào"),
        ("conference", "Công an tỉnh có tham luận không"),
    ],
)
def test_an_agency_the_event_does_not_hold_gets_no_other_agencys_line(event, question):
    view = _view(event)
    assert answer_question(question, view, NOW).abstains


@pytest.mark.parametrize(
    "question",
    [
        "e ở Công an tỉnh, giải lao lúc mấy giờ",
        "I'm from the Department of Justice, when is the coffee break?",
    ],
)
def test_introducing_oneself_by_an_agency_the_event_does_not_hold_still_gets_the_line(question):
    answer = answer_question(question, VIEWS["conference"], NOW)
    assert answer.intent == Intent.ITEM_TIME and "10:00" in _text(answer)


def test_a_head_asked_of_is_not_the_deputy_the_programme_names():
    view = VIEWS["heldout_hearing"]
    # the Chairman asked of, only his deputy in the programme: another person, not known
    assert answer_question("Chủ tịch HĐND tỉnh có dự phiên giải trình ko ạ", view, NOW).abstains
    # a head no line names at all: the Minister is not the "Phó Cục trưởng" of a ministry's line
    assert answer_question("Bộ trưởng có dự hội nghị này ko", VIEWS["heldout_bridge"], NOW).abstains
    # asked who, the deputy is the answer
    answer = answer_question("ai phát biểu khai mạc, có phải chủ tịch HĐND tỉnh không", view, NOW)
    assert answer.intent == Intent.ITEM_PRESENTER and "Phó Chủ tịch HĐND tỉnh" in _text(answer)


@pytest.mark.parametrize(
    "question",
    ["có cần lên Sở KHCN ngồi ko hay ở cơ quan", "xã e ở xa, lên Sở KHCN ngồi dự chung với BTC đc ko ạ"],
)
def test_an_agencys_office_as_a_place_to_go_is_not_its_talks(question):
    answer = answer_question(question, VIEWS["heldout_webinar"], NOW)
    assert answer.intent != Intent.AGENCY_TALKS


def test_who_leads_after_where_asks_of_the_same_line():
    # "ai chủ trì" names nothing of its own: the press conference's presenter, not the event's chair
    answer = answer_question("họp báo ở phòng nào, ai chủ trì", VIEWS["heldout_launch"], NOW)
    assert answer.intent == Intent.ITEM_PRESENTER
    text = _text(answer)
    assert "phòng họp Vân Long" in text and "Chủ trì Lễ công bố" not in text


def test_where_an_agency_reports_is_a_place_not_its_talks():
    answer = answer_question(
        "Sở KH&ĐT báo cáo thứ 2 tuần sau thì lên phòng nào ạ", _pending_view("heldout_monthly"), NOW
    )
    assert answer.intent == Intent.WHERE and "Nguyễn Trung Trực" in _text(answer)


@pytest.mark.parametrize(
    "question", ["chứng nhận có giá trị mấy năm vậy ad", "chứng nhận có hiệu lực bao lâu"]
)
def test_a_length_asked_of_an_entry_that_gives_none_is_not_answered_with_it(question):
    # the certificate's entry says when it is sent, not for how long it is valid
    assert answer_question(question, _pending_view("heldout_exam"), NOW).abstains


@pytest.mark.parametrize(
    ("event", "question", "wrong"),
    [
        # "người dịch" asks for an interpreter, not for the lines whose presenter names one
        (
            "heldout_outreach",
            "có người dịch tiếng Mông ko ạ, bà con bản tôi nhiều người không nghe được tiếng Kinh",
            Intent.AGENCY_TALKS,
        ),
        # "BCĐ" is "Ban Chỉ đạo", never the "BCD-PII-KIN" room code of the break's line
        (
            "heldout_steering",
            "a/c cho e hỏi phiên họp BCĐ PII tỉnh họp ngày nào, mấy h bắt đầu ạ",
            Intent.ITEM_TIME,
        ),
    ],
)
def test_words_that_name_no_line(event, question, wrong):
    assert answer_question(question, _pending_view(event), NOW).intent != wrong


def test_a_village_head_asking_about_a_pickup_gets_no_seat_note():
    # "trưởng bản" is no "bàn" (a table) asked for
    answer = answer_question("có xe đón trưởng bản ở Nậm Có không ad", _pending_view("heldout_outreach"), NOW)
    assert "📌" not in _text(answer)


def test_a_price_asked_is_answered_only_by_a_note_that_gives_an_amount():
    question = "Phòng ở khách sạn Đồi Thông giá bao nhiêu một đêm ạ?"
    # the note on rooms says where and when, not what a night costs
    assert answer_question(question, _pending_view("heldout_fieldtrip"), NOW).abstains
    path = Path(__file__).with_name("events") / "heldout_fieldtrip.yaml"
    draft = load_event_yaml(path.read_text(encoding="utf-8"))[0]
    draft.venue.notes["accommodation"] += " Giá phòng 650.000 đồng/đêm, đại biểu tự chi trả."
    answer = answer_question(question, EventView.from_draft(draft, event_id=1), NOW)
    assert answer.intent == Intent.NOTE and "650.000 đồng" in _text(answer)


@pytest.mark.parametrize(
    "question", ["What's on after the current talk?", "sau bài đang trình bày là phần gì vậy"]
)
def test_what_follows_the_current_line_is_the_next(question):
    # the conference is under way (its 08:45–09:30 talk): after it comes the 09:30 line
    answer = answer_question(question, event_views()["conference"], NOW)
    assert answer.intent == Intent.NEXT and "09:30" in _text(answer) and "08:45" not in _text(answer)


def test_the_days_asked_of_the_event_are_its_dates_not_a_line_titled_with_a_day():
    # a line says "ngày chủ đề": "từ ngày nào đến ngày nào" still asks about the whole week
    question = "tuần lễ đmst gia lai tổ chức từ ngày nào đến ngày nào vậy ad"
    answer = answer_question(question, _pending_view("heldout_innoweek"), NOW)
    assert answer.intent == Intent.WHEN and "30/11/2026" in _text(answer) and "04/12/2026" in _text(answer)


@pytest.mark.parametrize(
    ("question", "place", "elsewhere"),
    [
        ("Where is the closing ceremony on Friday?", "Khách sạn Biển Xanh", "Trung tâm Hội nghị"),
        ("hôm 4/12 bế mạc ở đâu ạ", "Khách sạn Biển Xanh", "Trung tâm Hội nghị"),
    ],
)
def test_a_day_held_elsewhere_is_where_that_days_welcome_says(question, place, elsewhere):
    # a week held at a different place each day: Friday's welcome line names the hotel
    answer = answer_question(question, _pending_view("heldout_innoweek"), NOW)
    assert answer.intent == Intent.WHERE and place in _text(answer) and elsewhere not in _text(answer)


@pytest.mark.parametrize("question", ["đi tham quan nhà máy thì ăn mặc sao ạ", "ăn mặc thế nào ạ"])
def test_an_mac_is_what_to_wear_not_a_meal(question):
    text = _text(answer_question(question, _pending_view("heldout_innoweek"), NOW))
    assert "áo vest" in text and "cơm trưa" not in text


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("Tôi ở Sở Công Thương, đơn vị tôi phải dự ngày nào ạ?", "Dự ngày 02/12"),
        ("cuc thong ke binh dinh du ngay nao vay", "Dự ngày 30/11 và ngày 04/12"),
        ("Which days does the Department of Industry and Trade attend?", "Dự ngày 02/12"),
    ],
)
def test_which_day_an_agency_attends_is_its_seat_notes_day(question, day):
    answer = answer_question(question, _pending_view("heldout_innoweek"), NOW)
    assert answer.intent == Intent.AGENCY_TALKS and day in _text(answer)


@pytest.mark.parametrize(
    ("event", "question", "intent", "fact"),
    [
        # the lines are titled "Khung giờ 1 ...", "Khung giờ 2 ...": "mấy giờ" names none of them
        ("heldout_webinar", "thu 5 tuan sau buoi giai dap ket thuc luc may gio", Intent.END, "17:00"),
        ("heldout_fieldday", "mai mấy h bắt đầu ạ", Intent.WHEN, "21/11/2026"),
    ],
)
def test_the_words_of_asking_when_name_no_line(event, question, intent, fact):
    answer = answer_question(question, _pending_view(event), NOW)
    assert answer.intent == intent and fact in _text(answer)


@pytest.mark.parametrize(
    ("event", "question", "place"),
    [
        ("heldout_signing", "lễ ký kết với ĐHQG Hà Nội tổ chức ở khách sạn nào vậy", "Khách sạn Hải Đăng"),
        ("regional", "hội thảo vùng ngày 10/12 tổ chức ở khách sạn nào ạ", "Melia"),
        # a line "... Innovation Lab Đà Nẵng 2027–2029" shares the event's words and its city
        (
            "heldout_aseanlab",
            "cho e hỏi hội thảo ASEAN-Korea ở Đà Nẵng tổ chức ở khách sạn nào ạ",
            "Riverside Pearl",
        ),
        # "year-end" names the review, not the event's end
        (
            "heldout_yearend",
            "Where is the year-end science and technology conference held?",
            "Hội nghị tỉnh Phú Thọ",
        ),
    ],
)
def test_where_the_event_is_held_asked_in_its_own_words_is_the_venue(event, question, place):
    # not the agency's part in it, its date, a line that shares its words, nor its end
    views = event_views()
    view = views[event] if event in views else _pending_view(event)
    answer = answer_question(question, view, NOW)
    assert answer.intent == Intent.WHERE and place in _text(answer)


def test_which_room_an_agency_sits_in_is_the_room_its_seat_note_gives():
    question = "Sở GTVT giờ nhập vào Sở Xây dựng rồi, bên e vào phòng nào buổi nào ạ"
    text = _text(answer_question(question, _pending_view("heldout_selfscore"), NOW))
    assert "Phòng 2 - vòng chiều" in text and "Hội trường lớn" not in text


def test_a_limit_asked_is_the_entry_that_sets_it_not_a_lines_length():
    answer = answer_question("tham luận được nói tối đa mấy phút", _pending_view("heldout_yearend"), NOW)
    assert answer.intent == Intent.FAQ and "10 phút" in _text(answer)


@pytest.mark.parametrize(
    ("event", "question", "present", "absent"),
    [
        # a field trip that afternoon: the place the line takes the delegates to
        ("heldout_congress", "Where do we go on the afternoon of day two?", "ICISE", "Khách sạn Hải Âu"),
        # a welcome "tại hội trường", the venue's own hall, names no other place
        ("heldout_hybrid", "tap huan thu 5 tuan sau hoc o hoi truong nao", "Tân Trào", "Đón tiếp học viên"),
    ],
)
def test_a_half_day_held_elsewhere_is_where_its_line_goes(event, question, present, absent):
    text = _text(answer_question(question, _pending_view(event), NOW))
    assert present in text and absent not in text


@pytest.mark.parametrize(
    ("question", "time", "other"),
    [
        ("Mấy giờ trao bằng khen của Chủ tịch UBND tỉnh?", "10:05–10:35", "10:50"),
        ("giấy khen của giám đốc sở thì trao lúc mấy h", "10:35–10:50", "10:05"),
    ],
)
def test_an_award_named_by_whose_it_is_is_the_line_that_gives_it(question, time, other):
    # the presenters ("trao Bằng khen: Phó Chủ tịch UBND tỉnh ...") share the award's words
    answer = answer_question(question, _pending_view("heldout_yearend"), NOW)
    assert answer.intent == Intent.ITEM_TIME and time in _text(answer) and other not in _text(answer)


@pytest.mark.parametrize(
    ("question", "intent", "fact"),
    [
        ("Where is the PII self-assessment day held?", Intent.WHERE, "Trung tâm Hội nghị tỉnh Ninh Bình"),
        ("Will the self-assessment scores be made public?", Intent.FAQ, "07/12/2026"),
    ],
)
def test_english_words_for_self_assessment_and_scoring(question, intent, fact):
    answer = answer_question(question, _pending_view("heldout_selfscore"), NOW)
    assert answer.intent == intent and fact in _text(answer)


def test_all_asks_nothing_of_its_own():
    answer = answer_question("What time does it all finish?", _pending_view("heldout_selfscore"), NOW)
    assert answer.intent == Intent.END and "16:40" in _text(answer)


@pytest.mark.parametrize("question", ["Ca 2 mấy giờ thi xong ạ", "ca 2 kết thúc lúc mấy giờ"])
def test_a_shift_written_over_several_lines_ends_with_its_last(question):
    # the first "Ca 2 - ..." line is found; the shift asked ends at 16:00, the day at 16:30
    answer = answer_question(question, _pending_view("heldout_exam"), NOW)
    assert answer.intent == Intent.END and "16:00" in _text(answer) and "16:30" not in _text(answer)


def test_a_part_labelled_by_words_over_several_lines_ends_with_its_last():
    # "Phiên mở - ..." labels nine lines; the open session ends at 09:50, the meeting at 11:30
    answer = answer_question("phiên mở kết thúc lúc mấy giờ ad", _pending_view("heldout_steering"), NOW)
    assert answer.intent == Intent.END and "09:50" in _text(answer) and "11:30" not in _text(answer)


@pytest.mark.parametrize(
    ("event", "question", "intent", "fact"),
    [
        # "Japanese": which of the investors the programme does not say
        ("heldout_investor", "Which Japanese companies will attend as investors?", None, ""),
        # "Đồng Tháp" matches Trường Đại học Đồng Tháp; the day guessed is of the event
        (
            "heldout_consult",
            "hội thảo góp ý KH PII Đồng Tháp là thứ 2 tuần sau hả ad",
            Intent.WHEN,
            "30/11/2026",
        ),
    ],
)
def test_one_word_beyond_an_agency_and_its_lines_is_not_its_talks(event, question, intent, fact):
    view = _pending_view(event) if event != "heldout_consult" else event_views()[event]
    answer = answer_question(question, view, NOW)
    if intent is None:
        assert answer.abstains
    else:
        assert answer.intent == intent and fact in _text(answer)


def test_a_wrong_guess_of_the_first_day_is_answered_with_the_events_dates():
    # the fair runs Wednesday 09/12 to Friday 11/12: it does not start on Thursday 10/12
    answer = answer_question("Techfest bắt đầu thứ 5 10/12 phải ko ad", _pending_view("heldout_booth"), NOW)
    assert answer.intent == Intent.WHEN and "09/12/2026" in _text(answer)


def test_a_later_days_start_time_is_still_that_days():
    answer = answer_question("ngay thu hai bat dau may gio", event_views()["training"], NOW)
    assert (
        answer.intent == Intent.WHEN and "03/12/2026" in _text(answer) and "02/12/2026" not in _text(answer)
    )


@pytest.mark.parametrize("question", ["the ra vao nhan o dau a", "thẻ ra vào nhận ở đâu"])
def test_an_access_badge_is_one_word_not_the_english_article(question):
    answer = answer_question(question, _pending_view("heldout_booth"), NOW)
    assert answer.intent == Intent.NOTE and "cửa số 1" in _text(answer)


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        # asked by its lunar day: the solar date, and the lunar one beside it
        (
            "ad ơi gặp mặt đầu xuân ngành mình mùng mấy tết ạ",
            ("13/02/2027", "mùng 8 tháng Giêng năm Đinh Mùi"),
        ),
        ("mùng 8 tết mấy giờ bắt đầu", ("09:00",)),
        # a wrong lunar day guessed: the event's own date answers it
        ("mùng 6 tết gặp mặt hả ad", ("13/02/2027",)),
        ("Is the gathering on the 6th day of Tet?", ("13/02/2027", "day 8 of month 1")),
    ],
)
def test_an_event_asked_by_its_lunar_date(question, facts):
    answer = answer_question(question, _pending_view("heldout_tet"), NOW)
    assert answer.intent == Intent.WHEN and all(f in _text(answer) for f in facts)


def test_the_full_moon_of_the_first_month_is_the_day_it_falls_on():
    # rằm tháng Giêng 2026 is Tuesday 03/03/2026: the first day of a two-day event, and a wrong
    # guess for a one-day event on 04/03/2026, which its own date answers
    tokens = normalise_tokens("rằm tháng Giêng mấy giờ bắt đầu")
    two_days = EventView.from_draft(
        event_draft(date=dt.date(2026, 3, 3), end_date=dt.date(2026, 3, 4)), event_id=1
    )
    assert day_asked(tokens, (), two_days, NOW).day == 0
    one_day = EventView.from_draft(event_draft(date=dt.date(2026, 3, 4)), event_id=1)
    answer = answer_question("rằm tháng Giêng có họp không ạ", one_day, NOW)
    assert answer.intent == Intent.WHEN and "04/03/2026" in _text(answer)


@pytest.mark.parametrize(
    ("event", "question", "fact"),
    [
        # the agency under its name before the 2025 mergers: today's agency's seats
        ("heldout_fieldtrip", "Sở NN&PTNT được mấy ghế", "Sở Nông nghiệp và Môi trường: 4"),
        ("heldout_hybrid", "Sở LĐTBXH được mấy người", "Sở Nội vụ:"),
        ("heldout_tet", "How many seats for Hùng Vương University?", "nhà khoa học trẻ"),  # and its note
        ("conference", "so tai chinh co bao nhieu suat", "Sở Tài chính: 3"),
    ],
)
def test_the_seats_reserved_for_an_agency_are_answered(event, question, fact):
    view = event_views()[event] if event in event_views() else _pending_view(event)
    answer = answer_question(question, view, NOW)
    assert answer.intent == Intent.AGENCY_TALKS and fact in _text(answer)


def test_no_seats_are_told_of_an_agency_not_invited():
    answer = answer_question("Sở Công Thương được mấy chỗ ạ", event_views()["heldout_meeting"], NOW)
    assert answer.abstains


@pytest.mark.parametrize(
    ("event", "question", "lines"),
    [
        ("heldout_plain", "từ 10h đến 11h có nội dung gì", ("10:00–10:20", "10:20–11:05")),
        ("heldout_ceremony", "từ 10h đến 11h có gì", ("10:00–10:15", "10:15–11:15")),
        ("conference", "from 9:00 to 10:00, what's on?", ("09:30",)),
    ],
)
def test_two_clock_times_as_a_span_ask_the_lines_between(event, question, lines):
    view = event_views()[event] if event in event_views() else _pending_view(event)
    answer = answer_question(question, view, NOW)
    assert answer.intent == Intent.BETWEEN and all(line in _text(answer) for line in lines)


def test_a_span_ending_at_no_time_of_day_is_no_span():
    # "26h" is no time of day: no lines between, and no crash
    answer = answer_question("từ 10h đến 26h có gì", event_views()["conference"], NOW)
    assert answer.intent != Intent.BETWEEN


def test_a_notes_thing_in_the_programmes_own_words_is_asked_of_the_note():
    # "hồ sơ" and "bàn hỗ trợ" are the help desks' lines' words; the note on documents answers
    view = _pending_view("heldout_helpdesk")
    answer = answer_question("co nop ban giay ho so tai ban ho tro duoc ko a", view, NOW)
    assert answer.intent == Intent.NOTE and "không nhận hồ sơ giấy" in _text(answer)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("wifi pass gì ad", "vi"),  # English words Vietnamese uses, in a Vietnamese question
        ("zoom id bn ạ", "vi"),
        ("Can I join online via Zoom?", "en"),  # "can" is English here, not "cần"
        ("I'm in class A in Buon Ma Thuot, do I need to bring my laptop?", "en"),  # "Ma" of a name
        ("link zoom họp ạ", "vi"),  # a word with Vietnamese letters, in lower case
        ("Is the zoom link for Sở Tài chính ready?", "en"),  # "chính" goes on a name
    ],
)
def test_loanwords_in_a_vietnamese_question_leave_it_vietnamese(text, language):
    assert question_language(text) == language


def test_a_vietnamese_wifi_question_is_answered_in_vietnamese():
    answer = answer_question("wifi pass gì ad", event_views()["conference"], NOW)
    assert answer.intent == Intent.NOTE and answer.language is None and "doimoi2026" in _text(answer)


@pytest.mark.parametrize(
    ("question", "intent", "fact"),
    [
        # "tiếp thu" (to take in comments) is no "tiếp" (next)
        ("ai tiếp thu, giải trình ý kiến góp ý", Intent.ITEM_PRESENTER, "Huỳnh Thị Mộng Tuyền"),
        ("hội thảo ở thư viện tỉnh kết thúc lúc mấy giờ", Intent.END, "17:15"),
    ],
)
def test_tiep_of_a_verb_is_not_next(question, intent, fact):
    answer = answer_question(question, event_views()["heldout_consult"], NOW)
    assert answer.intent == intent and fact in _text(answer)


@pytest.mark.parametrize(
    ("event", "question", "facts"),
    [
        (
            "heldout_quiz",
            "lễ phát động ngày nào, ở đâu vậy ad",
            ("07/12/2026", "Trung tâm Hội nghị tỉnh Gia Lai"),
        ),
        ("conference", "hội nghị ngày nào, ở đâu vậy ad", ("20/11/2026", "Trung tâm Hội nghị tỉnh")),
    ],
)
def test_the_date_and_the_place_asked_together_are_both_answered(event, question, facts):
    view = event_views()[event] if event in event_views() else _pending_view(event)
    answer = answer_question(question, view, NOW)
    assert not answer.abstains and all(f in _text(answer) for f in facts)


def test_parking_asked_at_the_hotel_that_is_the_venue_is_the_parking_note():
    # the hotel named is the venue itself; parking is what is asked, and no note gives it
    answer = answer_question("Where do I park at the Hải Âu hotel?", event_views()["heldout_congress"], NOW)
    assert answer.abstains and "Parking" in _text(answer)


@pytest.mark.parametrize(
    "question",
    [
        "phần trước là gì vậy ad, e mới vào",
        "vừa xong là phần gì vậy, e đến muộn",
        "what was the previous talk?",
    ],
)
def test_the_part_before_the_one_on_now(question):
    # at 09:00 the PII 2025 results talk is on; the opening came just before it
    answer = answer_question(question, event_views()["conference"], NOW)
    assert answer.intent == Intent.PREVIOUS and "Khai mạc hội nghị" in _text(answer)


def test_no_part_before_now_on_a_day_the_event_is_not_on():
    # the festival is not under way at 09:00 on Friday 20/11: nothing is on, so no part before it
    answer = answer_question("phần trước là gì vậy ad", event_views()["heldout_festival"], NOW)
    assert answer.intent != Intent.PREVIOUS


def test_an_agency_with_no_talk_is_told_so_with_the_organisers_note_on_it():
    # its talk was dropped: not every "Tham luận: ..." line, but none of its own, and why
    answer = answer_question("tham luận của Sở Xây dựng mấy giờ ad", _pending_view("heldout_moved"), NOW)
    text = _text(answer)
    assert answer.intent == Intent.AGENCY_TALKS and "rút khỏi chương trình" in text and "09:55" not in text


def _view(name: str) -> EventView:
    """An event of the evaluation, or a pending batch's event."""
    views = event_views()
    return views[name] if name in views else _pending_view(name)


@pytest.mark.parametrize(
    ("event", "question", "intent", "fact"),
    [
        # "lì xì" is lucky money
        ("heldout_tet", "Who hands out the lucky money?", Intent.ITEM_PRESENTER, "Giám đốc Sở"),
        # a note on all meals answers breakfast (and dinner)
        ("heldout_tot", "bữa sáng ở nhà ăn mấy giờ ad", Intent.NOTE, "06:30"),
        # "now" after a change of date: the event is not on today, its (new) date is asked
        ("heldout_moved", "When is the Ha Tinh PII workshop now?", Intent.WHEN, "11/12/2026"),
        # "Sở GD" is the education department, not a director ("GĐ")
        ("heldout_plain", "Sở GD trình bày nội dung gì", Intent.AGENCY_TALKS, "Sở Giáo dục và Đào tạo"),
        # "báo cáo giải trình" are the hearing's own words; the dated note holding them answers
        ("heldout_hearing", "hạn gửi báo cáo giải trình là khi nào", Intent.NOTE, "20/11/2026"),
        # "buổi thứ hai" is the second evening ("Buổi 2"), not Monday
        ("heldout_cafe", "buổi thứ hai là ngày nào ạ", Intent.ITEM_TIME, "03/12/2026"),
        # "mặc đồ công sở" asks what to wear ("bế mạc do ai" does not)
        ("heldout_cafe", "mac do cong so hay tu do a", Intent.NOTE, "Trang phục tự do"),
        ("quang_tri", "Phần bế mạc do ai chủ trì?", Intent.ITEM_PRESENTER, "Lãnh đạo Sở KH&CN"),
        # a TV channel is a "kênh"
        ("heldout_hearing", "Which TV channel broadcasts the session live?", Intent.NOTE, "ATV"),
    ],
)
def test_words_and_notes_read_in_the_eighteenth_session(event, question, intent, fact):
    answer = answer_question(question, _view(event), NOW)
    assert answer.intent == intent and fact in _text(answer)


@pytest.mark.parametrize(
    ("event", "question", "intent", "fact"),
    [
        # the venue's own words ("ở Sở KH&CN") say where the event is, not what is asked of it
        ("quang_tri", "hội thảo ở Sở KHCN là thứ 5 tuần sau phải không", Intent.WHEN, "26/11/2026"),
        # "who is doing X" asks who presents the line X
        ("heldout_fieldday", "Who is doing the drip irrigation demo?", Intent.ITEM_PRESENTER, "Trình diễn 2"),
        # a second sentence asking more of the note or FAQ entry the first found
        (
            "heldout_online",
            "Where can I get the workshop documents? Will there be printed copies?",
            Intent.FAQ,
            "iOffice",
        ),
        ("heldout_inclusive", "Is there a shuttle from the bus station? What times?", Intent.NOTE, "06:50"),
        # words of accessibility in English over a Vietnamese title ("người cao tuổi": the elderly)
        (
            "heldout_inclusive",
            "who chairs the workshop for the elderly?",
            Intent.CHAIR,
            "Đinh Thị Hồng Nhung",
        ),
        # a vote is a "biểu quyết"; "the former X" names the agency X, renamed
        ("heldout_steering", "When is the vote on the action plan?", Intent.ITEM_TIME, "11:00"),
        ("heldout_briefing", "When does the former Cục Thuế present?", Intent.AGENCY_TALKS, "08:55"),
        # "no. 3" is the programme's "số 03"
        ("heldout_matchmaking", "What time is pitch no. 3?", Intent.ITEM_TIME, "Pitching số 03"),
        # wheelchair access: the note on it, or the note that names the lift; else not given
        ("heldout_inclusive", "Is there wheelchair access?", Intent.NOTE, "cổng số 3"),
        ("heldout_rotation", "Is there an elevator?", Intent.NOTE, "thang máy"),
        ("quang_tri", "hội trường có lối đi cho xe lăn không", Intent.NOTE, "Lối đi cho xe lăn"),
        # "what times" asks when, as "what time" does
        (
            "heldout_inclusive",
            "Do you run a shuttle from the bus station? What times does it leave?",
            Intent.NOTE,
            "07:20",
        ),
    ],
)
def test_words_read_in_the_nineteenth_session(event, question, intent, fact):
    answer = answer_question(question, _view(event), NOW)
    assert answer.intent == intent and fact in _text(answer)


@pytest.mark.parametrize(
    ("event", "question", "intent", "fact"),
    [
        # "khách mời" (guests) names no presenter: the guests of "Phần 2" are that line's
        ("heldout_tvshow", "Phần 2 có những khách mời nào", Intent.ITEM_PRESENTER, "Lê Thị Thu Hiền"),
        # "số nào" beside a phone word is which number, not which department ("sở nào")
        ("heldout_tvshow", "sđt đường dây nóng để khán giả gọi hỏi là số nào", Intent.NOTE, "0237 3 999 115"),
        # "nói" (speak) typed with its marks is not the "nối" of "Kết nối": the evening's talk
        ("heldout_cafe", "ngày 10/12 nói chủ đề gì", Intent.PROGRAMME, "Trí tuệ nhân tạo"),
        # ... nor of a presenter's: "dốc" (a slope) is not the "đọc" of a stall's screen reader
        (
            "heldout_inclusive",
            "e đi xe lăn thì vào cửa nào ạ, cổng chính có dốc ko",
            Intent.NOTE,
            "cổng số 3",
        ),
        # a note on what to bring is the documents' note, whatever the organisers called it
        (
            "heldout_digitalday",
            "đi ngày hội cần mang theo những giấy tờ gì ạ",
            Intent.NOTE,
            "căn cước công dân",
        ),
        # "ai ..., ai ...": two lines asked, each answered
        (
            "heldout_digitalday",
            "ai phát biểu khai mạc, ai bế mạc ngày hội vậy ad",
            Intent.ITEM_PRESENTER,
            "Phạm Văn Thắng",
        ),
        # the field's words in English: a community, a station (quầy), an app, clams
        ("heldout_digitalday", "Who chairs the community digital day?", Intent.CHAIR, "Trần Quang Huy"),
        (
            "heldout_digitalday",
            "Who runs the smart farming app station for clam farmers?",
            Intent.ITEM_PRESENTER,
            "Nguyễn Thị Thu Hà",
        ),
        # "áo màu gì": the note that names a colour ("áo xanh dương") answers it
        ("heldout_digitalday", "tình nguyện viên mặc áo màu gì", Intent.NOTE, "áo xanh dương"),
        # "đang có phần gì": what is on now
        ("heldout_ceremony", "diễn đàn sáng nay đang có phần gì vậy ad", Intent.NOW, "08:30–09:15"),
        # "during" says when, of the event itself: no thing asked about
        (
            "heldout_meeting",
            "Is there a tea break during the meeting? At what time?",
            Intent.ITEM_TIME,
            "15:10",
        ),
        # clothes in English against a dress code written in Vietnamese
        ("heldout_tvshow", "Can I wear a white shirt in the studio?", Intent.NOTE, "tránh áo màu trắng"),
        (
            "heldout_evening",
            "What should I wear to the evening cafe session? Is a suit needed?",
            Intent.NOTE,
            "smart casual",
        ),
        # a label the programme writes on its lines, asked when: those lines, over a note on them
        ("heldout_elearning", "buổi trực tuyến 2 mấy giờ", Intent.ITEM_TIME, "08:30–09:30"),
        # "registration" names the registration line, not "Welcome remarks" ("welcome" is no check-in)
        (
            "heldout_aseanlab",
            "What time does registration open on Monday 7 December?",
            Intent.ITEM_TIME,
            "Registration and collection",
        ),
        # a price for a night is no length of time
        ("heldout_aseanlab", "giá phòng ks ưu đãi bnhiêu 1 đêm", Intent.NOTE, "1.450.000 đồng/phòng/đêm"),
        # a day that closes with a reception: when the part before it ends, said too
        ("heldout_gala", "phần lễ trên hội trường xong lúc mấy h, e ko ở lại tiệc", Intent.END, "20:00"),
        # where a labelled line is: the note that writes its label with the place in brackets
        ("heldout_digitalday", "quầy kích hoạt vneid ở đâu", Intent.NOTE, "hiên bên trái"),
    ],
)
def test_words_read_in_the_twentieth_session(event, question, intent, fact):
    answer = answer_question(question, _view(event), NOW)
    assert answer.intent == intent and fact in _text(answer)


def test_a_word_typed_with_other_marks_is_another_word():
    from bot.domain.qa.matcher import tones_differ, word_forms

    asked = word_forms("toạ đàm nói gì, noi gi")
    assert not tones_differ(asked, word_forms("Tọa đàm"), "toa")  # the tone placed on either vowel
    assert tones_differ(word_forms("nói"), word_forms("Kết nối"), "noi")
    assert not tones_differ(word_forms("noi"), word_forms("Kết nối"), "noi")  # typed without marks
    assert not tones_differ(word_forms("nói"), word_forms("Ket noi"), "noi")  # written without marks


@pytest.mark.parametrize(
    ("event", "question"),
    [
        # "BMT" (Buôn Ma Thuột) is not the initials of the words heading "Bế mạc trực tuyến ..."
        ("heldout_twocities", "chuyên đề 1 ở lớp BMT ai dạy ạ"),
    ],
)
def test_questions_read_in_the_twentieth_session_are_forwarded(event, question):
    answer = answer_question(question, _view(event), NOW)
    assert answer.abstains, _text(answer)


def test_what_time_typed_without_marks_is_vietnamese():
    from bot.domain.qa.language import question_language

    assert question_language("may h check in a") != "en"  # "mấy h": what time
    assert question_language("may gio check in") == "vi"
    assert question_language("May I check in early?") == "en"


def test_the_morning_programme_leaves_out_the_lunch_break_after_it():
    answer = answer_question("sáng 03/12 học những gì ạ", _view("training"), NOW)
    assert answer.intent == Intent.PROGRAMME
    assert "Chỉ số khởi nghiệp sáng tạo" in _text(answer) and "13:30" not in _text(answer)


@pytest.mark.parametrize(
    ("event", "question", "intent", "fact"),
    [
        # the event's own venue named in the question says which event, not what is asked
        ("regional", "hội thảo ở Melia có phiên dịch không", Intent.FAQ, "headsets"),
        # a fair's words in English: "lucky draw" of "Quay số may mắn"
        ("heldout_nightfair", "What time is the lucky draw?", Intent.ITEM_TIME, "21:00"),
        # "phiên" of the event's own name ("Phiên chợ đêm ...") names no session: the event's hours
        (
            "heldout_nightfair",
            "phien cho dem bat dau may h va may h thi dong cua a",
            Intent.WHEN,
            "16:00–22:00",
        ),
        # when and where of the event named by its city, which lines share: both, in one reply
        ("heldout_lecture", "hội thảo khoa học ở Huế ngày nào, ở đâu", Intent.WHEN, "Lê Lợi"),
        # a study tour's "itinerary" is its programme
        (
            "heldout_awardtour",
            "Could you send me the full itinerary for the trip on 3 December?",
            Intent.PROGRAMME,
            "05:30",
        ),
        # "round" is "vòng", not a mistyped "around"
        ("heldout_hackday", "When is the second mentor round?", Intent.ITEM_TIME, "02:00"),
    ],
)
def test_words_read_in_the_twenty_first_session(event, question, intent, fact):
    answer = answer_question(question, _view(event), NOW)
    assert answer.intent == intent and fact in _text(answer)


@pytest.mark.parametrize(
    ("event", "question"),
    [
        # "ở Vinh": the city of the venue's address, not "Trường Đại học Vinh" (which has no talk)
        ("training", "lớp tập huấn ở Vinh ngày nào khai giảng ạ"),
    ],
)
def test_a_place_or_an_everyday_word_names_no_agency(event, question):
    answer = answer_question(question, _view(event), NOW)
    assert answer.intent != Intent.AGENCY_TALKS and "không có phần trình bày riêng" not in _text(answer)


def test_an_everyday_word_of_a_long_agency_name_is_no_agency():
    index = index_for(_view("heldout_signing"))
    # "phát" (hand out) is one word of "Báo và Phát thanh, Truyền hình Khánh Hòa"
    match = index.match_agency(["phat"])
    assert match is None or match.score < 0.5
    assert index.match_agency(["bao", "phat", "thanh", "truyen", "hinh"]).score >= 0.5


@pytest.mark.parametrize(
    ("event", "question", "fact"),
    [
        # "hay tự túc": the note's "Ban Tổ chức mời cơm trưa" gives that side of the choice
        ("heldout_telehealth", "trưa ăn ở đâu ad hay tự túc ạ", "căng tin"),
        # a mask, in English, against the hospital's rules written in Vietnamese ("đeo khẩu trang")
        ("heldout_telehealth", "Do I need to wear a mask inside the hospital?", "khẩu trang"),
    ],
)
def test_notes_read_in_the_twenty_first_session(event, question, fact):
    answer = answer_question(question, _view(event), NOW)
    assert answer.intent == Intent.NOTE and fact in _text(answer)


@pytest.mark.parametrize(
    ("question", "intent", "fact"),
    [
        # medical terms in English against a programme written in Vietnamese
        ("What time is the live teleconsultation with Bach Mai?", Intent.ITEM_TIME, "09:50"),
        (
            "Who is giving the talk on the roadmap for electronic medical records?",
            Intent.ITEM_PRESENTER,
            "Trưởng phòng Công nghệ thông tin",
        ),
    ],
)
def test_medical_terms_in_english(question, intent, fact):
    answer = answer_question(question, _view("heldout_telehealth"), NOW)
    assert answer.intent == intent and fact in _text(answer)


@pytest.mark.parametrize(
    ("event", "question"),
    [
        # a result asked ("what rank"), which a line about the ranking only names
        ("heldout_tvshow", "What rank did Thanh Hóa get in PII 2025?"),
        ("heldout_tvshow", "What is Thanh Hoa's PII 2025 rank?"),
        # where a practical thing is (parking) that no note gives: not the venue's address
        ("heldout_intl", "Where can delegates park at the hotel?"),
        # who does a line's act for an agency the line does not name: its presenter does not say
        ("heldout_tentative", "Who will sign the coordination agreement for the Department of Finance?"),
    ],
)
def test_questions_read_in_the_twenty_first_session_are_forwarded(event, question):
    answer = answer_question(question, _view(event), NOW)
    assert answer.abstains, _text(answer)


@pytest.mark.parametrize(
    ("event", "question", "fact"),
    [
        # English against Vietnamese FAQ entries: "pay any fee" ("đóng phí"), "re-marked" ("phúc khảo")
        ("heldout_bootcamp", "Do participants have to pay any fee?", "đài thọ"),
        ("heldout_exam", "Can I ask for my Part I to be re-marked?", "Chỉ phúc khảo Phần II"),
    ],
)
def test_faq_read_in_english_in_the_twenty_first_session(event, question, fact):
    answer = answer_question(question, _view(event), NOW)
    assert answer.intent == Intent.FAQ and fact in _text(answer)


def test_a_deadline_asked_as_han_nao_is_the_dated_entry_not_a_line():
    answer = answer_question("phóng viên đăng ký tác nghiệp hạn tới khi nào ạ", _view("heldout_signing"), NOW)
    assert answer.intent == Intent.FAQ and "30/11/2026" in _text(answer)
    # two things asked, one a deadline: the note on the topic, which dates it
    answer = answer_question("e ở ngoài Vinh có được ngủ lại ks ko, đăng ký hạn nào", _view("training"), NOW)
    assert answer.intent == Intent.NOTE and "28/11" in _text(answer)


def test_a_span_of_clock_times_is_asked_over_lines_a_word_matched():
    # "đoàn" (the group) matches lines outside the span; "1h chiều" ends it at 13:00
    answer = answer_question("Từ 11h đến 1h chiều đoàn làm gì ạ", _view("heldout_awardtour"), NOW)
    text = _text(answer)
    assert answer.intent == Intent.BETWEEN and "11:40" in text and "15:40" not in text
    # asked what is on in the span "on the stage": every line in it, not those "sân khấu" matched
    answer = answer_question(
        "khoảng từ 19h đến 20h trên sân khấu có những gì", _view("heldout_nightfair"), NOW
    )
    assert answer.intent == Intent.BETWEEN and "19:20" in _text(answer)


def test_thanks_with_a_farewell_is_thanks_but_thanks_with_a_problem_is_forwarded():
    view = _view("heldout_awardtour")
    assert answer_question("Thanks a lot, see you on the bus!", view, NOW).intent == Intent.THANKS
    assert answer_question("Thanks, but the bus did not come!", view, NOW).abstains


@pytest.mark.parametrize(
    ("question", "presenter", "others"),
    [
        # "Bài 1.3": a paper numbered within its session, never the 1st of March
        ("bài 1.3 ai trình bày thế", "Bon Niêng Ha Thu", ("Hà Văn Lộc", "Lưu Hoàng Nam")),
        # "paper 2.4" is the programme's "Bài 2.4", not the papers to bring; "sensors" its "cảm biến"
        ("Who presents paper 2.4 on IoT sensors for durian irrigation?", "Y Thuận Niê", ("Bon Niêng",)),
        ("bài số 2.4 do ai trình bày vậy", "Y Thuận Niê", ("Bon Niêng",)),
    ],
)
def test_a_part_numbered_within_a_part_is_its_one_line(question, presenter, others):
    answer = answer_question(question, _view("heldout_papers"), NOW)
    text = _text(answer)
    assert answer.intent == Intent.ITEM_PRESENTER and presenter in text
    assert not any(other in text for other in others)


def test_a_dotted_part_number_is_no_date_but_a_dotted_date_still_is():
    assert normalise("bài 1.3 ai trình bày").dates == ()
    assert normalise("paper 2.4 what time").dates == ()
    assert normalise("ngày 1.12 có gì").dates == ((1, 12),)
    # the programme's "Bài 1.1:" and the question's "bài 1.1" are the same one word
    assert "1x1" in normalise_tokens("Tiểu ban 1 - Bài 1.1: Cơ chế khoán chi")
    assert "1x1" in normalise_tokens("bai 1.1 may gio")


def test_an_afternoon_starts_after_the_lunch_break_that_opens_it():
    # the afternoon's hours: from its first session (13:30), not the lunch break at 12:00
    answer = answer_question("buổi chiều mấy giờ bắt đầu", _view("regional"), NOW)
    assert answer.intent == Intent.WHEN and "13:30–16:30" in _text(answer) and "12:00" not in _text(answer)


@pytest.mark.parametrize(
    ("event", "question", "line"),
    [
        # asked when it resumes: the first session after the break, by its line
        ("regional", "Buổi chiều bắt đầu lại lúc mấy giờ?", "13:30–14:15"),
        ("conference", "Chiều nay mấy giờ hội nghị bắt đầu lại vậy?", "13:30–14:15"),
        ("regional", "When does the afternoon start again?", "13:30–14:15"),
    ],
)
def test_a_half_day_asked_when_it_resumes_is_its_first_session(event, question, line):
    answer = answer_question(question, _view(event), NOW)
    assert answer.intent == Intent.ITEM_TIME and line in _text(answer)


@pytest.mark.parametrize(
    ("event", "question", "intent", "fact"),
    [
        # data sent in ("Hạn chót gửi số liệu") is data submitted ("nộp số liệu", "submit")
        (
            "heldout_software",
            "Hạn chót nộp số liệu trên phần mềm là ngày nào vậy anh chị?",
            Intent.FAQ,
            "11/12/2026",
        ),
        (
            "heldout_software",
            "When is the deadline to submit our indicator data in the software?",
            Intent.FAQ,
            "11/12/2026",
        ),
        # "học ca nào": which shift ("ca"), which the agency's seat note gives, not "cả" (all)
        ("heldout_software", "Sở Tài chính bọn mình học ca nào thế ad?", Intent.AGENCY_TALKS, "Ca sáng"),
        # "đội số 05": the programme's label "Đội 05"
        ("heldout_startupfinal", "doi so 05 SmartFish thi luc may gio vay ad", Intent.ITEM_TIME, "08:58"),
        # "e-commerce platforms" is the line's "sàn thương mại điện tử", "putting" its "đưa"
        (
            "heldout_ocopday",
            "What time is the talk on putting OCOP products on e-commerce platforms?",
            Intent.ITEM_TIME,
            "10:45",
        ),
        # a motorbike left is parked, not the asker leaving early
        ("heldout_ocopday", "Where can I leave my motorbike?", Intent.NOTE, "Trường Tiểu học Chợ Gạo"),
        # an agency with no line of its own, asked its time: its seat note gives it
        (
            "heldout_audit",
            "doan kiem tra den ban quan ly cac khu cong nghiep luc may gio",
            Intent.AGENCY_TALKS,
            "08:00",
        ),
        (
            "heldout_audit",
            "Sở NN&MT được kiểm tra lúc mấy giờ, ở phòng nào vậy ạ?",
            Intent.AGENCY_TALKS,
            "14:00",
        ),
        # "verification" is the title's "xác minh"
        (
            "heldout_audit",
            "We're the Department of Finance. When is our verification slot?",
            Intent.AGENCY_TALKS,
            "08:00–08:45",
        ),
        # "chủ tịch hội đồng giám khảo": the jury note names its chair; no line's presenter does
        ("heldout_startupfinal", "Chủ tịch hội đồng giám khảo là ai vậy?", Intent.NOTE, "Trần Quốc Khánh"),
        # the organising committee is the event's own
        (
            "heldout_startupfinal",
            "Who chairs the organising committee of the competition?",
            Intent.CHAIR,
            "Nguyễn Thị Bích Thủy",
        ),
        # "đợt tập huấn này": the event, not the line that says "yêu cầu của đợt tập huấn"
        ("heldout_software", "Ai chủ trì đợt tập huấn này vậy?", Intent.CHAIR, "Nguyễn Mạnh Cường"),
        # "mỗi bài ... mấy phút": neither a line's length nor the event's; the note on the talks says it
        ("heldout_papers", "Mỗi bài ở tiểu ban được trình bày mấy phút?", Intent.NOTE, "15 phút"),
        # "make-up session" is the note's "buổi học bù"; "tổng đài" is the help line
        (
            "heldout_software",
            "What's the Google Meet link for the online make-up session?",
            Intent.NOTE,
            "meet.google.com/kpt-wbnd-qrx",
        ),
        (
            "heldout_software",
            "Số tổng đài hỗ trợ phần mềm là số nào? Có nhóm Zalo hỗ trợ không ạ?",
            Intent.NOTE,
            "0210 3 999 246",
        ),
    ],
)
def test_readings_of_the_twenty_second_session(event, question, intent, fact):
    answer = answer_question(question, _view(event), NOW)
    assert answer.intent == intent and fact in _text(answer)


@pytest.mark.parametrize(
    "question", ["Which teams pitch between 9 and 10 am on Saturday?", "từ 9 đến 10h có đội nào thi"]
)
def test_a_span_whose_first_hour_is_bare_is_a_span(question):
    answer = answer_question(question, _view("heldout_startupfinal"), NOW)
    text = _text(answer)
    assert answer.intent == Intent.BETWEEN and "09:25" in text and "09:49" in text and "08:10" not in text


@pytest.mark.parametrize("question", ["thanks a lot, that's very helpful!", "So it's on 1 December, right?"])
def test_everyday_english_words_make_a_message_english(question):
    assert question_language(question) == "en"


def test_a_label_asked_of_a_half_day_is_that_half_day_s_line():
    answer = answer_question("Who teaches Bài 1 in the afternoon session?", _view("heldout_software"), NOW)
    text = _text(answer)
    assert answer.intent == Intent.ITEM_PRESENTER and "Đỗ Thị Lan Phương" in text and "08:10" not in text


def _spread_course() -> EventView:
    """Two Zoom evenings and a Saturday a week later: the first Saturday in its dates has no lines."""
    rows = [
        (0, "19:30", "21:00", "Buổi 1: Tổng quan quy trình đề xuất nhiệm vụ", K.TALK),
        (2, "19:30", "21:00", "Buổi 2: Viết thuyết minh", K.TALK),
        (11, "08:00", "09:30", "Buổi 3: Chữa đề cương theo nhóm", K.TALK),
        (11, "09:30", "11:00", "Buổi 3: Trình bày kết quả nhóm", K.DISCUSSION),
    ]
    title = "Lớp bồi dưỡng viết thuyết minh tỉnh Thử Nghiệm"
    return _event_of_rows(title, dt.date(2026, 12, 1), dt.date(2026, 12, 12), rows, 9122)


@pytest.mark.parametrize(
    ("question", "present", "absent"),
    [
        ("What time does the Saturday session finish?", "11:00", "21:00"),
        ("thứ bảy học từ mấy giờ ạ", "08:00", "19:30"),
        ("Sáng thứ 7 có những phần gì vậy", "Trình bày kết quả nhóm", "19:30"),
    ],
)
def test_a_weekday_of_a_course_spread_over_weeks_is_its_day_with_lines(question, present, absent):
    text = _text(answer_question(question, _spread_course(), NOW))
    assert present in text and "12/12" in text and absent not in text


@pytest.mark.parametrize(
    "question", ["link tải biểu mẫu dự toán ở đâu ạ", "cho xin link tai bieu mau du toan kinh phi voi"]
)
def test_a_link_asked_for_is_the_note_that_writes_a_web_address(question):
    draft = event_draft(title="Lớp bồi dưỡng viết thuyết minh tỉnh Thử Nghiệm")
    draft.venue = VenueDraft(
        name="Hội trường Sở KH&CN",
        address="Số 1 đường Lê Lợi",
        notes={
            "forms": "Biểu mẫu dự toán kinh phí (file Excel) tải tại https://skhcn.example.org/du-toan.xlsx."
        },
    )
    answer = answer_question(question, EventView.from_draft(draft, event_id=9123), NOW)
    assert not answer.abstains and "https://skhcn.example.org/du-toan.xlsx" in _text(answer)


def test_a_word_of_the_event_s_own_name_names_no_note_of_the_organisers():
    draft = event_draft(title="Tuần lễ Cố vấn khởi nghiệp tỉnh Thử Nghiệm (Startup Mentoring Week)")
    draft.venue = VenueDraft(
        name="Trung tâm Đổi mới sáng tạo",
        address="Số 2 đường Trần Phú",
        notes={"mentors": "Danh sách cố vấn: TS. Lê Văn An (gọi vốn); luật sư Trần Minh (sở hữu trí tuệ)."},
    )
    answer = answer_question(
        "When does the mentoring week start?", EventView.from_draft(draft, event_id=9124), NOW
    )
    assert answer.intent == Intent.WHEN and "26/11/2026" in _text(answer)


@pytest.mark.parametrize("question", ["Is there a fee?", "Is there a fee to attend the workshop?"])
def test_a_short_english_word_for_a_cost_finds_the_faq_entry_on_it(question):
    draft = event_draft(
        faq=[("Tham dự hội thảo có mất phí không?", "Không: hội thảo miễn phí cho đại biểu.")]
    )
    answer = answer_question(question, EventView.from_draft(draft, event_id=9125), NOW)
    assert answer.intent == Intent.FAQ and "miễn phí" in _text(answer)


def test_an_advance_notice_asked_is_the_note_s_notice_period():
    draft = event_draft(title="Tuần lễ cố vấn khởi nghiệp tỉnh Thử Nghiệm")
    draft.venue = VenueDraft(
        name="Trung tâm Đổi mới sáng tạo",
        address="Số 2 đường Trần Phú",
        notes={"cancellation": "Hủy phiên chậm nhất 24 giờ trước giờ hẹn bằng cách trả lời email xác nhận."},
    )
    view = EventView.from_draft(draft, event_id=9126)
    answer = answer_question("Muốn hủy phiên đã đặt thì phải báo trước bao lâu ạ?", view, NOW)
    assert answer.intent == Intent.NOTE and "24 giờ trước giờ hẹn" in _text(answer)


@pytest.mark.parametrize(
    ("question", "chairs"),
    [("Who is in charge of the workshop?", True), ("Who is in charge of parking?", False)],
)
def test_who_is_in_charge_of_the_event_is_its_chair_not_of_a_thing(question, chairs):
    answer = answer_question(question, VIEWS["conference"], NOW)
    assert (answer.intent == Intent.CHAIR) is chairs


def _mentor_days() -> EventView:
    """Mentors written "ông"/"bà" before their names, each on two days."""
    t = dt.time.fromisoformat
    rows = [
        (0, "14:00", "16:30", "Giờ cố vấn 1:1 online", "Mentor: bà Phan Thị Thu Hà (gọi vốn, tài chính)"),
        (1, "08:00", "11:00", "Giờ cố vấn 1:1 trực tiếp", "Mentor: ông Trương Minh Đức (sản phẩm số)"),
        (1, "19:00", "21:00", "Clinic nhóm buổi tối: hồ sơ gọi vốn", "Bà Phan Thị Thu Hà; ông Hồ Văn Lợi"),
    ]
    draft = event_draft(title="Tuần lễ cố vấn khởi nghiệp tỉnh Thử Nghiệm", date=dt.date(2026, 11, 30))
    draft.end_date = dt.date(2026, 12, 1)
    draft.agenda = [
        AgendaDraft(title=title, start=t(a), end=t(b), presenter=who, kind=K.OTHER, day=day)
        for day, a, b, title, who in rows
    ]
    return EventView.from_draft(draft, event_id=9127)


@pytest.mark.parametrize(
    ("question", "present", "absent", "language"),
    [
        # The person named after "bà" in the programme; asked in English with her Vietnamese name.
        ("When can we meet Ms Phan Thị Thu Hà, the fundraising mentor?", ["14:00", "19:00"], "08:00", "en"),
        ("bà Thu Hà tối 01/12 có lịch gì", ["19:00"], "14:00", None),
        ("ông Trương Minh Đức có lịch lúc nào", ["08:00"], "19:00", None),
    ],
)
def test_a_person_the_programme_calls_ong_or_ba_is_found_by_name(question, present, absent, language):
    answer = answer_question(question, _mentor_days(), NOW)
    text = _text(answer)
    assert all(p in text for p in present) and absent not in text and answer.language == language


def test_each_one_s_length_is_a_length_not_an_entry_with_a_clock_and_a_date():
    # (an entry on how to apply, "trước 12:00 ngày 03/12/2026", gives no length; the note does)
    answer = answer_question(
        "how long does each team get to pitch at the demo evening??", _view("heldout_mentoring"), NOW
    )
    assert "3 phút" in _text(answer) and "12:00 ngày 03/12" not in _text(answer)


def test_dat_lich_of_a_booking_note_is_booking_a_slot_not_a_calendar():
    draft = event_draft(title="Tuần lễ cố vấn khởi nghiệp tỉnh Thử Nghiệm")
    draft.venue = VenueDraft(
        name="Trung tâm Đổi mới sáng tạo",
        address="Số 2 đường Trần Phú",
        notes={
            "booking": "Đặt lịch phiên 1:1 qua biểu mẫu https://forms.example.org/mentoring (chọn mentor và slot)."
        },
    )
    answer = answer_question("link đặt lịch ở đâu ạ", EventView.from_draft(draft, event_id=9129), NOW)
    assert answer.intent == Intent.NOTE and "https://forms.example.org/mentoring" in _text(answer)


def test_where_a_part_named_by_an_end_s_word_is_held_is_a_place():
    answer = answer_question("Where is the wrap-up meeting held?", _view("heldout_audit"), NOW)
    assert answer.intent == Intent.WHERE and "Hội trường tầng 2" in _text(answer)


def test_a_line_asked_when_and_where_that_names_no_place_is_at_the_venue():
    view = _spread_course()
    answer = answer_question("Buổi 2 viết thuyết minh mấy giờ, ở đâu vậy?", view, NOW)
    text = _text(answer)
    assert "19:30" in text and view.venue is not None and view.venue.name in text


def test_a_weekday_said_with_a_date_that_is_none_of_the_event_s_days_names_no_day():
    # 19/12 is the Saturday a week after the course's last day, Saturday 12/12.
    answer = answer_question("sáng thứ 7 ngày 19/12 học chủ đề gì ad", _spread_course(), NOW)
    assert "Chữa đề cương" not in _text(answer)


def test_how_long_a_part_held_on_a_day_of_its_own_lasts_is_its_span():
    answer = answer_question("phiên 2 kéo dài bao lâu", _view("heldout_monthly"), NOW)
    text = _text(answer)
    assert answer.intent == Intent.DURATION and "«Phiên 2» (14:00–16:00)" in text and "2 giờ" in text


@pytest.mark.parametrize(
    ("question", "seats"),
    [("Sở Tài chính được cử bao nhiêu người ạ?", True), ("hội thảo tối đa bao nhiêu người vậy ad", False)],
)
def test_how_many_people_an_agency_may_send_is_its_seats(question, seats):
    answer = answer_question(question, EventView.from_draft(event_draft(), event_id=9130), NOW)
    assert ("Sở Tài chính: 1" in _text(answer)) is seats


def test_english_an_before_a_booking_word_is_no_vietnamese_eating():
    answer = answer_question("Can we still book an exhibition booth?", VIEWS["heldout_launch"], NOW)
    assert answer.language == "en" and "Lunch" not in _text(answer) and "lunch" not in _text(answer)


def test_an_inauguration_named_by_its_title_leaves_the_line_its_other_words_name():
    question = "lễ khánh thành trung tâm đổi mới sáng tạo mấy giờ cắt băng"
    answer = answer_question(question, _view("heldout_centreopening"), NOW)
    assert answer.intent == Intent.ITEM_TIME and "08:55–09:05" in _text(answer)


def test_a_deadline_asked_by_its_bare_word_is_the_entry_that_dates_it():
    question = "tham quan phong benh an dien tu dang ky the nao, han khi nao a"
    answer = answer_question(question, _view("heldout_telehealth"), NOW)
    assert answer.intent == Intent.FAQ and "17:00 ngày 23/11/2026" in _text(answer)


def test_a_parking_note_of_no_kind_of_vehicle_answers_for_a_car():
    draft = event_draft()
    draft.venue = VenueDraft(
        name="Hội trường Bệnh viện tỉnh",
        address="Số 1 đường Lê Lợi",
        notes={"parking": "Đại biểu đỗ xe tại bãi xe cán bộ phía sau nhà B, vào bằng cổng số 2, miễn phí."},
    )
    answer = answer_question("ô tô đỗ ở đâu ạ", EventView.from_draft(draft, event_id=9131), NOW)
    assert answer.intent == Intent.NOTE and "phía sau nhà B" in _text(answer)


def test_a_midnight_snack_asked_in_english_is_the_an_khuya_line():
    t = dt.time.fromisoformat
    draft = event_draft(title="Hackathon dữ liệu mở tỉnh Thử Nghiệm")
    draft.agenda = [
        AgendaDraft(
            title="Các đội làm việc", start=t("19:00"), end=t("23:30"), presenter=None, kind=K.OTHER, day=0
        ),
        AgendaDraft(
            title="Ăn khuya tại sảnh tầng 1",
            start=t("23:30"),
            end=t("23:59"),
            presenter=None,
            kind=K.BREAK,
            day=0,
        ),
    ]
    answer = answer_question(
        "what time is the midnight snack", EventView.from_draft(draft, event_id=9132), NOW
    )
    assert answer.intent == Intent.ITEM_TIME and "23:30" in _text(answer)


def _checked_event(event_id: int) -> EventView:
    """A one-day training whose day opens with a connection check and whose FAQ holds a test run
    held days before it and the question of who stays for a short meeting afterwards."""
    t = dt.time.fromisoformat
    draft = event_draft(title="Hội nghị trực tuyến tập huấn PII tỉnh Thử Nghiệm", date=dt.date(2026, 12, 8))
    draft.agenda = [
        AgendaDraft(title=line, start=t(a), end=t(b), presenter="Sở KH&CN", kind=kind)
        for a, b, line, kind in (
            ("07:30", "08:00", "Đón tiếp, đăng ký đại biểu", K.REGISTRATION),
            ("07:45", "08:00", "Kiểm tra kết nối các điểm cầu", K.OTHER),
            ("08:00", "08:15", "Khai mạc", K.OPENING),
            ("08:15", "11:00", "Hướng dẫn nhập số liệu", K.TALK),
            ("11:00", "11:30", "Họp ngắn tại điểm cầu tỉnh sau hội nghị", K.OTHER),
        )
    ]
    draft.faq = [
        FaqDraft(
            question="Có chạy thử kết nối trước hội nghị không?",
            answer="Có: các điểm cầu chạy thử từ 14:00 đến 16:00 ngày 04/12/2026.",
        ),
        FaqDraft(
            question="Ai phải ở lại họp ngắn sau hội nghị?",
            answer="Cán bộ đầu mối của các sở ở lại họp ngắn khoảng 30 phút.",
        ),
    ]
    return EventView.from_draft(draft, event_id=event_id)


def test_registration_opening_is_the_registration_line_not_the_opening():
    view = _checked_event(9133)
    for question in ("What time does registration open?", "When does registration open?"):
        answer = answer_question(question, view, NOW)
        assert answer.intent == Intent.ITEM_TIME, question
        assert "07:30" in _text(answer) and "08:00–08:15" not in _text(answer), question


def test_a_test_run_before_the_event_is_the_entry_not_the_days_own_check():
    view = _checked_event(9134)
    for question in (
        "When is the connection test before the online conference?",
        "kiểm tra kết nối trước hội nghị ngày nào",
    ):
        answer = answer_question(question, view, NOW)
        assert answer.intent == Intent.FAQ and "04/12/2026" in _text(answer), question
    # Asked without "before the event", the day's own check.
    answer = answer_question("mấy giờ kiểm tra kết nối", view, NOW)
    assert answer.intent == Intent.ITEM_TIME and "07:45" in _text(answer)


def test_an_entrys_own_question_asked_as_written_is_that_entry():
    view = _checked_event(9135)
    for question in ("Ai phải ở lại họp ngắn sau hội nghị?", "Sau hội nghị ai phải ở lại họp ngắn?"):
        answer = answer_question(question, view, NOW)
        assert answer.intent == Intent.FAQ and "30 phút" in _text(answer), question


def test_broadcast_and_english_terms_of_a_measurement_course():
    draft = event_draft(title="Lớp tập huấn đo lường tỉnh Thử Nghiệm")
    t = dt.time.fromisoformat
    draft.agenda = [
        AgendaDraft(
            title="Xử phạt vi phạm hành chính về đo lường",
            start=t("10:00"),
            end=t("10:30"),
            presenter="Chi cục Quản lý thị trường",
            kind=K.TALK,
        ),
        AgendaDraft(
            title="Nhóm 3 - Doanh nghiệp nhỏ: hàng đóng gói sẵn",
            start=t("13:30"),
            end=t("15:00"),
            presenter="ThS. Lê Thị Hà",
            kind=K.OTHER,
        ),
    ]
    draft.venue = VenueDraft(
        name="Hội trường A", address="Số 1 Lê Lợi", notes={"livestream": "Phát trên kênh PTTH tỉnh."}
    )
    view = EventView.from_draft(draft, event_id=9136)
    answer = answer_question("Who gives the talk on administrative penalties?", view, NOW)
    assert answer.intent == Intent.ITEM_PRESENTER and "Quản lý thị trường" in _text(answer)
    answer = answer_question("Who leads the small business group?", view, NOW)
    assert answer.intent == Intent.ITEM_PRESENTER and "Lê Thị Hà" in _text(answer)
    answer = answer_question("hội thảo phát sóng kênh nào?", view, NOW)
    assert answer.intent == Intent.NOTE and "kênh PTTH tỉnh" in _text(answer)


@pytest.mark.parametrize(
    "question",
    ["Lớp tập huấn học mấy ngày, từ ngày nào đến ngày nào?", "lop tap huan hoc may ngay, tu hom nao"],
)
def test_how_many_days_and_which_is_answered_as_when_with_both(question):
    answer = answer_question(question, VIEWS["training"], NOW)
    text = _text(answer)
    assert answer.intent == Intent.WHEN and "2 ngày" in text and "02/12/2026" in text and "03/12/2026" in text


def _festival_view(event_id: int) -> EventView:
    """A two-day festival: booths open all day, a gala dinner at a named restaurant on the first
    evening, a closing at 16:45 on the second day; a registration deadline; seats per agency."""
    t = dt.time.fromisoformat
    draft = event_draft(
        title="Ngày hội khởi nghiệp tỉnh Thử Nghiệm",
        date=dt.date(2026, 11, 27),
        seats={"Sở Tài chính": 4, "Trường Đại học Thử Nghiệm": 6},
        rsvp_deadline=dt.datetime(2026, 11, 23, 17, 0),
    )
    draft.end_date = dt.date(2026, 11, 28)
    draft.agencies = [AgencyDraft("Sở Tài chính", aliases=["Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"])]
    rows = [
        (0, "08:00", "17:00", "Khu triển lãm gian hàng mở cửa (ngày 1)", K.OTHER),
        (0, "08:30", "11:30", "Phiên toàn thể", K.TALK),
        (0, "18:30", "21:00", "Tiệc giao lưu tại Nhà hàng Biển Xanh, bãi biển Ghềnh Ráng", K.OTHER),
        (1, "08:00", "17:00", "Khu triển lãm gian hàng mở cửa (ngày 2)", K.OTHER),
        (1, "08:00", "11:30", "Vòng chung kết cuộc thi khởi nghiệp", K.OTHER),
        (1, "16:15", "16:45", "Tổng kết và bế mạc", K.CLOSING),
    ]
    draft.agenda = [
        AgendaDraft(title=line, start=t(a), end=t(b), presenter="Sở KH&CN", kind=kind, day=day)
        for day, a, b, line, kind in rows
    ]
    draft.venue = VenueDraft(
        name="Trung tâm Hội nghị tỉnh",
        address="Số 2 Nguyễn Tất Thành",
        notes={"lunch": "Ăn trưa tự chọn tại nhà hàng tầng 2, 11:30-13:00 cả hai ngày."},
    )
    return EventView.from_draft(draft, event_id=event_id)


def test_a_day_with_a_closing_ends_with_it_not_with_the_booths_open_all_day():
    answer = answer_question("When does the festival finish on Saturday?", _festival_view(9137), NOW)
    assert answer.intent == Intent.END and "16:45" in _text(answer) and "17:00" not in _text(answer)


def test_a_dinner_line_at_a_named_restaurant_says_where_the_dinner_is():
    answer = answer_question("Tiệc giao lưu tổ chức ở đâu vậy?", _festival_view(9138), NOW)
    assert answer.intent == Intent.WHERE and "Nhà hàng Biển Xanh" in _text(answer)


@pytest.mark.parametrize(
    ("question", "seats"),
    [("Sở KH&ĐT cũ bây giờ được mời mấy người ạ?", "4"), ("trg DH Thu Nghiem dc may suat v ad", "6")],
)
def test_an_old_name_now_and_a_shortened_truong_still_ask_the_agencys_seats(question, seats):
    answer = answer_question(question, _festival_view(9139), NOW)
    assert answer.intent == Intent.AGENCY_TALKS and f": {seats}." in _text(answer)


def test_the_registration_deadline_answers_by_when_to_register_to_attend():
    view = _festival_view(9140)
    answer = answer_question("Hạn chót đăng ký tham dự là ngày nào ạ?", view, NOW)
    assert answer.intent == Intent.WHEN and "17:00 ngày 23/11/2026" in _text(answer)
    # A deadline for something else the event's data does not date is not that one.
    assert "23/11" not in _text(answer_question("hạn nộp báo cáo tham luận là khi nào", view, NOW))


def test_the_talks_of_a_numbered_session_the_question_names_are_listed():
    t = dt.time.fromisoformat
    draft = event_draft(title="Diễn đàn đổi mới sáng tạo tỉnh Thử Nghiệm")
    draft.agenda = [
        AgendaDraft(
            title=title,
            start=t(a),
            end=t(b),
            presenter=who,
            kind=K.DISCUSSION if "Tọa đàm" in title else K.TALK,
        )
        for a, b, title, who in (
            ("13:30", "15:00", "Phiên chuyên đề 1 (Hội trường A) - Tọa đàm: thu hút FDI", "Sở Tài chính"),
            (
                "13:30",
                "14:15",
                "Phiên chuyên đề 2 (Phòng họp B) - Chuyển đổi số doanh nghiệp",
                "Sở Công Thương",
            ),
            ("14:15", "15:00", "Phiên chuyên đề 2 (Phòng họp B) - Blended finance for start-ups", "UNDP"),
            ("15:15", "16:00", "Thảo luận toàn thể: chính sách thử nghiệm", "Chủ trì"),
        )
    ]
    view = EventView.from_draft(draft, event_id=9141)
    answer = answer_question("phiên chuyên đề 2 có những bài gì ạ?", view, NOW)
    text = _text(answer)
    assert answer.intent == Intent.PROGRAMME
    assert "Chuyển đổi số doanh nghiệp" in text and "Blended finance" in text and "FDI" not in text
    # "plenary" is the "toàn thể" of a line's title
    answer = answer_question("Who moderates the plenary discussion?", view, NOW)
    assert answer.intent == Intent.ITEM_PRESENTER and "Chủ trì" in _text(answer)


def test_which_session_is_on_now_asked_with_gio_dang():
    # (the clock: the forum's second day, 08:30–09:15 talk under way)
    answer = answer_question("Giờ đang có phiên gì ở diễn đàn vậy?", VIEWS["heldout_ceremony"], NOW)
    assert answer.intent == Intent.NOW and "Hệ sinh thái khởi nghiệp" in _text(answer)


@pytest.mark.parametrize(
    "question", ["chiều nay mấy giờ bắt đầu phiên chiều ạ", "phiên chiều mấy giờ bắt đầu ạ"]
)
def test_when_the_afternoon_session_starts_is_its_first_line(question):
    # (not the line "Hỏi đáp và thảo luận phiên chiều", which "phiên chiều" would name)
    answer = answer_question(question, VIEWS["conference"], NOW)
    text = _text(answer)
    assert answer.intent == Intent.ITEM_TIME and "13:30" in text and "15:15" not in text


def test_thanks_that_close_a_question_do_not_answer_it():
    view = VIEWS["heldout_fieldtrip"]
    question = (
        "Dạ em chào anh chị, em ở UBND xã, em đã đánh dấu đi thực tế ngày 03/12 trên phiếu rồi, cho em "
        "hỏi là đi chuyến này có phải đóng tiền gì không ạ, hay xã phải chuyển khoản trước cho BTC, em cảm ơn"
    )
    answer = answer_question(question, view, NOW)
    assert answer.abstains and answer.intent != Intent.THANKS
    # Thanks alone are thanked.
    assert answer_question("cảm ơn ad nhiều nha", view, NOW).intent == Intent.THANKS


def test_one_parallel_session_named_and_the_entry_on_moving_between_them():
    view = _pending_view("heldout_smartagri")
    answer = answer_question("phiên song song 1B ở phòng nào", view, NOW)
    text = _text(answer)
    assert answer.intent == Intent.WHERE and "1B" in text and "1A" not in text
    answer = answer_question(
        "Can I move between the parallel sessions, or do I have to register for one?", view, NOW
    )
    assert answer.intent == Intent.FAQ and "first come first served" in _text(answer)


def test_attending_in_person_asked_where_is_the_venue_not_the_note_on_joining_online():
    answer = answer_question("thứ 5 tuần sau tập huấn trực tiếp ở đâu vậy ạ", VIEWS["heldout_hybrid"], NOW)
    assert answer.intent == Intent.WHERE and "Hội trường Tân Trào" in _text(answer)
    # Watching live is the broadcast's note.
    answer = answer_question("xem truc tiep o dau vay", VIEWS["heldout_hearing"], NOW)
    assert answer.intent == Intent.NOTE and "ATV" in _text(answer)


def test_a_smart_customs_station_asked_in_english_is_the_line_that_visits_it():
    t = dt.time.fromisoformat
    draft = event_draft(title="Hội nghị đối thoại doanh nghiệp cửa khẩu tỉnh Thử Nghiệm")
    draft.agenda = [
        AgendaDraft(
            title="Đối thoại với doanh nghiệp",
            start=t("08:00"),
            end=t("11:00"),
            presenter=None,
            kind=K.DISCUSSION,
        ),
        AgendaDraft(
            title="Tham quan Trạm kiểm soát hải quan thông minh tại cửa khẩu số II (đường Bình Minh)",
            start=t("13:45"),
            end=t("15:30"),
            presenter=None,
            kind=K.OTHER,
        ),
    ]
    answer = answer_question(
        "Where is the smart customs station we visit in the afternoon?",
        EventView.from_draft(draft, event_id=9142),
        NOW,
    )
    assert answer.intent == Intent.WHERE and "đường Bình Minh" in _text(answer)


def test_a_dress_question_is_not_the_entry_that_only_shares_attending_and_must():
    # "dự" and "bắt buộc" are said of any attending: the entry on the compulsory rehearsal is not
    # asked about by a question on what women may wear.
    view = _pending_view("heldout_gala")
    answer = answer_question("nữ đi dự mặc đầm được ko hay bắt buộc áo dài", view, NOW)
    assert answer.intent != Intent.FAQ and "tổng duyệt" not in _text(answer)
    # The entry is still found when its thing is asked.
    answer = answer_question("người nhận giải có bắt buộc dự tổng duyệt không", view, NOW)
    assert answer.intent == Intent.FAQ and "14:00" in _text(answer)


def test_a_greeting_that_carries_a_question_is_not_answered_with_a_greeting():
    view = _pending_view("heldout_centreopening")
    question = (
        "Dạ em chào anh chị, em là chuyên viên Sở Tài chính, năm nay lần đầu đi dự lễ khánh thành kiểu "
        "này nên hơi bỡ ngỡ, cho em hỏi bên em được xếp vào nhóm tham quan số mấy ạ?"
    )
    assert answer_question(question, view, NOW).intent != Intent.GREETING
    assert answer_question("Dạ em chào anh chị ạ", view, NOW).intent == Intent.GREETING


def test_now_that_is_since_not_the_time_of_asking():
    view = _pending_view("heldout_moved")
    answer = answer_question(
        "Who is giving Ha Tinh University's talk now that the professor can't come?", view, NOW
    )
    assert answer.intent == Intent.ITEM_PRESENTER and "Trần Thị Thu Hà" in _text(answer)
    assert answer_question("what is on now?", view, NOW).intent == Intent.NOW


def test_the_event_ends_at_its_closing_when_the_organisers_gave_that_hour_as_its_end():
    # Lunch and an optional visit after the closing are extras: the roundtable ends at 12:00.
    agenda = [
        ("08:00", "08:30", "Đón tiếp đại biểu", "BTC", K.REGISTRATION),
        ("08:30", "11:55", "Tọa đàm kết nối nhà đầu tư", "Sở KH&CN", K.DISCUSSION),
        ("11:55", "12:00", "Phát biểu bế mạc", "Giám đốc Sở KH&CN", K.CLOSING),
        ("12:00", "13:15", "Tiệc trưa giao lưu", None, K.BREAK),
        ("13:30", "18:00", "Khảo sát thực tế (tự chọn)", "BTC", K.OTHER),
    ]
    t = dt.time.fromisoformat
    draft = event_draft(title="Tọa đàm xúc tiến đầu tư tỉnh Thử Nghiệm", agenda=agenda)
    draft.start_time, draft.end_time = t("08:30"), t("12:00")
    answer = answer_question("mấy giờ tọa đàm kết thúc ạ", EventView.from_draft(draft, event_id=9143), NOW)
    assert answer.intent == Intent.END and "12:00" in _text(answer) and "18:00" not in _text(answer)
    # Without that hour given, the day runs to its last line.
    draft.end_time = None
    answer = answer_question("mấy giờ tọa đàm kết thúc ạ", EventView.from_draft(draft, event_id=9144), NOW)
    assert answer.intent == Intent.END and "18:00" in _text(answer)


def test_the_hours_of_a_numbered_part_are_not_the_whole_events():
    view = _pending_view("heldout_elearning")
    for question in ("When does online session 3 finish?", "What time does the third Zoom session finish?"):
        answer = answer_question(question, view, NOW)
        assert answer.abstains and "10:00" not in _text(answer)
    # The whole course's end is still told.
    answer = answer_question("When does the course finish?", view, NOW)
    assert answer.intent == Intent.END and not answer.abstains


def test_how_long_a_half_day_lasts_is_its_own_hours():
    agenda = [
        ("07:30", "08:00", "Đón tiếp đại biểu", "BTC", K.REGISTRATION),
        ("08:00", "11:30", "Làm việc theo phòng - vòng sáng", "Tổ chấm điểm", K.DISCUSSION),
        ("11:30", "13:30", "Nghỉ trưa", None, K.BREAK),
        ("13:30", "16:40", "Làm việc theo phòng - vòng chiều", "Tổ chấm điểm", K.DISCUSSION),
    ]
    view = EventView.from_draft(event_draft(agenda=agenda), event_id=9145)
    text = _text(answer := answer_question("buổi sáng kéo dài bao lâu", view, NOW))
    assert answer.intent == Intent.DURATION and "08:00–11:30" in text and "3 giờ 30 phút" in text
    text = _text(answer := answer_question("How long is the afternoon?", view, NOW))
    assert answer.intent == Intent.DURATION and "13:30–16:40" in text and "3 h 10 min" in text
    # The whole day is still told when no half is asked.
    assert "07:30–16:40" in _text(answer_question("hội thảo kéo dài bao lâu", view, NOW))


def test_when_to_be_there_is_not_a_note_on_another_group():
    # The rehearsal note tells the award recipients' representatives when to be there, not the
    # delegates: their welcome is the event's from 17:15.
    view = _pending_view("heldout_gala")
    answer = answer_question("thứ 6 tuần sau đại biểu phải có mặt từ mấy giờ", view, NOW)
    assert "17:15" in _text(answer) and "13:45" not in _text(answer)
    # The group a note is about still finds it.
    answer = answer_question("khán giả phải có mặt lúc mấy giờ", VIEWS["heldout_tvshow"], NOW)
    assert answer.intent == Intent.NOTE and "19:00" in _text(answer)


def test_a_peoples_committee_of_one_level_is_not_an_office_of_another():
    view = _pending_view("heldout_software")
    answer = answer_question("UBND xã học ca nào", view, NOW)
    assert "Văn phòng UBND tỉnh" not in _text(answer)
    answer = answer_question("Văn phòng UBND tỉnh học ca nào", view, NOW)
    assert answer.intent == Intent.AGENCY_TALKS and "Ca sáng" in _text(answer)


def test_the_city_of_the_venues_address_names_no_line_asked_where():
    answer = answer_question(
        "Lớp bồi dưỡng PII ở Quy Nhơn học ở khách sạn nào vậy?", VIEWS["heldout_congress"], NOW
    )
    assert "Hải Âu" in _text(answer) and "sảnh khách sạn" not in _text(answer)


def test_a_note_does_not_answer_for_a_city_it_never_names():
    view = _pending_view("heldout_visit")  # a coach from Lào Cai to Thái Nguyên
    assert answer_question("có xe đón ở Hà Nội ko ạ", view, NOW).abstains
    answer = answer_question("có xe đón ở Lào Cai ko ạ", view, NOW)
    assert answer.intent == Intent.NOTE and "06:00" in _text(answer)


def test_a_booth_numbered_by_a_letter_and_digits_is_the_seat_asked():
    view = _pending_view("heldout_nightfair")
    answer = answer_question("Sở Công Thương được bố trí gian số mấy vậy?", view, NOW)
    assert answer.intent == Intent.AGENCY_TALKS and "Gian A03" in _text(answer)
    answer = answer_question("Which booth numbers does xa Huong Son have?", view, NOW)
    assert "B05" in _text(answer)


def test_the_phone_of_a_numbered_coach_leader_is_in_the_note_that_numbers_the_coaches():
    view = _pending_view("heldout_awardtour")
    answer = answer_question("sdt truong xe so 1 la gi ad", view, NOW)
    assert answer.intent == Intent.NOTE and "0915 482 306" in _text(answer)
    # Whom to call in general is still the contact note.
    assert "0229 3 871 245" in _text(answer_question("số điện thoại liên hệ ban tổ chức", view, NOW))


def test_an_entry_whose_answer_names_a_support_centre_does_not_answer_travel_support():
    view = _pending_view("heldout_pitching")
    answer = answer_question("Đội thi ở xa có được hỗ trợ chi phí đi lại không ạ?", view, NOW)
    assert answer.abstains and "triệu đồng" not in _text(answer)


def test_a_second_day_guessed_is_a_days_words_not_a_thing_asked():
    view = _pending_view("heldout_borderdialogue")  # Wednesday 25/11
    answer = answer_question(
        "thu 4 tuan sau hoi nghi doi thoai o kim thanh dung ko hay thu 5 vay ad", view, NOW
    )
    assert answer.intent == Intent.WHEN and "25/11/2026" in _text(answer)
    view = _pending_view("heldout_selfscore")
    answer = answer_question(
        "buổi tự chấm điểm PII ở Ninh Bình là thứ 4 tuần sau hay tuần sau nữa ạ?", view, NOW
    )
    assert answer.intent == Intent.WHEN and "02/12/2026" in _text(answer)
    # Two of the event's days named: not the first day's hours alone.
    view = _pending_view("heldout_smartagri")
    answer = answer_question("Is the conference next Thursday and Friday?", view, NOW)
    assert answer.abstains or "27/11" in _text(answer)


def test_how_to_register_is_not_the_time_of_the_registration_line():
    answer = answer_question(
        "muốn đi tham quan khu công nghệ cao chiều 10/12 thì đăng ký thế nào", VIEWS["heldout_forum"], NOW
    )
    assert answer.intent != Intent.ITEM_TIME and "Đón tiếp" not in _text(answer)


def test_a_label_of_lines_inside_the_events_own_name_names_no_part():
    view = _pending_view("heldout_critique")  # "Hội nghị phản biện ..." with lines "Phản biện: ..."
    answer = answer_question("hoi nghi phan bien ngay nao, may gio bat dau vay", view, NOW)
    assert answer.intent == Intent.WHEN and "25/11/2026" in _text(answer) and "08:50" not in _text(answer)


def test_of_the_lines_the_words_name_the_agency_nameds_own_is_answered():
    view = _pending_view(
        "heldout_critique"
    )  # "Sở KH&CN" also spells the "Luật Khoa học, công nghệ" of a critique
    answer = answer_question("Sở KH&CN trình bày dự thảo lúc mấy giờ a?", view, NOW)
    assert answer.intent == Intent.ITEM_TIME and "08:20" in _text(answer) and "10:05" not in _text(answer)


def test_a_phone_number_asked_of_a_person_is_not_answered_by_the_name_alone():
    view = _pending_view("heldout_visit")
    answer = answer_question("Cho em xin số điện thoại riêng của trưởng đoàn Hoàng Văn Thạch", view, NOW)
    assert answer.abstains and answer.intent != Intent.CHAIR


def test_with_no_note_on_the_coach_the_line_that_boards_it_says_when_it_leaves():
    view = VIEWS["heldout_congress"]  # lines "... lên xe ... đi ..." (13:00) and "Xe đưa học viên về"
    answer = answer_question("đi thực tế xe chạy lúc mấy giờ", view, NOW)
    assert answer.intent == Intent.ITEM_TIME and "13:00" in _text(answer)
    # Who guides it too: the line says no one, so not answered by the coach's time alone.
    answer = answer_question("đi thực tế ICISE ai hướng dẫn, xe chạy lúc mấy giờ", view, NOW)
    assert answer.intent != Intent.ITEM_TIME


# Readings of the twenty-sixth session (docs/questions.md): the event, the question, the intent
# answered and a fact the answer holds.
@pytest.mark.parametrize(
    ("event", "question", "intent", "fact"),
    [
        # "hơn", "else", "taking", "cũng", "person", "gần", "a/c" frame a question, naming nothing
        (
            "heldout_congress",
            "e ở Kbang cách QN hơn 30km có được ở KS ko, đăng ký trước ngày nào",
            Intent.NOTE,
            "09/12/2026",
        ),
        ("heldout_digitalday", "What else do I need to bring to the digital day?", Intent.NOTE, "căn cước"),
        (
            "heldout_steering",
            "a/c cho e hỏi phiên họp BCĐ PII tỉnh họp ngày nào, mấy h bắt đầu ạ",
            Intent.WHEN,
            "02/12/2026",
        ),
        (
            "heldout_newsroom",
            "Where exactly is the media training course taking place?",
            Intent.WHERE,
            "Lê Hồng Phong",
        ),
        ("quang_tri", "có cần mặc vest ko hay mặc gì cũng dc", Intent.NOTE, "Trang phục công sở"),
        (
            "heldout_webinar",
            "Can I come to the Sở in person and sit in the meeting room?",
            Intent.NOTE,
            "không đến Sở",
        ),
        ("heldout_evening", "Buổi tối đi ô tô thì đỗ ở đâu gần quán ạ?", Intent.NOTE, "200 m"),
        # the lexicon: "wearing", "tránh", "video ngắn", "giả định", "lãnh đạo", "phản biện xã hội"...
        (
            "heldout_tvshow",
            "What colours should guests avoid wearing in the studio?",
            Intent.NOTE,
            "tránh áo màu trắng",
        ),
        (
            "heldout_newsroom",
            "Who teaches the session on short videos and infographics for social media?",
            Intent.ITEM_PRESENTER,
            "Chuyên đề 3",
        ),
        ("heldout_newsroom", "How long does the mock press conference last?", Intent.DURATION, "60"),
        (
            "heldout_council",
            "giám đốc sở em bận, cử phó giám đốc đi thay có được k",
            Intent.FAQ,
            "07/12/2026",
        ),
        (
            "heldout_critique",
            "What time does the social critique conference start next Wednesday?",
            Intent.WHEN,
            "08:00",
        ),
        (
            "heldout_critique",
            "Who gives the critique on the legal basis of the draft?",
            Intent.ITEM_PRESENTER,
            "Nguyễn Thị Kim Yến",
        ),
        # the head noun asked "which" of is what the seat note gives
        ("heldout_newsroom", "Sở Công Thương thuộc nhóm thực hành nào vậy", Intent.AGENCY_TALKS, "Nhóm 3"),
        # deadlines: a piece a line names, the dated note holding most of it, "hạn xác nhận"
        ("heldout_newsroom", "hạn nộp bài thực hành là ngày nào", Intent.NOTE, "04/12/2026"),
        ("heldout_newsroom", "bài thực hành nộp trước ngày nào", Intent.NOTE, "04/12/2026"),
        (
            "heldout_critique",
            "Nếu em không kịp phát biểu thì gửi ý kiến bằng văn bản hạn chót khi nào ạ?",
            Intent.NOTE,
            "30/11/2026",
        ),
        ("heldout_critique", "Hạn xác nhận tham dự là hôm nào vậy?", Intent.WHEN, "23/11/2026"),
        # "chốt chưa" asks whether the first clause's answer is settled
        (
            "heldout_tentative",
            "hội nghị triển khai số liệu PII 2027 họp ngày nào vậy, chốt chưa",
            Intent.WHEN,
            "Chưa chốt ngày",
        ),
        # contacts: a choice in English, an email, a contact note naming the thing
        (
            "heldout_critique",
            "Who do I call to confirm my attendance or about my invitation letter?",
            Intent.NOTE,
            "0256 3 822 614",
        ),
        (
            "heldout_critique",
            "What email address do we send written comments to?",
            Intent.NOTE,
            "phanbien.mttq@",
        ),
        (
            "heldout_critique",
            "Số đt chị phụ trách nội dung dự thảo bên Sở KH&CN là gì ạ",
            Intent.NOTE,
            "Đặng Thị Hồng Vân",
        ),
        # of notes sharing as many words, the one writing them itself
        ("heldout_webinar", "co gui lai video buoi giai dap ko", Intent.NOTE, "02 ngày làm việc"),
    ],
)
def test_twenty_sixth_session_readings(event: str, question: str, intent: Intent, fact: str) -> None:
    answer = answer_question(question, _view(event), NOW)
    assert answer.intent == intent and fact in _text(answer), _text(answer)
