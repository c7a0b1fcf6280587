"""A small installation for conversation tests: a unit tree, campaigns, people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.context import Services
from storage.installation import CampaignPlan, Person, install, tree

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


TREE = tree(
    "province",
    "吉林省直机关工会",
    tree(
        "finance",
        "省财政厅工会",
        tree("treasury", "国库处工会小组"),
        tree("budget", "预算处工会小组"),
    ),
    tree("transport", "省交通厅工会", tree("roads", "公路局工会")),
)
PEOPLE = (
    Person(WORKER, "张丽", "treasury"),
    Person(OTHER_WORKER, "王强", "budget"),
    Person(FAR_WORKER, "赵敏", "roads"),
    Person(UNIT_OFFICER, "李明", "treasury", "unit_officer"),
    Person(OTHER_UNIT_OFFICER, "陈静", "budget", "unit_officer"),
    Person(DEPARTMENT_OFFICER, "周涛", "finance", "department_officer"),
    Person(PROVINCE_OFFICER, "吴刚", "province", "province_officer"),
)


async def seed(services: Services, form_id: str = "jilin-2020") -> Scenario:
    """A province, two departments with a unit each (plus a second unit), a campaign, people."""
    campaign = CampaignPlan(
        code="2020",
        name="2020年元旦春节送温暖",
        form_id=form_id,
        intake_opens=dt.datetime(2019, 12, 10, 9, 0, tzinfo=SHANGHAI),
        intake_closes=JILIN_INTAKE_CLOSES,
        review_closes=dt.datetime(2019, 12, 31, 17, 0, tzinfo=SHANGHAI),
        units=("treasury", "budget", "roads"),
    )
    async with services.sessions() as session, session.begin():
        made = await install(session, TREE, [campaign], PEOPLE)
    return Scenario(campaign.code, made.units)
