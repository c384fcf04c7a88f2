"""Zip bombs: a small .docx or .xlsx that would expand beyond the limit is refused by its size
before any parser opens it (plans, indicator catalogues, evidence documents)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from bot.domain.archive_limits import MAX_EXPANDED_BYTES, check_expanded_size
from bot.domain.errors import DomainError
from bot.domain.indicators.catalogue_import import IndicatorImportError, read_table
from bot.domain.indicators.evidence import EvidencePolicy, check_content
from bot.domain.plan import parse_plan_docx
from bot.domain.plan.draft import PlanImportError


def bomb(main_part: str, expanded: int = MAX_EXPANDED_BYTES + 1_000_000) -> bytes:
    """An Office-like zip whose main part inflates to `expanded` bytes (written in chunks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(main_part, "w", force_zip64=True) as member:
            chunk = b" " * 1_000_000
            for _ in range(expanded // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    """About 100 kB that inflate past the limit."""
    data = bomb("word/document.xml")
    assert len(data) < 1_000_000
    return data


def test_a_plan_that_would_inflate_is_refused_by_size(docx_bomb: bytes):
    with pytest.raises(PlanImportError) as refused:
        parse_plan_docx(docx_bomb)
    assert refused.value.code == "unpacked_too_large" and refused.value.params == {"limit_mb": 60}


def test_an_indicator_workbook_that_would_inflate_is_refused_by_size():
    with pytest.raises(IndicatorImportError) as refused:
        read_table("phan-cong.xlsx", bomb("xl/workbook.xml"))
    assert [p.code for p in refused.value.problems] == ["expands_too_much"]


def test_an_evidence_document_that_would_inflate_is_refused(docx_bomb: bytes, tmp_path: Path):
    policy = EvidencePolicy(frozenset({"docx"}), 5_000_000, tmp_path)
    with pytest.raises(DomainError) as refused:
        check_content(policy, "docx", docx_bomb)
    assert refused.value.code == "evidence_too_large"


def test_ordinary_files_pass():
    check_expanded_size(b"not a zip at all")
    small = io.BytesIO()
    with zipfile.ZipFile(small, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    check_expanded_size(small.getvalue())
