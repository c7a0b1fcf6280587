"""Replies cut off by a crash are sent at the next start; replies made are never made again.

The crash is the bot dying while Telegram has not yet answered its reply: here the stand-in
holds the reply's call and the bot's tasks are abandoned, as a killed process's would be.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.context import Services
from bot.outbox import Outbox, send_message
from bot.standin import BotApiStandIn, SimulatedUser
from bot.standin.running import StandInBot
from storage.models import OutboundCall, Registration
from storage.repositories import outbox as stored
from storage.repositories import registrations
from tests.auxil.scenario import WORKER, seed

Method = Callable[[dict[str, Any], dict[str, Any]], Awaitable[Any]]

CONSENT = "在回答下一题之前，需要您同意我们处理您的敏感个人信息"


def hold_next(server: BotApiStandIn, method: str) -> asyncio.Event:
    """Make the next ``method`` call hang, as a reply does when the bot dies during it."""
    real: Method = server._methods[method]
    arrived = asyncio.Event()

    async def never_answered(parameters: dict[str, Any], files: dict[str, Any]) -> Any:
        server._methods[method] = real
        arrived.set()
        await asyncio.Event().wait()  # the process is gone before Telegram answers

    server._methods[method] = never_answered
    return arrived


async def dies_answering(bot: StandInBot, worker: SimulatedUser, text: str) -> None:
    """``worker`` sends ``text``; the bot dies with the reply in flight, its tasks never to run
    again (what is left of it, the job queue, is stopped)."""
    held = hold_next(bot.server, "sendMessage")
    dying = asyncio.ensure_future(worker.send(text))
    await asyncio.wait_for(held.wait(), 10)
    dying.cancel()
    for task in list(bot.dispatcher._workers):
        task.cancel()
    await asyncio.gather(dying, *bot.dispatcher._workers, return_exceptions=True)
    await bot.application.stop()


async def unconfirmed(services: Services) -> int:
    async with services.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(OutboundCall).where(OutboundCall.sent_at.is_(None))
        )
    return int(count or 0)


async def test_a_reply_cut_off_by_a_crash_is_sent_at_the_next_start(services: Services) -> None:
    await seed(services)
    server = BotApiStandIn()
    first = StandInBot(services, server)
    await first.start()
    worker = first.user(WORKER)
    await worker.send("/register")
    assert "第 1 题" in worker.last.text

    await dies_answering(first, worker, "张丽")
    assert CONSENT not in worker.last.text
    assert await unconfirmed(services) == 1

    # The answer was acknowledged, so it is stored; the reply waits in the outbox.
    async with services.sessions() as session:
        (draft,) = (await session.scalars(select(Registration))).all()
        assert registrations.open_state(services.vault, draft).answers["name"] == "张丽"

    second = StandInBot(services, server)
    await second.start()
    try:
        assert worker.last.text.startswith(CONSENT)
        assert sum(CONSENT in text for text in worker.texts) == 1
        assert await unconfirmed(services) == 0
        # Nothing is made twice: a third start sends nothing more.
        third = StandInBot(services, server)
        shown = len(worker.bot_messages)
        await third.start()
        await third.stop()
        assert len(worker.bot_messages) == shown
    finally:
        await second.stop()


async def test_replies_made_are_confirmed_and_not_kept(standin: StandInBot) -> None:
    await seed(standin.services)
    worker = standin.user(WORKER)
    await worker.send("/register")
    await worker.send("张丽")
    assert worker.last.text.startswith(CONSENT)
    async with standin.services.sessions() as session:
        calls = (await session.scalars(select(OutboundCall))).all()
    assert calls and all(call.sent_at is not None for call in calls)
    # What was said is the person's business once it reached them: no copy is kept.
    assert all(call.sealed_calls is None for call in calls)
    assert all(call.made >= 1 for call in calls)


async def test_a_start_killed_while_it_makes_the_replies_leaves_them_to_the_next(
    services: Services,
) -> None:
    await seed(services)
    server = BotApiStandIn()
    first = StandInBot(services, server)
    await first.start()
    worker = first.user(WORKER)
    await worker.send("/register")
    await dies_answering(first, worker, "张丽")

    # The next start claims the reply and dies too, while making it.
    held = hold_next(server, "sendMessage")
    second = StandInBot(services, server)
    starting = asyncio.ensure_future(second.start())
    await asyncio.wait_for(held.wait(), 10)
    starting.cancel()
    await asyncio.gather(starting, return_exceptions=True)
    await second.application.stop()
    assert CONSENT not in worker.last.text

    # The one after it does not wait for the dead one's claim to run out.
    third = StandInBot(services, server)
    await third.start()
    try:
        assert worker.last.text.startswith(CONSENT)
        assert await unconfirmed(services) == 0
    finally:
        await third.stop()


def slow_confirmations(monkeypatch: pytest.MonkeyPatch) -> tuple[asyncio.Event, asyncio.Event]:
    """Make writing confirmations wait: (its write has begun, let it go on)."""
    real = stored.confirm
    begun, go_on = asyncio.Event(), asyncio.Event()

    async def slow(*args: Any) -> None:
        begun.set()
        await go_on.wait()
        await real(*args)

    monkeypatch.setattr(stored, "confirm", slow)
    return begun, go_on


async def test_a_flush_while_confirmations_are_being_written_loses_none(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stop (and the redelivery job) flushes while the confirmations gathered a moment
    # ago may be on their way to the database: they must arrive, or the reply stays
    # unconfirmed and is made once more.
    outbox = Outbox(services.sessions, services.vault)
    ident = await outbox.store(None, [send_message(1, "你好")])
    begun, go_on = slow_confirmations(monkeypatch)
    outbox.confirm_soon(stored.Confirmation(ident, 1, True, 7))
    await asyncio.wait_for(begun.wait(), 5)

    stopping = asyncio.ensure_future(outbox.flush())
    await asyncio.sleep(0.05)
    assert not stopping.done()  # it waits for the write under way
    go_on.set()
    await asyncio.wait_for(stopping, 5)
    assert await unconfirmed(services) == 0


async def test_confirmations_a_failed_write_took_are_written_by_the_next_flush(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    outbox = Outbox(services.sessions, services.vault)
    ident = await outbox.store(None, [send_message(1, "你好")])
    real = stored.confirm

    async def fails(*args: Any) -> None:
        raise ConnectionError("the database is away")

    monkeypatch.setattr(stored, "confirm", fails)
    outbox.confirm_soon(stored.Confirmation(ident, 1, True, 7))
    with pytest.raises(ConnectionError):
        await outbox.flush()
    monkeypatch.setattr(stored, "confirm", real)
    await outbox.flush()
    assert await unconfirmed(services) == 0
