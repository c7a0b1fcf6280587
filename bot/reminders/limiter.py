"""A rate limiter that keeps under Telegram's flood limits as a sliding window counts them.

python-telegram-bot's ``AIORateLimiter`` is a leaky bucket: after a quiet spell it lets a burst
of 30 through and then 30 a second more, so a one-second window can see nearly 60 messages,
and it has no limit per private chat. This one keeps a log of the messages it let go, overall
and per chat, and holds the next back while the last window already holds the limit: at most
30 in any second overall and one a second per chat.

A message counts from the moment it is let go until a window after its answer came back.
The server saw it somewhere in between, so however long the network took, two messages the
server sees within a window were both counted here within one too: no jitter can make the
server count more than the limit.

A message may come with a :class:`Claim` (as its ``rate_limit_args``): the limiter calls it once
the message is let through, right before it is sent, so that a delivery is recorded as being
sent only when it really is about to go, never while it waits its turn (see
:mod:`bot.reminders.runner`). A refused claim cancels the message with :class:`NotClaimed`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import warnings
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, Final

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]
POLL_SECONDS: Final = 0.005  # how often to look again while only messages in flight fill a window
FORGET_EVERY: Final = 1024  # chats remembered before the quiet ones are forgotten


def retry_seconds(error: RetryAfter) -> float:
    """The seconds a 429 asks to wait (read without PTB's deprecation warning on the int)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        period = error.retry_after
    return period.total_seconds() if isinstance(period, dt.timedelta) else float(period)


class NotClaimed(Exception):
    """A message let through whose delivery could not be claimed: it was not sent."""


@dataclass(frozen=True)
class Claim:
    """``rate_limit_args`` of a message to be claimed once it is let through.

    ``claim`` records the delivery as being sent and says whether it may go (False: another
    sender has it, or this process lost its turn). ``max_retries`` overrides the limiter's.
    """

    claim: Callable[[], Awaitable[bool]]
    max_retries: int | None = None


@dataclass
class _Log:
    """Messages of one window: those answered (when) and those still in flight (how many)."""

    answered: deque[float] = field(default_factory=deque)
    in_flight: int = 0

    def count(self, horizon: float) -> int:
        while self.answered and self.answered[0] <= horizon:
            self.answered.popleft()
        return len(self.answered) + self.in_flight

    def wait(self, horizon: float) -> float:
        """Seconds until the oldest answered message leaves the window (a poll if none did)."""
        return self.answered[0] - horizon if self.answered else POLL_SECONDS


class FloodLimiter(BaseRateLimiter[int | Claim]):
    """At most ``overall`` messages per window and ``per_chat`` per chat; 429s are waited out.

    Only requests to a chat (those with ``chat_id``) are counted. A 429 halts every request for
    its ``retry_after`` and the request is tried again, up to ``max_retries`` times (a method's
    ``rate_limit_args``, a number or a :class:`Claim`'s, overrides it); after that the
    ``RetryAfter`` reaches the caller.
    """

    def __init__(
        self,
        overall: int = 30,
        per_chat: int = 1,
        window: float = 1.0,
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
        self._all = _Log()
        self._chats: dict[str, _Log] = {}
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
        rate_limit_args: int | Claim | None,
    ) -> JSONResult:
        """Wait for room, claim, make the request, and on a 429 wait it out and try again."""
        chat = data.get("chat_id")
        claim, asked = (
            (rate_limit_args.claim, rate_limit_args.max_retries)
            if isinstance(rate_limit_args, Claim)
            else (None, rate_limit_args)
        )
        retries = self.max_retries if asked is None else asked
        for attempt in range(retries + 1):
            # Claimed once: a retry after a 429 is the same delivery, not another one.
            before = claim if attempt == 0 else None
            try:
                if chat is None:
                    await self._wait_out_429()
                    if before is not None and not await before():
                        raise NotClaimed(endpoint)
                    return await callback(*args, **kwargs)
                return await self._counted(str(chat), callback, args, kwargs, before)
            except RetryAfter as error:
                if attempt == retries:
                    raise
                seconds = retry_seconds(error)
                log.info("Telegram asked to wait %.1f s (%s); waiting", seconds, endpoint)
                self._resume_at = max(self._resume_at, self._clock() + seconds)
                self.waited_for_429 += seconds
        raise AssertionError("unreachable")  # pragma: no cover

    async def _counted(
        self,
        chat: str,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        before: Callable[[], Awaitable[bool]] | None = None,
    ) -> JSONResult:
        chat_log = await self._admit(chat)
        if before is not None:
            try:
                claimed = await before()
            except BaseException:
                self._uncount(chat_log)
                raise
            if not claimed:
                self._uncount(chat_log)
                raise NotClaimed(chat)
        try:
            return await callback(*args, **kwargs)
        finally:
            answered = self._clock()
            for entry in (self._all, chat_log):
                entry.in_flight -= 1
                entry.answered.append(answered)

    def _uncount(self, chat_log: _Log) -> None:
        """Take back a message let through that did not go."""
        for entry in (self._all, chat_log):
            entry.in_flight -= 1

    async def _wait_out_429(self) -> None:
        while (wait := self._resume_at - self._clock()) > 0:
            await self._sleep(wait)

    async def _admit(self, chat: str) -> _Log:
        """Wait until a message to ``chat`` fits in the window, and count it in flight."""
        while True:
            await self._wait_out_429()
            now = self._clock()
            horizon = now - self.window
            chat_log = self._chats.setdefault(chat, _Log())
            waits = []
            if self._all.count(horizon) >= self.overall:
                waits.append(self._all.wait(horizon))
            if chat_log.count(horizon) >= self.per_chat:
                waits.append(chat_log.wait(horizon))
            if not waits:
                self._all.in_flight += 1
                chat_log.in_flight += 1
                if len(self._chats) > FORGET_EVERY:
                    self._forget(horizon)
                return chat_log
            await self._sleep(max(waits))

    def _forget(self, horizon: float) -> None:
        for chat, chat_log in list(self._chats.items()):
            if chat_log.count(horizon) == 0:
                del self._chats[chat]
