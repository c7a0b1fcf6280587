"""The Party-aided list flags an existing record at import and a later one at submission."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.usecases.submitting import submit
from flows.audit import AuditKind
from storage.models import AuditEvent, PartyAidedPerson, Registration
from storage.repositories import party_aided
from tests.storage.review_world import DURING_INTAKE, IDS, VAULT, build, draft, submitted


async def test_import_flags_existing_records_then_later_submissions(engine: AsyncEngine) -> None:
    world = await build(engine)
    existing = await submitted(world, "worker", IDS[0])
    not_listed = await submitted(world, "worker2", IDS[1])
    async with world.sessions() as session, session.begin():
        pending = (await draft(session, world, "budget_worker", IDS[2])).id

    async with world.sessions() as session, session.begin():
        hashes = [party_aided.resident_id_hash(VAULT, number) for number in (IDS[0], IDS[2])]
        assert await party_aided.add(session, hashes, DURING_INTAKE) == 2
        assert await party_aided.add(session, hashes[:1], DURING_INTAKE) == 0
        assert await party_aided.flag_submitted(session) == [existing]  # drafts wait
        assert await party_aided.flag_submitted(session) == []  # once only

    async with world.sessions() as session:
        stored = list(await session.scalars(select(PartyAidedPerson.resident_id_hash)))
        assert len(stored) == 2 and IDS[0] not in stored and IDS[2] not in stored
        assert await party_aided.listed_among(session, [existing, not_listed]) == {existing}
        assert await party_aided.is_listed(session, party_aided.resident_id_hash(VAULT, IDS[2]))

    async with world.sessions() as session, session.begin():
        registration = await session.get(Registration, pending)
        assert registration is not None
        person = await world.actor(session, "budget_worker")
        await submit(session, VAULT, registration, person, DURING_INTAKE)
    unlisted_later = await submitted(world, "roads_worker", IDS[3])

    async with world.sessions() as session:
        flagged = await session.scalars(
            select(AuditEvent.registration_id)
            .where(AuditEvent.kind == AuditKind.PARTY_AIDED_FLAGGED)
            .order_by(AuditEvent.id)
        )
        assert list(flagged) == [existing, pending]
        assert unlisted_later not in await party_aided.listed_among(session, [unlisted_later])


async def test_replacing_the_list_drops_the_old_one(engine: AsyncEngine) -> None:
    world = await build(engine)
    old, new = (party_aided.resident_id_hash(VAULT, number) for number in IDS[:2])
    async with world.sessions() as session, session.begin():
        await party_aided.add(session, [old], DURING_INTAKE)
    async with world.sessions() as session, session.begin():
        assert await party_aided.add(session, [new], DURING_INTAKE, replace=True) == 1
        assert not await party_aided.is_listed(session, old)
        assert await party_aided.is_listed(session, new)
        assert not await party_aided.is_listed(session, None)
