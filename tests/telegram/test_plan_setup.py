"""Setting up an event in Telegram chat from a Word plan: draft, answers, confirmation, write.

The real PTB Application runs against the fake Bot API; the document is downloaded through
getFile like any upload, and nothing reaches the database before the organiser confirms."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from sqlalchemy import func, select

from bot.domain.plan import read_event_source
from bot.domain.plan.ocr import ocr_available
from storage import repositories as repo
from storage.enums import Channel, RoleKind
from storage.models import Agency, Event, OutboxMessage, Role
from storage.rsvp_models import Registration, RegistrationStatus
from tests.fakes.telegram_api import FakeBotApi, callback_update, message_update
from tests.importing import genre_builders as build

pytestmark = pytest.mark.db

ORGANISER, STRANGER = 8101, 8102
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

PLAN = [
    ("p", "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH THỬ NGHIỆM"),
    ("p", "KẾ HOẠCH"),
    ("p", "Tổ chức Hội thảo “Dữ liệu cho Bộ chỉ số PII năm 2026”"),
    ("p", "1. Thời gian: ngày …/12/2026."),
    ("p", "2. Địa điểm: Hội trường Sở Khoa học và Công nghệ."),
    ("p", "3. Thành phần: đại diện Sở Tài chính; Sở Y tế; Sở Nội vụ."),
    (
        "table",
        [
            ["Thời gian", "Nội dung", "Thực hiện"],
            ["8h00 - 8h30", "Đón tiếp đại biểu", "Văn phòng Sở"],
            ["8h30 - 10h00", "Hướng dẫn thu thập dữ liệu", "Phòng Quản lý KH&CN"],
            ["10h00 - 10h30", "Thảo luận", "Đại biểu"],
        ],
    ),
]


def document(api: FakeBotApi, file_id: str, name: str, content: bytes) -> dict:
    """A document message whose bytes the fake server serves through getFile."""
    api.store_file(file_id, content, f"documents/{name}")
    return {
        "file_id": file_id,
        "file_unique_id": f"u{file_id}",
        "file_name": name,
        "mime_type": DOCX,
        "file_size": len(content),
    }


async def _organiser_of(sessions, event_id: int, user: int) -> int:  # type: ignore[no-untyped-def]
    async with sessions() as session, session.begin():
        identity, _ = await repo.identity_for(session, Channel.TELEGRAM, str(user), None, "vi")
        session.add(Role(event_id=event_id, person_id=identity.person_id, kind=RoleKind.ORGANISER))
        return identity.person_id


async def _after(api: FakeBotApi, user: int, count: int) -> list[str]:
    return await api.wait_for(lambda: len(api.texts_to(user)) > count and api.texts_to(user), timeout=20)


async def _events(sessions) -> int:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return (await session.execute(select(func.count()).select_from(Event))).scalar_one()


async def test_a_word_plan_becomes_an_event_after_answers_and_confirmation(
    polling: FakeBotApi, sessions, make_event
):
    await _organiser_of(sessions, await make_event(), ORGANISER)
    polling.push(message_update(ORGANISER, "/nhapkehoach"))
    texts = await _after(polling, ORGANISER, 0)
    assert "gửi kế hoạch, giấy mời hoặc chương trình" in texts[-1]
    polling.push(
        message_update(ORGANISER, document=document(polling, "P1", "ke-hoach.docx", build.to_docx(PLAN)))
    )
    texts = await _after(polling, ORGANISER, 1)
    draft_text = texts[-1]
    assert "Dữ liệu cho Bộ chỉ số PII năm 2026" in draft_text
    assert "chưa được ấn định" in draft_text and "…/12/2026" in draft_text
    assert "Đã nhận diện 3 mục trong chương trình" in draft_text
    assert "dòng 3:" in draft_text  # where the title was read
    assert await _events(sessions) == 1  # nothing written yet

    polling.push(
        message_update(
            ORGANISER,
            "ngày 15/12/2026; địa chỉ: số 5 Lê Lợi, phường Thuận Hóa\nSở Tài chính: 3; Sở Y tế: 2\nxin cảm ơn",
        )
    )
    texts = await _after(polling, ORGANISER, 3)  # two replies: what was not understood, the draft
    assert "Chưa hiểu các ý sau" in texts[-2] and "xin cảm ơn" in texts[-2]
    assert "Ngày tổ chức: 15/12/2026" in texts[-1] and ": 5." in texts[-1]
    assert await _events(sessions) == 1

    polling.push(callback_update(ORGANISER, "ps:confirm"))
    texts = await _after(polling, ORGANISER, 4)
    assert "Đã tạo sự kiện “Dữ liệu cho Bộ chỉ số PII năm 2026”" in texts[-1]
    async with sessions() as session:
        event = (await session.execute(select(Event).where(Event.title.like("Dữ liệu%")))).scalar_one()
        full = await repo.event_with_details(session, event.id)
        assert (full.start_date, full.date_note) == (dt.date(2026, 12, 15), None)
        assert (full.venue.name, full.venue.address) == (
            "Hội trường Sở Khoa học và Công nghệ",
            "số 5 Lê Lợi, phường Thuận Hóa",
        )
        seats = {q.agency.name: q.seats for q in full.quotas}
        assert seats == {"Sở Tài chính": 3, "Sở Y tế": 2, "Sở Nội vụ": None}
        roles = await session.execute(select(Role.kind).where(Role.event_id == event.id))
        assert list(roles.scalars()) == [RoleKind.ORGANISER]


async def test_updating_an_event_shows_the_change_and_who_is_told_before_writing(
    polling: FakeBotApi, sessions, make_event, tmp_path
):
    path = tmp_path / "ke-hoach.txt"
    path.write_text(build.to_tab_text(PLAN), encoding="utf-8")
    draft, _ = read_event_source(path)
    draft.start_date, draft.date_note = dt.date(2026, 12, 15), None
    event_id = await make_event(
        **{k: getattr(draft, k) for k in ("title", "venue")},
        date=draft.start_date,
        seats={"Sở Tài chính": 3},
        slug=draft.slug,
    )
    person = await _organiser_of(sessions, event_id, ORGANISER)
    async with sessions() as session, session.begin():
        agency = (await session.execute(select(Agency.id).where(Agency.name == "Sở Tài chính"))).scalar_one()
        session.add(
            Registration(
                event_id=event_id, person_id=person, agency_id=agency, status=RegistrationStatus.CONFIRMED
            )
        )
    polling.push(message_update(ORGANISER, "/nhapkehoach"))
    await _after(polling, ORGANISER, 0)
    polling.push(
        message_update(ORGANISER, document=document(polling, "P2", "ke-hoach.docx", build.to_docx(PLAN)))
    )
    await _after(polling, ORGANISER, 1)
    polling.push(callback_update(ORGANISER, "ps:confirm"))
    texts = await _after(polling, ORGANISER, 2)
    preview = texts[-1]
    assert f"sự kiện #{event_id}" in preview
    assert "Giữ nguyên giá trị đã có" in preview and "date" in preview  # the set date is kept
    assert "1 đại biểu" in preview
    polling.push(callback_update(ORGANISER, "ps:write"))
    texts = await _after(polling, ORGANISER, 3)
    assert "Đã cập nhật sự kiện" in texts[-1] and "tới 1 đại biểu" in texts[-1]
    async with sessions() as session:
        event = await session.get(Event, event_id)
        assert event.start_date == dt.date(2026, 12, 15)
        notices = await session.execute(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "event_change")
        )
        assert notices.scalar_one() == 1


async def test_strangers_and_hostile_files_change_nothing(polling: FakeBotApi, sessions, make_event):
    await _organiser_of(sessions, await make_event(), ORGANISER)
    polling.push(message_update(STRANGER, "/nhapkehoach"))
    texts = await _after(polling, STRANGER, 0)
    assert "chỉ dành cho Ban Tổ chức" in texts[-1]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"\0" * (120 * 1024 * 1024))
    polling.push(message_update(ORGANISER, document=document(polling, "Z1", "bom.docx", buffer.getvalue())))
    texts = await _after(polling, ORGANISER, 0)
    assert "giải nén quá lớn" in texts[-1] and "Chưa có gì được ghi" in texts[-1]
    polling.push(message_update(ORGANISER, document=document(polling, "Z2", "rac.pdf", b"%PDF-1.7 garbage")))
    texts = await _after(polling, ORGANISER, 1)
    assert "Tệp PDF bị hỏng" in texts[-1]
    assert await _events(sessions) == 1


async def test_an_invitee_spreadsheet_sent_after_the_plan_sets_the_seats(
    polling: FakeBotApi, sessions, make_event
):
    await _organiser_of(sessions, await make_event(), ORGANISER)
    polling.push(message_update(ORGANISER, "/nhapkehoach"))
    await _after(polling, ORGANISER, 0)
    polling.push(
        message_update(ORGANISER, document=document(polling, "P3", "ke-hoach.docx", build.to_docx(PLAN)))
    )
    await _after(polling, ORGANISER, 1)
    sheet = "Đơn vị,Số lượng\nSở Tài chính,3\nSở Y tế,hai\nSở Nội vụ,2\n".encode()
    polling.push(message_update(ORGANISER, document=document(polling, "L1", "moi.csv", sheet)))
    texts = await _after(polling, ORGANISER, 2)
    assert ": 5." in texts[-1]  # 3 + 2 seats
    assert "Dòng 3 của danh sách khách mời không đọc được: hai" in texts[-1]
    polling.push(message_update(ORGANISER, "ngày 15/12/2026"))
    await _after(polling, ORGANISER, 3)
    polling.push(callback_update(ORGANISER, "ps:confirm"))
    texts = await _after(polling, ORGANISER, 4)
    assert "Đã tạo sự kiện" in texts[-1]
    async with sessions() as session:
        event = (await session.execute(select(Event).where(Event.title.like("Dữ liệu%")))).scalar_one()
        full = await repo.event_with_details(session, event.id)
        assert {q.agency.name: q.seats for q in full.quotas} == {"Sở Tài chính": 3, "Sở Nội vụ": 2}


@pytest.mark.skipif(not ocr_available(), reason="tesseract with its vie model is not installed")
async def test_a_photo_of_an_invitation_is_read_through_ocr(polling: FakeBotApi, sessions, make_event):
    from PIL import Image, ImageDraw, ImageFont

    await _organiser_of(sessions, await make_event(), ORGANISER)
    lines = [
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "GIẤY MỜI",
        "Dự Hội thảo “Đổi mới sáng tạo trong nông nghiệp”",
        "Thời gian: 8 giờ 00, ngày 20/11/2026.",
        "Địa điểm: Hội trường Sở, số 11 Nguyễn Du, phường Thành Sen.",
    ]
    font = ImageFont.truetype(str(build.FONT_DIR / "DejaVuSans.ttf"), 34)
    image = Image.new("L", (1800, 480), 255)
    for index, line in enumerate(lines):
        ImageDraw.Draw(image).text((60, 60 + 70 * index), line, font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    polling.store_file("PH1", buffer.getvalue(), "photos/file_1.jpg")
    photo = [
        {
            "file_id": "PH1",
            "file_unique_id": "uPH1",
            "width": 1800,
            "height": 480,
            "file_size": len(buffer.getvalue()),
        }
    ]
    polling.push(message_update(ORGANISER, photo=photo))
    texts = await _after(polling, ORGANISER, 0)
    assert "Đổi mới sáng tạo trong nông nghiệp" in texts[-1]
    assert "Ngày tổ chức: 20/11/2026" in texts[-1]
    assert await _events(sessions) == 1


async def test_text_pasted_from_a_web_page_is_read_like_a_document(polling: FakeBotApi, sessions, make_event):
    await _organiser_of(sessions, await make_event(), ORGANISER)
    polling.push(message_update(ORGANISER, "/importplan"))
    await _after(polling, ORGANISER, 0)
    pasted = (
        "Thông báo mời tham dự Hội thảo “Phát triển thị trường khoa học và công nghệ”\n"
        "Sở Khoa học và Công nghệ tỉnh Bắc Ninh tổ chức Hội thảo vào lúc 14 giờ 00, thứ Năm, "
        "ngày 16 tháng 10 năm 2025 tại Khách sạn Mường Thanh Luxury - Bắc Ninh, số 1 Lý Thái Tổ."
    )
    polling.push(message_update(ORGANISER, pasted))
    texts = await _after(polling, ORGANISER, 1)
    assert "Phát triển thị trường khoa học và công nghệ" in texts[-1]
    assert "Ngày tổ chức: 16/10/2025" in texts[-1]
    assert "Khách sạn Mường Thanh Luxury - Bắc Ninh" in texts[-1]
