"""Invitation links for the printed letters: one link and one QR code per invited agency."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import segno
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.registration.invitations import agency_invitations
from bot.domain.spreadsheet_cells import neutralise_cell
from bot.domain.textfold import fold

__all__ = ["InviteLine", "invite_lines", "qr_png", "qr_zip", "telegram_link"]


@dataclass(frozen=True)
class InviteLine:
    """One agency's invitation: its seats and its link."""

    position: int
    agency: str
    seats: int | None
    token: str
    link: str


def telegram_link(username: str) -> Callable[[str], str]:
    """Deep links that open the bot on Telegram with the token as the /start payload."""
    name = username.lstrip("@")
    return lambda token: f"https://t.me/{name}?start={token}"


async def invite_lines(
    session: AsyncSession, event_id: int, link_for: Callable[[str], str]
) -> list[InviteLine]:
    """The delegate invitation of every agency, creating missing links. Flushes only."""
    return [
        InviteLine(n, quota.agency.name, quota.seats, invitation.token, link_for(invitation.token))
        for n, (quota, invitation) in enumerate(await agency_invitations(session, event_id), start=1)
    ]


def qr_png(link: str) -> bytes:
    """A QR code PNG of the link, large enough to print on a letter."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


def _file_name(line: InviteLine) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", fold(line.agency)).strip("-")[:50] or "agency"
    return f"{line.position:02d}-{stem}.png"


def qr_zip(lines: list[InviteLine]) -> bytes:
    """A zip with one QR PNG per agency and an index of agencies, seats and links (CSV)."""
    buffer = io.BytesIO()
    index = io.StringIO()
    writer = csv.writer(index, lineterminator="\n")
    writer.writerow(["stt", "agency", "seats", "link", "qr_file"])
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for line in lines:
            name = _file_name(line)
            archive.writestr(name, qr_png(line.link))
            seats = line.seats if line.seats is not None else ""
            writer.writerow(
                [neutralise_cell(v) for v in (line.position, line.agency, seats, line.link, name)]
            )
        archive.writestr("index.csv", "\ufeff" + index.getvalue())
    return buffer.getvalue()
