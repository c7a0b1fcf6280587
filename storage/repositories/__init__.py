"""Repositories: queries and writes grouped by what they hold. None of them commits.

The caller owns the transaction (one per update, see ``bot.uow``), so that an update's effects
and the mark that it was handled are committed together.
"""
