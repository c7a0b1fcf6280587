"""Demo data so that `songnuan chat` is useful at once on an empty database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from flows.i18n import DISPLAY_ZONE
from storage.models import Campaign, User
from storage.repositories import campaigns, units, users

DEMO_WORKER_ID = 10001
DEMO_OFFICER_ID = 20001
DEMO_FORM = "jilin-2020"
DEMO_POLICY = "jilin-2020"


@dataclass(frozen=True)
class DemoPeople:
    """The Telegram ids the terminal plays as."""

    worker: int = DEMO_WORKER_ID
    officer: int = DEMO_OFFICER_ID


def _at(now: dt.datetime, *, days: int, hour: int) -> dt.datetime:
    """A deadline as notices set them: a day ahead, on the hour, in Beijing time."""
    day = (now.astimezone(DISPLAY_ZONE) + dt.timedelta(days=days)).date()
    return dt.datetime.combine(day, dt.time(hour), tzinfo=DISPLAY_ZONE)


async def seed_demo(session: AsyncSession, now: dt.datetime) -> bool:
    """Create the demo data unless the database has units already; whether it did."""
    if await units.all_units(session):
        return False
    province = await units.add(session, "province", "省直机关工会", "province", None)
    department = await units.add(session, "demo-dept", "示范厅局工会", "department", province)
    unit = await units.add(session, "demo-unit", "示范单位工会", "unit", department)
    campaign = Campaign(
        code="demo",
        name="元旦春节送温暖活动（演示）",
        form_id=DEMO_FORM,
        policy_id=DEMO_POLICY,
        intake_opens=now - dt.timedelta(days=1),
        intake_closes=_at(now, days=30, hour=16),
        review_closes=_at(now, days=40, hour=17),
    )
    session.add(campaign)
    await session.flush()
    await campaigns.add_units(session, campaign, [unit.id])
    worker = await users.get_or_create(session, DEMO_WORKER_ID, "演示职工")
    worker.unit_id = unit.id
    session.add(
        User(
            telegram_id=DEMO_OFFICER_ID,
            display_name="演示工会干部",
            role="unit_officer",
            unit_id=unit.id,
        )
    )
    return True
