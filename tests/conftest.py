"""Shared fixtures: a tmp database, a tiny content folder, and apps built like the CLI does."""

from __future__ import annotations

import os
import random
import tempfile
from datetime import UTC, datetime
from pathlib import Path

# Before Textual is imported: a fixed theme, no animations, and never the user's data folder.
os.environ["TEXTUAL_THEME"] = "textual-dark"
os.environ["TEXTUAL_ANIMATIONS"] = "none"
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="playbook-test-data-")
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="playbook-test-cache-")
os.environ.pop("PLAYBOOK_DB", None)

import pytest

from playbook.services import Services
from playbook.services.clock import ManualClock
from playbook.store.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_CONTENT = FIXTURES / "content"
BROKEN_CONTENT = FIXTURES / "broken"
REPO = Path(__file__).parent.parent
FIXED_NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)  # a Monday morning, for screens with dates


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch):
    """A blinking cursor makes screenshots depend on timing: keep it shown."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "playbook.db"


@pytest.fixture
def store(db_path: Path):
    store = Store.open(db_path)
    yield store
    store.close()


_LIBRARIES: dict = {}


def fixture_library():
    """The tiny fixture content, loaded once per test process."""
    if "fixture" not in _LIBRARIES:
        from playbook.content.loader import load_library

        _LIBRARIES["fixture"] = load_library([FIXTURE_CONTENT])
    return _LIBRARIES["fixture"]


def bundled_library():
    if "bundled" not in _LIBRARIES:
        from playbook.content.loader import load_library
        from playbook.paths import bundled_content

        _LIBRARIES["bundled"] = load_library([bundled_content()])
    return _LIBRARIES["bundled"]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(FIXED_NOW)


@pytest.fixture
def services(store: Store, clock: ManualClock) -> Services:
    """The use cases on a tmp database and the fixture content, with a clock that stands still."""
    return Services(store, fixture_library(), clock, random.Random(7))


@pytest.fixture
def bundled_services(store: Store, clock: ManualClock) -> Services:
    """The same on the bundled library."""
    return Services(store, bundled_library(), clock, random.Random(7))


@pytest.fixture
def make_test_app(db_path: Path):
    """Build the app as the CLI does, on the fixture content and a tmp database.

    `profile` names a profile to create first (so the app opens at home);
    None starts as a first-time user would.
    """
    from playbook.tui.app import make_app

    stores: list[Store] = []

    def build(
        profile: str | None = "Ana",
        content: list[Path] | None = None,
        bundled=False,
        clock=lambda: FIXED_NOW,
    ):
        store = Store.open(db_path)
        stores.append(store)
        if profile is not None and store.profiles.named(profile) is None:
            store.profiles.create(profile, FIXED_NOW)
        folders = content if content is not None else [FIXTURE_CONTENT]
        return make_app(
            folders, store=store, include_bundled=bundled, clock=clock, rng=random.Random(7)
        )

    yield build
    for store in stores:
        store.close()
