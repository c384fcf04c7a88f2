"""Invitee lists as spreadsheets: columns found by their titles (Vietnamese or English) or by
their content, seats per agency or named delegates, each unreadable row reported by number."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from bot.domain.plan import PlanImportError
from bot.domain.plan.invitee_sheet import read_invitee_sheet
from storage.models import SeatQuota


def xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def seats(result) -> list[tuple[str, int | None]]:  # type: ignore[no-untyped-def]
    return [(seat.agency, seat.seats) for seat in result.seats]


def test_vietnamese_headers_under_a_title_with_a_total_row_and_a_bad_count():
    data = xlsx(
        [
            ["DANH SÁCH ĐƠN VỊ ĐƯỢC MỜI"],
            ["STT", "Tên cơ quan, đơn vị", "Số lượng", "Ghi chú"],
            [1, "Sở Tài chính", 3, None],
            [2, "Lãnh đạo Sở KH&ĐT", "hai", None],
            [3, "UBND các xã, phường", "20 người", "mỗi đơn vị 01"],
            [None, "Tổng cộng", 23, None],
        ]
    )
    result = read_invitee_sheet(data, "moi.xlsx")
    assert seats(result) == [("Sở Tài chính", 3), ("UBND các xã, phường", 20)]
    assert result.seats[1].note == "mỗi đơn vị 01"
    assert [(p.code, p.params) for p in result.problems] == [("invitee_row", {"row": 4, "reason": "hai"})]
    assert "Sở Kế hoạch và Đầu tư" not in [a.name for a in result.agencies]  # the bad row is not kept


def test_english_headers_and_named_delegates_count_one_seat_each():
    data = "Agency,Delegate\nSở Y tế,Nguyễn Văn A\nSở Y tế,Trần Thị B\nSở Xây dựng,Lê Văn C\n".encode()
    result = read_invitee_sheet(data, "list.csv")
    assert seats(result) == [("Sở Y tế", 2), ("Sở Xây dựng", 1)]
    assert result.seats[0].note == "Nguyễn Văn A, Trần Thị B"


def test_no_header_row_semicolons():
    result = read_invitee_sheet(
        "Sở Tư pháp;2\nSở Nội vụ;1\nBan Quản lý Khu kinh tế tỉnh;1\n".encode(), "a.csv"
    )
    assert seats(result) == [
        ("Sở Tư pháp", 2),
        ("Sở Nội vụ", 1),
        ("Ban Quản lý Khu kinh tế tỉnh", 1),
    ]


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"%PDF-1.7", "list.xlsx", "extension_mismatch"),
        ("Họ tên,Điện thoại\nA,0912\n".encode(), "a.csv", "invitee_columns"),
        ("Cơ quan,Số lượng\n,\n".encode(), "a.csv", "invitee_file_empty"),
        (b"\xff\xfe\x00garbage", "a.csv", "not_utf8"),
    ],
)
def test_unreadable_lists_are_refused(data, name, code):
    with pytest.raises(PlanImportError) as caught:
        read_invitee_sheet(data, name)
    assert caught.value.code == code


@pytest.mark.db
async def test_plan_with_invitees_from_the_command_line(engine, sessions, tmp_path):
    plan = Path(__file__).resolve().parents[1] / "fixtures" / "plans" / "ke-hoach-khong-bang-dai-bieu.txt"
    sheet = tmp_path / "moi.xlsx"
    sheet.write_bytes(xlsx([["Đơn vị", "SL"], ["Sở Tài chính", 4], ["Sở Công Thương", 2]]))
    env = {
        **os.environ,
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
    }
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot.cli", "event", "import", str(plan), "--invitees", str(sheet)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Tổng số chỗ đã phân bổ cho các cơ quan, đơn vị: 6." in result.stdout
    assert "không có bảng phân bổ" not in result.stdout
    async with sessions() as session:
        rows = (await session.execute(select(SeatQuota.seats).order_by(SeatQuota.position))).scalars().all()
        assert rows == [4, 2]


@pytest.mark.db
async def test_an_invitee_list_alone_becomes_the_seat_table_of_an_event(
    engine, sessions, make_event, tmp_path
):
    event_id = await make_event(seats={"Sở Tài chính": 1, "Sở Y tế": 2})
    sheet = tmp_path / "moi.csv"
    sheet.write_text("Cơ quan;Số lượng\nSở Tài chính;4\nSở Xây dựng;2\n", encoding="utf-8")
    env = {
        **os.environ,
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
    }

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "bot.cli", "event", "import", str(sheet), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, check=False)

    refused = await asyncio.to_thread(cli)
    assert refused.returncode == 1 and "--event" in refused.stderr
    result = await asyncio.to_thread(cli, "--event", str(event_id), "--yes")
    assert result.returncode == 0, result.stderr
    assert f"Đã cập nhật sự kiện #{event_id}" in result.stdout
    async with sessions() as session:
        rows = await session.execute(select(SeatQuota).where(SeatQuota.event_id == event_id))
        quotas = {quota.agency.name: quota.seats for quota in rows.scalars()}
    assert quotas == {"Sở Tài chính": 4, "Sở Xây dựng": 2}
