"""A small installation for the reminder tests: a unit tree, Jilin's campaign, people, drafts,
and the Bot API stand-in where everyone has a chat with the bot."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from telegram import Bot
from telegram.ext import BaseRateLimiter, ExtBot
from telegram.request import BaseRequest

from bot.clock import ManualClock
from bot.context import Services
from bot.settings import Settings
from bot.standin import BotApiStandIn, StandInRequest
from bot.standin.running import STAND_IN_TOKEN
from flows.registration import new_state
from storage.crypto import Vault
from storage.database import session_factory
from storage.installation import CampaignPlan, Person, install, tree
from storage.models import Campaign, Registration
from storage.repositories import registrations
from tests.auxil.databases import migrated
from tests.flows.reminders.times import JILIN, PAPER, at

KEY = bytes(range(32))
FORM = "jilin-2020"
TREE = tree(
    "prov",
    "吉林省直机关工会",
    tree("dept", "省财政厅工会", tree("u1", "国库处"), tree("u2", "预算处")),
    tree("dept2", "省交通厅工会", tree("u3", "公路局")),
)
CAMPAIGN = CampaignPlan(
    code="jilin-2020",
    name="2020年元旦春节送温暖",
    form_id=FORM,
    intake_opens=JILIN.intake_opens,
    intake_closes=JILIN.intake_closes,
    review_closes=JILIN.review_closes,
    units=("u1", "u2", "u3"),
    milestones=({"name": PAPER.name, "at": PAPER.at.isoformat()},),
)


@dataclass
class World:
    """What was made: the services, ids by name, and the campaign."""

    services: Services
    clock: ManualClock
    campaign_id: int
    units: dict[str, int]
    people: dict[str, int] = field(default_factory=dict)  # name -> user id
    chats: dict[str, int] = field(default_factory=dict)  # name -> telegram id
    server: BotApiStandIn = field(default_factory=BotApiStandIn)

    def texts_to(self, name: str) -> list[str]:
        """What the bot wrote to ``name``, oldest first."""
        return self.server.chats[self.chats[name]].bot_texts()

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
        """Add someone, with a chat with the bot; their Telegram id is 1000 + their number."""
        telegram_id = 1000 + len(self.people) + 1
        async with self.session() as session, session.begin():
            made = await install(
                session, people=[Person(telegram_id, name, unit, role, locale, extra)]
            )
        self.people[name] = made.users[telegram_id]
        self.chats[name] = telegram_id
        self.server.open_chat(telegram_id, name)
        return made.users[telegram_id]

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
    await migrated(engine)
    clock = ManualClock(start)
    services = Services(
        settings=settings,
        sessions=session_factory(engine),
        vault=Vault(KEY),
        clock=clock,
    )
    async with services.sessions() as session, session.begin():
        made = await install(session, TREE, [CAMPAIGN])
    return World(services, clock, made.campaigns[CAMPAIGN.code], made.units)


async def bot_on(
    server: BotApiStandIn,
    rate_limiter: BaseRateLimiter[Any] | None = None,
    request: BaseRequest | None = None,
) -> Bot:
    """A bot talking to ``server`` (through ``request`` if given), initialised."""
    request = request or StandInRequest(server)
    bot: Bot = ExtBot(
        STAND_IN_TOKEN, request=request, get_updates_request=request, rate_limiter=rate_limiter
    )
    await bot.initialize()
    return bot
