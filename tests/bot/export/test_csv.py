"""CSV exports, read back with the csv module as Excel would read them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from bot.workbooks import write_csv
from flows.tables import load_table
from tests.auxil.notices import HENAN_SUMMARY_HEADERS
from tests.flows.tables.samples import HENAN_MASKED, JILIN_CONTEXT, MOTHER, RETIREE


def test_csv_starts_with_a_bom_then_the_header_row(tmp_path: Path) -> None:
    path, table = tmp_path / "summary.csv", load_table("henan-2017", "summary")
    with path.open("w", encoding="utf-8", newline="") as out:
        written = write_csv(table, [MOTHER, RETIREE], HENAN_MASKED, out)
    assert written == 2
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    with path.open(encoding="utf-8-sig", newline="") as back:
        rows = list(csv.reader(back))
    assert rows == [
        list(HENAN_SUMMARY_HEADERS),
        [
            "1",
            "王芳",
            "女",
            "37",
            "4101**********002X",
            "6231***********8901",
            "河南省交通运输厅",
            "13812345678",
            "1500.00",
        ],
        [
            "2",
            "张建国",
            "男",
            "56",
            "2201**********0035",
            "6222***********5678",
            "长春市朝阳区西安大路100号",
            "0431-82701100",
            "",
        ],
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_the_bom_is_written_once_whatever_the_stream(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "summary.csv"
    with path.open("w", encoding=encoding, newline="") as out:
        write_csv(load_table("jilin-2020", "summary"), [MOTHER], JILIN_CONTEXT, out)
    assert path.read_bytes().count("\ufeff".encode()) == 1


def test_a_per_person_form_flattens_to_one_row_per_person() -> None:
    out = io.StringIO()
    write_csv(load_table("jilin-2020", "registration"), [MOTHER, RETIREE], JILIN_CONTEXT, out)
    header, mother, retiree = csv.reader(io.StringIO(out.getvalue().removeprefix("\ufeff")))
    assert header[0] == "困难职工姓名*" and header[-1] == "其他家庭成员"
    assert mother[header.index("单亲女职工")] == "☑单亲女职工"
    assert mother[-1] == "李小雨 9 女儿 学生"
    assert retiree[-1] == ""


def test_text_that_a_spreadsheet_would_run_is_quoted() -> None:
    out = io.StringIO()
    write_csv(load_table("jilin-2020", "summary"), [RETIREE], JILIN_CONTEXT, out)
    _, row = csv.reader(io.StringIO(out.getvalue().removeprefix("\ufeff")))
    assert row[9] == "'=本人患重病住院"
