"""The bundled library obeys its own rules: true, sourced, teachable, and covering every stage."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from playbook.cli import main
from playbook.content.coverage import MIN_CASES_PER_STAGE, coverage
from playbook.content.loader import load_library
from playbook.content.validate import library_problems, validate
from playbook.paths import bundled_content
from tests.conftest import FIXTURE_CONTENT

LIBRARY, PROBLEMS = validate([bundled_content()])
CASES = LIBRARY.ordered_cases
NAMED = ("daimler-chrysler", "disney-pixar", "starbucks-target", "verily-sanofi")


def test_the_library_validates_cleanly():
    assert PROBLEMS == []


def test_at_least_twenty_cases_including_the_four_named_ones():
    assert len(CASES) >= 20
    assert set(NAMED) <= set(LIBRARY.cases)


def test_every_stage_is_taught_by_at_least_three_cases():
    cov = coverage(LIBRARY)
    assert all(n >= MIN_CASES_PER_STAGE for n in cov.by_stage.values()), cov.by_stage
    assert cov.gaps == []


def test_successes_and_failures_every_direction_and_form():
    cov = coverage(LIBRARY)
    assert cov.by_outcome["success"] >= 3 and cov.by_outcome["failure"] >= 3
    for direction in ("horizontal", "vertical", "diagonal"):
        assert cov.by_direction[direction] >= 2
    for form in (
        "equity",
        "non-equity",
        "joint venture",
        "licence",
        "merger",
        "acquisition",
        "investment",
    ):
        assert cov.by_form[form] >= 1, form


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_each_case_is_teachable(case):
    assert case.sources, "every case names its sources"
    assert all(s.title for s in case.sources)
    words = len(re.findall(r"\w+", case.narrative))
    assert 400 <= words <= 1000, words
    assert len(case.questions) >= 6
    assert len({q.type for q in case.questions}) >= 3
    assert all(q.explanation.strip() for q in case.questions)
    assert all(q.stage in LIBRARY.stages for q in case.questions), "each question names a stage"
    assert 3 <= len(case.discussion) <= 5
    assert all(d.strong_answer for d in case.discussion)
    assert case.legal_form


@pytest.mark.parametrize("case_id", NAMED)
def test_the_named_cases_have_eight_questions_of_four_types(case_id):
    case = LIBRARY.cases[case_id]
    assert len(case.questions) >= 8
    assert len({q.type for q in case.questions}) >= 4


def test_legal_forms_are_taught_honestly():
    form = {c.id: (c.form, c.ended_as) for c in CASES}
    assert form["daimler-chrysler"][0] == "merger"
    assert form["disney-pixar"][1] == "acquisition"
    assert form["starbucks-target"][0] == "licence"
    assert form["verily-sanofi"][0] == "joint venture"
    assert form["wework-softbank"][0] == "investment"
    assert form["aol-time-warner"][0] == "merger"
    for case in CASES:
        if case.form in ("merger", "acquisition", "investment"):
            assert "not" in case.legal_form.lower() and "alliance" in case.legal_form.lower(), (
                case.id
            )


def test_sanofi_had_no_part_in_the_smart_lens():
    case = LIBRARY.cases["verily-sanofi"]
    lens = next(q for q in case.questions if q.type == "true_false" and "lens" in q.prompt.lower())
    assert lens.answer is False


def test_a_thin_library_is_told_which_stages_need_cases(tmp_path):
    shutil.copytree(FIXTURE_CONTENT / "checklists", tmp_path / "checklists")
    (tmp_path / "cases").mkdir()
    shutil.copy(FIXTURE_CONTENT / "cases" / "tiny-case.md", tmp_path / "cases")
    library = load_library([tmp_path])
    messages = [p.message for p in library_problems(library, tmp_path)]
    assert any("stage 'pilot' is taught by 0 cases" in m for m in messages)
    assert any("stage 'north-star' is taught by 1 case;" in m for m in messages)


def test_cases_command_lists_the_library(capsys):
    assert main(["cases"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == [
        "id",
        "title",
        "years",
        "form",
        "outcome",
        "stages",
        "questions",
    ]
    assert "daimler-chrysler" in out and f"{len(CASES)} cases" in out


def test_cases_command_json(capsys):
    assert main(["cases", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == len(CASES)
    daimler = next(r for r in rows if r["id"] == "daimler-chrysler")
    assert daimler["form"] == "merger" and daimler["questions"] >= 8
    assert daimler["sources"][0]["url"].startswith("http")


def test_validate_report_shows_coverage_and_gaps(capsys):
    assert main(["validate", "--report"]) == 0
    out = capsys.readouterr().out
    assert "Daimler-Benz and Chrysler" in out
    assert "gaps: none" in out
    assert "forms: equity" in out
