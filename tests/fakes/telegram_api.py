"""A fake Telegram Bot API server on 127.0.0.1: speaks the HTTP API, records every call, fails on demand.

Tests run the real python-telegram-bot Application against it through `base_url`: the transport
is fake, the library is not. It answers the methods the bot uses, long-polls getUpdates, serves
file downloads, and can answer the next call(s) with 429 (retry_after) or a chat with 403.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import itertools
import json
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.fakes.local_server import LocalServer, free_port

__all__ = [
    "TOKEN",
    "BOT_ID",
    "BOT_USERNAME",
    "ApiCall",
    "FakeBotApi",
    "free_port",
    "message_update",
    "callback_update",
]

TOKEN = "123456:TEST-token_for_the_fake"
BOT_ID = 123456
BOT_USERNAME = "pii_test_bot"
SEND_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto", "sendLocation", "sendVenue"})
_ids = itertools.count(1000)


@dataclass
class ApiCall:
    """One request the bot made: the method, its parameters (JSON values decoded) and uploads."""

    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str | None, bytes]] = field(default_factory=dict)
    content_type: str = ""  # how the call was encoded: JSON, form or multipart

    @property
    def chat_id(self) -> str | None:
        """The chat the call was addressed to, as a string."""
        value = self.params.get("chat_id")
        return None if value is None else str(value)


@dataclass
class _Failure:
    method: str
    status: int
    description: str
    retry_after: int | None
    chat_id: str | None
    times: int


class _RateLimits:
    """Telegram's limits as the fake enforces them: a bucket overall, a minimum gap per chat."""

    def __init__(self, per_second: float, per_chat_interval: float, burst: float, jitter: float) -> None:
        self.per_second, self.per_chat_interval, self.burst, self.jitter = (
            per_second,
            per_chat_interval,
            burst,
            jitter,
        )
        self.tokens = burst
        self.updated = time.monotonic()
        self.last_in_chat: dict[str | None, float] = {}

    def allow(self, chat_id: str | None) -> bool:
        """Whether a send to `chat_id` arriving now is within the limits (and count it if so)."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        last = self.last_in_chat.get(chat_id)
        if last is not None and now - last < self.per_chat_interval - self.jitter:
            return False
        if self.tokens < 1.0:
            return False
        self.tokens -= 1.0
        self.last_in_chat[chat_id] = now
        return True


def _decode(value: str) -> Any:
    # PTB sends objects (reply_markup, commands, scope) JSON-encoded and scalars as plain strings.
    if value[:1] in "{[":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


async def _parse(request: Request) -> tuple[dict[str, Any], dict[str, tuple[str | None, bytes]]]:
    body = await request.body()
    kind = request.headers.get("content-type", "")
    params: dict[str, Any] = {}
    files: dict[str, tuple[str | None, bytes]] = {}
    if kind.startswith("multipart/form-data"):
        # The standard library reads multipart bodies; no extra dependency for a test fake.
        head = f"Content-Type: {kind}\r\nMIME-Version: 1.0\r\n\r\n".encode()
        parsed = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        for part in parsed.iter_parts():
            name = part.get_param("name", header="content-disposition")
            content = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                files[str(name)] = (part.get_filename(), content)
            else:
                params[str(name)] = _decode(content.decode("utf-8"))
    elif kind.startswith("application/json"):
        params = json.loads(body or b"{}")
    elif body:
        params = {
            k: _decode(v) for k, v in urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
        }
    params.update({k: _decode(v) for k, v in request.query_params.items()})
    return params, files


def _error(
    status: int, description: str, retry_after: int | None = None, migrate_to: int | None = None
) -> JSONResponse:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    if migrate_to is not None:
        body["parameters"] = {"migrate_to_chat_id": migrate_to}
    return JSONResponse(body, status_code=status)


class FakeBotApi:
    """The fake server. `await start()`, point the bot at `base_url`, `push()` updates, inspect `calls`."""

    def __init__(
        self,
        token: str = TOKEN,
        *,
        username: str = BOT_USERNAME,
        record: bool = True,
        timeline: bool = False,
    ) -> None:
        self.token = token
        self.username = username
        # Tests inspect every call. A benchmark pushing many thousands only counts them: keeping
        # them all makes the fake's own garbage collection slower the longer it runs.
        self.record = record
        self.calls: list[ApiCall] = []
        # Calls per method, kept as they arrive: benchmarks poll this, and a count over `calls`
        # would make the fake slower the longer it runs.
        self.call_counts: Counter[str] = Counter()
        self.webhook: dict[str, Any] = {}
        self.stored_files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, content)
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._failures: list[_Failure] = []
        self._blocked: set[str] = set()
        self._migrated: dict[str, int] = {}  # chat id -> the supergroup it became
        self._endless: dict[str, tuple[bytes, int]] = {}
        self._announced: dict[str, int | None] = {}
        self.streamed: dict[str, int] = {}
        self._slow: dict[str, float] = {}  # chat id -> seconds to wait after accepting a send
        self._message_ids = itertools.count(1)
        self._arrived: asyncio.Event | None = None
        self._local = LocalServer()
        self._stopping = False
        self.port = 0
        self._limits: _RateLimits | None = None
        self.rate_limited = 0  # sends answered 429 by the rate-limit mode
        self.accepted: list[ApiCall] = []  # calls answered ok (what a user really received)
        # Opt-in (the burst benchmark): when each update was first handed out by getUpdates and
        # when each send arrived, on this process's monotonic clock, for reply latencies.
        self.timeline = timeline
        self.handed_out: dict[int, tuple[str | None, float]] = {}  # update_id -> (chat, when)
        self.sends: list[tuple[str | None, float, bool]] = []  # (chat, when, accepted)

    # --- lifecycle -----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """What TELEGRAM_API_BASE_URL should be to reach this server."""
        return f"http://127.0.0.1:{self.port}"

    def app(self) -> Starlette:
        """The ASGI app (the benchmark runs it in its own process)."""
        return Starlette(
            routes=[
                Route("/bot{token}/{method}", self._api, methods=["GET", "POST"]),
                Route("/file/bot{token}/{path:path}", self._download, methods=["GET"]),
                Route("/_fake/updates", self._push_many, methods=["POST"]),
                Route("/_fake/stats", self._stats, methods=["GET"]),
                Route("/_fake/limits", self._limits_stats, methods=["GET"]),
                Route("/_fake/timeline", self._timeline, methods=["GET"]),
            ]
        )

    async def start(self, port: int = 0) -> FakeBotApi:
        """Listen on 127.0.0.1 (a free port unless given)."""
        self.port = port or free_port()
        await self._local.serve(self.app(), self.port)
        return self

    async def stop(self) -> None:
        """Stop listening (long polls waiting are woken first)."""
        self._stopping = True
        self._wake()
        await self._local.shutdown()

    # --- what the bot receives ------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        update = {"update_id": self._next_update_id, **update}
        self._next_update_id += 1
        self._updates.append(update)
        self._wake()
        return int(update["update_id"])

    def store_file(self, file_id: str, content: bytes, file_path: str = "documents/file.bin") -> None:
        """Make a file downloadable through getFile and /file/bot<token>/<path>."""
        self.stored_files[file_id] = (file_path, content)

    def fail_next(
        self,
        method: str,
        status: int = 429,
        *,
        retry_after: int | None = 1,
        chat_id: int | str | None = None,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` (to `chat_id`, if given) with an error."""
        text = description or (
            f"Too Many Requests: retry after {retry_after or 0:d}" if status == 429 else "Bad Request"
        )
        self._failures.append(
            _Failure(
                method,
                status,
                text,
                retry_after if status == 429 else None,
                None if chat_id is None else str(chat_id),
                times,
            )
        )

    def limit_rate(
        self,
        per_second: float = 30.0,
        per_chat_interval: float = 1.0,
        *,
        burst: float = 2.0,
        jitter: float = 0.05,
    ) -> None:
        """Answer sends 429 as Telegram would when the bot goes over `per_second` overall (a bucket
        of `burst`) or writes to one chat more often than every `per_chat_interval` seconds;
        `jitter` forgives arrivals that much early (the network does not keep the sender's spacing)."""
        self._limits = _RateLimits(per_second, per_chat_interval, burst, jitter)

    def store_endless_file(
        self, file_id: str, file_path: str, head: bytes, *, announced: int | None, total: int = 500_000_000
    ) -> None:
        """A file served as a stream of `total` bytes (made up as they are sent, never held in
        memory) whose getFile announces `announced` bytes (None: no size). `streamed[file_path]`
        counts what the bot actually read."""
        self._endless[file_path] = (head, total)
        self.stored_files[file_id] = (file_path, b"")
        self._announced[file_id] = announced
        self.streamed[file_path] = 0

    def migrate(self, chat_id: int | str, new_chat_id: int) -> None:
        """Sends to this chat get 400 with migrate_to_chat_id, as for a group turned supergroup."""
        self._migrated[str(chat_id)] = new_chat_id

    def answer_late(self, chat_id: int | str, seconds: float) -> None:
        """Accept (deliver) sends to this chat, then answer only after `seconds`: the client's read
        timeout fires although the user did receive the message."""
        self._slow[str(chat_id)] = seconds

    def block(self, chat_id: int | str) -> None:
        """Every later send to this chat gets 403, as when the user blocked the bot."""
        self._blocked.add(str(chat_id))

    # --- what the bot sent ----------------------------------------------------------------------

    def calls_to(self, *methods: str, chat_id: int | str | None = None) -> list[ApiCall]:
        """Recorded calls of these methods (to one chat, if given), in order."""
        return [
            c for c in self.calls if c.method in methods and (chat_id is None or c.chat_id == str(chat_id))
        ]

    def texts_to(self, chat_id: int | str) -> list[str]:
        """The texts of the messages sent to a chat, in order."""
        return [str(c.params["text"]) for c in self.calls_to("sendMessage", chat_id=chat_id)]

    def received_by(self, chat_id: int | str) -> list[str]:
        """The texts a chat really received (calls answered ok), in order."""
        return [
            str(c.params["text"])
            for c in self.accepted
            if c.method == "sendMessage" and c.chat_id == str(chat_id)
        ]

    async def wait_for(self, check: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until `check()` returns something truthy; fail with the calls seen so far."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = check()
            if result:
                return result
            await asyncio.sleep(0.01)
        seen = [(c.method, c.params.get("chat_id"), str(c.params.get("text", ""))[:60]) for c in self.calls]
        raise AssertionError(f"condition not met within {timeout} s; calls: {seen}")

    # --- HTTP ---------------------------------------------------------------------------------

    def _wake(self) -> None:
        if self._arrived is not None:
            self._arrived.set()

    def _take_failure(self, call: ApiCall) -> _Failure | None:
        for failure in self._failures:
            if failure.method == call.method and failure.chat_id in (None, call.chat_id):
                failure.times -= 1
                if failure.times <= 0:
                    self._failures.remove(failure)
                return failure
        return None

    async def _api(self, request: Request) -> Response:
        if request.path_params["token"] != self.token:
            return _error(401, "Unauthorized")
        params, files = await _parse(request)
        call = ApiCall(request.path_params["method"], params, files, request.headers.get("content-type", ""))
        if self.record:
            self.calls.append(call)
        self.call_counts[call.method] += 1
        failure = self._take_failure(call)
        if failure is not None:
            if self.timeline and call.method in SEND_METHODS:
                self.sends.append((call.chat_id, time.monotonic(), False))
            return _error(failure.status, failure.description, failure.retry_after)
        if call.method in SEND_METHODS and self._limits is not None and not self._limits.allow(call.chat_id):
            self.rate_limited += 1
            if self.timeline:
                self.sends.append((call.chat_id, time.monotonic(), False))
            return _error(429, "Too Many Requests: retry after 1", 1)
        if call.method in SEND_METHODS and self.timeline:
            self.sends.append((call.chat_id, time.monotonic(), True))
        if call.method in SEND_METHODS and call.chat_id in self._blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        if call.method in SEND_METHODS and call.chat_id in self._migrated:
            return _error(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to=self._migrated[call.chat_id],
            )
        answer = getattr(self, f"_m_{call.method}", None)
        if answer is None:
            return _error(404, "Not Found: method not found")
        result = await answer(params, files)
        if self.record:
            self.accepted.append(call)
        if call.method in SEND_METHODS and call.chat_id in self._slow:
            await asyncio.sleep(self._slow[call.chat_id])
        return JSONResponse({"ok": True, "result": result})

    async def _download(self, request: Request) -> Response:
        path = request.path_params["path"]
        if path in self._endless and request.path_params["token"] == self.token:
            return StreamingResponse(self._stream(path))
        for stored_path, content in self.stored_files.values():
            if stored_path == path and request.path_params["token"] == self.token:
                return Response(content, media_type="application/octet-stream")
        return Response(status_code=404)

    async def _push_many(self, request: Request) -> Response:
        for update in json.loads(await request.body()):
            self.push(update)
        return JSONResponse({"ok": True})

    async def _limits_stats(self, _request: Request) -> Response:
        return JSONResponse({"rate_limited": self.rate_limited})

    async def _timeline(self, _request: Request) -> Response:
        handed_out = [{"update_id": k, "chat": chat, "at": at} for k, (chat, at) in self.handed_out.items()]
        sends = [{"chat": chat, "at": at, "ok": ok} for chat, at, ok in self.sends]
        body = {"handed_out": handed_out, "sends": sends, "rate_limited": self.rate_limited}
        return JSONResponse(body)

    async def _stats(self, _request: Request) -> Response:
        return JSONResponse(dict(self.call_counts))

    # --- methods ------------------------------------------------------------------------------

    def _message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "group"}
        return {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat, **content}

    async def _m_getMe(self, *_: Any) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "PII Test",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _m_getUpdates(self, params: dict[str, Any], _files: Any) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        # An offset confirms every update before it: Telegram forgets them.
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        while not self._updates and time.monotonic() < deadline and not self._stopping:
            self._arrived = asyncio.Event()
            try:
                await asyncio.wait_for(self._arrived.wait(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                break
        batch = self._updates[:limit]
        if self.timeline:
            now = time.monotonic()
            for update in batch:
                self.handed_out.setdefault(int(update["update_id"]), (_update_chat(update), now))
        return batch

    async def _m_sendMessage(self, params: dict[str, Any], _files: Any) -> dict[str, Any]:
        return self._message(params, text=params.get("text", ""))

    async def _m_sendDocument(self, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        name = files.get("document", (None, b""))[0]
        file_id = f"doc{next(_ids)}"
        return self._message(
            params, document={"file_id": file_id, "file_unique_id": file_id, "file_name": name}
        )

    async def _m_sendPhoto(self, params: dict[str, Any], _files: Any) -> dict[str, Any]:
        file_id = f"photo{next(_ids)}"
        return self._message(
            params, photo=[{"file_id": file_id, "file_unique_id": file_id, "width": 1, "height": 1}]
        )

    async def _m_sendLocation(self, params: dict[str, Any], _files: Any) -> dict[str, Any]:
        location = {"latitude": float(params["latitude"]), "longitude": float(params["longitude"])}
        return self._message(params, location=location)

    async def _m_sendVenue(self, params: dict[str, Any], _files: Any) -> dict[str, Any]:
        location = {"latitude": float(params["latitude"]), "longitude": float(params["longitude"])}
        venue = {"location": location, "title": params["title"], "address": params["address"]}
        return self._message(params, location=location, venue=venue)

    async def _stream(self, path: str):  # type: ignore[no-untyped-def]
        head, total = self._endless[path]
        chunk = b"0" * 65_536
        self.streamed[path] += len(head)
        yield head
        while self.streamed[path] < total:
            self.streamed[path] += len(chunk)
            yield chunk
            await asyncio.sleep(0)

    async def _m_getFile(self, params: dict[str, Any], _files: Any) -> dict[str, Any]:
        file_id = str(params["file_id"])
        path, content = self.stored_files[file_id]
        size = self._announced[file_id] if file_id in self._announced else len(content)
        answer = {"file_id": file_id, "file_unique_id": file_id, "file_path": path}
        return answer if size is None else {**answer, "file_size": size}

    async def _m_setWebhook(self, params: dict[str, Any], _files: Any) -> bool:
        self.webhook = dict(params)
        return True

    async def _m_deleteWebhook(self, *_: Any) -> bool:
        self.webhook = {}
        return True

    async def _m_answerCallbackQuery(self, *_: Any) -> bool:
        return True

    async def _m_setMyCommands(self, *_: Any) -> bool:
        return True


# --- updates as Telegram would send them ----------------------------------------------------------


def _update_chat(update: dict[str, Any]) -> str | None:
    # The chat an update comes from (a message's, or the message under a pressed button).
    message = update.get("message") or (update.get("callback_query") or {}).get("message")
    return None if message is None else str(message["chat"]["id"])


def _user(user_id: int, language: str | None, first_name: str) -> dict[str, Any]:
    user = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language:
        user["language_code"] = language
    return user


def _chat(chat_id: int, chat_type: str, first_name: str) -> dict[str, Any]:
    if chat_type == "private":
        return {"id": chat_id, "type": "private", "first_name": first_name}
    return {"id": chat_id, "type": chat_type, "title": "Nhóm đại biểu"}


def message_update(
    user_id: int,
    text: str | None = None,
    *,
    chat_id: int | None = None,
    chat_type: str = "private",
    language: str | None = "vi",
    first_name: str = "An",
    **content: Any,
) -> dict[str, Any]:
    """A `message` update; commands get their bot_command entity; `content` adds contact, document..."""
    message: dict[str, Any] = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": _chat(chat_id if chat_id is not None else user_id, chat_type, first_name),
        "from": _user(user_id, language, first_name),
        **content,
    }
    if text is not None:
        message["text"] = text
        if text.startswith("/"):
            length = len(text.split(" ", 1)[0].encode("utf-16-le")) // 2
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"message": message}


def callback_update(
    user_id: int,
    data: str,
    *,
    chat_id: int | None = None,
    chat_type: str = "private",
    language: str | None = "vi",
) -> dict[str, Any]:
    """A pressed inline button under one of the bot's messages."""
    chat = _chat(chat_id if chat_id is not None else user_id, chat_type, "An")
    origin = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": chat,
        "text": "…",
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "PII Test", "username": BOT_USERNAME},
    }
    return {
        "callback_query": {
            "id": str(next(_ids)),
            "from": _user(user_id, language, "An"),
            "chat_instance": "ci",
            "data": data,
            "message": origin,
        }
    }


def main() -> None:
    """Run the fake on a given port in its own process (used by the benchmark)."""
    import sys

    port = int(sys.argv[1])
    flags = sys.argv[2:]
    api = FakeBotApi(record="--count-only" not in flags, timeline="--timeline" in flags)
    if "--rate-limit" in flags:
        api.limit_rate()
    uvicorn.run(api.app(), host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
