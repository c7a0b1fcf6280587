"""An offline stand-in for the Telegram Bot API, for the terminal mode and the tests.

The bot talks to it through :class:`StandInRequest`, a ``telegram.request.BaseRequest`` (the
seam python-telegram-bot's own test suite uses), so the real ``Application``, handlers, job
queue and database run unchanged. Simulated users (:class:`SimulatedUser`) send text, press
buttons, share contacts and send files; the stand-in keeps each chat's messages with their
keyboards and checks the bot's calls the way Telegram does where it matters.
"""

from bot.standin.chats import Button, Chat, ChatMessage
from bot.standin.checks import ApiError
from bot.standin.limits import TelegramLimits
from bot.standin.request import StandInRequest
from bot.standin.server import BotApiStandIn
from bot.standin.users import SimulatedUser

__all__ = [
    "ApiError",
    "BotApiStandIn",
    "Button",
    "Chat",
    "ChatMessage",
    "SimulatedUser",
    "StandInRequest",
    "TelegramLimits",
]
