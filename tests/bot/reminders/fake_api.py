"""A minimal Bot API behind PTB's ``BaseRequest``: records messages, answers 429 and 403 on cue."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Bot
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.ext import BaseRateLimiter, ExtBot
from telegram.request import BaseRequest, RequestData

TOKEN = "123456:TEST-TOKEN"


@dataclass
class Sent:
    """One message the bot sent."""

    chat_id: int
    text: str
    reply_markup: dict[str, Any] | None
    at: float = 0.0


@dataclass
class FakeBotApi(BaseRequest):
    """Answers getMe and sendMessage; ``flood`` (chat → count) answers 429 that many times."""

    sent: list[Sent] = field(default_factory=list)
    blocked: set[int] = field(default_factory=set)
    flood: dict[int, int] = field(default_factory=dict)
    retry_after: int = 3
    failing: set[int] = field(default_factory=set)  # chats answered 400 (chat not found)
    refusals: int = 0
    clock: Callable[[], float] = time.monotonic
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def read_timeout(self) -> float | None:
        """No network."""
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def texts_to(self, chat_id: int) -> list[str]:
        """The texts sent to one chat, in order."""
        return [message.text for message in self.sent if message.chat_id == chat_id]

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer one Bot API call."""
        endpoint = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if endpoint == "getMe":
            return _ok({"id": 42, "is_bot": True, "first_name": "Songnuan", "username": "sn_bot"})
        if endpoint != "sendMessage":
            return _error(404, "Not Found: method not found")
        chat_id = int(str(params["chat_id"]))
        if chat_id in self.blocked:
            self.refusals += 1
            return _error(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.failing:
            return _error(400, "Bad Request: chat not found")
        if self.flood.get(chat_id, 0) > 0:
            self.flood[chat_id] -= 1
            self.refusals += 1
            return _error(
                429,
                f"Too Many Requests: retry after {self.retry_after}",
                {"retry_after": self.retry_after},
            )
        markup = params.get("reply_markup")
        self.sent.append(Sent(chat_id, str(params["text"]), markup, self.clock()))  # type: ignore[arg-type]
        return _ok(
            {
                "message_id": next(self._ids),
                "date": 1577000000,
                "chat": {"id": chat_id, "type": "private"},
                "text": params["text"],
            }
        )


def _ok(result: object) -> tuple[int, bytes]:
    return 200, json.dumps({"ok": True, "result": result}).encode()


def _error(code: int, description: str, parameters: object = None) -> tuple[int, bytes]:
    body: dict[str, object] = {"ok": False, "error_code": code, "description": description}
    if parameters is not None:
        body["parameters"] = parameters
    return code, json.dumps(body).encode()


async def make_bot(api: FakeBotApi, rate_limiter: BaseRateLimiter[Any] | None = None) -> Bot:
    """A bot talking to ``api``, initialised (its getMe answered)."""
    bot: Bot = ExtBot(TOKEN, request=api, get_updates_request=api, rate_limiter=rate_limiter)
    await bot.initialize()
    return bot
