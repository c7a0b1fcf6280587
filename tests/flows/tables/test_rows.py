"""A record's row in each shipped table, and its place on the per-person forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flows.tables import (
    CellValue,
    ExportContext,
    ExportRecord,
    Fill,
    PersonTable,
    SummaryTable,
    cells,
    header_block_text,
    headers,
    load_table,
    person_sheet,
)
from flows.tables.fills import Scope, value
from flows.tables.values import DATE_ZH, TEXT, YUAN
from tests.auxil.notices import HENAN_SUMMARY_HEADERS
from tests.flows.tables.samples import HENAN_CONTEXT, HENAN_MASKED, JILIN_CONTEXT, MOTHER, RETIREE


def _texts(row: list[CellValue]) -> list[str]:
    return [cell.text() for cell in row]


def _by_header(
    table: SummaryTable | PersonTable, record: ExportRecord, context: ExportContext, number: int
) -> dict[str, str]:
    row = _texts(cells(table, record, context, number=number))
    return dict(zip(headers(table), row, strict=True))


def test_henan_summary_headers_are_the_notices() -> None:
    assert headers(load_table("henan-2017", "summary")) == list(HENAN_SUMMARY_HEADERS)


def test_henan_summary_rows_with_full_numbers() -> None:
    table = load_table("henan-2017", "summary")
    assert _texts(cells(table, MOTHER, HENAN_CONTEXT, number=1)) == [
        "1",
        "王芳",
        "女",
        "37",
        "41010519800110002X",
        "6231880012345678901",
        "河南省交通运输厅",
        "13812345678",
        "1500.00",
    ]
    # No work unit: the address; no aid amount yet: blank for the provincial union to fill.
    assert _texts(cells(table, RETIREE, HENAN_CONTEXT, number=2)) == [
        "2",
        "张建国",
        "男",
        "56",
        "220104196001110035",
        "6222020700012345678",
        "长春市朝阳区西安大路100号",
        "0431-82701100",
        "",
    ]


def test_henan_summary_masks_numbers_for_other_roles() -> None:
    row = cells(load_table("henan-2017", "summary"), MOTHER, HENAN_MASKED, number=1)
    assert (row[4].text(), row[5].text()) == ("4101**********002X", "6231***********8901")
    assert row[7].text() == "13812345678"


def test_amounts_stay_numbers_and_numbers_stay_text() -> None:
    row = cells(load_table("henan-2017", "summary"), MOTHER, HENAN_CONTEXT, number=1)
    assert row[8].value == Decimal("1500.00") and row[8].number_format == YUAN
    assert row[4].number_format == TEXT


def test_jilin_summary_has_every_registration_field() -> None:
    table = load_table("jilin-2020", "summary")
    row = _by_header(table, MOTHER, JILIN_CONTEXT, 1)
    assert row == {
        "序号": "1",
        "困难职工姓名": "王芳",
        "身份证号码": "41010519800110002X",
        "所在单位及职务": "河南省交通运输厅 科员",
        "联系电话": "13812345678",
        "家庭人口数": "2",
        "家庭月收入": "1100.00",
        "家庭现住址": "郑州市金水区经三路12号",
        "工商银行卡号": "6231880012345678901",
        "困难原因": "独自抚养女儿，女儿患病常年治疗。",
        "困难类型": "单亲女职工、低收入",
        "其他家庭成员": "李小雨（女儿，9岁，学生）",
    }


def test_jilin_registration_flattens_boxes_and_family() -> None:
    table = load_table("jilin-2020", "registration")
    row = _by_header(table, MOTHER, JILIN_CONTEXT, 1)
    assert row["困难职工姓名*"] == "王芳"
    assert row["困难原因*（限150字）"] == "独自抚养女儿，女儿患病常年治疗。"
    assert [row[box] for box in ("单亲女职工", "低收入", "大重病", "灾害", "其它")] == [
        "☑单亲女职工",
        "☑低收入",
        "□大重病",
        "□灾害",
        "□其它",
    ]
    assert row["其他家庭成员"] == "李小雨 9 女儿 学生"


def test_henan_situation_notes_a_single_mother_and_the_officers_remarks() -> None:
    table = load_table("henan-2017", "situation")
    mother = _by_header(table, MOTHER, HENAN_CONTEXT, 1)
    retiree = _by_header(table, RETIREE, HENAN_CONTEXT, 2)
    assert mother["备注"] == "单亲女职工"
    assert retiree["备注"] == "党组织未救助"
    assert mother["家庭月人均收入（元）"] == "500.00"
    assert mother["民族"] == "回族"


def test_jilin_registration_keeps_three_family_rows_as_on_paper() -> None:
    table = load_table("jilin-2020", "registration")
    plan = person_sheet(table, MOTHER, JILIN_CONTEXT, number=1)
    names = [cell for cell in plan.cells if cell.role == "value" and cell.column == 1]
    family = [cell.value.text() for cell in names if cell.row > 10]
    assert family == ["李小雨", "", ""]
    title = plan.cells[0]
    assert (title.row, title.span, title.value.text()) == (1, 10, "2019年省直机关困难职工登记表")
    footnotes = [cell.value.text() for cell in plan.cells if cell.role == "footnote"]
    assert footnotes[1].strip() == "2.每项都必须填写,漏添表格视为无效,不予发放。"


def test_dates_are_written_the_chinese_way() -> None:
    submitted = Fill(record="submitted_at", format="date-zh")
    cell = value(submitted, Scope(MOTHER, HENAN_CONTEXT, 1))
    # 09:30 UTC is 17:30 in Shanghai: the same day.
    assert (cell.value, cell.number_format, cell.text()) == (
        dt.date(2016, 12, 20),
        DATE_ZH,
        "2016年12月20日",
    )


def test_the_header_block_can_carry_the_date_of_filling_in() -> None:
    text = header_block_text("填报单位(盖章)：{unit}  填报日期：{issued}", HENAN_CONTEXT)
    assert text == "填报单位(盖章)：河南省交通运输厅工会  填报日期：2016年12月13日"
