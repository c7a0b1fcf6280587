"""Issue 13: typed text that is no answer here: a long number, a button's word."""

from __future__ import annotations

from flows.registration import Phase, SensitiveInputRead
from tests.flows.registration.walker import Walker


def test_an_id_inside_the_unit_is_refused_not_stored() -> None:
    walker = Walker.of("jilin-2020")
    walker.type("张丽")
    walker.press("r:agree")
    walker.type("220102198503150023")
    walker.press("r:ok:resident_id")
    walker.type("吉林省财政厅 220102198503150023")
    assert walker.state.phase is Phase.ANSWERING and walker.state.cursor == "work_unit"
    assert "work_unit" not in walker.state.answers
    assert walker.lines()[0] == (
        "⚠️ 这个回答里有一串长数字（身份证号、银行卡号或电话号码？），因此没有保存。"
        "请去掉这串数字再填写，例如“吉林省财政厅”；这些号码各有单独的问题，会受到保护。"
    )
    assert "220102198503150023" not in walker.text()
    assert isinstance(walker.last.effects[0], SensitiveInputRead)  # removed from the chat too
    walker.type("吉林省财政厅")
    assert walker.state.answers["work_unit"] == "吉林省财政厅"


def _at_family_members() -> Walker:
    walker = Walker.of("jilin-2020")
    walker.type("张丽")
    walker.press("r:agree")
    walker.type("220102198503150023")
    walker.press("r:ok:resident_id")
    for answer in ("吉林省财政厅", "科员", "139 0431 1234", "3"):
        walker.type(answer)
    assert walker.state.phase is Phase.GROUP_ITEM
    return walker


def test_done_typed_at_a_members_name_is_never_a_name() -> None:
    walker = _at_family_members()
    walker.type("完成")
    assert walker.state.phase is Phase.GROUP_ITEM and walker.state.item == {}
    assert walker.lines()[0].startswith("⚠️ “完成”是按钮上的字，不能作为回答。")
    for answer in ("王强", "65", "父亲", "退休"):
        walker.type(answer)
    walker.press("r:add:family_members")
    walker.type("完成")  # at the next entry's name: the list is finished
    assert walker.state.phase is Phase.GROUP_MENU
    assert walker.lines()[0].startswith("⚠️ “家庭人口数”为3")
    assert [item["name"] for item in walker.state.items or []] == ["王强"]
