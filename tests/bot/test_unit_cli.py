"""``songnuan unit``: the tree is province → department → unit, and mistakes can be fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.test_admin_cli import add_tree, create_campaign, installation, songnuan

__all__ = ["installation"]


def test_the_kind_follows_from_the_parent(
    installation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert songnuan(capsys, "unit", "add", "jl", "吉林省直机关工会") == (
        0,
        "added province jl: 吉林省直机关工会\n",
        "",
    )
    assert songnuan(capsys, "unit", "add", "finance", "省财政厅工会", "--parent", "jl")[1] == (
        "added department finance: 省财政厅工会\n"
    )
    assert songnuan(capsys, "unit", "add", "treasury", "国库处", "--parent", "finance")[1] == (
        "added unit treasury: 国库处\n"
    )
    assert songnuan(capsys, "unit", "add", "desk", "科室", "--parent", "treasury") == (
        2,
        "",
        "songnuan: treasury is a unit: nothing goes under a unit\n",
    )


def test_a_kind_that_does_not_fit_its_parent_is_refused(
    installation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_tree(capsys)
    refused = {
        ("roads", "--kind", "unit", "--parent", "jl"): "a unit goes under a department "
        "(jl is a province)",
        ("roads", "--kind", "unit"): "a unit goes under a department (none given)",
        ("roads", "--kind", "department", "--parent", "finance"): "a department goes under a "
        "province (finance is a department)",
        ("hn", "--kind", "province", "--parent", "jl"): "is a province: it has no parent "
        "(jl given)",
    }
    for arguments, error in refused.items():
        code, *rest = arguments
        assert songnuan(capsys, "unit", "add", code, "名称", *rest) == (
            2,
            "",
            f"songnuan: {error}\n",
        )
    assert songnuan(capsys, "unit", "move", "treasury", "--parent", "jl") == (
        2,
        "",
        "songnuan: a unit treasury goes under a department (jl is a province)\n",
    )


def test_a_wrong_kind_and_place_are_fixed_in_one_step(
    installation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_tree(capsys)
    # The department was added without its parent, so it became a second province.
    songnuan(capsys, "unit", "add", "transport", "省交通厅工会")
    assert songnuan(capsys, "unit", "kind", "transport", "department") == (
        2,
        "",
        "songnuan: a department transport goes under a province (none given)\n",
    )
    assert songnuan(capsys, "unit", "kind", "transport", "department", "--parent", "jl") == (
        0,
        "transport: province → department\n",
        "",
    )
    assert songnuan(capsys, "unit", "kind", "finance", "unit") == (
        2,
        "",
        "songnuan: a unit finance goes under a department (jl is a province)\n",
    )
    assert "  transport  省交通厅工会  (department)\n" in songnuan(capsys, "unit", "list")[1]


def test_only_a_unit_nothing_depends_on_is_removed(
    installation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_campaign(capsys)
    songnuan(capsys, "invite", "worker", "--unit", "treasury")
    assert songnuan(capsys, "unit", "remove", "finance") == (
        2,
        "",
        "songnuan: finance has 1 sub-unit(s): it cannot be removed\n",
    )
    assert songnuan(capsys, "unit", "remove", "treasury") == (
        0,
        "removed unit treasury: 国库处工会小组\n",
        "",
    )
    assert "treasury" not in songnuan(capsys, "unit", "list")[1]
    assert "units          \n" in songnuan(capsys, "campaign", "show", "2020")[1]


def test_a_units_file_from_excel_in_gbk_is_read(
    installation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    units = installation / "units.csv"
    units.write_bytes(
        "code,name,kind,parent\njl,吉林省直机关工会,,\nfinance,省财政厅工会,,jl\n".encode("gbk")
    )
    assert songnuan(capsys, "unit", "import", str(units)) == (0, "imported 2 unit(s)\n", "")
    assert songnuan(capsys, "unit", "list")[1] == (
        "jl  吉林省直机关工会  (province)\n  finance  省财政厅工会  (department)\n"
    )
