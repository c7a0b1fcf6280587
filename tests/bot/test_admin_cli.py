"""The admin commands an installation starts with: units, invitations, campaigns."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import TEST_KEY


@pytest.fixture
def installation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty installation in a temporary data directory (its SQLite file made on first use)."""
    monkeypatch.delenv("SONGNUAN_DATABASE_URL", raising=False)
    monkeypatch.setenv("SONGNUAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SONGNUAN_SECRET_KEY", TEST_KEY)
    monkeypatch.setenv("SONGNUAN_BOT_USERNAME", "songnuan_bot")
    return tmp_path


def songnuan(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """Run one command: exit status, standard output, standard error."""
    try:
        status = main(list(arguments))
    except SystemExit as stopped:
        status = int(stopped.code or 0)
    shown = capsys.readouterr()
    return status, shown.out, shown.err


def add_tree(capsys: pytest.CaptureFixture[str]) -> None:
    """jl (province) → finance (department) → treasury (unit)."""
    songnuan(capsys, "unit", "add", "jl", "吉林省直机关工会")
    songnuan(capsys, "unit", "add", "finance", "省财政厅工会", "--parent", "jl")
    songnuan(capsys, "unit", "add", "treasury", "国库处工会小组", "--parent", "finance")


def create_campaign(capsys: pytest.CaptureFixture[str]) -> int:
    """A province, a department, a unit and the Jilin 2020 campaign over it; the exit status of
    the last."""
    add_tree(capsys)
    create = [
        "campaign", "create", "2020", "--name", "2020年送温暖", "--form", "jilin-2020",
        "--policy", "jilin-2020", "--units", "treasury",
        "--intake-opens", "2019-12-10T09:00", "--intake-closes", "2019-12-28T16:00",
        "--review-closes", "2019-12-31T17:00",
    ]  # fmt: skip
    return songnuan(capsys, *create)[0]


def test_the_unit_tree(installation: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert songnuan(capsys, "unit", "add", "jl", "吉林省直机关工会", "--kind", "province")[0] == 0
    songnuan(
        capsys, "unit", "add", "finance", "省财政厅工会", "--kind", "department", "--parent", "jl"
    )
    songnuan(
        capsys, "unit", "add", "transport", "省交通厅工会", "--kind", "department", "--parent", "jl"
    )
    csv = installation / "units.csv"
    csv.write_text(
        "code,name,kind,parent\ntreasury,国库处工会小组,unit,finance\n", encoding="utf-8"
    )
    assert songnuan(capsys, "unit", "import", str(csv)) == (0, "imported 1 unit(s)\n", "")
    assert songnuan(capsys, "unit", "move", "treasury", "--parent", "transport")[0] == 0
    assert songnuan(capsys, "unit", "phone", "treasury", "0431 8270 1100") == (
        0,
        "treasury: telephone 0431-82701100\n",
        "",
    )
    assert songnuan(capsys, "unit", "list")[1] == (
        "jl  吉林省直机关工会  (province)\n"
        "  finance  省财政厅工会  (department)\n"
        "  transport  省交通厅工会  (department)\n"
        "    treasury  国库处工会小组  (unit)  ☎ 0431-82701100\n"
    )
    status, _, error = songnuan(capsys, "unit", "phone", "treasury", "12345")
    assert status == 2 and error.startswith("songnuan: '12345': ")


def test_invitations(installation: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_tree(capsys)
    status, shown, _ = songnuan(capsys, "invite", "officer", "--unit", "treasury")
    assert status == 0
    link, details = shown.splitlines()
    assert link.startswith("https://t.me/songnuan_bot?start=")
    assert details.startswith("role unit_officer, unit treasury, expires ")
    code = link.split("=", 1)[1]
    header, usable = songnuan(capsys, "invite", "list")[1].splitlines()
    assert header.split() == ["code", "role", "unit", "uses", "expires", "state"]
    assert usable.split()[:4] == [code, "unit_officer", "treasury", "0/1"]
    assert usable.endswith("  usable")
    assert songnuan(capsys, "invite", "revoke", code) == (0, f"revoked {code}\n", "")
    assert songnuan(capsys, "invite", "list") == (
        0,
        "no usable invitations (--all shows the rest)\n",
        "",
    )
    assert songnuan(capsys, "invite", "list", "--all")[1].splitlines()[1].endswith("  revoked")
    status, _, error = songnuan(
        capsys, "invite", "officer", "--unit", "treasury", "--level", "province"
    )
    assert status == 2
    assert error == "songnuan: treasury is a unit; a province-level invitation needs a province\n"


def test_campaign_deadlines_move_only_with_a_reason(
    installation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert create_campaign(capsys) == 0
    move = ["campaign", "update", "2020", "--intake-closes", "2019-12-30T16:00"]
    assert songnuan(capsys, *move) == (2, "", "songnuan: moving a deadline needs --reason\n")
    assert songnuan(capsys, *move, "--reason", "系统故障")[0] == 0
    shown = songnuan(capsys, "campaign", "show", "2020")[1]
    assert "2019-12-30 16:00" in shown
    late = ["campaign", "update", "2020", "--intake-closes", "2020-01-05T16:00", "--reason", "x"]
    status, _, error = songnuan(capsys, *late)
    assert status == 2 and "in order" in error


def test_both_deadlines_move_together_either_way(
    installation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_campaign(capsys)
    later = ["--intake-closes", "2020-01-03T16:00", "--review-closes", "2020-01-06T17:00"]
    earlier = ["--intake-closes", "2019-12-20T16:00", "--review-closes", "2019-12-22T17:00"]
    for times in (later, earlier):
        assert songnuan(capsys, "campaign", "update", "2020", *times, "--reason", "调整")[0] == 0
    assert "2019-12-22 17:00" in songnuan(capsys, "campaign", "show", "2020")[1]
