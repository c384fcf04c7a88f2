"""Reading the prose of a plan: title, host, date, venue, chair, how many delegates, who."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain.plan.agency_names import canonical_agency_name
from bot.domain.plan.draft import VenueDraft
from bot.domain.plan.tables import clean_cell
from bot.domain.plan.times import DateMention, find_date_mention
from bot.domain.textfold import fold, fold_chars

__all__ = ["ProseFacts", "read_prose", "split_venue", "province_from_title"]

_EVENT = r"(hoi thao(?: khoa hoc)?|hoi nghi|toa dam|tap huan|dien dan|hoi giang|workshop)"
_TO_CHUC_EVENT = re.compile(r"\bto chuc\s+" + _EVENT + r"\b")
_EVENT_WORD = re.compile(r"(?<![a-z])" + _EVENT + r"(?![a-z])")
_QUOTED = re.compile(r"[“\"«‘]([^”\"»’]{3,})[”\"»’]")
_NUMBERING = re.compile(r"^\s*(?:#+\s*)?(?:[-*•+]\s*)?(?:(?:[ivx]+|\d+(?:\.\d+)*|[a-z])[.)]\s+)?")
_COUNT = re.compile(
    r"(?:khoang\s+)?(\d{1,4})(?:\s*(?:-|–|—|den)\s*(\d{1,4}))?\s*(?:dai bieu|nguoi|khach)\b"
)
_ANNEX_REF = re.compile(r"\([^)]*phu luc[^)]*\)")
_HOST_PROSE = re.compile(r"\bso\s[^,.;:“”\"()]{2,60}?\s+to chuc\b")
_STREET_START = re.compile(r"^(?:\d|so\s+\d|duong\b|pho\b|km\s*\d|thon\b|khu pho\b|to dan pho\b)")
_SUBJECT_LABEL = re.compile(r"(noi dung )?chu de|ten (hoi thao|hoi nghi|su kien|chuong trinh)")
_ATTENDEE_LABELS = (
    "thanh phan",
    "tong so dai bieu",
    "so luong dai bieu",
    "dai bieu tham du",
    "doi tuong tham du",
)
# A list item under "Thành phần:". Numbered lines are not items: they start the next section.
_LIST_BULLET = re.compile(r"^\s*[-–•+*]\s+")


@dataclass
class ProseFacts:
    """What the prose lines of a plan say, before tables are read."""

    title: str | None = None
    event_word: str | None = None
    host: str | None = None
    date: DateMention | None = None
    venue: VenueDraft | None = None
    chair: str | None = None
    total_delegates: int | None = None
    agency_chunks: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Line:
    """A prose line cleaned of markup, numbering and bullets, and the line as written."""

    text: str
    raw: str


def _clean(line: str) -> _Line:
    """A prose line without markup, numbering or bullets."""
    raw = clean_cell(line)
    return _Line(_NUMBERING.sub("", raw).strip(), raw)


def _label_value(text: str) -> tuple[str, str] | None:
    """Split "Địa điểm: ..." into (folded label, value); None when the line has no label."""
    colon = text.find(":")
    if colon <= 0 or colon > 60:
        return None
    return re.sub(r"[^a-z0-9]+", " ", fold(text[:colon])).strip(), text[colon + 1 :].strip()


def province_from_title(title: str) -> str | None:
    """The province named as "tỉnh X" in a title, when the capitalised words make it clear."""
    words = title.split()
    for index, word in enumerate(words):
        if fold(word) != "tinh":
            continue
        name: list[str] = []
        for nxt in words[index + 1 :]:
            bare = nxt.strip(",.;:()“”\"")
            if bare == "-" and name:
                name.append("-")
                continue
            if not bare or not bare[0].isupper():
                break
            name.append(bare)
            if bare != nxt.rstrip("-"):
                break  # punctuation ends the name
        while name and name[-1] == "-":
            name.pop()
        if name:
            return " ".join(name)
    return None


def split_venue(text: str) -> VenueDraft:
    """Split "Hội trường X - 204 Hùng Vương, TP. Y" into a venue name and an address."""
    value = text.strip().rstrip(".;").strip()
    parts = re.split(r"(\s+[-–—]\s+|,\s*)", value)
    # parts alternates: text, separator, text, ...; the address starts at a street number.
    for index in range(2, len(parts), 2):
        if _STREET_START.match(fold(parts[index])):
            name = "".join(parts[: index - 1]).strip()
            return VenueDraft(name=name or None, address="".join(parts[index:]).strip())
    dash = re.search(r"\s+[-–—]\s+", value)
    if dash and "," in value[dash.end() :]:
        return VenueDraft(name=value[: dash.start()].strip(), address=value[dash.end() :].strip())
    return VenueDraft(name=value)


def _quoted(text: str, start: int = 0) -> str | None:
    """The first quoted phrase at or after `start`."""
    match = _QUOTED.search(text, start)
    return _tidy_title(match.group(1)) if match else None


def _tidy_title(text: str) -> str:
    """Collapse whitespace and drop trailing punctuation from a title."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".;:,").strip()


def _find_title(cleaned: list[str], facts: ProseFacts) -> None:
    """Fill the title and event word: "Tổ chức Hội thảo “X”", "Chủ đề: X", or a heading."""
    for text in cleaned:
        match = _TO_CHUC_EVENT.search(fold_chars(text))
        if match and (title := _quoted(text, match.end())):
            facts.title, facts.event_word = title, text[match.start(1) : match.end(1)]
            return
    for text in cleaned:
        label = _label_value(text)
        if label and _SUBJECT_LABEL.match(label[0]):
            facts.title = _quoted(label[1]) or _tidy_title(label[1]) or None
            if facts.title:
                break
    for text in cleaned[:40]:
        match = _EVENT_WORD.search(fold_chars(text))
        if match:
            facts.event_word = facts.event_word or text[match.start(1) : match.end(1)]
            if facts.title is None and (title := _quoted(text, match.end())):
                facts.title = title
    if facts.title is None:
        for text in cleaned[:15]:
            match = re.match(r"(?:ke hoach\s+)?to chuc\s+" + _EVENT + r"\s+\S", fold_chars(text))
            if match:
                facts.title = _tidy_title(text[match.start(1) :])
                return


def _find_host(cleaned: list[str]) -> str | None:
    """The organising department: a label, "Sở X tổ chức ...", or an upper-case letterhead."""
    for text in cleaned:
        label = _label_value(text)
        if label and re.fullmatch(r"(co quan|don vi) (to chuc|chu tri)", label[0]) and label[1]:
            return canonical_agency_name(label[1]) or label[1].rstrip(".")
    for text in cleaned:
        for match in _HOST_PROSE.finditer(fold_chars(text)):
            if text[match.start()] == "S":
                name = text[match.start() : match.end() - len("to chuc")].strip()
                return canonical_agency_name(name) or name
    for text in cleaned[:10]:
        if text.isupper() and fold(text).startswith("so "):
            return canonical_agency_name(text)
    return None


def _read_labels(cleaned: list[_Line], facts: ProseFacts) -> None:
    """Fill date, venue, chair, delegate count and agency prose from labelled lines."""
    for index, line in enumerate(cleaned):
        label = _label_value(line.text)
        if label is None:
            continue
        key, value = label
        following = cleaned[index + 1].text if index + 1 < len(cleaned) else ""
        # "Địa điểm:" with the place on the next line; a "Thành phần:" list is read separately.
        if not value and following and not _label_value(following):
            value = following if not key.startswith(_ATTENDEE_LABELS) else ""
        if key.startswith(("thoi gian", "ngay to chuc", "thoi diem")) or key == "ngay":
            mention = find_date_mention(value)
            if mention and (facts.date is None or mention.rank > facts.date.rank):
                facts.date = mention
        if "dia diem" in key and facts.venue is None and value:
            place = _place(key, value)
            facts.venue = split_venue(place) if place else None
        elif key.startswith(("chu tri", "nguoi chu tri")) and facts.chair is None and value:
            facts.chair = value.rstrip(".;")
        elif key.startswith(_ATTENDEE_LABELS):
            _read_attendees(cleaned, index, value, facts)


def _place(key: str, value: str) -> str | None:
    """The place in a "Địa điểm:" value; in "Thời gian, địa điểm:" it is what follows "tại"."""
    if not key.startswith("thoi gian"):
        return value
    at = re.search(r"(?<![a-z])tai\s+", fold_chars(value))
    return value[at.end() :] if at else None


def _read_attendees(cleaned: list[_Line], index: int, value: str, facts: ProseFacts) -> None:
    """Read "Khoảng 50 - 60 đại biểu" and any list of agencies under an attendee label."""
    folded = fold_chars(value)
    count = _COUNT.search(folded)
    if count and facts.total_delegates is None:
        facts.total_delegates = int(count.group(2) or count.group(1))
    rest = value
    for pattern in (_COUNT, _ANNEX_REF):
        match = pattern.search(fold_chars(rest))
        if match:
            rest = rest[: match.start()] + rest[match.end() :]
    rest = rest.strip(" .;:,()")
    if re.search(r"[^\W\d_]", rest):
        facts.agency_chunks.append(rest)
    for following in cleaned[index + 1 :]:
        if not _LIST_BULLET.match(following.raw):
            break
        facts.agency_chunks.append(following.text)


def read_prose(lines: list[tuple[int, str]]) -> ProseFacts:
    """Read the prose facts of a plan from its numbered lines."""
    facts = ProseFacts()
    cleaned = [_clean(text) for _, text in lines if text.strip()]
    texts = [line.text for line in cleaned]
    _find_title(texts, facts)
    facts.host = _find_host(texts)
    _read_labels(cleaned, facts)
    if facts.total_delegates is None:
        facts.total_delegates = _loose_delegate_count(texts)
    return facts


def _loose_delegate_count(texts: list[str]) -> int | None:
    """"Khoảng 90 đại biểu" or "Tổng số ... 90 đại biểu" anywhere, when no label said it."""
    for text in texts:
        folded = fold_chars(text)
        if "khoang" in folded or "tong so" in folded:
            count = _COUNT.search(folded)
            if count:
                return int(count.group(2) or count.group(1))
    return None
