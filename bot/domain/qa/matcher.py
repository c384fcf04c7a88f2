"""Find what a question is about in the event's own data: agenda items, agencies, notes, FAQ.

Every event gets an index built once (cached by its snapshot): folded token sets per agenda item
(title, kind synonyms, presenter), per agency name and alias, per FAQ question, and the event's
vocabulary for typo correction. Matching weighs each question word by how rare it is among the
items (IDF), so "khu công nghiệp" picks one talk while "tham luận" matches all four.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.domain.plan.agency_names import english_names, former_names
from bot.domain.qa.absent import held_text
from bot.domain.qa.days import EVENING_FROM, in_half
from bot.domain.qa.evidence import HARMLESS
from bot.domain.qa.intents import CUE_WORDS, OUTSIDE_WORDS
from bot.domain.qa.language import question_language
from bot.domain.qa.lexicon import lexicon
from bot.domain.qa.normalise import ABBREVIATIONS, STOPWORDS, content_tokens, holds, normalise_tokens
from bot.domain.qa.rooms import ADDRESS
from bot.domain.qa.specifics import specific_words, writes_web_address
from bot.domain.qa.view import EventView, ItemView
from bot.domain.textfold import fold
from storage.enums import AgendaKind

__all__ = [
    "EventIndex",
    "ItemMatch",
    "AgencyMatch",
    "FaqMatch",
    "index_for",
    "topic_words",
    "event_phrases",
    "KIND_WORDS",
]

# How people name each kind of programme line, besides its title.
KIND_WORDS: dict[AgendaKind, str] = {
    AgendaKind.REGISTRATION: "don tiep dang ky registration check in checkin arrival arrive reception sign in",
    AgendaKind.OPENING: ("khai mac opening open ceremony speech remarks phat bieu khai mac tuyen bo ly do"),
    AgendaKind.TALK: "tham luan bao cao trinh bay talk talks presentation presentations report",
    AgendaKind.BREAK: "giai lao nghi break breaks tea coffee",
    AgendaKind.DISCUSSION: (
        "thao luan hoi dap trao doi discussion q&a questions debate panel toa dam giai dap"
    ),
    AgendaKind.CLOSING: ("be mac closing close ceremony remarks ket thuc tong ket wrap up phat bieu be mac"),
    AgendaKind.OTHER: "",
}

# Words naming the event itself, whatever the document calls it; they say nothing about which
# part of it is meant. Longest first.
_EVENT_PHRASES = tuple(
    sorted(
        (
            tuple(p.split())
            for p in (
                "hoi thao",
                "hoi nghi",
                "su kien",
                "tap huan",
                "lop tap huan",
                "khoa tap huan",
                "dot tap huan",
                "lop boi duong",
                "dai hoi",
                "le",
                "buoi le",
                "cuoc hop",
                "buoi hop",
                "phien hop",
                "hop",
                "dien dan",
                "ngay hoi",
                "hoi cho",
                "festival",
                "expo",
                "workshop",
                "conference",
                "event",
                "seminar",
                "meeting",
                "ceremony",
                "forum",
                "summit",
                "launch",
                "le ra mat",
                "le khanh thanh",
                "le khai truong",
                "le trao giai",
                "techmart",
                "chuyen nay",
                "chuyen di",
                "chuyen cong tac",
                "chuyen khao sat",
                "doan cong tac",
                "trip",
                "study visit",
                "course",
                "training course",
                "training",
                "class",
                "the event",
                "chuong trinh tap huan",
                "lop hoc",
                "buoi hoc",
                "khoa hoc tap huan",
                "hoc",
                "giao ban",
                "buoi giao ban",
                "hoi nghi giao ban",
                "briefing",
                "buoi giai dap",
                "giai dap truc tuyen",
                "webinar",
                "fair",
                "the fair",
                "chuong trinh luu dong",  # a roadshow from stop to stop
                "chuoi luu dong",
                "luu dong",
                "roadshow",
                "road show",
                "exam",  # an examination day ("Kỳ kiểm tra cấp chứng nhận ...")
                "examination",
                "phien giai trinh",  # a People's Council's explanation session, its question time
                "phien chat van",
                "giai trinh",
                "hearing",
                "explanation session",
            )
        ),
        key=len,
        reverse=True,
    )
)
# The kinds of numbered parts, in both languages ("phiên 2", "session 2"; "đợt 1", "round 1").
PART_KINDS = (
    frozenset({"phien", "session"}),
    frozenset({"de", "topic", "theme", "module"}),
    frozenset({"nhom", "group"}),
    frozenset({"diem", "stop"}),
    frozenset({"panel"}),
    frozenset({"phan", "part", "segment"}),
    frozenset({"khung", "slot"}),
    frozenset({"dot", "round", "phase"}),
)
_DATED = re.compile(r"\b\d{1,2}/\d{1,2}\b")
_ADDRESS_END = re.compile(r"\)|;|:| [-–] ")
_DEADLINE = frozenset({"han", "deadline"})
_WH = frozenset({"who", "what", "which", "how", "when", "where"})
# The event's kind said plainly ("cuộc họp", "hội thảo", "workshop"; not "họp", "lễ", "học" alone).
EVENT_KIND_PHRASES = tuple(
    p for p in _EVENT_PHRASES if len(p) > 1 or p[0] not in {"hop", "le", "hoc", "class"}
)
_EVENT_PHRASES_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in _EVENT_PHRASES:  # longest first, as in _EVENT_PHRASES
    _EVENT_PHRASES_BY_FIRST[_phrase[0]] = (*_EVENT_PHRASES_BY_FIRST.get(_phrase[0], ()), _phrase)
# Two-word kind words whose second word is often mistyped ("hội thỏa", "hội nhị").
_KIND_PAIRS = tuple(p for p in _EVENT_PHRASES if len(p) == 2 and p[0] in {"hoi", "tap"})
# "họp"/"lễ" fold like "hợp"/"lệ": not the event when a word follows that makes another word.
_NOT_EVENT_AFTER = {
    "hop": frozenset({"tac", "ly", "le", "nhat", "phap", "dong", "chat", "thuc", "tuyen"}),
    "le": frozenset({"phi", "tan"}),
    "hoc": frozenset({"vien", "phi", "sinh", "tap", "hoi", "thuat", "ky", "vi"}),
}
# ...nor when a word before it makes another word ("khoa học", "đại học").
_NOT_EVENT_BEFORE = {
    "hoc": frozenset({"khoa", "dai", "tin", "hoa", "sinh", "van", "y", "toan", "ngu", "nhap", "truong"})
}
# Words every agency name shares; an agency is told apart by the rest.
# ("Sở" stays: it tells "Sở KH&CN" from "Bộ KH&CN".)
_AGENCY_FILLER = frozenset(normalise_tokens("tinh lanh dao dai dien can bo thanh pho phong khach"))
# How close a question must be to an FAQ entry's own question, word for word, to be that question.
_AS_WRITTEN = 95.0
# The levels of government a People's Committee ("UBND") is of.
_LEVELS = frozenset({"xa", "phuong", "huyen", "tinh", "quan", "thi"})
_COMMITTEE = frozenset({"uy", "nhan", "dan"})
# Plain words of attending and of obligation ("dự", "bắt buộc"): any question about taking
# part uses them, so sharing one with a FAQ question says nothing of which entry it is.
_PLAIN_ATTENDING = frozenset({"du", "buoc"})
_ASKING = frozenset({"cho", "xin", "muon", "em", "toi", "minh", "can"})
# "registration opens", "doors open": the verb, not the opening ceremony ("khai mạc").
_OPENED = frozenset({"registration", "checkin", "in", "door", "doors", "desk", "desks", "gate", "gates"})


def label_id(token: str) -> bool:
    """Whether a token may be what labels a line after its word: a number of one or two digits or
    one letter ("2" of "Lượt 2", "b" of "Nhóm B")."""
    return (token.isdigit() and len(token) <= 2) or (len(token) == 1 and token.isalpha())


def _body_words(name: str) -> list[set[str]]:
    """An agency's name's words, without those that name no body ("tỉnh", "đại diện"); and, when
    one of those is of a term of the field ("đại học"), with it too ("Trường ĐH Cần Thơ" and "đại
    học" both name "Trường Đại học Cần Thơ")."""
    tokens = normalise_tokens(name)
    termed = {w for t in lexicon().terms(tokens) for w in t}
    plain = _tokens(name) - _AGENCY_FILLER
    whole = _tokens(name) - (_AGENCY_FILLER - termed)
    return [plain, whole] if whole != plain else [plain]


# Words of a presenter that names no body, only people in general ("Chủ trì và đại biểu").
_EVERYONE = frozenset(
    "chu tri va dai bieu toan the cac nhom hoc vien giang khach moi thanh tat ca "
    "all participants delegates chair and".split()
)
AGENCY_OWN_WORD = 0.8  # fit of an agency named by a word no other agency uses
_PRESENTER_WEIGHT = 0.6
_KIND_WEIGHT = 0.8
_FUZZY_CUTOFF = 84  # rapidfuzz ratio: one dropped letter in a 6-letter word, not "gia" for "gio"
# Words that say what kind of body an agency is, and so name none on their own.
_AGENCY_KINDS = frozenset({"so", "cuc", "ban", "bo", "vien", "truong", "chi"})


@dataclass(frozen=True)
class ItemMatch:
    """Agenda items that fit the question best, and how well (0..1)."""

    indexes: tuple[int, ...]
    score: float
    matched_weight: float
    coverage: float = 0.0
    pairs_matched: int = 0
    unmatched: int = 0  # content words (not question words) the best item does not have


@dataclass(frozen=True)
class AgencyMatch:
    """The agency (or presenter) the question names, its names, and how well it fits (0..1)."""

    name: str
    names: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class FaqMatch:
    """The FAQ entry closest to the question and its rapidfuzz score (0..100)."""

    index: int
    score: float


def _event_phrase(
    tokens: tuple[str, ...] | list[str], i: int, extra: tuple[tuple[str, ...], ...]
) -> tuple[str, ...] | None:
    first = tokens[i]
    for phrase in (*extra, *_EVENT_PHRASES_BY_FIRST.get(first, ())):
        if phrase[0] != first or tuple(tokens[i : i + len(phrase)]) != phrase:
            continue
        after = tokens[i + len(phrase)] if i + len(phrase) < len(tokens) else ""
        before = tokens[i - 1] if i else ""
        if len(phrase) == 1 and (
            after in _NOT_EVENT_AFTER.get(phrase[0], ()) or before in _NOT_EVENT_BEFORE.get(phrase[0], ())
        ):
            continue
        return phrase
    return None


def topic_words(tokens: tuple[str, ...] | list[str], extra: tuple[tuple[str, ...], ...] = ()) -> list[str]:
    """Content words without the words that name the event itself ("hội thảo", "event")."""
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        phrase = _event_phrase(tokens, i, extra)
        if tokens[i] == "hoi" and i > 0 and tokens[i - 1] in _ASKING:
            i += 1  # "cho hỏi", "xin hỏi": politeness, not "hỏi đáp"
        elif tokens[i] in {"open", "opens"} and i > 0 and tokens[i - 1] in _OPENED:
            i += 1
        elif phrase is None:
            kept.append(tokens[i])
            i += 1
        else:
            i += len(phrase)
    return content_tokens(kept)


def _gloss_words(text: str) -> frozenset[str]:
    # A FAQ question's terms in the other language, so "có phiên dịch không" finds "interpretation".
    return frozenset(w for p in lexicon().glosses(normalise_tokens(text)) for w in topic_words(p))


# Kinds of event that are the event itself only when its title opens with them: elsewhere they
# are a line of the programme ("Họp báo" after a launch ceremony), with their other names.
_TITLE_KINDS = {
    normalise_tokens("hop bao"): tuple(
        map(
            normalise_tokens,
            ("buoi hop bao", "cuoc hop bao", "hop bao", "press conference", "press briefing"),
        )
    ),
    # ("Chương trình làm việc của Đoàn công tác Bộ ...": a ministry's working mission)
    normalise_tokens("doan cong tac"): tuple(
        map(
            normalise_tokens,
            (
                "doan cong tac",
                "doan bo",
                "ministry delegation",
                "the delegation",
                "working mission",
                "mission",
            ),
        )
    ),
}


def event_phrases(view: EventView) -> tuple[tuple[str, ...], ...]:
    """The event's own name as people shorten it: its kind word and the two words after it."""
    tokens = normalise_tokens(view.title)
    found: list[tuple[str, ...]] = []
    for phrase in _EVENT_PHRASES:
        if tokens[: len(phrase)] == phrase and len(tokens) > len(phrase) + 1:
            found.append(tokens[: len(phrase) + 2])
            break
    # ("Is the press conference on right now?" of "Họp báo công bố ...": the event itself)
    for kind, names in _TITLE_KINDS.items():
        if any(tokens[n : n + len(kind)] == kind for n in range(6)):  # (its title's first words)
            found.extend(names)
    # A short name in brackets closing the title: "... tỉnh Bắc Ninh (Techfest Bắc Ninh 2026)".
    short = _SHORT_NAME.search(view.title)
    if short:
        named = normalise_tokens(short.group(1))
        found.append(named)
        if named and len(named[0]) >= 5 and named[0].isalpha():
            found.append(named[:1])
    return tuple(found)


_REPEATS = re.compile(r"([a-z])\1+")
_SHORT_NAME = re.compile(r"\(([^()]{4,60})\)\s*$")


def _part_of_day(item: ItemView) -> str:
    # "giải lao buổi sáng" must find the morning break even when its title does not say so.
    if item.start_time is None:
        return ""
    return "buoi sang morning" if item.start_time.hour < 12 else "buoi chieu afternoon"


def word_pairs(tokens: list[str]) -> set[tuple[str, str]]:
    """The pairs of neighbouring words."""
    return set(zip(tokens, tokens[1:], strict=False))


@lru_cache(maxsize=4096)  # the event's own names and presenters, asked about again and again
def _tokens(text: str | None) -> frozenset[str]:
    return frozenset(topic_words(normalise_tokens(text or "")))


# Where a label written before a line's own title ends ("Phiên mở - Báo cáo ...", "Ca 2: ...").
_LABEL_END = re.compile(r"\s[-–]\s|:\s")


_WORD = re.compile(r"\w+")


def word_forms(text: str) -> dict[str, frozenset[str]]:
    """The words of a text as written (lower case, with their marks), by their folded form."""
    forms: dict[str, set[str]] = {}
    for word in _WORD.findall(unicodedata.normalize("NFC", text).lower()):
        forms.setdefault(fold(word), set()).add(_spelling(word))
    return {folded: frozenset(written) for folded, written in forms.items()}


# The five tone marks of Vietnamese, which writers place on either vowel ("toạ", "tọa").
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _spelling(word: str) -> str:
    """A word's letters and its tone, wherever the tone mark was placed."""
    letters = unicodedata.normalize("NFD", word)
    tone = "".join(c for c in letters if c in _TONES)
    rest = unicodedata.normalize("NFC", "".join(c for c in letters if c not in _TONES))
    return rest + tone


def tones_differ(asked: dict[str, frozenset[str]], written: dict[str, frozenset[str]], token: str) -> bool:
    """Whether a word asked with its marks is another word than the one written with other marks:
    "nói" (speak) is not the "nối" of "kết nối", nor "mặc" (wear) the "mạc" of "bế mạc". A word
    typed without marks, or written so, fits either."""
    said, have = asked.get(token), written.get(token)
    if not said or not have or any(w.isascii() for w in said) or any(w.isascii() for w in have):
        return False
    return not said & have


class EventIndex:
    """The folded vocabulary of one event, built once per snapshot."""

    def __init__(self, view: EventView) -> None:
        self.view = view
        self.item_words: list[dict[str, float]] = []
        self.item_pairs: list[frozenset[tuple[str, str]]] = []
        self.title_tokens = [normalise_tokens(i.title) for i in view.items]
        # Each line's words as the organisers wrote them, marks and all.
        self.item_forms = [word_forms(f"{i.title} {i.presenter or ''}") for i in view.items]
        # The field's terms each title holds.
        self.title_terms = [lexicon().terms(t) for t in self.title_tokens]
        # The labels the titles write on lines, by their word: "Lượt 2 - Nhóm B" gives "luot" {"2"}
        # and "nhom" {"b"} (a letter only as the programme capitalises it: "góp ý" labels nothing).
        capitals = {m.lower() for i in view.items for m in re.findall(r"(?<!\w)[A-Z](?!\w)", i.title)}
        label_ids: dict[str, set[str]] = {}
        for title in self.title_tokens:
            for word, after in zip(title, title[1:], strict=False):
                if word.isalpha() and label_id(after) and (after.isdigit() or after in capitals):
                    label_ids.setdefault(word, set()).add(after)
        self.label_ids = {word: frozenset(ids) for word, ids in label_ids.items()}
        # Each title's terms in the other language, as phrases ("lên xe": "bus").
        self.title_glosses = [tuple(lexicon().glosses(t)) for t in self.title_tokens]
        for item, title_glosses in zip(view.items, self.title_glosses, strict=True):
            presenter = topic_words(normalise_tokens(item.presenter or ""))
            title = topic_words(normalise_tokens(item.title))
            gloss = " | ".join(" ".join(p) for p in title_glosses)
            extra = f"{KIND_WORDS[item.kind]} | {_part_of_day(item)} | {gloss}"
            kind = topic_words(normalise_tokens(extra))
            own = [*title, "|", *kind]
            words = {t: _PRESENTER_WEIGHT for t in presenter}
            # The organisers' own title words count more than the synonyms of the line's kind.
            words.update({t: _KIND_WEIGHT for t in kind})
            words.update({t: 1.0 for t in title})
            self.item_words.append(words)
            self.item_pairs.append(frozenset(word_pairs(own) | word_pairs(presenter)))
        self.known_pairs = frozenset().union(*self.item_pairs) if self.item_pairs else frozenset()
        # The parts the programme writes as a label before its lines' own titles, when two or more
        # lines share it ("Phiên mở - ...", "Phiên họp kín - ..."): the label's words, its lines.
        labelled: dict[tuple[str, ...], list[int]] = {}
        for n, item in enumerate(view.items):
            label = _LABEL_END.split(item.title, maxsplit=1)
            if len(label) == 2 and 2 <= len(words := normalise_tokens(label[0])) <= 4:
                labelled.setdefault(words, []).append(n)
        self.labelled_parts = {label: tuple(lines) for label, lines in labelled.items() if len(lines) > 1}
        # The event's own texts, folded once (a question must not fold them again).
        # The titles' "máy" (machine: "phòng máy", "nhà máy") with the word beside it, which the
        # question word "mấy" folds to as well.
        self.may_pairs = frozenset(
            p for title in self.title_tokens for p in zip(title, title[1:], strict=False) if "may" in p
        )
        self.event_title_tokens = normalise_tokens(view.title)
        self.title_glossed = frozenset(w for g in lexicon().glosses(self.event_title_tokens) for w in g)
        self.faq_question_tokens = [normalise_tokens(f.question) for f in view.faq]
        self.faq_question_texts = [" ".join(t) for t in self.faq_question_tokens]
        self.note_tokens = {
            key: normalise_tokens(text) for key, text in (view.venue.notes if view.venue else ())
        }
        # The event title's own word pairs ("giảng viên"), which name no line.
        self.title_pairs = frozenset(word_pairs(topic_words(self.event_title_tokens)))
        # Each line's position, and per day the words of its lines held at an address of their own
        # ("Hội trường UBND phường Hoàng Mai (số 68 ...)"): where that day is held.
        # (by the line's value: an equal snapshot of the event shares this index)
        self._position: dict[ItemView, int] = {}
        for n, item in enumerate(view.items):
            self._position.setdefault(item, n)
        day_places: dict[int, set[str]] = {}
        # (and the words of the address itself, from where the title gives it: "phường Châu Đốc")
        addressed: dict[int, set[str]] = {}
        for item, title in zip(view.items, self.title_tokens, strict=True):
            at = ADDRESS.search(item.title)
            if at is not None:
                day_places.setdefault(item.day, set()).update(title)
                # (the address ends where the title goes on: "Lớp A (phường Thành Nhất) - Thực hành 1")
                place = _ADDRESS_END.split(item.title[at.start() :], maxsplit=1)[0]
                addressed.setdefault(item.day, set()).update(normalise_tokens(place))
        self.day_place_words = {day: frozenset(words) for day, words in day_places.items()}
        # The words of an address only one day's lines give (a roadshow's stop).
        self.one_day_places: dict[str, int] = {}
        if len(addressed) > 1:
            for day, words in addressed.items():
                others = set().union(*(w for d, w in addressed.items() if d != day))
                for word in words - others:
                    self.one_day_places[word] = day
        count = max(len(self.item_words), 1)
        frequency: dict[str, int] = {}
        for words in self.item_words:
            for token in words:
                frequency[token] = frequency.get(token, 0) + 1
        self.idf = {t: math.log(1 + count / n) for t, n in frequency.items()}
        self.unknown_idf = math.log(1 + count)
        bodies = [(a.name, a.names) for a in view.agencies]
        self.agency_names = frozenset(a.name for a in view.agencies)
        # (not a presenter that only says who in general: "Chủ trì và đại biểu", "Các nhóm học viên")
        bodies += [
            (i.presenter, (i.presenter,))
            for i in view.items
            if i.presenter and not _tokens(i.presenter) <= _EVERYONE | _AGENCY_FILLER
        ]
        # An agency's names in English too ("Department of Finance" for "Sở Tài chính").
        # And the names of the agencies merged into it in 2025 ("Sở NN&PTNT" for "Sở NN&MT").
        bodies = [
            (name, (*names, *(e for n in names for e in (*english_names(n), *former_names(n)))))
            for name, names in bodies
        ]
        self.bodies = [(name, names, [w for n in names for w in _body_words(n)]) for name, names in bodies]
        self.agency_levels = {
            name: frozenset(w for n in names for w in normalise_tokens(n)) & _LEVELS for name, names in bodies
        }
        self.body_forms = {name: word_forms(" ".join(names)) for name, names in bodies}
        # (every name the event holds, to tell an agency asked of that it does not: "NHNN")
        self.held_names = held_text(
            [n for _, names in bodies for n in names]
            + [f"{i.title} | {i.presenter or ''}" for i in view.items]
        )
        self.agency_word_bodies: dict[str, int] = {}
        for _name, _names, sets in self.bodies:
            for t in set().union(*sets):
                self.agency_word_bodies[t] = self.agency_word_bodies.get(t, 0) + 1
        # Words the programme, the question cues or plain speech also use.
        # (and the field's everyday words: "phát" of "phát tài liệu" is no "Phát thanh")
        self.vocabulary_common = frozenset(frequency) | CUE_WORDS | STOPWORDS | lexicon().words
        self.faq_answer_tokens = [normalise_tokens(f.answer) for f in view.faq]
        # The answers' words in the other language too ("giải Nhất" says "first prize").
        self.faq_answer_glosses = [
            frozenset(w for g in lexicon().glosses(a) for w in g) for a in self.faq_answer_tokens
        ]
        self.faq_texts = [" ".join(sorted(_tokens(f.question) | _gloss_words(f.question))) for f in view.faq]
        # (an answer that gives a date answers "hạn chót", "deadline" too: "... trước ngày 30/11")
        self.faq_words = [
            set(normalise_tokens(f.question))
            | _gloss_words(f.question)
            | (_DEADLINE if _DATED.search(f.answer) else set())
            for f in view.faq
        ]
        common = set(frequency) | {t for _, _, sets in self.bodies for s in sets for t in s}
        common |= CUE_WORDS - OUTSIDE_WORDS
        common |= _PLAIN_ATTENDING
        # Words only a FAQ question uses ("wifi", "slide"): sharing one is strong evidence.
        # (The FAQ's own words only: a gloss is evidence of the topic, not of this very entry.)
        # A gloss of an own word is as specific ("students" for "sinh viên"), unless the lines use it.
        lexicon_common = {w for words in self.item_words for w in words}
        self.faq_specific = [
            (set(_tokens(f.question)) - common) | (_gloss_words(f.question) - common - lexicon_common)
            for f in view.faq
        ]
        self.note_words = {
            key: _tokens(key.replace("_", " ")) for key, _ in (view.venue.notes if view.venue else ())
        }
        # What each note says, with its terms in the other language ("mã phòng", "meeting room").
        self.note_text_words = {
            key: frozenset(_tokens(text))
            | _gloss_words(text)
            | (_LINK_WORDS if writes_web_address(text) else frozenset())
            for key, text in (view.venue.notes if view.venue else ())
        }
        self.event_phrases = event_phrases(view)
        # An event whose own title is English: a question in no clear language is answered in English.
        self.in_english = question_language(view.title) == "en"
        # The words of what the event calls itself ("lớp tập huấn"), which delegates often mistype.
        self.title_words = frozenset(topic_words(self.event_title_tokens)) | self.title_glossed
        self.kind_words = frozenset(w for p in (*self.event_phrases, *_EVENT_PHRASES) for w in p)
        vocabulary = set(frequency) | {t for _, _, sets in self.bodies for s in sets for t in s}
        vocabulary |= {t for text in self.faq_texts for t in text.split()}
        # (and the notes' words: "tiếng Thái" of the interpretation note is no "thoại")
        vocabulary |= {t for said in self.note_text_words.values() for t in said}
        vocabulary |= (
            CUE_WORDS | STOPWORDS | HARMLESS | {w for v in ABBREVIATIONS.values() for w in v.split()}
        )
        # "tập huấn" is no typo of "chuẩn"; but "bồi" (of "bồi dưỡng") must stay unknown to a
        # question about a swimming pool ("bể bơi").
        vocabulary |= self.kind_words - {"boi", "duong"}
        # The venue's own words are no typos ("Hùng Vương" is not "chung").
        if view.venue is not None:
            vocabulary |= set(normalise_tokens(f"{view.venue.name or ''} {view.venue.address or ''}"))
        self.vocabulary = frozenset(vocabulary)
        self._vocabulary_list = sorted(t for t in self.vocabulary if len(t) >= 3)
        # Initials of the names the event uses ("QLKH" for "Phòng Quản lý khoa học").
        self.initials = _initials(
            [n for _, names in bodies for n in names], tuple(i.title for i in view.items)
        )
        # ("MC" is the master of ceremonies, never "Mộc Châu")
        not_initials = self.vocabulary | {"mc"}
        self.initials = {k: v for k, v in self.initials.items() if k not in not_initials}
        # Every word the event's data holds: a question word outside it asks for something else.
        venue = view.venue
        texts = [view.title, view.chair, *(f"{f.question} {f.answer}" for f in view.faq)]
        # The organisers' notes on agencies' seats ("Nhóm B"), by the agency's name.
        self.agency_notes = {a.name: a.note for a in view.agencies if a.note}
        self.agency_seats = {a.name: a.seats for a in view.agencies if a.seats is not None}
        texts += list(self.agency_notes.values())
        if venue is not None:
            notes = [f"{k.replace('_', ' ')} {v}" for k, v in venue.notes]
            texts += [venue.name, venue.address, *notes]
        said = {t for text in texts for t in normalise_tokens(text or "")}
        # With their terms in the other language ("conference centre" for "Trung tâm Hội nghị"):
        # only the lexicon's words for what this event says, so that a term it never mentions
        # ("ranking") stays unexplained.
        glossed = {w for text in texts for p in lexicon().glosses(normalise_tokens(text or "")) for w in p}
        self.known = self.vocabulary | said | glossed | specific_words()
        venue_name = normalise_tokens(venue.name or "") if venue else ()
        self.venue_words = frozenset(topic_words(venue_name)) | {
            w for p in lexicon().glosses(venue_name) for w in p
        }  # "khách sạn" names the "Melia Hanoi Hotel"
        # (and every word of its name, "nghị" of "Hội nghị" too: what says a place is the venue)
        self.venue_tokens = self.venue_words | frozenset(venue_name)
        # The street and ward of the address ("Lý Thường Kiệt"), without its numbers.
        address = normalise_tokens(venue.address or "") if venue else ()
        self.address_words = frozenset(t for t in topic_words(address) if t.isalpha() and len(t) > 1)
        # Where the event is, in the words of its title, its venue's name and its address (a city a
        # note need not name: "có xe đón ở Hà Nội không" of an event in Hà Nội).
        self.where_tokens = (*normalise_tokens(view.title), *venue_name, *address)
        # Words of the title that the venue's name holds too, or the province or city its address
        # ends with ("... tỉnh Thái Nguyên": "the Thai Nguyen meeting").
        province = ()
        for n in range(len(address) - 1, -1, -1):
            if address[n] in {"tinh", "pho", "province", "city"}:
                province = address[n + 1 :]
                break
        self.province = tuple(province)
        self.own_place = frozenset(self.title_words & (self.venue_words | set(province)))
        # The words only this event's own data supplies (titles, presenters, notes, FAQ, agencies).
        self.data_words = (
            (
                frozenset(self.idf)
                | {w for said in self.note_text_words.values() for w in said}
                | {w for said in self.faq_words for w in said}
                | {w for answer in self.faq_answer_tokens for w in answer}
                | {w for _, _, sets in self.bodies for s in sets for w in s}
                | self.venue_words
                | self.address_words
            )
            - CUE_WORDS
            - STOPWORDS
            - HARMLESS
        )
        self._corrections: dict[str, str] = {}

    def correct(self, token: str) -> str:
        """The known word a mistyped token most likely meant, or the token itself."""
        if token in self.vocabulary or len(token) < 3 or not token.isalpha():
            return token
        # A held key ("mayy", "khongg", "dauuu"): the letter once, if that is a known word.
        squeezed = _REPEATS.sub(r"\1", token)
        if squeezed != token and squeezed in self.vocabulary:
            return squeezed
        if len(token) == 3:
            # Only the event's own kind word may be reached from three letters ("hun" -> "huan").
            own = {w for p in self.event_phrases for w in p}
            near = (w for w in own if len(w) == 4 and fuzz.ratio(token, w) >= _FUZZY_CUTOFF)
            return next(near, token)
        found = self._corrections.get(token)
        if found is None:
            found = token
            for candidate, _score, _ in process.extract(
                token, self._vocabulary_list, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=3
            ):
                # Short real words are easily "corrected" into others ("niem" -> "nhiem"): a short
                # token may only gain a letter, and only towards a question word ("wher" -> "where").
                gains = len(candidate) > len(token)
                if candidate in OUTSIDE_WORDS and (_SYLLABLE.fullmatch(token) or gains):
                    # a word is no thing the data lacks ("trại" never "train", "light" never "flight")
                    continue
                own = candidate in CUE_WORDS or any(candidate in p for p in self.event_phrases)
                if len(token) >= 6 or (gains and own):
                    found = candidate
                    break
            self._corrections[token] = found
        return found

    def expand_initials(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """Initials of a name the event uses written out ("qlkh" -> "quan ly khoa hoc")."""
        return tuple(w for t in tokens for w in self.initials.get(t, (t,)))

    def correct_event_words(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """Mistyped second words of the event's kind ("hoi thoa", "hoi nhi") written right."""
        out = list(tokens)
        for i in range(len(out) - 1):
            for first, second in _KIND_PAIRS:
                if (
                    out[i] == first
                    and out[i + 1] != second
                    and len(second) >= 4
                    and OSA.distance(out[i + 1], second) == 1
                ):
                    out[i + 1] = second
        return tuple(out)

    def match_items(
        self,
        content: list[str],
        day: int | None = None,
        half: str | None = None,
        forms: dict[str, frozenset[str]] | None = None,
    ) -> ItemMatch | None:
        """The items whose words cover the question's content words best.

        Half the score is rare-word coverage (IDF-weighted), half is adjacent word pairs, because
        Vietnamese words are syllables: "tham luận" must not match "tham dự" + "thảo luận".
        """
        if not content or not self.item_words:
            return None
        pairs = word_pairs(content) & self.known_pairs
        best: list[int] = []
        best_score, best_weight, best_coverage, best_pairs, best_unmatched = 0.0, 0.0, 0.0, 0, 0
        for index, words in enumerate(self.item_words):
            if not self._fits_part_of_day(index, content, half):
                continue
            if day is not None and self.view.items[index].day != day:
                continue
            if any(t.isdigit() and len(t) >= 3 and t not in words for t in content):
                continue  # "PII 2025" is not the line about 2023
            matched = possible = 0.0
            unmatched = 0
            for token in content:
                weight = self.idf.get(token, self.unknown_idf)
                if token in words and not (forms and tones_differ(forms, self.item_forms[index], token)):
                    matched += weight * words[token]
                    possible += weight
                elif token not in CUE_WORDS or token in self.idf:
                    # A question word that also names programme lines ("lunch") counts as content.
                    possible += weight
                    unmatched += 1
            if matched == 0:
                continue
            coverage = matched / possible
            # Only word pairs the event knows count: "luận lúc" is no evidence against a talk.
            shared_pairs = len(pairs & self.item_pairs[index])
            pair_share = shared_pairs / len(pairs) if pairs else coverage
            score = round((coverage + pair_share) / 2, 6)
            if score > best_score:
                best, best_score, best_weight = [index], score, matched
                best_coverage, best_pairs, best_unmatched = coverage, shared_pairs, unmatched
            elif score == best_score:
                best.append(index)
        if not best:
            return None
        return ItemMatch(tuple(best), best_score, best_weight, best_coverage, best_pairs, best_unmatched)

    def _fits_part_of_day(self, index: int, content: list[str], half: str | None = None) -> bool:
        # "buổi sáng" / "afternoon" rule out the other half of the day outright.
        start = self.view.items[index].start_time
        if start is None:
            return True
        if half is not None:
            return in_half(start, half)
        pairs = word_pairs(content)
        if ("buoi", "sang") in pairs or "morning" in content:
            return start.hour < 12
        if ("buoi", "chieu") in pairs or "afternoon" in content:
            return start.hour >= 12
        if ("buoi", "toi") in pairs or "evening" in content:
            return start.hour >= EVENING_FROM
        return True

    def match_agency(
        self, content: list[str], forms: dict[str, frozenset[str]] | None = None
    ) -> AgencyMatch | None:
        """The agency or presenter named in the question, by its distinctive words.

        A name fits when the question says all of it ("Sở Tài chính") or when everything the
        question says fits inside it ("Học viện"); ties go to the name said more completely.
        """
        fits = self._agency_fits(content, forms)
        if not fits:
            return None
        key, name, names = max(fits, key=lambda f: f[0])
        return AgencyMatch(name, names, key[0])

    def agency_said(self, content: list[str], threshold: float) -> AgencyMatch | None:
        """The one agency the words fit at `threshold` or better, the most specific of those that
        fit ("Trường ĐH Nam Cần Thơ" over "Trường ĐH Cần Thơ", whose words it holds); None when
        two fit alike."""
        fits = [(key, name, names) for key, name, names in self._agency_fits(content) if key[0] >= threshold]
        most = max((key[1] for key, _, _ in fits), default=0)
        best = {name: (key, names) for key, name, names in fits if key[1] == most}
        # (one agency under two of its names: "Sở KH&ĐT" with its alias, and "Sở Kế hoạch và Đầu
        # tư" as a presenter writes it)
        first = next(iter(best.items()), None)
        if first is not None and all(set(names) & set(first[1][1]) for _, names in best.values()):
            best = dict([first])
        if len(best) != 1:
            return None
        ((name, (key, names)),) = best.items()
        return AgencyMatch(name, names, key[0])

    def _agency_fits(
        self, content: list[str], forms: dict[str, frozenset[str]] | None = None
    ) -> list[tuple[tuple[float, int, float], str, tuple[str, ...]]]:
        # (a filler word of a term asked stays: the "đại" of "đại học", not of "đại diện")
        termed = {w for t in lexicon().terms(content) for w in t}
        words = set(content) - (_AGENCY_FILLER - termed)
        levels_asked = set(content) & _LEVELS
        fits = []
        for name, names, token_sets in self.bodies if words else ():
            best: tuple[float, int, float] | None = None
            written = self.body_forms[name] if forms else {}
            for tokens in token_sets:
                # ("số nào" typed with its marks is no "Sở"; "ban" of a board no "bản" of a village)
                shared = {t for t in tokens & words if not (forms and tones_differ(forms, written, t))}
                # ("tham luận của Khánh Hòa": the event's own province names none of its agencies)
                if not shared or shared <= self.own_place:
                    continue
                # ("UBND xã" is not "Văn phòng UBND tỉnh": a People's Committee of another level)
                levels = self.agency_levels[name]
                if _COMMITTEE <= shared and levels_asked and levels and levels.isdisjoint(levels_asked):
                    continue
                said_of_name, name_of_question = len(shared) / len(tokens), len(shared) / len(words)
                # ("phòng số mấy": "số"/"sở" alone, a kind of agency, names none of them)
                fit = said_of_name if shared <= _AGENCY_KINDS else max(said_of_name, name_of_question)
                if len(words) == 1 and all(len(t) <= 2 for t in words):
                    fit = said_of_name  # one syllable alone ("ký" of "đăng ký") names no agency
                if (
                    len(shared) == 1
                    and shared <= self.vocabulary_common
                    and said_of_name < 0.5
                    and name in self.agency_names
                ):
                    # ("chương trình phát cho đại biểu": an everyday word, one of a long name's)
                    fit = said_of_name
                # A word only this agency's names use ("SPKT", "UTEHY") names it on its own.
                # (not a syllable of two letters: "ký" of "đăng ký" is no "Kỹ thuật")
                own = (
                    self.agency_word_bodies.get(t) == 1 for t in shared - self.vocabulary_common if len(t) > 2
                )
                if any(own):
                    fit = max(fit, AGENCY_OWN_WORD)
                key = (fit, len(shared), said_of_name + name_of_question)
                best = key if best is None or key > best else best
            if best is not None:
                fits.append((best, name, names))
        return fits

    def day_of_place(self, tokens: tuple[str, ...]) -> tuple[int, frozenset[int]] | None:
        """The one day whose place the question names by two words in a row that only that day's
        lines hold ("bài PII ở Châu Đốc"), and the positions of those words."""
        found: dict[int, set[int]] = {}
        for n in range(len(tokens) - 1):
            a, b = tokens[n], tokens[n + 1]
            day = self.one_day_places.get(a)
            if day is not None and self.one_day_places.get(b) == day and a not in self.title_words:
                found.setdefault(day, set()).update((n, n + 1))
        if len(found) != 1:
            return None
        ((day, positions),) = found.items()
        return day, frozenset(positions)

    def position(self, item: ItemView) -> int:
        """The line's place in the programme (its index in `view.items` and `title_tokens`)."""
        return self._position[item]

    def agency_lines(self, names: tuple[str, ...]) -> list[ItemView]:
        """The programme lines the agency known by `names` presents; when it presents none, the
        lines whose titles name it ("phân công chỉ số cho Sở Tư pháp, Sở Nội vụ")."""
        presented = [i for i in self.view.items if self.presenter_matches(i.presenter, names)]
        if presented:
            return presented
        phrases = [normalise_tokens(n) for n in names]
        phrases = [p for p in phrases if len(p) >= 2]
        return [
            i
            for i, title in zip(self.view.items, self.title_tokens, strict=True)
            if any(holds(title, p) for p in phrases)
        ]

    def presenter_matches(self, presenter: str | None, names: tuple[str, ...]) -> bool:
        """Whether an agenda line's presenter is the agency known by `names`."""
        if not presenter:
            return False
        said = _tokens(presenter) - _AGENCY_FILLER
        for name in names:
            tokens = _tokens(name) - _AGENCY_FILLER
            if tokens and tokens <= said:
                return True
        return False

    def match_faq(self, content: list[str], tokens: tuple[str, ...] = ()) -> FaqMatch | None:
        """The FAQ question closest to the question (token-set and token-sort ratios averaged); an
        entry's own question, asked as written (`tokens`, the whole question), is that entry."""
        if not self.faq_texts or not content:
            return None
        query = " ".join(sorted(set(content)))
        whole = " ".join(tokens)
        best: FaqMatch | None = None
        for index, text in enumerate(self.faq_texts):
            score = (fuzz.token_set_ratio(query, text) + fuzz.token_sort_ratio(query, text)) / 2
            if whole and fuzz.token_sort_ratio(whole, self.faq_question_texts[index]) >= _AS_WRITTEN:
                score = 100.0
            specific = len(self.faq_specific[index] & set(content))
            if specific:
                # (two entries naming a particular thing asked: the one that reads more like it)
                score = max(score, 75.0 + 10.0 * min(specific, 2) + score / 100)
            if best is None or score > best.score:
                best = FaqMatch(index, score)
        return best

    def faq_about(self, phrases: list[tuple[str, ...]]) -> int | None:
        """The FAQ entry whose question, else whose answer, holds one of `phrases`, if any."""
        # ("who pays": its glue word aside, "pays" of the entry's "do ai chi trả")
        cores = [set(p) - _WH or set(p) for p in phrases if p and len("".join(p)) >= 3]
        for index, words in enumerate(self.faq_words):
            if any(core <= words for core in cores):
                return index
        # "nộp vé xe ở đâu": an answer that says it ("... nộp vé xe tại bàn đón tiếp").
        # (every one of them: "hỗ trợ chi phí đi lại" is not answered by an entry that names the
        # "Trung tâm Hỗ trợ khởi nghiệp" and no cost)
        long = [p for p in phrases if len(p) >= 2]
        for index, answer in enumerate(self.faq_answer_tokens):
            if long and all(holds(answer, p) for p in long):
                return index
        return None

    def match_note(
        self, content: list[str], usual: frozenset[str], named: frozenset[str] = frozenset()
    ) -> str | None:
        """An organiser's own note topic (beyond the `usual` ones) named in the question, by its
        key's words or by their terms in the other language ("có phát lại không" of the note
        "rebroadcast"), unless a line holds that term ("điểm cầu", "họp báo": what the programme
        holds), nor by the event's own name (`named`: "mentoring" of a "Startup Mentoring Week" names
        no note on the mentors)."""
        words = set(content)
        for key, tokens in self.note_words.items():
            if tokens and tokens <= words:
                return key
        own = [(key, tokens) for key, tokens in self.note_words.items() if tokens and key not in usual]
        if not own:
            return None
        others = lexicon().others
        content = [w for w in content if w not in named]
        spans = {tuple(content[n : n + k]) for k in (1, 2, 3) for n in range(len(content) - k + 1)}
        glossed = words | {
            w
            for span in spans
            if span in others and not any(holds(title, span) for title in self.title_tokens)
            for g in others[span]
            for w in g
        }
        return next((key for key, tokens in own if tokens <= glossed), None)

    def note_holding(
        self, phrases: list[tuple[str, ...]], skip: frozenset[str] = frozenset(), asked: tuple[str, ...] = ()
    ) -> str | None:
        """The organisers' own note whose text holds every one of `phrases` (at least one); of
        several, the one that holds most of the other words `asked` ("bài kiểm tra cuối khóa mở lúc
        nào": the note on the final quiz, not the platform's that also names a test)."""
        if not phrases:
            return None
        holding = [
            key
            for key, said in self.note_text_words.items()
            if key not in skip and all(set(p) <= said for p in phrases)
        ]
        if not holding:
            return None
        return max(holding, key=lambda key: len(set(asked) & self.note_text_words[key]))

    def match_note_text(
        self, content: list[str], skip: frozenset[str] = frozenset(), own: frozenset[str] = frozenset()
    ) -> tuple[str | None, int]:
        """The note whose text holds most of the question's words ("mã phòng họp là bao nhiêu"
        against "Họp trên VNPT Meeting, mã phòng ..."): at least two, and most of them; with how
        many words it shares. Words in `own` (the event's own name, said) are asked but shared
        with no note."""
        # (the event's own title words and the words of a day say nothing about a note: "tập huấn
        # PII ngày nào" against "... nhóm Zalo Đầu mối PII ... ngày 24/11")
        words = set(content) - HARMLESS - _DAY_WORDS
        own = own | (self.title_words & words)
        best, best_share, best_shared, best_own = None, 0.0, 0, 0
        for key, said in self.note_text_words.items():
            if key in skip:
                continue
            shared = len((words - own) & said)
            share = shared / len(words) if words else 0.0
            # (of notes sharing as many, the one that writes more of them itself, not through a
            # gloss: "gửi lại video" of the note on the recording, not the one on joining by Zoom)
            written = len((words - own) & set(self.note_tokens.get(key, ())))
            if shared >= 2 and share >= 0.6 and (share, written) > (best_share, best_own):
                best, best_share, best_shared, best_own = key, share, shared, written
        # Every word asked is in the note: as strong as three shared words.
        return best, (3 if best_share == 1.0 else best_shared)


_DAY_WORDS = frozenset({"ngay", "gio", "luc", "buoi", "hom", "day", "time"})
# A note that writes a web address gives a link ("link tải biểu mẫu ở đâu" of "... tải tại https://...").
_LINK_WORDS = frozenset({"link", "url", "website", "web"})


@lru_cache(maxsize=64)
def index_for(view: EventView) -> EventIndex:
    """The event's index, built once per snapshot (a changed event is a different snapshot)."""
    return EventIndex(view)


_VOWELS = frozenset("aeiouy")
# A folded Vietnamese syllable: an onset, a vowel nucleus and an ending (no English word shape).
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:uye|uya|uyu|ieu|yeu|uoi|uou|oai|oay|oeo|uay|uau|uai|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|[aeiouy])"
    r"(?:ng|nh|ch|[cmnpt])?"
)


def _initials(texts: list[str], titles: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    """Initials of every run of three to five words of `texts` and `titles` that only one run has;
    a title's first words only when each is capitalised, as a name's are ("Bế mạc trực tuyến" at
    the head of a line is no "BMT")."""
    runs: dict[str, set[tuple[str, ...]]] = {}
    heads = {title: re.findall(r"[^\W\d_]+", title)[:5] for title in titles}
    for text in [*texts, *titles]:
        # Two capitalised words of a name ("World Bank" -> "wb") count too.
        words = [w for w in re.findall(r"[^\W\d_]+", text)]
        for first, second in zip(words, words[1:], strict=False):
            key = "".join(normalise_tokens(f"{first[0]}{second[0]}"))
            if first[:1].isupper() and second[:1].isupper() and len(key) == 2 and key.isalpha():
                runs.setdefault(key, set()).add(normalise_tokens(f"{first} {second}"))
        tokens = [t for t in normalise_tokens(text) if t.isalpha()]
        head = heads.get(text)
        for width in range(3, 6):
            for i in range(len(tokens) - width + 1):
                if i == 0 and head is not None and not all(w[:1].isupper() for w in head[:width]):
                    continue
                run = tuple(tokens[i : i + width])
                key = "".join(t[0] for t in run)
                # Initials are all consonants but a leading vowel ("ubnd"): no syllable of its own.
                if sum(c in _VOWELS for c in key[1:]) == 0:
                    runs.setdefault(key, set()).add(run)
    return {k: next(iter(v)) for k, v in runs.items() if len(v) == 1}
