"""An answer as a person reads it on the review screen: labels, money, masked numbers.

Each kind says how its answers are shown (:meth:`flows.forms.kinds.Field.shown`).
"""

from __future__ import annotations

from collections.abc import Mapping

from flows.forms.kinds import Field, GroupField
from flows.forms.kinds.choices import LIST_SEPARATOR
from flows.forms.texts import Text

__all__ = ["LIST_SEPARATOR", "entry", "shown"]


def shown(field: Field, value: object) -> Text:
    """The answer to ``field`` as text (sensitive numbers masked)."""
    return field.shown(value)


def entry(group: GroupField, item: Mapping[str, object]) -> Text:
    """One entry of a repeated group on one line: ``张三，配偶，45，某厂 工人``."""
    return group.entry(item)
