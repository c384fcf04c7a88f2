"""Who is invited, read from prose: "các Sở, ngành: Tài chính, Xây dựng…", "(03 người)"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain.plan.agency_names import canonical_agency_name, catalogue_names, name_key
from bot.domain.textfold import fold, fold_chars

__all__ = ["ProseInvitee", "ProseInvitees", "read_invitee_prose", "starts_agency"]

# Words a body's name opens with (folded). A piece of a comma list that opens otherwise
# belongs to the name before it ("UBND các huyện, thị xã", "Văn hóa, Thể thao và Du lịch").
_AGENCY_WORDS = (
    "so",
    "ubnd",
    "uy ban",
    "hdnd",
    "hoi dong",
    "ban",
    "bo",
    "cuc",
    "chi cuc",
    "trung tam",
    "vien",
    "truong",
    "hoi",
    "lien hiep",
    "lien minh",
    "ngan hang",
    "bao",
    "dai",
    "cong an",
    "van phong",
    "thanh tra",
    "kho bac",
    "cong ty",
    "tinh doan",
    "tinh uy",
    "hoc vien",
    "dai hoc",
    "bao hiem",
    "hiep hoi",
    "cac",
    "dai dien",
    "lanh dao",
    "phong",
    "thue",
    "hai quan",
    "doanh nghiep",
    "chuyen gia",
    "quy",
    "khu",
    "mat tran",
    "nha",
    "to chuc",
    "co quan",
    "don vi",
    "thuong truc",
    "bch",
    "bo chi huy",
    "toa an",
    "vien kiem sat",
    "nhcsxh",
    "nhnn",
    "kbnn",
    "cuc thong ke",
    "thong ke",
    "kiem toan",
    "dien luc",
    "vien thong",
    "buu dien",
    "buu chinh",
    "chi nhanh",
)
_AGENCY_START = re.compile(r"^(?:" + "|".join(re.escape(w) for w in _AGENCY_WORDS) + r")\b")
# "các Sở, ngành: Tài chính, Xây dựng" / "Lãnh đạo các sở: Tư pháp, Nội vụ".
_GROUP = re.compile(
    r"^(?:(?:dai dien|lanh dao|dai dien lanh dao)\s+)?(?:cac\s+)?"
    r"(?P<word>so|ban|bo|trung tam|vien|hoi)(?:\s*,\s*(?:ban\s*,\s*)?nganh)?[^:]{0,30}:\s*(?P<items>.+)$"
)
_EACH = re.compile(r"moi (?:don vi|co quan|so|dia phuong)\s*(?:cu\s+)?(\d{1,3})\s*(?:dai bieu|nguoi|d/c)")
_COUNT_AFTER = re.compile(r"\(?\s*(?:so luong\s*:?\s*)?(\d{1,3})\s*(?:nguoi|dai bieu|db|d/c)\s*\)?\s*$")
_ROLE = re.compile(
    r"^\s*(?:(?:dai dien|lanh dao|cac dong chi|dong chi|thanh vien|chuyen vien|can bo"
    r"|pho giam doc|giam doc|chu tich|pho chu tich|truong phong|thu truong)\s+)+"
)
_LEAD = re.compile(r"^\s*(?:[-–•+*]|\d+[.)]|[a-zđ]\))\s+")
_JOIN = re.compile(r"^\s*(?:va|cung|cung voi)\s+")


@dataclass
class ProseInvitee:
    """One body read from prose, with its seats when the prose gives them."""

    name: str
    seats: int | None = None


@dataclass
class ProseInvitees:
    """The bodies read from prose, and the pieces that were not kept as a body (never silent)."""

    invitees: list[ProseInvitee] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def starts_agency(text: str) -> bool:
    """Whether a piece of text opens with a word that starts a body's name."""
    return _AGENCY_START.match(fold(text)) is not None


def _cut(text: str, match: re.Match[str]) -> str:
    """The text without the span a match over its folded form found."""
    return (text[: match.start()] + text[match.end() :]).strip(" ,;.:")


def _strip_role(text: str) -> str:
    """Drop "Đại diện lãnh đạo" before a body's name."""
    match = _ROLE.match(fold_chars(text))
    if match and text[match.end() :].strip():
        return text[match.end() :].strip()
    return text.strip()


def _pieces(text: str) -> list[str]:
    """Split a comma list into names, keeping commas that belong inside one name."""
    out: list[str] = []
    for raw in re.split(r",\s*", text):
        piece = raw.strip()
        if not piece:
            continue
        joined = _JOIN.match(fold_chars(piece))
        if out and not starts_agency(piece) and not joined:
            out[-1] = f"{out[-1]}, {piece}"
        else:
            out.append(piece[joined.end() :] if joined else piece)
    # "Sở Tài chính và Sở Xây dựng": "và" between two bodies separates them.
    split: list[str] = []
    for piece in out:
        parts = re.split(r"\s+và\s+(?=(?:Sở|UBND|Ủy ban|Ban|Bộ|Cục|Trung tâm|Viện|Hội|Báo|Đài)\b)", piece)
        split.extend(part.strip() for part in parts if part.strip())
    return split


def _group_items(word: str, items: str) -> list[str]:
    """ "Tài chính, Xây dựng và Công Thương" under "các Sở" -> "Sở Tài chính", "Sở Xây dựng"…"""
    prefix = {"so": "Sở", "ban": "Ban", "bo": "Bộ", "trung tam": "Trung tâm", "vien": "Viện"}.get(word, "Sở")
    names = []
    # Names of the catalogue that hold a comma or "và" are taken out whole first.
    for known in catalogue_names():
        if not fold(known).startswith(fold(prefix) + " "):
            continue
        rest = known[len(prefix) + 1 :]
        if "," not in rest and " và " not in rest:
            continue
        match = re.search(
            r"(?<![a-z])" + re.escape(fold(rest)).replace(r"\ ", r"\s+") + r"(?![a-z])",
            fold_chars(items),
        )
        if match:
            names.append(known)
            items = items[: match.start()] + items[match.end() :]
    for raw in re.split(r",\s*|\s+và\s+|;\s*", items):
        item = raw.strip(" .…()")
        if not item or fold(item) in {"", "..."}:
            continue
        if starts_agency(item):
            names.append(item)
            continue
        candidate = f"{prefix} {item}"
        names.append(canonical_agency_name(candidate) or candidate)
    return names


def _keep(name: str) -> bool:
    """A real body: opens with a body word or is in the catalogue; not a bare fragment."""
    if canonical_agency_name(name):
        return True
    words = name.split()
    return starts_agency(name) and len(words) >= 2 and len(name) <= 160


def read_invitee_prose(chunks: list[str]) -> ProseInvitees:
    """Read the bodies named in prose chunks, with seat counts written beside them."""
    result = ProseInvitees()
    seen: set[str] = set()
    for chunk in chunks:
        text = _LEAD.sub("", chunk).strip().rstrip(".;")
        each = _EACH.search(fold_chars(text))
        per_unit = int(each.group(1)) if each else None
        if each:
            text = _cut(text, each)
        for segment in re.split(r";\s*", text):
            segment = _strip_role(segment.strip())
            if not segment:
                continue
            group = _GROUP.match(fold_chars(segment))
            names = (
                _group_items(group["word"], segment[group.start("items") :]) if group else _pieces(segment)
            )
            for name in names:
                seats = per_unit
                count = _COUNT_AFTER.search(fold_chars(name))
                if count:
                    seats = int(count.group(1))
                    name = _cut(name, count)
                name = _strip_role(re.sub(r"\s*\([^)]*\)\s*$", "", name).strip(" ,.;:"))
                key = name_key(name)
                if not key or key in seen:
                    continue
                if not _keep(name):
                    result.dropped.append(name)
                    continue
                seen.add(key)
                result.invitees.append(ProseInvitee(name, seats))
    return result
