"""The stand-in answers like Telegram: what it accepts, what it refuses and how."""

from __future__ import annotations

import datetime as dt

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.standin import BotApiStandIn, StandInRequest, TelegramLimits


class FakeTime:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def server() -> BotApiStandIn:
    stand_in = BotApiStandIn()
    stand_in.open_chat(10001, "王芳", "zh-hans")
    return stand_in


@pytest.fixture
async def bot(server: BotApiStandIn) -> Bot:
    request = StandInRequest(server)
    async with Bot("1:T", request=request, get_updates_request=request) as running:
        yield running  # type: ignore[misc]


async def test_get_me(bot: Bot) -> None:
    assert bot.username == "songnuan_bot"


async def test_text_limit_is_4096_characters(bot: Bot, server: BotApiStandIn) -> None:
    await bot.send_message(10001, "字" * 4096)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(10001, "字" * 4097)
    assert len(server.chats[10001].messages) == 1


async def test_empty_text_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(10001, "   ")


async def test_unknown_chat_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(99999, "hello")


async def test_callback_data_at_most_64_bytes(bot: Bot) -> None:
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="x" * 64)]])
    await bot.send_message(10001, "fits", reply_markup=ok)
    # 22 Chinese characters are 66 bytes in UTF-8.
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="字" * 22)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(10001, "does not fit", reply_markup=too_long)


async def test_edit_keeps_the_message_and_refuses_no_change(
    bot: Bot, server: BotApiStandIn
) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("是", callback_data="y")]])
    sent = await bot.send_message(10001, "问题", reply_markup=markup)
    await bot.edit_message_text("问题（已回答）", chat_id=10001, message_id=sent.message_id)
    shown = server.chats[10001].find(sent.message_id)
    assert shown is not None and shown.text == "问题（已回答）" and shown.buttons == []
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("问题（已回答）", chat_id=10001, message_id=sent.message_id)


async def test_html_is_checked_and_shown_as_text(bot: Bot, server: BotApiStandIn) -> None:
    await bot.send_message(10001, "<b>第 1 题</b> 姓名", parse_mode="HTML")
    assert server.chats[10001].messages[-1].text == "第 1 题 姓名"
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(10001, "<b>未闭合", parse_mode="HTML")


async def test_delete_then_edit_fails(bot: Bot) -> None:
    sent = await bot.send_message(10001, "x")
    assert await bot.delete_message(10001, sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("y", chat_id=10001, message_id=sent.message_id)


async def test_documents_round_trip(bot: Bot) -> None:
    sent = await bot.send_document(10001, b"PK\x03\x04table", filename="汇总表.xlsx")
    assert sent.document is not None and sent.document.file_name == "汇总表.xlsx"
    file = await bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"PK\x03\x04table"


async def test_photo_round_trip(bot: Bot) -> None:
    sent = await bot.send_photo(10001, b"\x89PNG chart", caption="统计")
    file = await bot.get_file(sent.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == b"\x89PNG chart"
    assert sent.caption == "统计"


async def test_blocked_user_is_403(bot: Bot, server: BotApiStandIn) -> None:
    server.chats[10001].blocked_bot = True
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(10001, "hello")


async def test_a_throttled_chat_answers_429_as_often_as_told(
    bot: Bot, server: BotApiStandIn
) -> None:
    chat = server.chats[10001]
    chat.throttle(2, retry_after=7)
    for _ in range(2):
        with pytest.raises(RetryAfter) as refused:
            await bot.send_message(10001, "hello")
        assert refused.value.retry_after == dt.timedelta(seconds=7)
    await bot.send_message(10001, "hello")
    assert (chat.bot_texts(), chat.refused) == (["hello"], 2)


async def test_limits_answer_429_with_retry_after(server: BotApiStandIn) -> None:
    time = FakeTime()
    server.limits = TelegramLimits(overall_per_second=30, per_chat_per_second=1, clock=time)
    for user_id in range(20001, 20040):
        server.open_chat(user_id, "x")
    request = StandInRequest(server)
    async with Bot("1:T", request=request) as bot:
        await bot.send_message(10001, "first")
        with pytest.raises(RetryAfter) as refused:
            await bot.send_message(10001, "second in the same second")
        assert refused.value.retry_after == dt.timedelta(seconds=1)
        for user_id in range(20001, 20030):
            await bot.send_message(user_id, "one each")
        with pytest.raises(RetryAfter):
            await bot.send_message(20031, "the 31st this second")
        time.now = 1.0
        await bot.send_message(20031, "a second later")
    assert server.limits.refused == 2


async def test_unknown_method_is_404(server: BotApiStandIn) -> None:
    status, body = await server.call("sendDice", {"chat_id": 10001})
    assert status == 404 and body["description"] == "Not Found: method not found"


async def test_commands_are_validated(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("Register", "大写不行")])


async def test_a_group_message_comes_as_telegram_sends_it(bot: Bot, server: BotApiStandIn) -> None:
    """A group has a negative id and a title; the member who writes is the sender."""
    group = server.open_group(-1001, "职工群")
    member = server.chats[10001]
    await server.user_message(group, sender=member, text="/register")
    (update,) = await bot.get_updates()
    assert update.message is not None
    assert update.message.chat.to_dict() == {"id": -1001, "type": "group", "title": "职工群"}
    assert update.message.from_user is not None and update.message.from_user.id == 10001
    sent = await bot.send_message(-1001, "…")
    assert sent.chat.type == "group" and group.visible()[-1].text == "…"
    with pytest.raises(ValueError):
        server.open_group(5, "not a group")
