"""Issue 13: an ID typed inside another answer was removed from the chat but stored in full."""

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
