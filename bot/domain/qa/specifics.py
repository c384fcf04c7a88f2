"""Particular things a practical question may name, which the organisers' note must then mention.

"Có cần mang laptop không" asks about a laptop: a note on documents that never mentions one does
not answer it, so the bot says it does not know. Each group holds the ways of naming one thing
(Vietnamese and English, folded); the note answers only if it names the thing in any of them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.domain.qa.normalise import holds, normalise_tokens

__all__ = [
    "answered_specifics",
    "specific_words",
    "unanswered_place_part",
    "unanswered_places",
    "unanswered_specifics",
    "writes_web_address",
]

_GROUPS: tuple[tuple[str, ...], ...] = (
    # parking
    ("o to", "oto", "xe hoi", "car", "cars"),
    ("xe may", "motorbike", "motorbikes", "scooter", "xe ga"),
    ("xe dap", "bicycle", "bike"),
    (
        "mien phi",
        "free",
        "mat phi",
        "mat tien",
        "gop tien",  # "có phải góp tiền không": chip in
        "dong tien",
        "phi gui xe",
        "tien gui xe",
        "fee",
        "dai tho",
        "moi com",  # "Ban Tổ chức mời cơm trưa": the organisers treat
        "moi an",
        "tu tuc",
        "tra tien",
        "pay",
        "pays",
        "chi tra",
        "paid",
        "charge",
        "offered by",
        "sort it out",
        "sort out",
        "on our own",
        "cost",
        "price",
        "how much",
    ),
    # an amount asked ("phòng giá bao nhiêu một đêm"): only an amount, or "free", gives it
    ("gia bao nhieu", "gia phong", "gia ve", "room rate"),
    # people
    ("dong nghiep", "colleague", "nguoi khac", "someone else", "another person", "nguoi di thay", "cu nguoi"),
    # handing things out
    ("cap", "phat", "nhan", "trao", "issue", "issued", "give out", "hand out", "handed out", "receive"),
    # dress code
    ("vest", "com le", "suit", "jacket"),
    ("ao dai",),
    ("dong phuc", "uniform"),
    ("ca vat", "tie", "necktie"),
    ("ao so mi", "so mi", "shirt"),
    ("quan jean", "jean", "jeans"),
    ("dep", "sandal", "sandals", "giay the thao", "sneakers"),
    # meals
    ("an chay", "do chay", "mon chay", "com chay", "vegetarian", "vegan"),
    ("buffet", "tu chon"),
    ("do uong", "nuoc uong", "tra nuoc", "drinks", "water"),
    ("bia", "ruou", "beer", "wine", "alcohol", "do uong co con", "co con", "alcoholic"),
    # documents
    ("laptop", "may tinh", "computer"),
    ("cccd", "can cuoc", "cmnd", "chung minh", "id card", "passport", "ho chieu"),
    ("giay moi", "the moi", "invitation", "invitation card"),
    ("giay gioi thieu", "letter of introduction"),
    ("anh the", "photo"),
    ("usb",),
    # contact
    ("zalo",),
    ("email", "e mail", "gmail", "thu dien tu"),
    ("mat khau", "password", "passcode", "pass", "mat ma"),
    (
        "link",
        "url",
        "duong link",
        "duong dan",
        "website address",
        "web address",
        "dia chi website",
        "dia chi web",
    ),
    ("facebook", "fb", "fanpage", "mang xa hoi", "social media"),
    # accommodation
    ("an sang", "breakfast"),
    ("dieu hoa", "may lanh", "air conditioning"),
    ("ho boi", "be boi", "pool", "gym"),
)


# A kind of thing asked for ("giấy tờ gì") that a text naming one of its members answers.
_KINDS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("giay to", "papers", "identification"),
        ("cccd", "can cuoc", "cmnd", "ho chieu", "passport", "giay moi", "giay gioi thieu"),
    ),
    # "áo màu gì", "what colour": a colour named ("áo xanh dương"); only colour words that are no
    # other common word once folded ("đỏ" is "do", "đen" is "đến")
    (
        ("mau", "colour", "color", "colours", "colors"),
        (
            "xanh",
            "vang",
            "nau",
            "xam",
            "mau do",
            "mau trang",
            "mau den",
            "mau tim",
            "mau cam",
            "mau hong",
            "ao trang",
            "ao do",
            "blue",
            "red",
            "green",
            "yellow",
            "white",
            "black",
            "orange",
            "purple",
            "pink",
            "grey",
            "gray",
            "navy",
        ),
    ),
)


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]], ...]:
    return tuple(
        (tuple(normalise_tokens(p) for p in kind), tuple(normalise_tokens(p) for p in members))
        for kind, members in _KINDS
    )


# A dress standard a note may give, and the formal clothes it covers (the first way of naming each).
_DRESS_STANDARDS = ("cong so", "lich su", "trang trong", "formal", "business attire", "office wear")
_FORMAL_WEAR = frozenset({("vest",), ("ao", "dai"), ("ca", "vat"), ("ao", "so", "mi")})


@lru_cache(maxsize=1)
def _dress_standards() -> tuple[tuple[str, ...], ...]:
    return tuple(normalise_tokens(p) for p in _DRESS_STANDARDS)


@lru_cache(maxsize=1)
def _groups() -> tuple[tuple[tuple[str, ...], ...], ...]:
    return tuple(tuple(normalise_tokens(p) for p in group) for group in _GROUPS)


def specific_words() -> frozenset[str]:
    """Every word of the particular things the engine knows ("tự túc", "sandals")."""
    return frozenset(w for group in _groups() for phrase in group for w in phrase)


# "meet.google.com/kdt-pmxq-rvn": a web address written without its scheme.
_WEB_ADDRESS = re.compile(r"\b[\w-]+(?:\.[\w-]+)+/[\w-]+")


def writes_web_address(text: str) -> bool:
    """Whether a text writes a web address ("https://...", "www...", "forms.example.org/abc")."""
    return "http" in text or "www." in text or bool(_WEB_ADDRESS.search(text))


# "650.000 đồng/đêm", "2 triệu đồng", "USD 50": an amount, which is what a price asked wants.
_AMOUNT = re.compile(
    r"\b\d[\d.,]*\s*(?:đồng|đ|vnđ|vnd|usd|triệu|nghìn|ngàn)\b|\b(?:usd|vnđ|vnd)\s*\d|\$\s*\d", re.IGNORECASE
)
_MEETING_ID = re.compile(
    r"\b(?:zoom|meet|teams|webex)\b[^.;]{0,30}?\b(?:mã|id|meeting id)\b\W{0,3}\d{3}", re.IGNORECASE
)


# The groups of a kind of vehicle, by their first phrase.
_VEHICLES = frozenset({("o", "to"), ("xe", "may"), ("xe", "dap")})


@lru_cache(maxsize=1024)
def _named_groups(text: str) -> frozenset[int]:
    # Which groups a text (a note, a FAQ entry: a few per event) names, worked out once.
    said = normalise_tokens(text)
    named = {n for n, group in enumerate(_groups()) if any(holds(said, p) for p in group)}
    if any(holds(said, p) for p in _dress_standards()):
        # "Trang phục công sở" answers "mặc vest được không": formal clothes are office wear.
        named |= {n for n, group in enumerate(_groups()) if group[0] in _FORMAL_WEAR}
    if _AMOUNT.search(text) or any(holds(said, p) for p in (("mien", "phi"), ("free",))):
        # an amount, or "free", is what a price asked wants
        named |= {n for n, group in enumerate(_groups()) if ("gia", "bao", "nhieu") in group}
    vehicles = {n for n, group in enumerate(_groups()) if group[0] in _VEHICLES}
    if "xe" in said and not named & vehicles:
        # ("Đại biểu đỗ xe tại bãi xe cán bộ": a vehicle of no kind said, every kind is meant)
        named |= vehicles
    if "@" in text:  # an address names the email it does not spell out
        named |= {n for n, group in enumerate(_groups()) if ("email",) in group}
    if writes_web_address(text) or _MEETING_ID.search(text):
        # a web address, or a meeting's ID, is what "link zoom?" asks for to join
        named |= {n for n, group in enumerate(_groups()) if ("link",) in group}
    return frozenset(named)


def answered_specifics(question: tuple[str, ...], note: str) -> set[str]:
    """The question's words naming particular things the note does mention (in any wording)."""
    named = _named_groups(note)
    words: set[str] = set()
    present = set(question)
    for n, group in enumerate(_groups()):
        if n not in named:
            continue
        asked = [p for p in group if p[0] in present and holds(question, p)]
        words.update(w for p in asked for w in p)
    said = normalise_tokens(note)
    for kind, members in _kinds():
        if any(holds(said, m) for m in members):
            words.update(w for p in kind if holds(question, p) for w in p)
    return words


def unanswered_specifics(question: tuple[str, ...], note: str) -> list[str]:
    """The particular things the question names and the note does not (folded phrases)."""
    named = _named_groups(note)
    present = set(question)
    missing = []
    for n, group in enumerate(_groups()):
        asked = next((p for p in group if p[0] in present and holds(question, p)), None)
        if asked is not None and n not in named:
            missing.append(" ".join(asked))
    return missing


# A part of the place asked for ("tầng mấy", "which room") and the words that would give it.
_PLACE_PARTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("tang may", "tang nao", "which floor", "what floor", "floor"), ("tang", "floor", "level")),
    (
        ("phong nao", "phong so", "which room", "what room", "room number"),
        ("phong", "room", "ballroom", "hall", "hoi truong", "phong hop"),
    ),
    (
        ("toa nha nao", "toa nao", "which building", "what building"),
        # (a named institution's hall, a hotel or a centre is the building)
        (
            "toa",
            "building",
            "block",
            "tru so",
            "khach san",
            "hotel",
            "trung tam",
            "centre",
            "center",
            "hoi truong",
            "vien",
        ),
    ),
    (
        ("cong nao", "cong so may", "which gate", "which entrance", "loi vao"),
        ("cong", "gate", "entrance", "loi vao"),
    ),
)


@lru_cache(maxsize=1)
def _place_parts() -> tuple[tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]], ...]:
    return tuple(
        (
            tuple(normalise_tokens(p) for p in asks),
            tuple(normalise_tokens(p) for p in gives),
        )
        for asks, gives in _PLACE_PARTS
    )


def unanswered_place_part(question: tuple[str, ...], place: str) -> list[str]:
    """The parts of the place the question asks for (a floor, a room) that `place` does not give."""
    said = normalise_tokens(place)
    missing = []
    for asks, gives in _place_parts():
        asked = next((p for p in asks if holds(question, p)), None)
        if asked is not None and not any(holds(said, p) for p in gives):
            missing.append(" ".join(asked))
    return missing


# Provinces and cities a question may name a place by ("có xe đón ở Hà Nội không"), folded, which
# a note then must name too (words such as "Hà Nội" fold to everyday syllables the other checks let pass).
_PLACES = (
    "ha noi", "ho chi minh", "sai gon", "hai phong", "da nang", "can tho", "hue", "an giang",
    "vung tau", "bac giang", "bac kan", "bac lieu", "bac ninh", "ben tre", "binh dinh",
    "binh duong", "binh phuoc", "binh thuan", "ca mau", "cao bang", "dak lak", "dak nong",
    "dien bien", "dong nai", "dong thap", "gia lai", "ha giang", "ha tinh", "hai duong",
    "hau giang", "hoa binh", "hung yen", "khanh hoa", "kien giang", "kon tum", "lai chau",
    "lam dong", "lang son", "lao cai", "nam dinh", "nghe an", "ninh binh", "ninh thuan", "phu tho",
    "phu yen", "quang binh", "quang nam", "quang ngai", "quang ninh", "quang tri", "soc trang",
    "son la", "tay ninh", "thai binh", "thai nguyen", "thanh hoa", "tien giang", "tra vinh",
    "tuyen quang", "vinh long", "vinh phuc", "yen bai", "nha trang", "da lat", "quy nhon",
    "buon ma thuot", "pleiku", "ha long", "bien hoa", "hanoi", "saigon", "ho chi minh city",
)  # fmt: skip


@lru_cache(maxsize=1)
def _places() -> tuple[tuple[str, ...], ...]:
    return tuple(normalise_tokens(p) for p in _PLACES)


def unanswered_places(question: tuple[str, ...], text: str, own: tuple[str, ...] = ()) -> list[str]:
    """The provinces and cities the question names ("xe đón ở Hà Nội") that `text` does not, other
    than those of the event's own place (`own`: its venue's address, its title)."""
    said = normalise_tokens(text)
    return [" ".join(p) for p in _places() if holds(question, p) and not holds(said, p) and not holds(own, p)]
