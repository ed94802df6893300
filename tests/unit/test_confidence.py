"""Certainty-based marking (Gardner-Medwin) and how well a learner's confidence is calibrated."""

from __future__ import annotations

import pytest

from playbook.domain.quiz import (
    NO_DATA,
    OVER_CONFIDENT,
    UNDER_CONFIDENT,
    WELL_CALIBRATED,
    calibration,
    cbm_mark,
)


@pytest.mark.parametrize(
    ("confidence", "right", "wrong"),
    [("low", 1.0, 0.0), ("medium", 2.0, -2.0), ("high", 3.0, -6.0)],
)
def test_cbm_rewards_confidence_when_right_and_punishes_it_when_wrong(confidence, right, wrong):
    assert cbm_mark(1.0, confidence) == right
    assert cbm_mark(0.0, confidence) == wrong


def test_no_confidence_given_counts_as_low():
    assert cbm_mark(1.0, None) == 1.0
    assert cbm_mark(0.0, None) == 0.0


@pytest.mark.parametrize(("confidence", "mark"), [("low", 0.5), ("medium", 0.0), ("high", -1.5)])
def test_partial_scores_interpolate_between_the_wrong_and_right_mark(confidence, mark):
    assert cbm_mark(0.5, confidence) == pytest.approx(mark)


def test_an_unknown_confidence_is_a_programming_error():
    with pytest.raises(ValueError, match="confidence"):
        cbm_mark(1.0, "certain")


def test_calibration_counts_and_averages_each_level():
    result = calibration([(1.0, "high"), (0.5, "high"), (0.0, "medium"), (1.0, None)])
    assert (result.levels["high"].count, result.levels["high"].mean_score) == (2, 0.75)
    assert (result.levels["medium"].count, result.levels["medium"].mean_score) == (1, 0.0)
    assert (result.levels["low"].count, result.levels["low"].mean_score) == (1, 1.0)


def test_calibration_gives_gardner_medwins_expected_ranges():
    levels = calibration([]).levels
    assert levels["low"].expected == pytest.approx((0.0, 0.67), abs=0.01)
    assert levels["medium"].expected == pytest.approx((0.67, 0.80), abs=0.01)
    assert levels["high"].expected == (0.8, 1.0)


def test_high_confidence_right_less_than_80_percent_is_over_confident():
    results = [(1.0, "high")] * 7 + [(0.0, "high")] * 3
    result = calibration(results)
    assert result.kind == OVER_CONFIDENT
    assert "70%" in result.verdict


def test_high_confidence_right_80_percent_or_more_is_well_calibrated():
    results = [(1.0, "high")] * 8 + [(0.0, "high")] * 2 + [(0.0, "low")] * 3
    assert calibration(results).kind == WELL_CALIBRATED


def test_low_confidence_usually_right_is_under_confident():
    results = [(1.0, "low")] * 3 + [(1.0, "high")]
    result = calibration(results)
    assert result.kind == UNDER_CONFIDENT
    assert "100%" in result.verdict


def test_two_lucky_low_confidence_answers_are_not_enough_to_call_under_confidence():
    assert calibration([(1.0, "low"), (1.0, None)]).kind == WELL_CALIBRATED


def test_over_confidence_is_reported_before_under_confidence():
    results = [(1.0, "low")] * 3 + [(0.0, "high")]
    assert calibration(results).kind == OVER_CONFIDENT


def test_calibration_of_nothing_says_there_is_no_data():
    result = calibration([])
    assert result.kind == NO_DATA
    assert result.verdict
    assert all(s.count == 0 and s.mean_score is None for s in result.levels.values())


def test_medium_confidence_mostly_wrong_is_over_confident_too():
    # Three or more medium answers right under 67% of the time: low would have paid better.
    results = [(0.0, "medium")] * 2 + [(0.5, "medium")] + [(1.0, "high")] * 4
    result = calibration(results)
    assert result.kind == OVER_CONFIDENT
    assert "medium" in result.verdict and "17%" in result.verdict
    assert calibration([(0.0, "medium")] * 2 + [(1.0, "high")]).kind == WELL_CALIBRATED
