"""The officers' handlers, registered together: the queue and its cards, decisions, history,
invitations, remarks, and the typed reason, amount or remark (read before the registration sees
the text)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import BotContext
from bot.handlers import decisions, history, join_links, precheck_overrides, queue, remarks, strays
from bot.officers.acting import acting
from bot.officers.deciding import Press
from flows.review import callbacks

PRESSES: Final[dict[str, Press]] = {
    callbacks.APPROVE: decisions.approve,
    callbacks.AMOUNT: decisions.amount_chosen,
    callbacks.AMOUNT_SURE: decisions.amount_chosen,
    callbacks.AMEND: decisions.start_amend,
    callbacks.AMEND_SURE: decisions.amend_confirmed,
    callbacks.WITHDRAW: decisions.start_withdraw,
    callbacks.RETURN: decisions.start_return,
    callbacks.TOGGLE: decisions.start_return,
    callbacks.RETURN_DONE: decisions.return_chosen,
    callbacks.REJECT: decisions.start_reject,
    callbacks.CARD: queue.back_to_card,
    callbacks.HISTORY: history.history_pressed,
    callbacks.FULL: queue.full_numbers,
    callbacks.DOCUMENTS: queue.documents,
    callbacks.NEXT: queue.next_card,
    callbacks.PRECHECK: precheck_overrides.show_precheck,
    callbacks.UNTRUTHFUL: precheck_overrides.start_untruthful,
    callbacks.OVERRIDE: precheck_overrides.choose_outcome,
    callbacks.OVERRIDE_TO: precheck_overrides.outcome_chosen,
    callbacks.REMARK: remarks.start_remark,
    callbacks.REMARK_REMOVE: remarks.remove_remark,
}


async def pressed(update: Update, context: BotContext) -> None:
    """A button of a record card or of its screens."""
    query = update.callback_query
    assert query is not None
    press = callbacks.decode(query.data or "")
    if press is None:
        await strays.refuse_press(update, context)
        return
    await PRESSES[press.action](update, context, await acting(update, context), press)


# Group -1 comes before the registration's handlers: typed text that answers an officer's
# question stops there; any other command or button ends the wait and goes on as usual.
HANDLERS: Final[dict[int, Sequence[BaseHandler[Update, Any, Any]]]] = {
    -1: [
        CommandHandler("cancel", decisions.cancel_typing),
        MessageHandler(filters.TEXT & ~filters.COMMAND, decisions.typed),
        MessageHandler(filters.COMMAND, decisions.forget_typing),
        CallbackQueryHandler(decisions.forget_typing),
    ],
    0: [
        CommandHandler("queue", queue.show_queue),
        CommandHandler("history", history.show_history),
        CommandHandler("invite", join_links.invite),
        CallbackQueryHandler(pressed, pattern=f"^{callbacks.PREFIX}"),
        CallbackQueryHandler(join_links.revoke_pressed, pattern=f"^{join_links.REVOKE_PREFIX}"),
    ],
}
