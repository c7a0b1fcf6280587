"""Telegram's flood limits, enforced on demand: about 30 messages a second, one a second a chat."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class TelegramLimits:
    """A sliding one-second window overall and per chat; an excess is answered with 429."""

    overall_per_second: int = 30
    per_chat_per_second: int = 1
    clock: Callable[[], float] = time.monotonic
    _overall: deque[float] = field(default_factory=deque)
    _per_chat: dict[int, deque[float]] = field(default_factory=dict)
    refused: int = 0
    accepted: int = 0

    def admit(self, chat_id: int) -> int | None:
        """Count one message to ``chat_id``; or the seconds to wait if it breaks a limit."""
        now = self.clock()
        chat_window = self._per_chat.setdefault(chat_id, deque())
        for window in (self._overall, chat_window):
            while window and now - window[0] >= 1.0:
                window.popleft()
        waits = []
        if len(self._overall) >= self.overall_per_second:
            waits.append(1.0 - (now - self._overall[0]))
        if len(chat_window) >= self.per_chat_per_second:
            waits.append(1.0 - (now - chat_window[0]))
        if waits:
            self.refused += 1
            return max(1, math.ceil(max(waits)))
        self._overall.append(now)
        chat_window.append(now)
        self.accepted += 1
        return None
