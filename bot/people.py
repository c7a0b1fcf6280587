"""Who is writing, and in which language to answer them."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update

from bot.context import BotContext
from flows.forms.parsing.normalize import one_line, visible
from flows.i18n import Translator, normalize_locale, translator
from storage.models import User
from storage.repositories import users


@dataclass(frozen=True)
class Person:
    """The user behind an update, with the translator of their language."""

    user: User
    t: Translator

    @property
    def locale(self) -> str:
        """The language the person reads."""
        return self.t.locale


async def person_of(update: Update, context: BotContext) -> Person:
    """The sender of ``update``, met before or created now, with their language."""
    sender = update.effective_user
    if sender is None:
        raise ValueError("an update without a sender")
    key = ("person", sender.id)
    known = context.uow.memo.get(key)
    if isinstance(known, Person):
        return known
    # A Telegram name can hold anything, a lone surrogate that no database takes included.
    name = one_line(visible(sender.full_name))
    user = await users.get_or_create(context.session, sender.id, name)
    if user.locale is None and sender.language_code:
        # Remembered, so that what the bot sends unasked (reminders, notices of a decision)
        # comes in the language of the person's phone until they choose one with /language.
        user.locale = normalize_locale(sender.language_code)
    t = translator(locale_of(user, sender.language_code, context), context.services.settings.zone)
    person = Person(user=user, t=t)
    context.uow.memo[key] = person
    return person


def locale_of(user: User, language_code: str | None, context: BotContext) -> str:
    """The chosen language, else the one of the Telegram app, else the installation's."""
    if user.locale:
        return user.locale
    if language_code:
        return normalize_locale(language_code)
    return context.services.settings.locale
