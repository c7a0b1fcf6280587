"""A record keeps the pre-check it was submitted with; re-checks show what a new policy says."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.context import Services
from bot.standin.running import StandInBot
from bot.usecases.policy_checks import recheck
from bot.usecases.precheck_overrides import mark_untruthful, override
from flows.access import Reason, Refused
from flows.policy import load_policy_file
from flows.policy.loading import _SHIPPED, POLICIES_DIR
from flows.policy.stored import Mark, Override, StoredPrecheck, differences
from storage.models import AuditEvent, Registration, User
from storage.repositories import registrations
from tests.auxil.scenario import SHANGHAI, UNIT_OFFICER, WORKER, seed
from tests.conftest import TEST_KEY
from tests.conversations.registration import fill_jilin

NOW = dt.datetime(2019, 12, 21, 9, 0, tzinfo=SHANGHAI)


async def submitted_record(services: Services, standin: StandInBot) -> Registration:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await fill_jilin(worker, "en")
    await worker.press("📨 Submit")
    await worker.press("✅ Confirm and submit")
    async with services.sessions() as session:
        record = await session.scalar(select(Registration))
        assert record is not None and record.sealed_precheck is not None
        return record


@pytest.fixture
def raise_standard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Next year's file, once called: the minimum living standard raised from 620 to 700."""

    def edit() -> None:
        text = (POLICIES_DIR / "jilin-2020.yaml").read_text(encoding="utf-8")
        changed = tmp_path / "jilin-2020.yaml"
        changed.write_text(text.replace('value: "620"', 'value: "700"'), encoding="utf-8")
        monkeypatch.setitem(_SHIPPED, "jilin-2020", load_policy_file(changed))

    return edit


async def test_a_changed_policy_file_never_rewrites_a_record(
    services: Services, standin: StandInBot, raise_standard: Callable[[], None]
) -> None:
    record = await submitted_record(services, standin)
    raise_standard()
    stored = registrations.precheck_of(services.vault, record)
    async with services.sessions() as session:
        again = await session.get(Registration, record.id)
        assert again is not None
        fresh = await recheck(session, services.vault, again, NOW)
        assert registrations.precheck_of(services.vault, again) == stored  # shown, not stored
    changed = differences(stored, fresh)
    assert "figures.minimum_standard: 620.00 → 700.00" in changed
    assert any(line.startswith("version: ") for line in changed)


async def test_recheck_command_shows_the_difference(
    services: Services,
    standin: StandInBot,
    raise_standard: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    engine = services.sessions.kw["bind"]
    if engine.dialect.name != "sqlite":
        pytest.skip("the command line opens the database by URL; the test schema has none")
    record = await submitted_record(services, standin)
    raise_standard()
    url = engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("SONGNUAN_DATABASE_URL", url)
    monkeypatch.setenv("SONGNUAN_DATA_DIR", str(services.settings.data_dir))
    monkeypatch.setenv("SONGNUAN_SECRET_KEY", TEST_KEY)
    assert await asyncio.to_thread(main, ["recheck", "--campaign", "2020"]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert shown[0] == f"record {record.id}: differs"
    assert "  figures.minimum_standard: 620.00 → 700.00" in shown


async def test_officers_mark_untruthful_and_override_on_the_record(
    services: Services, standin: StandInBot
) -> None:
    record = await submitted_record(services, standin)
    async with services.sessions() as session, session.begin():
        again = await session.get(Registration, record.id)
        assert again is not None
        officer = await session.scalar(select(User.id).where(User.telegram_id == UNIT_OFFICER))
        assert officer is not None
        result = await mark_untruthful(
            session, services.vault, again, officer, "收入证明与工资单不符", NOW
        )
        assert result.outcome == "excluded" and result.untruthful and result.untruthful.reason
        await override(session, services.vault, again, officer, "needs_review", "工资单已核实", NOW)
    async with services.sessions() as session:
        again = await session.get(Registration, record.id)
        assert again is not None
        stored = registrations.precheck_of(services.vault, again)
        assert stored is not None and stored.override is not None
        assert stored.outcome == "excluded" and stored.override.outcome == "needs_review"
        # In clear, for the queues: the outcome in effect and the rules that hold, no more.
        assert (again.precheck_outcome, again.precheck_rules) == ("needs_review", ["B", "C"])
        events = (
            await session.scalars(select(AuditEvent).where(AuditEvent.registration_id == record.id))
        ).all()
        kinds = [(e.kind, e.from_state, e.to_state, e.reason) for e in events]
        assert ("marked_untruthful", "eligible", "excluded", "收入证明与工资单不符") in kinds
        assert ("precheck_overridden", "excluded", "needs_review", "工资单已核实") in kinds


@pytest.mark.parametrize("mark", ["untruthful", "override"])
async def test_an_officer_whose_card_is_out_of_date_writes_nothing(
    services: Services, standin: StandInBot, mark: str
) -> None:
    record = await submitted_record(services, standin)
    async with services.sessions() as session:
        seen = await session.get(Registration, record.id)
        officer = await session.scalar(select(User.id).where(User.telegram_id == UNIT_OFFICER))
        assert seen is not None and officer is not None
        await session.commit()
        # Meanwhile another officer's change lands on the record.
        async with services.sessions() as other, other.begin():
            moved = await other.get(Registration, record.id)
            assert moved is not None
            await override(
                other, services.vault, moved, officer, "eligible", "另一位干部已核实", NOW
            )
        with pytest.raises(Refused) as refused:
            if mark == "untruthful":
                await mark_untruthful(session, services.vault, seen, officer, "不符", NOW)
            else:
                await override(session, services.vault, seen, officer, "excluded", "不符", NOW)
        assert refused.value.reason is Reason.CHANGED_MEANWHILE
        await session.commit()
    async with services.sessions() as session:
        stored = await session.get(Registration, record.id)
        assert stored is not None
        result = registrations.precheck_of(services.vault, stored)
        assert result is not None and result.override is not None
        assert result.override.outcome == "eligible" and result.untruthful is None
        reasons = (await session.scalars(select(AuditEvent.reason))).all()
        assert "不符" not in reasons


def test_a_checked_again_result_keeps_the_officers_marks() -> None:
    untrue = Mark(by=4, reason="工资单不符", at=NOW)
    judged = Override(outcome="needs_review", by=5, reason="已核实", at=NOW)
    before = StoredPrecheck(outcome="excluded", untruthful=untrue, override=judged)
    again = StoredPrecheck(outcome="excluded", rules=()).with_marks_of(before)
    assert again == StoredPrecheck(outcome="excluded", untruthful=untrue, override=judged)
    assert StoredPrecheck(outcome="eligible").with_marks_of(None) == StoredPrecheck(
        outcome="eligible"
    )
