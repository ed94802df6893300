"""Provides PlaybookApp and make_app, the one place the app is built."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.markup import escape
from textual.reactive import reactive
from textual.screen import Screen

from playbook.content.cache import load_library_cached
from playbook.content.models import Library
from playbook.paths import cache_dir, content_folders
from playbook.store.db import StoreError
from playbook.store.progress import Store
from playbook.store.records import Alliance, Attempt, Profile

IDLE_BEFORE_GC = 1.0  # seconds without a key press or click before collecting garbage


def playbook_commands():
    """The palette's stages-and-cases provider, imported when the palette first opens."""
    from playbook.tui.commands import PlaybookCommands

    return PlaybookCommands


@dataclass(frozen=True)
class QuizRequest:
    """Open straight into a case's quiz (`playbook quiz CASE`)."""

    case_id: str
    mode: str = "practice"
    confidence: bool = False


@dataclass(frozen=True)
class JoinRequest:
    """Open as a workshop participant only (`playbook join`, or a browser via `serve`).

    A participant app shows the workshop screens and nothing else: no profiles, no
    playbook, no case library (a browser must not reach the server's own data)."""

    code: str = ""
    name: str = ""
    team: str = ""
    served: bool = False  # a browser session: the device is not this machine


class PlaybookApp(App[None]):
    """Alliance Playbook: the guided playbook, case studies and workshops."""

    CSS_PATH = "app.tcss"
    TITLE = "Alliance Playbook"
    COMMANDS = App.COMMANDS | {playbook_commands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    profile: reactive[Profile | None] = reactive(None)

    def __init__(
        self,
        library: Library,
        store: Store,
        quiz: QuizRequest | None = None,
        clock: Callable[[], datetime] | None = None,
        join: JoinRequest | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.store = store
        self.quiz_request = quiz
        self.join_request = join
        self.clock = clock or (lambda: datetime.now(UTC))
        self._quit_anyway = False

    @property
    def participant_mode(self) -> bool:
        return self.join_request is not None

    def now(self) -> float:
        """The clock as epoch seconds, as the workshop store takes it."""
        return self.clock().timestamp()

    @cached_property
    def device_id(self) -> str:
        """Who this device is, for rejoining a workshop under the same name.

        A terminal keeps one id in the data folder; a browser session gets its own (every
        browser runs on the server's machine, so the machine cannot tell them apart)."""
        from playbook.tui.screens.workshop_join import device_id

        served = self.join_request is not None and self.join_request.served
        return device_id(None if served else self.store.path)

    def on_mount(self) -> None:
        from playbook.tui.screens.home import HomeScreen
        from playbook.tui.screens.profile import ProfileDialog

        # Python's full garbage collections scan every object and took 100-300 ms here, often
        # in the middle of a key press. The library and the first screens live for the whole
        # session, so they are frozen out of the collector's way; the rest is collected while
        # the user is not typing (collect_when_idle), which keeps collections off key presses.
        self.call_after_refresh(self._collect_from_now_on)
        self._last_input = time.monotonic()
        self._garbage_pending = False
        self.set_interval(0.5, self.collect_when_idle)
        self.set_interval(1.0, self._show_store_notices)
        if not self.is_headless and not self.is_web:
            self.set_interval(2.0, self._check_terminal)
        if self.join_request is not None:
            from playbook.tui.screens.workshop_join import JoinScreen

            self.push_screen(JoinScreen(self.join_request))
            return
        last = self.store.last_profile()
        if last is not None:
            self.profile = last  # before the home screen, so it draws once, with the name
        self.push_screen(HomeScreen())
        if last is None:
            self.push_screen(ProfileDialog(first_start=True), self._profile_chosen)
        else:
            self._open_requested_quiz()

    def _collect_from_now_on(self) -> None:
        """After the first frame: what start-up built stays frozen; collection resumes.

        Only when start-up paused collection (the command line does): an app built inside a
        longer-lived process, such as a test run, must not freeze that process's objects.
        """
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self._last_input = time.monotonic()
            self._garbage_pending = True
        await super().on_event(event)

    def collect_when_idle(self, idle: float = IDLE_BEFORE_GC) -> None:
        """Collect garbage once the user has paused (a keystroke never waits for it)."""
        if self._garbage_pending and time.monotonic() - self._last_input >= idle:
            self._garbage_pending = False
            gc.collect()

    def _check_terminal(self) -> None:
        """Quit (saving first) if our terminal is gone: a closed window does not always send
        SIGHUP, and an app left reading a dead terminal spins at full CPU for ever."""
        try:
            import termios
        except ImportError:  # not a POSIX terminal (Windows): nothing to check
            return
        try:
            termios.tcgetattr(sys.__stdin__.fileno())
        except (OSError, termios.error, ValueError, AttributeError):
            self.run_worker(self.action_quit(), exclusive=True)

    def _show_store_notices(self) -> None:
        """Things the store dealt with on its own but the user should know (a file restored)."""
        notices = self.store.database.notices
        while notices:
            self.notify(
                notices.pop(0), title="Database", severity="warning", markup=False, timeout=10
            )

    def _profile_chosen(self, profile: Profile | None) -> None:
        if profile is not None:
            self.profile = profile
            self._open_requested_quiz()

    def _open_requested_quiz(self) -> None:
        request, self.quiz_request = self.quiz_request, None
        if request is None or self.profile is None:
            return
        self.open_case(request.case_id)
        resumable = self.store.quiz.resumable(self.profile.id, request.case_id)
        if resumable is not None:
            self.run_quiz(resumable)
        else:
            self.begin_quiz(request.case_id, request.mode, request.confidence)

    def watch_profile(self, profile: Profile | None) -> None:
        self.sub_title = profile.name if profile else ""

    # -- actions offered everywhere --------------------------------------

    async def action_quit(self) -> None:
        """Write whatever a screen is still holding (typed text waiting to be saved), then exit;
        if the database will not take it yet, say so and quit on a second ctrl+q."""
        saved = True
        for screen in self.screen_stack:
            flush = getattr(screen, "flush", None)
            if flush is not None:
                saved = flush(redraw=False) and saved
        if saved or self._quit_anyway:
            self.exit()
            return
        self._quit_anyway = True
        self.notify(
            "What you typed is not saved yet: the database is busy. Wait a moment, or press "
            "ctrl+q again to quit without it.",
            title="Not saved yet",
            severity="warning",
            markup=False,
        )

    def action_switch_profile(self) -> None:
        from playbook.tui.screens.profile import ProfileDialog

        self.push_screen(ProfileDialog(first_start=False), self._profile_chosen)

    def action_show_problems(self) -> None:
        from playbook.tui.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen())

    def open_case(self, case_id: str) -> None:
        from playbook.tui.screens.case import CaseScreen

        case = self.library.cases.get(case_id)
        if case is not None:
            self.push_screen(CaseScreen(case))

    # -- quizzes, review and stats ---------------------------------------

    def take_quiz(self, case_id: str) -> None:
        """Ask practice or exam (or to resume), then run the case's quiz."""
        from playbook.tui.screens.quiz_start import QuizChoice, QuizStartDialog

        case = self.library.cases.get(case_id)
        if case is None or self.profile is None:
            return
        if not case.questions:
            self.notify("This case has no quiz yet.", title=case.title, markup=False)
            return
        resumable = self.store.quiz.resumable(self.profile.id, case_id)

        def chosen(choice: QuizChoice | None) -> None:
            if choice is None:
                return
            if choice.resume and resumable is not None:
                self.run_quiz(resumable)
            else:
                self.begin_quiz(case_id, choice.mode, choice.confidence)

        self.push_screen(QuizStartDialog(case, resumable), chosen)

    def begin_quiz(
        self,
        case_id: str | None,
        mode: str = "practice",
        confidence: bool = False,
        *,
        kind: str = "quiz",
        keys: list[str] | None = None,
    ) -> None:
        """Start a new attempt (a case's whole quiz unless `keys` says otherwise) and run it."""
        if self.profile is None:
            return
        if keys is None:
            case = self.library.cases.get(case_id or "")
            keys = [q.key for q in case.questions] if case else []
        if not keys:
            return
        try:
            attempt = self.store.quiz.start_attempt(
                self.profile.id, keys, case_id=case_id, mode=mode, kind=kind, confidence=confidence
            )
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.run_quiz(attempt)

    def run_quiz(self, attempt: Attempt) -> None:
        from playbook.tui.screens.quiz import QuizScreen

        self.push_screen(QuizScreen(attempt))

    def due_keys(self) -> list[str]:
        """Questions due for review that the content still has."""
        if self.profile is None:
            return []
        keys = self.store.quiz.due_keys(self.profile.id)
        return [key for key in keys if self.library.question(key) is not None]

    def action_open_review(self) -> None:
        from playbook.tui.screens.review import ReviewScreen

        if self.profile is not None:
            self.push_screen(ReviewScreen())

    def action_open_stats(self) -> None:
        from playbook.tui.screens.stats import StatsScreen

        if self.profile is not None:
            self.push_screen(StatsScreen())

    def open_stage(self, stage_id: str, alliance: Alliance | None = None) -> None:
        """Open a stage for the given (or current) alliance; ask for one if there is none."""
        from playbook.tui.screens.alliance import AllianceDialog
        from playbook.tui.screens.stage import StageScreen

        stage = self.library.stages.get(stage_id)
        if stage is None or self.profile is None:
            return
        alliance = alliance or self.current_alliance()
        if alliance is not None:
            self.push_screen(StageScreen(stage, alliance))
            return

        def created(new: Alliance | None) -> None:
            if new is not None:
                self.push_screen(StageScreen(stage, new))

        self.push_screen(AllianceDialog(self.profile), created)

    def open_workshops(self) -> None:
        from playbook.tui.screens.workshop_home import WorkshopHomeScreen

        self.push_screen(WorkshopHomeScreen())

    def open_coverage(self) -> None:
        from playbook.tui.screens.coverage import CoverageScreen

        self.push_screen(CoverageScreen())

    def open_alliances(self) -> None:
        from playbook.tui.screens.alliances import AlliancesScreen

        self.push_screen(AlliancesScreen())

    def open_charter(self, alliance: Alliance) -> None:
        from playbook.tui.screens.charter import CharterScreen

        self.push_screen(CharterScreen(alliance))

    def current_alliance(self) -> Alliance | None:
        """The alliance the founder worked on last, if any."""
        if self.profile is None:
            return None
        alliances = self.store.alliances(self.profile.id)
        return alliances[0] if alliances else None

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands, their text escaped: the palette reads markup, and titles
        and help may carry names people typed (an alliance called "Globex [/]")."""
        for command in self._system_commands(screen):
            yield command._replace(title=escape(command.title), help=escape(command.help))

    def _system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # A screen offers its own actions with `screen_commands()` (title, help, callback).
        screen_commands = [
            SystemCommand(title, help_text, callback)
            for title, help_text, callback in getattr(screen, "screen_commands", list)()
        ]
        if self.participant_mode:  # the workshop only: nothing that reaches other data
            yield from screen_commands
            yield SystemCommand("Quit", "Leave the workshop app", self.action_quit)
            return
        yield from super().get_system_commands(screen)
        yield from screen_commands
        yield SystemCommand(
            "Workshop", "Run a live session for a room, or join one", self.open_workshops
        )
        yield SystemCommand(
            "Switch profile", "Change who is using the app", self.action_switch_profile
        )
        if self.profile is not None:
            yield SystemCommand(
                "Alliances", "Every alliance you are forming; compare partners", self.open_alliances
            )
            alliance = self.current_alliance()
            if alliance is not None:
                yield SystemCommand(
                    "Charter",
                    f"The charter of {alliance.name}",
                    lambda: self.open_charter(alliance),
                )
        yield SystemCommand(
            "Review", "Questions due for spaced review, across cases", self.action_open_review
        )
        yield SystemCommand(
            "Stats", "Quiz results, mastery by stage, review forecast", self.action_open_stats
        )
        yield SystemCommand(
            "Library coverage",
            "Which stages, forms and outcomes the cases cover, and the gaps",
            self.open_coverage,
        )
        if self.library.problems:
            yield SystemCommand(
                "Content problems",
                f"{len(self.library.problems)} problems in the content files",
                self.action_show_problems,
            )


def make_app(
    content_dirs: list[Path] | None = None,
    db_path: Path | str = ":memory:",
    *,
    store: Store | None = None,
    include_bundled: bool = True,
    clock: Callable[[], datetime] | None = None,
    use_cache: bool = True,
    quiz: QuizRequest | None = None,
    library: Library | None = None,
    join: JoinRequest | None = None,
) -> PlaybookApp:
    """Build the app: the CLI, the Pilot tests and the snapshot tests all come here.

    `library` skips loading the content when the caller has loaded it already."""
    if library is None:
        folders = content_folders(content_dirs) if include_bundled else list(content_dirs or [])
        library = load_library_cached(folders, cache_dir() if use_cache else None)
    return PlaybookApp(library, store or Store.open(db_path), quiz, clock=clock, join=join)
