"""Command parsing and routing order, without a database."""

from __future__ import annotations

from handlers import build_router
from handlers.router import parse_command


def test_parse_command_variants():
    assert parse_command("/agenda") == ("agenda", "")
    assert parse_command("/start@PiiBot abc123") == ("start", "abc123")
    assert parse_command("/ChuongTrinh") == ("chuongtrinh", "")
    assert parse_command("hello") is None
    assert parse_command("/") is None
    assert parse_command(None) is None


def test_every_command_has_its_vietnamese_alias():
    commands = build_router().commands
    for english, vietnamese in [
        ("start", "batdau"),
        ("help", "trogiup"),
        ("agenda", "chuongtrinh"),
        ("venue", "diadiem"),
        ("lang", "ngonngu"),
        ("cancel", "huy"),
    ]:
        assert english in commands and vietnamese in commands
