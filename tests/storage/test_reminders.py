"""The record of reminders (claimed once, before sending) and who is due one."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.settings import Settings
from storage.models import Campaign, User
from storage.repositories import reminders
from storage.repositories.reminders import DeliveryKey
from tests.bot.reminders.world import World, build_world
from tests.flows.reminders.times import at


@pytest.fixture
async def world(engine: AsyncEngine, settings: Settings) -> World:
    world = await build_world(engine, settings, at(12, 21, 16))
    await world.person("worker", "worker", "u1")
    await world.person("muted", "worker", "u1", reminders_muted=True)
    await world.person("blocked", "worker", "u2", blocked_at=at(12, 5))
    await world.person("busy", "worker", "u2")
    await world.person("unit_officer", "unit_officer", "u1")
    await world.person("other_unit_officer", "unit_officer", "u3")
    await world.person("dept_officer", "department_officer", "dept")
    await world.person("province_officer", "province_officer", "prov")
    return world


def key(world: World, name: str, due: int = 21) -> DeliveryKey:
    return DeliveryKey(world.campaign_id, world.people[name], "draft", at(12, due, 16))


async def test_a_reminder_is_claimed_once(world: World) -> None:
    async with world.session() as session, session.begin():
        assert await reminders.claim(session, key(world, "worker"), at(12, 21, 16))
    async with world.session() as session, session.begin():
        assert not await reminders.claim(session, key(world, "worker"), at(12, 21, 16, 1))
        assert await reminders.claim(session, key(world, "worker", due=25), at(12, 25, 16))
    async with world.session() as session, session.begin():
        await reminders.mark(session, key(world, "worker"), reminders.SENT, at(12, 21, 16, 1))
        recorded = await reminders.deliveries(session, world.campaign_id, world.people["worker"])
    assert [(d.due_at, d.status) for d in recorded] == [
        (at(12, 21, 16), "sent"),
        (at(12, 25, 16), "sending"),
    ]
    assert recorded[0].sent_at == at(12, 21, 16, 1)


async def test_a_released_claim_can_be_claimed_again(world: World) -> None:
    async with world.session() as session, session.begin():
        assert await reminders.claim(session, key(world, "worker"), at(12, 21, 16))
        await reminders.release(session, key(world, "worker"))
    async with world.session() as session, session.begin():
        assert await reminders.claim(session, key(world, "worker"), at(12, 21, 16, 1))
        assert await reminders.recorded_user_ids(
            session, world.campaign_id, "draft", at(12, 21, 16), at(12, 21, 16, 1)
        ) == {world.people["worker"]}


async def test_drafts_are_due_to_their_owners_unless_muted_blocked_or_busy(world: World) -> None:
    for name in ("worker", "muted", "blocked"):
        await world.registration(name, touched=at(12, 3))
    await world.registration("busy", touched=at(12, 21, 17))  # at it after the reminder's moment
    async with world.session() as session:
        found = await reminders.open_registrations(
            session, world.campaign_id, "draft", at(12, 21, 16)
        )
    assert [recipient.user_id for recipient, _ in found] == [world.people["worker"]]
    assert found[0][0].telegram_id == world.chats["worker"]


async def test_the_latest_touched_draft_stands_for_its_owner(world: World) -> None:
    await world.registration("worker", touched=at(12, 3))
    latest = await world.registration("worker", touched=at(12, 5))
    async with world.session() as session:
        found = await reminders.open_registrations(
            session, world.campaign_id, "draft", at(12, 21, 16)
        )
    assert [registration.id for _, registration in found] == [latest]


async def officers_due(world: World) -> dict[int, int]:
    """Each officer due a digest, with how many records wait for them."""
    async with world.session() as session:
        campaign = await session.get(Campaign, world.campaign_id)
        assert campaign is not None
        found = await reminders.waiting_officers(session, campaign)
    return {recipient.user_id: count for recipient, count in found}


async def test_officers_are_due_for_records_waiting_at_their_level_in_scope(world: World) -> None:
    await world.registration("worker", state="submitted", level="unit", unit="u1")
    await world.registration("busy", state="resubmitted", level="unit", unit="u1")
    await world.registration("muted", state="approved", level="department", unit="u2")
    await world.registration("blocked", state="approved", level="province", unit="u3")
    counts = await officers_due(world)
    assert counts == {
        world.people["unit_officer"]: 2,
        world.people["dept_officer"]: 1,
        world.people["province_officer"]: 1,
    }


async def test_an_officers_own_waiting_registration_is_not_counted_for_them(
    world: World,
) -> None:
    await world.registration("worker", state="submitted", level="unit", unit="u1")
    await world.registration("unit_officer", state="submitted", level="unit", unit="u1")
    counts = await officers_due(world)
    assert counts == {world.people["unit_officer"]: 1}


async def test_nobody_is_due_a_digest_when_nothing_waits(world: World) -> None:
    await world.registration("worker", state="draft")
    assert await officers_due(world) == {}


async def test_campaign_and_provincial_officers(world: World) -> None:
    async with world.session() as session:
        provincial = await reminders.provincial_officers(session)
        officers = await reminders.campaign_officers(session, world.campaign_id)
    assert [r.user_id for r in provincial] == [world.people["province_officer"]]
    assert {r.user_id for r in officers} == {
        world.people[name]
        for name in ("unit_officer", "other_unit_officer", "dept_officer", "province_officer")
    }


async def test_unit_figures_count_submitted_waiting_and_granted(world: World) -> None:
    await world.registration("worker", state="draft", unit="u1")
    await world.registration(
        "muted", state="submitted", level="unit", unit="u1", submitted=at(12, 5)
    )
    await world.registration(
        "busy", state="aid_granted", level="province", unit="u1", submitted=at(12, 4)
    )
    await world.registration(
        "blocked", state="returned", level="unit", unit="u2", submitted=at(12, 6)
    )
    async with world.session() as session:
        figures = await reminders.unit_figures(session, world.campaign_id)
    assert [(f.code, f.submitted, f.waiting, f.approved) for f in figures] == [
        ("u1", 2, 1, 1),
        ("u2", 1, 0, 0),
        ("u3", 0, 0, 0),
    ]


async def test_muting_and_unmuting(world: World) -> None:
    async with world.session() as session, session.begin():
        user = await session.get(User, world.people["worker"])
        assert user is not None
        await reminders.set_muted(session, user, True)
    async with world.session() as session, session.begin():
        user = await session.get(User, world.people["worker"])
        assert user is not None and user.reminders_muted
        await reminders.set_muted(session, user, False)
    async with world.session() as session:
        user = await session.get(User, world.people["worker"])
        assert user is not None and not user.reminders_muted


async def test_those_with_the_reminder_recorded_can_be_left_out(world: World) -> None:
    await world.registration("worker", touched=at(12, 3))
    await world.registration("busy", touched=at(12, 3))
    async with world.session() as session, session.begin():
        assert await reminders.claim(session, key(world, "worker"), at(12, 21, 16))
    async with world.session() as session:
        found = await reminders.open_registrations(
            session, world.campaign_id, "draft", at(12, 21, 16), unrecorded="draft"
        )
        every = await reminders.open_registrations(
            session, world.campaign_id, "draft", at(12, 21, 16)
        )
    assert [recipient.user_id for recipient, _ in found] == [world.people["busy"]]
    assert len(every) == 2
