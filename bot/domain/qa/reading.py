"""One question read against one event: what it names, what frames it, and the checks of a reply.

`Reading` gathers, once per question, the programme lines, agency, FAQ entry and practical topic
the question names, and the words its cues account for. Every reply the decision gives
(decide.py, replies.py) goes through `Reading.done`, which turns it into "I do not know" when the
question says more than the reply holds (see docs/questions.md, "The decision").
"""

from __future__ import annotations

import datetime as dt
import re

from bot.domain.qa import facts, navigation
from bot.domain.qa.absent import absent_agency
from bot.domain.qa.agreement import (
    PART_WORDS,
    asked_thing,
    asks_content,
    asks_quantity,
    asks_which_of,
    holds,
    naming_words,
)
from bot.domain.qa.asking import asks_duty, asks_name, has_personal_name
from bot.domain.qa.days import EVENING, DayAsked
from bot.domain.qa.evidence import HARMLESS, Answer, Evidence, unsure
from bot.domain.qa.intents import (
    CUE_WORDS,
    INTENT_CUE_WORDS,
    NOTE_TOPICS,
    OUTSIDE_WORDS,
    TOPIC_CUE_WORDS,
    CueHits,
    Intent,
)
from bot.domain.qa.language import ENGLISH_WORDS, VIETNAMESE_WORDS
from bot.domain.qa.lexicon import lexicon
from bot.domain.qa.matcher import (
    EVENT_KIND_PHRASES,
    PART_KINDS,
    EventIndex,
    ItemMatch,
    content_tokens,
    topic_words,
    word_pairs,
)
from bot.domain.qa.messages import Message, message_texts
from bot.domain.qa.normalise import TIME_QUESTION, blank_phrases, normalise_tokens
from bot.domain.qa.ordinals import ORDINAL_TOKENS, pick_ordinal
from bot.domain.qa.people import PERSON_WORDS, deputy_for_head, lines_of_person
from bot.domain.qa.rooms import placed
from bot.domain.qa.view import EventView, ItemView

__all__ = [
    "LEAVING_EARLY",
    "AGENCY_THRESHOLD",
    "CLOCK_TEXT",
    "PHONE_NUMBER",
    "confirms",
    "FAQ_STRONG",
    "FAQ_WEAK",
    "ITEM_THRESHOLD",
    "NOTE_LABELS",
    "TIME_WORDS",
    "USUAL_NOTE_KEYS",
    "Reading",
    "missing_part",
    "numbered_pairs",
    "opening_lines",
    "part_lines",
    "title_runs",
]

ITEM_THRESHOLD = 0.5  # share of the question's weighted content words found in an agenda line
AGENCY_THRESHOLD = 0.75  # distinctive words of an agency name present in the question


def _in_person(tokens: tuple[str, ...]) -> bool:
    """Whether attending in person is said ("học trực tiếp", "in person"), not a live broadcast
    ("phát trực tiếp", "xem trực tiếp", "theo dõi trực tiếp")."""
    for n in range(len(tokens) - 1):
        if tokens[n : n + 2] == ("truc", "tiep") and (
            n == 0 or tokens[n - 1] not in {"phat", "hinh", "song", "xem", "theo", "doi"}
        ):
            return True
    return holds(tokens, ("in", "person")) or holds(tokens, ("face", "to", "face"))


# "(the agency's) old name, now ...": "bây giờ" of a renamed agency, not the time asked.
_RENAMED_NOW = (("cu", "bay", "gio"), ("cu", "gio"), ("cu", "nay"), ("cu", "hien", "nay"))
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
    "rain",
    "accessibility",
)
# The usual practical topics' keys, under every name organisers give them.
# (Not the online note: organisers word it in many ways, so it is also found by what it says.)
# Groups of people an event receives, which a note on when to be there may be about.
_GROUPS = tuple(
    normalise_tokens(g)
    for g in (
        "khách mời",
        "đại biểu",
        "học viên",
        "thí sinh",
        "phóng viên",
        "khán giả",
        "tác giả",
        "giảng viên",
        "guests",
        "delegates",
        "participants",
        "trainees",
        "reporters",
        "audience",
    )
)
USUAL_NOTE_KEYS = frozenset(
    {*NOTE_TOPICS, *NOTE_LABELS, *(k for keys in facts.NOTE_KEYS.values() for k in keys)}
) - set(facts.NOTE_KEYS["online"])
# Words of time that any answer with a time accounts for ("có giải lao giữa giờ không").
TIME_WORDS = frozenset(
    {"gio", "luc", "ngay", "buoi", "hom", "time", "times", "day", "days", "ngoai", "year", "cuoi"}
)
_DAY_BEFORE = (("day", "before"), ("night", "before"), ("hom", "truoc"), ("toi", "hom", "truoc"))
# Questions that ask what to do ("thì làm sao"), which a line's time never answers.
_ASKS_HOW = (
    ("lam", "sao"),
    ("lam", "the", "nao"),
    ("phai", "lam", "gi"),
    ("what", "should", "i", "do"),
    ("what", "do", "i", "do"),
    ("what", "do", "we", "do"),
    ("the", "nao"),  # "đăng ký thế nào": how, which a line's time does not say
    ("how", "do", "i"),
    ("how", "can", "i"),
    ("how", "do", "we"),
    ("how", "can", "we"),
)
# Answers that never hold a count or a price.
# "which communes", "xã nào", "những đơn vị nào": which ones, by name.
_WHICH_ONES = (
    ("which", "communes"),
    ("which", "agencies"),
    ("which", "departments"),
    ("which", "units"),
    ("which", "provinces"),
    ("xa", "nao"),
    ("don", "vi", "nao"),
    ("so", "nganh", "nao"),
    ("tinh", "nao"),
)
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
_CATCHING = (("kip", "nghe"), ("kip", "du"), ("kip", "xem"), ("make", "it", "to"), ("in", "time", "for"))
# Leaving early, said as the reason a line's time is asked.
LEAVING_EARLY = (("ve", "som"), ("leave", "early"), ("leaving", "early"))
_LATENESS = frozenset(
    {"kip", "nghe", "xem", "du", "den", "muon", "tre", "phut", "tam", "late", "minutes", "arrive"}
)
# Answers that hold whatever day is asked (a note, a FAQ entry, a greeting).
_ANY_DAY = frozenset({Intent.NOTE, Intent.FAQ, Intent.GREETING, Intent.THANKS, Intent.WHERE, Intent.CHAIR})
_WHO_ATTENDS = (
    ("ai", "du"),
    ("ai", "tham", "du"),
    ("who", "attends"),
    ("who", "attend"),
    ("who", "is", "attending"),
    # who may go or take part ("ai được đi tham quan", "who can join the visit")
    ("ai", "duoc", "di"),
    ("ai", "duoc", "tham", "gia"),
    ("ai", "dc", "di"),
    ("who", "can", "go"),
    ("who", "can", "join"),
    ("who", "may", "join"),
)

# Cue words that frame a question (the "outside the data" cues' own words frame nothing alone).
_FRAMING = CUE_WORDS - OUTSIDE_WORDS
_ITEM_FRAMING = (INTENT_CUE_WORDS - OUTSIDE_WORDS) | ORDINAL_TOKENS


_SPEAKING = frozenset(
    {
        "speak",
        "speaks",
        "speaking",
        "present",
        "presents",
        "presenting",
        "phat",
        "trinh",
        "sign",
        "signs",
        "ky",
    }
)


def _which_speaks(tokens: tuple[str, ...]) -> bool:
    """Whether "which X" comes before a verb of speaking ("which communes will speak")."""
    which = next((n for n, t in enumerate(tokens) if t in {"which", "nao"}), None)
    return which is not None and any(t in _SPEAKING for t in tokens[which + 1 :])


def _syllables_of_other_terms(tokens: tuple[str, ...], content: list[str], names: tuple[str, ...]) -> bool:
    """Whether every word the question shares with an agency's names is a syllable of a term of the
    field ("phát biểu") that none of those names holds ("Sở Nông nghiệp và Phát triển nông thôn")."""
    named = [normalise_tokens(n) for n in names]
    shared = set(content) & {w for n in named for w in n}
    terms = [t for t in lexicon().terms(tokens) if not any(holds(n, t) for n in named)]
    return bool(shared) and all(any(w in t for t in terms) for w in shared)


def _the_venue(tokens: tuple[str, ...], names: tuple[str, ...], index: EventIndex) -> bool:
    """Whether the agency is named right after "ở"/"tại"/"at" by the venue's own words (the host
    institution whose hall the event is in)."""
    at = next((n for n, t in enumerate(tokens) if t in {"o", "tai", "at"}), None)
    if at is None:
        return False
    named = {w for n in names for w in normalise_tokens(n)}
    after = []
    for t in tokens[at + 1 : at + 6]:
        if t not in named:
            break
        after.append(t)
    if len(after) >= 2 and bool(set(after) & index.venue_words - _GENERIC_PLACE):
        return True
    # ("lớp tập huấn ở Vinh" of "Trường Đại học Vinh": the city of the venue's address, when the
    # question says no other word of the agency's name)
    return bool(after) and set(after) <= index.address_words and not (named & set(tokens)) - set(after)


def _the_events_own_name(
    tokens: tuple[str, ...], content: list[str], names: tuple[str, ...], index: EventIndex
) -> bool:
    """Whether the event is named by its kind ("cuộc họp", "hội thảo") and the agency's words the
    question holds are all words of the event's own title (its province, "PII")."""
    said = {w for n in names for w in normalise_tokens(n)} & set(content)
    kind_said = any(holds(tokens, p) for p in EVENT_KIND_PHRASES)
    # (or by its own title's words alone: "which day is the Dong Nai investment roundtable")
    rest = [t for t in content if t not in said and t not in TIME_WORDS and t not in HARMLESS]
    title_said = len(rest) >= 2 and set(rest) <= index.title_words
    return bool(said) and (kind_said or title_said) and said <= index.title_words


# What English calls a kind of agency, around its name ("the provincial statistics office").
# ("department" is written out as "sở" by the normaliser, and is the agency's own word then.)
_AGENCY_KINDS_EN = frozenset({"office", "agency", "institute", "centre", "center", "board"})
# Words any hall or agency name may hold, which make no venue of their own ("Sở", "Hội trường").
_GENERIC_PLACE = frozenset(
    {"so", "truong", "hoi", "dai", "hoc", "vien", "phong", "trung", "tam", "cong", "nghe"}
)


# Two-word kinds of a programme's parts, whose first word alone names nothing.
_PART_PHRASES = (("chuyen", "de"),)
# "This talk": the line on now.
_THIS_LINE = (
    ("bai", "nay"),
    ("phan", "nay"),
    ("phien", "nay"),
    ("this", "talk"),
    ("this", "session"),
    ("this", "presentation"),
    ("current", "talk"),
    ("current", "session"),
    ("phan", "hien", "tai"),
)
# "After this talk": after the line on now.
_AFTER_THIS = (("sau", "bai", "nay"), ("sau", "phan", "nay"), ("after", "this"), ("after", "the", "current"))
# Answers that name who does something, whose head and deputy are two people.
# A phone number asked, and one written.
_PHONE_ASKED = (
    ("so", "dien", "thoai"),
    ("sdt",),
    ("so", "dt"),
    ("phone", "number"),
    ("contact", "number"),
    ("mobile", "number"),
)
PHONE_NUMBER = re.compile(r"\b0\d(?:[ .]?\d){8,9}\b")
_OF_A_PERSON = frozenset({Intent.ITEM_PRESENTER, Intent.AGENCY_TALKS, Intent.ITEM_TIME, Intent.CHAIR})
# Words that make a meal lunch.
_MIDDAY = frozenset({"trua", "lunch", "noon", "midday"})


# A clock time written in a note or a title ("05:45").
CLOCK_TEXT = re.compile(r"\b\d{1,2}:\d{2}\b")


# Words a programme numbers its parts by ("Phiên 2", "Chuyên đề 5", "session 1").
_NUMBERED_PARTS = frozenset(
    {
        "phien",
        "session",
        "de",
        "part",
        "phan",
        "bai",
        "talk",
        "panel",
        "module",
        "nhom",
        "group",
        "diem",
        "stop",
        "ca",  # "Ca 2 - ...": an examination's or a duty roster's shift
        "shift",
    }
)


# The same numbered part in either language ("Chuyên đề 3" / "topic 3", "Phiên 2" / "session 2").
_ORDINAL_NUMBERS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5"}


def _parts_asked(tokens: tuple[str, ...]) -> list[tuple[frozenset[str], str]]:
    """The numbered parts asked, each as its kind's words in both languages and its number
    ("topic 3", "the second comment session")."""
    found = []
    for n, t in enumerate(tokens):
        kind = next((k for k in PART_KINDS if t in k), None)
        if kind is None:
            continue
        if n + 1 < len(tokens) and tokens[n + 1].isdigit() and len(tokens[n + 1]) <= 2:
            found.append((kind, str(int(tokens[n + 1]))))
        # ("the second comment session": an English rank a word or two before the part)
        rank = next((_ORDINAL_NUMBERS[w] for w in tokens[max(0, n - 2) : n] if w in _ORDINAL_NUMBERS), None)
        if rank is not None:
            found.append((kind, rank))
    return found


def missing_part(view: EventView, index: EventIndex, tokens: tuple[str, ...]) -> str | None:
    """A numbered part asked that the event's data numbers but never with that number ("phần 5",
    "the second round" where the data has "Phần 1–3", "đợt 1"): its kind and number."""
    texts = [*index.title_tokens, *index.faq_question_tokens, *index.faq_answer_tokens]
    texts += list(index.note_tokens.values())
    for kind, number in _parts_asked(tokens):
        numbers = {
            str(int(x))
            for text in texts
            for n, w in enumerate(text)
            if w in kind
            for x in text[n + 1 : n + 4]
            if x.isdigit() and len(x) <= 2
        }
        # (beyond the last one the data numbers: "phần 5" of three parts, "đợt 2" of one round)
        if numbers and int(number) > max(int(x) for x in numbers):
            return f"{sorted(kind)[0]} {number}"
    return None


def opening_lines(index: EventIndex, tokens: tuple[str, ...]) -> tuple[int, ...]:
    """The lines whose titles open with the numbered part the words name ("phần 1" of "Phần 1 -
    ...", "part 3" of "Phần 3 - ...")."""
    asked = _parts_asked(tokens)
    if not asked:
        return ()
    return tuple(n for n, title in enumerate(index.title_tokens) if _opens_with_part(title, asked))


def _opens_with_part(title: tuple[str, ...], parts: list[tuple[frozenset[str], str]], width: int = 5) -> bool:
    """Whether a line's title opens with one of the numbered parts (its number at most two words
    after the part's word: "Phiên góp ý 2: ...")."""
    head = title[:width]
    return any(
        w in kind and any(x.isdigit() and str(int(x)) == number for x in head[n + 1 : n + 4])
        for n, w in enumerate(head)
        for kind, number in parts
    )


def numbered_pairs(tokens: tuple[str, ...]) -> list[tuple[str, str]]:
    """The numbered parts a question names ("phiên 2"), as a programme may write them."""
    pairs = [(tokens[n - 1], t) for n, t in enumerate(tokens) if n and t.isdigit() and len(t) <= 2]
    # ("session 1" of a programme that writes "Phiên 1": the number of a part, in either language)
    return pairs + [(w, t) for p, t in pairs if p in _NUMBERED_PARTS for w in _NUMBERED_PARTS]


def _numbered(items: list[ItemView], tokens: tuple[str, ...]) -> list[ItemView]:
    """Of several lines, those whose title holds the numbered part asked ("thảo luận phiên 2")."""
    pairs = numbered_pairs(tokens)
    chosen = [i for i in items if any(holds(normalise_tokens(i.title), p) for p in pairs)]
    # ("Chuyên đề 5: ..." is the fifth, "Hỏi đáp chuyên đề 4 và chuyên đề 5" only mentions it)
    # ("Thảo luận nhóm 2 ..." is group 2's own line too)
    own = [i for i in chosen if any(holds(normalise_tokens(i.title)[:4], p) for p in pairs)]
    return own or chosen or items


# Words that number the runs of one thing shown more than once ("Trình diễn drone - lượt 2").
_RUN_WORDS = frozenset({"luot", "run", "round", "show"})


def _runs(item: ItemView, view: EventView, index: EventIndex, tokens: tuple[str, ...]) -> list[ItemView]:
    """The line found and its other runs, when it is one run of several ("lượt 1", "lượt 2") and
    the question names none: "mấy giờ có bay drone" is answered with every run."""

    def run_of(title: tuple[str, ...]) -> tuple[str, str] | None:
        return next(
            (
                (w, title[n + 1])
                for n, w in enumerate(title[:-1])
                if w in _RUN_WORDS and title[n + 1].isdigit()
            ),
            None,
        )

    own = index.title_tokens[index.position(item)]
    run = run_of(own)
    if run is None or any(w in _RUN_WORDS for w in tokens):
        return [item]
    words = set(topic_words(own)) - {run[1]}
    runs = [
        other
        for other, title in zip(view.items, index.title_tokens, strict=True)
        if other is item
        or (
            (found := run_of(title)) is not None
            and found[0] == run[0]
            and found[1] != run[1]
            and (other.presenter == item.presenter or 2 * len(words & set(title)) >= len(words))
        )
    ]
    return runs


def _same_meaning(term: tuple[str, ...], terms: list[tuple[str, ...]]) -> bool:
    """Whether a term means what one of `terms` means (they share a word in the other language)."""
    others = lexicon().others
    said = set(others.get(term, ()))
    return any(said & set(others.get(t, ())) for t in terms)


_UNITS = frozenset(
    "thang nam ngay gio phut tuan nguoi km m giay cau trang ti trieu ty dong mb gb ha lan".split()
)
_FIRST_WORDS = frozenset({"dau", "first"})
_LAST_WORDS = frozenset({"cuoi", "last", "final"})


# English for the "số" (number) a programme labels lines by ("Pitching số 07").
_NUMBER_WORDS = {"number": ["so"], "no": ["so"], "num": ["so"]}


def labels_asked(
    tokens: tuple[str, ...], index: EventIndex, used: frozenset[int] = frozenset()
) -> list[tuple[str, str]]:
    """The labels of lines a question names as the programme writes them: a word and the number
    or letter after it that some line's title holds ("nhóm a", "lượt 2", "trạm 3"); not the words
    that named a day (a class held on a day of its own, "lớp 2"), nor a closing "ạ" ("... ở lớp a")."""
    others = lexicon().others

    def said(word: str) -> list[str]:
        # ("group B in round 2": the programme's own words for them, "Nhóm B", "Lượt 2"; "number
        # 7", "no. 7": "số 07")
        return [word] + [g[0] for g in others.get((word,), ()) if len(g) == 1] + _NUMBER_WORDS.get(word, [])

    pairs = set()
    # ("đội số 05": the label "Đội 05", the word for "number" between)
    numbered = [
        (n, w, tokens[n + 2], n + 2)
        for n, w in enumerate(tokens[:-2])
        if tokens[n + 1] == "so" and tokens[n + 2].isdigit() and w.isalpha() and w != "so"
    ]
    for n, w, t, at in [
        (n, w, t, n + 1) for n, (w, t) in enumerate(zip(tokens, tokens[1:], strict=False))
    ] + numbered:
        if n in used or at in used or (t == "a" and at + 1 == len(tokens)):
            continue
        # ("sơ kết 6 tháng": a number of months, no label)
        if at + 1 < len(tokens) and tokens[at + 1] in _UNITS:
            continue
        # ("pitching số 7" of "Pitching số 07": the number as the programme writes it)
        spellings = (t, f"0{t}", t.lstrip("0")) if t.isdigit() else (t,)
        found = next(((v, x) for v in said(w) for x in spellings if x in index.label_ids.get(v, ())), None)
        if found is not None:
            pairs.add(found)
    # "nhóm A lượt cuối", "the last round": the highest (or lowest) number the programme gives it
    for n, (w, t) in enumerate(zip(tokens, tokens[1:], strict=False)):
        first, last = t in _FIRST_WORDS or w in _FIRST_WORDS, t in _LAST_WORDS or w in _LAST_WORDS
        kind = w if t in _FIRST_WORDS | _LAST_WORDS else t
        if not (first or last) or n in used or n + 1 in used or not kind.isalpha():
            continue
        for word in said(kind):
            numbers = sorted((x for x in index.label_ids.get(word, ()) if x.isdigit()), key=int)
            if len(numbers) >= 2:
                pairs.add((word, numbers[-1] if last else numbers[0]))
                break
    return sorted(pairs)


def part_lines(view: EventView, index: EventIndex, tokens: tuple[str, ...]) -> list[ItemView]:
    """The lines of a numbered part written across several lines ("Phiên 2 - ...", "Thảo luận
    Phiên 2"), when the question names one ("phiên 2 bắt đầu lúc mấy giờ")."""
    pairs = [p for p in numbered_pairs(tokens) if p[0] in _NUMBERED_PARTS]
    if not pairs:
        # ("phiên mở kết thúc lúc mấy giờ": a part the programme names by a label of words)
        # (not inside the event's own name: "hội nghị phản biện ngày nào" of lines "Phản biện: ...")
        tokens = blank_phrases(tokens, [p for p in index.event_phrases if len(p) > 1])
        named = [label for label in index.labelled_parts if holds(tokens, label)]
        longest = max(named, key=len, default=None)
        return [view.items[n] for n in index.labelled_parts[longest]] if longest else []
    lines = [
        i
        for i, title in zip(view.items, index.title_tokens, strict=True)
        if any(holds(title, p) for p in pairs)
    ]
    return lines if len(lines) > 1 else []


# Words for a meal that name no time of day.
_ANY_MEAL = frozenset(
    {("food",), ("eat",), ("meal",), ("meals",), ("an",), ("an", "uong"), ("bua", "an"), ("tiec",)}
    | {("bia",), ("ruou",), ("bia", "ruou"), ("beer",), ("wine",), ("alcohol",), ("do", "uong"), ("drinks",)}
)


_CONFIRMING = (
    ("dung", "khong"),
    ("phai", "khong"),
    ("dung", "ko"),
    ("phai", "ko"),
    ("dung", "k"),
    ("phai", "k"),
)


def confirms(tokens: tuple[str, ...]) -> bool:
    """Whether the question asks to confirm what it says ("... là thứ 5 đúng không", "right?",
    "Is the training next Wednesday?")."""
    return (
        "right" in tokens
        or tokens[:1] in (("is",), ("are",), ("will",))
        or any(holds(tokens, p) for p in _CONFIRMING)
    )


def _certain(indexes: tuple[int, ...]) -> ItemMatch:
    """A match of lines found by something surer than their words (a person, a numbered part)."""
    return ItemMatch(indexes, 1.0, 1.0, 1.0, 1, 0)


def title_runs(tokens: tuple[str, ...], title: tuple[str, ...], gap: int = 3) -> set[int]:
    """The positions of `tokens` said in runs of three or more that follow the title's order, a
    word or two of it left out ("họp triển khai số liệu PII Thái Nguyên"; with `gap` 1, none):
    the event's own name."""
    positions: dict[str, list[int]] = {}
    for p, w in enumerate(title):
        positions.setdefault(w, []).append(p)
    said: set[int] = set()
    for start in range(len(tokens)):
        run, at = [start], -1
        for n in range(start, len(tokens)):
            place = next(
                (p for p in positions.get(tokens[n], ()) if p > at and (at < 0 or p <= at + gap)), None
            )
            if place is None:
                break
            run, at = [*run, n] if n > start else run, place
        if len(run) >= 3:
            said |= set(run)
    return said


def _title_phrase_words(tokens: tuple[str, ...], title: tuple[str, ...]) -> set[str]:
    """The words of `tokens` that say the event's own name (`title_runs`)."""
    return {tokens[n] for n in title_runs(tokens, title)}


class Reading:
    """A question read against an event: the parts of the event it names and the words around them."""

    def __init__(
        self,
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
        forms: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self.view, self.index, self.now, self.hits = view, index, now, hits
        self.forms = forms or {}  # the question's words as typed, marks and all
        self.content, self.all_content, self.tokens = content, all_content, tokens
        self.clock, self.question_like, self.asked = clock, question_like, asked
        self.day, self.half = asked.day, asked.half
        self.cues = hits.fired
        self.score = hits.score
        # The event's own name, said in runs of its title's words ("họp triển khai số liệu PII").
        self.own_said = frozenset(_title_phrase_words(tokens, normalise_tokens(view.title)))
        self._match_lines()
        agency = index.match_agency(content, self.forms)
        self.agency_ok = agency is not None and agency.score >= AGENCY_THRESHOLD
        if self.agency_ok and agency is not None and _the_venue(tokens, agency.names, index):
            self.agency_ok = False  # "tọa đàm ở ĐH Cần Thơ sáng hay chiều": where it is, not who
        if (
            self.agency_ok
            and agency is not None
            and _the_events_own_name(tokens, content, agency.names, index)
        ):
            self.agency_ok = (
                False  # "cuộc họp PII Thái Nguyên ngày nào": the event, not "Thống kê tỉnh Thái Nguyên"
            )
        if self.agency_ok and agency is not None and _syllables_of_other_terms(tokens, content, agency.names):
            self.agency_ok = False  # "đại biểu có được phát biểu không": not the "phát" of "phát triển"
        if self.agency_ok and agency is not None and self._hosted_by(agency.names):
            # "hội nghị triển khai ... của Sở KH&CN Cao Bằng ngày nào": its host, part of its name
            self.agency_ok = False
            self.own_said |= {w for n in agency.names for w in normalise_tokens(n)}
        self.agency = agency
        if self.agency_ok and agency is not None and self.items:
            self._prefer_the_agencys_line(agency.names, content)
        self.faq = index.match_faq(all_content, tokens)
        self._choose_topic()
        # "có kịp nghe bài của thầy Lộc không": whether one is in time for a line asks its time.
        self.catching = any(holds(tokens, p) for p in _CATCHING)
        self.time_question = TIME_QUESTION in hits.phrases() or self.catching
        self.asks_now, self.asks_next = self.score(Intent.NOW), self.score(Intent.NEXT)
        if any(holds(tokens, p) for p in _RENAMED_NOW):
            self.asks_now = 0.0  # "Sở KH&ĐT cũ bây giờ được mời mấy người": an old name, not the clock
        self.presenter, self.talks = self.score(Intent.ITEM_PRESENTER), self.score(Intent.AGENCY_TALKS)
        self.attendees = any(holds(tokens, p) for p in _WHO_ATTENDS)
        if self.attendees:
            self.presenter = 0.0  # "ai dự ở điểm cầu": who attends, not who presents
        elif not self.time_question and _which_speaks(tokens):
            self.presenter = max(self.presenter, 3.0)  # "which start-up is speaking": who presents
        self.matched = tuple(f"item:{i.title}" for i in self.items)
        if self.agency_ok and agency is not None:
            self.matched += (f"agency:{agency.name}",)
        if len(self.items) > 1:
            self.items = pick_ordinal(self.items, tokens, asked.used)
        item = self.item
        self.item_evidence = tuple(Evidence("item", i.title, item.score if item else 0.0) for i in self.items)
        self.lines_found = item.indexes if item else ()
        self._framing()

    def _in_another_term(self, items: list[ItemView], content: list[str]) -> bool:
        """Whether the lines were found only by a word of a term asked that their titles hold in
        another term ("ai là thư ký": the "ký" of "Đón tiếp, đăng ký đại biểu")."""
        index = self.index
        asked = lexicon().terms(self.tokens)
        if not asked:
            return False
        for item in items:
            n = index.position(item)
            title = index.title_tokens[n]
            found = {t for t in content if t in index.item_words[n]}
            # (not a term of the same meaning: "khai giảng" asked of "Khai mạc lớp", both "opening")
            others = [u for u in index.title_terms[n] if u not in asked and not _same_meaning(u, asked)]
            collided = {w for t in asked if not holds(title, t) for w in t if any(w in u for u in others)}
            if not found or not found <= collided:
                return False
        return True

    def _split_compound(self, items: list[ItemView]) -> bool:
        """Whether the lines were found by one half of a two-word term whose other half is a
        harmless word ("biên bản" by "biên" of "phổ biến", "vùng biển"), a term the FAQ or the
        notes hold whole and the lines do not."""
        tokens, index = self.tokens, self.index
        texts = [*index.faq_answer_tokens, *index.faq_question_tokens, *index.note_tokens.values()]
        titles = [index.title_tokens[index.position(i)] for i in items]
        for pair in zip(tokens, tokens[1:], strict=False):
            # (a Vietnamese word's second syllable, no particle: "bản" of "biên bản", not "với")
            if pair[0] in HARMLESS or pair[1] not in HARMLESS or pair[1] in VIETNAMESE_WORDS:
                continue
            if pair[0] in ENGLISH_WORDS or pair[1] in ENGLISH_WORDS:
                continue
            word = pair[0]
            if word not in self.content or not any(holds(t, pair) for t in texts):
                continue
            # (and no other pair of words asked with it is the lines': "điểm cầu xã" of "điểm cầu")
            around = [p for p in zip(tokens, tokens[1:], strict=False) if word in p]
            if all(word in t and not any(holds(t, p) for p in around) for t in titles):
                return True
        return False

    def _names_itself(self) -> bool:
        """Whether the question names the event by its kind and its title ("hội nghị triển khai
        thu thập số liệu PII ...")."""
        return any(
            len(p) > 1 and set(p) <= self.own_said and holds(self.tokens, p) for p in EVENT_KIND_PHRASES
        )

    def _hosted_by(self, names: tuple[str, ...]) -> bool:
        """Whether the agency named is the event's host, said after the event's own name ("hội nghị
        ... của Sở KH&CN", "do Sở KH&CN tổ chức")."""
        first = {words[0] for words in map(normalise_tokens, names) if words}
        tokens = self.tokens
        return self._names_itself() and any(
            t in first and n and tokens[n - 1] in {"cua", "do", "by"} for n, t in enumerate(tokens)
        )

    def _match_lines(self) -> None:
        view, index, content, tokens, hits = self.view, self.index, self.content, self.tokens, self.hits
        if self._names_itself():
            # "hội nghị sơ kết 6 tháng kế hoạch PII ... ngày nào": the event named by its title,
            # whose words name no line ("Báo cáo sơ kết 6 tháng ...").
            content = [t for t in content if t not in self.own_said]
        # "ai dạy chuyên đề 2" of a course whose lines are not written "Chuyên đề N": the words of
        # the kind of part name no line ("chuyên" is not the "chuyển" of "chuyển đổi số").
        unwritten = {
            w
            for p in _PART_PHRASES
            if holds(tokens, p) and not any(holds(title, p) for title in index.title_tokens)
            for w in p
        }
        content = [t for t in content if t not in unwritten]
        item = index.match_items(content, self.day, self.half, self.forms) if content else None
        if item is None or item.score < ITEM_THRESHOLD:
            # "the coffee break at the Quang Tri workshop": the event's own name is no part of a line
            rest = [t for t in content if t not in index.title_words]
            if rest and len(rest) < len(content):
                item = index.match_items(rest, self.day, self.half, self.forms) or item
        if (
            (item is None or item.score < ITEM_THRESHOLD)
            and self.day is not None
            and content
            and confirms(tokens)
        ):
            # "vòng chung kết là hôm thứ 5 10/12 đúng không" when it is on 09/12: the line on its
            # own day, whose time answers.
            item = index.match_items(content, None, None, self.forms) or item
        # "mấy giờ tới lượt PGS Vinh", "thầy Toàn nói về gì": the lines of the person named.
        people = lines_of_person(view, tokens)
        if people and (self.day is not None or self.half is not None):
            # ("Sarah Mitchell nói lúc mấy giờ tối 10/12": her line of that evening, not the next day's)
            that_half = set(navigation.day_items(view, self.day, self.half))
            people = tuple(n for n in people if view.items[n] in that_half) or people
        # ("TS. Phương bên Cục ĐMST": every line of hers, not only the one her agency's words match)
        if people and (
            item is None
            or item.score < ITEM_THRESHOLD
            or not set(people) & set(item.indexes)
            or set(item.indexes) < set(people)
        ):
            item = _certain(people)
        items = [view.items[i] for i in item.indexes] if item and item.score >= ITEM_THRESHOLD else []
        # "bài cuối buổi sáng" does not name "... bài học kinh nghiệm": a word for "a talk" alone
        # names no line; nor does half of a practical phrase ("giấy" of "giấy mời" in "giấy chứng
        # nhận").
        if item and not people and not naming_words(content, item.indexes, index, hits, tokens):
            items = []
        # ("buổi giải đáp kết thúc lúc mấy giờ" of lines titled "Khung giờ 1 ..."): the words of
        # asking when name no line
        if items and not people and all(t in TIME_WORDS for t in content):
            items = []
        # "the day before", "hôm trước": a day outside the event, which no programme line is on.
        if any(holds(tokens, p) for p in _DAY_BEFORE):
            items = []
        if items and (self._split_compound(items) or self._in_another_term(items, content)):
            items = []
        if len(items) > 1:
            items = _numbered(items, tokens)
        elif len(items) == 1:
            items = _runs(items[0], view, index, tokens)
            if len(items) > 1 and self.half is not None:
                # ("drone phun thuốc buổi chiều mấy giờ bay": the run of the half asked)
                in_half = navigation.day_items(view, self.day, self.half)
                items = [i for i in items if i in in_half] or items
        pairs = [p for p in numbered_pairs(tokens) if p[0] in _NUMBERED_PARTS] if items else []
        if pairs:
            # "nhóm 2 do ai làm trưởng nhóm": the line of that number, where the words alone
            # (which drop the number) found another of its kind ("Thảo luận nhóm 1").
            # ("Báo cáo kết quả thảo luận của nhóm 1, nhóm 2 và nhóm 3" only mentions it)
            own = [n for n, title in enumerate(index.title_tokens) if any(holds(title[:4], p) for p in pairs)]
            chosen = [n for n in (item.indexes if item else ()) if view.items[n] in items]
            said = {t for t in content for n in chosen if t in index.item_words[n]}
            if (
                own
                and not set(own) & set(chosen)
                # ("điểm 1 ai đón đoàn": most of the words that found another line are its too)
                and all(2 * sum(t in index.item_words[n] for t in said) >= len(said) for n in own)
            ):
                items = [view.items[n] for n in own]
        # "Điểm 3 ai giới thiệu": a line whose title opens with the very part named ("Điểm 3 - ..."),
        # when the lines the words found never mention it.
        literal = [
            (tokens[n - 1], t)
            for n, t in enumerate(tokens)
            if n and t.isdigit() and tokens[n - 1] in _NUMBERED_PARTS
        ]
        # ("Who presents topic 3?" of "Chuyên đề 3: ...", "the second comment session" of "Phiên
        # góp ý 2: ...": the part in the programme's own words, its number a word or two after it)
        # (a part written over several lines, "Phiên 1 - ..." and "Thảo luận Phiên 1", is all of them)
        asked_parts = _parts_asked(tokens)
        if asked_parts and TIME_QUESTION in self.hits.phrases() and part_lines(view, index, tokens):
            asked_parts = []  # (asked when: the part's first line to its last answers)
        opening = [
            n
            for n, title in enumerate(index.title_tokens)
            if tuple(title[:2]) in literal or (asked_parts and _opens_with_part(title, asked_parts))
        ]
        # ("Who teaches topic 1 in Class 2?": the part on the day asked, when it is on several)
        if self.day is not None:
            opening = [n for n in opening if view.items[n].day == self.day] or opening
        if (
            opening
            and not any(holds(normalise_tokens(i.title), p) for i in items for p in literal)
            and not any(_opens_with_part(normalise_tokens(i.title), asked_parts, 99) for i in items)
        ):
            items = [view.items[n] for n in opening]
            if item is None:
                item = _certain(tuple(opening))
        parts = [t for t in content if t not in HARMLESS]
        if (
            not items
            and parts
            and set(parts) <= PART_WORDS | _NUMBERED_PARTS
            and (self.day is not None or self.half is not None)
        ):
            # "ai điều phối panel chiều 25/11": the one line of that half-day that is a panel.
            that_day = navigation.day_items(view, self.day, self.half)
            heads = [
                n
                for n, i in enumerate(view.items)
                if i in that_day and index.title_tokens[n][:1] and index.title_tokens[n][0] in parts
            ]
            if len(heads) == 1:
                items = [view.items[heads[0]]]
                item = _certain(tuple(heads))
        # "nhóm B ... hồ sơ minh chứng", "lượt 2 từ mấy giờ", "nhóm A lượt 3 ở phòng nào": the
        # labels the programme writes on its lines ("Lượt 2 - Nhóm B: Trạm 3 - ...") pick them.
        labels = labels_asked(tokens, index, frozenset(self.asked.used))
        by_label = False
        if labels:
            titles = index.title_tokens
            label_words = {w for p in labels for w in p}
            asked_more = {
                t
                for t in content
                if t not in HARMLESS | _ITEM_FRAMING | index.kind_words and t not in label_words
            }
            if items:
                held = [p for p in labels if any(holds(titles[index.position(i)], p) for i in items)]
                by_label = bool(held)
                items = [i for i in items if all(holds(titles[index.position(i)], p) for p in held)] or items
                # (of those, the ones that hold most of the other words asked: "hồ sơ minh chứng")
                said = {i: len(asked_more & set(index.item_words[index.position(i)])) for i in items}
                items = [i for i in items if said[i] == max(said.values())]
                # ("drone phun thuốc lượt 2": the other run, which says as much, when the lines
                # found are not of the label asked)
                if any(p not in held and p[0] in _RUN_WORDS for p in labels):
                    most = max(said.values())
                    runs = [
                        n
                        for n, t in enumerate(titles)
                        if all(holds(t, p) for p in labels)
                        and len(asked_more & set(index.item_words[n])) >= most
                    ]
                    if runs:
                        items = [view.items[n] for n in runs]
                        item = _certain(tuple(runs))
                        by_label = True
            elif not asks_content(tokens):  # ("Phiên A có những bài gì": the programme shows them)
                holders = tuple(n for n, t in enumerate(titles) if all(holds(t, p) for p in labels))
                if self.day is not None or self.half is not None:
                    # ("Bài 1 in the afternoon session": the afternoon's "Bài 1", not the morning's)
                    that_half = set(navigation.day_items(view, self.day, self.half))
                    holders = tuple(n for n in holders if view.items[n] in that_half) or holders
                if holders and all(any(t in index.item_words[n] for n in holders) for t in asked_more):
                    items = [view.items[n] for n in holders]
                    item = _certain(holders)
                    by_label = True
        item_strong = bool(items) and item is not None and item.matched_weight >= 0.5
        # A programme line named with no question word around it must be named clearly.
        item_alone = (
            item_strong
            and item is not None
            and item.coverage >= 0.75
            and (item.pairs_matched > 0 or item.unmatched == 0)
        )
        # Words of the event's own title ("PII", "chuyển đổi số") alone do not name one line.
        self.named = {t for t in content for i in (item.indexes if item else ()) if t in index.item_words[i]}
        # "HT PII ở Quảng Trị", "Techfest Bắc Ninh mấy ngày": the event's own title words name no line.
        # ("chiều thứ 5 giảng thử ở phòng nào": a line's own pair of words, each a title word alone)
        # (one that few lines hold and the title's terms in the other language do not: not
        # "technology exchange" of a "Technology exchange launch")
        # (nor when the event is named by its kind or its title: "cuộc họp số liệu PII ... mấy giờ")
        pair_named = not any(holds(tokens, k) for k in EVENT_KIND_PHRASES) and any(
            p in index.item_pairs[i]
            and p not in index.title_pairs
            and not set(p) <= index.title_glossed
            and sum(p in pairs for pairs in index.item_pairs) <= 2
            for i in (item.indexes if item else ())
            for p in word_pairs([t for t in content if t not in self.own_said])
        )
        self.lined = item_strong and (
            bool(self.named - index.title_words - HARMLESS) or pair_named or by_label
        )
        # (the labels that picked the lines: "tuần 2" of "Tuần 2 - Mô-đun 3")
        self.labels_named = tuple(labels) if by_label else ()
        # "bài này kết thúc lúc mấy giờ", "after this talk": the line on now, when one is.
        this_said = any(holds(tokens, p) for p in _THIS_LINE)
        self.after_this = any(holds(tokens, p) for p in _AFTER_THIS)
        self.on_now = facts.lines_on_now(view, self.now) if this_said or self.after_this else []
        self.this_line = not items and this_said and bool(self.on_now)
        if self.this_line:
            items = self.on_now
            item = _certain(tuple(index.position(i) for i in items))
            item_strong = self.lined = True
        self.item_alone = item_alone and self.lined
        self.item, self.items, self.people, self.item_strong = item, items, people, item_strong

    def _prefer_the_agencys_line(self, names: tuple[str, ...], content: list[str]) -> None:
        """ "Sở KH&CN trình bày dự thảo lúc mấy giờ": of the lines the other words name, the one
        the agency named presents, when the words of its name found another's ("... Luật Khoa học,
        công nghệ ...")."""
        view, index = self.view, self.index
        own = index.agency_lines(names)
        if not own or set(self.items) & set(own):
            return
        named = {w for n in names for w in topic_words(normalise_tokens(n))}
        rest = [t for t in content if t not in named]
        again = index.match_items(rest, self.day, self.half, self.forms) if rest else None
        if again is None or again.score < ITEM_THRESHOLD:
            return
        mine = tuple(n for n in again.indexes if view.items[n] in own)
        if mine:
            self.item, self.items = _certain(mine), [view.items[n] for n in mine]

    def _lines_name_the_note(self, key: str) -> bool:
        """Whether, asked when, the lines found are named by the words of the note's own key ("Ca 1
        mấy giờ phải có mặt": the line "Ca 1 - Thí sinh có mặt ..." says it, not the note on the
        shifts, "ca_thi")."""
        key_words = set(normalise_tokens(key.replace("_", " ")))
        return (
            TIME_QUESTION in self.hits.phrases()
            and bool(self.items)
            and bool(key_words & set(self.tokens))
            and all(key_words & set(self.index.title_tokens[self.index.position(i)]) for i in self.items)
        )

    def _choose_topic(self) -> None:
        view, index, hits, all_content = self.view, self.index, self.hits, self.all_content
        topic, topic_score = hits.best_topic()
        # "buổi tối có ăn uống gì không", "food in the evening": a meal, but not lunch
        evening_meal = topic == "lunch" and self.half == "evening" and not _MIDDAY & set(self.tokens)
        if evening_meal:
            topic = "dinner"
        # Of the practical topics asked, one the organisers wrote a note on ("mật khẩu phòng họp trực
        # tuyến": no wifi note, but an online one); a topic that is the event's own name is not asked.
        self.own_name = own_name = {w for p in index.event_phrases for w in p}
        # (nor one that is part of the agency's name: "Vạn An Bank" asks nothing about eating, "ăn")
        agency = self.agency if self.agency_ok else None
        named = own_name | {w for n in (agency.names if agency else ()) for w in normalise_tokens(n)}
        asked_topics = {
            k: w for k, w in hits.topics.items() if not all(set(p) <= named for p in hits.phrases_of_topic(k))
        }
        if asked_topics != hits.topics:
            topic, topic_score = max(asked_topics.items(), key=lambda kv: kv[1], default=(None, 0.0))
        noted = {k: w for k, w in asked_topics.items() if facts.note_text(view, k) is not None}
        if topic is not None:
            # ("tối về có ăn tối chung không": "ăn" of "ăn tối" asks about no lunch)
            own = hits.phrases_of_topic(topic)
            noted = {
                k: w
                for k, w in noted.items()
                if k == topic or not all(any(set(p) <= set(o) for o in own) for p in hits.phrases_of_topic(k))
            }
        if evening_meal:
            noted.pop("lunch", None)
        if topic is not None and facts.note_text(view, topic) is None and noted:
            topic, topic_score = max(noted.items(), key=lambda kv: kv[1])
        if topic is None:
            topic = index.match_note(all_content, USUAL_NOTE_KEYS, frozenset(own_name))
            # ("Where is the press briefing held?": the line says its room, not the note on the press)
            if (
                topic
                and hits.score(Intent.WHERE) >= 3
                and self.lined
                and any(placed(i.title) for i in self.items)
            ):
                topic = None
            if topic and self._lines_name_the_note(topic):
                topic = None
            topic_score = 5.0 if topic else 0.0
        if topic is None or topic_score < 5:
            # An organiser's own note ("online", "shuttle") by what it says; the usual topics have
            # cues, which a weak one ("xe" of "xe đưa đón") gives way to.
            # (the event's own name names no note: "cà phê khởi nghiệp tối thứ 5 ở đâu")
            # (nor do the words that name a programme line or an agency: "tham quan gian trưng bày
            # ở đâu" against a note that says the visit is not livestreamed)
            naming = set(self.named) if self.lined and self.items and len(self.named) >= 3 else set()
            naming |= {w for n in (agency.names if agency else ()) for w in normalise_tokens(n)}
            custom, shared = index.match_note_text(
                all_content, USUAL_NOTE_KEYS, self.own_said | frozenset(naming)
            )
            # (a where-question needs more than a word or two of a note's text to be about it)
            where_asked = hits.score(Intent.WHERE) >= 3
            # (nor a where-question about a day or a part of it: "where is the startup coffee
            # evening" against a note that says the evening is not online; where() answers it)
            custom_score = 5.0 if shared >= 3 else 3.0
            # ("what should I wear for the site visit": the dress code, not the note that only
            # shares "site visit")
            if (
                custom is not None
                # (not over a topic asked by its own words that has a note: "the coach" is the shuttle's)
                and (topic is None or (custom_score > topic_score and facts.note_text(view, topic) is None))
                and (not where_asked or (shared >= 3 and self.day is None and self.half is None))
                # ("mấy giờ khai mạc", "who gives the opening speech" against a rain plan that moves
                # the opening: the line's time or presenter)
                and not (
                    self.lined
                    and (TIME_QUESTION in hits.phrases() or hits.score(Intent.ITEM_PRESENTER) >= 3)
                    and set(all_content) & index.note_text_words.get(custom, frozenset()) <= self.named
                )
                and not self._lines_name_the_note(custom)
            ):
                topic, topic_score = custom, custom_score
        # "mật khẩu phòng họp trực tuyến", "mã Zoom": no wifi note, but the organisers' own note (on
        # joining online) holds the very words asked.
        if topic is None or facts.note_text(view, topic) is None:
            asked_phrases = hits.phrases_of_topic(topic) if topic else hits.phrases_of(Intent.UNKNOWN)
            # ("hội nghị trực tuyến ... tổ chức ngày nào": the event's own name asks about no note)
            kinds_said = [k for k in index.event_phrases if len(k) > 1 and holds(self.tokens, k)]
            asked_phrases = [p for p in asked_phrases if not any(holds(k, p) for k in kinds_said)]
            # ("tập huấn trực tiếp ở đâu": attending in person, whose place is the venue, not a
            # note that writes "trực tiếp")
            if hits.score(Intent.WHERE) >= 3 and _in_person(self.tokens):
                asked_phrases = [p for p in asked_phrases if p != ("truc", "tiep")]
            holder = index.note_holding(asked_phrases, USUAL_NOTE_KEYS, asked=tuple(all_content))
            if holder is not None:
                topic, topic_score = holder, 5.0
        # "Will the press briefing be livestreamed too?": the thing asked that notes are seldom on
        # (a livestream) is in another note than the topic's ("... Buổi họp báo không phát trực
        # tiếp"), which is the one that answers.
        own_phrases = set(hits.phrases_of_topic(topic)) if topic else set()
        outside_phrases = [p for p in hits.phrases_of(Intent.UNKNOWN) if p not in own_phrases]
        if topic is not None and outside_phrases and facts.note_text(view, topic) is not None:
            said = index.note_text_words.get(topic, frozenset())
            if not all(set(p) <= said for p in outside_phrases):
                other = index.note_holding(outside_phrases, asked=tuple(all_content))
                if other is not None and other != topic:
                    topic, topic_score = other, max(topic_score, 5.0)
        # "who should I call about my hotel room": whom to contact, about the other topic.
        who = hits.score(Intent.ITEM_PRESENTER) >= 3
        contact = next(
            (k for k in ("hotline", "contact", "lien_he") if hits.topics.get(k, 0) >= (2 if who else 3)), None
        )
        if contact and topic != contact and facts.note_text(view, contact) is not None:
            topic, topic_score = contact, max(topic_score, hits.topics[contact])
        # "họp đầu mối PII mấy giờ bắt đầu": when a meeting of focal points starts; whom to contact
        # has no hour.
        tokens = self.tokens
        of_the_event = any(
            tokens[n : n + 2] == ("dau", "moi") and tokens[n - 1] in index.kind_words
            for n in range(1, len(tokens))
        )
        if of_the_event and topic in ("hotline", "contact", "lien_he") and TIME_QUESTION in hits.phrases():
            topic, topic_score = None, 0.0
        # "sáng 7/12 phải có mặt lúc mấy giờ": the note that says when to be there ("thành viên có
        # mặt trước 05:45"), over the event's hours.
        # (not when a line names what the question is there for: "có mặt mấy giờ để trang điểm")
        if topic is None and "comat" in tokens and TIME_QUESTION in hits.phrases() and not self.lined:
            # (of the group asked, when one is: "khách mời phải có mặt lúc mấy giờ" is not answered
            # by a note on when the studio audience must be there)
            group = next((g for g in _GROUPS if holds(tokens, g)), None)
            there = index.note_holding([("comat",), group] if group else [("comat",)])
            if there is not None and CLOCK_TEXT.search(facts.note_text(view, there) or ""):
                topic, topic_score = there, 5.0
        # "any food at the networking evening?": a meal in the evening is the dinner.
        generic_meal = all(p in _ANY_MEAL for p in hits.phrases_of_topic("lunch"))
        if (
            topic == "lunch"
            and generic_meal
            and (self.half == EVENING or facts.note_text(view, "lunch") is None)
            and facts.note_text(view, "dinner") is not None
        ):
            topic = "dinner"
        where = hits.score(Intent.WHERE)
        # "địa chỉ khách sạn Mường Thanh": the venue's own name, not the accommodation note.
        # ("where do I park at Can Tho University": the venue named, and the parking asked)
        # ("where do we have lunch in Thai Nguyen": the lunch note, the place's name aside)
        # ("học trực tiếp thì lên hội trường nào": the venue, not a note that shares the words)
        # (a note named by its own key, "connection points", stays, though the venue's name says them)
        named_note = bool(index.note_words.get(topic or "")) and index.note_words[topic or ""] <= set(
            all_content
        )
        venue_named: str | None = None
        if (
            where >= 3
            and len(set(all_content) & index.venue_words) >= 2
            and (topic == "accommodation" or topic not in hits.topics)
            and not named_note
        ):
            venue_named = topic
            topic, topic_score = None, 0.0
        # "what is the hotel address": the topic's words name the venue itself.
        topic_said = {w for w in all_content for p in NOTE_TOPICS.get(topic or "", ()) if w in p.split()}
        # ("when do we get back to the hotel" where the venue is a hotel and no note is on rooms)
        if (
            topic_said
            and topic_said <= index.venue_words
            and (where >= 3 or not facts.note_text(view, topic or ""))
        ):
            topic, topic_score = None, 0.0
        # "học ở khách sạn nào": the event itself is asked about, and the venue is the hotel.
        tokens = self.tokens
        event_named = len(topic_words(tokens, index.event_phrases)) < len(content_tokens(list(tokens)))
        if (
            event_named
            and where >= 2
            and len(set(all_content) & index.venue_words) >= 2
            and topic == "accommodation"
        ):
            topic, topic_score = None, 0.0
        # "xã em vào phòng nào": the room to join, which the note on joining online gives
        # ("... vào phòng PII2026-KHANHHOA"), when it says so in those words.
        if topic is None and holds(tokens, ("vao", "phong")):
            there = next(
                (
                    key
                    for key, text in index.note_tokens.items()
                    if key in facts.NOTE_KEYS["online"] and holds(text, ("vao", "phong"))
                ),
                None,
            )
            if there is not None:
                topic, topic_score = there, 5.0
        if topic is None and venue_named is not None:
            # ("Where do I park at the Hải Âu hotel?": the hotel is the venue; parking is asked)
            for other, weight in sorted(hits.topics.items(), key=lambda kv: -kv[1]):
                said = {w for p in hits.phrases_of_topic(other) for w in p}
                if other != venue_named and weight >= 3 and said and not said <= index.venue_words:
                    topic, topic_score = other, float(weight)
                    break
        self.topic, self.topic_score = topic, topic_score
        self.has_note = topic is not None and facts.note_text(view, topic) is not None

    def _framing(self) -> None:
        index, hits, tokens, topic = self.index, self.hits, self.tokens, self.topic
        # Words of cues that fired frame the question ("ở đâu", "mấy giờ"); a word only the "outside
        # the data" cues use ("đăng ký trước") frames nothing unless its cue fired as a whole.
        self.fired = fired = {tokens[i] for i in hits.used if i < len(tokens)}
        self.topic_cue_words = set(TOPIC_CUE_WORDS.get(topic, ())) if topic else set()
        self.framing = _FRAMING | fired | self.topic_cue_words
        self.item_framing = _ITEM_FRAMING | fired
        if self.catching:  # "đến muộn 15 phút thì có kịp nghe ...": being late, and in time for
            self.item_framing |= _LATENESS
        if any(holds(tokens, p) for p in LEAVING_EARLY):  # "mấy giờ bế mạc, e xin về sớm": why it is asked
            self.item_framing |= {w for p in LEAVING_EARLY for w in p}
        if self.people:  # "chuyên gia Hàn Quốc", "thầy Toàn": the person, whom the lines' presenter names
            self.item_framing |= PERSON_WORDS | {w for i in self.people for w in index.item_words[i]}
        agency = self.agency if self.agency_ok else None
        self.agency_words = {
            w for n in (agency.names if agency else ()) for w in topic_words(normalise_tokens(n))
        }
        if agency is not None:
            self.agency_words |= _AGENCY_KINDS_EN  # "the statistics office": the agency named
        # "tài liệu có bản điện tử không": what a yes/no question asks about must be in the answer.
        day_words = {tokens[i] for i in self.asked.used if i < len(tokens)}  # ("next Wednesday")
        # (being late, and the words addressing a person, are no thing asked about)
        day_words |= (_LATENESS if self.catching else set()) | (PERSON_WORDS if self.people else set())
        self.thing = [
            t for t in topic_words(list(asked_thing(tokens)), index.event_phrases) if t not in day_words
        ]
        self.cue_said = {tokens[i] for i, weight in hits.used.items() if weight >= 2 and i < len(tokens)}
        # Words about something specific that no line, agency or note matched ("trường SPKT"): the
        # event's own date, place or programme would answer another question.
        stray = [
            t
            for t in self.content
            if t not in index.title_words
            and t not in index.venue_words
            and t not in HARMLESS
            and t not in self.framing
            and not t.isdigit()
        ]
        self.general = not stray or bool(self.items) or self.agency_ok

    def dont_know(self, *evidence: Evidence) -> Answer:
        """The bot does not know: the question says more than the data it matched holds."""
        return unsure(self.cues, self.question_like, self.matched, "qa.dont_know", evidence)

    def beyond(self, words: set[str], at_least: int = 1) -> bool:
        """Whether content words neither `words` nor the question's framing account for remain."""
        extra = [
            t
            for t in self.content
            if t not in words
            and t not in self.framing
            and t not in HARMLESS
            and t not in self.index.title_words
            and t not in TIME_WORDS  # "cuối buổi có phát ... không": when, not what
            and not t.isdigit()
            and len(t) > 1
        ]
        return len(extra) >= at_least

    def unaccounted(self) -> list[str]:
        """Content words the matched lines, their framing and the agency do not account for."""
        index, agency_words = self.index, self.agency_words
        # ("ngày 08/12 ở Hoàng Mai, phần chia sẻ ... ai nói": where the lines' day is held, which
        # that day's own lines name)
        days = {self.view.items[n].day for n in self.lines_found}
        held = index.day_place_words.get(days.pop(), frozenset()) if len(days) == 1 else frozenset()
        return [
            t
            for t in self.content
            if not any(t in index.item_words[n] for n in self.lines_found)
            and t not in held
            and t not in self.item_framing
            and t not in HARMLESS
            and t not in index.title_words
            and t not in PART_WORDS  # "phiên", "bài": the line is one
            and t not in TIME_WORDS  # "lúc mấy giờ": the line's time answers it
            and not t.isdigit()
            and len(t) > 1  # "HT v" (vậy)
            and not (self.agency_ok and t in agency_words)
            and t not in _NUMBER_WORDS  # "pitching number 7": the line's label
        ]

    def thing_missing(self, words: set[str]) -> bool:
        """Whether what a yes/no question asks about is missing from `words` (the reply's)."""
        return any(
            t not in words
            and t not in HARMLESS
            and t not in self.cue_said
            and t not in PART_WORDS
            and t not in TIME_WORDS
            and t not in self.index.own_place  # "the Thai Nguyen meeting": the event's own place
            and not t.isdigit()
            for t in self.thing
        )

    def done(
        self,
        intent: Intent,
        messages: list[Message],
        confidence: float,
        *evidence: Evidence,
        **extra: bool,
    ) -> Answer:
        """The reply, unless the question asks something of it that it does not hold."""
        index, tokens, view = self.index, self.tokens, self.view
        # ("... là thứ 6 ngày 11/12 phải không" of an event on Thursday 10/12: its own dates answer)
        if (
            self.asked.outside
            and intent not in _ANY_DAY
            and not (intent == Intent.WHEN and self.asked.elsewhen)
        ):
            # "ngày thứ tư của lớp học gì": a day the event does not have; no line or hour answers.
            return self.dont_know(*evidence)
        on_lines = any(e.source == "item" for e in evidence) and intent != Intent.BETWEEN
        if on_lines and not self.agency_ok and absent_agency(tokens, index.held_names):
            # "NHNN làm việc với tổ rà soát hôm nào" of a review with no bank: another's line.
            return self.dont_know(*evidence)
        if intent in _OF_A_PERSON:
            shown = [e.detail for e in evidence if e.source == "agency"]
            shown += (
                [f"{view.items[i].title} | {view.items[i].presenter or ''}" for i in self.lines_found]
                if on_lines
                else []
            )
            shown += [view.chair or ""] if intent == Intent.CHAIR else []
            # (asked who, the deputy is the answer: "khai mạc là ai, có phải chủ tịch không")
            if not {"ai", "who"} & set(tokens) and deputy_for_head(tokens, shown):
                # "Chủ tịch HĐND tỉnh có dự không" of a line by the Phó Chủ tịch: another person.
                return self.dont_know(*evidence)
        if (
            intent in (Intent.CHAIR, Intent.ITEM_PRESENTER)
            and any(holds(tokens, p) for p in _PHONE_ASKED)
            and not any(PHONE_NUMBER.search(t) for t in message_texts(messages))
        ):
            # "số điện thoại riêng của trưởng đoàn": a number asked, which a name does not give.
            return self.dont_know(*evidence)
        titles = [view.items[i].title for i in self.lines_found]
        unaccounted = self.unaccounted()
        if unaccounted and intent in (Intent.NEXT, Intent.PREVIOUS):
            # ("What do we visit after lunch?": the line that comes next says "Tham quan")
            shown = normalise_tokens(" ".join(message_texts(messages)))
            shown_words = set(shown) | {w for g in lexicon().glosses(shown) for w in g}
            unaccounted = [t for t in unaccounted if t not in shown_words]
        if on_lines and (unaccounted or asks_which_of(tokens, titles, self.hits.used)):
            # The question says more about the line than the line holds ("giải lao có trà nước
            # không"): the line's time would answer another question.
            return self.dont_know(*evidence)
        if (
            intent == Intent.END
            and all(e.source == "field" for e in evidence)
            and self.thing_missing(self.fired | index.title_words)
        ):
            # "hội nghị xong có bản ghi hình không": a recording asked, which the end does not say.
            return self.dont_know(*evidence)
        if on_lines and self.thing_missing(
            {w for i in self.lines_found for w in index.item_words[i]} | self.fired
        ):
            # "văn nghệ có múa không": the line's title does not say.
            return self.dont_know(*evidence)
        # The lines themselves may be what is counted ("how many coffee breaks"): their heads.
        heads = PART_WORDS | {w for i in self.lines_found for w in index.title_tokens[i][:2]}
        if (
            intent in (Intent.CHAIR, Intent.ITEM_PRESENTER, Intent.AGENCY_TALKS)
            and asks_name(tokens)
            and not any(has_personal_name(m) for m in message_texts(messages))
        ):
            # "Phó Chủ tịch UBND tỉnh ... tên là gì": the programme gives a title, not a name.
            return self.dont_know(*evidence)
        # ("bên e có phải trình bày không": an agency's own talks do answer it)
        if (
            any(e.source in ("item", "agency") for e in evidence)
            and asks_duty(tokens)
            and intent != Intent.AGENCY_TALKS
        ):
            # "đại biểu có phải phát biểu không": whether one must speak; a line's time is no answer.
            return self.dont_know(*evidence)
        if (
            intent == Intent.ITEM_PRESENTER
            and any(holds(tokens, p) for p in _WHICH_ONES)
            and self.items
            and all("cac" in normalise_tokens(i.presenter or "") for i in self.items)
        ):
            # "Which communes will speak in the discussion?" of "Lãnh đạo UBND các xã, phường":
            # the programme says all of them in general, not which.
            return self.dont_know(*evidence)
        if intent == Intent.ITEM_TIME and any(holds(tokens, p) for p in _ASKS_HOW):
            # "mất kết nối thì làm sao": what to do, which no line's time says.
            return self.dont_know(*evidence)
        # (an agency's seats are a number: "Sở Tài chính được mấy chỗ")
        if intent in _NO_COUNT and asks_quantity(tokens, heads) and not facts.counts_seats(messages):
            # "điểm PII năm 2025 là bao nhiêu": a line's time, a place or a name is no number.
            return self.dont_know(*evidence)
        # A note the organisers never gave is said honestly, and the question still goes to them.
        missing = any(m.key in ("qa.note.missing", "qa.chair.unknown") for m in messages) or (
            bool(messages) and all(m.key == "qa.item.no_presenter" for m in messages)
        )
        return Answer(
            intent,
            confidence,
            tuple(messages),
            True,
            self.question_like,
            cues=self.cues,
            matched=self.matched,
            forward=missing,
            evidence=evidence,
            **extra,
        )
