"""The `pii-bot` command as a user runs it: a real subprocess, real files, a real database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage.models import AgendaItem, AuditEntry, Event, SeatQuota

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None, cwd: Path | None = None):
    """Run `pii-bot ARGS` and return the completed process."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LOG_LEVEL": "WARNING", **(env or {})},
        cwd=cwd,
    )


def test_demo_prints_programme_and_venue_in_vietnamese(tmp_path):
    result = run("demo", stdin="/agenda\n/venue\n", env={"DATA_DIR": str(tmp_path)}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[DEMO]" in out
    assert "07:30–08:00  Đón tiếp, đăng ký đại biểu — BTC" in out
    assert "08:15–10:15  Tham luận:" in out
    assert out.count("   • ") == 4  # the four talks of the 08:15-10:15 slot
    assert "Học viện KH,CN" in out and "Ban Quản lý Khu kinh tế tỉnh" in out
    assert "11:00–11:30  Bế mạc hội thảo — Lãnh đạo Sở KH&CN" in out
    assert "204 Hùng Vương" in out and "Đông Hà" in out
    assert "Traceback" not in result.stderr


def test_demo_reset_starts_fresh_and_buttons_answer_by_number(tmp_path):
    env = {"DATA_DIR": str(tmp_path)}
    first = run("demo", stdin="/lang\n2\n", env=env, cwd=tmp_path)
    assert "Switched to English." in first.stdout
    kept = run("demo", stdin="/agenda\n", env=env, cwd=tmp_path)
    assert "Programme:" in kept.stdout  # the language choice was stored
    fresh = run("demo", "--reset", stdin="/agenda\n", env=env, cwd=tmp_path)
    assert "Chương trình:" in fresh.stdout


@pytest.mark.db
async def test_import_then_export_then_reimport(engine, sessions, tmp_path):
    url = engine.url.render_as_string(hide_password=False)
    env = {"DATABASE_URL": url}
    example = Path(__file__).resolve().parents[2] / "examples" / "quang-tri-2024.yaml"
    result = run("event", "import", str(example), env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Đã tạo sự kiện #1" in result.stdout
    exported = tmp_path / "out.yaml"
    result = run("event", "export", "1", "-o", str(exported), env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    result = run("event", "import", str(exported), env=env, cwd=tmp_path)
    # An update asks first; with no answer nothing is written.
    assert "Chưa ghi gì" in result.stdout and "Đã cập nhật" not in result.stdout
    result = run("event", "import", str(exported), stdin="c\n", env=env, cwd=tmp_path)
    assert "Đã cập nhật sự kiện #1" in result.stdout, result.stderr
    result = run("event", "import", str(exported), "--yes", env=env, cwd=tmp_path)
    assert "Đã cập nhật sự kiện #1" in result.stdout, result.stderr
    async with sessions() as session:
        assert (await session.execute(select(func.count()).select_from(Event))).scalar_one() == 1
        quotas = (await session.execute(select(SeatQuota.seats))).scalars().all()
        assert (len(quotas), sum(quotas)) == (22, 52)


@pytest.mark.db
@pytest.mark.parametrize("name", ["broken.yaml", "garbage.docx", "negative-seats.yaml"])
async def test_malformed_file_is_refused_and_database_unchanged(engine, sessions, tmp_path, make_event, name):
    await make_event()
    broken = {
        "broken.yaml": "title: [unclosed\n",
        "negative-seats.yaml": "title: X\nseats:\n  - agency: UBND tỉnh\n    seats: -3\n",
    }
    path = tmp_path / name
    if name.endswith(".docx"):
        path.write_bytes(b"PK\x03\x04 this is not a real docx")
    else:
        path.write_text(broken[name], encoding="utf-8")

    async def snapshot():  # type: ignore[no-untyped-def]
        async with sessions() as session:
            return [
                (await session.execute(select(func.count()).select_from(m))).scalar_one()
                for m in (Event, SeatQuota, AgendaItem, AuditEntry)
            ]

    before = await snapshot()
    url = engine.url.render_as_string(hide_password=False)
    result = run("event", "import", str(path), env={"DATABASE_URL": url}, cwd=tmp_path)
    assert result.returncode == 1
    assert "Không nhập được tệp" in result.stderr and "Cơ sở dữ liệu không thay đổi" in result.stderr
    assert "Traceback" not in result.stderr
    assert await snapshot() == before


def test_bad_setting_stops_with_one_line(tmp_path):
    result = run("event", "list", env={"TIMEZONE": "Nowhere/City"}, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["pii-bot: TIMEZONE: unknown time zone 'Nowhere/City'"]


def test_demo_invitation_link_to_confirmed_seat(tmp_path):
    env = {"DATA_DIR": str(tmp_path)}
    links = run("demo", stdin="/loimoi\n", env=env, cwd=tmp_path).stdout
    line = next(x for x in links.splitlines() if x.startswith("3. Sở Khoa học và Công nghệ (15 chỗ): "))
    start = line.split(": ", 1)[1]
    answers = (
        "\n".join([start, "1", "Nguyễn Văn Demo", "Chuyên viên", "0912 345 678", "1", "1", "/toi"]) + "\n"
    )
    out = run("demo", stdin=answers, env=env, cwd=tmp_path).stdout
    assert "Kính mời Quý đại biểu của Sở Khoa học và Công nghệ tham dự" in out
    assert "Cảm ơn Quý vị đã xác nhận tham dự" in out
    assert "Tình trạng: đã xác nhận tham dự" in out


@pytest.mark.db
async def test_invites_prints_links_and_writes_qr_codes(engine, tmp_path, make_event):
    import zipfile

    await make_event()
    url = engine.url.render_as_string(hide_password=False)
    out = tmp_path / "loimoi.zip"
    result = run(
        "invites",
        "1",
        "--bot-username",
        "@pii_bot",
        "--out",
        str(out),
        env={"DATABASE_URL": url},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "1. UBND tỉnh (2 chỗ): https://t.me/pii_bot?start=" in result.stdout
    names = zipfile.ZipFile(out).namelist()
    assert len([n for n in names if n.endswith(".png")]) == 3 and "index.csv" in names
    # Asked again, the same links come back (one live link per agency).
    again = run("invites", "1", "--bot-username", "pii_bot", env={"DATABASE_URL": url}, cwd=tmp_path)
    assert again.stdout == result.stdout.replace(f"Đã ghi mã QR và bảng danh sách: {out}\n", "")
