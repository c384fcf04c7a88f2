"""Answering delegates' questions about an event in plain Vietnamese or English, from its own data.

normalise -> intents (cue phrases) + matcher (the event's items, agencies, notes, FAQ) -> answer.
See docs/questions.md.
"""

from __future__ import annotations

__all__ = ["answer", "facts", "ics", "intents", "matcher", "messages", "normalise", "view"]
