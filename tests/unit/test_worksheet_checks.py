"""Worksheet checks: real answers pass; blanks, stubs and boilerplate fail, saying why."""

from __future__ import annotations

import json

import pytest

from playbook.content.loader import load_library
from playbook.domain.checks import check_field, read_answers
from playbook.domain.checks import check_stage as check_typed
from playbook.paths import bundled_content
from tests.fixtures.good_answers import GOOD

LIBRARY = load_library([bundled_content()])
STAGES = LIBRARY.stages


def field(stage_id: str, field_id: str):
    return next(f for f in STAGES[stage_id].fields if f.id == field_id)


def messages(stage_id: str, field_id: str, raw: str) -> list[str]:
    answer = field(stage_id, field_id)
    return check_field(answer, answer.read(raw))


def check_stage(stage, raw: dict[str, str]):
    """The stage's checks on answers as stored (read into their kinds' values first)."""
    return check_typed(stage, read_answers(stage, raw))


@pytest.mark.parametrize("stage_id", list(GOOD))
def test_sensible_answers_pass_every_stage(stage_id):
    result = check_stage(STAGES[stage_id], GOOD[stage_id])
    assert result.failures == (), result.failures
    assert result.passing == result.total


@pytest.mark.parametrize("stage_id", list(GOOD))
def test_a_blank_worksheet_fails_every_required_field(stage_id):
    stage = STAGES[stage_id]
    result = check_stage(stage, {})
    required = {f.id for f in stage.fields if f.required}
    assert {f.field_id for f in result.failures} == required
    assert result.passing == 0 and result.total == len(required)  # blank optional ones: no credit


BOILERPLATE = [
    "TBD",
    "n/a",
    "-",
    "We will leverage synergies for a win-win.",
    "Mutually beneficial strategic partnership going forward.",
    "ok",
]


def stubbed(stage_id: str, stub: str) -> tuple[dict[str, str], set[str]]:
    """The good answers with every written part replaced by `stub`."""
    answers = dict(GOOD[stage_id])
    written = set()
    for f in STAGES[stage_id].fields:
        if not f.required:
            continue
        if f.kind in ("text", "long", "list", "date"):
            answers[f.id] = stub
        elif f.kind == "score":
            answers[f.id] = json.dumps({**json.loads(answers[f.id]), "evidence": stub})
        elif f.kind == "rights":
            answers[f.id] = json.dumps([{"decision": stub, "owner": ""}])
        else:
            continue
        written.add(f.id)
    return answers, written


@pytest.mark.parametrize("stage_id", list(GOOD))
@pytest.mark.parametrize("stub", BOILERPLATE)
def test_boilerplate_passes_no_stage(stage_id, stub):
    answers, written = stubbed(stage_id, stub)
    result = check_stage(STAGES[stage_id], answers)
    assert not result.passed
    failing = {f.field_id for f in result.failures}
    assert written <= failing
    # Beyond them, only fields whose checks read a stubbed one ("spelled out in ...").
    readers = {f.id for f in STAGES[stage_id].fields if any(c.arg in written for c in f.checks)}
    assert failing - written <= readers


class TestNorthStarGoal:
    def test_one_measurable_dated_goal_passes(self):
        assert messages("north-star", "goal", GOOD["north-star"]["goal"]) == []

    def test_no_number(self):
        [message] = messages(
            "north-star", "goal", "Grow our refill sales across Harbour Market stores by June 2027."
        )
        assert "part of a date" in message and "target" in message

    def test_no_time_frame(self):
        [message] = messages(
            "north-star", "goal", "Sell 120,000 refills through Harbour Market's sixty stores."
        )
        assert "No time frame" in message

    def test_a_year_alone_is_not_a_target(self):
        result = messages(
            "north-star", "goal", "Become the best refill partner in the region by 2027 together."
        )
        assert any("target" in m for m in result)

    def test_a_list_of_goals(self):
        result = messages(
            "north-star",
            "goal",
            "- Sell 120,000 refills by June 2027\n- Open 10 new stores by 2028",
        )
        assert any("list of 2 goals" in m for m in result)

    def test_two_targets_joined_by_and(self):
        result = messages(
            "north-star",
            "goal",
            "Sell 120,000 refills and sign up 5,000 subscribers within 18 months.",
        )
        assert any("more than one goal" in m and "120,000" in m for m in result)

    def test_the_example_copied_back(self):
        example = field("north-star", "goal").placeholder.removeprefix("e.g. ")
        assert any("example" in m for m in messages("north-star", "goal", example))

    def test_one_word(self):
        result = messages("north-star", "goal", "Growth")
        assert any("Too short" in m for m in result)


class TestAllianceManager:
    def test_a_person_must_be_named(self):
        for stub in ("The partnerships team", "TBD", "Priya", "someone to be hired", "Head of Ops"):
            assert messages("alliance-manager", "manager-name", stub), stub
        assert messages("alliance-manager", "manager-name", "Priya Raman") == []
        assert messages("alliance-manager", "manager-name", "José María Álvarez") == []

    def test_not_someone_with_a_sales_or_engineering_quota(self):
        found = messages("alliance-manager", "manager-role", "Senior sales manager, full-time")
        assert any("sales" in m and "quota" in m for m in found)
        ok = "Head of operations, full-time on the alliance"
        assert messages("alliance-manager", "manager-role", ok) == []
        freed = "Senior sales manager, full-time on the alliance with no sales quota"
        assert messages("alliance-manager", "manager-role", freed) == []

    def test_every_decision_needs_an_owner(self):
        rights = json.dumps(
            [
                {"decision": "Pricing", "owner": "ours"},
                {"decision": "Hiring", "owner": ""},
                {"decision": "Launch dates", "owner": ""},
            ]
        )
        [message] = messages("alliance-manager", "decision-rights", rights)
        assert "“Hiring”" in message and "“Launch dates”" in message


class TestVibeCheck:
    def test_a_score_without_evidence(self):
        raw = json.dumps({"score": 4, "evidence": "", "sources": []})
        [message] = messages("vibe-check", "reputation", raw)
        assert "no evidence" in message
        assert "site visit" in message

    def test_no_score_yet(self):
        raw = json.dumps({"score": None, "evidence": "Met their ops team twice.", "sources": []})
        assert "No score yet" in messages("vibe-check", "reputation", raw)[0]

    def test_both_companies_must_be_placed(self):
        [message] = messages("vibe-check", "risk", json.dumps({"us": 2, "them": None}))
        assert "the partner" in message and "your company" not in message


class TestPilot:
    def test_review_date_must_be_a_date(self):
        assert "is not a date" in messages("pilot", "review-date", "end of May")[0]
        for written in ("2027-05-31", "31 May 2027", "May 31, 2027", "31/05/2027"):
            assert messages("pilot", "review-date", written) == [], written

    def test_kill_criterion_needs_a_number(self):
        result = messages(
            "pilot", "kill-criterion", "If it clearly is not working for either side."
        )
        assert any("measurable" in m for m in result)

    def test_indicators_are_lists(self):
        assert "No entries yet" in messages("pilot", "leading", "   \n  ")[0]
        assert "placeholder" in messages("pilot", "leading", "Weekly visits\nTBD")[0]


def test_unreadable_stored_json_reads_as_blank_not_a_crash():
    assert "No score yet" in messages("vibe-check", "reputation", "{not json")[0]
    assert messages("alliance-manager", "decision-rights", "[1, 2") == ["No decisions listed yet."]
