"""What a question asks for, beyond its words: a duty, which one of a thing, from X to Y, where a
thing is, whether a FAQ entry is the very question (docs/questions.md, "Evidence")."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.domain.qa.agreement import PART_WORDS, holds
from bot.domain.qa.evidence import HARMLESS
from bot.domain.qa.intents import CueHits, Intent
from bot.domain.qa.lexicon import lexicon
from bot.domain.qa.matcher import EventIndex, content_tokens
from bot.domain.qa.normalise import normalise_tokens
from bot.domain.qa.specifics import answered_specifics
from bot.domain.qa.view import EventView

__all__ = [
    "number_after",
    "says_deadline",
    "faq_holding",
    "asks_duty",
    "asks_name",
    "has_personal_name",
    "asks_what",
    "asks_where_a_thing",
    "faq_is_the_question",
    "from_to",
    "named_by_presenter",
    "start_and_end",
    "which_of",
]


# "hạn nộp", "thời hạn chót" (not "xong hẳn", which folds alike: finished completely).
_DEADLINE_PHRASES = (
    ("thoi", "han"),
    ("han", "nop"),
    ("han", "gui"),
    ("han", "chot"),
    ("han", "cuoi"),
    ("han", "nhap"),
    ("han", "hoan"),
    ("han", "dang"),
    ("han", "cap"),  # "hạn cập nhật số liệu"
    ("han", "xac"),  # "hạn xác nhận tham dự"
    ("han", "bo", "sung"),
    # ("đăng ký thế nào, hạn khi nào": a deadline asked by its bare word)
    ("han", "khi", "nao"),
    ("han", "bao", "gio"),
    ("han", "ngay", "nao"),
)


def says_deadline(tokens: tuple[str, ...]) -> bool:
    """Whether the question names a deadline ("deadline", "hạn chót", "hạn nộp")."""
    # ("when are our figures due": "due" of what is sent in)
    return "deadline" in tokens or "due" in tokens or any(holds(tokens, p) for p in _DEADLINE_PHRASES)


def named_by_presenter(content: list[str], items: list) -> bool:  # type: ignore[type-arg]
    """Whether the words naming the lines are all their presenter's (the presenter is asked about)."""
    title = {w for i in items for w in normalise_tokens(i.title)}
    presenter = {w for i in items for w in normalise_tokens(i.presenter or "")} - title
    # ("roundtable" names "tọa đàm")
    title |= {w for i in items for g in lexicon().glosses(normalise_tokens(i.title)) for w in g}
    named = {t for t in content if t in presenter or t in title}
    return bool(named) and named <= presenter


def asks_where_a_thing(content: list[str], index: EventIndex, items: list, tokens: tuple[str, ...]) -> bool:  # type: ignore[type-arg]
    """Whether a where-question asks where a thing named inside a line's title is, not the event."""
    # "biểu mẫu tải ở đâu", "đăng ký phát biểu ở đâu": where a thing is, not the event. A session
    # ("giải lao ở đâu", "phần thảo luận") takes place at the venue; a word from inside a line's
    # title ("biểu mẫu" of "Hướng dẫn biểu mẫu và hạn nộp số liệu") names no session.
    other = {
        t
        for t in content
        if t not in index.venue_words
        and t not in index.title_words
        and t not in index.kind_words
        and t not in HARMLESS
    }
    if not other or not items or PART_WORDS & set(tokens):
        return False
    titles = [set(content_tokens(list(normalise_tokens(item.title)))) for item in items]
    inside = any(other & title for title in titles)
    return inside and not any(title and len(other & title) >= 0.5 * len(title) for title in titles)


def faq_is_the_question(content: list[str], faq_words: set[str], question: str) -> bool:
    """Whether a FAQ entry's question holds every word asked, and the words asked make much of it."""
    asked = set(content) - HARMLESS
    own = _own_words(question)
    return len(asked) >= 2 and asked <= faq_words and len(asked) >= 0.4 * len(own)


@lru_cache(maxsize=1024)
def _own_words(question: str) -> frozenset[str]:
    return frozenset(content_tokens(list(normalise_tokens(question))))


# Verbs after "có phải" that make it a duty ("có phải báo cáo không"), not "is it X".
_DUTY_VERBS = frozenset(
    {"phat", "bao", "trinh", "mang", "dang", "nop", "dong", "chuan", "mac", "tham", "gui"}
)


def asks_duty(tokens: tuple[str, ...]) -> bool:
    """Whether the question asks if one must do something ("có phải báo cáo không")."""
    return any(
        tokens[n : n + 2] == ("co", "phai") and n + 2 < len(tokens) and tokens[n + 2] in _DUTY_VERBS
        for n in range(len(tokens) - 1)
    ) or holds(tokens, ("have", "to"))


def which_of(tokens: tuple[str, ...], words: set[str]) -> bool:
    """Whether "nào"/"gì" follows one of `words` (which one of them, not what they present)."""
    # "ở khu công nghiệp nào": which one of the things the agency's name holds, not its talks.
    return any(t in {"nao", "gi"} and n and tokens[n - 1] in words for n, t in enumerate(tokens))


def from_to(tokens: tuple[str, ...]) -> bool:
    """Whether the question names two ends, "từ X đến Y" / "from X to Y"."""
    # "từ X đến Y", "from X to Y": two named ends, X not a clock time.
    for n, word in enumerate(tokens):
        if word in {"tu", "from"} and n + 2 < len(tokens) and ":" not in tokens[n + 1]:
            return any(w in {"den", "toi", "to", "until"} for w in tokens[n + 2 :])
    return False


def asks_what(tokens: tuple[str, ...]) -> bool:
    """Whether the question asks what or which."""
    # ("thế nào": how, which no title or name answers)
    return bool({"gi", "what", "which", "whats"} & set(tokens)) or any(
        t == "nao" and not (n and tokens[n - 1] == "the") for n, t in enumerate(tokens)
    )


def start_and_end(hits: CueHits) -> bool:
    """Whether both the start and the end are asked (the event's hours)."""
    # "bắt đầu lúc mấy giờ, kết thúc lúc mấy giờ?" asks for the event's hours, not the closing item.
    phrases = hits.phrases()
    return bool(phrases & {"bat dau", "start", "starts", "begin", "begins"}) and bool(
        hits.phrases_of(Intent.END)
    )


def asks_name(tokens: tuple[str, ...]) -> bool:
    """Whether a person's name is asked ("tên là gì", "tên gì", "what's the name", "who exactly")."""
    return holds(tokens, ("ten", "la", "gi")) or holds(tokens, ("ten", "gi")) or "name" in tokens


# Words that end a title or an agency, never a person's name.
_NOT_NAMES = frozenset(
    {
        "Sở",
        "Tỉnh",
        "UBND",
        "KH&CN",
        "Bộ",
        "Viện",
        "Trường",
        "Học",
        "Trung",
        "Ban",
        "Văn",
        "Phòng",
        "Cục",
        "Chi",
    }
)


def has_personal_name(text: str) -> bool:
    """Whether `text` ends with a person's name ("... Nguyễn Văn Hùng"): two or more capitalised words."""
    words = text.replace(",", " ").split()
    tail = 0
    for word in reversed(words):
        if word[:1].isupper() and word[1:].islower() and word not in _NOT_NAMES:
            tail += 1
        else:
            break
    return tail >= 2


def faq_holding(
    content: list[str],
    tokens: tuple[str, ...],
    view: EventView,
    index: EventIndex,
    digits: bool = False,
    least: int = 2,
) -> int | None:
    """The FAQ entry whose question and answer hold every content word asked (`least` at least), with
    the particular things it names in any wording ("mất phí" by "miễn phí"); with `digits`, only
    an answer that gives a number (an amount, a date)."""
    asked = {t for t in content if t not in HARMLESS}
    if len(asked) < least:
        return None
    # ("the first prize in each category" of "Mỗi hạng mục có một giải Nhất 70 triệu đồng")
    glossed = {w for g in lexicon().glosses(tokens) for w in g}
    # (terms one of whose words asks nothing alone: the other one alone is not what is asked)
    terms = [t for t in lexicon().terms(tokens) if any(w in HARMLESS for w in t)]
    holders: list[tuple[int, int]] = []
    for n, entry in enumerate(view.faq):
        text = f"{entry.question} {entry.answer}"
        answer = index.faq_answer_tokens[n]
        said = index.faq_words[n] | set(answer) | answered_specifics(tokens, text)
        # ("hạn đăng ký khi nào": the "ký" of a term asked is no "kỹ" of "kỹ thuật" the entry says)
        split = [t for t in terms if not holds(index.faq_question_tokens[n], t) and not holds(answer, t)]
        said -= {w for t in split for w in t}
        said |= index.faq_answer_glosses[n]
        said |= index.own_place - _ADMIN_WORDS  # ("cuộc thi khởi nghiệp Bắc Ninh": the event's own place)
        if _DATED.search(entry.answer):
            said |= _DAY_WORDS  # "the day before": the date given says which day
        # The entry's question itself is about most of it, not only its answer in passing.
        # (or names two of its words, when its answer says all the rest: "tham quan ... giấy tờ")
        # (a harmless word of a phrase asked counts: "tế" of "đi thực tế")
        shared = len(set(content) & index.faq_words[n])
        about = shared >= 0.5 * len(asked) or shared >= 2
        # ("giải nhất mỗi hạng mục bao nhiêu tiền": an amount asked, which the answer gives right
        # after the words its question does not hold, "giải Nhất 70 triệu", in an entry about
        # one of them; "giải Khuyến khích" named without an amount is not answered)
        if digits and shared >= 1 and number_after(answer, (asked | glossed) - index.faq_words[n]):
            about = True
        if asked <= said and about and (not digits or number_after(answer, asked | glossed)):
            holders.append((shared, -n))
    # (of several, the entry whose own question says most of it)
    return -max(holders)[1] if holders else None


# Words of any place's kind ("lên tỉnh họp"), which name no place of the event's own.
_ADMIN_WORDS = frozenset(
    {"tinh", "thanh", "pho", "xa", "phuong", "so", "and", "sectors", "agencies", "departments"}
)
_DATED = re.compile(r"\b\d{1,2}(?::\d{2}|/\d{1,2})\b")
_DAY_WORDS = frozenset({"day", "days", "before", "after", "ngay", "hom", "truoc", "sau", "time", "gio"})


def number_after(answer: tuple[str, ...], asked: set[str]) -> bool:
    """Whether the answer gives a number within three words after a word asked about, or right
    before it, as Vietnamese counts ("20 câu", "02 người")."""
    # "giải Nhất 100 triệu đồng": a number within three words after a word asked about.
    return any(
        word in asked
        and (any(t[:1].isdigit() for t in answer[n + 1 : n + 4]) or (n > 0 and answer[n - 1].isdigit()))
        for n, word in enumerate(answer)
    )
