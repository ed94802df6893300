"""Progress bundles: a database's progress written as one JSON file and merged into another
(newer wins per worksheet answer, tick and alliance record, attempts, review history and
other histories united, charter versions numbered in export order, cards rebuilt with the
app's scheduler), the same in either order, importing twice changing nothing, and bundles
from a newer app refused clearly."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.cli import main
from playbook.domain.review import review
from playbook.services import Services
from playbook.services.clock import ManualClock
from playbook.services.progress import VERSION, BundleError, parse_bundle, read_bundle
from playbook.store.store import Store
from tests.conftest import FIXED_NOW, fixture_library


def open_services(path, clock) -> Services:
    return Services(Store.open(path), fixture_library(), clock, random.Random(5))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(FIXED_NOW)


@pytest.fixture
def two(tmp_path, clock):
    first, second = open_services(tmp_path / "a.db", clock), open_services(tmp_path / "b.db", clock)
    yield first, second
    first.close()
    second.close()


def answer_for(question) -> object:
    return {
        "form": "licence",
        "pilot-steps": ["one-city", "end-date"],
        "equal": True,
        "timeline": list(question.items) if hasattr(question, "items") else None,
        "licensee": "Delta",
        "fee": "2.5",
    }.get(question.id, "wrong")


def some_progress(services: Services, clock: ManualClock, name: str = "Ana") -> None:
    """A bit of everything: an alliance worked on, a practice quiz, an exam, an override and
    a review."""
    profile = services.profiles.create(name)
    alliance = services.alliances.create(profile.id, "Globex", "Acme")
    rows = services.store.alliances
    rows.save_answers(alliance.id, "north-star", {"goal": "Sell 5,000 kits by June 2027"}, clock())
    rows.tick(alliance.id, "north-star", "first", True, clock())
    alliance_records(services, alliance.id, clock)
    clock.advance(minutes=1)
    session = services.quizzes.start(profile.id, "quiz-case")
    for question in session.questions:
        clock.advance(seconds=30)
        session.answer(question, answer_for(question))
    missed = next(q for q in session.questions if not session.answers[q.key].correct)
    session.override(missed)
    session.finish()
    clock.advance(days=1)
    exam = services.quizzes.start(profile.id, "tiny-case", "exam")
    exam.answer(exam.questions[0], "wrong")
    exam.finish()
    clock.advance(days=10)
    due = services.review.start(profile.id)
    assert due is not None
    due.answer(due.questions[0], answer_for(due.questions[0]))


def canonical(row: tuple) -> tuple:
    """JSON text in one spelling: a merge may write it with its keys in another order."""

    def one(value):
        if isinstance(value, str) and value[:1] in "[{":
            return json.dumps(json.loads(value), sort_keys=True)
        return value

    return tuple(one(v) for v in row)


def alliance_records(services: Services, alliance_id: int, clock: ManualClock) -> None:
    """One of each of an alliance's other records, written as the app writes them."""
    rows = services.store.alliances
    rows.acknowledge(alliance_id, "walk-away:price", "We accept it: priced in.", clock())
    rows.record_milestone(alliance_id, "north-star", {"goal": "Sell 5,000 kits"}, clock())
    rows.record_export(alliance_id, {"north-star": {"goal": "Sell 5,000 kits"}}, clock(), {})
    rows.replace_partner_answers(alliance_id, {"north-star": {"goal": "Sell 4,000"}}, clock())
    rows.resolve(alliance_id, "north-star.goal", "f1", "4,500 kits", "Ana and Bo", clock())
    rows.record_stress_test(alliance_id, [{"scenario": "exit", "covered": True}], clock())
    rows.record_reading(alliance_id, "kits sold", 1, "week 1", 120.0, clock())
    health = services.store.health
    health.set_intervals(alliance_id, 30, 60)
    health.record_review(alliance_id, clock())
    areas = [{"id": "trust", "title": "Trust", "statements": [["t1", "We keep our word."]]}]
    check = health.open_check(alliance_id, f"H{alliance_id}X7Q2", areas, clock())
    health.answer(check.id, "9f2c", "ours", {"t1": 4}, {"trust": "Mostly."})
    health.save_actions(check.id, [("Weekly call", "Ana", "2026-04-01")])
    health.close_check(check.id, clock())


def tables(path: Path) -> dict[str, list]:
    """Every progress row, without row ids, to see that nothing changed."""
    conn = sqlite3.connect(path)
    found = {}
    for table, columns in {
        "profiles": "name, created_at",
        "alliances": "name, partner, created_at, updated_at, last_stage",
        "worksheet_answers": "stage_id, field_id, value, updated_at",
        "checklist_ticks": "stage_id, item_id, checked, updated_at",
        "quiz_attempts": "case_id, kind, started_at, finished_at, abandoned_at, position, flags",
        "quiz_answers": "question_key, response, score, answered_at, overridden",
        "review_log": "question_key, rating, reviewed_at, due_before, due_after, state_before",
        "review_cards": "question_key, state, due, last_reviewed",
        "alliances ": "name, check_days, review_days",
        "alliance_flags": "flag_id, note, acknowledged_at",
        "stage_milestones": "stage_id, done_at, answers",
        "charter_exports": "version, exported_at, answers",
        "partner_answers": "stage_id, field_id, value, updated_at",
        "gap_resolutions": "item_id, fingerprint, agreed, agreed_by, agreed_at",
        "stress_tests": "run_at, results",
        "pilot_readings": "indicator, period, position, value, recorded_at",
        "north_star_reviews": "reviewed_at",
        "health_checks": "code, opened_at, closed_at, areas",
        "health_answers": "respondent, side, scores, comments",
        "health_actions": "position, what, owner, due",
    }.items():
        rows = conn.execute(f"SELECT {columns} FROM {table.strip()}").fetchall()
        found[table] = sorted((canonical(row) for row in rows), key=repr)
    conn.close()
    return found


def test_a_bundle_moves_everything_to_another_database_and_twice_changes_nothing(two, clock):
    first, second = two
    some_progress(first, clock)
    bundle = first.progress.export()
    report = second.progress.merge(bundle)
    assert report.changed and report.profiles == 1 and report.cards >= 1
    assert second.progress.export().profiles == bundle.profiles
    assert tables(Path(second.database_path)) == tables(Path(first.database_path))
    carried = tables(Path(second.database_path))
    assert all(carried[t] for t in carried), [t for t in carried if not carried[t]]
    before = tables(Path(second.database_path))
    again = second.progress.merge(bundle)
    assert not again.changed
    assert again.in_words().startswith("Nothing to merge")
    assert tables(Path(second.database_path)) == before
    # The second database works on from there: the same stats and the same review queue.
    ana = second.profiles.named("Ana")
    assert ana is not None
    assert second.review.queue(ana.id) == first.review.queue(first.profiles.named("Ana").id)
    assert second.stats.report(ana.id) == first.stats.report(first.profiles.named("Ana").id)


def test_two_machines_that_went_on_apart_merge_by_the_rules(two, clock):
    first, second = two
    some_progress(first, clock)
    second.progress.merge(first.progress.export())
    ana_a, ana_b = first.profiles.named("Ana"), second.profiles.named("Ana")
    alliance_a = first.alliances.of_profile(ana_a.id)[0]
    alliance_b = second.alliances.of_profile(ana_b.id)[0]
    key = "quiz-case/equal"
    # Machine B, first: a later goal, a new field, a tick undone; a review of `key`.
    clock.advance(days=30)
    second.store.alliances.save_answers(
        alliance_b.id, "north-star", {"goal": "B's goal", "why": "Because B"}, clock()
    )
    second.store.alliances.tick(alliance_b.id, "north-star", "first", False, clock())
    on_b = second.quizzes.start(ana_b.id, None, kind="review", keys=[key])
    on_b.answer(on_b.questions[0], False)  # wrong
    at_b = clock()
    # Machine A, later still: the goal again, and the same question reviewed right.
    clock.advance(hours=2)
    first.store.alliances.save_answers(alliance_a.id, "north-star", {"goal": "A's goal"}, clock())
    on_a = first.quizzes.start(ana_a.id, None, kind="review", keys=[key])
    on_a.answer(on_a.questions[0], True)
    at_a = clock()
    report = second.progress.merge(first.progress.export())
    assert report.answers == 1 and report.ticks == 0 and report.reviews == 1
    merged = second.store.alliances.answers(alliance_b.id)["north-star"]
    assert merged == {"goal": "A's goal", "why": "Because B"}  # newer wins, per field
    assert second.store.alliances.ticked(alliance_b.id) == {}  # B's untick is the newer
    # The card is what one database would hold after both reviews, in the order they happened.
    history = [r for r in first.progress.export().profiles[0]["review_log"] if r["question"] == key]
    state = None
    for entry in sorted(history, key=lambda r: r["reviewed_at"])[:-1]:
        state = review(state, 1.0 if entry["rating"] >= 3 else 0.0, None, _at(entry)).state_json
    state = review(state, 0.0, None, at_b).state_json
    expected = review(state, 1.0, None, at_a)
    cards = dict(second.store.quiz.cards(ana_b.id))
    assert cards[key] == expected.due
    # And merging back the other way gives A the same as B.
    first.progress.merge(second.progress.export())
    assert first.progress.export().profiles == second.progress.export().profiles


def _at(entry):
    from datetime import datetime

    return datetime.fromisoformat(entry["reviewed_at"])


def test_of_two_quizzes_left_half_way_the_later_is_the_one_to_resume(two, clock):
    first, second = two
    for services in (first, second):
        profile = services.profiles.create("Ana")
        session = services.quizzes.start(profile.id, "quiz-case")
        session.answer(session.questions[0], "licence")
        clock.advance(minutes=5)
    later = second.quizzes.resumable(second.profiles.named("Ana").id, "quiz-case")
    second.progress.merge(first.progress.export())
    first.progress.merge(second.progress.export())
    for services in (first, second):
        resumable = services.quizzes.resumable(services.profiles.named("Ana").id, "quiz-case")
        assert resumable is not None and resumable.started_at == later.started_at


def test_a_bundle_from_a_newer_app_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "new.json"
    path.write_text(
        json.dumps(
            {
                "format": "alliance-playbook-progress",
                "version": VERSION + 1,
                "written_by": "alliance-playbook 9.0",
                "profiles": [],
            }
        )
    )
    with pytest.raises(BundleError) as refused:
        read_bundle(path)
    message = str(refused.value)
    assert (
        f"version {VERSION + 1}" in message and "newer" in message and "Update the app" in message
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{\n "format": "alliance-playbook-progress",\n "version": 1,\n oops\n}',
            "x.json:4: not valid JSON",
        ),
        ('{"profiles": []}', "x.json: not a progress bundle"),
        (
            '{"format": "alliance-playbook-progress", "version": 1,'
            ' "profiles": [{"name": "Ana", "created_at": "2026-01-01T00:00:00+00:00",'
            ' "alliances": [{"partner": "P"}]}]}',
            "x.json: bundle.profiles[0].alliances[0].name: missing",
        ),
        (
            '{"format": "alliance-playbook-progress", "version": 1,'
            ' "profiles": [{"name": "Ana", "created_at": "yesterday"}]}',
            "x.json: bundle.profiles[0].created_at: 'yesterday' is not a moment",
        ),
        (
            '{"format": "alliance-playbook-progress", "version": 1,'
            ' "profiles": [{"name": "Ana", "created_at": "2026-01-01T00:00:00+00:00",'
            ' "alliances": [{"name": "X", "partner": "P",'
            ' "created_at": "2026-01-01T00:00:00+00:00", "updated_at": "2026-01-01T00:00:00+00:00",'
            ' "pilot_readings": [{"indicator": "kits", "position": 1, "period": "week 1",'
            ' "value": "many", "recorded_at": "2026-01-01T00:00:00+00:00"}]}]}]}',
            "x.json: bundle.profiles[0].alliances[0].pilot_readings[0].value: should be a number",
        ),
        (
            '{"format": "alliance-playbook-progress", "version": 1,'
            ' "profiles": [{"name": "Ana", "created_at": "2026-01-01T00:00:00+00:00",'
            ' "alliances": [{"name": "X", "partner": "P",'
            ' "created_at": "2026-01-01T00:00:00+00:00", "updated_at": "2026-01-01T00:00:00+00:00",'
            ' "check_days": 0}]}]}',
            "x.json: bundle.profiles[0].alliances[0].check_days: should be a whole number of days",
        ),
        (
            '{"format": "alliance-playbook-progress", "version": 1,'
            ' "profiles": [{"name": "Ana", "created_at": "2026-01-01T00:00:00+00:00",'
            ' "review_log": [{"question": "c/q", "reviewed_at": "2026-01-01T00:00:00+00:00",'
            ' "rating": 7}]}]}',
            "review_log[0].rating: should be 1 (again), 2 (hard), 3 (good) or 4 (easy), not 7",
        ),
    ],
)
def test_a_broken_bundle_says_where(text, message):
    with pytest.raises(BundleError, match=None) as refused:
        parse_bundle(text, "x.json")
    assert message in str(refused.value)


def test_the_commands_export_and_import_a_bundle(tmp_path, capsys, clock):
    first = open_services(tmp_path / "a.db", clock)
    some_progress(first, clock)
    first.profiles.create("Bo")
    first.close()
    bundle = tmp_path / "ana.json"
    assert main(["--db", str(tmp_path / "a.db"), "export", "progress", "--profile", "ana",
                 "-o", str(bundle)]) == 0  # fmt: skip
    assert "Progress of Ana written to" in capsys.readouterr().out
    assert [p["name"] for p in json.loads(bundle.read_text())["profiles"]] == ["Ana"]
    target = str(tmp_path / "b.db")
    assert main(["--db", target, "import", "progress", str(bundle)]) == 0
    assert capsys.readouterr().out.startswith("Merged: 1 new profile")
    assert main(["--db", target, "import", "progress", str(bundle)]) == 0
    assert capsys.readouterr().out.startswith("Nothing to merge")
    bundle.write_text(bundle.read_text().replace('"version": 1', '"version": 99'))
    assert main(["--db", target, "import", "progress", str(bundle)]) == 1
    assert "version 99" in capsys.readouterr().err
    assert main(["--db", target, "export", "progress", "--profile", "Cy", "-o", "x.json"]) == 1
    assert "there is no profile 'Cy'" in capsys.readouterr().err
    nowhere = tmp_path / "none.db"
    assert main(["--db", str(nowhere), "export", "progress", "-o", str(tmp_path / "n.json")]) == 1
    assert "there is no database" in capsys.readouterr().err and not nowhere.exists()


# -- merging in any order, any number of times ----------------------------------------

TIMES = [f"2026-01-0{d}T10:00:00.000+00:00" for d in range(1, 6)]
KEYS = ["quiz-case/form", "quiz-case/equal", "tiny-case/q1"]
moment = st.sampled_from(TIMES)

worksheet = st.fixed_dictionaries(
    {
        "stage": st.sampled_from(["north-star", "pilot"]),
        "field": st.sampled_from(["goal", "why"]),
        "value": st.sampled_from(["a", "b", "c"]),
        "updated_at": moment,
    }
)
tick = st.fixed_dictionaries(
    {
        "stage": st.sampled_from(["north-star", "pilot"]),
        "item": st.sampled_from(["first", "second"]),
        "checked": st.booleans(),
        "updated_at": moment,
    }
)
small_text = st.sampled_from(["a", "b"])
small_json = st.sampled_from([{"a": 1, "b": [1, 2]}, {"b": [1, 2], "a": 1}, [{"x": True}], []])
records = {
    "flags": st.fixed_dictionaries(
        {"flag": small_text, "note": small_text, "acknowledged_at": moment}
    ),
    "milestones": st.fixed_dictionaries(
        {"stage": small_text, "done_at": moment, "answers": small_json}
    ),
    "charter_exports": st.fixed_dictionaries(
        {"exported_at": moment, "answers": small_json, "version": st.integers(1, 3)}
    ),
    "partner_answers": st.fixed_dictionaries(
        {"stage": small_text, "field": small_text, "value": small_text, "updated_at": moment}
    ),
    "gap_resolutions": st.fixed_dictionaries(
        {
            "item": small_text,
            "fingerprint": small_text,
            "agreed": small_text,
            "agreed_by": small_text,
            "agreed_at": moment,
        }
    ),
    "stress_tests": st.fixed_dictionaries({"run_at": moment, "results": small_json}),
    "pilot_readings": st.fixed_dictionaries(
        {
            "indicator": small_text,
            "position": st.integers(1, 2),
            "period": small_text,
            "value": st.sampled_from([1.0, 2.5]),
            "recorded_at": moment,
        }
    ),
    "north_star_reviews": st.fixed_dictionaries({"reviewed_at": moment}),
}
alliance = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["X", "Y"]),
        "partner": st.sampled_from(["P", "Q"]),
        "created_at": st.sampled_from(TIMES[:2]),
        "updated_at": moment,
        "last_stage": st.sampled_from(["", "pilot"]),
        "worksheet": st.lists(worksheet, max_size=3),
        "ticks": st.lists(tick, max_size=3),
        "check_days": st.sampled_from([30, 90]),
        "review_days": st.sampled_from([60, 91]),
        **{key: st.lists(record, max_size=2) for key, record in records.items()},
    }
)
attempt_key = st.fixed_dictionaries(
    {
        "started_at": moment,
        "kind": st.sampled_from(["quiz", "review"]),
        "case": st.sampled_from([None, "quiz-case"]),
    }
)
quiz_answer = st.fixed_dictionaries(
    {
        "question": st.sampled_from(KEYS),
        "response": st.sampled_from([True, "licence", ["a"], None]),
        "score": st.sampled_from([0.0, 0.5, 1.0]),
        "correct": st.booleans(),
        "confidence": st.sampled_from([None, "low", "high"]),
        "cbm_mark": st.sampled_from([0.0, 1.0, -2.0]),
        "seconds": st.sampled_from([None, 3.5]),
        "answered_at": moment,
        "overridden": st.booleans(),
        "feedback": st.lists(st.sampled_from(["Yes.", "No."]), max_size=1),
        "note": st.sampled_from(["", "Accepted."]),
    }
)
attempt = st.builds(
    lambda key, rest, answers: {**key, **rest, "answers": answers},
    attempt_key,
    st.fixed_dictionaries(
        {
            "mode": st.sampled_from(["practice", "exam"]),
            "confidence": st.booleans(),
            "questions": st.just(KEYS),
            "finished_at": st.one_of(st.none(), moment),
            "abandoned_at": st.one_of(st.none(), moment),
            "position": st.integers(0, 3),
            "orders": st.just({}),
            "flags": st.lists(st.sampled_from(KEYS), max_size=2, unique=True),
            "time_limit": st.sampled_from([None, 600]),
        }
    ),
    st.lists(quiz_answer, max_size=3),
)


health_answer = st.fixed_dictionaries(
    {
        "respondent": small_text,
        "side": st.sampled_from(["ours", "theirs"]),
        "scores": st.sampled_from([{"t1": 4}, {"t1": 2, "t2": 5}]),
        "comments": st.sampled_from([{}, {"trust": "Mostly."}]),
    }
)
health_action = st.fixed_dictionaries(
    {"what": small_text, "owner": small_text, "due": st.sampled_from(["2026-04-01", ""])}
)


@st.composite
def health_checks(draw, where: str):
    """An alliance's health checks; a code is random in the app, so one code is one check:
    the same code in two bundles is the same check (of the same alliance)."""
    found = []
    for n in draw(st.lists(st.integers(1, 2), max_size=2, unique=True)):
        actions = draw(st.lists(health_action, max_size=2))
        found.append(
            {
                "code": f"{where}-{n}",
                "opened_at": draw(moment),
                "closed_at": draw(st.one_of(st.none(), moment)),
                "areas": draw(st.sampled_from([[], [{"id": "trust", "statements": []}]])),
                "answers": draw(st.lists(health_answer, max_size=2)),
                "actions": [{"position": i, **a} for i, a in enumerate(actions, start=1)],
            }
        )
    return found


@st.composite
def profile(draw):
    """A profile's rows; its reviews belong to its own attempts (or to none), as in any
    bundle a database writes."""
    attempts = draw(st.lists(attempt, max_size=3))
    keys = [{k: a[k] for k in ("started_at", "kind", "case")} for a in attempts]
    reviewed = st.fixed_dictionaries(
        {
            "question": st.sampled_from(KEYS),
            "reviewed_at": moment,
            "rating": st.integers(1, 4),
            "attempt": st.one_of(st.none(), *([st.sampled_from(keys)] if keys else [])),
        }
    )
    name = draw(st.sampled_from(["Ana", "ana", "Bo"]))
    alliances = draw(st.lists(alliance, max_size=2))
    for a in alliances:
        a["health_checks"] = draw(health_checks(f"{name.lower()}/{a['name']}/{a['created_at']}"))
    return {
        "name": name,
        "created_at": draw(moment),
        "alliances": alliances,
        "attempts": attempts,
        "review_log": draw(st.lists(reviewed, max_size=4)),
    }


bundles = st.builds(
    lambda profiles: parse_bundle(
        json.dumps({"format": "alliance-playbook-progress", "version": 1, "profiles": profiles})
    ),
    st.lists(profile(), min_size=1, max_size=2),
)


def merged(*parts):
    services = Services(Store.open(":memory:"), fixture_library(), ManualClock(FIXED_NOW))
    for part in parts:
        services.progress.merge(part)
    return services


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles, bundles)
def test_merging_is_the_same_in_either_order_and_again_changes_nothing(x, y):
    xy, yx = merged(x, y), merged(y, x)
    try:
        assert xy.progress.export().profiles == yx.progress.export().profiles
        before = xy.progress.export().profiles
        assert not xy.progress.merge(x).changed
        assert not xy.progress.merge(y).changed
        assert xy.progress.export().profiles == before
    finally:
        xy.close()
        yx.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles)
def test_a_database_exported_and_merged_into_an_empty_one_is_the_same(x):
    once = merged(x)
    copy = merged(once.progress.export())
    try:
        assert copy.progress.export().profiles == once.progress.export().profiles
    finally:
        once.close()
        copy.close()


def test_moments_in_other_time_zones_are_the_same_moments(clock):
    here = parse_bundle(
        json.dumps(
            {
                "format": "alliance-playbook-progress",
                "version": 1,
                "profiles": [{"name": "Ana", "created_at": "2026-01-01T11:00:00+01:00"}],
            }
        )
    )
    assert here.profiles[0]["created_at"] == "2026-01-01T10:00:00.000+00:00"


def _bundle(*attempts: dict):
    base = {
        "case": None, "mode": "practice", "confidence": False, "questions": KEYS,
        "finished_at": None, "abandoned_at": None, "position": 0, "orders": {}, "flags": [],
        "time_limit": None, "answers": [],
    }  # fmt: skip
    profile = {
        "name": "Ana",
        "created_at": "2026-01-01T10:00:00.000+00:00",
        "alliances": [],
        "attempts": [{**base, **a} for a in attempts],
        "review_log": [],
    }
    return parse_bundle(
        json.dumps({"format": "alliance-playbook-progress", "version": 1, "profiles": [profile]})
    )


def test_an_attempt_is_set_aside_the_same_whichever_merge_comes_first():
    """Found by the property above: one machine left two review sessions open, the other
    had set the later one aside. Either order of merging keeps one at most open."""
    first, second = "2026-01-01T10:00:00.000+00:00", "2026-01-02T10:00:00.000+00:00"
    both_open = _bundle(
        {"started_at": first, "kind": "review"}, {"started_at": second, "kind": "review"}
    )
    later_set_aside = _bundle({"started_at": second, "kind": "review", "abandoned_at": first})
    xy, yx = merged(both_open, later_set_aside), merged(later_set_aside, both_open)
    try:
        for services in (xy, yx):
            (profile,) = services.progress.export().profiles
            states = {a["started_at"]: a["abandoned_at"] for a in profile["attempts"]}
            # The first was set aside when the second started; the second as its machine said.
            assert states == {first: second, second: first}
    finally:
        xy.close()
        yx.close()


def test_an_attempt_finished_on_one_machine_and_set_aside_on_another_is_finished():
    """Found by the property above: one machine finished an attempt; the other, with it
    still open there, started a newer one, which set it aside. Whichever merge comes first,
    the attempt is finished and not set aside (one machine never has both)."""
    first, later = "2026-01-01T10:00:00.000+00:00", "2026-01-04T10:00:00.000+00:00"
    left_open = _bundle(
        {"started_at": first, "kind": "quiz"}, {"started_at": later, "kind": "quiz"}
    )
    finished = _bundle({"started_at": first, "kind": "quiz", "finished_at": first})
    xy, yx = merged(left_open, finished), merged(finished, left_open)
    try:
        for services in (xy, yx):
            (profile,) = services.progress.export().profiles
            states = {
                a["started_at"]: (a["finished_at"], a["abandoned_at"]) for a in profile["attempts"]
            }
            assert states == {first: (first, None), later: (None, None)}
    finally:
        xy.close()
        yx.close()


def test_a_bundle_saying_an_attempt_was_both_finished_and_set_aside_merges_as_finished():
    both = _bundle(
        {"started_at": "2026-01-01T10:00:00.000+00:00", "kind": "quiz",
         "finished_at": "2026-01-01T11:00:00.000+00:00",
         "abandoned_at": "2026-01-02T10:00:00.000+00:00"}
    )  # fmt: skip
    services = merged(both)
    try:
        (profile,) = services.progress.export().profiles
        [attempt] = profile["attempts"]
        assert attempt["finished_at"] and attempt["abandoned_at"] is None
    finally:
        services.close()


def test_charter_versions_from_two_machines_are_all_kept_numbered_as_exported(two, clock):
    """One alliance on two machines (made at the same moment, as a bundle carries it): both
    exported version 1 together, then each its own version 2. All are kept, numbered in the
    order they were exported, as one machine would have numbered them, whichever merges
    into which."""
    first, second = two
    alliances = []
    for services in (first, second):
        profile = services.profiles.create("Ana")
        alliances.append(services.alliances.create(profile.id, "Globex", "Acme"))
    for services, alliance in zip((first, second), alliances, strict=True):
        services.store.alliances.record_export(alliance.id, {"n": {"goal": "Kits"}}, clock(), {})
    clock.advance(days=1)
    first.store.alliances.record_export(alliances[0].id, {"n": {"goal": "A"}}, clock(), {})
    clock.advance(days=1)
    second.store.alliances.record_export(alliances[1].id, {"n": {"goal": "B"}}, clock(), {})
    x, y = first.progress.export(), second.progress.export()
    xy, yx = merged(x, y), merged(y, x)
    try:
        for services in (xy, yx):
            (profile,) = services.progress.export().profiles
            (alliance,) = profile["alliances"]
            versions = [
                (e["version"], e["answers"]["n"]["goal"]) for e in alliance["charter_exports"]
            ]
            assert versions == [(1, "Kits"), (2, "A"), (3, "B")]
            (row,) = services.alliances.of_profile(services.profiles.named("Ana").id)
            assert [e.version for e in services.store.alliances.exports(row.id)] == [1, 2, 3]
    finally:
        xy.close()
        yx.close()


def test_of_two_cadences_for_health_checks_and_reviews_the_more_frequent_stays(two, clock):
    first, second = two
    some_progress(first, clock)
    carried = first.progress.export()
    second.progress.merge(carried)
    (mine,) = first.alliances.of_profile(first.profiles.named("Ana").id)
    (theirs,) = second.alliances.of_profile(second.profiles.named("Ana").id)
    first.store.health.set_intervals(mine.id, 14, 120)
    second.store.health.set_intervals(theirs.id, 45, 30)
    second.progress.merge(first.progress.export())
    (alliance,) = second.progress.export().profiles[0]["alliances"]
    assert (alliance["check_days"], alliance["review_days"]) == (14, 30)


def test_a_health_check_whose_code_means_something_else_here_is_left_out_and_said(two, clock):
    first, second = two
    some_progress(first, clock)
    (mine,) = first.progress.export().profiles[0]["alliances"]
    (check,) = mine["health_checks"]
    # The other database made a workshop with the same code (a code means one thing only).
    with second.store.database.write() as db:
        db.execute(
            "INSERT INTO workshops (code, title, created_at, pin_hash, agenda)"
            " VALUES (?, 'W', ?, '', '[]')",
            [check["code"], check["opened_at"]],
        )
    report = second.progress.merge(first.progress.export())
    assert report.health_left_out == 1 and report.changed
    assert "1 health check left out: its code is used here" in report.in_words()
    (carried,) = second.progress.export().profiles[0]["alliances"]
    assert carried["health_checks"] == [] and carried["flags"]  # the rest arrived
    again = second.progress.merge(first.progress.export())
    assert not again.changed and "left out" in again.in_words()
