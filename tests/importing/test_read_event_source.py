"""read_event_source: choosing the reader by extension, and refusing files it cannot use."""

from __future__ import annotations

import os

import pytest

from bot.domain.plan import PlanImportError, read_event_source


def refused(path) -> tuple[str, str | None, dict]:
    with pytest.raises(PlanImportError) as caught:
        read_event_source(path)
    return caught.value.code, caught.value.location, caught.value.params


def test_unknown_extension(tmp_path):
    path = tmp_path / "ke-hoach.odt"
    path.write_bytes(b"PK\x03\x04 not really")
    assert refused(path) == ("unsupported_extension", None, {"extension": ".odt"})


def test_missing_file(tmp_path):
    assert refused(tmp_path / "khong-co.txt")[:2] == ("file_not_found", None)


def test_directory_is_unreadable(tmp_path):
    folder = tmp_path / "thu-muc.yaml"
    folder.mkdir()
    assert refused(folder)[:2] == ("unreadable_file", None)


def test_file_over_ten_megabytes(tmp_path):
    path = tmp_path / "lon.txt"
    with path.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024 + 1)  # sparse: no need to write 10 MB
    assert refused(path) == ("file_too_large", None, {"limit_mb": 10})


@pytest.mark.parametrize("name", ["trong.txt", "trong.md", "trong.yaml", "trong.docx"])
def test_empty_files(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b" \n")
    assert refused(path)[:2] == ("empty_file", None)


def test_binary_garbage_as_text(tmp_path):
    path = tmp_path / "rac.txt"
    path.write_bytes("Tổ chức Hội thảo “A”\n".encode() + os.urandom(64) + b"\xff\xfe\x00")
    code, location, _ = refused(path)
    assert code == "not_utf8"
    assert location is not None and location.startswith("line:")
    assert int(location.split(":")[1]) >= 2


def test_invalid_utf8_reports_its_line(tmp_path):
    path = tmp_path / "cp1258.md"
    path.write_bytes(b"dong 1\ndong 2\nH\xe9i th\xe1o\n")
    assert refused(path)[:2] == ("not_utf8", "line:3")


def test_nul_bytes_are_not_text(tmp_path):
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"title: x\n\x00\x00\x00")
    assert refused(path)[:2] == ("not_utf8", "line:2")


def test_garbage_docx(tmp_path):
    path = tmp_path / "rac.docx"
    path.write_bytes(os.urandom(2048))
    assert refused(path)[:2] == ("corrupt_docx", None)


def test_yaml_syntax_error_through_the_file(tmp_path):
    path = tmp_path / "su-kien.yml"
    path.write_text("title: x\nseats:\n  - agency: [Sở Y tế\n", encoding="utf-8")
    code, location, _ = refused(path)
    assert code == "yaml_syntax"
    assert location == "line:4"


def test_dispatch_by_extension_and_bom(tmp_path):
    plan = tmp_path / "KE-HOACH.MARKDOWN"
    plan.write_bytes("\ufeffTổ chức Hội thảo “Chỉ số PII”\n".encode())
    assert read_event_source(plan)[0].title == "Chỉ số PII"
    event = tmp_path / "su-kien.YAML"
    event.write_bytes("\ufefftitle: Chỉ số PII\n".encode())
    assert read_event_source(event)[0].title == "Chỉ số PII"
