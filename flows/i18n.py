"""Translations and locale-aware formatting for every user-facing text.

Two kinds of text reach a user:

* the program's own sentences, written in English in the source, marked with ``_()`` or
  ``N_()`` (``NP_()`` for one whose wording follows a ``{count}``: "1 file", "2 files") and
  translated through the gettext catalogs under ``flows/locale``;
* texts that belong to data files (a form's labels, a policy's rule titles), which carry one
  string per locale in the file itself (:class:`LocalizedText`).

Catalogs are compiled from the ``.po`` files in memory when first used, so a compiled catalog
can never be stale against its source. Every ``*.po`` file of a locale is merged into one
catalog: each area of the code keeps its own file (``bot.po``, ``forms.po``, ``policy.po`` ...).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from pydantic import BaseModel, ConfigDict

SUPPORTED_LOCALES: Final = ("zh_CN", "en")
DEFAULT_LOCALE: Final = "zh_CN"
CURRENCY: Final = "CNY"
LOCALE_DIR: Final = Path(__file__).parent / "locale"
# The zone of an installation that names none (SONGNUAN_TIMEZONE's default): the notices'
# deadlines are Beijing time. The installation's own zone reaches every screen from its settings.
DEFAULT_ZONE: Final = ZoneInfo("Asia/Shanghai")


def N_(msgid: str) -> str:
    """Mark a string for extraction without translating it yet (translated when shown)."""
    return msgid


Plural = tuple[str, str]


def NP_(singular: str, plural: str) -> Plural:
    """Mark a message whose wording follows its ``{count}``, in its two English forms."""
    return singular, plural


class LocalizedText(BaseModel):
    """A text written in a data file, once per supported locale."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    zh_CN: str
    en: str

    def __getitem__(self, locale: str) -> str:
        return self.en if locale == "en" else self.zh_CN


@dataclass(frozen=True)
class Message:
    """A catalog message with its parameters, translated only when it is shown.

    The domain returns these (errors, explanations) so that it never needs to know who reads.
    Parameter values that are ``Decimal`` are shown as money, dates in the reader's format.
    """

    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)
    # The msgid's plural form, for a message marked with NP_(): ``params["count"]`` chooses.
    plural: str | None = None

    @classmethod
    def counted(cls, forms: Plural, count: int, **params: object) -> Message:
        """A message of :func:`NP_` forms, worded for ``count``."""
        singular, plural = forms
        return cls(singular, {"count": count, **params}, plural)


def normalize_locale(value: str | None) -> str:
    """Map a Telegram ``language_code`` or a setting to a supported locale."""
    if not value:
        return DEFAULT_LOCALE
    lowered = value.replace("-", "_").lower()
    if lowered.startswith("en"):
        return "en"
    return DEFAULT_LOCALE


@cache
def _catalog(locale: str) -> Translations:
    merged: Translations | None = None
    for po_path in sorted((LOCALE_DIR / locale / "LC_MESSAGES").glob("*.po")):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=locale)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        # The first file's catalog keeps its plural rule (Chinese has one form, English two);
        # merging adds only messages.
        translations = Translations(fp=buffer)
        if merged is None:
            merged = translations
        else:
            merged.merge(translations)
    return merged or Translations()


SMALL_NUMBERS = 1000


class Translator:
    """Translate and format for one locale, showing moments in the installation's ``zone``."""

    def __init__(self, locale: str, zone: ZoneInfo = DEFAULT_ZONE) -> None:
        self.locale = normalize_locale(locale)
        self.zone = zone
        self._babel_locale = Locale.parse(self.locale)
        self._translations = _catalog(self.locale)
        # The patterns looked up once: an explanation formats a dozen amounts, a bulk
        # pre-check a million.
        self._currency_pattern = self._babel_locale.currency_formats["standard"]
        self._decimal_pattern = self._babel_locale.decimal_formats[None]
        # Small whole numbers (question numbers, counts) come up on every screen.
        self._small_numbers: dict[int, str] = {}

    def gettext(self, msgid: str) -> str:
        """Translate one catalog message."""
        return self._translations.gettext(msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Translate a message whose wording depends on a count."""
        return self._translations.ngettext(singular, plural, n)

    def __call__(self, msgid: str, **params: object) -> str:
        """Translate ``msgid`` and fill in its ``{placeholders}``, formatting values."""
        text = self.gettext(msgid)
        return text.format(**self._format_params(params)) if params else text

    def counted(self, forms: Plural, count: int, **params: object) -> str:
        """Translate a message of :func:`NP_` forms worded for ``count``, and fill it in."""
        text = self.ngettext(*forms, count)
        return text.format(**self._format_params({"count": count, **params}))

    def render(self, message: Message) -> str:
        """Show a deferred :class:`Message` in this locale."""
        if message.plural is None:
            return self(message.msgid, **message.params)
        params = dict(message.params)
        count = params.pop("count")
        if not isinstance(count, int):
            raise TypeError(f"{message.msgid!r} needs a whole number as its count")
        return self.counted((message.msgid, message.plural), count, **params)

    def text(self, localized: LocalizedText) -> str:
        """Pick this locale's version of a data file's text."""
        return localized[self.locale]

    def money(self, amount: Decimal) -> str:
        """Yuan in this locale's currency format: ``¥1,200.00`` / ``CN¥1,200.00``."""
        shown: str = self._currency_pattern.apply(amount, self._babel_locale, currency=CURRENCY)
        return shown

    def number(self, value: int | Decimal) -> str:
        """A number with this locale's grouping."""
        small = isinstance(value, int) and 0 <= value < SMALL_NUMBERS
        if small and value in self._small_numbers:
            return self._small_numbers[int(value)]
        shown: str = self._decimal_pattern.apply(value, self._babel_locale)
        if small:
            self._small_numbers[int(value)] = shown
        return shown

    def date(self, value: dt.date) -> str:
        """A date in this locale's long form: ``2019年12月28日`` / ``December 28, 2019``."""
        return format_date(value, format="long", locale=self._babel_locale)

    def moment(self, value: dt.datetime) -> str:
        """A day and time of day in the translator's zone: ``12月28日 16:00``, ``Dec 28, 16:00``."""
        value = value.astimezone(self.zone)
        day = format_skeleton("MMMd", value, locale=self._babel_locale)
        clock = format_datetime(value, "HH:mm", locale=self._babel_locale)
        separator = ", " if self.locale == "en" else " "
        return f"{day}{separator}{clock}"

    def _format_params(self, params: Mapping[str, object]) -> dict[str, object]:
        shown: dict[str, object] = {}
        for name, value in params.items():
            if isinstance(value, Message):
                shown[name] = self.render(value)
            elif isinstance(value, LocalizedText):
                shown[name] = self.text(value)
            elif isinstance(value, Decimal):
                shown[name] = self.money(value)
            elif isinstance(value, dt.datetime):
                shown[name] = self.moment(value)
            elif isinstance(value, dt.date):
                shown[name] = self.date(value)
            elif isinstance(value, int) and not isinstance(value, bool):
                shown[name] = self.number(value)
            else:
                shown[name] = value
        return shown


@cache
def translator(locale: str, zone: ZoneInfo = DEFAULT_ZONE) -> Translator:
    """The shared :class:`Translator` of a locale and the installation's time zone."""
    return Translator(locale, zone)
