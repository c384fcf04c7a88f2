"""The ordered readings of a question: the first one the event's data supports is the answer.

See docs/questions.md ("The decision"). The readings come in four groups, tried in order: the
venue's street number, a FAQ entry and things the data never holds (`_outside`); calendar and
navigation in the programme (`_navigation`, in navigate.py); a programme line, note, presenter or
agency named (`_named`); then the event as a whole (`_general`). Every reading names its evidence;
the readings that would answer something else than what was asked give way to "I do not know".
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.domain.formatting import format_date, format_time
from bot.domain.qa import facts, navigation
from bot.domain.qa.agreement import PART_WORDS, asks_content, asks_quantity, holds
from bot.domain.qa.asking import (
    asks_what,
    faq_holding,
    faq_is_the_question,
    named_by_presenter,
    number_after,
    says_deadline,
    which_of,
)
from bot.domain.qa.evidence import HARMLESS, Answer, Evidence, unsure
from bot.domain.qa.intents import OUTSIDE_WEIGHTS, Intent
from bot.domain.qa.lexicon import lexicon
from bot.domain.qa.matcher import EVENT_KIND_PHRASES, content_tokens, topic_words
from bot.domain.qa.messages import Message
from bot.domain.qa.navigate import STARTS, navigation_reading
from bot.domain.qa.normalise import normalise_tokens
from bot.domain.qa.ordinals import ordinal
from bot.domain.qa.people import PERSON_WORDS, person_names, role_before_colon, role_named
from bot.domain.qa.reading import (
    AGENCY_THRESHOLD,
    CLOCK_TEXT,
    FAQ_STRONG,
    FAQ_WEAK,
    ITEM_THRESHOLD,
    LEAVING_EARLY,
    TIME_WORDS,
    Reading,
    confirms,
    missing_part,
)
from bot.domain.qa.replies import (
    agency_note,
    agency_seats,
    agency_talks,
    faq_answer,
    faq_entry,
    field,
    note,
    note_reply,
    programme,
    when,
    where,
    who_the_agency_sends,
)
from bot.domain.qa.rooms import asks_parallel, lines_in_room, parallel_lines, placed
from bot.domain.qa.specifics import answered_specifics
from bot.domain.qa.view import ItemView
from storage.enums import AgendaKind

__all__ = ["AGENCY_THRESHOLD", "FAQ_STRONG", "FAQ_WEAK", "ITEM_THRESHOLD", "decide"]

_NUMBER_ASKED = (
    ("so", "may"),
    ("so", "nha"),
    ("so", "bao", "nhieu"),
    ("what", "number"),
    ("which", "number"),
)
# Words of who the asker is in their agency ("cán bộ", "chuyên viên", "lãnh đạo").
_STAFF = frozenset({"can", "bo", "chuyen", "vien", "lanh", "dao", "nhan", "van", "phong"})
_COUNTING = frozenset({"may", "nhieu", "many", "nhung", "cac"})
_CONFIRM = (("dung", "khong"), ("phai", "khong"), ("right",), ("dung", "ko"), ("phai", "ko"))
_CONFIRM_WORDS = frozenset(w for p in _CONFIRM for w in p)
# "ngày 2 buổi chiều làm gì", "what do we do on day two": with a day named, its programme.
_DOING = frozenset({"lam", "hoc", "do", "happening", "happens"})
# A time or a date in an answer: what "mấy giờ", "khi nào" asks for.
_GIVES_TIME = re.compile(
    r"\b\d{1,2}(?::\d{2}|h\d{0,2}|/\d{1,2})\b|\b(?:tuần|ngày|tháng|hôm|sau|trước|week|day|month|after|before)\b",
    re.IGNORECASE,
)


# Words of a FAQ entry that says where something is.
_PLACE_WORDS = frozenset(
    {"dau", "where", "phong", "room", "hoi", "truong", "hall", "tang", "floor", "dia", "diem"}
)
# A FAQ entry that asks who may attend or go answers the same question a little more loosely.
_FAQ_ON_WHO = 60.0
_WHO_MAY = (
    ("ai", "duoc"),
    ("ai", "tham", "du"),
    ("ai", "du"),
    ("who", "can"),
    ("who", "may"),
    ("who", "attends"),
)


def decide(r: Reading) -> Answer:
    """The first reading of the question that the event's data supports, in a fixed order."""
    for reading in (_outside, navigation_reading, _named, _general):
        answer = reading(r)
        if answer is not None:
            return _resumed(r, _date_given(r, answer))
    return unsure(r.cues, r.question_like, r.matched)


# "bắt đầu lại", "start again": a half-day asked when it resumes, after the break that opens it.
_RESUME = tuple(
    normalise_tokens(p)
    for p in (
        "bat dau lai",
        "start again",
        "starts again",
        "resume",
        "resumes",
        "restart",
        "restarts",
        "tiep tuc",
    )
)


# (a half-day's session, "phiên chiều", not the half-day itself, "buổi chiều", whose hours answer)
_HALF_SESSIONS = (
    ("phien", "sang"),
    ("phien", "chieu"),
    ("phien", "toi"),
    ("afternoon", "session"),
    ("morning", "session"),
    ("evening", "session"),
)


def _resumed(r: Reading, answer: Answer) -> Answer:
    """ "buổi chiều bắt đầu lại lúc mấy giờ": the half-day's first session (its line), not the
    half-day's hours, when the day is known."""
    if answer.intent != Intent.WHEN or r.half is None or not r.time_question:
        return answer
    # ("chiều nay mấy giờ bắt đầu phiên chiều": the half-day's session named and its start asked)
    session_start = any(holds(r.tokens, p) for p in _HALF_SESSIONS) and any(
        holds(r.tokens, tuple(p.split())) for p in STARTS
    )
    if not session_start and not any(holds(r.tokens, p) for p in _RESUME):
        return answer
    days = {i.day for i in r.view.items}
    day = r.day if r.day is not None else (next(iter(days)) if len(days) == 1 else None)
    if day is None:
        return answer
    sessions = [
        i for i in navigation.day_items(r.view, day, r.half) if i.kind != AgendaKind.BREAK and i.start_time
    ]
    first = min(sessions, key=lambda i: i.start_time, default=None)
    return answer if first is None else _item_time(r, [first])


# Days named relative to today in English ("what's on tomorrow?").
_RELATIVE_DAYS = frozenset({"today", "tomorrow", "tonight"})
# A date asked ("ngày nào", "what date"), and a clock time asked, which a line's time answers.
_DATE_ASKED = (("ngay", "nao"), ("hom", "nao"), ("ngay", "may"), ("what", "date"), ("which", "day"))
_CLOCK_ASKED = (("may", "gio"), ("gio", "nao"), ("luc", "may"), ("what", "time"))


def _date_given(r: Reading, answer: Answer) -> Answer:
    """A line's time or an agency's part, which at a one-day event says no date, does not answer a
    date asked ("lễ ký kết với ĐHQGHN ngày nào"): the event's date does."""
    view, tokens = r.view, r.tokens
    if (
        answer.intent in (Intent.ITEM_TIME, Intent.AGENCY_TALKS)
        and view.start_date is not None
        and view.last_date == view.start_date
        and any(holds(tokens, p) for p in _DATE_ASKED)
        and not any(holds(tokens, p) for p in _CLOCK_ASKED)
    ):
        return when(r)
    return answer


# A length of time asked ("có giá trị mấy năm", "bao lâu"), and one written in an answer.
_HOW_LONG = tuple(
    normalise_tokens(p)
    for p in ("may nam", "bao nhieu nam", "bao lau", "how long", "how many years", "may thang")
)
_LENGTH = re.compile(
    r"\b\d+\s*(năm|tháng|tuần|ngày|giờ|tiếng|phút|years?|months?|weeks?|days?|hours?|minutes?)\b",
    re.IGNORECASE,
)


def _outside(r: Reading) -> Answer | None:
    """The venue's street number, a FAQ entry read as the question, or what the data never holds."""
    view, index, hits, tokens = r.view, r.index, r.hits, r.tokens
    # ("phần 5 mấy giờ", "the second round of data collection": a part the data numbers otherwise)
    missing = missing_part(view, index, tokens)
    if missing is not None:
        return r.dont_know(Evidence("elsewhere", missing, 0.0))
    # "giao ban tháng 12 tổ chức ngày nào" of the November briefing ("... tháng 11/2026"): another
    # edition of a recurring event, which this one's data does not hold.
    own_months = _months(normalise_tokens(view.title))
    asked_months = _months(tokens)
    if own_months and asked_months and not asked_months & own_months:
        return r.dont_know(Evidence("elsewhere", "month", 0.0))
    # ("When is the session on forms and deadlines?": the line of that part, asked when)
    # ("bài thực hành nộp hạn cuối khi nào" of a line "Biên tập bài thực hành": a line whose title
    # says no deadline is no session on one)
    if _asks_deadline(tokens) and not (
        r.lined
        and PART_WORDS & set(tokens)
        and any(says_deadline(index.title_tokens[i]) or "han" in index.title_tokens[i] for i in r.lines_found)
    ):
        # "hạn chót gửi câu hỏi là bao giờ": a deadline, which a note or an entry dates, not a line.
        return _deadline(r)
    # "năm sau xã mình có tổ chức ngày hội nữa không": next year's edition, which no data holds.
    if any(holds(tokens, p) for p in _NEXT_YEAR) and (
        any(holds(tokens, p) for p in EVENT_KIND_PHRASES)
        or r.score(Intent.WHEN) >= 2
        # ("năm sau có mở lớp giảng viên nguồn nữa không": the event by its title's words)
        or len(set(r.all_content) & index.title_words) >= 2
    ):
        return r.dont_know(Evidence("elsewhere", "year", 0.0))
    # ("HN trực tuyến PII là thứ 5 tuần sau phải không": the event's own name fires no cue)
    others = [
        c
        for c in hits.fired
        if not c.startswith(("when:", "marker:")) and not set(c.rpartition(":")[2].split()) <= r.own_name
    ]
    if r.asked.elsewhen and not r.lined and not others:
        # "lễ trao giải tối nay à?", "is the workshop tomorrow?": a day that is none of the event's,
        # about the event itself; its dates answer.
        # ("workshop ở Melia là thứ 6 phải không": the venue's name is the event's too)
        about = (
            set(r.content)
            - index.title_words
            - index.kind_words
            - index.venue_words
            - TIME_WORDS
            - HARMLESS
            - _CONFIRM_WORDS
            - _party_words(r)
        )
        if not about:
            return when(r)
    # "số mấy Lý Thường Kiệt", "what number on Chua Chuong street": the venue's street is named
    # and its number asked.
    # (not the words of the agency named: "Quỹ Phát triển KH&CN ... ngồi bàn số mấy")
    street = set(r.all_content) & index.address_words - HARMLESS - (r.agency_words if r.agency_ok else set())
    if len(street) >= 2 and any(holds(tokens, p) for p in _NUMBER_ASKED):
        return r.done(Intent.WHERE, facts.where_messages(view), 0.85, field("venue", 0.85), location=True)
    # ("bài kiểm tra cuối khóa làm trong bao lâu": the line's length, though an entry names the test)
    how_long = r.lined and r.score(Intent.DURATION) >= 4
    # ("đoàn ra sân bay lúc mấy giờ" against "Ai tiễn Đoàn ra sân bay?": asked when, an entry that
    # asks who is not the question; the line that holds it gives the time)
    asks_other = (
        r.faq is not None
        and r.time_question
        and r.lined
        and _asks_who_only(index.faq_question_tokens[r.faq.index])
    )
    if r.faq is not None and r.faq.score >= FAQ_STRONG and not how_long and not asks_other:
        return faq_answer(r)
    outside = r.score(Intent.UNKNOWN)
    phrases = hits.phrases_of(Intent.UNKNOWN)
    outside_words = {w for p in phrases for w in p}
    # "hội nghị trực tuyến ngày mấy": the event's own name, not attending online.
    # ("Who chairs this exam?" of "Kỳ kiểm tra ...": the kind its title says in either language)
    if outside and all(
        set(p) <= r.own_name or (p in EVENT_KIND_PHRASES and set(p) <= index.title_words) for p in phrases
    ):
        outside = 0.0
    # "mấy giờ trao giấy chứng nhận": a programme line that holds the very thing (after any FAQ
    # entry about it, below).
    in_a_line = bool(phrases) and all(
        any(
            holds(title, p) or p in glosses
            for title, glosses in zip(index.title_tokens, index.title_glosses, strict=True)
        )
        for p in phrases
    )
    # "trước bài kiểm tra cuối khóa là phần gì": the line, which the question moves from.
    moving = max(r.score(Intent.PREVIOUS), r.score(Intent.NEXT), r.score(Intent.BETWEEN)) >= 1
    # "xe đưa đón xuất phát mấy giờ", "can I follow the course online": the organisers' own note
    # on the very thing (a shuttle, joining online) accounts for the words that name it.
    if outside and r.has_note and r.topic is not None:
        said = set(index.note_text_words.get(r.topic, frozenset()))
        said |= {w for p in hits.phrases_of_topic(r.topic) for w in p}
        said |= {w for g in lexicon().glosses(tuple(said)) for w in g}
        # ("how much does the buffet lunch cost": "offered by the organisers" says the price)
        said |= answered_specifics(tokens, facts.note_text(view, r.topic) or "")
        outside = sum(OUTSIDE_WEIGHTS.get(p, 0) for p in phrases if not set(p) <= said)
    if outside < 3 or (r.has_note and r.topic_score >= outside) or _who_does_the_line(r, phrases):
        return None
    sent = any(
        r.tokens[n - 1 : n + 3] == (verb, "bao", "nhieu", "nguoi")
        for n in range(1, len(r.tokens))
        for verb in _SENDING
    )
    if set(phrases) == {("bao", "nhieu", "nguoi")} and r.agency_ok and sent:
        # "ĐH Đà Lạt được cử bao nhiêu người": how many the agency named may send, its seats
        seats = agency_seats(r)
        if seats is not None:
            return seats
    if r.catching and (r.lined or r.people):
        return None  # "đến muộn thì có kịp nghe phần X không": being late is why; X's time answers
    if r.time_question and r.lined and any(holds(tokens, p) for p in LEAVING_EARLY):
        return None  # "mấy giờ bế mạc, e xin về sớm": leaving early is why; the line's time answers
    # Only a FAQ entry about that very thing answers it ("giấy chứng nhận", "phiên dịch").
    entry = index.faq_about([p for p in phrases if OUTSIDE_WEIGHTS.get(p, 0) >= 2])
    if entry is not None:
        faq = view.faq[entry]
        answer_tokens = index.faq_answer_tokens[entry]
        said = (
            index.faq_words[entry]
            | set(answer_tokens)
            | index.faq_answer_glosses[entry]
            | answered_specifics(tokens, f"{faq.question} {faq.answer}")
            # ("chuyên gia Pháp" of "chuyên gia nước ngoài": the person the programme presents)
            | (PERSON_WORDS if r.people else frozenset())
            # ("hội thảo ở Melia có phiên dịch không": the event's own venue says which event)
            | index.venue_words
        )
        # Asked "when", a line holding the thing ("mấy giờ trao giấy chứng nhận") gives the time.
        if (
            not r.beyond(said)
            and not r.thing_missing(said)
            # (and asked who, the line's presenter: "who hands out the certificates at the closing")
            and not ((r.time_question or moving or how_long or r.presenter >= 3) and in_a_line)
            # "bao nhiêu điểm thì đạt": asked a number, the entry must give one for what is asked.
            and not (
                asks_quantity(tokens, frozenset()) and not number_after(answer_tokens, set(r.all_content))
            )
            and not (r.time_question and not _GIVES_TIME.search(faq.answer))
            # "chứng nhận có giá trị mấy năm": a length asked, which the entry must give
            and not (any(holds(tokens, p) for p in _HOW_LONG) and not _LENGTH.search(faq.answer))
        ):
            # "giấy chứng nhận có đóng dấu không": the entry must say what else is asked.
            return faq_entry(r, entry, 0.9)
    if in_a_line:
        return None
    # "giải nhất bao nhiêu tiền": a FAQ entry that holds the other words and gives an amount.
    holder = faq_holding(
        [t for t in r.all_content if t not in outside_words], tokens, view, index, digits=True
    )
    # ("phiên 2 có gửi slide không": no amount asked, and an entry that never says "slide")
    if holder is not None and (
        asks_quantity(tokens, frozenset())
        or all(set(p) <= index.faq_words[holder] | set(index.faq_answer_tokens[holder]) for p in phrases)
    ):
        return faq_entry(r, holder, 0.8)
    sends = who_the_agency_sends(r, phrases)
    if sends is not None:
        return sends
    return r.dont_know(Evidence("cue", "outside_data", outside / 6))


# Words of an agency sending people ("được cử bao nhiêu người", "được mời bao nhiêu người").
_SENDING = frozenset({"cu", "moi", "duoc", "di", "du"})
# Words between "những ai" and what they do ("những ai sẽ ký").
_DOING_FILLERS = frozenset({"se", "duoc", "dung", "ra", "len"})


def _who_does_the_line(r: Reading, phrases: list[tuple[str, ...]]) -> bool:
    """Whether "những ai" asks who does what a line found names ("những ai đặt bút ký thỏa
    thuận" of "Nghi thức ký kết thỏa thuận"), not who attends."""
    if phrases != [("nhung", "ai")] or not r.items or not r.item_strong:
        return False
    tokens = r.tokens
    at = next(n for n in range(len(tokens) - 1) if tokens[n : n + 2] == ("nhung", "ai")) + 2
    while at < len(tokens) and tokens[at] in _DOING_FILLERS:
        at += 1
    lines = r.item.indexes if r.item else ()
    return at < len(tokens) and any(tokens[at] in r.index.item_words[n] for n in lines)


def _party_words(r: Reading) -> set[str]:
    """The words of the agency named when the event's title names it too ("lễ ký kết với ĐHQG HN"
    of a signing "giữa UBND tỉnh, Đại học Quốc gia Hà Nội và ..."): a party to the event, which
    names the event rather than asking about the agency."""
    if r.agency is None:
        return set()
    words = [set(topic_words(normalise_tokens(n))) for n in r.agency.names]
    if not any(w and w <= r.index.title_words for w in words):
        return set()
    return set().union(*words)


# Sending or handing something in, and "before", asked when: a deadline.
_HANDING_IN = frozenset({"gui", "nop", "send", "submit", "sent", "submitted"})
_BY_WHEN = (
    ("truoc", "ngay"),
    ("truoc", "khi", "nao"),
    ("truoc", "bao", "gio"),
    ("truoc", "han"),
    ("by", "when"),
    ("han", "nao"),  # "đăng ký tác nghiệp hạn nào", "hạn tới khi nào"
    ("han", "toi", "khi", "nao"),
    ("han", "den", "khi", "nao"),
    ("han", "den", "ngay", "nao"),
)
_WHEN_ASKED = (
    ("khi", "nao"),
    ("bao", "gio"),
    ("ngay", "nao"),
    ("hom", "nao"),
    ("when",),
    ("han", "nao"),
    ("what", "date"),
)
_DATE_IN_TEXT = re.compile(r"\b\d{1,2}/\d{1,2}\b")


def _asks_who_only(question: tuple[str, ...]) -> bool:
    """Whether a FAQ entry's question (its tokens) asks who, and not when ("Ai tiễn Đoàn ra sân
    bay?")."""
    return bool({"ai", "who"} & set(question)) and not any(holds(question, p) for p in _WHEN_ASKED)


def _asks_deadline(tokens: tuple[str, ...]) -> bool:
    """Whether the question asks by when to send something in ("gửi trước ngày nào", "hạn chót
    gửi câu hỏi là bao giờ", "đăng ký tác nghiệp trước hạn nào")."""
    handing = bool(_HANDING_IN & set(tokens)) or holds(tokens, ("dang", "ky"))
    if handing and any(holds(tokens, p) for p in _BY_WHEN):
        return True
    when = any(holds(tokens, p) for p in _WHEN_ASKED)
    return when and says_deadline(tokens)


def _asked_by(words: list[str]) -> list[str]:
    """The words of a deadline question that say what is sent in, not that it is sent or when."""
    return [
        t
        for t in words
        if t not in HARMLESS and t not in TIME_WORDS and t not in _HANDING_IN and t != "deadline"
    ]


def _deadline(r: Reading) -> Answer:
    """The FAQ entry or note that gives a date for what is sent in, else unknown."""
    # (an entry that reads like the question, or holds every word asked, and gives a date:
    # "Hạn gửi góp ý ... là khi nào?")
    if r.faq is not None and r.faq.score >= FAQ_WEAK and _DATE_IN_TEXT.search(r.view.faq[r.faq.index].answer):
        return faq_entry(r, r.faq.index, 0.85)
    # ("hạn nộp số liệu PII năm nay": the event's own title words and "năm nay" ask nothing more)
    # (but an entry that holds them too says more: "hạn nhập số liệu trên phần mềm" of a course
    # on entering data in the software)
    asked_of = [t for t in r.all_content if t not in r.index.title_words and t not in {"nam", "nay"}]
    for asked in ([t for t in r.all_content if t not in {"nam", "nay"}], asked_of):
        holder = faq_holding(asked, r.tokens, r.view, r.index)
        if holder is not None and _DATE_IN_TEXT.search(r.view.faq[holder].answer):
            return faq_entry(r, holder, 0.8)
    asked = _asked_by(r.all_content)
    # ("hạn gửi báo cáo giải trình" of a "phiên giải trình": the event's own words, said, count
    # too when the note holds them all)
    whole = [t for t in _asked_by(content_tokens(list(r.tokens))) if t != "han"]
    dated = [
        (key, text)
        for key, text in (r.view.venue.notes if r.view.venue else ())
        if _DATE_IN_TEXT.search(text)
    ]
    # (of several, the note that holds most of what is asked: "bài thực hành nộp trước ngày nào"
    # is the assignment's note, not the one on the groups' practice places)
    held = {
        key: sum(t in r.index.note_text_words.get(key, frozenset()) for t in asked) for key, _text in dated
    }
    # (a tie goes to the note holding more of every word asked: "không kịp phát biểu thì gửi ý
    # kiến bằng văn bản" of the note on written comments, not the documents' that invites comments)
    every = set(content_tokens(list(r.tokens)))
    best = max(
        held,
        key=lambda key: (held[key], len(every & r.index.note_text_words.get(key, frozenset()))),
        default=None,
    )
    if asked and best is not None and held[best] >= max(2, len(asked) - 1):
        return note_reply(r, best)
    holding = [
        key for key, _text in dated if len(whole) >= 2 and set(whole) <= set(r.index.note_tokens.get(key, ()))
    ]
    if asked and len(holding) == 1:
        return note_reply(r, holding[0])
    # ("có bố trí phòng nghỉ không, đăng ký hạn nào": the note on the topic asked, if it dates it)
    topic_text = facts.note_text(r.view, r.topic) if r.topic and r.topic_score >= 3 else None
    if topic_text and _DATE_IN_TEXT.search(topic_text):
        return note(r)
    # "hạn chót đăng ký tham dự là ngày nào", "RSVP deadline": registering to attend, which the
    # event's own registration deadline dates (asked of nothing else: a booth, a slot, a report).
    deadline = r.view.rsvp_deadline
    of_the_event = r.index.title_words | r.index.kind_words | _ATTENDING | {"han"}
    if (
        deadline is not None
        and _ATTENDING & set(r.tokens)
        and not [t for t in asked if t not in of_the_event]
    ):
        message = Message.of(
            "qa.when.rsvp_deadline", time=format_time(deadline.time()), date=format_date(deadline.date())
        )
        return r.done(Intent.WHEN, [message], 0.8, field("rsvp_deadline", 0.8))
    return r.dont_know(Evidence("cue", "deadline", 0.0))


# Words of registering to attend the event ("đăng ký tham dự", "xác nhận dự", "RSVP").
_ATTENDING = frozenset(
    {
        "dang",
        "ky",
        "tham",
        "du",
        "xac",
        "nhan",
        "rsvp",
        "register",
        "registration",
        "attend",
        "attending",
        "confirm",
    }
)


_CLOCK_IN_TEXT = re.compile(r"\b\d{1,2}(?::\d{2}|h\d{0,2})\b")


def _asks_clock(tokens: tuple[str, ...]) -> bool:
    """Whether the question asks an hour ("mấy giờ", "what time"), not a date."""
    return holds(tokens, ("may", "gio")) or holds(tokens, ("what", "time"))


# (and another round of it: "năm nay có tổ chức thêm buổi giải đáp lần 2 không")
_NEXT_YEAR = (("nam", "sau"), ("sang", "nam"), ("next", "year"), ("nam", "toi"), ("to", "chuc", "them"))


def _months(tokens: tuple[str, ...]) -> set[int]:
    """The months named as "tháng N"."""
    return {
        int(t)
        for n, t in enumerate(tokens)
        if n and tokens[n - 1] == "thang" and t.isdigit() and 1 <= int(t) <= 12
    }


def _named(r: Reading) -> Answer | None:
    """A programme line, practical note, presenter or agency that the question names."""
    view, index, tokens, content, items = r.view, r.index, r.tokens, r.content, r.items
    topic, topic_score, presenter, talks = r.topic, r.topic_score, r.presenter, r.talks
    in_room = _room(r)
    if in_room is not None:
        return in_room
    seats = agency_seats(r)  # "Sở Tài chính được mấy chỗ": its seats, and the note on them
    if seats is not None:
        return seats
    placed_agency = agency_note(r)  # "Sở Nội vụ thuộc nhóm nào": the note on its seats
    if placed_agency is not None:
        return placed_agency
    if presenter >= 3 and not items:
        # "ai trình bày đầu tiên": the first talk's presenter, no line named
        nth = _nth_part(r)
        if nth is not None:
            return nth
    act = _the_act(r) if r.time_question else None
    if act is not None:
        return r.done(
            Intent.ITEM_TIME, facts.item_time_messages(view, [act]), 0.8, Evidence("item", act.title, 0.8)
        )
    if r.attendees and r.faq is not None and r.faq.score >= _FAQ_ON_WHO:
        # "ai được đi tham quan khu CNC": who may go, which an entry asking the same says
        asked = normalise_tokens(view.faq[r.faq.index].question)
        if any(holds(asked, p) for p in _WHO_MAY):
            return faq_answer(r)
    # "hạn nộp số liệu (khi nào)": a FAQ entry that holds every word asked, and little else, is
    # the answer, not the line whose title mentions the same thing (its time answers another
    # question); asked "when", the entry must give a date or a time.
    # (the event's own title words and "năm nay" ask nothing of their own: "hạn nộp số liệu PII năm nay")
    asked_words = [t for t in content if t not in TIME_WORDS | {"nam", "nay"}]
    counting = asks_quantity(tokens, frozenset())  # "có bao nhiêu đội": an entry with a number
    # ("tham quan HTX Lam Hồng mấy giờ bắt đầu": when a line holding every word asked starts, not
    # the entry on who may join it)
    line_starts = bool(r.hits.phrases() & STARTS) and any(
        all(t in index.item_words[n] for t in asked_words) for n in r.lines_found
    )
    the_faq = next(
        (
            n
            for n, entry in enumerate(view.faq if items and not topic and not line_starts else ())
            if faq_is_the_question(
                [
                    t
                    for t in asked_words
                    if t not in r.own_said and (t in index.faq_words[n] or t not in index.title_words)
                ],
                index.faq_words[n],
                entry.question,
            )
            and (not (r.time_question or counting) or any(c.isdigit() for c in entry.answer))
            # ("mấy giờ bắt đầu": an hour, which an entry giving only a date does not say)
            and not (_asks_clock(tokens) and not _CLOCK_IN_TEXT.search(entry.answer))
            # ("cuộc họp số liệu PII họp ở phòng nào": where, which an entry on deadlines does not say)
            and (r.score(Intent.WHERE) < 3 or bool(_PLACE_WORDS & set(index.faq_words[n])))
            # ("vòng chung kết là hôm 10/12 đúng không": the line's day is confirmed, not an entry)
            and not (r.day is not None and confirms(tokens))
            # ("đoàn ra sân bay lúc mấy giờ" against "Ai tiễn Đoàn ra sân bay?": when, not who)
            and not (r.time_question and _asks_who_only(index.faq_question_tokens[n]))
        ),
        None,
    )
    # (a practical topic asked, "ăn tối", is the note's, or honestly missing)
    # ("phiên chuyên đề 2 ở phòng nào": the line says its room; the entry on choosing it does not)
    room_asked = r.score(Intent.WHERE) >= 3 and any(placed(i.title) for i in items)
    if items and not topic and the_faq is not None and presenter < 3 and not room_asked:
        return faq_entry(r, the_faq, 0.85)
    # "what day is the PII workshop in Quang Tri": words of the event's own title ask about the
    # event, not the line that shares them, unless a talk is asked ("chuyển đổi số trình bày lúc nào").
    # ("chuyên gia Hà Lan nói lúc mấy giờ": the person names the line)
    names_line = _names_line(r) or bool(r.people)
    # "đăng ký phòng nghỉ trước ngày nào": a practical topic asked, which the line named by one of
    # its words ("đăng ký") does not account for: the note's.
    # "xe đưa đón đi KCN xuất phát mấy giờ": a note on the topic, which the line never mentions.
    topic_phrases = r.hits.phrases_of_topic(topic) if topic else []
    if topic and not topic_phrases:
        # (a note of the organisers' own, found by its key: "ca_thi" for "ca 1 mấy giờ có mặt",
        # which the lines "Ca 1 - ..." hold too)
        topic_phrases = [normalise_tokens(topic.replace("_", " "))]
    topic_phrases += [g for p in topic_phrases for g in lexicon().glosses(p)]  # "Lunch" for "ăn trưa"
    in_line = any(all(w in index.item_words[i] for w in p) for i in r.lines_found for p in topic_phrases)
    # ("ngày 3/12 xe xuất phát mấy giờ, ở đâu": where too, which the shuttle's note says, the line not)
    # ("When's lunch and where?": the note says where, the line only when)
    where_of_topic = r.has_note and topic_score >= 3 and r.score(Intent.WHERE) >= 3
    # ("xe xuất phát mấy giờ, phải có mặt lúc nào": the coach's note gives both times, the line one)
    timed_note = (
        r.has_note
        and topic_score >= 5
        and len(CLOCK_TEXT.findall(facts.note_text(view, topic or "") or "")) >= 2
    )
    topic_first = bool(topic) and (
        where_of_topic
        or timed_note
        or (
            topic_score >= 5
            and (bool(r.unaccounted()) or (r.has_note and (not in_line or r.score(Intent.WHERE) >= 3)))
        )
    )
    if r.time_question and r.labels_named and items and presenter < 3 and not r.agency_ok:
        # "buổi trực tuyến 2 mấy giờ": the lines the programme labels so, over a note on the
        # online sessions that names them all.
        return _item_time(r, items)
    if r.time_question and presenter < 3 and _the_agency_presents(r):
        # "Cục SHTT trình bày lúc mấy giờ": the agency named is who is asked about, and the lines
        # its words matched are its own.
        return agency_talks(r, r.agency.score if r.agency else 0.5)
    if (
        r.time_question
        and r.item_strong
        and presenter < 3
        and talks < (3 if r.agency_ok else 4)
        and names_line
        and not topic_first
    ):
        return _item_time(r, items)
    # ("ai trình diễn nền tảng sàn giao dịch trực tuyến": who presents the line that says the
    # topic's words, not the note on joining online)
    # (nor who guides the visit a note of the organisers' own is on: "who shows us around the
    # cooperative" of the visit's line and a "field visit" note)
    # ("Who moderates the questions from journalists?": the line whose presenter writes the role
    # asked, "Điều phối: ...", not the note on the press)
    asked_roles = set(r.tokens) | {w for g in lexicon().glosses(r.tokens) for w in g}
    role_in_line = (
        presenter >= 3 and r.lined and any(role_before_colon(i.presenter or "", asked_roles) for i in items)
    )
    if (
        topic
        and topic_score >= 5
        and not role_in_line
        and not (presenter >= 3 and items and (in_line or not topic_phrases) and r.lined)
    ):
        return note(r)
    if presenter >= 3 and items:
        # "xã e thì ai chủ trì điểm cầu": an entry whose answer says who, in the very words asked,
        # rather than the line whose title shares them ("Thảo luận ... tại điểm cầu").
        holder = faq_holding(r.all_content, tokens, view, index)
        roles = {w for p in r.hits.phrases_of(Intent.ITEM_PRESENTER) for w in p} - {"ai", "who", "la", "is"}
        # ("tọa đàm có những diễn giả nào": lines that name their people answer who, whatever
        # an entry says of the speakers in passing)
        named_people = any(person_names(i.presenter or "") for i in items)
        if (
            holder is not None
            and roles
            and roles <= set(index.faq_answer_tokens[holder])
            and not named_people
        ):
            return faq_entry(r, holder, 0.8)
    if (
        presenter >= 3
        and items
        and named_by_presenter(content, items)
        and asks_what(tokens)
        and PART_WORDS & set(tokens)
    ):
        # "Which session is the World Bank moderating": the line of the presenter named is asked.
        return _item_time(r, items)
    if presenter >= 3 and items and named_by_presenter(content, items):
        # "ai là MC dẫn chương trình": the line that writes the role asked before a person's name
        holders = [i for i in items if role_named(i.presenter or "", set(content))]
        if holders:
            return r.done(
                Intent.ITEM_PRESENTER, facts.presenter_messages(holders[:1]), 0.85, *r.item_evidence
            )
    if presenter >= 3 and items and named_by_presenter(content, items) and not _of_the_agency(r, items):
        # "ai ngồi trong hội đồng giám khảo": the presenter is what is asked about, not the line
        # (unless it is who speaks for an agency: "who is speaking from Kyoto University"), which
        # a note of the organisers' own may say ("Hội đồng giám khảo gồm ...: TS. ... (Chủ tịch)").
        thing = tuple(t for t in content if t not in HARMLESS and t not in r.fired)
        holder = index.note_holding([thing], frozenset()) if len(thing) >= 2 else None
        if holder is not None:
            return note_reply(r, holder)
        return unsure(r.cues, r.question_like, r.matched, "qa.dont_know", r.item_evidence)
    if presenter >= 3 and items and not any(i.presenter for i in items):
        # "trưởng xe là ai, sđt": lines that name no one, and a note that names the role asked.
        thing = tuple(t for t in content if t not in HARMLESS and t not in r.fired)
        holder = index.note_holding([thing], frozenset()) if len(thing) >= 2 else None
        if holder is not None:
            return note_reply(r, holder)
    if (
        presenter >= 3
        and items
        and r.agency_ok
        and r.agency is not None
        and not set(items) & set(index.agency_lines(r.agency.names))
        and r.agency.name not in {i.presenter for i in items}
        and _for_the_agency(r)
    ):
        # "Who will sign the agreement for the Department of Finance?": who does it for an agency
        # the line does not name, which its presenter does not say.
        return r.dont_know(Evidence("agency", r.agency.name, 0.0), *r.item_evidence)
    if presenter >= 3 and items:
        return r.done(Intent.ITEM_PRESENTER, facts.presenter_messages(items), 0.9, *r.item_evidence)
    # (asked where of lines: "which room is ThS. Tuấn's micro-teaching group in" is that line's room)
    where_of_lines = r.score(Intent.WHERE) >= 3 and any(placed(i.title) for i in items)
    if r.agency_ok and r.agency and talks >= 1 and presenter < 3 and r.score(Intent.WHERE) >= 3 and not items:
        # "Sở KH&ĐT báo cáo thứ 2 tuần sau thì lên phòng nào": where its talks are held, which
        # its lines say when they name a room, else the venue.
        held = [i for i in index.agency_lines(r.agency.names) if placed(i.title)]
        if held:
            evidence = tuple(Evidence("item", i.title, 0.85) for i in held)
            return r.done(Intent.WHERE, facts.item_time_messages(view, held), 0.85, *evidence)
        return where(r, 0.8)
    if r.agency_ok and (talks >= 2 or (not items and talks >= 1) or presenter >= 3) and not where_of_lines:
        return agency_talks(r, r.agency.score if r.agency else 0.5)
    if r.people and (talks >= 1 or asks_what(tokens)) and not asks_content(tokens) and not where_of_lines:
        # "thầy Toàn trình bày đề tài gì", "what is the Dutch expert talking about": their lines.
        lines = [view.items[i] for i in r.people]
        return r.done(
            Intent.AGENCY_TALKS,
            facts.agency_messages(view, lines[0].presenter or "", lines),
            0.85,
            *(Evidence("item", i.title, 0.85) for i in lines),
        )
    if topic and topic_score >= 3 and not items:
        return note(r)
    # (the verb asked with "who" aside: "who teaches on day 2 afternoon")
    doing = {w for i in (Intent.ITEM_PRESENTER, Intent.AGENCY_TALKS) for p in r.hits.phrases_of(i) for w in p}
    if presenter >= 3 and not items and (r.day is not None or r.half is not None) and set(r.content) <= doing:
        return programme(r, 0.8)  # "who is presenting on Wednesday afternoon": that half-day's lines
    if presenter >= 3:
        return _by_role(r)
    if (
        topic
        and topic_score >= 3
        and r.score(Intent.WHERE) >= 3
        and items
        and r.lined
        and all(placed(i.title) for i in items)
        and not set(r.content) <= index.note_text_words.get(topic, frozenset())
    ):
        # "tiệc giao lưu ở đâu" of "Tiệc giao lưu tại Nhà hàng Hoàng Yến Beach": the line says where,
        # which the note on meals does not
        return where(r, 0.85)
    if topic and topic_score >= 3 and r.score(Intent.WHERE) >= 3:
        return note(r)  # "lunch venue?", "ăn trưa ở đâu": where the topic is, in its note (or not given)
    if r.score(Intent.WHERE) >= 3 and r.score(Intent.WHERE) >= r.score(Intent.WHEN) and r.general:
        # "Where can delegates park at the hotel?": where a practical thing is (parking), which no
        # note gives, not the venue itself
        unnoted = [
            k
            for k, weight in r.hits.topics.items()
            if weight >= 3
            and facts.note_text(view, k) is None
            and not all(set(p) <= index.venue_words for p in r.hits.phrases_of_topic(k))
        ]
        # (lines matched only by the event's own words or place name none: "ở Huế ngày nào, ở đâu")
        no_line = not items or not _names_line(r)
        if unnoted and no_line:
            return r.dont_know(Evidence("note", unnoted[0], 0.0))
        if r.score(Intent.WHEN) >= 3 and no_line:
            return _when_and_where(r)  # "lễ phát động ngày nào, ở đâu": both, in one reply
        return where(r, 0.9)
    return None


def _for_the_agency(r: Reading) -> bool:
    """Whether the question names its agency as the one a thing is done for ("who signs for the
    Department of Finance", "ai ký thay cho Sở Tài chính")."""
    words = [t for t in r.tokens if t not in {"the", "ben"}]
    first = next((n for n, t in enumerate(words) if t in r.agency_words), None)
    return bool(first) and words[first - 1] in {"for", "cho", "thay", "representing"}


# Words for the ceremony around an act ("lễ" of "lễ ký kết"), which the act itself is not.
_CEREMONY = frozenset({"le", "buoi"})


def _the_act(r: Reading) -> ItemView | None:
    """ "ký kết lúc mấy giờ", "lễ ký kết mấy giờ ký": the act a ceremony is named for, asked
    without the ceremony or named twice, is the one line that says the act and not the ceremony's
    name ("Nghi thức ký kết thỏa thuận", not "Phát biểu khai mạc lễ ký kết")."""
    tokens = r.tokens
    for kind in r.index.event_phrases:
        act = tuple(w for w in kind if w not in _CEREMONY)
        if len(act) < 2 or act == kind:
            continue
        said = sum(tokens[n : n + len(act)] == act for n in range(len(tokens)))
        # (the act's verb said again: "lễ ký kết mấy giờ ký")
        again = tokens.count(act[0]) > sum(tokens[n : n + len(kind)] == kind for n in range(len(tokens)))
        if not said or (holds(tokens, kind) and not again):
            continue
        rest = [t for t in r.content if t not in set(kind) | TIME_WORDS | HARMLESS]
        if rest:
            continue
        lines = [
            item
            for item, title in zip(r.view.items, r.index.title_tokens, strict=True)
            # (its title opens with it: "Nghi thức ký kết ...", not "Phát biểu của các bên ký kết")
            if holds(title[:4], act) and not holds(title, kind)
        ]
        if len(lines) == 1:
            return lines[0]
    return None


def _beyond_the_agency(r: Reading) -> bool:
    """Whether the question, naming an agency and no cue of its talks, says more than the agency's
    name and lines ("công ty em là DN KH&CN, không được chọn pitching có đi dự được không",
    "which Japanese companies will attend as investors"): its talks would answer another question."""
    if r.agency is None or r.talks >= 1:
        return False
    lines = r.index.agency_lines(r.agency.names)
    said = (
        r.agency_words
        | r.fired
        | {w for i in lines for w in normalise_tokens(f"{i.title} {i.presenter or ''}")}
    )
    said |= {w for g in lexicon().glosses(tuple(said)) for w in g}
    return r.beyond(said, at_least=1)


# Words that ask when ("ngày nào", "hôm nào"), which name no line by themselves.
_ASKING_WHEN = frozenset({"ngay", "hom", "nao"})
_AT = frozenset({"o", "tai", "in", "at"})


def _names_line(r: Reading) -> bool:
    """Whether the question names a line rather than the event: words of the line beyond the
    event's own title ("what day is the PII workshop in Quang Tri" names none), a talk asked, or a
    part. (The host agency's name names none of its lines either: "hội nghị ... của Sở KH&CN Cao
    Bằng tổ chức ngày nào".)"""
    # ("hội thảo ASEAN-Korea ở Đà Nẵng ...": the city of the event's address, which a line
    # "... Innovation Lab Đà Nẵng" shares, says where the event is, not which line)
    tokens, place = r.tokens, r.index.address_words | r.index.venue_words
    at_the_place = {t for n, w in enumerate(tokens) if w in _AT for t in tokens[n + 1 : n + 3] if t in place}
    return (
        # ("tổ chức từ ngày nào đến ngày nào" names no line whose title says "ngày chủ đề")
        bool(
            r.named
            - r.index.title_words
            - HARMLESS
            - r.agency_words
            - r.own_said
            - _ASKING_WHEN
            - at_the_place
        )
        or r.talks >= 2
        or bool(PART_WORDS & set(r.tokens) - r.own_said)  # ("phiên chợ đêm": the event's own name)
    )


def _lists_parts(r: Reading, items: list[ItemView]) -> bool:
    """Whether "có những chuyên đề gì" asks which parts there are, the lines found being several
    whose titles open with the very noun asked ("Chuyên đề 1 ...", "Chuyên đề 2 ...")."""
    tokens = r.tokens
    if "nhung" not in tokens or "gi" not in tokens or len(items) < 2:
        return False
    start = tokens.index("nhung") + 1
    end = tokens.index("gi", start) if "gi" in tokens[start:] else start
    noun = tokens[start:end]
    titles = [r.index.title_tokens[r.index.position(i)] for i in items]
    # ("những chuyên đề gì", folded to a part word, of "Chuyên đề 1", "Chuyên đề 2": numbered parts)
    if len(noun) == 1 and noun[0] in PART_WORDS:
        # ("phiên chuyên đề 2 có những bài gì" of two lines titled "Phiên chuyên đề 2 (...) - ..."):
        # the talks of the part the question names, which every line found opens with
        shared = 0
        while all(len(t) > shared and t[shared] == titles[0][shared] for t in titles):
            shared += 1
        head = titles[0]
        if any(holds(tokens, head[:k]) and any(w.isdigit() for w in head[:k]) for k in range(2, shared + 1)):
            return True
        return sum(any(w.isdigit() for w in t[1:3]) for t in titles) >= 2
    return bool(noun) and sum(t[: len(noun)] == noun for t in titles) >= 2


def _of_the_agency(r: Reading, items: list[ItemView]) -> bool:
    """Whether the lines named are the agency's named, by their presenters."""
    if not r.agency_ok or r.agency is None:
        return False
    lines = r.index.agency_lines(r.agency.names)
    # (a person named for it: "Prof. Tanaka Hiroshi, Kyoto University"; "World Bank" alone names none)
    return bool(lines) and all(i in lines and person_names(i.presenter or "") for i in items)


def _room(r: Reading) -> Answer | None:
    """ "what's on in Room B this afternoon", "phòng 201 mấy giờ bắt đầu": the lines held in the
    room named (parallel sessions write their room into the title)."""
    # ("chiều có phát trực tiếp 2 phiên song song không": the note on livestreaming)
    if (
        asks_parallel(r.tokens)
        and not r.time_question
        and not (r.has_note and r.topic_score >= 3)
        and r.score(Intent.UNKNOWN) < 3
        # ("phiên song song 1B ở phòng nào": the one its label names; "can I move between the
        # parallel sessions": the organisers' entry on it)
        and not (r.item_strong and len(r.items) == 1)
        and not (r.faq is not None and r.faq.score >= FAQ_WEAK)
    ):
        side_by_side = parallel_lines(r.view, r.day, r.half)
        if side_by_side:  # "chiều thứ 4 có mấy phiên song song, ở phòng nào"
            # (the programme's times show them side by side: no one line need hold "song song")
            messages = [Message.of("qa.programme.parallel"), *facts.item_time_messages(r.view, side_by_side)]
            return r.done(Intent.PROGRAMME, messages, 0.8, field("agenda", 0.8))
    held = [r.view.items[n] for n in lines_in_room(r.view, r.tokens)]
    if not held or any(i not in held for i in r.items):
        return None  # no room named, or a line elsewhere is named too
    if r.day is not None or r.half is not None:
        that_day = navigation.day_items(r.view, r.day, r.half)
        held = [i for i in held if i in that_day]
    tokens = r.tokens
    if not held or r.presenter >= 3 or r.score(Intent.WHERE) >= 3:
        return None
    evidence = tuple(Evidence("item", i.title, 0.8) for i in held)
    if r.time_question:
        return r.done(Intent.ITEM_TIME, facts.item_time_messages(r.view, held), 0.8, *evidence)
    if (
        r.score(Intent.PROGRAMME) >= 2
        or asks_what(tokens)
        or _DOING & set(tokens)
        or holds(tokens, ("co", "gi"))
    ):
        return r.done(Intent.PROGRAMME, facts.item_time_messages(r.view, held), 0.8, *evidence)
    return None


def _the_agency_presents(r: Reading) -> bool:
    """Whether the question names an agency that presents, and nothing else of the programme."""
    if not r.agency_ok or r.agency is None:
        return False
    lines = r.index.agency_lines(r.agency.names)
    if not lines:
        return False
    if r.lined and not any(i in lines for i in r.items) and any(t.isdigit() for t in r.tokens):
        return False  # "When is Chuyên đề 4": a numbered line not the agency's ("Trung tâm Chuyển đổi số")
    tokens = r.tokens
    asked = [t for t in r.content if t not in TIME_WORDS and t not in HARMLESS]
    # ("mấy giờ trao bằng khen của Chủ tịch UBND tỉnh": the line's own title, which a presenter
    # who is no agency of the event, "trao Bằng khen: Phó Chủ tịch UBND tỉnh", shares)
    if (
        r.lined
        and asked
        and r.agency.name not in {a.name for a in r.view.agencies}
        and any(set(asked) <= set(r.index.title_tokens[r.index.position(i)]) for i in r.items)
    ):
        return False
    # ("mấy phần", "how many talks" count the agency's parts; they name none)
    part_named = any(t in PART_WORDS and not (n and tokens[n - 1] in _COUNTING) for n, t in enumerate(tokens))
    if r.people or part_named:
        return False  # "thầy Lộc bên ĐHCT", "the IP session": a person or a line is asked about
    about = [
        t
        for t in r.content
        # ("... at the steering committee briefing": the event's own name)
        if t
        not in r.agency_words
        | r.fired
        | HARMLESS
        | TIME_WORDS
        | _STAFF
        | (set() if r.lined else r.index.title_words)
        and not t.isdigit()
        and len(t) > 1
    ]
    return not about


# Words that ask something ("gì", "không", "where"), which thanks that close a question leave.
_QUESTION_WORDS = frozenset(
    {"khong", "gi", "nao", "dau", "sao", "chua", "what", "when", "where", "how", "who", "which", "why"}
)
_BEFORE = frozenset({"truoc", "before", "prior"})
_BEFORE_SKIP = frozenset(
    {"the", "this", "buoi", "cuoc", "khi", "to", "dien", "ra", "online", "truc", "tuyen"}
)


def _before_the_event(tokens: tuple[str, ...]) -> bool:
    """Whether the words say "before the event" ("trước hội nghị", "before the online conference")."""
    for n, token in enumerate(tokens):
        if token not in _BEFORE:
            continue
        rest = tokens[n + 1 :]
        while rest and rest[0] in _BEFORE_SKIP:
            rest = rest[1:]
        if any(rest[: len(p)] == p for p in EVENT_KIND_PHRASES):
            return True
    return False


def _item_time(r: Reading, lines: list[ItemView]) -> Answer:
    # "When is the connection test before the conference?": a line of the day itself is not it;
    # an entry on what happens before the event, naming the thing asked, is.
    if _before_the_event(r.tokens) and not any(
        _before_the_event(r.index.title_tokens[r.index.position(i)]) for i in lines
    ):
        said = set(r.all_content) - HARMLESS
        for n, entry in enumerate(r.index.faq_question_tokens):
            if _before_the_event(entry) and said & r.index.faq_words[n]:
                return faq_entry(r, n, 0.8)
    messages = facts.item_time_messages(r.view, lines)
    if (
        r.score(Intent.WHERE) >= 3
        and r.view.venue is not None
        and not any(placed(i.title) or r.index.day_place_words.get(i.day) for i in lines)
    ):
        # ("họp tổng hợp chiều thứ 6 mấy giờ, ở đâu": lines that name no place of their own, on
        # a day held at no place of its own, are held at the event's venue, which answers where)
        messages = [*messages, *facts.where_messages(r.view)]
    return r.done(Intent.ITEM_TIME, messages, r.item.score if r.item else 0.5, *r.item_evidence)


def _by_role(r: Reading) -> Answer:
    # "who is the moderator": a role the programme writes before a presenter ("Moderator: ...").
    roles = {w for p in r.hits.phrases_of(Intent.ITEM_PRESENTER) for w in p} - {"ai", "who", "la", "is"}
    by_role = [
        i
        for i in r.view.items
        # ("Moderator: ...; panellists: ...": every role the presenter labels)
        if i.presenter
        and any(roles & set(normalise_tokens(label)) for label in _ROLE_LABEL.findall(i.presenter))
    ]
    if by_role and ":" in (by_role[0].presenter or "") and not r.content:
        evidence = tuple(Evidence("item", i.title, 0.8) for i in by_role)
        return r.done(Intent.ITEM_PRESENTER, facts.presenter_messages(by_role), 0.8, *evidence)
    # "Who leads the meeting?", "ai điều hành hội nghị": one who runs the event itself, its chair.
    if (
        not by_role
        and not r.content
        and roles & _RUNS
        and r.view.chair
        and any(holds(r.tokens, p) for p in EVENT_KIND_PHRASES)
    ):
        return r.done(Intent.CHAIR, navigation.chair_messages(r.view), 0.8, field("chair", 0.8))
    return unsure(r.cues, r.question_like, r.matched)


# A role written before a colon in a presenter ("Moderator: ...; panellists: ...").
_ROLE_LABEL = re.compile(r"([^:;,.]+):")
# Words for running a whole event, whose one who does is its chair.
_RUNS = frozenset({"leads", "runs", "hosts", "dieu", "hanh"})


def _nth_part(r: Reading) -> Answer | None:
    """ "the first item on the agenda", "phần cuối chương trình", "bài thứ 2 buổi chiều"."""
    tokens, score = r.tokens, r.score
    position = ordinal(tokens, r.asked.used)
    last_day = max((i.day for i in r.view.items), default=0)
    names_a_part = bool({"session", "sessions", "phan", "bai", "item", "talk", "part"} & set(tokens))
    # "ai trình bày đầu tiên", "who speaks last": the presenter of the first or last talk.
    who = r.presenter >= 3 and not r.time_question
    if not ((score(Intent.PROGRAMME) >= 3 or names_a_part or who) and position is not None and not r.items):
        return None
    # "tham luận số 3", "the second talk" count the talks only (four in one slot have no third).
    talks_only = (
        who
        or bool({"talk", "talks", "presentation"} & set(tokens))
        or any(holds(tokens, p) for p in (("tham", "luan"), ("bao", "cao")))
    )
    day_lines = [
        i
        # "phần cuối cùng": of the last day, unless a day is asked.
        for i in navigation.day_items(
            r.view, r.day if r.day is not None else (last_day if position == -1 else 0), r.half
        )
        if i.start_time
        and i.kind != AgendaKind.BREAK  # a break is no "part"
        and (not talks_only or i.kind == AgendaKind.TALK)
        and not (i.kind == AgendaKind.REGISTRATION and "bai" in tokens)  # nor the sign-in a "bài"
    ]
    slots = sorted({i.start_time for i in day_lines if i.start_time})
    if not (slots and -len(slots) <= position < len(slots)):
        return None
    chosen = [i for i in day_lines if i.start_time == slots[position]]
    evidence = tuple(Evidence("item", i.title, 0.8) for i in chosen)
    if who:
        return r.done(Intent.ITEM_PRESENTER, facts.presenter_messages(chosen), 0.8, *evidence)
    return r.done(Intent.ITEM_TIME, facts.item_time_messages(r.view, chosen), 0.8, *evidence)


def _when_and_where(r: Reading) -> Answer:
    """The event's date and its place, each as its own reply gives it; one alone if the other
    does not answer."""
    dated, placed_at = when(r), where(r, 0.7)
    if dated.abstains or placed_at.abstains:
        return placed_at if dated.abstains else dated
    return replace(
        dated,
        messages=(*dated.messages, *placed_at.messages),
        location=placed_at.location,
        evidence=(*dated.evidence, *placed_at.evidence),
    )


def _general(r: Reading) -> Answer | None:
    """The event as a whole: its programme, date, venue; an agency's talks; a greeting."""
    index, tokens, content, items, score = r.index, r.tokens, r.content, r.items, r.score
    agency = r.agency if r.agency_ok else None
    nth = _nth_part(r)
    if nth is not None:
        return nth
    presents = agency is not None and bool(index.agency_lines(agency.names))
    no_day = r.day is None and r.half is None
    if score(Intent.PROGRAMME) >= 3 and presents and no_day and not r.time_question:
        return agency_talks(r, agency.score if agency else 0.5)  # "UNDP có những bài gì": its talks
    # ("will the parallel sessions be livestreamed": the note on it, not the sessions)
    if (
        score(Intent.PROGRAMME) >= 3
        and not r.time_question
        and r.general
        and not (r.has_note and r.topic_score >= 3)
    ):
        return programme(r, 0.85)
    # A line named alone is asked about, unless the question is a request ("... được không") or
    # asks what the line says ("giải pháp cải thiện chỉ số là gì"): its title and time do not tell.
    # "Cục Thống kê hướng dẫn phần nào": what the agency presents, whichever line its words name.
    if (
        agency is not None
        and asks_what(tokens)
        and r.presenter < 3
        and not r.time_question
        and score(Intent.WHERE) < 3  # ("cà phê khởi nghiệp ở quán nào, địa chỉ đâu": where)
        and not which_of(tokens, r.agency_words)
        and not (items and asks_content(tokens))
        and not _beyond_the_agency(r)
    ):
        return agency_talks(r, agency.score)
    if (
        items
        and r.topic
        and r.topic_score >= 3
        and not r.time_question
        and r.topic_cue_words & set(r.unaccounted())
    ):
        return note(r)  # "what should I wear for the factory visit": the note; the line says when
    if items and not r.time_question and _lists_parts(r, items):
        # "ở hội trường có những chuyên đề gì": which parts there are, each with its time.
        return r.done(Intent.PROGRAMME, facts.item_time_messages(r.view, items), 0.8, *r.item_evidence)
    if items and asks_content(tokens) and not r.time_question and not named_by_presenter(content, items):
        return unsure(r.cues, r.question_like, r.matched, "qa.dont_know", r.item_evidence)
    names_line = _names_line(r)
    if (
        items
        and r.has_note
        and r.topic_score >= 3
        and not r.time_question
        and set(content) <= r.topic_cue_words
    ):
        return note(r)  # "lunch?": the organisers' note on it says more than the line's time
    if (
        items
        and r.lined
        and not r.time_question
        and score(Intent.WHERE) >= 3
        and score(Intent.WHERE) >= score(Intent.ITEM_TIME)
        and all(placed(i.title) for i in items)
    ):
        return where(r, 0.85)  # "nhóm 3 thảo luận ở phòng nào": the line says its room
    if items and (
        # ("hội thảo ASEAN-Korea ở Đà Nẵng tổ chức ở khách sạn nào": the event's words, asked where)
        (r.item_alone and not score(Intent.UNKNOWN) and (names_line or score(Intent.WHERE) < 2))
        or (r.item_strong and score(Intent.ITEM_TIME) >= 2 and names_line)
    ):
        return _item_time(r, items)
    if r.topic and r.topic_score >= 3:
        return note(r)
    if items and r.clock is not None and r.lined and not r.topic:
        return _item_time(r, items)  # "phát biểu khai mạc lúc 8h05 đúng không": the line's own time
    if items and r.labels_named and r.time_question:
        return _item_time(r, items)  # "thi lại ca 2 mấy giờ": the line its label names, its time
    best = max((Intent.WHEN, Intent.PROGRAMME, Intent.WHERE), key=score)
    if agency is not None and r.time_question and best == Intent.WHEN:
        return agency_talks(r, agency.score)  # "what time is UTEHY on": its talks' times
    if score(best) >= 2 and r.general:
        if best == Intent.PROGRAMME:
            return programme(r, 0.7)
        if min(score(Intent.WHEN), score(Intent.WHERE)) >= 3:
            # "lễ phát động ngày nào, ở đâu": both the date and the place, in one reply
            return _when_and_where(r)
        if best == Intent.WHERE:
            return where(r, 0.7)
        return when(r)
    if r.faq is not None and r.faq.score >= FAQ_WEAK:
        return faq_answer(r)
    # "which ballroom?", "hội trường nào": which part of the venue, which the venue's name gives.
    venue_said = set(content) - HARMLESS
    if not items and venue_said and venue_said <= index.venue_words and asks_what(tokens):
        return where(r, 0.8)
    if (
        agency is not None
        and r.day is not None
        and confirms(tokens)
        and any(holds(tokens, p) for p in EVENT_KIND_PHRASES)
    ):
        # "hội thảo Business Finland là thứ 4 tuần sau đúng không": the event's day, confirmed
        # (the agency named is who the event is known by, not a thing its dates leave out)
        evidence = (field("date", 0.8), Evidence("agency", agency.name, agency.score))
        return r.done(Intent.WHEN, facts.when_messages(r.view), 0.8, *evidence)
    if agency is not None and not _beyond_the_agency(r):
        return agency_talks(r, agency.score * 0.8)
    # ("... có phải đóng tiền gì không ạ, em cảm ơn": thanks closing a question, which it asks)
    if score(Intent.THANKS) >= 3 and not _QUESTION_WORDS & set(tokens):
        return r.done(Intent.THANKS, [Message.of("qa.thanks")], 0.9)
    if score(Intent.GREETING) >= 2 and not _QUESTION_WORDS & set(tokens):
        return r.done(Intent.GREETING, [Message.of("qa.greeting", title=r.view.title)], 0.9)
    of_the_event = TIME_WORDS | _DOING | index.title_words | index.kind_words | _CONFIRM_WORDS | HARMLESS
    of_the_event |= index.venue_words  # ("hội thảo ở Sở KH&CN là thứ 5 tuần sau đúng không")
    if no_day and r.asked.elsewhen and not [t for t in content if t not in of_the_event | _RELATIVE_DAYS]:
        # "hôm nay có gì" on a day the event is not held: when it is.
        return when(r)
    if not no_day and not [t for t in content if t not in of_the_event]:
        # "ngày 26 tháng 11 đúng không": on a one-day event, the date; else that day's programme,
        # unless the day itself is what is confirmed ("Is the PII training next Wednesday?").
        one_day = len({i.day for i in r.view.items}) <= 1
        confirming = confirms(tokens)
        # ("... là sáng thứ 5 17/12 hả" of an afternoon event: no morning, so its hours)
        # ("chiều có họp tiếp không": whether there is an afternoon, which the programme says)
        no_half = r.half is None or (
            ("la" in tokens or confirming) and not navigation.day_items(r.view, r.day, r.half)
        )
        return when(r) if (one_day or confirming) and no_half else programme(r, 0.6)
    # "đăng ký gian trưng bày mất phí bao nhiêu": a FAQ entry that holds every word asked.
    holder = faq_holding(r.all_content, tokens, r.view, index, digits=asks_quantity(tokens, frozenset()))
    # ("tuần 2 học mô-đun gì": the lines labelled "Tuần 2", not an entry on every week's study time)
    if holder is not None and r.labels_named and r.items:
        entry = (*index.faq_question_tokens[holder], *index.faq_answer_tokens[holder])
        if not all(holds(entry, p) for p in r.labels_named):
            return _item_time(r, r.items)
    if holder is not None:
        return faq_entry(r, holder, 0.75)
    return None
