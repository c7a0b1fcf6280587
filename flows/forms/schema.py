"""The shape of a form file: sections, fields, their types and parameters, computed values and
checks.

Pydantic validates each field's own shape here; what spans fields (references, duplicate ids,
examples that must parse) is checked by :mod:`flows.forms.integrity` once the file has loaded.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator
from pydantic import Field as Constrained

from flows.forms.checks import Check
from flows.forms.computed import Computed
from flows.forms.conditions import Condition
from flows.i18n import LocalizedText

FieldType = Literal[
    "text",
    "integer",
    "decimal",
    "money",
    "choice",
    "choices",
    "yes_no",
    "date",
    "resident_id",
    "phone",
    "bank_card",
    "ethnicity",
    "file",
    "group",
]
FileKind = Literal["photo", "document"]
# What a number counts; the words typed after it (3人, 45岁, 2 homes) must be that thing's.
Counting = Literal["people", "years", "months", "homes", "square_metres"]

# Ids travel in callback data ("r:t:<field>:<option>", at most 64 bytes), hence the limits.
FieldId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
OptionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=19)]

SENSITIVE_TYPES: Final = frozenset({"resident_id", "phone", "bank_card"})
# A resident ID number gives these answers too (GB 11643: birth date, sex in the 17th digit).
DERIVED_FROM_ID: Final = ("sex", "birth_date", "age")
_COMMON: Final = frozenset(
    {"id", "type", "label", "help", "example", "required", "when", "fact", "sensitive"}
    | {"unique", "errors", "section"}
)
_PARAMETERS: Final[dict[str, frozenset[str]]] = {
    "text": frozenset({"max_length"}),
    "integer": frozenset({"minimum", "maximum", "unit", "counts"}),
    "decimal": frozenset({"minimum", "maximum", "places", "unit", "counts"}),
    "money": frozenset({"maximum"}),
    "choice": frozenset({"options"}),
    "choices": frozenset({"options", "min_selected", "max_selected"}),
    "file": frozenset({"accept", "max_files"}),
    "resident_id": frozenset({"minimum_age"}),
    "group": frozenset({"fields", "item_label"}),
}


class Section(BaseModel):
    """A part of the form, as the notice's table groups its items; the review shows one each."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: FieldId
    label: LocalizedText


class Option(BaseModel):
    """One choice. ``facts`` are the policy values it stands for (default: its own id)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: OptionId
    label: LocalizedText
    facts: tuple[str, ...] | None = None

    def fact_values(self) -> tuple[str, ...]:
        """The policy fact values this option contributes."""
        return (self.id,) if self.facts is None else self.facts


class Field(BaseModel):
    """One question of a form (or of a repeated group's entry)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: FieldId
    type: FieldType
    label: LocalizedText
    help: LocalizedText | None = None
    example: LocalizedText | None = None
    required: bool = True
    when: Condition | None = None
    # The id of the form's section it belongs to (every top-level field names one).
    section: FieldId | None = None
    fact: str | None = None
    sensitive: bool = False
    unique: bool = False
    errors: dict[str, LocalizedText] = {}
    max_length: int | None = None
    minimum: Decimal = Decimal(0)
    maximum: Decimal | None = None
    places: int = 2
    unit: LocalizedText | None = None
    counts: Counting | None = None
    options: tuple[Option, ...] = ()
    min_selected: int = 1
    max_selected: int | None = None
    accept: tuple[FileKind, ...] = ("photo", "document")
    max_files: int = 1
    fields: tuple[Field, ...] = ()
    item_label: LocalizedText | None = None
    # A worker's own ID: younger than this on the day it is given is refused (legal working age).
    minimum_age: int | None = None

    @model_validator(mode="after")
    def _parameters_fit_the_type(self) -> Field:
        misplaced = self.model_fields_set - _COMMON - _PARAMETERS.get(self.type, frozenset())
        if misplaced:
            raise ValueError(f"{', '.join(sorted(misplaced))} not allowed for type {self.type}")
        if self.type == "text" and not self.max_length:
            raise ValueError("a text field needs max_length")
        if self.type in ("choice", "choices") and not self.options:
            raise ValueError(f"a {self.type} field needs options")
        if self.type == "group" and not self.fields:
            raise ValueError("a group needs fields")
        if self.type == "group" and any(part.type == "group" for part in self.fields):
            raise ValueError("groups cannot be nested")
        return self

    @property
    def is_sensitive(self) -> bool:
        """Masked on screen and asked only after consent (ID, card and phone always are)."""
        return self.sensitive or self.type in SENSITIVE_TYPES

    @property
    def is_choice(self) -> bool:
        """Answered with buttons rather than typed."""
        return self.type in ("choice", "choices", "yes_no", "ethnicity")

    def option(self, option_id: str) -> Option | None:
        """The option with this id, if the field has it."""
        return next((option for option in self.options if option.id == option_id), None)


class Form(BaseModel):
    """A whole registration form."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: LocalizedText
    intro: LocalizedText | None = None
    sections: Annotated[tuple[Section, ...], Constrained(min_length=1)]
    fields: tuple[Field, ...]
    computed: tuple[Computed, ...] = ()
    checks: tuple[Check, ...] = ()

    # Looked up on every answer. Cached properties rather than pydantic's private attributes,
    # which are read through a slow __getattr__.
    @cached_property
    def fields_by_id(self) -> dict[str, Field]:
        """The top-level fields by id."""
        return {field.id: field for field in self.fields}

    @cached_property
    def positions(self) -> dict[str, int]:
        """Each top-level field's place in the form's order, by id."""
        return {field.id: n for n, field in enumerate(self.fields)}

    def field(self, field_id: str) -> Field:
        """The top-level field with this id (``KeyError`` if there is none)."""
        return self.fields_by_id[field_id]

    def has_field(self, field_id: str) -> bool:
        """Whether the form has a top-level field with this id."""
        return field_id in self.fields_by_id

    def position(self, field_id: str) -> int:
        """The field's place in the form's order."""
        return self.positions[field_id]

    def option_label(self, field_id: str, option_id: str) -> LocalizedText:
        """The label of one option of a choice field."""
        option = self.field(field_id).option(option_id)
        if option is None:
            raise KeyError(f"{field_id!r} has no option {option_id!r}")
        return option.label

    def label(self, answer_id: str) -> LocalizedText:
        """The label of a field, of a computed value, or of an answer derived from the ID."""
        if answer_id in self.fields_by_id:
            return self.fields_by_id[answer_id].label
        for value in self.computed:
            if value.id == answer_id:
                return value.label
        return DERIVED_LABELS[answer_id]


DERIVED_LABELS: Final = {
    "sex": LocalizedText(zh_CN="性别", en="Sex"),
    "birth_date": LocalizedText(zh_CN="出生日期", en="Date of birth"),
    "age": LocalizedText(zh_CN="年龄", en="Age"),
}
