"""A rate limiter that keeps under Telegram's flood limits as a sliding window counts them.

python-telegram-bot's ``AIORateLimiter`` is a leaky bucket: after a quiet spell it lets a burst
of 30 through and then 30 a second more, so a one-second window can see nearly 60 messages,
and it has no limit per private chat. This one keeps a log of the moments it let messages go,
overall and per chat, and holds a message back until the window (one second and a margin for
the network's jitter) has room: at most 30 a second overall and one a second per chat.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import warnings
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Final

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]
MARGIN_SECONDS: Final = 0.05
FORGET_EVERY: Final = 1024  # chats remembered before the quiet ones are forgotten


def retry_seconds(error: RetryAfter) -> float:
    """The seconds a 429 asks to wait (read without PTB's deprecation warning on the int)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        period = error.retry_after
    return period.total_seconds() if isinstance(period, dt.timedelta) else float(period)


class FloodLimiter(BaseRateLimiter[int]):
    """At most ``overall`` messages per window and ``per_chat`` per chat; 429s are waited out.

    Only requests to a chat (those with ``chat_id``) are counted. A 429 halts every request for
    its ``retry_after`` and the request is tried again, up to ``max_retries`` times (a method's
    ``rate_limit_args`` overrides it); after that the ``RetryAfter`` reaches the caller.
    """

    def __init__(
        self,
        overall: int = 30,
        per_chat: int = 1,
        window: float = 1.0 + MARGIN_SECONDS,
        max_retries: int = 3,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if overall < 1 or per_chat < 1 or window <= 0:
            raise ValueError("the limits must be positive")
        self.overall = overall
        self.per_chat = per_chat
        self.window = window
        self.max_retries = max_retries
        self._clock = clock
        self._sleep = sleep
        self._sent: deque[float] = deque()
        self._sent_to: dict[str, deque[float]] = {}
        self._resume_at = 0.0
        self.waited_for_429 = 0.0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        """Wait for room, make the request, and on a 429 wait it out and try again."""
        chat = data.get("chat_id")
        retries = self.max_retries if rate_limit_args is None else rate_limit_args
        for attempt in range(retries + 1):
            await self._admit(None if chat is None else str(chat))
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == retries:
                    raise
                seconds = retry_seconds(error)
                log.info("Telegram asked to wait %.1f s (%s); waiting", seconds, endpoint)
                self._resume_at = max(self._resume_at, self._clock() + seconds)
                self.waited_for_429 += seconds
        raise AssertionError("unreachable")  # pragma: no cover

    async def _admit(self, chat: str | None) -> None:
        while True:
            now = self._clock()
            wait = self._resume_at - now
            if chat is not None and wait <= 0:
                wait = self._room_in(chat, now)
            if wait <= 0:
                return
            await self._sleep(wait)

    def _room_in(self, chat: str, now: float) -> float:
        """Seconds until a message to ``chat`` fits, or 0 after counting it as sent now."""
        horizon = now - self.window
        while self._sent and self._sent[0] <= horizon:
            self._sent.popleft()
        chat_log = self._sent_to.setdefault(chat, deque())
        while chat_log and chat_log[0] <= horizon:
            chat_log.popleft()
        waits = []
        if len(self._sent) >= self.overall:
            waits.append(self._sent[0] - horizon)
        if len(chat_log) >= self.per_chat:
            waits.append(chat_log[0] - horizon)
        if waits:
            return max(waits)
        self._sent.append(now)
        chat_log.append(now)
        if len(self._sent_to) > FORGET_EVERY:
            self._forget(horizon)
        return 0.0

    def _forget(self, horizon: float) -> None:
        for chat, chat_log in list(self._sent_to.items()):
            if not chat_log or chat_log[-1] <= horizon:
                del self._sent_to[chat]
