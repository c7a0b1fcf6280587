"""One family member is changed in place, question by question, rather than deleted and retyped."""

from __future__ import annotations

from typing import Final

import pytest
from sqlalchemy import select

from bot.context import Services
from bot.standin import SimulatedUser
from bot.standin.running import StandInBot
from storage.models import Registration
from storage.repositories import registrations
from tests.auxil.scenario import WORKER, seed
from tests.conversations.registration import LABELS, PHONE_LANGUAGE, answer_identity

TEXTS: Final = {
    "zh_CN": {
        "edit": "✏️ 修改 {n}",
        "delete": "🗑 删除 {n}",
        "keep": "保持不变 ✓",
        "member": "家庭成员 {n}",
        "current": "当前填写：{answer}",
        "changed": "已修改：王强 · 66 · 父亲 · 长春市第一汽车厂 退休",
        "listed": "1. 王强 · 66 · 父亲 · 长春市第一汽车厂 退休",
    },
    "en": {
        "edit": "✏️ Edit {n}",
        "delete": "🗑 Delete {n}",
        "keep": "Keep ✓",
        "member": "Family member {n}",
        "current": "Current answer: {answer}",
        "changed": "Changed: 王强 · 66 · 父亲 · 长春市第一汽车厂 退休",
        "listed": "1. 王强 · 66 · 父亲 · 长春市第一汽车厂 退休",
    },
}


async def at_the_list_of_two(worker: SimulatedUser, locale: str) -> None:
    """Identity, work, phone, a household of three and its two other members: the list."""
    await answer_identity(worker, locale)
    for answer in ("吉林省财政厅", "科员", "139 0431 1234", "3"):
        await worker.send(answer)
    for answer in ("王强", "65", "父亲", "长春市第一汽车厂 退休"):
        await worker.send(answer)
    await worker.press(LABELS[locale]["add"])
    for answer in ("王小", "12", "女儿", "学生"):
        await worker.send(answer)


async def draft_items(services: Services) -> list[dict[str, object]]:
    """The entries of the open list, as the draft stores them (decrypted)."""
    async with services.sessions() as session:
        registration = await session.scalar(select(Registration))
        assert registration is not None
        return list(registrations.open_state(services.vault, registration).items or ())


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_a_member_is_changed_in_place_and_the_list_comes_back(
    services: Services, standin: StandInBot, locale: str
) -> None:
    await seed(services)
    text = TEXTS[locale]
    worker = standin.user(WORKER, "张丽", PHONE_LANGUAGE[locale])
    await at_the_list_of_two(worker, locale)
    # Each member has its Edit beside its Delete.
    assert worker.last.button_labels[1:3] == [
        [text["edit"].format(n=1), text["delete"].format(n=1)],
        [text["edit"].format(n=2), text["delete"].format(n=2)],
    ]

    await worker.press(text["edit"].format(n=1))
    lines = worker.last.text.splitlines()
    assert text["member"].format(n=1) in lines
    assert text["current"].format(answer="王强") in lines
    assert text["keep"] in worker.last.button_labels[0]
    await worker.press(text["keep"])
    assert text["current"].format(answer="65") in worker.last.text.splitlines()
    await worker.send("66")
    await worker.press(text["keep"])
    await worker.press(text["keep"])

    # Back at the list, where the person came from: the same two members, the first changed.
    lines = worker.last.text.splitlines()
    assert lines[0] == text["changed"]
    assert text["listed"] in lines
    assert len([line for line in lines if line[:3] in ("1. ", "2. ", "3. ")]) == 2
    assert [item["age"] for item in await draft_items(services)] == [66, 12]

    # Back before the first question leaves the member as it was.
    await worker.press(text["edit"].format(n=2))
    await worker.send("王晓")
    await worker.press(LABELS[locale]["back"])
    await worker.press(LABELS[locale]["back"])
    assert text["listed"] in worker.last.text.splitlines()
    assert [item["name"] for item in await draft_items(services)] == ["王强", "王小"]
