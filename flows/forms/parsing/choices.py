"""Typed answers to questions that offer buttons: an option's label or number, yes or no."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from flows.forms.parsing.normalize import compact, require_content
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, LocalizedText, Message

PROBLEMS: Final = frozenset({"empty", "unknown"})
_YES: Final = frozenset(
    {"是", "是的", "对", "对的", "正确", "没错", "有", "y", "yes", "right", "correct"}
)
_NO: Final = frozenset(
    {"否", "不是", "不", "不对", "错", "错了", "不正确", "没有", "无", "n", "no", "wrong"}
)

_BACK: Final = frozenset({"返回", "上一题", "上一步", "back"})
# Said wherever only a button answers.
CHOOSE_A_BUTTON: Final = Message(N_("Please choose one of the buttons below."))
_OK: Final = frozenset({"ok", "okay", "好", "好的", "确认", "确定", "可以"})
_KEEP: Final = frozenset({"保持不变", "不变", "不用改", "keep", "keepit", "nochange"})
_DONE: Final = frozenset({"完成", "好了", "选好了", "就这些", "done", "finished"})


def parse_option(text: str, options: Sequence[tuple[str, LocalizedText]]) -> str:
    """The id of the option whose label (in either language) or number (1, 2 …) was typed."""
    require_content(text)
    wanted = compact(text).casefold()
    for number, (option_id, label) in enumerate(options, start=1):
        if wanted in {str(number), compact(label.zh_CN).casefold(), compact(label.en).casefold()}:
            return option_id
    raise _unknown()


def parse_yes_no(text: str) -> bool:
    """``True`` for 是/yes, ``False`` for 否/no."""
    require_content(text)
    wanted = compact(text, "!", "。", ".").casefold()
    if wanted in _YES:
        return True
    if wanted in _NO:
        return False
    raise _unknown()


def means_back(text: str) -> bool:
    """Whether ``text`` is the Back button typed out (返回, 上一题, back …)."""
    return compact(text, "!", "。", ".", "◀").casefold() in _BACK


def means_keep(text: str) -> bool:
    """Whether ``text`` is the Keep button typed out (保持不变, keep …)."""
    return compact(text, "!", "。", ".", "✓").casefold() in _KEEP


def means_done(text: str) -> bool:
    """Whether ``text`` is the Done button typed out (完成, done …)."""
    return compact(text, "!", "。", ".", "✔").casefold() in _DONE


def parse_confirmation(text: str) -> bool:
    """``True`` for 是/对/好的/ok, ``False`` for 不对/no: an answer to "Is this right?"."""
    if compact(text, "!", "。", ".").casefold() in _OK:
        return True
    return parse_yes_no(text)


def _unknown() -> InvalidAnswer:
    return InvalidAnswer("unknown", CHOOSE_A_BUTTON)
