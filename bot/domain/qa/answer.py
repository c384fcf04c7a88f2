"""Answer a free-text question from one event's data: understand, match, decide, explain.

Deterministic: the same question about the same event always gets the same answer, and the
Answer says which cues fired and what matched, so a wrong answer can be traced to a rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.domain.qa import facts
from bot.domain.qa.intents import CueHits, Intent, score_intents
from bot.domain.qa.matcher import EventIndex, index_for, topic_words
from bot.domain.qa.messages import Message
from bot.domain.qa.normalise import TIME_QUESTION, normalise
from bot.domain.qa.view import EventView

__all__ = ["Answer", "answer_question", "ITEM_THRESHOLD", "AGENCY_THRESHOLD", "FAQ_STRONG", "FAQ_WEAK"]

ITEM_THRESHOLD = 0.5  # share of the question's weighted content words found in an agenda line
AGENCY_THRESHOLD = 0.75  # distinctive words of an agency name present in the question
FAQ_STRONG = 86.0  # FAQ wins over every other reading at or above this rapidfuzz score
FAQ_WEAK = 72.0  # FAQ answers only when nothing else understood the question
NOTE_LABELS = ("parking", "dress_code", "lunch", "documents", "hotline")


@dataclass(frozen=True)
class Answer:
    """What the bot understood and what it answers. `confident=False` means: forward it."""

    intent: Intent
    confidence: float
    messages: tuple[Message, ...]
    confident: bool = True
    question_like: bool = True
    location: bool = False
    ics: bool = False
    forward: bool = False  # answered honestly, but the organisers should see the question
    cues: tuple[str, ...] = ()
    matched: tuple[str, ...] = field(default=())


def _unsure(cues: tuple[str, ...], question_like: bool, matched: tuple[str, ...] = ()) -> Answer:
    return Answer(
        Intent.UNKNOWN, 0.0, (Message.of("qa.unsure"),), False, question_like,
        forward=True, cues=cues, matched=matched,
    )  # fmt: skip


def _note_label(topic: str) -> Message | str:
    return Message.of(f"venue.note.{topic}") if topic in NOTE_LABELS else topic.replace("_", " ")


def _looks_like_question(tokens: tuple[str, ...], markers: frozenset[str], hits_count: int) -> bool:
    # Enough to be worth an organiser's time: a question mark or word, and some real words.
    asking = {"khong", "gi", "nao", "dau", "sao", "bao", "what", "where", "when", "how", "who",
              "which", "is", "are", "can", "do", "does", "co", "ai", "chua", "nhieu"}  # fmt: skip
    words = [t for t in tokens if t.isalpha() and len(t) > 1]
    return len(words) >= 2 and ("question_mark" in markers or hits_count > 0 or bool(asking & set(tokens)))


def answer_question(text: str, view: EventView, now: dt.datetime) -> Answer:
    """Understand `text` as a question about `view` at time `now`, and build the answer."""
    index = index_for(view)
    normalised = normalise(text)
    tokens = tuple(index.correct(t) for t in normalised.tokens)
    hits = score_intents(tokens, normalised.markers)
    # Words strong cues used ("ở đâu", "ai trình bày") say what is asked, not what it is about.
    strong = {i for i, weight in hits.used.items() if weight >= 2}
    content = topic_words([t for i, t in enumerate(tokens) if i not in strong])
    all_content = topic_words(tokens)
    question_like = _looks_like_question(tokens, normalised.markers, len(hits.fired))
    return _decide(view, index, now, hits, content, all_content, normalised.clock, question_like)


def _decide(  # noqa: C901 - one ordered list of readings is easier to follow than a dispatch table
    view: EventView,
    index: EventIndex,
    now: dt.datetime,
    hits: CueHits,
    content: list[str],
    all_content: list[str],
    clock: str | None,
    question_like: bool,
) -> Answer:
    cues = hits.fired
    item = index.match_items(content)
    items = [view.items[i] for i in item.indexes] if item and item.score >= ITEM_THRESHOLD else []
    item_strong = bool(items) and item is not None and item.matched_weight >= 0.5
    # A programme line named with no question word around it must be named clearly.
    item_alone = item_strong and item is not None and item.coverage >= 0.75 and (
        item.pairs_matched > 0 or item.unmatched == 0
    )
    agency = index.match_agency(content)
    agency_ok = agency is not None and agency.score >= AGENCY_THRESHOLD
    faq = index.match_faq(all_content)
    topic, topic_score = hits.best_topic()
    if topic is None:
        topic = index.match_note(all_content)
        topic_score = 5.0 if topic else 0.0
    score = hits.score
    time_question = TIME_QUESTION in hits.phrases()
    asks_now, asks_next = score(Intent.NOW), score(Intent.NEXT)
    presenter, talks = score(Intent.ITEM_PRESENTER), score(Intent.AGENCY_TALKS)
    matched = tuple(f"item:{i.title}" for i in items)
    if agency_ok and agency is not None:
        matched += (f"agency:{agency.name}",)

    def done(intent: Intent, messages: list[Message], confidence: float, **extra: bool) -> Answer:
        # A note the organisers never gave is said honestly, and the question still goes to them.
        missing = any(m.key == "qa.note.missing" for m in messages)
        return Answer(
            intent, confidence, tuple(messages), True, question_like,
            cues=cues, matched=matched, forward=missing, **extra,
        )  # fmt: skip

    def note() -> Answer:
        assert topic is not None
        return done(Intent.NOTE, facts.note_messages(view, topic, _note_label(topic)), min(topic_score / 6, 0.9))

    def agency_talks(confidence: float) -> Answer:
        assert agency is not None
        said = [i for i in view.items if index.presenter_matches(i.presenter, agency.names)]
        return done(Intent.AGENCY_TALKS, facts.agency_messages(view, agency.name, said), confidence)

    if faq is not None and faq.score >= FAQ_STRONG:
        return done(Intent.FAQ, [Message.of("qa.faq", answer=view.faq[faq.index].answer)], faq.score / 100)
    if score(Intent.CALENDAR) >= 4:
        return done(Intent.CALENDAR, facts.when_messages(view), 0.9, ics=True)
    if score(Intent.DURATION) >= 4:
        if item_strong:
            return done(Intent.DURATION, facts.duration_messages(items), 0.9)
        return done(Intent.DURATION, facts.event_duration_messages(view), 0.8)
    if item_strong and asks_next >= asks_now and (asks_next >= 3 or (asks_next >= 1 and not time_question)):
        return done(Intent.NEXT, facts.next_after(view, items), 0.85)
    if max(asks_now, asks_next) >= 3 and topic_score < 5:
        want_next = asks_next > asks_now
        return done(Intent.NEXT if want_next else Intent.NOW, facts.now_next_messages(view, now, want_next), 0.85)
    if clock is not None and not items and not time_question:
        at = dt.time.fromisoformat(clock)
        return done(Intent.NOW, facts.now_next_messages(view, now, False, at=at), 0.75)
    if _start_and_end(hits):
        return done(Intent.WHEN, facts.when_messages(view), 0.85)
    if time_question and item_strong and presenter < 3 and talks < 4:
        return done(Intent.ITEM_TIME, facts.item_time_messages(view, items), item.score if item else 0.5)
    if topic and topic_score >= 5:
        return note()
    if presenter >= 3 and items:
        return done(Intent.ITEM_PRESENTER, facts.presenter_messages(items), 0.9)
    if agency_ok and (talks >= 2 or (not items and talks >= 1) or presenter >= 3):
        return agency_talks(agency.score if agency else 0.5)
    if topic and topic_score >= 3 and not items:
        return note()
    if presenter >= 3:
        return _unsure(cues, question_like, matched)
    if score(Intent.WHERE) >= 3 and score(Intent.WHERE) >= score(Intent.WHEN):
        return done(Intent.WHERE, facts.where_messages(view), 0.9, location=True)
    if score(Intent.PROGRAMME) >= 3 and not time_question:
        return done(Intent.PROGRAMME, facts.programme(view), 0.85)
    if items and (item_alone or (item_strong and score(Intent.ITEM_TIME) >= 2)):
        return done(Intent.ITEM_TIME, facts.item_time_messages(view, items), item.score if item else 0.5)
    if topic and topic_score >= 3:
        return note()
    best = max((Intent.WHEN, Intent.PROGRAMME, Intent.WHERE), key=score)
    if score(best) >= 2:
        if best == Intent.PROGRAMME:
            return done(Intent.PROGRAMME, facts.programme(view), 0.7)
        if best == Intent.WHERE:
            return done(Intent.WHERE, facts.where_messages(view), 0.7, location=True)
        return done(Intent.WHEN, facts.when_messages(view), 0.75)
    if faq is not None and faq.score >= FAQ_WEAK:
        return done(Intent.FAQ, [Message.of("qa.faq", answer=view.faq[faq.index].answer)], faq.score / 100)
    if agency_ok:
        return agency_talks(agency.score * 0.8 if agency else 0.5)
    if score(Intent.THANKS) >= 3:
        return done(Intent.THANKS, [Message.of("qa.thanks")], 0.9)
    if score(Intent.GREETING) >= 2:
        return done(Intent.GREETING, [Message.of("qa.greeting", title=view.title)], 0.9)
    return _unsure(cues, question_like, matched)


def _start_and_end(hits: CueHits) -> bool:
    # "bắt đầu lúc mấy giờ, kết thúc lúc mấy giờ?" asks for the event's hours, not the closing item.
    phrases = hits.phrases()
    return bool(phrases & {"bat dau", "start", "starts", "begin", "begins"}) and bool(
        phrases & {"ket thuc", "end", "finish"}
    )
