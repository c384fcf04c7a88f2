"""Replies as Zalo messages: texts under Zalo's limit, buttons as a template or numbered choices
answered by number, map links, files through Zalo's upload API; and the quiet-hours clock."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_render import render_reply, split_text
from bot.domain.quiet_hours import QuietHours, quiet_until
from bot.i18n import translator
from bot.messages import Button, Location, OutFile, Reply
from tests.fakes.zalo_api import FakeZalo, text_event
from tests.zalo.conftest import post_event

USER = "1122334455"
t = translator("vi")


@pytest.fixture
def zalo_settings(zalo_settings):  # type: ignore[no-untyped-def]
    """A verified OA that may write first: these tests push to users who have not written."""
    return zalo_settings.model_copy(update={"zalo_proactive": True})


def test_long_text_is_split_under_the_limit_at_line_ends():
    text = "\n".join(f"Dòng {i}: " + "chữ " * 40 for i in range(60))
    pieces = split_text(text, 2000)
    assert len(pieces) > 1 and all(len(p) <= 2000 for p in pieces)
    assert "\n".join(pieces) == text
    assert all(len(p) <= 50 for p in split_text("một " * 100, 50))


def test_up_to_the_maximum_buttons_become_a_button_template():
    reply = Reply(text="Chọn:", buttons=[[Button("Có", "rsvp:yes:1"), Button("Không", "rsvp:no:1")]])
    rendered = render_reply(reply, t, text_limit=2000, max_buttons=5)
    (message,) = rendered.messages
    assert message["text"] == "Chọn:"
    assert message["attachment"]["type"] == "template"
    assert message["attachment"]["payload"]["buttons"] == [
        {"title": "Có", "type": "oa.query.hide", "payload": "#pii:rsvp:yes:1"},
        {"title": "Không", "type": "oa.query.hide", "payload": "#pii:rsvp:no:1"},
    ]
    assert rendered.choices == ["rsvp:yes:1", "rsvp:no:1"]


def test_more_buttons_than_zalo_allows_become_numbered_choices():
    reply = Reply(text="Cơ quan nào?", buttons=[[Button(f"Sở {i}", f"reg:agency:{i}")] for i in range(1, 8)])
    rendered = render_reply(reply, t, text_limit=2000, max_buttons=5)
    (message,) = rendered.messages
    assert "attachment" not in message
    assert "1. Sở 1\n2. Sở 2" in message["text"] and "7. Sở 7" in message["text"]
    assert "trả lời bằng số thứ tự" in message["text"]
    assert rendered.choices[6] == "reg:agency:7"


def test_a_location_is_a_map_link_and_the_phone_request_a_typed_answer():
    reply = Reply(
        text="Địa điểm", location=Location(16.81, 107.1, "Hội trường A", "1 Lê Lợi"), request_phone=True
    )
    texts = [m["text"] for m in render_reply(reply, t, text_limit=2000, max_buttons=5).messages]
    assert "gõ số điện thoại" in texts[0]
    assert (
        texts[1]
        == "📍 Hội trường A, 1 Lê Lợi\nBản đồ: https://www.google.com/maps/search/?api=1&query=16.810000,107.100000"
    )


def test_quiet_hours_cross_midnight_and_can_be_switched_off():
    zone = "Asia/Ho_Chi_Minh"
    at = lambda h, m=0: dt.datetime(2026, 11, 20, h, m, tzinfo=dt.UTC)  # noqa: E731  (UTC; +7 in Hà Nội)
    assert quiet_until(at(14, 59), zone, QuietHours.parse("22:00", "06:00")) is None  # 21:59
    assert quiet_until(at(15, 0), zone, QuietHours.parse("22:00", "06:00")) == at(
        23
    )  # 22:00 -> 06:00 tomorrow
    assert quiet_until(at(22, 30), zone, QuietHours.parse("22:00", "06:00")) == at(23)  # 05:30 -> 06:00
    assert quiet_until(at(23, 0), zone, QuietHours.parse("22:00", "06:00")) is None  # 06:00
    assert quiet_until(at(15, 0), zone, QuietHours.parse("12:00", "23:00")) == at(16)  # a daytime window
    assert quiet_until(at(15, 0), zone, QuietHours.parse("00:00", "00:00")) is None


@pytest.mark.db
async def test_answering_by_number_presses_the_numbered_button(web, zalo: ZaloChannel, fake_zalo: FakeZalo):
    await post_event(web, zalo, text_event(USER, "/ngonngu"))
    menu = fake_zalo.messages_to(USER)[-1]
    assert [b["title"] for b in menu["attachment"]["payload"]["buttons"]] == ["Tiếng Việt", "English"]
    await post_event(web, zalo, text_event(USER, "2"))
    assert fake_zalo.texts_to(USER)[-1] == "Switched to English."
    # A number that matches no choice is just text.
    await post_event(web, zalo, text_event(USER, "9"))
    assert len(fake_zalo.texts_to(USER)) == 3


@pytest.mark.db
async def test_files_go_through_zalo_upload_and_a_refused_one_is_explained(
    zalo: ZaloChannel, fake_zalo: FakeZalo
):
    chart = OutFile("bieu-do.png", b"\x89PNG chart", "image/png", caption="Biểu đồ", is_photo=True)
    calendar = OutFile("hoi-thao.ics", b"BEGIN:VCALENDAR", "text/calendar")
    await zalo.send(USER, [Reply(text="Tệp của Quý vị", files=[chart, calendar])])
    uploads = fake_zalo.calls_to("/upload/image") + fake_zalo.calls_to("/upload/file")
    assert [(c.path, c.files["file"][0]) for c in uploads] == [
        ("/v2.0/oa/upload/image", "bieu-do.png"),
        ("/v2.0/oa/upload/file", "hoi-thao.ics"),
    ]
    messages = fake_zalo.messages_to(USER)
    assert [m.get("text") for m in messages[:2]] == ["Tệp của Quý vị", "Biểu đồ"]
    image = messages[2]["attachment"]
    assert image["payload"]["template_type"] == "media"
    assert image["payload"]["elements"][0]["attachment_id"].startswith("img-")
    assert messages[3]["attachment"]["type"] == "file"
    assert messages[3]["attachment"]["payload"]["token"].startswith("file-")
    fake_zalo.fail_next(-201, path="/upload/file")
    await zalo.send(USER, [Reply(text="Lịch", files=[calendar])])
    assert "Zalo chưa cho phép gửi tệp «hoi-thao.ics»" in fake_zalo.texts_to(USER)[-1]
