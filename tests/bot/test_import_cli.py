"""``songnuan import party-aided FILE.csv``: checked whole, stored hashed, matches flagged."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from flows.audit import AuditKind
from storage.models import AuditEvent, PartyAidedPerson
from tests.bot.review_installation import in_world, installation, on_database
from tests.storage.review_world import IDS, World, submitted


async def _two_records(world: World) -> list[int]:
    return [await submitted(world, "worker", IDS[0]), await submitted(world, "worker2", IDS[1])]


async def _stored(world: World) -> tuple[list[str], list[int | None]]:
    async with world.sessions() as session:
        hashes = list(await session.scalars(select(PartyAidedPerson.resident_id_hash)))
        flagged = list(
            await session.scalars(
                select(AuditEvent.registration_id).where(
                    AuditEvent.kind == AuditKind.PARTY_AIDED_FLAGGED
                )
            )
        )
        return hashes, flagged


def test_a_list_with_a_header_flags_the_matching_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = installation(tmp_path, monkeypatch)
    first, _second = in_world(settings, _two_records)
    listing = tmp_path / "aided.csv"
    listing.write_text(
        f"姓名,身份证号\n甲,{IDS[0]}\n乙,{IDS[2].lower()}\n甲,{IDS[0]}\n", encoding="utf-8-sig"
    )

    assert main(["import", "party-aided", str(listing)]) == 0

    out = capsys.readouterr().out
    assert "read 3 resident ID(s), 2 distinct: 2 new on the list" in out
    assert f"flagged 1 submitted record(s): {first}" in out
    hashes, flagged = on_database(settings, _stored)
    assert len(hashes) == 2 and IDS[0] not in hashes
    assert flagged == [first]

    # The same file again finds the same match again; the history notes it once.
    assert main(["import", "party-aided", str(listing)]) == 0
    out = capsys.readouterr().out
    assert f"on the list as before: 1 submitted record(s): {first}" in out
    assert on_database(settings, _stored)[1] == [first]


def test_a_bad_line_imports_nothing_and_masks_the_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = installation(tmp_path, monkeypatch)
    in_world(settings, _two_records)
    wrong = IDS[0][:-1] + ("1" if IDS[0][-1] != "1" else "2")
    listing = tmp_path / "aided.csv"
    listing.write_text(f"{IDS[1]}\n{wrong}\n\n12345\n", encoding="utf-8")

    with pytest.raises(SystemExit) as exited:
        main(["import", "party-aided", str(listing)])

    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "nothing imported" in err
    assert f"line 2: {wrong[:4]}**********{wrong[-4:]}: The last character" in err
    assert "line 4: *****: A resident ID number has 18 characters" in err
    assert wrong not in err
    assert on_database(settings, _stored) == ([], [])


def test_several_columns_need_a_named_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = installation(tmp_path, monkeypatch)
    in_world(settings, _two_records)
    listing = tmp_path / "aided.csv"
    listing.write_text(f"name,number\nA,{IDS[1]}\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["import", "party-aided", str(listing)])
    assert "give --column" in capsys.readouterr().err
    assert main(["import", "party-aided", str(listing), "--column", "number"]) == 0
    hashes, flagged = on_database(settings, _stored)
    assert len(hashes) == 1 and len(flagged) == 1


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_a_list_saved_by_excel_in_gbk_or_utf8_is_read(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    encoding: str,
) -> None:
    settings = installation(tmp_path, monkeypatch)
    first, _second = in_world(settings, _two_records)
    listing = tmp_path / "aided.csv"
    # Excel on Chinese Windows saves "CSV (逗号分隔)" in GBK, headers in Chinese.
    listing.write_bytes(f"姓名,公民身份号码\r\n张三,{IDS[0]}\r\n".encode(encoding))

    assert main(["import", "party-aided", str(listing)]) == 0

    assert f"flagged 1 submitted record(s): {first}" in capsys.readouterr().out


def test_a_file_that_is_no_text_is_named_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = installation(tmp_path, monkeypatch)
    in_world(settings, _two_records)
    listing = tmp_path / "aided.xlsx"
    listing.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe\x80\x81\x82")
    with pytest.raises(SystemExit):
        main(["import", "party-aided", str(listing)])
    assert capsys.readouterr().err == (
        f"songnuan: {listing}: not a text file: save it as CSV (UTF-8 or GBK)\n"
    )
