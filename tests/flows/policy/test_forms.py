"""Each notice's form supplies every fact its policy reads: a complete registration leaves
nothing missing, and the answers' shapes (canonical money strings, option ids) are accepted."""

from __future__ import annotations

import pytest

from flows.forms import facts_from_answers, load_form
from flows.policy import evaluate, load_policy
from tests.flows.policy.support import HENAN_DAY, JILIN_DAY

JILIN_ANSWERS = {
    "household_size": 3,
    "wages": "1200.00",
    "business_income": "0.00",
    "property_income": "0.00",
    "transfer_income": "300.00",
    "income_tax": "0.00",
    "social_security": "150.00",
    "months_at_current_income": 8,
    "necessary_expenses": "800.00",
    "hardship_types": ["single_mother", "low_income"],
    "causes": [],
    "homes_owned": 1,
    "owns_shop_or_employs": False,
    "children_private_school_or_abroad": False,
    "uses_ships_or_machinery": False,
}
HENAN_ANSWERS = {
    "household_size": 4,
    "wages": "2000.00",
    "business_income": "0.00",
    "property_income": "0.00",
    "transfer_income": "0.00",
    "causes": ["low_income", "serious_illness"],
    "enterprise_restructured": False,
    "migrant_worker": False,
    "party_aided": False,
}

COMPLETE = [
    ("jilin-2020", JILIN_ANSWERS, "eligible", ("A", "B")),
    (
        "jilin-2020",
        {**JILIN_ANSWERS, "homes_owned": 2, "housing_area_m2": "75.5"},
        "excluded",
        ("A", "B"),
    ),
    (
        "jilin-2020",
        {**JILIN_ANSWERS, "wages": "3000.00", "hardship_types": ["low_income"]},
        "not_eligible",
        (),
    ),
    (
        "jilin-2020",
        {**JILIN_ANSWERS, "wages": "3000.00", "hardship_types": ["other"]},
        "needs_review",
        (),
    ),
    ("henan-2017", HENAN_ANSWERS, "eligible", ("1",)),
    (
        "henan-2017",
        {**HENAN_ANSWERS, "migrant_worker": True, "contract_months": 12},
        "eligible",
        ("1", "4"),
    ),
    (
        "henan-2017",
        {**HENAN_ANSWERS, "enterprise_restructured": True, "laid_off_couple": False},
        "eligible",
        ("1",),
    ),
    ("henan-2017", {**HENAN_ANSWERS, "wages": "4000.00"}, "needs_review", ()),
    ("henan-2017", {**HENAN_ANSWERS, "party_aided": True}, "excluded", ("1",)),
]


@pytest.mark.parametrize(("notice", "answers", "outcome", "rules"), COMPLETE)
def test_a_complete_registration_leaves_nothing_missing(
    notice: str, answers: dict[str, object], outcome: str, rules: tuple[str, ...]
) -> None:
    facts = facts_from_answers(load_form(notice), answers)
    day = JILIN_DAY if notice == "jilin-2020" else HENAN_DAY
    result = evaluate(load_policy(notice), facts, day)
    assert (result.outcome, result.rules, result.missing) == (outcome, rules, ())
