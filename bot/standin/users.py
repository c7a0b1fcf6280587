"""Simulated Telegram users: they type, press buttons, share contacts and send files."""

from __future__ import annotations

import mimetypes
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.standin.chats import Button, Chat, ChatMessage
from bot.standin.server import BotApiStandIn

Settle = Callable[[], Awaitable[None]]


async def _nothing_to_wait_for() -> None:
    return None


class SimulatedUser:
    """One person in a private chat with the bot (who may also write in a group with it).

    Every action becomes an update in the stand-in; ``settle`` (given by whoever runs the bot)
    returns once the bot has handled it, so what the bot answered can be read right after.
    """

    def __init__(
        self,
        server: BotApiStandIn,
        user_id: int,
        first_name: str,
        language_code: str | None = "zh-hans",
        username: str | None = None,
        settle: Settle = _nothing_to_wait_for,
    ) -> None:
        self.server = server
        self.chat: Chat = server.open_chat(user_id, first_name, language_code, username)
        self.settle = settle
        self.last_answer: dict[str, Any] | None = None

    @property
    def user_id(self) -> int:
        """The user's Telegram id (also the chat's)."""
        return self.chat.chat_id

    # --- actions -------------------------------------------------------------------------

    async def send(self, text: str) -> None:
        """Type and send a text or a command."""
        await self.server.user_message(self.chat, text=text)
        await self.settle()

    async def press(self, label: str, message: ChatMessage | None = None) -> None:
        """Press the inline button with this label on the newest message that shows it."""
        target, button = self._find_button(label, message)
        query_id = await self.server.user_presses(self.chat, target, button)
        await self.settle()
        self.last_answer = self.server.callback_answers.get(query_id)

    async def press_data(self, data: str, message: ChatMessage | None = None) -> None:
        """Press a button carrying ``data`` on ``message`` (the bot's newest by default).

        The data need not be any button's: a modified client can send whatever it likes.
        """
        target = message or self.last
        query_id = await self.server.user_presses(self.chat, target, Button("?", data))
        await self.settle()
        self.last_answer = self.server.callback_answers.get(query_id)

    async def tap(self, label: str) -> None:
        """Tap a button of the reply keyboard below the input field."""
        keyboard = self.chat.reply_keyboard or []
        for row in keyboard:
            for button in row:
                if button.text == label:
                    if button.request_contact:
                        await self.share_contact()
                    else:
                        await self.send(label)
                    return
        labels = [button.text for row in keyboard for button in row]
        raise LookupError(f"no reply-keyboard button {label!r}; the keyboard shows {labels}")

    async def share_contact(self, phone_number: str = "+8613912345678") -> None:
        """Share the user's own contact card (the phone's "share my number" button)."""
        contact = {
            "phone_number": phone_number,
            "first_name": self.chat.first_name,
            "user_id": self.user_id,
        }
        await self.server.user_message(self.chat, contact=contact)
        await self.settle()

    async def send_contact(
        self, phone_number: str, first_name: str, user_id: int | None = None
    ) -> None:
        """Send a contact card from the phone's address book: someone else's (``user_id`` is
        theirs if they use Telegram, else absent)."""
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name}
        if user_id is not None:
            contact["user_id"] = user_id
        await self.server.user_message(self.chat, contact=contact)
        await self.settle()

    async def send_photo(self, content: bytes, caption: str | None = None) -> None:
        """Send a picture, as the phone's camera or gallery does."""
        stored = self.server.store_file(content, "photo.jpg", "image/jpeg")
        photo = [
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "width": 1280,
                "height": 960,
                "file_size": len(content),
            }
        ]
        await self.server.user_message(self.chat, photo=photo, caption=caption)
        await self.settle()

    async def send_document(
        self,
        content: bytes,
        file_name: str,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> None:
        """Send a file as a document."""
        mime_type = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        stored = self.server.store_file(content, file_name, mime_type)
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(content),
        }
        await self.server.user_message(self.chat, document=document, caption=caption)
        await self.settle()

    async def send_sticker(self) -> None:
        """Send a sticker, which a form cannot read as an answer."""
        sticker = {
            "file_id": "STICKER",
            "file_unique_id": "STICKER-U",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
            "emoji": "👍",
        }
        await self.server.user_message(self.chat, sticker=sticker)
        await self.settle()

    async def send_file(self, path: Path, as_photo: bool = False) -> None:
        """Send a file from disk, as a photo or as a document."""
        content = path.read_bytes()
        if as_photo:
            await self.send_photo(content)
        else:
            await self.send_document(content, path.name)

    async def send_in(self, group: Chat, text: str) -> None:
        """Write a text or a command in a group (see :meth:`BotApiStandIn.open_group`)."""
        await self.server.user_message(group, sender=self.chat, text=text)
        await self.settle()

    async def press_in(self, group: Chat, label: str) -> None:
        """Press the inline button with this label on the group's newest message showing it."""
        candidates = [message for message in reversed(group.visible()) if message.from_bot]
        for message in candidates:
            for button in message.buttons:
                if button.text == label and button.callback_data is not None:
                    query_id = await self.server.user_presses(group, message, button, self.chat)
                    await self.settle()
                    self.last_answer = self.server.callback_answers.get(query_id)
                    return
        raise LookupError(f"no inline button {label!r} in the group")

    def block_bot(self) -> None:
        """Block the bot: from now on, messages to this user are refused with 403."""
        self.chat.blocked_bot = True

    # --- what the user sees --------------------------------------------------------------

    @property
    def messages(self) -> list[ChatMessage]:
        """Every message still shown in the chat, both sides, oldest first."""
        return self.chat.visible()

    @property
    def bot_messages(self) -> list[ChatMessage]:
        """The bot's messages still shown, oldest first."""
        return [message for message in self.chat.visible() if message.from_bot]

    @property
    def last(self) -> ChatMessage:
        """The bot's newest message still shown."""
        shown = self.bot_messages
        if not shown:
            raise LookupError("the bot has not written to this chat")
        return shown[-1]

    @property
    def texts(self) -> list[str]:
        """The texts of the bot's messages still shown, oldest first."""
        return [message.text for message in self.bot_messages]

    def texts_after(self, mark: int) -> list[str]:
        """The texts of the bot's messages with an id above ``mark``."""
        return [m.text for m in self.bot_messages if m.message_id > mark]

    @property
    def mark(self) -> int:
        """The newest message id so far, to read only what comes after it."""
        return self.chat.next_message_id - 1

    def _find_button(self, label: str, message: ChatMessage | None) -> tuple[ChatMessage, Button]:
        candidates = [message] if message else list(reversed(self.bot_messages))
        for candidate in candidates:
            for button in candidate.buttons:
                if button.text == label and button.callback_data is not None:
                    return candidate, button
        shown = [b.text for c in candidates for b in c.buttons]
        raise LookupError(f"no inline button {label!r}; the chat shows {shown}")
