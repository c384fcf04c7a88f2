"""The Telegram channel: a python-telegram-bot Application whose handlers feed the core."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Awaitable

import httpx
from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    CallbackQuery,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    BaseRateLimiter,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.helpers import create_deep_linked_url
from telegram.request import HTTPXRequest

from bot.app import BotCore
from bot.channels.telegram_errors import certainly_unsent
from bot.channels.telegram_limits import even_rate_limiter
from bot.channels.telegram_menus import is_organiser_chat, organiser_chats, set_organiser_menu
from bot.channels.telegram_render import ReplySender, retry_after_seconds
from bot.channels.telegram_state import follow_migration, identity_language, mark_reachable, mark_unreachable
from bot.channels.telegram_updates import TolerantUpdatesRequest
from bot.channels.user_turns import UserTurns
from bot.config import Settings
from bot.domain.textfold import fold
from bot.i18n import language_from_hint, translator
from bot.messages import Contact, DownloadTooLarge, FileRef, Inbound, Location, Reply
from bot.outbox.delivery import RetryLater, Uncertain, Unreachable
from bot.run.durable_updates import (
    mark_answered,
    pending_updates,
    store_update,
    take_update,
    wait_for_earlier,
)
from storage.enums import Channel

__all__ = [
    "GROUP_SAFE_COMMANDS",
    "GROUP_SAFE_PAYLOADS",
    "COMMAND_MENU",
    "PerUserUpdateProcessor",
    "TelegramChannel",
    "build_application",
    "telegram_request",
    "inbound_from_message",
    "inbound_from_callback",
]

log = logging.getLogger(__name__)

# The one list of what may be answered inside a group: public event information, nothing personal.
# Everything else gets a button that opens the private chat.
GROUP_SAFE_COMMANDS = frozenset(
    {"agenda", "chuongtrinh", "venue", "diadiem", "help", "trogiup", "event", "sukien"}
)
GROUP_SAFE_PAYLOADS = ("cmd:agenda", "cmd:venue", "cmd:help", "cmd:event", "event:")

# The command menu: (catalogue key, English command, Vietnamese command).
COMMAND_MENU = (
    ("start", "start", "start"),
    ("agenda", "agenda", "chuongtrinh"),
    ("venue", "venue", "diadiem"),
    ("me", "me", "toi"),
    ("ics", "ics", "lich"),
    ("checkin", "checkin", "diemdanh"),
    ("status", "status", "tiendo"),
    ("event", "event", "sukien"),
    ("lang", "lang", "ngonngu"),
    ("help", "help", "trogiup"),
    ("cancel", "cancel", "huy"),
)
_GROUP_MENU = ("agenda", "venue", "event", "help")
# Commands after which an organiser's chat is given the organisers' menu (if not done yet).
_MENU_TRIGGERS = {"start", "batdau", "organiser", "tochuc"}
_START_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_GROUP_CHATS = (ChatType.GROUP, ChatType.SUPERGROUP)
DOWNLOAD_TIMEOUT = 60.0  # seconds for one file a user sent
# Bot API refusals that no retry can change: the chat is gone for this bot.
_PERMANENT_REFUSALS = (
    "chat not found",
    "user is deactivated",
    "bot was blocked",
    "peer_id_invalid",
    "bot was kicked",
    "user not found",
)


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Serves different users concurrently, and each user's updates strictly in order."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        # Conversation state is read and written per user: two updates of one user must not overlap.
        self._turns = UserTurns()

    async def do_process_update(self, update: object, coroutine: Awaitable[object]) -> None:
        """Run the update's handlers while holding its user's lock."""
        key = None
        if isinstance(update, Update):
            entity = update.effective_user or update.effective_chat
            key = entity.id if entity is not None else None
        if key is None:
            await coroutine
            return
        async with self._turns.turn(key):
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def telegram_request(
    settings: Settings, *, pool_size: int | None = None, request_class: type[HTTPXRequest] = HTTPXRequest
) -> HTTPXRequest:
    """PTB's HTTPXRequest (or `request_class`) with the configured proxy, pool and timeouts."""
    return request_class(
        connection_pool_size=pool_size or settings.telegram_connection_pool_size,
        connect_timeout=settings.telegram_connect_timeout,
        read_timeout=settings.telegram_read_timeout,
        write_timeout=settings.telegram_write_timeout,
        pool_timeout=settings.telegram_pool_timeout,
        media_write_timeout=settings.telegram_media_write_timeout,
        proxy=settings.telegram_proxy_url,
    )


def build_application(
    settings: Settings,
    *,
    with_updater: bool = True,
    concurrency: int = 64,
    rate_limiter: BaseRateLimiter | None = None,
) -> Application:
    """A PTB Application for the configured token and Bot API server, rate-limited, concurrent per user."""
    if not settings.telegram_bot_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = Application.builder().token(settings.telegram_bot_token)
    if settings.telegram_api_base_url:  # normalised by the settings: no trailing /bot
        base = settings.telegram_api_base_url
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    builder = builder.request(telegram_request(settings))
    # Long polling holds its own connection, so a slow getUpdates never blocks replies.
    # One unreadable update must not stop polling for everyone: the updates request skips it.
    builder = builder.get_updates_request(
        telegram_request(settings, pool_size=1, request_class=TolerantUpdatesRequest)
    )
    builder = builder.rate_limiter(rate_limiter or even_rate_limiter(settings))
    builder = builder.concurrent_updates(PerUserUpdateProcessor(concurrency))
    if not with_updater:
        builder = builder.updater(None)
    return builder.build()


def inbound_from_message(message: Message, update_id: int | None) -> Inbound:
    """A Telegram message as the neutral Inbound: text, contact, document or photo, location."""
    user = message.from_user
    assert user is not None
    contact = file = location = None
    if message.contact is not None:
        c = message.contact
        contact = Contact(c.phone_number, None if c.user_id is None else str(c.user_id), c.first_name)
    if message.document is not None:
        d = message.document
        file = FileRef(d.file_id, d.file_name, d.mime_type, d.file_size)
    elif message.photo:
        largest = max(message.photo, key=lambda p: (p.width * p.height, p.file_size or 0))
        file = FileRef(largest.file_id, None, "image/jpeg", largest.file_size)
    if message.venue is not None:
        v = message.venue
        location = Location(v.location.latitude, v.location.longitude, v.title, v.address)
    elif message.location is not None:
        location = Location(message.location.latitude, message.location.longitude)
    return Inbound(
        channel=Channel.TELEGRAM,
        user_id=str(user.id),
        text=message.text,
        contact=contact,
        file=file,
        location=location,
        language_hint=user.language_code,
        display_name=user.full_name,
        chat_id=str(message.chat.id),
        is_group=message.chat.type in _GROUP_CHATS,
        update_id=None if update_id is None else str(update_id),
    )


def inbound_from_callback(query: CallbackQuery, update_id: int | None) -> Inbound:
    """A pressed inline button as the neutral Inbound carrying the button's payload."""
    chat = query.message.chat if query.message is not None else None
    return Inbound(
        channel=Channel.TELEGRAM,
        user_id=str(query.from_user.id),
        payload=query.data,
        language_hint=query.from_user.language_code,
        display_name=query.from_user.full_name,
        chat_id=str(chat.id if chat is not None else query.from_user.id),
        is_group=chat is not None and chat.type in _GROUP_CHATS,
        update_id=None if update_id is None else str(update_id),
    )


class TelegramChannel:
    """Translates Telegram updates into Inbounds for the core, and Replies into Bot API calls."""

    channel = Channel.TELEGRAM

    def __init__(self, core: BotCore, application: Application) -> None:
        self.core = core
        self.application = application
        self.sender = ReplySender(application.bot)
        self.default_language = core.settings.default_language
        self._organiser_menus: set[str] = set()  # private chats given the organisers' menu
        self.durable = False  # webhook mode: updates are kept in the database until answered
        # Conversations build deep links and fetch uploaded files through the core.
        core.link_builders[Channel.TELEGRAM] = self.deep_link
        core.file_fetchers[Channel.TELEGRAM] = self.fetch_file
        application.add_handler(
            MessageHandler(filters.UpdateType.MESSAGE & ~filters.StatusUpdate.ALL, self._on_message)
        )
        application.add_handler(CallbackQueryHandler(self._on_callback))
        # Blocks and unblocks arrive as my_chat_member: recorded at once, not at the next send.
        application.add_handler(ChatMemberHandler(self._on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
        application.add_error_handler(self._on_error)

    @classmethod
    def create(cls, core: BotCore, **kwargs: object) -> TelegramChannel:
        """A channel with a freshly built Application for the core's settings."""
        return cls(core, build_application(core.settings, **kwargs))  # type: ignore[arg-type]

    async def set_commands(self) -> None:
        """The command menu, in Vietnamese and English, and a shorter one for groups."""
        bot = self.application.bot
        for language in ("vi", "en"):
            t = translator(language)
            index = 2 if language == "vi" else 1
            commands = [BotCommand(row[index], t(f"telegram.command.{row[0]}")) for row in COMMAND_MENU]
            group = [
                BotCommand(row[index], t(f"telegram.command.{row[0]}"))
                for row in COMMAND_MENU
                if row[0] in _GROUP_MENU
            ]
            await bot.set_my_commands(commands, language_code=language)
            await bot.set_my_commands(group, scope=BotCommandScopeAllGroupChats(), language_code=language)
            if language == self.default_language:
                # Users whose Telegram speaks neither language see the deployment's default.
                await bot.set_my_commands(commands)
                await bot.set_my_commands(group, scope=BotCommandScopeAllGroupChats())
        # Organisers see their own commands too, in their private chat.
        for chat_id, language in await organiser_chats(self.core.sessions):
            if await set_organiser_menu(bot, chat_id, language):
                self._organiser_menus.add(str(chat_id))

    async def _refresh_organiser_menu(self, inbound: Inbound) -> None:
        # Someone who just became an organiser (a link) or asks for the organisers' commands gets
        # the organisers' menu without waiting for a restart; once per chat and process.
        command = fold((inbound.text or "").split(" ", 1)[0].lstrip("/").split("@", 1)[0])
        if inbound.is_group or inbound.user_id in self._organiser_menus or command not in _MENU_TRIGGERS:
            return
        language = await is_organiser_chat(self.core.sessions, inbound.user_id)
        if language is not None and await set_organiser_menu(
            self.application.bot, int(inbound.user_id), language
        ):
            self._organiser_menus.add(inbound.user_id)

    async def send(self, user_id: str, replies: list[Reply]) -> None:
        """Deliver outbox replies to a user's private chat; refusals become delivery outcomes."""
        language = await self._language(user_id, replies)
        try:
            await self.sender.send(int(user_id), replies, language=language)
        except ChatMigrated as exc:
            # A group became a supergroup: the messages go to its new id from now on.
            async with self.core.sessions() as session, session.begin():
                await follow_migration(session, self.channel, user_id, str(exc.new_chat_id))
            await self.sender.send(exc.new_chat_id, replies, language=language)
        except Forbidden as exc:
            raise Unreachable(str(exc)) from exc
        except RetryAfter as exc:
            raise RetryLater(retry_after_seconds(exc)) from exc
        except BadRequest as exc:
            if any(words in str(exc).lower() for words in _PERMANENT_REFUSALS):
                raise Unreachable(str(exc)) from exc
            raise
        except NetworkError as exc:
            if not certainly_unsent(exc):
                raise Uncertain(str(exc) or type(exc).__name__) from exc
            raise

    def keep_updates(self) -> None:
        """Webhook mode: every update is settled in the database once its handlers are done."""
        self.durable = True
        # A later group: it runs after the conversation's handler, for every kind of update.
        self.application.add_handler(TypeHandler(Update, self._settle), group=1)

    async def store_update(self, key: str, chat: str | None, raw: bytes) -> bool:
        """The webhook's UpdateStore: keep a posted update; False if it was kept before."""
        async with self.core.write_unit() as session:
            return await store_update(session, self.channel, key, chat, raw)

    async def replay(self) -> int:
        """After a restart: queue the kept updates never handled, send the replies never sent."""
        pending = await pending_updates(self.core.sessions, self.channel)
        for item in pending:
            if item.update is not None:
                update = Update.de_json(item.update, self.application.bot)
                if update is not None:
                    await self.application.update_queue.put(update)
                continue
            if item.replies and item.chat is not None:
                try:
                    await self.sender.send(int(item.chat), item.replies, language=self.default_language)
                except TelegramError as exc:  # blocked since, or gone: nothing more to do for it
                    log.info("telegram: kept replies to %s not sent: %s", item.chat, exc)
            await mark_answered(self.core.sessions, self.channel, item.key)
        if pending:
            log.info("telegram: %d kept update(s) replayed after a restart", len(pending))
        return len(pending)

    async def _settle(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        # Updates the core never saw (group chatter, my_chat_member, a failure) are marked handled
        # so that no restart replays them; for the others this finds them handled already.
        async with self.core.write_unit() as session:
            await take_update(session, self.channel, str(update.update_id))

    def deep_link(self, payload: str) -> str:
        """https://t.me/<bot>?start=<payload> (the bot's username is known once initialised)."""
        return create_deep_linked_url(self.application.bot.username, payload)

    async def fetch_file(self, file_id: str) -> bytes:
        """The content of a file a user sent (getFile, then a streamed download that stops at the
        evidence size limit, whatever size getFile announced, or if it announced none)."""
        limit = int(self.core.settings.evidence_max_mb * 1_000_000)
        file = await self.application.bot.get_file(file_id)
        if (file.file_size is not None and file.file_size > limit) or not file.file_path:
            raise DownloadTooLarge(limit)
        body = bytearray()
        async with (
            httpx.AsyncClient(timeout=DOWNLOAD_TIMEOUT) as client,
            client.stream("GET", file.file_path) as answer,
        ):
            answer.raise_for_status()
            async for chunk in answer.aiter_bytes():
                body += chunk
                if len(body) > limit:
                    raise DownloadTooLarge(limit)
        return bytes(body)

    async def _language(self, user_id: str, replies: list[Reply]) -> str:
        # Only the phone button has a label the adapter writes itself; look the language up then.
        if not any(r.request_phone for r in replies):
            return self.default_language
        return await identity_language(self.core.sessions, self.channel, user_id, self.default_language)

    def _addressed_command(self, message: Message) -> tuple[str, str] | None:
        """('agenda', args) for a command meant for this bot; None for text or other bots' commands."""
        entities = message.entities
        text = message.text or ""
        if not entities or entities[0].type != MessageEntity.BOT_COMMAND or entities[0].offset != 0:
            return None
        head = text[1 : entities[0].length]
        name, _, target = head.partition("@")
        if target and target.lower() != (self.application.bot.username or "").lower():
            return None
        return fold(name), text[entities[0].length :].strip()

    async def _on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        if message is None or message.from_user is None or message.chat.type == ChatType.CHANNEL:
            return
        if message.chat.type in _GROUP_CHATS:
            command = self._addressed_command(message)
            if command is None:
                return  # groups talk among themselves; the bot speaks only when addressed
            if command[0] not in GROUP_SAFE_COMMANDS:
                args = command[1] if command[0] in ("start", "batdau") else ""
                await self._point_to_private(message.chat, message.from_user.language_code, args)
                return
        inbound = inbound_from_message(message, update.update_id)
        replies = await self._handle(inbound)
        await self._reply(message.chat, inbound, replies)
        await self._refresh_organiser_menu(inbound)

    async def _on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        try:
            # Answer first: the user's button stops spinning however long the core takes.
            await query.answer()
        except TelegramError as exc:
            log.info("callback query %s not answered: %s", query.id, exc)
        inbound = inbound_from_callback(query, update.update_id)
        chat = query.message.chat if query.message is not None else None
        if (
            inbound.is_group
            and chat is not None
            and not (inbound.payload or "").startswith(GROUP_SAFE_PAYLOADS)
        ):
            await self._point_to_private(chat, query.from_user.language_code, "")
            return
        replies = await self._handle(inbound)
        await self._reply(chat, inbound, replies)

    async def _handle(self, inbound: Inbound) -> list[Reply]:
        # SQLite's single writer is the core's business (BotCore.handle), not the channel's.
        if self.durable and inbound.update_id is not None:
            # Several workers: this person's earlier updates (on other workers) go first.
            await wait_for_earlier(self.core.sessions, self.channel, inbound.chat_id, inbound.update_id)
        return await self.core.handle(inbound)

    async def _reply(self, chat: Chat | None, inbound: Inbound, replies: list[Reply]) -> None:
        chat_id = chat.id if chat is not None else int(inbound.user_id)
        if inbound.is_group:
            # A reply keyboard in a group is shown to everyone: never ask for a phone there.
            replies = [dataclasses.replace(r, request_phone=False) for r in replies]
        language = await self._language(inbound.user_id, replies)
        try:
            await self.sender.send(
                chat_id, replies, language=language, remove_keyboard=inbound.contact is not None
            )
            if self.durable and replies and inbound.update_id is not None:
                await mark_answered(self.core.sessions, self.channel, inbound.update_id)
        except Forbidden as exc:
            if inbound.is_group:
                log.info("group %s refuses messages: %s", chat_id, exc)
                return
            async with self.core.sessions() as session, session.begin():
                await mark_unreachable(session, self.channel, inbound.user_id)
            log.info("telegram user %s blocked the bot; marked unreachable", inbound.user_id)

    async def _point_to_private(self, chat: Chat, language_code: str | None, start_args: str) -> None:
        t = translator(language_from_hint(language_code, self.default_language))
        payload = start_args if _START_PAYLOAD.match(start_args) else None
        url = create_deep_linked_url(self.application.bot.username, payload)
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(t("telegram.group.open_private"), url=url)]])
        try:
            # Plain text (no parse mode): catalogue sentences need no escaping then.
            await self.application.bot.send_message(
                chat.id, t("telegram.group.private_only"), reply_markup=markup
            )
        except Forbidden as exc:
            log.info("group %s refuses messages: %s", chat.id, exc)

    async def _on_my_chat_member(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        change = update.my_chat_member
        if change is None or change.chat.type != ChatType.PRIVATE:
            return
        status = change.new_chat_member.status
        user_id = str(change.chat.id)
        async with self.core.sessions() as session, session.begin():
            if status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
                await mark_unreachable(session, self.channel, user_id)
                log.info("telegram user %s blocked the bot; marked unreachable", user_id)
            elif status == ChatMemberStatus.MEMBER:
                await mark_reachable(session, self.channel, user_id)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("telegram update %s failed", update_id, exc_info=context.error)
        if (
            not isinstance(update, Update)
            or update.effective_chat is None
            or isinstance(context.error, Forbidden)
        ):
            return
        user = update.effective_user
        t = translator(language_from_hint(user.language_code if user else None, self.default_language))
        try:
            await self.application.bot.send_message(update.effective_chat.id, t("error.internal"))
        except Exception as exc:  # the apology is best effort; nothing may escape an error handler
            log.warning("could not tell chat %s about the failure: %s", update.effective_chat.id, exc)
