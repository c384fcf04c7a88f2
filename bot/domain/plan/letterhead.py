"""The head of an official document: issuing body, its province, the document kind and title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.plan.agency_names import canonical_agency_name, catalogue_names, restore_case
from bot.domain.textfold import fold, fold_chars

__all__ = [
    "Heading",
    "agency_case",
    "document_year",
    "find_heading_title",
    "find_subject_title",
    "is_dateline",
    "letterhead_host",
    "letterhead_province",
]

# The kinds of document the genre has, as their heading is written (folded).
_DOC_KINDS = ("ke hoach", "giay moi", "chuong trinh", "thong bao", "cong van")
_DOC_HEADING = re.compile(r"^(?:#+\s*)?(ke hoach|giay moi|chuong trinh|thong bao)\b\s*[:.]?\s*(.*)$")
_STOP = re.compile(
    r"^(?:can cu|kinh gui|thuc hien|nham|de |so\s*:|\d+[.)]|[ivx]+[.)]|i\.|noi nhan|thoi gian|dia diem)"
)
_LEAD_IN = re.compile(r"^(?:(?:v/v|ve viec|ve|to chuc|tham du|moi tham du|du)\s*[:.]?\s+)+")
_QUOTED = re.compile(r"[“\"«‘]([^”\"»’]{3,})[”\"»’]")
_BODY_WORDS = (
    "so ",
    "uy ban",
    "ubnd",
    "bo ",
    "ban ",
    "trung tam",
    "vien ",
    "cuc ",
    "hoi ",
    "lien hiep",
    "truong ",
    "dai hoc",
    "van phong",
    "hoc vien",
    "thanh tra",
    "chi cuc",
    "tinh uy",
    "tinh doan",
)
_NATIONAL = re.compile(r"cong hoa xa hoi|doc lap\s*-\s*tu do|doc lap - tu do")
# "Quảng Trị, ngày 10 tháng 10 năm 2025": the date the document was signed, not the event's.
_DATELINE = re.compile(r"^[^\d,]{2,40},\s*ngay\s+[\d.…_ ]*\s*thang\s+[\d.…_ ]*\s*nam\s+(\d{4})")
_PROVINCE = re.compile(r"(?:^|\s)(?:ubnd|uy ban nhan dan|so [a-z ]+?)\s+tinh\s+(.+)$")


@dataclass(frozen=True)
class Heading:
    """A title read under a document-kind heading, and the index of the line it started on."""

    title: str
    index: int


def is_dateline(text: str) -> bool:
    """Whether a line is the place-and-date line of the letterhead."""
    return _DATELINE.match(fold_chars(text.strip())) is not None


def document_year(texts: list[str]) -> int | None:
    """The year the document was signed, from its dateline; dates without a year borrow it."""
    for text in texts[:30]:
        match = _DATELINE.match(fold_chars(text.strip()))
        if match:
            return int(match.group(1))
    for text in texts[:30]:
        match = re.search(r"(?<!\d)(20\d{2})(?!\d)", text)
        if match and not fold(text).startswith("so"):
            return int(match.group(1))
    return None


def _tidy(text: str) -> str:
    """Collapse whitespace and drop trailing punctuation."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".;:,").strip()


_EVENT_IN_SENTENCE = re.compile(
    r"(?:moi|to chuc|tham du)\b.*?\b(hoi thao|hoi nghi|toa dam|tap huan|dien dan|ngay hoi|le )"
)


def _from_event_word(title: str) -> str:
    """ "Sở X trân trọng kính mời tham dự Hội nghị Y" -> "Hội nghị Y"."""
    match = _EVENT_IN_SENTENCE.search(fold_chars(title))
    return title[match.start(1) :] if match else title


def find_heading_title(texts: list[str]) -> Heading | None:
    """The title under a "KẾ HOẠCH / GIẤY MỜI / CHƯƠNG TRÌNH / THÔNG BÁO" heading."""
    for index, text in enumerate(texts[:40]):
        match = _DOC_HEADING.match(fold_chars(text.strip()))
        if not match:
            continue
        rest = text.strip()[match.start(2) :].strip() if match.group(2) else ""
        parts = [rest] if rest else []
        for following in texts[index + 1 : index + 4]:
            if not following.strip() or _STOP.match(fold(following.strip())):
                break
            if following.strip().startswith("("):
                break  # "(diễn ra trong 02 ngày …)": a note under the title
            if following.strip().startswith("---"):
                break
            parts.append(following.strip())
            if _QUOTED.search(" ".join(parts)) or following.rstrip().endswith((".", ":")):
                break
        joined = " ".join(part.lstrip("#* ").strip() for part in parts)
        quoted = _QUOTED.search(joined)
        if quoted:
            return Heading(_tidy(quoted.group(1)), index)
        lead = _LEAD_IN.match(fold_chars(joined))
        title = _from_event_word(_tidy(joined[lead.end() :] if lead else joined))
        if len(title) >= 8:
            return Heading(title[0].upper() + title[1:], index)
    return None


def _place_case(text: str) -> str:
    """ "TỈNH ĐẮK LẮK" -> "tỉnh Đắk Lắk": administrative words lower, names capitalised."""
    words = text.lower().split()
    lower = {"tỉnh", "thành", "phố", "huyện", "xã", "phường", "tp.", "thị", "trấn"}
    return " ".join(word if word in lower else word.capitalize() for word in words)


_SUBJECT = re.compile(r"^(?:v/v|ve viec)\s*[:.]?\s+")


def find_subject_title(texts: list[str]) -> Heading | None:
    """The title in the subject line of an official letter: "V/v tổ chức Hội nghị …"."""
    for index, text in enumerate(texts[:15]):
        match = _SUBJECT.match(fold_chars(text.strip()))
        if match:
            rest = text.strip()[match.end() :]
            lead = _LEAD_IN.match(fold_chars(rest))
            title = _tidy(rest[lead.end() :] if lead else rest)
            quoted = _QUOTED.search(title)
            if quoted:
                return Heading(_tidy(quoted.group(1)), index)
            if len(title) >= 8:
                return Heading(title[0].upper() + title[1:], index)
    return None


def agency_case(text: str) -> str:
    """An agency name written in capitals, in the catalogue's spelling or in sentence case."""
    known = canonical_agency_name(text)
    if known:
        return known
    if not text.isupper():
        return text
    folded = fold(text)
    for name in catalogue_names():
        if folded.startswith(fold(name) + " "):
            return f"{name} {_place_case(text.split(maxsplit=len(name.split()))[-1])}"
    words = text.lower().split()
    out = [words[0].capitalize()]
    capitalise_next = False
    for word in words[1:]:
        out.append(word.capitalize() if capitalise_next else word)
        capitalise_next = word in {"tỉnh", "thành phố", "tp.", "huyện"}
    name = restore_case(" ".join(out))
    return canonical_agency_name(name) or name


def _letterhead_lines(texts: list[str]) -> list[str]:
    """The capitalised lines at the top, cut where the national motto starts on the same line."""
    head: list[str] = []
    for text in texts[:12]:
        folded = fold_chars(text)
        if fold(text.strip()).startswith(_DOC_KINDS) or is_dateline(text):
            break
        motto = _NATIONAL.search(folded)
        part = text[: motto.start()].strip() if motto else text.strip()
        part = part.strip("*#_ -")
        if part and part.isupper():
            head.append(part)
    return head


def letterhead_host(texts: list[str]) -> str | None:
    """The issuing body: the lowest capitalised letterhead line naming a body."""
    bodies = [line for line in _letterhead_lines(texts) if fold(line).startswith(_BODY_WORDS)]
    return agency_case(bodies[-1]) if bodies else None


def letterhead_province(texts: list[str]) -> str | None:
    """The province named in the letterhead ("UBND TỈNH QUẢNG TRỊ", "SỞ ... TỈNH GIA LAI")."""
    for line in _letterhead_lines(texts):
        folded = fold_chars(line.lower())
        match = _PROVINCE.search(folded)
        if match:
            name = line[match.start(1) : match.end(1)].strip(" .,")
            return " ".join(word.capitalize() for word in name.lower().split())
    return None
