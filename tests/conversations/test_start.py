"""The first conversation: /start, the language choice, /help, in both languages."""

from __future__ import annotations

import pytest

from bot.context import Services
from bot.standin.running import StandInBot

WELCOME = {
    "zh_CN": (
        "王芳，您好！这里是“送暖”——工会送温暖活动的登记助手。\n\n"
        "我会一题一题地带您填写困难职工登记表，帮您预先看看是否可能符合本次活动的帮扶条件，"
        "并把登记交给本单位工会审核。\n\n"
        "关于个人信息：登记需要您的身份证号、银行卡号、联系电话、家庭收入和家庭成员情况。"
        "这些信息仅用于本次活动的资格审核和帮扶金发放，只有本单位及上级工会的工作人员可以查看，"
        "并加密保存。在填写第一项敏感信息前，我会再次征得您的同意。\n\n"
        "请选择语言："
    ),
    "en": (
        "Hello, 王芳! This is Songnuan, the union's Send Warmth registration assistant.\n\n"
        "I will take you through the hardship worker registration one question at a time, show "
        "whether the campaign's policy looks likely to cover you, and pass your registration to "
        "your unit's union officer.\n\n"
        "About your personal data: the registration asks for your resident ID, bank card, "
        "phone, household income and family members. They are used only for this campaign's "
        "review and the aid payment, seen only by the union officers of your unit and the "
        "levels above, and stored encrypted. I will ask for your consent again before the "
        "first sensitive question.\n\n"
        "Please choose your language:"
    ),
}
HELP = {
    "zh_CN": (
        "我可以帮您：\n"
        "/register：开始或继续登记\n"
        "/status：查看登记进度和活动截止时间\n"
        "/reminders：关闭或开启截止提醒\n"
        "/language：选择语言\n"
        "/cancel：暂停当前操作（已填写的内容会保留）\n"
        "/help：查看本说明"
    ),
    "en": (
        "What I can do:\n"
        "/register: start or continue your registration\n"
        "/status: your registration and the campaign's deadlines\n"
        "/reminders: turn deadline reminders off or on\n"
        "/language: choose the language\n"
        "/cancel: pause what you are doing (your answers are kept)\n"
        "/help: this message"
    ),
}
CHOSEN = {"zh_CN": "我将用中文与您交流。", "en": "I will speak English with you."}
LABEL = {"zh_CN": "中文", "en": "English"}
ANSWER = {"zh_CN": "语言：中文", "en": "Language: English"}
APP_LANGUAGE = {"zh_CN": "zh-hans", "en": "en"}


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_start_choose_language_then_help(standin: StandInBot, locale: str) -> None:
    """The welcome follows the phone's language; the choice is confirmed and remembered."""
    worker = standin.user(10001, "王芳", APP_LANGUAGE[locale])

    await worker.send("/start")
    assert worker.last.text == WELCOME[locale]
    assert worker.last.button_labels == [["中文", "English"]]

    await worker.press(LABEL[locale])
    assert worker.last_answer == {"text": ANSWER[locale], "show_alert": False}
    assert worker.bot_messages[-2].button_labels == []  # the choice is spent
    assert worker.last.text == f"{CHOSEN[locale]}\n\n{HELP[locale]}"

    await worker.send("/help")
    assert worker.last.text == HELP[locale]
    assert worker.last.button_labels == []


async def test_chosen_language_overrides_the_phone(standin: StandInBot) -> None:
    """A Chinese phone whose owner chose English is answered in English."""
    worker = standin.user(10001, "王芳", "zh-hans")
    await worker.send("/start")
    await worker.press("English")
    await worker.send("/language")
    assert worker.last.text == "Please choose your language:"
    assert worker.last.button_labels == [["中文", "English"]]
    await worker.press("中文")
    assert worker.last.text == f"{CHOSEN['zh_CN']}\n\n{HELP['zh_CN']}"


async def test_language_survives_a_restart(services: Services) -> None:
    """The choice lives in the database: a new application on it still speaks English."""
    async with StandInBot(services) as first:
        worker = first.user(10001, "王芳", "zh-hans")
        await worker.send("/start")
        await worker.press("English")
    # Telegram outlives the bot: the same stand-in, a new application on the same database.
    async with StandInBot(services, server=first.server) as second:
        worker = second.user(10001, "王芳", "zh-hans")
        await worker.send("/help")
        assert worker.last.text == HELP["en"]


async def test_unknown_invitation_code(standin: StandInBot) -> None:
    """A deep link with a code nobody issued is answered plainly and binds nothing."""
    stranger = standin.user(30001, "Li", "en")
    await stranger.send("/start NOSUCHCODE")
    assert stranger.texts == [
        "This invitation link is not valid. Please ask your union officer for a new one."
    ]


async def test_commands_are_published_per_language(standin: StandInBot) -> None:
    """The command menu exists in Chinese (also the default) and in English."""
    menus = standin.server.commands
    assert [c["command"] for c in menus[("default", "en")]] == [
        "register",
        "status",
        "reminders",
        "language",
        "cancel",
        "help",
    ]
    assert menus[("default", "en")][0]["description"] == "Start or continue the registration"
    assert menus[("default", "zh")][0]["description"] == "开始或继续登记"
    assert menus[("default", "")] == menus[("default", "zh")]
