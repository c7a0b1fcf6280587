"""Sending one person their messages: a 429 is waited out, a block (403) is final.

The application's rate limiter paces every request; a ``RetryAfter`` that still reaches here
(no limiter, or its retries spent) is waited out and tried again a few times before the message
is put back for a later run. Whether a message may have left decides what is recorded: one
that surely did not (a 429, a refused connection) may be tried again later; one that may have
(a timeout) is not repeated by the live process (a crash is another matter: see
:mod:`bot.reminders.runner`).

:func:`send_claimed` claims the delivery (records it as being sent) only once the rate limiter
lets its first message through, so nothing waiting its turn is ever recorded as on its way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any, Final

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import ExtBot

from bot.reminders.limiter import Claim, FloodLimiter, NotClaimed, retry_seconds
from flows.reminders import Outgoing

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
ClaimFn = Callable[[], Awaitable[bool]]
MAX_RETRIES: Final = 3


class Outcome(StrEnum):
    """How sending to one person ended."""

    SENT = "sent"
    BLOCKED = "blocked"  # the person blocked the bot (403): never send to them again
    FAILED = "failed"  # refused, or may have left: not repeated
    LATER = "later"  # certainly not sent (flood limit, no connection): may be tried again
    SKIPPED = "skipped"  # not claimed (another sender has it, or this one lost its turn): not sent


def keyboard(outgoing: Outgoing) -> InlineKeyboardMarkup | None:
    """The message's inline button, if it has one."""
    if outgoing.button is None:
        return None
    button = InlineKeyboardButton(outgoing.button.label, callback_data=outgoing.button.data)
    return InlineKeyboardMarkup([[button]])


async def deliver(
    bot: Bot,
    chat_id: int,
    outgoing: Outgoing,
    *,
    sleep: Sleep = asyncio.sleep,
    max_retries: int = MAX_RETRIES,
) -> Outcome:
    """Send ``outgoing``'s messages to ``chat_id`` (the button under the last one)."""
    outcome, _ = await send_claimed(
        bot, chat_id, outgoing, None, sleep=sleep, max_retries=max_retries
    )
    return outcome


async def send_claimed(
    bot: Bot,
    chat_id: int,
    outgoing: Outgoing,
    claim: ClaimFn | None,
    *,
    sleep: Sleep = asyncio.sleep,
    max_retries: int = MAX_RETRIES,
) -> tuple[Outcome, int | None]:
    """Claim and send ``outgoing``; how it went, and the Telegram id of its first message.

    ``claim`` runs once, right before the first message goes: after the bot's
    :class:`FloodLimiter` let it through (or just before the request, without one). If it
    says no, nothing is sent and the outcome is ``SKIPPED``.
    """
    markup = keyboard(outgoing)
    once = _Once(claim) if claim is not None else None
    first_id: int | None = None
    for index, text in enumerate(outgoing.texts):
        last = index == len(outgoing.texts) - 1
        outcome, message_id = await _send_one(
            bot,
            chat_id,
            text,
            markup if last else None,
            once if index == 0 else None,
            sleep=sleep,
            max_retries=max_retries,
        )
        if index == 0:
            first_id = message_id
        if outcome is Outcome.SKIPPED:
            return outcome, None
        if outcome is not Outcome.SENT:
            # After a first message left, a retry would repeat it: later becomes failed.
            later_is_failed = index > 0 and outcome is not Outcome.BLOCKED
            return (Outcome.FAILED if later_is_failed else outcome), first_id
    return Outcome.SENT, first_id


class _Once:
    """A claim made at most once, however often a message is tried; its answer kept."""

    def __init__(self, claim: ClaimFn) -> None:
        self._claim = claim
        self.answer: bool | None = None

    async def __call__(self) -> bool:
        if self.answer is None:
            self.answer = await self._claim()
        return self.answer


def _limited_by_flood_limiter(bot: Bot) -> bool:
    return isinstance(bot, ExtBot) and isinstance(bot.rate_limiter, FloodLimiter)


async def _send_one(
    bot: Bot,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None,
    claim: _Once | None,
    *,
    sleep: Sleep,
    max_retries: int,
) -> tuple[Outcome, int | None]:
    extra: dict[str, Any] = {}
    if claim is not None and _limited_by_flood_limiter(bot):
        # Its own retries of a 429 stay within this one claim (see _Once).
        extra["rate_limit_args"] = Claim(claim)
    for attempt in range(max_retries + 1):
        try:
            if claim is not None and "rate_limit_args" not in extra and not await claim():
                return Outcome.SKIPPED, None
            message = await bot.send_message(chat_id, text, reply_markup=markup, **extra)
            return Outcome.SENT, message.message_id
        except NotClaimed:
            return Outcome.SKIPPED, None
        except RetryAfter as error:
            if attempt == max_retries:
                log.warning("Chat %s: still flood-limited after %d tries", chat_id, attempt + 1)
                return Outcome.LATER, None
            await sleep(retry_seconds(error))
        except Forbidden:
            return Outcome.BLOCKED, None
        except (BadRequest, TimedOut) as error:
            log.warning("Chat %s: message not delivered: %s", chat_id, error)
            return Outcome.FAILED, None
        except NetworkError as error:
            log.warning("Chat %s: no connection to Telegram (%s); will try later", chat_id, error)
            return Outcome.LATER, None
        except TelegramError as error:
            log.warning("Chat %s: message refused: %s", chat_id, error)
            return Outcome.FAILED, None
    return Outcome.LATER, None  # pragma: no cover
