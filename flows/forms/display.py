"""An answer as a person reads it on the review screen: labels, money, masked numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from flows.forms.masking import masked
from flows.forms.parsing.ethnicity import by_name
from flows.forms.schema import Field
from flows.forms.texts import Joined, Text
from flows.i18n import N_, Message

# Between the items of a list: "、" in Chinese, ", " in English.
LIST_SEPARATOR = Message(N_(", "))


def shown(field: Field, value: object) -> Text:
    """The answer to ``field`` as text (sensitive numbers masked)."""
    if value is None:
        return Message(N_("(not answered)"))
    if field.is_sensitive and isinstance(value, str):
        return masked(field.type, value)
    match field.type:
        case "money":
            return Message(N_("{amount}"), {"amount": Decimal(str(value))})
        case "decimal" if field.unit is not None:
            return Joined((str(value), field.unit), " ")
        case "choice":
            option = field.option(str(value))
            return option.label if option else str(value)
        case "choices" if isinstance(value, list):
            labels = [option.label for option in field.options if option.id in value]
            return Joined(tuple(labels), LIST_SEPARATOR) if labels else Message(N_("None of these"))
        case "yes_no":
            return Message(N_("Yes")) if value is True else Message(N_("No"))
        case "date":
            return Message(N_("{date}"), {"date": dt.date.fromisoformat(str(value))})
        case "ethnicity":
            group = by_name(str(value))
            return group.label if group else str(value)
        case "file":
            return _files(value)
        case "group" if isinstance(value, list):
            return Message(N_("{count} listed"), {"count": len(value)})
    return str(value)


def entry(group: Field, item: Mapping[str, object]) -> Text:
    """One entry of a repeated group on one line: ``张三，配偶，45，某厂 工人``."""
    parts = tuple(shown(part, item.get(part.id)) for part in group.fields if part.id in item)
    return Joined(parts, " · ")


def _files(value: object) -> Text:
    files = value if isinstance(value, list) else [value]
    if len(files) > 1:
        return Message(N_("{count} files received"), {"count": len(files)})
    first = files[0] if files else {}
    name = first.get("file_name") if isinstance(first, dict) else None
    if name:
        return Message(N_("File received: {name}"), {"name": name})
    return Message(N_("Photo received"))


def shown_derived(answer_id: str, value: object) -> Text:
    """An answer derived from the resident ID (sex, birth date, age) as text."""
    if answer_id == "sex":
        return Message(N_("Male")) if value == "male" else Message(N_("Female"))
    if answer_id == "birth_date":
        return Message(N_("{date}"), {"date": dt.date.fromisoformat(str(value))})
    return str(value)
