"""Answering delegates' questions about an event in plain Vietnamese or English, from its own data.

normalise -> intents (cue phrases) + days + matcher (the event's items, agencies, notes, FAQ,
with the bilingual lexicon) -> decide -> answer (evidence, abstention, language).
See docs/questions.md.
"""

from __future__ import annotations

__all__ = [
    "agreement",
    "answer",
    "days",
    "decide",
    "evidence",
    "facts",
    "ics",
    "intents",
    "language",
    "lexicon",
    "matcher",
    "messages",
    "navigation",
    "normalise",
    "ordinals",
    "specifics",
    "view",
]
