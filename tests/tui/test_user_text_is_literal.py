"""Text from users and content files is shown literally: markup neither crashes nor runs."""

from __future__ import annotations

import shutil

from playbook.tui.screens.alliance import AllianceScreen
from playbook.tui.screens.case import CaseScreen
from playbook.tui.screens.home import HomeScreen
from tests.conftest import FIXTURE_CONTENT

HOSTILE = ["[/]", "[@click=app.quit]x[/]", "a [/bold] b", "$name [red]"]


async def test_profile_and_alliance_names_with_markup(make_test_app):
    for name in HOSTILE:
        app = make_test_app(profile=name)
        store = app.store
        profile = next(p for p in store.profiles() if p.name == name)
        store.use_profile(profile)
        store.create_alliance(profile.id, partner=name, our_side="Us")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert app.profile.name == name
            greeting = str(app.screen.query_one("#greeting").render())
            assert name in greeting
            await pilot.click("#greeting")  # a [@click] in the name must not act
            await pilot.press("1")
            await pilot.pause()
            assert isinstance(app.screen, AllianceScreen)
            heading = str(app.screen.query_one("#alliance-heading").render())
            assert f"Us × {name}" in heading
            await pilot.click("#alliance-heading")
            await pilot.pause()
            assert app.is_running


async def test_case_text_with_markup(make_test_app, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    case = content / "cases" / "tiny-case.md"
    text = case.read_text()
    text = text.replace("title: Tiny Case", 'title: "[@click=app.quit]Tiny[/] [b"')
    text = text.replace("summary: A small case for the tests.", 'summary: "a [/bold] b"')
    case.write_text(text)
    app = make_test_app(content=[content])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert str(app.screen.query_one("#case-summary").render()) == "a [/bold] b"
        assert app.screen.sub_title == "[@click=app.quit]Tiny[/] [b"
        await pilot.click("#case-summary")
        assert app.is_running
