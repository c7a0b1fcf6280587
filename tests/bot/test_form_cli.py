"""``songnuan form check``: a form and the tables beside it, every fault named, exit 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from flows.forms.loading import FORMS_DIR


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        status = main(["form", "check", str(path)])
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def test_a_form_and_its_tables_that_fit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = shutil.copytree(FORMS_DIR / "jilin-2020", tmp_path / "jilin-2020")
    status, out, _ = _check(folder / "form.yaml", capsys)
    assert status == 0
    assert out.startswith(f"{folder / 'form.yaml'}: ok, form jilin-2020 with ")


def test_a_table_reading_what_the_form_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = shutil.copytree(FORMS_DIR / "jilin-2020", tmp_path / "jilin-2020")
    table = folder / "tables" / "summary.yaml"
    text = table.read_text(encoding="utf-8")
    added = "  - {header: 卡类型, width: 10, fill: {answer: card_type}}\npage:"
    table.write_text(text.replace("page:", added, 1), encoding="utf-8")
    status, out, err = _check(folder / "form.yaml", capsys)
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        f"{table}: columns[卡类型].fill: Value error, unknown answer key 'card_type': "
        "the form jilin-2020 has no such answer"
    ]
