"""``songnuan run`` against a Bot API server on 127.0.0.1: the stand-in behind a real port."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from bot.standin import BotApiStandIn, SimulatedUser
from tests.auxil.http_standin import HttpStandIn
from tests.auxil.processes import environment_for


async def wait_for_answer(user: SimulatedUser, count: int, seconds: float = 30) -> None:
    """Wait until the bot has written ``count`` messages to the user."""
    for _ in range(int(seconds * 10)):
        if len(user.bot_messages) >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"the bot wrote {user.texts} within {seconds} s")


async def test_run_answers_start_through_a_local_bot_api_server(tmp_path: Path) -> None:
    server = BotApiStandIn()
    http = HttpStandIn(server)
    port = await http.start()
    environment = environment_for(port, tmp_path)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        env=environment,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        worker = SimulatedUser(server, 10001, "Fang", "en")
        await server.user_message(worker.chat, text="/start")
        await wait_for_answer(worker, 1)
        assert worker.last.text.startswith("Hello, Fang! This is Songnuan")
        assert worker.last.button_labels == [["中文", "English"]]
        await worker.press("中文")
        await wait_for_answer(worker, 2)
        assert worker.last.text.startswith("我将用中文与您交流。")
        assert server.commands[("default", "en")][0]["command"] == "register"
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
        await http.stop()
    assert process.returncode == 0, stderr.decode()
    assert b"LOCAL-TOKEN" not in stderr  # the token never reaches the log
