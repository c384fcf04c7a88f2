"""Reading the prose of a plan: title, host, date, venue, chair, how many delegates, who."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bot.domain.plan.agency_names import canonical_agency_name
from bot.domain.plan.draft import VenueDraft
from bot.domain.plan.letterhead import (
    agency_case,
    document_year,
    find_heading_title,
    find_subject_title,
    is_dateline,
    letterhead_host,
    letterhead_province,
)
from bot.domain.plan.places import province_from_title, split_venue
from bot.domain.plan.tables import clean_cell
from bot.domain.plan.times import DateMention, find_clock, find_date_mention
from bot.domain.textfold import fold, fold_chars

__all__ = ["ProseFacts", "read_prose"]

_EVENT = r"(hoi thao(?: khoa hoc)?|hoi nghi|toa dam|tap huan|dien dan|hoi giang|workshop)"
_TO_CHUC_EVENT = re.compile(r"\bto chuc\s+" + _EVENT + r"\b")
_EVENT_WORD = re.compile(r"(?<![a-z])" + _EVENT + r"(?![a-z])")
_QUOTED = re.compile(r"[“\"«‘]([^”\"»’]{3,})[”\"»’]")
_NUMBERING = re.compile(r"^\s*(?:#+\s*)?(?:[-*•+]\s*)?(?:(?:[ivx]+|\d+(?:\.\d+)*|[a-z])[.)]\s+)?")
_COUNT = re.compile(r"(?:khoang\s+)?(\d{1,4})(?:\s*(?:-|–|—|den)\s*(\d{1,4}))?\s*(?:dai bieu|nguoi|khach)\b")
_ANNEX_REF = re.compile(r"\([^)]*phu luc[^)]*\)")
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
    # "vào hồi 8 giờ 00", "từ 14h00'": checked against the programme's first start.
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    province: str | None = None
    # Where each fact was read: field name -> (line number, the line as written).
    sources: dict[str, tuple[int, str]] = field(default_factory=dict)
    guesses: dict[str, str] = field(default_factory=dict)  # field name -> reason code


@dataclass(frozen=True)
class _Line:
    """A prose line cleaned of markup, numbering and bullets, and the line as written."""

    text: str
    raw: str
    number: int = 0


def _clean(line: str, number: int = 0) -> _Line:
    """A prose line without markup, numbering or bullets."""
    raw = clean_cell(line)
    return _Line(_NUMBERING.sub("", raw).strip(), raw, number)


def _label_value(text: str) -> tuple[str, str] | None:
    """Split "Địa điểm: ..." into (folded label, value); None when the line has no label."""
    colon = text.find(":")
    if colon <= 0 or colon > 60:
        return None
    return re.sub(r"[^a-z0-9]+", " ", fold(text[:colon])).strip(), text[colon + 1 :].strip()


def _quoted(text: str, start: int = 0) -> str | None:
    """The first quoted phrase at or after `start`."""
    match = _QUOTED.search(text, start)
    return _tidy_title(match.group(1)) if match else None


def _tidy_title(text: str) -> str:
    """Collapse whitespace and drop trailing punctuation from a title."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".;:,").strip()


def _join_open_quotes(cleaned: list[_Line]) -> list[_Line]:
    """Lines where a quote opened and closed on a later line (a PDF wraps long titles) as one."""
    out: list[_Line] = []
    index = 0
    while index < len(cleaned):
        line = cleaned[index]
        text, raw, end = line.text, line.raw, index
        while text.count("“") > text.count("”") and end + 1 < min(len(cleaned), index + 3):
            end += 1
            text, raw = f"{text} {cleaned[end].text}", f"{raw} {cleaned[end].raw}"
        out.append(_Line(text, raw, line.number) if end > index else line)
        index += 1
    return out


def _note(facts: ProseFacts, name: str, line: _Line) -> None:
    """Remember which line a fact came from (the first one wins)."""
    facts.sources.setdefault(name, (line.number, line.raw))


def _find_title(cleaned: list[_Line], facts: ProseFacts) -> None:
    """Fill the title and event word: "Tổ chức Hội thảo “X”", "Chủ đề: X", or a heading."""
    for line in cleaned:
        match = _TO_CHUC_EVENT.search(fold_chars(line.text))
        if match and (title := _quoted(line.text, match.end())):
            facts.title, facts.event_word = title, line.text[match.start(1) : match.end(1)]
            _note(facts, "title", line)
            return
    for line in cleaned:
        label = _label_value(line.text)
        if label and _SUBJECT_LABEL.match(label[0]):
            facts.title = _quoted(label[1]) or _tidy_title(label[1]) or None
            if facts.title:
                _note(facts, "title", line)
                break
    for line in cleaned[:40]:
        match = _EVENT_WORD.search(fold_chars(line.text))
        if match:
            facts.event_word = facts.event_word or line.text[match.start(1) : match.end(1)]
            if facts.title is None and (title := _quoted(line.text, match.end())):
                facts.title = title
                _note(facts, "title", line)
    if facts.title is None:
        texts = [line.text for line in cleaned]
        heading = find_heading_title(texts) or find_subject_title(texts)
        if heading is not None:
            facts.title = heading.title
            _note(facts, "title", cleaned[heading.index])
            match = _EVENT_WORD.search(fold_chars(heading.title))
            if match and facts.event_word is None:
                facts.event_word = heading.title[match.start(1) : match.end(1)]
            return
    if facts.title is None:
        for line in cleaned[:15]:
            match = re.match(r"(?:ke hoach\s+)?to chuc\s+" + _EVENT + r"\s+\S", fold_chars(line.text))
            if match:
                facts.title = _tidy_title(line.text[match.start(1) :])
                _note(facts, "title", line)
                return


_INVITES = re.compile(r"\s+(?:tran trong\s+)?(?:kinh moi|to chuc|phoi hop)\b")


def _prose_host(text: str) -> str | None:
    """ "Sở X tổ chức …", "Sở X trân trọng kính mời …": a known body, or a short capitalised name."""
    folded = fold_chars(text)
    for match in re.finditer(r"(?<![a-z])(so|uy ban|ubnd|trung tam|ban|vien)\s", folded):
        if not text[match.start()].isupper():
            continue
        end = _INVITES.search(folded, match.end())
        if end is None:
            continue
        name = text[match.start() : end.start()].strip(" ,")
        known = canonical_agency_name(name)
        if known:
            return known
        words = name.split()
        if 2 <= len(words) <= 10 and not re.search(r"[,;:“”\"()]", name):
            return name
    return None


def _find_host(cleaned: list[_Line], facts: ProseFacts) -> None:
    """The organising body: a label, the letterhead, or "Sở X tổ chức / trân trọng kính mời"."""
    for line in cleaned:
        label = _label_value(line.text)
        if label and re.fullmatch(r"(co quan|don vi) (to chuc|chu tri)", label[0]) and label[1]:
            facts.host = canonical_agency_name(label[1]) or label[1].rstrip(".")
            _note(facts, "host", line)
            return
    for line in cleaned:
        host = _prose_host(line.text)
        if host:
            facts.host = host
            _note(facts, "host", line)
            return
    host = letterhead_host([line.raw for line in cleaned])
    if host:
        facts.host = host
        for line in cleaned[:12]:
            if fold(host) in fold(agency_case(line.raw.strip("*#_ "))):
                _note(facts, "host", line)
                break


def _read_labels(cleaned: list[_Line], facts: ProseFacts, year: int | None) -> None:
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
        if key.startswith(("thoi gian", "ngay to chuc", "thoi diem", "vao luc", "vao hoi")) or key in (
            "ngay",
            "luc",
        ):
            mention = find_date_mention(value, year)
            if mention and (facts.date is None or mention.rank > facts.date.rank):
                facts.date = mention
                facts.sources["date"] = (line.number, line.raw)
            clock = find_clock(value)
            if clock and facts.start_time is None:
                facts.start_time = clock[0]
                _note(facts, "start_time", line)
                # "từ 8h00 đến 11h30", "8h00 - 11h30": the second clock is the end.
                rest = value[clock[2] :]
                until = find_clock(rest)
                if until and re.match(r"\s*(?:-|–|đến|den)\s*", rest, re.IGNORECASE):
                    facts.end_time = until[0]
        if ("dia diem" in key or key == "tai") and facts.venue is None and value:
            place = _place(key, value)
            facts.venue = split_venue(place) if place else None
            if facts.venue:
                _note(facts, "venue", line)
        elif key.startswith(("chu tri", "nguoi chu tri")) and facts.chair is None and value:
            facts.chair = value.rstrip(".;")
            _note(facts, "chair", line)
        elif key.startswith(_ATTENDEE_LABELS):
            _read_attendees(cleaned, index, value, facts)
            _note(facts, "invitees", line)


_AT_PLACE = re.compile(r"(?<![a-z])tai\s+(?=(?:hoi truong|phong|khach san|trung tam|nha|toa|so\s|tru so))")
_WHEN_WORDS = re.compile(r"vao (?:hoi|luc)|thoi gian|(?<![a-z])tu\s+\d|ngay\s+\d")


def _read_sentences(cleaned: list[_Line], facts: ProseFacts, year: int | None) -> None:
    """Date, start time and venue from unlabelled sentences ("vào hồi 8 giờ, ngày …, tại …")."""
    for line in cleaned:
        folded = fold_chars(line.text)
        if is_dateline(line.text) or re.match(r"(?:so\s*:|can cu|quyet dinh)", folded):
            continue
        if re.search(r"(?:quyet dinh|cong van|ke hoach|thong bao) so\b", folded):
            continue
        if re.search(r"truoc ngay|cham nhat|han chot|thoi han|han (?:nop|gui|dang ky)", folded):
            continue  # a deadline ("gửi trước ngày 30/11") is not the event's date
        if facts.date is None and _WHEN_WORDS.search(folded):
            mention = find_date_mention(line.text, year)
            if mention is not None and mention.rank >= 2:
                facts.date = mention
                _note(facts, "date", line)
        if facts.start_time is None and re.search(r"vao (?:hoi|luc)|bat dau|(?<![a-z])tu\s+\d", folded):
            clock = find_clock(line.text)
            if clock:
                facts.start_time = clock[0]
                _note(facts, "start_time", line)
        if facts.venue is None:
            at = _AT_PLACE.search(folded)
            if at:
                place = re.split(r"[.;](?:\s|$)", line.text[at.end() :])[0]
                facts.venue = split_venue(place)
                _note(facts, "venue", line)


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
        _note(facts, "total_delegates", cleaned[index])
    rest = value
    if count and count.start() < 12:  # "Khoảng 70 đại biểu, gồm: …": the count opens the line
        rest = rest[: count.start()] + rest[count.end() :]
    match = _ANNEX_REF.search(fold_chars(rest))
    if match:
        rest = rest[: match.start()] + rest[match.end() :]
    rest = re.sub(r"^\s*(?:gom|bao gom)\s*[:,]?\s*", "", rest, flags=re.IGNORECASE).strip(" .;:,()")
    rest = re.sub(r"^(?:gồm|bao gồm)\s*:?\s*", "", rest).strip(" .;:,()")
    if re.search(r"[^\W\d_]", rest):
        facts.agency_chunks.append(rest)
    for following in cleaned[index + 1 :]:
        if not _LIST_BULLET.match(following.raw) and not _SUB_ITEM.match(following.raw):
            break
        facts.agency_chunks.append(following.text)


_SUB_ITEM = re.compile(r"^\s*(?:[a-zđ]\)|\d+\.\d+\.?\s|\d+\)\s)")


def read_prose(lines: list[tuple[int, str]]) -> ProseFacts:
    """Read the prose facts of a plan from its numbered lines."""
    facts = ProseFacts()
    cleaned = [_clean(text, number) for number, text in lines if text.strip()]
    texts = [line.text for line in cleaned]
    year = document_year([line.raw for line in cleaned])
    _find_title(_join_open_quotes(cleaned), facts)
    _find_host(cleaned, facts)
    _read_labels(cleaned, facts, year)
    _read_sentences(cleaned, facts, year)
    if facts.date is not None and facts.date.year_guessed:
        facts.guesses["date"] = "year_from_document"
    facts.province = province_from_title(facts.title or "")
    if facts.province:
        facts.sources["province"] = facts.sources.get("title", (0, ""))
    else:
        facts.province = letterhead_province([line.raw for line in cleaned])
        if facts.province is None and facts.host:
            facts.province = province_from_title(facts.host)
        if facts.province:
            facts.guesses["province"] = "province_from_letterhead"
    if facts.total_delegates is None:
        facts.total_delegates = _loose_delegate_count(texts)
    return facts


def _loose_delegate_count(texts: list[str]) -> int | None:
    """ "Khoảng 90 đại biểu" or "Tổng số ... 90 đại biểu" anywhere, when no label said it."""
    for text in texts:
        folded = fold_chars(text)
        if "khoang" in folded or "tong so" in folded:
            count = _COUNT.search(folded)
            if count:
                return int(count.group(2) or count.group(1))
    return None
