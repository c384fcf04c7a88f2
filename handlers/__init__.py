"""The conversations, written once against the neutral Inbound/Reply types."""

from __future__ import annotations

from handlers import event_choice, language, programme, venue, welcome
from handlers.router import Router

__all__ = ["build_router"]


def build_router() -> Router:
    """Every conversation in routing order; the catch-all last."""
    router = Router()
    router.command(welcome.start, "start", "batdau")
    router.command(welcome.show_help, "help", "trogiup")
    router.command(welcome.cancel, "cancel", "huy")
    router.command(programme.show_agenda, "agenda", "chuongtrinh")
    router.command(venue.show_venue, "venue", "diadiem")
    router.command(language.ask_language, "lang", "ngonngu")
    router.command(event_choice.list_events, "event", "sukien")
    router.payload("lang:", language.language_button)
    router.payload("event:", event_choice.choose_event)
    router.flow(language.FLOW, language.language_answer)
    router.fallback(welcome.not_understood)
    return router
