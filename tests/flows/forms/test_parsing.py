"""Every field type with valid, invalid and edge inputs: what is accepted, what is refused, why."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from flows.forms.kinds import Field, Option, field_of
from flows.forms.parsing import InvalidAnswer
from flows.forms.parsing.files import FileRef, check_file
from flows.forms.parsing.identity import derived
from flows.i18n import LocalizedText

TODAY = dt.date(2019, 12, 20)
LABEL = LocalizedText(zh_CN="问题", en="Question")


def field(kind: str, **parameters: object) -> Field:
    return field_of({"id": "answer", "type": kind, "label": LABEL, **parameters})


def option(option_id: str, zh: str, en: str) -> Option:
    return Option(id=option_id, label=LocalizedText(zh_CN=zh, en=en))


TEXT = field("text", max_length=150)
INTEGER = field("integer", minimum=1, maximum=20)
PEOPLE = field("integer", minimum=1, maximum=20, counts="people")
AGE = field("integer", minimum=0, maximum=120, counts="years")
MONTHS = field("integer", minimum=0, maximum=600, counts="months")
MONEY = field("money", maximum=Decimal(1000000))
AREA = field("decimal", maximum=10000, counts="square_metres")
CHOICE = field("choice", options=[option("union_card", "工会会员卡", "Union member card")])
YES_NO = field("yes_no")
DATE = field("date")
RESIDENT_ID = field("resident_id")
PHONE = field("phone")
BANK_CARD = field("bank_card")
ETHNICITY = field("ethnicity")

ACCEPTED = [
    (TEXT, "  爱人患病，孩子上学。 ", "爱人患病，孩子上学。"),
    (TEXT, "困" * 150, "困" * 150),
    (INTEGER, "3", 3),
    (INTEGER, "３", 3),
    (PEOPLE, "4人", 4),
    (PEOPLE, "三口人", 3),
    (PEOPLE, "2 people", 2),
    (AGE, "45岁", 45),
    (AGE, "45 years", 45),
    (AGE, "四十五", 45),
    (AGE, "0", 0),
    (field("integer", maximum=20, counts="homes"), "无", 0),
    (INTEGER, "三", 3),
    # Issue 13: months given in years, as people say them.
    (MONTHS, "2年", 24),
    (MONTHS, "两年", 24),
    (MONTHS, "半年", 6),
    (MONTHS, "一年半", 18),
    (MONTHS, "1.5年", 18),
    (MONTHS, "2 years", 24),
    (MONTHS, "8个月", 8),
    (INTEGER, "十二", 12),
    (INTEGER, " 2 0 ", 20),
    (MONEY, "1200", "1200.00"),
    (MONEY, "1,200", "1200.00"),
    (MONEY, "1200元", "1200.00"),
    (MONEY, "￥1200", "1200.00"),
    (MONEY, "¥1200", "1200.00"),
    (MONEY, "1.2万", "12000.00"),
    (MONEY, "1万2", "12000.00"),
    (MONEY, "五百", "500.00"),
    (MONEY, "没有", "0.00"),
    (MONEY, "none", "0.00"),
    (MONEY, "一千二百元", "1200.00"),
    (MONEY, "１２００", "1200.00"),
    (MONEY, "１，２００．５", "1200.50"),
    (MONEY, "0", "0.00"),
    (MONEY, "12 00.5", "1200.50"),
    (AREA, "96.5", "96.5"),
    (AREA, "120平方米", "120"),
    (CHOICE, "工会会员卡", "union_card"),
    (CHOICE, "union member card", "union_card"),
    (CHOICE, "1", "union_card"),
    (YES_NO, "是", True),
    (YES_NO, "No", False),
    (DATE, "2019-12-28", "2019-12-28"),
    (DATE, "2019年12月8日", "2019-12-08"),
    (DATE, "20200229", "2020-02-29"),
    (DATE, "２０１９/１２/２８", "2019-12-28"),
    (RESIDENT_ID, "11010519491231002X", "11010519491231002X"),
    (RESIDENT_ID, "11010519491231002x", "11010519491231002X"),
    (RESIDENT_ID, "110105 19491231 002x", "11010519491231002X"),
    (RESIDENT_ID, "２２０１０２１９８５０３１５００２３", "220102198503150023"),
    # Born in 1980 in 南关区, whose code dates from 1983: the code is where the ID was issued.
    (RESIDENT_ID, "220102198006120026", "220102198006120026"),
    (PHONE, "13812345678", "+8613812345678"),
    (PHONE, "138 1234 5678", "+8613812345678"),
    (PHONE, "+86 138-1234-5678", "+8613812345678"),
    (PHONE, "8613812345678", "+8613812345678"),
    (PHONE, "0431-82701100", "+8643182701100"),
    (PHONE, "（0431）82701100", "+8643182701100"),
    (BANK_CARD, "6222024200123456784", "6222024200123456784"),
    (BANK_CARD, "6222 0242 0012 3456 784", "6222024200123456784"),
    (BANK_CARD, "6214833712345670", "6214833712345670"),
    (ETHNICITY, "汉", "汉族"),
    (ETHNICITY, "汉族", "汉族"),
    (ETHNICITY, "Han", "汉族"),
    (ETHNICITY, "han chinese", "汉族"),
    (ETHNICITY, "土", "土族"),
    (ETHNICITY, "土家族", "土家族"),
    (ETHNICITY, "Uyghur", "维吾尔族"),
]

REFUSED = [
    (TEXT, "", "empty"),
    (TEXT, "   ", "empty"),
    (TEXT, "困" * 151, "too_long"),
    (TEXT, "家里困难😢", "emoji"),
    # Issue 13: an ID, card or phone number inside free text would be kept and shown in full.
    (TEXT, "吉林省财政厅 220102198503150023", "long_number"),
    (TEXT, "电话 139 0431 1234", "long_number"),
    (MONTHS, "1.3年", "not_a_number"),
    (MONTHS, "2岁", "unit"),
    (INTEGER, "", "empty"),
    (INTEGER, "0", "range"),
    (INTEGER, "21", "range"),
    (INTEGER, "2.5", "not_a_number"),
    (INTEGER, "三个", "not_a_number"),
    (INTEGER, "4人", "unit"),
    (AGE, "8个月", "unit"),
    (PEOPLE, "3岁", "unit"),
    (PEOPLE, "没有", "range"),
    (AGE, "一年多", "not_a_number"),
    (INTEGER, "👍", "not_a_number"),
    (MONEY, "-5", "negative"),
    (MONEY, "12.345", "too_precise"),
    (MONEY, "1,2", "not_a_number"),
    (MONEY, "abc", "not_a_number"),
    (MONEY, "2000000", "range"),
    (AREA, "96.555", "too_precise"),
    (CHOICE, "银行卡", "unknown"),
    (YES_NO, "maybe", "unknown"),
    (YES_NO, "1", "unknown"),  # no button shows a number: a 1 is a slip
    (DATE, "2019-02-30", "no_such_day"),
    (DATE, "30 February", "not_a_date"),
    (DATE, "2019-13-01", "no_such_day"),
    (RESIDENT_ID, "", "empty"),
    (RESIDENT_ID, "11010519491231002", "length"),
    (RESIDENT_ID, "11010519491231002X1", "length"),
    (RESIDENT_ID, "11010519491231002Y", "format"),
    (RESIDENT_ID, "110105194912310021", "check_digit"),
    (RESIDENT_ID, "110105194902300020", "birth_date"),
    (RESIDENT_ID, "110105203001010011", "birth_date"),
    (RESIDENT_ID, "990105194912310023", "region"),
    # 吉林省 exists, its county 0199 does not.
    (RESIDENT_ID, "220199198503150022", "region"),
    (RESIDENT_ID, "😀", "length"),
    (PHONE, "82701100", "area_code"),
    (PHONE, "1381234567", "invalid"),
    (PHONE, "+1 202 555 0100", "not_mainland"),
    (PHONE, "phone📞", "invalid"),
    (BANK_CARD, "6222024200123456785", "check_digit"),
    (BANK_CARD, "622202420012345", "length"),
    (BANK_CARD, "62220242001234567845", "length"),
    (BANK_CARD, "6222O24200123456784", "format"),
    (ETHNICITY, "火星族", "unknown"),
]


@pytest.mark.parametrize(("question", "typed", "value"), ACCEPTED)
def test_accepted_inputs_become_canonical_values(
    question: Field, typed: str, value: object
) -> None:
    assert question.parse(typed, TODAY) == value


@pytest.mark.parametrize(("question", "typed", "code"), REFUSED)
def test_refused_inputs_say_what_is_wrong(question: Field, typed: str, code: str) -> None:
    with pytest.raises(InvalidAnswer) as refused:
        question.parse(typed, TODAY)
    assert refused.value.code == code
    assert refused.value.message.msgid


def test_the_id_tells_sex_birth_date_and_age_on_the_day() -> None:
    assert derived("11010519491231002X", TODAY) == {
        "sex": "female",
        "birth_date": "1949-12-31",
        "age": 69,
    }
    assert derived("11010519491231002X", dt.date(2019, 12, 31))["age"] == 70
    assert derived("220102199001010017", TODAY)["sex"] == "male"


PHOTO = FileRef(file_id="f", file_unique_id="u", kind="photo", file_size=300_000)
FILES_ACCEPTED = [
    (PHOTO, ("photo", "document")),
    (PHOTO.model_copy(update={"kind": "document", "mime_type": "application/pdf"}), ("document",)),
    (PHOTO.model_copy(update={"kind": "document", "mime_type": "image/png"}), ("document",)),
    (PHOTO.model_copy(update={"file_size": 20 * 1024 * 1024}), ("photo",)),
]
FILES_REFUSED = [
    (PHOTO, ("document",), "kind"),
    (
        PHOTO.model_copy(update={"kind": "document", "mime_type": "application/zip"}),
        ("document",),
        "type",
    ),
    (PHOTO.model_copy(update={"kind": "document", "mime_type": None}), ("document",), "type"),
    (PHOTO.model_copy(update={"file_size": 20 * 1024 * 1024 + 1}), ("photo",), "size"),
]


@pytest.mark.parametrize(("file", "accept"), FILES_ACCEPTED)
def test_files_of_the_right_kind_and_size_are_kept_with_their_metadata(
    file: FileRef, accept: tuple[str, ...]
) -> None:
    value = check_file(file, accept)
    assert value["file_id"] == "f"
    assert value["mime_type"] in {"image/jpeg", "image/png", "application/pdf"}


@pytest.mark.parametrize(("file", "accept", "code"), FILES_REFUSED)
def test_files_of_the_wrong_kind_or_size_are_refused(
    file: FileRef, accept: tuple[str, ...], code: str
) -> None:
    with pytest.raises(InvalidAnswer) as refused:
        check_file(file, accept)
    assert refused.value.code == code
