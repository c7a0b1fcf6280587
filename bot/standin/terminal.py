"""A chat drawn in a terminal the way a phone shows it, and what a typed line means."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.standin.chats import Button, Chat, ChatMessage

RULE = "─" * 40


@dataclass(frozen=True)
class Seen:
    """What was last drawn of a message, to tell new, edited and deleted ones apart."""

    text: str
    labels: tuple[tuple[str, ...], ...]
    deleted: bool


class ChatScreen:
    """Draws what changed in a chat since the last look; numbers the buttons on screen."""

    def __init__(
        self, chat: Chat, bot_name: str, keep_file: Callable[[str], Path] | None = None
    ) -> None:
        self.chat = chat
        self.bot_name = bot_name
        # Where a file the bot sends is saved (by its file id), to be opened as on a phone.
        self.keep_file = keep_file
        self._seen: dict[int, Seen] = {}
        self.buttons: list[Button] = []
        self.keyboard_buttons: list[Button] = []

    def changes(self) -> str:
        """The bot's messages that are new, edited or deleted since the last call, drawn."""
        blocks = []
        for message in self.chat.messages:
            if not message.from_bot:
                continue
            now = Seen(message.text, _labels(message), message.deleted)
            before = self._seen.get(message.message_id)
            if before == now or (before is None and message.deleted):
                continue
            self._seen[message.message_id] = now
            if message.deleted:
                blocks.append(f"  ✕ {_first_line(before.text if before else '')} …")
            elif before is not None and before.text == now.text and not now.labels:
                continue  # a spent keyboard taken away: the phone just hides the buttons
            else:
                blocks.append(self._bubble(message, edited=before is not None))
        self._number_buttons()
        if blocks and self.keyboard_buttons:
            blocks.append(self._keyboard())
        return "\n".join(blocks)

    def unread(self) -> int:
        """How many of the bot's messages :meth:`changes` would draw as new or edited."""
        count = 0
        for message in self.chat.messages:
            if not message.from_bot or message.deleted:
                continue
            before = self._seen.get(message.message_id)
            if before is None or before.text != message.text:
                count += 1
        return count

    def _bubble(self, message: ChatMessage, edited: bool) -> str:
        title = f"┌ {self.bot_name}" + (" ✎" if edited else "")
        lines = [title]
        if message.document is not None:
            lines.append(f"│ 📄 {message.document.get('file_name')}{self._kept(message.document)}")
        if message.photo is not None:
            lines.append(f"│ 🖼  {message.photo.get('file_id')}{self._kept(message.photo)}")
        lines.extend(f"│ {line}" for line in message.text.splitlines() or [""])
        if message.inline_keyboard:
            lines.append("│")
            numbers = iter(range(1, len(message.buttons) + 1))
            lines.extend(
                "│ " + "  ".join(f"[#{next(numbers)} {b.text}]" for b in row)
                for row in message.inline_keyboard
            )
        lines.append("└" + RULE)
        return "\n".join(lines)

    def _kept(self, file: dict[str, object]) -> str:
        if self.keep_file is None:
            return ""
        return f"  → {self.keep_file(str(file.get('file_id')))}"

    def _number_buttons(self) -> None:
        with_buttons = [m for m in self.chat.visible() if m.from_bot and m.buttons]
        self.buttons = with_buttons[-1].buttons if with_buttons else []
        self.keyboard_buttons = [b for row in self.chat.reply_keyboard or [] for b in row]

    def _keyboard(self) -> str:
        first = len(self.buttons) + 1
        return "⌨  " + "  ".join(
            f"[#{n} {b.text}]" for n, b in enumerate(self.keyboard_buttons, start=first)
        )

    def button_menu(self) -> str:
        """The buttons one can press now, numbered."""
        items = [f"#{n} {b.text}" for n, b in enumerate(self.buttons, start=1)]
        offset = len(self.buttons)
        items += [f"#{offset + n} ⌨ {b.text}" for n, b in enumerate(self.keyboard_buttons, 1)]
        return "   ".join(items)


def _labels(message: ChatMessage) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(button.text for button in row) for row in message.inline_keyboard)


def _first_line(text: str) -> str:
    return text.splitlines()[0][:30] if text else ""


@dataclass(frozen=True)
class Press:
    """Press an inline button."""

    button: Button


@dataclass(frozen=True)
class Tap:
    """Tap a reply-keyboard button."""

    button: Button


@dataclass(frozen=True)
class Say:
    """Send a text or a command."""

    text: str


@dataclass(frozen=True)
class SendFile:
    """Send a file from disk, as a photo or a document."""

    path: Path
    as_photo: bool


@dataclass(frozen=True)
class ShareContact:
    """Share one's own phone number."""


@dataclass(frozen=True)
class PlayAs:
    """Play another person from now on; a new one gets ``role`` (none: a stranger)."""

    name: str
    role: str | None


@dataclass(frozen=True)
class Who:
    """List the people one can play."""


@dataclass(frozen=True)
class Quit:
    """Leave the chat."""


@dataclass(frozen=True)
class Confused:
    """A line that cannot be done; what to tell the person."""

    reason: str


Action = Press | Tap | Say | SendFile | ShareContact | PlayAs | Who | Quit | Confused
# ``:as NAME ROLE`` makes a new person with a role straight away (else an invitation link does).
ROLES = ("worker", "officer", "department", "province")


def interpret(line: str, screen: ChatScreen) -> Action:
    """What a typed line means: a button (``#2`` or its label), a file, a contact, or text."""
    stripped = line.strip()
    if stripped in (":quit", ":q", ":exit"):
        return Quit()
    if stripped == ":contact":
        return ShareContact()
    if stripped == ":who":
        return Who()
    if stripped == ":as" or stripped.startswith(":as "):
        words = stripped.split()[1:]
        if not words or len(words) > 2 or (len(words) == 2 and words[1] not in ROLES):
            return Confused(f"expected :as NAME or :as NAME ROLE, ROLE one of {', '.join(ROLES)}")
        return PlayAs(words[0], words[1] if len(words) == 2 else None)
    for prefix, as_photo in ((":photo ", True), (":doc ", False)):
        if stripped.startswith(prefix):
            path = Path(stripped.removeprefix(prefix).strip()).expanduser()
            if not path.is_file():
                return Confused(f"no such file: {path}")
            return SendFile(path, as_photo)
    if stripped.startswith("#") and stripped[1:].isdigit():
        number = int(stripped[1:])
        every = [*screen.buttons, *screen.keyboard_buttons]
        if not 1 <= number <= len(every):
            return Confused(f"no button #{number}; the buttons are: {screen.button_menu()}")
        chosen = every[number - 1]
        return Press(chosen) if number <= len(screen.buttons) else _tap(chosen)
    for button in screen.buttons:
        if button.text == stripped:
            return Press(button)
    for button in screen.keyboard_buttons:
        if button.text == stripped:
            return _tap(button)
    return Say(line)


def _tap(button: Button) -> Action:
    return ShareContact() if button.request_contact else Tap(button)


HELP = """\
Type as you would in Telegram; commands start with / (try /start, /help, /register).
Press a button by its label or its number: #1, #2 …   Share your phone number: :contact
Send a file: :photo PATH or :doc PATH        Leave: :quit or Ctrl-D
Play someone else: :as NAME (a new NAME starts as a stranger: send /start with an invitation
link's code) or :as NAME worker|officer|department|province;  who is here: :who
"""
