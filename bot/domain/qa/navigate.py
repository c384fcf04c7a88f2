"""Readings that move through the programme: calendar, between, duration, chair, before/after, end, now.

The second group of the decision (decide.py): tried after a FAQ entry and the things the data
never holds, before a line, note or agency named on its own.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.domain.qa import facts, navigation
from bot.domain.qa.agreement import PART_WORDS, holds, trailing_before
from bot.domain.qa.asking import asks_what, faq_holding, from_to, says_deadline, start_and_end
from bot.domain.qa.days import half_of, today
from bot.domain.qa.evidence import HARMLESS, Answer, Evidence
from bot.domain.qa.intents import Intent
from bot.domain.qa.lexicon import lexicon
from bot.domain.qa.matcher import EVENT_KIND_PHRASES, ItemMatch, topic_words
from bot.domain.qa.normalise import normalise_tokens
from bot.domain.qa.ordinals import ORDINAL_TOKENS, pick_ordinal
from bot.domain.qa.people import lines_of_person
from bot.domain.qa.reading import (
    ITEM_THRESHOLD,
    TIME_WORDS,
    Reading,
    numbered_pairs,
    opening_lines,
    part_lines,
)
from bot.domain.qa.replies import faq_entry, field, note_reply, programme, when
from bot.domain.qa.view import EventView, ItemView
from storage.enums import AgendaKind

__all__ = ["STARTS", "navigation_reading"]

_EACH_DAY = (
    ("moi", "ngay"),
    ("hang", "ngay"),
    ("cac", "ngay"),
    ("each", "day"),
    ("every", "day"),
    ("daily",),
)
_SESSIONS_COUNTED = (("may", "buoi"), ("bao", "nhieu", "buoi"), ("how", "many", "sessions"))
_ASKING = frozenset(
    {"what", "else", "is", "are", "there", "s", "any", "co", "gi", "nao", "nhung", "khong", "ko"}
)
_PER = frozenset({"each", "per", "moi"})
# A limit asked ("được nói tối đa mấy phút", "at most how many minutes"): a rule, not a length.
_LIMIT = (("toi", "da"), ("at", "most"), ("maximum",), ("max",))
_SEPARATORS = frozenset({"va", "and", "voi", "den", "to", "toi"})
_SAVING = frozenset({"luu", "save"})
_BREAK_SAID = (("break",), ("giai", "lao"), ("nghi", "giai", "lao"))
_NEXT_TALK = (
    ("next", "talk"),
    ("next", "presentation"),
    ("next", "speaker"),
    ("bai", "tiep", "theo"),
    ("bai", "ke", "tiep"),
    ("tham", "luan", "tiep", "theo"),
)
# The cues that ask when something starts.
STARTS = frozenset({"bat dau", "start", "starts", "begin", "begins"})
_DATES = frozenset({"lich", "ngay", "date", "dates"})
# Words that name a session of the event rather than the whole of it.
_SESSION_WORDS = frozenset({"phien", "session", "panel"})


def navigation_reading(r: Reading) -> Answer | None:
    """Calendar, between two lines, duration, chair, before/after a line, the end, now and next."""
    score, tokens, items = r.score, r.tokens, r.items
    # "gửi lịch để em lưu vào điện thoại", "send me the dates to save on my phone": the event's
    # dates to keep, when nothing else (a contact, a line) is to be saved.
    on_phone = any(
        holds(tokens, p) for p in (("vao", "dien", "thoai"), ("on", "my", "phone"), ("to", "my", "phone"))
    )
    # ("chương trình lưu động bắt đầu ngày nào": a roadshow, nothing saved)
    saving = (
        bool(_SAVING & set(tokens) and _DATES & set(tokens))
        and (r.topic is None or on_phone)
        and not items
        and not holds(tokens, ("luu", "dong"))
    )
    # ("link đặt lịch gặp mentor": booking a slot, which the organisers' note on it says, not
    # putting the event in a calendar)
    booking = (
        holds(tokens, ("dat", "lich"))
        and r.topic is not None
        and {"dat", "lich"} <= r.index.note_text_words.get(r.topic, frozenset())
    )
    if (score(Intent.CALENDAR) >= 4 or saving) and not booking:
        return r.done(Intent.CALENDAR, facts.when_messages(r.view), 0.9, field("date", 0.9), ics=True)
    # "giữa X và Y", and "từ (sau) X đến Y có những bài nào".
    named_ends = from_to(tokens) and (asks_what(tokens) or score(Intent.PROGRAMME) >= 2)
    between = _between(r) if score(Intent.BETWEEN) >= 3 or named_ends else None
    if between is not None:
        return between
    # "thứ mấy, ngày nào" asks the weekday and date, not "mấy ngày" (how many days).
    # "TS. Phương lên lớp mấy buổi": the person's sessions, counted by listing them.
    sessions_of_person = bool(r.people) and any(holds(tokens, p) for p in _SESSIONS_COUNTED)
    # ("giá phòng bao nhiêu 1 đêm": a price for a night asked, not how many nights)
    priced = any(holds(tokens, p) for p in _PRICE_ASKED)
    duration = score(Intent.DURATION) >= 4 and not sessions_of_person and not priced
    if duration and _counts_down(tokens):
        # "còn bao lâu nữa thì nghỉ trưa", "how long until lunch": when it starts, and how far off.
        if r.this_line:
            # "phần này còn bao lâu nữa": when the line on now ends, and how far off that is
            messages = navigation.end_messages(r.view, r.now, None, items)
            messages += facts.countdown_messages(r.view, items, r.now, to_end=True)
            return r.done(Intent.END, messages, 0.85, *r.item_evidence)
        if r.lined:
            messages = facts.item_time_messages(r.view, items) + facts.countdown_messages(
                r.view, items, r.now
            )
            return r.done(Intent.ITEM_TIME, messages, 0.85, *r.item_evidence)
        duration = False  # ("còn bao lâu nữa thì kết thúc", "... thì bắt đầu": the end or the date)
    if duration and any(holds(tokens, p) for p in _AHEAD) and r.topic and r.has_note:
        # "hủy phiên thì phải báo trước bao lâu", "how far in advance must I cancel": a notice
        # period, which the note on the very thing gives ("chậm nhất 24 giờ trước giờ hẹn"),
        # not the length of a line or of the event.
        if _NOTICE.search(facts.note_text(r.view, r.topic) or ""):
            return note_reply(r, r.topic)
        return r.dont_know(Evidence("note", r.topic, 0.0))
    if duration and not holds(tokens, ("thu", "may")) and score(Intent.END) < 4:
        if (any(t in _PER for t in tokens) or any(holds(tokens, p) for p in _LIMIT)) and not any(
            holds(tokens, p) for p in _EACH_DAY
        ):
            # "how many minutes does each commune get", "mỗi đơn vị được nói mấy phút": neither the
            # line's length nor the event's is each speaker's; a FAQ entry may say it.
            holder = faq_holding(r.all_content, tokens, r.view, r.index, digits=True)
            # ("how long does each team get to pitch": an entry that gives a length, not one on
            # how to apply with a date in it)
            if holder is not None and not _NOTICE.search(r.view.faq[holder].answer):
                holder = None
            # ("How long can each unit speak?": the words asked of, the cue's "speak" aside)
            if holder is None:
                # ("giao ban ... mỗi đơn vị được nói mấy phút": the event's own name and the verb aside)
                asked = [t for t in r.content if t not in r.index.title_words and t not in _SPEAKING]
                holder = faq_holding(asked, tokens, r.view, r.index, least=1)
                if holder is not None and not _MINUTES.search(r.view.faq[holder].answer):
                    holder = None
            if holder is not None:
                return faq_entry(r, holder, 0.75)
            # ("mỗi bài ở tiểu ban được trình bày mấy phút": the note on the talks, which says so)
            if r.topic and r.has_note and _MINUTES.search(facts.note_text(r.view, r.topic) or ""):
                return note_reply(r, r.topic)
            return r.dont_know(*r.item_evidence)
        if r.lined:
            return r.done(Intent.DURATION, facts.duration_messages(items), 0.9, *r.item_evidence)
        span = _part_span(r, tokens)
        if span is not None:
            # "phiên 1 kéo dài bao lâu", "how long is the first session": the part the programme
            # writes across several lines, from its first talk to its last line's end.
            evidence = Evidence("item", span.title, 0.85)
            return r.done(Intent.DURATION, facts.duration_messages([span]), 0.85, evidence)
        if r.time_question and r.day is None:
            return when(r)  # "mấy ngày, sáng học từ mấy giờ": the days and their hours
        halved = facts.half_duration_messages(r.view, r.day, r.half) if r.half is not None else None
        if halved is not None:
            # "buổi sáng kéo dài bao lâu": the morning's hours, not the whole day's
            return r.done(Intent.DURATION, halved, 0.8, field("hours", 0.8))
        return r.done(Intent.DURATION, facts.event_duration_messages(r.view), 0.8, field("hours", 0.8))
    if score(Intent.CHAIR) >= 3 and _SESSION_WORDS & set(tokens):
        return _session_chair(r)
    chair = score(Intent.CHAIR)
    # ("who is in charge of parking": whoever looks after a thing, not who chairs the event)
    in_charge_of_a_thing = holds(tokens, ("in", "charge")) and bool(r.unaccounted())
    if (
        chair >= 3
        and not (r.item_strong and r.presenter + chair >= 4 and r.item_alone)
        and not in_charge_of_a_thing
    ):
        if not r.time_question:
            return r.done(Intent.CHAIR, navigation.chair_messages(r.view), 0.85, field("chair", 0.85))
        if not r.items:
            # "what time does the chairman speak": when a part is, which no line names; not who chairs.
            return r.dont_know(field("chair", 0.0))
    return _before_after(r) or _clock(r)


def _part_span(r: Reading, tokens: tuple[str, ...]) -> ItemView | None:
    """A numbered part written across several lines of one day, as one line: its label ("Phiên 1"),
    from its first line that is not a welcome or a break to its last line's end."""
    lines = part_lines(r.view, r.index, tokens)
    if len(lines) < 2 and r.day is not None and r.half is None:
        # (a part held on a day of its own, which its words named: "phiên 1" of a meeting a week)
        lines = list(navigation.day_items(r.view, r.day, None))
        if not lines or not any(c.isdigit() for c in _LABEL_END.split(lines[0].title, maxsplit=1)[0]):
            return None
    if len(lines) < 2 or len({i.day for i in lines}) != 1:
        return None
    held = [i for i in lines if i.kind not in (AgendaKind.REGISTRATION, AgendaKind.BREAK)] or lines
    first, ends = held[0], [i.end_time for i in lines if i.end_time]
    if first.start_time is None or not ends:
        return None
    label = _LABEL_END.split(lines[0].title, maxsplit=1)[0].strip()
    return ItemView(first.day, first.position, first.start_time, max(ends), label, None, first.kind)


_LABEL_END = re.compile(r"\s[-–]\s|:\s|\s\(")


# Words asking how far off something is, not how long it lasts.
_UNTIL = (("bao", "lau", "nua"), ("how", "long", "until"), ("how", "long", "till"), ("how", "much", "longer"))


def _counts_down(tokens: tuple[str, ...]) -> bool:
    return any(holds(tokens, p) for p in _UNTIL)


_SPEAKING = frozenset({"noi", "speak", "speaks", "trinh", "bay", "phat", "bieu", "bao", "cao", "talk"})
# An advance notice asked ("báo trước bao lâu", "how far in advance"), and a length a note gives.
_AHEAD = (("truoc", "bao", "lau"), ("bao", "lau", "truoc"), ("in", "advance"), ("how", "far", "ahead"))
_NOTICE = re.compile(
    r"(?<![\d:/.])\b\d+\s*(?:giờ|tiếng|ngày|tuần|phút|hours?|days?|weeks?|minutes?)\b", re.IGNORECASE
)
# A length in minutes, as an entry gives each speaker's ("tối đa 07 phút").
_MINUTES = re.compile(r"\b\d+\s*(?:phút|minutes?|mins?)\b", re.IGNORECASE)


def _said_before_after(tokens: tuple[str, ...], phrases: list[tuple[str, ...]]) -> bool:
    """Whether a phrase is said before "sau"/"after" ("có ăn tối sau họp báo": the meal is asked;
    "sau giờ ăn trưa là bài gì": the meal is what comes before)."""
    at = next((n for n, t in enumerate(tokens) if t in {"sau", "after"}), None)
    return at is not None and any(holds(tokens[:at], p) for p in phrases)


def _part_named(r: Reading) -> ItemView | None:
    """The one line whose title opens with the words after "phần"/"part" ("phần ký kết"), or
    after "sau khi"/"trước khi" ("sau khi Bộ kết luận": "Phát biểu kết luận ...")."""
    tokens = r.tokens
    at = next((n for n, t in enumerate(tokens) if t in {"phan", "part"}), None)
    if at is None:
        at = next(
            (n for n, t in enumerate(tokens) if t == "khi" and n and tokens[n - 1] in {"sau", "truoc"}), None
        )
    if at is None:
        return None
    moving = {
        w for i in (Intent.NEXT, Intent.PREVIOUS, Intent.BETWEEN) for p in r.hits.phrases_of(i) for w in p
    }
    phrase: list[str] = []
    for t in tokens[at + 1 :]:
        if t in moving:
            break
        if t not in r.index.idf or t in HARMLESS or t not in r.all_content:
            break
        phrase.append(t)
    if not phrase:
        return None
    lines = [n for n, title in enumerate(r.index.title_tokens) if holds(title[:4], tuple(phrase))]
    if not lines and tokens[at] == "khi":
        # ("Bộ" said of the act is its presenter's: the title opens with the act's two words)
        # (the act is said last: "kết luận" of "Bộ kết luận", before "bố kết" of "Công bố kết quả")
        for span in (tuple(phrase[i : i + 2]) for i in reversed(range(len(phrase) - 1))):
            lines = [
                n
                for n, title in enumerate(r.index.title_tokens)
                if holds(title[:4], span) and all(t in r.index.item_words[n] for t in phrase)
            ]
            if lines:
                break
    if len(lines) > 1:
        # ("phần tham luận của Khánh Hòa": of the reports, the one whose title says the rest)
        rest = [t for t in r.all_content if t not in phrase and t not in HARMLESS]
        lines = [n for n in lines if rest and all(t in r.index.item_words[n] for t in rest)]
    return r.view.items[lines[0]] if len(lines) == 1 else None


def _after_the_event(r: Reading) -> bool:
    """Whether "after" is followed only by the event's own name ("after the ceremony")."""
    tokens = r.tokens
    at = next((n for n, t in enumerate(tokens) if t in {"after", "sau"}), None)
    if at is None or at + 1 >= len(tokens):
        return False
    rest = [t for t in tokens[at + 1 :] if t not in HARMLESS and t not in {"the", "a", "khi", "buoi", "?"}]
    # ("sau họp báo có được phỏng vấn riêng lãnh đạo không" of the press conference itself: the
    # event's own name, as its title opens, right after "sau")
    title = r.index.event_title_tokens
    own = [p for p in (*r.index.event_phrases, *EVENT_KIND_PHRASES) if tuple(title[: len(p)]) == p]
    return bool(rest) and (
        all(t in r.index.kind_words for t in rest) or any(tuple(rest[: len(p)]) == p for p in own)
    )


def _following(view: EventView, item: ItemView) -> ItemView | None:
    """The line that comes right after `item` on its day."""
    later = [
        i
        for i in view.items
        if i.day == item.day and i.start_time and item.start_time and i.start_time > item.start_time
    ]
    return min(later, key=lambda i: i.start_time) if later else None


def _lines_of_topic(r: Reading) -> list[ItemView]:
    """The lines whose title says the practical topic asked ("Bữa tối nhẹ" for "ăn tối")."""
    if r.topic is None:
        return []
    asked = r.hits.phrases_of_topic(r.topic)
    # ("after lunch": the programme's "Ăn trưa, nghỉ trưa", in its own words)
    asked = [*asked, *(g for p in asked for g in lexicon().glosses(p))]
    phrases = [p for p in asked if len(p) >= 2]
    return [
        item
        for item, title in zip(r.view.items, r.index.title_tokens, strict=True)
        if any(holds(title, p) for p in phrases)
    ]


def _presenter_of_part_before(r: Reading) -> Answer | None:
    """ "Who moderates the roundtable after the signing?": the one line named before "after" is
    the one whose presenter is asked; "after ..." only says which."""
    tokens = r.tokens
    at = next((n for n, t in enumerate(tokens) if t in {"after", "sau"}), None)
    if r.presenter < 3 or at is None:
        return None
    words = [t for n, t in enumerate(tokens[:at]) if n not in r.hits.used and t not in HARMLESS]
    found = r.index.match_items(topic_words(words, r.index.event_phrases), r.day, r.half) if words else None
    if found is None or found.score < ITEM_THRESHOLD or len(found.indexes) != 1:
        return None
    line = r.view.items[found.indexes[0]]
    if not line.presenter:
        return None
    return r.done(
        Intent.ITEM_PRESENTER,
        facts.presenter_messages([line]),
        0.85,
        Evidence("item", line.title, found.score),
    )


# "after each talk", "sau mỗi bài", "trước từng phiên": every one, not one line.
_EACH_ONE = (
    ("after", "each"), ("after", "every"), ("before", "each"), ("before", "every"),
    ("sau", "moi"), ("sau", "tung"), ("truoc", "moi"), ("truoc", "tung"),
)  # fmt: skip


def _before_after(r: Reading) -> Answer | None:
    score, tokens, items = r.score, r.tokens, r.items
    named = _presenter_of_part_before(r)
    if named is not None:
        return named
    # A bare "trước" must come with "what" ("trước giải lao là gì"): "gửi trước" is not navigation.
    # "cần cài đặt gì trước": "beforehand".
    previous = score(Intent.PREVIOUS) if score(Intent.PREVIOUS) >= 2 or asks_what(tokens) else 0.0
    previous = 0.0 if trailing_before(tokens) and score(Intent.PREVIOUS) < 3 else previous
    if holds(tokens, ("day", "before")) or holds(tokens, ("night", "before")):
        previous = 0.0  # "the day before": a day, not the line before another
    asks_next = r.asks_next
    if any(holds(tokens, p) for p in _EACH_ONE):
        # "is there a Q&A after each talk?": after every one of them, which no single line follows.
        previous = asks_next = 0.0
    lined = r.lined  # ("HT PII ở Quảng Trị thứ 5 tuần sau": no line to go before or after)
    evidence = r.item_evidence
    # ("What do we visit after lunch?": "after" with what is asked)
    moving = max(previous, asks_next) + (1 if asks_what(tokens) else 0)
    if not lined and moving >= 3:
        # "sau phần ăn tối là phần gì": the line of the meal named (a practical topic's words)
        meal = _lines_of_topic(r)
        if meal:
            lined, items = True, meal
            evidence = tuple(Evidence("item", i.title, 0.8) for i in meal)
    on_now = r.on_now if r.after_this and asks_next >= 1 else []
    if on_now:
        # "sau bài này là nghỉ giải lao à": after the line on now, whatever else is named
        lined, items = True, on_now
        evidence = tuple(Evidence("item", i.title, 0.85) for i in on_now)
    elif max(previous, asks_next) >= 1:
        # "trước phần ký kết là nội dung gì" of a signing ceremony: the event's own words, which
        # the one line whose title opens with them ("Nghi thức ký kết ...") is the part of.
        # (over a line that only mentions them: "sau phần kết luận của Bộ" is "Phát biểu kết
        # luận", not "Họp ngắn ...: quán triệt kết luận của Bộ")
        head = _part_named(r)
        if head is not None and (not lined or head not in items):
            lined, items = True, [head]
            evidence = (Evidence("item", head.title, 0.8),)
    if (
        not lined
        and max(previous, asks_next) >= 1
        and r.agency_ok
        and r.agency is not None
        and "phan" in tokens
    ):
        # "trước phần của ĐHQG là đơn vị nào": the agency's part is the line moved from.
        own = r.index.agency_lines(r.agency.names)
        if own:
            lined, items = True, own
            evidence = tuple(Evidence("item", i.title, 0.8) for i in own)
    if lined and previous >= 1 and previous >= asks_next and not r.time_question:
        return r.done(Intent.PREVIOUS, navigation.before_messages(r.view, items), 0.85, *evidence)
    if _after_the_event(r):
        asks_next = 0.0  # "who chairs the press conference after the ceremony": which one, not next
    # ("có ăn tối sau họp báo không": a meal asked, whether there is one after it, not what is next)
    topic_after = (
        r.topic is not None
        and r.topic_score >= 5
        and asks_next < 3
        and not r.time_question
        and _said_before_after(tokens, r.hits.phrases_of_topic(r.topic))
    )
    if (
        lined
        and not topic_after
        and asks_next >= r.asks_now
        and (asks_next >= 3 or (asks_next >= 1 and not r.time_question))
    ):
        # "the next talk after X", "bài tiếp theo": a break in between is no talk
        talk_asked = any(holds(tokens, p) for p in _NEXT_TALK)
        if any(holds(tokens, p) for p in _BREAK_SAID) and all(i.kind != AgendaKind.BREAK for i in items):
            # ("after the final test and the break": after the break that follows it)
            following = _following(r.view, items[-1])
            if following is not None and following.kind == AgendaKind.BREAK:
                items = [following]
        return r.done(Intent.NEXT, facts.next_after(r.view, items, talk_asked), 0.85, *evidence)
    if start_and_end(r.hits):
        return when(r)
    # ("tham luận của Sở Xây dựng mấy giờ": the agency's own, not every "Tham luận: ..." line)
    named_agency = r.agency_ok and r.agency is not None
    part = (
        part_lines(r.view, r.index, tokens)
        if r.time_question and r.topic_score < 5 and not named_agency
        else []
    )
    part = [i for i in part if r.day is None or i.day == r.day]
    # ("ca 2 kết thúc lúc mấy giờ": the shift's first line found, the part is what is asked)
    if part and (not items or (score(Intent.END) >= 3 and any(i in part for i in items))):
        # "phiên 2 bắt đầu lúc mấy giờ", "when does session 1 end": a part written over several lines.
        evidence = tuple(Evidence("item", i.title, 0.8) for i in part)
        if score(Intent.END) >= 3:
            messages = navigation.end_messages(r.view, r.now, None, part[-1:])
            return r.done(Intent.END, messages, 0.8, *evidence)
        shown = part[:1] if r.hits.phrases() & STARTS else part
        return r.done(Intent.ITEM_TIME, facts.item_time_messages(r.view, shown), 0.8, *evidence)
    # ("diễn đàn xong có mời cơm tối không": after the event, a meal is asked, not when it ends)
    meal_after = r.topic is not None and r.topic_score >= 3 and not r.time_question
    # ("deadline to finish entering data": a deadline is asked, which the event's hours are not)
    deadline = says_deadline(tokens)
    # ("xong bài này là tới bài gì": what comes when this one is over, not when the event ends)
    next_asked = r.asks_next > score(Intent.END)
    if (
        score(Intent.END) >= 3
        and r.topic_score < 5
        and r.presenter < 3
        and not meal_after
        and not deadline
        and not next_asked
        # ("Where is the wrap-up meeting held?": a place asked, of a part named by an end's word)
        and not (score(Intent.WHERE) >= 3 and not r.time_question)
    ):
        # ("When does the Quang Tri workshop wrap up": the event's own title names no line)
        # (nor does the place a day is held at: "the Tuesday session in Hoang Mai" is that day's)
        held = {w for i in items for w in r.index.day_place_words.get(i.day, frozenset())}
        ended = items if r.item_strong and r.named - r.index.title_words - HARMLESS - held else []
        evidence = r.item_evidence if ended else (field("hours", 0.85),)
        days = sorted({i.day for i in r.view.items})
        if not ended and r.day is None and len(days) > 1 and any(holds(tokens, p) for p in _EACH_DAY):
            # "mỗi ngày mấy giờ tan học": every day's end.
            messages = [m for d in days for m in navigation.end_messages(r.view, r.now, d, [], r.half)]
        else:
            messages = navigation.end_messages(r.view, r.now, r.day, ended, r.half)
        return r.done(Intent.END, messages, 0.85, *evidence)
    return None


# "after the current talk", "sau phần đang trình bày": what follows the line on now.
_AFTER = frozenset({"after", "sau"})
_CURRENT = frozenset({"current", "currently", "dang", "hien", "this", "nay"})


def _after_the_current(tokens: tuple[str, ...]) -> bool:
    after = next((n for n, t in enumerate(tokens) if t in _AFTER), None)
    return after is not None and bool(_CURRENT & set(tokens[after + 1 : after + 4]))


def _clock(r: Reading) -> Answer | None:
    asks_now, asks_next = r.asks_now, r.asks_next
    this_day = today(r.view, r.now)
    if (
        r.score(Intent.PREVIOUS) >= 3
        and not r.items
        and not r.time_question
        and r.day in (None, this_day)
        and not r.beyond(set(), at_least=1)
        and (on_now := facts.lines_on_now(r.view, r.now))
    ):
        # "phần trước là gì vậy, em mới vào": the part before the one on now.
        evidence = tuple(Evidence("item", i.title, 0.8) for i in on_now)
        return r.done(Intent.PREVIOUS, navigation.before_messages(r.view, on_now), 0.8, *evidence)
    # "sáng nay đang đến phần nào rồi": today's half, which the clock answers.
    asked_today = this_day is not None and r.day in (None, this_day)
    half_or_day = r.day is not None or r.half is not None
    if asks_now >= 3 and asks_now >= asks_next and half_or_day and not r.clock:
        if not (asked_today and holds(r.tokens, ("dang",))):
            return programme(r, 0.8)  # "what's happening in the afternoon": that half-day's programme
    if asks_now >= 3 > asks_next and this_day is None and r.tokens[:1] == ("when",):
        return when(r)  # "When is the workshop now?" of one moved to a later day: its new date
    if max(asks_now, asks_next) >= 3 and r.topic_score < 5:
        want_next = asks_next > asks_now or (asks_next > 0 and _after_the_current(r.tokens))
        named_after = [
            t for t in r.content if t not in HARMLESS | TIME_WORDS | PART_WORDS and not t.isdigit()
        ]  # ("after this talk": the one on now)
        if want_next and not r.items and named_after:
            # "after the tea break on day one, what's next": a line named that none matched.
            return r.dont_know(field("clock", 0.0))
        intent = Intent.NEXT if want_next else Intent.NOW
        return r.done(intent, facts.now_next_messages(r.view, r.now, want_next), 0.85, field("clock", 0.85))
    span = _clock_span(r.tokens) if r.clock is not None and not r.time_question else None
    if span is not None and r.items and (not any(_within(i, span) for i in r.items) or asks_what(r.tokens)):
        # "từ 11h đến 1h chiều đoàn làm gì": a span asked, which the lines "đoàn" matched are not in;
        # "từ 19h đến 20h trên sân khấu có những gì": what is on in it, whatever lines matched
        return _during(r, span, this_day)
    if r.clock is not None and not r.items and not r.time_question:
        at = dt.time.fromisoformat(r.clock)
        if span is not None:
            # "từ 10h đến 11h có gì": the lines on at some time between the two.
            answer = _during(r, span, this_day)
            if not answer.abstains:
                return answer
        on = [
            (r.index.position(i), i)
            for i in navigation.day_items(r.view, r.day, None)
            if i.start_time and i.start_time <= at < (i.end_time or i.start_time)
        ]
        if r.presenter >= 3 and on:
            # "who speaks in the 10:55 slot": the presenter of the lines on at that time.
            evidence = tuple(Evidence("item", i.title, 0.75) for _, i in on)
            return r.done(
                Intent.ITEM_PRESENTER, facts.presenter_messages([i for _, i in on]), 0.75, *evidence
            )
        if r.beyond({w for n, _ in on for w in r.index.item_words[n]}):
            # "5h30 đi sớm vậy có ăn sáng ko": a thing asked that the lines on then do not name.
            return r.dont_know(field("clock", 0.0))
        messages = facts.now_next_messages(r.view, r.now, False, at=at, on_day=r.day)
        return r.done(Intent.NOW, messages, 0.75, field("clock", 0.75))
    return None


_CLOCK = re.compile(r"^\d{1,2}:\d{2}$")
_SPAN_TO = frozenset({"den", "toi", "to", "until", "till"})


def _clock_span(tokens: tuple[str, ...]) -> tuple[dt.time, dt.time] | None:
    """Two clock times said as a span ("từ 10h đến 11h", "from 10:00 to 11:00"), earlier first."""
    clocks = [n for n, t in enumerate(tokens) if _CLOCK.match(t)]
    spanned = _SPAN_TO | ({"and"} if "between" in tokens else set())
    if len(clocks) == 1 and clocks[0] >= 2 and tokens[clocks[0] - 1] in spanned:
        # ("between 9 and 10 am", "từ 9 đến 10h": the first hour bare, the second's unit its own)
        bare = tokens[clocks[0] - 2]
        if bare.isdigit() and int(bare) <= 12:
            tokens = (*tokens[: clocks[0] - 2], f"{int(bare)}:00", *tokens[clocks[0] - 1 :])
            clocks = [clocks[0] - 2, clocks[0]]
    if len(clocks) != 2 or not spanned & set(tokens[clocks[0] + 1 : clocks[1]]):
        return None
    try:
        start, end = (dt.time.fromisoformat(tokens[n].zfill(5)) for n in clocks)
    except ValueError:
        return None  # ("từ 10h đến 26h": no time of day)
    if end <= start and end.hour < 12:
        end = end.replace(hour=end.hour + 12)  # "từ 11h đến 1h chiều": 13:00
    return (start, end) if start < end else None


def _session_chair(r: Reading) -> Answer:
    # "phiên buổi sáng ai chủ trì", "phiên chuyên đề 1 ai điều phối": a session's chair, written
    # as a role before a line's presenter ("Chủ trì phiên: ..."), not the event's.
    tokens, item = r.tokens, r.item
    pool = r.items if item and r.items else navigation.day_items(r.view, r.day, r.half)
    chaired = [i for i in pool if i.presenter and facts.ROLE.match(i.presenter)]
    pairs = numbered_pairs(tokens)
    if pairs and not any(holds(normalise_tokens(i.title), p) for i in chaired for p in pairs):
        chaired = []  # "phiên 3" that the programme does not have
    if len(chaired) == 1:
        return r.done(
            Intent.ITEM_PRESENTER,
            facts.presenter_messages(chaired),
            0.85,
            Evidence("item", chaired[0].title, 0.85),
        )
    if not chaired and r.view.chair and r.content and set(r.content) <= r.index.title_words:
        # "Who is chairing the Q&A session?" of a Q&A session: the session is the event itself.
        return r.done(Intent.CHAIR, navigation.chair_messages(r.view), 0.8, field("chair", 0.8))
    if r.view.chair and not r.content and not r.items and not pairs and r.day is None and r.half is None:
        # "who chairs the session?", no session named: the event's own chair.
        return r.done(Intent.CHAIR, navigation.chair_messages(r.view), 0.8, field("chair", 0.8))
    return r.dont_know(field("chair", 0.0))


_ASKS_WHETHER = frozenset({"co", "any", "is", "are"})


def _between(r: Reading) -> Answer | None:
    # "giữa khai mạc và giải lao có gì": the two lines are named on each side of "và".
    tokens, index = r.tokens, r.index
    start = next((n + 1 for n, w in enumerate(tokens) if w in {"giua", "between"}), None)
    if start is None and r.topic and r.topic_score >= 5:
        return None  # ("tự chạy xe máy tới thì gửi xe chỗ nào": "tự" is no "từ"; parking is asked)
    if start is None:  # "từ sau khai mạc đến giải lao"
        start = next((n + 1 for n, w in enumerate(tokens) if w in {"tu", "from"}), 0)
        start += 1 if start < len(tokens) and tokens[start] in {"sau", "after"} else 0
    # The day's words ("on the first day", "hôm thứ 5") and what asks ("what else is there") name
    # neither side.
    # (a half of the day stays: each side may name its own)
    day_words = r.asked.used - half_of(tokens)[1]
    placed = [(n, w) for n, w in enumerate(tokens) if n >= start and n not in day_words and w not in _ASKING]
    words = [w for _, w in placed]
    cut = next((n for n, w in enumerate(words) if w in _SEPARATORS and n > 0), None)
    if cut is None:
        return None
    # ("giữa lễ ký và tọa đàm có nghỉ giải lao không": what follows "có" asks what lies between)
    at = placed[cut][0]
    asking = next((n for n in range(at + 2, len(tokens)) if tokens[n] in _ASKS_WHETHER), len(tokens))
    sides = []
    for part in (words[:cut], [w for n, w in placed[cut + 1 :] if n < asking]):
        # Each side may name its own half of the day ("nghỉ trưa và giải lao buổi chiều").
        half, said = half_of(part)
        # ("the first break": the ordinal picks one of the lines the rest names)
        kept = [w for n, w in enumerate(part) if n not in said and w not in ORDINAL_TOKENS]
        person = lines_of_person(r.view, tuple(part))  # ("the French expert's talk")
        found = index.match_items(topic_words(kept, index.event_phrases), r.asked.day, half)
        if person:
            found = ItemMatch(person, 1.0, 1.0, 1.0, 1, 0)
        opening = opening_lines(index, tuple(w for n, w in enumerate(part) if n not in said))  # ("phần 1")
        if len(opening) == 1 and (found is None or found.score < ITEM_THRESHOLD):
            found = ItemMatch(opening, 1.0, 1.0, 1.0, 1, 0)
        if found is None or found.score < ITEM_THRESHOLD:
            return None
        lines = [r.view.items[i] for i in found.indexes]
        sides.append((found, pick_ordinal(lines, tuple(part)) if len(lines) > 1 else lines))
    (a, first), (b, second) = sides
    evidence = [Evidence("item", i.title, a.score) for i in first] + [
        Evidence("item", i.title, b.score) for i in second
    ]
    return r.done(
        Intent.BETWEEN,
        navigation.between_messages(r.view, first, second),
        min(a.score, b.score),
        *evidence,
    )


# A price asked for: no length of time.
_PRICE_ASKED = (
    ("gia", "phong"),
    ("gia", "ve"),
    ("bao", "nhieu", "tien"),
    ("chi", "phi"),
    ("le", "phi"),
    ("price",),
    ("cost",),
    ("costs",),
    ("rate",),
)


def _within(item: ItemView, span: tuple[dt.time, dt.time]) -> bool:
    """Whether the line is on at some time in the span."""
    start, end = span
    return bool(item.start_time) and item.start_time < end and start < (item.end_time or item.start_time)


def _during(r: Reading, span: tuple[dt.time, dt.time], this_day: int | None) -> Answer:
    """The lines on at some time in the span, on the day asked (or today), else unknown."""
    day = r.day if r.day is not None else this_day
    during = [i for i in navigation.day_items(r.view, day, None) if _within(i, span)]
    if not during:
        return r.dont_know(field("clock", 0.0))
    evidence = tuple(Evidence("item", i.title, 0.75) for i in during)
    return r.done(Intent.BETWEEN, facts.item_time_messages(r.view, during), 0.75, *evidence)
