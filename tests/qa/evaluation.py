"""The labelled question set and how one answer is judged (shared by the test and the benchmark)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.domain.qa.answer import Answer, answer_question
from bot.domain.qa.messages import render_messages
from bot.domain.qa.view import EventView
from bot.i18n import translator
from tests.qa.events import event_views

__all__ = ["Case", "Outcome", "NOW", "load_cases", "judge", "evaluate"]

# Friday 20/11/2026 09:00 in Hà Nội: the conference is under way, the workshop six days ahead.
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
QUESTIONS = Path(__file__).with_name("questions.yaml")


@dataclass(frozen=True)
class Case:
    """One labelled question."""

    question: str
    event: str
    intents: tuple[str, ...]
    facts: tuple[str, ...]
    language: str


@dataclass(frozen=True)
class Outcome:
    """How the bot answered one case, and whether that was right."""

    case: Case
    answer: Answer
    text: str
    correct: bool


def load_cases() -> list[Case]:
    """Every labelled question, in file order."""
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    cases = []
    for event, entries in data.items():
        for entry in entries:
            intents = entry["intent"] if isinstance(entry["intent"], list) else [entry["intent"]]
            cases.append(Case(entry["q"], event, tuple(intents), tuple(entry.get("facts") or ()),
                              entry.get("lang", "vi")))
    return cases


def judge(case: Case, view: EventView, now: dt.datetime = NOW) -> Outcome:
    """Answer one case and check the intent and every fact."""
    answer = answer_question(case.question, view, now)
    text = render_messages(translator(case.language), answer.messages)
    correct = answer.intent.value in case.intents and all(fact in text for fact in case.facts)
    return Outcome(case, answer, text, correct)


def evaluate() -> list[Outcome]:
    """Judge every case against its event."""
    views = event_views()
    return [judge(case, views[case.event]) for case in load_cases()]
