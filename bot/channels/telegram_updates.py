"""The getUpdates connection that tolerates one unreadable update instead of stopping polling."""

from __future__ import annotations

import json
import logging

from telegram import Update
from telegram.request import BaseRequest, HTTPXRequest, RequestData

__all__ = ["TolerantUpdatesRequest"]

log = logging.getLogger(__name__)


class TolerantUpdatesRequest(HTTPXRequest):
    """The getUpdates connection: an update python-telegram-bot cannot read is replaced by a bare
    one (its id only) so that polling moves past it instead of failing on it for ever."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
        write_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
        connect_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
        pool_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Fetch updates; unreadable ones become bare updates (logged once each)."""
        status, body = await super().do_request(
            url,
            method,
            request_data,
            read_timeout,
            write_timeout,
            connect_timeout,
            pool_timeout,  # type: ignore[arg-type]
        )
        if status != 200:
            return status, body
        try:
            answer = json.loads(body)
        except ValueError:
            return status, body
        updates = answer.get("result") if isinstance(answer, dict) else None
        if not isinstance(updates, list):
            return status, body
        changed = False
        for index, item in enumerate(updates):
            try:
                Update.de_json(item, None)  # type: ignore[arg-type]
            except Exception as exc:  # any reason: the one update is skipped, polling goes on
                update_id = item.get("update_id") if isinstance(item, dict) else None
                log.warning(
                    "telegram update %s could not be read (%s); skipped", update_id, type(exc).__name__
                )
                updates[index] = {"update_id": update_id}
                changed = True
        return status, json.dumps(answer).encode("utf-8") if changed else body
