"""A real ``songnuan run`` killed with SIGKILL at random moments while workers register.

The bot runs as its own process against the stand-in behind a real port; eight workers fill
in the Jilin form at once, each waiting for the bot's answer as a person would, while in
another unit a broadcast to thirty workers and their deadline reminders are due. Meanwhile
the process is killed without warning, again and again, and started anew. Afterwards every
worker must have reached the review (so every next question was delivered) with exactly the
answers they gave, none lost, none applied twice; and everyone in the other unit must have
the broadcast and the reminder once, or at most once more.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import signal
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import create_async_engine
from stdnum.cn import ric

from bot.app import close_services, open_services
from bot.settings import Settings
from bot.standin import BotApiStandIn, SimulatedUser
from bot.standin.chats import Chat, ChatMessage
from flows.forms import load_form
from flows.registration import new_state
from flows.reminders.scope import Scope
from storage.database import create_engine
from storage.installation import CampaignPlan, Person, install
from storage.models import (
    BroadcastDelivery,
    InboundUpdate,
    OutboundCall,
    Registration,
    ReminderDelivery,
)
from storage.repositories import broadcasts, registrations
from tests.auxil.databases import POSTGRES_URL
from tests.auxil.http_standin import HttpStandIn
from tests.auxil.processes import LOCAL_TOKEN, environment_for
from tests.auxil.scenario import TREE
from tests.conftest import TEST_KEY
from tests.conversations.registration import fill_jilin

WORKERS = 8
RECIPIENTS = 30
KILLS = 6
BROADCAST = "周五下午三点在工会活动室发放慰问品"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
# A person waits this long for an answer; a restart takes a few seconds of it.
PATIENCE = 60.0
QUIET = 0.15
# What the bot logs once it is up (python-telegram-bot's line).
STARTED = "Application started"


def resident_id(index: int) -> str:
    """A valid resident ID of a woman born in 1985, one for each worker."""
    first = f"220102198503{10 + index:02d}002"
    return first + ric.calc_check_digit(first + "0")  # it reads the first 17 of 18


class PatientWorker(SimulatedUser):
    """A worker who, like a person, answers only once the bot has answered the last time."""

    async def send(self, text: str) -> None:
        before = self._seen()
        await super().send(text)
        await self._answered(before)

    async def send_photo(self, content: bytes, caption: str | None = None) -> None:
        before = self._seen()
        await super().send_photo(content, caption)
        await self._answered(before)

    async def send_document(self, content: bytes, file_name: str, **kwargs: Any) -> None:
        before = self._seen()
        await super().send_document(content, file_name, **kwargs)
        await self._answered(before)

    async def press(self, label: str, message: ChatMessage | None = None) -> None:
        # A button is pressed on the question that shows it, once that question is there.
        await self._shown(label)
        before = self._seen()
        await super().press(label, message)
        await self._answered(before)

    def _seen(self) -> list[tuple[int, int, bool, str]]:
        return [(m.message_id, m.edits, m.deleted, m.text) for m in self.bot_messages]

    async def _answered(self, before: list[tuple[int, int, bool, str]]) -> None:
        """Wait until the chat changed (a repeat of an old message aside), then a quiet moment."""
        loop = asyncio.get_running_loop()
        give_up = loop.time() + PATIENCE
        while not self._news(before):
            if loop.time() > give_up:
                shown = [(m.text[:40], m.button_labels) for m in self.bot_messages[-3:]]
                raise AssertionError(f"worker {self.user_id} waits in vain: {shown}")
            await asyncio.sleep(0.05)
        settled = self._seen()
        while True:
            await asyncio.sleep(QUIET)
            now = self._seen()
            if now == settled:
                return
            settled = now

    def _news(self, before: list[tuple[int, int, bool, str]]) -> bool:
        # Any change counts, a repeat made after a crash included: a text answer is handled in
        # order whatever the worker saw, and a button is pressed only once it is shown.
        return self._seen() != before

    async def _shown(self, label: str) -> None:
        loop = asyncio.get_running_loop()
        give_up = loop.time() + PATIENCE
        while True:
            with_buttons = [m for m in self.bot_messages if m.buttons and not m.deleted]
            if with_buttons and any(b.text == label for b in with_buttons[-1].buttons):
                return
            if loop.time() > give_up:
                shown = [(m.text[:60], m.button_labels) for m in self.bot_messages[-3:]]
                raise AssertionError(f"worker {self.user_id} never saw {label!r}: {shown}")
            await asyncio.sleep(0.05)


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A database of its own, as the process would be configured with it."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'data' / 'songnuan.db'}"
        return
    if POSTGRES_URL is None:
        pytest.skip("SONGNUAN_TEST_DATABASE_URL is not set")
    name = f"crash_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        await admin.dispose()


async def seed(settings: Settings) -> None:
    """A unit with an open Jilin campaign and its workers, bound already; and another unit,
    whose intake closes in a day: its workers' drafts are due a reminder, and a broadcast to
    them waits to be sent."""
    services = await open_services(settings, engine=create_engine(settings.effective_database_url))
    now = dt.datetime.now(SHANGHAI)
    registering = CampaignPlan(
        code="crash",
        name="送温暖",
        form_id="jilin-2020",
        intake_opens=now - dt.timedelta(days=1),
        intake_closes=now + dt.timedelta(days=10),
        review_closes=now + dt.timedelta(days=20),
        units=("treasury",),
    )
    closing = CampaignPlan(
        code="closing",
        name="送温暖（预算处）",
        form_id="jilin-2020",
        intake_opens=now - dt.timedelta(days=5),
        # The reminder a day before the close falls due just after the drafts were last
        # touched (a draft touched since is not reminded) and before the bot's first run.
        intake_closes=now + dt.timedelta(days=1, seconds=2),
        review_closes=now + dt.timedelta(days=10),
        units=("budget",),
    )
    workers = [Person(30000 + i, f"职工{i}", "treasury", locale="zh_CN") for i in range(WORKERS)]
    recipients = [Person(40000 + i, f"预算{i}", "budget") for i in range(RECIPIENTS)]
    async with services.sessions() as session, session.begin():
        made = await install(session, TREE, [registering, closing], workers + recipients)
        for person in recipients:
            registrations.new_draft(
                session,
                services.vault,
                campaign_id=made.campaigns[closing.code],
                unit_id=made.units["budget"],
                entered_by_user_id=made.users[person.telegram_id],
                subject_user_id=made.users[person.telegram_id],
                state=new_state("jilin-2020"),
            )
        scope = Scope.parse("unit:budget", "workers")
        to = await broadcasts.recipients(session, scope)
        assert len(to) == RECIPIENTS
        await broadcasts.create(
            session, scope=scope, text=BROADCAST, created_by_user_id=None, to=to, now=now
        )
    await close_services(services)


class Bot:
    """``songnuan run`` as a child process, killed and started at will."""

    def __init__(self, environment: dict[str, str], log: Path) -> None:
        self.environment = environment
        self.log = log
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        """Start the process and wait until it is up: a kill before that (while it still
        imports, on a slow machine) would test nothing."""
        before = self._starts()
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "run", env=self.environment, stderr=log
            )
        loop = asyncio.get_running_loop()
        give_up = loop.time() + PATIENCE
        while self._starts() == before:
            assert self.process.returncode is None, self.log.read_text()[-3000:]
            assert loop.time() < give_up, "the bot did not start"
            await asyncio.sleep(0.05)

    def _starts(self) -> int:
        if not self.log.exists():
            return 0
        return self.log.read_text(errors="replace").count(STARTED)

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), 60)


async def test_sigkill_at_random_moments_loses_and_doubles_nothing(
    database_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data,
        database_url=database_url,
        bot_token=LOCAL_TOKEN,
        secret_key=TEST_KEY,  # type: ignore[arg-type]
    )
    await seed(settings)
    server = BotApiStandIn()
    http = HttpStandIn(server)
    port = await http.start()
    environment = environment_for(port, data, database_url)
    # Reminders and broadcasts looked at every two seconds: a killed sender's turn passes soon.
    environment["SONGNUAN_JOB_INTERVAL"] = "2"
    bot = Bot(environment, tmp_path / "bot.log")
    workers = [PatientWorker(server, 30000 + i, f"职工{i}", "zh-hans") for i in range(WORKERS)]
    chance = random.Random(os.environ.get("SONGNUAN_CRASH_SEED", "12"))
    recipients = [server.open_chat(40000 + i, f"预算{i}", "zh-hans") for i in range(RECIPIENTS)]
    await bot.start()
    try:
        registering = asyncio.gather(
            *(fill_jilin(w, "zh_CN", resident_id=resident_id(i)) for i, w in enumerate(workers))
        )
        for _ in range(KILLS):
            await asyncio.sleep(chance.uniform(0.5, 2.5))
            await bot.kill()
            await bot.start()
        await asyncio.wait_for(registering, 300)
        await all_reached(recipients)
    finally:
        returncode = await bot.stop()
        await http.stop()
    assert returncode == 0, (tmp_path / "bot.log").read_text()[-3000:]

    for worker in workers:
        # The review is the last screen: every question before it reached the worker.
        assert "📨 提交" in [label for row in worker.last.button_labels for label in row], (
            worker.texts[-3:]
        )
    await check_database(settings, workers)
    for chat in recipients:
        texts = [m.text for m in chat.messages if m.from_bot]
        broadcast = [text for text in texts if BROADCAST in text]
        reminders = [text for text in texts if BROADCAST not in text]
        # Exactly once, or once more when a crash caught it in flight.
        assert 1 <= len(broadcast) <= 2, texts
        assert 1 <= len(reminders) <= 2, texts


async def all_reached(chats: list[Chat]) -> None:
    """Wait until everyone has the broadcast and a reminder (they go out every two seconds)."""
    for _ in range(int(PATIENCE * 10)):
        if all(len([m for m in chat.messages if m.from_bot]) >= 2 for chat in chats):
            return
        await asyncio.sleep(0.1)
    missing = [chat.chat_id for chat in chats if len(chat.messages) < 2]
    raise AssertionError(f"no broadcast or reminder reached {missing}")


def comparable(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers with what differs by person (the ID, its birth date, file ids) left out."""
    kept: dict[str, Any] = {}
    for key, value in answers.items():
        if key in {"resident_id", "birth_date"}:
            continue
        if isinstance(value, dict) and "file_id" in value:
            value = value.get("kind")  # a document: its kind, not which
        if (
            isinstance(value, list)
            and value
            and isinstance(value[0], dict)
            and "file_id" in value[0]
        ):
            value = [item.get("kind") for item in value]
        kept[key] = value
    return kept


async def check_database(settings: Settings, workers: list[PatientWorker]) -> None:
    """Each worker's draft holds the answers given, once; every update and reply is done."""
    services = await open_services(settings, engine=create_engine(settings.effective_database_url))
    form = load_form("jilin-2020")
    try:
        async with services.sessions() as session:
            drafts = (
                await session.scalars(
                    select(Registration).where(Registration.resident_id_hash.is_not(None))
                )
            ).all()
            assert len(drafts) == len(workers)
            answers = [registrations.open_state(services.vault, draft).answers for draft in drafts]
            undone = await session.scalars(
                select(InboundUpdate).where(InboundUpdate.done_at.is_(None))
            )
            assert undone.all() == []
            deliveries = (await session.scalars(select(BroadcastDelivery))).all()
            assert {d.status for d in deliveries} == {"sent"}
            reminded = (await session.scalars(select(ReminderDelivery))).all()
            assert {r.status for r in reminded} == {"sent"}
            unsent = await session.scalars(
                select(OutboundCall).where(OutboundCall.sent_at.is_(None))
            )
            assert unsent.all() == []
    finally:
        await close_services(services)
    ids = sorted(a["resident_id"] for a in answers)
    assert ids == sorted(resident_id(i) for i in range(len(workers)))
    # Apart from the ID, every worker answered alike, so every draft must be alike.
    alike = [comparable(a) for a in answers]
    differing = [
        {
            k: (a.get(k), alike[0].get(k))
            for k in set(a) | set(alike[0])
            if a.get(k) != alike[0].get(k)
        }
        for a in alike
    ]
    assert not any(differing), differing
    first = alike[0]
    assert [member["name"] for member in first["family_members"]] == ["王强", "王小"]
    required = {field.id for field in form.fields if field.required and not field.when}
    assert set(first) | {"resident_id"} >= required
