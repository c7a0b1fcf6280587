"""``songnuan conflicts list|resolve``: by record and unit numbers, never the ID itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from storage.models import Registration
from storage.repositories import conflicts
from tests.bot.review_installation import in_world, installation, on_database
from tests.storage.review_world import DURING_INTAKE, IDS, VAULT, World, submitted


async def _conflict(world: World) -> int:
    record_id = await submitted(world, "worker", IDS[0])
    async with world.sessions() as session, session.begin():
        await conflicts.record_attempt(
            session,
            campaign_id=world.campaign_id,
            resident_id_hash=VAULT.blind_index(IDS[0]),
            unit_id=world.units["budget"],
            user_id=world.users["budgeteer"],
            now=DURING_INTAKE,
        )
    return record_id


async def _unit_of(world: World, record_id: int) -> int:
    async with world.sessions() as session:
        registration = await session.get(Registration, record_id)
        assert registration is not None
        return registration.unit_id


def test_list_then_move(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = installation(tmp_path, monkeypatch)
    record_id = in_world(settings, _conflict)

    assert main(["conflicts", "list", "--campaign", "2020"]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith("1  campaign 2020  attempted from unit budget on 2019-12-20 10:00")
    assert f"held by record {record_id} of unit treasury (submitted)" in listed
    assert IDS[0] not in listed and VAULT.blind_index(IDS[0]) not in listed

    assert main(["conflicts", "resolve", "1", "--move", "--reason", "changed jobs"]) == 0
    assert f"record {record_id} moved to unit budget" in capsys.readouterr().out
    before = on_database(settings, lambda world: _unit_of(world, record_id))

    assert main(["conflicts", "list"]) == 0
    assert capsys.readouterr().out.strip() == "no open conflicts"
    with pytest.raises(SystemExit):
        main(["conflicts", "resolve", "1", "--keep", "--reason", "again"])
    assert "resolved already" in capsys.readouterr().err
    assert on_database(settings, lambda world: _unit_of(world, record_id)) == before
