"""What an answer is, what it rests on, and the words that may surround any question."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.qa.intents import Intent
from bot.domain.qa.messages import Message

__all__ = ["CONFIDENCE_THRESHOLD", "HARMLESS", "Answer", "Evidence", "unsure"]

CONFIDENCE_THRESHOLD = 0.5  # below this an answer is not given: the question goes to the organisers
# Words that may surround any question without changing what it asks.
HARMLESS = frozenset(
    """
    comat afterwards afterward all definitely surely really certainly ngoi nganh learn study studying learning biet xem hoi oi nhe nha vay ak ad admin ban bac thay chu co ong ba anh chi em minh toi dum gium
    giup voi nua lai luon chua duoc phai nen lam xin loi vang ok oke okie uh um hello dear sir madam
    remind let like need wanna gonna guys again also just still exactly actually sorry excuse kindly
    mr ms mrs check confirm info information details detail thong tin chi tiet cu the dang roi
    vui long lam on thank thanks quick question hoi chut xiu ti nhanh cuoc lan nay hom cai
    send share show provide provided provides offer offered serve served available possible allowed
    okay sure right correct whole full attend attending join joining come coming arrive arriving
    going find look see tell say said mean exact exactly know pls plz thx also thing things one
    session sessions part parts segment item slot topic included include includes into onto within
    kip nam first second third last final quoc te international regional ten xa dung phai
    open opens close closes list lists items schedule leader leaders lanh dao sep boss if provincial province khac other main located handles handle tat ca
    many they same old already someone lost us lay running anything something everything om sick ill busy beforehand advance into doesn anywhere somewhere ourselves yourself myself one two three four five watch comes out each every du organisers organizers organiser organizer duoi luot situation arrangements bang cach based khoang kieu mo follow following overall given giving gives both participants participant attendees attendee side sides around muon bon delegates delegate them longer stop stops due visiting via
    through throughout toward towards upon regarding concerning whether though although whereas whilst hence
    thus therefore however anyway anyhow perhaps maybe probably possibly having got gets getting
    among amongst across along lo former formerly during needed inside ask asking organising organizing
    else hon taking cung person gan near nearby nearest
    """.split()
)


@dataclass(frozen=True)
class Evidence:
    """What an answer rests on: a programme line, an event field, a note, a FAQ entry, an agency."""

    source: str  # "item", "field", "note", "faq", "agency", "cue", "unexplained"
    detail: str  # the line's title, the field's name, the note topic, the word...
    score: float  # how well it matched (0..1)


@dataclass(frozen=True)
class Answer:
    """What the bot understood and what it answers. `confident=False` means: forward it."""

    intent: Intent
    confidence: float
    messages: tuple[Message, ...]
    confident: bool = True
    question_like: bool = True
    location: bool = False
    ics: bool = False
    forward: bool = False  # answered honestly, but the organisers should see the question
    cues: tuple[str, ...] = ()
    matched: tuple[str, ...] = field(default=())
    evidence: tuple[Evidence, ...] = ()
    language: str | None = None  # "en" when the question is in English: answer in English

    @property
    def abstains(self) -> bool:
        """Whether the bot says it does not know (and forwards the question)."""
        return not self.confident or self.forward


def unsure(
    cues: tuple[str, ...],
    question_like: bool,
    matched: tuple[str, ...] = (),
    key: str = "qa.unsure",
    evidence: tuple[Evidence, ...] = (),
) -> Answer:
    """An answer that does not answer: the question goes to the organisers."""
    return Answer(
        Intent.UNKNOWN,
        0.0,
        (Message.of(key),),
        False,
        question_like,
        forward=True,
        cues=cues,
        matched=matched,
        evidence=evidence,
    )
