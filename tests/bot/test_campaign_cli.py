"""``songnuan campaign``: only known, matching form and policy ids; one campaign a unit at a time;
the scope changes and a campaign closes or is withdrawn, audited."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli.common import settings_or_exit
from bot.settings import Settings
from storage.database import create_engine, session_factory
from storage.models import AuditEvent
from storage.repositories import campaigns
from tests.bot.test_admin_cli import add_tree, create_campaign, installation, songnuan

__all__ = ["installation"]

TIMES = [
    "--intake-opens", "2019-12-10T09:00", "--intake-closes", "2019-12-28T16:00",
    "--review-closes", "2019-12-31T17:00",
]  # fmt: skip


def create(capsys: pytest.CaptureFixture[str], code: str, *options: str) -> tuple[int, str, str]:
    given = {"--form": "jilin-2020", "--policy": "jilin-2020", "--units": "treasury"}
    pairs = dict(zip(options[::2], options[1::2], strict=True))
    arguments = [item for pair in {**given, **pairs}.items() for item in pair]
    times = [] if "--intake-opens" in pairs else TIMES
    return songnuan(capsys, "campaign", "create", code, "--name", code, *arguments, *times)


def test_an_unknown_form_or_policy_is_refused_with_the_known_ids(
    installation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_tree(capsys)
    assert create(capsys, "x", "--form", "jilin-2021") == (
        2,
        "",
        "songnuan: no form 'jilin-2021'; known: henan-2017, jilin-2020\n",
    )
    assert create(capsys, "x", "--policy", "jilin") == (
        2,
        "",
        "songnuan: no policy 'jilin'; known: henan-2017, jilin-2020\n",
    )
    assert songnuan(capsys, "campaign", "list") == (0, "", "")


def test_a_form_that_does_not_ask_what_the_policy_reads_is_refused(
    installation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_tree(capsys)
    assert create(capsys, "x", "--policy", "henan-2017") == (
        2,
        "",
        "songnuan: form jilin-2020 does not ask what policy henan-2017 reads (party_aided, "
        "enterprise_restructured, migrant_worker); forms that fit policy henan-2017: "
        "henan-2017\n",
    )
    assert create(capsys, "x", "--form", "henan-2017", "--policy", "henan-2017")[0] == 0


def test_a_second_campaign_on_the_same_unit_at_the_same_time_is_refused(
    installation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_campaign(capsys)
    assert create(capsys, "again") == (
        2,
        "",
        "songnuan: campaign 2020 (2020年送温暖) is open on treasury at the same time: a unit "
        "takes part in one campaign at a time; change the units or the times, or close 2020 "
        "first (`songnuan campaign close 2020`)\n",
    )
    songnuan(capsys, "unit", "add", "budget", "预算处", "--parent", "finance")
    assert create(capsys, "budget", "--units", "budget")[0] == 0
    # Next year's campaign on the same unit does not overlap.
    next_year = [
        "--intake-opens", "2020-12-10T09:00", "--intake-closes", "2020-12-28T16:00",
        "--review-closes", "2020-12-31T17:00",
    ]  # fmt: skip
    assert create(capsys, "2021", *next_year)[0] == 0
    # Widening a campaign onto a unit another one holds is refused as well.
    widen = ["campaign", "update", "budget", "--units", "budget,treasury", "--reason", "扩大"]
    assert songnuan(capsys, *widen)[2].startswith("songnuan: campaign 2020 (2020年送温暖) is open")


def test_the_units_change_with_a_reason(
    installation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_campaign(capsys)
    songnuan(capsys, "unit", "add", "budget", "预算处", "--parent", "finance")
    update = ["campaign", "update", "2020", "--units", "treasury,budget"]
    assert songnuan(capsys, *update) == (2, "", "songnuan: changing the units needs --reason\n")
    assert songnuan(capsys, *update, "--reason", "预算处加入") == (0, "updated campaign 2020\n", "")
    assert "units          treasury, budget\n" in songnuan(capsys, "campaign", "show", "2020")[1]


def _events(settings: Settings) -> list[tuple[str, str | None]]:
    async def read() -> list[tuple[str, str | None]]:
        engine = create_engine(settings.effective_database_url)
        try:
            async with session_factory(engine)() as session:
                rows = await session.execute(select(AuditEvent.kind, AuditEvent.reason))
                return [(kind, reason) for kind, reason in rows]
        finally:
            await engine.dispose()

    return asyncio.run(read())


def test_a_closed_campaign_frees_its_units_and_a_withdrawn_one_too(
    installation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_campaign(capsys)
    assert songnuan(capsys, "campaign", "close", "2020")[0] == 2  # --reason is required
    assert songnuan(capsys, "campaign", "close", "2020", "--reason", "提前结束") == (
        0,
        "closed campaign 2020\n",
        "",
    )
    assert songnuan(capsys, "campaign", "close", "2020", "--reason", "again") == (
        2,
        "",
        "songnuan: campaign 2020 is closed already\n",
    )
    assert "(closed)" in songnuan(capsys, "campaign", "list")[1]
    assert create(capsys, "again")[0] == 0
    assert songnuan(capsys, "campaign", "withdraw", "again", "--reason", "建错了")[0] == 0
    settings = settings_or_exit()
    assert ("campaign_closed", "提前结束") in _events(settings)
    assert ("campaign_withdrawn", "建错了") in _events(settings)

    async def current() -> object:
        engine = create_engine(settings.effective_database_url)
        try:
            async with session_factory(engine)() as session:
                everything = await campaigns.all_campaigns(session)
                return await campaigns.current_for_unit(session, None, everything[0].intake_opens)
        finally:
            await engine.dispose()

    assert asyncio.run(current()) is None
