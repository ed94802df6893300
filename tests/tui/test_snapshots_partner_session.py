"""Snapshots of the live partner session panel: the address, the keys, the QR code where it
fits, and where each side is (ours waiting, the partner answering)."""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from tests.partner_answers import alliance_with_answers

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_partner_session_panel(snap_compare, make_test_app, monkeypatch, size):
    from playbook.domain import workshop as rules
    from playbook.services import partner_session

    keys = iter(["K7MQ2PXB", "H4RB9RMK"])
    monkeypatch.setattr(partner_session, "new_seat_key", lambda: next(keys))
    monkeypatch.setattr(rules, "new_join_code", lambda *a: "T7DW3K")
    app = make_test_app(content=[REPO / "content"])
    alliance = alliance_with_answers(app.services.store)
    app.services.workshops.serving("http://192.168.1.20:8000")
    info = app.services.partner_sessions.open(alliance)
    app.services.partner_sessions.claim(info.code, info.keys["partner"], "ip:phone")

    async def run_before(pilot):
        from playbook.tui.messages import GapRequested

        app.post_message(GapRequested(alliance))
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
