"""Control characters in answers: never stored, never in an export, never in a log line."""

from __future__ import annotations

import io
import logging
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError
from sqlalchemy import select

from bot.context import Services
from bot.exports import ExportJob, FileFormat, campaign_date, write_export
from bot.standin.running import StandInBot
from flows.exports.scope import Selection
from flows.tables import ExportContext
from storage.models import Campaign, Registration
from storage.repositories import registrations
from tests.auxil.invisible import invisible_in
from tests.auxil.scenario import UNIT_OFFICER, WORKER, seed
from tests.conversations.registration import RESIDENT_ID
from tests.conversations.test_exports import approve_all, export, submit_jilin

ADDRESS = "长春市朝阳区人民大街1号"
PHONE = "18643219876"
CARD = "6222024200998877668"
TYPED_ADDRESS = "\u202e长春市朝阳区\x1b[31m人民大街\u200b1号\x07\ufeff"


async def stored_answers(services: Services) -> dict[str, Any]:
    async with services.sessions() as session:
        registration = await session.scalar(select(Registration))
        assert registration is not None
        return dict(registrations.open_state(services.vault, registration).answers)


async def store_old_address(services: Services, address: str) -> None:
    """An address as a version before the typed answers were cleaned could have kept it."""
    async with services.sessions() as session, session.begin():
        registration = await session.scalar(select(Registration))
        assert registration is not None
        state = registrations.open_state(services.vault, registration)
        state = state.but(answers={**state.answers, "address": address})
        registrations.seal_state(services.vault, registration, state)


async def every_export(services: Services) -> dict[str, bytes]:
    """Both Jilin tables as .xlsx and .csv, written as `songnuan export` writes them."""
    written: dict[str, bytes] = {}
    async with services.sessions() as session:
        campaign = await session.scalar(select(Campaign))
        assert campaign is not None
        for table_id in ("summary", "registration"):
            for file_format in (FileFormat.XLSX, FileFormat.CSV):
                job = ExportJob(
                    campaign=campaign,
                    table_id=table_id,
                    units=None,
                    selection=Selection.APPROVED,
                    context=ExportContext(
                        unit_name="吉林省直机关工会",
                        contact_person=None,
                        contact_phone=None,
                        issued=services.clock.now().date(),
                        as_of=campaign_date(campaign, services.settings.zone),
                        full_numbers=True,
                        zone=services.settings.zone,
                    ),
                    file_format=file_format,
                )
                stream = io.BytesIO()
                await write_export(session, services.vault, job, stream, total=1)
                written[f"{table_id}.{file_format.value}"] = stream.getvalue()
    return written


def texts_of(exported: dict[str, bytes]) -> str:
    """Every cell of every export as text."""
    texts = []
    for name, content in exported.items():
        if name.endswith(".csv"):
            texts.append(content.decode("utf-8-sig"))
            continue
        for sheet in load_workbook(io.BytesIO(content)).worksheets:
            texts.extend(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    return "\n".join(texts)


async def test_an_address_with_control_characters_is_stored_clean_and_exports(
    services: Services, standin: StandInBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await seed(services)
    worker = standin.user(WORKER, "张丽", "zh-hans")
    await submit_jilin(worker, phone=PHONE, card=CARD, address=TYPED_ADDRESS)
    answers = await stored_answers(services)
    assert answers["address"] == ADDRESS
    assert invisible_in(answers) == []
    await approve_all(services)
    officer = standin.user(UNIT_OFFICER, "李明")
    await export(officer, "困难职工情况汇总表", "已审核通过（含上级审核中的）")
    assert officer.last.document is not None

    # Stored before answers were cleaned: the writers drop what a file cannot hold.
    await store_old_address(services, f"长春市\x1b朝阳区\x00\ud800{ADDRESS[6:]}")
    exported = await every_export(services)
    assert ADDRESS in texts_of(exported)
    assert "\x1b" not in texts_of(exported)
    mark = officer.mark
    await export(officer, "困难职工登记表", "已审核通过（含上级审核中的）")
    assert officer.last.document is not None, officer.texts_after(mark)

    logged = caplog.text + "".join(record.getMessage() for record in caplog.records)
    for personal in (RESIDENT_ID, RESIDENT_ID[:17], PHONE, CARD, ADDRESS, "人民大街"):
        assert personal not in logged


async def test_an_exception_quoting_an_answer_is_logged_without_it(
    standin: StandInBot, caplog: pytest.LogCaptureFixture
) -> None:
    """Whatever raises with a value in its message: the log keeps its kind and place only."""
    log = logging.getLogger("bot.handlers.errors")
    try:
        try:
            int(f"{RESIDENT_ID}²")
        except ValueError as error:
            raise IllegalCharacterError(f"{ADDRESS}\x1b cannot be used in worksheets.") from error
    except IllegalCharacterError as error:
        log.error("Error while handling update %s", 7, exc_info=error)
    log.warning("Typed %s", f"{PHONE} / 0431-8888 1234 / {CARD}")
    assert "IllegalCharacterError (message withheld)" in caplog.text
    assert "ValueError (message withheld)" in caplog.text
    for personal in (RESIDENT_ID, PHONE, CARD, ADDRESS, "0431-8888 1234"):
        assert personal not in caplog.text
    assert "Error while handling update 7" in caplog.text


async def test_a_name_of_zero_width_characters_is_asked_again_with_the_example(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "zh-hans")
    await worker.send("/register")
    await worker.send("\u200b\ufeff\u200d")
    assert worker.last.text == (
        "⚠️ 这条消息里没有可见的文字：请参照示例输入回答。\n"
        "第 1 题，共 25–30 题\n困难职工姓名\n请填写与身份证一致的姓名。\n示例：张丽"
    )
