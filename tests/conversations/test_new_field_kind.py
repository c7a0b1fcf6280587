"""A field kind defined outside ``flows``: one module registers it, a form uses it, and the real
application asks it, refuses a bad answer with its message, stores a good one and shows it.

This is what "Adding a field kind" in the README promises: one module and its tests.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import ClassVar, Final, Literal

import pytest
from sqlalchemy import update

import flows.forms.loading
from bot.context import Services
from bot.standin.running import StandInBot
from flows.forms import load_form
from flows.forms.kinds import Field, field_of, register
from flows.forms.parsing import InvalidAnswer
from flows.forms.parsing.normalize import compact
from flows.i18n import N_, Message
from storage.models import Campaign
from tests.auxil.scenario import WORKER, seed
from tests.conversations.registration import PHONE_LANGUAGE
from tests.conversations.test_registration import answers_in_database

_SIX_DIGITS: Final = re.compile(r"\d{6}")


@register
class PostcodeField(Field):
    """A Chinese postal code: six digits, shown as typed."""

    type: Literal["postcode"]

    problem_codes: ClassVar = frozenset({"empty", "format"})

    def read(self, text: str, today: dt.date) -> object:
        """The six digits (spaces dropped, full-width digits folded)."""
        code = compact(text)
        if not _SIX_DIGITS.fullmatch(code):
            raise InvalidAnswer("format", Message(N_("A postcode has six digits.")))
        return code


FORM_ID: Final = "postcode-test"
FORM: Final = """\
id: postcode-test
title: {zh_CN: 邮编登记, en: Postcode registration}
sections:
  - id: address
    label: {zh_CN: 地址, en: Address}
fields:
  - id: city
    type: text
    max_length: 20
    section: address
    label: {zh_CN: 城市, en: City}
  - id: postcode
    type: postcode
    section: address
    label: {zh_CN: 邮政编码, en: Postcode}
    example: {zh_CN: "130000", en: "130000"}
    errors:
      format: {zh_CN: 邮政编码是6位数字。, en: A postcode is six digits.}
"""

ASKED = {
    "zh_CN": "第 2 题，共 2 题\n邮政编码\n示例：130000",
    "en": "Question 2 of 2\nPostcode\nExample: 130000",
}
REFUSED = {
    "zh_CN": "⚠️ 邮政编码是6位数字。\n" + ASKED["zh_CN"],
    "en": "⚠️ A postcode is six digits.\n" + ASKED["en"],
}
ON_REVIEW = {"zh_CN": "邮政编码：130022", "en": "Postcode: 130022"}


@pytest.fixture
def forms_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A forms folder holding the test form, in place of the shipped one."""
    folder = tmp_path / "forms"
    (folder / FORM_ID).mkdir(parents=True)
    (folder / FORM_ID / "form.yaml").write_text(FORM, encoding="utf-8")
    monkeypatch.setattr(flows.forms.loading, "FORMS_DIR", folder)
    return folder


def test_the_form_loads_with_the_new_kind(forms_dir: Path) -> None:
    field = load_form(FORM_ID).field("postcode")
    assert isinstance(field, PostcodeField)
    assert field.parse("１３００２２", dt.date(2019, 12, 20)) == "130022"
    assert not field.is_sensitive


def test_the_new_kind_takes_only_its_own_parameters() -> None:
    data = {"id": "postcode", "type": "postcode", "label": {"zh_CN": "邮编", "en": "Postcode"}}
    with pytest.raises(ValueError, match="max_length not allowed for type postcode"):
        field_of({**data, "max_length": 6})


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_a_kind_defined_in_a_test_is_asked_refused_stored_and_shown(
    forms_dir: Path, services: Services, standin: StandInBot, locale: str
) -> None:
    await seed(services)
    async with services.sessions() as session, session.begin():
        await session.execute(update(Campaign).values(form_id=FORM_ID))
    worker = standin.user(WORKER, "张丽", PHONE_LANGUAGE[locale])
    await worker.send("/register")
    await worker.send("长春")
    assert worker.last.text == ASKED[locale]
    await worker.send("13002")
    assert worker.last.text == REFUSED[locale]
    assert "postcode" not in await answers_in_database(services)
    await worker.send("130 022")
    assert (await answers_in_database(services))["postcode"] == "130022"
    assert ON_REVIEW[locale] in worker.last.text.splitlines()
