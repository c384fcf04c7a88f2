"""Turn what a delegate typed into comparable tokens: folded, abbreviations written out, markers set.

"Mấy h HT bắt đầu?" and "may gio hoi thao bat dau" give the same tokens. The same function is
applied to the event's own texts (titles, presenters, agency names), so both sides meet halfway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.textfold import fold

__all__ = [
    "Normalised",
    "blank_phrases",
    "TIME_QUESTION",
    "STOPWORDS",
    "holds",
    "normalise",
    "normalise_tokens",
    "content_tokens",
]

TIME_QUESTION = "time_question"

# Short forms people and plans use, folded. Compounds with "&" are looked up whole first.
ABBREVIATIONS: dict[str, str] = {
    "ht": "hoi thao",
    "e": "em",
    "hthao": "hoi thao",
    "hoithao": "hoi thao",
    "hn": "hoi nghi",
    "kh&cn": "khoa hoc cong nghe",
    "khcn": "khoa hoc cong nghe",
    "kh&dt": "ke hoach dau tu",
    "khdt": "ke hoach dau tu",
    "gd&dt": "giao duc dao tao",
    "gddt": "giao duc dao tao",
    "tn&mt": "tai nguyen moi truong",
    "tnmt": "tai nguyen moi truong",
    "nn&ptnt": "nong nghiep phat trien nong thon",
    "nnptnt": "nong nghiep phat trien nong thon",
    "nn&mt": "nong nghiep moi truong",
    "ldtb&xh": "lao dong thuong binh xa hoi",
    "ldt&xh": "lao dong thuong binh xa hoi",
    "ldtbxh": "lao dong thuong binh xa hoi",
    "vhtt&dl": "van hoa the thao du lich",
    "tt&tt": "thong tin truyen thong",
    "dmst": "doi moi sang tao",
    "bcd": "ban chi dao",  # "BCĐ": a steering committee
    "nc&pt": "nghien cuu phat trien",
    "ncpt": "nghien cuu phat trien",
    "sv": "sinh vien",
    "hv": "hoc vien",  # a trainee
    "gv": "giang vien",  # a lecturer
    "gvn": "giang vien nguon",
    "shtt": "so huu tri tue",
    "cds": "chuyen doi so",
    "cn": "cong nghe",
    "kh": "khoa hoc",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "btc": "ban to chuc",
    "bql": "ban quan ly",
    "kkt": "khu kinh te",
    "cnc": "cong nghe cao",  # "khu CNC": khu công nghệ cao
    "kcn": "khu cong nghiep",
    "ks": "khach san",
    "ql": "quan ly",
    "qlcn": "quan ly cong nghe",
    "nhnn": "ngan hang nha nuoc",
    "gtvt": "giao thong van tai",
    "dn": "doanh nghiep",
    "cty": "cong ty",
    "cb": "can bo",
    "gd": "giam doc",  # "GĐ bên em": the director ("GD&ĐT" is looked up whole first)
    "pgd": "pho giam doc",
    "pct": "pho chu tich",  # "PCT tỉnh": the Vice-Chairman
    "pv": "phong vien",  # a reporter
    "fb": "facebook",
    "dnnvv": "doanh nghiep nho va vua",
    "kt": "ket thuc",
    "sdt": "so dien thoai",
    "dthoai": "dien thoai",
    "tg": "thoi gian",
    "tgian": "thoi gian",
    "htx": "hop tac xa",
    "sp": "san pham",
    "whats": "what is",
    "wheres": "where is",
    "whos": "who is",
    "hnay": "hom nay",
    "hqua": "hom qua",
    "hnao": "hom nao",
    "dd": "dia diem",
    "diadiem": "dia diem",
    "ddiem": "dia diem",
    "dchi": "dia chi",
    "diachi": "dia chi",
    "ctrinh": "chuong trinh",
    "chuongtrinh": "chuong trinh",
    "lichtrinh": "lich trinh",
    "kmac": "khai mac",
    "khaimac": "khai mac",
    "bemac": "be mac",
    "glao": "giai lao",
    "giailao": "giai lao",
    "thaoluan": "thao luan",
    "tluan": "tham luan",
    "thamluan": "tham luan",
    "dangky": "dang ky",
    "dky": "dang ky",
    "ktra": "kiem tra",  # "bài ktra": a test
    "dk": "dang ky",
    "guixe": "gui xe",
    "doxe": "do xe",
    "antrua": "an trua",
    "trangphuc": "trang phuc",
    "batdau": "bat dau",
    "bdau": "bat dau",
    "ketthuc": "ket thuc",
    "kthuc": "ket thuc",
    "bn": "bao nhieu",
    "bnhieu": "bao nhieu",
    "bnh": "bao nhieu",
    "ntn": "nhu the nao",
    "j": "gi",
    "ji": "gi",
    "h": "gio",
    "ko": "khong",
    "k": "khong",
    "kg": "khong",
    "khg": "khong",
    "hok": "khong",
    "hong": "khong",
    "dc": "duoc",
    "z": "vay",
    "ct": "chuong trinh",
    "mk": "mat khau",
    "v": "vay",
    "xog": "xong",
    "trc": "truoc",
    "trg": "truong",
    "ng": "nguoi",
    "mn": "moi nguoi",
    "bh": "bao gio",
    "bgio": "bao gio",
    "lm": "lam",
    "vs": "voi",
    "r": "roi",
    # English names of agencies, so "Department of Finance" meets "Sở Tài chính".
    "department": "so",
    "finance": "tai chinh",
    "science": "khoa hoc",
    "technology": "cong nghe",
    "agriculture": "nong nghiep",
    "environment": "moi truong",
    "university": "dai hoc",
    "education": "giao duc",
    "planning": "ke hoach",
    "investment": "dau tu",
    "statistics": "thong ke",
    "health": "y te",
    "construction": "xay dung",
    "bank": "ngan hang",
    "q&a": "hoi dap",
    "qa": "hoi dap",
    "u": "you",
    "pls": "please",
    "plz": "please",
    "wat": "what",
    "wht": "what",
    "wen": "when",
    "whn": "when",
    "wer": "where",
}

# Words that carry no meaning for matching (Vietnamese particles, pronouns; English glue).
STOPWORDS = frozenset(
    """
    a ah oi vay the nhe nha nhi ha co khong la cua cho toi em anh chi minh chung ta ben duoc
    voi va hay hoac thi ma nay kia do nao de ve o tai tu den tren trong sau truoc luc khi
    con roi da dang se cac nhung mot hai moi phan muc neu xin vui long cam on giup
    quy vi dai bieu ban to chuc nguoi gi bao nhieu may sao nhu the di vao ra len
    the a an is are was were do does did of to in on at for by and or the i me my we you your
    it this that there what which who whom how when where please can could would will shall
    should may might have has had with about from any some tell know want pls ok
    give gives giving held hold holds happen happens going go get will been being s m ll re ve d t
    session sessions its their those these too also
    """.split()
)

# Phrases that ask "at what time / when"; they become the TIME_QUESTION marker.
_TIME_PHRASES = (
    ("may", "gio"),
    ("bao", "nhieu", "gio"),
    ("luc", "nao"),
    ("khi", "nao"),
    ("bao", "gio"),
    ("gio", "nao"),
    ("luc", "may"),
    ("thoi", "gian", "nao"),
    ("what", "time"),
    ("what", "times"),  # "what times does the shuttle leave"
    ("when",),
    ("what", "hour"),
    ("which", "time"),
    ("what", "day"),
    ("which", "day"),
    ("hom", "nao"),
    ("ngay", "nao"),
    ("ngay", "may"),
    ("bao", "lau", "nua"),
)

# "8h", "8h30", "08:30", "8g30", "2:30pm", "2 pm" become "8:30"-style clock tokens (24-hour).
# "CĐ6", "cd 6": the sixth "chuyên đề" (topic) of a course.
_TOPIC_NUMBER = re.compile(r"\bcd\s?(\d{1,2})\b")
# "pitch no. 1", "Room No.3": the English abbreviation of "number", the programme's "số".
_NUMBER_WORD = re.compile(r"\bno\.?\s*(?=\d{1,3}\b)(?!\d{1,2}\s*(?:am|pm|h|:))")
# ("Chuyên đề 5: ...": a colon makes a clock time only with the minutes after it)
_CLOCK = re.compile(
    r"\b(\d{1,2})(?:\s*(?:h|g|gio|:(?=\s*\d{2}))\s*(\d{2})?(?:p|phut)?\s*(am|pm)?|\s*(am|pm))\b"
)
_LEADING_TIME = re.compile(r"^\d{1,2}:\d{2}$")
# "19/11", "03-12-2026": a day of the month (kept apart from the tokens).
_DATE = re.compile(
    r"(?<![\d:])(\d{1,2})[/.-](\d{1,2})(?:[/.-]\d{2,4})?(?![\d:])"
    r"|\bngay (\d{1,2}) thang (\d{1,2})(?: nam \d{4})?\b"  # "ngày 26 tháng 11 (năm 2026)"
)


# "10 December", "Dec 3", "3rd of December": a day of the month in English.
_MONTHS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_MONTH = r"(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_ENGLISH_DATE = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {_MONTH}\b|\b{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?\b"
)


@dataclass(frozen=True)
class Normalised:
    """A question as tokens, with markers such as TIME_QUESTION and any clock time mentioned."""

    original: str
    tokens: tuple[str, ...]
    markers: frozenset[str]
    clock: str | None = None
    dates: tuple[tuple[int, int], ...] = ()  # (day, month) pairs mentioned

    @property
    def text(self) -> str:
        """The tokens joined by spaces."""
        return " ".join(self.tokens)


# Question words typed with a held key ("mayy h", "o dauuu"): the letter once.
_HELD_KEY = re.compile(r"(.)\1+$")
_QUESTION_WORDS = frozenset({"may", "khong", "dau", "nao", "gi", "sao", "bao", "chua", "ko"})


def _expand(token: str) -> list[str]:
    if len(token) > 2 and token[-1] == token[-2] and _HELD_KEY.sub(r"\1", token) in _QUESTION_WORDS:
        token = _HELD_KEY.sub(r"\1", token)
    if token in ABBREVIATIONS:
        return ABBREVIATIONS[token].split()
    if "&" in token:
        out: list[str] = []
        for part in token.split("&"):
            if part:
                out.extend(ABBREVIATIONS.get(part, part).split())
        return out
    return [token]


def _clock_token(match: re.Match[str]) -> str:
    hours, half = int(match.group(1)), match.group(3) or match.group(4)
    if half == "pm" and hours < 12:
        hours += 12
    elif half == "am" and hours == 12:
        hours = 0
    return f" {hours}:{match.group(2) or '00'} "


_CAPITAL_AI = re.compile(r"\bAI\b")
# Vietnamese words for one thing, written as the one the organisers' texts mostly use (folded).
_SYNONYM_OF = {
    "em muon": "em",  # "em muốn ở lại": what the asker wants, not "muộn" (late), which folds alike
    "toi muon": "toi",
    "minh muon": "minh",
    "a/c": "anh chi",  # "a/c cho e hỏi": the organisers addressed, never a "c" to be read
    "tong cong": "tat ca",  # "tổng cộng bao nhiêu điểm cầu": how many in all
    "chung chi": "chung nhan",
    "han chot": "han",
    "gui so lieu": "nop so lieu",  # data sent in is data submitted ("hạn gửi số liệu" / "hạn nộp")
    "han cuoi": "han",
    "gian hang": "gian trung bay",
    "giay khen": "chung nhan",
    "chup hinh": "chup anh",  # taking photos, either word
    "sau rieng": "saurieng",  # durian ("sầu riêng"), never "after" (sau)
    "per diem": "perdiem",  # an allowance, never the "điểm" (diem) of other texts
    "year end": "yearend",  # a year-end review ("tổng kết"), never the event's end
    "phu luc": "phuluc",  # an appendix ("phụ lục"), never a "phụ" gate at "lúc" (a time)
    # A machine ("máy chiếu", a projector) is one word: never "mấy" (how many) and "chiều" (afternoon).
    "may chieu": "maychieu",
    "may tinh": "maytinh",
    "may in": "mayin",
    "may lanh": "maylanh",
    "may quay": "mayquay",
    "dan chuong trinh": "mc",  # the MC ("người dẫn chương trình"), not "hướng dẫn" and a programme
    # A toilet is one word, not "về" and "sinh" of other texts ("sinh viên").
    "nha ve sinh": "nhavesinh",
    "phong ve sinh": "nhavesinh",
    "khu ve sinh": "nhavesinh",
    "bua toi": "an toi",  # a meal, however it is named ("bữa tối nhẹ" / "có ăn tối không")
    "bua trua": "an trua",
    "kieu gi": "the nao",  # "đăng ký kiểu gì": how, as "thế nào"
    "cach nao": "the nao",
    "tren mang xa hoi": "tren mang xa hoi",  # social media, which "trên mạng" alone is not
    "tren mang": "truc tuyen",  # "phát trực tiếp trên mạng": online (never "mang", to bring)
    "so dt": "so dien thoai",  # "số đt": a phone number ("đt cá nhân" alone may be one's phone)
    "chinh xac ngay": "ngay",
    "chinh xac luc": "luc",
    "chinh xac may": "may",
    "chinh xac khi": "khi",
    "chinh xac o": "o",
    "chinh xac la": "la",  # "chính xác là ngày nào": exactly, which asks nothing more ("tưới chính xác" stays)
    "nghe noi": "",  # "em nghe nói ...": what the asker heard, which asks nothing itself  # "chính xác là ngày nào": exactly, which asks nothing more
    "bien so xe": "plate number",  # "biển số xe đoàn": the coach's plate ("biên bản" is minutes)
    "bien so": "plate number",
    "or not": "",  # "is lunch provided or not": a yes/no question
    "on behalf of": "",  # "who signs on behalf of the university": for whom, the agency named
    "dat but ky": "ky",  # "đặt bút ký": to sign
    "dat but": "ky",
    # "tiếp" of a verb ("tiếp thu", "tiếp nhận", "tiếp cận"), never "next" ("tiếp theo")
    "tiep thu": "tiepthu",
    "tiep nhan": "tiepnhan",
    "tiep can": "tiepcan",
    "tiep xuc": "tiepxuc",
    "so gd": "so giao duc dao tao",  # "Sở GD": the education department, not a director (GĐ)
    "the ra vao": "badge",  # an access badge ("thẻ ra vào"), never the English "the"
    "cafe": "ca phe",  # "cafe", "caphe": how many write "cà phê"
    "caphe": "ca phe",
}
# Phrases that only soften a request, written with their marks ("cho tiện": for convenience;
# "cho tiền", give money, folds alike and is kept).
_SOFTENERS = re.compile(r"\b(?:cho|để cho) (?:thuận )?tiện\b", re.IGNORECASE)
# "Where can I leave my motorbike?": a vehicle left is parked, never the asker leaving early.
_LEAVE_VEHICLE = re.compile(
    r"\bleave (?:my|our|the|a|his|her|their) (motorbikes?|motorcycles?|cars?|bikes?|scooters?|vehicles?)\b"
)
# "họp báo" (a press conference) is one word: neither a meeting ("họp") nor "báo" of "báo cáo".
# ("họp bao lâu", "bao giờ", "bao nhiêu" ask how long, when, how many)
_PRESS = re.compile(r"\bhop bao\b(?! (?:cao|lau|gio|nhieu|h)\b)")
# "có mặt" (to be there) is one word, not "mật" of "mật khẩu"; "có mất tiền/phí" (to cost) and
# "có mật khẩu" fold alike and stay.
_PRESENT = re.compile(r"\bco mat\b(?! (?:khau|ma|ong|tien|phi|ve|chi|gi|nhieu|bao|lam|thoi)\b)")
# "chuyên đề sở hữu trí tuệ": the part on it ("Chuyên đề 3" keeps its number).
_TOPIC_UNNUMBERED = re.compile(r"\bchuyen de\b(?! ?\d)")
# "Bài 1.3", "paper 2.4", "phiên số 2.1": a part numbered within a part, never the 1st of March.
_PART_NUMBER = re.compile(
    r"\b(bai|bao cao|tham luan|phien|muc|de tai|nhom|poster|paper|papers|session|talk|item|track|panel)"
    r"(\s*|\s+so\s+)(\d{1,2})\.(\d{1,2})\b(?!\.\d)"
)


def _part_numbers(folded: str) -> str:
    # (one word, "1x3", which only that part's line holds: not "1" and "3" of every other; a
    # "paper 2.4" is a talk, the programme's "Bài 2.4", not the papers to bring)
    return _PART_NUMBER.sub(
        lambda m: f"{'talk' if m[1].startswith('paper') else m[1]}{m[2]}{m[3]}x{m[4]}", folded
    )


_SYNONYMS = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in _SYNONYM_OF) + r")\b")


_HIGHLAND_NAME = re.compile(r"\b([hky])['\u2019](?=[a-z])")


@lru_cache(maxsize=8192)
def normalise_tokens(text: str) -> tuple[str, ...]:
    """Folded tokens with abbreviations written out (no markers); for event texts too."""
    # "AI" in capitals is artificial intelligence, never "ai" (who).
    folded = fold(_SOFTENERS.sub(" ", _CAPITAL_AI.sub(" tri tue nhan tao ", text)))
    folded = folded.replace(" & ", "&").replace("& ", "&").replace(" &", "&")
    folded = (
        folded.replace("start-up", "startup").replace("start up", "startup").replace("year-end", "yearend")
    )
    # ("ThS. H'Yến Niê": a Central Highlands name is one word, never "h" for "giờ")
    folded = _HIGHLAND_NAME.sub(r"\1", folded)
    folded = _SYNONYMS.sub(lambda m: _SYNONYM_OF[m.group(0)], folded)
    folded = _LEAVE_VEHICLE.sub(r"park \1", folded)
    folded = _PRESS.sub("hopbao", folded)
    folded = _PRESENT.sub("comat", folded)
    folded = _TOPIC_UNNUMBERED.sub("phan", folded)
    folded = _ENGLISH_DATE.sub(" ", _DATE.sub(" ", _part_numbers(folded)))
    folded = _TOPIC_NUMBER.sub(r"chuyen de \1", folded)
    folded = _NUMBER_WORD.sub("so ", folded)
    folded = _CLOCK.sub(_clock_token, folded)
    tokens: list[str] = []
    for raw in re.findall(r"\d{1,2}:\d{2}|[a-z0-9&]+", folded):
        if _LEADING_TIME.match(raw):
            tokens.append(raw)
        else:
            tokens.extend(_expand(raw))
    return tuple(tokens)


def blank_phrases(
    tokens: tuple[str, ...], phrases: list[tuple[str, ...]] | tuple[tuple[str, ...], ...]
) -> tuple[str, ...]:
    """`tokens` with every occurrence of each of `phrases` blanked out (""), positions kept."""
    at = {
        n + k
        for phrase in phrases
        if phrase
        for n in range(len(tokens) - len(phrase) + 1)
        if tokens[n : n + len(phrase)] == phrase
        for k in range(len(phrase))
    }
    return tuple("" if n in at else t for n, t in enumerate(tokens))


def holds(tokens: tuple[str, ...] | list[str], phrase: tuple[str, ...]) -> bool:
    """Whether `phrase` occurs in `tokens`."""
    # Most phrases asked about are rejected by their first word alone, so look for it first.
    if not phrase or phrase[0] not in tokens:
        return False
    width = len(phrase)
    if width == 1:
        return True
    first = phrase[0]
    return any(
        token == first and tuple(tokens[i : i + width]) == phrase
        for i, token in enumerate(tokens[: len(tokens) - width + 1])
    )


@lru_cache(maxsize=8192)
def normalise(text: str) -> Normalised:
    """The question as tokens, with the time-question marker and a mentioned clock time."""
    tokens = normalise_tokens(text)
    markers = set()
    # "check-in time?", "lunch time": a time asked by its last word.
    if any(holds(tokens, p) for p in _TIME_PHRASES) or tokens[-1:] == ("time",):
        markers.add(TIME_QUESTION)
    clock = next((t for t in tokens if _LEADING_TIME.match(t)), None)
    if clock is not None:
        hours, minutes = (int(x) for x in clock.split(":"))
        clock = f"{hours:02d}:{minutes:02d}" if hours < 24 and minutes < 60 else None
    if "?" in text:
        markers.add("question_mark")
    found = [
        (int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4)))
        for m in _DATE.finditer(_part_numbers(fold(text)))
    ]
    found += [
        (int(m.group(1) or m.group(4)), _MONTHS[(m.group(2) or m.group(3))[:3]])
        for m in _ENGLISH_DATE.finditer(fold(text))
    ]
    dates = tuple((day, month) for day, month in found if 1 <= day <= 31 and 1 <= month <= 12)
    return Normalised(original=text, tokens=tokens, markers=frozenset(markers), clock=clock, dates=dates)


# A stopword's syllable that, with the next one, is a word of its own: "đăng ký" ("đăng" is no
# "đang"), "chung kết" (a final), "chứng nhận", "chứng chỉ" (never "chúng"); and one that is a
# word with the syllable before it: "trưởng bản", "thôn, bản" (a village, never "bạn").
_KEPT = frozenset(
    {
        ("dang", "ky"),
        ("chung", "ket"),
        ("chung", "nhan"),
        ("chung", "chi"),
        ("dai", "hoc"),
        ("truong", "ban"),
        ("thon", "ban"),
    }
)


def content_tokens(tokens: tuple[str, ...] | list[str]) -> list[str]:
    """Tokens that carry meaning: no stopwords, no clock times."""
    # "at 9", "ngày 2": a small number says when, not what.
    # ("đăng ký": "đăng" is no "đang" there, and "ký" alone would name a signing; "chung kết")
    return [
        t
        for n, t in enumerate(tokens)
        if (
            t not in STOPWORDS
            or (t, tokens[n + 1] if n + 1 < len(tokens) else "") in _KEPT
            or (n and (tokens[n - 1], t) in _KEPT)
        )
        and not _LEADING_TIME.match(t)
        and not (t.isdigit() and len(t) <= 2)
    ]
