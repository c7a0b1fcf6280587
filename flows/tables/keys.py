"""The names a table layout may read: its own form's answers, computed values, group parts and
options, and the record's attributes.

A layout is checked against the form it sits beside when it loads, so a new field is printed by
editing data alone, and a key the form does not offer (a typo, another form's field) fails to
load instead of printing an empty column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from flows.forms.kinds.resident_id import DERIVED_LABELS
from flows.forms.schema import Form

RecordAttribute = Literal["unit_name", "state", "aid_amount", "submitted_at", "remarks"]

# Values worked out at export time: the age at the campaign's date, the row's running number.
Derived = Literal["age", "row_number", "state"]

# The fields a header block may show, filled from the export context.
HEADER_BLOCK_FIELDS: Final = frozenset({"unit", "contact", "phone", "issued"})

# The language the notices' tables are printed in: option labels are shown in it.
TABLE_LOCALE: Final = "zh_CN"

# The key under which the loader hands a layout's validators what its form offers.
CONTEXT_KEY: Final = "form_keys"


@dataclass(frozen=True, slots=True)
class FormKeys:
    """What one form offers a table: the keys its records' answers and computed values have.

    ``answers`` are its top-level field ids and the answers read from a resident ID (sex,
    birth date, age); ``parts`` the part ids of each repeated group; ``options`` the printed
    label of each option of each choice field.
    """

    form_id: str
    answers: frozenset[str]
    computed: frozenset[str]
    parts: Mapping[str, frozenset[str]]
    options: Mapping[str, Mapping[str, str]]

    @classmethod
    def of(cls, form: Form) -> FormKeys:
        """The keys ``form`` offers."""
        parts: dict[str, frozenset[str]] = {}
        options: dict[str, dict[str, str]] = {}
        for field in form.fields:
            # Read by attribute, not by field type: only some kinds have parts or options.
            if group := getattr(field, "fields", ()):
                parts[field.id] = frozenset(part.id for part in group)
            if choices := getattr(field, "options", ()):
                options[field.id] = {option.id: option.label[TABLE_LOCALE] for option in choices}
        return cls(
            form_id=form.id,
            answers=frozenset(field.id for field in form.fields) | frozenset(DERIVED_LABELS),
            computed=frozenset(value.id for value in form.computed),
            parts=parts,
            options=options,
        )

    def unknown_answer(self, key: str) -> str:
        """Why ``key`` cannot be read as an answer of this form."""
        return f"unknown answer key {key!r}: the form {self.form_id} has no such answer"
