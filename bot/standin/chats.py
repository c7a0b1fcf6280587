"""What the stand-in remembers of each chat: its messages, as a phone would show them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Button:
    """One inline or reply-keyboard button."""

    text: str
    callback_data: str | None = None
    url: str | None = None
    request_contact: bool = False


@dataclass
class ChatMessage:
    """A message in a chat, sent by the bot or by the user; edits replace its content."""

    message_id: int
    from_bot: bool
    date: int
    text: str = ""
    inline_keyboard: list[list[Button]] = field(default_factory=list)
    reply_keyboard: list[list[Button]] | None = None
    document: dict[str, Any] | None = None
    photo: dict[str, Any] | None = None
    contact: dict[str, Any] | None = None
    deleted: bool = False
    edits: int = 0

    @property
    def buttons(self) -> list[Button]:
        """The inline buttons, row after row."""
        return [button for row in self.inline_keyboard for button in row]

    @property
    def button_labels(self) -> list[list[str]]:
        """The inline keyboard's labels, as rows, for assertions."""
        return [[button.text for button in row] for row in self.inline_keyboard]


@dataclass
class Chat:
    """A private chat between the bot and one user, or a group (``kind`` "group" or
    "supergroup", a negative ``chat_id``, a ``title``) the bot is a member of."""

    chat_id: int
    first_name: str
    language_code: str | None
    username: str | None = None
    kind: str = "private"
    title: str | None = None
    messages: list[ChatMessage] = field(default_factory=list)
    reply_keyboard: list[list[Button]] | None = None
    blocked_bot: bool = False
    next_message_id: int = 1
    # Telegram's flood control, on cue: the next ``throttled`` messages to the chat are
    # answered 429 with ``retry_after`` seconds.
    throttled: int = 0
    retry_after: int = 3
    refused: int = 0  # messages to the chat answered 403 or 429

    def add(self, message: ChatMessage) -> ChatMessage:
        """Append a message (its id was taken with :meth:`take_message_id`)."""
        self.messages.append(message)
        return message

    def take_message_id(self) -> int:
        """The next message id; user and bot messages share one sequence, as in Telegram."""
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def throttle(self, times: int, retry_after: int = 3) -> None:
        """Answer the next ``times`` messages to this chat with 429 and ``retry_after``."""
        self.throttled, self.retry_after = times, retry_after

    def bot_texts(self) -> list[str]:
        """The texts of the bot's messages, oldest first."""
        return [message.text for message in self.messages if message.from_bot]

    def find(self, message_id: int) -> ChatMessage | None:
        """The message with that id, unless deleted."""
        for message in self.messages:
            if message.message_id == message_id and not message.deleted:
                return message
        return None

    def visible(self) -> list[ChatMessage]:
        """The messages still shown, oldest first."""
        return [message for message in self.messages if not message.deleted]

    def user_dict(self) -> dict[str, Any]:
        """The user as the Bot API describes them."""
        user: dict[str, Any] = {"id": self.chat_id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        if self.username:
            user["username"] = self.username
        return user

    def chat_dict(self) -> dict[str, Any]:
        """The chat as the Bot API describes it."""
        if self.kind != "private":
            return {"id": self.chat_id, "type": self.kind, "title": self.title}
        return {"id": self.chat_id, "type": "private", "first_name": self.first_name}
