"""When typed answers are written: a moment after the last key, never later than the
maximum wait after the first unsaved one, however the typing goes on. The timer is driven
as the stage screen drives it: started once, checked again when it fires."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.services import Services
from playbook.services.clock import ManualClock
from playbook.services.worksheet import MAX_WAIT, SAVE_DELAY
from playbook.store.store import Store
from tests.conftest import FIXED_NOW, bundled_library
from tests.seed import new_alliance, new_profile


class Ticker:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def sheet():
    services = Services(Store.open(":memory:"), bundled_library(), ManualClock(FIXED_NOW),
                        random.Random(1))  # fmt: skip
    profile = new_profile(services.store, "Ana")
    alliance = new_alliance(services.store, profile.id, "Harbour", "Tidewell")
    worksheet = services.worksheet(services.library.stages["pilot"], alliance)
    ticker = Ticker()
    worksheet.monotonic = ticker
    return worksheet, ticker


def test_a_pause_saves_after_the_quiet_moment():
    worksheet, ticker = sheet()
    assert worksheet.save_due_in() is None  # nothing pending
    worksheet.edit("scope", "B")
    assert worksheet.save_due_in() == pytest.approx(SAVE_DELAY)
    ticker.now += SAVE_DELAY
    assert worksheet.save_due_in() == pytest.approx(0)
    assert worksheet.flush() and worksheet.save_due_in() is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=0.01, max_value=0.29), min_size=5, max_size=80))
def test_typing_that_never_pauses_is_written_within_the_maximum_wait(gaps):
    worksheet, ticker = sheet()
    timer: float | None = None  # when the screen's timer fires
    first_unsaved: float | None = None
    text = ""
    for gap in gaps:
        text += "x"
        worksheet.edit("scope", text)
        first_unsaved = first_unsaved if first_unsaved is not None else ticker.now
        if timer is None:
            timer = ticker.now + worksheet.save_due_in()
        end = ticker.now + gap
        while timer is not None and timer <= end:  # the timer fires during the gap
            ticker.now = timer
            due = worksheet.save_due_in()
            if due is not None and due > 0.01:
                timer = ticker.now + due
                continue
            assert ticker.now - first_unsaved <= MAX_WAIT + 0.011
            assert worksheet.flush()
            timer = first_unsaved = None
        ticker.now = end
    if sum(gaps) > MAX_WAIT + 0.3:  # long enough that something must be on disk
        assert worksheet.rows.answers(worksheet.alliance.id)["pilot"]["scope"].startswith("x")
