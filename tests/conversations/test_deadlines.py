"""/deadline: a provincial officer extends the intake with a reason; the reminders follow."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.clock import ManualClock
from bot.context import Services
from bot.reminders import run_due_reminders
from bot.standin.running import StandInBot
from storage.models import AuditEvent, Campaign, Registration
from tests.auxil.scenario import PROVINCE_OFFICER, SHANGHAI, UNIT_OFFICER, WORKER, seed
from tests.conversations.registration import answer_identity, fill_jilin


async def test_a_provincial_officer_extends_the_intake(
    services: Services, standin: StandInBot, clock: ManualClock
) -> None:
    await seed(services)
    officer = standin.user(PROVINCE_OFFICER, "吴刚", "en")
    await officer.send("/deadline")
    assert officer.last.text == (
        "2020年元旦春节送温暖: the registration closes on Dec 28, 16:00; the review closes on "
        "Dec 31, 17:00.\n\nWhich deadline should move, and by how much?"
    )
    assert officer.last.button_labels == [
        ["Registration +1 d", "Registration +3 d", "Registration +7 d"],
        ["Review +1 d", "Review +3 d", "Review +7 d"],
    ]
    await officer.press("Registration +3 d")
    assert officer.last.text == (
        "The registration would close on Dec 31, 16:00 instead of Dec 28, 16:00. Why? Type the "
        "reason: it is recorded. /cancel stops without a change."
    )
    await officer.send("网络故障两天，延长三天")
    assert officer.last.text == (
        "Done: the registration of 2020年元旦春节送温暖 now closes on Dec 31, 16:00 (it was "
        "Dec 28, 16:00). Reminders follow the new time."
    )
    async with services.sessions() as session:
        campaign = await session.scalar(select(Campaign))
        assert campaign is not None
        assert campaign.intake_closes == dt.datetime(2019, 12, 31, 16, 0, tzinfo=SHANGHAI)
        event = await session.scalar(select(AuditEvent).where(AuditEvent.kind == "deadline_moved"))
        assert event is not None and event.reason == "网络故障两天，延长三天"

    # A worker with a draft is now reminded against the new deadline: a week before 31 Dec.
    worker = standin.user(WORKER, "张丽", "en")
    await answer_identity(worker, "en")
    shown = len(worker.texts)
    clock.set(dt.datetime(2019, 12, 21, 16, 5, tzinfo=SHANGHAI))  # a week before the old one
    await run_due_reminders(services, standin.application.bot)
    assert len(worker.texts) == shown
    clock.set(dt.datetime(2019, 12, 24, 16, 5, tzinfo=SHANGHAI))  # a week before the new one
    await run_due_reminders(services, standin.application.bot)
    assert len(worker.texts) == shown + 1
    assert "Dec 31, 16:00" in worker.last.text


async def test_out_of_order_and_cancel_change_nothing(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    officer = standin.user(PROVINCE_OFFICER, "吴刚", "zh-hans")
    await officer.send("/deadline")
    await officer.press("登记 +7天")
    await officer.send("试一下")
    assert officer.last.text == "这样登记会晚于审核截止。请先延长审核截止时间。"
    await officer.send("/deadline")
    await officer.press("审核 +1天")
    await officer.send("/cancel")
    assert officer.last.text == "已放弃，截止时间没有改变。"
    async with services.sessions() as session:
        assert (await session.scalars(select(AuditEvent.kind))).all().count("deadline_moved") == 0


async def test_only_the_province_moves_deadlines(services: Services, standin: StandInBot) -> None:
    await seed(services)
    for telegram_id in (WORKER, UNIT_OFFICER):
        someone = standin.user(telegram_id, "李明", "en")
        await someone.send("/deadline")
        assert someone.last.text == "Only an officer of the provincial union can move a deadline."


async def test_after_the_review_closes_the_queue_takes_no_decision(
    services: Services, standin: StandInBot, clock: ManualClock
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await fill_jilin(worker, "en")
    await worker.press("📨 Submit")
    await worker.press("✅ Confirm and submit")
    clock.set(dt.datetime(2019, 12, 31, 17, 0, tzinfo=SHANGHAI))  # the review closes
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    await officer.send("/queue")
    assert officer.last.text == (
        "The review of 2020年元旦春节送温暖 closed on Dec 31, 17:00. Records still waiting: 1; "
        "they can no longer be decided."
    )
    async with services.sessions() as session:
        record = await session.scalar(select(Registration))
        assert record is not None and record.state == "submitted"


async def test_help_lists_the_commands_of_each_officers_role(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    province = standin.user(PROVINCE_OFFICER, "吴刚", "en")
    await province.send("/help")
    assert province.last.text.splitlines()[-2:] == [
        "/broadcast <message>: send a message to the workers or officers",
        "/deadline: extend the registration or the review, with a reason",
    ]
    unit = standin.user(UNIT_OFFICER, "李明", "en")
    await unit.send("/help")
    assert unit.last.text.splitlines()[-1] == "/enter: register a worker of your unit"
