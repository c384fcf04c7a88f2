"""Zip-based uploads (.docx, .xlsx, evidence) are checked for their expanded size before any
parser opens them: a 1.5 MB document can inflate to gigabytes (a "zip bomb").

The sizes read are the ones the archive declares; Python's zipfile never hands out more than a
member's declared size (it stops and reports a damaged file), so a lying header cannot get past.
"""

from __future__ import annotations

import io
import zipfile

__all__ = ["MAX_EXPANDED_BYTES", "MAX_MEMBERS", "ArchiveTooLarge", "check_expanded_size"]

MAX_EXPANDED_BYTES = 100_000_000  # a real plan or catalogue expands to a few megabytes
MAX_MEMBERS = 10_000


class ArchiveTooLarge(ValueError):
    """The archive would expand beyond the limit (or holds too many members)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit

    @property
    def limit_mb(self) -> int:
        """The limit in whole megabytes, for messages."""
        return self.limit // 1_000_000


def check_expanded_size(data: bytes, limit: int = MAX_EXPANDED_BYTES) -> None:
    """Raise ArchiveTooLarge when the zip in `data` would expand beyond `limit` bytes; data that
    is not a zip passes (its parser will say what is wrong with it)."""
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        return
    try:
        with zipfile.ZipFile(buffer) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        return
    if len(members) > MAX_MEMBERS or sum(member.file_size for member in members) > limit:
        raise ArchiveTooLarge(limit)
