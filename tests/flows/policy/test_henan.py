"""Henan 2017, 二（四）: criteria 1–4 and the Party-aid exclusion P, every boundary exactly.

M = 550 yuan a month (Zhengzhou), compared with the household's total income per person: the
notice says 家庭月人均收入 and deducts nothing. The base household (three people, ¥1,500 of
wages) lives on ¥500 a person: criterion 1.
"""

from __future__ import annotations

import pytest

from tests.flows.policy.support import ABSENT, HENAN_DAY, Case, check, household, uncovered

BASE = {
    "household_size": 3,
    "wages": "1500",
    "business_income": "0",
    "property_income": "0",
    "transfer_income": "0",
    "causes": [],
    "enterprise_restructured": False,
    "migrant_worker": False,
    "party_aided": False,
}
ABOVE_M = {**BASE, "wages": "2400"}


def henan(**changes: object) -> dict[str, object]:
    return household(BASE, **changes)


def above_m(**changes: object) -> dict[str, object]:
    return household(ABOVE_M, **changes)


CASES = [
    # Criterion 1: per capita strictly below M.
    Case(
        "1: one fen below M",
        henan(wages="1649.97"),
        "eligible",
        ("1",),
        figures={"per_capita_income": "549.99", "minimum_standard": "550.00"},
    ),
    Case(
        "1: exactly M is not below",
        henan(wages="1650"),
        "not_eligible",
        figures={"per_capita_income": "550.00"},
    ),
    Case(
        "1: one fen above M",
        henan(wages="1650.03"),
        "not_eligible",
        figures={"per_capita_income": "550.01"},
    ),
    Case(
        "1: a third of a fen below M",
        henan(wages="1649.99"),
        "eligible",
        ("1",),
        figures={"per_capita_income": "549.99"},
    ),
    Case(
        "1: a third of a fen above M",
        henan(wages="1650.01"),
        "not_eligible",
        figures={"per_capita_income": "550.01"},
    ),
    Case(
        "1: total income, nothing deducted",
        henan(wages="1800", income_tax="300", social_security="300"),
        "not_eligible",
        figures={"per_capita_income": "600.00"},
    ),
    Case("1: no months are asked", henan(months_at_current_income=1), "eligible", ("1",)),
    Case(
        "1: tax and social security are not needed",
        henan(income_tax=ABSENT, social_security=ABSENT),
        "eligible",
        ("1",),
    ),
    Case(
        "1: property and transfer income count",
        henan(wages="1000", property_income="300", transfer_income="350"),
        "not_eligible",
    ),
    Case(
        "1: business income counts",
        henan(wages="1000", business_income="649.97"),
        "eligible",
        ("1",),
    ),
    Case("1: wages missing", henan(wages=ABSENT), "needs_review", missing=("wages",)),
    Case(
        "1: household size missing",
        henan(household_size=ABSENT),
        "needs_review",
        missing=("household_size",),
    ),
    # Criterion 2: special hardship from a cause — always the officer's judgement.
    Case("2: serious illness", above_m(causes=["serious_illness"]), "needs_review", review=("2",)),
    Case("2: children's schooling", above_m(causes=["schooling"]), "needs_review", review=("2",)),
    Case("2: a natural disaster", above_m(causes=["disaster"]), "needs_review", review=("2",)),
    Case("2: a sudden event", above_m(causes=["sudden_event"]), "needs_review", review=("2",)),
    Case("2: 等 — another cause", above_m(causes=["other"]), "needs_review", review=("2",)),
    Case("2: 等 — plain illness", above_m(causes=["illness"]), "needs_review", review=("2",)),
    Case("2: no cause", above_m(causes=[]), "not_eligible"),
    Case("2: causes missing", above_m(causes=ABSENT), "needs_review", missing=("causes",)),
    Case("2 never makes 1 less certain", henan(causes=["serious_illness"]), "eligible", ("1",)),
    # Criterion 3: bankrupt, restructured or merged enterprise.
    Case(
        "3: a laid-off couple",
        above_m(enterprise_restructured=True, laid_off_couple=True),
        "eligible",
        ("3",),
    ),
    Case(
        "3: another hardship worker there",
        above_m(enterprise_restructured=True, laid_off_couple=False),
        "needs_review",
        review=("3",),
    ),
    Case(
        "3: the couple question missing",
        above_m(enterprise_restructured=True),
        "needs_review",
        missing=("laid_off_couple",),
    ),
    Case(
        "3: restructuring missing",
        above_m(enterprise_restructured=ABSENT),
        "needs_review",
        missing=("enterprise_restructured",),
    ),
    Case(
        "3: no restructuring, the couple question is moot",
        above_m(laid_off_couple=True),
        "not_eligible",
    ),
    # Criterion 4: migrant workers, with a contract of a year (12 months) or more.
    Case(
        "4: contract of 12 months, below M",
        henan(migrant_worker=True, contract_months=12),
        "eligible",
        ("1", "4"),
    ),
    Case(
        "4: contract of 11 months, below M",
        henan(migrant_worker=True, contract_months=11),
        "not_eligible",
    ),
    Case(
        "4: contract of 24 months",
        henan(migrant_worker=True, contract_months=24),
        "eligible",
        ("1", "4"),
    ),
    Case(
        "4: 12 months and a laid-off couple",
        above_m(
            migrant_worker=True,
            contract_months=12,
            enterprise_restructured=True,
            laid_off_couple=True,
        ),
        "eligible",
        ("3", "4"),
    ),
    Case(
        "4: 11 months and a laid-off couple",
        above_m(
            migrant_worker=True,
            contract_months=11,
            enterprise_restructured=True,
            laid_off_couple=True,
        ),
        "not_eligible",
    ),
    Case(
        "4: 12 months and serious illness",
        above_m(migrant_worker=True, contract_months=12, causes=["serious_illness"]),
        "needs_review",
        review=("2", "4"),
    ),
    Case(
        "4: 11 months and serious illness",
        above_m(migrant_worker=True, contract_months=11, causes=["serious_illness"]),
        "not_eligible",
    ),
    Case(
        "4: 12 months but none of 1–3",
        above_m(migrant_worker=True, contract_months=12),
        "not_eligible",
    ),
    Case(
        "4: contract missing",
        henan(migrant_worker=True),
        "needs_review",
        missing=("contract_months",),
    ),
    Case(
        "4: whether a migrant worker is missing",
        henan(migrant_worker=ABSENT),
        "needs_review",
        missing=("migrant_worker",),
    ),
    Case("4: moot when nothing holds", above_m(migrant_worker=ABSENT), "not_eligible"),
    Case(
        "4: a contract of a non-migrant worker does not matter",
        henan(contract_months=3),
        "eligible",
        ("1",),
    ),
    # Exclusion P: a Party member the Party organisation already aids.
    Case("P overrides criterion 1", henan(party_aided=True), "excluded", ("1",), ("P",)),
    Case(
        "P overrides criterion 3",
        above_m(enterprise_restructured=True, laid_off_couple=True, party_aided=True),
        "excluded",
        ("3",),
        ("P",),
    ),
    Case("P when nothing else holds", above_m(party_aided=True), "excluded", (), ("P",)),
    Case(
        "P missing leaves an eligible household open",
        henan(party_aided=ABSENT),
        "needs_review",
        ("1",),
        missing=("party_aided",),
    ),
    Case(
        "P missing does not matter when nothing holds", above_m(party_aided=ABSENT), "not_eligible"
    ),
    # Household sizes and zero income.
    Case("a household of 1 below M", henan(household_size=1, wages="549.99"), "eligible", ("1",)),
    Case("a household of 1 at M", henan(household_size=1, wages="550"), "not_eligible"),
    Case(
        "a household of 20 below M",
        henan(household_size=20, wages="10999.80"),
        "eligible",
        ("1",),
        figures={"per_capita_income": "549.99"},
    ),
    Case("a household of 20 at M", henan(household_size=20, wages="11000"), "not_eligible"),
    Case(
        "zero income",
        henan(wages="0"),
        "eligible",
        ("1",),
        figures={"total_income": "0.00", "per_capita_income": "0.00"},
    ),
    Case(
        "zero income, Party-aided", henan(wages="0", party_aided=True), "excluded", ("1",), ("P",)
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_henan(case: Case) -> None:
    check("henan-2017", HENAN_DAY, case)


def test_the_table_meets_and_fails_every_rule_and_exclusion_and_reaches_every_outcome() -> None:
    assert uncovered("henan-2017", HENAN_DAY, CASES) == []
