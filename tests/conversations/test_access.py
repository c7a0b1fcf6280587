"""The access matrix through the bot: every role × every action × in and out of scope.

Each action is tried the way a client can try it: a command, or a button press whose data the
client made up (Telegram clients can send any callback data). A refusal must say why, clearly,
and leave the registrations, the audit trail and the invitations exactly as they were.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.context import Services
from bot.handlers.joining import BECOME_PREFIX
from bot.standin import SimulatedUser
from bot.standin.chats import Button
from bot.standin.running import StandInBot
from flows.exports.callbacks import Choice
from flows.forms import load_form
from flows.review import callbacks
from storage.models import AuditEvent, Invitation, Registration, Unit, User
from storage.repositories import invitations, units
from tests.auxil.scenario import (
    DEPARTMENT_OFFICER,
    FAR_WORKER,
    OTHER_UNIT_OFFICER,
    PROVINCE_OFFICER,
    UNIT_OFFICER,
    WORKER,
    seed,
)
from tests.conftest import TEST_KEY
from tests.conversations.registration import PHONE_LANGUAGE, fill_jilin

STRANGER = 40001
FAR_ID = "220102198804120020"
TELEGRAM_IDS: Final = {
    "worker": WORKER,
    "unit": UNIT_OFFICER,
    "department": DEPARTMENT_OFFICER,
    "province": PROVINCE_OFFICER,
    "stranger": STRANGER,
}
# Where the two records wait while each role is tried: at the role's own level.
LEVEL_OF: Final = {"department": "department", "province": "province"}

NOT_BOUND = (
    "Your account is not linked to a union unit yet. Please open the invitation link you "
    "received from your union officer."
)
NOT_OFFICER = "Only union officers can do this."
RECORD_OUT = "This record belongs to a unit outside your responsibility."
UNIT_OUT = "This unit is outside your responsibility."
NOT_OWN = "You can see only your own registrations."
MASKED = (
    "Full ID and card numbers are shown only to the union officers of the person's own unit "
    "and of the provincial union."
)
NOT_LAST = (
    "Only the provincial union, the last level of this campaign's review, sets the aid amount."
)


@dataclass(frozen=True)
class Refused:
    """The action is refused with exactly this message, and nothing changes."""

    message: str


@dataclass(frozen=True)
class Shows:
    """The action is allowed: the bot shows something containing this text."""

    fragment: str


Expected = Refused | Shows

# The record actions, in the order they are tried; the last one may change the record.
RECORD_ACTIONS: Final = (
    "view card",
    "history",
    "history command",
    "full numbers",
    "documents",
    "return",
    "return: fields chosen",
    "reject",
    "set amount",
    "approve",
)
UNIT_ACTIONS: Final = ("invite", "export", "stats")

CARD = Shows("📋 Record {id} · ")
HISTORY = Shows("History of record {id}:")
FULL = Shows("Resident ID number: 2201021")
DOCUMENTS = Shows("Record {id} · Resident ID card and ICBC card")
# The ID copy shows the full numbers: those who see them masked get the other documents.
DOCUMENTS_WITHOUT_ID_COPY = Shows("The copy of the ID and bank card shows the full numbers")
RETURN = Shows("Return record {id}: press the numbers of the answers to correct, then Done.")
REASON = Shows("Why is record {id} returned?")
REJECT = Shows("Why is record {id} rejected?")
PASSED_ON = Shows("✅ Approved; passed on to")
AMOUNT_SCREEN = Shows("Record {id}: please type the aid amount in yuan, for example 1000.")
GRANTED = Shows("✅ Approved; aid granted: CN¥800.00.")
INVITED = Shows("🔗 Join link for the workers of")
EXPORT = Shows("which table do you want to export?")
# /stats names no unit: an officer's numbers are their scope's, and leave the other
# department's record out (two records exist, one in each department).
OWN_STATS = Shows("Records: 1\n")
ALL_STATS = Shows("Records: 2\n")


def everything(expected: Expected) -> dict[str, Expected]:
    """The same answer to every action."""
    return dict.fromkeys((*RECORD_ACTIONS, *UNIT_ACTIONS), expected)


# role -> scope -> action -> what happens. "in": the record of the role's own unit (the
# worker's own record) and the unit itself; "out": a record and a unit of another department.
MATRIX: Final[dict[str, dict[str, dict[str, Expected]]]] = {
    "stranger": {"in": everything(Refused(NOT_BOUND)), "out": everything(Refused(NOT_BOUND))},
    "worker": {
        "in": {
            **everything(Refused(NOT_OFFICER)),
            "view card": CARD,
            "history": HISTORY,
            "history command": HISTORY,
            "full numbers": Refused(MASKED),
            "documents": DOCUMENTS,
        },
        "out": {
            **everything(Refused(NOT_OWN)),
            "full numbers": Refused(MASKED),
            "invite": Refused(NOT_OFFICER),
            "export": Refused(NOT_OFFICER),
            "stats": Refused(NOT_OFFICER),
        },
    },
    "unit": {
        "in": {
            "view card": CARD,
            "history": HISTORY,
            "history command": HISTORY,
            "full numbers": FULL,
            "documents": DOCUMENTS,
            "return": RETURN,
            "return: fields chosen": REASON,
            "reject": REJECT,
            "set amount": Refused(NOT_LAST),
            "approve": PASSED_ON,
            "invite": INVITED,
            "export": EXPORT,
            "stats": OWN_STATS,
        },
        "out": {
            **everything(Refused(RECORD_OUT)),
            "invite": Refused(UNIT_OUT),
            "export": Refused(UNIT_OUT),
            "stats": OWN_STATS,
        },
    },
    "department": {
        "in": {
            "view card": CARD,
            "history": HISTORY,
            "history command": HISTORY,
            "full numbers": Refused(MASKED),
            "documents": DOCUMENTS_WITHOUT_ID_COPY,
            "return": RETURN,
            "return: fields chosen": REASON,
            "reject": REJECT,
            "set amount": Refused(NOT_LAST),
            "approve": PASSED_ON,
            "invite": INVITED,
            "export": EXPORT,
            "stats": OWN_STATS,
        },
        "out": {
            **everything(Refused(RECORD_OUT)),
            "invite": Refused(UNIT_OUT),
            "export": Refused(UNIT_OUT),
            "stats": OWN_STATS,
        },
    },
}
# The provincial union's scope is everything: both records and units are in it.
PROVINCE_IN: Final[dict[str, Expected]] = {
    "view card": CARD,
    "history": HISTORY,
    "history command": HISTORY,
    "full numbers": FULL,
    "documents": DOCUMENTS,
    "return": RETURN,
    "return: fields chosen": REASON,
    "reject": REJECT,
    "approve": AMOUNT_SCREEN,  # the last level: approving asks for the amount first
    "set amount": GRANTED,
    "invite": INVITED,
    "export": EXPORT,
    "stats": ALL_STATS,
}
MATRIX["province"] = {
    "in": PROVINCE_IN,
    # The export of a chosen unit (the button a department's or the province's officer
    # presses) goes on to the question of which records.
    "other department": {**PROVINCE_IN, "export": Shows("for 公路局工会: which records?")},
}
PROVINCE_ORDER: Final = (*RECORD_ACTIONS[:-2], "approve", "set amount")


async def snapshot(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the registrations, the audit trail and the invitations."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    async with services.sessions() as session:
        for model in (Registration, AuditEvent, Invitation):
            columns = list(model.__table__.columns)
            rows = await session.execute(select(*columns).order_by(columns[0]))
            tables[model.__tablename__] = [tuple(row) for row in rows]
    return tables


@dataclass
class World:
    """The bot with two submitted records: 1 in the treasury unit, 2 in the roads unit."""

    standin: StandInBot
    services: Services
    unit_ids: dict[str, int]

    async def version(self, record_id: int) -> int:
        async with self.services.sessions() as session:
            record = await session.get(Registration, record_id)
            assert record is not None
            return record.version


async def build(services: Services, standin: StandInBot, role: str) -> World:
    scenario = await seed(services)
    await fill_jilin(standin.user(WORKER, "张丽", "en"), "en")
    await standin.user(WORKER, "张丽", "en").press("📨 Submit")
    await standin.user(WORKER, "张丽", "en").press("✅ Confirm and submit")
    far = standin.user(FAR_WORKER, "赵敏", "en")
    await fill_jilin(far, "en", resident_id=FAR_ID)
    await far.press("📨 Submit")
    await far.press("✅ Confirm and submit")
    level = LEVEL_OF.get(role)
    if level is not None:
        # Approved below already (by officers of units not in this test's cast).
        async with services.sessions() as session, session.begin():
            for record in (await session.scalars(select(Registration))).all():
                record.state, record.level = "approved", level
    return World(standin, services, scenario.unit_ids)


async def attempt(
    world: World, user: SimulatedUser, action: str, record_id: int, unit: str
) -> list[str]:
    """Try the action; everything the bot showed for it (new messages, edits, a pop-up)."""
    edits = {message.message_id: message.edits for message in user.bot_messages}
    mark = user.mark
    answer = None
    if action in ("history command", "invite", "export", "stats"):
        command = {
            "history command": f"/history {record_id}",
            "invite": f"/invite {unit}",
            "export": "/export",
            "stats": "/stats",
        }[action]
        if action == "export" and unit != "treasury" and user is not None:
            answer = await press(world, user, export_data(world, unit))
        else:
            await user.send(command)
    else:
        answer = await press(world, user, await record_data(world, action, record_id))
    shown = [
        message.text
        for message in user.bot_messages
        if message.message_id > mark or message.edits != edits.get(message.message_id, 0)
    ]
    if answer and answer["text"]:
        shown.append(answer["text"])
    return shown


async def record_data(world: World, action: str, record_id: int) -> str:
    version = await world.version(record_id)
    form = load_form("jilin-2020")
    pressed = {
        "view card": (callbacks.CARD, None),
        "history": (callbacks.HISTORY, None),
        "full numbers": (callbacks.FULL, None),
        "documents": (callbacks.DOCUMENTS, None),
        "return": (callbacks.RETURN, None),
        "return: fields chosen": (callbacks.RETURN_DONE, callbacks.mask_of(form, ["phone"])),
        "reject": (callbacks.REJECT, None),
        "set amount": (callbacks.AMOUNT, "800"),
        "approve": (callbacks.APPROVE, None),
    }
    kind, argument = pressed[action]
    return callbacks.data(kind, record_id, version, argument)


def export_data(world: World, unit: str) -> str:
    """An /export button for a unit of the officer's choosing (here: one outside the scope)."""
    return Choice("u", 1, "summary", str(world.unit_ids[unit])).data()


async def press(world: World, user: SimulatedUser, data: str) -> dict[str, Any] | None:
    """A press with made-up callback data, on a message of its own (edits show what it did)."""
    server = world.standin.server
    await world.standin.application.bot.send_message(user.user_id, "…")
    message = user.last
    query_id = await server.user_presses(user.chat, message, Button("?", callback_data=data))
    await world.standin.settle()
    return server.callback_answers.get(query_id)


@pytest.mark.parametrize("role", list(TELEGRAM_IDS))
async def test_every_action_in_and_out_of_scope(
    services: Services, standin: StandInBot, role: str
) -> None:
    world = await build(services, standin, role)
    user = standin.user(TELEGRAM_IDS[role], "某人", "en")
    await user.send("/help")
    order = PROVINCE_ORDER if role == "province" else RECORD_ACTIONS
    await check_matrix(world, user, role, MATRIX[role], order)


async def check_matrix(
    world: World,
    user: SimulatedUser,
    who: str,
    matrix: dict[str, dict[str, Expected]],
    order: tuple[str, ...] = RECORD_ACTIONS,
) -> None:
    """Try every action in every scope of ``matrix``; each does what the matrix says."""
    targets = {"in": (1, "treasury"), "out": (2, "roads"), "other department": (2, "roads")}
    tried = 0
    for scope, expectations in matrix.items():
        record_id, unit = targets[scope]
        for action in (*order, *UNIT_ACTIONS):
            expected = expectations[action]
            before = await snapshot(world.services)
            shown = await attempt(world, user, action, record_id, unit)
            where = f"{who} / {action} / {scope}"
            if isinstance(expected, Refused):
                assert expected.message in shown, f"{where}: {shown}"
                assert await snapshot(world.services) == before, f"{where} changed the database"
            else:
                fragment = expected.fragment.format(id=record_id)
                assert any(fragment in text for text in shown), f"{where}: {shown}"
            tried += 1
    assert tried == len(matrix) * (len(RECORD_ACTIONS) + len(UNIT_ACTIONS))


async def test_levels_and_own_registrations(services: Services, standin: StandInBot) -> None:
    """In scope is not enough: an officer decides at their own level, never on their own record."""
    world = await build(services, standin, "worker")
    department = standin.user(DEPARTMENT_OFFICER, "周涛", "en")
    await department.send("/help")
    before = await snapshot(services)
    shown = await attempt(world, department, "approve", 1, "treasury")
    assert (
        "This record is waiting for the unit's union; you review for the supervising "
        "department's union." in shown
    )
    assert await snapshot(services) == before

    officer = standin.user(UNIT_OFFICER, "李明", "en")
    await officer.send("/help")
    assert any(
        PASSED_ON.fragment in text for text in await attempt(world, officer, "approve", 1, "")
    )
    before = await snapshot(services)
    shown = await attempt(world, officer, "reject", 1, "")
    assert (
        "This record was already decided by 李明: it is now approved by the level below, "
        "waiting for review." in shown
    )
    assert await snapshot(services) == before

    # The unit's officer registers too; a colleague decides, never the officer.
    await fill_jilin(officer, "en", resident_id="220102198609230048")
    await officer.press("📨 Submit")
    await officer.press("✅ Confirm and submit")
    await officer.send("/queue")
    assert officer.texts[-1] == "📭 Nothing is waiting for your review (the unit's union)."
    before = await snapshot(services)
    shown = await attempt(world, officer, "approve", 3, "")
    assert "You cannot decide on your own registration; another officer must." in shown
    assert await snapshot(services) == before


# --- every way of binding: what the person may do afterwards -------------------------------

# A worker with no record of their own: every record is someone else's.
NEWCOMER: Final[dict[str, Expected]] = {
    **everything(Refused(NOT_OWN)),
    "full numbers": Refused(MASKED),
    "invite": Refused(NOT_OFFICER),
    "export": Refused(NOT_OFFICER),
    "stats": Refused(NOT_OFFICER),
}
# The finance department's officer once the roads unit is moved under finance: both in scope.
DEPARTMENT_OVER_BOTH: Final[dict[str, Expected]] = {
    **MATRIX["department"]["in"],
    "stats": ALL_STATS,
}


@dataclass(frozen=True)
class Bound:
    """Who does what to their binding (``steps``), then meets ``then``; records wait at
    ``level``'s level (see :data:`LEVEL_OF`)."""

    who: int
    steps: tuple[tuple[str, ...], ...]
    then: dict[str, dict[str, Expected]]
    level: str = "unit"


BINDINGS: Final[dict[str, Bound]] = {
    "officer link: a newcomer becomes the treasury's officer": Bound(
        STRANGER, (("officer link", "unit_officer", "treasury"),), MATRIX["unit"]
    ),
    "worker link: the treasury's officer opens the roads' link and stays": Bound(
        UNIT_OFFICER, (("worker link", "roads"),), MATRIX["unit"]
    ),
    "worker link: the finance department's officer opens the roads' link and stays": Bound(
        DEPARTMENT_OFFICER, (("worker link", "roads"),), MATRIX["department"], "department"
    ),
    "worker link: the treasury's officer gives the role up": Bound(
        UNIT_OFFICER,
        (("worker link", "roads"), ("press", "Become a worker")),
        {"in": NEWCOMER, "out": NEWCOMER},
    ),
    "worker link: a worker moves to the roads unit, their record stays theirs": Bound(
        WORKER, (("worker link", "roads"),), MATRIX["worker"]
    ),
    "worker link: a newcomer joins the roads unit": Bound(
        STRANGER, (("worker link", "roads"),), {"in": NEWCOMER, "out": NEWCOMER}
    ),
    "role revoke: the treasury's officer is unbound": Bound(
        UNIT_OFFICER,
        (("command", "role", "revoke", str(UNIT_OFFICER), "--reason", "调离"),),
        MATRIX["stranger"],
    ),
    "role revoke --keep-as-worker: the treasury's officer stays a worker": Bound(
        UNIT_OFFICER,
        (("command", "role", "revoke", str(UNIT_OFFICER), "--reason", "x", "--keep-as-worker"),),
        {"in": NEWCOMER, "out": NEWCOMER},
    ),
    "unit move: roads moves under finance, its officer reaches it": Bound(
        DEPARTMENT_OFFICER,
        (("command", "unit", "move", "roads", "--parent", "finance"),),
        {
            "in": DEPARTMENT_OVER_BOTH,
            "out": {**DEPARTMENT_OVER_BOTH, "export": Shows("for 公路局工会: which records?")},
        },
        "department",
    ),
}


async def make_invitation(services: Services, role: str, unit_code: str) -> str:
    """A link as ``songnuan invite officer|worker`` makes it; its code."""
    async with services.sessions() as session, session.begin():
        unit = await units.by_code(session, unit_code)
        assert unit is not None
        invitation = invitations.create(
            session,
            role=role,
            unit_id=unit.id,
            expires_at=services.clock.now() + dt.timedelta(days=7),
            max_uses=1 if role != "worker" else None,
            created_by_user_id=None,
        )
        return invitation.code


async def run_command(
    services: Services, monkeypatch: pytest.MonkeyPatch, arguments: tuple[str, ...]
) -> None:
    """``songnuan ARGUMENTS`` on the bot's own database."""
    engine = services.sessions.kw["bind"]
    if engine.dialect.name != "sqlite":
        pytest.skip("the command line opens the database by URL; the test schema has none")
    monkeypatch.setenv("SONGNUAN_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("SONGNUAN_DATA_DIR", str(services.settings.data_dir))
    monkeypatch.setenv("SONGNUAN_SECRET_KEY", TEST_KEY)
    assert await asyncio.to_thread(main, list(arguments)) == 0


@pytest.mark.parametrize("case", list(BINDINGS))
async def test_every_way_of_binding_changes_only_what_it_should(
    services: Services, standin: StandInBot, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    bound = BINDINGS[case]
    world = await build(services, standin, bound.level)
    user = standin.user(bound.who, "某人", "en")
    for step in bound.steps:
        match step:
            case ("officer link" | "worker link", *where):
                role, unit = where if len(where) == 2 else ("worker", where[0])
                await user.send(f"/start {await make_invitation(services, role, unit)}")
            case ("press", label):
                await user.press(label)
            case ("command", *arguments):
                await run_command(services, monkeypatch, tuple(arguments))
    await check_matrix(world, user, case, bound.then)


OFFICER_ASKED: Final = {
    "en": (
        "This link is for the workers of 预算处工会小组 to join. You are registered as union "
        "officer of the unit for 国库处工会小组, and opening this link has not changed that.\n\n"
        "Do you want to give up your officer role and become a worker of 预算处工会小组 instead?"
    ),
    "zh_CN": (
        "这是预算处工会小组职工加入用的链接。您已登记为国库处工会小组的基层单位工会干部，"
        "打开这个链接不会改变您的身份。\n\n您要放弃工会干部身份，改为预算处工会小组的职工吗？"
    ),
}
CHOICES: Final = {
    "en": [["Keep my officer role"], ["Become a worker"]],
    "zh_CN": [["保留工会干部身份"], ["改为职工"]],
}
KEPT: Final = {
    "en": "Nothing has changed: you are still registered as union officer of the unit for "
    "国库处工会小组.",
    "zh_CN": "没有任何变化：您仍是国库处工会小组的基层单位工会干部。",
}
GAVE_UP: Final = {
    "en": "You are no longer registered as union officer of the unit for 国库处工会小组.\n\n"
    "Welcome! You have joined 预算处工会小组. Send /register to start your registration.",
    "zh_CN": "您已不再是国库处工会小组的基层单位工会干部。\n\n"
    "欢迎！您已加入预算处工会小组。发送 /register 开始登记。",
}


async def binding_of(services: Services, telegram_id: int) -> tuple[str, str | None]:
    """The account's role and the code of its unit."""
    async with services.sessions() as session:
        row = (
            await session.execute(
                select(User.role, Unit.code)
                .outerjoin(Unit, User.unit_id == Unit.id)
                .where(User.telegram_id == telegram_id)
            )
        ).one()
        return row.role, row.code


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_an_officer_who_opens_a_worker_link_is_asked_and_keeps_the_role(
    services: Services, standin: StandInBot, locale: str
) -> None:
    await seed(services)
    phone = PHONE_LANGUAGE[locale]
    budget = standin.user(OTHER_UNIT_OFFICER, "陈静", phone)
    await budget.send("/invite")
    code = budget.last.text.splitlines()[1].rsplit("=", 1)[1]
    officer = standin.user(UNIT_OFFICER, "李明", phone)

    await officer.send(f"/start {code}")
    assert officer.last.text == OFFICER_ASKED[locale]
    assert officer.last.button_labels == CHOICES[locale]
    assert await binding_of(services, UNIT_OFFICER) == ("unit_officer", "treasury")
    await officer.press(CHOICES[locale][0][0])
    assert officer.texts[-2:] == [OFFICER_ASKED[locale], KEPT[locale]]
    assert officer.bot_messages[-2].buttons == []
    assert await binding_of(services, UNIT_OFFICER) == ("unit_officer", "treasury")
    async with services.sessions() as session:
        link = await invitations.by_code(session, code)
        assert link is not None and link.uses == 0
    assert "queue" in standin.server.menu_of(UNIT_OFFICER)

    # Asked again, the officer gives the role up: a worker of the link's unit, on record.
    await officer.send(f"/start {code}")
    await officer.press(CHOICES[locale][1][0])
    assert officer.last.text == GAVE_UP[locale]
    assert await binding_of(services, UNIT_OFFICER) == ("worker", "budget")
    assert "queue" not in standin.server.menu_of(UNIT_OFFICER)
    async with services.sessions() as session:
        event = await session.scalar(select(AuditEvent).where(AuditEvent.kind == "role_changed"))
        assert event is not None
        assert (event.from_state, event.to_state) == ("unit_officer", "worker")
        unit_ids = {unit.code: unit.id for unit in await units.all_units(session)}
        assert event.details["from_unit_id"] == unit_ids["treasury"]
        assert event.details["unit_id"] == unit_ids["budget"]
    await officer.send("/queue")
    assert officer.last.text == (
        "Only union officers can do this." if locale == "en" else "只有工会干部可以进行此操作。"
    )


async def test_made_up_button_data_binds_no_officer_link(
    services: Services, standin: StandInBot
) -> None:
    """The "become a worker" button names a worker link: an officer link's code binds nothing."""
    world = await build(services, standin, "worker")
    code = await make_invitation(services, "province_officer", "province")
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    await officer.send("/help")
    before = await snapshot(services)
    await press(world, officer, f"{BECOME_PREFIX}{code}")
    assert officer.last.text == (
        "This invitation link is not valid. Please ask your union officer for a new one."
    )
    assert await snapshot(services) == before
    assert await binding_of(services, UNIT_OFFICER) == ("unit_officer", "treasury")


async def test_a_link_withdrawn_before_the_officer_chooses_binds_nothing(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    budget = standin.user(OTHER_UNIT_OFFICER, "陈静", "en")
    await budget.send("/invite")
    code = budget.last.text.splitlines()[1].rsplit("=", 1)[1]
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    await officer.send(f"/start {code}")
    asked = officer.last
    await budget.send(f"/invite revoke {code}")

    await officer.press("Become a worker", asked)
    assert officer.last.text == (
        "This invitation link was withdrawn. Please ask your union officer for a new one."
    )
    assert asked.buttons == []
    assert await binding_of(services, UNIT_OFFICER) == ("unit_officer", "treasury")
