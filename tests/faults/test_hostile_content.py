"""A folder of hostile content files: each is reported clearly, none runs code, the rest loads."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from playbook.content.loader import load_library
from playbook.tui.screens.case import CaseScreen
from playbook.tui.screens.problems import ProblemsScreen
from tests.conftest import FIXTURE_CONTENT, REPO

MARKUP = "[@click=app.quit]click me[/] [/] [b]bold [red]$x"


def good_case(case_id: str, title: str = "A good case") -> str:
    text = (FIXTURE_CONTENT / "cases" / "tiny-case.md").read_text()
    return text.replace("id: tiny-case", f"id: {case_id}").replace(
        "title: Tiny Case", f"title: {title}"
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURE_CONTENT / "checklists", root / "checklists")
    cases = root / "cases"
    cases.mkdir()
    (cases / "still-fine.md").write_text(good_case("still-fine", "Still fine"))
    (cases / "bad yaml.md").write_text("---\nid: bad-yaml\ntitle: [unclosed\n---\nBody\n")
    marker = root / "pwned"
    (cases / "python-object.md").write_text(
        "---\nid: python-object\ntitle: !!python/object/apply:os.system "
        f"['touch {marker}']\n---\nBody\n"
    )
    (cases / "huge.md").write_text("---\nid: huge\n---\n" + "x" * 700_000)
    (cases / "deep.md").write_text(
        "---\nid: deep\ntitle: " + "[" * 20000 + "]" * 20000 + "\n---\nB\n"
    )
    (cases / "deep-block.md").write_text(
        "---\nid: deep-block\n" + "".join(" " * n + f"k{n}:\n" for n in range(400)) + "---\nB\n"
    )
    laughs = "---\nid: laughs\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for n in range(1, 9):
        laughs += (
            f"{'abcdefghij'[n]}: &{'abcdefghij'[n]} [*{'abcdefghij'[n - 1]}"
            + (f", *{'abcdefghij'[n - 1]}" * 8)
            + "]\n"
        )
    (cases / "laughs.md").write_text(laughs + "---\nBody\n")
    (cases / "duplicate.md").write_text(
        good_case("duplicate").replace("industry: testing", "industry: testing\nindustry: again")
    )
    (cases / "latin1.md").write_bytes(good_case("latin1", "Café société").encode("latin-1"))
    (cases / "utf16.md").write_bytes(good_case("utf16").encode("utf-16"))
    (cases / "empty.md").write_text("")
    (cases / "binary.md").write_bytes(b"---\nid: binary\n\x00\x01\x02---\n")
    (cases / "ünïcode name.md").write_text(good_case("unicode-name"))
    markup = good_case("markup", f'"{MARKUP}"')
    for key in ("summary", "legal_form"):
        markup = markup.replace(f"{key}: ", f'{key}: "{MARKUP}" #', 1)
    markup = markup.replace("Alpha and Beta made widgets together", MARKUP)
    (cases / "markup.md").write_text(markup)
    return root


def problems_by_file(root: Path) -> dict[str, list[str]]:
    library = load_library([root])
    found: dict[str, list[str]] = {}
    for problem in library.problems:
        assert problem.line >= 1, problem
        found.setdefault(problem.path.name, []).append(problem.message)
    return found


def test_every_hostile_file_is_reported_by_name_and_line(hostile):
    found = problems_by_file(hostile)
    expect = {
        "bad yaml.md": "invalid YAML",
        "python-object.md": "is not allowed",
        "huge.md": "too large",
        "deep.md": "nested too deeply",
        "deep-block.md": "nested too deeply",
        "duplicate.md": "duplicate key 'industry'",
        "latin1.md": "not UTF-8",
        "utf16.md": "not UTF-8",
        "empty.md": "no front matter",
        "binary.md": "binary data",
        "ünïcode name.md": "must equal the file name",
    }
    for name, words in expect.items():
        assert any(words in m for m in found.get(name, [])), (name, found.get(name))
    assert "still-fine.md" not in found and "markup.md" not in found
    assert not (hostile / "pwned").exists(), "a YAML tag ran code"


def test_deep_nesting_is_stopped_by_us_at_its_line(hostile):
    """Our own limit and words, whatever the YAML library's release does about depth."""
    library = load_library([hostile])
    deep = {p.path.name: p for p in library.problems if "nested too deeply" in p.message}
    assert deep["deep.md"].line == 3  # the title line, where the brackets open
    assert deep["deep-block.md"].line == 2 + 258  # the first line indented past the limit


def test_alias_bombs_do_not_explode(hostile):
    library = load_library([hostile])  # finishes, and quickly: aliases are shared, not copied
    assert "laughs" not in library.cases


def test_validate_prints_each_and_exits_1(hostile):
    result = subprocess.run(
        [sys.executable, "-m", "playbook", "validate", str(hostile)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for name in ("bad yaml.md", "python-object.md", "huge.md", "latin1.md", "ünïcode name.md"):
        assert any(f"{name}:" in line for line in result.stdout.splitlines()), name


async def test_the_app_starts_with_the_rest_and_shows_markup_literally(hostile, make_test_app):
    app = make_test_app(content=[hostile])
    async with app.run_test(size=(100, 30)) as pilot:
        assert {"still-fine", "markup"} <= set(app.library.cases)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("escape")
        app.open_case("markup")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.sub_title == MARKUP
        await pilot.press("o")  # read on: the summary tells the ending
        await pilot.pause()
        assert MARKUP in str(app.screen.query_one("#facts").render())
        await pilot.click("#facts")
        await pilot.pause()
        assert app.is_running  # the [@click=app.quit] in the text did nothing
