"""The 56 ethnic groups of China in the order of GB 3304, read from ``flows/data``.

An answer is the official Chinese name (``汉族``); typed answers may drop the ``族`` or use the
English name or a common variant (``汉``, ``Han``, ``Uyghur``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from pydantic import BaseModel, ConfigDict, TypeAdapter

from flows.datafiles import load_data_file
from flows.forms.parsing.normalize import compact, require_content
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, LocalizedText, Message

PROBLEMS: Final = frozenset({"empty", "unknown"})
DATA_FILE: Final = Path(__file__).resolve().parent.parent.parent / "data" / "ethnicities.yaml"


class Ethnicity(BaseModel):
    """One group: its GB 3304 code, Chinese and English names, other accepted spellings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> LocalizedText:
        """The name in both languages."""
        return LocalizedText(zh_CN=self.zh, en=self.en)


@cache
def ethnicities() -> tuple[Ethnicity, ...]:
    """All 56, in GB 3304 order."""
    return load_data_file(DATA_FILE, TypeAdapter(tuple[Ethnicity, ...]))


def by_code(code: str) -> Ethnicity | None:
    """The group with this GB 3304 code (``"01"`` is 汉族)."""
    return next((group for group in ethnicities() if group.code == code), None)


def by_name(zh: str) -> Ethnicity | None:
    """The group with this official Chinese name."""
    return next((group for group in ethnicities() if group.zh == zh), None)


def parse_ethnicity(text: str) -> str:
    """The official Chinese name of the group the text names."""
    require_content(text)
    wanted = _key(text)
    for group in ethnicities():
        if wanted in {_key(name) for name in (group.zh, group.en, *group.aliases)}:
            return group.zh
    raise InvalidAnswer("unknown", Message(N_("This is not one of the 56 ethnic groups.")))


def _key(name: str) -> str:
    kept = compact(name).casefold()
    for suffix in ("族", "chinese", "nationality", "ethnicity"):
        if kept != suffix:
            kept = kept.removesuffix(suffix)
    return kept
