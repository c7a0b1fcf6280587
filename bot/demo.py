"""Demo data so that `songnuan chat` is useful at once on an empty database."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Role
from storage.installation import CampaignPlan, Person, install, tree
from storage.repositories import units

DEMO_WORKER_ID = 10001
DEMO_OFFICER_ID = 20001
DEMO_FORM = "jilin-2020"
DEMO_POLICY = "jilin-2020"
DEMO_TREE = tree(
    "province",
    "省直机关工会",
    tree("demo-dept", "示范厅局工会", tree("demo-unit", "示范单位工会")),
)
DEMO_PEOPLE = (
    Person(DEMO_WORKER_ID, "演示职工", "demo-unit"),
    Person(DEMO_OFFICER_ID, "演示工会干部", "demo-unit", Role.UNIT_OFFICER),
)


def _at(now: dt.datetime, zone: ZoneInfo, *, days: int, hour: int) -> dt.datetime:
    """A deadline as notices set them: days ahead, on the hour, in the installation's zone."""
    day = (now.astimezone(zone) + dt.timedelta(days=days)).date()
    return dt.datetime.combine(day, dt.time(hour), tzinfo=zone)


async def seed_demo(session: AsyncSession, now: dt.datetime, zone: ZoneInfo) -> bool:
    """Create the demo data unless the database has units already; whether it did."""
    if await units.all_units(session):
        return False
    campaign = CampaignPlan(
        code="demo",
        name="元旦春节送温暖活动（演示）",
        form_id=DEMO_FORM,
        policy_id=DEMO_POLICY,
        intake_opens=now - dt.timedelta(days=1),
        intake_closes=_at(now, zone, days=30, hour=16),
        review_closes=_at(now, zone, days=40, hour=17),
        units=("demo-unit",),
    )
    await install(session, DEMO_TREE, [campaign], DEMO_PEOPLE)
    return True
