"""/export through the stand-in: officers choose a table, a unit and the records, and receive
the table as a workbook that opens as the notice's table, masked or not by role."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from bot.context import Services
from bot.handlers import exports as export_handlers
from bot.standin import SimulatedUser
from bot.standin.chats import Button
from bot.standin.running import StandInBot
from bot.usecases.deciding import apply_decision
from flows.review import Approve
from storage.models import AuditEvent, Campaign, Registration, User
from storage.repositories import registrations, review, units
from tests.auxil.notices import HENAN_SUMMARY_HEADERS, JILIN_SUMMARY_HEADERS
from tests.auxil.scenario import (
    DEPARTMENT_OFFICER,
    OTHER_UNIT_OFFICER,
    OTHER_WORKER,
    PROVINCE_OFFICER,
    UNIT_OFFICER,
    WORKER,
    Scenario,
    seed,
)
from tests.conversations.registration import HENAN_RESIDENT_ID, RESIDENT_ID, fill_henan, fill_jilin

SUMMARY_TITLE = "2019年困难职工情况汇总表"
CARD = "6222024200123456784"
# Valid resident IDs (GB 11643 check digits) for further people, none of a real person.
MORE_IDS = ("110101199003077571", "110101199003073511", "110101199003076915")


async def submit_jilin(worker: SimulatedUser, locale: str = "zh_CN", **answers: Any) -> None:
    """Fill in the Jilin form and submit it."""
    await fill_jilin(worker, locale, **answers)
    submit, confirm = (
        ("📨 提交", "✅ 确认提交") if locale == "zh_CN" else ("📨 Submit", "✅ Confirm and submit")
    )
    await worker.press(submit)
    await worker.press(confirm)


async def approve_all(services: Services, by: int = UNIT_OFFICER) -> None:
    """The unit officer approves every submitted record (they then wait for the department)."""
    async with services.sessions() as session, session.begin():
        officer_user = await session.scalar(select(User).where(User.telegram_id == by))
        officer = await review.actor_for(session, officer_user)
        for record in await session.scalars(
            select(Registration).where(Registration.state == "submitted")
        ):
            await apply_decision(
                session, services.vault, record, Approve(), officer, services.clock.now()
            )


async def copy_record(
    services: Services, scenario: Scenario, unit: str, resident_id: str, name: str
) -> None:
    """Another submitted record like the first one, for another person in ``unit``."""
    async with services.sessions() as session, session.begin():
        first = await session.scalar(select(Registration).order_by(Registration.id).limit(1))
        assert first is not None
        state = registrations.open_state(services.vault, first)
        state = state.but(answers={**state.answers, "name": name, "resident_id": resident_id})
        copy = registrations.new_draft(
            session,
            services.vault,
            campaign_id=first.campaign_id,
            unit_id=scenario.unit_ids[unit],
            entered_by_user_id=first.entered_by_user_id,
            subject_user_id=None,
            state=state,
        )
        copy.resident_id_hash = services.vault.blind_index(resident_id)
        copy.state, copy.level = first.state, first.level
        copy.submitted_at = first.submitted_at


async def jilin_records(services: Services, standin: StandInBot) -> Scenario:
    """张丽 of the treasury registered and submitted; her unit's officer approved her record."""
    scenario = await seed(services)
    await submit_jilin(standin.user(WORKER, "张丽"))
    await approve_all(services)
    return scenario


def workbook_of(standin: StandInBot, document: dict[str, Any]) -> Worksheet:
    """The sent document, opened as Excel opens it: its only sheet."""
    content = standin.server.files[document["file_id"]].content
    (sheet,) = load_workbook(io.BytesIO(content)).worksheets
    return sheet


def row(sheet: Worksheet, number: int) -> tuple[object, ...]:
    """The values of a row."""
    return tuple(cell.value for cell in sheet[number])


def data_rows(sheet: Worksheet) -> int:
    """How many records the table shows: the rows under the header with a running number."""
    return sum(
        1
        for (number,) in sheet.iter_rows(min_row=4, max_col=1, values_only=True)
        if isinstance(number, int)
    )


def column(sheet: Worksheet, header: str) -> list[object]:
    """The values of the column under ``header``, one per record."""
    index = row(sheet, 3).index(header)
    return [row(sheet, 4 + n)[index] for n in range(data_rows(sheet))]


async def export(officer: SimulatedUser, *presses: str) -> None:
    """Send /export and press the buttons in order."""
    await officer.send("/export")
    for label in presses:
        await officer.press(label)


async def test_a_unit_officer_receives_the_summary_table_of_the_unit(
    services: Services, standin: StandInBot
) -> None:
    await jilin_records(services, standin)
    officer = standin.user(UNIT_OFFICER, "李明")

    await officer.send("/export")
    assert officer.last.text == "2020年元旦春节送温暖：请选择要导出的表格。"
    assert officer.last.button_labels == [["困难职工登记表"], ["困难职工情况汇总表"]]
    await officer.press("困难职工情况汇总表")
    # A unit officer's exports are the unit's own: no unit to choose.
    assert officer.last.text == "困难职工情况汇总表（国库处工会小组）：导出哪些记录？"
    assert officer.last.button_labels == [
        ["已审核通过（含上级审核中的）"],
        ["已确定帮扶（最终名单）"],
        ["全部已提交的记录"],
    ]
    await officer.press("已审核通过（含上级审核中的）")

    document = officer.last.document
    assert document is not None
    assert document["file_name"] == "国库处工会小组-困难职工情况汇总表-2019-12-20.xlsx"
    assert (
        officer.last.text
        == "困难职工情况汇总表，国库处工会小组。已审核通过（含上级审核中的）：1 条。"
    )
    assert officer.bot_messages[-2].text == (
        "困难职工情况汇总表（国库处工会小组）已发送如下。已审核通过（含上级审核中的）：1 条。"
    )
    sheet = workbook_of(standin, document)
    assert sheet["A1"].value == SUMMARY_TITLE
    assert sheet["A2"].value == (
        "填报单位(盖章)：国库处工会小组          联系人：李明          电话："
    )
    assert row(sheet, 3) == JILIN_SUMMARY_HEADERS
    assert row(sheet, 4) == (
        1,
        "张丽",
        RESIDENT_ID,
        "吉林省财政厅 科员",
        "13904311234",
        3,
        3800,
        "长春市朝阳区人民大街1号",
        CARD,
        "爱人患尿毒症长期透析，女儿上初中，家庭收入低。",
        "单亲女职工、大重病",
        "王强（父亲，65岁，长春市第一汽车厂 退休）；王小（女儿，12岁，学生）",
    )
    assert data_rows(sheet) == 1

    async with services.sessions() as session:
        event = await session.scalar(select(AuditEvent).where(AuditEvent.kind == "exported"))
        officer_user = await session.scalar(select(User).where(User.telegram_id == UNIT_OFFICER))
    assert event is not None and officer_user is not None
    assert event.actor_user_id == officer_user.id
    assert event.details == {
        "table": "summary",
        "units": [officer_user.unit_id],
        "state": "approved",
        "rows": 1,
        "format": "xlsx",
        "full_numbers": True,
        "by": "bot",
    }


async def test_a_department_officer_chooses_a_unit_or_all_and_sees_masked_numbers(
    services: Services, standin: StandInBot
) -> None:
    scenario = await jilin_records(services, standin)
    await copy_record(services, scenario, "budget", MORE_IDS[0], "王强")
    await copy_record(services, scenario, "roads", MORE_IDS[1], "赵敏")  # another department's
    officer = standin.user(DEPARTMENT_OFFICER, "周涛")

    await export(officer, "困难职工情况汇总表")
    assert officer.last.text == "困难职工情况汇总表：导出哪个单位的？"
    assert officer.last.button_labels == [
        ["我负责的全部单位"],
        ["国库处工会小组"],
        ["预算处工会小组"],
    ]
    await officer.press("我负责的全部单位")
    assert officer.last.text == "困难职工情况汇总表（省财政厅工会）：导出哪些记录？"
    await officer.press("已审核通过（含上级审核中的）")

    document = officer.last.document
    assert document is not None
    assert document["file_name"] == "省财政厅工会-困难职工情况汇总表-2019-12-20.xlsx"
    assert "身份证号和银行卡号已部分隐藏" in officer.last.text
    sheet = workbook_of(standin, document)
    assert column(sheet, "困难职工姓名") == ["张丽", "王强"]
    assert column(sheet, "身份证号码") == ["2201**********0023", "1101**********7571"]
    assert column(sheet, "工商银行卡号") == ["6222***********6784"] * 2
    assert column(sheet, "序号") == [1, 2]

    await export(officer, "困难职工情况汇总表", "预算处工会小组", "已审核通过（含上级审核中的）")
    sheet = workbook_of(standin, officer.last.document or {})
    assert column(sheet, "困难职工姓名") == ["王强"]


async def test_the_province_sees_full_numbers_of_any_unit(
    services: Services, standin: StandInBot
) -> None:
    scenario = await jilin_records(services, standin)
    await copy_record(services, scenario, "roads", MORE_IDS[1], "赵敏")
    officer = standin.user(PROVINCE_OFFICER, "吴刚")

    await export(officer, "困难职工情况汇总表")
    assert officer.last.button_labels == [
        ["全部单位"],
        ["国库处工会小组"],
        ["预算处工会小组"],
        ["公路局工会"],
    ]
    await officer.press("公路局工会")
    await officer.press("已审核通过（含上级审核中的）")
    document = officer.last.document
    assert document is not None
    assert document["file_name"] == "公路局工会-困难职工情况汇总表-2019-12-20.xlsx"
    sheet = workbook_of(standin, document)
    assert column(sheet, "身份证号码") == [MORE_IDS[1]]
    assert column(sheet, "工商银行卡号") == [CARD]

    await export(officer, "困难职工情况汇总表", "全部单位", "已审核通过（含上级审核中的）")
    document = officer.last.document
    assert document is not None
    assert document["file_name"] == "吉林省直机关工会-困难职工情况汇总表-2019-12-20.xlsx"
    sheet = workbook_of(standin, document)
    assert column(sheet, "困难职工姓名") == ["张丽", "赵敏"]
    assert column(sheet, "身份证号码") == [RESIDENT_ID, MORE_IDS[1]]


async def test_approved_or_every_submitted_record(services: Services, standin: StandInBot) -> None:
    await seed(services)
    await submit_jilin(standin.user(WORKER, "张丽"))
    officer = standin.user(UNIT_OFFICER, "李明")

    await export(officer, "困难职工情况汇总表", "已审核通过（含上级审核中的）")
    assert officer.last.text == "国库处工会小组目前还没有审核通过的记录。"
    assert officer.last.document is None

    await export(officer, "困难职工情况汇总表", "全部已提交的记录")
    sheet = workbook_of(standin, officer.last.document or {})
    assert column(sheet, "困难职工姓名") == ["张丽"]

    async with services.sessions() as session:
        details = (
            await session.scalars(select(AuditEvent.details).where(AuditEvent.kind == "exported"))
        ).all()
    assert [(entry["state"], entry["rows"]) for entry in details] == [("all", 1)]


async def test_the_registration_form_one_sheet_per_person(
    services: Services, standin: StandInBot
) -> None:
    await jilin_records(services, standin)
    officer = standin.user(UNIT_OFFICER, "李明")
    await export(officer, "困难职工登记表", "已审核通过（含上级审核中的）")
    document = officer.last.document
    assert document is not None
    assert document["file_name"] == "国库处工会小组-困难职工登记表-2019-12-20.xlsx"
    content = standin.server.files[document["file_id"]].content
    (sheet,) = load_workbook(io.BytesIO(content)).worksheets
    assert sheet.title == "1 张丽"
    assert sheet["A1"].value == "2019年省直机关困难职工登记表"
    shown = {cell.value for line in sheet.iter_rows() for cell in line}
    assert {"张丽", RESIDENT_ID, CARD} <= shown


@pytest.mark.parametrize("telegram_id", [WORKER, OTHER_WORKER, 99999])
async def test_only_officers_export(
    services: Services, standin: StandInBot, telegram_id: int
) -> None:
    await seed(services)
    person = standin.user(telegram_id, "某人")
    await person.send("/export")
    expected = {
        WORKER: "只有工会干部可以进行此操作。",
        OTHER_WORKER: "只有工会干部可以进行此操作。",
        99999: "您的账号尚未绑定工会单位。请打开工会干部发给您的邀请链接。",
    }
    assert person.last.text == expected[telegram_id]
    assert person.last.buttons == []


async def forged_press(officer: SimulatedUser, data: str) -> None:
    """Press a button the bot never showed, as a modified client could."""
    message = officer.bot_messages[-1]
    button = Button("forged", callback_data=data)
    query_id = await officer.server.user_presses(officer.chat, message, button)
    await officer.settle()
    officer.last_answer = officer.server.callback_answers.get(query_id)


@pytest.mark.parametrize(
    ("telegram_id", "unit"),
    [(OTHER_UNIT_OFFICER, "treasury"), (DEPARTMENT_OFFICER, "roads"), (UNIT_OFFICER, "budget")],
)
async def test_a_unit_outside_the_scope_is_refused(
    services: Services, standin: StandInBot, telegram_id: int, unit: str
) -> None:
    scenario = await jilin_records(services, standin)
    officer = standin.user(telegram_id, "干部")
    await officer.send("/export")
    async with services.sessions() as session:
        campaign = await session.scalar(select(Campaign))
    assert campaign is not None
    unit_id = scenario.unit_ids[unit]
    for data in (
        f"x:u:{campaign.id}:summary:{unit_id}",
        f"x:s:{campaign.id}:summary:{unit_id}:all",
    ):
        await forged_press(officer, data)
        assert officer.last.text == "该单位不在您的负责范围内。"
        assert officer.last.document is None
    async with services.sessions() as session:
        assert await session.scalar(select(AuditEvent).where(AuditEvent.kind == "exported")) is None


async def test_a_large_export_shows_its_progress(
    services: Services, standin: StandInBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = await jilin_records(services, standin)
    for number in range(24):
        await copy_record(services, scenario, "treasury", f"P{number:017d}", f"职工{number}")
    monkeypatch.setattr(export_handlers, "PROGRESS_FROM", 10)
    monkeypatch.setattr(export_handlers, "EXPORT_BATCH", 5)
    monkeypatch.setattr(export_handlers, "PROGRESS_INTERVAL", 0.0)
    officer = standin.user(UNIT_OFFICER, "李明")

    await export(officer, "困难职工情况汇总表")
    progress = officer.last
    await officer.press("已审核通过（含上级审核中的）")
    # The progress message was edited batch after batch, then said where the table is.
    assert progress.edits >= 1 + 4 + 1
    assert (
        progress.text
        == "困难职工情况汇总表（国库处工会小组）已发送如下。已审核通过（含上级审核中的）：25 条。"
    )
    sheet = workbook_of(standin, officer.last.document or {})
    assert data_rows(sheet) == 25
    assert column(sheet, "序号") == list(range(1, 26))


async def test_in_english_the_buttons_are_english_and_the_file_keeps_its_chinese_name(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    await submit_jilin(standin.user(WORKER, "张丽", "en"), "en")
    await approve_all(services)
    officer = standin.user(DEPARTMENT_OFFICER, "Zhou Tao", "en")

    await officer.send("/export")
    assert officer.last.text == "2020年元旦春节送温暖: which table do you want to export?"
    assert officer.last.button_labels == [
        ["Hardship worker registration form"],
        ["Hardship workers summary table"],
    ]
    await officer.press("Hardship workers summary table")
    await officer.press("国库处工会小组")
    assert officer.last.button_labels == [
        ["Approved so far"],
        ["Aid granted (final list)"],
        ["All submitted records"],
    ]
    await officer.press("Approved so far")
    document = officer.last.document
    assert document is not None
    assert document["file_name"] == "国库处工会小组-困难职工情况汇总表-2019-12-20.xlsx"
    assert officer.last.text.splitlines() == [
        "Hardship workers summary table, 国库处工会小组. Approved so far: 1.",
        "ID and card numbers are masked: full numbers are for the union officers of the "
        "person's own unit and of the provincial union.",
    ]


async def test_the_henan_real_name_table_with_the_amount_the_province_granted(
    services: Services, standin: StandInBot
) -> None:
    await seed(services, "henan-2017")
    worker = standin.user(WORKER, "李芳")
    await fill_henan(worker, "zh_CN")
    await worker.press("📨 提交")
    await worker.press("✅ 确认提交")
    await approve_all(services)
    async with services.sessions() as session, session.begin():
        # The department and the province approve; the province grants 1,500 yuan.
        record = await session.scalar(select(Registration))
        assert record is not None
        for telegram_id, decision in (
            (DEPARTMENT_OFFICER, Approve()),
            (PROVINCE_OFFICER, Approve(Decimal("1500"))),
        ):
            user = await session.scalar(select(User).where(User.telegram_id == telegram_id))
            decider = await review.actor_for(session, user)
            now = services.clock.now()
            await apply_decision(session, services.vault, record, decision, decider, now)
    assert record.state == "aid_granted"
    officer = standin.user(UNIT_OFFICER, "李明")

    await officer.send("/export")
    assert officer.last.button_labels == [["困难职工情况报表"], ["实名制汇总表"]]
    await officer.press("实名制汇总表")
    await officer.press("已审核通过（含上级审核中的）")
    document = officer.last.document
    assert document is not None
    assert document["file_name"] == "国库处工会小组-实名制汇总表-2019-12-20.xlsx"
    sheet = workbook_of(standin, document)
    assert sheet["A1"].value == "省直单位困难职工帮扶情况实名制汇总表"
    assert (
        sheet["A2"].value == "填报单位(盖章)：国库处工会小组          联系人：李明          电话："
    )
    assert row(sheet, 3) == HENAN_SUMMARY_HEADERS
    # Born 8 Nov 1988: 31 on the day intake closes (28 Dec 2019).
    assert row(sheet, 4) == (
        1,
        "李芳",
        "女",
        31,
        HENAN_RESIDENT_ID,
        CARD,
        "河南省交通运输厅",
        "0371-65902430",
        1500,
    )
    assert sheet.cell(row=4, column=9).number_format == '"¥"#,##0.00'
    # The footnote's date is the campaign's: its review closes on 31 Dec 2019.
    assert sheet["A5"].value.startswith("注:1.此表于2019年12月31日前报省直工会")
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$3"

    await export(officer, "困难职工情况报表", "已审核通过（含上级审核中的）")
    content = standin.server.files[(officer.last.document or {})["file_id"]].content
    (form,) = load_workbook(io.BytesIO(content)).worksheets
    assert form["A1"].value == "省直单位困难职工情况报表"
    shown = [cell.value for line in form.iter_rows() for cell in line if cell.value]
    assert "李芳" in shown and "单亲女职工" in shown


async def test_too_many_forms_for_one_file(
    services: Services, standin: StandInBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    await jilin_records(services, standin)
    monkeypatch.setattr(export_handlers, "PERSON_SHEETS_LIMIT", 0)
    officer = standin.user(UNIT_OFFICER, "李明")
    await export(officer, "困难职工登记表", "已审核通过（含上级审核中的）")
    assert officer.last.text == (
        "困难职工登记表每人一页，1 条记录超出了一个文件的上限（最多 0 条）。请选择单个单位导出。"
    )
    assert officer.last.document is None


async def test_a_file_too_large_for_telegram(
    services: Services, standin: StandInBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    await jilin_records(services, standin)
    monkeypatch.setattr(export_handlers, "DOCUMENT_LIMIT_MB", 0)
    officer = standin.user(UNIT_OFFICER, "李明")
    await export(officer, "困难职工情况汇总表", "已审核通过（含上级审核中的）")
    assert officer.last.text == (
        "文件大小为 1 MB，超过了 Telegram 允许机器人发送的上限（0 MB）。请逐个单位导出。"
    )
    assert officer.last.document is None
    async with services.sessions() as session:
        assert await session.scalar(select(AuditEvent).where(AuditEvent.kind == "exported")) is None


async def test_the_header_block_gives_the_union_office_telephone(
    services: Services, standin: StandInBot
) -> None:
    await jilin_records(services, standin)
    async with services.sessions() as session, session.begin():
        unit = await units.by_code(session, "treasury")
        assert unit is not None
        unit.phone = "+8643182701100"  # as `songnuan unit phone treasury 0431-82701100` keeps it
    officer = standin.user(UNIT_OFFICER, "李明")
    await officer.send("/export")
    await officer.press("困难职工情况汇总表")
    await officer.press("已审核通过（含上级审核中的）")
    document = officer.last.document
    assert document is not None
    sheet = workbook_of(standin, document)
    assert sheet["A2"].value == (
        "填报单位(盖章)：国库处工会小组          联系人：李明          电话：0431-82701100"
    )
