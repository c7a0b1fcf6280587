"""Consent to the processing of sensitive personal information (《个人信息保护法》第二十九条),
asked on a screen of its own before the first sensitive question.

The consent is the worker's own. A union officer entering a registration for a worker does not
consent for them: the officer is asked to confirm that the worker has agreed.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.forms.texts import Text
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.screens import Button, Screen

WHY = N_("Why: only for this campaign's eligibility review and the payment of the aid.")
HOW_LONG = N_(
    "How long: until the campaign's records are archived. The numbers are stored encrypted and "
    "shown masked."
)


@dataclass(frozen=True)
class _Wording:
    """The consent screens' texts, for one audience."""

    title: str
    preamble: tuple[str, ...]
    what: str
    who: str
    withdraw: str
    agree: str
    decline: str
    declined: str
    way_back: str
    agree_after_all: str


_WORKER = _Wording(
    title=N_("Before the next question: your consent to sensitive personal information"),
    preamble=(),
    what=N_(
        "What: your resident ID number, bank card number and phone number, your household's "
        "income and members, and the documents you send."
    ),
    who=N_("Who sees it: the union officers of your unit and of the levels above it."),
    withdraw=N_(
        "You may withdraw your consent at any time by telling your union officer or by deleting "
        "your draft."
    ),
    agree=N_("✅ I agree"),
    decline=N_("✖ I do not agree"),
    declined=N_(
        "Understood. Without your consent I will not ask for your ID, bank card or phone number, "
        "and a registration without them cannot be submitted."
    ),
    way_back=N_(
        "Your other answers are kept. If you change your mind, press the button or send "
        "/register; you can also ask your union officer to help."
    ),
    agree_after_all=N_("✅ I agree after all"),
)

_OFFICER = _Wording(
    title=N_("Before the next question: the worker's consent to sensitive personal information"),
    preamble=(
        N_(
            "The law asks for the worker's own, separate consent. Go on only if the worker has "
            "agreed to what follows."
        ),
    ),
    what=N_(
        "What: the worker's resident ID number, bank card number and phone number, the "
        "household's income and members, and the documents you send."
    ),
    who=N_("Who sees it: the union officers of the worker's unit and of the levels above it."),
    withdraw=N_(
        "The worker may withdraw their consent at any time by telling you or another union officer."
    ),
    agree=N_("✅ The worker has agreed"),
    decline=N_("✖ Not yet"),
    declined=N_(
        "Understood. Without the worker's consent I will not ask for their ID, bank card or phone "
        "number, and a registration without them cannot be submitted."
    ),
    way_back=N_(
        "The other answers are kept. Once the worker has agreed, press the button or send /enter."
    ),
    agree_after_all=N_("✅ The worker has agreed now"),
)


def _wording(on_behalf: bool) -> _Wording:
    return _OFFICER if on_behalf else _WORKER


def consent_screen(on_behalf: bool, notes: tuple[Text, ...] = ()) -> Screen:
    """What is collected, why, who sees it, for how long; Agree or Decline.

    ``on_behalf``: an officer is entering the registration and confirms the worker's consent.
    """
    wording = _wording(on_behalf)
    return Screen(
        (
            *notes,
            Message(wording.title),
            *(Message(line) for line in wording.preamble),
            Message(wording.what),
            Message(WHY),
            Message(wording.who),
            Message(HOW_LONG),
            Message(wording.withdraw),
        ),
        (
            (
                Button(Message(wording.agree), callbacks.data(callbacks.AGREE)),
                Button(Message(wording.decline), callbacks.data(callbacks.DECLINE)),
            ),
        ),
    )


def declined_screen(on_behalf: bool) -> Screen:
    """What happens without consent, and the way back."""
    wording = _wording(on_behalf)
    return Screen(
        (Message(wording.declined), Message(wording.way_back)),
        ((Button(Message(wording.agree_after_all), callbacks.data(callbacks.AGREE)),),),
    )
