"""Aid amounts: yuan as ``Decimal``, positive, at most two decimals (fen); an amount above the
policy's confirmation line, repeated in words, before it is granted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Final
from zoneinfo import ZoneInfo

from flows.access import Reason, Refusal, Refused
from flows.forms.parsing.numbers import parse_money
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, LocalizedText, Message
from flows.policy import load_policy

FEN: Final = Decimal("0.01")
# The column is Numeric(12, 2); no aid comes near it, but nothing may overflow it either.
MAX_AMOUNT: Final = Decimal("9999999999.99")


def amount_bound(policy_id: str, intake_opens: dt.datetime, zone: ZoneInfo) -> Decimal | None:
    """The campaign policy's confirmation line for aid amounts, as it stood on the day intake
    opened in the installation's ``zone`` (None: every amount is granted without a second look)."""
    amounts = load_policy(policy_id).spec.aid_amounts
    if amounts is None:
        return None
    return amounts.confirm_above_on(intake_opens.astimezone(zone).date())


def check_amount(amount: Decimal) -> Decimal:
    """The amount with two decimals, or :class:`Refused` saying what is wrong with it."""
    if not amount.is_finite():
        raise Refused(
            Refusal(Reason.AMOUNT_INVALID, Message(N_("This is not an amount I can read.")))
        )
    if amount <= 0:
        raise Refused(
            Refusal(
                Reason.AMOUNT_NOT_POSITIVE, Message(N_("The aid amount must be more than zero."))
            )
        )
    if amount != amount.quantize(FEN):
        raise Refused(
            Refusal(
                Reason.AMOUNT_TOO_PRECISE,
                Message(N_("The aid amount has at most two decimals (fen).")),
            )
        )
    if amount > MAX_AMOUNT:
        raise Refused(
            Refusal(
                Reason.AMOUNT_TOO_LARGE,
                Message(
                    N_("The aid amount is too large: at most {amount}."), {"amount": MAX_AMOUNT}
                ),
            )
        )
    return amount.quantize(FEN)


def parse_amount(text: str) -> Decimal:
    """An amount an officer typed (``800``, ``1,200.50``, ``¥800``, ``800元``), checked."""
    try:
        amount = Decimal(parse_money(text, None))
    except InvalidAnswer as problem:
        raise Refused(Refusal(Reason.AMOUNT_INVALID, problem.message)) from None
    return check_amount(amount)


def standard_amounts(amounts: Iterable[Decimal]) -> tuple[Decimal, ...]:
    """A policy's standard amounts as buttons: checked, without repeats, smallest first."""
    checked: set[Decimal] = set()
    for amount in amounts:
        try:
            checked.add(check_amount(amount))
        except Refused as refused:
            raise ValueError(f"standard amount {amount}: {refused.reason.value}") from None
    return tuple(sorted(checked))


def unconfirmed(amount: Decimal, bound: Decimal | None, confirmed: bool) -> Refused | None:
    """The refusal of an amount above ``bound`` that was not confirmed yet, or None."""
    if confirmed or bound is None or amount <= bound:
        return None
    return Refused(
        Refusal(
            Reason.AMOUNT_UNCONFIRMED,
            Message(
                N_("{amount} is more than {bound}: please confirm it."),
                {"amount": amount, "bound": bound},
            ),
        )
    )


def in_words(amount: Decimal) -> LocalizedText:
    """The amount in words: in Chinese financial capitals (大写, ``捌佰元整``) and in English
    (``eight hundred yuan``), as a cheque repeats its figures."""
    # Imported here: they take most of a second, and only an unusual grant needs them.
    import cn2an
    from num2words import num2words

    checked = check_amount(amount)
    capitals = str(cn2an.an2cn(format(checked, "f"), "rmb"))
    yuan = int(checked)
    fen = int((checked - yuan) * 100)
    english = f"{num2words(yuan, lang='en')} yuan" if yuan or not fen else ""
    if fen:
        cents = f"{num2words(fen, lang='en')} fen"
        english = f"{english} and {cents}" if english else cents
    return LocalizedText(zh_CN=capitals, en=english)
