"""Phone numbers: a mainland mobile, or a landline with its area code (0431-82701100).

Read with ``phonenumbers`` for region CN; canonical form E.164 (``+8613812345678``).
"""

from __future__ import annotations

from typing import Final

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

from flows.forms.parsing.normalize import compact, has_emoji, require_content
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, Message

PROBLEMS: Final = frozenset({"empty", "invalid", "area_code", "not_mainland"})
_ACCEPTED: Final = frozenset(
    {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
)
_LOCAL_LENGTHS: Final = range(7, 9)


def parse_phone(text: str) -> str:
    """The number in E.164, if it is a mainland mobile or landline number."""
    require_content(text)
    kept = compact(text, "-", "(", ")", "（", "）")
    if has_emoji(kept):
        raise _invalid()
    if kept.isdigit() and kept.startswith("86") and len(kept) == 13:
        kept = "+" + kept  # a shared contact's number comes without its plus sign
    try:
        number = phonenumbers.parse(kept, "CN")
    except NumberParseException as error:
        raise _invalid() from error
    if number.country_code != 86:
        raise InvalidAnswer(
            "not_mainland", Message(N_("Please give a mainland China number (+86)."))
        )
    if not phonenumbers.is_valid_number(number):
        if kept.isdigit() and len(kept) in _LOCAL_LENGTHS and not kept.startswith("1"):
            raise InvalidAnswer(
                "area_code", Message(N_("A landline number needs its area code, like 0431."))
            )
        raise _invalid()
    if phonenumbers.number_type(number) not in _ACCEPTED:
        raise _invalid()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national(e164: str) -> str:
    """The number as dialled at home, digits only: ``13812345678``, ``043182701100``."""
    return national_spaced(e164).replace(" ", "")


def printed(e164: str) -> str:
    """The number as printed on a Chinese form: ``0431-82701100``, ``13904311234``."""
    area, _, rest = national_spaced(e164).partition(" ")
    if not area.startswith("0"):
        return national(e164)
    return f"{area}-{rest.replace(' ', '')}"


def national_spaced(e164: str) -> str:
    """The national format with the library's spacing: ``0431 8270 1100``."""
    number = phonenumbers.parse(e164, "CN")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _invalid() -> InvalidAnswer:
    return InvalidAnswer(
        "invalid",
        Message(
            N_(
                "This is neither a valid mobile number (11 digits, starting with 1) nor a "
                "landline with its area code."
            )
        ),
    )
