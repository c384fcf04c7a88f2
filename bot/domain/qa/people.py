"""People named as presenters ("PGS.TS. Lê Quang Vinh, Trường ĐH Y Dược") and questions naming them.

Delegates name a speaker the way they would address them: "thầy Vinh", "cô Hà", "PGS Vinh",
"TS Khôi", "Dr. Kim", "Prof. Tanaka", or by the full name. A Vietnamese name ends with the given
name ("Lê Quang Vinh" is addressed as "Vinh"); a foreign one is addressed by the family name,
which may come first ("Kim Min-jun") or last ("Pieter van Dijk").
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.domain.qa.normalise import holds, normalise_tokens
from bot.domain.qa.view import EventView

__all__ = ["PERSON_WORDS", "lines_of_person", "person_names", "role_before_colon", "role_named"]

# Academic and professional titles written before a name (folded).
_TITLES = frozenset({"gs", "pgs", "ts", "ths", "tskh", "ks", "bs", "ncs", "cn", "dr", "prof", "professor"})
# Words of courtesy a programme writes before a person's name ("ông", "bà", "luật sư").
_HONORIFICS = frozenset({"ong", "ba", "luat", "su", "mr", "ms", "mrs"})
# Words a question puts before a name it addresses (folded): the titles, and "thầy", "cô", ...
_ADDRESS = _TITLES | frozenset(
    {"thay", "co", "anh", "chi", "ong", "ba", "mr", "ms", "mrs", "madam", "doctor"}
)
# Roles written before the person in a programme ("Chủ trì phiên:", "Điều phối:", "Moderator:").
_PARTS = re.compile(r"[,;:()]|\s[-–]\s|\bvà\b|\band\b", re.IGNORECASE)


def role_named(presenter: str, words: set[str]) -> bool:
    """Whether the presenter writes a person right after one of `words` as their role ("Dẫn dắt:
    MC Lê Thu Trang" for "MC"): who holds that role is what it says."""
    for part in _PARTS.split(presenter):
        tokens, raw = normalise_tokens(part), part.split()
        name = raw[1:]
        if (
            tokens
            and tokens[0] in words
            and len(raw) == len(tokens)
            and 2 <= len(name) <= 5
            # (a capitalised name the question does not say: not "Hội đồng giám khảo", "World Bank")
            and all(w[:1].isupper() and w.isalpha() for w in name)
            and not set(tokens[1:]) & words
        ):
            return True
    return False


def role_before_colon(presenter: str, words: set[str]) -> bool:
    """Whether a presenter names one of its people by a role in `words`, written before a colon
    ("Điều phối: Chánh Văn phòng ..." for "moderates")."""
    roles = [normalise_tokens(part.split(":", 1)[0]) for part in presenter.split(";") if ":" in part]
    return any(role and set(role) <= words for role in roles)


@lru_cache(maxsize=2048)
def person_names(presenter: str) -> tuple[tuple[str, ...], ...]:
    """The people a presenter line names, as folded name tokens without their titles."""
    names = []
    for part in _PARTS.split(presenter):
        tokens = normalise_tokens(part)
        n = 0
        while n < len(tokens) and tokens[n] in _TITLES:
            n += 1
        name = tokens[n:]
        # A titled name of two to five words ("TS. Nguyễn Đình Khôi", "Dr. Kim Min-jun").
        if n and 2 <= len(name) <= 5 and all(t.isalpha() for t in name):
            names.append(name)
            continue
        # One addressed as "ông", "bà", "luật sư" ("Mentor: bà Phan Thị Thu Hà"): a name the
        # programme capitalises, word by word.
        while n < len(tokens) and tokens[n] in _HONORIFICS:
            n += 1
        raw = part.split()
        name = tokens[n:]
        if (
            n
            and 2 <= len(name) <= 5
            and len(raw) == len(tokens)
            and all(w[:1].isupper() and w.isalpha() for w in raw[n:])
        ):
            names.append(name)
    return tuple(names)


def _addressed(tokens: tuple[str, ...], name: tuple[str, ...]) -> bool:
    # The full name, its last two words ("Quang Vinh"), or a title and the name a person is
    # called by: the given name (Vietnamese, last) or the family name (foreign, first or last).
    if holds(tokens, name) or (len(name) >= 3 and holds(tokens, name[-2:])):
        return True
    called = {name[-1], name[0]}
    return any(tokens[i] in _ADDRESS and tokens[i + 1] in called for i in range(len(tokens) - 1))


# Countries as a programme writes them and as a question may ("the Korean expert", "chuyên gia
# Hàn Quốc"), folded; a foreign expert is often named by nationality alone.
_COUNTRIES: tuple[tuple[str, ...], ...] = (
    ("han quoc", "han", "korea", "korean"),
    ("nhat ban", "nhat", "japan", "japanese"),
    ("ha lan", "netherlands", "dutch", "holland"),
    ("hoa ky", "my", "usa", "american", "united states"),
    ("uc", "australia", "australian"),
    ("duc", "germany", "german"),
    ("phap", "france", "french"),
    ("singapore", "singaporean"),
    ("trung quoc", "china", "chinese"),
    ("thai lan", "thailand", "thai"),
    ("israel", "israeli"),
    ("phan lan", "finland", "finnish"),
    ("thuy dien", "sweden", "swedish"),
    ("an do", "india", "indian"),
)
_EXPERT = frozenset({"chuyen", "expert", "speaker", "professor", "prof", "giao", "su", "dien", "gia"})
# Words that only say "a person" around a name or a nationality ("thầy", "chuyên gia", "PGS").
PERSON_WORDS = _ADDRESS | _EXPERT | frozenset(w for names in _COUNTRIES for n in names for w in n.split())


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[tuple[str, ...], ...], ...]:
    return tuple(tuple(normalise_tokens(n) for n in names) for names in _COUNTRIES)


@lru_cache(maxsize=1024)
def _countries_named(tokens: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """The countries a question names (each with all its names), once per question."""
    # ("Thái Nguyên", "Thái Bình" are provinces, never Thailand)
    tokens = tuple(
        "" if t == "thai" and tokens[n + 1 : n + 2] in (("nguyen",), ("binh",)) else t
        for n, t in enumerate(tokens)
    )
    return tuple(names for names in _countries() if any(holds(tokens, n) for n in names))


def _of_country(tokens: tuple[str, ...], presenter: str) -> bool:
    # "chuyên gia Hàn Quốc", "the Japanese professor": an expert of the country the line names.
    if not _EXPERT & set(tokens):
        return False
    named = _countries_named(tokens)
    if not named:
        return False
    said = normalise_tokens(presenter)
    return any(any(holds(said, n) for n in names if len(n) > 1 or len(n[0]) > 3) for names in named)


def lines_of_person(view: EventView, tokens: tuple[str, ...]) -> tuple[int, ...]:
    """The programme lines presented by the person the question names, if it names one."""
    named = tuple(
        n
        for n, item in enumerate(view.items)
        if item.presenter and any(_addressed(tokens, name) for name in person_names(item.presenter))
    )
    if named:
        return named
    by_presenter = tuple(
        n for n, item in enumerate(view.items) if item.presenter and _of_country(tokens, item.presenter)
    )
    if by_presenter:
        return by_presenter
    # ("the Dutch expert": "Dr. Pieter van Dijk" on "... lessons from the Netherlands")
    return tuple(n for n, item in enumerate(view.items) if item.presenter and _of_country(tokens, item.title))


# Heads of an office, whose deputy ("Phó Chủ tịch", "Phó Giám đốc") is another person.
_HEADS = (
    ("chu", "tich"),
    ("giam", "doc"),
    ("truong", "phong"),
    ("truong", "ban"),
    ("bo", "truong"),
    ("chanh", "van", "phong"),
    ("hieu", "truong"),
    ("vien", "truong"),
    ("bi", "thu"),
)
_DEPUTY = frozenset({"pho", "deputy", "vice"})


def deputy_for_head(question: tuple[str, ...], presenters: list[str]) -> bool:
    """Whether the question names a head ("Chủ tịch HĐND tỉnh có dự không") that the presenters
    name only as a deputy ("Phó Chủ tịch HĐND tỉnh ...") or not at all: another person."""
    for head in _HEADS:
        width = len(head)
        asked = [n for n in range(len(question) - width + 1) if question[n : n + width] == head]
        if not asked or any(n and question[n - 1] in _DEPUTY for n in asked):
            continue
        said = [normalise_tokens(p) for p in presenters]
        found = [(t, n) for t in said for n in range(len(t) - width + 1) if t[n : n + width] == head]
        # (and a head no line names at all: "Bộ trưởng có dự không" of a line by a "Phó Cục trưởng")
        if all(n and t[n - 1] in _DEPUTY for t, n in found):
            return True
    return False
