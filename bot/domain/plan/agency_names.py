"""Other names of an agency: full form, abbreviation, and its name after the 2025 reorganisation."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml

from bot.domain.textfold import fold, fold_chars

__all__ = [
    "agency_aliases",
    "english_names",
    "former_names",
    "canonical_agency_name",
    "catalogue_names",
    "expand_abbreviations",
    "name_key",
    "restore_case",
]

_DATA = ("data", "agency_renames.yaml")


@dataclass(frozen=True)
class _Entry:
    name: str
    key: str
    now: tuple[str, ...]
    prefix: bool
    english: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Tables:
    expansions: tuple[tuple[re.Pattern[str], str], ...]  # short form -> full phrase
    contractions: tuple[tuple[re.Pattern[str], str], ...]  # full phrase -> preferred short form
    entries: tuple[_Entry, ...]


def name_key(name: str) -> str:
    """The comparison key of a name: folded, punctuation and '&' ignored."""
    return re.sub(r"[^a-z0-9]+", " ", fold(name)).strip()


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A regex over folded text matching the phrase with flexible spaces and punctuation."""
    parts = re.split(r"([^a-z0-9]+)", fold(phrase))
    out = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            out.append(re.escape(part))
        elif "&" in part:
            out.append(r"\s*&\s*")
        else:
            out.append(r"[\s,\-–]+")
    return re.compile(r"(?<![a-z0-9])" + "".join(out) + r"(?![a-z0-9])")


@functools.lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Load and compile the rename table once, on first use."""
    text = resources.files("bot").joinpath(*_DATA).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    expansions, contractions = [], []
    for item in data["abbreviations"]:
        full, shorts = item["full"], item["short"]
        contractions.append((_phrase_pattern(full), shorts[0], len(full)))
        expansions.extend((_phrase_pattern(short), full, len(short)) for short in shorts)
    entries = tuple(
        _Entry(
            e["name"],
            name_key(e["name"]),
            tuple(e.get("now", [])),
            bool(e.get("prefix")),
            tuple(e.get("english", [])),
        )
        for e in data["agencies"]
    )
    by_length = functools.partial(sorted, key=lambda item: -item[2])
    return _Tables(
        tuple((p, r) for p, r, _ in by_length(expansions)),
        tuple((p, r) for p, r, _ in by_length(contractions)),
        entries,
    )


def _replace_all(text: str, rules: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    """Apply each (pattern over folded text, replacement) rule to the original text."""
    for pattern, replacement in rules:
        while True:
            match = pattern.search(fold_chars(text))
            if match is None:
                break
            text = text[: match.start()] + replacement + text[match.end() :]
    return text


def expand_abbreviations(name: str) -> str:
    """Write every known abbreviation in full: "Sở KH&ĐT" -> "Sở Kế hoạch và Đầu tư"."""
    return _replace_all(name.strip(), _tables().expansions)


def _contract(name: str) -> str:
    """Write known phrases in their preferred short form: "Ủy ban nhân dân tỉnh" -> "UBND tỉnh"."""
    return _replace_all(name, _tables().contractions)


def _entry_for(full_name: str) -> _Entry | None:
    """The table entry for a name written in full, exact first, then by known prefix."""
    key = name_key(full_name)
    best: _Entry | None = None
    for entry in _tables().entries:
        if entry.key == key:
            return entry
        if entry.prefix and key.startswith(entry.key + " "):
            if best is None or len(entry.key) > len(best.key):
                best = entry
    return best


def canonical_agency_name(name: str) -> str | None:
    """The table's spelling of a known agency ("Sở khoa học và Công nghệ" -> proper case)."""
    full = expand_abbreviations(name)
    entry = _entry_for(full)
    if entry is None:
        return None
    return entry.name if entry.key == name_key(full) else full


def agency_aliases(name: str) -> tuple[str | None, list[str]]:
    """Return (short name, other names) of an agency, including its current name after 2025."""
    full = expand_abbreviations(name)
    short = _contract(full)
    candidates = [full, short]
    entry = _entry_for(full)
    if entry is not None:
        for current in entry.now:
            candidates.extend([current, _contract(current)])
    seen = {name_key(name)}
    aliases: list[str] = []
    for candidate in candidates:
        key = name_key(candidate)
        if key and key not in seen:
            seen.add(key)
            aliases.append(candidate)
    short_name = short if name_key(short) != name_key(full) else None
    return short_name, aliases


def english_names(name: str) -> list[str]:
    """The agency's names in English ("Department of Finance"), its predecessors' included."""
    entry = _entry_for(expand_abbreviations(name))
    if entry is None:
        return []
    names = list(entry.english)
    # "Department of Planning and Investment" still names today's Sở Tài chính.
    names += [
        n
        for e in _tables().entries
        if name_key(entry.name) in {name_key(x) for x in e.now}
        for n in e.english
    ]
    return names


def former_names(name: str) -> list[str]:
    """The names of the agencies merged into this one in 2025 ("Sở KH&ĐT" for "Sở Tài chính")."""
    key = name_key(expand_abbreviations(name))
    return [e.name for e in _tables().entries if key in {name_key(x) for x in e.now}]


def catalogue_names() -> list[str]:
    """Every agency name the catalogue knows, old and current, longest first."""
    names = {entry.name for entry in _tables().entries}
    names.update(now for entry in _tables().entries for now in entry.now)
    return sorted(names, key=len, reverse=True)


@functools.lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each full phrase of the abbreviation table, with its pattern over folded text."""
    text = resources.files("bot").joinpath(*_DATA).read_text(encoding="utf-8")
    return tuple(
        (_phrase_pattern(item["full"]), item["full"]) for item in yaml.safe_load(text)["abbreviations"]
    )


def restore_case(text: str) -> str:
    """Write the known phrases of agency names with their capitals ("khoa học và công nghệ")."""
    for pattern, phrase in _phrases():
        match = pattern.search(fold_chars(text))
        if match:
            text = text[: match.start()] + phrase + text[match.end() :]
    return text
