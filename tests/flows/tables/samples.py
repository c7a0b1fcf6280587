"""Registrations and export contexts shared by the export tests, as storage would give them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flows.tables import ExportContext, ExportRecord

HENAN_CONTEXT = ExportContext(
    unit_name="河南省交通运输厅工会",
    contact_person="叶强",
    contact_phone="65902430",
    issued=dt.date(2016, 12, 13),
    as_of=dt.date(2017, 1, 10),
    full_numbers=True,
)
HENAN_MASKED = ExportContext(
    unit_name=HENAN_CONTEXT.unit_name,
    contact_person=HENAN_CONTEXT.contact_person,
    contact_phone=HENAN_CONTEXT.contact_phone,
    issued=HENAN_CONTEXT.issued,
    as_of=HENAN_CONTEXT.as_of,
    full_numbers=False,
)
JILIN_CONTEXT = ExportContext(
    unit_name="吉林省财政厅机关工会",
    contact_person="焦刚",
    contact_phone="0431-82701100",
    issued=dt.date(2019, 12, 20),
    as_of=dt.date(2019, 12, 28),
    full_numbers=True,
)

# A single mother born 10 Jan 1980: 37 on the Henan campaign's date, her birthday that day.
MOTHER = ExportRecord(
    record_id=1,
    answers={
        "name": "王芳",
        "resident_id": "41010519800110002X",
        "sex": "female",
        "birth_date": "1980-01-10",
        "ethnicity": "回族",
        "work_unit": "河南省交通运输厅",
        "position": "科员",
        "phone": "+8613812345678",
        "household_size": 2,
        "own_income": "1100.00",
        "address": "郑州市金水区经三路12号",
        "bank_card": "6231880012345678901",
        "hardship_types": ["single_mother", "low_income"],
        "hardship_reason": "独自抚养女儿，女儿患病常年治疗。",
        "single_mother": True,
        "family_members": [
            {"name": "李小雨", "age": 9, "relationship": "女儿", "work_unit_position": "学生"}
        ],
    },
    computed={
        "household_total_income": Decimal("1100.00"),
        "household_disposable_income": Decimal("1000.00"),
        "per_capita_income": Decimal("500.00"),
    },
    unit_name="河南省交通运输厅",
    state="approved",
    aid_amount=Decimal("1500.00"),
    submitted_at=dt.datetime(2016, 12, 20, 9, 30, tzinfo=dt.UTC),
)

# A man with no birth date answer (age from the ID: born 11 Jan 1960, so 56 on 10 Jan 2017),
# no work unit (the Henan summary shows his address), a landline, and no aid amount yet.
RETIREE = ExportRecord(
    record_id=2,
    answers={
        "name": "张建国",
        "resident_id": "220104196001110035",
        "sex": "male",
        "ethnicity": "汉族",
        "phone": "+8643182701100",
        "household_size": 4,
        "address": "长春市朝阳区西安大路100号",
        "bank_card": "6222020700012345678",
        "hardship_types": ["serious_illness"],
        "hardship_reason": "=本人患重病住院",
        "single_mother": False,
    },
    computed={"household_total_income": Decimal("2400.50")},
    unit_name="吉林省财政厅",
    state="approved",
    aid_amount=None,
    submitted_at=None,
    remarks="党组织未救助",
)
