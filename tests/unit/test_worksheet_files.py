"""Worksheets as files: `playbook alliance new/check/import/export`, and round trips that
change nothing."""

from __future__ import annotations

import json
import sqlite3

import pytest

from playbook.cli import main
from playbook.content.loader import load_library
from playbook.paths import bundled_content
from playbook.services.worksheet_files import read_sheet, write_sheet
from tests.fixtures.good_answers import GOOD

LIBRARY = load_library([bundled_content()])


def good(**changes) -> dict[str, dict[str, str]]:
    answers = {stage: dict(fields) for stage, fields in GOOD.items()}
    # Dates that must lie ahead stay ahead whenever the tests run.
    answers["pilot"]["start"] = "1 March 2036"
    answers["pilot"]["duration"] = "Twelve weeks from 1 March 2036"
    answers["pilot"]["review-date"] = "2036-06-30"
    for key, value in changes.items():
        stage, field_id = key.split(":")
        answers[stage][field_id] = value
    return answers


def sheet_text(answers, notes=None) -> str:
    return write_sheet(
        LIBRARY, "Harbour Market", "Tidewell", kind="refills", answers=answers, notes=notes
    )


def line_of(text: str, where: str) -> int:
    """The line of `stage.field` in a worksheet file, as a reader would find it."""
    stage, field_id = where.split(".")
    in_stage = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line == f"{stage}:":
            in_stage = True
        elif in_stage and line.startswith(f"  {field_id}:"):
            return number
    raise AssertionError(where)


def test_a_written_file_reads_back_to_the_same_answers():
    answers = good()
    sheet = read_sheet(sheet_text(answers), LIBRARY)
    assert sheet.problems == []
    assert sheet.answers == answers
    assert (sheet.partner, sheet.side, sheet.kind) == ("Harbour Market", "Tidewell", "refills")


def test_a_blank_file_holds_every_field_with_its_prompt_as_comments():
    text = write_sheet(LIBRARY, "Harbour Market", "Tidewell")
    sheet = read_sheet(text, LIBRARY)
    assert sheet.problems == [] and sheet.answers == {}
    for stage in LIBRARY.ordered_stages:
        for field in stage.fields:
            assert f"\n  {field.id}:" in text
    assert "# The one goal: What single result" in text
    assert "Harbour Market decides, after consulting Tidewell" in text  # names in the options


def test_an_unknown_field_or_a_wrong_shape_is_an_error_at_its_line():
    text = sheet_text(good())
    text = text.replace("  we-bring:", "  we-brings:", 1)
    text = text.replace("    score: 4\n", "    score: 9\n", 1)
    sheet = read_sheet(text, LIBRARY)
    shown = [(p.where, p.line, p.message) for p in sheet.problems]
    assert ("north-star.we-brings", line_of(text, "north-star.we-brings"), shown[0][2]) in shown
    assert "unknown field" in shown[0][2]
    assert any(w == "vibe-check.reputation" and "1 to 5" in m for w, _, m in shown)


def test_broken_yaml_is_reported_at_its_line_not_raised():
    sheet = read_sheet("north-star:\n  goal: [unclosed\n", LIBRARY)
    assert sheet.problems and sheet.problems[0].line >= 2


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_check_passes_a_file_of_good_answers_including_the_ones_once_refused(tmp_path, capsys):
    answers = good(
        **{
            "north-star:goal": "Sell 30,000 bags of Roastwell coffee in Harvest Lane's Ohio and "
            "Michigan stores by 31 March 2036",
            "alliance-manager:manager-name": "Dana Whitfield, Head of Partnerships",
            "alliance-manager:partner-manager": "Tom Head",
            "alliance-manager:effective-date": "7 June 2036",
        }
    )
    path = tmp_path / "good.yaml"
    path.write_text(sheet_text(answers, notes={"stability:score-2": "We stage payments."}))
    code, out, _ = run(capsys, "alliance", "check", str(path))
    assert code == 0, out
    assert "every answer passes" in out
    assert "red flag 'risk:gap-2'" in out  # an open flag is said, but is not a failure


BAD = [
    ("north-star.goal", "Sell more coffee in FreshCo stores by 31 December 2026", "date"),
    ("north-star.we-bring", "We leverage synergies in 2 ways", "boilerplate"),
    ("alliance-manager.manager-role", "Barista", "how much of their time"),
    ("pilot.duration", "2026", "a year, not a length"),
    ("pilot.review-date", "2020-01-01", "already passed"),
    ("vibe-check.notes", "asdf qwerty", "does not read as words"),
]


def test_check_names_each_bad_answer_at_its_line_and_exits_1(tmp_path, capsys):
    answers = good(**{where.replace(".", ":"): text for where, text, _ in BAD})
    answers["alliance-manager"]["decision-rights"] = json.dumps(
        [
            {"decision": "Refill prices", "owner": "joint"},
            {"decision": "Refill prices", "owner": "ours"},
            {"decision": "TBD", "owner": "joint"},
        ]
    )
    pasted = "We will sell our refills in their stores and share the money fairly."
    for field_id in ("they-bring", "we-get", "they-get"):
        answers["north-star"][field_id] = pasted
    text = sheet_text(answers)
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    code, out, _ = run(capsys, "alliance", "check", str(path))
    assert code == 1
    lines = out.splitlines()
    for where, _text, said in BAD:
        expected = f"{path}:{line_of(text, where)}: {where}: "
        assert any(line.startswith(expected) and said in line for line in lines), (where, out)
    rights = f"{path}:{line_of(text, 'alliance-manager.decision-rights')}: "
    assert any(line.startswith(rights) and "listed twice" in line for line in lines)
    assert any(line.startswith(rights) and "“TBD”" in line for line in lines)
    for field_id in ("we-get", "they-get"):
        at = f"{path}:{line_of(text, f'north-star.{field_id}')}: "
        assert any(line.startswith(at) and "same text" in line for line in lines), field_id


def test_new_refuses_to_overwrite_or_to_make_a_folder(tmp_path, capsys):
    path = tmp_path / "sheet.yaml"
    assert run(capsys, "alliance", "new", "Harbour", "--side", "Tidewell", "-o", str(path))[0] == 0
    code, _, err = run(capsys, "alliance", "new", "Harbour", "--side", "Tidewell", "-o", str(path))
    assert code == 1 and "already exists: add --force" in err
    code, _, err = run(capsys, "alliance", "new", "H", "--side", "T", "-o", str(tmp_path / "x/y"))
    assert code == 1 and "does not exist" in err and not (tmp_path / "x").exists()


def test_import_then_export_changes_nothing_and_a_second_import_neither(tmp_path, capsys):
    db = tmp_path / "p.db"
    path = tmp_path / "in.yaml"
    text = sheet_text(good(), notes={"stability:score-2": "We stage payments."})
    path.write_text(text)
    code, out, err = run(capsys, "--db", str(db), "alliance", "import", str(path))
    assert code == 0, err
    assert "created the profile" in err  # a new database: a profile after the login name
    assert "Imported Tidewell × Harbour Market" in out
    back = tmp_path / "out.yaml"
    assert run(capsys, "--db", str(db), "alliance", "export", "Harbour", "-o", str(back))[0] == 0
    assert read_sheet(back.read_text(), LIBRARY).answers == read_sheet(text, LIBRARY).answers
    assert back.read_text() == text

    def snapshot():
        with sqlite3.connect(db) as conn:
            return [
                conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall()
                for t in ("worksheet_answers", "checklist_ticks", "alliance_flags")
            ]

    before = snapshot()
    code, _, err = run(capsys, "--db", str(db), "alliance", "import", str(back))
    assert code == 1 and "add --replace" in err
    assert run(capsys, "--db", str(db), "alliance", "import", str(back), "--replace")[0] == 0
    assert snapshot() == before  # nothing changed, not even a time stamp


def test_import_refuses_a_file_with_problems_and_stores_nothing(tmp_path, capsys):
    db = tmp_path / "p.db"
    path = tmp_path / "in.yaml"
    path.write_text(sheet_text(good()).replace("  goal:", "  goals:", 1))
    code, _, err = run(capsys, "--db", str(db), "alliance", "import", str(path))
    assert code == 1 and "north-star.goals: unknown field" in err
    assert (
        not db.exists()
        or not sqlite3.connect(db).execute("SELECT count(*) FROM alliances").fetchone()[0]
    )


@pytest.mark.parametrize("missing", ["nope.yaml"])
def test_check_of_a_missing_file_says_so(tmp_path, capsys, missing):
    code, _, err = run(capsys, "alliance", "check", str(tmp_path / missing))
    assert code == 1 and "there is no file" in err
