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
