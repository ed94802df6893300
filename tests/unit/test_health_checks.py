"""Health checks after launch: anonymous answers from both organisations, the per-area gap
(shown only once enough people of a side answered), comments by area, the trend across
checks, the action plan and when the next check and North Star review are due."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.content.loader import load_library
from playbook.content.models import HealthArea
from playbook.domain.document import to_markdown
from playbook.domain.health import (
    MIN_SHOWN,
    HealthAnswer,
    HealthError,
    Side,
    checked_actions,
    checked_answer,
    results,
)

AREAS = (
    HealthArea("strategy", "Strategic value", (("goal-shared", "g"), ("value-fair", "v"))),
    HealthArea("relationship", "Relationship", (("trust", "t"), ("open-talk", "o"))),
)


@pytest.fixture
def alliance(services):
    profile = services.profiles.create("Ana")
    return services.alliances.create(profile.id, "Harbour Market", "Tidewell")


def key() -> str:
    return secrets.token_hex(12)


def answer_all(services, code, side, strategy, relationship, comment=None, device=None):
    scores = {
        "goal-shared": strategy,
        "value-fair": strategy,
        "trust": relationship,
        "open-talk": relationship,
    }
    comments = {"relationship": comment} if comment else {}
    return services.health.respond(code, device or key(), side, scores, comments)


def test_the_gap_per_area_and_the_trend_across_two_checks(services, alliance, clock):
    health = services.health
    first = health.open(alliance)
    assert health.open(alliance) == first  # one open check at a time
    for strategy, relationship in ((4, 2), (4, 3), (5, 2)):
        answer_all(services, first.code, "ours", strategy, relationship)
    for strategy, relationship in ((2, 4), (3, 4), (2, 5)):
        answer_all(services, first.code, "partner", strategy, relationship, "Slow replies")
    found = health.results(health.get(first.id))
    strategy, relationship = found.areas
    assert (strategy.ours, strategy.partner) == (4.33, 2.33)
    assert strategy.gap == pytest.approx(2.0) and strategy.worth_talking
    assert relationship.ours == 2.33 and relationship.partner == 4.33
    assert [c.text for c in relationship.comments] == ["Slow replies"] * 3
    assert all(c.side is Side.PARTNER for c in relationship.comments)
    health.close(first)
    with pytest.raises(HealthError, match="closed"):
        answer_all(services, first.code, "ours", 3, 3)

    clock.advance(days=90)
    second = health.open(alliance)
    assert second.code != first.code
    for side in ("ours", "partner"):
        for _ in range(3):
            answer_all(services, second.code, side, 4, 4)
    lines = {line.id: line for line in health.trend(alliance)}
    assert lines["strategy"].points == (3.33, 4.0)
    assert lines["relationship"].points == (3.33, 4.0)
    assert lines["strategy"].change == pytest.approx(0.67)
    text = to_markdown(health.document(alliance))
    assert "The trend across checks" in text and "+0.7" in text


def test_a_side_with_too_few_answers_is_not_shown_apart(services, alliance):
    check = services.health.open(alliance)
    for _ in range(MIN_SHOWN):
        answer_all(services, check.code, "ours", 4, 4, "Fine")
    answer_all(services, check.code, "partner", 1, 1, "Only me here")
    found = services.health.results(services.health.get(check.id))
    area = found.areas[1]
    assert area.partner is None and area.gap is None and area.ours == 4.0
    assert area.overall == pytest.approx(3.25)
    # The lone partner's comment is shown, but not as the partner's.
    lone = next(c for c in area.comments if c.text == "Only me here")
    assert lone.side is None
    text = to_markdown(services.health.document(alliance))
    assert "Fewer than 3 answers from Harbour Market" in text


def test_one_device_answers_once_and_may_correct_itself(services, alliance):
    check = services.health.open(alliance)
    device = key()
    answer_all(services, check.code, "ours", 2, 2, device=device)
    answer_all(services, check.code, "ours", 5, 5, "Better now", device=device)
    assert services.health.get(check.id).answers == 1
    mine = services.health.mine(check.code, device)
    assert mine.scores["trust"] == 5 and mine.comments == {"relationship": "Better now"}
    assert services.health.mine(check.code, key()) is None


@pytest.mark.parametrize(
    ("side", "scores", "comments", "message"),
    [
        ("", {"goal-shared": 3}, {}, "which organisation"),
        ("both", {}, {}, "which organisation"),
        ("ours", {"goal-shared": 3}, {}, "not scored yet"),
        ("ours", {"goal-shared": 6, "value-fair": 1, "trust": 1, "open-talk": 1}, {}, "1 to 5"),
        ("ours", {"goal-shared": 0, "value-fair": 1, "trust": 1, "open-talk": 1}, {}, "1 to 5"),
        ("ours", {"goal-shared": True, "value-fair": 1, "trust": 1, "open-talk": 1}, {}, "1 to 5"),
        ("ours", {"goal-shared": 2.5, "value-fair": 1, "trust": 1, "open-talk": 1}, {}, "1 to 5"),
        ("ours", {"elsewhere": 3}, {}, "no statement"),
        (
            "ours",
            {"goal-shared": 1, "value-fair": 1, "trust": 1, "open-talk": 1},
            {"nowhere": "x"},
            "no area",
        ),
        (
            "ours",
            {"goal-shared": 1, "value-fair": 1, "trust": 1, "open-talk": 1},
            {"strategy": "x" * 1001},
            "at most",
        ),
    ],
)
def test_an_answer_that_cannot_be_counted_is_refused_with_what_to_change(
    side, scores, comments, message
):
    with pytest.raises(HealthError, match=message):
        checked_answer(AREAS, side, scores, comments)


@given(
    st.lists(
        st.tuples(st.sampled_from(list(Side)), st.lists(st.integers(1, 5), min_size=4, max_size=4)),
        max_size=12,
    )
)
@settings(max_examples=60, deadline=None)
def test_figures_of_a_side_show_only_with_enough_answers_and_stay_on_the_scale(people):
    answers = [
        HealthAnswer(
            side, dict(zip(("goal-shared", "value-fair", "trust", "open-talk"), s, strict=True))
        )
        for side, s in people
    ]
    found = results(AREAS, answers)
    for area in found.areas:
        for side, mean in ((Side.OURS, area.ours), (Side.PARTNER, area.partner)):
            count = sum(1 for a in answers if a.side is side)
            assert (mean is None) == (count < MIN_SHOWN)
            assert mean is None or 1 <= mean <= 5
        assert area.gap is None or 0 <= area.gap <= 4


def test_the_action_plan_needs_what_who_and_a_day_to_come(services, alliance, clock):
    check = services.health.open(alliance)
    today = clock().date()
    saved = services.health.save_actions(
        check,
        [("Agree a reply time for partner emails", "Dana Okafor", "30 March 2027"), ("", "", "")],
    )
    assert [(a.what, a.owner) for a in saved] == [
        ("Agree a reply time for partner emails", "Dana Okafor")
    ]
    assert services.health.actions(check) == saved
    for row, message in [
        (("Fix", "Dana", "30 March 2027"), "say what will be done"),
        (("asdf qwer zxcv tyui", "Dana", "30 March 2027"), "does not read as words"),
        (("Agree a reply time", "", "30 March 2027"), "name who owns it"),
        (("Agree a reply time", "Dana", "soon"), "not a date"),
        (("Agree a reply time", "Dana", (today - timedelta(days=1)).isoformat()), "has passed"),
    ]:
        with pytest.raises(HealthError, match=message):
            checked_actions([row], today)
    assert services.health.actions(check) == saved  # a refused plan changes nothing


def test_the_next_check_and_the_north_star_review_fall_due_by_the_alliances_intervals(
    services, alliance, clock
):
    health = services.health
    start = clock().astimezone().date()
    due = health.schedule(alliance)
    assert due.next_check == start + timedelta(days=90)
    assert due.next_review == start + timedelta(days=91)
    health.set_intervals(alliance, "30", 60)
    assert health.schedule(alliance).next_check == start + timedelta(days=30)
    with pytest.raises(HealthError, match="between 7 and 366"):
        health.set_intervals(alliance, 2, 60)
    clock.advance(days=40)
    assert health.schedule(alliance).check_overdue
    health.open(alliance)
    after = health.schedule(alliance)
    assert not after.check_overdue and after.next_check == start + timedelta(days=70)
    health.record_review(alliance)
    assert health.schedule(alliance).next_review == start + timedelta(days=100)


def test_deleting_the_alliance_deletes_its_checks(services, alliance):
    check = services.health.open(alliance)
    answer_all(services, check.code, "ours", 3, 3)
    services.alliances.delete(alliance)
    with pytest.raises(HealthError, match="no health check"):
        services.health.survey(check.code)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Is the goal still shared?", "it is a question"),
        ("Goal shared.", "too short"),
        (" ".join(["word"] * 31) + ".", "31 words"),
    ],
)
def test_statements_that_cannot_be_scored_are_reported_at_their_line(tmp_path, text, message):
    from tests.conftest import FIXTURE_CONTENT

    source = (FIXTURE_CONTENT / "checklists" / "alliance-manager.md").read_text()
    assert '"I trust the people on the other side."' in source
    folder = tmp_path / "content" / "checklists"
    folder.mkdir(parents=True)
    path = folder / "alliance-manager.md"
    path.write_text(source.replace("I trust the people on the other side.", text))
    library = load_library([FIXTURE_CONTENT, tmp_path / "content"])
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if text[:10] in t)
    assert any(
        p.path == path and p.line == line and message in p.message for p in library.problems
    ), library.problems
