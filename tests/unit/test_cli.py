"""The command line: version, validate, and database errors as advice, not tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playbook import __version__
from playbook.cli import main
from tests.conftest import BROKEN_CONTENT, REPO


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "playbook", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"playbook {__version__}"


def test_validate_passes_on_the_bundled_content(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 5 stages")


def test_validate_fails_with_path_line_messages_for_broken_files():
    result = run("validate", str(BROKEN_CONTENT))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    problems = lines[:-1]
    assert len(problems) >= 12
    for line in problems:
        path, number, _message = line.split(":", 2)
        assert Path(path).is_relative_to(BROKEN_CONTENT.relative_to(REPO)), line
        assert number.isdigit()
    assert "problems in" in lines[-1]


def test_a_damaged_database_gives_advice_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database at all\n" * 100)
    result = run("--db", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "not a Playbook database" in result.stderr
    assert "--db PATH" in result.stderr


def test_opening_the_app_reads_only_the_top_options(monkeypatch, tmp_path):
    """`playbook` and `playbook --db X --content Y` open the app without defining every
    subcommand; anything else (a command, -h, a bad option) gets the whole command line."""
    import playbook.cli as cli
    import playbook.cli.app as app_module

    opened = []
    monkeypatch.setattr(app_module, "run_app", lambda args: opened.append(args) or 0)
    monkeypatch.setattr(cli, "groups", lambda: (_ for _ in ()).throw(AssertionError("groups")))
    db, folder = str(tmp_path / "p.db"), str(tmp_path)
    for argv in ([], ["--db", db], [f"--db={db}", "--content", folder, "--content", folder]):
        assert cli.names_no_command(argv), argv
        assert main(argv) == 0
    assert [a.command for a in opened] == [None, None, None]
    assert opened[1].db == Path(db) and opened[2].content == [Path(folder), Path(folder)]
    for argv in (["validate"], ["-h"], ["--db"], ["--db", db, "quiz", "x"], ["--version"]):
        assert not cli.names_no_command(argv), argv


def test_a_bad_top_option_still_gets_argparse_advice():
    result = run("--db")
    assert result.returncode == 2 and "expected one argument" in result.stderr
    result = run("--nonsense")
    assert result.returncode == 2 and "COMMAND" in result.stderr  # the whole usage line
