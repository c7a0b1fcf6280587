"""The card in one call for those who may see it, its full numbers, and the queue's card."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.usecases.cards import open_card, view_full_numbers, with_full_numbers
from bot.usecases.queue import card_at, following
from flows.access import Reason, Refused
from flows.audit import AuditKind
from flows.forms.texts import render_text
from flows.i18n import translator
from flows.review.card import card_screen
from storage.models import AuditEvent, Registration
from tests.storage.review_world import (
    DURING_REVIEW,
    IDS,
    REVIEW_CLOSES,
    VAULT,
    build,
    submitted,
)


async def test_a_card_for_those_who_may_see_it(engine: AsyncEngine) -> None:
    world = await build(engine)
    record_id = await submitted(world, "worker", IDS[0])
    async with world.sessions() as session:
        registration = await session.get(Registration, record_id)
        assert registration is not None
        treasurer = await world.actor(session, "treasurer")
        card = await open_card(session, VAULT, registration, treasurer)
        screen = card_screen(
            card.form,
            card.record,
            card.answers,
            treasurer,
            unit_name=card.unit_name,
            party_aided=card.party_aided,
            changed=card.changed,
            remark=card.remark,
            remarks_printed=card.remarks_printed,
        )
        shown = "\n".join(render_text(line, translator("en")) for line in screen.lines)
        assert shown.startswith(f"📋 Record {record_id} · treasury")
        assert IDS[0] not in shown and "1101**********7571" in shown
        assert screen.buttons[0][0].data == f"v:ok:{record_id}:{card.record.version}"
        with pytest.raises(Refused) as refused:
            await open_card(session, VAULT, registration, await world.actor(session, "budgeteer"))
        assert refused.value.reason is Reason.OUT_OF_SCOPE


async def test_the_queue_shows_the_oldest_card_and_where_next_leads(engine: AsyncEngine) -> None:
    world = await build(engine)
    first = await submitted(world, "worker", IDS[0])
    async with world.sessions() as session:
        treasurer = await world.actor(session, "treasurer")
        queue = await card_at(session, VAULT, treasurer, 5, DURING_REVIEW)
        # Past the end of a one-record queue: from the oldest again, and "Next" goes nowhere.
        assert (queue.count, queue.offset, queue.closed) == (1, 0, None)
        assert queue.card is not None and queue.card.record.id == first
        assert following(queue.offset, queue.count) is None
        assert following(2, 3) == 0

        closed = await card_at(session, VAULT, treasurer, 0, REVIEW_CLOSES)
        assert closed.card is None and closed.closed is not None
        assert closed.closed.count == 1


async def test_full_numbers_are_opened_for_the_entitled_and_audited(engine: AsyncEngine) -> None:
    world = await build(engine)
    record_id = await submitted(world, "worker", IDS[0])
    async with world.sessions() as session, session.begin():
        registration = await session.get(Registration, record_id)
        assert registration is not None
        treasurer = await world.actor(session, "treasurer")
        card = await with_full_numbers(session, VAULT, registration, treasurer)
        assert card.record.id == record_id
        with pytest.raises(Refused) as refused:
            await with_full_numbers(
                session, VAULT, registration, await world.actor(session, "financier")
            )
        assert refused.value.reason is Reason.MASKED_ONLY
    async with world.sessions() as session:
        viewers = await session.scalars(
            select(AuditEvent.actor_user_id).where(AuditEvent.kind == AuditKind.SENSITIVE_VIEWED)
        )
        assert list(viewers) == [world.users["treasurer"]]


async def test_viewing_full_numbers_is_allowed_to_the_unit_and_recorded(
    engine: AsyncEngine,
) -> None:
    world = await build(engine)
    record_id = await submitted(world, "worker", IDS[0])

    async with world.sessions() as session, session.begin():
        registration = await session.get(Registration, record_id)
        assert registration is not None
        await view_full_numbers(session, registration, await world.actor(session, "treasurer"))
        with pytest.raises(Refused) as refused:
            await view_full_numbers(session, registration, await world.actor(session, "financier"))
        assert refused.value.reason is Reason.MASKED_ONLY
        with pytest.raises(Refused) as refused:
            await view_full_numbers(session, registration, await world.actor(session, "budgeteer"))
        assert refused.value.reason is Reason.OUT_OF_SCOPE

    async with world.sessions() as session:
        kinds = await session.scalars(
            select(AuditEvent.actor_user_id).where(AuditEvent.kind == AuditKind.SENSITIVE_VIEWED)
        )
        assert list(kinds) == [world.users["treasurer"]]
