"""One route after a return, whichever level returned the record: the correction is checked at
the unit again and climbs the chain again, as the worker is told; the unit's officers hear of
a return from above."""

from __future__ import annotations

import pytest

from bot.context import Services
from bot.standin.running import StandInBot
from tests.auxil.scenario import DEPARTMENT_OFFICER, UNIT_OFFICER, WORKER, seed
from tests.conversations.registration import PHONE_LANGUAGE
from tests.conversations.test_officers import (
    CARD_BUTTONS,
    DONE,
    SUBMIT,
    approve_first,
    states,
    submit,
    waiting,
)

TOLD = {
    "en": "Record 1, which your unit's union passed on, was returned for correction by the "
    "supervising department's union. Reason: 电话号码有误\n"
    "Once corrected, it comes back to your queue first.",
    "zh_CN": "本单位工会报送的登记 1 被主管厅局工会退回修改。原因：电话号码有误\n"
    "修改后将先回到您的待审核列表。",
}
CONFIRM = {
    "en": "Submit now? Your unit's union officer will then review the registration; you can "
    "change it only if it is returned to you.",
    "zh_CN": "现在提交吗？提交后由本单位工会审核；只有退回修改时才能再更改。",
}


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
async def test_a_department_return_comes_back_through_the_unit(
    services: Services, standin: StandInBot, locale: str
) -> None:
    await seed(services)
    language = PHONE_LANGUAGE[locale]
    worker = standin.user(WORKER, "张丽", language)
    await submit(worker, locale)
    unit = standin.user(UNIT_OFFICER, "李明", language)
    await approve_first(unit, locale)

    department = standin.user(DEPARTMENT_OFFICER, "周涛", language)
    await department.send("/queue")
    card = department.last
    await department.press(CARD_BUTTONS[locale][0][1], card)
    await department.press("5", card)
    await department.press(DONE[locale], card)
    await department.send("电话号码有误")
    assert (await states(services))[1] == ("returned", "department")
    assert unit.last.text == TOLD[locale]

    await worker.send("/register")
    await worker.send("139 0431 9999")
    await worker.press(SUBMIT[locale][0])
    # What the worker is promised is the route taken: the unit first.
    assert worker.last.text.splitlines()[-1] == CONFIRM[locale]
    await worker.press(SUBMIT[locale][1])
    assert (await states(services))[1] == ("resubmitted", "unit")
    await unit.send("/queue")
    assert unit.texts[-2] == waiting(locale, 0, 1)
    await department.send("/queue")
    assert department.last.text.startswith("📭")
