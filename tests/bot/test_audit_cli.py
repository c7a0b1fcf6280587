"""``songnuan audit --record ID``: the history, with no personal data in clear."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bot.cli import main
from bot.usecases.deciding import apply_decision
from bot.usecases.submitting import submit
from flows.audit import AuditKind, RoleGranted
from flows.review import Approve, Return
from storage.models import Registration, User
from storage.repositories import audit
from tests.bot.review_installation import in_world, installation
from tests.storage.review_world import DURING_REVIEW, IDS, VAULT, World, submitted


async def _story(world: World) -> int:
    record_id = await submitted(world, "worker", IDS[0])
    for name, decision in (
        ("treasurer", Return(("phone",), "call 13812345678 is not hers")),
        ("treasurer", None),
        ("treasurer2", Approve()),
        ("financier", Approve()),
        ("governor", Approve(Decimal("800"))),
    ):
        async with world.sessions() as session, session.begin():
            registration = await session.get(Registration, record_id)
            assert registration is not None
            if decision is None:
                person = await world.actor(session, "worker")
                await submit(session, VAULT, registration, person, DURING_REVIEW)
                continue
            officer = await world.actor(session, name)
            await apply_decision(session, VAULT, registration, decision, officer, DURING_REVIEW)
    return record_id


def test_the_history_of_a_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = installation(tmp_path, monkeypatch)
    record_id = in_world(settings, _story)

    assert main(["audit", "--record", str(record_id)]) == 0
    lines = capsys.readouterr().out.splitlines()

    assert lines[0] == (
        f"record {record_id} · campaign 2020 · unit treasury · aid granted "
        "(the provincial union) · version 8"
    )
    assert lines[1] == "aid granted"
    assert [line.split(" · ")[2] for line in lines[2:]] == [
        "submitted",
        "returned for correction",
        "corrected and resubmitted",
        "approved",
        "approved",
        "approved, aid granted",
    ]
    # A worker by account and role; an officer by account, name, role and unit, as then.
    assert " · #1 (worker) · " in lines[2]
    assert " · #5 treasurer (union officer of the unit, treasury) · " in lines[3]
    assert " · #10 governor (officer of the provincial union, province) · " in lines[7]
    assert "answers: Phone number" in lines[3]
    assert "reason: call 1381***5678 is not hers" in lines[3]
    assert "changed: nothing" in lines[4]
    assert "amount CN¥800.00" in lines[7]
    shown = "\n".join(lines)
    for personal in (IDS[0], "13812345678", "某某", "+86"):
        assert personal not in shown


def test_an_unknown_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = installation(tmp_path, monkeypatch)
    in_world(settings, lambda world: submitted(world, "worker", IDS[0]))
    with pytest.raises(SystemExit) as exited:
        main(["audit", "--record", "999"])
    assert exited.value.code == 2
    assert "no record 999" in capsys.readouterr().err


def test_the_history_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = installation(tmp_path, monkeypatch)
    record_id = in_world(settings, lambda world: submitted(world, "worker", IDS[0]))
    assert main(["audit", "--record", str(record_id), "--locale", "zh_CN"]) == 0
    out = capsys.readouterr().out
    assert "等待单位工会审核。" in out and "草稿 → 已提交，等待审核" in out


async def _promoted(world: World) -> int:
    """A record returned by a unit officer who is later made a provincial officer."""
    record_id = await submitted(world, "worker", IDS[0])
    async with world.sessions() as session, session.begin():
        registration = await session.get(Registration, record_id)
        assert registration is not None
        officer = await world.actor(session, "treasurer")
        decision = Return(("phone", "address"), "号码不对")
        await apply_decision(session, VAULT, registration, decision, officer, DURING_REVIEW)
        treasurer = await session.get(User, world.users["treasurer"])
        assert treasurer is not None
        treasurer.role, treasurer.unit_id = "province_officer", world.units["province"]
        audit.record(
            session,
            AuditKind.ROLE_GRANTED,
            actor_user_id=treasurer.id,
            from_state="unit_officer",
            to_state="province_officer",
            details=RoleGranted(invitation_id=7, unit_id=world.units["province"]),
        )
    return record_id


def test_the_actor_as_they_were_and_labels_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = installation(tmp_path, monkeypatch)
    record_id = in_world(settings, _promoted)
    assert main(["audit", "--record", str(record_id), "--locale", "zh_CN"]) == 0
    returned = capsys.readouterr().out.splitlines()[-1]
    assert returned.split(" · ", 1)[1] == (
        "#5 treasurer（基层单位工会干部，treasury） · 已退回修改 · "
        "已提交，等待审核 → 已退回修改 · 单位工会 · 项目：联系电话、家庭现住址 · 原因：号码不对"
    )

    # The role grant belongs to no record: the general audit shows it.
    assert main(["audit", "--general"]) == 0
    general = capsys.readouterr().out.splitlines()
    assert general[-1].split(" · ", 1)[1] == (
        "#5 treasurer (officer of the provincial union, province) · role granted by an "
        "invitation · union officer of the unit → officer of the provincial union · "
        f'{{"invitation_id": 7, "unit_id": {1}}}'
    )
