"""The command line's small things: one clear line for a missing folder and a closed pipe, no
workbook under a .csv name, a past date warned about, the bundled indicator sample found alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.cli.test_cli import run

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "quang-tri-2024.yaml"
SLUG = "hoi-thao-pii-quang-tri-2024"


def _with_event(tmp_path: Path, date: str = "16/06/2026") -> dict[str, str]:
    env = {"DATA_DIR": str(tmp_path / "data")}
    source = tmp_path / "su-kien.yaml"
    source.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("date: 16/06/2026", f"date: {date}"),
        encoding="utf-8",
    )
    result = run("event", "import", str(source), env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return env


def test_past_date_imports_with_a_warning(tmp_path):
    source = tmp_path / "cu.yaml"
    source.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("date: 16/06/2026", "date: 16/06/2020"), encoding="utf-8"
    )
    result = run("event", "import", str(source), "--dry-run", env={"DATA_DIR": str(tmp_path)}, cwd=tmp_path)
    assert result.returncode == 0
    assert "⚠ Ngày tổ chức 16/06/2020 đã qua" in result.stdout


def test_impossible_date_is_refused_as_such(tmp_path):
    source = tmp_path / "sai.yaml"
    source.write_text("title: Hội thảo\ndate: 31/02/2026\n", encoding="utf-8")
    result = run("event", "import", str(source), env={"DATA_DIR": str(tmp_path)}, cwd=tmp_path)
    assert result.returncode == 1
    assert "Ngày “31/02/2026” không có trên lịch" in result.stderr and "dd/mm/yyyy" not in result.stderr


def test_missing_output_folder_is_one_clear_line(tmp_path):
    env = _with_event(tmp_path, "16/06/2030")
    target = tmp_path / "khong-co" / "su-kien.yaml"
    result = run("event", "export", SLUG, "-o", str(target), env=env, cwd=tmp_path)
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"pii-bot: {target}: không có thư mục hoặc tệp này (Quý vị vui lòng tạo thư mục trước, hoặc kiểm tra lại đường dẫn)"
    )
    report = run("report", SLUG, "--xlsx", str(tmp_path / "khong-co" / "bao-cao.xlsx"), env=env, cwd=tmp_path)
    assert (
        report.returncode == 1
        and "Traceback" not in report.stderr
        and len(report.stderr.strip().splitlines()) == 1
    )


def test_closed_pipe_is_one_clear_line(tmp_path):
    env = _with_event(tmp_path, "16/06/2030")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written (`| head -0`)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bot.cli", "event", "list"],
            stdout=write_end,
            check=False,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            cwd=tmp_path,
            env={**os.environ, "LOG_LEVEL": "WARNING", **env},
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert result.stderr.strip() == "pii-bot: đầu ra đã bị đóng trước khi in xong (ống dẫn bị ngắt)."


def test_a_workbook_is_never_written_under_a_csv_name(tmp_path):
    env = _with_event(tmp_path, "16/06/2030")
    result = run("report", SLUG, "--xlsx", str(tmp_path / "bao-cao.csv"), env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert "--xlsx cần tên tệp có đuôi .xlsx" in result.stderr
    assert not (tmp_path / "bao-cao.csv").exists()


def test_broken_workbook_says_what_is_wrong_without_row_zero(tmp_path):
    env = _with_event(tmp_path, "16/06/2030")
    broken = tmp_path / "chi-so.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run("indicators", "import", SLUG, str(broken), env=env, cwd=tmp_path)
    assert result.returncode == 1
    assert "Tệp: không mở được tệp «chi-so.xlsx»: tệp bị hỏng" in result.stderr
    assert "Dòng 0" not in result.stderr and "Error" not in result.stderr


def test_sample_indicators_without_a_path(tmp_path):
    env = _with_event(tmp_path, "16/06/2030")
    result = run("indicators", "import", SLUG, "--sample", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        "Nhập danh sách chỉ số mẫu đi kèm:" in result.stdout and "pii_indicators_sample.csv" in result.stdout
    )
    alone = run("indicators", "import", SLUG, env=env, cwd=tmp_path)
    assert alone.returncode == 2 and "--sample" in alone.stderr
