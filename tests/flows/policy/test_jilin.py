"""Jilin 2020, Attachment 3: rules A, B, C and exclusions X1–X5, every boundary exactly.

M = 620 yuan a month (Changchun), 2·M = 1,240 inclusive. The base household (three people,
¥1,500 of wages, nothing deducted) lives on ¥500 a person and has for six months: rule A.
"""

from __future__ import annotations

import pytest

from tests.flows.policy.support import ABSENT, JILIN_DAY, Case, check, household, uncovered

BASE = {
    "household_size": 3,
    "wages": "1500",
    "business_income": "0",
    "property_income": "0",
    "transfer_income": "0",
    "income_tax": "0",
    "social_security": "0",
    "necessary_expenses": "0",
    "months_at_current_income": 6,
    "causes": [],
    "homes_owned": 1,
    "owns_shop_or_employs": False,
    "children_private_school_or_abroad": False,
    "uses_ships_or_machinery": False,
}
# Above M, so rule A cannot hold: rules B and C are seen on their own.
ABOVE_M = {**BASE, "wages": "3000", "months_at_current_income": 0}


def jilin(**changes: object) -> dict[str, object]:
    return household(BASE, **changes)


def above_m(**changes: object) -> dict[str, object]:
    return household(ABOVE_M, **changes)


CASES = [
    # Rule A: per capita strictly below M, for six consecutive months or more.
    Case(
        "A: one fen below M",
        jilin(wages="1859.97"),
        "eligible",
        ("A",),
        figures={"per_capita_income": "619.99", "minimum_standard": "620.00"},
    ),
    Case(
        "A: exactly M is not below",
        jilin(wages="1860"),
        "not_eligible",
        figures={"per_capita_income": "620.00"},
    ),
    Case(
        "A: one fen above M",
        jilin(wages="1860.03"),
        "not_eligible",
        figures={"per_capita_income": "620.01"},
    ),
    Case(
        "A: a third of a fen below M, shown below",
        jilin(wages="1859.99"),
        "eligible",
        ("A",),
        figures={"per_capita_income": "619.99"},
    ),
    Case(
        "A: a third of a fen above M, shown above",
        jilin(wages="1860.01"),
        "not_eligible",
        figures={"per_capita_income": "620.01"},
    ),
    Case("A: five months is too few", jilin(months_at_current_income=5), "not_eligible"),
    Case("A: six months is enough", jilin(months_at_current_income=6), "eligible", ("A",)),
    Case("A: twenty months", jilin(months_at_current_income=20), "eligible", ("A",)),
    Case(
        "A: months missing leave it open",
        jilin(months_at_current_income=ABSENT),
        "needs_review",
        missing=("months_at_current_income",),
    ),
    Case(
        "A: months do not matter at M",
        jilin(wages="1860", months_at_current_income=ABSENT),
        "not_eligible",
    ),
    # Disposable = total − income tax − personal social security.
    Case(
        "disposable income is what is compared",
        jilin(wages="2000", income_tax="100", social_security="400"),
        "eligible",
        ("A",),
        figures={
            "total_income": "2000.00",
            "disposable_income": "1500.00",
            "per_capita_income": "500.00",
        },
    ),
    Case(
        "every income part counts",
        jilin(wages="1000", business_income="300", property_income="300", transfer_income="260"),
        "not_eligible",
        figures={"total_income": "1860.00", "per_capita_income": "620.00"},
    ),
    # Issue 13: deductions above the income gave a negative income that met A and B.
    Case(
        "a negative disposable income meets no income rule",
        jilin(wages="1800", social_security="5000", causes=["illness", "sudden_event"]),
        "not_eligible",
        figures={"disposable_income": "-3200.00"},
    ),
    Case("income tax missing", jilin(income_tax=ABSENT), "needs_review", missing=("income_tax",)),
    Case(
        "social security missing",
        jilin(social_security=ABSENT),
        "needs_review",
        missing=("social_security",),
    ),
    Case("wages missing", jilin(wages=ABSENT), "needs_review", missing=("wages",)),
    Case(
        "transfer income missing",
        jilin(transfer_income=ABSENT),
        "needs_review",
        missing=("transfer_income",),
    ),
    Case(
        "household size missing",
        jilin(household_size=ABSENT),
        "needs_review",
        missing=("household_size",),
    ),
    # Rule B: per capita at most 2·M (含), with illness, schooling, disability, single parent.
    Case(
        "B: exactly 2·M with illness",
        above_m(wages="3720", causes=["illness"]),
        "eligible",
        ("B",),
        figures={"per_capita_income": "1240.00", "minimum_standard_multiple": "1240.00"},
    ),
    Case("B: one fen below 2·M", above_m(wages="3719.97", causes=["illness"]), "eligible", ("B",)),
    Case(
        "B: one fen above 2·M",
        above_m(wages="3720.03", causes=["illness"]),
        "not_eligible",
        figures={"per_capita_income": "1240.01"},
    ),
    Case(
        "B: a third of a fen above 2·M",
        above_m(wages="3720.01", causes=["illness"]),
        "not_eligible",
        figures={"per_capita_income": "1240.01"},
    ),
    Case("B: schooling", above_m(causes=["schooling"]), "eligible", ("B",)),
    Case("B: disability", above_m(causes=["disability"]), "eligible", ("B",)),
    Case("B: single parent", above_m(causes=["single_parent"]), "eligible", ("B",)),
    Case("B and C: serious illness", above_m(causes=["serious_illness"]), "eligible", ("B", "C")),
    Case(
        "B, C: only 'other' needs the officer",
        above_m(causes=["other"]),
        "needs_review",
        review=("B", "C"),
    ),
    Case(
        "B, C: a lay-off needs the officer",
        above_m(causes=["laid_off"]),
        "needs_review",
        review=("B", "C"),
    ),
    Case("no cause between M and 2·M", above_m(causes=[]), "not_eligible"),
    Case(
        "causes missing between M and 2·M",
        above_m(causes=ABSENT),
        "needs_review",
        missing=("causes",),
    ),
    # Rule C: (disposable − necessary expenses) / size at most 2·M (含), with a sudden cause.
    Case(
        "C: exactly 2·M after expenses",
        above_m(household_size=2, wages="3000", necessary_expenses="520", causes=["sudden_event"]),
        "eligible",
        ("C",),
        figures={"per_capita_income": "1500.00", "per_capita_after_expenses": "1240.00"},
    ),
    Case(
        "C: one fen above 2·M after expenses",
        above_m(
            household_size=2, wages="3000", necessary_expenses="519.98", causes=["sudden_event"]
        ),
        "not_eligible",
        figures={"per_capita_after_expenses": "1240.01"},
    ),
    Case(
        "C: an accident",
        above_m(household_size=2, wages="3000", necessary_expenses="600", causes=["accident"]),
        "eligible",
        ("C",),
    ),
    Case(
        "C: a disaster",
        above_m(household_size=2, wages="3000", necessary_expenses="600", causes=["disaster"]),
        "eligible",
        ("C",),
    ),
    Case(
        "C: plain illness needs the officer",
        above_m(household_size=2, wages="3000", necessary_expenses="600", causes=["illness"]),
        "needs_review",
        review=("C",),
    ),
    Case(
        "C: expenses missing",
        above_m(household_size=2, wages="3000", necessary_expenses=ABSENT, causes=["sudden_event"]),
        "needs_review",
        missing=("necessary_expenses",),
    ),
    Case(
        "C: expenses above the income",
        above_m(household_size=2, wages="3000", necessary_expenses="5000", causes=["sudden_event"]),
        "eligible",
        ("C",),
        figures={"per_capita_after_expenses": "-1000.00"},
    ),
    # Exclusions override an eligible household.
    Case(
        "X1: two homes, 25.01 m² a person",
        jilin(homes_owned=2, housing_area_m2="75.03"),
        "excluded",
        ("A",),
        ("X1",),
    ),
    Case(
        "X1: two homes, exactly 25 m² a person",
        jilin(homes_owned=2, housing_area_m2="75"),
        "eligible",
        ("A",),
    ),
    Case(
        "X1: one home, 80 m² a person",
        jilin(homes_owned=1, housing_area_m2="240"),
        "eligible",
        ("A",),
    ),
    Case(
        "X1: three homes, 25.01 m² a person",
        jilin(homes_owned=3, housing_area_m2="75.03"),
        "excluded",
        ("A",),
        ("X1",),
    ),
    Case(
        "X1: two homes, area missing",
        jilin(homes_owned=2),
        "needs_review",
        ("A",),
        missing=("housing_area_m2",),
    ),
    Case(
        "X1: homes missing",
        jilin(homes_owned=ABSENT),
        "needs_review",
        ("A",),
        missing=("homes_owned",),
    ),
    Case("X2: a shop or employees", jilin(owns_shop_or_employs=True), "excluded", ("A",), ("X2",)),
    Case(
        "X3: a private school or study abroad",
        jilin(children_private_school_or_abroad=True),
        "excluded",
        ("A",),
        ("X3",),
    ),
    Case(
        "X4: ships or machinery", jilin(uses_ships_or_machinery=True), "excluded", ("A",), ("X4",)
    ),
    Case(
        "X5: untruthful (an officer's finding)", jilin(untruthful=True), "excluded", ("A",), ("X5",)
    ),
    Case(
        "X5 is never asked: not given means truthful", jilin(untruthful=ABSENT), "eligible", ("A",)
    ),
    Case(
        "X2 missing leaves an eligible household open",
        jilin(owns_shop_or_employs=ABSENT),
        "needs_review",
        ("A",),
        missing=("owns_shop_or_employs",),
    ),
    Case(
        "X3 missing leaves it open",
        jilin(children_private_school_or_abroad=ABSENT),
        "needs_review",
        ("A",),
        missing=("children_private_school_or_abroad",),
    ),
    Case(
        "X4 missing leaves it open",
        jilin(uses_ships_or_machinery=ABSENT),
        "needs_review",
        ("A",),
        missing=("uses_ships_or_machinery",),
    ),
    Case(
        "an open exclusion does not matter when nothing holds",
        jilin(wages="1860", owns_shop_or_employs=ABSENT),
        "not_eligible",
    ),
    Case(
        "two exclusions at once",
        jilin(owns_shop_or_employs=True, uses_ships_or_machinery=True),
        "excluded",
        ("A",),
        ("X2", "X4"),
    ),
    Case(
        "excluded even when no rule holds",
        jilin(wages="9000", owns_shop_or_employs=True),
        "excluded",
        (),
        ("X2",),
    ),
    # Household sizes and zero income.
    Case("a household of 1 below M", jilin(household_size=1, wages="619.99"), "eligible", ("A",)),
    Case("a household of 1 at M", jilin(household_size=1, wages="620"), "not_eligible"),
    Case(
        "a household of 20 below M",
        jilin(household_size=20, wages="12399.80"),
        "eligible",
        ("A",),
        figures={"per_capita_income": "619.99"},
    ),
    Case("a household of 20 at M", jilin(household_size=20, wages="12400"), "not_eligible"),
    Case(
        "20 people, two homes, 25 m² each",
        jilin(household_size=20, wages="0", homes_owned=2, housing_area_m2="500"),
        "eligible",
        ("A",),
    ),
    Case(
        "20 people, two homes, a hair over 25 m² each",
        jilin(household_size=20, wages="0", homes_owned=2, housing_area_m2="500.01"),
        "excluded",
        ("A",),
        ("X1",),
    ),
    Case(
        "zero income",
        jilin(wages="0"),
        "eligible",
        ("A",),
        figures={"total_income": "0.00", "per_capita_income": "0.00"},
    ),
    Case(
        "zero income, but for two months and no cause",
        jilin(wages="0", months_at_current_income=2),
        "not_eligible",
    ),
    Case(
        "zero income for two months, with illness",
        jilin(wages="0", months_at_current_income=2, causes=["illness"]),
        "eligible",
        ("B",),
    ),
    Case("A and B together", jilin(causes=["schooling"]), "eligible", ("A", "B")),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_jilin(case: Case) -> None:
    check("jilin-2020", JILIN_DAY, case)


def test_the_table_meets_and_fails_every_rule_and_exclusion_and_reaches_every_outcome() -> None:
    assert uncovered("jilin-2020", JILIN_DAY, CASES) == []
