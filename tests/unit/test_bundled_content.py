"""The bundled library obeys its own rules: true, sourced, teachable, and covering every stage."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from playbook.cli import main
from playbook.content.answers import fold, format_number, unit_scale
from playbook.content.coverage import (
    MIN_CASES,
    MIN_CASES_PER_STAGE,
    MIN_FAILURES,
    MIN_LED_OUTSIDE_US,
    coverage,
)
from playbook.content.loader import load_library
from playbook.content.questions import Numeric, ShortAnswer
from playbook.content.validate import library_problems, validate
from playbook.paths import bundled_content
from tests.conftest import FIXTURE_CONTENT

LIBRARY, PROBLEMS = validate([bundled_content()])
CASES = LIBRARY.ordered_cases
NAMED = ("daimler-chrysler", "disney-pixar", "starbucks-target", "verily-sanofi")


def test_the_library_validates_cleanly():
    assert PROBLEMS == []


def test_at_least_thirty_cases_including_the_four_named_ones():
    assert len(CASES) >= MIN_CASES >= 30
    assert set(NAMED) <= set(LIBRARY.cases)


def test_the_library_covers_what_a_course_needs():
    """Every stage by 5 cases, 8 led from outside the US, 5 failures, every case checked."""
    cov = coverage(LIBRARY)
    assert all(n >= MIN_CASES_PER_STAGE >= 5 for n in cov.by_stage.values()), cov.by_stage
    assert cov.led_outside_us >= MIN_LED_OUTSIDE_US >= 8
    assert cov.failures >= MIN_FAILURES >= 5
    assert cov.checked == len(CASES)
    assert cov.gaps == []


def test_true_false_keys_are_balanced():
    """Someone who always answers "false" (or "true") does not pass."""
    cov = coverage(LIBRARY)
    assert 0.4 <= cov.true_keys / (cov.true_keys + cov.false_keys) <= 0.6


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
    assert all(s.title and (not s.url or s.url.startswith("http")) for s in case.sources)
    words = len(re.findall(r"\w+", case.narrative))
    assert 600 <= words <= 2200, words
    assert 8 <= len(case.questions) <= 10
    assert len({q.type for q in case.questions}) >= 4
    assert case.decision and case.decision.protagonist and case.decision.date
    assert case.story is not None and len(case.story.exhibits) >= 2
    assert case.teaching_note and 60 <= case.teaching_note.minutes <= 90
    assert case.checked and re.fullmatch(r"\d{4}-\d{2}-\d{2}", case.checked.date)
    assert case.led_from
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


def test_the_corrected_facts_stay_corrected():
    """The errors a claim-by-claim check found (fact sheet, section 24) do not come back."""
    atripla = LIBRARY.cases["gilead-bms-atripla"]
    assert "LLC" in atripla.legal_form and "set up by contract" not in atripla.narrative
    assert "no new company" not in atripla.narrative.lower()
    verily = LIBRARY.cases["verily-sanofi"]
    assert "31 August 2015" in verily.narrative
    assert "September 2015" not in verily.narrative
    wework = LIBRARY.cases["wework-softbank"]
    assert "WeWork Japan" in wework.legal_form and "2017" in wework.legal_form
    assert "never an alliance" not in wework.narrative.lower()
    pixar = LIBRARY.cases["disney-pixar"]
    assert pixar.form != "non-equity"  # Disney bought a stake in 1997


def _short_variants(answer: str) -> list[str]:
    """How a trainee who knows the answer may type it."""
    variants = [answer.upper(), answer.lower(), f" {answer}. "]
    if not answer.casefold().startswith("the "):
        variants.append(f"the {answer}")
    if len(fold(answer).split()) == 1 and not fold(answer).isdigit():
        variants.append(f"{answer} Inc.")
    letters = fold(answer)
    if len(letters.replace(" ", "")) >= 9:  # a slip: two letters swapped in the middle
        middle = len(letters) // 2
        if letters[middle - 1] != letters[middle] and " " not in letters[middle - 1 : middle + 1]:
            swapped = letters[middle] + letters[middle - 1]
            variants.append(letters[: middle - 1] + swapped + letters[middle + 1 :])
    return variants


SHORTS = [q for c in CASES for q in c.questions if isinstance(q, ShortAnswer)]
NUMERICS = [q for c in CASES for q in c.questions if isinstance(q, Numeric)]


@pytest.mark.parametrize("question", SHORTS, ids=lambda q: q.key)
def test_each_short_answer_accepts_its_obvious_variants(question):
    for answer in question.accept:
        for typed in _short_variants(answer):
            if fold(typed) in {fold(r) for r in question.reject}:
                continue
            assert question.grade(typed).correct, (typed, question.accept)


def _numeric_variants(question: Numeric) -> list[str]:
    value = question.answer
    text = format_number(value)
    variants = [text, text.replace(",", " "), text.replace(",", ""), f"about {text}"]
    if question.unit:
        variants.append(f"{text} {question.unit}")
    if question.unit.startswith(("US$", "$")) or "dollar" in question.unit:
        variants.append(f"${text}")
    scale = unit_scale(question.unit)
    amount = value * scale
    if amount >= 1e9:
        variants.append(f"{format_number(amount / 1e6)} million")
        variants.append(f"{format_number(amount / 1e9)}bn")
    elif amount >= 1e6:
        variants.append(f"{format_number(amount / 1e6)}m")
        variants.append(f"{format_number(amount / 1e3)}k")
    elif amount >= 1e4 and float(amount / 1e3).is_integer():
        variants.append(f"{format_number(amount / 1e3)}k")
    if "%" in question.unit or "percent" in question.unit:
        variants.append(f"{text}%")
    return variants


@pytest.mark.parametrize("question", NUMERICS, ids=lambda q: q.key)
def test_each_numeric_answer_accepts_its_obvious_variants(question):
    for typed in _numeric_variants(question):
        assert question.refusal(typed) == "", typed
        assert question.grade(typed).correct, (typed, question.answer, question.unit)


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
    assert "Gaps: none" in out
    assert "forms: equity" in out
    for figure in (
        "cases per stage:",
        "led from outside the US:",
        "failures:",
        "checked by a second reader:",
        "true/false keys:",
    ):
        assert figure in out
    assert "renault-nissan-mitsubishi" in out and "Divorce papers" in out  # nothing cut
