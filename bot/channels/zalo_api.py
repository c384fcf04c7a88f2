"""The Zalo OA Open API over httpx (send a consultation message, upload files, refresh tokens,
download) and the webhook's signature.

Field names follow Zalo's documentation as verified in docs/zalo.md; base URLs come from the settings
so that tests (and a proxy) can stand in for Zalo.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import logging
from typing import Any

import httpx

from bot.channels.downloads import MAX_DOWNLOAD_BYTES, download_capped
from bot.config import Settings
from bot.messages import OutFile

__all__ = [
    "ZaloApiError",
    "ZaloTokenRefused",
    "TokenAnswer",
    "ZaloApi",
    "OUTSIDE_WINDOW",
    "USER_UNREACHABLE",
    "OA_CANNOT_SEND",
    "NIGHT_TIME",
    "RATE_LIMITED",
    "TOKEN_INVALID",
    "MAX_DOWNLOAD_BYTES",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "expected_signature",
    "signature_matches",
]

log = logging.getLogger(__name__)

# Zalo's error codes that change what the channel does (docs/zalo.md lists their sources).
OUTSIDE_WINDOW = frozenset({-230, -232})  # the user has not written within the window
# The person cannot be reached on this OA (not a follower, blocked it, account gone...).
USER_UNREACHABLE = frozenset({-213, -217, -218, -227, -244})
# The OA itself cannot send (quota, not verified, tier, billing): organisers must act.
OA_CANNOT_SEND = frozenset({-211, -221, -224, -320, -321})
NIGHT_TIME = frozenset({-234})  # no sending at night
RATE_LIMITED = frozenset({-32})  # too many calls
TOKEN_INVALID = frozenset({-216, -220, -124})  # access token invalid or expired
SIGNATURE_HEADER = "X-ZEvent-Signature"
# Some integrations report the timestamp in a header as well; the documented source is the body.
TIMESTAMP_HEADER = "X-ZEvent-Timestamp"
# A file a user sends is read into memory; anything larger is refused rather than fetched.


def expected_signature(app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> str:
    """Zalo's signature: 'mac=' + hex sha256 of app id + raw body + timestamp + OA secret key."""
    digest = hashlib.sha256(app_id.encode() + raw_body + timestamp.encode() + oa_secret_key.encode())
    return "mac=" + digest.hexdigest()


def signature_matches(
    given: str,
    raw_body: bytes,
    event: dict[str, Any],
    app_id: str,
    oa_secret_key: str,
    header_timestamp: str = "",
) -> bool:
    """Whether the header signs this body (timestamp from the body, or from the header when sent)."""
    value = given.strip()
    value = value if value.lower().startswith("mac=") else "mac=" + value
    timestamps = [str(event["timestamp"])] if event.get("timestamp") not in (None, "") else []
    if header_timestamp and header_timestamp not in timestamps:
        timestamps.append(header_timestamp)
    ok = False
    for timestamp in timestamps:
        expected = expected_signature(app_id, raw_body, timestamp, oa_secret_key)
        # Constant time, and every candidate checked: the secret is all that stands in the way.
        ok |= hmac.compare_digest(value.lower().encode(), expected.encode())
    return ok


class ZaloApiError(Exception):
    """Zalo answered with an error code (`code` is Zalo's, e.g. -230), or not with JSON at all (0)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"Zalo error {code}: {message}")
        self.code = code
        self.message = message


class ZaloTokenRefused(ZaloApiError):
    """The OAuth server refused a code or refresh token: only a new authorisation helps."""


@dataclasses.dataclass(frozen=True)
class TokenAnswer:
    """A fresh token pair from the token endpoint."""

    access_token: str
    refresh_token: str
    expires_in: int

    def __repr__(self) -> str:  # never print tokens by accident
        return f"TokenAnswer(expires_in={self.expires_in})"


def _error_code(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return -1


class ZaloApi:
    """One HTTP client for the OA API and the OAuth server."""

    def __init__(self, settings: Settings, client: httpx.AsyncClient | None = None) -> None:
        self.api_base = settings.zalo_api_base_url.rstrip("/")
        self.oauth_base = settings.zalo_oauth_base_url.rstrip("/")
        self.app_id = settings.zalo_app_id or ""
        self.app_secret = settings.zalo_app_secret or ""
        self.client = client or httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=5.0))

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self.client.aclose()

    @staticmethod
    def _result(response: httpx.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError:
            raise ZaloApiError(0, f"HTTP {response.status_code}, not JSON") from None
        if not isinstance(body, dict):
            raise ZaloApiError(0, f"HTTP {response.status_code}, unexpected answer")
        code = _error_code(body.get("error"))
        if code != 0:
            raise ZaloApiError(code, str(body.get("message") or body.get("error_description") or ""))
        if response.status_code >= 400:
            raise ZaloApiError(0, f"HTTP {response.status_code}")
        return body

    async def send_message(
        self, access_token: str, user_id: str, message: dict[str, Any], *, reply_to: str | None = None
    ) -> dict[str, Any]:
        """POST /v3.0/oa/message/cs: one consultation message. With `reply_to` (the user's last
        message id) Zalo counts it as a free reply; with the user id alone, as proactive."""
        recipient = {"message_id": reply_to} if reply_to else {"user_id": user_id}
        response = await self.client.post(
            f"{self.api_base}/v3.0/oa/message/cs",
            headers={"access_token": access_token},
            json={"recipient": recipient, "message": message},
        )
        return self._result(response)

    async def send_transaction(
        self, access_token: str, user_id: str, message: dict[str, Any]
    ) -> dict[str, Any]:
        """POST /v3.0/oa/message/transaction: a transaction template message (a notice)."""
        response = await self.client.post(
            f"{self.api_base}/v3.0/oa/message/transaction",
            headers={"access_token": access_token},
            json={"recipient": {"user_id": user_id}, "message": message},
        )
        return self._result(response)

    async def send_zns(
        self,
        access_token: str,
        zns_base: str,
        phone: str,
        template_id: str,
        data: dict[str, str],
        tracking_id: str,
    ) -> dict[str, Any]:
        """POST {ZNS}/message/template: an approved ZNS template to a phone number (84...)."""
        response = await self.client.post(
            f"{zns_base.rstrip('/')}/message/template",
            headers={"access_token": access_token},
            json={
                "phone": phone,
                "template_id": template_id,
                "template_data": data,
                "tracking_id": tracking_id,
            },
        )
        return self._result(response)

    async def user_detail(self, access_token: str, user_id: str) -> dict[str, Any]:
        """GET /v3.0/oa/user/detail: the follower's profile (display_name, ...)."""
        response = await self.client.get(
            f"{self.api_base}/v3.0/oa/user/detail",
            headers={"access_token": access_token},
            params={"data": json.dumps({"user_id": user_id})},
        )
        data = self._result(response).get("data")
        return data if isinstance(data, dict) else {}

    async def exchange_code(self, code: str, code_verifier: str) -> TokenAnswer:
        """POST /v4/oa/access_token (grant_type=authorization_code, PKCE): the first pair."""
        return await self._token_call(
            {
                "app_id": self.app_id,
                "grant_type": "authorization_code",
                "code": code,
                "code_verifier": code_verifier,
            }
        )

    async def upload(self, access_token: str, file: OutFile) -> dict[str, Any]:
        """Upload a file (POST /v2.0/oa/upload/image or /file) and return the message attachment for it."""
        as_image = file.is_photo or file.mime_type.startswith("image/")
        kind = "image" if as_image else "file"
        response = await self.client.post(
            f"{self.api_base}/v2.0/oa/upload/{kind}",
            headers={"access_token": access_token},
            files={"file": (file.filename, file.data, file.mime_type)},
        )
        data = self._result(response).get("data") or {}
        if as_image:
            # An uploaded image is sent as a media template that names its attachment_id.
            element = {"media_type": "image", "attachment_id": data.get("attachment_id")}
            return {"type": "template", "payload": {"template_type": "media", "elements": [element]}}
        return {"type": "file", "payload": {"token": data.get("token")}}

    async def refresh_token(self, refresh_token: str) -> TokenAnswer:
        """POST /v4/oa/access_token (grant_type=refresh_token): a new pair; the old refresh token dies."""
        return await self._token_call(
            {"app_id": self.app_id, "grant_type": "refresh_token", "refresh_token": refresh_token}
        )

    async def _token_call(self, form: dict[str, str]) -> TokenAnswer:
        response = await self.client.post(
            f"{self.oauth_base}/v4/oa/access_token", headers={"secret_key": self.app_secret}, data=form
        )
        try:
            body = response.json()
        except ValueError:
            raise ZaloApiError(0, f"token endpoint: HTTP {response.status_code}, not JSON") from None
        if not isinstance(body, dict) or not body.get("access_token") or not body.get("refresh_token"):
            body = body if isinstance(body, dict) else {}
            message = str(
                body.get("error_description") or body.get("error_name") or body.get("message") or ""
            )
            raise ZaloTokenRefused(_error_code(body.get("error")) or -1, f"token endpoint: {message}")
        # Zalo sends expires_in as a string of seconds ("90000").
        return TokenAnswer(
            str(body["access_token"]), str(body["refresh_token"]), int(body.get("expires_in") or 0)
        )

    async def download(self, url: str, limit: int = MAX_DOWNLOAD_BYTES) -> bytes:
        """The content of a file a user sent (Zalo gives its URL in the event)."""
        return await download_capped(self.client, url, limit)
