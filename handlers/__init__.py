"""The conversations, written once against the neutral Inbound/Reply types."""

from __future__ import annotations

from handlers import checkin, language, questions, sign_in_sheet, welcome
from handlers import reports as organiser_tools
from handlers.events import choice as event_choice
from handlers.events import edit as event_edit
from handlers.events import programme, venue
from handlers.events import setup as plan_setup
from handlers.indicators import deadlines as indicator_edit
from handlers.indicators import focal_approval, focal_points
from handlers.indicators import review as indicator_review
from handlers.indicators import submit as indicator_submit
from handlers.registration import approvals, link_admin, linking
from handlers.registration import signup as registration
from handlers.reminders import announcements
from handlers.reminders import rules as reminders
from handlers.router import Router
from handlers.seats import organiser as organiser_seats
from handlers.seats import rsvp

__all__ = ["build_router"]


def build_router() -> Router:
    """Every conversation in routing order; the catch-all last."""
    router = Router()
    router.command(
        welcome.start_with(
            [registration.claim_invitation, checkin.claim_check_in_link, focal_points.claim_focal_point_link]
        ),
        "start",
        "batdau",
    )
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
    router.command(approvals.pending_list, "pending", "choduyet")
    router.payload("org:approve:", approvals.approve_button)
    router.payload("org:refuse:", approvals.refuse_button)
    router.flow(approvals.REFUSE_FLOW, approvals.refuse_input)
    router.payload("org:quota:force", organiser_seats.quota_force_button)
    # Attendance, exports and check-in (organisers; /diemdanh alone shows a delegate's pass).
    router.command(organiser_tools.organiser_help, "organiser", "tochuc")
    router.command(organiser_tools.summary, "summary", "tonghop")
    router.command(organiser_tools.export, "export", "xuatbaocao")
    router.command(sign_in_sheet.sign_in_sheet, "signin", "kynhan")
    router.command(organiser_tools.live, "live", "tructiep")
    router.command(organiser_tools.add_organiser, "addorganiser", "themtochuc")
    router.command(checkin.check_in_command, "checkin", "diemdanh")
    router.command(checkin.venue_qr, "venueqr", "qrhoitruong")
    router.payload("lang:", language.language_button)
    router.payload("event:", event_choice.choose_event)
    router.flow(language.FLOW, language.language_answer)
    # Organisers change the venue or a programme line; delegates are told what changed.
    router.command(event_edit.edit_venue, "editvenue", "suadiadiem")
    router.command(event_edit.edit_agenda, "editagenda", "suachuongtrinh")
    router.command(indicator_edit.move_deadline, "deadline", "giahan")
    # Questions in plain words, the organisers' replies, the calendar file.
    router.command(questions.send_ics, "ics", "lich")
    router.payload("qa:", questions.organiser_button)
    router.flow(questions.REPLY_FLOW, questions.organiser_reply)
    # One person on Telegram and Zalo: /lienket gives a code, /lienket <code> joins the accounts.
    router.command(linking.link_identity, "link", "lienket")
    # PII indicators: focal points' status and submissions, organisers' review and progress.
    router.command(focal_points.show_status, "status", "tiendo")
    router.command(indicator_submit.submit_command, "submit", "nop")
    router.command(indicator_review.review_list, "review", "duyet")
    router.command(indicator_review.progress, "indicators", "tiendochiso")
    router.command(indicator_review.export, "exportindicators", "xuatchiso")
    router.command(focal_points.focal_links, "focallinks", "lienketdaumoi")
    router.command(focal_points.add_focal, "addfocal", "themdaumoi")
    router.command(link_admin.revoke_link, "revokelink", "thuhoilienket")
    router.payload("fp:consent:", focal_points.join_button)
    router.payload("fp:approve:", focal_approval.decide_button)
    router.payload("fp:refuse:", focal_approval.decide_button)
    router.payload("fp:open:", focal_points.open_button)
    router.payload("fp:", indicator_submit.submit_button)
    router.payload("rv:", indicator_review.review_button)
    router.flow(focal_points.JOIN_FLOW, focal_points.join_input)
    router.flow(indicator_submit.FLOW, indicator_submit.submit_input)
    router.flow(indicator_review.COMMENT_FLOW, indicator_review.review_comment)
    # Reminders and announcements (organisers).
    router.command(reminders.list_reminders, "reminders", "nhacnho")
    router.command(reminders.add_reminder, "addreminder", "themnhacnho")
    router.payload("rem:", reminders.reminder_button)
    router.command(announcements.start_announcement, "announce", "thongbao")
    router.command(announcements.announcement_status, "announcestatus", "ketquathongbao")
    router.payload("ann:", announcements.announcement_button)
    router.flow(announcements.FLOW, announcements.announcement_input)
    router.command(plan_setup.setup_command, "importplan", "nhapkehoach")
    router.payload("ps:", plan_setup.setup_button)
    router.flow(plan_setup.FLOW, plan_setup.setup_input)
    router.text(plan_setup.document_offered)
    router.text(questions.answer_free_text)
    router.fallback(welcome.not_understood)
    return router
