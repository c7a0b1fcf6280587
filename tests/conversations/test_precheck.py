"""The pre-check before Submit: eligible, for the officer's judgement, excluded; both languages."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from sqlalchemy import select

from bot.context import Services
from bot.standin.running import StandInBot
from storage.models import AuditEvent, Registration
from storage.repositories import registrations
from tests.auxil.scenario import WORKER, seed
from tests.conversations.registration import PHONE_LANGUAGE, fill_jilin

CASES: dict[str, dict[str, Any]] = {
    "eligible": {},
    "needs_review": {"hardships": ("other",), "causes": ()},
    "excluded": {"owns_shop": "yes"},
}
HEADLINES = {
    ("eligible", "zh_CN"): "按吉林省直机关2020年送温暖认定标准，可能符合资助条件（条件B和条件C）。",
    ("eligible", "en"): "Likely eligible under the Jilin 2020 criteria, by Rule B and Rule C.",
    ("needs_review", "zh_CN"): "按吉林省直机关2020年送温暖认定标准，条件B和条件C需由工会审核判断。",
    (
        "needs_review",
        "en",
    ): "Under the Jilin 2020 criteria, the union officer must judge Rule B and Rule C.",
    (
        "excluded",
        "zh_CN",
    ): "按吉林省直机关2020年送温暖认定标准，属于排除情形X2（拥有商业店铺或雇佣他人从事经营活动），"
    "不予资助。",
    (
        "excluded",
        "en",
    ): "Under the Jilin 2020 criteria the household is excluded: Exclusion X2 (owns a "
    "shop or employs others in a business).",
}
# The worker reads the rules by what they say; the officer's card keeps the codes too.
WORKER_HEADLINES = {
    (
        "eligible",
        "zh_CN",
    ): "按吉林省直机关2020年送温暖认定标准，可能符合资助条件：人均可支配收入在标准"
    "200%（含）以内，因患病、子女上学、残疾、单亲等致困；扣除必要支出后人均生活水平在标准200%（含）"
    "以内，因突发事件、意外伤害、重大疾病等致困。",
    (
        "eligible",
        "en",
    ): "Likely eligible under the Jilin 2020 criteria: within 200% of the standard, "
    "with illness, schooling, disability, single parenthood or another special cause; within 200% "
    "of the standard after necessary expenses, with a sudden event, accident, serious illness or "
    "another cause.",
    (
        "needs_review",
        "zh_CN",
    ): "按吉林省直机关2020年送温暖认定标准，以下条件需由工会审核判断：人均可支配"
    "收入在标准200%（含）以内，因患病、子女上学、残疾、单亲等致困；扣除必要支出后人均生活水平在标准"
    "200%（含）以内，因突发事件、意外伤害、重大疾病等致困。",
    ("needs_review", "en"): "Under the Jilin 2020 criteria, the union officer must judge these "
    "conditions: within 200% of the standard, with illness, schooling, disability, single "
    "parenthood or another special cause; within 200% of the standard after necessary expenses, "
    "with a sudden event, accident, serious illness or another cause.",
    ("excluded", "zh_CN"): "按吉林省直机关2020年送温暖认定标准，属于以下不予资助的情形："
    "拥有商业店铺或雇佣他人从事经营活动。",
    ("excluded", "en"): "Under the Jilin 2020 criteria the household cannot be aided, as: owns a "
    "shop or employs others in a business.",
}
CODE = re.compile(r"条件[A-C]|排除情形X|Rule [A-C]|Exclusion X|\bX[1-5]\b")
ADVISORY = {
    "zh_CN": "本预审结果仅供参考，以工会审核意见为准。",
    "en": "This pre-check is advisory: the union officer decides.",
}
SUBMIT = {"zh_CN": "📨 提交", "en": "📨 Submit"}
CONFIRM = {
    "zh_CN": ("✅ 确认提交", "◀ 返回核对"),
    "en": ("✅ Confirm and submit", "◀ Back to the review"),
}
SUBMITTED = {
    "zh_CN": "您的登记已提交，谢谢您。",
    "en": "Your registration has been submitted. Thank you.",
}


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize("case", list(CASES))
async def test_the_precheck_explains_itself_before_submit(
    services: Services, standin: StandInBot, case: str, locale: str
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", PHONE_LANGUAGE[locale])
    await fill_jilin(worker, locale, **CASES[case])
    await worker.press(SUBMIT[locale])
    lines = worker.last.text.splitlines()
    assert lines[0] == WORKER_HEADLINES[case, locale]
    # Words, never the notices' codes: "Rule B" or "Exclusion X2" tells a worker nothing.
    assert not [line for line in lines if CODE.search(line)]
    assert ADVISORY[locale] in lines
    assert worker.last.button_labels == [list(CONFIRM[locale])]

    await worker.press(CONFIRM[locale][0])
    assert worker.last.text.splitlines()[0] == SUBMITTED[locale]
    async with services.sessions() as session:
        record = await session.scalar(select(Registration))
        assert record is not None and record.state == "submitted" and record.level == "unit"
        stored = registrations.precheck_of(services.vault, record)
        assert stored is not None and stored.outcome == case == record.precheck_outcome
        assert stored.policy == "jilin-2020" and stored.version
        assert isinstance(stored.explanation, dict)
        assert stored.explanation[locale][0] == HEADLINES[case, locale]


REMOVED = {
    "zh_CN": "您的消息中有一串较长的号码，为保护您的信息，已从聊天中删除。",
    "en": "Your message held a long number, so it was removed from the chat to protect it.",
}
AFTER_SUBMISSION = {
    "zh_CN": "您的登记已经提交，不能再在这里修改。\n"
    "发送 /status 可查看审核进度。如有需要更正的内容，请告知本单位工会。",
    "en": "Your registration is submitted, so it can no longer be changed here.\n"
    "Send /status to see where it stands. If something in it needs correcting, please tell your "
    "union officer.",
}


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_after_submitting_everything_sent_says_how_to_get_a_correction(
    services: Services, standin: StandInBot, locale: str
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", PHONE_LANGUAGE[locale])
    await fill_jilin(worker, locale)
    await worker.press(SUBMIT[locale])
    await worker.press(CONFIRM[locale][0])
    for sent in ("/register", "/cancel", "你好"):
        await worker.send(sent)
        assert worker.last.text == AFTER_SUBMISSION[locale]
        assert worker.last.buttons == []
    # A card number sent all the same leaves the chat.
    await worker.send("6222 0242 0012 3456 784")
    assert worker.last.text == "\n\n".join([REMOVED[locale], AFTER_SUBMISSION[locale]])
    assert worker.chat.messages[-2].deleted


async def test_the_figures_are_exact_and_stored_with_the_record(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await fill_jilin(worker, "en")
    await worker.press("📨 Submit")
    assert worker.last.text.splitlines()[1:4] == [
        "Household income: CN¥3,800.00 a month.",
        "Disposable income: CN¥3,450.00 a month, after income tax and personal social-security "
        "contributions.",
        "With 3 in the household, that is CN¥1,150.00 per person.",
    ]
    await worker.press("✅ Confirm and submit")
    async with services.sessions() as session:
        record = await session.scalar(select(Registration))
        assert record is not None
        stored = registrations.precheck_of(services.vault, record)
        assert stored is not None
        assert stored.figures["disposable_income"] == "3450.00"
        assert stored.rules == ("B", "C") and record.precheck_rules == ["B", "C"]
        kinds = (await session.scalars(select(AuditEvent.kind))).all()
        assert "submitted" in kinds
    # The documents were copied, sealed, into the data directory.
    kept = sorted(os.listdir(services.settings.data_dir / "documents" / str(record.id)))
    assert kept == [
        "doc_diagnosis-1.pdf.sealed",
        "doc_id_and_bank_card-1.jpg.sealed",
        "doc_minimum_living-1.jpg.sealed",
    ]
