"""Normalisation and catalogue keys of question answering (no database)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.domain.qa.normalise import TIME_QUESTION, normalise
from bot.i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Mấy h HT bắt đầu?", "may gio hoi thao bat dau"),
        ("Sở KH&CN", "so khoa hoc cong nghe"),
        ("Sở KH & ĐT", "so ke hoach dau tu"),
        ("ĐMST của UBND", "doi moi sang tao cua uy ban nhan dan"),
        ("đăng ký lúc 8h30", "dang ky luc 8:30"),
        ("bn giờ, ko biết", "bao nhieu gio khong biet"),
        # A colon is a clock time only with its minutes: "Chuyên đề 5: ..." is the fifth topic.
        ("Chuyên đề 5: Sở hữu trí tuệ", "chuyen de 5 so huu tri tue"),
        ("hop z, xog luc may h", "hop vay xong luc may gio"),
        # Chat shorthand for a trainee and a lecturer.
        ("hv ở ngoài Vinh, gv lớp 2", "hoc vien o ngoai vinh giang vien lop 2"),
        # A machine is one word: "máy chiếu" is no "mấy chiều" (how many afternoons).
        ("có máy chiếu, máy tính không", "co maychieu maytinh khong"),
        # A toilet is one word (not "về" and "sinh"); the MC is who "dẫn chương trình".
        ("nhà vệ sinh ở đâu, ai dẫn chương trình", "nhavesinh o dau ai mc"),
    ],
)
def test_normalise_folds_and_expands(text, tokens):
    assert normalise(text).text == tokens


@pytest.mark.parametrize(
    "text", ["mấy giờ", "may h", "bn giờ", "lúc nào", "khi nao", "bao giờ", "What time", "when"]
)
def test_time_questions_are_marked(text):
    assert TIME_QUESTION in normalise(text).markers


def test_clock_time_is_read():
    assert normalise("lúc 14h có gì").clock == "14:00"
    assert normalise("10:30 là phần nào").clock == "10:30"


def test_every_message_key_in_the_qa_domain_exists_in_both_languages():
    used = set()
    for path in [
        *(ROOT / "bot" / "domain" / "qa").glob("*.py"),
        ROOT / "bot" / "domain" / "events" / "changes.py",
    ]:
        used |= set(
            re.findall(r"""Message\.of\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""", path.read_text("utf-8"))
        )
    assert used
    for language in ("vi", "en"):
        assert sorted(used - set(catalogue(language))) == []
