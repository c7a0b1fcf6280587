"""The shape of a form file: sections, fields, computed values and checks.

Each field is validated by the model of its kind (:mod:`flows.forms.kinds`); what spans fields
(references, duplicate ids, examples that must parse) is checked by
:mod:`flows.forms.integrity` once the file has loaded.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated

from pydantic import BaseModel, ConfigDict
from pydantic import Field as Constrained

from flows.forms.checks import Check
from flows.forms.computed import Computed
from flows.forms.kinds import AnyField, Field, GroupField
from flows.forms.kinds.base import FieldId
from flows.forms.kinds.resident_id import DERIVED_LABELS
from flows.i18n import LocalizedText


class Section(BaseModel):
    """A part of the form, as the notice's table groups its items; the review shows one each."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: FieldId
    label: LocalizedText


class Form(BaseModel):
    """A whole registration form."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: LocalizedText
    intro: LocalizedText | None = None
    sections: Annotated[tuple[Section, ...], Constrained(min_length=1)]
    fields: tuple[AnyField, ...]
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

    def group(self, field_id: str) -> GroupField:
        """The repeated group with this id (``KeyError`` if there is none)."""
        field = self.fields_by_id[field_id]
        if not isinstance(field, GroupField):
            raise KeyError(f"{field_id!r} is not a repeated group")
        return field

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
