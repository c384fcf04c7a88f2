"""Question answering on the labelled set: accuracy, and above all few confident wrong answers.

Failures are printed with their cues and evidence. Three parts (docs/questions.md, "Evaluation"):
the questions the rules were tuned on from the start, those held out when written and tuned on
since (together the development set, held to the issue's targets), and the `unseen_*` files,
never tuned on: the honest estimate for questions nobody has seen, held to floors just below
their measured figures so that a change which loses ground there fails.
"""

from __future__ import annotations

from tests.qa.evaluation import evaluate, figures, load_cases

# Issue 17's targets, on the questions the engine was developed on.
TARGET_ACCURACY, TARGET_CONFIDENT_WRONG = 0.97, 0.01
# Never tuned on: floors set just below the figures measured (docs/questions.md). (The fifteenth
# session's two fresh batches arrived at 70.0% and 77.3%, taking the part from 84.6% to 83.8%;
# the seventeenth's at 80.7% and 78.0%, with the part at 83.75% / 6.33%.)
UNSEEN_ACCURACY, UNSEEN_CONFIDENT_WRONG = 0.835, 0.065


def test_the_set_is_large_and_varied():
    cases = load_cases()
    assert len(cases) >= 400
    assert len({c.event for c in cases}) >= 4
    assert sum(c.language == "en" for c in cases) >= 80
    # Without diacritics: plain ASCII Vietnamese questions.
    assert sum(c.language == "vi" and c.question.isascii() for c in cases) >= 80
    assert sum(c.intents == ("unknown",) for c in cases) >= 45
    assert sum(c.unseen for c in cases) >= 150


def _report(outcomes):  # type: ignore[no-untyped-def]
    for o in outcomes:
        if not o.correct:
            kind = "CONFIDENT WRONG" if o.confident_wrong else "abstained"
            print(
                f"{kind} [{o.case.event}] {o.case.question!r}: expected {o.case.intents} {o.case.facts}, "
                f"got {o.answer.intent.value} evidence={o.answer.evidence}\n  {o.text!r}"
            )
    return figures(outcomes)


def test_accuracy_on_the_development_set():
    result = _report([o for o in evaluate() if not o.case.unseen])
    print(f"development: accuracy {result.accuracy:.3f}, confident wrong {result.confident_wrong_rate:.3f}")
    assert result.accuracy >= TARGET_ACCURACY
    assert result.confident_wrong_rate <= TARGET_CONFIDENT_WRONG


def test_accuracy_on_the_questions_never_tuned_on():
    # Only the totals: the failures of this part are not printed, so that nobody tunes on them.
    result = figures([o for o in evaluate() if o.case.unseen])
    print(
        f"never tuned on: accuracy {result.accuracy:.3f}, confident wrong {result.confident_wrong_rate:.3f}"
    )
    assert result.accuracy >= UNSEEN_ACCURACY
    assert result.confident_wrong_rate <= UNSEEN_CONFIDENT_WRONG
