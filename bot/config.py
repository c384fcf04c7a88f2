"""One frozen settings object, read from the environment (and `.env`) once, at start-up."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import httpx
import platformdirs
from pydantic import PositiveFloat, PositiveInt, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "ConfigError", "load_settings", "default_data_dir"]


def default_data_dir() -> Path:
    """The per-user directory that holds the embedded database and stored files."""
    return Path(platformdirs.user_data_dir("pii-bot", appauthor=False))


class ConfigError(Exception):
    """A setting has a bad value; the message names the variable."""


class Settings(BaseSettings):
    """Everything the bot can be configured with. Field names map to upper-case variables."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True)

    database_url: str | None = None
    data_dir: Path | None = None
    telegram_bot_token: str | None = None
    # Another Bot API server (a self-hosted telegram-bot-api abroad); a trailing /bot is dropped.
    telegram_api_base_url: str | None = None
    # Every Telegram call (updates and sends) goes through this proxy: http(s):// or socks5://.
    telegram_proxy_url: str | None = None
    # The HTTP connections for sends (getUpdates has its own) and the timeouts of a Bot API call.
    telegram_connection_pool_size: PositiveInt = 256
    telegram_connect_timeout: PositiveFloat = 5.0
    telegram_read_timeout: PositiveFloat = 10.0
    telegram_write_timeout: PositiveFloat = 10.0
    telegram_pool_timeout: PositiveFloat = 5.0
    telegram_media_write_timeout: PositiveFloat = 30.0  # uploads (reports, calendar files)
    telegram_webhook_secret: str | None = None
    # The public HTTPS address Telegram posts updates to (`pii-bot serve` registers it).
    telegram_webhook_url: str | None = None
    # Where `pii-bot serve` listens; behind a reverse proxy the default loopback is right.
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    timezone: str = "Asia/Ho_Chi_Minh"
    # Non-urgent reminders and announcements wait out these local hours ("HH:MM-HH:MM").
    quiet_hours: str = "21:00-07:00"
    # Telegram's limits as the outbox paces itself: messages per second overall, seconds
    # between two messages to one chat.
    telegram_max_per_second: float = 30.0
    telegram_chat_interval_seconds: float = 1.0
    default_language: str = "vi"
    log_level: str = "INFO"
    # Evidence documents focal points send for PII indicators: size limit (MB), accepted file
    # types (comma-separated extensions) and where they are stored (default: DATA_DIR/evidence).
    evidence_max_mb: PositiveFloat = 20.0
    evidence_types: str = "pdf,xlsx,docx,jpg,jpeg,png"
    evidence_dir: Path | None = None
    # Zalo Official Account (docs/zalo.md): the channel is on when ZALO_APP_ID is set.
    zalo_app_id: str | None = None
    zalo_oa_secret_key: str | None = None  # signs the webhook (X-ZEvent-Signature)
    zalo_app_secret: str | None = None  # the app's secret, for the token endpoint
    zalo_refresh_token: str | None = None  # first run only: afterwards the stored pair wins
    zalo_api_base_url: str = "https://openapi.zalo.me"
    zalo_oauth_base_url: str = "https://oauth.zaloapp.com"
    # Zalo's rules change; each is configuration rather than code.
    zalo_window_days: int = 7  # consultation messages only this long after the user's last message
    zalo_quiet_start: str = "22:00"  # no pushed messages from here (local time)...
    zalo_quiet_end: str = "06:00"  # ...until here
    zalo_refresh_margin_seconds: int = 300  # refresh the access token this early
    zalo_retry_seconds: int = 60  # wait after Zalo's rate limit (-32)
    zalo_text_limit: int = 2000  # characters per text message
    zalo_max_buttons: int = 5  # buttons per button template; more become numbered choices
    # Replies by Zalo's rules (docs/zalo.md, "What a message costs"): this many free replies
    # within this many hours of the user's last message, each carrying that message's id.
    zalo_reply_limit: int = 8
    zalo_reply_hours: int = 48
    # Past the allowance: proactive messages (a verified OA with a monthly quota) when on...
    zalo_proactive: bool = False
    # ...else a transaction message (template type, e.g. transaction_event) for pushed notices...
    zalo_transaction_template: str | None = None
    # ...else a ZNS template approved by Zalo, addressed by the person's phone.
    zalo_zns_template_id: str | None = None
    zalo_zns_base_url: str = "https://business.openapi.zalo.me"
    zalo_zns_text_param: str = "content"  # the template parameter that takes the notice text
    zalo_zns_text_limit: int = 400
    # An OA-level refusal (quota, verification, billing) holds Zalo's queue this long.
    zalo_hold_seconds: int = 3600
    # Token keep-alive: rotate the pair when it is older than this many days; the refresh token
    # lives about this many days; organisers are alerted this many days before it would lapse.
    zalo_keepalive_days: int = 30
    zalo_refresh_token_days: int = 90
    zalo_token_alert_days: int = 14
    # `pii-bot zalo authorize`: the callback registered in the Zalo app, and the permission page.
    zalo_redirect_uri: str | None = None
    zalo_permission_url: str = "https://oauth.zaloapp.com/v4/oa/permission"
    # The OA may ask for the phone with Zalo's request_user_info template (docs/zalo.md).
    zalo_request_user_info: bool = False
    zalo_fetch_display_name: bool = True
    # Zalo Bot Platform (a bot made in the Zalo app; docs/zalo.md): on when ZALO_BOT_TOKEN is set.
    zalo_bot_token: str | None = None
    zalo_bot_api_base_url: str = "https://bot-api.zaloplatforms.com"
    zalo_bot_webhook_secret: str | None = None  # set: updates come by webhook, else long polling
    zalo_bot_webhook_url: str | None = None  # the public https:// address of /zalo-bot/webhook
    zalo_bot_poll_timeout: int = 30
    zalo_bot_text_limit: int = 2000
    # Pushed notices go to a person's reachable channels in this order (e.g. "zalo,zalo_bot,
    # telegram"), the one used last first among equals; empty: the channel used last.
    delivery_channel_order: str = ""

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_window(cls, value: str) -> str:
        start, sep, end = value.partition("-")
        try:
            dt.time.fromisoformat(start.strip())
            dt.time.fromisoformat(end.strip())
        except ValueError:
            sep = ""
        if not sep:
            raise ValueError(f"use two 24-hour times such as 21:00-07:00, not {value!r}")
        return value

    @field_validator("telegram_max_per_second", "telegram_chat_interval_seconds")
    @classmethod
    def _rate(cls, value: float) -> float:
        if value < 0:
            raise ValueError("must be 0 or more (0: no limit)")
        return value

    @property
    def quiet_window(self) -> tuple[dt.time, dt.time]:
        """QUIET_HOURS as (start, end) local times."""
        start, _, end = self.quiet_hours.partition("-")
        return dt.time.fromisoformat(start.strip()), dt.time.fromisoformat(end.strip())

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("default_language")
    @classmethod
    def _supported_language(cls, value: str) -> str:
        if value not in ("vi", "en"):
            raise ValueError("must be 'vi' or 'en'")
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if value.startswith(("postgresql://", "postgres://")):
            # Accept the URL people copy from their hosting panel; use the asyncpg driver.
            return "postgresql+asyncpg://" + value.split("://", 1)[1]
        if value.startswith("sqlite://"):
            # The asynchronous SQLite driver, as for PostgreSQL above.
            return "sqlite+aiosqlite://" + value.split("://", 1)[1]
        if not value.startswith(("postgresql+asyncpg://", "sqlite+aiosqlite://")):
            raise ValueError("use a postgresql:// or sqlite:/// URL")
        return value

    @field_validator("telegram_webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with https:// (or http:// for a local Bot API server)")
        return value or None

    @field_validator("web_port")
    @classmethod
    def _port_range(cls, value: int) -> int:
        if not 0 <= value <= 65535:
            raise ValueError("must be a port number between 0 and 65535")
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _bot_api_server(cls, value: str | None) -> str | None:
        if not value:
            return None
        expected = "http:// or https:// URL such as http://10.0.0.5:8081"
        url = _parsed_url(value, ("http", "https"), expected)
        # People copy either the server's address or PTB's base_url (which ends in /bot).
        path = url.path.rstrip("/").removesuffix("/bot").rstrip("/")
        return str(url.copy_with(path=path, query=None, fragment=None)).rstrip("/")

    @field_validator("telegram_proxy_url")
    @classmethod
    def _proxy_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        expected = "http://, https:// or socks5:// URL such as socks5://user:pass@host:1080"
        _parsed_url(value, _PROXY_SCHEMES, expected)
        return value

    @field_validator("zalo_quiet_start", "zalo_quiet_end")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        try:
            dt.time.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"use a 24-hour time such as 22:00, not {value!r}") from exc
        return value

    @field_validator("zalo_api_base_url", "zalo_oauth_base_url")
    @classmethod
    def _zalo_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("zalo_window_days", "zalo_refresh_margin_seconds", "zalo_retry_seconds")
    @classmethod
    def _not_negative(cls, value: int) -> int:
        if value < 0:
            raise ValueError("must be 0 or more")
        return value

    @field_validator("zalo_text_limit", "zalo_max_buttons")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("must be 1 or more")
        return value

    @field_validator("zalo_zns_base_url", "zalo_bot_api_base_url", "zalo_permission_url")
    @classmethod
    def _other_zalo_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator(
        "zalo_reply_limit",
        "zalo_reply_hours",
        "zalo_hold_seconds",
        "zalo_keepalive_days",
        "zalo_refresh_token_days",
        "zalo_token_alert_days",
        "zalo_bot_poll_timeout",
    )
    @classmethod
    def _zalo_not_negative(cls, value: int) -> int:
        if value < 0:
            raise ValueError("must be 0 or more")
        return value

    @field_validator("delivery_channel_order")
    @classmethod
    def _channel_order(cls, value: str) -> str:
        known = {"console", "telegram", "zalo", "zalo_bot"}
        names = [n.strip() for n in value.split(",") if n.strip()]
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ValueError(f"list channels from {', '.join(sorted(known))}, separated by commas")
        return ",".join(names)

    @property
    def channel_order(self) -> list[str]:
        """DELIVERY_CHANNEL_ORDER as a list of channel values (empty: last use decides)."""
        return [n for n in self.delivery_channel_order.split(",") if n]

    @property
    def zalo_bot_enabled(self) -> bool:
        """Whether this deployment serves a Zalo Bot Platform bot (ZALO_BOT_TOKEN is set)."""
        return bool(self.zalo_bot_token)

    @property
    def zalo_enabled(self) -> bool:
        """Whether this deployment serves Zalo (ZALO_APP_ID is set; the rest is checked at start)."""
        return bool(self.zalo_app_id)

    @property
    def resolved_data_dir(self) -> Path:
        """Where files live: DATA_DIR, or the per-user data directory."""
        return self.data_dir or default_data_dir()

    @property
    def resolved_database_url(self) -> str:
        """DATABASE_URL, or a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.resolved_data_dir / 'pii-bot.sqlite3'}"

    @property
    def is_embedded_database(self) -> bool:
        """True when the database is the default SQLite file (it then migrates itself)."""
        return self.database_url is None


_PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


def _parsed_url(value: str, schemes: tuple[str, ...], expected: str) -> httpx.URL:
    # One message for every way a URL can be wrong: unparseable, another scheme, no host. The
    # value is not repeated: a proxy URL may hold a password.
    try:
        url = httpx.URL(value.strip())
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in schemes or not url.host:
        raise ValueError(f"expected an {expected}")
    return url


def load_settings(**overrides: object) -> Settings:
    """Read and validate the settings; a bad value raises ConfigError naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first.get("loc") else "?"
        message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
        raise ConfigError(f"{name}: {message}") from None
