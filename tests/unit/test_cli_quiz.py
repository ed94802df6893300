"""`playbook quiz CASE` and `playbook stats [--json]`."""

from __future__ import annotations

import json
import re

from playbook.cli import main
from playbook.services import Services
from tests.conftest import FIXTURE_CONTENT, fixture_library
from tests.unit.test_cli import run


def test_an_unknown_case_lists_close_matches_and_exits_1():
    result = run("quiz", "daimler")
    assert result.returncode == 1
    assert "no case 'daimler'" in result.stderr
    assert "Did you mean: daimler-chrysler?" in result.stderr
    assert "Traceback" not in result.stderr


def test_stats_on_a_new_database_are_empty_and_create_no_file(db_path, capsys):
    assert main(["--db", str(db_path), "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["profile"] is None and data["answers"] == 0
    assert not db_path.exists()
    assert main(["--db", str(db_path), "stats"]) == 0
    assert "nobody yet" in capsys.readouterr().out
    assert not db_path.exists()


def answer(session, key: str, response) -> None:
    session.answer(session.library.question(key), response)


def answered(db_path) -> None:
    services = Services.open(db_path, fixture_library())
    ana = services.profiles.create("Ana")
    services.profiles.create("Bo")
    services.profiles.use(ana)
    session = services.quizzes.start(
        ana.id, "quiz-case", keys=["quiz-case/form", "quiz-case/equal"]
    )
    answer(session, "quiz-case/form", "licence")
    answer(session, "quiz-case/equal", False)
    session.finish()
    services.close()


def test_stats_prints_tables_with_bars(db_path, capsys):
    answered(db_path)
    args = ["--db", str(db_path), "--content", str(FIXTURE_CONTENT), "stats"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("Quiz stats for Ana")
    assert "Quiz Case" in out and "50%" in out
    assert "Mastery by playbook stage" in out and "█" in out
    assert "Review forecast" in out and "Activity" in out
    mastery = out.split("Mastery by playbook stage")[1].split("Review forecast")[0]
    assert not re.search(r"\b0 of \d+ seen", mastery)  # a stage not yet seen says so instead
    assert "none of" in mastery and "seen yet" in mastery


def test_stats_json_for_a_named_profile(db_path, capsys):
    answered(db_path)
    base = ["--db", str(db_path), "--content", str(FIXTURE_CONTENT), "stats", "--json"]
    assert main(base) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["profile"] == "Ana" and data["answers"] == 2
    [case] = [c for c in data["cases"] if c["attempts"]]
    assert (case["case_id"], case["best"], case["last"]) == ("quiz-case", 50.0, 50.0)
    assert len(data["forecast"]) == 7 and len(data["activity"]) == 30
    assert {s["stage_id"] for s in data["stages"]} >= {"north-star", "divorce-papers"}

    assert main([*base, "--profile", "bo"]) == 0
    assert json.loads(capsys.readouterr().out)["answers"] == 0
    assert main([*base, "--profile", "Cy"]) == 1
    assert "no profile 'Cy' (profiles: Ana, Bo)" in capsys.readouterr().err


def test_stats_point_to_a_quiz_left_half_way(db_path, capsys):
    services = Services.open(db_path, fixture_library())
    ana = services.profiles.create("Ana")
    session = services.quizzes.start(ana.id, "quiz-case")
    answer(session, "quiz-case/form", "licence")
    services.close()
    base = ["--db", str(db_path), "--content", str(FIXTURE_CONTENT), "stats"]
    assert main(base) == 0
    out = capsys.readouterr().out
    assert "Left half way: Quiz Case (`playbook quiz quiz-case` picks it up)" in out
    assert "No quiz finished yet" not in out
    assert main([*base, "--json"]) == 0
    cases = json.loads(capsys.readouterr().out)["cases"]
    assert [c["case_id"] for c in cases if c["half_way"]] == ["quiz-case"]
