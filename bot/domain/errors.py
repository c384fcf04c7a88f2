"""Domain errors carry a code (a catalogue key suffix) and parameters, never a sentence."""

from __future__ import annotations

__all__ = ["DomainError"]


class DomainError(Exception):
    """A rule said no. `code` maps to the catalogue key `error.<code>`."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params
