"""Decisions in the database: up the chain to an amount, a return and its correction, and two
officers deciding at once (exactly one wins, the other is told who)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.usecases.deciding import apply_decision
from bot.usecases.submitting import submit
from flows.access import Actor, Reason, Refused
from flows.audit import AuditKind
from flows.forms.texts import render_text
from flows.i18n import translator
from flows.registration import Phase
from flows.review import Approve, Decision, Reject, Return, Transition, history_lines
from storage.models import AuditEvent, Registration
from storage.repositories import audit, registrations, review
from tests.storage.review_world import DURING_REVIEW, IDS, VAULT, World, build, submitted


async def _decide(world: World, name: str, record_id: int, decision: Decision) -> Transition:
    async with world.sessions() as session, session.begin():
        registration = await session.get(Registration, record_id)
        assert registration is not None
        officer = await world.actor(session, name)
        return await apply_decision(session, VAULT, registration, decision, officer, DURING_REVIEW)


async def _record(world: World, record_id: int) -> Registration:
    async with world.sessions() as session:
        registration = await session.get(Registration, record_id)
        assert registration is not None
        return registration


async def test_a_record_goes_up_the_chain_and_gets_an_amount(engine: AsyncEngine) -> None:
    world = await build(engine)
    record_id = await submitted(world, "worker", IDS[0])

    await _decide(world, "treasurer", record_id, Approve())
    await _decide(world, "financier", record_id, Approve())
    granted = await _decide(world, "governor", record_id, Approve(Decimal("800")))

    assert granted.kind is AuditKind.AID_GRANTED
    stored = await _record(world, record_id)
    assert (stored.state, stored.level, stored.aid_amount) == (
        "aid_granted",
        "province",
        Decimal("800.00"),
    )
    async with world.sessions() as session:
        events = await audit.for_registration(session, record_id)
        trail = [(e.kind, e.from_state, e.to_state, e.details.get("to_level")) for e in events]
        assert trail == [
            ("submitted", "draft", "submitted", "unit"),
            ("approved", "submitted", "approved", "department"),
            ("approved", "approved", "approved", "province"),
            ("aid_granted", "approved", "aid_granted", "province"),
        ]
        assert [e.actor_user_id for e in events] == [
            world.users[name] for name in ("worker", "treasurer", "financier", "governor")
        ]
        assert events[-1].details["amount"] == "800.00"


async def test_a_shorter_chain_lets_the_unit_set_the_amount(engine: AsyncEngine) -> None:
    world = await build(engine, levels=["unit"])
    record_id = await submitted(world, "worker", IDS[0])
    with pytest.raises(Refused) as refused:
        await _decide(world, "treasurer", record_id, Approve())
    assert refused.value.reason is Reason.AMOUNT_REQUIRED
    await _decide(world, "treasurer", record_id, Approve(Decimal("500")))
    assert (await _record(world, record_id)).state == "aid_granted"


async def test_a_return_reopens_only_the_flagged_answers_and_the_resubmission_says_what_changed(
    engine: AsyncEngine,
) -> None:
    world = await build(engine)
    record_id = await submitted(world, "worker", IDS[0])

    await _decide(world, "treasurer", record_id, Return(("phone", "name"), "wrong phone"))

    async with world.sessions() as session, session.begin():
        registration = await session.get(Registration, record_id)
        assert registration is not None and registration.state == "returned"
        state = registrations.open_state(VAULT, registration)
        assert state.only == ("phone", "name") and state.phase is Phase.ANSWERING
        # The worker corrects the phone and answers the name again unchanged.
        corrected = state.but(
            phase=Phase.SUBMITTING,
            answers={**state.answers, "phone": "+8613912345678"},
            reasked=("phone", "name"),
        )
        registrations.seal_state(VAULT, registration, corrected)
        await session.flush()
        worker = await world.actor(session, "worker")
        resubmitted = await submit(session, VAULT, registration, worker, DURING_REVIEW)
        assert resubmitted.kind is AuditKind.RESUBMITTED and resubmitted.changed == ("phone",)

    async with world.sessions() as session:
        treasurer = await world.actor(session, "treasurer")
        queue = await review.waiting(session, treasurer)
        assert [record.id for record in queue.records] == [record_id]
        assert await review.resubmission_changes(session, queue.records[0]) == ("phone",)
        entries = await review.history(session, record_id)
        lines = [render_text(line, translator("en")) for line in history_lines(entries)]
        assert "answers: phone, name" in lines[1] and "wrong phone" in lines[1]
        assert "changed: phone" in lines[2]
        returned = (await audit.for_registration(session, record_id))[1]
        assert IDS[0] not in str(returned.details) and "+8613812345678" not in str(returned.details)


async def test_a_rejection_needs_a_reason_and_ends_the_record(engine: AsyncEngine) -> None:
    world = await build(engine)
    record_id = await submitted(world, "worker", IDS[0])
    with pytest.raises(Refused):
        await _decide(world, "treasurer", record_id, Reject(" "))
    await _decide(world, "treasurer", record_id, Reject("income above the line"))
    with pytest.raises(Refused) as refused:
        await _decide(world, "treasurer2", record_id, Approve())
    assert refused.value.reason is Reason.ALREADY_DECIDED
    assert "treasurer" in translator("en").render(refused.value.message)


async def _count(session: AsyncSession, kind: str) -> int:
    found = await session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.kind == kind))
    return found or 0


async def test_an_officer_working_from_a_stale_card_learns_who_decided(
    engine: AsyncEngine,
) -> None:
    world = await build(engine)
    record_id = await submitted(world, "worker", IDS[0])
    async with world.sessions() as first, world.sessions() as second:
        seen_first = await first.get(Registration, record_id)
        seen_second = await second.get(Registration, record_id)
        assert seen_first is not None and seen_second is not None
        one = await world.actor(first, "treasurer")
        two = await world.actor(second, "treasurer2")
        await first.commit()
        await second.commit()

        await apply_decision(first, VAULT, seen_first, Approve(), one, DURING_REVIEW)
        await first.commit()
        with pytest.raises(Refused) as refused:
            await apply_decision(second, VAULT, seen_second, Reject("too late"), two, DURING_REVIEW)
        await second.rollback()

    assert refused.value.reason is Reason.ALREADY_DECIDED
    assert "treasurer" in translator("zh_CN").render(refused.value.message)
    stored = await _record(world, record_id)
    assert (stored.state, stored.version) == ("approved", 3)  # draft, submitted, approved


async def test_two_officers_deciding_at_once_exactly_one_wins(engine: AsyncEngine) -> None:
    world = await build(engine)
    record_id = await submitted(world, "worker", IDS[0])

    async with world.sessions() as first, world.sessions() as second:
        loaded = []
        for session, name in ((first, "treasurer"), (second, "treasurer2")):
            registration = await session.get(Registration, record_id)
            officer = await world.actor(session, name)
            await session.commit()  # nothing held open: each decision starts afresh
            assert registration is not None
            loaded.append((session, registration, officer))

        async def decide(
            session: AsyncSession, registration: Registration, officer: Actor, decision: Decision
        ) -> Transition | Refused:
            try:
                moved = await apply_decision(
                    session, VAULT, registration, decision, officer, DURING_REVIEW
                )
            except Refused as refused:
                await session.rollback()
                return refused
            await session.commit()
            return moved

        outcomes = await asyncio.gather(
            decide(*loaded[0], Approve()),
            decide(*loaded[1], Return(("phone",), "check the phone")),
        )

    winners = [outcome for outcome in outcomes if isinstance(outcome, Transition)]
    losers = [outcome for outcome in outcomes if isinstance(outcome, Refused)]
    assert len(winners) == 1 and len(losers) == 1
    assert losers[0].reason is Reason.ALREADY_DECIDED
    winner_name = "treasurer" if winners[0].kind is AuditKind.APPROVED else "treasurer2"
    assert f"by {winner_name}:" in translator("en").render(losers[0].message)
    async with world.sessions() as session:
        stored = await session.get(Registration, record_id)
        assert stored is not None and stored.state == winners[0].to_state.value
        decisions = await _count(session, "approved") + await _count(session, "returned")
        assert decisions == 1
