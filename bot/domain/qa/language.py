"""Which language a question is written in, so the answer can come back in the same one."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.domain.qa.lexicon import lexicon
from bot.domain.textfold import fold

__all__ = ["ENGLISH_WORDS", "LOANWORDS", "loanwords_only", "question_language"]

# Common English words of questions; Vietnamese syllables that look the same ("to", "do", "an",
# "the", "me", "hi", "ban") are left out: they prove nothing.
ENGLISH_WORDS = frozenset(
    """
    what where when who whom which why how is are was were does did will would could can should
    shall may might must have has had be been being it its this that these those there here
    my your our their his her we you they he she i of in on at for from with about into by and or
    but not no yes please pls plz thanks thank thx hello hey hiya good morning afternoon evening
    time date day days first second last next now today tomorrow long many much start starts
    begin begins end ends finish finishes over venue address location place map room building
    agenda programme program schedule session sessions speaker speakers speak speaks speaking
    talk talks present presents presenting presentation chair chairs chaired closing opening
    break lunch coffee dinner parking park car wear dress code bring documents wifi password
    hotel accommodation contact phone number email someone colleague ticket price cost fee
    workshop conference meeting event ceremony forum training course seminar panel discussion
    get going happening happen held hold give gives after before between during then who's what's
    when's where's whats wheres whens hows i'm im need want like know tell show send see find
    add calendar presenting presented provided provide held lunch is there any should wear
    slides slide shared share recorded recording certificate guest guests allowed bring free
    included include translator interpreter attend attendees women men children kids stay
    floor elevator toilet restroom breakfast available shuttle airport registration fee
    zoom id link call calls connection online drops drop help support tech late early website
    internet network join joining login code bus trip visit factory talking dr
    coming up upcoming later soon until
    yesterday anywhere anyone anything everyone somewhere livestreamed streamed broadcast aired
    lot very helpful great that's it's you're we're awesome appreciate appreciated wonderful perfect
    book booked booking still exhibition booth stand
    """.split()
)
# Vietnamese words of asking, folded, that English does not use.
VIETNAMESE_WORDS = frozenset(
    """
    dau may gio khi nao gi khong ko k co la ai bao lau luc duoc dc cho xin vay nhe nha thi ntn sao
    chua roi dang phan em anh chi toi minh hoi cua va voi trong ngay buoi sang chieu nay den ve tai
    o di bat ket thuc trinh bay hom mai nhieu phai can nhu gui xe mac an trua gium giup dum
    mk ma mat khau xa phuong qua ad bn mn ak oi
    """.split()
)
# English words Vietnamese messages use as their own ("pass wifi", "link zoom", "file slide"): alone
# they make no question English.
LOANWORDS = frozenset(
    "pass wifi zoom link id hotline email mail slide slides online file laptop code ok oke buffet "
    "livestream check checkin in out qr gala fanpage facebook website web app".split()
)
_VIETNAMESE_LETTERS = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)
_WORD = re.compile(r"[a-z']+")
_WHAT_TIME = re.compile(r"\bmay\s*(?:h|gio)\b")
_NAME = re.compile(r"[^\W\d_]+")


def question_language(text: str) -> str | None:
    """'en' when the question is clearly English, 'vi' when clearly Vietnamese, else None."""
    raw = text.split()
    # A word with Vietnamese letters counts half: it may be a name
    # ("What is Sở Tài chính presenting?").
    vietnamese = sum(0.5 for w in raw if _VIETNAMESE_LETTERS.search(w))
    # A capitalised word inside the sentence that is no word of either language is a name
    # ("What is Dr. Pieter van Dijk presenting?"): it proves nothing.
    said = _NAME.findall(text)
    names = {
        fold(w)
        for n, w in enumerate(said)
        if n and w[:1].isupper() and fold(w) not in ENGLISH_WORDS | VIETNAMESE_WORDS
    }
    words = [w for w in _WORD.findall(fold(text)) if len(w) > 1 and w not in names]
    vietnamese += sum(w in VIETNAMESE_WORDS for w in words)
    # ("may h check in a": "mấy h" is "what time", typed without its marks; English has no "may h")
    vietnamese += 2 * len(_WHAT_TIME.findall(fold(text)))
    # ("wifi pass gì ad", "zoom id bn ạ": English words Vietnamese uses, in a Vietnamese question)
    # (Vietnamese said in lower case and in no English sense: not "can", not "Ma" of "Buôn Ma Thuột")
    # (a word with Vietnamese letters counts unless it goes on a capitalised name: "Sở Tài chính")
    plainly = any(
        (fold(w) in VIETNAMESE_WORDS and fold(w) not in ENGLISH_WORDS)
        or (_VIETNAMESE_LETTERS.search(w) and not (n and said[n - 1][:1].isupper()))
        for n, w in enumerate(said)
        if w[:1].islower()
    )
    english = sum(
        (w in ENGLISH_WORDS or w in _english_terms()) and not (plainly and w in LOANWORDS) for w in words
    )
    if _loanwords(words):
        english = 0  # "pass wifi", "link zoom?": what a Vietnamese message says in English words
    if english > vietnamese and english * 2 >= len(words):
        return "en"
    if words and words[0] in _OPENERS and not any(w in VIETNAMESE_WORDS for w in words):
        return "en"  # "who teaches chuyên đề 5?": an English question about a Vietnamese title
    return "vi" if vietnamese > english else None


# English words a question opens with.
_OPENERS = frozenset(
    "who what when where which how is are does do did can could will would should whose".split()
)


def loanwords_only(text: str) -> bool:
    """Whether the message is written in English words Vietnamese uses too ("wifi pass?")."""
    return _loanwords([w for w in _WORD.findall(fold(text)) if len(w) > 1])


def _loanwords(words: list[str]) -> bool:
    return bool(words) and all(w in LOANWORDS for w in words)


@lru_cache(maxsize=1)
def _english_terms() -> frozenset[str]:
    # (not the short glue of a phrase, a Vietnamese syllable too: "to" of "face to face")
    words = {w for phrase in lexicon().english_phrases for w in phrase.split()}
    return frozenset(w for w in words if (len(w) > 2 and w not in VIETNAMESE_WORDS) or w in ENGLISH_WORDS)
