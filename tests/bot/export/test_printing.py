"""Printed as is: rows as tall as their wrapped text, page numbers on tables of many pages.

The LibreOffice test renders a table to PDF, as an officer's office would print it, and reads
back the text of each page (it is skipped where LibreOffice is not installed). The pages were
also looked at, rendered to PNG: no text runs over the next row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.workbooks import write_xlsx
from flows.tables import ExportRecord, load_table
from flows.tables.fitting import LINE_HEIGHT, lines, row_height
from tests.flows.tables.samples import JILIN_CONTEXT, MOTHER, RETIREE

LONG_REASON = "本人患尿毒症，每周透析三次，" * 10
LONG_ADDRESS = "长春市朝阳区西安大路100号" * 4
MEMBERS = [
    {"name": f"成员{n}", "age": 30 + n, "relationship": "子女", "work_unit_position": "学生"}
    for n in range(5)
]


def _long(record: ExportRecord, number: int) -> ExportRecord:
    answers = {
        **record.answers,
        "hardship_reason": LONG_REASON,
        "address": LONG_ADDRESS,
        "family_members": MEMBERS,
    }
    return dataclasses.replace(record, record_id=number, answers=answers)


def _sheets(form_id: str, table_id: str, records: list[ExportRecord]) -> list[Worksheet]:
    out = io.BytesIO()
    write_xlsx(load_table(form_id, table_id), records, JILIN_CONTEXT, out)
    out.seek(0)
    return load_workbook(out).worksheets


def test_chinese_counts_double_and_newlines_start_lines() -> None:
    assert lines("12345", 10) == 1
    assert lines("一二三四五", 10) == 2  # 10.5 characters' width in 9 usable
    assert lines("一\n二\n三", 30) == 3
    assert row_height([("短", 10), (None, 10), (3, 5)]) == LINE_HEIGHT + 4
    assert row_height([("短", 10)], 20) == 20


def test_a_summary_row_grows_with_its_longest_text() -> None:
    (sheet,) = _sheets("jilin-2020", "summary", [MOTHER, _long(RETIREE, 2)])
    short, tall = sheet.row_dimensions[4].height, sheet.row_dimensions[5].height
    # 困难原因 is 36 characters wide: 140 Chinese characters need 9 lines.
    assert tall >= 9 * LINE_HEIGHT > short
    # Every line of the family members' list fits as well (30 wide, 5 people of 12 each).
    assert tall >= lines(sheet.cell(row=5, column=12).value, 30) * LINE_HEIGHT


def test_a_summary_table_numbers_its_pages_and_repeats_its_headers() -> None:
    (sheet,) = _sheets("jilin-2020", "summary", [MOTHER])
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert sheet.print_title_rows == "$1:$3"


def test_the_registration_forms_footnote_and_reason_get_their_lines() -> None:
    (sheet,) = _sheets("jilin-2020", "registration", [_long(MOTHER, 1)])
    footnote_row = next(
        row for row in range(1, sheet.max_row + 1)
        if str(sheet.cell(row=row, column=1).value or "").startswith("注：1.")
    )  # fmt: skip
    # The first footnote is 90 characters on a grid about 90 wide: two lines at least.
    assert sheet.row_dimensions[footnote_row].height >= 2 * LINE_HEIGHT
    reason_row = next(
        row for row in range(1, sheet.max_row + 1)
        for column in range(1, sheet.max_column + 1)
        if sheet.cell(row=row, column=column).value == LONG_REASON
    )  # fmt: skip
    assert sheet.row_dimensions[reason_row].height >= 110


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_every_page_numbered(tmp_path: Path) -> None:
    records = [_long(MOTHER if n % 2 else RETIREE, n) for n in range(1, 13)]
    source = tmp_path / "summary.xlsx"
    with source.open("wb") as out:
        write_xlsx(load_table("jilin-2020", "summary"), records, JILIN_CONTEXT, out)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / "summary.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):
        assert f"第{number}页共{len(pages)}页" in "".join(page.split())
        assert "困难职工姓名" in page  # the column headers repeat on every page


def test_the_title_and_footnote_dates_are_the_campaigns() -> None:
    later = dataclasses.replace(JILIN_CONTEXT, year=2023, deadline=dt.date(2024, 1, 8))
    out = io.BytesIO()
    write_xlsx(load_table("jilin-2020", "summary"), [MOTHER], later, out)
    write_xlsx(load_table("henan-2017", "summary"), [MOTHER], later, henan := io.BytesIO())
    out.seek(0)
    assert load_workbook(out).worksheets[0]["A1"].value == "2023年困难职工情况汇总表"
    (sheet,) = load_workbook(henan).worksheets
    assert sheet["A5"].value.startswith("注:1.此表于2024年1月8日前报省直工会；")


@pytest.mark.parametrize(
    ("locale", "title", "header", "state"),
    [
        (
            "zh_CN",
            "2019年困难职工情况汇总表（全部已提交，非报送名单）",
            "审核状态",
            "已提交，等待审核",
        ),
        (
            "en",
            "2019年困难职工情况汇总表 (every submitted record, not the submission list)",
            "Review state",
            "submitted, waiting for review",
        ),
    ],
)
def test_every_submitted_record_is_marked_as_no_submission_list(
    locale: str, title: str, header: str, state: str
) -> None:
    context = dataclasses.replace(JILIN_CONTEXT, all_submitted=True, locale=locale)
    pending = dataclasses.replace(RETIREE, state="submitted")
    out = io.BytesIO()
    write_xlsx(load_table("jilin-2020", "summary"), [MOTHER, pending], context, out)
    out.seek(0)
    (sheet,) = load_workbook(out).worksheets
    assert sheet["A1"].value == title
    assert sheet.cell(row=3, column=13).value == header
    assert sheet.cell(row=5, column=13).value == state
    assert sheet.cell(row=4, column=13).value != state  # approved says so
