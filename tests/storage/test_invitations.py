"""Invitation codes."""

from __future__ import annotations

from storage.repositories import invitations


def test_no_code_starts_with_a_dash_which_the_command_line_reads_as_an_option() -> None:
    assert not any(invitations.new_code().startswith("-") for _ in range(2000))
