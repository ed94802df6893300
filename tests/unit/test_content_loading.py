"""Content files load into typed models; broken files are reported by line, the rest loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.content import frontmatter
from playbook.content.loader import load_library
from tests.conftest import BROKEN_CONTENT, FIXTURE_CONTENT


def test_fixture_content_loads_without_problems():
    library = load_library([FIXTURE_CONTENT])
    assert library.problems == []
    assert [s.id for s in library.ordered_stages] == [
        "north-star",
        "vibe-check",
        "divorce-papers",
        "alliance-manager",
        "pilot",
    ]
    case = library.cases["tiny-case"]
    assert case.parties == ("Alpha Ltd", "Beta plc")
    assert case.form == "joint venture" and case.ended_as == "acquisition"
    assert [q.id for q in case.questions] == ["form", "equal", "price"]
    assert case.questions[0].answer == "jv"
    assert case.questions[1].answer is True
    assert case.questions[2].answer == 1.0 and case.questions[2].tolerance == 0.1
    assert case.narrative.startswith("## The decision")
    assert library.question("tiny-case/price") is case.questions[2]


EXPECTED_BROKEN = [
    ("cases/bad-yaml.md", 5, "invalid YAML: did not find expected ',' or ']'"),
    ("cases/bad-yaml.md", 5, "started on line 4"),
    ("cases/missing-title.md", 2, "missing required field 'title'"),
    ("cases/mistyped.md", 4, "'parties' should be a list, not a number"),
    ("cases/mistyped.md", 7, "'direction' must be one of"),
    ("cases/mistyped.md", 12, "'summary' should be text, but YAML read false"),
    ("cases/duplicate-key.md", 4, "duplicate key 'title' (first on line 3)"),
    ("cases/unknown-key.md", 15, "unknown key 'sorces' (did you mean 'sources'?)"),
    ("cases/bad-answer.md", 22, "the answer 'c' is not among the choices (a, b)"),
    ("cases/bad-answer.md", 24, "question id 'q1' is used twice (first on line 16)"),
    ("cases/dangling-stage.md", 13, "unknown stage 'honeymoon'"),
    ("cases/python-tag.md", 3, "the tag '!!python/object/apply:os.system' is not allowed"),
    ("cases/wrong-name.md", 2, "must equal the file name ('wrong-name')"),
    ("checklists/pilot.md", 9, "missing required field 'text'"),
    # The case standard: a dated decision, exhibits to reason from, the outcome kept for later.
    ("cases/no-decision.md", 2, "missing required field 'decision'"),
    ("cases/no-decision.md", 2, "missing required field 'led_from'"),
    ("cases/no-decision.md", 13, "the plan adds up to 20 minutes; a class takes 60-90"),
    ("cases/no-decision.md", 13, "live question 'nowhere' is not a question of this case"),
    ("cases/no-decision.md", 30, "the narrative must open with a section '## The decision'"),
    ("cases/no-decision.md", 34, "exhibit 2 should be numbered 1"),
    ("cases/no-decision.md", 34, "an exhibit needs a Markdown table with at least two rows"),
    ("cases/no-decision.md", 34, "an exhibit after the outcome tells the reader what happened"),
    ("cases/no-decision.md", 40, "an exhibit's table needs a 'Source: ...' line under it"),
    ("cases/no-decision.md", 24, "see 'The middle' is not a heading of the narrative"),
]


@pytest.mark.parametrize(("file", "line", "message"), EXPECTED_BROKEN)
def test_each_broken_file_is_reported_at_its_line(file, line, message):
    library = load_library([FIXTURE_CONTENT, BROKEN_CONTENT])
    located = [p for p in library.problems if p.path == BROKEN_CONTENT / file and p.line == line]
    assert any(message in p.message for p in located), [str(p) for p in library.problems]


def test_problems_print_as_path_line_message():
    library = load_library([FIXTURE_CONTENT, BROKEN_CONTENT])
    for problem in library.problems:
        path, line, message = str(problem).split(":", 2)
        assert Path(path).exists()
        assert int(line) >= 1
        assert message.startswith(" ")


def test_good_files_still_load_beside_broken_ones():
    library = load_library([FIXTURE_CONTENT, BROKEN_CONTENT])
    assert "good-one" in library.cases
    assert "tiny-case" in library.cases  # from the folder underneath
    # A case short of the teaching standard is reported, and still readable meanwhile.
    assert library.cases["no-decision"].questions[0].id == "q1"
    assert not [p for p in library.problems if p.path.name == "good-one.md"]
    for broken in ("bad-yaml", "missing-title", "mistyped", "duplicate-key", "python-tag"):
        assert broken not in library.cases
    # A case with one bad reference keeps the rest of itself.
    assert library.cases["dangling-stage"].stages == ("pilot",)
    # A case with one ungradable question keeps the others.
    assert [q.id for q in library.cases["bad-answer"].questions] == []
    # A stage with one broken checklist item keeps the good ones.
    assert [i.id for i in library.stages["pilot"].items] == ["one"]


def test_a_later_folder_replaces_an_earlier_file_with_the_same_id():
    library = load_library([FIXTURE_CONTENT, BROKEN_CONTENT])
    assert library.stages["pilot"].path == BROKEN_CONTENT / "checklists" / "pilot.md"
    assert library.stages["north-star"].path == FIXTURE_CONTENT / "checklists" / "north-star.md"


def test_yaml_tags_never_build_objects():
    data, issues = frontmatter.parse_yaml("x: !!python/object/apply:os.system ['true']\n")
    assert data is None
    assert "not allowed" in issues[0].message


def test_yaml_one_one_surprises_are_reported_not_swallowed(tmp_path):
    (tmp_path / "cases").mkdir()
    source = (FIXTURE_CONTENT / "cases" / "tiny-case.md").read_text()
    (tmp_path / "cases" / "tiny-case.md").write_text(
        source.replace("industry: testing", "industry: no")
    )
    library = load_library([tmp_path])
    [problem] = library.problems
    assert problem.line == 6
    assert "'industry' should be text, but YAML read false: put it in quotes" in problem.message


def test_a_missing_folder_is_a_problem_not_a_crash(tmp_path):
    library = load_library([tmp_path / "nowhere", FIXTURE_CONTENT])
    assert "does not exist" in library.problems[0].message
    assert len(library.stages) == 5


def test_a_score_field_must_keep_its_one_to_five_scale(tmp_path):
    import shutil

    from playbook.paths import bundled_content

    shutil.copytree(bundled_content() / "checklists", tmp_path / "checklists")
    stage = tmp_path / "checklists" / "vibe-check.md"
    text = stage.read_text()
    first = text.index("id: '1'") if "id: '1'" in text else text.index('id: "1"')
    stage.write_text(text[:first] + "id: low" + text[first + 7 :])
    library = load_library([tmp_path])
    [problem] = library.problems
    assert problem.path == stage
    assert "must have the ids 1, 2, 3, 4, 5" in problem.message and "not low" in problem.message
    assert "vibe-check" not in library.stages  # a broken scale would crash the worksheet
