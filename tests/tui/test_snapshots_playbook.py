"""Snapshots of every stage in its empty, partly done, failing and done states, and the
screens around them: the alliance, the list of alliances, the comparison and the charter."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXED_NOW, REPO
from tests.fixtures.good_answers import GOOD
from tests.seed import new_alliance

STAGES = list(GOOD)
FAILING = {
    "north-star": {"goal": "Grow sales", "we-bring": "Synergies"},
    "vibe-check": {"reputation": json.dumps({"score": 4, "evidence": "", "sources": []})},
    "divorce-papers": {"ip": "TBD", "dispute-path": "Arbitration"},
    "alliance-manager": {"manager-name": "The partnerships team", "manager-role": "Head of sales"},
    "pilot": {"scope-kind": "city", "duration": "A while", "review-date": "end of May"},
}


def setup(app, stage_id: str, state: str):
    store = app.services.store
    profile = store.profiles.all()[0]
    alliance = new_alliance(store, profile.id, "Harbour Market", "Tidewell", "refill stations")
    stage = app.library.stages[stage_id]
    if state == "partly":
        store.alliances.save_answers(
            alliance.id, stage_id, dict(list(GOOD[stage_id].items())[:3]), FIXED_NOW
        )
        store.alliances.tick(alliance.id, stage_id, stage.items[0].id, True, FIXED_NOW)
    elif state == "failing":
        store.alliances.save_answers(alliance.id, stage_id, FAILING[stage_id], FIXED_NOW)
    elif state == "done":
        store.alliances.save_answers(alliance.id, stage_id, GOOD[stage_id], FIXED_NOW)
        for item in stage.items:
            store.alliances.tick(alliance.id, stage_id, item.id, True, FIXED_NOW)
    return alliance


@pytest.mark.parametrize("state", ["empty", "partly", "failing", "done"])
@pytest.mark.parametrize("stage_id", STAGES)
def test_stage(snap_compare, make_test_app, stage_id, state):
    app = make_test_app(content=[REPO / "content"])
    alliance = setup(app, stage_id, state)

    async def open_stage(pilot):
        app.open_stage(stage_id, alliance)
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_stage)


@pytest.mark.parametrize("stage_id", ["north-star", "vibe-check"])
def test_stage_wide(snap_compare, make_test_app, stage_id):
    app = make_test_app(content=[REPO / "content"])
    alliance = setup(app, stage_id, "failing")

    async def open_stage(pilot):
        app.open_stage(stage_id, alliance)
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_stage)


def full_alliance(app, partner="Harbour Market", scores=(4, 2, 5, 3)):
    store = app.services.store
    alliance = new_alliance(store, store.profiles.all()[0].id, partner, "Tidewell")
    for stage_id, answers in GOOD.items():
        answers = dict(answers)
        if stage_id == "vibe-check":
            for field_id, score in zip(
                ("reputation", "stability", "complementarity", "culture"), scores, strict=True
            ):
                answers[field_id] = json.dumps({**json.loads(answers[field_id]), "score": score})
        store.alliances.save_answers(alliance.id, stage_id, answers, FIXED_NOW)
    for item in app.library.stages["north-star"].items:
        store.alliances.tick(alliance.id, "north-star", item.id, True, FIXED_NOW)
    return alliance


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_alliance_overview(snap_compare, make_test_app, size):
    app = make_test_app(content=[REPO / "content"])
    full_alliance(app)

    async def run_before(pilot):
        await pilot.press("1")
        await pilot.pause()
        app.pop_screen()  # "continue" opened the last stage: step back to the overview
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


OTHERS = [("Northgate Grocers", (3, 4, 3, 5)), ("Corner Stores Co-op", (2, 3, 4, 4))]


def alliances_app(make_test_app, count: int):
    """An app with `count` finished alliances, and the step that opens their list, then keys."""
    app = make_test_app(content=[REPO / "content"])
    full_alliance(app)
    for partner, scores in OTHERS[: count - 1]:
        full_alliance(app, partner, scores=scores)

    def opened(*keys: str):
        async def run_before(pilot):
            app.open_alliances()
            await pilot.pause()
            if keys:
                await pilot.press(*keys)
                await pilot.pause()

        return run_before

    return app, opened


def test_alliances_list_and_comparison(snap_compare, make_test_app):
    app, opened = alliances_app(make_test_app, 2)
    assert snap_compare(app, terminal_size=(120, 30), run_before=opened("v"))


def test_alliances_list(snap_compare, make_test_app):
    app, opened = alliances_app(make_test_app, 2)
    assert snap_compare(app, terminal_size=(80, 24), run_before=opened())


def test_comparing_among_three_alliances_asks_which(snap_compare, make_test_app):
    app, opened = alliances_app(make_test_app, 3)
    assert snap_compare(app, terminal_size=(80, 24), run_before=opened("v"))


def test_charter(snap_compare, make_test_app):
    app = make_test_app(content=[REPO / "content"])
    alliance = full_alliance(app)

    async def run_before(pilot):
        app.open_charter(alliance)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_new_alliance_dialog_says_what_is_missing(snap_compare, make_test_app):
    app = make_test_app(content=[REPO / "content"])

    async def run_before(pilot):
        await pilot.press("1")  # no alliance yet: the dialog asks for one
        await pilot.pause()
        await pilot.press(*"Harbour Market", "enter")  # enter moves on to the next field
        await pilot.press("enter", "enter")  # past the blank side: the last enter submits
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_charter_export_dialog(snap_compare, make_test_app):
    from pathlib import Path

    from playbook.tui.dialogs.export import ExportDialog

    app = make_test_app(content=[REPO / "content"])
    alliance = full_alliance(app)

    async def run_before(pilot):
        app.open_charter(alliance)
        await pilot.pause()
        # what `e` opens, with a folder that is the same on every machine
        app.push_screen(ExportDialog(alliance, folder=Path("/exports")))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_reset_stage_asks_first(snap_compare, make_test_app):
    app = make_test_app(content=[REPO / "content"])
    alliance = setup(app, "pilot", "partly")

    async def run_before(pilot):
        app.open_stage("pilot", alliance)
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_flags_dialog(snap_compare, make_test_app):
    app = make_test_app(content=[REPO / "content"])
    alliance = setup(app, "vibe-check", "done")

    async def run_before(pilot):
        app.open_stage("vibe-check", alliance)
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_charter_annex(snap_compare, make_test_app):
    app = make_test_app(content=[REPO / "content"])
    alliance = full_alliance(app)

    async def run_before(pilot):
        app.open_charter(alliance)
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_stage_edited_since_done(snap_compare, make_test_app):
    app = make_test_app(content=[REPO / "content"])
    alliance = setup(app, "pilot", "done")
    store = app.services.store
    store.alliances.record_milestone(alliance.id, "pilot", GOOD["pilot"], FIXED_NOW)
    changed = {"scope": GOOD["pilot"]["scope"] + " And two in Bath."}
    store.alliances.save_answers(alliance.id, "pilot", changed, FIXED_NOW)

    async def run_before(pilot):
        app.open_stage("pilot", alliance)
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_gap_view(snap_compare, make_test_app, size):
    from tests.tui.test_both_sides import alliance_with_partner

    app = make_test_app(content=[REPO / "content"])
    alliance = alliance_with_partner(app.services.store)

    async def run_before(pilot):
        from playbook.tui.messages import GapRequested

        app.post_message(GapRequested(alliance))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_pilot_chart(snap_compare, make_test_app, size):
    from tests.tui.test_both_sides import VISITS, alliance_with_partner

    app = make_test_app(content=[REPO / "content"])
    alliance = alliance_with_partner(app.services.store)
    for week, value in enumerate((180, 260, 330, 410), start=1):
        app.services.store.alliances.record_reading(
            alliance.id, VISITS, week, f"week {week}", value, FIXED_NOW
        )

    async def run_before(pilot):
        from playbook.tui.messages import PilotTrackerRequested

        app.post_message(PilotTrackerRequested(alliance))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_stress_test(snap_compare, make_test_app):
    app = make_test_app(content=[REPO / "content"])
    alliance = full_alliance(app)

    async def run_before(pilot):
        from playbook.tui.messages import StressTestRequested

        app.post_message(StressTestRequested(alliance))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
