"""Keeping personal data out of every log line, exceptions included.

Log calls never pass an answer's value, but an exception's message may quote one (openpyxl's
``IllegalCharacterError`` prints the cell's text, ``int()`` the string it could not read), and
any line may hold a number someone typed. :class:`Scrubbing`, on every handler of the root
logger, writes tracebacks with the exceptions' kinds and places only, never their messages,
and hides long runs of digits (resident ID, bank card and phone numbers).
"""

from __future__ import annotations

import logging
import re
import traceback
from types import TracebackType
from typing import Final

# Eleven digits or more, spaces or hyphens between them allowed, an ID's final X too: a phone
# (13912345678, 0431-8888 1234), a resident ID, a card. Update and chat ids are shorter.
_LONG_NUMBER: Final = re.compile(r"\d(?:[ \-]?\d){10,}[Xx]?")
HIDDEN: Final = "[number hidden]"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def scrub(text: str) -> str:
    """``text`` with its long numbers hidden."""
    return _LONG_NUMBER.sub(HIDDEN, text)


def traceback_without_messages(error: BaseException) -> str:
    """The traceback of ``error`` and the errors that led to it: where and of what kind, but
    without their messages, which may quote what a user typed."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_tb(current.__traceback__))
        parts.append(
            f"Traceback (most recent call last):\n{frames}"
            f"{type(current).__module__}.{type(current).__qualname__} (message withheld)"
        )
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return "\n\nCaused by or raised while handling:\n".join(parts)


class Scrubbing(logging.Filter):
    """Rewrites each record it sees: long numbers hidden, exception messages withheld."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub ``record`` in place; it is always passed on."""
        message = scrub(record.getMessage())
        record.msg, record.args = message, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = traceback_without_messages(record.exc_info[1])
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


def scrub_every_handler() -> None:
    """Put :class:`Scrubbing` on each handler of the root logger that lacks it."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(existing, Scrubbing) for existing in handler.filters):
            handler.addFilter(Scrubbing())
