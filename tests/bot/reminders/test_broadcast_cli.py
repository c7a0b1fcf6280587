"""``songnuan broadcast``: preview, confirmation, sending, resuming and the list."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
from telegram import Bot

from bot.cli import broadcast as broadcast_cli
from bot.cli import main
from bot.reminders import SENDING_LEASE
from bot.settings import Settings, load_settings
from bot.standin import BotApiStandIn
from storage.database import create_engine, session_factory, writing
from storage.models import Lease
from tests.bot.reminders.world import bot_on, build_world
from tests.conftest import TEST_KEY
from tests.flows.reminders.times import at


@pytest.fixture
def api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> BotApiStandIn:
    """An installation with two workers of u1 and one of u3; the bot talks to the stand-in."""
    monkeypatch.setenv("SONGNUAN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SONGNUAN_SECRET_KEY", TEST_KEY)
    monkeypatch.setenv("SONGNUAN_BOT_TOKEN", "123456:TEST-TOKEN")
    monkeypatch.delenv("SONGNUAN_DATABASE_URL", raising=False)
    settings = load_settings()

    async def seed(settings: Settings) -> BotApiStandIn:
        engine = create_engine(settings.effective_database_url)
        world = await build_world(engine, settings, at(12, 20))
        await world.person("w1", "worker", "u1", locale="zh_CN")
        await world.person("w2", "worker", "u1", locale="en")
        await world.person("w3", "worker", "u3")
        await engine.dispose()
        return world.server

    server = asyncio.run(seed(settings))

    async def stand_in_bot(_settings: Settings) -> Bot:
        return await bot_on(server)

    monkeypatch.setattr(broadcast_cli, "make_bot", stand_in_bot)
    return server


def reached(server: BotApiStandIn) -> list[int]:
    """The chats the bot wrote to, once for each message."""
    return sorted(chat.chat_id for chat in server.chats.values() for _ in chat.bot_texts())


def answer(monkeypatch: pytest.MonkeyPatch, reply: str) -> None:
    monkeypatch.setattr("builtins.input", lambda _prompt: reply)


def test_a_broadcast_is_previewed_confirmed_and_sent(
    api: BotApiStandIn, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answer(monkeypatch, "y")
    status = main(["broadcast", "--scope", "unit:u1", "--text", "周五发放慰问金"])
    shown = capsys.readouterr().out
    assert status == 0, shown
    assert "Broadcast to the workers of unit:u1: 2 recipients (en 1, zh_CN 1)." in shown
    assert "  │ 📢 工会通知：\n  │ \n  │ 周五发放慰问金" in shown
    assert "Broadcast #1: sent 2 now; blocked 0, failed 0." in shown
    assert reached(api) == [1001, 1002]


def test_without_confirmation_nothing_is_recorded(
    api: BotApiStandIn, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answer(monkeypatch, "n")
    assert main(["broadcast", "--scope", "all", "--text", "hi"]) == 1
    assert "Cancelled: nothing was recorded or sent." in capsys.readouterr().out
    assert main(["broadcast", "--list"]) == 0
    assert capsys.readouterr().out == ""
    assert reached(api) == []


def test_a_queued_broadcast_is_sent_by_resume_once(
    api: BotApiStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["broadcast", "--scope", "all", "--text", "hi", "--yes", "--queue"]) == 0
    assert "The running bot sends it within a minute." in capsys.readouterr().out
    assert main(["broadcast", "--list"]) == 0
    assert "#1" in (listed := capsys.readouterr().out) and "unfinished  pending 3" in listed
    assert main(["broadcast", "--resume", "1"]) == 0
    assert main(["broadcast", "--resume", "1"]) == 0
    assert reached(api) == [1001, 1002, 1003]
    main(["broadcast", "--list"])
    assert "finished  sent 3" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        (["--scope", "unit:u1"], "give --scope and --text"),
        (["--scope", "city:x", "--text", "hi"], "expected unit:CODE, department:CODE or all"),
        (["--scope", "unit:nope", "--text", "hi"], "no unit with code 'nope'"),
        (["--resume", "9"], "no broadcast #9"),
    ],
)
def test_mistakes_are_one_line_with_status_2(
    api: BotApiStandIn, capsys: pytest.CaptureFixture[str], arguments: list[str], problem: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["broadcast", *arguments])
    assert exit_.value.code == 2
    assert problem in capsys.readouterr().err


def test_resume_while_another_process_sends_says_so_and_sends_nothing(
    api: BotApiStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["broadcast", "--scope", "all", "--text", "hi", "--yes", "--queue"]) == 0
    capsys.readouterr()
    until = dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC)  # the running bot's turn

    async def bot_is_sending() -> None:
        engine = create_engine(load_settings().effective_database_url)
        async with writing(session_factory(engine)) as session:
            session.add(Lease(name=SENDING_LEASE, holder="bot-host:4242:ab12", expires_at=until))
        await engine.dispose()

    asyncio.run(bot_is_sending())
    assert main(["broadcast", "--resume", "1"]) == 3
    assert capsys.readouterr().out == (
        "Broadcast #1 not sent from here: another process (bot-host:4242:ab12) is sending "
        "(if it died, its turn runs out at 20:00:00); the running bot sends what is left, or "
        "`songnuan broadcast --resume 1` later.\n"
    )
    assert reached(api) == []
