"""Item analysis tells a facilitator which questions were too easy, too hard or uninformative."""

from __future__ import annotations

from math import sqrt

import pytest

from playbook.domain.workshop_analysis import (
    ItemStats,
    discrimination,
    facility,
    item_analysis,
    point_biserial,
    verdict,
)

# Eight participants, four questions, every total different (hand-checked below).
#            q1   q2   q3   q4     total
CLASS = {
    "A": {"q1": 1, "q2": 1, "q3": 1, "q4": 1},  # 4.0
    "B": {"q1": 1, "q2": 1, "q3": 1, "q4": 0.5},  # 3.5
    "C": {"q1": 1, "q2": 1, "q3": 0, "q4": 1},  # 3.0
    "D": {"q1": 1, "q2": 0, "q3": 1, "q4": 0.5},  # 2.5
    "E": {"q1": 0, "q2": 1, "q3": 1, "q4": 0},  # 2.0
    "F": {"q1": 0, "q2": 1, "q3": 0, "q4": 0.5},  # 1.5
    "G": {"q1": 0, "q2": 1, "q3": 0, "q4": 0},  # 1.0
    "H": {"q1": 0, "q2": 0.5, "q3": 0, "q4": 0},  # 0.5
}
# 27% of 8 is 2.16: the top group is A and B, the bottom group G and H.


def test_facility_is_the_mean_score_of_those_who_answered():
    assert facility(CLASS, "q1") == 0.5
    assert facility(CLASS, "q2") == 6.5 / 8
    assert facility(CLASS, "q4") == 3.5 / 8


def test_facility_ignores_those_who_did_not_answer_but_counts_wrong_answers():
    scores = {"A": {"q1": 1}, "B": {"q1": 0}, "C": {}}
    assert facility(scores, "q1") == 0.5


def test_facility_is_none_when_nobody_answered():
    assert facility(CLASS, "q9") is None
    assert facility({}, "q1") is None


def test_discrimination_is_the_top_group_mean_minus_the_bottom_group_mean():
    assert discrimination(CLASS, "q1") == 1.0  # A, B right; G, H wrong
    assert discrimination(CLASS, "q2") == 1.0 - (1 + 0.5) / 2  # 0.25
    assert discrimination(CLASS, "q3") == 1.0
    assert discrimination(CLASS, "q4") == 0.75  # (1 + 0.5) / 2 - 0


def test_a_question_the_weak_got_right_and_the_strong_got_wrong_discriminates_negatively():
    scores = {
        "A": {"q1": 1, "q2": 1, "q3": 1, "trap": 0},
        "B": {"q1": 1, "q2": 1, "q3": 0, "trap": 0},
        "C": {"q1": 1, "q2": 0, "q3": 0, "trap": 1},
        "D": {"q1": 0, "q2": 0, "q3": 0, "trap": 1},
    }
    assert discrimination(scores, "trap") == -1.0  # groups of one: A (0) minus D (1)


def test_discrimination_needs_four_answers():
    three = {p: CLASS[p] for p in "ABC"}
    assert discrimination(three, "q1") is None
    four = {p: CLASS[p] for p in "ABCH"}
    assert discrimination(four, "q1") == 1.0  # groups of one: A minus H


def test_only_those_who_answered_are_ranked_for_discrimination():
    scores = {p: dict(a) for p, a in CLASS.items()}
    for p in "EFGH":
        del scores[p]["q1"]  # A-D answered q1 (all right); E-H never saw it
    assert discrimination(scores, "q1") == 0.0


def test_ties_at_a_group_edge_are_shared_not_decided_by_name():
    # Five answered: groups of one. X and Y tie on the top total, one right and one wrong.
    scores = {
        "X": {"q": 1, "other": 1},
        "Y": {"q": 0, "other": 2},
        "M": {"q": 0, "other": 1},
        "N": {"q": 0, "other": 0.5},
        "Z": {"q": 0, "other": 0},
    }
    assert discrimination(scores, "q") == 0.5
    renamed = {"A" + p: answers for p, answers in reversed(scores.items())}
    assert discrimination(renamed, "q") == 0.5


def test_point_biserial_correlates_with_the_other_items_only():
    scores = {
        "A": {"q1": 1, "q2": 1, "q3": 1},
        "B": {"q1": 1, "q2": 1, "q3": 0},
        "C": {"q1": 0, "q2": 0, "q3": 1},
        "D": {"q1": 0, "q2": 0, "q3": 0},
    }
    # q1 = [1, 1, 0, 0] against q2 + q3 = [2, 1, 1, 0]: r = 1 / sqrt(1 * 2).
    # Counting q1 in its own total would give 2 / sqrt(5) = 0.894 instead.
    assert point_biserial(scores, "q1") == pytest.approx(1 / sqrt(2))


def test_point_biserial_is_none_when_undefined():
    everyone_right = {p: {"q1": 1, "q2": i % 2} for i, p in enumerate("ABCD")}
    assert point_biserial(everyone_right, "q1") is None  # no spread in the item
    same_rest = {p: {"q1": i % 2, "q2": 1} for i, p in enumerate("ABCD")}
    assert point_biserial(same_rest, "q1") is None  # no spread in the rest
    assert point_biserial({"A": {"q1": 1, "q2": 0}}, "q1") is None  # one answer
    assert point_biserial(CLASS, "q9") is None  # nobody answered


@pytest.mark.parametrize(
    ("fac", "disc", "expected"),
    [
        (0.95, 0.5, "too easy"),
        (0.9, 0.5, "good"),  # 0.9 itself is not too easy
        (0.1, 0.5, "too hard"),
        (0.2, 0.5, "good"),
        (0.5, 0.1, "does not separate strong from weak"),
        (0.5, 0.2, "good"),
        (0.5, None, "not enough answers"),
        (None, None, "not enough answers"),
    ],
)
def test_the_verdict_names_the_teaching_problem(fac, disc, expected):
    assert verdict(fac, disc) == expected


def test_item_analysis_reports_every_question_in_agenda_order():
    stats = item_analysis(CLASS, ["q4", "q1", "q9"])
    assert [s.key for s in stats] == ["q4", "q1", "q9"]
    assert stats[1] == ItemStats(
        key="q1",
        answered=8,
        facility=0.5,
        discrimination=1.0,
        point_biserial=pytest.approx(stats[1].point_biserial),
        verdict="good",
    )
    assert stats[1].point_biserial > 0.5
    assert stats[2] == ItemStats("q9", 0, None, None, None, "not enough answers")


def test_the_ranking_total_covers_only_the_questions_analysed():
    scores = {
        "A": {"q": 1, "x1": 0, "x2": 0},
        "B": {"q": 0, "x1": 1, "x2": 1},
        "C": {"q": 0.5, "x1": 0, "x2": 0},
        "D": {"q": 0, "x1": 0, "x2": 0},
    }
    # Over all three questions B is strongest (and got q wrong); over q alone A is.
    assert discrimination(scores, "q") == 0.0
    assert discrimination(scores, "q", ["q"]) == 1.0
    assert item_analysis(scores, ["q"])[0].discrimination == 1.0
    assert [s.key for s in item_analysis(scores)] == ["q", "x1", "x2"]


def test_an_easy_question_is_flagged():
    scores = {p: {**answers, "easy": 1} for p, answers in CLASS.items()}
    scores["H"]["easy"] = 0.5
    easy = next(s for s in item_analysis(scores) if s.key == "easy")
    assert easy.facility == pytest.approx(7.5 / 8)
    assert easy.verdict == "too easy"
