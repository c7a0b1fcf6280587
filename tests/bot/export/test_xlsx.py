"""Exported workbooks, opened with openpyxl as an officer's Excel would open them."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.workbooks import write_xlsx
from flows.tables import ExportContext, ExportRecord, load_table
from tests.auxil.notices import HENAN_SUMMARY_HEADERS, JILIN_SUMMARY_HEADERS
from tests.flows.tables.samples import HENAN_CONTEXT, HENAN_MASKED, JILIN_CONTEXT, MOTHER, RETIREE

HENAN_FOOTNOTE = "注:1.此表于2017年1月10日前报省直工会；   2.“帮扶金额”栏由省直工会填写。"
STAMP_AREA = "（盖章）\n\n年     月     日"


def _export(
    form_id: str, table_id: str, records: list[ExportRecord], context: ExportContext
) -> tuple[int, list[Worksheet]]:
    out = io.BytesIO()
    written = write_xlsx(load_table(form_id, table_id), records, context, out)
    out.seek(0)
    return written, load_workbook(out).worksheets


def _values(sheet: Worksheet, row: int) -> tuple[object, ...]:
    return tuple(cell.value for cell in sheet[row])


def _assert_a4(sheet: Worksheet, orientation: str) -> None:
    assert sheet.page_setup.paperSize == int(sheet.PAPERSIZE_A4)
    assert sheet.page_setup.orientation == orientation
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.page_setup.fitToWidth == 1


def test_henan_summary_is_the_notices_table() -> None:
    written, (sheet,) = _export("henan-2017", "summary", [MOTHER, RETIREE], HENAN_CONTEXT)
    assert written == 2
    assert sheet["A1"].value == "省直单位困难职工帮扶情况实名制汇总表"
    assert sheet["A1"].alignment.horizontal == "center"
    assert sheet["A2"].value == (
        "填报单位(盖章)：河南省交通运输厅工会          联系人：叶强          电话：65902430"
    )
    assert _values(sheet, 3) == HENAN_SUMMARY_HEADERS
    assert _values(sheet, 4) == (
        1,
        "王芳",
        "女",
        37,
        "41010519800110002X",
        "6231880012345678901",
        "河南省交通运输厅",
        "13812345678",
        Decimal("1500"),
    )
    assert _values(sheet, 5) == (
        2,
        "张建国",
        "男",
        56,
        "220104196001110035",
        "6222020700012345678",
        "长春市朝阳区西安大路100号",
        "0431-82701100",
        None,
    )
    assert sheet["A6"].value == HENAN_FOOTNOTE
    assert sheet.max_row == 6
    assert {str(cells) for cells in sheet.merged_cells.ranges} == {"A1:I1", "A2:I2", "A6:I6"}


def test_henan_summary_prints_on_a4_landscape_with_headers_on_every_page() -> None:
    _, (sheet,) = _export("henan-2017", "summary", [MOTHER], HENAN_CONTEXT)
    _assert_a4(sheet, "landscape")
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$3"
    assert sheet.freeze_panes == "A4"


def test_henan_summary_cells_are_boxed_and_formatted() -> None:
    _, (sheet,) = _export("henan-2017", "summary", [MOTHER, RETIREE], HENAN_CONTEXT)
    for row in (3, 4, 5):
        assert all(cell.border.left.style == "thin" for cell in sheet[row])
    assert sheet["A2"].border.left.style is None
    assert sheet["I4"].number_format == '"¥"#,##0.00'
    assert sheet["E4"].number_format == "@"
    assert sheet.column_dimensions["E"].width >= 20  # 18 digits of an ID number
    assert sheet.column_dimensions["F"].width >= 21  # 19 digits of a card number


def test_numbers_are_masked_for_viewers_without_the_right() -> None:
    _, (sheet,) = _export("henan-2017", "summary", [MOTHER], HENAN_MASKED)
    assert (sheet["E4"].value, sheet["F4"].value) == ("4101**********002X", "6231***********8901")


def test_an_answer_is_never_run_as_a_formula() -> None:
    _, (sheet,) = _export("jilin-2020", "summary", [RETIREE], JILIN_CONTEXT)
    reason = sheet.cell(row=4, column=10)
    assert (reason.value, reason.data_type) == ("=本人患重病住院", "s")


def test_an_export_without_records_is_the_empty_table() -> None:
    written, (sheet,) = _export("henan-2017", "summary", [], HENAN_CONTEXT)
    assert written == 0
    assert _values(sheet, 3) == HENAN_SUMMARY_HEADERS
    assert sheet.max_row == 4  # title, header block, column headers, footnote


def test_jilin_summary_is_landscape_with_every_field() -> None:
    written, (sheet,) = _export("jilin-2020", "summary", [MOTHER, RETIREE], JILIN_CONTEXT)
    assert written == 2
    assert sheet["A1"].value == "2019年困难职工情况汇总表"
    assert _values(sheet, 3) == JILIN_SUMMARY_HEADERS
    assert _values(sheet, 5)[:7] == (
        2,
        "张建国",
        "220104196001110035",
        None,
        "0431-82701100",
        4,
        Decimal("2400.5"),
    )
    _assert_a4(sheet, "landscape")
    assert sheet.max_row == 5


def test_henan_situation_is_one_form_per_person() -> None:
    written, sheets = _export("henan-2017", "situation", [MOTHER, RETIREE], HENAN_CONTEXT)
    assert written == 2
    assert [sheet.title for sheet in sheets] == ["1 王芳", "2 张建国"]
    sheet = sheets[0]
    assert sheet["A1"].value == "省直单位困难职工情况报表"
    assert _values(sheet, 2) == ("姓    名", "王芳", "性别", "女", "年龄", 37, "民族", "回族")
    assert (sheet["A3"].value, sheet["B3"].value) == ("工作单位", "河南省交通运输厅")
    assert _values(sheet, 4)[:6] == (
        "本人月\n实际收入",
        Decimal("1100"),
        "家庭月\n人均收入（元）",
        None,
        Decimal("500"),
        "家庭人口",
    )
    assert sheet["G4"].value == 2
    assert sheet["A5"].value == "家 庭 贫 困 原 因"
    assert (sheet["A6"].value, sheet["B6"].value) == ("所在单位\n工会意见", STAMP_AREA)
    assert sheet["B6"].alignment.horizontal == "right"
    assert (sheet["A7"].value, sheet["B7"].value) == ("主管厅局工会意见", STAMP_AREA)
    assert (sheet["A8"].value, sheet["B8"].value) == ("备    注", "单亲女职工")
    assert (sheet["A9"].value, sheet["A10"].value) == (
        "注：1.若为单亲女职工，请在备注栏内注明；",
        "2.此表于2017年1月10日前报省直工会。",
    )
    assert {str(cells) for cells in sheet.merged_cells.ranges} == {
        "A1:H1",
        "B3:H3",
        "C4:D4",
        "G4:H4",
        "B5:H5",
        "B6:H6",
        "B7:H7",
        "B8:H8",
        "A9:H9",
        "A10:H10",
    }
    assert sheet["H8"].border.right.style == "thin"
    assert sheet["A9"].border.left.style is None
    _assert_a4(sheet, "portrait")
    assert sheet.page_setup.fitToHeight == 1
    assert sheet.print_area == "'1 王芳'!$A$1:$H$10"
    assert sheets[1]["B8"].value == "党组织未救助"


def test_jilin_registration_ticks_the_hardship_boxes() -> None:
    written, (sheet,) = _export("jilin-2020", "registration", [MOTHER], JILIN_CONTEXT)
    assert written == 1
    assert sheet["A1"].value == "2019年省直机关困难职工登记表"
    assert tuple(sheet[f"{column}2"].value for column in "ACFH") == (
        "困难职工姓名*",
        "王芳",
        "身份证号码*",
        "41010519800110002X",
    )
    assert tuple(sheet.cell(row=8, column=c).value for c in (1, 3, 5, 7, 9)) == (
        "☑单亲女职工",
        "☑低收入",
        "□大重病",
        "□灾害",
        "□其它",
    )
    assert sheet["A9"].value == "其他家庭成员"
    assert tuple(sheet.cell(row=10, column=c).value for c in (1, 3, 5, 7)) == (
        "姓  名",
        "年  龄",
        "关  系",
        "工作单位及职务",
    )
    assert tuple(sheet.cell(row=11, column=c).value for c in (1, 3, 5, 7)) == (
        "李小雨",
        9,
        "女儿",
        "学生",
    )
    assert all(sheet.cell(row=row, column=1).value is None for row in (12, 13))
    assert sheet["A12"].border.bottom.style == "thin"  # blank rows stay ruled, as on paper
    assert sheet["A14"].value.startswith("注：1.表格由本单位困难职工填写")


def test_a_per_person_export_without_records_is_a_blank_form() -> None:
    written, (sheet,) = _export("jilin-2020", "registration", [], JILIN_CONTEXT)
    assert written == 0
    assert sheet.title == "2019年省直机关困难职工登记表"
    assert sheet["A2"].value == "困难职工姓名*"
    assert sheet["A8"].value == "□单亲女职工"


@pytest.mark.parametrize("count", [1, 40])
def test_sheet_names_are_unique_and_fit_excel(count: int) -> None:
    long_name = ExportRecord(
        record_id=3,
        answers={**MOTHER.answers, "name": "阿不都热合曼·买买提[维吾尔族]/很长的名字很长的名字"},
        computed=MOTHER.computed,
        unit_name=MOTHER.unit_name,
        state="approved",
        aid_amount=None,
        submitted_at=None,
    )
    _, sheets = _export("henan-2017", "situation", [long_name] * count, HENAN_CONTEXT)
    titles = [sheet.title for sheet in sheets]
    assert len(set(titles)) == count
    assert all(len(title) <= 31 and "[" not in title and "/" not in title for title in titles)
