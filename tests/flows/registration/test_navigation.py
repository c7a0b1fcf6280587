"""Back, Skip, Edit from the review, groups, corrections, refusals, consent, duplicates, delete."""

from __future__ import annotations

import pytest

from flows.registration import (
    Back,
    ButtonPressed,
    ConsentDeclined,
    DeleteConfirmed,
    DuplicateFound,
    Pause,
    Paused,
    Phase,
    Resume,
    SensitiveInputRead,
    Unsupported,
    start_correction,
)
from tests.flows.registration.test_complete import walk_henan, walk_jilin
from tests.flows.registration.walker import Walker


def reviewed_jilin(locale: str = "zh_CN") -> Walker:
    walker = Walker.of("jilin-2020", locale)
    walk_jilin(walker)
    assert walker.state.phase is Phase.REVIEW
    return walker


def at_the_read_back(resident_id: str = "220102198503150023") -> Walker:
    """Name given, consent given, the ID typed: the bot reads the ID back."""
    walker = Walker.of("jilin-2020", "en")
    walker.type("Zhang Li")
    walker.press("r:agree")
    walker.type(resident_id)
    return walker


def past_the_id() -> Walker:
    """The ID confirmed: the work unit is asked."""
    walker = at_the_read_back()
    walker.press("r:ok:resident_id")
    return walker


def test_back_asks_the_previous_question_with_its_answer_and_keep() -> None:
    walker = past_the_id()
    walker.press("r:back:work_unit")
    assert walker.state.cursor == "resident_id"
    assert "Current answer: 2201**********0023" in walker.lines()
    walker.press("r:keep:resident_id")
    assert walker.state.cursor == "work_unit"
    walker.send(Back())
    walker.send(Back())
    assert walker.state.cursor == "name"
    assert "r:back:name" not in walker.buttons()
    walker.send(Back())
    assert "This is the first question." in walker.lines()


def test_edit_from_the_review_asks_that_field_and_returns() -> None:
    walker = reviewed_jilin("en")
    walker.edit("wages")
    assert walker.state.editing
    walker.type("4,000")
    walker.keep_rest()
    assert "Household income per month: CN¥4,600.00" in walker.lines()
    assert walker.state.answers["wages"] == "4000.00"


def test_an_edit_that_makes_a_question_relevant_asks_it_before_the_review() -> None:
    walker = reviewed_jilin()
    walker.edit("homes_owned")
    walker.type("2")
    assert walker.state.cursor == "housing_area_m2"
    walker.type("130")
    walker.keep_rest()
    walker.edit("homes_owned")
    walker.type("1")
    assert "housing_area_m2" not in walker.state.answers
    assert walker.state.cursor == "owns_shop_or_employs"


def test_group_done_checks_the_household_size_and_offers_the_fix() -> None:
    walker = past_the_id()
    for answer in ("Finance", "clerk", "13904311234", "3", "Wang Qiang", "40", "husband", "none"):
        walker.type(answer)
    walker.press("r:done:family_members")
    assert walker.state.phase is Phase.GROUP_MENU
    assert walker.lines()[0] == (
        "⚠️ “People in the household” is 3, so the number of entries in “Other family members” "
        "should be 2, not 1. Add or remove entries, or correct “People in the household”."
    )
    walker.press("r:edit:household_size")
    walker.type("2")
    assert walker.state.phase is Phase.GROUP_MENU
    walker.press("r:done:family_members")
    assert walker.state.cursor == "wages"
    assert len(walker.state.answers["family_members"]) == 1


def test_a_household_of_one_is_not_asked_for_family_members() -> None:
    walker = Walker.of("jilin-2020")
    walker.type("张丽")
    walker.press("r:agree")
    walker.type("220102198503150023")
    walker.press("r:ok:resident_id")
    for answer in ("财政厅", "科员", "13904311234", "1"):
        walker.type(answer)
    assert walker.state.cursor == "wages"
    assert walker.lines()[0] == "第 7 题，共 25–29 题"  # no family members now


def test_group_entries_can_be_removed_and_back_steps_inside_an_entry() -> None:
    walker = reviewed_jilin()
    walker.edit("family_members")
    walker.press("r:rm:family_members:2")
    walker.press("r:add:family_members")
    walker.type("王小")
    walker.press("r:back:family_members")
    assert walker.state.sub == "name" and walker.state.item == {"name": "王小"}
    walker.press("r:keep:family_members")
    for answer in ("13", "女儿", "学生"):
        walker.type(answer)
    walker.press("r:done:family_members")
    walker.keep_rest()
    assert walker.state.answers["family_members"][1]["age"] == 13


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("220102198503150024", "⚠️ 最后一位校验码与前面的数字不符，请逐位核对。"),
        ("22010219850315002", "⚠️ 身份证号码应为18位，您发送的是17位。"),
        ("2201021985031500231", "⚠️ 身份证号码应为18位，您发送的是19位。"),
        ("220102198502300023", "⚠️ 第7至14位应是真实的出生日期（年月日）。"),
        ("", "⚠️ 消息是空的。"),
    ],
)
def test_a_refused_id_says_why_shows_the_example_and_asks_again(typed: str, problem: str) -> None:
    walker = Walker.of("jilin-2020")
    walker.type("张丽")
    walker.press("r:agree")
    before = walker.state
    walker.type(typed)
    assert walker.state == before
    assert walker.lines()[0] == problem
    assert "示例：220102198503150023" in walker.lines()


def test_a_sticker_where_text_is_expected_is_refused_kindly() -> None:
    walker = Walker.of("jilin-2020", "en")
    walker.send(Unsupported("sticker"))
    assert walker.lines()[0].startswith("⚠️ This kind of message cannot be read here")
    assert walker.state.answers == {}


def test_a_151_character_reason_is_refused() -> None:
    walker = reviewed_jilin("en")
    walker.edit("hardship_reason")
    walker.type("困" * 151)
    assert walker.lines()[0] == "⚠️ This is 151 characters long; at most 150 fit."
    assert walker.state.phase is Phase.ANSWERING


def test_a_button_of_an_earlier_question_does_not_answer_this_one() -> None:
    walker = reviewed_jilin("en")
    walker.edit("owns_shop_or_employs")
    walker.send(ButtonPressed("r:c:children_private_school_or_abroad:y"))
    assert walker.state.cursor == "owns_shop_or_employs"
    assert walker.lines()[0].startswith("That button belongs to an earlier question")


def test_skip_is_offered_only_for_optional_questions() -> None:
    walker = Walker.of("henan-2017", "en")
    walk_henan(walker)
    walker.edit("doc_diagnosis")
    assert "r:skip:doc_diagnosis" in walker.buttons()
    walker.press("r:skip:doc_diagnosis")
    walker.edit("name")
    assert not any(data.startswith("r:skip") for data in walker.buttons())


def test_a_correction_round_asks_only_the_flagged_fields_then_reviews() -> None:
    walker = reviewed_jilin("en")
    walker.press("r:submit")
    walker.press("r:confirm")
    walker.state = start_correction(walker.state, ("phone", "bank_card"))
    walker.send(Resume())
    assert walker.state.cursor == "phone"
    assert "Question 1 of 2" in walker.lines()
    walker.press("r:keep:phone")
    walker.type("6214833712345670")
    assert walker.state.phase is Phase.REVIEW
    # Only the sections of the flagged answers, and in them only those answers.
    assert [data for data in walker.buttons() if data.startswith("r:sec")] == [
        "r:sec:work_contact",
        "r:sec:payment",
    ]
    walker.press("r:sec:work_contact")
    assert walker.state.cursor == "phone"
    walker.press("r:keep:phone")
    assert walker.state.phase is Phase.REVIEW
    walker.press("r:submit")
    walker.press("r:confirm")
    assert walker.state.phase is Phase.SUBMITTED and walker.state.only is None


def test_without_consent_no_sensitive_question_is_asked() -> None:
    walker = Walker.of("jilin-2020", "en")
    walker.type("Zhang Li")
    walker.press("r:decline")
    assert ConsentDeclined() in walker.effects
    walker.type("220102198503150023")
    assert walker.state.phase is Phase.DECLINED and "resident_id" not in walker.state.answers
    walker.send(Resume())
    walker.press("r:agree")
    assert walker.state.cursor == "resident_id" and walker.state.consent


def test_a_duplicate_id_is_refused_without_saying_whose_it_is() -> None:
    walker = Walker.of("jilin-2020", "en")
    walker.type("Zhang Li")
    walker.press("r:agree")
    before = walker.state
    walker.type("220102198503150023")
    walker.state = before  # the bot found the number taken and keeps the old state
    walker.send(DuplicateFound("resident_id"))
    assert walker.lines()[0].startswith("A registration already exists for this number")
    assert walker.state.cursor == "resident_id" and "resident_id" not in walker.state.answers


def test_pause_keeps_everything_and_resume_shows_where_one_stopped() -> None:
    walker = Walker.of("jilin-2020", "en")
    walker.type("Zhang Li")
    before = walker.state
    walker.send(Pause())
    assert walker.last.effects == (Paused(),) and walker.state == before
    walker.send(Resume())
    assert walker.lines()[0] == "Welcome back! Let us continue where you stopped."


def test_deleting_a_draft_asks_first() -> None:
    walker = reviewed_jilin("en")
    walker.press("r:delete")
    walker.press("r:delno")
    assert walker.state.phase is Phase.REVIEW
    walker.press("r:delete")
    walker.press("r:delok")
    assert DeleteConfirmed() in walker.effects
    assert walker.state.answers == {}


@pytest.mark.parametrize(
    ("said", "accepted"),
    [
        ("对", True),
        ("正确", True),
        ("yes", True),
        ("ok", True),
        ("好的", True),
        ("不对", False),
        ("no", False),
    ],
)
def test_the_id_read_back_can_be_answered_in_words(said: str, accepted: bool) -> None:
    walker = at_the_read_back()
    assert walker.state.phase is Phase.CONFIRMING
    walker.type(said)
    if accepted:
        assert walker.state.answers["resident_id"] == "220102198503150023"
        assert walker.state.cursor == "work_unit"
    else:
        assert "resident_id" not in walker.state.answers
        assert walker.lines()[0] == "Please send the number again."
        assert walker.state.cursor == "resident_id" and walker.state.phase is Phase.ANSWERING


def test_a_new_number_typed_at_the_read_back_replaces_the_first() -> None:
    walker = at_the_read_back()
    walker.type("220102198006120026")
    assert walker.state.phase is Phase.CONFIRMING
    assert walker.state.pending == "220102198006120026"


@pytest.mark.parametrize("said", ["完成", "done", "Done ✔"])
def test_typing_done_finishes_a_several_choices_question(said: str) -> None:
    walker = reviewed_jilin("en")
    walker.edit("hardship_types")
    walker.type("Low income")
    walker.type(said)
    assert walker.state.cursor == "causes"
    walker.keep_rest()
    ticked = walker.state.answers["hardship_types"]
    assert isinstance(ticked, list) and "low_income" in ticked and len(ticked) == 3


@pytest.mark.parametrize("said", ["返回", "上一题", "back", "◀ Back"])
def test_typing_back_goes_back_rather_than_answering(said: str) -> None:
    walker = past_the_id()
    walker.type(said)
    assert walker.state.cursor == "resident_id"
    assert "work_unit" not in walker.state.answers


def test_words_at_the_consent_screen_ask_for_the_buttons() -> None:
    walker = Walker.of("jilin-2020", "en")
    walker.type("Zhang Li")
    walker.type("yes")
    assert walker.lines()[0] == "Please choose one of the buttons below."
    assert walker.state.phase is Phase.CONSENT and not walker.state.consent


@pytest.mark.parametrize("said", ["保持不变", "keep", "Keep ✓"])
def test_typing_keep_keeps_the_answer(said: str) -> None:
    walker = past_the_id()
    walker.press("r:back:work_unit")
    walker.type(said)
    assert walker.state.answers["resident_id"] == "220102198503150023"
    assert walker.state.cursor == "work_unit"


def test_a_long_number_typed_where_none_is_asked_leaves_the_chat() -> None:
    walker = Walker.of("jilin-2020", "en")
    walker.type("Zhang Li")
    walker.type("2201 0219 8503 1500 23")  # at the consent screen
    assert isinstance(walker.last.effects[0], SensitiveInputRead)
    assert walker.state.phase is Phase.CONSENT and walker.state.answers == {"name": "Zhang Li"}


def test_typing_done_closes_the_list_of_family_members() -> None:
    walker = past_the_id()
    for answer in ("Finance", "clerk", "13904311234", "2", "Wang Qiang", "40", "husband", "none"):
        walker.type(answer)
    assert walker.state.phase is Phase.GROUP_MENU
    walker.type("完成")
    assert walker.state.cursor == "wages"
    assert len(walker.state.answers["family_members"]) == 1  # type: ignore[arg-type]


def test_a_single_mother_who_lists_a_husband_is_asked_to_correct_one() -> None:
    walker = reviewed_jilin("en")
    members = list(walker.state.answers["family_members"])  # type: ignore[arg-type]
    members[0] = {**members[0], "relationship": "husband"}
    walker.state = walker.state.but(answers={**walker.state.answers, "family_members": members})
    walker.press("r:submit")
    assert walker.state.phase is Phase.REVIEW
    assert walker.lines()[:2] == [
        "Please correct this before submitting:",
        "⚠️ “Single-parent female worker” is chosen in “Kind of hardship (choose all that "
        "apply)”, but “Other family members” lists 王强 as “husband”. Please correct one of them.",
    ]


def test_words_at_the_submit_and_delete_prompts_ask_for_the_buttons() -> None:
    walker = reviewed_jilin("en")
    walker.press("r:submit")
    walker.type("确认")
    assert walker.state.phase is Phase.SUBMITTING
    assert walker.lines()[0] == "Please choose one of the buttons below."
    walker.press("r:review")
    walker.press("r:delete")
    walker.type("不")
    assert walker.state.phase is Phase.DELETING
    assert walker.lines()[0] == "Please choose one of the buttons below."
