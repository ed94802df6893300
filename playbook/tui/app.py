"""Provides PlaybookApp and make_app, the one place the app is built.

The app owns navigation: screens post the messages of tui/messages.py and the handlers
here open what was asked for. Screens reach the use cases through `services` (typed).
"""

from __future__ import annotations

import gc
import random
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.markup import escape
from textual.reactive import reactive
from textual.screen import Screen

from playbook.content.library import Library
from playbook.paths import cache_dir, content_folders
from playbook.services import Services
from playbook.services.clock import system_clock
from playbook.services.content import ContentSource
from playbook.services.errors import StoreError
from playbook.services.records import Alliance, Profile
from playbook.tui.base import PlaybookScreen, in_words

if TYPE_CHECKING:  # the handlers below only name them; the screens that post them import them
    from playbook.services.content import Reloaded
    from playbook.tui import messages as asked

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
    """Open as a workshop participant only (`playbook join`), or as the facilitator of a
    workshop served elsewhere (`playbook dashboard URL`).

    Such an app shows the workshop screens and nothing else: no profiles, no playbook, no
    case library."""

    code: str = ""  # a join code, or a served workshop's address
    name: str = ""
    team: str = ""
    facilitate: bool = False  # the dashboard of the workshop at `code` (an address)
    key: str = ""  # the facilitator key the server printed


class PlaybookApp(App[None]):
    """Alliance Playbook: the guided playbook, case studies and workshops."""

    CSS_PATH = "app.tcss"
    TITLE = "Alliance Playbook"
    COMMANDS = App.COMMANDS | {playbook_commands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    profile: reactive[Profile | None] = reactive(None)

    def __init__(
        self,
        services: Services,
        quiz: QuizRequest | None = None,
        join: JoinRequest | None = None,
        content: ContentSource | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.quiz_request = quiz
        self.join_request = join
        self.content = content  # where the library came from, to read it again
        self._quit_anyway = False

    @property
    def library(self) -> Library:
        return self.services.library

    @property
    def participant_mode(self) -> bool:
        return self.join_request is not None

    @cached_property
    def device_id(self) -> str:
        """Who this device is, for rejoining a workshop under the same name: one id kept in
        the data folder (a fresh one for a throwaway in-memory app)."""
        from playbook.paths import device_id
        from playbook.services.remote import parse_url

        remote = self.join_request is not None and parse_url(self.join_request.code)
        return device_id(persistent=bool(remote) or self.services.store.path != ":memory:")

    def on_mount(self) -> None:
        from playbook.tui.dialogs.profile import ProfileDialog
        from playbook.tui.screens.home import HomeScreen

        # Python's full garbage collections scan every object and took 100-300 ms here, often
        # in the middle of a key press. The library and the first screens live for the whole
        # session, so they are frozen out of the collector's way; the rest is collected while
        # the user is not typing (collect_when_idle), which keeps collections off key presses.
        self.call_after_refresh(self._after_first_frame)
        self._last_input = time.monotonic()
        self._garbage_pending = False
        self.set_interval(0.5, self.collect_when_idle)
        self.set_interval(1.0, self._show_restored)
        if not self.is_headless and not self.is_web:
            self.set_interval(2.0, self._check_terminal)
        if self.join_request is not None and self.join_request.facilitate:
            from playbook.tui.dialogs.pin import PinDialog

            def opened(room) -> None:
                if room is None:
                    self.exit()
                else:
                    self._open_dashboard(room)

            self.push_screen(PinDialog(self.join_request.code, self.join_request.key), opened)
            return
        if self.join_request is not None:
            from playbook.tui.screens.workshop_join import JoinScreen

            self.push_screen(JoinScreen(self.join_request))
            return
        last = self.services.profiles.last()
        if last is not None:
            self.profile = last  # before the home screen, so it draws once, with the name
        self.push_screen(HomeScreen())
        if last is None:
            self.push_screen(ProfileDialog(first_start=True), self._profile_chosen)
        else:
            self._open_requested_quiz()

    def _after_first_frame(self) -> None:
        """What start-up left for after the first frame: a cached library unpacks its cases
        (while the first screen is read, not when a case is first opened); then what
        start-up built stays frozen and collection resumes.

        Only when start-up paused collection (the command line does): an app built inside a
        longer-lived process, such as a test run, must not freeze that process's objects.
        """
        self.services.library.cases  # noqa: B018  # unpacks them
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

    def _show_restored(self) -> None:
        """What the store put right on its own but the user should know (a file restored)."""
        for event in self.services.restored():
            self.notify(
                f"The database file {event.path} was deleted while the app was running. It has "
                "been written back from this session, with everything saved so far.",
                title="Database",
                severity="warning",
                markup=False,
                timeout=10,
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
        quizzes = self.services.quizzes
        resumable = quizzes.resumable(self.profile.id, request.case_id)
        if resumable is not None:
            session = quizzes.open(resumable)
            if session is not None:
                self._run_session(session)
            return
        self._start_quiz(request.case_id, request.mode, request.confidence)

    def watch_profile(self, profile: Profile | None) -> None:
        self.sub_title = profile.name if profile else ""

    # -- actions offered everywhere --------------------------------------

    async def action_quit(self) -> None:
        """Write whatever a screen is still holding (typed text waiting to be saved), then exit;
        if the database will not take it yet, say so and quit on a second ctrl+q."""
        saved = True
        for screen in self.screen_stack:
            if isinstance(screen, PlaybookScreen):
                saved = screen.save_pending(last_chance=False) and saved
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
        from playbook.tui.dialogs.profile import ProfileDialog

        self.push_screen(ProfileDialog(first_start=False), self._profile_chosen)

    def action_reload_content(self) -> None:
        """Read the content files again (after editing them), in the background."""
        if self.content is None:
            self.notify("There are no content folders to read again.", title="Content")
            return
        self.run_worker(self._read_content, thread=True, exclusive=True, group="content")

    def _read_content(self) -> None:
        assert self.content is not None
        try:
            reloaded = self.content.reload(self.library)
        except Exception as error:  # an unreadable folder: say so, keep what is loaded
            self.call_from_thread(
                self.notify, f"Could not read the content: {error}", severity="error"
            )
            return
        self.call_from_thread(self._content_read, reloaded)

    def _content_read(self, reloaded: Reloaded) -> None:
        """The library read again takes the old one's place: progress is kept by id, and
        the screens open show what they can of it at once."""
        self.services.use_library(reloaded.library)
        for screen in self.screen_stack:
            if isinstance(screen, PlaybookScreen):
                screen.content_reloaded()
        self.notify(reloaded.in_words(), title="Content", markup=False, timeout=8)

    def _notify_error(self, error: Exception, title: str = "Not saved") -> None:
        text = in_words(error) if isinstance(error, StoreError) else str(error)
        self.notify(text, title=title, severity="error", markup=False)

    # -- navigation: the screens ask, the app opens ------------------------

    def _open(self, screen: Screen, replace: bool = False, callback=None) -> None:
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen, callback)

    def open_case(self, case_id: str, section: str = "") -> None:
        from playbook.tui.screens.case import CaseScreen

        case = self.library.cases.get(case_id)
        if case is not None:
            self.push_screen(CaseScreen(case, section=section))

    def on_case_requested(self, message: asked.CaseRequested) -> None:
        self.open_case(message.case_id, message.section)

    def on_teaching_note_requested(self, message: asked.TeachingNoteRequested) -> None:
        """The note discusses the answers: a trainee who has not taken the quiz is asked
        first (a facilitator simply says yes)."""
        from playbook.tui.dialogs.confirm import ConfirmDialog
        from playbook.tui.screens.teaching_note import TeachingNoteScreen

        case = self.library.cases.get(message.case_id)
        if case is None or case.teaching_note is None:
            return
        taken = (
            self.profile is not None
            and self.services.stats.case_result(self.profile.id, case.id) is not None
        )
        if taken:
            self.push_screen(TeachingNoteScreen(case))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.push_screen(TeachingNoteScreen(case))

        self.push_screen(
            ConfirmDialog(
                "Open the teaching note?",
                "It is for facilitators: it names the questions to use live and gives their "
                "answers. If you are studying the case, take the quiz first.",
                yes="Open it",
                no="Not now",
            ),
            answered,
        )

    def on_cases_requested(self, message: asked.CasesRequested) -> None:
        from playbook.tui.screens.cases import CasesScreen

        self.push_screen(CasesScreen())

    def on_quiz_requested(self, message: asked.QuizRequested) -> None:
        self.take_quiz(message.case_id)

    def take_quiz(self, case_id: str) -> None:
        """Ask practice or exam (or to resume), then run the quiz of a case (or bank)."""
        from playbook.tui.dialogs.quiz_start import QuizChoice, QuizStartDialog

        case = self.library.owner(case_id)
        if case is None or self.profile is None:
            return
        if not case.questions:
            self.notify("This case has no quiz yet.", title=case.title, markup=False)
            return
        quizzes = self.services.quizzes
        resumable = quizzes.resumable(self.profile.id, case_id)

        def chosen(choice: QuizChoice | None) -> None:
            if choice is None:
                return
            if choice.resume and resumable is not None:
                session = quizzes.open(resumable)
                if session is not None:
                    self._run_session(session)
            else:
                self._start_quiz(case_id, choice.mode, choice.confidence, choice.time_limit)

        self.push_screen(QuizStartDialog(case, resumable), chosen)

    def _start_quiz(
        self, case_id: str, mode: str, confidence: bool, time_limit: int | None = None
    ) -> None:
        if self.profile is None:
            return
        try:
            session = self.services.quizzes.start(
                self.profile.id, case_id, mode, confidence, time_limit=time_limit
            )
        except (StoreError, ValueError) as error:
            self._notify_error(error)
            return
        self._run_session(session)

    def _run_session(self, session, replace: bool = False) -> None:
        from playbook.tui.screens.quiz import QuizScreen

        self._open(QuizScreen(session), replace)

    def on_quiz_session_requested(self, message: asked.QuizSessionRequested) -> None:
        self._run_session(message.session, message.replace)

    def on_results_requested(self, message: asked.ResultsRequested) -> None:
        from playbook.tui.screens.results import ResultsScreen

        self._open(ResultsScreen(message.session), message.replace)

    def action_open_review(self) -> None:
        from playbook.tui.screens.review import ReviewScreen

        if self.profile is not None:
            self.push_screen(ReviewScreen())

    def on_review_requested(self, message: asked.ReviewRequested) -> None:
        self.action_open_review()

    def action_open_stats(self) -> None:
        from playbook.tui.screens.stats import StatsScreen

        if self.profile is not None:
            self.push_screen(StatsScreen())

    def on_stats_requested(self, message: asked.StatsRequested) -> None:
        self.action_open_stats()

    def action_show_problems(self) -> None:
        from playbook.tui.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen())

    def on_problems_requested(self, message: asked.ProblemsRequested) -> None:
        self.action_show_problems()

    def open_coverage(self) -> None:
        from playbook.tui.screens.coverage import CoverageScreen

        self.push_screen(CoverageScreen())

    def on_coverage_requested(self, message: asked.CoverageRequested) -> None:
        self.open_coverage()

    # -- the playbook --------------------------------------------------------

    def current_alliance(self) -> Alliance | None:
        """The alliance the founder worked on last, if any."""
        if self.profile is None:
            return None
        return self.services.alliances.current(self.profile.id)

    def _ask_for_alliance(self, then: Callable[[Alliance], None]) -> None:
        from playbook.tui.dialogs.alliance import AllianceDialog

        if self.profile is None:
            return

        def created(new: Alliance | None) -> None:
            if new is not None:
                then(new)

        self.push_screen(AllianceDialog(self.profile), created)

    def on_playbook_requested(self, message: asked.PlaybookRequested) -> None:
        """One alliance: straight back to where its founder left off. Several: the list, so
        nobody lands in an alliance they did not choose."""
        alliance = self.current_alliance()
        if alliance is None:
            self._ask_for_alliance(self._open_alliance)
            return
        if (
            self.profile is not None
            and len(self.services.alliances.of_profile(self.profile.id)) > 1
        ):
            self.open_alliances()
            return
        self._open_alliance(alliance, open_last_stage=message.open_last_stage)

    def _open_alliance(
        self, alliance: Alliance, replace: bool = False, open_last_stage: bool = False
    ) -> None:
        from playbook.tui.screens.alliance import AllianceScreen

        self._open(AllianceScreen(alliance), replace)
        if open_last_stage and alliance.last_stage in self.library.stages:
            self.open_stage(alliance.last_stage, alliance)

    def on_alliance_requested(self, message: asked.AllianceRequested) -> None:
        self._open_alliance(message.alliance, message.replace)

    def on_new_alliance_requested(self, message: asked.NewAllianceRequested) -> None:
        self._ask_for_alliance(lambda new: self._open_alliance(new, replace=message.replace))

    def on_alliances_requested(self, message: asked.AlliancesRequested) -> None:
        self.open_alliances(message.replace)

    def open_alliances(self, replace: bool = False) -> None:
        from playbook.tui.screens.alliances import AlliancesScreen

        self._open(AlliancesScreen(), replace)

    def on_compare_requested(self, message: asked.CompareRequested) -> None:
        from playbook.tui.screens.alliances import CompareScreen

        self.push_screen(CompareScreen(message.first, message.second))

    def open_stage(self, stage_id: str, alliance: Alliance | None = None, replace=False) -> None:
        """Open a stage for the given (or current) alliance; ask for one if there is none."""
        from playbook.tui.screens.stage import StageScreen

        stage = self.library.stages.get(stage_id)
        if stage is None or self.profile is None:
            return
        alliance = alliance or self.current_alliance()
        if alliance is not None:
            self._open(StageScreen(stage, alliance), replace)
            return
        self._ask_for_alliance(lambda new: self.push_screen(StageScreen(stage, new)))

    def on_stage_requested(self, message: asked.StageRequested) -> None:
        self.open_stage(message.stage_id, message.alliance, message.replace)

    def open_charter(self, alliance: Alliance) -> None:
        from playbook.tui.screens.charter import CharterScreen

        self.push_screen(CharterScreen(alliance))

    def on_charter_requested(self, message: asked.CharterRequested) -> None:
        self.open_charter(message.alliance)

    def on_gap_requested(self, message: asked.GapRequested) -> None:
        from playbook.tui.screens.gap import GapScreen

        self.push_screen(GapScreen(message.alliance))

    def on_stress_test_requested(self, message: asked.StressTestRequested) -> None:
        from playbook.tui.screens.stress import StressScreen

        self.push_screen(StressScreen(message.alliance))

    def on_pilot_tracker_requested(self, message: asked.PilotTrackerRequested) -> None:
        from playbook.tui.screens.pilot import PilotScreen

        self.push_screen(PilotScreen(message.alliance))

    def on_health_checks_requested(self, message: asked.HealthChecksRequested) -> None:
        from playbook.tui.screens.health import HealthScreen

        self.push_screen(HealthScreen(message.alliance))

    # -- workshops -----------------------------------------------------------

    def open_workshops(self) -> None:
        from playbook.tui.screens.workshop_home import WorkshopHomeScreen

        self.push_screen(WorkshopHomeScreen())

    def on_workshops_requested(self, message: asked.WorkshopsRequested) -> None:
        self.open_workshops()

    def on_create_workshop_requested(self, message: asked.CreateWorkshopRequested) -> None:
        from playbook.tui.screens.workshop_create import CreateWorkshopScreen

        self.push_screen(CreateWorkshopScreen(), self._facilitate)

    def on_join_requested(self, message: asked.JoinRequested) -> None:
        from playbook.tui.screens.workshop_join import JoinScreen

        self.push_screen(JoinScreen(JoinRequest(code=message.code)))

    def on_facilitate_requested(self, message: asked.FacilitateRequested) -> None:
        from playbook.tui.dialogs.pin import PinDialog

        self.push_screen(PinDialog(message.code), self._facilitate)

    def _facilitate(self, room) -> None:
        if room is not None:
            self._open_dashboard(room)

    def _open_dashboard(self, room, replace: bool = False) -> None:
        from playbook.tui.screens.workshop_dashboard import DashboardScreen

        self._open(DashboardScreen(room), replace)

    def on_dashboard_requested(self, message: asked.DashboardRequested) -> None:
        self._open_dashboard(message.room, message.replace)

    def on_participant_requested(self, message: asked.ParticipantRequested) -> None:
        from playbook.tui.screens.workshop_play import ParticipantScreen

        self._open(ParticipantScreen(message.room), message.replace)

    def on_leave_workshop_requested(self, message: asked.LeaveWorkshopRequested) -> None:
        """Leave the room: a participant-only app goes back to joining (the same code or
        address), the full app back to where it was."""
        from playbook.tui.screens.workshop_join import JoinScreen

        code = message.code
        if self.join_request is not None:
            code = self.join_request.code if self.join_request.code else code
            self.switch_screen(JoinScreen(JoinRequest(code=code)))
        else:
            self.pop_screen()
        self.notify(
            "You left the workshop. Join again with the same name to carry on.",
            title="Workshop",
            markup=False,
        )

    def on_edit_workshop_requested(self, message: asked.EditWorkshopRequested) -> None:
        from playbook.tui.screens.workshop_create import CreateWorkshopScreen

        self.push_screen(CreateWorkshopScreen(editing=message.room))

    # -- the command palette -----------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands, their text escaped: the palette reads markup, and titles
        and help may carry names people typed (an alliance called "Globex [/]")."""
        for command in self._system_commands(screen):
            yield command._replace(title=escape(command.title), help=escape(command.help))

    def _system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        screen_commands = [
            SystemCommand(title, help_text, callback)
            for title, help_text, callback in (
                screen.screen_commands() if isinstance(screen, PlaybookScreen) else []
            )
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
        if self.content is not None:
            yield SystemCommand(
                "Reload content",
                "Read the content files again after editing them; your progress is kept",
                self.action_reload_content,
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
    store=None,
    services: Services | None = None,
    include_bundled: bool = True,
    clock: Callable[[], datetime] | None = None,
    use_cache: bool = True,
    quiz: QuizRequest | None = None,
    library: Library | None = None,
    join: JoinRequest | None = None,
    rng: random.Random | None = None,
    content: ContentSource | None = None,
) -> PlaybookApp:
    """Build the app: the CLI, the Pilot tests and the snapshot tests all come here.

    Give `services`, or what to build them from: `library` skips loading the content when
    the caller has loaded it already; `store` is an open Store (else `db_path` is opened)."""
    if services is None:
        if library is None:
            folders = content_folders(content_dirs) if include_bundled else list(content_dirs or [])
            content = content or ContentSource(folders, cache_dir() if use_cache else None)
            library = content.load()
        clock = clock or system_clock
        if store is None:
            services = Services.open(db_path, library, clock, rng)
        else:
            services = Services(store, library, clock, rng)
    return PlaybookApp(services, quiz, join=join, content=content)
