"""Question answering: accuracy, confident-wrong rate and answer latency, without network or database.

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

from bot.domain.qa.answer import answer_question
from bot.domain.qa.normalise import normalise, normalise_tokens
from tests.qa.evaluation import NOW, evaluate, figures, load_cases
from tests.qa.events import event_views


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    """Print accuracy and p50/p99 latency of answer_question over the labelled questions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=12, help="passes over the set (default 12)")
    args = parser.parse_args()

    outcomes = evaluate()
    unknown = sum("unknown" in o.case.intents and len(o.case.intents) == 1 for o in outcomes)
    print(
        f"{len(outcomes)} labelled questions over {len({o.case.event for o in outcomes})} events, "
        f"{unknown} of them must be answered 'I don't know'"
    )
    parts = [
        ("all", outcomes),
        ("tuned on", [o for o in outcomes if not o.case.held_out and not o.case.unseen]),
        ("once held out, tuned on since", [o for o in outcomes if o.case.held_out]),
        ("never tuned on", [o for o in outcomes if o.case.unseen]),
    ]
    for name, part in parts:
        f = figures(part)
        print(
            f"{name:>29}: accuracy {f.correct}/{f.total} = {f.accuracy:.1%}   "
            f"confident wrong {f.confident_wrong}/{f.total} = {f.confident_wrong_rate:.1%}"
        )
    for event in sorted({o.case.event for o in outcomes}):
        f = figures([o for o in outcomes if o.case.event == event])
        print(f"  {event}: {f.correct}/{f.total}, confident wrong {f.confident_wrong}")

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
    cpu: list[float] = []
    for _ in range(args.repeat):
        for case in cases:
            started, started_cpu = time.perf_counter(), time.process_time()
            answer_question(case.question, views[case.event], NOW)
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    print(
        f"latency over {len(samples)} answers (ms): p50 {statistics.median(samples):.3f}  "
        f"p99 {_percentile(samples, 0.99):.3f}  max {max(samples):.3f}"
    )
    # CPU time leaves out the time the process waited for a core on a busy machine.
    print(
        f"CPU time per answer (ms): p50 {statistics.median(cpu):.3f}  p99 {_percentile(cpu, 0.99):.3f}  "
        f"max {max(cpu):.3f}"
    )
    print(
        f"first-time questions, {len(cold)} answers (ms): p50 {statistics.median(cold):.3f}  "
        f"p99 {_percentile(cold, 0.99):.3f}  max {max(cold):.3f}"
    )


if __name__ == "__main__":
    main()
