"""The conversations, written once against the neutral Inbound/Reply types."""

from __future__ import annotations

from handlers import event_choice, language, programme, venue, welcome
from handlers import organiser_seats, registration, rsvp
from handlers import questions
from handlers.router import Router

__all__ = ["build_router"]


def build_router() -> Router:
    """Every conversation in routing order; the catch-all last."""
    router = Router()
    router.command(welcome.start_with([registration.claim_invitation]), "start", "batdau")
    router.command(welcome.show_help, "help", "trogiup")
    router.command(welcome.cancel, "cancel", "huy")
    router.command(programme.show_agenda, "agenda", "chuongtrinh")
    router.command(venue.show_venue, "venue", "diadiem")
    router.command(language.ask_language, "lang", "ngonngu")
    router.command(event_choice.list_events, "event", "sukien")
    # Registration and RSVP (delegates).
    router.command(registration.register_without_link, "register", "dangky")
    router.command(rsvp.show_me, "me", "toi")
    router.command(rsvp.forget_me, "forget", "xoadulieu")
    router.command(rsvp.transfer_link, "transfer", "nhuongcho")
    router.payload("reg:", registration.registration_button)
    router.payload("rsvp:", rsvp.answer_button)
    router.payload("offer:", rsvp.offer_button)
    router.payload("me:forget", rsvp.forget_button)
    router.flow(registration.FLOW, registration.registration_input)
    # Seats (organisers).
    router.command(organiser_seats.invites, "invites", "loimoi")
    router.command(organiser_seats.quota, "quota", "soghe")
    router.command(organiser_seats.move, "moveseats", "chuyenghe")
    router.command(organiser_seats.add_delegate, "adddelegate", "themdaibieu")
    router.command(organiser_seats.remove_delegate, "removedelegate", "xoadaibieu")
    router.command(organiser_seats.notify_preference, "notify", "nhanthongbao")
    router.payload("org:approve:", organiser_seats.approve_button)
    router.payload("org:quota:force", organiser_seats.quota_force_button)
    router.payload("lang:", language.language_button)
    router.payload("event:", event_choice.choose_event)
    router.flow(language.FLOW, language.language_answer)
    # Questions in plain words, the organisers' replies, the calendar file.
    router.command(questions.send_ics, "ics", "lich")
    router.payload("qa:", questions.organiser_button)
    router.flow(questions.REPLY_FLOW, questions.organiser_reply)
    router.text(questions.answer_free_text)
    router.fallback(welcome.not_understood)
    return router
