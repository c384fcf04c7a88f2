"""How a chat message breaks into what it asks: an introduction, reasons, two questions in one.

"Em bên Sở GD&ĐT, hội thảo mấy giờ bắt đầu ạ, em đặt xe" introduces the asker, asks, and says why;
"họp ở đâu và có phải mang theo gì không" asks two things. The question engine answers the part
that asks (answer.py), and both parts of two questions or neither.
"""

from __future__ import annotations

import re
import unicodedata

from bot.domain.qa.normalise import holds, normalise
from bot.domain.textfold import fold_chars

__all__ = [
    "CLAUSES",
    "asks_itself",
    "question_clause",
    "sentence_asks",
    "titles_joined",
    "two_asks",
    "names_own_agency",
    "own_agency_kinds",
    "with_own_agency",
    "with_own_group",
    "mentions_own_group",
    "without_purpose",
    "without_introduction",
    "without_trailing_reasons",
]

# Clause boundaries of a chat message, and the words that make a clause a question.
CLAUSES = re.compile(r"[,;.!?\n]+|\s[-–]\s|\b(?:nên|thì|vì|nhưng|but|because)\b", re.IGNORECASE)
_ASKING_WORDS = frozenset(
    # Not "can", "do": "cần", "đó" fold the same.
    "khong ko k gi nao dau sao bao may ai chua what where when who which how is are does will would should could".split()
)


# "Em bên Sở GD&ĐT, ...", "I'm from the Department of Health, ...": who is asking, said first.
_INTRODUCTION = re.compile(
    r"^\s*(?:(?:da|chao|xin chao|hi|hello|dear)\b[^,.;!?\n]*[,.;!\n]\s*)?"
    r"(?:(?:e|em|toi|tui|minh|anh|chi)\s+(?:ben|o|thuoc|la|lam o|lam tai|cong tac|tu)|i'?m from|i am from|i work (?:at|for))"
    # (ended by punctuation, or by what the asker wants: "em là phóng viên báo X muốn đăng ký ...")
    r"\b(?:[^,.;!?\n]*[,.;!\n]\s*|[^,.;!?\n]*?\s(?=(?:muon|can|cho (?:e|em|toi|minh) hoi|xin hoi)\s))"
)
# "Dạ em chào anh chị BTC, ...": a greeting alone before the question.
_GREETING_FIRST = re.compile(
    r"^\s*(?:da\s+)?(?:(?:e|em)\s+)?(?:chao|xin chao|hi|hello|dear)\b[^,.;!?\n]*[,.;!\n]\s*"
)
# Words that bring the asker's own agency back into the question ("bên e có bài không").
# The asker's own agency named by a possessive ("Sở em", "bên mình", "đơn vị tôi", "our"), folded.
_OWN_AGENCY = (
    r"(?:so|ben|bon|don vi|co quan|phong|truong|vien|ban|cuc|trung tam|cong ty|phuong|xa)\s+"
    r"(?:em|minh|toi|chung toi|chung em|e)|our|my organisation|my organization"
)
_PRONOUNS = frozenset({"em", "minh", "toi", "chung", "e", "our", "my", "organisation", "organization"})
# ("em thuộc nhóm nào", "nhóm mình học phòng nào": the asker's group, which their agency says)
_MEMBERSHIP = (
    r"(?:e|em|toi|tui|minh)\s+(?:thuoc|o|vao|hoc|ngoi|di)\s+(?:nhom|lop|to|ban|doi|ca|xe|tieu ban)"
    r"|(?:nhom|lop|to|doi|ca|tieu ban)\s+(?:e|em|toi|minh)"
    r"|(?:my|our)\s+(?:group|class|team|shift)|which (?:group|class|team|shift) (?:am i|are we)"
)
_BACK = re.compile(rf"\b(?:{_OWN_AGENCY}|{_MEMBERSHIP}|chung toi|we|us)\b")
_OWN = re.compile(rf"\b(?:{_OWN_AGENCY})\b")


# "..., mấy giờ kết thúc để em báo xe đón": what the asker will do with the answer.
_PURPOSE = re.compile(
    r"\s+(?:để|de)\s+(?:em|e|tôi|toi|tui|mình|minh|anh|chị|chi)\b[^?]*\??\s*$", re.IGNORECASE
)


# A purpose that is to keep what is asked for ("gửi lịch để em lưu vào điện thoại"): it says what
# is wanted, and stays.
_KEEPING = frozenset({"luu", "save"})


def without_purpose(text: str) -> str:
    """The message without a purpose clause at its end ("... để em báo xe đón ạ"), unless the
    purpose is to keep what is asked for ("... để em lưu vào điện thoại")."""
    cut = _PURPOSE.sub("", text).rstrip(" ,")
    if not cut.strip() or cut == text.rstrip(" ,") or _KEEPING & set(normalise(text[len(cut) :]).tokens):
        return text
    return cut


def without_introduction(text: str) -> str:
    """The message without the asker's introduction, unless the question refers back to it."""
    composed = unicodedata.normalize("NFC", text)
    folded = fold_chars(composed)  # the same length, so the match's end cuts `composed` too
    match = _INTRODUCTION.match(folded)
    if match is None:
        match = _GREETING_FIRST.match(folded)
        rest = composed[match.end() :] if match is not None else ""
        if match is not None and not (sentence_asks(rest) or "xin" in normalise(rest).tokens):
            return text  # "chào ad, chúc ad buổi sáng tốt lành": the greeting is the message
    if match is None or _BACK.search(folded[match.end() :]) or not folded[match.end() :].strip():
        return text
    # ("em ở Quỳnh Lưu có được ở lại khách sạn không, ...": no introduction, but a question)
    if asks_itself(normalise(composed[: match.end()]).tokens):
        return text
    return composed[match.end() :]


# "hội thảo bên mình", "chương trình bên em": the event the asker takes part in, not an agency.
_EVENT_OF_OURS = re.compile(r"\b(?:hoi thao|hoi nghi|chuong trinh|su kien|lop|cuoc hop|buoi|dien dan|le)\s+$")


def names_own_agency(text: str) -> bool:
    """Whether the text names the asker's own agency by a possessive ("Sở em", "bên mình", "our")."""
    folded = fold_chars(unicodedata.normalize("NFC", text)).lower()
    return any(not _EVENT_OF_OURS.search(folded[: m.start()]) for m in _OWN.finditer(folded))


def own_agency_kinds(text: str) -> set[str]:
    """The kinds of agency the asker calls theirs, as written ("xã" of "xã mình", "Sở" of "Sở em";
    none for "bên em", "our")."""
    composed = unicodedata.normalize("NFC", text)
    folded = fold_chars(composed).lower()  # the same length: the spans found cut `composed` too
    kinds = set()
    for match in _OWN.finditer(folded):
        words = composed[match.start() : match.end()].lower().split()
        while words and fold_chars(words[-1]) in _PRONOUNS:
            words.pop()
        kinds.add(" ".join(words))
    return kinds - {"bên", "ben", ""}


# "nhóm e", "lớp mình", "my group": the asker's own group, class or team.
_OWN_GROUP = re.compile(
    r"\b(?P<kind>nhom|lop|to|doi|ca|tieu ban)\s+(?:e|em|toi|minh|chung em|chung toi)\b"
    r"|\b(?:my|our)\s+(?P<en>group|class|team|shift)\b"
)
_GROUP_WORDS = {"group": "nhom", "class": "lop", "team": "doi", "shift": "ca"}


def mentions_own_group(text: str) -> bool:
    """Whether the text names the asker's own group, class or team ("nhóm e", "my group")."""
    return bool(_OWN_GROUP.search(fold_chars(unicodedata.normalize("NFC", text)).lower()))


def with_own_group(text: str, labels: list[tuple[str, str]]) -> str:
    """The text with the asker's own group ("nhóm e", "my group") replaced by the label their
    agency's seat note gives it (("nhom", "a") for "Nhóm A"), when one of that kind is given."""
    composed = unicodedata.normalize("NFC", text)
    folded = fold_chars(composed).lower()  # the same length: the spans found cut `composed` too
    out, end = [], 0
    for match in _OWN_GROUP.finditer(folded):
        kind = match.group("kind") or _GROUP_WORDS[match.group("en")]
        label = next((f"{k} {v.upper()}" for k, v in labels if k == kind), None)
        if label is not None:
            out += [composed[end : match.start()], label]
            end = match.end()
    return "".join(out) + composed[end:]


def with_own_agency(text: str, name: str) -> str:
    """The text with the asker's possessive name for their agency ("Sở em") replaced by `name`."""
    composed = unicodedata.normalize("NFC", text)
    folded = fold_chars(composed)  # the same length: the spans found cut `composed` too
    out, end = [], 0
    for match in _OWN.finditer(folded):
        out += [composed[end : match.start()], name]
        end = match.end()
    return "".join(out) + composed[end:]


# "... ở đâu và ... gì không": two questions joined.
_AND = re.compile(r"(?:,\s*|\s)(?:và|va|and)\s", re.IGNORECASE)


# "ai chủ trì, ai phát biểu khai mạc": two questions side by side.
_SIDE_BY_SIDE = re.compile(r"[,?]\s+")


def two_asks(text: str, joined: bool = True) -> tuple[str, str] | None:
    """The two questions of a message that joins two with "và"/"and" (or, not `joined`, with a
    comma or a question mark), if it does."""
    for match in reversed(list((_AND if joined else _SIDE_BY_SIDE).finditer(text))):
        left, right = text[: match.start()], text[match.end() :]
        right_tokens = normalise(right).tokens
        left_tokens = normalise(left).tokens
        # ("Where and what time is the welcome dinner?": one subject, asked two things of)
        if (
            asks_itself(left_tokens)
            and asks_itself(right_tokens)
            and _has_subject(right_tokens)
            and (not joined or _has_subject(left_tokens))
        ):
            return left, right
    return None


# Words that ask without naming what about: "..., and when?", "và lúc nào".
_BARE_ASKING = frozenset(
    "when where what time who how long lau luc nao khi bao gio may o dau ai gi a ad nhe vay ha the ok and va".split()
)


def _has_subject(tokens: tuple[str, ...]) -> bool:
    # "what is Dr. Kim talking about, and when?": the second asks when of the first's subject.
    return any(t not in _BARE_ASKING for t in tokens)


_SENTENCES = re.compile(r"[,;.!?\n]+")


# A title's full stop ends no sentence ("Dr. Moreau", "PGS.TS. Lộc").
_TITLE_STOP = re.compile(r"\b(Dr|Mr|Mrs|Ms|Prof|TS|ThS|PGS|GS|BS|KS|CN|NCS)\.\s*", re.IGNORECASE)


def titles_joined(text: str) -> str:
    """The text with a title's full stop taken out ("Dr. Moreau" -> "Dr Moreau")."""
    return _TITLE_STOP.sub(r"\1 ", text)


def sentence_asks(sentence: str) -> bool:
    """Whether a sentence asks something: a question mark, a question of its own or a request
    ("lần đầu em đi dự" holds "đầu" but asks nothing)."""
    tokens = normalise(sentence).tokens
    return (
        sentence.rstrip().endswith("?")
        or asks_itself(tokens)
        or tuple(tokens[:2]) in _ENGLISH_OPENINGS
        or bool(tokens and tokens[0] in _REQUESTS)
        or (len(tokens) > 1 and tokens[1] in _REQUESTS and tokens[0] in _ASKERS)
    )


def without_trailing_reasons(text: str) -> str:
    """The message up to its last asking sentence, when statements follow it; else ""."""
    parts = [p.strip() for p in _SENTENCES.split(titles_joined(text)) if p and p.strip()]
    asking = [n for n, p in enumerate(parts) if sentence_asks(p)]
    if not asking or asking[-1] == len(parts) - 1:
        return ""
    if sum(len(normalise(p).tokens) for p in parts[asking[-1] + 1 :]) < 3:
        return ""  # ("ai dự ở điểm cầu xã, phường": a word after a comma is no reason)
    return ", ".join(parts[: asking[-1] + 1])


# A sentence that starts so is a request ("cho e link đăng nhập"), which asks too.
_REQUESTS = frozenset({"cho", "xin", "gui", "send", "please", "pls", "plz", "give"})
_ASKERS = frozenset({"e", "em", "a", "anh", "chi", "toi", "minh"})


# An English question that starts with its verb ("Can I join online", "Is there a bus").
_ENGLISH_OPENINGS = frozenset(
    {
        ("can", "i"),
        ("can", "we"),
        ("could", "i"),
        ("may", "i"),
        ("do", "i"),
        ("do", "we"),
        ("should", "i"),
        ("is", "there"),
        ("are", "there"),
        ("will", "there"),
    }
)


def _asks(tokens: tuple[str, ...]) -> bool:
    """Whether a sentence asks something (a question word, or a request)."""
    return (
        bool(_ASKING_WORDS & set(tokens))
        or tuple(tokens[:2]) in _ENGLISH_OPENINGS
        or bool(tokens and tokens[0] in _REQUESTS)
        or (len(tokens) > 1 and tokens[1] in _REQUESTS and tokens[0] in _ASKERS)
    )


_QUESTION_WORDS = frozenset("gi nao sao ai what where when who which how".split())
# Question phrases whose words alone ask nothing ("đâu" of "bắt đầu", "mấy" of "máy").
_QUESTION_PHRASES = (
    ("o", "dau"),
    ("tai", "dau"),
    ("di", "dau"),
    ("may", "gio"),
    ("may", "ngay"),
    ("ngay", "may"),  # "hội thảo vùng ngày mấy"
    ("thu", "may"),
    ("tang", "may"),
    ("phong", "may"),
    ("bao", "gio"),
    ("bao", "nhieu"),
    ("bao", "lau"),
)
_FINAL_PARTICLES = frozenset("a ad nhe nha vay the ha".split())


def asks_itself(tokens: tuple[str, ...]) -> bool:
    """Whether a clause is a question of its own: a question word, or "không" ending it."""
    end = len(tokens)
    while end and tokens[end - 1] in _FINAL_PARTICLES:
        end -= 1
    return (
        bool(_QUESTION_WORDS & set(tokens))
        or any(holds(tokens, p) for p in _QUESTION_PHRASES)
        or (bool(end) and tokens[end - 1] in {"khong", "ko", "k", "chua"})
    )


def question_clause(text: str) -> tuple[str, str]:
    """The last clause that asks something, and the rest of the message."""
    clauses = [c.strip() for c in CLAUSES.split(titles_joined(text)) if c and c.strip()]
    if len(clauses) < 2:
        return "", ""
    asking = [c for c in clauses if _asks(normalise(c).tokens)]
    if not asking:
        return "", ""
    chosen = asking[-1]
    return chosen, " ".join(c for c in clauses if c is not chosen)
