"""The officers' screens: the card, choosing fields to return, the amount, the history."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from flows.access import Actor, Level
from flows.forms import Form, load_form
from flows.forms.texts import render_text
from flows.i18n import SUPPORTED_LOCALES, Message, translator
from flows.registration import Screen
from flows.review import State, callbacks
from flows.review.card import (
    amount_screen,
    card_screen,
    decidable,
    history_screen,
    needs_amount,
    reason_screen,
    return_screen,
)
from tests.flows.registration.test_complete import walk_jilin
from tests.flows.registration.walker import Walker
from tests.flows.review.world import (
    DEPARTMENT_OFFICER,
    PROVINCE_OFFICER,
    UNIT_OFFICER,
    WORKER,
    record,
)

RESIDENT_ID = "220102198503150023"
CARD_NUMBER = "6222024200123456784"


@cache
def jilin() -> tuple[Form, dict[str, object]]:
    walker = Walker.of("jilin-2020")
    walk_jilin(walker)
    return load_form("jilin-2020"), dict(walker.state.answers)


def text(screen: Screen, locale: str = "en") -> str:
    return "\n".join(render_text(line, translator(locale)) for line in screen.lines)


def data(screen: Screen) -> list[str]:
    return [button.data for row in screen.buttons for button in row]


def card(viewer: Actor, **kwargs: object) -> Screen:
    form, answers = jilin()
    view = kwargs.pop("view", record(owner=20))
    return card_screen(form, view, answers, viewer, unit_name="国库处", **kwargs)  # type: ignore[arg-type]


def test_the_unit_officer_decides_a_record_waiting_at_the_unit() -> None:
    shown = card(UNIT_OFFICER)
    lines = text(shown)
    assert lines.startswith("📋 Record 7 · 国库处\nWaiting for review by the unit's union.")
    assert "2. Resident ID number: 2201**********0023" in lines
    assert RESIDENT_ID not in lines and CARD_NUMBER not in lines
    assert "Disposable income per person per month: CN¥1,150.00" in lines
    assert data(shown) == [
        "v:ok:7:0",
        "v:ret:7:0",
        "v:rej:7:0",
        "v:pc:7:0",
        "v:hist:7:0",
        "v:docs:7:0",
        "v:full:7:0",
    ]


def test_full_numbers_only_for_those_entitled() -> None:
    assert RESIDENT_ID in text(card(UNIT_OFFICER, full_numbers=True))
    assert CARD_NUMBER in text(card(PROVINCE_OFFICER, full_numbers=True))
    department = card(DEPARTMENT_OFFICER, full_numbers=True)
    assert RESIDENT_ID not in text(department) and "v:full:7:0" not in data(department)
    assert "v:full:7:0" not in data(card(UNIT_OFFICER, full_numbers=True))


@pytest.mark.parametrize(
    ("viewer", "level", "decides"),
    [
        (UNIT_OFFICER, Level.UNIT, True),
        (DEPARTMENT_OFFICER, Level.UNIT, False),
        (DEPARTMENT_OFFICER, Level.DEPARTMENT, True),
        (PROVINCE_OFFICER, Level.DEPARTMENT, False),
        (WORKER, Level.UNIT, False),
    ],
)
def test_decision_buttons_only_at_the_viewers_level(
    viewer: Actor, level: Level, decides: bool
) -> None:
    view = record(
        owner=20, state=State.SUBMITTED if level is Level.UNIT else State.APPROVED, level=level
    )
    assert decidable(view, viewer) is decides
    assert ("v:ok:7:0" in data(card(viewer, view=view))) is decides


def test_a_resubmission_says_what_changed_and_the_party_aided_list_is_noted() -> None:
    lines = text(card(UNIT_OFFICER, changed=("phone",), party_aided=True), "zh_CN")
    assert "🔁 已修改并重新提交。修改了：联系电话" in lines
    assert "（排除项P）" in lines
    unchanged = text(card(UNIT_OFFICER, changed=()))
    assert "no flagged answer changed" in unchanged


def test_after_a_decision_the_outcome_replaces_the_buttons() -> None:
    shown = card(UNIT_OFFICER, outcome=Message("❌ Rejected."), next_offset=3)
    assert text(shown).endswith("❌ Rejected.")
    assert data(shown)[0] == "v:hist:7:0" and data(shown)[-1] == "v:next:3:0"


def test_choosing_fields_to_return_travels_in_the_buttons() -> None:
    form, answers = jilin()
    view = record(owner=20)
    nothing = return_screen(form, view, answers, ())
    assert "5. Phone number" in text(nothing).splitlines()
    assert data(nothing)[-1] == "v:card:7:0" and "v:rd" not in " ".join(data(nothing))
    phone_toggle = next(b for row in nothing.buttons for b in row if b.label == "5")
    pressed = callbacks.decode(phone_toggle.data)
    assert pressed is not None and pressed.action == callbacks.TOGGLE
    chosen = callbacks.fields_of(form, pressed.argument)
    assert chosen == ("phone",)
    some = return_screen(form, view, answers, chosen)
    assert "✅ 5. Phone number" in text(some).splitlines()
    done = callbacks.decode(data(some)[-2])
    assert done is not None and done.action == callbacks.RETURN_DONE
    assert callbacks.fields_of(form, done.argument) == ("phone",)
    assert all(len(item.encode()) <= 64 for item in data(some))


def test_the_reason_amount_and_history_screens() -> None:
    view = record(owner=20, state=State.APPROVED, level=Level.PROVINCE)
    assert needs_amount(view) and not needs_amount(record())
    amounts = amount_screen(view, (Decimal("500.00"), Decimal("800.00")))
    assert data(amounts) == ["v:amt:7:0:500.00", "v:amt:7:0:800.00", "v:card:7:0"]
    assert [render_text(b.label, translator("zh_CN")) for b in amounts.buttons[0]] == [
        "¥500.00",
        "¥800.00",
    ]
    assert "rejected" in text(reason_screen(view, rejecting=True))
    assert text(history_screen(view, ["a line"])) == "History of record 7:\na line"


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_screen_is_translated(locale: str) -> None:
    form, answers = jilin()
    view = record(owner=20, state=State.AID_GRANTED, level=Level.PROVINCE, amount=Decimal(800))
    for screen in (
        card(PROVINCE_OFFICER, view=view, changed=(), party_aided=True),
        return_screen(form, record(), answers, ("phone",)),
        reason_screen(view, rejecting=False),
        amount_screen(view, (Decimal(1),)),
    ):
        shown = text(screen, locale) + "".join(
            render_text(button.label, translator(locale))
            for row in screen.buttons
            for button in row
        )
        assert "{" not in shown


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("v:ok:12:3", callbacks.Pressed("ok", 12, 3)),
        ("v:amt:12:3:800.00", callbacks.Pressed("amt", 12, 3, "800.00")),
        ("v:t:12:3:1f", callbacks.Pressed("t", 12, 3, "1f")),
        ("v:bogus:12:3", None),
        ("v:ok:x:3", None),
        ("v:ok:12", None),
        ("r:ok:phone", None),
    ],
)
def test_callback_data(raw: str, expected: callbacks.Pressed | None) -> None:
    assert callbacks.decode(raw) == expected


def test_bad_masks_choose_nothing() -> None:
    form, _answers = jilin()
    assert callbacks.fields_of(form, "zz") == ()
    assert callbacks.fields_of(form, None) == ()
