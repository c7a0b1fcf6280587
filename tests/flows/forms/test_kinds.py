"""The field kinds: each is one module, and nothing outside the kinds asks a field its type."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows.forms import available_forms, load_form
from flows.forms.kinds import KINDS, Field, GroupField, field_of

ROOT = Path(__file__).resolve().parents[3]
KINDS_DIR = ROOT / "flows" / "forms" / "kinds"
# The diagram prints the type as a word; it decides nothing by it.
PRINTS_THE_TYPE = {ROOT / "flows" / "forms" / "diagram.py"}
ASKS_THE_TYPE = re.compile(r"\b(field|part|group|fields?\[[^]]*\])\.type\b")
LABEL = {"zh_CN": "问题", "en": "Question"}


def test_every_kind_has_its_own_module() -> None:
    for name, kind in KINDS.items():
        assert kind.__module__ == f"flows.forms.kinds.{name}" or not kind.__module__.startswith(
            "flows."
        ), f"{name} is defined in {kind.__module__}"


def test_the_shipped_forms_use_only_registered_kinds() -> None:
    for form_id in available_forms():
        for field in load_form(form_id).fields:
            assert KINDS[field.type] is type(field)
            for part in field.parts():
                assert KINDS[part.type] is type(part)


def test_no_code_outside_the_kinds_branches_on_a_field_type() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in ("flows", "bot", "storage")
        for path in sorted((ROOT / package).rglob("*.py"))
        if KINDS_DIR not in path.parents and path not in PRINTS_THE_TYPE
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ASKS_THE_TYPE.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"type": "money", "places": 2}, "places not allowed for type money"),
        ({"type": "yes_no", "options": []}, "options not allowed for type yes_no"),
        ({"type": "choice"}, "a choice field needs options"),
        ({"type": "text"}, "a text field needs max_length"),
    ],
)
def test_a_kind_takes_only_its_own_parameters(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        field_of({"id": "answer", "label": LABEL, **data})


def test_a_group_holds_fields_of_any_kind_but_no_group() -> None:
    part = {"id": "name", "type": "text", "max_length": 20, "label": LABEL}
    group = field_of({"id": "members", "type": "group", "label": LABEL, "fields": [part]})
    assert isinstance(group, GroupField) and isinstance(group.part("name"), Field)
    with pytest.raises(ValueError, match="groups cannot be nested"):
        field_of({"id": "outer", "type": "group", "label": LABEL, "fields": [group]})
