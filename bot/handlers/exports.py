"""/export and /stats: officers download the notices' tables and see their scope's numbers.

/export asks, with buttons, for the campaign (when several), the table, the unit (department
and provincial officers; a unit officer's exports are their own unit's) and the records, then
sends the table as an .xlsx document. Every press is checked again against the officer's scope.
"""

from __future__ import annotations

import asyncio
import tempfile
from typing import Final, NamedTuple

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.exports import stats
from bot.exports.naming import file_name
from bot.exports.progress import ProgressMessage
from bot.exports.writing import (
    ExportJob,
    campaign_date,
    campaign_printing,
    count,
    record_export,
    write_export,
)
from bot.people import Person, person_of
from flows.access import Action, Actor, Refused, may
from flows.exports import callbacks, wizard
from flows.exports.callbacks import ALL, Choice
from flows.exports.scope import Selection, Units, full_numbers, whole_scope, whole_target
from flows.forms.parsing.phone import printed
from flows.i18n import N_, Translator
from flows.i18n import Message as MessageText
from flows.tables import ExportContext, PersonTable, load_table, table_ids
from storage.models import Campaign, Unit
from storage.repositories import exports, review

UNITS_PER_PAGE: Final = 8
# Large exports get a progress message edited as their batches are written.
PROGRESS_FROM: Final = 2000
# One sheet per person is not a streamed workbook: beyond this, choose a single unit.
PERSON_SHEETS_LIMIT: Final = 1000
# Records fetched and written per batch; the progress message is edited at most this often (s).
EXPORT_BATCH: Final = exports.BATCH_SIZE
PROGRESS_INTERVAL: Final = 2.0
# What Telegram lets a bot send as a document.
DOCUMENT_LIMIT_MB: Final = 50

NO_CAMPAIGN = N_("No campaign covers your units yet.")
STALE_BUTTON = N_("This button is no longer valid. Please send /export again.")
CAMPAIGN_OUT_OF_SCOPE = N_("This campaign does not cover any unit of yours.")
UNKNOWN_TABLE = N_("This campaign has no such table. Please send /export again.")
SELECTIONS: Final = {
    Selection.APPROVED: N_("Approved so far"),
    Selection.GRANTED: N_("Aid granted (final list)"),
    Selection.ALL: N_("All submitted records"),
}
NOTHING_TO_EXPORT: Final = {
    Selection.APPROVED: N_("There are no approved records for {unit} yet."),
    Selection.GRANTED: N_("No record for {unit} has been granted aid yet."),
    Selection.ALL: N_("There are no submitted records for {unit} yet."),
}


STOPS: Final = {
    wizard.Stop.STALE: STALE_BUTTON,
    wizard.Stop.UNKNOWN_TABLE: UNKNOWN_TABLE,
    wizard.Stop.NO_CAMPAIGN: NO_CAMPAIGN,
}


class Prompt(NamedTuple):
    """A question and its buttons."""

    text: str
    markup: InlineKeyboardMarkup | None


# --- /export ------------------------------------------------------------------------------


async def export_command(update: Update, context: BotContext) -> None:
    """Start an export: refuse anyone who is not an officer, else ask for the campaign or table."""
    assert update.effective_message is not None
    person, officer = await _officer(update, context)
    campaigns = await _campaigns(context, officer, Action.EXPORT)
    await context.uow.commit()
    t = person.t
    effect = wizard.start(officer, [campaign.id for campaign in campaigns])
    if isinstance(effect, wizard.AskTable):
        prompt = _tables_prompt(t, campaigns[0])
    elif isinstance(effect, wizard.AskCampaign):
        prompt = Prompt(
            t("Which campaign do you want to export from?"),
            _campaign_keyboard(campaigns, callbacks.CAMPAIGN),
        )
    else:
        prompt = Prompt(_said(t, effect), None)
    await update.effective_message.reply_text(prompt.text, reply_markup=prompt.markup)


async def export_pressed(update: Update, context: BotContext) -> None:
    """A press on an /export or /stats button: the next question, the table or the numbers."""
    query = update.callback_query
    assert query is not None and query.data is not None
    person, officer = await _officer(update, context)
    t = person.t
    choice = callbacks.decode(query.data)
    campaign = None if choice is None else await _campaign(context, officer, choice.campaign_id)
    await context.uow.commit()
    message = query.message
    if choice is None or campaign is None or not isinstance(message, Message):
        # Not an export button, or on a message too old for the bot to edit.
        await query.answer(t(STALE_BUTTON), show_alert=True)
        return
    if isinstance(campaign, MessageText):
        await query.answer(t.render(campaign), show_alert=True)
        return
    await query.answer()
    effect = wizard.pressed(choice, officer, table_ids(campaign.form_id))
    match effect:
        case wizard.ShowStats():
            await _edit(message, message.text or "")  # the campaign is chosen: its buttons go
            await _send_stats(context, message, person, officer, campaign)
        case wizard.AskTable():
            prompt = _tables_prompt(t, campaign)
            await _edit(message, prompt.text, prompt.markup)
        case wizard.AskUnit(choice):
            prompt = await _units_prompt(context, t, officer, campaign, choice)
            await _edit(message, prompt.text, prompt.markup)
        case wizard.AskSelection(choice):
            unit_name = await _unit_name(context, officer, choice.unit_id)
            prompt = _selection_prompt(t, campaign, choice, unit_name)
            await _edit(message, prompt.text, prompt.markup)
        case wizard.Export(choice, units):
            unit_name = await _unit_name(context, officer, choice.unit_id)
            await _export(context, message, person, officer, campaign, choice, units, unit_name)
        case _:
            await _edit(message, _said(t, effect))


def _said(t: Translator, effect: wizard.Effect) -> str:
    """The text of an effect that only says something: a refusal or why nothing follows."""
    if isinstance(effect, wizard.Refused):
        return t.render(effect.refusal.message)
    assert isinstance(effect, wizard.Stop), effect
    return t(STOPS[effect])


async def _campaigns(context: BotContext, officer: Actor, action: Action) -> list[Campaign]:
    """The campaigns covering the officer's scope, if they may ``action`` there at all."""
    if may(officer, action, whole_target(officer)) is not None:
        return []
    return await exports.campaigns_for(context.session, whole_scope(officer))


async def _edit(message: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Show ``text`` in place of the question; a second press of the same button changes
    nothing, which Telegram refuses as an error."""
    try:
        await message.edit_text(text, reply_markup=markup)
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


async def _officer(update: Update, context: BotContext) -> tuple[Person, Actor]:
    person = await person_of(update, context)
    return person, await review.actor_for(context.session, person.user)


async def _campaign(
    context: BotContext, officer: Actor, campaign_id: int
) -> Campaign | MessageText:
    """The campaign, if it covers the officer's scope; else what to tell them."""
    refusal = may(officer, Action.EXPORT, whole_target(officer))
    if refusal is not None:
        return refusal.message
    campaign = await context.session.get(Campaign, campaign_id)
    if campaign is None:
        return MessageText(STALE_BUTTON)
    covered = await exports.campaigns_for(context.session, whole_scope(officer))
    return campaign if campaign in covered else MessageText(CAMPAIGN_OUT_OF_SCOPE)


async def _unit_name(context: BotContext, officer: Actor, unit_id: int | None) -> str:
    """The chosen unit's name; for every unit in scope, the officer's own unit's."""
    unit = await context.session.get(Unit, unit_id if unit_id is not None else officer.unit_id)
    return unit.name if unit is not None else ""


def _campaign_keyboard(campaigns: list[Campaign], step: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(campaign.name, callback_data=Choice(step, campaign.id).data())]
            for campaign in campaigns
        ]
    )


def _tables_prompt(t: Translator, campaign: Campaign) -> Prompt:
    buttons = [
        [
            InlineKeyboardButton(
                t.text(load_table(campaign.form_id, table_id).name),
                callback_data=Choice(callbacks.TABLE, campaign.id, table_id).data(),
            )
        ]
        for table_id in table_ids(campaign.form_id)
    ]
    text = t("{campaign}: which table do you want to export?", campaign=campaign.name)
    return Prompt(text, InlineKeyboardMarkup(buttons))


async def _units_prompt(
    context: BotContext, t: Translator, officer: Actor, campaign: Campaign, choice: Choice
) -> Prompt:
    assert choice.table_id is not None
    table = load_table(campaign.form_id, choice.table_id)
    units = await exports.campaign_units(context.session, campaign.id, whole_scope(officer))
    pages = max(1, -(-len(units) // UNITS_PER_PAGE))
    page = min(choice.page, pages - 1)
    shown = units[page * UNITS_PER_PAGE : (page + 1) * UNITS_PER_PAGE]

    def unit_button(label: str, unit: str) -> list[InlineKeyboardButton]:
        data = Choice(callbacks.UNIT, campaign.id, choice.table_id, unit).data()
        return [InlineKeyboardButton(label, callback_data=data)]

    everything = t("All units") if officer.scope.everywhere else t("All my units")
    rows = [unit_button(everything, ALL), *(unit_button(unit.name, str(unit.id)) for unit in shown)]
    turns = [
        InlineKeyboardButton(
            label,
            callback_data=Choice(callbacks.PAGE, campaign.id, choice.table_id, page=to).data(),
        )
        for label, to in (("◀", page - 1), ("▶", page + 1))
        if 0 <= to < pages
    ]
    if turns:
        rows.append(turns)
    text = t("{table}: for which unit?", table=t.text(table.name))
    if pages > 1:
        text += "\n" + t("Page {page} of {pages}", page=page + 1, pages=pages)
    return Prompt(text, InlineKeyboardMarkup(rows))


def _selection_prompt(t: Translator, campaign: Campaign, choice: Choice, unit_name: str) -> Prompt:
    assert choice.table_id is not None
    table = load_table(campaign.form_id, choice.table_id)
    rows = [
        [
            InlineKeyboardButton(
                t(label),
                callback_data=Choice(
                    callbacks.SELECTION, campaign.id, choice.table_id, choice.unit, selection=value
                ).data(),
            )
        ]
        for value, label in SELECTIONS.items()
    ]
    text = t("{table} for {unit}: which records?", table=t.text(table.name), unit=unit_name)
    return Prompt(text, InlineKeyboardMarkup(rows))


async def _export(
    context: BotContext,
    message: Message,
    person: Person,
    officer: Actor,
    campaign: Campaign,
    choice: Choice,
    units: Units,
    unit_name: str,
) -> None:
    """Write the chosen table, audit it, and send it as a document."""
    assert choice.table_id is not None and choice.selection is not None
    t = person.t
    services = context.services
    zone = services.settings.zone
    today = services.clock.now().astimezone(zone).date()
    selection = Selection(choice.selection)
    job = ExportJob(
        campaign=campaign,
        table_id=choice.table_id,
        units=units,
        selection=selection,
        context=ExportContext(
            unit_name=unit_name,
            contact_person=person.user.display_name,
            contact_phone=await _office_phone(context, person),
            issued=today,
            as_of=campaign_date(campaign, zone),
            full_numbers=full_numbers(officer, units),
            zone=zone,
            locale=person.locale,
            **campaign_printing(campaign, zone, selection),
        ),
    )
    table = job.table
    table_name = t.text(table.name)
    total = await count(context.session, job)
    if not total:
        await _edit(message, t(NOTHING_TO_EXPORT[selection], unit=unit_name))
        return
    if isinstance(table, PersonTable) and total > PERSON_SHEETS_LIMIT:
        await _edit(
            message,
            t(
                "The {table} has one sheet per person, and {count} records are too many for "
                "one file (at most {limit}). Please choose a single unit.",
                table=table_name,
                count=total,
                limit=PERSON_SHEETS_LIMIT,
            ),
        )
        return

    def progress_text(written: int, of: int) -> str:
        return t(
            "Exporting the {table} for {unit}: {written} of {total} records written…",
            table=table_name,
            unit=unit_name,
            written=written,
            total=of,
        )

    await _edit(message, progress_text(0, total))
    progress = None
    if total >= PROGRESS_FROM:
        progress = ProgressMessage(message, progress_text, min_interval=PROGRESS_INTERVAL)
    with tempfile.TemporaryFile() as out:
        written = await write_export(
            context.session,
            services.vault,
            job,
            out,
            total=total,
            progress=progress,
            batch_size=EXPORT_BATCH,
        )
        size = out.tell()
        if size > DOCUMENT_LIMIT_MB * 1024 * 1024:
            await _edit(
                message,
                t(
                    "The file is {size} MB, more than Telegram lets a bot send ({limit} MB). "
                    "Please export one unit at a time.",
                    size=-(-size // (1024 * 1024)),
                    limit=DOCUMENT_LIMIT_MB,
                ),
            )
            return
        record_export(context.session, job, written, actor_user_id=officer.user_id, by="bot")
        await context.uow.commit()
        out.seek(0)
        await message.reply_document(
            document=out,
            filename=file_name(unit_name, table, today, job.file_format.value, selection),
            caption=_caption(t, job, table_name, unit_name, written),
        )
    await _edit(
        message,
        t(
            "The {table} for {unit} is below. {records}: {count}.",
            table=table_name,
            unit=unit_name,
            count=written,
            records=t(SELECTIONS[selection]),
        ),
    )


def _caption(t: Translator, job: ExportJob, table_name: str, unit_name: str, rows: int) -> str:
    lines = [
        t(
            "{table}, {unit}. {records}: {count}.",
            table=table_name,
            unit=unit_name,
            count=rows,
            records=t(SELECTIONS[job.selection]),
        )
    ]
    if not job.context.full_numbers:
        lines.append(
            t(
                "ID and card numbers are masked: full numbers are for the union officers of the "
                "person's own unit and of the provincial union."
            )
        )
    return "\n".join(lines)


# --- /stats -------------------------------------------------------------------------------


async def stats_command(update: Update, context: BotContext) -> None:
    """The numbers of the officer's scope, as text and as a chart."""
    message = update.effective_message
    assert message is not None
    person, officer = await _officer(update, context)
    campaigns = await _campaigns(context, officer, Action.STATS)
    await context.uow.commit()
    t = person.t
    effect = wizard.start(officer, [campaign.id for campaign in campaigns], stats=True)
    if isinstance(effect, wizard.ShowStats):
        await _send_stats(context, message, person, officer, campaigns[0])
    elif isinstance(effect, wizard.AskCampaign):
        await message.reply_text(
            t("The statistics of which campaign?"),
            reply_markup=_campaign_keyboard(campaigns, callbacks.STATS),
        )
    else:
        await message.reply_text(_said(t, effect))


async def _send_stats(
    context: BotContext, message: Message, person: Person, officer: Actor, campaign: Campaign
) -> None:
    from bot.workbooks.charts import stats_chart  # loads matplotlib: only when a chart is drawn

    t = person.t
    zone = context.services.settings.zone
    try:
        lines = await stats.text_lines(
            context.session, context.services.vault, officer, campaign, t
        )
    except Refused as refused:
        await message.reply_text(t.render(refused.message))
        return
    numbers = await stats.chart_numbers(context.session, campaign, whole_scope(officer), zone)
    scope_name = await _unit_name(context, officer, None)
    title = t("Statistics of {campaign} for {unit}:", campaign=campaign.name, unit=scope_name)
    await message.reply_text("\n".join([title, *lines]))
    # Drawing takes a moment of CPU: off the event loop, so other chats go on.
    picture = await asyncio.to_thread(stats_chart, numbers, locale=person.locale)
    await message.reply_photo(
        photo=picture,
        caption=t(
            "Registrations per unit by state, and submissions per day until intake closes "
            "on {date}.",
            date=numbers.deadline,
        ),
    )


HANDLERS = [
    CommandHandler("export", export_command),
    CommandHandler("stats", stats_command),
    CallbackQueryHandler(export_pressed, pattern=f"^{callbacks.PREFIX}"),
]


async def _office_phone(context: BotContext, person: Person) -> str:
    """The telephone of the exporting officer's union office (``songnuan unit phone``)."""
    unit = await context.session.get(Unit, person.user.unit_id) if person.user.unit_id else None
    return printed(unit.phone) if unit is not None and unit.phone else ""
