"""Facts are checked on the way in; a bad one is named; the vocabulary matches the forms'."""

from __future__ import annotations

from decimal import Decimal
from typing import get_args

import pytest

from flows.forms.facts import POLICY_FACTS
from flows.i18n import translator
from flows.policy import CAUSES, FACT_NAMES, FactError, Facts, parse_facts
from flows.policy.facts import FLAGS
from flows.policy.schema import Cause, Flag

INVALID = [
    ("household_size", 0, "A household has at least one person."),
    ("household_size", -2, "It cannot be negative."),
    ("household_size", 2.5, "Expected a whole number."),
    ("household_size", "three", "Expected a whole number."),
    ("household_size", True, "Expected a whole number."),
    ("wages", -1, "It cannot be negative."),
    ("wages", "-0.01", "It cannot be negative."),
    ("wages", "lots", "Expected a number."),
    ("wages", "NaN", "Expected a number."),
    ("wages", "Infinity", "Expected a number."),
    ("wages", True, "Expected a number."),
    ("wages", [1500], "Expected a number."),
    ("income_tax", "1.005", "An amount in yuan has at most two decimals (fen)."),
    ("wages", "1e12", "It is too large."),
    ("necessary_expenses", -300, "It cannot be negative."),
    ("months_at_current_income", -1, "It cannot be negative."),
    ("homes_owned", "2.5", "Expected a whole number."),
    ("contract_months", "-12", "Expected a whole number."),
    ("housing_area_m2", "-80", "It cannot be negative."),
    ("causes", "illness", "Expected a list of causes."),
    ("causes", ["illness", "flu"], "Unknown cause 'flu'; known: illness, serious_illness,"),
    ("owns_shop_or_employs", "yes", "Expected true or false."),
    ("party_aided", 1, "Expected true or false."),
    ("wage", 1500, "There is no such fact."),
]


@pytest.mark.parametrize(("fact", "value", "reason"), INVALID)
def test_an_invalid_fact_is_named_with_the_reason(fact: str, value: object, reason: str) -> None:
    with pytest.raises(FactError) as error:
        parse_facts({"household_size": 3, fact: value})
    assert error.value.fact == fact
    assert translator("en").render(error.value.message).startswith(reason)
    assert str(error.value).startswith(f"{fact}: ")


def test_a_fact_error_reads_in_chinese_too() -> None:
    with pytest.raises(FactError) as error:
        parse_facts({"household_size": 0})
    assert translator("zh_CN").render(error.value.message) == "家庭人口至少为1人。"


def test_values_become_exact_types() -> None:
    facts = parse_facts(
        {
            "household_size": "4",
            "wages": 1500,
            "business_income": 620.1,
            "property_income": "1.500",
            "transfer_income": Decimal("0"),
            "housing_area_m2": "80.125",
            "causes": ("illness", "schooling", "illness"),
            "migrant_worker": False,
            "contract_months": 12.0,
            "income_tax": None,
        }
    )
    assert facts == Facts(
        household_size=4,
        wages=Decimal(1500),
        business_income=Decimal("620.1"),
        property_income=Decimal("1.5"),
        transfer_income=Decimal(0),
        housing_area_m2=Decimal("80.125"),
        causes=frozenset({"illness", "schooling"}),
        migrant_worker=False,
        contract_months=12,
    )
    assert facts.income_tax is None


def test_the_vocabulary_is_the_forms_vocabulary() -> None:
    assert set(FACT_NAMES) == POLICY_FACTS
    assert len(FACT_NAMES) == len(POLICY_FACTS)


def test_the_policy_files_use_the_same_causes_and_flags() -> None:
    assert set(get_args(Cause)) == set(CAUSES)
    assert set(get_args(Flag)) == set(FLAGS)
