"""Sending one person their messages: a 429 is waited out, a block (403) is final.

The application's rate limiter paces every request; a ``RetryAfter`` that still reaches here
(no limiter, or its retries spent) is waited out and tried again a few times before the message
is put back for a later run. Whether a message may have left decides what is recorded: one
that surely did not (a 429, a refused connection) may be tried again later; one that may have
(a timeout) is never repeated.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Final

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.reminders.limiter import retry_seconds
from flows.reminders import Outgoing

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
MAX_RETRIES: Final = 3


class Outcome(StrEnum):
    """How sending to one person ended."""

    SENT = "sent"
    BLOCKED = "blocked"  # the person blocked the bot (403): never send to them again
    FAILED = "failed"  # refused, or may have left: not repeated
    LATER = "later"  # certainly not sent (flood limit, no connection): may be tried again


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
    markup = keyboard(outgoing)
    for index, text in enumerate(outgoing.texts):
        last = index == len(outgoing.texts) - 1
        outcome = await _send_one(
            bot, chat_id, text, markup if last else None, sleep=sleep, max_retries=max_retries
        )
        if outcome is not Outcome.SENT:
            # After a first message left, a retry would repeat it: later becomes failed.
            return outcome if index == 0 or outcome is Outcome.BLOCKED else Outcome.FAILED
    return Outcome.SENT


async def _send_one(
    bot: Bot,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None,
    *,
    sleep: Sleep,
    max_retries: int,
) -> Outcome:
    for attempt in range(max_retries + 1):
        try:
            await bot.send_message(chat_id, text, reply_markup=markup)
            return Outcome.SENT
        except RetryAfter as error:
            if attempt == max_retries:
                log.warning("Chat %s: still flood-limited after %d tries", chat_id, attempt + 1)
                return Outcome.LATER
            await sleep(retry_seconds(error))
        except Forbidden:
            return Outcome.BLOCKED
        except (BadRequest, TimedOut) as error:
            log.warning("Chat %s: message not delivered: %s", chat_id, error)
            return Outcome.FAILED
        except NetworkError as error:
            log.warning("Chat %s: no connection to Telegram (%s); will try later", chat_id, error)
            return Outcome.LATER
        except TelegramError as error:
            log.warning("Chat %s: message refused: %s", chat_id, error)
            return Outcome.FAILED
    return Outcome.LATER  # pragma: no cover
