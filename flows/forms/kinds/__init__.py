"""Field kinds, one module each: everything about one ``type`` of a form's field.

A kind's module defines a pydantic model derived from :class:`Field` (``type:
Literal["<name>"]``, its own parameters) and registers it with :func:`register`. The model
says how typed text is read and what can be wrong with it (:meth:`Field.read`,
:attr:`Field.problem_codes`), its buttons and what a press does (:meth:`Field.keys`,
:meth:`Field.press`), how an answer is shown (:meth:`Field.show`, masked when sensitive), the
policy fact it supplies (:meth:`Field.fact_value`) and the faults only it can see
(:meth:`Field.faults`). See the README's "Adding a field kind".
"""

from __future__ import annotations

from flows.forms.kinds import (
    bank_card,
    choice,
    choices,
    date,
    decimal,
    ethnicity,
    file,
    group,
    integer,
    money,
    phone,
    resident_id,
    text,
    yes_no,
)
from flows.forms.kinds.base import (
    KINDS,
    Answer,
    AnyField,
    Field,
    Key,
    Option,
    Outcome,
    Stay,
    field_of,
    register,
)
from flows.forms.kinds.group import GroupField

__all__ = [
    "KINDS",
    "Answer",
    "AnyField",
    "Field",
    "GroupField",
    "Key",
    "Option",
    "Outcome",
    "Stay",
    "bank_card",
    "choice",
    "choices",
    "date",
    "decimal",
    "ethnicity",
    "field_of",
    "file",
    "group",
    "integer",
    "money",
    "phone",
    "register",
    "resident_id",
    "text",
    "yes_no",
]
