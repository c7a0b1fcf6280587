"""``songnuan stats``: the numbers of /stats as tables, for every unit or under one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from tests.bot.review_installation import in_world, installation
from tests.bot.test_export_cli import story


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An installation with four records: three approved by their unit, one waiting."""
    settings = installation(tmp_path, monkeypatch)
    in_world(settings, story)
    return tmp_path


def test_every_unit(installed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--campaign", "2020", "--locale", "en"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "2020 · 2020 · All units",
        "",
        "Records: 4",
        "  submitted, waiting for review: 1",
        "  approved by the level below, waiting for review: 3",
        "Waiting for review:",
        "  the unit's union: 1",
        "  the supervising department's union: 3",
        "By hardship type (a record may have several):",
        "  Single-parent female worker: 4",
        "",
        "Registrations per unit, by state",
        "Unit       Draft  Submitted  Approved  Returned  Rejected  Total",
        "treasury       0          1         1         0         0      2",
        "budget         0          0         1         0         0      1",
        "roads          0          0         1         0         0      1",
        "All units      0          1         3         0         0      4",
        "",
        "Submissions per day; intake closes on December 28, 2019",
        "Day         Submissions",
        "2019-12-20            4",
    ]


def test_a_department_in_chinese_with_the_chart(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chart = installed / "stats.png"
    arguments = ["--campaign", "2020", "--unit", "finance", "--locale", "zh_CN"]
    assert main(["stats", *arguments, "--chart", str(chart)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2020 · 2020 · finance"
    assert lines[2] == "登记数：3"
    table = lines[lines.index("各单位登记情况（按状态）") + 1 :][:4]
    # Chinese characters take two columns: the numbers line up under their headers.
    assert table == [
        "单位      填写中  已提交  已通过  退回修改  未通过  合计",
        "treasury       0       1       1         0       0     2",
        "budget         0       0       1         0       0     1",
        "全部单位       0       1       2         0       0     3",
    ]
    assert "roads" not in "\n".join(lines)
    assert lines[-1] == f"chart written to {chart}"
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--campaign", "2099"], "no campaign '2099'"),
        (["--campaign", "2020", "--unit", "nowhere"], "no unit 'nowhere'"),
    ],
)
def test_mistakes_are_named_with_exit_status_2(
    installed: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["stats", *arguments])
    assert exited.value.code == 2
    assert capsys.readouterr().err.strip() == f"songnuan: {message}"
