"""Importing events: organisers' plans (.docx, .txt, .md) and event files (.yaml) to EventDraft."""

from __future__ import annotations

import pathlib

from bot.domain.plan.codes import MAX_FILE_BYTES
from bot.domain.plan.docx_plan import parse_plan_docx
from bot.domain.plan.draft import (
    AgencyDraft,
    AgendaDraft,
    EventDraft,
    FaqDraft,
    Finding,
    ImportReport,
    PlanImportError,
    SeatDraft,
    VenueDraft,
)
from bot.domain.plan.event_file import dump_event_yaml, load_event_yaml
from bot.domain.plan.file_guard import sniff_kind
from bot.domain.plan.ocr import ocr_image
from bot.domain.plan.pdf_plan import parse_plan_pdf
from bot.domain.plan.plan_reader import parse_plan_text
from bot.domain.plan.times import parse_time_range

__all__ = [
    "read_event_source",
    "read_event_bytes",
    "parse_plan_text",
    "parse_plan_docx",
    "load_event_yaml",
    "dump_event_yaml",
    "parse_time_range",
    "EventDraft",
    "VenueDraft",
    "AgendaDraft",
    "SeatDraft",
    "AgencyDraft",
    "FaqDraft",
    "Finding",
    "ImportReport",
    "PlanImportError",
]

_YAML = {".yaml", ".yml"}
_TEXT = {".txt", ".md", ".markdown"}
_WORD = {".docx"}
_PDF = {".pdf"}
_IMAGE = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
# What each extension's content must be (see file_guard.sniff_kind).
_EXPECTED = {
    **dict.fromkeys(_WORD, "zip"),
    **dict.fromkeys(_PDF, "pdf"),
    **dict.fromkeys(_IMAGE, "image"),
    **dict.fromkeys(_YAML | _TEXT, "text"),
}


def _read_bytes(path: pathlib.Path) -> bytes:
    """The file's bytes, refusing missing, unreadable and oversized files."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise PlanImportError("file_too_large", None, limit_mb=MAX_FILE_BYTES // (1024 * 1024))
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise PlanImportError("file_not_found", None, name=path.name) from exc
    except OSError as exc:
        raise PlanImportError("unreadable_file", None, name=path.name) from exc


def _decode(data: bytes) -> str:
    """UTF-8 text (a BOM is allowed); an invalid byte is reported with its line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise PlanImportError("not_utf8", f"line:{line}") from exc


def read_event_bytes(data: bytes, name: str) -> tuple[EventDraft, ImportReport]:
    """Read an event file or an organiser's document from its bytes, by extension and content.

    The content must match the extension (a PDF renamed .docx is refused with both named).
    """
    suffix = pathlib.PurePath(name).suffix.lower()
    if suffix not in _EXPECTED:
        raise PlanImportError("unsupported_extension", None, extension=suffix or name)
    if len(data) > MAX_FILE_BYTES:
        raise PlanImportError("file_too_large", None, limit_mb=MAX_FILE_BYTES // (1024 * 1024))
    if not data.strip():
        raise PlanImportError("empty_file")
    kind = sniff_kind(data)
    expected = _EXPECTED[suffix]
    if kind != expected and kind not in ("binary", "text"):
        raise PlanImportError("extension_mismatch", None, extension=suffix, actual=kind)
    if suffix in _WORD:
        return parse_plan_docx(data)
    if suffix in _PDF:
        return parse_plan_pdf(data)
    if suffix in _IMAGE:
        return parse_plan_text(ocr_image(data))
    text = _decode(data)
    if "\x00" in text:
        # Binary data that happens to decode as UTF-8 is still not a text file.
        nul = text.index("\x00")
        raise PlanImportError("not_utf8", f"line:{text.count(chr(10), 0, nul) + 1}")
    if suffix in _YAML:
        return load_event_yaml(text)
    return parse_plan_text(text)


def read_event_source(path: pathlib.Path) -> tuple[EventDraft, ImportReport]:
    """Read an event file or an organiser's document (.docx, .pdf, scan, text, .yaml)."""
    suffix = path.suffix.lower()
    if suffix not in _EXPECTED:
        raise PlanImportError("unsupported_extension", None, extension=suffix or path.name)
    return read_event_bytes(_read_bytes(path), path.name)
