"""The review by section: the answers under each section's heading, one Edit per section that
walks its questions one by one (Keep or a new answer), then the review again."""

from __future__ import annotations

from flows.registration import Back, ButtonPressed, Phase
from tests.flows.registration.test_complete import PHOTO, walk_henan
from tests.flows.registration.test_navigation import reviewed_jilin
from tests.flows.registration.walker import Walker

JILIN_SECTIONS = [
    "identity",
    "work_contact",
    "household_income",
    "payment",
    "hardship",
    "property",
    "documents",
]


def test_the_review_shows_each_section_under_its_heading_with_one_edit() -> None:
    walker = reviewed_jilin("en")
    lines = walker.lines()
    headings = [line for line in lines if line.startswith("— ")]
    assert headings == [
        "— Identity —",
        "— Work and contact —",
        "— Household and income —",
        "— Aid payment —",
        "— Hardship —",
        "— Property and exclusions —",
        "— Documents —",
    ]
    # The address is asked late but read with the contact details; the totals with the income.
    contact = lines.index("— Work and contact —")
    assert lines[contact + 1 : contact + 6] == [
        "Work unit: 吉林省财政厅",
        "Position: 科员",
        "Phone number: 139****1234",
        "Current home address: 长春市朝阳区人民大街1号",
        "",
    ]
    income = lines.index("— Household and income —")
    assert lines.index("Disposable income per person per month: CN¥1,150.00") < lines.index(
        "— Aid payment —"
    )
    assert lines[income + 1] == "People in the household: 3"
    assert walker.buttons() == [
        *(f"r:sec:{section}" for section in JILIN_SECTIONS),
        "r:submit",
        "r:delete",
    ]
    assert walker.labels()[:2] == ["✏️ Edit Identity", "✏️ Edit Work and contact"]
    assert walker.lines()[-1] == "To change answers, press their section's Edit button."


def test_chinese_headings_and_buttons() -> None:
    walker = reviewed_jilin("zh_CN")
    assert "【家庭人口与收入】" in walker.lines()
    assert walker.labels()[2] == "✏️ 修改家庭人口与收入"


def test_editing_a_section_walks_its_questions_with_keep_then_reviews() -> None:
    walker = Walker.of("henan-2017", "en")
    walk_henan(walker)
    walker.press("r:sec:identity")
    asked = []
    while walker.state.phase is not Phase.REVIEW:
        asked.append(walker.state.cursor)
        assert any(line.startswith("Current answer: ") for line in walker.lines())
        assert f"r:keep:{walker.state.cursor}" in walker.buttons()
        if walker.state.cursor == "name":
            walker.type("李芳芳")
        else:
            walker.keep()
    assert asked == ["name", "resident_id", "ethnicity"]
    assert walker.state.answers["name"] == "李芳芳"
    assert walker.state.section is None and not walker.state.editing
    assert "Name: 李芳芳" in walker.lines()


def test_back_in_a_section_goes_to_its_previous_question_then_the_review() -> None:
    walker = reviewed_jilin("en")
    walker.press("r:sec:work_contact")
    walker.keep()
    walker.keep()
    walker.keep()
    assert walker.state.cursor == "address"  # the section's next question, not the form's
    walker.send(Back())
    assert walker.state.cursor == "phone"
    walker.press("r:back:phone")
    walker.press("r:back:position")
    assert walker.state.cursor == "work_unit"
    walker.press("r:back:work_unit")
    assert walker.state.phase is Phase.REVIEW and walker.state.section is None


def test_a_question_an_edit_makes_relevant_elsewhere_is_asked_after_the_section() -> None:
    walker = reviewed_jilin("en")
    walker.press("r:sec:hardship")
    walker.keep()  # the kinds of hardship
    walker.press("r:t:causes:disability")
    walker.press("r:done:causes")
    walker.keep()  # the reason
    walker.keep()  # the minimum living allowance
    assert walker.state.cursor == "doc_disability"
    walker.send(PHOTO)
    assert walker.state.phase is Phase.REVIEW
    assert "Disability certificate: Photo received" in walker.lines()


def test_a_section_skips_what_the_answers_make_irrelevant() -> None:
    walker = reviewed_jilin("en")
    walker.press("r:sec:property")
    asked = []
    while walker.state.phase is not Phase.REVIEW:
        asked.append(walker.state.cursor)
        walker.keep()
    assert asked == [  # one home: the living area is not asked
        "homes_owned",
        "owns_shop_or_employs",
        "children_private_school_or_abroad",
        "uses_ships_or_machinery",
    ]


def test_a_review_button_of_a_section_the_form_lacks_changes_nothing() -> None:
    walker = reviewed_jilin("en")
    before = walker.state
    walker.send(ButtonPressed("r:sec:nowhere"))
    assert walker.state == before
    assert walker.lines()[0].startswith("To change answers press their section's Edit")
