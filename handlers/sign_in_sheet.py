"""`/signin` (`/kynhan`): the printable sign-in sheet (PDF, A4) sent to an organiser as a file."""

from __future__ import annotations

import asyncio

from bot.documents.sign_in_pdf import PDF_MIME, sign_in_pdf
from bot.domain.reports.attendance import collect_report
from bot.messages import OutFile, Reply
from handlers.context import Context
from handlers.roles import require_organiser
from storage import repositories as repo

__all__ = ["sign_in_sheet"]


async def sign_in_sheet(ctx: Context) -> list[Reply]:
    """The confirmed delegates grouped by agency, with a column to sign, ready to print."""
    cached = await require_organiser(ctx)
    event = await repo.event_with_details(ctx.session, cached.id)
    assert event is not None
    data = await collect_report(ctx.session, event)
    # Laying out pages is CPU work: a worker thread keeps the event loop answering others.
    pdf = await asyncio.to_thread(sign_in_pdf, data, ctx.t)
    sheet = OutFile(ctx.t("signin.file", slug=event.slug), pdf, PDF_MIME, caption=ctx.t("signin.caption"))
    return [Reply(text=ctx.t("signin.ready", title=event.title, count=len(data.delegates)), files=[sheet])]
