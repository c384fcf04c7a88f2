"""Question answering: accuracy on the labelled set and answer latency, without network or database.

Run from the project root:  python benchmarks/qa.py [--repeat N]
Latency is answer_question() alone (understanding, matching, building the answer); the event
index is warmed first, as it is in the running bot where it is cached per event snapshot.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain.qa.answer import answer_question  # noqa: E402
from bot.domain.qa.normalise import normalise, normalise_tokens  # noqa: E402
from tests.qa.evaluation import NOW, evaluate, load_cases  # noqa: E402
from tests.qa.events import event_views  # noqa: E402


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    """Print accuracy and p50/p99 latency of answer_question over the labelled questions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=12, help="passes over the set (default 12)")
    args = parser.parse_args()

    outcomes = evaluate()
    correct = sum(o.correct for o in outcomes)
    print(f"accuracy: {correct}/{len(outcomes)} = {correct / len(outcomes):.1%}")
    for event in sorted({o.case.event for o in outcomes}):
        part = [o for o in outcomes if o.case.event == event]
        print(f"  {event}: {sum(o.correct for o in part)}/{len(part)}")

    views = event_views()
    cases = load_cases()
    samples: list[float] = []
    cold: list[float] = []
    for case in cases:
        # Cold: the per-question caches are empty (a question never seen before).
        normalise.cache_clear()
        normalise_tokens.cache_clear()
        started = time.perf_counter()
        answer_question(case.question, views[case.event], NOW)
        cold.append((time.perf_counter() - started) * 1000)
    for _ in range(args.repeat):
        for case in cases:
            started = time.perf_counter()
            answer_question(case.question, views[case.event], NOW)
            samples.append((time.perf_counter() - started) * 1000)
    print(f"latency over {len(samples)} answers (ms): p50 {statistics.median(samples):.3f}  "
          f"p99 {_percentile(samples, 0.99):.3f}  max {max(samples):.3f}")
    print(f"first-time questions, {len(cold)} answers (ms): p50 {statistics.median(cold):.3f}  "
          f"p99 {_percentile(cold, 0.99):.3f}  max {max(cold):.3f}")


if __name__ == "__main__":
    main()
