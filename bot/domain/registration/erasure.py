"""The traces a person leaves beyond their own row, erased with it (/xoadulieu): messages queued
to or about them, forwarded questions, pending focal-point phones and requests, evidence file
names, roles, conversation state and stored webhook updates. What stays is anonymous: counts
(cancelled registrations, submitted indicator values of the agency) and the fact of erasure."""

from __future__ import annotations

import json
from pathlib import PurePath

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.enums import DeliveryStatus, RoleKind
from storage.inbound_models import InboundUpdate
from storage.indicator_models import EvidenceFile, PendingFocalPoint, Submission
from storage.models import (
    ConversationState,
    ForwardedQuestion,
    Identity,
    OutboxMessage,
    Person,
    Role,
)

__all__ = ["ERASED", "personal_needles", "erase_traces"]

# `last_error` of a queued message withdrawn because it named an erased person.
ERASED = "erased"


def _phone_forms(phone: str) -> list[str]:
    # "+84912345678" is also written "0912345678" and "84912345678" in messages.
    forms = [phone]
    if phone.startswith("+84"):
        forms += ["0" + phone[3:], phone[1:]]
    return forms


async def personal_needles(session: AsyncSession, person_id: int) -> list[str]:
    """The strings that identify the person in free text: name, position, phone, their questions
    and their evidence file names. Read before the person's row is blanked."""
    person = await session.get(Person, person_id)
    needles: list[str] = []
    if person is not None:
        needles += [v for v in (person.full_name, person.position) if v]
        needles += _phone_forms(person.phone) if person.phone else []
    identities = select(Identity.id).where(Identity.person_id == person_id)
    needles += (
        await session.execute(
            select(ForwardedQuestion.text).where(ForwardedQuestion.asker_identity_id.in_(identities))
        )
    ).scalars()
    needles += (
        await session.execute(
            select(EvidenceFile.original_name).join(Submission).where(Submission.by_person_id == person_id)
        )
    ).scalars()
    # Very short strings ("A") would match everywhere; they identify nobody.
    return sorted({n for n in needles if len(n.strip()) >= 3}, key=len, reverse=True)


def _mentions(body: object, needles: list[str]) -> bool:
    text = json.dumps(body, ensure_ascii=False)
    return any(needle in text for needle in needles)


async def erase_traces(session: AsyncSession, person_id: int, needles: list[str]) -> None:
    """Erase everything outside the person's row that holds their data (see the module). Flushes only."""
    identity_rows = (
        await session.execute(
            select(Identity.id, Identity.channel, Identity.external_id).where(Identity.person_id == person_id)
        )
    ).all()
    identity_ids = [row.id for row in identity_rows]
    # Messages to the person: about them by definition.
    await session.execute(delete(OutboxMessage).where(OutboxMessage.identity_id.in_(identity_ids)))
    # Messages to others that name them (an organiser's notice with name, position and phone).
    if needles:
        for message in (await session.execute(select(OutboxMessage))).scalars():
            if _mentions(message.body, needles):
                message.body = {"replies": []}
                if message.status in (DeliveryStatus.PENDING, DeliveryStatus.SENDING):
                    message.status, message.last_error = DeliveryStatus.FAILED, ERASED
    await session.execute(
        delete(ForwardedQuestion).where(ForwardedQuestion.asker_identity_id.in_(identity_ids))
    )
    phones = [n for n in needles if n.lstrip("+").isdigit()]
    await session.execute(
        delete(PendingFocalPoint).where(
            or_(
                PendingFocalPoint.claimed_by == person_id,
                PendingFocalPoint.requested_by == person_id,
                PendingFocalPoint.phone.in_(phones),
            )
        )
    )
    await session.execute(
        delete(Role).where(
            Role.person_id == person_id, Role.kind.in_((RoleKind.DELEGATE, RoleKind.FOCAL_POINT))
        )
    )
    for file in (
        await session.execute(
            select(EvidenceFile).join(Submission).where(Submission.by_person_id == person_id)
        )
    ).scalars():
        # The document stays the agency's evidence; only the name the person gave it goes.
        file.original_name = f"tep-{file.id}{PurePath(file.original_name).suffix[:10]}"
    await session.execute(delete(ConversationState).where(ConversationState.identity_id.in_(identity_ids)))
    for row in identity_rows:
        await session.execute(
            delete(InboundUpdate).where(
                InboundUpdate.channel == row.channel, InboundUpdate.user_key == row.external_id
            )
        )
    await session.flush()
