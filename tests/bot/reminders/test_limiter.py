"""The flood limiter: the stand-in, counting as Telegram does, never sees too many; 429s waited
out."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.reminders import FloodLimiter
from bot.standin import BotApiStandIn, StandInRequest, TelegramLimits
from tests.bot.reminders.world import bot_on


class VirtualTime:
    """A clock that moves only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)
        await asyncio.sleep(0)


def telegram(time: VirtualTime, overall: int, per_chat: int = 1) -> BotApiStandIn:
    """The stand-in enforcing these limits on the virtual clock, with chats 7000 to 7029."""
    server = BotApiStandIn(limits=TelegramLimits(overall, per_chat, clock=time))
    for n in range(30):
        server.open_chat(7000 + n, f"w{n}")
    return server


def sent(server: BotApiStandIn) -> list[str]:
    """Every text the bot sent, chat by chat."""
    return [text for chat in server.chats.values() for text in chat.bot_texts()]


async def test_no_window_holds_more_than_the_overall_limit() -> None:
    time = VirtualTime()
    server = telegram(time, overall=3)
    limiter = FloodLimiter(overall=3, per_chat=1, window=1.0, clock=time, sleep=time.sleep)
    bot = await bot_on(server, limiter)
    await asyncio.gather(*(bot.send_message(7000 + n, f"m{n}") for n in range(10)))
    assert len(sent(server)) == 10
    assert server.limits is not None and server.limits.refused == 0
    assert time.now >= 3.0  # ten at three a second: the limiter did hold some back


async def test_one_chat_gets_at_most_one_message_a_window() -> None:
    time = VirtualTime()
    server = telegram(time, overall=30, per_chat=1)
    limiter = FloodLimiter(overall=30, per_chat=1, window=1.0, clock=time, sleep=time.sleep)
    bot = await bot_on(server, limiter)
    await asyncio.gather(*(bot.send_message(7000, f"m{n}") for n in range(3)))
    assert sorted(server.chats[7000].bot_texts()) == ["m0", "m1", "m2"]
    assert server.limits is not None and server.limits.refused == 0
    assert time.now >= 2.0


async def test_a_429_halts_sending_for_its_retry_after_and_the_message_is_retried() -> None:
    time = VirtualTime()
    server = telegram(time, overall=30)
    server.chats[7000].throttle(1, retry_after=5)
    limiter = FloodLimiter(clock=time, sleep=time.sleep)
    bot = await bot_on(server, limiter)
    await bot.send_message(7000, "hello")
    assert server.chats[7000].bot_texts() == ["hello"]
    assert time.now >= 5.0
    assert limiter.waited_for_429 == 5.0


async def test_requests_to_no_chat_are_not_counted() -> None:
    time = VirtualTime()
    limiter = FloodLimiter(overall=1, clock=time, sleep=time.sleep)
    bot = await bot_on(telegram(time, overall=1), limiter)
    for _ in range(5):
        await bot.get_me()
    assert time.now == 0.0


async def test_however_long_the_network_takes_the_server_never_sees_too_many() -> None:
    time = VirtualTime()

    class SlowNetwork(StandInRequest):
        """The request travels 0-0.4 s to the server and the answer as long back."""

        async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
            travel = (len(sent(self.server)) * 37 % 9) / 20
            await time.sleep(travel)
            answer = await super().do_request(*args, **kwargs)
            await time.sleep(0.4 - travel)
            return answer

    server = telegram(time, overall=3)
    limiter = FloodLimiter(overall=3, per_chat=1, window=1.0, clock=time, sleep=time.sleep)
    bot = await bot_on(server, limiter, request=SlowNetwork(server))
    await asyncio.gather(*(bot.send_message(7000 + n, f"m{n}") for n in range(30)))
    assert len(sent(server)) == 30
    assert server.limits is not None and server.limits.refused == 0
