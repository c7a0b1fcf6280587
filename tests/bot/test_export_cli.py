"""``songnuan export``: the table as .xlsx or CSV, full numbers, every unit or one, audited."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from bot.cli import main
from bot.usecases.deciding import apply_decision
from bot.usecases.submitting import submit
from flows.registration import Phase, new_state
from flows.review import Approve
from storage.models import AuditEvent, Registration, Unit, User
from storage.repositories import registrations
from tests.auxil.notices import JILIN_SUMMARY_HEADERS
from tests.bot.review_installation import in_world, installation, on_database
from tests.conftest import TEST_KEY
from tests.storage.review_world import DURING_INTAKE, DURING_REVIEW, IDS, VAULT, World

CARD = "6222024200123456784"
# (owner, resident ID, name, approved by the unit?)
PEOPLE = [
    ("worker", IDS[0], "张丽", True),
    ("budget_worker", IDS[1], "王强", True),
    ("roads_worker", IDS[2], "赵敏", True),
    ("worker2", IDS[3], "刘洋", False),
]
# Who approves each person's record at the unit; the roads unit has no officer here.
UNIT_OFFICER_OF = {"worker": "treasurer", "worker2": "treasurer", "budget_worker": "budgeteer"}


def full_answers(resident_id: str, name: str) -> dict[str, Any]:
    """A whole Jilin registration's answers, canonical."""
    return {
        "name": name,
        "resident_id": resident_id,
        "sex": "female",
        "birth_date": "1990-03-07",
        "age": 29,
        "work_unit": "吉林省财政厅",
        "position": "科员",
        "phone": "+8613904311234",
        "household_size": 2,
        "family_members": [
            {"name": "王小", "age": 12, "relationship": "女儿", "work_unit_position": "学生"}
        ],
        "wages": "2000.00",
        "business_income": "0.00",
        "property_income": "0.00",
        "transfer_income": "600.00",
        "income_tax": "0.00",
        "social_security": "300.00",
        "address": "长春市朝阳区人民大街1号",
        "bank_card": CARD,
        "hardship_types": ["single_mother"],
        "hardship_reason": "=独自抚养女儿",
    }


async def story(world: World) -> None:
    """Four people register; the unit officers of the treasury and budget approve three."""
    for owner, resident_id, name, approved in PEOPLE:
        async with world.sessions() as session, session.begin():
            user = await session.get(User, world.users[owner])
            assert user is not None and user.unit_id is not None
            state = new_state("jilin-2020").but(
                phase=Phase.SUBMITTING, answers=full_answers(resident_id, name)
            )
            record = registrations.new_draft(
                session,
                VAULT,
                campaign_id=world.campaign_id,
                unit_id=user.unit_id,
                entered_by_user_id=user.id,
                subject_user_id=user.id,
                state=state,
            )
            record.resident_id_hash = VAULT.blind_index(resident_id)
            await session.flush()
            person = await world.actor(session, owner)
            await submit(session, VAULT, record, person, DURING_INTAKE)
            if not approved:
                continue
            if owner in UNIT_OFFICER_OF:
                officer = await world.actor(session, UNIT_OFFICER_OF[owner])
                await apply_decision(session, VAULT, record, Approve(), officer, DURING_REVIEW)
            else:
                record.state, record.level = "approved", "department"


def export(*arguments: str) -> int:
    """Run ``songnuan export --campaign 2020`` with ``arguments``."""
    return main(["export", "--campaign", "2020", *arguments])


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An installation with the story's records; its data directory."""
    settings = installation(tmp_path, monkeypatch)
    in_world(settings, story)
    return tmp_path


def exported_events(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[AuditEvent]:
    """The audit trail's export events."""
    settings = installation(data_dir, monkeypatch)

    async def read(world: World) -> list[AuditEvent]:
        async with world.sessions() as session:
            found = await session.scalars(select(AuditEvent).where(AuditEvent.kind == "exported"))
            return list(found)

    return on_database(settings, read)


def test_every_unit_as_xlsx_with_full_numbers(
    installed: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = installed / "out" / "summary.xlsx"
    status = export(
        "--table", "summary", "--out", str(out), "--contact", "焦刚", "--phone", "0431-82701100"
    )
    assert status == 0
    assert capsys.readouterr().out.strip() == f"{out}: 3 records"
    (sheet,) = load_workbook(out).worksheets
    assert sheet["A1"].value == "2019年困难职工情况汇总表"
    assert sheet["A2"].value == (
        "填报单位(盖章)：省直机关工会          联系人：焦刚          电话：0431-82701100"
    )
    assert [cell.value for cell in sheet[3]] == list(JILIN_SUMMARY_HEADERS)
    rows = [[cell.value for cell in sheet[4 + n]] for n in range(3)]
    assert [row[:3] for row in rows] == [
        [1, "张丽", IDS[0]],
        [2, "王强", IDS[1]],
        [3, "赵敏", IDS[2]],
    ]
    assert rows[0][3:] == [
        "吉林省财政厅 科员",
        "13904311234",
        2,
        2600,
        "长春市朝阳区人民大街1号",
        CARD,
        "=独自抚养女儿",
        "单亲女职工",
        "王小（女儿，12岁，学生）",
    ]
    assert sheet.cell(row=4, column=7).number_format == '"¥"#,##0.00'
    assert sheet.cell(row=4, column=10).data_type == "s"  # an answer is never a formula
    (event,) = exported_events(installed, monkeypatch)
    assert event.actor_user_id is None
    assert event.details == {
        "table": "summary",
        "units": "all",
        "state": "approved",
        "rows": 3,
        "format": "xlsx",
        "full_numbers": True,
        "by": "command line",
    }


def test_one_unit_every_submitted_record_as_csv(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = installed / "treasury.csv"
    status = export("--table", "summary", "--unit", "treasury", "--state", "all", "--out", str(out))
    assert status == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs for Chinese
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    # Every submitted record is no submission list: each row says its state.
    assert rows[0] == [*JILIN_SUMMARY_HEADERS, "审核状态"]
    assert [row[:3] for row in rows[1:]] == [["1", "张丽", IDS[0]], ["2", "刘洋", IDS[3]]]
    assert [row[-1] for row in rows[1:]] == ["下级已审核通过，等待审核", "已提交，等待审核"]
    assert rows[1][6] == "2600.00"
    assert rows[1][9] == "'=独自抚养女儿"  # kept text, never run as a formula
    (event,) = exported_events(installed, monkeypatch)
    assert event.details["units"] != "all" and len(event.details["units"]) == 1
    assert (event.details["state"], event.details["rows"], event.details["format"]) == (
        "all",
        2,
        "csv",
    )


def test_the_final_list_holds_only_the_records_granted_aid(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def grant_roads(world: World) -> None:
        async with world.sessions() as session, session.begin():
            await session.execute(
                update(Registration)
                .where(Registration.state == "approved", Registration.level == "department")
                .where(Registration.unit_id.in_(select(Unit.id).where(Unit.code == "roads")))
                .values(state="aid_granted", level="province")
            )

    on_database(installation(installed, monkeypatch), grant_roads)
    out = installed / "granted.csv"
    status = export("--table", "summary", "--state", "granted", "--out", str(out))
    assert status == 0
    with out.open(encoding="utf-8-sig", newline="") as stream:
        names = [row[1] for row in list(csv.reader(stream))[1:]]
    assert names == ["赵敏"]


def test_a_department_exports_its_units_and_format_overrides_the_suffix(
    installed: Path,
) -> None:
    out = installed / "finance.txt"
    status = export("--table", "summary", "--unit", "finance", "--format", "csv", "--out", str(out))
    assert status == 0
    with out.open(encoding="utf-8-sig", newline="") as stream:
        names = [row[1] for row in list(csv.reader(stream))[1:]]
    assert names == ["张丽", "王强"]


def test_the_registration_form_one_sheet_per_person(installed: Path) -> None:
    out = installed / "forms.xlsx"
    assert export("--table", "registration", "--out", str(out)) == 0
    sheets = load_workbook(out).worksheets
    assert [sheet.title for sheet in sheets] == ["1 张丽", "2 王强", "3 赵敏"]
    assert sheets[0]["A1"].value == "2019年省直机关困难职工登记表"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--campaign", "2099", "--table", "summary"], "no campaign '2099'"),
        (
            ["--campaign", "2020", "--table", "situation"],
            "form jilin-2020 has no table 'situation' (its tables: registration, summary)",
        ),
        (["--campaign", "2020", "--table", "summary", "--unit", "nowhere"], "no unit 'nowhere'"),
    ],
)
def test_mistakes_are_named_with_exit_status_2(
    installed: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    out = installed / "never.xlsx"
    with pytest.raises(SystemExit) as exited:
        main(["export", *arguments, "--out", str(out)])
    assert exited.value.code == 2
    assert capsys.readouterr().err.strip() == f"songnuan: {message}"
    assert not out.exists()
    assert not list(installed.glob(".never.xlsx*"))


ROADS = ("--table", "summary", "--unit", "roads", "--out")


def test_the_installed_command_in_a_subprocess(installed: Path) -> None:
    environment = {
        **os.environ,
        "SONGNUAN_DATA_DIR": str(installed),
        "SONGNUAN_SECRET_KEY": TEST_KEY,
    }
    environment.pop("SONGNUAN_DATABASE_URL", None)
    out = installed / "sub.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "export", "--campaign", "2020", *ROADS, str(out)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == f"{out}: 1 record"
    (sheet,) = load_workbook(out).worksheets
    assert sheet["B4"].value == "赵敏"
    assert sheet["C4"].value == IDS[2]


def test_the_header_block_shows_the_units_stored_telephone(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installation(installed, monkeypatch)
    assert main(["unit", "phone", "treasury", "0431-82701100"]) == 0
    out = installed / "treasury.xlsx"
    assert export("--table", "summary", "--unit", "treasury", "--out", str(out)) == 0
    (sheet,) = load_workbook(out).worksheets
    assert sheet["A2"].value == (
        "填报单位(盖章)：treasury          联系人：          电话：0431-82701100"
    )


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("x.txt", [], "--out {out}: name it .xlsx or .csv, or give --format"),
        ("x.xlsx", ["--format", "csv"], "--out {out}: a csv file named .xlsx; name it .csv"),
    ],
)
def test_a_file_name_that_promises_another_format_is_refused(
    installed: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    options: list[str],
    message: str,
) -> None:
    out = installed / name
    with pytest.raises(SystemExit):
        export("--table", "summary", "--out", str(out), *options)
    assert capsys.readouterr().err == f"songnuan: {message.format(out=out)}\n"
    assert not out.exists()


def test_the_help_lists_the_tables_of_each_form(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "situation, summary (henan-2017); registration, summary (jilin-2020)" in shown
