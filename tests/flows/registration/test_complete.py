"""Complete registrations of both notices' forms, in Chinese and in English, through step()."""

from __future__ import annotations

import pytest

from flows.registration import (
    AnswerAccepted,
    ConsentGiven,
    FileRef,
    FileSent,
    Phase,
    SensitiveInputRead,
    SubmitConfirmed,
    SubmitRequested,
    UniqueCheck,
)
from tests.flows.registration.walker import Walker

PHOTO = FileSent(FileRef(file_id="p1", file_unique_id="u1", kind="photo", file_size=200_000))
PDF = FileSent(
    FileRef(
        file_id="d1",
        file_unique_id="u2",
        kind="document",
        mime_type="application/pdf",
        file_size=500_000,
        file_name="诊断.pdf",
    )
)
TEXTS = {
    "zh_CN": {
        "q1": "第 1 题，共 25–30 题",
        "id_says": ["性别：女", "出生日期：1985年3月15日", "年龄：34"],
        "review": "请核对您填写的内容：",
        "per_capita": "家庭月人均可支配收入：¥1,150.00",
        "masked_id": "身份证号码：2201**********0023",
    },
    "en": {
        "q1": "Question 1 of 25–30",
        "id_says": ["Sex: Female", "Date of birth: March 15, 1985", "Age: 34"],
        "review": "Please check your answers:",
        "per_capita": "Disposable income per person per month: CN¥1,150.00",
        "masked_id": "Resident ID number: 2201**********0023",
    },
}


def walk_jilin(walker: Walker) -> None:
    walker.type("张丽")
    walker.press("r:agree")
    walker.type("2201 0219 8503 1500 23")
    walker.press("r:ok:resident_id")
    for answer in ("吉林省财政厅", "科员", "139 0431 1234", "３"):
        walker.type(answer)
    for answer in ("王强", "65", "父亲", "长春市第一汽车厂 退休"):
        walker.type(answer)
    walker.press("r:add:family_members")
    for answer in ("王小", "12", "女儿", "学生"):
        walker.type(answer)
    walker.press("r:done:family_members")
    for answer in ("3,200", "0", "0", "600元", "0", "350", "8", "1500", "长春市朝阳区人民大街1号"):
        walker.type(answer)
    walker.type("6222 0242 0012 3456 784")
    walker.press("r:t:hardship_types:serious_illness")
    walker.press("r:t:hardship_types:single_mother")
    walker.press("r:done:hardship_types")
    walker.press("r:t:causes:schooling")
    walker.press("r:done:causes")
    walker.type("爱人患尿毒症长期透析，女儿上初中，家庭收入低。")
    walker.press("r:c:receives_minimum_living:y")
    walker.type("1")
    for question in ("owns_shop_or_employs", "children_private_school_or_abroad"):
        walker.press(f"r:c:{question}:n")
    walker.press("r:c:uses_ships_or_machinery:n")
    walker.send(PHOTO)
    walker.send(PHOTO)
    walker.send(PDF)
    walker.press("r:done:doc_diagnosis")


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_a_complete_jilin_registration(locale: str) -> None:
    texts = TEXTS[locale]
    walker = Walker.of("jilin-2020", locale)
    assert walker.lines()[1] == texts["q1"]
    walk_jilin(walker)
    assert walker.state.phase is Phase.REVIEW
    assert texts["review"] in walker.lines()
    assert texts["masked_id"] in walker.lines()
    assert texts["per_capita"] in walker.lines()
    assert "220102198503150023" not in walker.text()
    walker.press("r:submit")
    assert SubmitRequested() in walker.last.effects
    assert walker.buttons() == ["r:confirm", "r:review"]
    walker.press("r:confirm")
    assert walker.last.effects == (SubmitConfirmed(),)
    answers = walker.state.answers
    assert answers["resident_id"] == "220102198503150023"
    assert (answers["sex"], answers["birth_date"], answers["age"]) == ("female", "1985-03-15", 34)
    assert answers["phone"] == "+8613904311234"
    assert answers["household_size"] == 3
    assert answers["family_members"] == [
        {
            "name": "王强",
            "age": 65,
            "relationship": "父亲",
            "work_unit_position": "长春市第一汽车厂 退休",
        },
        {"name": "王小", "age": 12, "relationship": "女儿", "work_unit_position": "学生"},
    ]
    assert answers["wages"] == "3200.00"
    assert answers["hardship_types"] == ["single_mother", "serious_illness"]
    assert answers["doc_minimum_living"] == PHOTO.file.model_dump(mode="json") | {
        "mime_type": "image/jpeg"
    }
    assert answers["doc_diagnosis"] == [PDF.file.model_dump(mode="json")]
    assert "housing_area_m2" not in answers
    assert ConsentGiven() in walker.effects
    assert UniqueCheck("resident_id", "220102198503150023") in walker.effects
    assert sum(isinstance(effect, SensitiveInputRead) for effect in walker.effects) == 3


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_the_id_is_confirmed_with_what_it_says(locale: str) -> None:
    walker = Walker.of("jilin-2020", locale)
    walker.type("张丽")
    walker.press("r:agree")
    walker.type("220102198503150023")
    for line in TEXTS[locale]["id_says"]:
        assert line in walker.lines()
    assert walker.buttons() == ["r:ok:resident_id", "r:redo:resident_id"]
    walker.press("r:redo:resident_id")
    assert walker.state.phase is Phase.ANSWERING and "resident_id" not in walker.state.answers


def walk_henan(walker: Walker) -> None:
    walker.type("李芳")
    walker.press("r:agree")
    walker.type("410102198811080042")
    walker.press("r:ok:resident_id")
    walker.press("r:pg:ethnicity:1")
    walker.press("r:c:ethnicity:15")
    for answer in ("河南省交通运输厅", "0371-65902430", "郑州市金水区经三路1号", "3", "1800"):
        walker.type(answer)
    for answer in ("1,800", "0", "0", "0"):
        walker.type(answer)
    walker.press("r:t:causes:serious_illness")
    walker.press("r:done:causes")
    walker.type("本人患乳腺癌，手术及化疗费用高，孩子上大学。")
    walker.press("r:c:enterprise_restructured:n")
    walker.press("r:c:migrant_worker:n")
    walker.press("r:c:party_aided:n")
    walker.press("r:c:single_mother:y")
    walker.press("r:c:card_type:union_card")
    walker.type("6222024200123456784")
    walker.send(PHOTO)
    walker.press("r:skip:doc_diagnosis")


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_a_complete_henan_registration(locale: str) -> None:
    walker = Walker.of("henan-2017", locale)
    walk_henan(walker)
    assert walker.state.phase is Phase.REVIEW
    shown = walker.text()
    assert ("土家族" if locale == "zh_CN" else "Tujia") in shown
    assert ("家庭月人均收入：¥600.00" if locale == "zh_CN" else "CN¥600.00") in shown
    walker.press("r:submit")
    walker.press("r:confirm")
    answers = walker.state.answers
    assert answers["ethnicity"] == "土家族"
    assert answers["phone"] == "+8637165902430"
    assert answers["single_mother"] is True
    assert answers["doc_diagnosis"] is None
    assert "laid_off_couple" not in answers and "contract_months" not in answers
    assert AnswerAccepted("card_type", "union_card") in walker.effects
