"""Locale catalogues: Vietnamese is the source, English mirrors it; files per area are merged."""

from __future__ import annotations

import string
from functools import cache
from importlib import resources

import yaml

__all__ = ["LANGUAGES", "Translator", "catalogue", "language_from_hint", "placeholders", "translator"]

LANGUAGES = ("vi", "en")
SOURCE_LANGUAGE = "vi"


def _flatten(prefix: str, node: object, out: dict[str, str], origin: str) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), value, out, origin)
        return
    if not isinstance(node, str):
        raise ValueError(f"{origin}: {prefix} is not a string")
    if prefix in out:
        raise ValueError(f"{origin}: duplicate key {prefix}")
    out[prefix] = node


@cache
def catalogue(language: str) -> dict[str, str]:
    """All messages of one language, flattened to dotted keys."""
    messages: dict[str, str] = {}
    folder = resources.files("bot") / "locales" / language
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
            _flatten("", data, messages, f"{language}/{entry.name}")
    return messages


def language_from_hint(hint: str | None, default: str) -> str:
    """The language for a messenger's hint (e.g. "vi", "en-US"): only a clear English hint
    overrides the deployment's default, since most users' phones are set to English anyway."""
    return "en" if hint and hint.lower().startswith("en") else default


def placeholders(message: str) -> set[str]:
    """The named fields a message expects."""
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}


class Translator:
    """Renders catalogue keys in one language, falling back to Vietnamese."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else SOURCE_LANGUAGE
        self._messages = catalogue(self.language)
        self._fallback = catalogue(SOURCE_LANGUAGE)

    def __call__(self, key: str, **params: object) -> str:
        """The message for `key` with its placeholders filled."""
        template = self._messages.get(key) or self._fallback.get(key)
        if template is None:
            raise KeyError(f"no message {key!r}")
        return template.format(**params) if params else template

    def plural(self, key: str, count: int, **params: object) -> str:
        """`key` with `count` filled in, or `key_one` when count is 1 and the catalogue has it
        (English says "1 day"; Vietnamese has one form, so its `_one` repeats the other)."""
        one = f"{key}_one"
        return self(one if count == 1 and self.has(one) else key, **params)

    def has(self, key: str) -> bool:
        """Whether the catalogue knows `key`."""
        return key in self._messages or key in self._fallback


@cache
def translator(language: str) -> Translator:
    """A shared Translator per language."""
    return Translator(language)
