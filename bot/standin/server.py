"""The Bot API methods the bot calls, answered from memory with Telegram's own checks."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.standin.chats import Button, Chat, ChatMessage
from bot.standin.checks import (
    MAX_CALLBACK_ANSWER,
    MAX_TEXT,
    ApiError,
    bad_request,
    button_dict,
    checked_caption,
    checked_text,
    markup_of,
)
from bot.standin.limits import TelegramLimits

COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
SENDING_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto"})


@dataclass
class StoredFile:
    """A file the bot or a user sent, kept for getFile and downloads."""

    file_id: str
    file_unique_id: str
    content: bytes
    file_name: str | None
    mime_type: str | None

    @property
    def file_path(self) -> str:
        """Where the file is downloaded from, below the file URL."""
        return f"files/{self.file_unique_id}/{self.file_name or 'file'}"


Method = Callable[[dict[str, Any], dict[str, tuple[str, bytes, str]]], Awaitable[Any]]


class BotApiStandIn:
    """One bot's Bot API, in memory: chats, updates, files, commands, limits."""

    def __init__(
        self,
        *,
        bot_id: int = 5_550_001,
        username: str = "songnuan_bot",
        first_name: str = "送暖",
        limits: TelegramLimits | None = None,
        first_update_id: int = 1,
    ) -> None:
        self.bot_user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.limits = limits
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.callback_answers: dict[str, dict[str, Any] | None] = {}
        self.calls: list[str] = []
        self._updates: list[dict[str, Any]] = []
        self._sent_updates: dict[int, dict[str, Any]] = {}
        self._update_ids = itertools.count(first_update_id)
        self._callback_ids = itertools.count(1)
        self._arrived = asyncio.Condition()
        self._methods: dict[str, Method] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "deleteWebhook": self._true,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "deleteMessage": self._delete_message,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "getFile": self._get_file,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendChatAction": self._send_chat_action,
        }

    # --- the HTTP seam -------------------------------------------------------------------

    async def call(
        self,
        method: str,
        parameters: dict[str, Any],
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API call: (HTTP status, JSON body)."""
        handler = self._methods.get(method)
        if handler is None:
            return 404, ApiError(404, "Not Found: method not found").payload()
        self.calls.append(method)
        try:
            if method in SENDING_METHODS:
                self._admit(parameters)
            result = await handler(parameters, files or {})
        except ApiError as error:
            return error.code, error.payload()
        return 200, {"ok": True, "result": result}

    def download(self, file_path: str) -> bytes | None:
        """The content of a file by its path, as the file URL serves it."""
        for stored in self.files.values():
            if stored.file_path == file_path:
                return stored.content
        return None

    # --- what simulated users do ---------------------------------------------------------

    def open_chat(
        self,
        user_id: int,
        first_name: str,
        language_code: str | None = None,
        username: str | None = None,
    ) -> Chat:
        """The private chat with a user, opened when they first write to the bot."""
        chat = self.chats.get(user_id)
        if chat is None:
            chat = self.chats[user_id] = Chat(user_id, first_name, language_code, username)
        return chat

    def open_group(self, chat_id: int, title: str, kind: str = "group") -> Chat:
        """A group (or supergroup) the bot was added to; Telegram's group ids are negative."""
        if chat_id >= 0 or kind not in ("group", "supergroup"):
            raise ValueError("a group has a negative id and is a group or a supergroup")
        chat = self.chats.get(chat_id)
        if chat is None:
            chat = self.chats[chat_id] = Chat(chat_id, "", None, kind=kind, title=title)
        return chat

    async def user_message(
        self, chat: Chat, sender: Chat | None = None, **content: Any
    ) -> ChatMessage:
        """A message the user sends (text, contact, photo or document) becomes an update.

        In a group, ``sender`` is the private chat of the member who writes.
        """
        message = chat.add(
            ChatMessage(
                message_id=chat.take_message_id(),
                from_bot=False,
                date=int(time.time()),
                text=content.get("text", content.get("caption", "")) or "",
                document=content.get("document"),
                photo=(content.get("photo") or [None])[-1],
                contact=content.get("contact"),
            )
        )
        body: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": chat.chat_dict(),
            "from": (sender or chat).user_dict(),
        }
        body.update({key: value for key, value in content.items() if value is not None})
        text = content.get("text")
        if isinstance(text, str) and text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            body["entities"] = [
                {
                    "type": "bot_command",
                    "offset": 0,
                    "length": len(command.encode("utf-16-le")) // 2,
                }
            ]
        await self._push({"message": body})
        return message

    async def user_presses(
        self, chat: Chat, message: ChatMessage, button: Button, sender: Chat | None = None
    ) -> str:
        """A press of an inline button becomes a callback query; its id is returned.

        In a group, ``sender`` is the private chat of the member who presses.
        """
        query_id = str(next(self._callback_ids))
        self.callback_answers[query_id] = None
        await self._push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": (sender or chat).user_dict(),
                    "chat_instance": str(chat.chat_id),
                    "data": button.callback_data,
                    "message": self._message_dict(chat, message),
                }
            }
        )
        return query_id

    def store_file(
        self, content: bytes, file_name: str | None, mime_type: str | None
    ) -> StoredFile:
        """Keep a file and give it ids, as Telegram does for anything uploaded."""
        digest = hashlib.sha256(content).hexdigest()[:16]
        stored = StoredFile(
            f"F{digest}{len(self.files)}", f"U{digest}", content, file_name, mime_type
        )
        self.files[stored.file_id] = stored
        return stored

    def menu_of(self, chat_id: int, language_code: str = "") -> list[str]:
        """The commands a chat's menu shows, looked up the way Telegram does."""
        for key in (
            (f"chat:{chat_id}", language_code),
            (f"chat:{chat_id}", ""),
            ("default", language_code),
            ("default", ""),
        ):
            if key in self.commands:
                return [entry["command"] for entry in self.commands[key]]
        return []

    def pending_updates(self) -> int:
        """How many updates the bot has not confirmed yet (fetched with a later offset)."""
        return len(self._updates)

    # --- internals -----------------------------------------------------------------------

    async def redeliver(self, update_id: int) -> None:
        """Deliver an update once more, as Telegram may when it missed an acknowledgement."""
        async with self._arrived:
            self._updates.append(self._sent_updates[update_id])
            self._arrived.notify_all()

    @property
    def last_update_id(self) -> int:
        """The id of the newest update users made."""
        return max(self._sent_updates, default=0)

    async def _push(self, body: dict[str, Any]) -> None:
        async with self._arrived:
            update = {"update_id": next(self._update_ids), **body}
            self._sent_updates[update["update_id"]] = update
            self._updates.append(update)
            self._arrived.notify_all()

    def _admit(self, parameters: dict[str, Any]) -> None:
        chat = self._chat(parameters)
        try:
            if chat.blocked_bot:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if chat.throttled > 0:
                chat.throttled -= 1
                raise _too_many(chat.retry_after)
            if self.limits is not None:
                wait = self.limits.admit(chat.chat_id)
                if wait is not None:
                    raise _too_many(wait)
        except ApiError:
            chat.refused += 1
            raise

    def _chat(self, parameters: dict[str, Any]) -> Chat:
        try:
            chat_id = int(parameters["chat_id"])
        except (KeyError, TypeError, ValueError):
            raise bad_request("chat not found") from None
        chat = self.chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def _message(self, parameters: dict[str, Any]) -> tuple[Chat, ChatMessage]:
        chat = self._chat(parameters)
        message = chat.find(int(parameters.get("message_id", 0)))
        if message is None:
            raise bad_request("message to edit not found")
        return chat, message

    def _message_dict(self, chat: Chat, message: ChatMessage) -> dict[str, Any]:
        body: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": chat.chat_dict(),
            "from": self.bot_user if message.from_bot else chat.user_dict(),
        }
        if message.document is not None:
            body["document"] = message.document
            if message.text:
                body["caption"] = message.text
        elif message.photo is not None:
            body["photo"] = [message.photo]
            if message.text:
                body["caption"] = message.text
        elif message.text:
            body["text"] = message.text
        if message.inline_keyboard:
            body["reply_markup"] = {
                "inline_keyboard": [
                    [button_dict(button) for button in row] for row in message.inline_keyboard
                ]
            }
        if message.edits:
            body["edit_date"] = message.date
        return body

    def _bot_message(self, chat: Chat, parameters: dict[str, Any], **content: Any) -> ChatMessage:
        inline, reply = markup_of(parameters.get("reply_markup"))
        if reply is not None:
            chat.reply_keyboard = reply or None
        message = ChatMessage(
            message_id=chat.take_message_id(),
            from_bot=True,
            date=int(time.time()),
            inline_keyboard=inline,
            reply_keyboard=reply,
            **content,
        )
        return chat.add(message)

    async def _true(self, parameters: dict[str, Any], files: dict[str, Any]) -> bool:
        return True

    async def _get_me(self, parameters: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        return self.bot_user

    async def _get_updates(
        self, parameters: dict[str, Any], files: dict[str, Any]
    ) -> list[dict[str, Any]]:
        offset = int(parameters.get("offset") or 0)
        timeout = float(parameters.get("timeout") or 0)
        limit = int(parameters.get("limit") or 100)
        async with self._arrived:
            # An offset confirms every update below it, as Telegram's does.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if not self._updates and timeout > 0:
                try:
                    await asyncio.wait_for(self._arrived.wait(), timeout)
                except TimeoutError:
                    return []
            return list(self._updates[:limit])

    async def _send_message(
        self, parameters: dict[str, Any], files: dict[str, Any]
    ) -> dict[str, Any]:
        chat = self._chat(parameters)
        text = checked_text(parameters.get("text"), parameters.get("parse_mode"), MAX_TEXT)
        message = self._bot_message(chat, parameters, text=text)
        return self._message_dict(chat, message)

    async def _edit_message_text(
        self, parameters: dict[str, Any], files: dict[str, Any]
    ) -> dict[str, Any]:
        chat, message = self._message(parameters)
        text = checked_text(parameters.get("text"), parameters.get("parse_mode"), MAX_TEXT)
        inline, _ = markup_of(parameters.get("reply_markup"))
        if text == message.text and inline == message.inline_keyboard:
            raise bad_request(
                "message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message"
            )
        message.text, message.inline_keyboard = text, inline
        message.edits += 1
        return self._message_dict(chat, message)

    async def _edit_message_reply_markup(
        self, parameters: dict[str, Any], files: dict[str, Any]
    ) -> dict[str, Any]:
        chat, message = self._message(parameters)
        inline, _ = markup_of(parameters.get("reply_markup"))
        if inline == message.inline_keyboard:
            raise bad_request("message is not modified")
        message.inline_keyboard = inline
        message.edits += 1
        return self._message_dict(chat, message)

    async def _answer_callback_query(
        self, parameters: dict[str, Any], files: dict[str, Any]
    ) -> bool:
        query_id = str(parameters.get("callback_query_id"))
        if query_id not in self.callback_answers:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        if self.callback_answers[query_id] is not None:
            raise bad_request("query ID is invalid")
        text = parameters.get("text") or ""
        if len(text) > MAX_CALLBACK_ANSWER:
            raise bad_request("MESSAGE_TOO_LONG")
        self.callback_answers[query_id] = {
            "text": text,
            "show_alert": bool(parameters.get("show_alert")),
        }
        return True

    async def _delete_message(self, parameters: dict[str, Any], files: dict[str, Any]) -> bool:
        chat = self._chat(parameters)
        message = chat.find(int(parameters.get("message_id", 0)))
        if message is None:
            raise bad_request("message to delete not found")
        message.deleted = True
        return True

    async def _send_document(
        self, parameters: dict[str, Any], files: dict[str, tuple[str, bytes, str]]
    ) -> dict[str, Any]:
        chat = self._chat(parameters)
        stored = self._incoming_file(parameters, files, "document")
        caption = checked_caption(parameters)
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": stored.file_name,
            "mime_type": stored.mime_type,
            "file_size": len(stored.content),
        }
        message = self._bot_message(chat, parameters, text=caption, document=document)
        return self._message_dict(chat, message)

    async def _send_photo(
        self, parameters: dict[str, Any], files: dict[str, tuple[str, bytes, str]]
    ) -> dict[str, Any]:
        chat = self._chat(parameters)
        stored = self._incoming_file(parameters, files, "photo")
        caption = checked_caption(parameters)
        photo = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": 1280,
            "height": 960,
            "file_size": len(stored.content),
        }
        message = self._bot_message(chat, parameters, text=caption, photo=photo)
        return self._message_dict(chat, message)

    def _incoming_file(
        self, parameters: dict[str, Any], files: dict[str, tuple[str, bytes, str]], name: str
    ) -> StoredFile:
        reference = parameters.get(name)
        if isinstance(reference, str) and reference.startswith("attach://"):
            upload = files.get(reference.removeprefix("attach://"))
        elif isinstance(reference, str):
            known = self.files.get(reference)
            if known is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
            return known
        else:
            upload = files.get(name)
        if upload is None:
            raise bad_request(f"there is no {name} in the request")
        file_name, content, mime_type = upload
        if not content:
            raise bad_request("file must be non-empty")
        return self.store_file(content, file_name, mime_type)

    async def _get_file(self, parameters: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        stored = self.files.get(str(parameters.get("file_id")))
        if stored is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.file_path,
        }

    async def _set_my_commands(self, parameters: dict[str, Any], files: dict[str, Any]) -> bool:
        commands = parameters.get("commands") or []
        for command in commands:
            if not COMMAND_NAME.match(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[_command_key(parameters)] = list(commands)
        return True

    async def _get_my_commands(
        self, parameters: dict[str, Any], files: dict[str, Any]
    ) -> list[dict[str, str]]:
        return self.commands.get(_command_key(parameters), [])

    async def _delete_my_commands(self, parameters: dict[str, Any], files: dict[str, Any]) -> bool:
        self.commands.pop(_command_key(parameters), None)
        return True

    async def _send_chat_action(self, parameters: dict[str, Any], files: dict[str, Any]) -> bool:
        self._chat(parameters)
        return True


def _too_many(wait: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {wait}", retry_after=wait)


def _command_key(parameters: dict[str, Any]) -> tuple[str, str]:
    """``(scope, language)``: a chat's own menu is keyed ``chat:<id>``."""
    scope = parameters.get("scope") or {"type": "default"}
    kind = str(scope.get("type", "default"))
    if kind == "chat":
        kind = f"chat:{scope.get('chat_id')}"
    return kind, str(parameters.get("language_code") or "")
