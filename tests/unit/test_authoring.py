"""Authoring: `playbook new case` writes a skeleton that validate refuses until every
placeholder is replaced, and that, filled in, validates and is quizzed at once;
`playbook validate --watch` checks again on every save and stops cleanly on Ctrl+C."""

from __future__ import annotations

import itertools
import os
import queue
import random
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from playbook.cli import main
from playbook.content.loader import load_library
from playbook.content.placeholders import placeholder_lines
from playbook.content.skeleton import case_skeleton
from playbook.content.validate import validate
from playbook.content.watch import Watcher, watch
from playbook.paths import bundled_content
from playbook.services import Services
from tests.conftest import REPO

WORDS = [
    f"{a} {b}"
    for a, b in itertools.product(
        "Amber Birch Cedar Delta Ember Fjord Garnet Harbor Indigo Juniper Kestrel".split(),
        "lantern meadow quarry summit tundra valley willow zephyr anchor beacon dune".split(),
    )
]

# The values a filled-in case gives where the field takes a word from a list, or a number.
CHOSEN = {
    "direction": "horizontal",
    "form": "licence",
    "outcome": "success",
    "stages": "pilot",
    "stage": "pilot",
    "answer": "7",
    "url": "https://example.org/acme",
}


def fill(text: str) -> str:
    """Every placeholder replaced as an author would: the value a field takes from its list,
    else a text of its own (each different, so no question gives another's answer away)."""
    words = iter(WORDS)
    out = []
    for line in text.splitlines(keepends=True):
        key = re.match(r"\s*(?:- )?(\w+):", line)
        chosen = CHOSEN.get(key.group(1)) if key else None
        if chosen is not None:
            line = re.sub(r'"FILL IN[^"]*"', chosen, line)
        line = re.sub(r'"FILL IN[^"]*"', lambda _m: f'"{next(words)}"', line)
        line = re.sub(r"FILL IN[^|\n]*", lambda _m: next(words), line)
        out.append(line)
    return "".join(out)


def new_case(tmp_path: Path, slug: str = "acme-globex") -> Path:
    folder = tmp_path / "mine"
    assert main(["new", "case", slug, "-o", str(folder)]) == 0
    return folder


def test_the_skeleton_is_refused_at_every_placeholder_and_for_nothing_else(tmp_path, capsys):
    folder = new_case(tmp_path)
    capsys.readouterr()
    path = folder / "cases" / "acme-globex.md"
    _library, problems = validate([bundled_content(), folder])
    mine = [p for p in problems if p.path == path]
    assert mine and all("placeholder" in p.message for p in mine), [str(p) for p in mine]
    text = path.read_text()
    comments = len(text.split("\n---\n")[0].splitlines())  # the front matter's lines
    lines = text.splitlines()
    written = {
        n
        for n in placeholder_lines(text)
        if not (n <= comments and lines[n - 1].lstrip().startswith("#"))  # a YAML comment
    }
    assert {p.line for p in mine} == written
    assert [p for p in problems if p.path != path] == []
    assert main(["--content", str(folder), "validate"]) == 1


def test_the_skeleton_filled_in_validates_and_is_quizzed_at_once(tmp_path, capsys, store, clock):
    folder = new_case(tmp_path)
    path = folder / "cases" / "acme-globex.md"
    path.write_text(fill(path.read_text()))
    assert "FILL IN" not in path.read_text()
    capsys.readouterr()
    assert main(["--content", str(folder), "validate"]) == 0, capsys.readouterr().out
    library = load_library([bundled_content(), folder])
    case = library.cases["acme-globex"]
    assert {q.type for q in case.questions} == {
        "single", "multiple", "true_false", "ordering", "matching", "short", "numeric",
    }  # fmt: skip
    services = Services(store, library, clock, random.Random(2))
    profile = services.profiles.create("Ana")
    session = services.quizzes.start(profile.id, case.id)
    for question in session.questions:
        session.answer(question, right_answer(question))
    assert session.finish().score.percent == 100


def right_answer(question) -> object:
    kind = question.type
    if kind in ("single", "true_false", "numeric"):
        return question.answer
    if kind == "multiple":
        return list(question.answer)
    if kind == "ordering":
        return list(question.items)
    if kind == "matching":
        return {p.left: p.right for p in question.pairs}
    return question.accept[0]


@pytest.mark.parametrize(
    ("slug", "message"),
    [("Acme Globex", "is not a slug"), ("hulu", "there is a case or bank 'hulu' already")],
)
def test_new_case_refuses_a_bad_or_taken_slug(tmp_path, capsys, slug, message):
    assert main(["new", "case", slug, "-o", str(tmp_path)]) == 1
    assert message in capsys.readouterr().err


def test_new_case_never_overwrites(tmp_path, capsys):
    folder = new_case(tmp_path)
    capsys.readouterr()
    assert main(["new", "case", "acme-globex", "-o", str(folder)]) == 1
    assert "exists already" in capsys.readouterr().err


def test_the_watcher_sees_a_save_an_added_file_and_a_removed_one(tmp_path):
    folder = new_case(tmp_path)
    watcher = Watcher([folder])
    assert watcher.changes() == []
    path = folder / "cases" / "acme-globex.md"
    path.write_text(path.read_text() + "\nMore.\n")
    assert watcher.changes() == [path]
    assert watcher.changes() == []
    other = folder / "banks" / "b.md"
    other.parent.mkdir()
    other.write_text("---\nid: b\n---\n")
    path.unlink()
    assert watcher.changes() == [other, path]


def test_watch_checks_again_after_each_save_and_stops_on_ctrl_c(tmp_path):
    folder = new_case(tmp_path)
    path = folder / "cases" / "acme-globex.md"
    seen: list[list[Path]] = []
    steps = iter(
        [
            lambda: None,  # nothing saved: no check
            lambda: path.write_text(fill(path.read_text())),
            lambda: (_ for _ in ()).throw(KeyboardInterrupt),
        ]
    )

    def wait(seconds: float) -> None:
        next(steps)()

    with pytest.raises(KeyboardInterrupt):
        watch([folder], lambda changed: seen.append(changed), interval=0.0, wait=wait)
    assert seen == [[], [path]]


def test_validate_watch_reports_each_save_and_stops_cleanly_on_ctrl_c(tmp_path):
    folder = new_case(tmp_path)
    path = folder / "cases" / "acme-globex.md"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "playbook",
            "validate",
            "--watch",
            "--interval",
            "0.05",
            str(folder),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout], daemon=True
    ).start()

    def read_until(pattern: str) -> list[str]:
        got = []
        while True:
            line = lines.get(timeout=30)  # a real line, or the test fails after 30 s
            got.append(line)
            if re.search(pattern, line):
                return got

    try:
        first = read_until(r"^Watching ")
        assert any("problems in" in line for line in first)
        path.write_text(fill(path.read_text()))
        second = read_until(r"^Watching ")
        assert any("acme-globex.md changed" in line for line in second)
        assert any(line.startswith("OK: ") for line in second)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        assert read_until(r"Stopped watching")
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_skeleton_says_what_each_field_is():
    text = case_skeleton("x")
    front = text.split("\n---\n")[0]
    keys = [m.group(1) for m in re.finditer(r"^(\w+):", front, re.MULTILINE)]
    commented = [k for k in keys if re.search(rf"^{k}:.*#", front, re.MULTILINE) or k in ("title",)]
    assert {"decision", "sources", "teaching_note", "questions", "discussion"} <= set(commented)
