"""/status, the campaign on /start, /reminders, and a reminder's button that resumes the draft."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.clock import ManualClock
from bot.context import Services
from bot.reminders import run_due_reminders
from bot.standin.running import StandInBot
from storage.models import Registration, User
from storage.repositories import registrations
from tests.auxil.scenario import SHANGHAI, WORKER, seed
from tests.conversations.registration import answer_identity, fill_jilin


async def test_status_before_during_and_after_a_registration(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await worker.send("/status")
    assert worker.last.text == (
        "2020年元旦春节送温暖: registration is open until Dec 28, 16:00 (8 days left).\n"
        "\n"
        "You have not started a registration yet. Send /register to begin."
    )
    await answer_identity(worker, "en")
    await worker.send("/status")
    assert worker.last.text.endswith("Your draft: 23 questions left. Send /register to continue.")


async def test_status_of_a_draft_with_every_answer(services: Services, standin: StandInBot) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await fill_jilin(worker, "en")
    await worker.send("/status")
    assert worker.last.text.endswith(
        "Your draft is complete. Send /register to look it over and submit it."
    )


async def test_status_of_a_complete_draft_that_a_cross_check_stops(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await fill_jilin(worker, "en")
    async with services.sessions() as session, session.begin():
        draft = await session.scalar(select(Registration))
        assert draft is not None
        state = registrations.open_state(services.vault, draft)
        # Three people are listed, the worker included.
        state = state.but(answers={**state.answers, "household_size": 4})
        registrations.seal_state(services.vault, draft, state)
    await worker.send("/status")
    assert worker.last.text.endswith(
        "Every question of your draft is answered, but something must be corrected before it "
        "can be submitted. Send /register to see what."
    )


async def test_status_in_chinese_after_submitting(services: Services, standin: StandInBot) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "zh-hans")
    await fill_jilin(worker, "zh_CN")
    await worker.press("📨 提交")
    await worker.press("✅ 确认提交")
    await worker.send("/status")
    assert worker.last.text == (
        "2020年元旦春节送温暖：登记开放至12月28日 16:00（还剩8天）。\n\n等待单位工会审核。"
    )


async def test_start_shows_the_campaign_and_its_deadline(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await worker.send("/start")
    assert (
        "\n\n2020年元旦春节送温暖: registration is open until Dec 28, 16:00 (8 days left).\n\n"
        in worker.last.text
    )


async def test_reminders_can_be_turned_off_and_on(services: Services, standin: StandInBot) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await worker.send("/reminders")
    assert worker.last.text == (
        "Reminders are on: I will remind you before deadlines while something of yours is "
        "unfinished or waiting."
    )
    await worker.press("🔕 Turn reminders off")
    assert worker.last.text == "Reminders are off. You can still see every deadline with /status."
    assert worker.last.button_labels == [["🔔 Turn reminders on"]]
    async with services.sessions() as session:
        user = await session.scalar(select(User).where(User.telegram_id == WORKER))
        assert user is not None and user.reminders_muted


async def test_a_reminder_resumes_the_draft(
    services: Services, standin: StandInBot, clock: ManualClock
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await answer_identity(worker, "en")
    # A week before the intake closes (28 Dec, 16:00), the first reminder is due.
    clock.set(dt.datetime(2019, 12, 21, 16, 5, tzinfo=SHANGHAI))
    report = await run_due_reminders(services, standin.application.bot)
    assert report.sent == 1
    reminder = worker.last
    assert "23" in reminder.text and "Dec 28, 16:00" in reminder.text
    await worker.press(reminder.buttons[0].text)
    assert worker.last.text == (
        "Welcome back! Let us continue where you stopped.\n"
        "Question 3 of 25–30\nWork unit\nExample: Jilin Provincial Department of Finance"
    )
    # Never twice: the same moment again sends nothing.
    assert (await run_due_reminders(services, standin.application.bot)).sent == 0
