"""The ordered router: button payloads, then commands, then the active flow, then free text."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.domain.textfold import fold
from bot.messages import Reply
from handlers.context import Context

__all__ = ["Handler", "MaybeHandler", "Router", "parse_command"]

Handler = Callable[[Context], Awaitable[list[Reply]]]
# A handler that may decline (None) so that the next one in order gets the update.
MaybeHandler = Callable[[Context], Awaitable[list[Reply] | None]]


def parse_command(text: str | None) -> tuple[str, str] | None:
    """('agenda', 'args') for '/agenda args' or '/agenda@PiiBot args'; None when not a command."""
    if not text or not text.startswith("/") or len(text) < 2:
        return None
    head, _, args = text[1:].partition(" ")
    name = head.split("@", 1)[0]
    return fold(name), args.strip()


class Router:
    """Decides which handler takes an Inbound. Order is explicit; the catch-all is last."""

    def __init__(self) -> None:
        self._commands: dict[str, Handler] = {}
        self._payloads: list[tuple[str, Handler]] = []
        self._flows: dict[str, MaybeHandler] = {}
        self._text: list[MaybeHandler] = []
        self._fallback: Handler | None = None

    def command(self, handler: Handler, *names: str) -> None:
        """Route '/name' (and each alias) to `handler`."""
        for name in names:
            if name in self._commands:
                raise ValueError(f"command /{name} routed twice")
            self._commands[name] = handler

    def payload(self, prefix: str, handler: Handler) -> None:
        """Route button payloads starting with `prefix` to `handler`."""
        self._payloads.append((prefix, handler))

    def flow(self, name: str, handler: MaybeHandler) -> None:
        """Route free input to `handler` while the user is in flow `name`."""
        self._flows[name] = handler

    def text(self, handler: MaybeHandler) -> None:
        """Offer free input to `handler` (in registration order) when no flow took it."""
        self._text.append(handler)

    def fallback(self, handler: Handler) -> None:
        """The catch-all for anything nothing else took."""
        self._fallback = handler

    @property
    def commands(self) -> frozenset[str]:
        """Every routed command name and alias."""
        return frozenset(self._commands)

    async def dispatch(self, ctx: Context) -> list[Reply]:
        """Run the first handler that takes this Inbound."""
        inbound = ctx.inbound
        if inbound.payload:
            name = inbound.payload.removeprefix("cmd:")
            if inbound.payload.startswith("cmd:") and name in self._commands:
                return await self._commands[name](ctx)
            for prefix, handler in self._payloads:
                if inbound.payload.startswith(prefix):
                    return await handler(ctx)
        command = parse_command(inbound.text)
        if command is not None and command[0] in self._commands:
            return await self._commands[command[0]](ctx)
        if command is None and ctx.state.flow in self._flows:
            answer = await self._flows[ctx.state.flow](ctx)
            if answer is not None:
                return answer
        if command is None:
            for handler in self._text:
                answer = await handler(ctx)
                if answer is not None:
                    return answer
        if self._fallback is None:
            raise LookupError("router has no fallback")
        return await self._fallback(ctx)
