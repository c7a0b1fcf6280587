"""/stats through the stand-in: the scope's numbers as text, and the chart as a photo."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from bot.context import Services
from bot.standin import SimulatedUser
from bot.standin.running import StandInBot
from storage.models import Campaign
from storage.repositories import campaigns
from tests.auxil.scenario import DEPARTMENT_OFFICER, OTHER_WORKER, SHANGHAI, UNIT_OFFICER, seed
from tests.conversations.test_exports import MORE_IDS, copy_record, forged_press, jilin_records


def chart_of(standin: StandInBot, officer: SimulatedUser) -> Image.Image:
    """The photo the bot sent last, opened as a picture."""
    photo = officer.last.photo
    assert photo is not None
    content = standin.server.files[photo["file_id"]].content
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(io.BytesIO(content))


async def test_a_unit_officer_sees_the_numbers_and_the_chart(
    services: Services, standin: StandInBot
) -> None:
    await jilin_records(services, standin)
    officer = standin.user(UNIT_OFFICER, "李明")
    await officer.send("/stats")
    assert officer.bot_messages[-2].text.splitlines() == [
        "2020年元旦春节送温暖统计（国库处工会小组）：",
        "登记数：1",
        "  下级已审核通过，等待审核：1",
        "等待审核：",
        "  主管厅局工会：1",
        "按困难类型（一份登记可有多项）：",
        "  单亲女职工：1",
        "  大重病：1",
        "  子女上学：1",
    ]
    assert officer.last.text == "各单位登记数（按状态）及每日提交数，登记截止日期为2019年12月28日。"
    picture = chart_of(standin, officer)
    assert picture.format == "PNG" and picture.width > 600


async def test_a_department_sees_its_units_only(services: Services, standin: StandInBot) -> None:
    scenario = await jilin_records(services, standin)
    await copy_record(services, scenario, "budget", MORE_IDS[0], "王强")
    await copy_record(services, scenario, "roads", MORE_IDS[1], "赵敏")
    officer = standin.user(DEPARTMENT_OFFICER, "Zhou Tao", "en")
    await officer.send("/stats")
    lines = officer.bot_messages[-2].text.splitlines()
    assert lines[:3] == [
        "Statistics of 2020年元旦春节送温暖 for 省财政厅工会:",
        "Records: 2",
        "  approved by the level below, waiting for review: 2",
    ]
    assert officer.last.text == (
        "Registrations per unit by state, and submissions per day until intake closes on "
        "December 28, 2019."
    )
    chart_of(standin, officer)


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_workers_are_refused(services: Services, standin: StandInBot, locale: str) -> None:
    await seed(services)
    worker = standin.user(OTHER_WORKER, "王强", "en" if locale == "en" else "zh-hans")
    await worker.send("/stats")
    expected = {"zh_CN": "只有工会干部可以进行此操作。", "en": "Only union officers can do this."}
    assert worker.last.text == expected[locale]
    assert worker.last.photo is None


async def add_campaign(services: Services, unit_id: int) -> None:
    """A later campaign covering one unit."""
    async with services.sessions() as session, session.begin():
        later = Campaign(
            code="2021",
            name="2021年元旦春节送温暖",
            form_id="jilin-2020",
            policy_id="jilin-2020",
            intake_opens=dt.datetime(2020, 12, 10, 9, 0, tzinfo=SHANGHAI),
            intake_closes=dt.datetime(2020, 12, 28, 16, 0, tzinfo=SHANGHAI),
            review_closes=dt.datetime(2020, 12, 31, 17, 0, tzinfo=SHANGHAI),
        )
        session.add(later)
        await session.flush()
        await campaigns.add_units(session, later, [unit_id])


async def test_with_several_campaigns_the_officer_chooses_one(
    services: Services, standin: StandInBot
) -> None:
    scenario = await jilin_records(services, standin)
    await add_campaign(services, scenario.unit_ids["treasury"])
    officer = standin.user(UNIT_OFFICER, "李明")

    await officer.send("/stats")
    assert officer.last.text == "请选择要查看统计的活动："
    assert officer.last.button_labels == [["2021年元旦春节送温暖"], ["2020年元旦春节送温暖"]]
    await officer.press("2020年元旦春节送温暖")
    assert officer.bot_messages[-3].buttons == []  # the choice is made
    assert officer.bot_messages[-2].text.splitlines()[1] == "登记数：1"
    chart_of(standin, officer)

    await officer.send("/export")
    assert officer.last.text == "请选择要导出哪个活动的表格："
    await officer.press("2021年元旦春节送温暖")
    await officer.press("困难职工情况汇总表")
    await officer.press("全部已提交的记录")
    assert officer.last.text == "国库处工会小组目前还没有已提交的记录。"


async def test_a_campaign_without_the_officers_units_is_refused(
    services: Services, standin: StandInBot
) -> None:
    scenario = await jilin_records(services, standin)
    await add_campaign(services, scenario.unit_ids["roads"])
    officer = standin.user(UNIT_OFFICER, "李明")
    await officer.send("/export")
    async with services.sessions() as session:
        later = await campaigns.by_code(session, "2021")
    assert later is not None
    await forged_press(officer, f"x:t:{later.id}:summary")
    assert officer.last_answer == {
        "text": "该活动不包括您负责的任何单位。",
        "show_alert": True,
    }
    await forged_press(officer, "x:t:1:../../etc")
    assert officer.last_answer == {
        "text": "此按钮已失效，请重新发送 /export。",
        "show_alert": True,
    }
