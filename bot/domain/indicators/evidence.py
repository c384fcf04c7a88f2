"""Evidence files: checked by extension, by their first bytes and by size, then stored under
evidence_dir/<event>/<assignment>/<sha256>.<ext> with their metadata in the same unit of work.
A file written for a transaction that rolls back is removed: nothing is ever half-stored."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from sqlalchemy import event as sa_event
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain.archive_limits import ArchiveTooLarge, check_expanded_size
from bot.domain.errors import DomainError
from storage.indicator_models import EvidenceFile, Submission

__all__ = [
    "EvidencePolicy",
    "policy_from",
    "check_declared",
    "check_content",
    "store_evidence",
    "read_evidence",
    "submission_files",
    "MIME_TYPES",
]

MIME_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "xls": "application/vnd.ms-excel",
    "doc": "application/msword",
}
# What a file of each type starts with (or, for Office Open XML, the part its zip must hold).
_MAGIC = {
    "pdf": b"%PDF-",
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
}
# An Office document may expand to this many times the evidence size limit, not more.
EXPANSION_ALLOWED = 20
_OOXML_PART = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml"}
_MIME_EXT = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}
_PENDING_KEY = "evidence_written"


@dataclass(frozen=True)
class EvidencePolicy:
    """Accepted types, the size limit and the storage root, from the settings."""

    types: frozenset[str]
    max_bytes: int
    root: Path

    @property
    def max_mb(self) -> str:
        """The limit in MB as people read it (20, 0.5)."""
        return f"{self.max_bytes / 1_000_000:g}"

    @property
    def type_list(self) -> str:
        """The accepted types as a list for messages (PDF, XLSX...)."""
        return ", ".join(sorted(t.upper() for t in self.types))


def policy_from(settings: Settings) -> EvidencePolicy:
    """The evidence policy of a deployment (EVIDENCE_TYPES, EVIDENCE_MAX_MB, EVIDENCE_DIR)."""
    types = frozenset(t.strip().lower().lstrip(".") for t in settings.evidence_types.split(",") if t.strip())
    root = settings.evidence_dir or settings.resolved_data_dir / "evidence"
    return EvidencePolicy(types, int(settings.evidence_max_mb * 1_000_000), root)


def _extension(filename: str | None, mime_type: str | None) -> str:
    if filename:
        return PurePath(filename).suffix.lower().lstrip(".")
    # Telegram photos come without a name, as JPEG.
    return _MIME_EXT.get((mime_type or "").lower(), "")


def check_declared(
    policy: EvidencePolicy, filename: str | None, mime_type: str | None, size: int | None
) -> str:
    """Refuse by name and announced size before downloading; the file's extension otherwise."""
    ext = _extension(filename, mime_type)
    if ext not in policy.types:
        raise DomainError("evidence_type", types=policy.type_list)
    if size is not None and size > policy.max_bytes:
        raise DomainError("evidence_too_large", limit=policy.max_mb)
    return ext


def check_content(policy: EvidencePolicy, ext: str, data: bytes) -> None:
    """Refuse a file whose bytes are not what its name says, or that is too large or empty."""
    if len(data) > policy.max_bytes:
        raise DomainError("evidence_too_large", limit=policy.max_mb)
    if not data:
        raise DomainError("evidence_content", ext=ext.upper())
    if ext in _MAGIC and not data.startswith(_MAGIC[ext]):
        raise DomainError("evidence_content", ext=ext.upper())
    if ext in _OOXML_PART:
        try:
            check_expanded_size(data, policy.max_bytes * EXPANSION_ALLOWED)
        except ArchiveTooLarge as exc:
            raise DomainError("evidence_too_large", limit=policy.max_mb) from exc
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                ok = _OOXML_PART[ext] in archive.namelist()
        except zipfile.BadZipFile:
            ok = False
        if not ok:
            raise DomainError("evidence_content", ext=ext.upper())


def _remove_on_rollback(session: AsyncSession, path: Path) -> None:
    # The file exists only for this transaction until it commits; a rollback takes it away again.
    written: list[Path] = session.info.setdefault(_PENDING_KEY, [])
    if not written:
        sync = session.sync_session

        def _rolled_back(_session: object) -> None:
            for item in session.info.pop(_PENDING_KEY, []):
                item.unlink(missing_ok=True)

        def _committed(_session: object) -> None:
            session.info.pop(_PENDING_KEY, None)

        sa_event.listen(sync, "after_rollback", _rolled_back)
        sa_event.listen(sync, "after_commit", _committed)
    written.append(path)


def _write_atomically(target: Path, data: bytes) -> bool:
    """Write through a temporary file and a rename; False when the same content was already there."""
    if target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


async def store_evidence(
    session: AsyncSession,
    policy: EvidencePolicy,
    submission: Submission,
    event_id: int,
    filename: str | None,
    mime_type: str | None,
    data: bytes,
) -> EvidenceFile | None:
    """Check and store one file for a draft; None when the same content is already attached."""
    ext = check_declared(policy, filename, mime_type, len(data))
    check_content(policy, ext, data)
    digest = hashlib.sha256(data).hexdigest()
    found = await session.execute(
        select(EvidenceFile.id).where(
            EvidenceFile.submission_id == submission.id, EvidenceFile.sha256 == digest
        )
    )
    if found.first() is not None:
        return None
    relative = PurePath(str(event_id), str(submission.assignment_id), f"{digest}.{ext}")
    target = policy.root / relative
    created = _write_atomically(target, data)
    name = PurePath(filename).name if filename else f"{digest[:12]}.{ext}"
    row = EvidenceFile(
        submission_id=submission.id,
        original_name=name[:300],
        stored_path=relative.as_posix(),
        sha256=digest,
        size=len(data),
        mime_type=MIME_TYPES.get(ext, "application/octet-stream"),
    )
    try:
        session.add(row)
        await session.flush()
    except BaseException:
        if created:
            target.unlink(missing_ok=True)
        raise
    if created:
        _remove_on_rollback(session, target)
    return row


def read_evidence(policy: EvidencePolicy, file: EvidenceFile) -> bytes | None:
    """The stored bytes of an evidence file, or None if the file is missing on disk."""
    path = policy.root / file.stored_path
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


async def submission_files(session: AsyncSession, submission_id: int) -> list[EvidenceFile]:
    """The files attached to a submission, in the order they arrived."""
    rows = await session.execute(
        select(EvidenceFile).where(EvidenceFile.submission_id == submission_id).order_by(EvidenceFile.id)
    )
    return list(rows.scalars())
