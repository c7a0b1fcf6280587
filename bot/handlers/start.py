"""Welcome, language choice, help and the commands menu."""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers import group_chats, joining, status, strays
from bot.keyboards import LANGUAGE_NAMES, LANGUAGE_PREFIX, language_keyboard
from bot.officers import menus
from bot.people import Person, person_of
from flows.i18n import N_, SUPPORTED_LOCALES, Translator, translator

OFFICER_HINT = N_("As a union officer: /queue shows the records waiting for you; /help lists all.")


def welcome_text(person: Person, campaign: list[str] | None = None) -> str:
    """The greeting, the campaign and its deadline, the notice of what personal data is used."""
    t = person.t
    return "\n\n".join(
        [
            t(
                "Hello, {name}! This is Songnuan, the union's Send Warmth registration assistant.",
                name=person.user.display_name or t("friend"),
            ),
            t(
                "I will take you through the hardship worker registration one question at a "
                "time, show whether the campaign's policy looks likely to cover you, and pass "
                "your registration to your unit's union officer."
            ),
            *(["\n".join(campaign)] if campaign else []),
            *([t(OFFICER_HINT)] if menus.is_officer(person.user.role) else []),
            t(
                "About your personal data: the registration asks for your resident ID, bank "
                "card, phone, household income and family members. They are used only for this "
                "campaign's review and the aid payment, seen only by the union officers of your "
                "unit and the levels above, and stored encrypted. I will ask for your consent "
                "again before the first sensitive question."
            ),
            t("Please choose your language:"),
        ]
    )


def help_text(t: Translator, role: str | None = None) -> str:
    """What the bot can do, command by command; officers' commands for officers."""
    return "\n".join(
        [
            t("What I can do:"),
            t("/register: start or continue your registration"),
            t("/status: your registration and the campaign's deadlines"),
            t("/reminders: turn deadline reminders off or on"),
            t("/language: choose the language"),
            t("/cancel: pause what you are doing (your answers are kept)"),
            t("/help: this message"),
            *menus.help_lines(t, role),
        ]
    )


async def start(update: Update, context: BotContext) -> None:
    """Greet the user, or pass an invitation code on to the invitations."""
    assert update.effective_message is not None
    if context.args and context.args[0] != group_chats.FROM_GROUP:
        await joining.redeem(update, context, context.args[0])
        await publish_menu(context, await person_of(update, context))
        return
    person = await person_of(update, context)
    campaign = await status.campaign_status(context, person)
    await context.uow.commit()
    await update.effective_message.reply_text(
        welcome_text(person, campaign), reply_markup=language_keyboard()
    )


async def choose_language(update: Update, context: BotContext) -> None:
    """Ask which language to use."""
    assert update.effective_message is not None
    person = await person_of(update, context)
    await context.uow.commit()
    await update.effective_message.reply_text(
        person.t("Please choose your language:"), reply_markup=language_keyboard()
    )


async def language_chosen(update: Update, context: BotContext) -> None:
    """Remember the chosen language and confirm it in that language."""
    query = update.callback_query
    assert query is not None and query.data is not None
    locale = query.data.removeprefix(LANGUAGE_PREFIX)
    if locale not in SUPPORTED_LOCALES:
        await strays.refuse_press(update, context)
        return
    person = await person_of(update, context)
    person.user.locale = locale
    await context.uow.commit()
    t = translator(locale, context.services.settings.zone)
    await query.answer(t("Language: {language}", language=LANGUAGE_NAMES[locale]))
    await query.edit_message_reply_markup(reply_markup=None)
    await query.message.reply_text(  # type: ignore[union-attr]
        "\n\n".join([t("I will speak English with you."), help_text(t, person.user.role)])
    )
    await publish_menu(context, person)


async def show_help(update: Update, context: BotContext) -> None:
    """List the commands."""
    assert update.effective_message is not None
    person = await person_of(update, context)
    await context.uow.commit()
    await update.effective_message.reply_text(help_text(person.t, person.user.role))


def commands(t: Translator, role: str | None = None) -> list[BotCommand]:
    """The command menu in one language; officers' commands for officers."""
    return [
        BotCommand("register", t("Start or continue the registration")),
        BotCommand("status", t("My registration and the deadlines")),
        BotCommand("reminders", t("Deadline reminders off or on")),
        BotCommand("language", t("Choose the language")),
        BotCommand("cancel", t("Pause; answers are kept")),
        BotCommand("help", t("What the bot can do")),
        *menus.commands(t, role),
    ]


async def publish_menu(context: BotContext, person: Person) -> None:
    """An officer's chat gets its own menu, in the officer's language, when the role is granted
    (and again when the language changes)."""
    role = person.user.role if person.user.unit_id is not None else None
    await menus.publish(context.bot, person.user.telegram_id, role, commands(person.t, role))


async def worker_link_officer_leaves(update: Update, context: BotContext) -> None:
    """An officer who opened a worker link gives the role up: the menu follows the new role."""
    await joining.become_pressed(update, context)
    await publish_menu(context, await person_of(update, context))


HANDLERS = [
    CommandHandler("start", start),
    CommandHandler("help", show_help),
    CommandHandler("language", choose_language),
    CallbackQueryHandler(language_chosen, pattern=f"^{LANGUAGE_PREFIX}"),
    CallbackQueryHandler(joining.keep_pressed, pattern=f"^{joining.KEEP_DATA}$"),
    CallbackQueryHandler(worker_link_officer_leaves, pattern=f"^{joining.BECOME_PREFIX}"),
]
