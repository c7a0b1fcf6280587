"""The names a table layout may read: canonical answer keys, computed values, record attributes.

They are the project's shared vocabulary (the brief's "canonical answer keys"); a layout that
names anything else fails to load, so a typo never becomes a silently empty column.
"""

from __future__ import annotations

from typing import Final, Literal

ANSWER_KEYS: Final = frozenset(
    {
        "name",
        "resident_id",
        "sex",
        "birth_date",
        "age",
        "ethnicity",
        "work_unit",
        "position",
        "phone",
        "household_size",
        "own_income",
        "wages",
        "business_income",
        "property_income",
        "transfer_income",
        "income_tax",
        "social_security",
        "necessary_expenses",
        "months_at_current_income",
        "address",
        "card_type",
        "bank_card",
        "hardship_types",
        "causes",
        "hardship_reason",
        "family_members",
        "homes_owned",
        "housing_area_m2",
        "owns_shop_or_employs",
        "children_private_school_or_abroad",
        "uses_ships_or_machinery",
        "party_aided",
        "enterprise_restructured",
        "laid_off_couple",
        "migrant_worker",
        "contract_months",
        "single_mother",
        "doc_id_and_bank_card",
        "doc_minimum_living",
        "doc_disability",
        "doc_diagnosis",
    }
)

COMPUTED_KEYS: Final = frozenset(
    {"household_total_income", "household_disposable_income", "per_capita_income"}
)

# The sub-fields of each repeated group, as the registration form stores its items.
GROUP_ITEM_KEYS: Final = {
    "family_members": frozenset({"name", "age", "relationship", "work_unit_position"}),
}

RecordAttribute = Literal["unit_name", "state", "aid_amount", "submitted_at", "remarks"]

# Values worked out at export time: the age at the campaign's date, the row's running number.
Derived = Literal["age", "row_number", "state"]

# The fields a header block may show, filled from the export context.
HEADER_BLOCK_FIELDS: Final = frozenset({"unit", "contact", "phone", "issued"})
