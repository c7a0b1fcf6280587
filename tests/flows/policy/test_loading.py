"""Policies are data: shipped files load, a new year or province is a new file, and a broken
file names the file, the field and what is wrong."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from flows.i18n import translator
from flows.policy import (
    PolicyDateError,
    PolicyFileError,
    UnknownPolicyError,
    evaluate,
    explain,
    load_policy,
    load_policy_file,
    policy_ids,
)
from flows.policy.loading import POLICIES_DIR
from tests.flows.policy.test_jilin import jilin

HUBEI = """
id: hubei-2021
title: {zh_CN: 湖北省直2021年送温暖, en: "the Hubei 2021 criteria"}
source: {zh_CN: 示例通知, en: "an example notice"}
income:
  compares: total
  label: {zh_CN: 家庭月人均收入, en: "Household income per person"}
parameters:
  minimum_standard:
    label: {zh_CN: 武汉市低保标准, en: "the Wuhan minimum living standard"}
    unit: yuan
    values:
      - {since: 2020-12-01, value: "780"}
rules:
  - id: "1"
    kind: below_standard
    name: {zh_CN: 第1条, en: "Criterion 1"}
    title: {zh_CN: 低于低保标准, en: "below the minimum standard"}
    standard: minimum_standard
  - id: "2"
    kind: special_hardship
    name: {zh_CN: 第2条, en: "Criterion 2"}
    title: {zh_CN: 因病致困, en: "hardship from illness"}
    causes: [serious_illness]
exclusions:
  - id: P
    kind: stated
    name: {zh_CN: 排除情形P, en: "Exclusion P"}
    title: {zh_CN: 已获党组织救助, en: "already aided by the Party"}
    fact: party_aided
"""


def _jilin_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (POLICIES_DIR / "jilin-2020.yaml").read_text(encoding="utf-8")
    )
    return data


def _write(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_both_notices_policies_are_shipped() -> None:
    assert policy_ids() == ("henan-2017", "jilin-2020")
    assert load_policy("jilin-2020").spec.income.compares == "disposable"
    assert load_policy("henan-2017").spec.income.compares == "total"


def test_parameters_carry_the_day_they_take_effect() -> None:
    jilin_values = load_policy("jilin-2020").parameters_on(dt.date(2019, 12, 20))
    assert jilin_values.dated["minimum_standard"] == (Decimal(620), dt.date(2019, 12, 1))
    henan_values = load_policy("henan-2017").parameters_on(dt.date(2017, 1, 10))
    assert henan_values.dated["minimum_standard"] == (Decimal(550), dt.date(2016, 12, 13))
    with pytest.raises(PolicyDateError, match="no value before 2019-12-01"):
        load_policy("jilin-2020").parameters_on(dt.date(2019, 11, 30))


def test_a_new_years_figure_is_a_new_file(tmp_path: Path) -> None:
    data = _jilin_data()
    data["id"] = "jilin-2021"
    data["parameters"]["minimum_standard"]["values"] = [
        {"since": dt.date(2020, 12, 1), "value": "650"}
    ]
    for parameter in data["parameters"].values():
        parameter["values"][0]["since"] = dt.date(2020, 12, 1)
    _write(tmp_path, data)
    assert policy_ids(tmp_path) == ("jilin-2021",)
    household = jilin(wages="1890")  # ¥630 a person: above 620, below 650
    day = dt.date(2020, 12, 20)
    old = evaluate(load_policy("jilin-2020"), household, day)
    new = evaluate(load_policy("jilin-2021", tmp_path), household, day)
    assert (old.outcome, new.outcome, new.rules) == ("not_eligible", "eligible", ("A",))
    assert new.figures["minimum_standard"] == Decimal(650)
    assert old.version != new.version


def test_a_parameter_with_history_applies_by_day(tmp_path: Path) -> None:
    data = _jilin_data()
    data["id"] = "jilin-dated"
    data["parameters"]["minimum_standard"]["values"].append(
        {"since": dt.date(2020, 12, 1), "value": "650"}
    )
    policy = load_policy_file(_write(tmp_path, data))
    household = jilin(wages="1890")
    before = evaluate(policy, household, dt.date(2020, 11, 30))
    after = evaluate(policy, household, dt.date(2020, 12, 1))
    assert (before.outcome, after.outcome) == ("not_eligible", "eligible")
    assert before.parameters["minimum_standard"] == (Decimal(620), dt.date(2019, 12, 1))
    assert after.parameters["minimum_standard"] == (Decimal(650), dt.date(2020, 12, 1))
    assert before.version != after.version


def test_a_new_province_reusing_the_rule_kinds_is_a_new_file(tmp_path: Path) -> None:
    (tmp_path / "hubei-2021.yaml").write_text(HUBEI, encoding="utf-8")
    policy = load_policy("hubei-2021", tmp_path)
    day = dt.date(2021, 1, 5)
    facts = {
        "household_size": 2,
        "wages": "1559.98",
        "business_income": 0,
        "property_income": 0,
        "transfer_income": 0,
        "causes": [],
        "party_aided": False,
    }
    outcome = evaluate(policy, facts, day)
    assert (outcome.outcome, outcome.rules) == ("eligible", ("1",))
    assert explain(outcome, translator("en"))[0] == (
        "Likely eligible under the Hubei 2021 criteria, by Criterion 1."
    )
    at_standard = evaluate(policy, {**facts, "wages": "1560"}, day)
    assert at_standard.outcome == "not_eligible"
    assert evaluate(policy, {**facts, "party_aided": True}, day).exclusions == ("P",)


def test_the_version_follows_what_decides_not_the_wording(tmp_path: Path) -> None:
    day = dt.date(2019, 12, 20)
    shipped = load_policy("jilin-2020").parameters_on(day).version
    reworded = _jilin_data()
    reworded["rules"][0]["title"]["en"] = "another wording"
    reworded["source"]["en"] = "another source"
    assert load_policy_file(_write(tmp_path, reworded)).parameters_on(day).version == shipped
    changed = _jilin_data()
    changed["rules"][1]["causes"].append("laid_off")
    changed["rules"][1]["judged_causes"].remove("laid_off")
    assert load_policy_file(_write(tmp_path, changed)).parameters_on(day).version != shipped


def test_an_unknown_policy_lists_the_known_ones() -> None:
    with pytest.raises(UnknownPolicyError, match="no policy 'hainan-2020'; known: henan-2017"):
        load_policy("hainan-2020")


def _set(data: dict[str, Any], path: str, value: object) -> None:
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value


BROKEN = [
    ("rules.0.kind", "below_average", "rules[A]", "Input tag 'below_average' found"),
    ("rules.1.causes", ["illness", "flu"], "rules[B].causes[1]", "Input should be 'illness'"),
    (
        "rules.0.standard",
        "changchun_standard",
        "(top level)",
        "rules[A].standard: no parameter 'changchun_standard'",
    ),
    (
        "rules.1.multiple",
        "months_below_standard",
        "(top level)",
        "rules[B].multiple: parameter 'months_below_standard' is in months, expected times",
    ),
    ("exclusions.0.id", "A", "(top level)", "rule and exclusion ids must be unique: A"),
    (
        "parameters.minimum_standard.values",
        [{"since": "2020-12-01", "value": 650}, {"since": "2019-12-01", "value": 620}],
        "parameters.minimum_standard",
        "values must be listed by 'since', oldest first",
    ),
    (
        "parameters.minimum_standard.values.0.value",
        -620,
        "parameters.minimum_standard.values[0].value",
        "greater than or equal to 0",
    ),
    ("income.compares", "net", "income.compares", "Input should be 'total' or 'disposable'"),
    ("exclusions.1.fact", "owns_car", "exclusions[X2].fact", "Input should be"),
    ("rules.0.title", {"zh_CN": "只有中文"}, "rules[A].title.en", "Field required"),
    ("assume_when_missing", {"wages": 0}, "assume_when_missing.wages", "Input should be"),
]


@pytest.mark.parametrize(("path", "value", "where", "what"), BROKEN)
def test_a_broken_file_names_the_file_field_and_fault(
    tmp_path: Path, path: str, value: object, where: str, what: str
) -> None:
    data = _jilin_data()
    _set(data, path, value)
    file = _write(tmp_path, data)
    with pytest.raises(PolicyFileError) as error:
        load_policy_file(file)
    assert any(line.startswith(f"{file}: {where}: ") for line in str(error.value).splitlines())
    assert what in str(error.value)


def test_a_migrant_rule_may_only_name_rules_before_it(tmp_path: Path) -> None:
    data = yaml.safe_load((POLICIES_DIR / "henan-2017.yaml").read_text(encoding="utf-8"))
    data["rules"][3]["meets_any_of"] = ["1", "5"]
    with pytest.raises(PolicyFileError, match=r"rules\[4\]\.meets_any_of: 5 must be rules"):
        load_policy_file(_write(tmp_path, data))


def test_the_id_must_be_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "jilin-2019.yaml"
    path.write_text(yaml.safe_dump(_jilin_data(), allow_unicode=True), encoding="utf-8")
    with pytest.raises(PolicyFileError, match="id: 'jilin-2020' differs from the file name"):
        load_policy_file(path)


def test_a_file_that_is_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(PolicyFileError, match=r"broken\.yaml: \(file\): "):
        load_policy_file(path)
