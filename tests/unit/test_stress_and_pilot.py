"""The exit stress test against the Divorce papers, and the pilot tracker's proposal."""

from __future__ import annotations

from datetime import date

import pytest

from playbook.cli import main
from playbook.content.loader import load_library
from playbook.domain.checks import Context, read_all
from playbook.domain.pilot import report
from playbook.domain.stress import stress_test
from playbook.paths import bundled_content
from tests.conftest import FIXED_NOW
from tests.fixtures.good_answers import GOOD
from tests.seed import new_alliance, new_profile

LIBRARY = load_library([bundled_content()])
DIVORCE = LIBRARY.stages["divorce-papers"]


def outcomes(**changes):
    answers = {stage: dict(fields) for stage, fields in GOOD.items()}
    for key, text in changes.items():
        stage, field_id = key.split(":")
        answers[stage][field_id] = text
    return {
        o.scenario.id: o
        for o in stress_test(DIVORCE, LIBRARY.stages, read_all(LIBRARY.ordered_stages, answers))
    }


def test_the_scenarios_are_content_with_the_eight_the_issue_names():
    ids = {s.id for s in DIVORCE.scenarios}
    assert ids == {
        "partner-acquired",
        "sponsor-leaves",
        "pilot-misses",
        "joint-patent",
        "data-breach",
        "regulator-objects",
        "competing-product",
        "insolvency",
    }


def test_thin_divorce_papers_leave_named_scenarios_not_covered():
    found = outcomes()
    assert not found["insolvency"].covered
    assert not found["partner-acquired"].covered
    assert "add" in found["insolvency"].as_dict() and found["insolvency"].as_dict()["add"]
    assert any("speaks to it" in m for m in found["insolvency"].missing)


def test_filling_the_clause_covers_them_and_names_the_clause():
    detail = (
        GOOD["divorce-papers"]["sunset-detail"] + " Either side may end it at once if the "
        "other becomes insolvent, or after a change of control of either company."
    )
    found = outcomes(**{"divorce-papers:sunset-detail": detail})
    assert found["insolvency"].covered and found["partner-acquired"].covered
    [(label, sentence)] = found["insolvency"].clauses
    assert label == "The triggers, spelled out" and "insolvent" in sentence


def test_stress_command_runs_keeps_the_result_and_the_annex_shows_it(store, capsys):
    profile = new_profile(store, "Ana")
    alliance = new_alliance(store, profile.id, "Harbour Market", "Tidewell")
    for stage_id, answers in GOOD.items():
        store.alliances.save_answers(alliance.id, stage_id, answers, FIXED_NOW)
    assert main(["--db", store.path, "alliance", "stress", "harbour"]) == 0
    out = capsys.readouterr().out
    assert "NOT COVERED  One side becomes insolvent" in out and "1 of 8 scenarios covered" in out
    assert len(store.alliances.stress_tests(alliance.id)) == 1
    assert main(["--db", store.path, "export", "annex", "harbour"]) == 0
    annex = capsys.readouterr().out
    assert "## Exit stress test" in annex and "1 of 8 scenarios covered" in annex
    assert main(["--db", store.path, "export", "charter", "harbour"]) == 0
    assert "stress test" not in capsys.readouterr().out.casefold()  # ours, not the partner's


PILOT = read_all(LIBRARY.ordered_stages, GOOD)["pilot"]
VISITS = "Refill station visits per store per week"
CTX = Context(today=date(2027, 6, 1))


@pytest.mark.parametrize(
    ("value", "decision"), [(410.0, "go"), (400.0, "go"), (300.0, "adjust"), (150.0, "stop")]
)
def test_the_proposal_follows_the_go_and_kill_lines(value, decision):
    readings = {VISITS: [(1, "week 1", 100.0), (2, "week 2", value)]}
    found = report(PILOT, GOOD["north-star"]["goal"], readings, CTX)
    assert found.go.value == 400 and found.kill.value == 150
    assert found.proposal.decision == decision
    assert f"{value:g}" in found.proposal.because


def test_no_proposal_without_a_reading():
    found = report(PILOT, GOOD["north-star"]["goal"], {}, CTX)
    assert found.proposal.decision == "" and "No reading yet" in found.proposal.because


def test_the_north_stars_pace_is_shown_when_it_can_be_read():
    goal = "Sell 60,000 bags of coffee over 40 stores within 52 weeks."
    found = report(PILOT, goal, {}, CTX)
    assert found.pace == pytest.approx(60000 / 40 / 52)
    assert "60,000 bags over 40 stores and 52 weeks" in found.pace_words
