"""Checks on an uploaded file before any parser sees it: real type, unpacked size."""

from __future__ import annotations

import io
import zipfile

from bot.domain.archive_limits import ArchiveTooLarge, check_expanded_size
from bot.domain.plan.draft import PlanImportError

__all__ = ["MAX_UNPACKED_BYTES", "check_package", "sniff_kind"]

# A .docx/.xlsx is a zip; what it unpacks to is checked before parsing (zip bombs).
MAX_UNPACKED_BYTES = 60_000_000


def sniff_kind(data: bytes) -> str:
    """What the bytes are, whatever the name says: zip, pdf, image, yaml-or-text or binary."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # an old .doc/.xls
    sample = data[:4096]
    if b"\x00" in sample:
        return "binary"
    return "text"


def check_package(data: bytes) -> None:
    """Refuse a zip package that is not one, has too many parts or unpacks too large."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)):
            pass
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise PlanImportError("corrupt_docx", None, detail=type(exc).__name__) from exc
    try:
        check_expanded_size(data, MAX_UNPACKED_BYTES)
    except ArchiveTooLarge as exc:
        raise PlanImportError("unpacked_too_large", None, limit_mb=exc.limit_mb) from exc
