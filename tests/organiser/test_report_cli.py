"""The organisers' CLI actions (bot/report_commands.py) on the test database."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.cli.reports import add_organiser, print_organiser_link, write_report
from bot.i18n import translator
from bot.messages import Inbound
from storage.enums import Channel
from tests.organiser.helpers import build_data_set, say, text_of

pytestmark = pytest.mark.db
VI = translator("vi")


@pytest.fixture
def cli_settings(settings, engine):  # type: ignore[no-untyped-def]
    """Settings pointing the CLI at the test database (already migrated)."""
    return settings.model_copy(update={"database_url": engine.url.render_as_string(hide_password=False)})


async def test_report_written_and_opened_back(cli_settings, sessions, make_event, tmp_path, capsys):
    data = await build_data_set(sessions, make_event)
    xlsx, chart = tmp_path / "bao-cao.xlsx", tmp_path / "bieu-do.png"
    assert await write_report(cli_settings, VI, str(data.event_id), xlsx, chart) == 0
    out = capsys.readouterr().out
    assert f"Đã ghi báo cáo: {xlsx}" in out and f"Đã ghi biểu đồ: {chart}" in out
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Tổng hợp", "Danh sách ký nhận", "Danh sách chờ"]
    assert book["Danh sách ký nhận"].max_row == 6
    assert Image.open(io.BytesIO(chart.read_bytes())).format == "PNG"


async def test_unknown_event(cli_settings, tmp_path, capsys):
    assert await write_report(cli_settings, VI, "khong-co", tmp_path / "x.xlsx", None) == 1
    assert "Không tìm thấy sự kiện khong-co." in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


async def test_organiser_added_by_telegram_id_can_see_the_summary(
    core, cli_settings, sessions, make_event, capsys
):
    data = await build_data_set(sessions, make_event)
    telegram = Inbound(channel=Channel.TELEGRAM, user_id="424242", text="/tonghop")
    assert "chỉ dành cho Ban Tổ chức" in text_of(await core.handle(telegram))
    assert await add_organiser(cli_settings, VI, str(data.event_id), 424242) == 0
    assert "Đã thêm tài khoản Telegram 424242 vào Ban Tổ chức" in capsys.readouterr().out
    assert "Tổng cộng — 11 chỗ" in text_of(await core.handle(telegram))
    # Twice is harmless.
    assert await add_organiser(cli_settings, VI, str(data.event_id), 424242) == 0
    assert "đã thuộc Ban Tổ chức" in capsys.readouterr().out


async def test_organiser_link_from_the_cli(core, cli_settings, sessions, make_event, capsys):
    data = await build_data_set(sessions, make_event)
    slug = "hoi-thao-pii-tinh-thu-nghiem-2026"
    assert await print_organiser_link(cli_settings, VI, slug, "PiiBot") == 0
    out = capsys.readouterr().out
    link = next(word for word in out.split() if word.startswith("https://t.me/PiiBot?start="))
    token = link.split("start=", 1)[1]
    assert "Quý vị đã được thêm vào Ban Tổ chức" in text_of(
        await say(core, f"/start {token}", user="new-org")
    )
    assert "Tổng cộng — 11 chỗ" in text_of(await say(core, "/tonghop", user="new-org"))
    assert data.event_id
