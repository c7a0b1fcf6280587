"""A small installation for the reminder tests: a unit tree, Jilin's campaign, people, drafts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.clock import ManualClock
from bot.context import Services
from bot.settings import Settings
from flows.registration import new_state
from storage.crypto import Vault
from storage.database import session_factory, upgrade
from storage.models import Campaign, Registration, User
from storage.repositories import campaigns, registrations, units
from tests.flows.reminders.times import JILIN, PAPER, at

KEY = bytes(range(32))
FORM = "jilin-2020"


@dataclass
class World:
    """What was made: the services, ids by name, and the campaign."""

    services: Services
    clock: ManualClock
    campaign_id: int
    units: dict[str, int]
    people: dict[str, int] = field(default_factory=dict)  # name -> user id
    chats: dict[str, int] = field(default_factory=dict)  # name -> telegram id

    def session(self) -> AsyncSession:
        """A new session on the world's database."""
        return self.services.sessions()

    async def person(
        self,
        name: str,
        role: str,
        unit: str | None,
        locale: str | None = "zh_CN",
        **extra: Any,
    ) -> int:
        """Add someone; their Telegram id is 1000 + their number."""
        telegram_id = 1000 + len(self.people) + 1
        async with self.session() as session, session.begin():
            user = User(
                telegram_id=telegram_id,
                display_name=name,
                role=role,
                unit_id=self.units[unit] if unit else None,
                locale=locale,
                **extra,
            )
            session.add(user)
            await session.flush()
            self.people[name] = user.id
            self.chats[name] = telegram_id
        return user.id

    async def registration(
        self,
        name: str,
        *,
        state: str = "draft",
        level: str | None = None,
        unit: str = "u1",
        answers: dict[str, Any] | None = None,
        touched: dt.datetime | None = None,
        submitted: dt.datetime | None = None,
    ) -> int:
        """A registration entered by ``name`` in ``unit``, last touched at ``touched``."""
        touched = touched or at(12, 2)
        async with self.session() as session, session.begin():
            registration = registrations.new_draft(
                session,
                self.services.vault,
                campaign_id=self.campaign_id,
                unit_id=self.units[unit],
                entered_by_user_id=self.people[name],
                subject_user_id=self.people[name],
                state=new_state(FORM).but(answers=answers or {}),
            )
            registration.state = state
            registration.level = level
            registration.created_at = touched
            registration.submitted_at = submitted
            await session.flush()
            registration_id = registration.id
        await self._set_touched(registration_id, touched)
        return registration_id

    async def _set_touched(self, registration_id: int, touched: dt.datetime) -> None:
        # The column updates itself to the real time on every change; the tests' clock differs.
        async with self.session() as session, session.begin():
            await session.execute(
                update(Registration)
                .where(Registration.id == registration_id)
                .values(updated_at=touched)
                .execution_options(synchronize_session=False)
            )

    async def touch(self, registration_id: int, touched: dt.datetime) -> None:
        """The worker answered another question at ``touched``."""
        await self._set_touched(registration_id, touched)

    async def move_deadlines(self, **times: dt.datetime) -> None:
        """A provincial officer extends the campaign's deadlines."""
        async with self.session() as session, session.begin():
            campaign = await session.get(Campaign, self.campaign_id)
            assert campaign is not None
            for name, moment in times.items():
                setattr(campaign, name, moment)


async def build_world(engine: AsyncEngine, settings: Settings, start: dt.datetime) -> World:
    """Province → department → two units (and a second department with one), Jilin's campaign."""
    await upgrade(engine)
    clock = ManualClock(start)
    services = Services(
        settings=settings,
        sessions=session_factory(engine),
        vault=Vault(KEY),
        clock=clock,
    )
    async with services.sessions() as session, session.begin():
        province = await units.add(session, "prov", "吉林省直机关工会", "province", None)
        dept = await units.add(session, "dept", "省财政厅工会", "department", province)
        dept2 = await units.add(session, "dept2", "省交通厅工会", "department", province)
        u1 = await units.add(session, "u1", "国库处", "unit", dept)
        u2 = await units.add(session, "u2", "预算处", "unit", dept)
        u3 = await units.add(session, "u3", "公路局", "unit", dept2)
        campaign = Campaign(
            code="jilin-2020",
            name="2020年元旦春节送温暖",
            form_id=FORM,
            policy_id=FORM,
            intake_opens=JILIN.intake_opens,
            intake_closes=JILIN.intake_closes,
            review_closes=JILIN.review_closes,
            milestones=[{"name": PAPER.name, "at": PAPER.at.isoformat()}],
        )
        session.add(campaign)
        await session.flush()
        await campaigns.add_units(session, campaign, [u1.id, u2.id, u3.id])
        ids = {unit.code: unit.id for unit in (province, dept, dept2, u1, u2, u3)}
        campaign_id = campaign.id
    return World(services, clock, campaign_id, ids)
