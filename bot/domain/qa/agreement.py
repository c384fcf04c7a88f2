"""Whether an answer agrees with what was asked: the checks that turn a match into "I do not know".

A programme line, a note or the venue may match a question and still not answer it: the question
names the line by a generic word or half a phrase, asks which of something the line does not
identify, or offers a choice the note does not settle (docs/questions.md, "Evidence").
"""

from __future__ import annotations

import re

from bot.domain.qa.normalise import STOPWORDS, holds, normalise_tokens

__all__ = [
    "PART_WORDS",
    "alternative_given",
    "asked_thing",
    "asks_content",
    "asks_quantity",
    "asks_which_of",
    "trailing_before",
    "holds",
    "naming_words",
]

# Words for "a talk", "a part" that name no particular line.
PART_WORDS = frozenset({"bai", "phan", "phien", "muc", "talk", "item", "part", "session"})


def naming_words(content, lines, index, hits, tokens) -> set[str]:  # type: ignore[no-untyped-def]
    """The question's words that name the matched lines."""
    # Without words for "a talk", and without a practical phrase whose head alone the lines hold: "giấy" of "giấy mời" does not name
    # "giấy chứng nhận" (a modifier does: "trưa" of "ăn trưa" names "Nghỉ trưa").
    words = {t for t in content for i in lines if t in index.item_words[i]} - PART_WORDS
    for run in _runs(hits.topic_used):
        phrase = [tokens[n] for n in run]
        if len(phrase) > 1 and not any(w in index.item_words[i] for w in phrase[1:] for i in lines):
            words -= set(phrase)
    return words


def asks_which_of(tokens: tuple[str, ...], titles: list[str], cued: dict[int, float]) -> bool:
    """Whether the question asks which of a thing the lines name without identifying it."""
    # "thực hành trên phần mềm nào", "which software": a thing the line's title names but does
    # not identify; the line's time would answer another question.
    words = {w for title in titles for w in normalise_tokens(title)} - PART_WORDS
    # ("phòng lab trường nào" of "... Trường Đại học Khoa học": a name follows, which identifies it)
    words -= {w for title in titles for w in _named_after(title)}
    # ("học mô-đun gì" of "Mô-đun 3: ...": its number identifies it)
    folded = [normalise_tokens(title) for title in titles]
    words -= {w for t in folded for w, after in zip(t, t[1:], strict=False) if after.isdigit()}
    for n, token in enumerate(tokens):
        # A cue's own words ("sở nào": which agency) ask what the answer gives.
        if token in {"nao", "gi"} and n and tokens[n - 1] in words and n - 1 not in cued:
            return True
        after = n + 1
        if token in {"which", "what"} and after < len(tokens) and tokens[after] in words:
            return after not in cued
    return False


_PLACE_KINDS = frozenset({"xã", "phường", "tỉnh", "thành", "huyện", "thôn", "ấp", "xóm", "bản", "đặc"})


def _named_after(title: str) -> set[str]:
    """The title's words that a proper name follows ("Trường" of "Trường Đại học Khoa học")."""
    raw = re.findall(r"[^\W\d_]+", title)
    return {
        w
        for word, after in zip(raw, raw[1:], strict=False)
        # ("xã Đô Lương", "phường Hoàng Mai": a kind of place before its name)
        if after[:1].isupper() and (word[:1].isupper() or word.lower() in _PLACE_KINDS)
        for w in normalise_tokens(word)
    }


def alternative_given(tokens: tuple[str, ...], said: tuple[str, ...]) -> bool:
    """Whether a choice in the question ("A hay B") has a side named in `said`."""
    # "phòng 2 người hay 1 người": a choice is answered only if the text names one side.
    for n, token in enumerate(tokens):
        if token in {"hay", "or"} and 0 < n < len(tokens) - 1:
            # ("... không hay BTC phát": the organisers' name is no side; what they would do is)
            after = [w for w in tokens[n + 1 : n + 6] if w not in _ORGANISERS][:2]
            # ("có ăn tối ko ad hay ...": the side is what comes before the closing "không" and
            # its particles)
            before = [w for w in tokens[:n] if w not in _NEGATIONS and w not in _PARTICLES][-2:]
            sides = [tuple(before), tuple(after)]
            return any(w in said for side in sides for w in side if w not in STOPWORDS)
    return True


_ORGANISERS = frozenset({"ban", "to", "chuc", "btc", "organisers", "organizers", "organiser", "organizer"})
# "... có X không", "... có X chưa": the words that close a yes/no question, and the particles after.
_NEGATIONS = frozenset({"khong", "ko", "k", "kg", "hong", "chua"})
_PARTICLES = frozenset({"a", "ah", "ak", "vay", "the", "nhe", "nha", "nhi", "ha", "oi", "ad", "admin", "ban"})
# Not "can", "may", "do": "cần", "mấy", "đó" fold the same.
_ENGLISH_YES_NO = frozenset({"is", "are", "will", "does", "could", "should", "shall"})
_ENGLISH_FILLER = frozenset(
    {"a", "an", "any", "some", "the", "there", "i", "we", "you", "it", "be", "my", "our"}
)
_THERE_IS = (("is", "there"), ("are", "there"), ("will", "there", "be"))


def asked_thing(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """What a yes/no question asks about: "tài liệu có bản điện tử không" -> (bản, điện, tử).

    Nothing when the question is not a yes/no question. A confident answer must hold these words:
    the documents note does not say whether an electronic copy exists.
    """
    for phrase in _THERE_IS:
        width = len(phrase)
        for n in range(len(tokens) - width + 1):
            if tokens[n : n + width] == phrase:
                rest = tokens[n + width :]
                return tuple(t for t in rest if t not in {"a", "an", "any", "some"})
    if tokens and tokens[0] in _ENGLISH_YES_NO:
        # "is the panel open to questions from the floor": everything after the verb.
        return tuple(t for t in tokens[1:] if t not in _ENGLISH_FILLER)
    end = len(tokens)
    while end and tokens[end - 1] in _PARTICLES:
        end -= 1
    if not end or tokens[end - 1] not in _NEGATIONS:
        return ()
    for n in range(end - 2, -1, -1):
        if tokens[n] == "co":
            return tokens[n + 1 : end - 1]
    return ()


# Units after "bao nhiêu" / "how much" that make it a question of time, which times answer.
_TIME_UNITS = frozenset(
    {
        "phut",
        "tieng",
        "gio",
        "h",
        "lau",
        "ngay",
        "buoi",
        "minutes",
        "minute",
        "hours",
        "hour",
        "time",
        "long",
        "longer",  # "how much longer": how far off
        "days",
    }
)


_COUNTED = frozenset({("toi", "da"), ("toi", "thieu"), ("at", "most"), ("maximum", "number")})
_COUNTED_NOUNS = frozenset(
    {"nguoi", "dai", "suat", "ve", "lan", "cho", "doi", "giai"}
)  # (+ "mấy đội", "mấy giải")
_WHICH_ONE = frozenset({"ngay", "thang", "mung", "nam", "gio", "tang", "phong", "so"})


def counted_noun(tokens: tuple[str, ...]) -> str | None:
    """What a question counts ("mấy người", "bao nhiêu điểm cầu", "how many seats"), if anything."""
    for n in range(len(tokens) - 1):
        pair = (tokens[n], tokens[n + 1])
        if tokens[n] == "may" and tokens[n + 1] in _COUNTED_NOUNS:
            return tokens[n + 1]
        if pair in {("bao", "nhieu"), ("how", "many")} and n + 2 < len(tokens):
            noun = tokens[n + 2]
            return None if noun in _TIME_UNITS or noun in _PARTICLES or noun in STOPWORDS else noun
    return None


def asks_quantity(tokens: tuple[str, ...], counted: set[str] | frozenset[str]) -> bool:
    """Whether the question asks how many or how much ("điểm PII là bao nhiêu", "how many people").

    A programme line, the venue or a presenter never gives a count or a price; the lines
    themselves do answer how many of them there are (`counted`: their words, "how many breaks").
    """
    for n in range(len(tokens) - 1):
        if (tokens[n], tokens[n + 1]) in _COUNTED or (tokens[n] == "may" and tokens[n + 1] in _COUNTED_NOUNS):
            return True  # "tối đa", "mấy người"
        if (tokens[n], tokens[n + 1]) in {("bao", "nhieu"), ("how", "many"), ("how", "much")}:
            after = tokens[n + 2 : n + 3]
            if n and tokens[n - 1] in _WHICH_ONE:
                continue  # "ngày bao nhiêu", "phòng số bao nhiêu": which one, not how many
            if not (after and (after[0] in _TIME_UNITS or after[0] in counted)):
                return True
    return False


# Asking for a result or a score ("xếp thứ mấy", "bao nhiêu điểm"), which no title gives (with
# "thứ hạng", "xếp hạng" and the English words, below).
_RESULT_ASKED = (
    ("xep", "thu", "may"),
    ("hang", "thu", "may"),
    ("dung", "thu", "may"),
    ("bao", "nhieu", "diem"),
)


def asks_content(tokens: tuple[str, ...]) -> bool:
    """Whether the question asks what a line says or holds ("giải pháp cải thiện là gì", "văn nghệ
    có những tiết mục gì", "what is the panel about"): its title and time do not tell."""
    end = len(tokens)
    while end and tokens[end - 1] in _PARTICLES:
        end -= 1
    body = tokens[:end]
    # ("cụ thể là những chỉ tiêu nào": the particulars, which a title only names)
    if (
        holds(body, ("noi", "dung"))
        or holds(body, ("cu", "the"))
        # ("what is the Dutch expert talking about": the subject of their talk, which its title says)
        or (body and body[-1] in {"about", "cover", "covers"} and body[-2:-1] != ("talking",))
    ):
        return True
    if body[-2:] == ("la", "gi") or holds(body, ("gom", "nhung")) or holds(body, ("ket", "luan", "gi")):
        return True
    # ("What rank did Thanh Hóa get in PII 2025?": a result, which a line on it only names)
    if any(holds(body, p) for p in _RESULT_ASKED):
        return True
    # ("What is Thanh Hoa's PII 2025 rank?", "thứ hạng PII năm nay bao nhiêu")
    if {"rank", "ranking", "ranked", "score"} & set(body) and {"what", "which", "how"} & set(body):
        return True
    ranked = holds(body, ("thu", "hang")) or holds(body, ("xep", "hang"))
    if ranked and any(holds(body, p) for p in (("bao", "nhieu"), ("may",), ("gi",), ("the", "nao"))):
        return True
    return "nhung" in body and "gi" in body[body.index("nhung") :]


def trailing_before(tokens: tuple[str, ...]) -> bool:
    """Whether "trước" closes the question as "beforehand" ("cần cài đặt gì trước"), not "before X"."""
    end = len(tokens)
    while end and tokens[end - 1] in _PARTICLES | _NEGATIONS:
        end -= 1
    if bool(end) and tokens[end - 1] == "truoc" and "truoc" not in tokens[: end - 1]:
        return True
    # "cài trước vào máy": "trước" before a verb's complement, not before a line.
    places = [n for n, t in enumerate(tokens) if t == "truoc"]
    return len(places) == 1 and places[0] + 1 < len(tokens) and tokens[places[0] + 1] in _AFTER_BEFOREHAND


_AFTER_BEFOREHAND = frozenset({"vao", "len", "xuong", "cho", "voi", "o", "tai"})


def _runs(positions: frozenset[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for n in sorted(positions):
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs
