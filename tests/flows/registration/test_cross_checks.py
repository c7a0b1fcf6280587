"""Issue 13: the cross-checks a reviewer would otherwise make by hand, as form data.

Errors block submission; warnings are shown on the review and block nothing.
"""

from __future__ import annotations

from stdnum import luhn
from stdnum.cn import ric

from flows.registration import Phase
from tests.flows.registration.test_complete import walk_henan, walk_jilin
from tests.flows.registration.walker import Walker


def resident_id(born: str, sequence: str = "002", region: str = "220102") -> str:
    """A valid number: ``sequence``'s last digit odd for a man, even for a woman."""
    body = region + born + sequence
    return body + ric.calc_check_digit(body + "0")


def edited(walker: Walker, field: str, *answers: str) -> None:
    walker.edit(field)
    for answer in answers:
        walker.type(answer)
    if walker.state.phase is Phase.CONFIRMING:
        walker.press(f"r:ok:{field}")
    walker.keep_rest()


def submit_refused(walker: Walker, reason: str) -> None:
    walker.press("r:submit")
    assert walker.state.phase is Phase.REVIEW
    assert walker.lines()[0] == "提交前请先更正以下问题："
    assert f"⚠️ {reason}" in walker.lines()


def jilin_review() -> Walker:
    walker = Walker.of("jilin-2020")
    walk_jilin(walker)
    assert walker.state.phase is Phase.REVIEW
    return walker


def test_deductions_above_the_income_are_refused() -> None:
    walker = jilin_review()
    edited(walker, "wages", "1800")
    edited(walker, "transfer_income", "0")
    edited(walker, "social_security", "5000")
    assert "家庭月可支配收入：-¥3,200.00" in walker.lines()
    submit_refused(
        walker,
        "所得税和社会保障支出合计超过了家庭月总收入，可支配收入成了负数：请核对这几项金额。",
    )


def test_a_childs_id_is_refused_as_a_workers() -> None:
    walker = Walker.of("jilin-2020")
    walker.type("张丽")
    walker.press("r:agree")
    walker.type(resident_id("20091215"))  # ten years old on 20 December 2019
    assert walker.state.phase is Phase.ANSWERING
    assert walker.lines()[0] == (
        "⚠️ 按此号码，持证人10岁；职工须年满16周岁（法定最低就业年龄）。请填写职工本人的身份证号。"
    )
    walker.type(resident_id("20031220"))  # sixteen that very day
    assert walker.state.phase is Phase.CONFIRMING


def test_a_single_mother_with_a_mans_id_is_refused() -> None:
    walker = jilin_review()
    edited(walker, "resident_id", resident_id("19850315", "001"))
    submit_refused(
        walker,
        "选择了“单亲女职工”，但身份证号显示为男性：请核对困难类型或身份证号。",
    )


def test_two_homes_of_no_area_are_refused() -> None:
    walker = jilin_review()
    edited(walker, "homes_owned", "2", "0")
    submit_refused(
        walker,
        "全家拥有两套以上住宅，住房总面积却为0平方米：请核对住宅套数或面积。",
    )


def test_a_card_that_is_not_icbcs_and_a_retired_age_are_warnings() -> None:
    walker = jilin_review()
    ccb = "621700000000000000"  # a China Construction Bank number
    edited(walker, "bank_card", ccb + luhn.calc_check_digit(ccb))
    edited(walker, "resident_id", resident_id("19650315"))  # a woman of 54
    lines = walker.lines()
    assert "❕ 这张卡的卡号开头不像工商银行借记卡：通知要求本人的工商银行借记卡，请核对。" in lines
    assert any(line.startswith("❕ 按身份证号，职工已达到女职工法定退休年龄") for line in lines)
    walker.press("r:submit")
    assert walker.state.phase is Phase.SUBMITTING  # warnings block nothing


def test_henan_own_income_above_the_households_and_a_laid_off_single_mother() -> None:
    walker = Walker.of("henan-2017")
    walk_henan(walker)
    edited(walker, "own_income", "2000")
    submit_refused(walker, "本人月收入超过了全家月总收入：全家收入应包括您本人的收入，请核对。")
    edited(walker, "own_income", "1800")
    walker.edit("enterprise_restructured")
    walker.press("r:c:enterprise_restructured:y")
    assert walker.state.cursor == "laid_off_couple"  # now relevant, in the same section
    walker.press("r:c:laid_off_couple:y")
    walker.keep_rest()
    submit_refused(walker, "单亲女职工与“夫妻双方都已下岗”不能同时成立：请核对。")
