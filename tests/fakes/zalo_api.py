"""A fake Zalo server on 127.0.0.1: the OAuth token endpoint (refresh tokens valid once), the OA
message and upload endpoints, and file downloads. Records every call; answers Zalo error codes on demand.

Tests point ZALO_API_BASE_URL and ZALO_OAUTH_BASE_URL at it: real HTTP, no network. The event
builders at the end make webhook events as Zalo sends them, signed as Zalo signs them.
"""

from __future__ import annotations

import asyncio
import base64
import email.parser
import email.policy
import hashlib
import itertools
import json
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.local_server import LocalServer, free_port

__all__ = [
    "APP_ID",
    "APP_SECRET",
    "OA_ID",
    "OA_SECRET_KEY",
    "FIRST_REFRESH_TOKEN",
    "ZaloCall",
    "FakeZalo",
    "text_event",
    "follow_event",
    "unfollow_event",
    "file_event",
    "image_event",
    "location_event",
    "signed",
    "submit_info_event",
    "MESSAGE_SENDERS",
    "pkce_challenge",
]

APP_ID = "4321987654321"
APP_SECRET = "app-secret-for-the-fake"
OA_ID = "579745863508352884"
OA_SECRET_KEY = "oa-secret-key-for-the-fake"
FIRST_REFRESH_TOKEN = "refresh-0"
_msg_ids = itertools.count(1)
# Which user wrote each message id the event builders made: a reply names only the message id.
MESSAGE_SENDERS: dict[str, str] = {}


def pkce_challenge(verifier: str) -> str:
    """S256: base64url(sha256(verifier)) without padding, as the OAuth server checks it."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


@dataclass
class ZaloCall:
    """One request the bot made: path, headers, JSON or form body, uploaded files."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    files: dict[str, tuple[str | None, bytes, str | None]] = field(default_factory=dict)
    accepted: bool = False  # Zalo answered error 0

    @property
    def user_id(self) -> str | None:
        """The recipient of a message call (a reply names the message it answers)."""
        recipient = self.body.get("recipient") or {}
        return recipient.get("user_id") or MESSAGE_SENDERS.get(str(recipient.get("message_id")))

    @property
    def reply_to(self) -> str | None:
        """The message id a reply carries (None: a proactive message)."""
        return (self.body.get("recipient") or {}).get("message_id")

    @property
    def message(self) -> dict[str, Any]:
        """The `message` object of a message call."""
        return self.body.get("message") or {}


def _multipart(kind: str, body: bytes) -> dict[str, tuple[str | None, bytes, str | None]]:
    head = f"Content-Type: {kind}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    parsed = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    files = {}
    for part in parsed.iter_parts():
        name = str(part.get_param("name", header="content-disposition"))
        files[name] = (part.get_filename(), part.get_payload(decode=True) or b"", part.get_content_type())
    return files


class FakeZalo:
    """The fake. `await start()`, point the settings at `base_url`, inspect `calls`."""

    def __init__(self, *, expires_in: int = 90000) -> None:
        self.calls: list[ZaloCall] = []
        self.expires_in = expires_in
        self.valid_refresh_tokens = {FIRST_REFRESH_TOKEN}
        self.valid_access_tokens: set[str] = set()
        self.token_delay = 0.0  # seconds the token endpoint takes (to make refreshes overlap)
        self.files: dict[str, bytes] = {}
        self._failures: list[list[Any]] = []  # [path suffix, code, times]
        # Zalo's side of the rules: users who blocked the OA, users past the interaction window
        # (consultation messages refused with -230), whether the OA is verified (proactive
        # messages refused with -221 otherwise), and followers' profiles.
        self.blocked: set[str] = set()
        self.silent: set[str] = set()
        self.verified = True
        self.profiles: dict[str, dict[str, Any]] = {}
        # Authorisation codes handed out by the permission page: code -> PKCE challenge.
        self.auth_codes: dict[str, str] = {}
        self._rotation = itertools.count(1)
        self._local = LocalServer()
        self.port = 0

    @property
    def base_url(self) -> str:
        """What ZALO_API_BASE_URL and ZALO_OAUTH_BASE_URL should be."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> FakeZalo:
        """Listen on 127.0.0.1 (a free port)."""
        self.port = free_port()
        app = Starlette(
            routes=[
                Route("/v4/oa/access_token", self._token, methods=["POST"]),
                Route("/v3.0/oa/message/cs", self._message, methods=["POST"]),
                Route("/v3.0/oa/message/transaction", self._transaction, methods=["POST"]),
                Route("/message/template", self._zns, methods=["POST"]),
                Route("/v3.0/oa/user/detail", self._user_detail, methods=["GET"]),
                Route("/v2.0/oa/upload/{kind}", self._upload, methods=["POST"]),
                Route("/files/{name}", self._download, methods=["GET"]),
            ]
        )
        await self._local.serve(app, self.port)
        return self

    async def stop(self) -> None:
        """Stop listening."""
        await self._local.shutdown()

    # --- control --------------------------------------------------------------------------------

    def fail_next(self, code: int, *, path: str = "/message/cs", times: int = 1) -> None:
        """Answer the next `times` calls whose path ends with `path` with Zalo error `code`."""
        self._failures.append([path, code, times])

    def store_file(self, name: str, content: bytes) -> str:
        """Make a file downloadable; returns its URL (as in a user_send_file event)."""
        self.files[name] = content
        return f"{self.base_url}/files/{urllib.parse.quote(name)}"

    # --- inspection -----------------------------------------------------------------------------

    def calls_to(self, suffix: str) -> list[ZaloCall]:
        """Recorded calls whose path ends with `suffix`."""
        return [c for c in self.calls if c.path.endswith(suffix)]

    def messages_to(self, user_id: str) -> list[dict[str, Any]]:
        """The `message` objects Zalo accepted for a user, in order."""
        return [c.message for c in self.calls_to("/message/cs") if c.user_id == user_id and c.accepted]

    def texts_to(self, user_id: str) -> list[str]:
        """The texts of the messages Zalo accepted for a user."""
        return [m["text"] for m in self.messages_to(user_id) if "text" in m]

    # --- HTTP -----------------------------------------------------------------------------------

    def _failure(self, path: str) -> int | None:
        for failure in self._failures:
            if path.endswith(failure[0]):
                failure[2] -= 1
                if failure[2] <= 0:
                    self._failures.remove(failure)
                return int(failure[1])
        return None

    async def _token(self, request: Request) -> Response:
        form = dict(urllib.parse.parse_qsl((await request.body()).decode()))
        call = ZaloCall(request.url.path, dict(request.headers), form)
        self.calls.append(call)
        if self.token_delay:
            await asyncio.sleep(self.token_delay)
        if request.headers.get("secret_key") != APP_SECRET or form.get("app_id") != APP_ID:
            return JSONResponse(
                {"error": -14002, "error_name": "Invalid app", "error_description": "bad app"}
            )
        if form.get("grant_type") == "authorization_code":
            challenge = self.auth_codes.pop(form.get("code", ""), None)
            if challenge is None or pkce_challenge(form.get("code_verifier", "")) != challenge:
                return JSONResponse(
                    {
                        "error": -14019,
                        "error_name": "Invalid code",
                        "error_description": "code or code_verifier is invalid",
                    }
                )
        elif (
            form.get("grant_type") != "refresh_token"
            or form.get("refresh_token") not in self.valid_refresh_tokens
        ):
            return JSONResponse(
                {
                    "error": -14014,
                    "error_name": "Invalid refresh token",
                    "error_description": "Refresh token is invalid or used",
                }
            )
        # A refresh token works once: the answer carries its successor.
        self.valid_refresh_tokens.discard(form.get("refresh_token", ""))
        n = next(self._rotation)
        access, refresh = f"access-{n}", f"refresh-{n}"
        self.valid_refresh_tokens.add(refresh)
        self.valid_access_tokens.add(access)
        call.accepted = True
        return JSONResponse(
            {"access_token": access, "refresh_token": refresh, "expires_in": str(self.expires_in)}
        )

    def _check(self, request: Request, call: ZaloCall) -> JSONResponse | None:
        code = self._failure(call.path)
        if code is not None:
            return JSONResponse({"error": code, "message": f"fake error {code}"})
        if request.headers.get("access_token") not in self.valid_access_tokens:
            return JSONResponse({"error": -216, "message": "Access token is invalid"})
        return None

    def _rules(self, call: ZaloCall, *, consultation: bool) -> JSONResponse | None:
        if call.user_id in self.blocked:
            return JSONResponse({"error": -213, "message": "User has not followed the OA"})
        if consultation and call.user_id in self.silent:
            return JSONResponse({"error": -230, "message": "User has not interacted in the last 7 days"})
        if consultation and call.reply_to is None and not self.verified:
            return JSONResponse({"error": -221, "message": "OA is not verified"})
        return None

    async def _message(self, request: Request) -> Response:
        call = ZaloCall(request.url.path, dict(request.headers), json.loads(await request.body()))
        self.calls.append(call)
        refused = self._check(request, call) or self._rules(call, consultation=True)
        if refused is not None:
            return refused
        call.accepted = True
        return JSONResponse(
            {
                "error": 0,
                "message": "Success",
                "data": {"message_id": f"m{next(_msg_ids)}", "user_id": call.user_id},
            }
        )

    async def _transaction(self, request: Request) -> Response:
        call = ZaloCall(request.url.path, dict(request.headers), json.loads(await request.body()))
        self.calls.append(call)
        refused = self._check(request, call) or self._rules(call, consultation=False)
        if refused is not None:
            return refused
        payload = call.message.get("attachment", {}).get("payload", {})
        if not payload.get("template_type", "").startswith("transaction_") or not payload.get("elements"):
            return JSONResponse({"error": -201, "message": "template is invalid"})
        call.accepted = True
        return JSONResponse({"error": 0, "message": "Success", "data": {"message_id": f"t{next(_msg_ids)}"}})

    async def _zns(self, request: Request) -> Response:
        call = ZaloCall(request.url.path, dict(request.headers), json.loads(await request.body()))
        self.calls.append(call)
        refused = self._check(request, call)
        if refused is not None:
            return refused
        if not call.body.get("template_id") or not str(call.body.get("phone", "")).startswith("84"):
            return JSONResponse({"error": -1139, "message": "phone or template invalid"})
        call.accepted = True
        return JSONResponse({"error": 0, "message": "Success", "data": {"msg_id": f"z{next(_msg_ids)}"}})

    async def _user_detail(self, request: Request) -> Response:
        query = json.loads(request.query_params.get("data", "{}"))
        call = ZaloCall(request.url.path, dict(request.headers), query)
        self.calls.append(call)
        refused = self._check(request, call)
        if refused is not None:
            return refused
        profile = self.profiles.get(str(query.get("user_id")))
        if profile is None:
            return JSONResponse({"error": -213, "message": "User has not followed the OA"})
        call.accepted = True
        return JSONResponse(
            {"error": 0, "message": "Success", "data": {"user_id": query["user_id"], **profile}}
        )

    async def _upload(self, request: Request) -> Response:
        files = _multipart(request.headers.get("content-type", ""), await request.body())
        call = ZaloCall(request.url.path, dict(request.headers), {}, files)
        self.calls.append(call)
        refused = self._check(request, call)
        if refused is not None:
            return refused
        call.accepted = True
        digest = hashlib.sha256(files["file"][1]).hexdigest()[:16]
        if request.path_params["kind"] == "image":
            return JSONResponse(
                {"error": 0, "message": "Success", "data": {"attachment_id": f"img-{digest}"}}
            )
        return JSONResponse({"error": 0, "message": "Success", "data": {"token": f"file-{digest}"}})

    async def _download(self, request: Request) -> Response:
        content = self.files.get(urllib.parse.unquote(request.path_params["name"]))
        return Response(status_code=404) if content is None else Response(content)


# --- events as Zalo sends them ---------------------------------------------------------------------


def _base(name: str, user_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "app_id": APP_ID,
        "user_id_by_app": f"app-{user_id}",
        "event_name": name,
        "timestamp": str(int(time.time() * 1000)),
        **extra,
    }


def _message_event(name: str, user_id: str, message: dict[str, Any], msg_id: str | None) -> dict[str, Any]:
    message = {"msg_id": msg_id or f"msg{next(_msg_ids)}", **message}
    MESSAGE_SENDERS[message["msg_id"]] = user_id
    return _base(name, user_id, sender={"id": user_id}, recipient={"id": OA_ID}, message=message)


def text_event(user_id: str, text: str, *, msg_id: str | None = None) -> dict[str, Any]:
    """user_send_text."""
    return _message_event("user_send_text", user_id, {"text": text}, msg_id)


def follow_event(user_id: str) -> dict[str, Any]:
    """follow: the user followed the OA."""
    return _base("follow", user_id, oa_id=OA_ID, follower={"id": user_id}, source="oa_profile")


def unfollow_event(user_id: str) -> dict[str, Any]:
    """unfollow."""
    return _base("unfollow", user_id, oa_id=OA_ID, follower={"id": user_id}, source="oa_profile")


def file_event(user_id: str, url: str, name: str, size: int) -> dict[str, Any]:
    """user_send_file."""
    payload = {"url": url, "name": name, "size": str(size), "type": name.rsplit(".", 1)[-1], "checksum": "x"}
    return _message_event(
        "user_send_file", user_id, {"attachments": [{"type": "file", "payload": payload}]}, None
    )


def image_event(user_id: str, url: str) -> dict[str, Any]:
    """user_send_image."""
    payload = {"thumbnail": url, "url": url}
    return _message_event(
        "user_send_image", user_id, {"attachments": [{"type": "image", "payload": payload}]}, None
    )


def location_event(user_id: str, latitude: float, longitude: float) -> dict[str, Any]:
    """user_send_location (Zalo sends the coordinates as strings)."""
    payload = {"coordinates": {"latitude": str(latitude), "longitude": str(longitude)}}
    attachments = [{"type": "location", "payload": payload}]
    return _message_event("user_send_location", user_id, {"attachments": attachments}, None)


def submit_info_event(user_id: str, phone: str, name: str = "") -> dict[str, Any]:
    """user_submit_info: the user shared their details through a request_user_info card."""
    info = {"name": name, "phone": phone, "address": "", "city": "", "district": ""}
    return _base("user_submit_info", user_id, sender={"id": user_id}, recipient={"id": OA_ID}, info=info)


def signed(event: dict[str, Any], *, secret: str = OA_SECRET_KEY) -> tuple[bytes, dict[str, str]]:
    """The raw body and headers Zalo posts: X-ZEvent-Signature = mac=sha256(app_id+body+timestamp+secret)."""
    body = json.dumps(event, ensure_ascii=False).encode("utf-8")
    digest = hashlib.sha256(APP_ID.encode() + body + str(event["timestamp"]).encode() + secret.encode())
    return body, {"X-ZEvent-Signature": f"mac={digest.hexdigest()}", "Content-Type": "application/json"}
