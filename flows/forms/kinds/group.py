"""``group``: a repeated entry of a few fields (Jilin's 其他家庭成员), listed on one line each.

The conversation asks an entry's fields in turn (:mod:`flows.registration.steps.group`); the
answer is the list of entries, each a mapping of its fields' answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import ClassVar, Literal

from pydantic import model_validator

from flows.forms.kinds.base import AnyField, Field, register
from flows.forms.texts import Joined, Text
from flows.i18n import N_, LocalizedText, Message


@register
class GroupField(Field):
    """The family members: name, relation, age, work."""

    type: Literal["group"]
    fields: tuple[AnyField, ...] = ()
    item_label: LocalizedText | None = None

    typed: ClassVar = False

    @model_validator(mode="after")
    def _has_flat_fields(self) -> GroupField:
        if not self.fields:
            raise ValueError("a group needs fields")
        if any(isinstance(part, GroupField) for part in self.fields):
            raise ValueError("groups cannot be nested")
        return self

    def read(self, text: str, today: dt.date) -> object:
        """Never: an entry's fields are typed, not the group."""
        raise ValueError("a group is answered through its own fields")

    def parts(self) -> tuple[Field, ...]:
        """The fields of each entry."""
        return self.fields

    def part(self, part_id: str) -> Field:
        """The entry's field with this id."""
        return next(part for part in self.fields if part.id == part_id)

    def entry(self, item: Mapping[str, object]) -> Text:
        """One entry on one line: ``张三，配偶，45，某厂 工人``."""
        return Joined(
            tuple(part.shown(item.get(part.id)) for part in self.fields if part.id in item), " · "
        )

    def show(self, value: object) -> Text:
        """How many are listed."""
        if isinstance(value, list):
            return Message(N_("{count} listed"), {"count": len(value)})
        return str(value)

    def details(self, answers: Mapping[str, object]) -> list[Text]:
        """Each entry, numbered, indented under the count."""
        entries = answers.get(self.id)
        if not isinstance(entries, list):
            return []
        return [
            Joined((f"    {index}) ", self.entry(item)))
            for index, item in enumerate(entries, start=1)
            if isinstance(item, dict)
        ]
