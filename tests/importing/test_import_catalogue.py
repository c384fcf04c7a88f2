"""Every import code has a sentence in both catalogues, with the same keys and placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import yaml

from bot.domain.plan import PlanImportError, load_event_yaml, read_event_source
from bot.domain.plan.codes import ERROR_CODES, FOUND_CODES, GUESS_CODES, PROBLEM_CODES
from bot.domain.plan.event_schema import _BY_TYPE

ROOT = Path(__file__).resolve().parents[2]
PLAN_CODE = ROOT / "bot" / "domain" / "plan"
PLANS = ROOT / "tests" / "fixtures" / "plans"


def flatten(node, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in node.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        out.update(flatten(value, path) if isinstance(value, dict) else {path: value})
    return out


def load(language: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in ("import.yaml", "import_genre.yaml"):
        text = (ROOT / "bot" / "locales" / language / name).read_text(encoding="utf-8")
        out.update(flatten(yaml.safe_load(text)))
    return out


def fields(message: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}


VI, EN = load("vi"), load("en")


def test_both_catalogues_have_the_same_keys_and_placeholders():
    assert sorted(VI) == sorted(EN)
    assert {k: fields(v) for k, v in VI.items()} == {k: fields(v) for k, v in EN.items()}
    assert all(isinstance(v, str) and v.strip() for v in [*VI.values(), *EN.values()])


def test_every_code_has_a_sentence():
    expected = (
        {f"import.found.{c}" for c in FOUND_CODES}
        | {f"import.problem.{c}" for c in PROBLEM_CODES}
        | {f"import.guess.{c}" for c in GUESS_CODES}
        | {f"import.error.{c}" for c in ERROR_CODES}
        | {"import.location.line", "import.location.table_row", "import.location.field"}
    )
    assert sorted(expected - set(VI)) == []
    import_keys = {key for key in VI if key.startswith("import.") and not key.startswith("import.source.")}
    assert sorted(import_keys - expected) == []  # no stale sentences either


def test_every_code_written_in_the_code_is_declared():
    source = "\n".join(p.read_text(encoding="utf-8") for p in PLAN_CODE.glob("*.py"))
    findings = set(re.findall(r"Finding\(\s*\"(\w+)\"", source))
    errors = set(re.findall(r"(?:PlanImportError|_error)\(\s*\"(\w+)\"", source))
    assert findings and errors
    assert sorted(findings - FOUND_CODES - PROBLEM_CODES) == []
    assert sorted(errors - ERROR_CODES) == []
    assert set(_BY_TYPE.values()) <= ERROR_CODES


def test_location_sentences_take_the_parts_of_a_location():
    assert fields(VI["import.location.line"]) == {"n"}
    assert fields(VI["import.location.table_row"]) == {"table", "row"}
    assert fields(VI["import.location.field"]) == {"path"}


def test_problem_sentences_leave_the_location_to_the_caller():
    problems = [v for k, v in VI.items() if k.startswith("import.problem.")]
    assert not any("location" in fields(v) for v in problems)


@pytest.mark.parametrize("plan", sorted(p.name for p in PLANS.iterdir()))
def test_reports_render_in_both_languages(plan):
    _, report = read_event_source(PLANS / plan)
    for section, items in (("found", report.found), ("problem", report.problems)):
        for finding in items:
            for catalogue in (VI, EN):
                catalogue[f"import.{section}.{finding.code}"].format(**finding.params)


@pytest.mark.parametrize(
    "text",
    [
        "title: x\nagenda:\n  - {start: '25:99', title: a}\n",
        "title: x\nseats:\n  - {agency: A, seats: -1}\n",
        "title: x\nfoo: 1\n",
        "title: x\nseats:\n  - {agency: A}\n  - {agency: a}\n",
        "title: x\nstart_time: '10:00'\nend_time: '09:00'\n",
        "title: [\n",
        "- x\n",
        "seats: []\n",
    ],
)
def test_errors_render_in_both_languages(text):
    with pytest.raises(PlanImportError) as caught:
        load_event_yaml(text)
    for catalogue in (VI, EN):
        catalogue[f"import.error.{caught.value.code}"].format(**caught.value.params)
