"""Text from users and content files is shown literally: markup neither crashes nor runs."""

from __future__ import annotations

import shutil

from playbook.tui.messages import QuizSessionRequested
from playbook.tui.screens.alliance import AllianceScreen
from playbook.tui.screens.case import CaseScreen
from playbook.tui.screens.home import HomeScreen
from tests.conftest import FIXTURE_CONTENT
from tests.seed import new_alliance

HOSTILE = ["[/]", "[@click=app.quit]x[/]", "a [/bold] b", "$name [red]"]


async def test_profile_and_alliance_names_with_markup(make_test_app):
    for name in HOSTILE:
        app = make_test_app(profile=name)
        store = app.services.store
        profile = next(p for p in store.profiles.all() if p.name == name)
        store.profiles.use(profile)
        new_alliance(store, profile.id, partner=name, our_side="Us")
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
        await pilot.press("o")  # read on: the summary tells the ending
        await pilot.pause()
        assert "a [/bold] b" in str(app.screen.query_one("#facts").render())
        assert app.screen.sub_title == "[@click=app.quit]Tiny[/] [b"
        await pilot.click("#facts")
        assert app.is_running


async def test_quiz_text_with_markup(make_test_app, tmp_path):
    """Prompts, choices, feedback, items, pairs and explanations are shown as written."""
    from playbook.tui.screens.quiz import QuizScreen
    from playbook.tui.screens.results import ResultsScreen
    from tests.tui.quiz_keys import keys_for

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    case = content / "cases" / "quiz-case.md"
    text = case.read_text()
    for old, new in [
        ("What was the deal between Gamma and Delta in law?", '"[@click=app.quit]What[/] [b"'),
        ("{id: jv, text: A joint venture,", '{id: jv, text: "a [/bold] b",'),
        ("feedback: No; no third company was formed.}", 'feedback: "$name [red]"}'),
        ("The licence is signed", '"[/] signed"'),
        ("right: Vibe check}", 'right: "[i]Vibe[/i] check"}'),
        (
            "explanation: Goal first, then the culture check, then a small pilot.",
            'explanation: "[/] Goal first, then the culture check."',
        ),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    case.write_text(text)
    app = make_test_app(content=[content])
    profile = app.services.store.profiles.all()[0]
    keys = ["quiz-case/form", "quiz-case/timeline", "quiz-case/lens"]
    session = app.services.quizzes.start(profile.id, "quiz-case", keys=keys)
    async with app.run_test(size=(100, 40)) as pilot:
        app.post_message(QuizSessionRequested(session))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert str(screen.query_one("#quiz-prompt").render()) == "[@click=app.quit]What[/] [b"
        await pilot.click("#quiz-prompt")
        jv = str(screen.answer.values.index("jv") + 1)  # the choices are shuffled
        await pilot.press(jv, "enter")  # the choice whose text and feedback hold markup
        await pilot.pause()
        shown = " ".join(str(w.render()) for w in screen.query("Static, Row"))
        assert "a [/bold] b" in shown and "$name [red]" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert "[/] signed" in " ".join(screen.answer.order)
        await pilot.press(*keys_for(screen, right=False), "enter", "enter")
        await pilot.pause()
        await pilot.press(*keys_for(screen, right=False), "enter")
        await pilot.pause()
        shown = " ".join(str(w.render()) for w in screen.query("Static"))
        assert "[i]Vibe[/i] check" in shown and "[/] Goal first" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "[/] Goal first" in shown and "a [/bold] b" in shown
        assert app.is_running


async def test_the_palette_shows_names_and_titles_with_markup(make_test_app, tmp_path):
    """The command palette reads markup: an alliance or case named with brackets must
    neither crash it nor be styled."""
    from textual.command import CommandPalette

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    case = content / "cases" / "tiny-case.md"
    case.write_text(case.read_text().replace("title: Tiny Case", 'title: "Tiny [/] [b"'))
    app = make_test_app(content=[content])
    store = app.services.store
    new_alliance(store, store.profiles.all()[0].id, partner="Globex [/]", our_side="Us")
    async with app.run_test(size=(100, 30)) as pilot:
        for query, shown in [("Charter", "Globex [/]"), ("Case: Tiny", "Tiny [/] [b")]:
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*query)
            commands = app.screen.query_one("CommandList")
            text = ""
            for _ in range(200):  # the palette searches in a worker: poll, do not sleep
                await pilot.pause()
                if commands.option_count:
                    text = str(commands.get_option_at_index(0).prompt)
                    if shown in text:
                        break
            assert shown in text, text
            await pilot.press("escape")
            await pilot.pause()
            assert app.is_running
