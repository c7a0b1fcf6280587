"""Changing one entry of a repeated group; drafts stored before entries and sections."""

from __future__ import annotations

from flows.registration import ButtonPressed, Phase, RegistrationState
from tests.flows.registration.test_navigation import reviewed_jilin


def test_a_draft_stored_before_entries_could_be_changed_still_loads() -> None:
    stored = {
        "form_id": "jilin-2020",
        "phase": "group_menu",
        "cursor": "family_members",
        "answers": {"name": "张丽", "household_size": 2},
        "items": [{"name": "王强", "age": 40, "relationship": "丈夫", "work_unit_position": "无"}],
        "items_of": "family_members",
        "item": {},
        "sub": None,
    }
    state = RegistrationState.model_validate(stored)
    assert state.entry is None and state.section is None and state.phase is Phase.GROUP_MENU


def test_a_member_changed_from_the_review_returns_to_the_list_then_the_section() -> None:
    walker = reviewed_jilin("en")
    walker.edit("family_members")
    walker.press("r:ed:family_members:2")
    assert walker.state.entry == 2 and walker.state.item["name"] == "王小"
    assert "Family member 2" in walker.lines()
    walker.press("r:keep:family_members")
    walker.type("13")
    walker.press("r:keep:family_members")
    walker.press("r:keep:family_members")
    assert walker.state.phase is Phase.GROUP_MENU and walker.state.entry is None
    walker.press("r:done:family_members")
    assert walker.state.cursor == "wages"  # the rest of the section follows
    walker.keep_rest()
    members = walker.state.answers["family_members"]
    assert isinstance(members, list) and [member["age"] for member in members] == [65, 13]  # type: ignore[index]


def test_a_made_up_entry_number_changes_nothing() -> None:
    walker = reviewed_jilin("en")
    walker.edit("family_members")
    before = walker.state
    for data in ("r:ed:family_members:3", "r:ed:family_members:0", "r:ed:family_members:x"):
        walker.send(ButtonPressed(data))
        assert walker.state == before
