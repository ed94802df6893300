"""The gap view, the exit stress test and the pilot tracker, driven by keys."""

from __future__ import annotations

import json

from playbook.tui.screens.alliance import AllianceScreen
from playbook.tui.screens.gap import GapScreen
from playbook.tui.screens.pilot import PilotScreen
from playbook.tui.screens.stress import StressScreen
from tests.conftest import FIXED_NOW, REPO
from tests.fixtures.good_answers import GOOD
from tests.seed import new_alliance, new_profile

VISITS = "Refill station visits per store per week"


def alliance_with_partner(store):
    profile = store.profiles.all()[0] if store.profiles.all() else new_profile(store, "Ana")
    alliance = new_alliance(store, profile.id, "Harbour Market", "Tidewell")
    for stage_id, answers in GOOD.items():
        store.alliances.save_answers(alliance.id, stage_id, answers, FIXED_NOW)
    evidence = "Their installers were on time in all four of our pilot stores last year."
    store.alliances.replace_partner_answers(
        alliance.id,
        {
            "north-star": {
                "goal": "Refill 90,000 bottles at Harbour Market's sixty stores before "
                "30 June 2027.",
                "we-bring": "Floor space by the tills in sixty stores, weekly till data and a "
                "marketing budget",
            },
            "vibe-check": {
                "reputation": json.dumps(
                    {"score": 2, "evidence": evidence, "sources": ["site-visit"]}
                ),
                "risk": json.dumps({"us": 2, "them": 2}),
            },
        },
        FIXED_NOW,
    )
    return alliance


def text_of(screen, selector):
    return str(screen.query_one(selector).render())


async def test_the_gap_view_shows_both_goals_and_agrees_an_item(make_test_app, store):
    alliance = alliance_with_partner(store)
    app = make_test_app(content=[REPO / "content"])
    async with app.run_test(size=(100, 34)) as pilot:
        app.push_screen(AllianceScreen(alliance))
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GapScreen)
        goal = text_of(screen, "#gap-goal")
        assert "[-120,000]" in goal and "[+90,000]" in goal
        assert "+ only Harbour Market: a marketing budget" in text_of(screen, "#gap-lists")
        assert "gap 2" in text_of(screen, "#gap-scores")
        opened = text_of(screen, "#gap-open")
        assert "The goal is worded differently" in opened
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter", *"Refill 100,000 bottles by 30 June 2027", "enter")
        await pilot.press(*"Sam Ito and Ruth Mensah", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert "The goal is worded differently" not in text_of(screen, "#gap-open")
    [(item, _fp, agreed, by, _at)] = store.alliances.resolutions(alliance.id)
    assert (item, agreed, by) == (
        "goal",
        "Refill 100,000 bottles by 30 June 2027",
        "Sam Ito and Ruth Mensah",
    )


async def test_the_stress_test_runs_on_opening_and_again_after_an_edit(make_test_app, store):
    alliance = alliance_with_partner(store)
    app = make_test_app(content=[REPO / "content"])
    async with app.run_test(size=(100, 34)) as pilot:
        app.push_screen(AllianceScreen(alliance))
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StressScreen)
        assert "1 of 8" in text_of(screen, "#stress-summary")
        detail = GOOD["divorce-papers"]["sunset-detail"] + " It ends if either becomes insolvent."
        store.alliances.save_answers(
            alliance.id, "divorce-papers", {"sunset-detail": detail}, FIXED_NOW
        )
        await pilot.press("r")
        await pilot.pause()
        assert "2 of 8" in text_of(screen, "#stress-summary")
        assert "(was 1 at the last run)" in text_of(screen, "#stress-summary")
    assert len(store.alliances.stress_tests(alliance.id)) == 2


async def test_the_pilot_tracker_records_readings_and_proposes(make_test_app, store):
    alliance = alliance_with_partner(store)
    app = make_test_app(content=[REPO / "content"])
    async with app.run_test(size=(100, 34)) as pilot:
        app.push_screen(AllianceScreen(alliance))
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PilotScreen)
        assert "NOT YET" in text_of(screen, "#pilot-proposal")
        screen.query_one("#pilot-indicator").value = VISITS
        await pilot.pause()
        await pilot.press("1", "enter", *"320", "enter")
        await pilot.pause()
        assert "ADJUST" in text_of(screen, "#pilot-proposal")
        await pilot.press(*"120", "enter")  # the period moved on to 2 by itself
        await pilot.pause()
        assert "STOP" in text_of(screen, "#pilot-proposal")
        charts = text_of(screen, "#pilot-charts")
        assert "week 1" in charts and "week 2" in charts and "▲ go 400" in charts
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        assert "as a number" in text_of(screen, "#pilot-error")
    assert store.alliances.readings(alliance.id)[VISITS] == [
        (1, "week 1", 320.0),
        (2, "week 2", 120.0),
    ]
