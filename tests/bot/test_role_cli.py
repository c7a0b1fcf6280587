"""``songnuan role``: officers listed by unit; a role taken back, with the reason on record."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.context import Services
from storage.models import AuditEvent, User
from tests.auxil.scenario import DEPARTMENT_OFFICER, UNIT_OFFICER, WORKER, seed
from tests.conftest import TEST_KEY


@pytest.fixture
async def command_line(services: Services, monkeypatch: pytest.MonkeyPatch) -> Services:
    engine = services.sessions.kw["bind"]
    if engine.dialect.name != "sqlite":
        pytest.skip("the command line opens the database by URL; the test schema has none")
    await seed(services)
    monkeypatch.setenv("SONGNUAN_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("SONGNUAN_DATA_DIR", str(services.settings.data_dir))
    monkeypatch.setenv("SONGNUAN_SECRET_KEY", TEST_KEY)
    return services


async def test_list_and_revoke(command_line: Services, capsys: pytest.CaptureFixture[str]) -> None:
    assert await asyncio.to_thread(main, ["role", "list", "--unit", "treasury"]) == 0
    header, *listed = capsys.readouterr().out.splitlines()
    assert header.split() == ["telegram", "id", "role", "unit", "name"]
    assert [line.split()[:3] for line in listed] == [
        [str(UNIT_OFFICER), "unit_officer", "treasury"]
    ]

    command = ["role", "revoke", str(UNIT_OFFICER), "--reason", "调离工会岗位"]
    assert await asyncio.to_thread(main, command) == 0
    assert capsys.readouterr().out == f"{UNIT_OFFICER}: unit_officer taken back\n"
    keep = ["role", "revoke", str(DEPARTMENT_OFFICER), "--reason", "退休", "--keep-as-worker"]
    assert await asyncio.to_thread(main, keep) == 0
    async with command_line.sessions() as session:
        officer = await session.scalar(select(User).where(User.telegram_id == UNIT_OFFICER))
        assert officer is not None and officer.role == "worker" and officer.unit_id is None
        # A department is not a workplace: nobody stays its worker.
        other = await session.scalar(select(User).where(User.telegram_id == DEPARTMENT_OFFICER))
        assert other is not None and other.unit_id is None
        event = await session.scalar(select(AuditEvent).where(AuditEvent.kind == "role_revoked"))
        assert event is not None
        assert (event.from_state, event.reason) == ("unit_officer", "调离工会岗位")


async def test_a_worker_has_no_role_to_revoke(
    command_line: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        await asyncio.to_thread(main, ["role", "revoke", str(WORKER), "--reason", "x"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err == (
        f"songnuan: {WORKER} holds no officer role (see `songnuan role list`)\n"
    )
