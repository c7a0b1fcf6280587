"""Table layout files: the shipped ones load; a broken one names its file, field and fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.tables import (
    PersonTable,
    SummaryTable,
    TableFileError,
    load_table,
    load_table_file,
    table_ids,
)

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
        "columns.0.fill",
        "unknown answer key 'nmae'",
    ),
    (
        "two sources",
        SUMMARY + "columns: [{header: 姓名, width: 8, fill: {answer: name, computed: age}}]",
        "columns.0.fill",
        "give exactly one of",
    ),
    (
        "check box without its option",
        SUMMARY + "columns: [{header: 类型, width: 8, fill: {answer: hardship_types, "
        "format: check}}]",
        "columns.0.fill",
        "'option' goes with the check format",
    ),
    (
        "unknown format",
        SUMMARY + "columns: [{header: 姓名, width: 8, fill: {answer: name, format: bold}}]",
        "columns.0.fill.format",
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
        "bands.0",
        "'item' fills belong in a band with 'repeat'",
    ),
    (
        "repeated band without a CSV header",
        PERSON + "grid: [8]\nbands: [{repeat: family_members, boxes: [{fill: {item: name}}]}]",
        "bands.0",
        "needs a 'header'",
    ),
    (
        "sub-field the group lacks",
        PERSON + "grid: [8]\nbands: [{repeat: family_members, header: 成员, "
        "boxes: [{fill: {item: salary}}]}]",
        "bands.0",
        "family_members items have no ['salary']",
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
        load_table_file(path)
    assert raised.value.path == path
    assert raised.value.field == field
    assert problem in raised.value.problem
    assert str(path) in str(raised.value)
