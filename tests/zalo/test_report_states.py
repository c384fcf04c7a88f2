"""The delivery report's words for a row's state, and the reasons in the organisers' words."""

from __future__ import annotations

import datetime as dt

from bot.i18n import translator
from bot.outbox.routing import PersonDelivery, final_state
from handlers.reminders.delivery_report import reason_text, report_text
from storage.enums import DeliveryStatus
from storage.models import OutboxMessage

NIGHT = dt.datetime(2026, 11, 25, 16, 0, tzinfo=dt.UTC)  # 23:00 in Hà Nội
MORNING = dt.datetime(2026, 11, 26, 0, 0, tzinfo=dt.UTC)  # 07:00, the end of the quiet hours
t = translator("vi")


def _row(status: DeliveryStatus, not_before: dt.datetime, last_error: str | None = None) -> OutboxMessage:
    return OutboxMessage(
        status=status, not_before=not_before, last_error=last_error, quiet_zone="Asia/Ho_Chi_Minh"
    )


def test_a_row_held_until_the_end_of_the_night_waits_for_the_morning():
    assert final_state(_row(DeliveryStatus.PENDING, MORNING), NIGHT) == "waiting_morning"
    # A rate-limit wait of a minute in the afternoon is just waiting.
    afternoon = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
    assert (
        final_state(_row(DeliveryStatus.PENDING, afternoon + dt.timedelta(minutes=1)), afternoon) == "waiting"
    )
    assert final_state(_row(DeliveryStatus.SENT, NIGHT), NIGHT) == "delivered"
    assert final_state(_row(DeliveryStatus.UNREACHABLE, NIGHT), NIGHT) == "unreachable"
    assert final_state(_row(DeliveryStatus.FAILED, NIGHT, "expired"), NIGHT) == "expired"
    assert final_state(_row(DeliveryStatus.FAILED, NIGHT, "ZaloApiError: x"), NIGHT) == "failed"


def test_reasons_read_as_the_organisers_words_and_unknown_ones_as_given():
    assert (
        reason_text(t, "zalo.window")
        == "quá 48 giờ từ tin nhắn cuối của người nhận, OA chưa bật kênh gửi khác"
    )
    assert reason_text(t, "zalo.blocked:-213") == "người nhận chưa quan tâm hoặc đã chặn OA [-213]"
    assert (
        reason_text(t, "Forbidden: bot was blocked by the user") == "Forbidden: bot was blocked by the user"
    )
    assert reason_text(t, None) == "kênh báo lỗi"


def test_the_report_has_one_line_per_person_and_no_sentence_when_empty():
    rows = [
        PersonDelivery(1, "Nguyễn Văn An", "telegram", "delivered", None, ()),
        PersonDelivery(2, None, "zalo", "unreachable", "zalo.window", ("zalo",)),
    ]
    assert report_text(t, rows) == (
        "Kết quả gửi theo từng người (2):\n• Nguyễn Văn An — Telegram: đã gửi\n"
        "• (chưa có tên) — Zalo OA: không liên lạc được (quá 48 giờ từ tin nhắn cuối của người nhận, "
        "OA chưa bật kênh gửi khác)"
    )
    assert report_text(translator("en"), []) == "Nothing has been sent yet."
