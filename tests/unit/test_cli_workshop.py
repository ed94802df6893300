"""`playbook workshop export`: the CSV of answers and the Markdown debrief, with the series."""

from __future__ import annotations

import csv

from playbook.cli import main
from playbook.services import Services
from playbook.services.clock import ManualClock
from tests.conftest import FIXED_NOW, FIXTURE_CONTENT, fixture_library


def run_workshop(db_path, title: str, answers: dict[str, str]) -> str:
    clock = ManualClock(FIXED_NOW)
    services = Services.open(db_path, fixture_library(), clock)
    try:
        rooms = services.workshops
        parts = [("question", "quiz-case/form"), ("stage", "pilot")]
        workshop = rooms.create(title, "2468", rooms.agenda(parts), series="Spring")
        room = rooms.facilitate(workshop.code, "2468")
        people = {name: rooms.join(workshop.code, name, name) for name in answers}
        room.act("start")
        room.act("open")
        clock.advance(seconds=4)
        for name, choice in answers.items():
            people[name].answer(choice)
        clock.advance(seconds=1)
        room.act("reveal")
    finally:
        services.close()
    return workshop.code


def test_export_writes_the_csv_and_the_debrief(db_path, tmp_path, capsys):
    run_workshop(db_path, "Day 1", {"Ada": "licence", "=Ben": "jv"})
    code = run_workshop(db_path, "Day 2", {"Ada": "licence", "Cleo": "licence"})
    answers, debrief = tmp_path / "answers.csv", tmp_path / "debrief.md"
    args = ["--db", str(db_path), "--content", str(FIXTURE_CONTENT), "workshop", "export"]
    assert main([*args, code.lower(), "--csv", str(answers), "--markdown", str(debrief)]) == 0
    assert "Wrote" in capsys.readouterr().out
    raw = answers.read_bytes()
    assert raw.count(b"\r\n") == 3 and b"\r\r\n" not in raw  # written with newline=""
    rows = list(csv.reader(answers.open(newline="", encoding="utf-8")))
    assert rows[0][:5] == ["participant", "team", "item", "question", "answer"]
    assert [r[0] for r in rows[1:]] == ["Ada", "Cleo"]
    assert rows[1][4] == "A licence of Gamma's brand" and rows[1][5] == "yes"
    text = debrief.read_text(encoding="utf-8")
    assert text.startswith("# Day 2")
    assert "What does Pilot ask of a founder?" in text  # the discussion prompts
    assert "## Item analysis" in text and "## Leaderboard" in text
    assert "## Series: Spring" in text
    series = text.split("## Series: Spring")[1]
    assert "| 1 | Ada |" in series and "| 2 |" in series  # Ada scored in both workshops


def test_export_needs_a_known_code_and_something_to_write(db_path, capsys):
    assert main(["--db", str(db_path), "workshop", "export", "K7MQ2P"]) == 1
    assert "--csv FILE" in capsys.readouterr().err
    assert main(["--db", str(db_path), "workshop", "export", "K7MQ2P", "--csv", "x.csv"]) == 1
    assert "no workshop with the code" in capsys.readouterr().err


def test_join_by_code_opens_a_participant_app_without_safety_copies(db_path, monkeypatch):
    """Forty participants would each copy the database on every answer: never for them."""
    from playbook.tui.app import PlaybookApp

    seen = []

    def fake_run(app, *args, **kwargs):
        seen.append((app.join_request, app.services.store.database.safety_copies))

    monkeypatch.setattr(PlaybookApp, "run", fake_run)
    assert main(["--db", str(db_path), "join", "k7m-q2p", "--name", "Ada"]) == 0
    ((terminal, copies),) = seen
    assert (terminal.code, terminal.name, terminal.facilitate, copies) == (
        "k7m-q2p",
        "Ada",
        False,
        False,
    )


def test_join_and_dashboard_by_address_open_no_database_file(tmp_path, monkeypatch):
    """From another machine: nothing is opened but the server's address."""
    from playbook.tui.app import PlaybookApp

    seen = []

    def fake_run(app, *args, **kwargs):
        seen.append((app.join_request, app.services.store.path))

    monkeypatch.setattr(PlaybookApp, "run", fake_run)
    db = tmp_path / "never.db"
    url = "http://10.0.0.5:8000/K7MQ2P"
    assert main(["--db", str(db), "join", url, "--name", "Ada"]) == 0
    assert main(["--db", str(db), "dashboard", url, "--key", "k3y"]) == 0
    (joining, joined_db), (running, run_db) = seen
    assert (joining.code, joining.name, joining.facilitate) == (url, "Ada", False)
    assert (running.code, running.facilitate, running.key) == (url, True, "k3y")
    assert joined_db == run_db == ":memory:" and not db.exists()


def test_the_dashboard_needs_a_workshops_address(capsys):
    assert main(["dashboard", "K7MQ2P"]) == 1
    assert "is not a workshop's address" in capsys.readouterr().err


def test_serve_explains_itself(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    text = capsys.readouterr().out
    for words in (
        "the one process that opens it",
        "playbook join URL",
        "127.0.0.1",
        "--host 0.0.0.0",
        "facilitator key",
        "--max-per-client",
        "projector",
    ):
        assert words in text, words
