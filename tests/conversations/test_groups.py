"""The bot serves private chats only: in a group it answers once, with a pointer, and nothing
else, however many members write and whatever they send (also after a restart)."""

from __future__ import annotations

from typing import Final

import pytest
from sqlalchemy import func, select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.context import Services
from bot.standin.chats import Button
from bot.standin.running import StandInBot
from storage.models import Registration, User
from tests.auxil.scenario import OTHER_WORKER, WORKER, seed
from tests.conversations.registration import PHONE_LANGUAGE, RESIDENT_ID

POINTER: Final = {
    "en": (
        "I work only in private chats, so that what you tell me stays between you and your "
        "union. Please write to me there:"
    ),
    "zh_CN": "我只在私聊中工作，这样您告诉我的信息只有您和工会知道。请在私聊中给我发消息：",
}
OPEN: Final = {"en": "💬 Open a private chat with me", "zh_CN": "💬 打开与我的私聊"}
NOTICE: Final = {
    "en": "I work only in private chats: please write to me there.",
    "zh_CN": "我只在私聊中工作，请私聊我。",
}
LINK: Final = "https://t.me/songnuan_bot?start=from_group"


async def count(services: Services, model: type[Registration] | type[User]) -> int:
    async with services.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_a_group_gets_one_pointer_to_the_private_chat_and_nothing_else(
    services: Services, standin: StandInBot, locale: str
) -> None:
    await seed(services)
    users_before = await count(services, User)
    group = standin.group()
    worker = standin.user(WORKER, "张丽", PHONE_LANGUAGE[locale])
    stranger = standin.user(30001, "路人", PHONE_LANGUAGE[locale])

    await worker.send_in(group, "/register")
    shown = [message for message in group.visible() if message.from_bot]
    assert [message.text for message in shown] == [POINTER[locale]]
    assert shown[0].inline_keyboard == [[Button(OPEN[locale], url=LINK)]]

    # Nothing more: no question, no masked ID, no other member's command, no new account.
    for sender, text in (
        (worker, "张丽"),
        (worker, RESIDENT_ID),
        (stranger, "/start"),
        (stranger, "/help"),
        (worker, "/status"),
    ):
        await sender.send_in(group, text)
    assert [message.text for message in group.visible() if message.from_bot] == [POINTER[locale]]
    assert worker.bot_messages == [] and stranger.bot_messages == []
    assert await count(services, Registration) == 0
    assert await count(services, User) == users_before

    # A button on a message the bot left in the group earlier: a short notice, nothing else.
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("✅", callback_data="r:1:ok")]])
    await standin.application.bot.send_message(group.chat_id, "…", reply_markup=markup)
    await worker.press_in(group, "✅")
    assert worker.last_answer == {"text": NOTICE[locale], "show_alert": False}
    assert len([message for message in group.visible() if message.from_bot]) == 2

    # The pointer opens the private chat with a plain greeting.
    await worker.send("/start from_group")
    assert worker.last.text.startswith("Hello, 张丽!" if locale == "en" else "张丽，您好！")


async def test_a_group_is_answered_once_across_restarts(services: Services) -> None:
    async with StandInBot(services) as first:
        group = first.group(-100123, "职工群")
        await first.user(WORKER, "张丽", "en").send_in(group, "/start")
    async with StandInBot(services, server=first.server) as second:
        await second.user(OTHER_WORKER, "王强", "en").send_in(group, "/register")
    assert [message.text for message in group.visible() if message.from_bot] == [POINTER["en"]]


async def test_a_supergroup_is_served_alike(services: Services, standin: StandInBot) -> None:
    group = standin.server.open_group(-1009876543210, "工会", kind="supergroup")
    await standin.user(WORKER, "张丽", "en").send_in(group, "/register")
    assert [message.text for message in group.visible() if message.from_bot] == [POINTER["en"]]
