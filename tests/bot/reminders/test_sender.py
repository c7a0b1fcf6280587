"""Sending one person their messages through PTB's Bot: 429 waited out, 403 final."""

from __future__ import annotations

from typing import Any

from bot.reminders import Outcome, deliver
from bot.standin import BotApiStandIn, Button, StandInRequest
from flows.reminders import Button as ReminderButton
from flows.reminders import Outgoing
from tests.bot.reminders.world import bot_on

CHAT = 5001
REMINDER = Outgoing(("⏰ reminder",), ReminderButton("Continue", "r:resume"))


class Sleeps:
    """Records the waits instead of waiting."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


def telegram() -> BotApiStandIn:
    """The stand-in, where the person has a chat with the bot."""
    server = BotApiStandIn()
    server.open_chat(CHAT, "张丽")
    return server


async def test_a_message_goes_out_with_its_button() -> None:
    server = telegram()
    assert await deliver(await bot_on(server), CHAT, REMINDER) is Outcome.SENT
    (sent,) = server.chats[CHAT].messages
    assert (sent.from_bot, sent.text) == (True, "⏰ reminder")
    assert sent.inline_keyboard == [[Button("Continue", callback_data="r:resume")]]


async def test_a_429_is_waited_out_for_its_retry_after_and_retried() -> None:
    server, sleeps = telegram(), Sleeps()
    server.chats[CHAT].throttle(2, retry_after=3)
    assert await deliver(await bot_on(server), CHAT, REMINDER, sleep=sleeps) is Outcome.SENT
    assert sleeps.seconds == [3.0, 3.0]
    assert server.chats[CHAT].bot_texts() == ["⏰ reminder"]


async def test_a_429_that_persists_is_left_for_a_later_run() -> None:
    server, sleeps = telegram(), Sleeps()
    server.chats[CHAT].throttle(10)
    bot = await bot_on(server)
    outcome = await deliver(bot, CHAT, REMINDER, sleep=sleeps, max_retries=2)
    assert outcome is Outcome.LATER
    assert len(sleeps.seconds) == 2 and server.chats[CHAT].bot_texts() == []


async def test_someone_who_blocked_the_bot_is_not_retried() -> None:
    server, sleeps = telegram(), Sleeps()
    server.chats[CHAT].blocked_bot = True
    assert await deliver(await bot_on(server), CHAT, REMINDER, sleep=sleeps) is Outcome.BLOCKED
    assert sleeps.seconds == [] and server.chats[CHAT].refused == 1


async def test_a_chat_telegram_does_not_know_fails_and_is_not_retried() -> None:
    server, sleeps = BotApiStandIn(), Sleeps()  # the person never wrote to the bot
    assert await deliver(await bot_on(server), CHAT, REMINDER, sleep=sleeps) is Outcome.FAILED
    assert sleeps.seconds == [] and server.calls.count("sendMessage") == 1


async def test_a_long_message_sends_its_parts_in_order_with_the_button_last() -> None:
    server = telegram()
    outgoing = Outgoing(("part 1", "part 2"), ReminderButton("Continue", "r:resume"))
    assert await deliver(await bot_on(server), CHAT, outgoing) is Outcome.SENT
    messages = server.chats[CHAT].messages
    assert [m.text for m in messages] == ["part 1", "part 2"]
    assert [m.inline_keyboard == [] for m in messages] == [True, False]


async def test_once_a_part_left_a_later_failure_is_not_retried_later() -> None:
    class FloodAfterFirst(StandInRequest):
        async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
            chat = self.server.chats[CHAT]
            if chat.messages:
                chat.throttle(99)
            return await super().do_request(*args, **kwargs)

    server, sleeps = telegram(), Sleeps()
    bot = await bot_on(server, request=FloodAfterFirst(server))
    outgoing = Outgoing(("part 1", "part 2"))
    outcome = await deliver(bot, CHAT, outgoing, sleep=sleeps, max_retries=1)
    assert outcome is Outcome.FAILED  # a retry would send part 1 again
    assert server.chats[CHAT].bot_texts() == ["part 1"]
