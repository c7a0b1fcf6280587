"""Shipped forms load and agree with their diagrams; broken forms name the file, field, fault."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from flows.forms import (
    FormFileError,
    available_forms,
    computed_values,
    facts_from_answers,
    load_form,
    load_form_file,
)
from flows.forms.diagram import mermaid
from flows.forms.loading import FORMS_DIR


def test_both_notices_forms_are_shipped() -> None:
    assert available_forms() == ("henan-2017", "jilin-2020")


@pytest.mark.parametrize("form_id", ["henan-2017", "jilin-2020"])
def test_the_shipped_diagram_is_generated_from_the_form(form_id: str) -> None:
    shipped = (FORMS_DIR / form_id / "diagram.mmd").read_text(encoding="utf-8")
    assert mermaid(load_form(form_id)) == shipped


def _broken(tmp_path: Path, change: str, value: object) -> FormFileError:
    data = yaml.safe_load((FORMS_DIR / "jilin-2020" / "form.yaml").read_text(encoding="utf-8"))
    fields = {field["id"]: field for field in data["fields"]}
    target, key = change.split(".")
    if target == "new":
        data["fields"].append(value)
    elif target == "sections":
        data["sections"] = value
    elif target == "checks":
        data["checks"][int(key)] = value
    else:
        fields[target][key] = value
    path = tmp_path / "jilin-2020" / "form.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FormFileError) as error:
        load_form_file(path)
    return error.value


BROKEN = [
    ("phone.type", "telephone", "fields[phone].type", "Input should be"),
    (
        "doc_diagnosis.when",
        {"field": "diagnosis", "contains": "x"},
        "fields[doc_diagnosis].when",
        "'diagnosis', which is not a field asked before it",
    ),
    (
        "doc_diagnosis.when",
        {"field": "hardship_types", "contains": "cancer"},
        "fields[doc_diagnosis].when",
        "no option 'cancer'",
    ),
    (
        "new.x",
        {"id": "name", "type": "text", "max_length": 5, "label": {"zh_CN": "a", "en": "a"}},
        "fields[name]",
        "duplicate id 'name'",
    ),
    (
        "new.x",
        {"id": "extra", "type": "text", "max_length": 5, "label": {"zh_CN": "a", "en": "a"}},
        "fields[extra].section",
        "missing: name the section the field belongs to (identity, work_contact,",
    ),
    ("phone.section", "contact", "fields[phone].section", "unknown section 'contact' (known: "),
    # The bank card, the payment section's only field, moved: the section is left empty.
    ("bank_card.section", "identity", "sections[payment]", "no field names this section"),
    (
        "sections.x",
        [
            {"id": "identity", "label": {"zh_CN": "a", "en": "a"}},
            {"id": "identity", "label": {"zh_CN": "b", "en": "b"}},
        ],
        "sections",
        "duplicate id 'identity'",
    ),
    ("sections.x", [], "sections", "at least 1 item"),
    (
        "phone.example",
        {"zh_CN": "12345", "en": "12345"},
        "fields[phone].example.zh_CN",
        "the field rejects it",
    ),
    (
        "hardship_reason.errors",
        {"too_short": {"zh_CN": "a", "en": "a"}},
        "fields[hardship_reason].errors",
        "unknown problem 'too_short'",
    ),
    ("wages.fact", "salary", "fields[wages].fact", "unknown policy fact 'salary'"),
    (
        "name.options",
        [{"id": "a", "label": {"zh_CN": "a", "en": "a"}}],
        "fields[name]",
        "options not allowed for type text",
    ),
    (
        "checks.1",
        {
            "kind": "contradicts",
            "field": "hardship_types",
            "option": "single_father",
            "group": "family_members",
            "part": "relation",
            "words": ["丈夫"],
        },
        "checks[1]",
        "no option 'single_father'",
    ),
    (
        "checks.1",
        {
            "kind": "contradicts",
            "field": "hardship_types",
            "option": "single_mother",
            "group": "family_members",
            "part": "relation",
            "words": ["丈夫"],
        },
        "checks[1]",
        "'family_members' has no part 'relation'",
    ),
]


@pytest.mark.parametrize(("change", "value", "where", "what"), BROKEN)
def test_a_broken_form_names_the_file_the_field_and_the_fault(
    tmp_path: Path, change: str, value: object, where: str, what: str
) -> None:
    error = _broken(tmp_path, change, value)
    assert str(error.path).endswith("jilin-2020/form.yaml")
    assert any(found.where == where and what in found.what for found in error.problems), str(error)


JILIN_ANSWERS: dict[str, object] = {
    "household_size": 3,
    "family_members": [{}, {}],
    "wages": "1000.00",
    "business_income": "0.00",
    "property_income": "0.00",
    "transfer_income": "200.00",
    "income_tax": "0.00",
    "social_security": "100.00",
    "months_at_current_income": 7,
    "hardship_types": ["single_mother", "low_income", "serious_illness"],
    "causes": ["schooling", "serious_illness"],
    "homes_owned": 1,
    "housing_area_m2": "80",
    "owns_shop_or_employs": False,
    "receives_minimum_living": True,
}


def test_computed_values_are_exact_decimals() -> None:
    values = computed_values(load_form("jilin-2020").computed, JILIN_ANSWERS)
    assert values["household_total_income"] == Decimal("1200.00")
    assert values["household_disposable_income"] == Decimal("1100.00")
    assert values["per_capita_income"] == Decimal("1100.00") / 3


def test_answers_map_onto_the_policy_facts() -> None:
    facts = facts_from_answers(load_form("jilin-2020"), JILIN_ANSWERS)
    assert facts["household_size"] == 3
    assert facts["wages"] == Decimal("1000.00")
    assert facts["causes"] == ["single_parent", "serious_illness", "schooling"]
    assert facts["owns_shop_or_employs"] is False
    assert "housing_area_m2" not in facts  # asked only with two homes or more
    assert "receives_minimum_living" not in facts


def test_henan_facts_ask_the_contract_only_of_migrant_workers() -> None:
    form = load_form("henan-2017")
    answers = {"migrant_worker": False, "contract_months": 24, "party_aided": True}
    assert facts_from_answers(form, answers) == {"migrant_worker": False, "party_aided": True}


def test_the_diagram_draws_each_section_as_a_box_of_its_questions() -> None:
    drawn = mermaid(load_form("jilin-2020"))
    assert (
        '    subgraph s_payment["帮扶金发放 / Aid payment"]\n'
        '        f_bank_card["17. 工商银行卡号 / ICBC bank card number<br/>'
    ) in drawn
    assert drawn.count("    subgraph ") == drawn.count("\n    end\n") == 7
