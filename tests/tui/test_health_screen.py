"""The health-check screen: open a check, see who answered (counts only), close it, read the
gap per area, the comments and the trend, and keep an action plan; snapshots of the
results at 80x24 and 120x40."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest

from playbook.services.clock import ManualClock
from tests.conftest import FIXED_NOW
from tests.seed import new_alliance

SIZES = [(80, 24), (120, 40)]
FIRST = [("ours", 4, 2, "We wait days for answers"), ("ours", 5, 2, ""), ("ours", 4, 3, ""),
         ("partner", 2, 4, "Pricing feels one-sided"), ("partner", 3, 4, ""),
         ("partner", 2, 5, "")]  # fmt: skip


def answer(services, code, side, strategy, relationship, comment=""):
    scores = {"goal-shared": strategy, "value-fair": strategy, "trust": relationship,
              "open-talk": relationship}  # fmt: skip
    services.health.respond(
        code, secrets.token_hex(12), side, scores, {"relationship": comment} if comment else {}
    )


def two_checks(app):
    """An alliance with two closed checks of six answers each, and a plan for the second."""
    services = app.services
    clock = ManualClock(FIXED_NOW - timedelta(days=100))
    services.clock = clock
    profile = services.store.profiles.all()[0]
    alliance = new_alliance(services.store, profile.id, "Harbour Market", "Tidewell")
    first = services.health.open(alliance)
    for person in FIRST:
        answer(services, first.code, *person)
    services.health.close(first)
    clock.advance(days=91)
    second = services.health.open(alliance)
    for side, strategy, _relationship, _comment in FIRST:
        answer(services, second.code, side, strategy + (1 if side == "partner" else 0), 4)
    services.health.close(second)
    services.health.save_actions(
        second,
        [("Agree a reply time for partner emails", "Dana Okafor", "30 March 2027"),
         ("Review the price split with both finance leads", "Sam Reyes", "15 April 2027")],
    )  # fmt: skip
    services.clock = lambda: FIXED_NOW
    return alliance


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_health_check_results(snap_compare, make_test_app, size):
    app = make_test_app()
    alliance = two_checks(app)

    async def run_before(pilot):
        from playbook.tui.messages import HealthChecksRequested

        app.post_message(HealthChecksRequested(alliance))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_open_close_plan_and_review_from_the_keyboard(make_test_app):
    from playbook.tui.screens.health import HealthScreen

    app = make_test_app()
    services = app.services
    profile = services.store.profiles.all()[0]
    alliance = new_alliance(services.store, profile.id, "Harbour Market", "Tidewell")
    async with app.run_test(size=(100, 40)) as pilot:
        from playbook.tui.messages import HealthChecksRequested

        app.post_message(HealthChecksRequested(alliance))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HealthScreen)
        assert "No health check yet" in str(screen.query_one("#health-results").render())
        await pilot.press("o")
        await pilot.pause()
        check = services.health.current(alliance)
        assert check is not None
        panel = str(screen.query_one("#health-open").render())
        assert "Check 1 is open" in panel and f"/h/{check.code}" in panel
        for person in FIRST[:4]:
            answer(services, check.code, *person)
        screen.show()
        await pilot.pause()
        assert "3 from Tidewell, 1 from Harbour Market" in str(
            screen.query_one("#health-open").render()
        )
        results = str(screen.query_one("#health-results").render())
        assert "Fewer than 3 answers from Harbour Market" in results
        await pilot.press("c")
        await pilot.pause()
        assert services.health.current(alliance) is None
        # An action: a junk owner is refused in the dialog, a real one saved.
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Agree a reply time for emails", "enter", *"qwrtzp", "enter")
        await pilot.press(*"30 March 2027", "enter")
        await pilot.pause()
        assert "does not read as a name" in str(app.screen.query_one("#fields-error").render())
        field = app.screen.query_one("#field-1")
        field.value = "Dana Okafor"
        field.focus()
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HealthScreen)
        saved = services.health.actions(check)
        assert [(a.what, a.owner) for a in saved] == [
            ("Agree a reply time for emails", "Dana Okafor")
        ]
        listing = screen.query_one("#health-actions")
        assert "Dana Okafor" in str(listing.get_option_at_index(0).prompt)
        screen.query_one("#health-actions").focus()
        await pilot.press("delete")
        await pilot.pause()
        assert services.health.actions(check) == ()
        await pilot.press("r")
        await pilot.pause()
        assert services.health.schedule(alliance).next_review > FIXED_NOW.date()


async def test_home_says_when_the_next_check_and_review_are_due(make_test_app):
    app = make_test_app()
    alliance = two_checks(app)
    app.services.health.set_intervals(alliance, 7, 30)  # the last check was 9 days ago
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        prompt = str(app.screen.query_one("#paths").get_option_at_index(0).prompt)
        # The second check opened 9 days ago: due 7 days after it; the alliance was set up
        # today, so its first North Star review falls 30 days on.
        assert "Health check due 28 Feb 2026, overdue · North Star review 1 Apr 2026" in prompt
