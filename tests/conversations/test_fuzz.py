"""Whatever a user types or a client sends as a button's data: no unhandled error, and nothing
invisible stored. Hypothesis draws the inputs, a bounded number, the same on every run."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.context import Services
from bot.standin.running import StandInBot
from storage.models import Registration, User
from storage.repositories import registrations
from tests.auxil.invisible import invisible_in
from tests.auxil.scenario import UNIT_OFFICER, WORKER, seed

TRICKY = [
    *"²³¹٣１２０\u202e\u202d\u200b\u200d\ufeff\x1b\x00\x07\t\n\r😀👍🏽张丽，。\u3164",
    "\ud800",
    "\udfff",
    "\u0301",
]

characters = st.one_of(
    st.characters(),
    st.characters(categories=["Cc", "Cf", "Cs", "Zl", "Zp", "Nd", "No"]),
    st.sampled_from(TRICKY),
)
texts = st.one_of(
    st.text(characters, min_size=1, max_size=40),
    st.text(characters, min_size=300, max_size=600),
    st.builds(
        lambda word, rest: f"/{word} {rest}",
        st.from_regex(r"[a-z]{1,8}", fullmatch=True),
        st.text(characters, max_size=20),
    ),
    st.sampled_from(["220102198503150023", "6222 0242 0012 3456 784", "1", "３", "是", "返回"]),
)
PREFIXES = [
    "r:c:name:",
    "r:t:hardship_types:",
    "r:pg:ethnicity:",
    "r:rm:family_members:",
    "r:keep:",
    "r:",
    "v:ok:",
    "v:ok:1:",
    "v:next:",
    "v:hist:",
    "v:amt:1:1:",
    "x:c:",
    "x:t:1:",
    "x:p:1:summary:",
    "x:u:1:summary:",
    "x:s:1:summary:1:",
    "dl:1:intake_closes:",
    "dl:",
    "inv:x:",
    "lang:",
    "bc:to:",
    "bc:send:",
    "bc:cancel",
    "rem:",
    "",
]
parts = st.one_of(
    st.integers(min_value=-10, max_value=10**25).map(str),
    st.sampled_from(["²", "٣", "１", "0", "2147483648", "99999999999999999999", "*", ":", ""]),
    st.text(characters, max_size=12),
)
callback_data = st.builds(
    lambda prefix, rest: (prefix + ":".join(rest))[:64] or "?",
    st.sampled_from(PREFIXES),
    st.lists(parts, max_size=4),
)


async def stored_strings(services: Services) -> list[Any]:
    """Every draft's state and every name the bot keeps."""
    async with services.sessions() as session:
        states = [
            registrations.open_state(services.vault, registration).model_dump(mode="json")
            for registration in await session.scalars(select(Registration))
        ]
        names = list(await session.scalars(select(User.display_name)))
    return [*states, *names]


@pytest.fixture
async def world(services: Services, standin: StandInBot) -> StandInBot:
    await seed(services)
    await standin.user(WORKER, "张丽").send("/register")
    await standin.user(UNIT_OFFICER, "李明").send("/help")
    return standin


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(typed=texts, data=callback_data, name=st.text(characters, max_size=20))
async def test_no_input_raises_or_stores_anything_invisible(
    world: StandInBot,
    services: Services,
    caplog: pytest.LogCaptureFixture,
    typed: str,
    data: str,
    name: str,
) -> None:
    worker = world.user(WORKER, name or "张丽")
    officer = world.user(UNIT_OFFICER, "李明")
    await worker.send(typed)
    await worker.press_data(data)
    await officer.press_data(data)
    await officer.send(typed)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
    for chat in (worker, officer):
        assert not any(
            "something went wrong" in text or "出了点问题" in text for text in chat.texts
        )
    for stored in await stored_strings(services):
        assert invisible_in(stored) == []
