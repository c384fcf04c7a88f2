"""Question answering on the labelled set: accuracy, and above all few confident wrong answers.

Failures are printed with their cues and evidence. The held-out part (docs/questions.md) is
checked against looser floors than the part the rules were tuned on: it is the honest estimate.
"""

from __future__ import annotations

from tests.qa.evaluation import evaluate, figures, load_cases

TUNED_ACCURACY, TUNED_CONFIDENT_WRONG = 0.97, 0.01
# The once-held-out part: its failures were looked at in the fourth session (docs/questions.md), so
# these are regression floors set just below its measured figures, not an estimate of unseen ones.
HELD_OUT_ACCURACY, HELD_OUT_CONFIDENT_WRONG = 0.91, 0.03


def test_the_set_is_large_and_varied():
    cases = load_cases()
    assert len(cases) >= 400
    assert len({c.event for c in cases}) >= 4
    assert sum(c.language == "en" for c in cases) >= 80
    # Without diacritics: plain ASCII Vietnamese questions.
    assert sum(c.language == "vi" and c.question.isascii() for c in cases) >= 80
    assert sum(c.intents == ("unknown",) for c in cases) >= 45
    held_out = [c for c in cases if c.held_out]
    assert len(held_out) >= len(cases) // 4


def _report(outcomes):  # type: ignore[no-untyped-def]
    for o in outcomes:
        if not o.correct:
            kind = "CONFIDENT WRONG" if o.confident_wrong else "abstained"
            print(
                f"{kind} [{o.case.event}] {o.case.question!r}: expected {o.case.intents} {o.case.facts}, "
                f"got {o.answer.intent.value} evidence={o.answer.evidence}\n  {o.text!r}"
            )
    return figures(outcomes)


def test_accuracy_on_the_questions_tuned_on():
    result = _report([o for o in evaluate() if not o.case.held_out])
    print(f"tuned on: accuracy {result.accuracy:.3f}, confident wrong {result.confident_wrong_rate:.3f}")
    assert result.accuracy >= TUNED_ACCURACY
    assert result.confident_wrong_rate <= TUNED_CONFIDENT_WRONG


def test_accuracy_on_the_held_out_questions():
    result = figures([o for o in evaluate() if o.case.held_out])
    print(f"held out: accuracy {result.accuracy:.3f}, confident wrong {result.confident_wrong_rate:.3f}")
    assert result.accuracy >= HELD_OUT_ACCURACY
    assert result.confident_wrong_rate <= HELD_OUT_CONFIDENT_WRONG
