"""Consent to the processing of sensitive personal information (《个人信息保护法》第二十九条),
asked on a screen of its own before the first sensitive question."""

from __future__ import annotations

from flows.forms.texts import Text
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.screens import Button, Screen


def consent_screen(notes: tuple[Text, ...] = ()) -> Screen:
    """What is collected, why, who sees it, for how long; Agree or Decline."""
    return Screen(
        (
            *notes,
            Message(N_("Before the next question: your consent to sensitive personal information")),
            Message(
                N_(
                    "What: your resident ID number, bank card number and phone number, your "
                    "household's income and members, and the documents you send."
                )
            ),
            Message(
                N_("Why: only for this campaign's eligibility review and the payment of the aid.")
            ),
            Message(N_("Who sees it: the union officers of your unit and of the levels above it.")),
            Message(
                N_(
                    "How long: until the campaign's records are archived. The numbers are stored "
                    "encrypted and shown masked."
                )
            ),
            Message(
                N_(
                    "You may withdraw your consent at any time by telling your union officer or "
                    "by deleting your draft."
                )
            ),
        ),
        (
            (
                Button(Message(N_("✅ I agree")), callbacks.data(callbacks.AGREE)),
                Button(Message(N_("✖ I do not agree")), callbacks.data(callbacks.DECLINE)),
            ),
        ),
    )


def declined_screen() -> Screen:
    """What happens without consent, and the way back."""
    return Screen(
        (
            Message(
                N_(
                    "Understood. Without your consent I will not ask for your ID, bank card or "
                    "phone number, and a registration without them cannot be submitted."
                )
            ),
            Message(
                N_(
                    "Your other answers are kept. If you change your mind, press the button or "
                    "send /register; you can also ask your union officer to help."
                )
            ),
        ),
        ((Button(Message(N_("✅ I agree after all")), callbacks.data(callbacks.AGREE)),),),
    )
