"""An officer opening a second officer's invitation is asked first; the records they entered
that wait for correction go to another officer of the unit, who is told."""

from __future__ import annotations

from sqlalchemy import select

from bot.context import Services
from bot.standin import SimulatedUser
from bot.standin.running import StandInBot
from flows.forms.texts import render_text
from flows.i18n import translator
from storage.models import AuditEvent, Registration, User
from storage.repositories import review
from tests.auxil.scenario import UNIT_OFFICER, seed
from tests.conversations.registration import LABELS, fill_jilin
from tests.conversations.test_officers import invite_officer, states

SECOND_OFFICER = 30001
NEXT_OFFICER = 30002
ASKED = [
    "You are union officer of the unit for 国库处工会小组. This invitation makes you union "
    "officer of the unit for 预算处工会小组 instead: an account holds one role.",
    "You would give up reviewing and seeing the records of 国库处工会小组, and entering "
    "registrations for its workers.",
]
BUTTONS = [["✅ Yes, take the new role"], ["✖ No, keep my role"]]


async def entered_and_returned(services: Services, standin: StandInBot) -> SimulatedUser:
    """The treasury's officer enters a record for a worker, submits it, and it is returned."""
    await seed(services)
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    await fill_jilin(officer, "en", on_behalf=True)
    await officer.press(LABELS["en"]["submit"])
    await officer.press(officer.last.buttons[0].text)
    await officer.send("/queue")
    card = officer.last
    await officer.press("↩️ Return", card)
    await officer.press("5", card)
    await officer.press("✔️ Done", card)
    await officer.send("电话打不通")
    assert (await states(services))[1] == ("returned", "unit")
    return officer


async def role_of(services: Services, telegram_id: int) -> tuple[str, int | None]:
    async with services.sessions() as session:
        user = await session.scalar(select(User).where(User.telegram_id == telegram_id))
        assert user is not None
        return user.role, user.unit_id


async def test_a_second_invitation_asks_and_hands_the_returned_record_over(
    services: Services, standin: StandInBot
) -> None:
    officer = await entered_and_returned(services, standin)
    colleague = await invite_officer(services, standin, SECOND_OFFICER, "en")
    before = await role_of(services, UNIT_OFFICER)

    await invite_officer(services, standin, UNIT_OFFICER, "en", unit_code="budget")
    question = officer.last
    assert question.text.splitlines() == [
        *ASKED,
        "Records you entered for workers that wait for correction (1) would go to 孙红, an "
        "officer of 国库处工会小组, who would be told.",
        "Take the new role?",
    ]
    assert question.button_labels == BUTTONS
    assert await role_of(services, UNIT_OFFICER) == before  # nothing changed yet

    await officer.press(BUTTONS[0][0], question)
    assert officer.last.text.startswith(
        "You are now registered as union officer of the unit for 预算处工会小组."
    )
    assert colleague.last.text == (
        "Record 1, entered for 张丽, waits for correction. 李明, who entered it, is no longer an "
        "officer of 国库处工会小组: it is yours now. Send /enter to correct it and submit it "
        "again."
    )
    # The colleague corrects it and submits it again.
    await colleague.send("/enter")
    assert "Phone number" in colleague.texts[-2] or "Phone number" in colleague.last.text
    await colleague.send("139 0431 9999")
    await colleague.press(LABELS["en"]["submit"])
    await colleague.press(colleague.last.buttons[0].text)
    assert (await states(services))[1][0] == "resubmitted"
    async with services.sessions() as session:
        kinds = (await session.scalars(select(AuditEvent.kind))).all()
        assert "record_handed_over" in kinds
        record = await session.get(Registration, 1)
        assert record is not None


async def test_a_kept_role_changes_nothing(services: Services, standin: StandInBot) -> None:
    await seed(services)
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    before = await role_of(services, UNIT_OFFICER)
    await invite_officer(services, standin, UNIT_OFFICER, "en", unit_code="budget")
    assert officer.last.text.splitlines() == [*ASKED, "Take the new role?"]
    await officer.press(BUTTONS[1][0], officer.last)
    assert officer.last.text == "Nothing changed: you keep your role."
    assert await role_of(services, UNIT_OFFICER) == before


async def test_with_no_other_officer_the_record_waits_for_the_next(
    services: Services, standin: StandInBot
) -> None:
    officer = await entered_and_returned(services, standin)
    await invite_officer(services, standin, UNIT_OFFICER, "en", unit_code="budget")
    assert officer.last.text.splitlines()[2] == (
        "Records you entered for workers that wait for correction (1) would wait for the next "
        "officer of 国库处工会小组: it has no other."
    )
    await officer.press(BUTTONS[0][0], officer.last)
    newcomer = await invite_officer(services, standin, NEXT_OFFICER, "en")
    assert newcomer.last.text.startswith("Record 1, entered for 张丽, waits for correction.")


async def test_the_audit_names_the_role_the_officer_acted_in(
    services: Services, standin: StandInBot
) -> None:
    officer = await entered_and_returned(services, standin)
    await invite_officer(
        services, standin, UNIT_OFFICER, "en", role="province_officer", unit_code="province"
    )
    await officer.press(BUTTONS[0][0], officer.last)
    assert await role_of(services, UNIT_OFFICER) == ("province_officer", 1)

    async with services.sessions() as session:
        entries = await review.history(session, 1, named=False)
    t = translator("en")
    actors = {entry.kind: render_text(entry.actor, t) for entry in entries if entry.actor}
    # The return was the unit officer's, whatever the same person is today.
    assert actors["returned"] == "#4 李明 (union officer of the unit, treasury)"
