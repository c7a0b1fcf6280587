"""The flood limiter: never more than the limits in any window, 429s waited out."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from bot.reminders import FloodLimiter
from tests.bot.reminders.fake_api import FakeBotApi, make_bot


class VirtualTime:
    """A clock that moves only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)
        await asyncio.sleep(0)


def most_in_a_window(moments: list[float], window: float) -> int:
    moments = sorted(moments)
    return max(sum(1 for other in moments if start <= other < start + window) for start in moments)


async def test_no_window_holds_more_than_the_overall_limit() -> None:
    time = VirtualTime()
    api = FakeBotApi(clock=time)
    limiter = FloodLimiter(overall=3, per_chat=1, window=1.0, clock=time, sleep=time.sleep)
    bot = await make_bot(api, limiter)
    await asyncio.gather(*(bot.send_message(7000 + n, f"m{n}") for n in range(10)))
    assert len(api.sent) == 10
    assert most_in_a_window([m.at for m in api.sent], 1.0) == 3


async def test_one_chat_gets_at_most_one_message_a_window() -> None:
    time = VirtualTime()
    api = FakeBotApi(clock=time)
    limiter = FloodLimiter(overall=30, per_chat=1, window=1.0, clock=time, sleep=time.sleep)
    bot = await make_bot(api, limiter)
    await asyncio.gather(*(bot.send_message(7000, f"m{n}") for n in range(3)))
    moments = sorted(m.at for m in api.sent)
    assert all(later - earlier >= 1.0 for earlier, later in itertools.pairwise(moments))


async def test_a_429_halts_sending_for_its_retry_after_and_the_message_is_retried() -> None:
    time = VirtualTime()
    api = FakeBotApi(clock=time, flood={7000: 1}, retry_after=5)
    limiter = FloodLimiter(clock=time, sleep=time.sleep)
    bot = await make_bot(api, limiter)
    await bot.send_message(7000, "hello")
    assert [m.text for m in api.sent] == ["hello"]
    assert api.sent[0].at >= 5.0
    assert limiter.waited_for_429 == 5.0


async def test_requests_to_no_chat_are_not_counted() -> None:
    time = VirtualTime()
    limiter = FloodLimiter(overall=1, clock=time, sleep=time.sleep)
    bot = await make_bot(FakeBotApi(clock=time), limiter)
    for _ in range(5):
        await bot.get_me()
    assert time.now == 0.0


async def test_however_long_the_network_takes_the_server_never_sees_too_many() -> None:
    time = VirtualTime()

    class SlowApi(FakeBotApi):
        """The request travels 0-0.4 s to the server and the answer as long back."""

        async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> Any:
            travel = (len(self.sent) * 37 % 9) / 20
            await time.sleep(travel)
            answer = await super().do_request(url, method, *args, **kwargs)
            await time.sleep(0.4 - travel)
            return answer

    api = SlowApi(clock=time)
    limiter = FloodLimiter(overall=3, per_chat=1, window=1.0, clock=time, sleep=time.sleep)
    bot = await make_bot(api, limiter)
    await asyncio.gather(*(bot.send_message(7000 + n, f"m{n}") for n in range(30)))
    assert len(api.sent) == 30
    assert most_in_a_window([m.at for m in api.sent], 1.0) <= 3
