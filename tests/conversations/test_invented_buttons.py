"""Made-up callback data, double taps and spent drafts: a short answer, never an error."""

from __future__ import annotations

import logging

import pytest

from bot.context import Services
from bot.standin.running import StandInBot
from flows import callback_data
from tests.auxil.scenario import PROVINCE_OFFICER, UNIT_OFFICER, WORKER, seed

NO_LONGER_WORKS = {"zh_CN": "此按钮已失效。", "en": "This button no longer works."}
TOO_BIG = "9" * 20
BEYOND_INTEGER = str(callback_data.MAX_ID + 1)

# Each is refused before it reaches int(), a query or a date: look-alike digits, ids past the
# database's integer range, days that would overflow a date, parts missing or too many.
INVENTED = [
    "v:ok:²:1",
    "v:hist:1:²",
    f"v:ok:{TOO_BIG}:1",
    f"v:full:{BEYOND_INTEGER}:0",
    "v:next:٣:0",
    "v:ok:1",
    "v:ok:1:1:sure:more",
    "dl:²:intake_closes:1",
    f"dl:{TOO_BIG}:review_closes:1",
    f"dl:1:intake_closes:{TOO_BIG}",
    "dl:1:opens:1",
    "inv:x:²",
    f"inv:x:{TOO_BIG}",
    "lang:xx",
    "r:c:name:²",
    "r:pg:ethnicity:²",
    "r:rm:family_members:¹",
    "r:",
    "rem:maybe",
    "bc:to:department:nowhere:workers",
    "??",
]


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_invented_callback_data_gets_a_toast_and_nothing_else(
    services: Services, standin: StandInBot, caplog: pytest.LogCaptureFixture, locale: str
) -> None:
    await seed(services)
    language = "zh-hans" if locale == "zh_CN" else "en"
    worker = standin.user(WORKER, "张丽", language)
    await worker.send("/register")
    province = standin.user(PROVINCE_OFFICER, "吴刚", language)
    await province.send("/broadcast 明天放假")
    officer = standin.user(UNIT_OFFICER, "李明", language)
    await officer.send("/help")
    for person in (worker, officer, province):
        for data in INVENTED:
            mark = person.mark
            await person.press_data(data)
            assert person.last_answer == {"text": NO_LONGER_WORKS[locale], "show_alert": False}, (
                data
            )
            assert person.texts_after(mark) == [], data
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


async def test_a_double_tap_is_done_once(
    services: Services, standin: StandInBot, caplog: pytest.LogCaptureFixture
) -> None:
    """The second tap reaches the bot after the first edited the message: no error, no apology."""
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await worker.send("/start")
    welcome = worker.last
    english = next(b for b in welcome.buttons if b.text == "English")
    await worker.press_data(str(english.callback_data), welcome)
    shown = list(worker.texts)
    await worker.press_data(str(english.callback_data), welcome)
    assert worker.texts == shown
    assert worker.last_answer == {"text": "Language: English", "show_alert": False}

    province = standin.user(PROVINCE_OFFICER, "吴刚", "en")
    await province.send("/broadcast Tomorrow is a holiday")
    preview = province.last
    cancel = next(b for b in preview.buttons if b.text == "✖ Cancel")
    await province.press_data(str(cancel.callback_data), preview)
    # The draft is gone: Cancel again, or a scope, says so once; a second tap changes nothing.
    await province.press_data(str(cancel.callback_data), preview)
    everyone = "bc:to:all:workers"
    await province.press_data(everyone, preview)
    expired = "This draft is no longer open. Send /broadcast with the message again."
    assert province.texts[-1] == expired
    shown = list(province.texts)
    await province.press_data(everyone, preview)
    assert province.texts == shown
    assert province.last_answer == {"text": "", "show_alert": False}
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
