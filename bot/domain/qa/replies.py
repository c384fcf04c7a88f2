"""The replies the decision gives: a note, a FAQ entry, an agency's talks, the date, the programme, the venue.

Each reply checks that it holds what the question asks of it ("phòng nghỉ có điều hòa không"
against the note on rooms) and otherwise says the bot does not know (docs/questions.md).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from bot.domain.qa import facts, navigation
from bot.domain.qa.agreement import alternative_given, asks_quantity, counted_noun, holds
from bot.domain.qa.asking import asks_where_a_thing, faq_holding, number_after
from bot.domain.qa.days import event_dates, parts_named
from bot.domain.qa.evidence import HARMLESS, Answer, Evidence
from bot.domain.qa.intents import NOTE_TOPICS, CueHits, Intent
from bot.domain.qa.lexicon import lexicon
from bot.domain.qa.lunar import asks_lunar, lunar_message
from bot.domain.qa.matcher import AgencyMatch, label_id
from bot.domain.qa.messages import Message
from bot.domain.qa.normalise import content_tokens, normalise_tokens
from bot.domain.qa.reading import (
    CLOCK_TEXT,
    FAQ_STRONG,
    FAQ_WEAK,
    NOTE_LABELS,
    PHONE_NUMBER,
    TIME_WORDS,
    Reading,
    confirms,
)
from bot.domain.qa.rooms import ADDRESS, placed, rooms_of
from bot.domain.qa.specifics import (
    answered_specifics,
    unanswered_place_part,
    unanswered_places,
    unanswered_specifics,
)
from bot.domain.qa.view import EventView, ItemView
from bot.domain.textfold import fold
from storage.enums import AgendaKind

__all__ = [
    "SEAT_NOUNS",
    "agency_seats",
    "agency_talks",
    "faq_answer",
    "faq_entry",
    "field",
    "note",
    "note_label",
    "note_reply",
    "programme",
    "when",
    "where",
]

# Verbs of fetching a thing, which a note on where to find it need not repeat.
_PICKING = frozenset({"lay", "nhan", "get", "pick", "collect", "tap", "trung"})
# A place said in a note ("nhận tại bàn đón tiếp", "at the registration desk").
_PLACED = re.compile(r"\b(?:tại|ở|at|in)\b", re.IGNORECASE)
# A clock time or a date in a note: what "mấy giờ" asks of it (a meeting ID is no time).
_TIMED = re.compile(r"\b\d{1,2}(?::\d{2}|h\d{0,2})\b|\b\d{1,2}/\d{1,2}\b")
_CONTACT = frozenset({"hotline", "contact", "lien_he"})
_MONEY_NOUNS = frozenset({"tien", "money", "dong", "vnd"})
_PRICED = re.compile(r"\d[\d.,]*\s*(?:đồng|đ\b|vnđ|vnd)", re.IGNORECASE)
_HELP = frozenset({"ho", "tro", "help", "support", "giup", "do"})
_DAY_MONTH = re.compile(r"\b(\d{1,2})/(\d{1,2})\b")


def field(name: str, confidence: float) -> Evidence:
    """Evidence that a reply rests on one of the event's own fields (date, venue, hours...)."""
    return Evidence("field", name, confidence)


# Other keys organisers give their notes, labelled in the catalogue (never a bare English key
# in a Vietnamese answer); these are shown only, not matched by (NOTE_LABELS are both).
SHOWN_NOTE_LABELS = frozenset(
    {
        "interpretation",
        "livestream",
        "recording",
        "press",
        "meals",
        "weather",
        "allowance",
        "road",
        "seating",
        "registration",
        "rooms",
        "arrival",
        "groups",
        "field_visit",
        "rain_plan",
        "connection_points",
        "minutes",
        "photos",
        "deadlines",
        "voting",
        "rehearsal",
        "help_desks",
        "accounts",
        "entry",
        "contacts",
        "contact",
        "security",
        "certificate",
        "materials",
    }
)


def note_label(topic: str) -> Message | str:
    if topic in NOTE_LABELS or topic in SHOWN_NOTE_LABELS:
        return Message.of(f"venue.note.{topic}")
    return topic.replace("_", " ")


def note_reply(r: Reading, key: str, confidence: float = 0.8) -> Answer:
    """The organisers' note `key`, given as the answer."""
    messages = facts.note_messages(r.view, key, note_label(key))
    return r.done(Intent.NOTE, messages, confidence, Evidence("note", key, confidence))


def _dates_in(text: str) -> set[tuple[int, int]]:
    """The (day, month) pairs a text writes ("02/12")."""
    return {(int(d), int(m)) for d, m in _DAY_MONTH.findall(text)}


# Words a number follows to say which one ("xe số 1", "nhóm 2").
_NUMBERED = frozenset({"so", "xe", "nhom", "to", "lop", "doi", "ban", "quay", "gian"})


def _note_with_phone(r: Reading, topic: str, thing: list[str]) -> str | None:
    """Another note than `topic` whose text holds every word of `thing` and gives a phone number
    ("Trưởng xe: anh ..., 0983 217 604")."""
    # ("What email address do we send written comments to?": the note that gives an address)
    mailed = bool(_MAIL_WORDS & set(r.tokens))
    for key, text in r.view.venue.notes if r.view.venue and thing else ():
        if (
            key != topic
            and set(thing) <= r.index.note_text_words.get(key, frozenset()) | set(normalise_tokens(text))
            and (_EMAIL.search(text) if mailed else PHONE_NUMBER.search(text))
        ):
            return key
    return None


_MAIL_WORDS = frozenset({"email", "mail", "gmail"})
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def _other_day(view: EventView, day: int | None, text: str) -> bool:
    """Whether a note gives dates, none of them the event's day asked about."""
    if day is None or view.start_date is None:
        return False
    given = _dates_in(text)
    # (dates that are none of the event's days, "link sent on 25/11", say no other day of it)
    days = {(d.day, d.month) for d in event_dates(view)}
    asked = view.start_date + dt.timedelta(days=day)
    return bool(given & days) and (asked.day, asked.month) not in given


def _places_of_lines(r: Reading) -> set[str]:
    # "xe đưa đón đi KCN xuất phát mấy giờ": where a line of the programme goes is context for a
    # note on getting there (the shuttle's note need not name the industrial park).
    if r.topic in ("shuttle", "xe_dua_don", "transport", "bus"):
        return {w for n in range(len(r.view.items)) for w in r.index.item_words[n]}
    # "lunch on factory visit day": a day named by its lines, which the note names by its date.
    text = facts.note_text(r.view, r.topic or "") or ""
    if r.view.start_date is None or not _DAY_MONTH.search(text) or not {"day", "ngay", "hom"} & set(r.tokens):
        return set()
    given = _dates_in(text)
    words: set[str] = set()
    for n, item in enumerate(r.view.items):
        date = r.view.start_date + dt.timedelta(days=item.day)
        if (date.day, date.month) in given:
            words |= set(r.index.item_words[n])
    return words


def faq_entry(r: Reading, n: int, confidence: float) -> Answer:
    """The organisers' answer to FAQ entry `n`."""
    entry = r.view.faq[n]
    asked, about = parts_named(r.tokens, r.view), parts_named(normalise_tokens(entry.question), r.view)
    if asked and about and not asked & about:
        # "diễn đàn sáng 20/11 có phát trực tiếp không" against an entry on the ceremony's: the
        # entry is about another part of the event.
        return r.dont_know(Evidence("faq", entry.question, 0.0))
    return r.done(
        Intent.FAQ,
        [Message.of("qa.faq", answer=entry.answer)],
        confidence,
        Evidence("faq", entry.question, confidence),
    )


def _named_either_way(hits: CueHits, topic: str) -> list[tuple[str, ...]]:
    """The phrases that named the topic, and their other language's ("documents": "tài liệu")."""
    phrases = hits.phrases_of_topic(topic)
    return [*phrases, *(g for p in phrases for g in lexicon().glosses(p))]


def note(r: Reading) -> Answer:
    """The organisers' note on the practical topic asked, if it says what is asked."""
    view, index, hits, tokens, topic = r.view, r.index, r.hits, r.tokens, r.topic
    assert topic is not None
    asks_who = r.presenter >= 3 or r.score(Intent.CHAIR) >= 3 or r.attendees
    if asks_who and topic not in _CONTACT and r.faq is not None and r.faq.score >= FAQ_WEAK:
        # "xã e thì ai dự ở điểm cầu": who, which a FAQ entry says and the note on the place not.
        return faq_answer(r)
    confidence = min(r.topic_score / 6, 0.9)
    text = facts.note_text(view, topic)
    # (its words and the topic's own, "ăn tối" of a dinner asked)
    topic_said = [w for p in hits.phrases_of_topic(topic) for w in p]
    holder = faq_holding([*r.all_content, *topic_said], tokens, view, index) if text is None else None
    if holder is None and text is None:
        # No note on the topic, but a FAQ entry asks about the very thing ("Tài liệu hội nghị lấy ở
        # đâu?" for "có phát tài liệu giấy không"): the organisers' word on it.
        holder = next(
            (
                n
                for n, entry in enumerate(view.faq)
                if any(
                    len(p) >= 2 and holds(normalise_tokens(entry.question), p)
                    for p in _named_either_way(hits, topic)
                )
                # ("có cần mang laptop không" against "có cần mang thiệp mời không": another thing)
                and all(
                    set(p)
                    <= index.faq_words[n] | set(index.faq_answer_tokens[n]) | index.faq_answer_glosses[n]
                    for p in hits.phrases_of_topic(topic)
                )
            ),
            None,
        )
    if holder is not None:
        # No note on documents, but a FAQ entry says what to bring for the factory visit.
        return faq_entry(r, holder, 0.75)
    said = normalise_tokens(text or "")
    glossed = {w for g in lexicon().glosses(said) for w in g}
    answered = answered_specifics(tokens, text or "")
    # "phòng nghỉ có wifi không": another topic asked about, which this note does not mention.
    others = [
        k
        for k, weight in hits.topics.items()
        if k != topic
        and weight >= 3
        # ("wifi khách sạn" at a hotel: the venue itself, not its rooms)
        and not all(set(p) <= index.venue_words for p in hits.phrases_of_topic(k))
        and not any(holds(said, normalise_tokens(p)) for p in NOTE_TOPICS.get(k, ()))
        # ("ăn tối": dinner, whose "ăn" is no question about lunch)
        and not all(set(p) <= set(topic_said) for p in hits.phrases_of_topic(k))
        # ("Zoom ... password" against "mật mã PT2027": the note names it in its own words)
        and not all(set(p) <= answered for p in hits.phrases_of_topic(k))
        # ("bring a jacket" against "mang áo khoác": the note says it in the other language)
        and not all(set(p) <= glossed for p in hits.phrases_of_topic(k))
    ]
    # The note's words in either language ("register" for "đăng ký"), and the particular
    # things it does answer ("mất phí" by "đài thọ").
    words = set(said) | glossed
    words |= answered
    words |= set(normalise_tokens(topic.replace("_", " ")))  # the organisers' own name for it
    words |= set(topic_said)  # the words that named the topic ("bus"): the note is on that very thing
    words |= index.venue_words  # "mật khẩu wifi ở Melia": the venue itself, where the note applies
    # ("tài liệu nhận ở đâu" against the line "Đón tiếp, quét mã QR nhận tài liệu": the programme's
    # own words for the thing the note is on)
    words |= {
        w
        for n, title in enumerate(index.title_tokens)
        if any(len(p) >= 2 and holds(title, p) for p in hits.phrases_of_topic(topic))
        for w in title
    }
    if _PRICED.search(text or ""):
        words |= _MONEY_NOUNS  # "mất bao nhiêu tiền": a price in the note ("phí 30.000 đồng/lượt")
    noun = counted_noun(tokens)
    if topic in _CONTACT:
        # "who do I contact if I'm late", "sự cố thì liên hệ ai": the situation the contact is for.
        at = next((n for n, t in enumerate(tokens) if t in {"if", "neu", "khi", "lo"}), None)
        if at is not None:
            words |= set(tokens[at:])
            tokens = tokens[:at]
        words |= _HELP  # "gọi ai hỗ trợ": help is what a contact is for
    evidence = Evidence("note", topic, confidence)
    # The words asked that neither name the topic nor the note says.
    unsaid = [
        t
        for t in r.content
        if t not in HARMLESS and t not in r.fired and t not in said and t not in topic_said
    ]
    if text is not None and topic in _CONTACT:
        # "đăng ký tác nghiệp thì liên hệ ai": the note that names the very thing, with a phone.
        thing = list(unsaid)
        # ("sdt trưởng xe số 1": the number that says which one, which the contact note does not)
        thing += [
            t
            for n, t in enumerate(r.tokens)
            if t.isdigit() and n and r.tokens[n - 1] in _NUMBERED and t not in said and t not in thing
        ]
        phoned = _note_with_phone(r, topic, thing)
        if phoned is not None:
            return note_reply(r, phoned)
    # ("số đt chị phụ trách nội dung dự thảo": the contact note names whom to call on the draft)
    if text is not None and topic in _CONTACT and (r.people or (r.lined and r.talks >= 1)) and unsaid:
        # "số điện thoại của anh trình bày bài hạ tầng số": a presenter's own number, which the
        # organisers' contact note does not give.
        return r.dont_know(evidence)
    if text is not None and r.time_question and not _TIMED.search(text):
        if r.items and all(i.kind == AgendaKind.BREAK for i in r.items):
            # "When's lunch and where?": the programme's lunch line says when, the note where.
            messages = [
                *facts.item_time_messages(view, r.items),
                *facts.note_messages(view, topic, note_label(topic)),
            ]
            return r.done(Intent.NOTE, messages, confidence, evidence, *r.item_evidence)
        if r.items and r.lined:
            # "mấy giờ lên sóng trực tiếp": the line that says it ("Lên sóng trực tiếp: ...") gives
            # the time the note on the livestream does not.
            return r.done(
                Intent.ITEM_TIME, facts.item_time_messages(view, r.items), confidence, *r.item_evidence
            )
        # "xe đón lúc mấy giờ" against the parking note: it gives no time.
        return r.dont_know(evidence)
    if text is not None and (
        (noun is not None and noun not in words)  # "tối đa mấy người": the note counts no people
        or r.beyond(words | _places_of_lines(r))
        or r.thing_missing(words | r.topic_cue_words)
        or unanswered_specifics(tokens, text)
        or unanswered_place_part(tokens, text)  # "phòng họp B ở tầng mấy": the note says no floor
        or unanswered_places(tokens, text, index.where_tokens)  # "có xe đón ở Hà Nội không"
        # "đêm 03/12 ở lại được không": the note says 02/12 (a day said by its group is no date)
        or _other_day(view, None if r.asked.by_group else r.day, text)
        or others
        # (a side the note gives in its own words: "hay tự túc" by "Ban Tổ chức mời cơm trưa")
        or not alternative_given(tokens, (*said, *answered, *glossed))
    ):
        # "sdt trưởng xe": not the contact note, but the note that names that person with a phone.
        if topic in _CONTACT:
            phoned = _note_with_phone(
                r, topic, [t for t in r.content if t not in HARMLESS and t not in r.fired]
            )
            if phoned is not None:
                return note_reply(r, phoned)
        # "có chạy thử zoom không": not the note on joining online, but a FAQ entry that says it.
        holder = faq_holding([*r.all_content, *topic_said], tokens, view, index) if text is not None else None
        if holder is not None:
            return faq_entry(r, holder, 0.75)
        # "phòng nghỉ có điều hòa không": the note on rooms does not say.
        return r.dont_know(evidence)
    if text is None and r.time_question and r.presenter < 3:
        # "đi thực tế xe chạy lúc mấy giờ" with no note on the coach: the programme's line that
        # takes the delegates to it ("Tập trung tại sảnh, lên xe ... đi ...") says when.
        named = _named_either_way(r.hits, topic)
        lines = _lines_on_topic(r, topic, named)
        if len(lines) == 1 and r.score(Intent.WHERE) < 3 and _told_by_line_or_next(r, lines[0], named):
            return r.done(Intent.ITEM_TIME, facts.item_time_messages(view, lines), confidence, evidence)
    return r.done(Intent.NOTE, facts.note_messages(view, topic, note_label(topic)), confidence, evidence)


# Topics a programme line may carry out itself (the coach leaving, the lunch served).
_LINED_TOPICS = frozenset({"shuttle"})


def _told_by_line_or_next(r: Reading, line: ItemView, named: list[tuple[str, ...]]) -> bool:
    """Whether the words asked besides the topic's are the line's or the next one's (where the
    coach goes: "đi thực tế" of "Đi thực tế tại ...")."""
    n = r.index.position(line)
    said = {w for k in (n, n + 1) if k < len(r.view.items) for w in r.index.item_words[k]}
    topic_words_said = {w for p in named for w in p}
    rest = [t for t in r.content if t not in HARMLESS and t not in TIME_WORDS and t not in topic_words_said]
    return all(t in said for t in rest)


def _lines_on_topic(r: Reading, topic: str, named: list[tuple[str, ...]]) -> list[ItemView]:
    """The lines whose titles hold a content word of the phrases that `named` the topic, in either
    language ("bus" for "xe")."""
    if topic not in _LINED_TOPICS:
        return []
    words = {w for p in named for w in content_tokens(list(p))}
    found = [n for n in range(len(r.view.items)) if words & set(r.index.title_tokens[n])]
    # (of several, the one sharing most of the question's words: "đi thực tế xe chạy" is the coach
    # going, "lên xe ... đi ...", not the one bringing them back)
    asked = set(r.tokens)
    shared = {n: len(asked & set(r.index.title_tokens[n])) for n in found}
    best = max(shared.values(), default=0)
    return [r.view.items[n] for n in found if shared[n] == best]


def faq_answer(r: Reading) -> Answer:
    """The FAQ entry the question reads like, if it says what is asked."""
    index, faq = r.index, r.faq
    assert faq is not None
    entry = r.view.faq[faq.index]
    answer_tokens = index.faq_answer_tokens[faq.index]
    # (its answer's words in either language: "tổng duyệt" says "rehearsal")
    said = index.faq_words[faq.index] | set(answer_tokens) | index.faq_answer_glosses[faq.index]
    # "hỗ trợ bao nhiêu 1 km": asked a number, the entry must give one for what is asked.
    # ("How many per household?" of "mỗi hộ nông dân 02 cây": the words asked in either language)
    asked = set(r.all_content) | {w for g in lexicon().glosses(r.all_content) for w in g}
    uncounted = asks_quantity(r.tokens, frozenset()) and not number_after(
        index.faq_answer_tokens[faq.index], asked
    )
    if uncounted or (faq.score < FAQ_STRONG and (r.beyond(said) or r.thing_missing(said))):
        return r.dont_know(Evidence("faq", entry.question, faq.score / 100))
    return faq_entry(r, faq.index, faq.score / 100)


_COMPANIES = frozenset({"company", "companies", "firm", "firms"})


# Where one sits or shows ("ngồi bàn nào", "gian số mấy", "which table"), which a seat note numbers.
_SEAT_WORDS = frozenset({"ngoi", "ban", "gian", "table", "booth", "seat", "stand"})


def _asks_seat(tokens: tuple[str, ...]) -> bool:
    """Whether the question asks which seat, table or booth ("ngồi bàn nào", "gian số mấy",
    "which B2B table"), not of a village ("trưởng bản")."""
    for n, t in enumerate(tokens):
        if t == "which" and _SEAT_WORDS & set(tokens[n + 1 : n + 4]):
            return True
        if t not in _SEAT_WORDS or (t == "ban" and n and tokens[n - 1] in {"truong", "thon"}):
            continue
        after = tokens[n + 1 : n + 9]
        if "nao" in after or holds(after, ("so", "may")) or holds(after, ("so", "bao")):
            return True
    return False


# Words before a commune's or a ward's name ("ở xã Chế Tạo").
_PLACE_KINDS = frozenset({"xa", "phuong"})


def _seat_note(r: Reading, agency: AgencyMatch, note: str) -> Answer:
    """The organisers' note on the seats of the agency named, as the answer: checked as a note, and
    given as what the agency is to do at the event, its part in it."""
    message = Message.of("qa.agency.note", agency=agency.name, note=note)
    answer = r.done(Intent.NOTE, [message], 0.8, Evidence("agency", agency.name, agency.score))
    return answer if answer.abstains else replace(answer, intent=Intent.AGENCY_TALKS)


# Which day an agency attends, asked ("phải dự ngày nào", "which days do we attend"), and a day
# written in its seat note ("Dự ngày 02/12").
_ATTEND = frozenset({"du", "di", "attend", "come"})
_WHICH_DAY = tuple(
    normalise_tokens(p)
    for p in ("ngay nao", "hom nao", "nhung ngay", "which day", "which days", "what day", "what days")
)
_DAY_IN_NOTE = re.compile(r"\b\d{1,2}/\d{1,2}\b")


def _attending_day_asked(tokens: tuple[str, ...]) -> bool:
    return bool(_ATTEND & set(tokens)) and any(holds(tokens, p) for p in _WHICH_DAY)


_WHICH = frozenset({"nao", "may"})


def agency_note(r: Reading) -> Answer | None:
    """The organisers' note on the seats of the agency named ("Nhóm B", "bàn số 3"), when it holds
    what is asked: "Sở Nội vụ thuộc nhóm nào", "which group is the Department of Home Affairs in?"."""
    agency = r.agency if r.agency_ok else None
    note = r.index.agency_notes.get(agency.name) if agency is not None else None
    if agency is None or note is None:
        return None
    if _attending_day_asked(r.tokens) and _DAY_IN_NOTE.search(note):
        # "Sở Công Thương phải dự ngày nào": the day the note gives it ("Dự ngày 02/12 tại ...")
        return _seat_note(r, agency, note)
    lines = r.index.agency_lines(agency.names)
    if (
        (r.time_question or any(holds(r.tokens, p) for p in _WHICH_DAY))
        and CLOCK_TEXT.search(note)
        and not lines
    ):
        # "đoàn kiểm tra đến BQL các KCN lúc mấy giờ": an agency with no line of its own, whose
        # seat note gives its time ("Thứ Sáu 27/11, 08:00–08:45 tại ...")
        return _seat_note(r, agency, note)
    # (not a time asked, nor the talks of an agency that gives some: "Sở Tài chính báo cáo lúc mấy h")
    if r.time_question or (lines and max(r.talks, r.presenter) >= 2):
        return None
    if r.score(Intent.WHERE) >= 3 and not placed(note):
        return None  # ("nhóm mình học phòng nào": a group, which says no room)
    if r.score(Intent.WHERE) >= 3:
        return _seat_note(r, agency, note)  # ("bên e dự phòng nào": the room the note gives it)
    tokens = normalise_tokens(note)
    said = set(tokens) | {w for g in lexicon().glosses(tokens) for w in g}
    asked = {t for t in r.all_content if t not in r.agency_words and t not in HARMLESS}
    # ("Sở Tài chính học ca nào": the noun asked "which" of, whatever else it may mean, "ca" (all))
    # (not a word of the agency's own name: "hội trường UBND xã nào" asks where, of no seat)
    asked |= {
        t
        for t, w in zip(r.tokens, r.tokens[1:], strict=False)
        if w in _WHICH and t in r.all_content and t not in r.agency_words
    }
    # ("e là trưởng bản ở xã Chế Tạo, chiều e ngồi nhóm nào": where the asker comes from, the
    # name of a place another agency's name holds, is not what is asked; a label word is)
    asked -= {
        t
        for n, w in enumerate(r.tokens)
        if w in _PLACE_KINDS
        for t in r.tokens[n + 1 : n + 3]
        if t in r.index.agency_word_bodies and t not in r.index.label_ids
    }
    # ("htx vải thiều ngồi bàn nào", "gian trưng bày của bên e số mấy": its seat, table or booth,
    # which the note numbers: "bàn B2B số 23", "gian số 14")
    # ("gian số mấy" of "Gian A03 (...)": a booth's number may be a letter and digits)
    seat_asked = _asks_seat(r.tokens) and (
        number_after(tokens, _SEAT_WORDS | asked) or _label_after(tokens, _SEAT_WORDS | asked)
    )
    # ("Sở Công Thương thuộc nhóm thực hành nào": the head of the thing asked "which" of, "nhóm",
    # is what the note gives: "Nhóm 3")
    headed = any(
        t in said and t in r.all_content and t not in r.agency_words and "nao" in r.tokens[n + 1 : n + 4]
        for n, t in enumerate(r.tokens)
    )
    if not seat_asked and not headed and (not asked or 2 * len(asked & said) < len(asked)):
        return None
    return _seat_note(r, agency, note)


_LABEL = re.compile(r"[a-z]\d{1,3}")


def _label_after(note: tuple[str, ...], asked: set[str]) -> bool:
    """Whether the note numbers a thing asked about with a letter and digits ("gian A03", "bàn B5")."""
    return any(w in asked and n + 1 < len(note) and _LABEL.fullmatch(note[n + 1]) for n, w in enumerate(note))


# How many seats an agency has, asked ("Sở Tài chính được mấy chỗ", "how many seats for ...").
SEAT_NOUNS = frozenset(
    {"cho", "ghe", "suat", "ve", "nguoi", "slot", "seats", "seat", "places", "tickets", "people", "delegates"}
)
_HOW_MANY = (("may",), ("bao", "nhieu"), ("how", "many"))


def _seats_asked(tokens: tuple[str, ...]) -> bool:
    for n in range(len(tokens)):
        for ask in _HOW_MANY:
            if tokens[n : n + len(ask)] == ask and SEAT_NOUNS & set(tokens[n + len(ask) : n + len(ask) + 2]):
                return True
    return False


def agency_seats(r: Reading) -> Answer | None:
    """The seats reserved for the agency named, and the organisers' note on them, when how many is
    asked: "Sở NN&PTNT được mấy ghế" (the agency under its old name), "How many seats for ...?"."""
    agency = r.agency if r.agency_ok else None
    if agency is None or r.time_question or not _seats_asked(r.tokens):
        return None
    seats = r.index.agency_seats.get(agency.name)
    if seats is None:
        return None
    messages = facts.seat_messages(agency.name, seats, r.index.agency_notes.get(agency.name))
    return r.done(Intent.AGENCY_TALKS, messages, 0.8, Evidence("agency", agency.name, agency.score))


# Who attends, asked ("phải cử những ai", "who should attend"), and the words of a seat note that
# says so ("dự: 01 lãnh đạo sở và 01 cán bộ đầu mối").
_WHO_ATTENDS = frozenset(
    normalise_tokens(p)
    for p in ("nhung ai", "cu ai", "cu nguoi nao", "thanh phan tham du", "ai tham du", "who attends")
)
_ATTENDING = frozenset({"du", "lanh", "can", "thanh", "attend", "attends", "leader", "officer"})


def who_the_agency_sends(r: Reading, phrases: list[tuple[str, ...]]) -> Answer | None:
    """The seat note of the agency named when it says who it sends, and that is what is asked:
    "e ở Sở Y tế, bên e phải cử những ai đi"."""
    agency = r.agency if r.agency_ok else None
    if agency is None or not _WHO_ATTENDS & set(phrases):
        return None
    note = r.index.agency_notes.get(agency.name)
    if note is None or not _ATTENDING & set(normalise_tokens(note)):
        return None
    return _seat_note(r, agency, note)


# Words of going somewhere ("lên Sở", "xuống xã", "đến Sở"): what follows is a place.
_TO_A_PLACE = frozenset({"len", "xuong", "den", "toi", "qua", "sang", "ve"})
# The "không" of a yes/no question ("có cần lên Sở ngồi không", "đc ko").
_NOT = frozenset({"khong", "ko", "k", "hong", "kg"})


def agency_talks(r: Reading, confidence: float) -> Answer:
    """What the agency named presents, and when."""
    agency = r.agency
    assert agency is not None
    said = r.index.agency_lines(agency.names)
    # ("which Japanese companies": a word or two between "which" and the companies)
    company_asked = holds(r.tokens, ("cong", "ty", "nao")) or any(
        t == "which" and _COMPANIES & set(r.tokens[n + 1 : n + 4]) for n, t in enumerate(r.tokens)
    )
    named_companies = any(
        holds(normalise_tokens(f"{i.title} {i.presenter or ''}"), ("cong", "ty")) for i in said
    ) or any(normalise_tokens(n)[:2] in (("cong", "ty"), ("company",)) for n in agency.names)
    if company_asked and not named_companies:
        # "nhà máy ... là của công ty nào": a company is asked, and the agency named is none.
        return r.dont_know(Evidence("agency", agency.name, 0.0))
    first = next((n for n, t in enumerate(r.tokens) if t in r.agency_words), None)
    moving = first and r.tokens[first - 1] in _TO_A_PLACE
    if moving and _NOT & set(r.tokens) and max(r.talks, r.presenter, r.score(Intent.WHERE)) < 2:
        # "có cần lên Sở KHCN ngồi không": the agency's office as a place to go, not its talks.
        return r.dont_know(Evidence("agency", agency.name, 0.0))
    if r.thing_missing(r.agency_words | r.fired | {w for i in said for w in normalise_tokens(i.title)}):
        # "phần sở hữu trí tuệ có bài tập không": the agency's talks do not say.
        return r.dont_know(Evidence("agency", agency.name, 0.0))
    if r.day is not None:
        # ("Cục Thống kê trình bày lúc mấy giờ ngày 8/12": its talks that day, of a roadshow)
        said = [i for i in said if i.day == r.day] or said
    messages = facts.agency_messages(r.view, agency.name, said)
    note = r.index.agency_notes.get(agency.name)
    if not said and note is not None and r.talks >= 1:
        # ("tham luận của Sở Xây dựng mấy giờ": none in the programme, and the organisers' note on
        # the agency may say why: "Tham luận đã rút khỏi chương trình")
        messages.append(Message.of("qa.agency.note", agency=agency.name, note=note))
    return r.done(Intent.AGENCY_TALKS, messages, confidence, Evidence("agency", agency.name, agency.score))


_STARTING = (
    ("bat", "dau"),
    ("khai", "mac"),
    ("start",),
    ("starts",),
    ("begin",),
    ("begins",),
    ("open",),
    ("opens",),
)


def _asks_start(tokens: tuple[str, ...]) -> bool:
    return any(holds(tokens, p) for p in _STARTING)


def when(r: Reading) -> Answer:
    """The event's date and hours, or those of the day or half-day asked."""
    view = r.view
    if r.thing_missing(r.fired | r.index.title_words):
        # "có giới hạn thời gian phát biểu không": the event's hours do not say.
        return r.dont_know(field("date", 0.0))
    several = len({i.day for i in view.items}) > 1
    # ("tọa đàm là sáng thứ 5 17/12 hả" of an afternoon event: no morning, so its own hours)
    half = r.half if r.half is None or navigation.day_items(view, r.day, r.half) else None
    # ("Techfest bắt đầu thứ 5 10/12 phải không" of a fair from Wednesday 09/12: it starts on its
    # first day, which the whole event's dates say)
    first = min((i.day for i in view.items), default=0)
    starts_later = (
        r.day is not None
        and r.day != first
        and half is None
        and not r.time_question
        and _asks_start(r.tokens)
        and confirms(r.tokens)
    )
    # ("thứ 3 tuần sau ... mấy giờ bắt đầu" of a one-day event: its own hours, registration apart)
    # ("gặp mặt đầu xuân mùng mấy Tết": the lunar date of each day answered, beside its solar one)
    dates = event_dates(view) if asks_lunar(r.tokens) else []
    if ((r.day is not None and several) or half is not None) and not starts_later:
        messages = navigation.day_when_messages(view, r.day, half)
        lunar = [lunar_message(dates[r.day])] if dates and r.day is not None else []
        return r.done(Intent.WHEN, [*messages, *lunar], 0.8, field("date", 0.8))
    extra = navigation.day_when_messages(view, None, None) if several else []
    lunar = [lunar_message(d) for d in dates]
    return r.done(Intent.WHEN, [*facts.when_messages(view), *extra, *lunar], 0.85, field("date", 0.85))


def programme(r: Reading, confidence: float) -> Answer:
    """The whole programme, or the day's or half-day's asked."""
    if r.day is not None or r.half is not None:
        messages = navigation.day_programme(r.view, r.day, r.half)
    else:
        messages = facts.programme(r.view)
    return r.done(Intent.PROGRAMME, messages, confidence, field("agenda", confidence))


# Lines that take the delegates somewhere ("Đi thực tế tại ...", "Tham quan ...", "Khảo sát ...").
_GOING_TO = tuple(
    normalise_tokens(p)
    for p in ("di thuc te", "tham quan", "khao sat", "tham", "di tham quan", "di khao sat")
)


def _welcomed_elsewhere(item: ItemView, venue_words: frozenset[str]) -> bool:
    """Whether a line welcomes the delegates at a place its title names, not the venue's."""
    if " tại " not in item.title:
        return False
    title = normalise_tokens(item.title)
    if item.kind != AgendaKind.REGISTRATION and not any(title[: len(p)] == p for p in _GOING_TO):
        return False
    place = re.split(r" [-–—] |;", item.title.split(" tại ", 1)[1], maxsplit=1)[0]
    if not any(w[:1].isupper() for w in place.split()[1:]):
        return False  # ("tại hội trường", "tại phòng họp": the venue's own, no place named)
    at = [t for t in normalise_tokens(place) if not t.isdigit()]
    return sum(t not in venue_words for t in at) >= 2


def _note_placing_label(r: Reading) -> str | None:
    """The organisers' note that writes the one label of the lines found ("Quầy 1") with its place
    in brackets after it."""
    titles = [r.index.title_tokens[r.index.position(i)] for i in r.items]
    heads = {tuple(title[:2]) for title in titles if len(title) >= 2 and label_id(title[1])}
    if len(heads) != 1:
        return None
    (label,) = heads
    pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, label)) + r"\s*\(([^()]+)\)")
    for key, text in r.view.venue.notes if r.view.venue else ():
        if pattern.search(fold(text)):
            return key
    return None


def where(r: Reading, confidence: float) -> Answer:
    """The venue, or the note that says where a thing asked for is."""
    view, index, tokens, content = r.view, r.index, r.tokens, r.content
    # (its room, or the address of the place it goes to: "Tham quan ... (số 45 Quốc lộ 20, xã ...)")
    placed_lines = [i for i in r.items if placed(i.title)]
    # ("phòng họp B ở tầng mấy": the line names the room, not its floor)
    # ("lớp ở Quy Nhơn học ở khách sạn nào": the city the venue's address names is where the event
    # is, which names no line that goes there)
    by_the_address = bool(r.named) and r.named <= index.address_words | index.venue_words
    if (
        r.lined
        and not by_the_address
        and placed_lines
        and not unanswered_place_part(tokens, " ".join(i.title for i in placed_lines))
    ):
        # "which room is the blended finance session in": the line says its room (and, asked
        # "ở phòng nào, mấy giờ" too, its time: the line's time is as much the answer).
        evidence = tuple(Evidence("item", i.title, 0.85) for i in placed_lines)
        # ("họp báo ở phòng nào, ai chủ trì": and who leads it, which the line names)
        led = r.presenter >= 3 and all(i.presenter for i in placed_lines)
        intent = Intent.ITEM_TIME if r.time_question else Intent.ITEM_PRESENTER if led else Intent.WHERE
        return r.done(intent, facts.item_time_messages(view, placed_lines), 0.85, *evidence)
    if (r.day is not None or r.half is not None) and not (r.lined and placed_lines):
        # "where is the afternoon session on 02/12": the lines of that half-day that name their
        # room or place, beside the venue ("... tại Hội trường A1, Trường Đại học Đà Lạt"); a
        # line with a street address of its own is held elsewhere ("tối thứ 5 ở đâu": the café).
        held = set(n for lines in rooms_of(view).values() for n in lines)
        that_half = navigation.day_items(view, r.day, r.half)
        elsewhere = [i for i in that_half if ADDRESS.search(i.title)]
        placed_then = [i for n, i in enumerate(view.items) if n in held and i in that_half]
        if elsewhere:
            evidence = tuple(Evidence("item", i.title, confidence) for i in elsewhere)
            return r.done(Intent.WHERE, facts.item_time_messages(view, elsewhere), confidence, *evidence)
        if placed_then and view.venue is not None:
            messages = [*facts.where_messages(view), *facts.item_time_messages(view, placed_then)]
            return r.done(Intent.WHERE, messages, confidence, field("venue", confidence), location=True)
        # ("Where is the closing ceremony on Friday?" of a week at a place a day: that day's
        # welcome says where, "Đón tiếp đại biểu tại ..., Khách sạn Biển Xanh")
        welcomed = [i for i in that_half if _welcomed_elsewhere(i, index.venue_tokens)]
        if welcomed:
            evidence = tuple(Evidence("item", i.title, confidence) for i in welcomed)
            return r.done(Intent.WHERE, facts.item_time_messages(view, welcomed), confidence, *evidence)
    place = " ".join(x or "" for x in (view.venue.name, view.venue.address)) if view.venue else ""
    if (
        unanswered_place_part(tokens, place)
        or r.thing_missing(set(index.venue_words) | r.fired)
        or asks_where_a_thing(content, index, r.items, tokens)
    ):
        # "tai nghe dịch lấy ở đâu": a thing the organisers' note says where to find.
        thing_words = [
            t
            for t in content
            if t not in HARMLESS and t not in _PICKING and t not in index.title_words | index.venue_words
        ]
        holder = index.note_holding([tuple(thing_words)]) if thing_words else None
        held_text = facts.note_text(view, holder) or "" if holder is not None else ""
        if holder is not None and _PLACED.search(held_text) and not unanswered_place_part(tokens, held_text):
            return note_reply(r, holder)
        # "quầy kích hoạt VNeID ở đâu" of "Quầy 1: Kích hoạt ...": the note that places "Quầy 1"
        # ("Quầy 1 (hiên bên trái Nhà văn hóa): ...")
        placing = _note_placing_label(r)
        if placing is not None:
            return note_reply(r, placing)
        # "hội trường ở tầng mấy": the address does not say which floor.
        return r.dont_know(field("venue", 0.0))
    messages = facts.where_messages(view)
    if r.day is None and r.half is None:
        # Lines held at a street address of their own (an evening at a café, a site visit): the
        # event is not all at the venue.
        messages = [
            *messages,
            *facts.item_time_messages(view, [i for i in view.items if ADDRESS.search(i.title)]),
        ]
    return r.done(Intent.WHERE, messages, confidence, field("venue", confidence), location=True)
