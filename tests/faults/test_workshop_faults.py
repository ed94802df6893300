"""Workshop faults: PIN guessing is slowed, code guessing and participants get nothing they
should not, and a participant killed mid-answer leaves every saved answer whole."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from playbook.domain.workshop import CODE_ALPHABET
from playbook.services import Services
from playbook.services.errors import NotFacilitator, WorkshopError, WrongPin
from playbook.tui.app import JoinRequest, make_app
from playbook.tui.dialogs.pin import PinDialog
from playbook.tui.screens.workshop_join import JoinScreen
from tests.conftest import FIXTURE_CONTENT, fixture_library

PIN = "8642"
DRIVER = Path(__file__).parent / "answer_driver.py"


def new_workshop(services, questions=("quiz-case/form", "quiz-case/licensee")):
    rooms = services.workshops
    agenda = rooms.agenda([("question", key) for key in questions])
    return rooms.create("Faults", PIN, agenda)


async def test_wrong_pins_in_the_app_slow_down_and_say_so(services, make_test_app):
    workshop = new_workshop(services)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(PinDialog(workshop.code))
        await pilot.pause()
        dialog = app.screen
        messages = []
        for _ in range(6):
            dialog.query_one("#run-pin").value = "0000"
            dialog.action_run()
            await pilot.pause()
            messages.append(str(dialog.query_one("#run-error").render()))
        assert "not the PIN" in messages[0] and "Wait" not in messages[0]
        assert any("Wait" in m for m in messages[3:]), messages
        # The right PIN, too soon after a string of wrong ones, is still refused.
        dialog.query_one("#run-pin").value = PIN
        dialog.action_run()
        await pilot.pause()
        assert isinstance(app.screen, PinDialog)
        assert "wait" in str(dialog.query_one("#run-error").render()).lower()


def test_guessing_the_pin_is_throttled_across_reconnects(db_path, services, clock):
    workshop = new_workshop(services)
    waits = []
    for attempt in range(8):
        fresh = Services.open(db_path, fixture_library(), clock)  # as a reconnect would be
        try:
            fresh.workshops.facilitate(workshop.code, f"{1000 + attempt}")
        except WrongPin as error:
            waits.append(error.wait if "not the PIN" in str(error) else -1)
        fresh.close()
        clock.advance(seconds=0.1)
    assert waits[:3] == [0, 0, 0]
    assert any(w == -1 or w > 0 for w in waits[3:])
    with pytest.raises(WorkshopError):
        services.workshops.facilitate(workshop.code, PIN)  # not yet, even if right
    clock.advance(seconds=60)
    assert services.workshops.facilitate(workshop.code, PIN).token


def test_guessed_join_codes_learn_nothing(services):
    workshop = new_workshop(services)
    rng = random.Random(7)
    refusals = set()
    for _ in range(200):
        guess = "".join(rng.choice(CODE_ALPHABET) for _ in range(6))
        if guess == workshop.code:
            continue
        with pytest.raises(WorkshopError) as caught:
            services.workshops.join(guess, "Mallory", "dev-m")
        refusals.add(
            str(caught.value).replace(guess, "<code>").replace(f"{guess[:3]}-{guess[3:]}", "<code>")
        )
    assert len(refusals) == 1  # the same answer for every wrong code: nothing to learn from it
    assert workshop.code not in next(iter(refusals))


def test_a_participant_cannot_act_as_facilitator(services):
    rooms = services.workshops
    workshop = new_workshop(services)
    me = rooms.join(workshop.code, "Mallory", "dev-m").me
    for forged in ("", me.rejoin_key, workshop.code, "0" * 32, str(me.participant_id)):
        room = rooms.facilitator(workshop.code, forged)
        with pytest.raises(NotFacilitator):
            room.act("start")
        with pytest.raises(NotFacilitator):
            room.board()
    assert rooms.get(workshop.code).session.phase == "lobby"


async def test_a_participant_app_offers_no_way_round_the_pin(db_path, services, store):
    new_workshop(services)
    app = make_app([FIXTURE_CONTENT], store=store, include_bundled=False, join=JoinRequest())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, JoinScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for private in ("Alliances", "Charter", "Stats", "Review", "Switch profile"):
            assert not any(private in t for t in titles), titles


def test_a_participant_killed_mid_answer_loses_nothing_saved(db_path):
    services = Services.open(db_path, fixture_library())  # the real clock: so do the drivers
    workshop = new_workshop(services)
    room = services.workshops.facilitate(workshop.code, PIN)
    room.act("start")
    room.act("open")
    rng = random.Random(11)
    names = [f"P{n}" for n in range(6)]
    procs = {
        name: subprocess.Popen(
            [sys.executable, str(DRIVER), str(db_path), workshop.code, name],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for name in names
    }
    killed, kept = names[::2], names[1::2]
    acknowledged = {}
    for name in killed:  # at a random moment: before, during or after its answer
        time.sleep(rng.uniform(0.2, 0.9))
        os.kill(procs[name].pid, signal.SIGKILL)
        out, _ = procs[name].communicate(timeout=10)
        acknowledged[name] = "ANSWERED 0" in out
    for name in kept:
        assert procs[name].stdout.readline().startswith("ANSWERED 0")
        procs[name].kill()
        procs[name].wait(timeout=10)

    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute(
            "SELECT p.name, r.item_index, r.score, r.points FROM workshop_responses r"
            " JOIN workshop_participants p ON p.id = r.participant_id"
        ).fetchall()
    # Whole or absent: every saved answer has its grade and points, one per person and item.
    assert all(score is not None and points is not None for _, _, score, points in rows)
    assert len({(name, item) for name, item, _, _ in rows}) == len(rows)
    saved = {name for name, _, _, _ in rows}
    assert set(kept) <= saved
    assert {n for n, said in acknowledged.items() if said} <= saved

    # A killed participant rejoins on the same device and keeps what was saved.
    for name in killed:
        again = services.workshops.join(workshop.code, name, f"device-{name}")
        assert (again.view().mine is not None) == (name in saved)
    services.close()
