"""Inline keyboards the handlers share. Buttons are routed by callback data, never by label."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

# The languages are named in themselves, so that anyone can find their own.
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}
LANGUAGE_PREFIX = "lang:"


def language_keyboard() -> InlineKeyboardMarkup:
    """One button per supported language."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(name, callback_data=LANGUAGE_PREFIX + code)
                for code, name in LANGUAGE_NAMES.items()
            ]
        ]
    )
