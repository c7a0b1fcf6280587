"""A record's card for the officer looking at it: answers, pre-check, state and buttons."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from telegram import Update

from bot.context import BotContext
from bot.officers.acting import Acting, found, tell
from bot.officers.rendering import MAX_MESSAGE, text_of
from bot.usecases import cards
from bot.usecases.cards import Card
from flows.access import Refused
from flows.forms.texts import Text
from flows.policy import load_policy
from flows.registration import Screen
from flows.review import card as review_card
from flows.review import standard_amounts
from flows.review.precheck_overrides import heading, marks
from storage.models import Campaign, Registration


def precheck_lines(card: Card, locale: str, *, whole: bool = True) -> list[Text]:
    """The stored pre-check's explanation in the reader's language, under a heading, then
    the untruthful mark and the override with who set them and why.

    Not ``whole``: the explanation's headline only (the marks stay).
    """
    stored = card.precheck
    if stored is None:
        return []
    explanation = stored.explanation_in(locale)
    return [
        heading(stored),
        *(explanation if whole else explanation[:1]),
        *marks(stored, card.precheck_officers),
    ]


async def open_card(context: BotContext, who: Acting, registration: Registration) -> Card:
    """The card of a record the person may see; raises :class:`~flows.access.Refused` else."""
    services = context.services
    return await cards.open_card(
        context.session, services.vault, registration, who.actor, zone=services.settings.zone
    )


async def opened(
    update: Update, context: BotContext, who: Acting, record_id: int
) -> tuple[Registration, Card] | None:
    """The record and its card as the officer may see it; None once the refusal is said."""
    registration = await found(update, context, who, record_id)
    if registration is None:
        return None
    try:
        return registration, await open_card(context, who, registration)
    except Refused as refused:
        await tell(update, context, who, refused.message)
        return None


def card_screen(
    card: Card,
    who: Acting,
    *,
    full_numbers: bool = False,
    next_offset: int | None = None,
    outcome: Text | None = None,
) -> Screen:
    """The card as this person sees it, with the pre-check in their language.

    A card too long for one message keeps only the pre-check's headline (and the officers'
    marks), so that the answers and the outcome of a decision stay whole.
    """
    locale = who.person.locale
    for lines in (precheck_lines(card, locale), precheck_lines(card, locale, whole=False)):
        screen = review_card.card_screen(
            card.form,
            card.record,
            card.answers,
            who.actor,
            unit_name=card.unit_name,
            precheck=lines,
            party_aided=card.party_aided,
            changed=card.changed,
            full_numbers=full_numbers,
            next_offset=next_offset,
            outcome=outcome,
            remark=card.remark,
            remarks_printed=card.remarks_printed,
        )
        if len(text_of(screen, who.t)) <= MAX_MESSAGE:
            break
    return screen


def aid_amounts(campaign: Campaign) -> Sequence[Decimal]:
    """The campaign policy's standard aid amounts, offered as buttons (none: typed only)."""
    amounts = load_policy(campaign.policy_id).spec.aid_amounts
    return standard_amounts(amounts.standard if amounts is not None else ())
