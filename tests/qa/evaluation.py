"""The labelled question set and how one answer is judged (shared by the test and the benchmark).

An answer is correct when it has the labelled intent, contains every labelled fact, none of the
facts labelled `not`, and is in the labelled language; a question labelled `unknown` is answered
correctly only by abstaining ("I don't know" and forwarded). A confident wrong answer is one that
does not abstain and is not correct: the figure that matters most.

Three parts (docs/questions.md, "Evaluation"): the questions tuned on from the start; those held
out when written (every question of the events in HELD_OUT_EVENTS or of a file named heldout_*,
and a fixed quarter of the others by crc32 of event and question), each measured once and tuned on
since; and the files named unseen_*, never tuned on: only their totals are looked at.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.domain.qa.answer import Answer, answer_question
from bot.domain.qa.messages import render_messages
from bot.domain.qa.view import EventView
from bot.i18n import translator
from tests.qa.events import HELD_OUT_EVENTS, event_views

__all__ = ["NOW", "Case", "Figures", "Outcome", "evaluate", "figures", "judge", "load_cases"]

# Friday 20/11/2026 09:00 in Hà Nội: the conference is under way, the workshop six days ahead.
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
QUESTIONS = Path(__file__).with_name("questions")
# Question files whose name starts so were held out whole when written (a fresh batch over all
# events), measured once, and tuned on afterwards (docs/questions.md).
HELD_OUT_PREFIX = "heldout_"
# Question files whose name starts so have never been tuned on: only their totals are looked at.
UNSEEN_PREFIX = "unseen_"


@dataclass(frozen=True)
class Case:
    """One labelled question."""

    question: str
    event: str
    intents: tuple[str, ...]
    facts: tuple[str, ...]
    language: str
    absent: tuple[str, ...] = ()
    source: str = ""  # the question file's name without .yaml

    @property
    def unseen(self) -> bool:
        """Whether the question has never been tuned on (its failures are not looked at)."""
        return self.source.startswith(UNSEEN_PREFIX)

    @property
    def held_out(self) -> bool:
        """Whether the question was held out from tuning when it was written (tuned on since)."""
        return not self.unseen and (
            self.event in HELD_OUT_EVENTS
            or self.source.startswith(HELD_OUT_PREFIX)
            or zlib.crc32(f"{self.event}|{self.question}".encode()) % 4 == 0
        )


@dataclass(frozen=True)
class Outcome:
    """How the bot answered one case, and whether that was right."""

    case: Case
    answer: Answer
    text: str
    correct: bool

    @property
    def confident_wrong(self) -> bool:
        """Answered without abstaining, and wrong."""
        return not self.correct and not self.answer.abstains


@dataclass(frozen=True)
class Figures:
    """Accuracy and confident-wrong rate over some outcomes."""

    total: int
    correct: int
    confident_wrong: int

    @property
    def accuracy(self) -> float:
        """Share of correct answers."""
        return self.correct / self.total if self.total else 0.0

    @property
    def confident_wrong_rate(self) -> float:
        """Share of confident wrong answers."""
        return self.confident_wrong / self.total if self.total else 0.0


def load_cases() -> list[Case]:
    """Every labelled question, file by file in name order."""
    cases = []
    for path in sorted(QUESTIONS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for event, entries in data.items():
            for entry in entries:
                intents = entry["intent"] if isinstance(entry["intent"], list) else [entry["intent"]]
                facts, absent = tuple(entry.get("facts") or ()), tuple(entry.get("not") or ())
                language = entry.get("lang", "vi")
                cases.append(Case(entry["q"], event, tuple(intents), facts, language, absent, path.stem))
    return cases


def judge(case: Case, view: EventView, now: dt.datetime = NOW) -> Outcome:
    """Answer one case as a Vietnamese-speaking user would get it, and check it."""
    answer = answer_question(case.question, view, now)
    language = answer.language or "vi"
    text = render_messages(translator(language), answer.messages)
    if answer.abstains:
        correct = "unknown" in case.intents
    else:
        correct = (
            answer.intent.value in case.intents
            and all(fact in text for fact in case.facts)
            and not any(fact in text for fact in case.absent)
            and language == case.language
        )
    return Outcome(case, answer, text, correct)


def evaluate() -> list[Outcome]:
    """Judge every case against its event."""
    views = event_views()
    return [judge(case, views[case.event]) for case in load_cases()]


def figures(outcomes: list[Outcome]) -> Figures:
    """Accuracy and confident-wrong counts of some outcomes."""
    return Figures(len(outcomes), sum(o.correct for o in outcomes), sum(o.confident_wrong for o in outcomes))
