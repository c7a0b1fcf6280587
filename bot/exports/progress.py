"""The progress message of a large export, edited as batches are written.

Edits are spaced out: at most one per tenth of the export and one per ``min_interval`` seconds,
since Telegram lets a bot edit a chat's messages about once a second.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from telegram import Message
from telegram.error import TelegramError

log = logging.getLogger(__name__)

STEPS = 10
MIN_INTERVAL = 2.0


class ProgressMessage:
    """Shows ``text(written, total)`` in ``message`` as an export goes on."""

    def __init__(
        self,
        message: Message,
        text: Callable[[int, int], str],
        *,
        steps: int = STEPS,
        min_interval: float = MIN_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.message = message
        self.text = text
        self.steps = steps
        self.min_interval = min_interval
        self.clock = clock
        self.edits = 0
        self._shown_step = 0
        self._shown_at: float | None = None

    async def __call__(self, written: int, total: int) -> None:
        """Edit the message if the export has moved on by a step since it was last edited."""
        step = written * self.steps // total if total else 0
        now = self.clock()
        if step <= self._shown_step:
            return
        if self._shown_at is not None and now - self._shown_at < self.min_interval:
            return
        self._shown_step, self._shown_at = step, now
        try:
            await self.message.edit_text(self.text(written, total))
            self.edits += 1
        except TelegramError as error:
            # A progress line is not worth failing the export for (the message was deleted…).
            log.info("Progress message not edited: %s", error)
