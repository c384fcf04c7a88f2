"""The ordered readings of a question: the first one the event's data supports is the answer.

See docs/questions.md ("The decision"). Every reading names its evidence; the readings that would
answer something else than what was asked (a request, a detail the note does not give, a line the
question says more about than it holds) give way to "I do not know".
"""

from __future__ import annotations

import datetime as dt
import re

from bot.domain.qa import facts, navigation
from bot.domain.qa.agreement import (
    PART_WORDS,
    alternative_given,
    asked_thing,
    asks_content,
    asks_quantity,
    asks_which_of,
    counted_noun,
    holds,
    naming_words,
    trailing_before,
)
from bot.domain.qa.asking import (
    asks_duty,
    asks_name,
    asks_what,
    asks_where_a_thing,
    faq_holding,
    faq_is_the_question,
    from_to,
    has_personal_name,
    named_by_presenter,
    number_after,
    start_and_end,
    which_of,
)
from bot.domain.qa.days import DayAsked, half_of, today
from bot.domain.qa.evidence import HARMLESS, Answer, Evidence, unsure
from bot.domain.qa.intents import (
    CUE_WORDS,
    INTENT_CUE_WORDS,
    NOTE_TOPICS,
    OUTSIDE_WEIGHTS,
    OUTSIDE_WORDS,
    TOPIC_CUE_WORDS,
    CueHits,
    Intent,
)
from bot.domain.qa.lexicon import lexicon
from bot.domain.qa.matcher import EventIndex, ItemMatch, content_tokens, topic_words
from bot.domain.qa.messages import Message, message_texts
from bot.domain.qa.normalise import TIME_QUESTION, normalise_tokens
from bot.domain.qa.ordinals import ORDINAL_TOKENS, ordinal, pick_ordinal
from bot.domain.qa.people import PERSON_WORDS, lines_of_person
from bot.domain.qa.specifics import answered_specifics, unanswered_place_part, unanswered_specifics
from bot.domain.qa.view import EventView
from storage.enums import AgendaKind

__all__ = ["AGENCY_THRESHOLD", "FAQ_STRONG", "FAQ_WEAK", "ITEM_THRESHOLD", "decide"]

ITEM_THRESHOLD = 0.5  # share of the question's weighted content words found in an agenda line
AGENCY_THRESHOLD = 0.75  # distinctive words of an agency name present in the question
FAQ_STRONG = 86.0  # FAQ wins over every other reading at or above this rapidfuzz score
FAQ_WEAK = 72.0  # FAQ answers only when nothing else understood the question
NOTE_LABELS = (
    "parking",
    "dress_code",
    "lunch",
    "documents",
    "hotline",
    "wifi",
    "accommodation",
    "dinner",
    "online",
    "shuttle",
)


def _note_label(topic: str) -> Message | str:
    return Message.of(f"venue.note.{topic}") if topic in NOTE_LABELS else topic.replace("_", " ")


def decide(
    view: EventView,
    index: EventIndex,
    now: dt.datetime,
    hits: CueHits,
    content: list[str],
    all_content: list[str],
    clock: str | None,
    question_like: bool,
    asked: DayAsked,
    tokens: tuple[str, ...] = (),
) -> Answer:
    """The first reading of the question that the event's data supports, in a fixed order."""
    cues = hits.fired
    item = index.match_items(content, asked.day, asked.half)
    # "mấy giờ tới lượt PGS Vinh", "thầy Toàn nói về gì": the lines of the person named.
    people = lines_of_person(view, tokens)
    if people and (item is None or item.score < ITEM_THRESHOLD or not set(people) & set(item.indexes)):
        item = ItemMatch(people, 1.0, 1.0, 1.0, 1, 0)
    items = [view.items[i] for i in item.indexes] if item and item.score >= ITEM_THRESHOLD else []
    # "bài cuối buổi sáng" does not name "... bài học kinh nghiệm": a word for "a talk" alone
    # names no line; nor does half of a practical phrase ("giấy" of "giấy mời" in "giấy chứng
    # nhận").
    if item and not people and not naming_words(content, item.indexes, index, hits, tokens):
        items = []
    # "the day before", "hôm trước": a day outside the event, which no programme line is on.
    if any(holds(tokens, p) for p in _DAY_BEFORE):
        items = []
    item_strong = bool(items) and item is not None and item.matched_weight >= 0.5
    # A programme line named with no question word around it must be named clearly.
    item_alone = (
        item_strong
        and item is not None
        and item.coverage >= 0.75
        and (item.pairs_matched > 0 or item.unmatched == 0)
    )
    # Words of the event's own title ("PII", "chuyển đổi số") alone do not name one line.
    named = {t for t in content for i in (item.indexes if item else ()) if t in index.item_words[i]}
    item_alone = item_alone and bool(named - index.title_words - HARMLESS)
    agency = index.match_agency(content)
    agency_ok = agency is not None and agency.score >= AGENCY_THRESHOLD
    faq = index.match_faq(all_content)
    topic, topic_score = hits.best_topic()
    # Of the practical topics asked, one the organisers wrote a note on ("mật khẩu phòng họp trực
    # tuyến": no wifi note, but an online one); a topic that is the event's own name is not asked.
    own_name = {w for p in index.event_phrases for w in p}
    asked_topics = {
        k: w for k, w in hits.topics.items() if not all(set(p) <= own_name for p in hits.phrases_of_topic(k))
    }
    if asked_topics != hits.topics:
        topic, topic_score = max(asked_topics.items(), key=lambda kv: kv[1], default=(None, 0.0))
    noted = {k: w for k, w in asked_topics.items() if facts.note_text(view, k) is not None}
    if topic is not None and facts.note_text(view, topic) is None and noted:
        topic, topic_score = max(noted.items(), key=lambda kv: kv[1])
    if topic is None:
        topic = index.match_note(all_content)
        topic_score = 5.0 if topic else 0.0
    if topic is None or topic_score < 5:
        # An organiser's own note ("online", "shuttle") by what it says; the usual topics have
        # cues, which a weak one ("xe" of "xe đưa đón") gives way to.
        custom, shared = index.match_note_text(all_content, _USUAL_NOTE_KEYS)
        if custom is not None:
            topic, topic_score = custom, 5.0 if shared >= 3 else 3.0
    # "mật khẩu phòng họp trực tuyến", "mã Zoom": no wifi note, but the organisers' own note (on
    # joining online) holds the very words asked.
    if topic is None or facts.note_text(view, topic) is None:
        asked_phrases = hits.phrases_of_topic(topic) if topic else hits.phrases_of(Intent.UNKNOWN)
        holder = index.note_holding(asked_phrases, _USUAL_NOTE_KEYS)
        if holder is not None:
            topic, topic_score = holder, 5.0
    score = hits.score
    # "địa chỉ khách sạn Mường Thanh": the venue's own name, not the accommodation note.
    if score(Intent.WHERE) >= 3 and len(set(all_content) & index.venue_words) >= 2:
        topic, topic_score = None, 0.0
    # "what is the hotel address": the topic's words name the venue itself.
    topic_said = {w for w in all_content for p in NOTE_TOPICS.get(topic or "", ()) if w in p.split()}
    if score(Intent.WHERE) >= 3 and topic_said and topic_said <= index.venue_words:
        topic, topic_score = None, 0.0
    # "học ở khách sạn nào": the event itself is asked about, and the venue is the hotel.
    event_named = len(topic_words(tokens, index.event_phrases)) < len(content_tokens(list(tokens)))
    if (
        event_named
        and score(Intent.WHERE) >= 2
        and len(set(all_content) & index.venue_words) >= 2
        and topic == "accommodation"
    ):
        topic, topic_score = None, 0.0
    time_question = TIME_QUESTION in hits.phrases()
    asks_now, asks_next = score(Intent.NOW), score(Intent.NEXT)
    presenter, talks = score(Intent.ITEM_PRESENTER), score(Intent.AGENCY_TALKS)
    if any(holds(tokens, p) for p in _WHO_ATTENDS):
        presenter = 0.0  # "ai dự ở điểm cầu": who attends, not who presents
    matched = tuple(f"item:{i.title}" for i in items)
    if agency_ok and agency is not None:
        matched += (f"agency:{agency.name}",)
    items = pick_ordinal(items, tokens, asked.used) if len(items) > 1 else items
    item_evidence = tuple(Evidence("item", i.title, item.score if item else 0.0) for i in items)
    day, half = asked.day, asked.half

    def done(
        intent: Intent,
        messages: list[Message],
        confidence: float,
        *evidence: Evidence,
        **extra: bool,
    ) -> Answer:
        if (
            any(e.source == "item" for e in evidence)
            and intent != Intent.BETWEEN
            and (
                unaccounted() or asks_which_of(tokens, [view.items[i].title for i in lines_found], hits.used)
            )
        ):
            # The question says more about the line than the line holds ("giải lao có trà nước
            # không"): the line's time would answer another question.
            return unsure(cues, question_like, matched, "qa.dont_know", evidence)
        if (
            any(e.source == "item" for e in evidence)
            and intent != Intent.BETWEEN
            and thing_missing({w for i in lines_found for w in index.item_words[i]} | fired)
        ):
            # "văn nghệ có múa không": the line's title does not say.
            return unsure(cues, question_like, matched, "qa.dont_know", evidence)
        # The lines themselves may be what is counted ("how many coffee breaks"): their heads.
        heads = PART_WORDS | {w for i in lines_found for w in index.title_tokens[i][:2]}
        if (
            intent in (Intent.CHAIR, Intent.ITEM_PRESENTER)
            and asks_name(tokens)
            and not any(has_personal_name(m) for m in message_texts(messages))
        ):
            # "Phó Chủ tịch UBND tỉnh ... tên là gì": the programme gives a title, not a name.
            return unsure(cues, question_like, matched, "qa.dont_know", evidence)
        # ("bên e có phải trình bày không": an agency's own talks do answer it)
        if (
            any(e.source in ("item", "agency") for e in evidence)
            and asks_duty(tokens)
            and intent != Intent.AGENCY_TALKS
        ):
            # "đại biểu có phải phát biểu không": whether one must speak; a line's time is no answer.
            return unsure(cues, question_like, matched, "qa.dont_know", evidence)
        if intent in _NO_COUNT and asks_quantity(tokens, heads):
            # "điểm PII năm 2025 là bao nhiêu": a line's time, a place or a name is no number.
            return unsure(cues, question_like, matched, "qa.dont_know", evidence)
        # A note the organisers never gave is said honestly, and the question still goes to them.
        missing = any(m.key in ("qa.note.missing", "qa.chair.unknown") for m in messages) or (
            bool(messages) and all(m.key == "qa.item.no_presenter" for m in messages)
        )
        return Answer(
            intent,
            confidence,
            tuple(messages),
            True,
            question_like,
            cues=cues,
            matched=matched,
            forward=missing,
            evidence=evidence,
            **extra,
        )

    def beyond(words: set[str], at_least: int = 1) -> bool:
        # Content words neither the text nor the question's framing accounts for.
        extra = [
            t
            for t in content
            if t not in words
            and t not in framing
            and t not in HARMLESS
            and t not in index.title_words
            and t not in _TIME_WORDS  # "cuối buổi có phát ... không": when, not what
            and not t.isdigit()
            and len(t) > 1
        ]
        return len(extra) >= at_least

    lines_found = item.indexes if item else ()

    def unaccounted() -> list[str]:
        lines = item.indexes if item else ()
        return [
            t
            for t in content
            if not any(t in index.item_words[n] for n in lines)
            and t not in item_framing
            and t not in HARMLESS
            and t not in index.title_words
            and t not in PART_WORDS  # "phiên", "bài": the line is one
            and t not in _TIME_WORDS  # "lúc mấy giờ": the line's time answers it
            and not t.isdigit()
            and len(t) > 1  # "HT v" (vậy)
            and not (agency_ok and agency is not None and t in agency_words)
        ]

    # Words of cues that fired frame the question ("ở đâu", "mấy giờ"); a word only the "outside
    # the data" cues use ("đăng ký trước") frames nothing unless its cue fired as a whole.
    fired = {tokens[i] for i in hits.used if i < len(tokens)}
    topic_cue_words = set(TOPIC_CUE_WORDS.get(topic, ())) if topic else set()
    framing = (CUE_WORDS - OUTSIDE_WORDS) | fired | topic_cue_words
    item_framing = (INTENT_CUE_WORDS - OUTSIDE_WORDS) | fired | ORDINAL_TOKENS
    if people:  # "chuyên gia Hàn Quốc", "thầy Toàn": the person, whom the lines' presenter names
        item_framing |= PERSON_WORDS | {w for i in people for w in index.item_words[i]}
    agency_words = {
        w for n in (agency.names if agency_ok and agency else ()) for w in topic_words(normalise_tokens(n))
    }

    # "tài liệu có bản điện tử không": what a yes/no question asks about must be in the answer.
    thing = topic_words(list(asked_thing(tokens)), index.event_phrases)
    cue_said = {tokens[i] for i, weight in hits.used.items() if weight >= 2 and i < len(tokens)}

    def thing_missing(words: set[str]) -> bool:
        return any(
            t not in words
            and t not in HARMLESS
            and t not in cue_said
            and t not in PART_WORDS
            and t not in _TIME_WORDS
            and not t.isdigit()
            for t in thing
        )

    def field_(name: str, confidence: float) -> Evidence:
        return Evidence("field", name, confidence)

    def faq_entry(n: int, confidence: float) -> Answer:
        entry = view.faq[n]
        return done(
            Intent.FAQ,
            [Message.of("qa.faq", answer=entry.answer)],
            confidence,
            Evidence("faq", entry.question, confidence),
        )

    def note() -> Answer:
        assert topic is not None
        confidence = min(topic_score / 6, 0.9)
        text = facts.note_text(view, topic)
        # (its words and the topic's own, "ăn tối" of a dinner asked)
        topic_said = [w for p in hits.phrases_of_topic(topic) for w in p]
        holder = faq_holding([*all_content, *topic_said], tokens, view, index) if text is None else None
        if holder is not None:
            # No note on documents, but a FAQ entry says what to bring for the factory visit.
            return faq_entry(holder, 0.75)
        said = normalise_tokens(text or "")
        # "phòng nghỉ có wifi không": another topic asked about, which this note does not mention.
        others = [
            k
            for k, weight in hits.topics.items()
            if k != topic
            and weight >= 3
            # ("wifi khách sạn" at a hotel: the venue itself, not its rooms)
            and not all(set(p) <= index.venue_words for p in hits.phrases_of_topic(k))
            and not any(holds(said, normalise_tokens(p)) for p in NOTE_TOPICS.get(k, ()))
        ]
        # The note's words in either language ("register" for "đăng ký"), and the particular
        # things it does answer ("mất phí" by "đài thọ").
        words = set(said) | {w for g in lexicon().glosses(said) for w in g}
        words |= answered_specifics(tokens, text or "")
        words |= set(normalise_tokens(topic.replace("_", " ")))  # the organisers' own name for it
        noun = counted_noun(tokens)
        if text is not None and time_question and not any(c.isdigit() for c in text):
            # "xe đón lúc mấy giờ" against the parking note: it gives no time.
            return unsure(
                cues, question_like, matched, "qa.dont_know", (Evidence("note", topic, confidence),)
            )
        if text is not None and (
            (noun is not None and noun not in words)  # "tối đa mấy người": the note counts no people
            or beyond(words)
            or thing_missing(words | topic_cue_words)
            or unanswered_specifics(tokens, text)
            or unanswered_place_part(tokens, text)  # "phòng họp B ở tầng mấy": the note says no floor
            or _other_day(view, day, text)  # "đêm 03/12 ở lại được không": the note says 02/12
            or others
            or not alternative_given(tokens, said)
        ):
            # "phòng nghỉ có điều hòa không": the note on rooms does not say.
            return unsure(
                cues, question_like, matched, "qa.dont_know", (Evidence("note", topic, confidence),)
            )
        return done(
            Intent.NOTE,
            facts.note_messages(view, topic, _note_label(topic)),
            confidence,
            Evidence("note", topic, confidence),
        )

    def faq_answer() -> Answer:
        assert faq is not None
        entry = view.faq[faq.index]
        said = index.faq_words[faq.index] | set(index.faq_answer_tokens[faq.index])
        # "hỗ trợ bao nhiêu 1 km": asked a number, the entry must give one for what is asked.
        uncounted = asks_quantity(tokens, frozenset()) and not number_after(
            index.faq_answer_tokens[faq.index], set(all_content)
        )
        if uncounted or (
            faq.score < FAQ_STRONG and (beyond(index.faq_words[faq.index]) or thing_missing(said))
        ):
            return unsure(
                cues,
                question_like,
                matched,
                "qa.dont_know",
                (Evidence("faq", entry.question, faq.score / 100),),
            )
        return faq_entry(faq.index, faq.score / 100)

    def agency_talks(confidence: float) -> Answer:
        assert agency is not None
        said = index.agency_lines(agency.names)
        if thing_missing(agency_words | fired | {w for i in said for w in normalise_tokens(i.title)}):
            # "phần sở hữu trí tuệ có bài tập không": the agency's talks do not say.
            return unsure(
                cues, question_like, matched, "qa.dont_know", (Evidence("agency", agency.name, 0.0),)
            )
        return done(
            Intent.AGENCY_TALKS,
            facts.agency_messages(view, agency.name, said),
            confidence,
            Evidence("agency", agency.name, agency.score),
        )

    # Words about something specific that no line, agency or note matched ("trường SPKT"): the
    # event's own date, place or programme would answer another question.
    stray = [
        t
        for t in content
        if t not in index.title_words
        and t not in index.venue_words
        and t not in HARMLESS
        and t not in framing
        and not t.isdigit()
    ]
    general = not stray or bool(items) or agency_ok

    def when() -> Answer:
        if thing_missing(fired | index.title_words):
            # "có giới hạn thời gian phát biểu không": the event's hours do not say.
            return unsure(cues, question_like, matched, "qa.dont_know", (field_("date", 0.0),))
        if day is not None or half is not None:
            return done(Intent.WHEN, navigation.day_when_messages(view, day, half), 0.8, field_("date", 0.8))
        several = len({i.day for i in view.items}) > 1
        extra = navigation.day_when_messages(view, None, None) if several else []
        return done(Intent.WHEN, [*facts.when_messages(view), *extra], 0.85, field_("date", 0.85))

    def programme(confidence: float) -> Answer:
        if day is not None or half is not None:
            messages = navigation.day_programme(view, day, half)
        else:
            messages = facts.programme(view)
        return done(Intent.PROGRAMME, messages, confidence, field_("agenda", confidence))

    def where(confidence: float) -> Answer:
        place = " ".join(x or "" for x in (view.venue.name, view.venue.address)) if view.venue else ""
        if (
            unanswered_place_part(tokens, place)
            or thing_missing(set(index.venue_words) | fired)
            or asks_where_a_thing(content, index, items, tokens)
        ):
            # "tai nghe dịch lấy ở đâu": a thing the organisers' note says where to find.
            thing_words = [
                t
                for t in content
                if t not in HARMLESS and t not in _PICKING and t not in index.title_words | index.venue_words
            ]
            holder = index.note_holding([tuple(thing_words)]) if thing_words else None
            if holder is not None and _PLACED.search(facts.note_text(view, holder) or ""):
                return done(
                    Intent.NOTE,
                    facts.note_messages(view, holder, _note_label(holder)),
                    0.8,
                    Evidence("note", holder, 0.8),
                )
            # "hội trường ở tầng mấy": the address does not say which floor.
            return unsure(cues, question_like, matched, "qa.dont_know", (field_("venue", 0.0),))
        return done(
            Intent.WHERE,
            facts.where_messages(view),
            confidence,
            field_("venue", confidence),
            location=True,
        )

    has_note = topic is not None and facts.note_text(view, topic) is not None
    # "số mấy Lý Thường Kiệt", "what number on Chua Chuong street": the venue's street is named
    # and its number asked.
    street = set(all_content) & index.address_words - HARMLESS
    if len(street) >= 2 and any(holds(tokens, p) for p in _NUMBER_ASKED):
        return done(Intent.WHERE, facts.where_messages(view), 0.85, field_("venue", 0.85), location=True)
    if faq is not None and faq.score >= FAQ_STRONG:
        return faq_answer()
    outside = score(Intent.UNKNOWN)
    outside_words = {w for p in hits.phrases_of(Intent.UNKNOWN) for w in p}
    # "hội nghị trực tuyến ngày mấy": the event's own name, not attending online.
    if outside and all(set(p) <= own_name for p in hits.phrases_of(Intent.UNKNOWN)):
        outside = 0.0
    # "mấy giờ trao giấy chứng nhận": a programme line that holds the very thing (after any FAQ
    # entry about it, below).
    in_a_line = bool(hits.phrases_of(Intent.UNKNOWN)) and all(
        any(holds(title, p) for title in index.title_tokens) for p in hits.phrases_of(Intent.UNKNOWN)
    )
    # "xe đưa đón xuất phát mấy giờ": the organisers' own note on the very thing (a shuttle).
    if outside and has_note and topic is not None and topic not in _USUAL_NOTE_KEYS:
        said = index.note_text_words.get(topic, frozenset())
        if all(set(p) <= said for p in hits.phrases_of(Intent.UNKNOWN)):
            outside = 0.0
    if outside >= 3 and not (has_note and topic_score >= outside):
        # Only a FAQ entry about that very thing answers it ("giấy chứng nhận", "phiên dịch").
        asked_for = [p for p in hits.phrases_of(Intent.UNKNOWN) if OUTSIDE_WEIGHTS.get(p, 0) >= 2]
        entry = index.faq_about(asked_for)
        said = (
            index.faq_words[entry]
            | set(index.faq_answer_tokens[entry])
            | {w for g in lexicon().glosses(index.faq_answer_tokens[entry]) for w in g}
            | answered_specifics(tokens, f"{view.faq[entry].question} {view.faq[entry].answer}")
            if entry is not None
            else set()
        )
        # Asked "when", a line holding the thing ("mấy giờ trao giấy chứng nhận") gives the time.
        if (
            entry is not None
            and not beyond(said)
            and not thing_missing(said)
            and not (time_question and in_a_line)
            and not (time_question and not _GIVES_TIME.search(view.faq[entry].answer))
        ):
            # "giấy chứng nhận có đóng dấu không": the entry must say what else is asked.
            return faq_entry(entry, 0.9)
    if outside >= 3 and not (has_note and topic_score >= outside) and not in_a_line:
        # "giải nhất bao nhiêu tiền": a FAQ entry that holds the other words and gives an amount.
        holder = faq_holding(
            [t for t in all_content if t not in outside_words], tokens, view, index, digits=True
        )
        if holder is not None:
            return faq_entry(holder, 0.8)
        return unsure(
            cues,
            question_like,
            matched,
            "qa.dont_know",
            (Evidence("cue", "outside_data", outside / 6),),
        )
    if score(Intent.CALENDAR) >= 4:
        return done(Intent.CALENDAR, facts.when_messages(view), 0.9, field_("date", 0.9), ics=True)
    # "giữa X và Y", and "từ (sau) X đến Y có những bài nào".
    named_ends = from_to(tokens) and (asks_what(tokens) or score(Intent.PROGRAMME) >= 2)
    between = _between(view, index, tokens, asked, done) if score(Intent.BETWEEN) >= 3 or named_ends else None
    if between is not None:
        return between
    # "thứ mấy, ngày nào" asks the weekday and date, not "mấy ngày" (how many days).
    if score(Intent.DURATION) >= 4 and not holds(tokens, ("thu", "may")) and score(Intent.END) < 4:
        if item_strong:
            return done(Intent.DURATION, facts.duration_messages(items), 0.9, *item_evidence)
        if time_question and day is None:
            return when()  # "mấy ngày, sáng học từ mấy giờ": the days and their hours
        return done(Intent.DURATION, facts.event_duration_messages(view), 0.8, field_("hours", 0.8))
    if score(Intent.CHAIR) >= 3 and _SESSION_WORDS & set(tokens):
        # "phiên buổi sáng ai chủ trì", "phiên chuyên đề 1 ai điều phối": a session's chair, written
        # as a role before a line's presenter ("Chủ trì phiên: ..."), not the event's.
        pool = (
            [view.items[i] for i in item.indexes] if item and items else navigation.day_items(view, day, half)
        )
        chaired = [i for i in pool if i.presenter and _ROLE.match(i.presenter)]
        numbered = [w for w in tokens if w.isdigit() and len(w) == 1]
        if numbered and not any(
            holds(normalise_tokens(i.title), (tokens[tokens.index(numbered[0]) - 1], numbered[0]))
            for i in chaired
        ):
            chaired = []  # "phiên 3" that the programme does not have
        if len(chaired) == 1:
            return done(
                Intent.ITEM_PRESENTER,
                facts.presenter_messages(chaired),
                0.85,
                Evidence("item", chaired[0].title, 0.85),
            )
        return unsure(cues, question_like, matched, "qa.dont_know", (field_("chair", 0.0),))
    if score(Intent.CHAIR) >= 3 and not (item_strong and presenter + score(Intent.CHAIR) >= 4 and item_alone):
        return done(Intent.CHAIR, navigation.chair_messages(view), 0.85, field_("chair", 0.85))
    # A bare "trước" must come with "what" ("trước giải lao là gì"): "gửi trước" is not navigation.
    # "cần cài đặt gì trước": "beforehand".
    previous = score(Intent.PREVIOUS) if score(Intent.PREVIOUS) >= 2 or asks_what(tokens) else 0.0
    previous = 0.0 if trailing_before(tokens) and score(Intent.PREVIOUS) < 3 else previous
    if holds(tokens, ("day", "before")) or holds(tokens, ("night", "before")):
        previous = 0.0  # "the day before": a day, not the line before another
    if item_strong and previous >= 1 and previous >= asks_next and not time_question:
        return done(Intent.PREVIOUS, navigation.before_messages(view, items), 0.85, *item_evidence)
    if item_strong and asks_next >= asks_now and (asks_next >= 3 or (asks_next >= 1 and not time_question)):
        return done(Intent.NEXT, facts.next_after(view, items), 0.85, *item_evidence)
    if start_and_end(hits):
        return when()
    if score(Intent.END) >= 3 and topic_score < 5 and presenter < 3:
        ended = items if item_strong else []
        evidence = item_evidence if ended else (field_("hours", 0.85),)
        return done(Intent.END, navigation.end_messages(view, now, day, ended, half), 0.85, *evidence)
    # "sáng nay đang đến phần nào rồi": today's half, which the clock answers.
    this_day = today(view, now)
    asked_today = this_day is not None and day in (None, this_day)
    if asks_now >= 3 and asks_now >= asks_next and (day is not None or half is not None) and not clock:
        if not (asked_today and holds(tokens, ("dang",))):
            return programme(0.8)  # "what's happening in the afternoon": that half-day's programme
    if max(asks_now, asks_next) >= 3 and topic_score < 5:
        want_next = asks_next > asks_now
        named_after = [
            t for t in content if t not in HARMLESS | _TIME_WORDS | PART_WORDS and not t.isdigit()
        ]  # ("after this talk": the one on now)
        if want_next and not items and named_after:
            # "after the tea break on day one, what's next": a line named that none matched.
            return unsure(cues, question_like, matched, "qa.dont_know", (field_("clock", 0.0),))
        intent = Intent.NEXT if want_next else Intent.NOW
        return done(intent, facts.now_next_messages(view, now, want_next), 0.85, field_("clock", 0.85))
    if clock is not None and not items and not time_question:
        at = dt.time.fromisoformat(clock)
        return done(
            Intent.NOW,
            facts.now_next_messages(view, now, False, at=at, on_day=day),
            0.75,
            field_("clock", 0.75),
        )
    # "hạn nộp số liệu (khi nào)": a FAQ entry that holds every word asked, and little else, is
    # the answer, not the line whose title mentions the same thing (its time answers another
    # question); asked "when", the entry must give a date or a time.
    # (the event's own title words and "năm nay" ask nothing of their own: "hạn nộp số liệu PII năm nay")
    asked_words = [t for t in content if t not in _TIME_WORDS | {"nam", "nay"}]
    counting = asks_quantity(tokens, frozenset())  # "có bao nhiêu đội": an entry with a number
    the_faq = next(
        (
            n
            for n, entry in enumerate(view.faq if items and not topic else ())
            if faq_is_the_question(
                [t for t in asked_words if t in index.faq_words[n] or t not in index.title_words],
                index.faq_words[n],
                entry.question,
            )
            and (not (time_question or counting) or any(c.isdigit() for c in entry.answer))
        ),
        None,
    )
    # (a practical topic asked, "ăn tối", is the note's, or honestly missing)
    if items and not topic and the_faq is not None and presenter < 3:
        return faq_entry(the_faq, 0.85)
    # "what day is the PII workshop in Quang Tri": words of the event's own title ask about the
    # event, not the line that shares them, unless a talk is asked ("chuyển đổi số trình bày lúc nào").
    names_line = bool(named - index.title_words - HARMLESS) or talks >= 2 or bool(PART_WORDS & set(tokens))
    # "đăng ký phòng nghỉ trước ngày nào": a practical topic asked, which the line named by one of
    # its words ("đăng ký") does not account for: the note's.
    # "xe đưa đón đi KCN xuất phát mấy giờ": a note on the topic, which the line never mentions.
    topic_phrases = hits.phrases_of_topic(topic) if topic else []
    topic_phrases += [g for p in topic_phrases for g in lexicon().glosses(p)]  # "Lunch" for "ăn trưa"
    in_line = any(all(w in index.item_words[i] for w in p) for i in lines_found for p in topic_phrases)
    topic_first = bool(topic) and topic_score >= 5 and (bool(unaccounted()) or (has_note and not in_line))
    if (
        time_question
        and item_strong
        and presenter < 3
        and talks < (3 if agency_ok else 4)
        and names_line
        and not topic_first
    ):
        return done(
            Intent.ITEM_TIME,
            facts.item_time_messages(view, items),
            item.score if item else 0.5,
            *item_evidence,
        )
    if topic and topic_score >= 5:
        return note()
    if presenter >= 3 and items and named_by_presenter(content, items):
        # "ai ngồi trong hội đồng giám khảo": the presenter is what is asked about, not the line.
        return unsure(cues, question_like, matched, "qa.dont_know", item_evidence)
    if presenter >= 3 and items:
        return done(Intent.ITEM_PRESENTER, facts.presenter_messages(items), 0.9, *item_evidence)
    if agency_ok and (talks >= 2 or (not items and talks >= 1) or presenter >= 3):
        return agency_talks(agency.score if agency else 0.5)
    if people and (talks >= 1 or asks_what(tokens)) and not asks_content(tokens):
        # "thầy Toàn trình bày đề tài gì", "what is the Dutch expert talking about": their lines.
        lines = [view.items[i] for i in people]
        presenter_name = lines[0].presenter or ""
        return done(
            Intent.AGENCY_TALKS,
            facts.agency_messages(view, presenter_name, lines),
            0.85,
            *(Evidence("item", i.title, 0.85) for i in lines),
        )
    if topic and topic_score >= 3 and not items:
        return note()
    if presenter >= 3:
        # "who is the moderator": a role the programme writes before a presenter ("Moderator: ...").
        roles = {w for p in hits.phrases_of(Intent.ITEM_PRESENTER) for w in p} - {"ai", "who", "la", "is"}
        by_role = [
            i
            for i in view.items
            if i.presenter and roles & set(normalise_tokens(i.presenter.partition(":")[0]))
        ]
        if by_role and ":" in (by_role[0].presenter or "") and not content:
            evidence = tuple(Evidence("item", i.title, 0.8) for i in by_role)
            return done(Intent.ITEM_PRESENTER, facts.presenter_messages(by_role), 0.8, *evidence)
        return unsure(cues, question_like, matched)
    if topic and topic_score >= 3 and score(Intent.WHERE) >= 3:
        return note()  # "lunch venue?", "ăn trưa ở đâu": where the topic is, in its note (or not given)
    if score(Intent.WHERE) >= 3 and score(Intent.WHERE) >= score(Intent.WHEN) and general:
        return where(0.9)
    position = ordinal(tokens, asked.used)
    last_day = max((i.day for i in view.items), default=0)
    names_a_part = bool({"session", "sessions", "phan", "bai", "item", "talk", "part"} & set(tokens))
    if (score(Intent.PROGRAMME) >= 3 or names_a_part) and position is not None and not items:
        # "the first item on the agenda", "phần cuối chương trình", "bài thứ 2 buổi chiều"; "tham
        # luận số 3", "the second talk" count the talks only (four in one slot have no third).
        talks_only = bool({"talk", "talks", "presentation"} & set(tokens)) or any(
            holds(tokens, p) for p in (("tham", "luan"), ("bao", "cao"))
        )
        day_lines = [
            i
            # "phần cuối cùng": of the last day, unless a day is asked.
            for i in navigation.day_items(
                view, day if day is not None else (last_day if position == -1 else 0), half
            )
            if i.start_time
            and i.kind != AgendaKind.BREAK  # a break is no "part"
            and (not talks_only or i.kind == AgendaKind.TALK)
        ]
        slots = sorted({i.start_time for i in day_lines if i.start_time})
        if slots and -len(slots) <= position < len(slots):
            chosen = [i for i in day_lines if i.start_time == slots[position]]
            evidence = tuple(Evidence("item", i.title, 0.8) for i in chosen)
            return done(Intent.ITEM_TIME, facts.item_time_messages(view, chosen), 0.8, *evidence)
    presents = agency_ok and agency is not None and bool(index.agency_lines(agency.names))
    if score(Intent.PROGRAMME) >= 3 and presents and day is None and half is None and not time_question:
        return agency_talks(agency.score if agency else 0.5)  # "UNDP có những bài gì": its talks
    if score(Intent.PROGRAMME) >= 3 and not time_question and general:
        return programme(0.85)
    # A line named alone is asked about, unless the question is a request ("... được không") or
    # asks what the line says ("giải pháp cải thiện chỉ số là gì"): its title and time do not tell.
    # "Cục Thống kê hướng dẫn phần nào": what the agency presents, whichever line its words name.
    if (
        agency_ok
        and asks_what(tokens)
        and presenter < 3
        and not time_question
        and not which_of(tokens, agency_words)
        and not (items and asks_content(tokens))
    ):
        return agency_talks(agency.score if agency else 0.5)
    if items and asks_content(tokens) and not time_question and not named_by_presenter(content, items):
        return unsure(cues, question_like, matched, "qa.dont_know", item_evidence)
    if items and (
        (item_alone and not score(Intent.UNKNOWN))
        or (item_strong and score(Intent.ITEM_TIME) >= 2 and names_line)
    ):
        return done(
            Intent.ITEM_TIME,
            facts.item_time_messages(view, items),
            item.score if item else 0.5,
            *item_evidence,
        )
    if topic and topic_score >= 3:
        return note()
    best = max((Intent.WHEN, Intent.PROGRAMME, Intent.WHERE), key=score)
    if agency_ok and time_question and best == Intent.WHEN:
        return agency_talks(agency.score if agency else 0.5)  # "what time is UTEHY on": its talks' times
    if score(best) >= 2 and general:
        if best == Intent.PROGRAMME:
            return programme(0.7)
        if best == Intent.WHERE:
            return where(0.7)
        return when()
    if faq is not None and faq.score >= FAQ_WEAK:
        return faq_answer()
    # "which ballroom?", "hội trường nào": which part of the venue, which the venue's name gives.
    venue_said = set(content) - HARMLESS
    if not items and venue_said and venue_said <= index.venue_words and asks_what(tokens):
        return where(0.8)
    if agency_ok:
        return agency_talks(agency.score * 0.8 if agency else 0.5)
    if score(Intent.THANKS) >= 3:
        return done(Intent.THANKS, [Message.of("qa.thanks")], 0.9)
    if score(Intent.GREETING) >= 2:
        return done(Intent.GREETING, [Message.of("qa.greeting", title=view.title)], 0.9)
    if (day is not None or half is not None) and not [t for t in content if t not in _TIME_WORDS]:
        # "ngày 26 tháng 11 đúng không": on a one-day event, the date; else that day's programme.
        one_day = len({i.day for i in view.items}) <= 1
        return when() if one_day and half is None else programme(0.6)
    # "đăng ký gian trưng bày mất phí bao nhiêu": a FAQ entry that holds every word asked.
    holder = faq_holding(all_content, tokens, view, index, digits=asks_quantity(tokens, frozenset()))
    if holder is not None:
        return faq_entry(holder, 0.75)
    return unsure(cues, question_like, matched)


# The usual practical topics' keys, under every name organisers give them.
# (Not the online note: organisers word it in many ways, so it is also found by what it says.)
_USUAL_NOTE_KEYS = frozenset(
    {*NOTE_TOPICS, *NOTE_LABELS, *(k for keys in facts.NOTE_KEYS.values() for k in keys)}
) - set(facts.NOTE_KEYS["online"])
_DAY_BEFORE = (("day", "before"), ("night", "before"), ("hom", "truoc"), ("toi", "hom", "truoc"))
# Words of time that any answer with a time accounts for ("có giải lao giữa giờ không").
_TIME_WORDS = frozenset({"gio", "luc", "ngay", "buoi", "hom", "time", "day", "days", "ngoai", "year", "cuoi"})
# Answers that never hold a count or a price.
_NO_COUNT = frozenset(
    {
        Intent.ITEM_TIME,
        Intent.ITEM_PRESENTER,
        Intent.NEXT,
        Intent.PREVIOUS,
        Intent.WHERE,
        Intent.AGENCY_TALKS,
        Intent.CHAIR,
        Intent.WHEN,
        Intent.END,
        Intent.NOW,
    }
)
_WHO_ATTENDS = (
    ("ai", "du"),
    ("ai", "tham", "du"),
    ("who", "attends"),
    ("who", "attend"),
    ("who", "is", "attending"),
)
_NUMBER_ASKED = (
    ("so", "may"),
    ("so", "nha"),
    ("so", "bao", "nhieu"),
    ("what", "number"),
    ("which", "number"),
)
_SEPARATORS = frozenset({"va", "and", "voi", "den", "to", "toi"})
# A time or a date in an answer: what "mấy giờ", "khi nào" asks for.
_GIVES_TIME = re.compile(
    r"\b\d{1,2}(?::\d{2}|h\d{0,2}|/\d{1,2})\b|\b(?:tuần|ngày|tháng|hôm|sau|trước|week|day|month|after|before)\b",
    re.IGNORECASE,
)


# Verbs of fetching a thing, which a note on where to find it need not repeat.
_PICKING = frozenset({"lay", "nhan", "get", "pick", "collect", "tap", "trung"})
# A place said in a note ("nhận tại bàn đón tiếp", "at the registration desk").
_PLACED = re.compile(r"\b(?:tại|ở|at|in)\b", re.IGNORECASE)
# Words that name a session of the event rather than the whole of it.
_SESSION_WORDS = frozenset({"phien", "session", "panel"})
# A role written before a session's presenter ("Chủ trì phiên:", "Điều phối:", "Moderator:").
_ROLE = re.compile(r"^\s*(?:chủ trì|điều phối|dẫn dắt|moderator|chair|facilitator)[^:]{0,20}:", re.IGNORECASE)
_DAY_MONTH = re.compile(r"\b(\d{1,2})/(\d{1,2})\b")


def _other_day(view: EventView, day: int | None, text: str) -> bool:
    """Whether a note gives dates, none of them the event's day asked about."""
    if day is None or view.start_date is None:
        return False
    given = {(int(d), int(m)) for d, m in _DAY_MONTH.findall(text)}
    asked = view.start_date + dt.timedelta(days=day)
    return bool(given) and (asked.day, asked.month) not in given


def _between(view, index, tokens, asked, done) -> Answer | None:  # type: ignore[no-untyped-def]
    # "giữa khai mạc và giải lao có gì": the two lines are named on each side of "và".
    start = next((n + 1 for n, w in enumerate(tokens) if w in {"giua", "between"}), None)
    if start is None:  # "từ sau khai mạc đến giải lao"
        start = next((n + 1 for n, w in enumerate(tokens) if w in {"tu", "from"}), 0)
        start += 1 if start < len(tokens) and tokens[start] in {"sau", "after"} else 0
    words = list(tokens[start:])
    cut = next((n for n, w in enumerate(words) if w in _SEPARATORS and n > 0), None)
    if cut is None:
        return None
    sides = []
    for part in (words[:cut], words[cut + 1 :]):
        # Each side may name its own half of the day ("nghỉ trưa và giải lao buổi chiều").
        half, said = half_of(part)
        part_words = topic_words([w for n, w in enumerate(part) if n not in said], index.event_phrases)
        found = index.match_items(part_words, asked.day, half)
        if found is None or found.score < ITEM_THRESHOLD:
            return None
        sides.append((found, [view.items[i] for i in found.indexes]))
    (a, first), (b, second) = sides
    evidence = [Evidence("item", i.title, a.score) for i in first] + [
        Evidence("item", i.title, b.score) for i in second
    ]
    return done(
        Intent.BETWEEN,
        navigation.between_messages(view, first, second),
        min(a.score, b.score),
        *evidence,
    )
