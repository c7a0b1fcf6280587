"""Who presses or types, as the review sees them, and the answers every officer handler gives."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.people import Person, person_of
from flows.access import Action, Actor, Refusal, Role, may
from flows.access.matrix import NOT_AN_OFFICER, NOT_BOUND
from flows.i18n import N_, Message, Translator
from storage.models import Registration
from storage.repositories import review

NO_RECORD = N_("There is no record {id}.")


@dataclass(frozen=True)
class Acting:
    """The person behind the update and the actor the access matrix sees."""

    person: Person
    actor: Actor

    @property
    def t(self) -> Translator:
        """The person's translator."""
        return self.person.t

    @property
    def chat_id(self) -> int:
        """The private chat with the person (its id is the Telegram user id)."""
        return self.person.user.telegram_id

    def officer_refusal(self) -> Refusal | None:
        """Why the person is no officer (not bound to a unit, or a worker), or None."""
        if self.actor.role is Role.STRANGER:
            return NOT_BOUND
        return None if self.actor.is_officer else NOT_AN_OFFICER


async def acting(update: Update, context: BotContext) -> Acting:
    """The sender of the update with their role and scope."""
    return await acting_as(context, await person_of(update, context))


async def acting_as(context: BotContext, person: Person) -> Acting:
    """``person`` with their role and scope."""
    return Acting(person, await review.actor_for(context.session, person.user))


Check = Callable[[Acting], Refusal | None]
"""Why the person may not act, or None: :func:`officer` or :func:`allowed_to`."""
Command = Callable[[Update, BotContext], Coroutine[Any, Any, None]]
ActingCommand = Callable[[Update, BotContext, Acting], Awaitable[None]]


def officer(who: Acting) -> Refusal | None:
    """Why the person is no officer, or None."""
    return who.officer_refusal()


def allowed_to(action: Action) -> Check:
    """The check that the person may do ``action`` (anywhere in their scope)."""
    return lambda who: may(who.actor, action)


async def permitted(
    update: Update, context: BotContext, check: Check = officer, *, who: Acting | None = None
) -> Acting | None:
    """The sender (or ``who``) if ``check`` lets them act; None once they are told why not."""
    if who is None:
        who = await acting(update, context)
    refusal = check(who)
    if refusal is not None:
        await tell(update, context, who, refusal.message)
        return None
    return who


def acting_if(check: Check = officer) -> Callable[[ActingCommand], Command]:
    """A handler given the acting person, run only if ``check`` lets them act (else told why)."""

    def wrap(handler: ActingCommand) -> Command:
        @functools.wraps(handler)
        async def command(update: Update, context: BotContext) -> None:
            who = await permitted(update, context, check)
            if who is not None:
                await handler(update, context, who)

        return command

    return wrap


async def say(update: Update, context: BotContext, text: str) -> None:
    """Answer a press (if it was one) and write ``text`` in the chat."""
    query = update.callback_query
    if query is not None:
        await query.answer()
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, text)


async def tell(update: Update, context: BotContext, who: Acting, message: Message) -> None:
    """Save the update as handled, then say ``message`` (often why nothing was done)."""
    await context.uow.commit()
    await say(update, context, who.t.render(message))


async def record(context: BotContext, record_id: int) -> Registration | None:
    """The registration with this number."""
    return await context.session.get(Registration, record_id)


async def found(
    update: Update, context: BotContext, who: Acting, record_id: int
) -> Registration | None:
    """The registration with this number, or None once its absence is said."""
    registration = await record(context, record_id)
    if registration is None:
        await tell(update, context, who, no_record(record_id))
    return registration


def no_record(record_id: int) -> Message:
    """The answer for a record number that does not exist."""
    return Message(NO_RECORD, {"id": str(record_id)})
