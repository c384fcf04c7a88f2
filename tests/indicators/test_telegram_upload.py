"""Submitting evidence on Telegram through the fake Bot API: files downloaded, checked, stored
with their SHA-256; a refused type, a renamed file and an oversized file leave nothing behind."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from sqlalchemy import select

from bot.domain.indicators.evidence import policy_from
from storage.indicator_models import (
    Assignment,
    AssignmentStatus,
    EvidenceFile,
    Indicator,
    Submission,
)
from tests.fakes.telegram_api import FakeBotApi, callback_update, message_update
from tests.indicators.conftest import Campaign, telegram_focal_point

pytestmark = pytest.mark.db

USER = 701
PDF = b"%PDF-1.7\n" + b"minh chung " * 200


def docx_bytes() -> bytes:
    """A minimal Office Open XML word document (enough for the content check)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def document(
    api: FakeBotApi, file_id: str, name: str, content: bytes, mime: str, size: int | None = None
) -> dict:
    """A document message content whose bytes the fake server serves."""
    api.store_file(file_id, content, f"documents/{name}")
    return {
        "file_id": file_id,
        "file_unique_id": f"u{file_id}",
        "file_name": name,
        "mime_type": mime,
        "file_size": len(content) if size is None else size,
    }


def _replies(api: FakeBotApi) -> list[str]:
    # The campaign's deadline reminder (an outbox notice) may reach the chat at any point of the
    # exchange, depending on when the outbox ticks: it is not one of the bot's replies.
    return [text for text in api.texts_to(USER) if not text.startswith("⏰ Nhắc hạn")]


async def texts_after(api: FakeBotApi, count: int) -> list[str]:
    """Wait until the user has received more than `count` replies; all of their texts."""
    return await api.wait_for(lambda: len(_replies(api)) > count and _replies(api))


async def start_submission(api: FakeBotApi, sessions, campaign: Campaign) -> Assignment:  # type: ignore[no-untyped-def]
    """Pick P2.a and type the value; the bot then asks for files."""
    await telegram_focal_point(sessions, campaign.event_id, USER, "Sở Khoa học và Công nghệ")
    async with sessions() as session:
        target = (
            await session.execute(select(Assignment).join(Indicator).where(Indicator.code == "P2.a"))
        ).scalar_one()
    api.push(callback_update(USER, f"fp:pick:{target.id}"))
    await texts_after(api, 0)
    api.push(message_update(USER, "15,2 người"))
    texts = await texts_after(api, 1)
    assert "gửi các tệp minh chứng (DOCX, JPEG, JPG, PDF, PNG, XLSX, tối đa 0.05 MB mỗi tệp)" in texts[-1]
    return target


async def stored_state(sessions, settings) -> tuple[list[EvidenceFile], list[str]]:  # type: ignore[no-untyped-def]
    """Evidence rows in the database, and files on disk under the evidence directory."""
    async with sessions() as session:
        rows = list((await session.execute(select(EvidenceFile))).scalars())
    root = policy_from(settings).root
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []
    return rows, files


async def test_pdf_and_docx_are_stored_with_their_sha256_and_submitted(
    polling: FakeBotApi, sessions, campaign, tg_settings
):
    target = await start_submission(polling, sessions, campaign)
    polling.push(
        message_update(USER, document=document(polling, "D1", "bao-cao.pdf", PDF, "application/pdf"))
    )
    texts = await texts_after(polling, 2)
    assert texts[-1].startswith("📎 Đã nhận bao-cao.pdf")
    polling.push(
        message_update(
            USER, document=document(polling, "D2", "bieu.docx", docx_bytes(), "application/msword")
        )
    )
    await texts_after(polling, 3)
    polling.push(
        message_update(USER, document=document(polling, "D3", "ban-sao.pdf", PDF, "application/pdf"))
    )
    texts = await texts_after(polling, 4)
    assert "trùng nội dung" in texts[-1]
    polling.push(callback_update(USER, "fp:done"))
    texts = await texts_after(polling, 5)
    assert "• bao-cao.pdf" in texts[-1] and "• bieu.docx" in texts[-1]
    polling.push(callback_update(USER, "fp:confirm"))
    texts = await texts_after(polling, 6)
    assert "Đã nộp chỉ số [P2.a] với 2 tệp minh chứng" in texts[-1]
    rows, files = await stored_state(sessions, tg_settings)
    digest = hashlib.sha256(PDF).hexdigest()
    assert [(r.original_name, r.sha256, r.size) for r in rows][0] == ("bao-cao.pdf", digest, len(PDF))
    assert f"{campaign.event_id}/{target.id}/{digest}.pdf" in files and len(files) == 2
    stored = policy_from(tg_settings).root / rows[0].stored_path
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == digest
    async with sessions() as session:
        assert (await session.get(Assignment, target.id)).status == AssignmentStatus.SUBMITTED


async def test_refused_type_renamed_file_and_oversized_file_store_nothing(
    polling: FakeBotApi, sessions, campaign, tg_settings
):
    await start_submission(polling, sessions, campaign)
    polling.push(
        message_update(
            USER, document=document(polling, "E1", "setup.exe", b"MZ\x90\x00", "application/x-msdownload")
        )
    )
    texts = await texts_after(polling, 2)
    assert (
        texts[-1]
        == "Tôi không nhận loại tệp này. Quý vị vui lòng gửi tệp DOCX, JPEG, JPG, PDF, PNG, XLSX. Tôi chưa lưu tệp nào."
    )
    polling.push(
        message_update(
            USER, document=document(polling, "E2", "bao-cao.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
        )
    )
    texts = await texts_after(polling, 3)
    assert (
        texts[-1]
        == "Nội dung tệp không phải là tệp PDF hợp lệ (tệp hỏng hoặc đổi đuôi). Tôi chưa lưu tệp nào."
    )
    big = b"%PDF-1.7\n" + b"0" * 60_000
    polling.push(message_update(USER, document=document(polling, "E3", "lon.pdf", big, "application/pdf")))
    texts = await texts_after(polling, 4)
    assert texts[-1] == "Tệp quá lớn (tối đa 0.05 MB). Tôi chưa lưu tệp nào."
    # A file whose announced size is missing is caught after the download, before anything is written.
    polling.push(
        message_update(
            USER, document={**document(polling, "E4", "lon2.pdf", big, "application/pdf"), "file_size": None}
        )
    )
    texts = await texts_after(polling, 5)
    assert texts[-1] == "Tệp quá lớn (tối đa 0.05 MB). Tôi chưa lưu tệp nào."
    downloaded = [c.params["file_id"] for c in polling.calls_to("getFile")]
    assert "E1" not in downloaded and "E3" not in downloaded  # refused before downloading
    rows, files = await stored_state(sessions, tg_settings)
    assert rows == [] and files == []
    async with sessions() as session:
        draft = (await session.execute(select(Submission))).scalar_one()
        assert draft.value == "15,2 người"  # the draft itself is intact; the user can go on


@pytest.mark.parametrize("announced", [None, 1_000])
async def test_a_download_whose_size_is_missing_or_false_stops_at_the_limit(
    polling: FakeBotApi, sessions, campaign, tg_settings, announced
):
    await start_submission(polling, sessions, campaign)
    polling.store_endless_file("E9", "documents/vo-tan.pdf", b"%PDF-1.7\n", announced=announced)
    polling.push(
        message_update(
            USER,
            document={
                "file_id": "E9",
                "file_unique_id": "uE9",
                "file_name": "vo-tan.pdf",
                "mime_type": "application/pdf",
            },
        )
    )
    refusal = "Tệp quá lớn (tối đa 0.05 MB). Tôi chưa lưu tệp nào."
    await polling.wait_for(lambda: refusal in polling.texts_to(USER), timeout=60)
    # The limit is 50 kB; the server had 500 MB to give and was read only a little past the limit
    # (what the sockets buffer), never whole.
    assert polling.streamed["documents/vo-tan.pdf"] < 20_000_000
    rows, files = await stored_state(sessions, tg_settings)
    assert rows == [] and files == []
