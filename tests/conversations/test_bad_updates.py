"""One update nobody can store or read must never stop the bot for everyone else."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.context import Services
from bot.standin.running import StandInBot
from storage.crypto import Vault
from storage.repositories import updates
from tests.auxil.scenario import OTHER_WORKER, WORKER, seed

LONE_SURROGATE = "\ud800"
START_ANSWERED = "请选择语言："


async def test_a_lone_surrogate_is_stored_and_everyone_is_answered(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    sender = standin.user(WORKER, "张丽")
    other = standin.user(OTHER_WORKER, "王强")
    await sender.send(LONE_SURROGATE)
    await other.send("/start")
    assert other.last.text.endswith(START_ANSWERED)
    assert standin.server.pending_updates() == 0
    async with services.sessions() as session:
        assert await updates.pending(session, services.vault) == []

    await standin.stop()
    async with StandInBot(services, server=standin.server) as restarted:
        other = restarted.user(OTHER_WORKER, "王强")
        mark = other.mark
        await other.send("/start")
        assert other.texts_after(mark)[-1].endswith(START_ANSWERED)
        await restarted.user(WORKER, "张丽").send("/start")
        assert sender.last.text.endswith(START_ANSWERED)
    await standin.start()


async def test_an_update_that_cannot_be_stored_is_kept_as_rejected_and_acknowledged(
    services: Services, standin: StandInBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever fails to store one update (here: sealing as it failed before) holds no other."""
    await seed(services)
    sealing = Vault.seal_json

    def fails_on_surrogates(vault: Vault, value: Any, *, context: bytes = b"") -> bytes:
        if "\\ud800" in json.dumps(value):
            raise UnicodeEncodeError("utf-8", LONE_SURROGATE, 0, 1, "surrogates not allowed")
        return sealing(vault, value, context=context)

    monkeypatch.setattr(Vault, "seal_json", fails_on_surrogates)
    sender = standin.user(WORKER, "张丽")
    other = standin.user(OTHER_WORKER, "王强")
    # Both in one batch: the batch fails, each is stored on its own, the bad one is rejected.
    await standin.server.user_message(sender.chat, text=f"x{LONE_SURROGATE}")
    await other.send("/start")
    assert other.last.text.endswith(START_ANSWERED)
    assert sender.chat.visible()[-1].from_bot is False  # nothing answered the unreadable one
    assert standin.server.pending_updates() == 0
    async with services.sessions() as session:
        rejected = await updates.rejected(session)
        assert rejected == {standin.server.last_update_id - 1: "UnicodeEncodeError"}
        assert await updates.pending(session, services.vault) == []
