"""An installation written as data: the unit tree, campaigns on its units, people bound to them.

The demo of ``songnuan chat``, the benchmarks and the tests describe the installation they need
with :func:`tree`, :class:`CampaignPlan` and :class:`Person`, and :func:`install` makes the
rows (the units through the repository call of ``songnuan unit add``, which checks their
place). A unit's kind follows from its depth: the province, its departments, their units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Role
from storage.models import Campaign, Unit, User
from storage.repositories import campaigns, units

KIND_AT_DEPTH: Final = ("province", "department", "unit")


@dataclass(frozen=True)
class Branch:
    """A unit and the units under it."""

    code: str
    name: str
    below: tuple[Branch, ...] = ()

    def walk(self) -> Iterator[tuple[Branch, int, str | None]]:
        """Each unit of the branch with its depth and its parent's code, level by level: the
        provincial union first, then every department, then every unit."""
        level: list[tuple[Branch, str | None]] = [(self, None)]
        depth = 0
        while level:
            for branch, parent in level:
                yield branch, depth, parent
            level = [(below, branch.code) for branch, _ in level for below in branch.below]
            depth += 1


def tree(code: str, name: str, *below: Branch) -> Branch:
    """A unit with ``below`` under it: ``tree("p", "省总", tree("d", "厅局", tree("u", "处")))``."""
    return Branch(code, name, below)


@dataclass(frozen=True)
class CampaignPlan:
    """A campaign on some units (by code); its policy is its form's unless named."""

    code: str
    name: str
    form_id: str
    intake_opens: dt.datetime
    intake_closes: dt.datetime
    review_closes: dt.datetime
    units: tuple[str, ...]
    policy_id: str | None = None
    levels: tuple[str, ...] | None = None
    milestones: tuple[Mapping[str, str], ...] = ()


@dataclass(frozen=True)
class Person:
    """Someone the bot knows, bound to a unit (by code) in a role."""

    telegram_id: int
    name: str
    unit: str | None
    role: str = "worker"
    locale: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)  # other columns of the user row


@dataclass(frozen=True)
class Installed:
    """The ids of what was made: units and campaigns by code, users by Telegram id."""

    units: dict[str, int]
    campaigns: dict[str, int]
    users: dict[int, int]


async def install(
    session: AsyncSession,
    root: Branch | None = None,
    plans: Sequence[CampaignPlan] = (),
    people: Sequence[Person] = (),
) -> Installed:
    """Make the tree's units, the campaigns and the people; units named by code that are not
    in ``root`` must exist already. Someone the bot met already is bound as said."""
    made: dict[str, Unit] = {}
    for branch, depth, parent in root.walk() if root else ():
        kind = KIND_AT_DEPTH[min(depth, len(KIND_AT_DEPTH) - 1)]
        above = made[parent] if parent else None
        made[branch.code] = await units.add(session, branch.code, branch.name, kind, above)
    unit_ids = {code: unit.id for code, unit in made.items()}
    named = {code for plan in plans for code in plan.units}
    named |= {person.unit for person in people if person.unit}
    if unknown := named - unit_ids.keys():
        existing = await session.execute(select(Unit.code, Unit.id).where(Unit.code.in_(unknown)))
        unit_ids.update({code: unit_id for code, unit_id in existing})
    campaign_ids = {plan.code: await _campaign(session, plan, unit_ids) for plan in plans}
    return Installed(unit_ids, campaign_ids, await _people(session, people, unit_ids))


async def _campaign(session: AsyncSession, plan: CampaignPlan, unit_ids: dict[str, int]) -> int:
    campaign = Campaign(
        code=plan.code,
        name=plan.name,
        form_id=plan.form_id,
        policy_id=plan.policy_id or plan.form_id,
        intake_opens=plan.intake_opens,
        intake_closes=plan.intake_closes,
        review_closes=plan.review_closes,
        milestones=[dict(milestone) for milestone in plan.milestones],
    )
    if plan.levels is not None:
        campaign.levels = list(plan.levels)
    session.add(campaign)
    await session.flush()
    await campaigns.add_units(session, campaign, [unit_ids[code] for code in plan.units])
    return campaign.id


async def _people(
    session: AsyncSession, people: Sequence[Person], unit_ids: dict[str, int]
) -> dict[int, int]:
    wanted = [person.telegram_id for person in people]
    known = {
        user.telegram_id: user
        for user in await session.scalars(select(User).where(User.telegram_id.in_(wanted)))
    }
    for person in people:
        user = known.get(person.telegram_id)
        if user is None:
            user = known[person.telegram_id] = User(telegram_id=person.telegram_id)
            session.add(user)
        user.display_name = person.name
        user.role = Role(person.role)
        user.unit_id = unit_ids[person.unit] if person.unit else None
        if person.locale is not None:
            user.locale = person.locale
        for column, value in person.extra.items():
            setattr(user, column, value)
    await session.flush()
    return {telegram_id: user.id for telegram_id, user in known.items()}
