"""Sealed values come back exactly as they went in, whatever their strings hold."""

from __future__ import annotations

import json

import pytest

from storage.crypto import Vault

VAULT = Vault(bytes(range(32)))


@pytest.mark.parametrize(
    "text",
    ["\ud800", "a\udfffb", "张丽\x00\x1b", "😀 emoji", "\ufeff\u200b\u202e", "", "x" * 5000],
)
def test_any_string_round_trips(text: str) -> None:
    value = {"text": text, "list": [text, 1, None, True]}
    assert VAULT.open_json(VAULT.seal_json(value, context=b"c"), context=b"c") == value


def test_values_sealed_as_utf8_before_are_still_read() -> None:
    old = VAULT.encrypt(json.dumps({"name": "张丽"}, ensure_ascii=False).encode(), context=b"c")
    assert VAULT.open_json(old, context=b"c") == {"name": "张丽"}
