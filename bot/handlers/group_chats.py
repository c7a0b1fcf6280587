"""The bot serves private chats only: in a group it answers once, pointing to the private chat.

Registration asks for a resident ID, a bank card and a phone number; in a group every member
would read the questions and the masked answers. One handler, in the earliest handler group,
stops every update from a group, supergroup or channel before any other handler sees it. A
group gets one message with a button that opens the private chat, remembered in the database
so that it is not repeated (also after a restart); a button pressed on an old message in a
group gets a short notice. Channels get nothing: nobody there could follow the pointer.
"""

from __future__ import annotations

from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.context import BotContext
from bot.usecases import group_chats as chats
from flows.i18n import N_, Translator, normalize_locale, translator

# Before every other handler group (the deadlines' early handlers are at -2).
GROUP: Final = -10
# The pointer's deep-link payload: /start with it greets like a plain /start.
FROM_GROUP: Final = "from_group"
GROUPS: Final = frozenset({ChatType.GROUP, ChatType.SUPERGROUP})

PRIVATE_ONLY: Final = N_(
    "I work only in private chats, so that what you tell me stays between you and your union. "
    "Please write to me there:"
)
OPEN_PRIVATE_CHAT: Final = N_("💬 Open a private chat with me")
PRIVATE_ONLY_NOTICE: Final = N_("I work only in private chats: please write to me there.")


async def outside_private_chats(update: Update, context: BotContext) -> None:
    """Let updates of private chats through; answer a group once and stop everything else."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    t = _translator(update, context)
    query = update.callback_query
    if query is not None:
        await context.uow.commit()
        await query.answer(t(PRIVATE_ONLY_NOTICE))
    elif chat.type in GROUPS and update.effective_user is not None:
        first = await chats.first_word_in_group(context.uow, context.services.clock, chat.id)
        await context.uow.commit()
        if first:
            link = f"https://t.me/{context.bot.username}?start={FROM_GROUP}"
            button = InlineKeyboardButton(t(OPEN_PRIVATE_CHAT), url=link)
            await context.bot.send_message(
                chat.id, t(PRIVATE_ONLY), reply_markup=InlineKeyboardMarkup([[button]])
            )
    raise ApplicationHandlerStop


def _translator(update: Update, context: BotContext) -> Translator:
    """The language of the sender's phone: group members are not looked up or remembered."""
    sender = update.effective_user
    settings = context.services.settings
    if sender is not None and sender.language_code:
        return translator(normalize_locale(sender.language_code), settings.zone)
    return translator(settings.locale, settings.zone)


HANDLERS: Final = [TypeHandler(Update, outside_private_chats)]
