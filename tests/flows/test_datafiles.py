"""The one loader of data files: every fault at once, each with its file and place."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from flows.datafiles import DataFileError, load_data_file
from flows.forms.parsing.ethnicity import ethnicities


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    size: int = Field(ge=0)


class _Box(BaseModel):
    kind: Literal["box"]
    items: tuple[_Item, ...] = Field(min_length=1)


class _Bag(BaseModel):
    kind: Literal["bag"]


_SHAPE: TypeAdapter[_Box | _Bag] = TypeAdapter(Annotated[_Box | _Bag, Field(discriminator="kind")])


def _load(tmp_path: Path, text: str) -> DataFileError:
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        load_data_file(path, _SHAPE)
    assert raised.value.path == path
    return raised.value


def test_every_fault_is_named_by_its_place_in_the_file(tmp_path: Path) -> None:
    error = _load(tmp_path, "kind: box\nitems: [{id: a, size: -1}, {id: b, size: 1, colour: red}]")
    assert [where for where, _ in error.problems] == ["items[a].size", "items[b].colour"]
    assert str(error).splitlines()[0].startswith(f"{tmp_path / 'file.yaml'}: items[a].size: ")


def test_a_whole_files_unknown_kind_is_a_fault_of_its_kind(tmp_path: Path) -> None:
    assert [where for where, _ in _load(tmp_path, "kind: crate").problems] == ["kind"]


def test_a_file_that_is_not_yaml(tmp_path: Path) -> None:
    assert [where for where, _ in _load(tmp_path, "kind: [box").problems] == ["(file)"]


def test_the_shipped_reference_list_loads() -> None:
    assert len(ethnicities()) == 56
