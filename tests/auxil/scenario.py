"""A small installation for conversation tests: a unit tree, campaigns, people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.context import Services
from storage.models import Campaign, User
from storage.repositories import campaigns, units

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Jilin's notice: the online system closes on 28 December at 16:00.
JILIN_INTAKE_CLOSES = dt.datetime(2019, 12, 28, 16, 0, tzinfo=SHANGHAI)

WORKER = 10001
OTHER_WORKER = 10002
FAR_WORKER = 10003  # in another department's unit
UNIT_OFFICER = 20001
OTHER_UNIT_OFFICER = 20002
DEPARTMENT_OFFICER = 21001
PROVINCE_OFFICER = 22001


@dataclass(frozen=True)
class Scenario:
    """What was created, by code."""

    campaign_code: str
    unit_ids: dict[str, int]


async def seed(services: Services, form_id: str = "jilin-2020") -> Scenario:
    """A province, two departments with a unit each (plus a second unit), a campaign, people."""
    async with services.sessions() as session, session.begin():
        province = await units.add(session, "province", "吉林省直机关工会", "province", None)
        finance = await units.add(session, "finance", "省财政厅工会", "department", province)
        transport = await units.add(session, "transport", "省交通厅工会", "department", province)
        treasury = await units.add(session, "treasury", "国库处工会小组", "unit", finance)
        budget = await units.add(session, "budget", "预算处工会小组", "unit", finance)
        roads = await units.add(session, "roads", "公路局工会", "unit", transport)
        campaign = Campaign(
            code="2020",
            name="2020年元旦春节送温暖",
            form_id=form_id,
            policy_id=form_id,
            intake_opens=dt.datetime(2019, 12, 10, 9, 0, tzinfo=SHANGHAI),
            intake_closes=JILIN_INTAKE_CLOSES,
            review_closes=dt.datetime(2019, 12, 31, 17, 0, tzinfo=SHANGHAI),
        )
        session.add(campaign)
        await session.flush()
        await campaigns.add_units(session, campaign, [treasury.id, budget.id, roads.id])
        people = [
            (WORKER, "张丽", "worker", treasury.id),
            (OTHER_WORKER, "王强", "worker", budget.id),
            (FAR_WORKER, "赵敏", "worker", roads.id),
            (UNIT_OFFICER, "李明", "unit_officer", treasury.id),
            (OTHER_UNIT_OFFICER, "陈静", "unit_officer", budget.id),
            (DEPARTMENT_OFFICER, "周涛", "department_officer", finance.id),
            (PROVINCE_OFFICER, "吴刚", "province_officer", province.id),
        ]
        for telegram_id, name, role, unit_id in people:
            session.add(
                User(telegram_id=telegram_id, display_name=name, role=role, unit_id=unit_id)
            )
        ids = {u.code: u.id for u in (province, finance, transport, treasury, budget, roads)}
        return Scenario(campaign.code, ids)
