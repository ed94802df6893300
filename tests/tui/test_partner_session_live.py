"""The live partner session from the gap view: the keys and where each side is, our side
submitted from the worksheet with s, and the gap showing the partner's answers after."""

from __future__ import annotations

from playbook.tui.dialogs.partner_session import PartnerSessionDialog
from playbook.tui.screens.alliance import AllianceScreen
from playbook.tui.screens.gap import GapScreen
from tests.conftest import FIXED_NOW, REPO
from tests.partner_answers import THEIRS, alliance_with_answers


def text_of(screen, selector):
    return str(screen.query_one(selector).render())


async def until(pilot, condition, what: str, tries: int = 50) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.1)
    raise AssertionError(f"timed out waiting for {what}")


async def test_a_live_session_from_the_gap_view(make_test_app, store):
    alliance = alliance_with_answers(store)
    app = make_test_app(content=[REPO / "content"])
    async with app.run_test(size=(100, 34)) as pilot:
        app.push_screen(AllianceScreen(alliance))
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        gap_screen = app.screen
        assert isinstance(gap_screen, GapScreen)
        assert "They have not written their goal yet" in text_of(gap_screen, "#gap-goal")
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PartnerSessionDialog)
        info = app.services.partner_sessions.current(alliance)
        keys = text_of(dialog, "#session-keys")
        assert info.keys["partner"][:4] in keys and info.display_code in keys
        assert "No workshop server is serving" in text_of(dialog, "#session-where")
        assert "Harbour Market: waiting" in text_of(dialog, "#session-seats")

        # The partner answers from their phone (here: the same services the server runs,
        # on another connection to the database) and submits.
        from playbook.services import Services

        server_side = Services(store, app.services.library, app.services.clock)
        seat, _token = server_side.partner_sessions.claim(info.code, info.keys["partner"], "ip:1")
        seat.save(THEIRS)
        seat.submit()
        await until(
            pilot,
            lambda: "Harbour Market: submitted" in text_of(dialog, "#session-seats"),
            "their side shown as submitted",
        )
        await pilot.press("s")  # ours, from our worksheet
        await until(pilot, lambda: app.screen is gap_screen, "the dialog to close")
        assert "[+90,000]" in text_of(gap_screen, "#gap-goal")
    assert store.alliances.partner_answers(alliance.id)["north-star"]["goal"]
    assert store.partner_sessions.latest_for(alliance.id).finished


async def test_our_side_is_refused_with_the_failing_answers_shown(make_test_app, store):
    alliance = alliance_with_answers(store)
    store.alliances.save_answers(alliance.id, "north-star", {"goal": "Grow sales"}, FIXED_NOW)
    app = make_test_app(content=[REPO / "content"])
    async with app.run_test(size=(100, 34)) as pilot:
        app.push_screen(GapScreen(alliance))
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        said = text_of(app.screen, "#session-problems")
        assert "to put right before submitting" in said and "north-star.goal" in said
    assert not store.partner_sessions.latest_for(alliance.id).seats["ours"].submitted
