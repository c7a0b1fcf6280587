"""A command the bot does not know is answered; the ones it knows are left to their handlers."""

from __future__ import annotations

import pytest

from bot.context import Services
from bot.standin.running import StandInBot
from tests.auxil.scenario import PROVINCE_OFFICER, UNIT_OFFICER, WORKER, seed

UNKNOWN = {
    "zh_CN": "没有 {command} 这个命令。发送 /help 查看我能做什么。",
    "en": "Unknown command {command}. Send /help to see what I can do.",
}
NOT_A_NAME = {
    "zh_CN": "我不认识这个命令。发送 /help 查看我能做什么。",
    "en": "I do not know this command. Send /help to see what I can do.",
}
COMMANDS = [
    "/start",
    "/start NOSUCHCODE",
    "/help",
    "/language",
    "/register",
    "/cancel",
    "/status",
    "/reminders",
    "/enter",
    "/queue",
    "/history 1",
    "/invite",
    "/export",
    "/stats",
    "/broadcast 明天放假",
    "/deadline",
    "/HELP@songnuan_bot",
]


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_an_unknown_command_points_to_help(standin: StandInBot, locale: str) -> None:
    worker = standin.user(WORKER, "张丽", "zh-hans" if locale == "zh_CN" else "en")
    await worker.send("/xyz")
    assert worker.last.text == UNKNOWN[locale].format(command="/xyz")
    await worker.send("/Reports@songnuan_bot this year")
    assert worker.last.text == UNKNOWN[locale].format(command="/Reports")
    for typed in ("/12345678901234567", "/地址", "/\u202eevil", "/"):
        await worker.send(typed)
        assert worker.last.text == NOT_A_NAME[locale], typed


async def test_known_commands_are_not_taken_for_unknown_ones(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    for telegram_id in (WORKER, UNIT_OFFICER, PROVINCE_OFFICER):
        person = standin.user(telegram_id, "张丽")
        for command in COMMANDS:
            mark = person.mark
            await person.send(command)
            answered = person.texts_after(mark)
            assert not any("/help 查看我能做什么" in text for text in answered), (
                telegram_id,
                command,
                answered,
            )
