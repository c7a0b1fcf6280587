"""Table layout files: the shipped ones load against their own form; a broken one names its
file, the place in it and every fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.forms import available_forms, load_form
from flows.tables import (
    PersonTable,
    SummaryTable,
    TableFileError,
    load_table,
    load_table_file,
    table_ids,
)
from flows.tables.loading import FORMS_DIR

SHIPPED = {
    "henan-2017": ("situation", "summary"),
    "jilin-2020": ("registration", "summary"),
}


@pytest.mark.parametrize("form_id", SHIPPED)
def test_each_form_ships_its_tables(form_id: str) -> None:
    assert table_ids(form_id) == SHIPPED[form_id]


@pytest.mark.parametrize(
    ("form_id", "table_id", "kind", "orientation"),
    [
        ("henan-2017", "summary", SummaryTable, "landscape"),
        ("henan-2017", "situation", PersonTable, "portrait"),
        ("jilin-2020", "registration", PersonTable, "portrait"),
        ("jilin-2020", "summary", SummaryTable, "landscape"),
    ],
)
def test_shipped_tables_load_on_a4(
    form_id: str, table_id: str, kind: type, orientation: str
) -> None:
    table = load_table(form_id, table_id)
    assert isinstance(table, kind)
    assert (table.page.paper, table.page.orientation) == ("A4", orientation)


SUMMARY = """
name: {zh_CN: 表, en: Table}
kind: summary
title: 表
page: {orientation: landscape}
"""
PERSON = """
name: {zh_CN: 表, en: Table}
kind: per_person
title: 表
page: {orientation: portrait}
"""

BROKEN = [
    (
        "unknown answer key",
        SUMMARY + "columns: [{header: 姓名, width: 8, fill: {answer: nmae}}]",
        "columns[姓名].fill",
        "unknown answer key 'nmae': the form jilin-2020 has no such answer",
    ),
    (
        "two sources",
        SUMMARY + "columns: [{header: 姓名, width: 8, fill: {answer: name, computed: age}}]",
        "columns[姓名].fill",
        "give exactly one of",
    ),
    (
        "check box without its option",
        SUMMARY + "columns: [{header: 类型, width: 8, fill: {answer: hardship_types, "
        "format: check}}]",
        "columns[类型].fill",
        "'option' goes with the check format",
    ),
    (
        "unknown format",
        SUMMARY + "columns: [{header: 姓名, width: 8, fill: {answer: name, format: bold}}]",
        "columns[姓名].fill.format",
        "Input should be",
    ),
    (
        "header block field the context lacks",
        SUMMARY + "header_block: '单位：{unit} 日期：{date}'\n"
        "columns: [{header: 姓名, width: 8, fill: {answer: name}}]",
        "(top level)",
        "not ['date']",
    ),
    (
        "no columns",
        SUMMARY + "columns: []",
        "columns",
        "at least 1 item",
    ),
    (
        "boxes not spanning the grid",
        PERSON + "grid: [8, 8, 8]\nbands: [{boxes: [{text: 姓名}, {fill: {answer: name}}]}]",
        "(top level)",
        "bands.0: boxes span 2 of 3 columns",
    ),
    (
        "item outside a repeated band",
        PERSON + "grid: [8]\nbands: [{boxes: [{fill: {item: name}}]}]",
        "bands[0]",
        "'item' fills belong in a band with 'repeat'",
    ),
    (
        "repeated band without a CSV header",
        PERSON + "grid: [8]\nbands: [{repeat: family_members, boxes: [{fill: {item: name}}]}]",
        "bands[0]",
        "needs a 'header'",
    ),
    (
        "sub-field the group lacks",
        PERSON + "grid: [8]\nbands: [{repeat: family_members, header: 成员, "
        "boxes: [{fill: {item: salary}}]}]",
        "bands[成员]",
        "family_members items have no ['salary']",
    ),
    (
        "another form's answer",
        SUMMARY + "columns: [{header: 卡类型, width: 8, fill: {answer: card_type}}]",
        "columns[卡类型].fill",
        "unknown answer key 'card_type': the form jilin-2020 has no such answer",
    ),
    (
        "computed value the form lacks",
        SUMMARY + "columns: [{header: 收入, width: 8, fill: {computed: pension}}]",
        "columns[收入].fill",
        "unknown computed value 'pension'",
    ),
    (
        "option labels written by hand",
        SUMMARY + "columns: [{header: 类型, width: 8, fill: {answer: hardship_types, "
        "format: list, labels: {other: 其他}}}]",
        "columns[类型].fill",
        "option labels come from the form",
    ),
    (
        "check box of an option the field lacks",
        SUMMARY + "columns: [{header: 类型, width: 8, fill: {answer: hardship_types, "
        "format: check, option: flood}}]",
        "columns[类型].fill",
        "'hardship_types' has no option 'flood'",
    ),
    (
        "item template reading what the items lack",
        SUMMARY + "columns: [{header: 成员, width: 8, fill: {answer: family_members, "
        "format: list, template: '{name}{salary}'}}]",
        "columns[成员].fill",
        "family_members items have no ['salary']",
    ),
    (
        "item template of an answer that is no group",
        SUMMARY + "columns: [{header: 姓名, width: 8, fill: {answer: name, "
        "format: list, template: '{name}'}}]",
        "columns[姓名].fill",
        "'name' is none",
    ),
    (
        "repeated band of a field that is no group",
        PERSON + "grid: [8]\nbands: [{repeat: name, header: 成员, boxes: [{fill: {item: name}}]}]",
        "bands[成员]",
        "'name' is not a repeated group of jilin-2020",
    ),
    ("unknown kind", "kind: poster\ntitle: 表", "kind", "does not match any of the expected tags"),
    ("not YAML", "title: [unclosed", "(file)", "expected"),
]


@pytest.mark.parametrize(
    ("text", "field", "problem"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_a_broken_file_names_file_field_and_problem(
    tmp_path: Path, text: str, field: str, problem: str
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TableFileError) as raised:
        load_table_file(path, load_form("jilin-2020"))
    assert raised.value.path == path
    [(where, what)] = raised.value.problems
    assert where == field
    assert problem in what
    assert str(path) in str(raised.value)


SHIPPED_TABLES = [
    (form_id, table_id) for form_id in available_forms() for table_id in table_ids(form_id)
]


@pytest.mark.parametrize(("form_id", "table_id"), SHIPPED_TABLES)
def test_each_shipped_table_reads_only_what_its_own_form_offers(
    form_id: str, table_id: str
) -> None:
    path = FORMS_DIR / form_id / "tables" / f"{table_id}.yaml"
    assert load_table_file(path, load_form(form_id)) == load_table(form_id, table_id)


def test_every_form_ships_a_table() -> None:
    assert {form_id for form_id, _ in SHIPPED_TABLES} == set(available_forms())


def test_a_jilin_table_reading_henans_card_type_is_refused(tmp_path: Path) -> None:
    shipped = (FORMS_DIR / "jilin-2020" / "tables" / "summary.yaml").read_text(encoding="utf-8")
    path = tmp_path / "summary.yaml"
    path.write_text(
        shipped.replace(
            "page:", "  - {header: 卡类型, width: 10, fill: {answer: card_type}}\npage:", 1
        ),
        encoding="utf-8",
    )
    assert "card_type" in load_form("henan-2017").fields_by_id
    with pytest.raises(TableFileError) as raised:
        load_table_file(path, load_form("jilin-2020"))
    assert raised.value.problems == [
        (
            "columns[卡类型].fill",
            "Value error, unknown answer key 'card_type': the form jilin-2020 has no such answer",
        )
    ]
    assert str(raised.value).startswith(f"{path}: columns[卡类型].fill: ")


def test_every_fault_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        SUMMARY + "columns: [{header: 姓名, width: 8, fill: {answer: nmae}}, "
        "{header: 卡号, width: 0, fill: {answer: bank_card}}, "
        "{header: 收入, width: 8, fill: {computed: pension}}]",
        encoding="utf-8",
    )
    with pytest.raises(TableFileError) as raised:
        load_table_file(path, load_form("jilin-2020"))
    assert [where for where, _ in raised.value.problems] == [
        "columns[姓名].fill",
        "columns[卡号].width",
        "columns[收入].fill",
    ]
    assert len(str(raised.value).splitlines()) == 3


def test_option_labels_and_check_captions_are_the_forms() -> None:
    form = load_form("jilin-2020")
    labels = {option.id: option.label.zh_CN for option in form.field("hardship_types").options}
    summary = load_table("jilin-2020", "summary")
    assert isinstance(summary, SummaryTable)
    [listed] = [column.fill for column in summary.columns if column.header == "困难类型"]
    assert listed.labels == labels
    registration = load_table("jilin-2020", "registration")
    assert isinstance(registration, PersonTable)
    captions = {
        box.fill.option: box.fill.caption
        for band in registration.bands
        for box in band.boxes
        if box.fill is not None and box.fill.format == "check"
    }
    assert captions == labels
