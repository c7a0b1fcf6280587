"""What a person can do with Songnuan, one use case per function, called by handlers and the CLI.

A use case is an ``async`` function over the unit of work (:class:`bot.uow.UnitOfWork`), the
vault and the clock, plus the plain values the adapter parsed (ids, typed text, the acting
person). It loads rows through ``storage.repositories``, lets the rules in ``flows`` decide,
writes the result, and returns a small frozen result (a dataclass or an enum) saying what
happened, which the adapter renders: a handler into messages and buttons, the command line into
lines of text. Use cases never import ``telegram`` and never format a screen; handlers never hold
a domain rule; repositories only read and write rows.

The use cases so far: ``registration`` (a turn: answer, submit, delete), ``status`` (/status
and the greeting), ``invitations`` (following a link, giving up an officer role, making,
withdrawing and listing links), ``roles`` (listing officers, taking a role back),
``deadlines``, ``broadcasts`` (recording one), ``group_chats``, ``campaigns`` and ``units``;
``submitting`` and ``deciding`` (a record's transitions), ``policy_checks`` (the pre-check and
the recheck) and ``precheck_overrides`` (an officer's untruthful mark or override). The
command line runs them in a unit of work of its own (:func:`bot.cli.common.run_use_case`).
"""
