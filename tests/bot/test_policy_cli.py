"""``songnuan policy list|show|check``: JSON facts in, outcomes out; bad input named, exit 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

HENAN = {
    "household_size": 3,
    "wages": 1649.97,
    "business_income": 0,
    "property_income": 0,
    "transfer_income": 0,
    "causes": [],
    "enterprise_restructured": False,
    "migrant_worker": False,
    "party_aided": False,
}
CHECK = ["policy", "check", "--policy", "henan-2017", "--on", "2017-01-05"]


def _run(
    argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        status = main(argv)
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def test_one_object_gives_one_result(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run([*CHECK, "--locale", "en"], json.dumps(HENAN), monkeypatch, capsys)
    result = json.loads(out)
    assert status == 0
    assert {key: result[key] for key in ("policy", "outcome", "rules", "exclusions")} == {
        "policy": "henan-2017",
        "outcome": "eligible",
        "rules": ["1"],
        "exclusions": [],
    }
    # JSON numbers are read exactly: 1649.97 / 3 is below 550 by a hundredth of a fen.
    assert result["figures"] == {
        "total_income": "1649.97",
        "per_capita_income": "549.99",
        "minimum_standard": "550.00",
    }
    assert result["missing"] == [] and result["review"] == []
    assert result["parameters"]["minimum_standard"] == {"value": "550", "since": "2016-12-13"}
    assert result["explanation"][0] == (
        "Likely eligible under the Henan 2017 criteria, by Criterion 1."
    )
    assert len(result["version"]) == 12


def test_a_list_gives_a_list_with_the_ids_and_policies_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    households = [
        {"id": "w-1", **HENAN},
        {"id": "w-2", **HENAN, "party_aided": True},
        {"id": "w-3", **HENAN, "wages": "3000", "causes": ["serious_illness"]},
        {"id": "w-4", "policy": "jilin-2020", "household_size": 2},
    ]
    file = tmp_path / "households.json"
    file.write_text(json.dumps(households), encoding="utf-8")
    argv = [*CHECK[:4], "--on", "2019-12-20", "--locale", "zh_CN", str(file)]
    status, out, _ = _run(argv, "", monkeypatch, capsys)
    results = json.loads(out)
    assert status == 0
    assert out.splitlines()[1:-1] == [  # one result a line
        json.dumps(result, ensure_ascii=False) + ("," if position < 3 else "")
        for position, result in enumerate(results)
    ]
    assert [(r["id"], r["policy"], r["outcome"]) for r in results] == [
        ("w-1", "henan-2017", "eligible"),
        ("w-2", "henan-2017", "excluded"),
        ("w-3", "henan-2017", "needs_review"),
        ("w-4", "jilin-2020", "needs_review"),
    ]
    assert results[1]["exclusions"] == ["P"]
    assert results[2]["review"] == ["2"]
    assert "wages" in results[3]["missing"]
    assert (
        results[0]["explanation"][0]
        == "按河南省直2017年元旦春节送温暖救助条件，可能符合资助条件（第1条）。"
    )


def test_bulk_checks_may_leave_the_sentences_out(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(
        [*CHECK, "--no-explanation", "-"], json.dumps([HENAN]), monkeypatch, capsys
    )
    assert status == 0
    assert "explanation" not in json.loads(out)[0]


def test_an_empty_list_gives_an_empty_list(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(CHECK, "[]", monkeypatch, capsys)[:2] == (0, "[]\n")


def test_the_locale_defaults_to_the_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SONGNUAN_LOCALE", "en")
    status, out, _ = _run(CHECK, json.dumps(HENAN), monkeypatch, capsys)
    assert status == 0
    assert json.loads(out)["explanation"][0].startswith("Likely eligible")


INVALID = [
    ({**HENAN, "household_size": 0}, "item 1: fact 'household_size': A household has at least"),
    ({**HENAN, "wages": -1}, "item 1: fact 'wages': It cannot be negative."),
    ({**HENAN, "causes": ["flu"]}, "item 1: fact 'causes': Unknown cause 'flu'"),
    ({**HENAN, "wage": 1}, "item 1: fact 'wage': There is no such fact."),
    (
        [HENAN, {"id": "w-2", **HENAN, "party_aided": "no"}],
        "item 2 (id 'w-2'): fact 'party_aided': Expected true or false.",
    ),
    ([HENAN, 3], "item 2: expected a JSON object of facts, got int"),
]


@pytest.mark.parametrize(("given", "message"), INVALID)
def test_invalid_input_names_the_fact_and_exits_2(
    given: object,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = _run(CHECK, json.dumps(given), monkeypatch, capsys)
    assert (status, out) == (2, "")
    assert err.startswith(f"songnuan: {message}")


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (CHECK, '{"household_size": ', "malformed JSON in -: Expecting value at line 1"),
        (CHECK, '{"wages": NaN}', "malformed JSON in -: NaN is not a number"),
        (["policy", "check", "--on", "2017-01-05"], "{}", "item 1: no policy"),
        (["policy", "check", "--policy", "hainan-2020"], "{}", "no policy 'hainan-2020'"),
        ([*CHECK[:4], "--on", "2016-01-01"], "{}", "item 1: henan-2017: parameter"),
        ([*CHECK[:4], "--on", "5 Jan"], "{}", "--on '5 Jan' is not a date"),
        ([*CHECK, "/nonexistent/households.json"], "", "cannot read /nonexistent"),
    ],
)
def test_unusable_input_is_one_line_and_exit_2(
    argv: list[str],
    stdin: str,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = _run(argv, stdin, monkeypatch, capsys)
    assert (status, out) == (2, "")
    assert err.startswith(f"songnuan: {message}")
    assert err.count("\n") == 1


def test_list_and_show(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(["policy", "list", "--locale", "en"], "", monkeypatch, capsys)
    assert out.splitlines() == [
        "henan-2017  the Henan 2017 criteria  (4 rules, 1 exclusions)",
        "jilin-2020  the Jilin 2020 criteria  (3 rules, 5 exclusions)",
    ]
    status, out, _ = _run(
        ["policy", "show", "jilin-2020", "--locale", "zh_CN"], "", monkeypatch, capsys
    )
    assert status == 0
    assert "  minimum_standard (yuan): 长春市最低生活保障标准" in out
    assert "    from 2019-12-01: 620  [长春市最低生活保障标准是每人每月620元]" in out
    assert (
        "  X1  排除情形X1: 拥有2套（含）以上住宅且人均住房面积超过25平方米  [housing_above_limit]"
        in out
    )
    assert "assumed when not given: untruthful = false" in out


def test_the_installed_command_reads_stdin() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "bot.cli", *CHECK, "--locale", "en", "-"],
        input=json.dumps({**HENAN, "household_size": 0}),
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stderr == (
        "songnuan: item 1: fact 'household_size': A household has at least one person.\n"
    )
