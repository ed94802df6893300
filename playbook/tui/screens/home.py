"""Provides HomeScreen: the three paths and a short summary of progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from playbook.tui.base import PlaybookScreen
from playbook.tui.progress_view import bar

DUE_REFRESH_SECONDS = 60.0  # the review count moves with the clock, not only with answers


class HomeScreen(PlaybookScreen):
    """Where every session starts: pick a path."""

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("1", "open_path('playbook')", "Playbook"),
        Binding("2", "open_path('cases')", "Cases"),
        Binding("3", "open_path('workshop')", "Workshop"),
        Binding("r", "app.open_review", "Review"),
        Binding("s", "app.open_stats", "Stats", show=False),
        Binding("u", "app.switch_profile", "Profile"),
        Binding("p", "app.show_problems", "Problems", show=False),
    ]

    _due_shown = False  # health checks and reviews due: drawn once the screen has painted

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home-body"):
            yield Static(id="greeting")
            yield OptionList(id="paths")
            yield Static(id="problems-note")
        yield Footer()

    def on_mount(self) -> None:
        # Drawn when the screen is shown (on_screen_resume); again if the profile changes,
        # and every minute while it is open (a review card may have come due).
        self.watch(self.app, "profile", self.refresh_summary, init=False)
        self.set_interval(DUE_REFRESH_SECONDS, self._refresh_if_shown)

    def _refresh_if_shown(self) -> None:
        if self.is_current:
            self.refresh_summary()

    def on_screen_resume(self) -> None:
        self.refresh_summary()
        if not self._due_shown:  # the due dates follow the first frame, not delay it
            self._due_shown = True
            self.call_after_refresh(self.refresh_summary)

    def content_reloaded(self) -> None:
        self.refresh_summary()

    def refresh_summary(self, *_: object) -> None:
        profile = self.profile
        greeting = self.query_one("#greeting", Static)
        if profile is None:
            greeting.update("Welcome.")
        else:
            greeting.update(Content.from_markup("Welcome, [b]$name[/b].", name=profile.name))
        paths = self.query_one("#paths", OptionList)
        highlighted = paths.highlighted
        paths.clear_options()
        paths.add_options(
            [
                Option(self._playbook_prompt(), id="playbook"),
                None,
                Option(self._cases_prompt(), id="cases"),
                None,
                Option(self._workshop_prompt(), id="workshop"),
            ]
        )
        paths.highlighted = highlighted if highlighted is not None else 0
        problems = len(self.services.library.problems)
        note = self.query_one("#problems-note", Static)
        note.display = problems > 0
        if problems:
            note.update(
                Content.from_markup(
                    "[b]$n content problem$s[/b]: some files were skipped. "
                    "Press [b]p[/b] to see them.",
                    n=problems,
                    s="" if problems == 1 else "s",
                )
            )

    def _playbook_prompt(self) -> Content:
        title = Content.from_markup("[b]1  Guided playbook[/b]\n")
        alliances = self.services.alliances
        alliance = alliances.current(self.profile.id) if self.profile else None
        if alliance is None:
            detail = Content(
                "   Five stages for one real alliance, from a shared goal to a charter.\n"
                "   Start by naming your partner."
            )
            return title + detail
        progress = alliances.progress(alliance)
        stage = self.services.library.stages.get(alliance.last_stage)
        where = f" · {stage.title}" if stage else ""
        mine = alliances.of_profile(alliance.profile_id)
        due = self._due(mine)
        if len(mine) > 1:
            return title + Content.assemble(
                f"   Your {len(mine)} alliances: pick one. Last worked on: ",
                (alliance.name + where, "italic"),
                due,
            )
        return title + Content.assemble(
            "   Continue: ",
            (alliance.name + where, "italic"),
            f"\n   {bar(progress.fraction, 20)} {progress.done} of {progress.total} stages done",
            due,
        )

    def _due(self, alliances) -> Content:
        """When the next health check and North Star review fall due, for the alliances
        that are running (every stage done, or checked once): the soonest of each."""
        if not self._due_shown:
            return Content("")
        health = self.services.health
        running = []
        for alliance in alliances:
            progress = self.services.alliances.progress(alliance)
            schedule = health.schedule(alliance)
            if schedule.checks or progress.done == progress.total:
                running.append((alliance, schedule))
        if not running:
            return Content("")
        many = len(running) > 1

        def soonest(day_of, overdue_of, what: str) -> Content:
            alliance, schedule = min(running, key=lambda pair: day_of(pair[1]))
            text = f"{what} {day_of(schedule):%-d %b %Y}"
            if many:
                text += f" ({alliance.name})"
            if overdue_of(schedule):
                return Content.styled(text + ", overdue", "bold $error")
            return Content(text)

        return Content.assemble(
            "\n   ",
            soonest(lambda s: s.next_check, lambda s: s.check_overdue, "Health check due"),
            " · ",
            soonest(lambda s: s.next_review, lambda s: s.review_overdue, "North Star review"),
        )

    def _cases_prompt(self) -> Content:
        cases = self.services.library.case_count
        due = len(self.services.review.due_keys(self.profile.id)) if self.profile else 0
        review = f"Review: {due} due (press r)" if due else "Review: nothing due (r) · stats (s)"
        return Content.from_markup(
            "[b]2  Case studies[/b]\n   $n real alliances to study, with quizzes.\n   $review",
            n=cases,
            review=review,
        )

    def _workshop_prompt(self) -> Content:
        return Content.from_markup(
            "[b]3  Workshop[/b]\n   Run a live session for a room, or join one with its code."
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open_path(event.option.id or "")

    def action_open_path(self, path: str) -> None:
        from playbook.tui import messages as asked  # after the first frame, not before it

        if path == "playbook":
            self.post_message(asked.PlaybookRequested(open_last_stage=True))
        elif path == "cases":
            self.post_message(asked.CasesRequested())
        elif path == "workshop":
            self.post_message(asked.WorkshopsRequested())
