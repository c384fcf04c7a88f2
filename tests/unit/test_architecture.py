"""The layout keeps the design: layers import only downwards, only the edge commits, and no module
outside the locale catalogues holds user-facing Vietnamese.

Layers, lowest first (see README, "Architecture"):
  0 storage                      models, sessions, migrations
  1 bot.config, bot.i18n,        settings, catalogues, the neutral message types
    bot.messages
  2 bot.domain                   the rules: plain values in, results or coded errors out
  3 handlers, bot.outbox,        conversations; rendering for each recipient and queueing;
    bot.documents                files made for people
  4 bot.app, bot.channels,       the edge: units of work, messengers, running, the command line
    bot.run, bot.cli
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "storage")

# Imports a layer may not make although the target's layer is lower or equal.
FORBIDDEN = {
    # The domain renders no sentence and knows no message type: it returns results and codes.
    "bot.domain": ("bot.i18n", "bot.messages"),
    "bot.outbox": ("handlers",),
    "bot.documents": ("handlers", "bot.outbox"),
}
VIETNAMESE = re.compile(
    r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.IGNORECASE
)
REGEX_SIGNS = re.compile(r"\\|\(\?|\[|\]|\^|\|")
PRAGMA = "# vi-literal:"  # an explicit, reviewed exception on that line, with its reason


def layer_of(module: str) -> int:
    """The layer of a dotted module name of the project."""
    if module == "storage" or module.startswith("storage."):
        return 0
    if module in ("bot.config", "bot.i18n", "bot.messages"):
        return 1
    if module.startswith("bot.domain"):
        return 2
    if module.startswith(("handlers", "bot.outbox", "bot.documents")):
        return 3
    return 4


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    tree: ast.Module
    source: str


def project_modules() -> list[Module]:
    """Every Python module of the application packages, parsed."""
    out = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).with_suffix("")
            parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
            source = path.read_text(encoding="utf-8")
            out.append(Module(".".join(parts), path, ast.parse(source), source))
    return out


def imported_modules(module: Module, known: set[str]) -> set[str]:
    """The project modules `module` imports (module-level, in functions, or for type checking);
    `from package import module` counts the module, `from module import name` the module."""
    found = set()
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in known)
    return {name for name in found if name.split(".")[0] in PACKAGES}


def test_layers_import_only_downwards():
    wrong = []
    modules = project_modules()
    known = {m.name for m in modules}
    for module in modules:
        if module.name.startswith("storage.migrations"):
            continue
        own = layer_of(module.name)
        forbidden = next((v for k, v in FORBIDDEN.items() if module.name.startswith(k)), ())
        for target in sorted(imported_modules(module, known)):
            if layer_of(target) > own or target.startswith(forbidden):
                wrong.append(f"{module.name} imports {target}")
    assert wrong == []


def test_the_layer_rule_catches_an_upward_import():
    # The rule itself, on made-up modules: it must not pass by reading nothing.
    fake = Module(
        "bot.domain.fake", Path("fake.py"), ast.parse("from bot.outbox.delivery import enqueue\n"), ""
    )
    assert "bot.outbox.delivery" in imported_modules(fake, set())
    assert layer_of("bot.outbox.delivery") > layer_of(fake.name)
    assert len(project_modules()) > 100


def _commit_calls(module: Module) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(module.tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit"
    ]


def test_only_the_edge_commits():
    below_edge = [
        f"{m.name}:{line}"
        for m in project_modules()
        if layer_of(m.name) < 4 and not m.name.startswith("storage.migrations")
        for line in _commit_calls(m)
    ]
    assert below_edge == []


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            ids.add(id(body[0].value))
    return ids


def vietnamese_sentences(module: Module) -> list[str]:
    """String literals that read as Vietnamese text for people (not words to match, not regexes)."""
    lines = module.source.splitlines()
    docstrings = _docstrings(module.tree)
    found = []
    for node in ast.walk(module.tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        text = node.value
        if id(node) in docstrings or not VIETNAMESE.search(text) or REGEX_SIGNS.search(text):
            continue
        if len(text.split()) < 3:
            continue  # a word or two to match against, e.g. "hội thảo"
        if PRAGMA in lines[node.lineno - 1]:
            continue
        found.append(f"{module.path.relative_to(ROOT)}:{node.lineno}: {text[:60]!r}")
    return found


def test_no_user_facing_vietnamese_outside_the_catalogues():
    found = [line for m in project_modules() for line in vietnamese_sentences(m)]
    assert found == []


def test_the_vietnamese_rule_catches_a_sentence():
    source = 'x = "Quý đại biểu vui lòng xác nhận"\ny = r"ngày\\s+(\\d+)"\nz = "hội thảo"\n'
    fake = Module("bot.fake", ROOT / "bot" / "fake.py", ast.parse(source), source)
    assert [line.split(": ", 1)[1] for line in vietnamese_sentences(fake)] == [
        repr("Quý đại biểu vui lòng xác nhận")
    ]
