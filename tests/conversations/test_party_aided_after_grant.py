"""The Party-aided list imported after a grant: the provincial officers are told and may
withdraw the aid; importing the same file again finds the same match again."""

from __future__ import annotations

from sqlalchemy import select

from bot.cli.importing import import_party_aided
from bot.context import Services
from bot.reminders import resume_broadcasts
from bot.standin.running import StandInBot
from storage.models import AuditEvent
from tests.conversations.registration import RESIDENT_ID
from tests.conversations.test_grants import at_the_province
from tests.conversations.test_officers import states

ALERT = [
    "⚠️ Record 1 was granted CN¥800.00, but its person is on the list of Party members already "
    "aided by the Party organisation (exclusion P).",
    "To withdraw the aid: send /history 1, press “◀ Back to the record”, then “🚫 Withdraw the "
    "aid”.",
]


async def test_a_granted_record_on_the_list_is_brought_to_the_province(
    services: Services, standin: StandInBot
) -> None:
    _, province = await at_the_province(services, standin, "en")
    await province.send("800")
    assert (await states(services))[1] == ("aid_granted", "province")

    for attempt in (1, 2):
        async with services.sessions() as session, session.begin():
            imported = await import_party_aided(
                session,
                services.vault,
                [RESIDENT_ID],
                services.clock.now(),
                replace=False,
                locale="zh_CN",
            )
        # The same file again finds the same match again (flagged on the history once).
        assert [(m.registration_id, m.granted, m.flagged_now) for m in imported.matches] == [
            (1, True, attempt == 1)
        ]
        assert imported.alerted == 1
        await resume_broadcasts(services, standin.application.bot)
        assert province.last.text.splitlines()[2:4] == ALERT

    # The officer follows the notice and withdraws the aid.
    await province.send("/history 1")
    assert "found on the list of Party members aided by the Party" in province.last.text
    await province.press("◀ Back to the record", province.last)
    card = province.last
    assert "⚠️ On the list of Party members already aided by the Party organisation" in card.text
    await province.press("🚫 Withdraw the aid", card)
    await province.send("Aided by the Party organisation already (exclusion P).")
    assert (await states(services))[1] == ("rejected", "province")
    async with services.sessions() as session:
        flags = await session.scalars(
            select(AuditEvent.id).where(AuditEvent.kind == "party_aided_flagged")
        )
        assert len(flags.all()) == 1
