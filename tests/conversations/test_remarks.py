"""The unit's remark (备注) through the stand-in: after approving, the unit officer adds a remark
(a too-long one is refused with an example), changes and removes it until the department
decides; the department sees it but cannot change it; the Henan situation form prints it in
备注 beside the single-mother note, from /export and from ``songnuan export``; the database
holds it sealed, and /history says who wrote what."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Final

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.cli import main
from bot.context import Services
from bot.standin import SimulatedUser
from bot.standin.chats import ChatMessage
from bot.standin.running import StandInBot
from flows.review import callbacks
from storage.models import Registration
from tests.auxil.databases import raw_database_text
from tests.auxil.scenario import DEPARTMENT_OFFICER, UNIT_OFFICER, WORKER, seed
from tests.conftest import TEST_KEY
from tests.conversations.registration import PHONE_LANGUAGE, fill_henan
from tests.conversations.test_access import snapshot
from tests.conversations.test_officers import CARD_BUTTONS, SUBMIT, submit

LOCALES = ["zh_CN", "en"]
REMARK = "长期患病，家庭负担重"
NEWER = "配偶下岗，独自抚养子女"
# 51 characters: one more than the 备注 box takes.
TOO_LONG = (
    "本人患乳腺癌多年，手术及化疗费用高，孩子正在上大学，"
    "配偶下岗多年无固定收入，家中老人常年卧床需要照料。"
)
SINGLE_MOTHER: Final = "单亲女职工"

ADD = {"zh_CN": "📝 填写备注", "en": "📝 Add a remark (备注)"}
CHANGE = {"zh_CN": "📝 修改备注", "en": "📝 Change the remark (备注)"}
REMOVE = {"zh_CN": "🗑 删除备注", "en": "🗑 Remove the remark"}
BACK = {"zh_CN": "◀ 返回登记", "en": "◀ Back to the record"}
MORE = {
    "zh_CN": ["🕘 处理记录", "📎 证明材料", "🔓 完整号码"],
    "en": ["🕘 History", "📎 Documents", "🔓 Full numbers"],
}
APPROVED = {
    "zh_CN": "✅ 已审核通过，报送主管厅局工会。",
    "en": "✅ Approved; passed on to the supervising department's union.",
}
ASK = {
    "zh_CN": "登记 1：请输入打印在表格“备注”栏的备注，不超过50个字，例如：长期患病，家庭负担重",
    "en": "Record 1: please type the remark printed in the 备注 column of the form, at most 50 "
    "characters, for example: 长期患病，家庭负担重",
}
NOW = {"zh_CN": "现有备注：{remark}", "en": "The remark now: {remark}"}
TOO_LONG_SAID = {
    "zh_CN": "备注共51个字，“备注”栏最多容纳50个字。请精简后重新输入，例如：长期患病，家庭负担重\n"
    "请重新输入，或在登记卡片上点“◀ 返回登记”。",
    "en": "The remark is 51 characters long; at most 50 fit in the 备注 column. Please shorten "
    "it, for example: 长期患病，家庭负担重\n"
    "Please type it again, or press “◀ Back to the record” on the card.",
}
CARD_LINE = {"zh_CN": "📝 备注：{remark}", "en": "📝 Remark (备注): {remark}"}
SAVED = {
    "zh_CN": "登记 1：备注已保存，将打印在表格的“备注”栏：{remark}",
    "en": "Record 1: the remark is saved and printed in the 备注 column: {remark}",
}
REMOVED = {"zh_CN": "登记 1：备注已删除。", "en": "Record 1: the remark is removed."}
HISTORY = {
    "zh_CN": [
        f"李明 · 填写备注 · {REMARK}",
        f"李明 · 修改备注 · {REMARK} → {NEWER}",
        f"李明 · 删除备注 · 原为：{NEWER}",
        f"李明 · 填写备注 · {REMARK}",
        f"李明 · 修改备注 · {REMARK} → {NEWER}",
    ],
    "en": [
        f"李明 · remark (备注) added · {REMARK}",
        f"李明 · remark (备注) changed · {REMARK} → {NEWER}",
        f"李明 · remark (备注) removed · was: {NEWER}",
        f"李明 · remark (备注) added · {REMARK}",
        f"李明 · remark (备注) changed · {REMARK} → {NEWER}",
    ],
}
ONLY_THE_UNIT = {
    "zh_CN": "登记的备注只能由单位工会填写。",
    "en": "Only the unit's union writes the remark (备注) of a record.",
}
FIXED = {
    "zh_CN": "备注须在单位工会审核通过后、上一级审核前填写；此登记目前：下级已审核通过，等待审核。",
    "en": "The remark (备注) is written once the unit's union has approved the record, until "
    "the next level decides it; this record is now approved by the level below, waiting for "
    "review.",
}
STOPPED = {
    "zh_CN": "已停止：登记 1 的备注未改动。",
    "en": "Stopped: the remark of record 1 is unchanged.",
}
OUTDATED = {
    "zh_CN": "这条登记在显示后已有变动，请重新查看。",
    "en": "This record has changed since this card was shown; please look at it again.",
}
SITUATION = {"zh_CN": "困难职工情况报表", "en": "Hardship situation form"}
APPROVED_SO_FAR = {"zh_CN": "已审核通过（含上级审核中的）", "en": "Approved so far"}


async def henan_record(standin: StandInBot, locale: str) -> None:
    """李芳, a single mother, registers on the Henan form and submits."""
    worker = standin.user(WORKER, "李芳", PHONE_LANGUAGE[locale])
    await fill_henan(worker, locale)
    await worker.press(SUBMIT[locale][0])
    await worker.press(SUBMIT[locale][1])


async def approved_card(officer: SimulatedUser, locale: str) -> ChatMessage:
    """/queue, and the card once the officer approved it there."""
    await officer.send("/queue")
    card = officer.last
    await officer.press(CARD_BUTTONS[locale][0][0], card)
    return card


def remark_box(sheet: Worksheet) -> object:
    """What the situation form prints in its 备注 box."""
    for line in sheet.iter_rows():
        values = [cell.value for cell in line if cell.value is not None]
        if values and values[0] == "备    注":
            return values[1] if len(values) > 1 else None
    raise AssertionError("no 备注 box")


async def exported_box(officer: SimulatedUser, standin: StandInBot, locale: str) -> object:
    """/export of the situation form, and what its 备注 box prints."""
    await officer.send("/export")
    await officer.press(SITUATION[locale])
    await officer.press(APPROVED_SO_FAR[locale])
    document = officer.last.document
    assert document is not None
    content = standin.server.files[document["file_id"]].content
    (sheet,) = load_workbook(io.BytesIO(content)).worksheets
    return remark_box(sheet)


async def exported_by_command(services: Services, monkeypatch: pytest.MonkeyPatch) -> object:
    """``songnuan export`` of the situation form, and what its 备注 box prints."""
    engine = services.sessions.kw["bind"]
    monkeypatch.setenv("SONGNUAN_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("SONGNUAN_DATA_DIR", str(services.settings.data_dir))
    monkeypatch.setenv("SONGNUAN_SECRET_KEY", TEST_KEY)
    out = Path(services.settings.data_dir) / "situation.xlsx"
    arguments = ["export", "--campaign", "2020", "--table", "situation", "--out", str(out)]
    assert await asyncio.to_thread(main, arguments) == 0
    (sheet,) = load_workbook(out).worksheets
    return remark_box(sheet)


@pytest.mark.parametrize("locale", LOCALES)
async def test_the_unit_officer_adds_a_remark_that_the_situation_form_prints(
    services: Services,
    standin: StandInBot,
    locale: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await seed(services, "henan-2017")
    await henan_record(standin, locale)
    officer = standin.user(UNIT_OFFICER, "李明", PHONE_LANGUAGE[locale])

    # The approval's outcome on the card offers the remark.
    card = await approved_card(officer, locale)
    assert card.text.splitlines()[-1] == APPROVED[locale]
    assert card.button_labels == [[ADD[locale]], MORE[locale]]

    await officer.press(ADD[locale], card)
    assert card.text == ASK[locale]
    assert card.button_labels == [[BACK[locale]]]

    # Too long for the printed box: refused with an example, and asked again.
    assert len(TOO_LONG) == 51
    await officer.send(TOO_LONG)
    assert officer.last.text == TOO_LONG_SAID[locale]
    async with services.sessions() as session:
        record = await session.get(Registration, 1)
        assert record is not None and record.sealed_remark is None

    await officer.send(REMARK)
    assert officer.last.text == SAVED[locale].format(remark=REMARK)
    # The card, in place, shows it under the pre-check.
    assert card.text.splitlines()[-1] == CARD_LINE[locale].format(remark=REMARK)
    assert card.button_labels == [[CHANGE[locale]], MORE[locale]]

    # The situation form prints it after the single-mother note, from the bot and the command.
    printed = f"{SINGLE_MOTHER}；{REMARK}"
    assert await exported_box(officer, standin, locale) == printed
    if services.sessions.kw["bind"].dialect.name == "sqlite":
        # (The command line opens the database by URL; the PostgreSQL test schema has none.)
        assert await exported_by_command(services, monkeypatch) == printed
        # ``songnuan audit`` says who added a remark when, but not what it says.
        capsys.readouterr()
        assert await asyncio.to_thread(main, ["audit", "--record", "1"]) == 0
        trail = capsys.readouterr().out.splitlines()
        assert trail[-1].endswith(
            " · #4 李明 (union officer of the unit, treasury) · remark (备注) added"
        )
        assert not any(REMARK in line for line in trail)

    # Sealed: the raw database holds no remark in clear.
    async with services.sessions() as session:
        dump = await raw_database_text(session)
    assert REMARK not in dump and "家庭负担重" not in dump


@pytest.mark.parametrize("locale", LOCALES)
async def test_the_remark_changes_until_the_department_decides_and_is_fixed_then(
    services: Services, standin: StandInBot, locale: str
) -> None:
    await seed(services, "henan-2017")
    await henan_record(standin, locale)
    officer = standin.user(UNIT_OFFICER, "李明", PHONE_LANGUAGE[locale])
    card = await approved_card(officer, locale)
    await officer.press(ADD[locale], card)
    await officer.send(REMARK)

    # Changed: the remark there is shown, and may be removed.
    await officer.press(CHANGE[locale], card)
    assert card.text.splitlines() == [ASK[locale], NOW[locale].format(remark=REMARK)]
    assert card.button_labels == [[REMOVE[locale]], [BACK[locale]]]
    await officer.send(NEWER)
    assert CARD_LINE[locale].format(remark=NEWER) in card.text.splitlines()

    # Removed: only the single-mother note is printed.
    await officer.press(CHANGE[locale], card)
    await officer.press(REMOVE[locale], card)
    assert officer.last.text == REMOVED[locale]
    assert not any(line.startswith(CARD_LINE[locale][:4]) for line in card.text.splitlines()[2:])
    assert card.button_labels == [[ADD[locale]], MORE[locale]]
    assert await exported_box(officer, standin, locale) == SINGLE_MOTHER

    await officer.press(ADD[locale], card)
    await officer.send(REMARK)

    # The department sees the remark on its card, without a button to change it.
    department = standin.user(DEPARTMENT_OFFICER, "周涛", PHONE_LANGUAGE[locale])
    await department.send("/queue")
    theirs = department.last
    assert CARD_LINE[locale].format(remark=REMARK) in theirs.text.splitlines()
    assert [ADD[locale]] not in theirs.button_labels
    assert [CHANGE[locale]] not in theirs.button_labels
    # A forged press changes nothing.
    async with services.sessions() as session:
        record = await session.get(Registration, 1)
        assert record is not None
        version = record.version
    before = await snapshot(services)
    await department.press_data(callbacks.data(callbacks.REMARK, 1, version), theirs)
    assert department.last.text == ONLY_THE_UNIT[locale]
    await department.press_data(callbacks.data(callbacks.REMARK_REMOVE, 1, version), theirs)
    assert department.last.text == ONLY_THE_UNIT[locale]
    assert await snapshot(services) == before

    # /cancel leaves the remark as it is.
    await officer.press(CHANGE[locale], card)
    await officer.send("/cancel")
    assert officer.last.text == STOPPED[locale]
    assert CARD_LINE[locale].format(remark=REMARK) in card.text.splitlines()

    # A change makes the department's card out of date: it decides on the remark as it is.
    await officer.press(CHANGE[locale], card)
    await officer.send(NEWER)
    await department.press(CARD_BUTTONS[locale][0][0], theirs)
    assert department.last.text == OUTDATED[locale]
    assert CARD_LINE[locale].format(remark=NEWER) in theirs.text.splitlines()

    # Once the department approved, the unit's remark is fixed: no button, a press refused.
    await department.press(CARD_BUTTONS[locale][0][0], theirs)
    await officer.send("/history 1")
    shown = [line.split(" · ", 1)[1] for line in officer.last.text.splitlines()[1:]]
    assert [line for line in shown if "备注" in line] == HISTORY[locale]
    await officer.press(CHANGE[locale], card)
    assert officer.last.text == FIXED[locale]
    assert card.button_labels == [MORE[locale]]


async def test_a_campaign_whose_tables_have_no_remarks_box_offers_none(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)  # Jilin: none of its tables has a 备注 box
    await submit(standin.user(WORKER, "张丽"), "zh_CN")
    officer = standin.user(UNIT_OFFICER, "李明")
    card = await approved_card(officer, "zh_CN")
    assert card.button_labels == [MORE["zh_CN"]]
    async with services.sessions() as session:
        record = await session.get(Registration, 1)
        assert record is not None
        version = record.version
    before = await snapshot(services)
    await officer.press_data(callbacks.data(callbacks.REMARK, 1, version), card)
    assert officer.last.text == "此登记所属活动的表格没有“备注”栏，不能填写备注。"
    assert await snapshot(services) == before
