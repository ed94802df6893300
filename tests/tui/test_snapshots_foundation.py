"""Snapshots of the home, stage, case and content-problems screens at two sizes."""

from __future__ import annotations

import pytest

from tests.conftest import BROKEN_CONTENT, FIXED_NOW, FIXTURE_CONTENT
from tests.seed import new_alliance

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, make_test_app, size):
    assert snap_compare(make_test_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_profile_first_start(snap_compare, make_test_app, size):
    assert snap_compare(make_test_app(profile=None), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_stage_north_star(snap_compare, make_test_app, size):
    app = make_test_app()
    profile = app.services.store.profiles.all()[0]
    alliance = new_alliance(app.services.store, profile.id, "Globex", "Acme")
    app.services.store.alliances.tick(alliance.id, "north-star", "first", True, FIXED_NOW)

    async def open_stage(pilot):
        await pilot.press("1", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_stage)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_case(snap_compare, make_test_app, size):
    async def open_case(pilot):
        await pilot.press("2", "enter")
        await pilot.pause()

    assert snap_compare(make_test_app(), terminal_size=size, run_before=open_case)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_content_problems(snap_compare, make_test_app, size):
    app = make_test_app(content=[FIXTURE_CONTENT, BROKEN_CONTENT])

    async def open_problems(pilot):
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_problems)


def test_library_coverage(snap_compare, make_test_app):
    from tests.conftest import REPO

    app = make_test_app(content=[REPO / "content"])

    async def open_coverage(pilot):
        app.open_coverage()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_coverage)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_case_read_on(snap_compare, make_test_app, size):
    async def read_on(pilot):
        await pilot.press("2", "enter")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()

    assert snap_compare(make_test_app(), terminal_size=size, run_before=read_on)


def test_teaching_note(snap_compare, make_test_app):
    async def open_note(pilot):
        await pilot.press("2", "enter")
        await pilot.pause()
        await pilot.press("t", "y")
        await pilot.pause()

    assert snap_compare(make_test_app(), terminal_size=(80, 24), run_before=open_note)
