"""Points reward being right and being quick; boards rank people, teams and whole series."""

from __future__ import annotations

import pytest

from playbook.domain.workshop import (
    SeriesStanding,
    Standing,
    TeamStanding,
    anonymize,
    combined_leaderboard,
    leaderboard,
    score_answer,
    team_board,
)

# -- points for one answer ---------------------------------------------------------------------


def test_a_wrong_answer_scores_nothing_however_fast():
    assert score_answer(0.0, 0.0, 20) == 0
    assert score_answer(0.0, 0.0, None) == 0


def test_a_right_answer_without_a_time_limit_scores_full_points():
    assert score_answer(1.0, 95.0, None) == 1000


def test_half_the_points_are_for_being_right_and_half_for_speed():
    assert score_answer(1.0, 0.0, 20) == 1000  # instantly
    assert score_answer(1.0, 10.0, 20) == 750  # half the time used
    assert score_answer(1.0, 20.0, 20) == 500  # at the buzzer
    assert score_answer(1.0, 25.0, 20) == 500  # late answers that still counted get no less


def test_partial_credit_scales_the_points():
    assert score_answer(0.5, 0.0, None) == 500
    assert score_answer(0.5, 10.0, 20) == 375
    assert score_answer(2 / 3, 0.0, None) == 667


def test_scores_outside_zero_to_one_are_clamped():
    assert score_answer(1.5, 0.0, None) == 1000
    assert score_answer(-1.0, 0.0, None) == 0


# -- the leaderboard ---------------------------------------------------------------------------

ROWS = [
    (1, "Dana", "Blue", 1500),
    (2, "ben", "Red", 2400),
    (3, "Ada", "Red", 1500),
    (4, "Cyd", None, 900),
    (5, "Eve", "blue ", 2400),
]


def test_the_board_is_sorted_by_points_then_by_name():
    names = [s.name for s in leaderboard(ROWS)]
    assert names == ["ben", "Eve", "Ada", "Dana", "Cyd"]  # names compare ignoring case


def test_equal_points_share_a_rank_and_the_next_rank_skips():
    assert [(s.rank, s.points) for s in leaderboard(ROWS)] == [
        (1, 2400),
        (1, 2400),
        (3, 1500),
        (3, 1500),
        (5, 900),
    ]


def test_a_standing_keeps_the_participant_and_team():
    assert leaderboard(ROWS)[-1] == Standing(5, 4, "Cyd", None, 900)


def test_an_empty_workshop_has_an_empty_board():
    assert leaderboard([]) == []
    assert team_board([]) == []


# -- teams -------------------------------------------------------------------------------------


def test_teams_sum_their_members_points_and_leave_out_those_without_a_team():
    board = team_board(ROWS)
    assert board == [
        TeamStanding(rank=1, team="Blue", members=2, points=3900, mean=1950.0),
        TeamStanding(rank=1, team="Red", members=2, points=3900, mean=1950.0),
    ]
    assert sum(t.members for t in board) == 4  # Cyd has no team


def test_team_names_match_ignoring_case_and_spacing():
    board = team_board([(1, "A", "Blue", 10), (2, "B", " blue", 20), (3, "C", "BLUE ", 30)])
    assert [(t.team, t.members, t.points) for t in board] == [("Blue", 3, 60)]


def test_teams_of_different_sizes_can_be_ranked_by_their_mean():
    rows = [
        (1, "A", "Big", 600),
        (2, "B", "Big", 600),
        (3, "C", "Big", 600),
        (4, "D", "Small", 1000),
    ]
    by_total = team_board(rows)
    by_mean = team_board(rows, by="mean")
    assert [(t.team, t.points, t.mean) for t in by_total] == [
        ("Big", 1800, 600.0),
        ("Small", 1000, 1000.0),
    ]
    assert [t.team for t in by_mean] == ["Small", "Big"]
    assert by_mean[0].rank == 1


def test_teams_tied_on_points_share_a_rank():
    board = team_board([(1, "A", "Red", 500), (2, "B", "Blue", 500), (3, "C", "Gold", 100)])
    assert [(t.rank, t.team) for t in board] == [(1, "Blue"), (1, "Red"), (3, "Gold")]


def test_teams_can_only_be_ranked_by_points_or_mean():
    with pytest.raises(ValueError, match="points"):
        team_board(ROWS, by="members")


# -- anonymity on the projected screen ---------------------------------------------------------


def test_anonymised_names_follow_rank_order_and_hide_every_real_name():
    shown = anonymize(leaderboard(ROWS))
    assert [s.name for s in shown] == [f"Participant {i}" for i in range(1, 6)]
    assert [(s.rank, s.points) for s in shown] == [(s.rank, s.points) for s in leaderboard(ROWS)]
    assert not {"Ada", "ben", "Cyd", "Dana", "Eve"} & {s.name for s in shown}


def test_anonymised_labels_are_stable_for_the_same_board():
    board = leaderboard(ROWS)
    assert anonymize(board) == anonymize(list(reversed(board)))


# -- a series of workshops ---------------------------------------------------------------------


def test_a_series_sums_points_by_name_ignoring_case_and_spacing():
    monday = [(1, "Ada Lovelace", "Red", 1000), (2, "Ben", "Red", 700)]
    tuesday = [(7, "ada  lovelace", "Blue", 500), (8, "Cyd", None, 1600)]
    board = combined_leaderboard([monday, tuesday])
    assert board == [
        SeriesStanding(rank=1, name="Cyd", points=1600, workshops=1),
        SeriesStanding(rank=2, name="Ada Lovelace", points=1500, workshops=2),
        SeriesStanding(rank=3, name="Ben", points=700, workshops=1),
    ]


def test_a_series_counts_a_name_once_per_workshop():
    board = combined_leaderboard([[(1, "Ada", None, 100), (2, "ADA", None, 50)]])
    assert board == [SeriesStanding(rank=1, name="Ada", points=150, workshops=1)]


def test_a_series_shares_ranks_on_equal_totals():
    board = combined_leaderboard([[(1, "Ada", None, 500)], [(1, "Ben", None, 500)]])
    assert [(s.rank, s.name) for s in board] == [(1, "Ada"), (1, "Ben")]
