"""Question answering holds its accuracy on the labelled set (>= 95%); failures are printed."""

from __future__ import annotations

from tests.qa.evaluation import evaluate, load_cases

MIN_ACCURACY = 0.95


def test_the_set_is_large_and_varied():
    cases = load_cases()
    assert len(cases) >= 150
    assert len({c.event for c in cases}) >= 2
    assert sum(c.language == "en" for c in cases) >= 25
    # Without diacritics: plain ASCII Vietnamese questions.
    assert sum(c.language == "vi" and c.question.isascii() for c in cases) >= 30


def test_accuracy_on_the_labelled_set():
    outcomes = evaluate()
    failures = [o for o in outcomes if not o.correct]
    for o in failures:
        print(f"[{o.case.event}] {o.case.question!r}: expected {o.case.intents} {o.case.facts}, "
              f"got {o.answer.intent.value} cues={o.answer.cues} matched={o.answer.matched}\n  {o.text!r}")
    accuracy = 1 - len(failures) / len(outcomes)
    print(f"accuracy {accuracy:.3f} on {len(outcomes)} questions")
    assert accuracy >= MIN_ACCURACY
