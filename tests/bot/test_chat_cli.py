"""``songnuan chat`` in a terminal: typed lines in, the chat as a phone shows it out."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import partial
from pathlib import Path

from bot.cli.chat import save_received
from bot.standin.cast import Cast
from bot.standin.chats import Chat, ChatMessage
from bot.standin.running import StandInBot
from bot.standin.server import BotApiStandIn
from bot.standin.terminal import ChatScreen
from tests.conftest import TEST_KEY


def chat(data_dir: Path, lines: list[str], *options: str) -> str:
    """Run ``songnuan chat`` with ``lines`` typed in; what the terminal showed."""
    environment = {
        **os.environ,
        "SONGNUAN_DATA_DIR": str(data_dir),
        "SONGNUAN_SECRET_KEY": TEST_KEY,
    }
    environment.pop("SONGNUAN_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat", *options],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_chat_answers_start_and_changes_language(tmp_path: Path) -> None:
    shown = chat(tmp_path, ["/start", "#2", "/help", ":quit"])
    assert "An empty database: a demo unit, campaign, worker and officer were created." in shown
    assert "│ 请选择语言：\n│\n│ [#1 中文]  [#2 English]\n└" in shown
    assert "  ⓘ Language: English\n┌ 送暖\n│ I will speak English with you." in shown
    assert shown.count("│ /register: start or continue your registration") == 2


def test_chat_remembers_across_runs(tmp_path: Path) -> None:
    chat(tmp_path, ["/start", "English"])
    shown = chat(tmp_path, ["/help"])
    assert "An empty database" not in shown
    assert "│ What I can do:" in shown


def test_chat_as_officer_in_english(tmp_path: Path) -> None:
    shown = chat(tmp_path, ["/start"], "--as", "officer", "--language", "en")
    assert "you are the demo officer" in shown
    assert "│ Hello, 李明! This is Songnuan" in shown
    hint = "│ As a union officer: /queue shows the records waiting for you; /help lists all."
    assert hint in shown


def test_chat_explains_a_wrong_button_number(tmp_path: Path) -> None:
    shown = chat(tmp_path, ["/start", "#7"])
    assert "  (no button #7; the buttons are: #1 中文   #2 English)" in shown


def test_a_file_the_bot_sends_is_saved_where_the_chat_says(tmp_path: Path) -> None:
    server = BotApiStandIn()
    table = server.store_file(b"PK xlsx", "示范单位工会-登记表.xlsx", "application/vnd.ms-excel")
    other = server.store_file(b"PK other", "示范单位工会-登记表.xlsx", "application/vnd.ms-excel")
    chat = Chat(1, "李明", "zh-hans")
    for stored in (table, other, table):
        chat.add(
            ChatMessage(
                chat.take_message_id(),
                from_bot=True,
                date=0,
                document={"file_id": stored.file_id, "file_name": stored.file_name},
            )
        )
    screen = ChatScreen(chat, "送暖", partial(save_received, server, tmp_path / "received"))
    drawn = screen.changes()
    first, second = (
        tmp_path / "received" / "示范单位工会-登记表.xlsx",
        tmp_path / "received" / "示范单位工会-登记表 (2).xlsx",
    )
    assert f"│ 📄 示范单位工会-登记表.xlsx  → {first}" in drawn
    assert f"│ 📄 示范单位工会-登记表.xlsx  → {second}" in drawn
    assert drawn.count(f"→ {first}") == 2  # the same file again is not saved twice
    assert first.read_bytes() == b"PK xlsx" and second.read_bytes() == b"PK other"


def test_chat_plays_several_people_each_in_their_own_chat(tmp_path: Path) -> None:
    lines = [
        ":as 赵敏 department",
        "/start",
        ":who",
        ":as 王芳",
        "/start",
        ":as 赵敏",
        ":as 钱",
        ":who",
    ]
    shown = chat(tmp_path, lines)
    assert "  (赵敏 is new: department_officer of 示范厅局工会)\n── you are 赵敏 now" in shown
    assert "│ 赵敏，您好！" in shown
    assert "    王芳  [10001]\n    李明  [20001]\n  ▶ 赵敏  [30001]\n" in shown
    # Back to 赵敏: her chat is drawn again from where she left it, nothing new in it.
    assert "── you are 赵敏 now\n> " in shown
    assert "  (钱 is new to the bot: /start with an invitation link's code)" in shown
    assert "  ▶ 钱  [30002]" in shown
    # The next run knows 赵敏 by the name she is stored under.
    again = chat(tmp_path, [":who"])
    assert "    赵敏  [30001]" in again


async def test_a_notice_to_someone_not_played_is_kept_and_shown_as_unread(
    standin: StandInBot,
) -> None:
    cast = Cast(standin.server, standin.settle, "送暖", "zh-hans")
    cast.meet("王芳", 10001)
    cast.meet_all([("李明", 20001), ("王芳", 10001)])
    cast.switch("王芳")
    bot = standin.application.bot
    await bot.send_message(20001, "有 1 份登记等待您审核。")
    await bot.send_message(20001, "又有 1 份。")

    assert cast.arrivals_elsewhere() == ["  ✉ 李明: 2 unread (:as 李明)"]
    assert cast.arrivals_elsewhere() == []  # said once
    assert "    李明  [20001]  (2 unread)" in cast.who()
    officer = cast.switch("李明")
    assert officer.unread() == 2
    drawn = officer.screen.changes()
    assert "│ 有 1 份登记等待您审核。" in drawn and "│ 又有 1 份。" in drawn
    assert officer.unread() == 0
