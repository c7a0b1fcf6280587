"""The registration conversation through the stand-in, the real handlers and a real database."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import select

from bot.context import Services
from bot.standin import SimulatedUser
from bot.standin.running import StandInBot
from storage.models import AuditEvent, Registration, User
from storage.repositories import registrations
from tests.auxil.databases import raw_database_text
from tests.auxil.scenario import (
    FAR_WORKER,
    JILIN_INTAKE_CLOSES,
    OTHER_UNIT_OFFICER,
    UNIT_OFFICER,
    WORKER,
    seed,
)
from tests.conversations.registration import (
    HENAN_RESIDENT_ID,
    LABELS,
    OFFICER_AGREES,
    PHONE_LANGUAGE,
    RESIDENT_ID,
    answer_identity,
    fill_henan,
    fill_jilin,
)

FIRST_QUESTION = {
    "zh_CN": (
        "本登记表每项都必须填写，漏填视为无效。我会一题一题地问您，随时可以返回修改，"
        "最后核对后再提交。\n"
        "第 1 题，共 25–30 题\n"
        "困难职工姓名\n"
        "请填写与身份证一致的姓名。\n"
        "示例：张丽"
    ),
    "en": (
        "Every item of this form must be filled in; an incomplete form is invalid. I will ask "
        "one question at a time; you can go back at any time and check everything before you "
        "submit.\n"
        "Question 1 of 25–30\n"
        "Name of the worker\n"
        "As written on the resident ID card.\n"
        "Example: Zhang Li"
    ),
}
ID_ECHO = {
    "zh_CN": "已收到 2201**********0023。为保护您的信息，您发送的消息已从聊天中删除。",
    "en": "Received 2201**********0023. Your message was removed from the chat to protect it.",
}
ID_CONFIRM = {
    "zh_CN": (
        "身份证号码：2201**********0023\n根据这个号码：\n性别：女\n出生日期：1985年3月15日\n"
        "年龄：34\n以上信息正确吗？"
    ),
    "en": (
        "Resident ID number: 2201**********0023\nThis number says:\nSex: Female\n"
        "Date of birth: March 15, 1985\nAge: 34\nIs this right?"
    ),
}
WORK_UNIT = {
    "zh_CN": "第 3 题，共 25–30 题\n所在单位\n示例：吉林省财政厅",
    "en": "Question 3 of 25–30\nWork unit\nExample: Jilin Provincial Department of Finance",
}


@pytest.fixture
async def scenario_bot(services: Services, standin: StandInBot) -> StandInBot:
    await seed(services)
    return standin


async def answers_in_database(services: Services) -> dict[str, object]:
    """The newest draft's answers, decrypted."""
    async with services.sessions() as session:
        registration = await session.scalar(select(Registration).order_by(Registration.id.desc()))
        assert registration is not None
        return dict(registrations.open_state(services.vault, registration).answers)


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_identity_questions(scenario_bot: StandInBot, locale: str) -> None:
    """One question a message; the ID is hidden from the chat, read back and confirmed."""
    worker = scenario_bot.user(WORKER, "张丽", PHONE_LANGUAGE[locale])
    await worker.send("/register")
    assert worker.last.text == FIRST_QUESTION[locale]
    await worker.send("张丽")
    await worker.press(LABELS[locale]["agree"])
    await worker.send("2201 0219 8503 1500 23")
    assert worker.last.text == f"{ID_ECHO[locale]}\n\n{ID_CONFIRM[locale]}"
    # The message with the full number is gone from the chat.
    assert not any("2201 0219" in m.text for m in worker.messages)
    await worker.press(LABELS[locale]["id_right"])
    assert worker.last.text == WORK_UNIT[locale]
    assert worker.last.button_labels == [[LABELS[locale]["back"]]]


async def test_answers_are_stored_before_the_reply_and_encrypted(
    scenario_bot: StandInBot, services: Services
) -> None:
    worker = scenario_bot.user(WORKER, "张丽", "zh-hans")
    await answer_identity(worker, "zh_CN")
    answers = await answers_in_database(services)
    assert answers["resident_id"] == RESIDENT_ID
    assert (answers["sex"], answers["birth_date"], answers["age"]) == ("female", "1985-03-15", 34)
    async with services.sessions() as session:
        sealed = await session.scalar(select(Registration.sealed_state))
        assert sealed is not None and RESIDENT_ID.encode() not in sealed
        kinds = (await session.scalars(select(AuditEvent.kind))).all()
        assert "consent_given" in kinds


@pytest.mark.parametrize(
    ("locale", "typed", "refusal"),
    [
        (
            "zh_CN",
            "220102198503150024",
            "已收到 2201**********0024。为保护您的信息，您发送的消息已从聊天中删除。\n\n"
            "⚠️ 最后一位校验码与前面的数字不符，请逐位核对。\n第 2 题，共 25–30 题\n身份证号码\n"
            "18位，最后一位可能是X。\n示例：220102198503150023",
        ),
        (
            "en",
            "22010219850315002",
            "Received 2201*********5002. Your message was removed from the chat to protect it.\n\n"
            "⚠️ A resident ID number has 18 characters; this one has 17.\nQuestion 2 of 25–30\n"
            "Resident ID number\n18 characters; the last may be X.\nExample: 220102198503150023",
        ),
    ],
)
async def test_a_wrong_resident_id_is_refused_and_asked_again(
    scenario_bot: StandInBot, services: Services, locale: str, typed: str, refusal: str
) -> None:
    worker = scenario_bot.user(WORKER, "张丽", PHONE_LANGUAGE[locale])
    await worker.send("/register")
    await worker.send("张丽")
    await worker.press(LABELS[locale]["agree"])
    await worker.send(typed)
    assert worker.last.text == refusal
    assert "resident_id" not in await answers_in_database(services)


async def test_a_draft_resumes_after_a_restart(services: Services) -> None:
    await seed(services)
    async with StandInBot(services) as first:
        worker = first.user(WORKER, "张丽", "en")
        await answer_identity(worker, "en")
        await worker.send("吉林省财政厅")
    async with StandInBot(services, server=first.server) as second:
        worker = second.user(WORKER, "张丽", "en")
        await worker.send("/register")
        assert worker.last.text == (
            "Welcome back! Let us continue where you stopped.\n"
            "Question 4 of 25–30\nPosition\nIf you have no title, write “staff”.\nExample: clerk"
        )


async def test_cancel_pauses_and_keeps_the_answers(scenario_bot: StandInBot) -> None:
    worker = scenario_bot.user(WORKER, "张丽", "en")
    await answer_identity(worker, "en")
    await worker.send("/cancel")
    assert worker.last.text == "Paused. Your answers are kept; send /register to continue."
    await worker.send("/register")
    assert worker.last.text.endswith(
        "Question 3 of 25–30\nWork unit\nExample: Jilin Provincial Department of Finance"
    )


async def test_one_registration_per_resident_id_across_units(
    scenario_bot: StandInBot, services: Services
) -> None:
    first = scenario_bot.user(WORKER, "张丽", "en")
    await answer_identity(first, "en")
    elsewhere = scenario_bot.user(FAR_WORKER, "赵敏", "en")
    await elsewhere.send("/register")
    await elsewhere.send("张丽")
    await elsewhere.press("✅ I agree")
    await elsewhere.send(RESIDENT_ID)
    assert elsewhere.texts[-1] == (
        "Received 2201**********0023. Your message was removed from the chat to protect it.\n\n"
        "A registration already exists for this number in this campaign. If you think this is "
        "a mistake, please contact your union officer.\n"
        "Question 2 of 25–30\nResident ID number\n18 characters; the last may be X.\n"
        "Example: 220102198503150023"
    )
    # Issue 13: the typed number left the chat as every other ID message does.
    typed = [message.text for message in elsewhere.messages if not message.from_bot]
    assert RESIDENT_ID not in typed
    async with services.sessions() as session:
        hashes = (await session.scalars(select(Registration.resident_id_hash))).all()
        assert len([h for h in hashes if h]) == 1
        attempts = (
            await session.scalars(select(AuditEvent).where(AuditEvent.kind == "duplicate_attempt"))
        ).all()
        assert len(attempts) == 1


async def test_the_deadline_passing_mid_conversation_keeps_the_draft(
    scenario_bot: StandInBot, services: Services, clock: object
) -> None:
    worker = scenario_bot.user(WORKER, "张丽", "zh-hans")
    await answer_identity(worker, "zh_CN")
    clock.set(JILIN_INTAKE_CLOSES + dt.timedelta(minutes=1))  # type: ignore[attr-defined]
    await worker.send("吉林省财政厅")
    assert worker.last.text == (
        "2020年元旦春节送温暖的登记已于12月28日 16:00截止，无法再填写或提交。"
        "您的草稿已保留；如有问题请联系本单位工会。"
    )
    answers = await answers_in_database(services)
    assert "work_unit" not in answers and answers["resident_id"] == RESIDENT_ID


async def test_after_the_intake_closed_register_and_status_say_so_at_once(
    scenario_bot: StandInBot, clock: object
) -> None:
    """Issue 13: /register showed question 1 (or a review with Submit), /status said "submit"."""
    worker = scenario_bot.user(WORKER, "张丽", "zh-hans")
    await fill_jilin(worker, "zh_CN")
    clock.set(JILIN_INTAKE_CLOSES + dt.timedelta(minutes=1))  # type: ignore[attr-defined]
    await worker.send("/register")
    assert worker.last.text == (
        "2020年元旦春节送温暖的登记已于12月28日 16:00截止，无法再填写或提交。"
        "您的草稿已保留；如有问题请联系本单位工会。"
    )
    assert worker.last.button_labels == []
    await worker.send("/status")
    assert "您的草稿未在登记截止（12月28日 16:00）前提交，已无法再提交。" in worker.last.text
    assert "发送 /register" not in worker.last.text
    newcomer = scenario_bot.user(FAR_WORKER, "赵敏", "zh-hans")
    await newcomer.send("/register")
    assert newcomer.texts == [
        "2020年元旦春节送温暖的登记已于12月28日 16:00截止，不能再开始新的登记。"
        "如认为仍应登记，请联系本单位工会。"
    ]


async def test_someone_without_a_unit_is_told_how_to_join(scenario_bot: StandInBot) -> None:
    stranger = scenario_bot.user(39999, "Li", "en")
    await stranger.send("/register")
    assert stranger.texts == [
        "You are not linked to a union unit yet. Please open the invitation link your union "
        "officer sent you, then send /register."
    ]


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_the_whole_jilin_form_reaches_the_review(
    scenario_bot: StandInBot, locale: str
) -> None:
    worker = scenario_bot.user(WORKER, "张丽", PHONE_LANGUAGE[locale])
    await fill_jilin(worker, locale)
    review = worker.last.text
    assert ("请核对您填写的内容：" if locale == "zh_CN" else "Please check your answers:") in review
    assert "2201**********0023" in review and RESIDENT_ID not in review
    assert "6222***********6784" in review
    assert worker.last.button_labels[-2:] == (
        [["📨 提交"], ["🗑 删除草稿"]]
        if locale == "zh_CN"
        else [["📨 Submit"], ["🗑 Delete this draft"]]
    )


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_the_whole_henan_form_reaches_the_review(
    services: Services, standin: StandInBot, locale: str
) -> None:
    await seed(services, "henan-2017")
    worker = standin.user(WORKER, "李芳", PHONE_LANGUAGE[locale])
    await fill_henan(worker, locale)
    review = worker.last.text
    expected = {
        "zh_CN": ["民族：土家族", "身份证号：4101**********0042", "家庭月人均收入：¥600.00"],
        "en": [
            "Ethnic group: Tujia",
            "Resident ID number: 4101**********0042",
            "Household income per person per month: CN¥600.00",
        ],
    }
    for line in expected[locale]:
        assert line in review.splitlines()
    assert HENAN_RESIDENT_ID not in review


async def test_an_officer_enters_a_registration_for_a_worker(
    scenario_bot: StandInBot, services: Services
) -> None:
    officer = scenario_bot.user(UNIT_OFFICER, "李明", "en")
    await officer.send("/enter")
    assert "Question 1 of 25–30\nName of the worker" in officer.last.text
    await officer.send("张丽")
    async with services.sessions() as session:
        registration = await session.scalar(select(Registration))
        assert registration is not None
        entered_by = await session.get(User, registration.entered_by_user_id)
        assert entered_by is not None and entered_by.telegram_id == UNIT_OFFICER
        assert registration.subject_user_id is None
    worker = scenario_bot.user(WORKER, "张丽", "en")
    await worker.send("/enter")
    assert worker.last.text == (
        "Only a union officer of a unit can enter a registration for a worker. Workers "
        "register themselves with /register."
    )


OFFICER_CONSENT = {
    "en": (
        "Before the next question: the worker's consent to sensitive personal information\n"
        "The law asks for the worker's own, separate consent. Go on only if the worker has "
        "agreed to what follows.\n"
        "What: the worker's resident ID number, bank card number and phone number, the "
        "household's income and members, and the documents you send.\n"
        "Why: only for this campaign's eligibility review and the payment of the aid.\n"
        "Who sees it: the union officers of the worker's unit and of the levels above it.\n"
        "How long: until the campaign's records are archived. The numbers are stored encrypted "
        "and shown masked.\n"
        "The worker may withdraw their consent at any time by telling you or another union "
        "officer.",
        ["✅ The worker has agreed", "✖ Not yet"],
        "Understood. Without the worker's consent I will not ask for their ID, bank card or "
        "phone number, and a registration without them cannot be submitted.\n"
        "The other answers are kept. Once the worker has agreed, press the button or send "
        "/enter.",
        "✅ The worker has agreed now",
    ),
    "zh-hans": (
        "在回答下一题之前，需要确认职工本人已同意处理其敏感个人信息\n"
        "依法须取得职工本人的单独同意。请在职工同意以下内容后再继续。\n"
        "收集哪些信息：职工的身份证号码、银行卡号、联系电话，家庭收入和家庭成员情况，"
        "以及您发送的证明材料。\n"
        "用途：仅用于本次送温暖活动的困难认定审核和帮扶金发放。\n"
        "谁能看到：职工所在单位工会及上级工会的工作人员。\n"
        "保存期限：至本次活动档案归档为止。证件号码等加密保存，显示时部分隐藏。\n"
        "职工可以随时撤回同意：告知您或其他工会工作人员即可。",
        ["✅ 职工已同意", "✖ 尚未同意"],
        "明白了。未经职工本人同意，我不会询问其身份证号码、银行卡号和电话号码；"
        "缺少这些信息的登记无法提交。\n"
        "已填写的其他内容会保留。职工同意后，请点下方按钮或发送 /enter 继续。",
        "✅ 职工现已同意",
    ),
}


CONTINUING = {
    "en": "Continuing the registration you are entering for 张丽. Another worker's can be "
    "started once this one is submitted or deleted.",
    "zh-hans": "继续填写您代张丽填写的登记。这份登记提交或删除后，才能开始为另一位职工填写。",
}
PAUSED_ON_BEHALF = {
    "en": "Paused. The answers are kept; send /enter to continue.",
    "zh-hans": "已暂停。已填写的内容都已保存，发送 /enter 即可继续。",
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
async def test_an_officer_confirms_the_workers_consent_rather_than_giving_their_own(
    scenario_bot: StandInBot, services: Services, language: str
) -> None:
    screen, buttons, declined, agree_now = OFFICER_CONSENT[language]
    officer = scenario_bot.user(UNIT_OFFICER, "李明", language)
    await officer.send("/enter")
    await officer.send("张丽")
    assert officer.last.text == screen
    assert [button.text for button in officer.last.buttons] == buttons
    await officer.press(buttons[1])
    assert officer.last.text == declined
    assert [button.text for button in officer.last.buttons] == [agree_now]
    await officer.send("/enter")
    assert officer.texts[-2:] == [CONTINUING[language], declined]
    await officer.press(agree_now)
    assert (
        "Question 2 of 25–30" if language == "en" else "第 2 题，共 25–30 题"
    ) in officer.last.text
    await officer.send(RESIDENT_ID)
    await officer.press(officer.last.buttons[0].text)
    await officer.send("吉林省财政厅")
    await officer.send("科员")
    # The worker's phone: the officer's phone is not offered as an answer.
    assert (
        "Question 5 of 25–30" if language == "en" else "第 5 题，共 25–30 题"
    ) in officer.last.text
    assert officer.chat.reply_keyboard is None
    await officer.send("/cancel")
    assert officer.last.text == PAUSED_ON_BEHALF[language]
    async with services.sessions() as session:
        kinds = (await session.scalars(select(AuditEvent.kind))).all()
        assert kinds.count("consent_declined") == 1 and kinds.count("consent_given") == 1


ENTERED = {
    "en": (
        "The registration has been submitted.\n"
        "It is reviewed at the unit, then by the levels above. Each decision comes to you here, "
        "since the worker is not in this chat.",
        "About record 1, which you entered for 张丽:\n"
        "Good news: the unit's union approved your registration and passed it on to the "
        "supervising department's union.",
    ),
    "zh_CN": (
        "登记已提交。\n"
        "登记将先由本单位工会审核，再报上级审核。由于职工本人不在这个对话中，每项审核结果都会发给您。",
        "关于您代张丽填写的登记 1：\n好消息：单位工会已审核通过您的登记，并报送主管厅局工会。",
    ),
}


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
async def test_an_officer_who_entered_a_record_hears_its_decisions_as_such(
    scenario_bot: StandInBot, locale: str
) -> None:
    submitted, approved = ENTERED[locale]
    officer = scenario_bot.user(UNIT_OFFICER, "李明", PHONE_LANGUAGE[locale])
    await fill_jilin(officer, locale, on_behalf=True)
    await officer.press(LABELS[locale]["submit"])
    await officer.press(officer.last.buttons[0].text)
    assert officer.last.text == submitted
    await officer.send("/queue")
    await officer.press(officer.last.buttons[0].text)
    assert officer.texts[-1] == approved


async def test_a_repeated_update_neither_answers_nor_advances_twice(
    scenario_bot: StandInBot, services: Services
) -> None:
    worker = scenario_bot.user(WORKER, "张丽", "en")
    await answer_identity(worker, "en")
    await worker.send("吉林省财政厅")
    shown = list(worker.texts)
    before = await answers_in_database(services)
    server = scenario_bot.server
    await server.redeliver(server.last_update_id)
    # Telegram delivers it again to a restarted bot that never acknowledged it.
    async with StandInBot(services, server=server) as restarted:
        await restarted.settle()
    assert worker.texts == shown
    assert await answers_in_database(services) == before


async def test_no_personal_number_in_the_database_or_the_logs(
    services: Services, standin: StandInBot, caplog: pytest.LogCaptureFixture
) -> None:
    await seed(services)
    caplog.set_level(logging.DEBUG)
    worker = standin.user(WORKER, "张丽", "en")
    # Not the form's example numbers, which its questions show.
    await fill_jilin(
        worker,
        "en",
        resident_id="11010519491231002x",
        phone="186 4321 9876",
        card="6222024200998877668",
    )
    numbers = ["11010519491231002", "6222024200998877668", "18643219876", "1864321"]
    async with services.sessions() as session:
        dump = await raw_database_text(session)
    for number in numbers:
        assert number not in dump
        assert number not in caplog.text


async def test_back_edit_from_the_review_and_a_sticker(scenario_bot: StandInBot) -> None:
    worker = scenario_bot.user(WORKER, "张丽", "en")
    await answer_identity(worker, "en")
    await worker.send("吉林省财政厅")
    await worker.press("◀ Back")
    assert worker.last.text.startswith("Question 3 of 25–30\nWork unit")
    await worker.send_sticker()
    assert worker.last.text.startswith(
        "⚠️ This kind of message cannot be read here: please type your answer.\n"
        "Question 3 of 25–30\nWork unit"
    )
    await worker.send("吉林省民政厅")
    assert worker.last.text.startswith("Question 4 of 25–30\nPosition")


REVIEW_SECTIONS = {
    "zh_CN": [
        "身份信息",
        "工作与联系方式",
        "家庭人口与收入",
        "帮扶金发放",
        "困难情况",
        "住房财产与排除情形",
        "证明材料",
    ],
    "en": [
        "Identity",
        "Work and contact",
        "Household and income",
        "Aid payment",
        "Hardship",
        "Property and exclusions",
        "Documents",
    ],
}
CONTACT_SECTION = {
    "zh_CN": [
        "【工作与联系方式】",
        "所在单位：{unit}",
        "职务：科员",
        "联系电话：139****1234",
        "家庭现住址：长春市朝阳区人民大街1号",
    ],
    "en": [
        "— Work and contact —",
        "Work unit: {unit}",
        "Position: 科员",
        "Phone number: 139****1234",
        "Current home address: 长春市朝阳区人民大街1号",
    ],
}
SECTION_WORDS = {
    "zh_CN": {"edit": "✏️ 修改{}", "keep": "保持不变 ✓", "current": "当前填写：{}"},
    "en": {"edit": "✏️ Edit {}", "keep": "Keep ✓", "current": "Current answer: {}"},
}


def contact_section(review: str, locale: str) -> list[str]:
    lines = review.splitlines()
    start = lines.index(CONTACT_SECTION[locale][0])
    return lines[start : start + 5]


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_the_review_by_section_and_a_sections_edit(
    scenario_bot: StandInBot, locale: str
) -> None:
    words = SECTION_WORDS[locale]
    worker = scenario_bot.user(WORKER, "张丽", PHONE_LANGUAGE[locale])
    await fill_jilin(worker, locale)
    expected = [line.format(unit="吉林省财政厅") for line in CONTACT_SECTION[locale]]
    assert contact_section(worker.last.text, locale) == expected
    # One Edit per section, one a row, then Submit and Delete: no grid of numbers.
    assert worker.last.button_labels[:-2] == [
        [words["edit"].format(section)] for section in REVIEW_SECTIONS[locale]
    ]

    await worker.press(words["edit"].format(REVIEW_SECTIONS[locale][1]))
    assert words["current"].format("吉林省财政厅") in worker.last.text.splitlines()
    assert words["keep"] in worker.last.button_labels[-1]
    # Its questions one by one, each with its answer and Keep; the address comes after the phone.
    mark = worker.mark
    await worker.send("吉林省民政厅")
    for answer in ("科员", "139****1234", "长春市朝阳区人民大街1号"):
        assert words["current"].format(answer) in "\n".join(worker.texts_after(mark)).splitlines()
        mark = worker.mark
        await worker.press(words["keep"])
    review = worker.last.text
    assert review.startswith(
        "请核对您填写的内容：" if locale == "zh_CN" else "Please check your answers:"
    )
    expected = [line.format(unit="吉林省民政厅") for line in CONTACT_SECTION[locale]]
    assert contact_section(review, locale) == expected
    assert (await answers_in_database(scenario_bot.services))["work_unit"] == "吉林省民政厅"


async def test_skip_is_offered_only_for_optional_questions(
    services: Services, standin: StandInBot
) -> None:
    await seed(services, "henan-2017")
    worker = standin.user(WORKER, "李芳", "en")
    await fill_henan(worker, "en")
    review = worker.last.text.splitlines()
    assert "Diagnosis of the serious illness (1–2 pages, optional): (not answered)" in review
    # fill_henan pressed Skip on the optional question; the typed-in (required) questions
    # keep their buttons in the chat, and none of them offered Skip.
    typed_questions = [m for m in worker.bot_messages if m.button_labels == [["◀ Back"]]]
    assert len(typed_questions) > 10


async def test_a_shared_contact_answers_the_phone_question(
    scenario_bot: StandInBot, services: Services
) -> None:
    worker = scenario_bot.user(WORKER, "张丽", "en")
    await answer_identity(worker, "en")
    for answer in ("吉林省财政厅", "科员"):
        await worker.send(answer)
    assert worker.last.text == "Or tap the button below to share the number of this phone."
    await worker.tap("📱 Share my phone number")
    # The echo comes on its own, to take the phone's keyboard away; then the next question.
    assert worker.texts[-2:] == [
        "Received 139****5678. Your message was removed from the chat to protect it.",
        "Question 6 of 25–30\nPeople in the household\nIncluding yourself.\nExample: 3",
    ]
    assert worker.chat.reply_keyboard is None  # the phone's button is gone again
    assert (await answers_in_database(services))["phone"] == "+8613912345678"


PHONE_QUESTION = {
    "zh_CN": "第 5 题，共 25–30 题\n联系电话\n手机号，或带区号的固定电话。\n示例：0431-82701100",
    "en": (
        "Question 5 of 25–30\nPhone number\nA mobile number, or a landline with its area code.\n"
        "Example: 13904311234"
    ),
}
NOT_OWN_CONTACT = {
    "zh_CN": "⚠️ 只能以联系人方式分享您本人的手机号码。请直接输入号码。",
    "en": "⚠️ Only your own phone number can be shared as a contact. Please type the number.",
}
SHARE_HINT = {
    "zh_CN": "也可以点下方按钮，直接发送本机号码。",
    "en": "Or tap the button below to share the number of this phone.",
}


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize("whose", [FAR_WORKER, None])
async def test_someone_elses_contact_does_not_answer_the_phone_question(
    scenario_bot: StandInBot, services: Services, locale: str, whose: int | None
) -> None:
    """A card from the phone's contacts (of a Telegram user or not) is not the person's own."""
    worker = scenario_bot.user(WORKER, "张丽", PHONE_LANGUAGE[locale])
    await answer_identity(worker, locale)
    for answer in ("吉林省财政厅", "科员"):
        await worker.send(answer)
    mark = worker.mark
    await worker.send_contact("+8613800001111", "赵敏", user_id=whose)
    assert worker.texts_after(mark) == [
        f"{NOT_OWN_CONTACT[locale]}\n{PHONE_QUESTION[locale]}",
        SHARE_HINT[locale],
    ]
    assert "phone" not in await answers_in_database(services)
    await worker.send("139 0431 1234")
    assert (await answers_in_database(services))["phone"] == "+8613904311234"


async def test_an_officers_stray_message_points_to_the_queue(scenario_bot: StandInBot) -> None:
    officer = scenario_bot.user(UNIT_OFFICER, "李明", "en")
    await officer.send("hello")
    assert officer.last.text == (
        "Nothing here is waiting for that message. Send /queue for the records waiting for "
        "you, or /help for everything I can do."
    )


async def test_going_back_from_the_phone_question_takes_its_keyboard_away(
    scenario_bot: StandInBot,
) -> None:
    worker = scenario_bot.user(WORKER, "张丽", "en")
    await answer_identity(worker, "en")
    for answer in ("吉林省财政厅", "科员"):
        await worker.send(answer)
    assert worker.chat.reply_keyboard is not None
    await worker.press("◀ Back")
    assert worker.texts[-2] == (
        "The button that shares your phone number comes back with that question."
    )
    assert "Question 4 of 25–30\nPosition" in worker.last.text
    assert worker.chat.reply_keyboard is None


async def test_an_officers_own_draft_and_the_one_entered_for_a_worker_stay_apart(
    scenario_bot: StandInBot, services: Services
) -> None:
    officer = scenario_bot.user(UNIT_OFFICER, "李明", "en")
    await officer.send("/register")
    await officer.send("李明")  # the officer's own registration, paused at the consent
    await officer.send("/enter")
    assert "Question 1 of 25–30\nName of the worker" in officer.last.text
    await officer.send("张丽")
    assert officer.last.text.startswith(
        "Before the next question: the worker's consent to sensitive personal information"
    )
    await officer.send("/register")
    assert officer.last.text.startswith(
        "Welcome back! Let us continue where you stopped.\n"
        "Before the next question: your consent to sensitive personal information"
    )
    await officer.send("/status")
    assert officer.last.text.endswith("Your draft: 24 questions left. Send /register to continue.")
    async with services.sessions() as session:
        drafts = (await session.scalars(select(Registration).order_by(Registration.id))).all()
        names = [registrations.open_state(services.vault, d).answers["name"] for d in drafts]
        assert names == ["李明", "张丽"]
        assert [d.subject_user_id is None for d in drafts] == [False, True]


def money(*amounts: str) -> list[str]:
    """Amounts as stored and as shown (``3450.00``, ``3,450.00``): bare digits would also match
    the microseconds of a timestamp."""
    return [shown for amount in amounts for shown in (f"{amount}.00", f"{int(amount):,}.00")]


# Every answer's value as the worker gave it or as it is stored (incomes as figures), and the
# words of the hardship causes and the exclusions the pre-check explains with.
EVERY_ANSWER = {
    "jilin-2020": (
        fill_jilin,
        [
            "张丽",
            "吉林省财政厅",
            "科员",
            "王强",
            "父亲",
            "长春市第一汽车厂",
            "王小",
            "女儿",
            "学生",
            *money("3200", "3800", "3450", "1150", "1500"),
            "长春市朝阳区人民大街1号",
            "尿毒症",
            "大重病",
            "单亲",
            "子女上学",
            "商业店铺",
        ],
    ),
    "henan-2017": (
        fill_henan,
        [
            "李芳",
            "土家族",
            "河南省交通运输厅",
            "郑州市金水区经三路1号",
            *money("1800"),
            "乳腺癌",
            "重病",
        ],
    ),
}


@pytest.mark.parametrize("form_id", list(EVERY_ANSWER))
async def test_no_answer_is_in_the_raw_database_after_submitting(
    services: Services, standin: StandInBot, form_id: str
) -> None:
    await seed(services, form_id)
    async with services.sessions() as session, session.begin():
        # Accounts' Telegram names are not answers: keep them from matching.
        for user in (await session.scalars(select(User))).all():
            user.display_name = f"account {user.id}"
    fill, values = EVERY_ANSWER[form_id]
    worker = standin.user(WORKER, "Lily", "zh-hans")
    await fill(worker, "zh_CN")
    await worker.press("📨 提交")
    await worker.press("✅ 确认提交")
    assert worker.last.text.startswith("您的登记已提交")
    async with services.sessions() as session:
        record = await session.scalar(select(Registration))
        assert record is not None and record.state == "submitted"
        dump = await raw_database_text(session)
    assert [value for value in values if value in dump] == []


async def enter_number(officer: SimulatedUser, locale: str) -> None:
    """An officer enters a worker (/enter) up to the resident ID, which is already held."""
    await officer.send("/enter")
    await officer.send("张丽")
    await officer.press(OFFICER_AGREES[locale])
    await officer.send(RESIDENT_ID)


async def test_an_officer_entering_a_number_held_in_their_scope_is_told_the_record(
    scenario_bot: StandInBot, services: Services
) -> None:
    worker = scenario_bot.user(WORKER, "张丽", "en")
    await answer_identity(worker, "en")
    async with services.sessions() as session:
        held = await session.scalar(select(Registration.id))
    # The worker's own unit officer is the one a worker would be sent to: told the number.
    officer = scenario_bot.user(UNIT_OFFICER, "李明", "en")
    await enter_number(officer, "en")
    assert officer.texts[-1].split("\n\n")[1].splitlines()[0] == (
        f"Record {held}, of a unit in your care, already holds this number in this campaign: "
        f"please work on that record (/history {held}) rather than enter the person again."
    )
    # Another unit's officer learns no more than a worker.
    other = scenario_bot.user(OTHER_UNIT_OFFICER, "陈静", "zh-hans")
    await enter_number(other, "zh_CN")
    assert other.texts[-1].split("\n\n")[1].splitlines()[0] == (
        "本次活动中已有使用这个身份证号码的登记。如有疑问，请联系本单位工会。"
    )


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_a_file_is_judged_by_its_content_not_its_name(
    services: Services, standin: StandInBot, locale: str
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", PHONE_LANGUAGE[locale])
    await fill_jilin(worker, locale, diagnosis=False)
    asked = worker.last.text
    # Text named like a picture, declared as one by the phone.
    await worker.send_document(b"just some text, not a picture", "fake.png", "image/png")
    refused = {
        "zh_CN": "⚠️ 不支持这种文件类型，请发送PDF、JPEG或PNG文件。",
        "en": "⚠️ This file type cannot be used: please send a PDF, JPEG or PNG file.",
    }
    assert worker.last.text.splitlines()[0] == refused[locale]
    assert asked.splitlines()[-2:] == worker.last.text.splitlines()[-2:]  # asked again
    # A real PNG named .pdf is taken, as the PNG it is.
    await worker.send_document(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, "scan.pdf", "application/pdf")
    await worker.press(LABELS[locale]["done"])
    async with services.sessions() as session:
        record = await session.scalar(select(Registration))
        assert record is not None
        answers = registrations.open_state(services.vault, record).answers
    assert [file["mime_type"] for file in answers["doc_diagnosis"]] == ["image/png"]
