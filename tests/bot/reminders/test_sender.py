"""Sending one person their messages through PTB's Bot: 429 waited out, 403 final."""

from __future__ import annotations

import pytest

from bot.reminders import Outcome, deliver
from flows.reminders import Button, Outgoing
from tests.bot.reminders.fake_api import FakeBotApi, make_bot

CHAT = 5001
REMINDER = Outgoing(("⏰ reminder",), Button("Continue", "r:resume"))


class Sleeps:
    """Records the waits instead of waiting."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


async def test_a_message_goes_out_with_its_button() -> None:
    api = FakeBotApi()
    assert await deliver(await make_bot(api), CHAT, REMINDER) is Outcome.SENT
    (sent,) = api.sent
    assert (sent.chat_id, sent.text) == (CHAT, "⏰ reminder")
    assert sent.reply_markup == {
        "inline_keyboard": [[{"text": "Continue", "callback_data": "r:resume"}]]
    }


async def test_a_429_is_waited_out_for_its_retry_after_and_retried() -> None:
    api, sleeps = FakeBotApi(flood={CHAT: 2}, retry_after=3), Sleeps()
    assert await deliver(await make_bot(api), CHAT, REMINDER, sleep=sleeps) is Outcome.SENT
    assert sleeps.seconds == [3.0, 3.0]
    assert len(api.sent) == 1


async def test_a_429_that_persists_is_left_for_a_later_run() -> None:
    api, sleeps = FakeBotApi(flood={CHAT: 10}), Sleeps()
    outcome = await deliver(await make_bot(api), CHAT, REMINDER, sleep=sleeps, max_retries=2)
    assert outcome is Outcome.LATER
    assert len(sleeps.seconds) == 2 and api.sent == []


@pytest.mark.parametrize(
    ("api", "outcome"),
    [
        (FakeBotApi(blocked={CHAT}), Outcome.BLOCKED),
        (FakeBotApi(failing={CHAT}), Outcome.FAILED),
    ],
)
async def test_a_block_or_a_refusal_is_not_retried(api: FakeBotApi, outcome: Outcome) -> None:
    sleeps = Sleeps()
    assert await deliver(await make_bot(api), CHAT, REMINDER, sleep=sleeps) is outcome
    assert sleeps.seconds == [] and api.sent == []


async def test_a_long_message_sends_its_parts_in_order_with_the_button_last() -> None:
    api = FakeBotApi()
    outgoing = Outgoing(("part 1", "part 2"), Button("Continue", "r:resume"))
    assert await deliver(await make_bot(api), CHAT, outgoing) is Outcome.SENT
    assert [m.text for m in api.sent] == ["part 1", "part 2"]
    assert [m.reply_markup is None for m in api.sent] == [True, False]


async def test_once_a_part_left_a_later_failure_is_not_retried_later() -> None:
    class FloodAfterFirst(FakeBotApi):
        async def do_request(self, url, method, request_data=None, *args, **kwargs):  # type: ignore[no-untyped-def]
            if self.sent:
                self.flood[CHAT] = 99
            return await super().do_request(url, method, request_data, *args, **kwargs)

    api, sleeps = FloodAfterFirst(), Sleeps()
    outgoing = Outgoing(("part 1", "part 2"))
    outcome = await deliver(await make_bot(api), CHAT, outgoing, sleep=sleeps, max_retries=1)
    assert outcome is Outcome.FAILED  # a retry would send part 1 again
    assert [m.text for m in api.sent] == ["part 1"]
