"""The people one plays in ``songnuan chat``: each with their own chat and unread messages.

The multi-level review (a worker submits, the unit officer approves, the department and the
province follow, the worker is told) needs several people in one terminal. Everyone the bot
knows has a chat open from the start, so a notice to someone not being played is kept, as
Telegram keeps it, and shown as unread when one switches to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.standin.server import BotApiStandIn
from bot.standin.terminal import ChatScreen
from bot.standin.users import Settle, SimulatedUser

# New people get Telegram ids from here up, clear of the demo's.
FIRST_NEW_ID = 30001


@dataclass
class Player:
    """One person: their simulated phone and what of their chat was drawn already."""

    name: str
    user: SimulatedUser
    screen: ChatScreen

    def unread(self) -> int:
        """The bot's messages that arrived or changed since this person last looked."""
        return self.screen.unread()


class Cast:
    """Everyone one can play, by name; :attr:`current` is the one typing."""

    def __init__(
        self,
        server: BotApiStandIn,
        settle: Settle,
        bot_name: str,
        language_code: str | None,
        keep_file: Callable[[str], Path] | None = None,
    ) -> None:
        self.server = server
        self.settle = settle
        self.bot_name = bot_name
        self.language_code = language_code
        self.keep_file = keep_file
        self.players: dict[str, Player] = {}
        self.current: Player | None = None
        # Unread counts already announced, so each arrival is mentioned once.
        self._announced: dict[str, int] = {}

    def meet(self, name: str, telegram_id: int) -> Player:
        """Open the chat of a person (known to the bot or new) under ``name``."""
        user = SimulatedUser(self.server, telegram_id, name, self.language_code, settle=self.settle)
        player = Player(name, user, ChatScreen(user.chat, self.bot_name, self.keep_file))
        self.players[name] = player
        return player

    def meet_all(self, people: Iterable[tuple[str, int]]) -> None:
        """Open the chats of people the bot knows, named uniquely."""
        taken = {player.user.user_id for player in self.players.values()}
        for name, telegram_id in people:
            if telegram_id in taken:
                continue
            unique = name or str(telegram_id)
            if unique in self.players:
                unique = f"{unique}#{telegram_id}"
            self.meet(unique, telegram_id)
            taken.add(telegram_id)

    def new_id(self) -> int:
        """A Telegram id nobody in the cast has."""
        return max([FIRST_NEW_ID - 1, *(p.user.user_id for p in self.players.values())]) + 1

    def switch(self, name: str) -> Player:
        """Play ``name`` (who must have been met) from now on."""
        self.current = self.players[name]
        self._announced[name] = 0
        return self.current

    def who(self) -> str:
        """Everyone, the one being played marked, with unread counts."""
        lines = []
        for name, player in self.players.items():
            marker = "▶" if player is self.current else " "
            unread = player.unread()
            note = f"  ({unread} unread)" if unread and player is not self.current else ""
            lines.append(f"  {marker} {name}  [{player.user.user_id}]{note}")
        return "\n".join(lines)

    def arrivals_elsewhere(self) -> list[str]:
        """One line for each other person with messages they have not seen yet, once each."""
        lines = []
        for name, player in self.players.items():
            if player is self.current:
                continue
            unread = player.unread()
            if unread > self._announced.get(name, 0):
                lines.append(f"  ✉ {name}: {unread} unread (:as {name})")
            self._announced[name] = unread
        return lines
