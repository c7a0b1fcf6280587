"""A database with a unit tree, officers of each level, a campaign and records, for the
review repository tests.

::

    province ─┬─ finance (department) ─┬─ treasury (unit)
              │                         └─ budget (unit)
              └─ transport (department) ── roads (unit)
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any, Final
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.usecases.submitting import submit
from flows.access import Actor
from flows.registration import Phase, new_state
from storage.crypto import Vault
from storage.database import session_factory
from storage.installation import CampaignPlan, Person, install, tree
from storage.models import Registration, User
from storage.repositories import registrations, review
from tests.auxil.databases import migrated

SHANGHAI: Final = ZoneInfo("Asia/Shanghai")
VAULT: Final = Vault(base64.b64decode(base64.b64encode(bytes(range(32)))))
INTAKE_OPENS: Final = dt.datetime(2019, 12, 10, 9, 0, tzinfo=SHANGHAI)
INTAKE_CLOSES: Final = dt.datetime(2019, 12, 28, 16, 0, tzinfo=SHANGHAI)
REVIEW_CLOSES: Final = dt.datetime(2020, 1, 10, 17, 0, tzinfo=SHANGHAI)
DURING_INTAKE: Final = dt.datetime(2019, 12, 20, 10, 0, tzinfo=SHANGHAI)
DURING_REVIEW: Final = dt.datetime(2020, 1, 5, 10, 0, tzinfo=SHANGHAI)
# Valid GB 11643 numbers (check digits computed), none of a real person.
IDS: Final = (
    "110101199003077571",
    "110101199003073511",
    "110101199003076915",
    "220102198506151232",
)


@dataclass
class World:
    """Ids of what was made: units by code, users by name, the campaign."""

    sessions: async_sessionmaker[AsyncSession]
    units: dict[str, int]
    users: dict[str, int]
    campaign_id: int

    async def actor(self, session: AsyncSession, name: str) -> Actor:
        """The acting person ``name``, with their scope."""
        return await review.actor_for(session, await session.get(User, self.users[name]))


PEOPLE: Final = [
    ("worker", "worker", "treasury"),
    ("worker2", "worker", "treasury"),
    ("budget_worker", "worker", "budget"),
    ("roads_worker", "worker", "roads"),
    ("treasurer", "unit_officer", "treasury"),
    ("treasurer2", "unit_officer", "treasury"),
    ("budgeteer", "unit_officer", "budget"),
    ("financier", "department_officer", "finance"),
    ("transporter", "department_officer", "transport"),
    ("governor", "province_officer", "province"),
]


TREE: Final = tree(
    "province",
    "省直机关工会",
    tree("finance", "finance", tree("treasury", "treasury"), tree("budget", "budget")),
    tree("transport", "transport", tree("roads", "roads")),
)


async def build(engine: AsyncEngine, levels: list[str] | None = None) -> World:
    """Upgrade the database and fill it with the tree, the people and one campaign."""
    await migrated(engine)
    sessions = session_factory(engine)
    people = [
        Person(1000 + number, name, unit, role)
        for number, (name, role, unit) in enumerate(PEOPLE, start=1)
    ]
    campaign = CampaignPlan(
        code="2020",
        name="2020",
        form_id="jilin-2020",
        intake_opens=INTAKE_OPENS,
        intake_closes=INTAKE_CLOSES,
        review_closes=REVIEW_CLOSES,
        units=("treasury", "budget", "roads"),
        levels=tuple(levels) if levels else None,
    )
    async with sessions() as session, session.begin():
        made = await install(session, TREE, [campaign], people)
    users = {person.name: made.users[person.telegram_id] for person in people}
    return World(sessions, made.units, users, made.campaigns[campaign.code])


def answers(resident_id: str, **more: Any) -> dict[str, Any]:
    """A few answers of a record: enough for the review, not a whole form."""
    return {
        "name": "某某",
        "resident_id": resident_id,
        "phone": "+8613812345678",
        "hardship_types": ["low_income", "serious_illness"],
        **more,
    }


async def draft(
    session: AsyncSession,
    world: World,
    owner: str,
    resident_id: str,
    *,
    unit: str | None = None,
    entered_by: str | None = None,
) -> Registration:
    """A finished draft of ``owner`` (filled in by ``entered_by``), ready to submit."""
    user = await session.get(User, world.users[owner])
    assert user is not None and user.unit_id is not None
    state = new_state("jilin-2020").but(phase=Phase.SUBMITTING, answers=answers(resident_id))
    registration = registrations.new_draft(
        session,
        VAULT,
        campaign_id=world.campaign_id,
        unit_id=world.units[unit] if unit else user.unit_id,
        entered_by_user_id=world.users[entered_by or owner],
        subject_user_id=user.id,
        state=state,
    )
    registration.resident_id_hash = VAULT.blind_index(resident_id)
    await session.flush()
    return registration


async def submitted(
    world: World, owner: str, resident_id: str, at: dt.datetime = DURING_INTAKE, **kwargs: Any
) -> int:
    """A record of ``owner`` submitted at ``at``, committed; its id."""
    async with world.sessions() as session, session.begin():
        registration = await draft(session, world, owner, resident_id, **kwargs)
        person = await world.actor(session, kwargs.get("entered_by") or owner)
        await submit(session, VAULT, registration, person, at)
        return registration.id
