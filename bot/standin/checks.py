"""What Telegram checks in the bot's calls: its refusals, keyboards, texts and captions."""

from __future__ import annotations

import html.parser
from typing import Any

from bot.standin.chats import Button

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_CALLBACK_ANSWER = 200


class ApiError(Exception):
    """A refusal, as Telegram words it, with its HTTP status code."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram answers with."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(description: str) -> ApiError:
    """A 400 answer."""
    return ApiError(400, f"Bad Request: {description}")


def button_dict(button: Button) -> dict[str, Any]:
    """A button as the Bot API describes it."""
    body: dict[str, Any] = {"text": button.text}
    if button.callback_data is not None:
        body["callback_data"] = button.callback_data
    if button.url is not None:
        body["url"] = button.url
    return body


def markup_of(markup: Any) -> tuple[list[list[Button]], list[list[Button]] | None]:
    """The inline keyboard and the reply keyboard (``[]`` to remove it, ``None`` to keep it)."""
    if not markup:
        return [], None
    if "inline_keyboard" in markup:
        rows = []
        for row in markup["inline_keyboard"]:
            buttons = []
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                    raise bad_request("BUTTON_DATA_INVALID")
                if not button.get("text"):
                    raise bad_request("text buttons are unallowed in the inline keyboard")
                buttons.append(Button(button["text"], callback_data=data, url=button.get("url")))
            rows.append(buttons)
        return rows, None
    if "keyboard" in markup:
        return [], [
            [
                Button(
                    button if isinstance(button, str) else button["text"],
                    request_contact=not isinstance(button, str)
                    and bool(button.get("request_contact")),
                )
                for button in row
            ]
            for row in markup["keyboard"]
        ]
    if markup.get("remove_keyboard"):
        return [], []
    return [], None


def checked_text(text: Any, parse_mode: Any, limit: int) -> str:
    """A message text as shown, or Telegram's refusal (empty, too long, bad HTML)."""
    if not isinstance(text, str) or not text.strip():
        raise bad_request("message text is empty")
    shown = visible_text(text, parse_mode)
    if len(shown) > limit:
        raise bad_request("message is too long")
    return shown


def checked_caption(parameters: dict[str, Any]) -> str:
    """A caption as shown, or Telegram's refusal (too long, bad HTML)."""
    caption = parameters.get("caption") or ""
    shown = visible_text(caption, parameters.get("parse_mode")) if caption else ""
    if len(shown) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return shown


class _HtmlText(html.parser.HTMLParser):
    """Telegram's HTML subset: the tags it allows, properly nested; the text without them."""

    ALLOWED = frozenset(
        {
            "b",
            "strong",
            "i",
            "em",
            "u",
            "ins",
            "s",
            "strike",
            "del",
            "a",
            "code",
            "pre",
            "tg-spoiler",
            "blockquote",
            "span",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.ALLOWED:
            raise bad_request(f'can\'t parse entities: unsupported start tag "{tag}"')
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            raise bad_request(f'can\'t parse entities: unexpected end tag "{tag}"')
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(text: str, parse_mode: Any) -> str:
    """The text as shown: Telegram's HTML checked and its tags taken away."""
    if parse_mode != "HTML":
        return text
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    if parser.open:
        raise bad_request(
            "can't parse entities: can't find end tag corresponding to start tag "
            f'"{parser.open[-1]}"'
        )
    return "".join(parser.parts)
