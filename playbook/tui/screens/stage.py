"""Provides StageScreen: a stage's lesson and checklist, and its worksheet with live checks.

Answers are saved as they are typed: each change waits a moment for the next
keystroke (SAVE_DELAY) and is then written in one transaction; leaving the
screen or quitting writes whatever is still waiting, so nothing typed is lost.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.lazy import Lazy
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Label, Markdown, Static, TabbedContent, TabPane

from playbook.content.models import Stage
from playbook.domain.checks import check_field
from playbook.domain.progress import Status, stage_progress
from playbook.domain.vibe import scorecard
from playbook.store.db import DatabaseLocked, StoreError
from playbook.store.records import Alliance
from playbook.tui.widgets.checklist import Checklist
from playbook.tui.widgets.fields import FieldEditor
from playbook.tui.widgets.scorechart import ScoreChart
from playbook.tui.widgets.worksheet import Worksheet

SAVE_DELAY = 0.3  # seconds of quiet before typed text is written
SAVE_WAIT_MS = 250  # how long one save waits for another writer before trying again later
RETRY_DELAY = 2.0  # seconds between tries when the database refused a write
SAVE_WORDS = {
    "saved": ("✓ Saved", "dim"),
    "saving": ("… Saving", "dim"),
    "unsaved": ("⚠ Not saved yet: retrying", "bold $text-error"),
}
STATUS_WORDS = {
    Status.NOT_STARTED: "○ Not started",
    Status.IN_PROGRESS: "◐ In progress",
    Status.DONE: "● Done",
}


class StageScreen(Screen):
    """Read the lesson, tick the checklist, answer the worksheet until its checks pass."""

    CSS_PATH = "stage.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("f2", "show_tab('lesson')", "Lesson", show=False),
        Binding("f3", "show_tab('worksheet')", "Worksheet", show=False),
        Binding("ctrl+n", "next_gap", "Next gap"),
        Binding("f1", "hint", "Hint"),
        Binding("ctrl+r", "reset_stage", "Reset", show=False),
    ]

    def __init__(self, stage: Stage, alliance: Alliance) -> None:
        super().__init__()
        self.stage = stage
        self.alliance = alliance
        self.pending: dict[str, str] = {}
        self._timer: Timer | None = None
        self._was_done: bool | None = None  # unknown until the first look: no fanfare on opening
        self.save_state = "saved"
        self._leave_anyway = False

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        store = self.store
        self.answers = store.answers(self.alliance.id, self.stage.id).get(self.stage.id, {})
        ticked = store.ticked(self.alliance.id, self.stage.id).get(self.stage.id, set())
        yield Header()
        yield Static(id="stage-status")
        start = "worksheet" if self.answers else "lesson"
        worksheet = Worksheet(self.stage, self.answers)
        with TabbedContent(initial=start):
            with TabPane("Lesson and checklist (F2)", id="lesson"), Horizontal(id="stage-body"):
                with VerticalScroll(id="lesson-pane"):
                    yield Markdown(id="lesson-text", open_links=False)
                with Vertical(id="checklist-pane"):
                    yield Label(id="checklist-title")
                    yield Checklist(self.stage.items, ticked, id="checklist")
                    yield Static("", id="hint")
            with TabPane("Worksheet (F3)", id="worksheet"):
                # Built after the first paint when it starts hidden: the lesson shows at once.
                yield worksheet if start == "worksheet" else Lazy(worksheet)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"{self.alliance.name} · {self.stage.title}"
        self.query_one("#lesson-text", Markdown).update(self.stage.lesson)
        self.refresh_status()
        if self.query_one(TabbedContent).active == "lesson":
            self.query_one(Checklist).focus()
        try:
            self.store.open_stage(self.alliance.id, self.stage.id)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)

    # -- status -----------------------------------------------------------

    def progress(self):
        ticked = set(self.query_one(Checklist).selected)
        return stage_progress(self.stage, ticked, self.answers)

    def refresh_status(self) -> Status:
        progress = self.progress()
        check = progress.check
        self.query_one("#stage-status", Static).update(
            Content.assemble(
                (STATUS_WORDS[progress.status], "bold"),
                f"   Checklist {progress.ticked}/{progress.total}",
                f"   Worksheet {check.passing}/{check.total} pass   ",
                SAVE_WORDS[self.save_state],
            )
        )
        self.query_one("#stage-status").set_class(progress.status is Status.DONE, "-done")
        self.query_one("#checklist-title", Label).update(
            Content.from_markup(
                "[b]Checklist[/b]  $done of $total", done=progress.ticked, total=progress.total
            )
        )
        for chart in self.query(ScoreChart):
            chart.show(scorecard(self.stage, self.answers), "Scorecard (updates as you score)")
        done = progress.status is Status.DONE
        if self._was_done is None:
            self._was_done = done
        elif done and not self._was_done:
            self._was_done = True
            self.notify(
                f"{self.stage.title} is done: every item ticked and every answer passes.",
                title="Stage complete",
                markup=False,
            )
        elif not done:
            self._was_done = False
        return progress.status

    # -- checklist ---------------------------------------------------------

    def on_checklist_item_toggled(self, event: Checklist.ItemToggled) -> None:
        if event.checklist.id != "checklist":
            return  # a multi-choice field's own list: the field editor handles it
        try:
            self.store.tick_item(self.alliance.id, self.stage.id, event.item_id, event.checked)
        except StoreError as error:
            # Put the tick back as it was: the screen must never claim an unsaved change.
            event.checklist.set_ticked(event.item_id, not event.checked)
            self.notify(str(error), title="Not saved", severity="error", markup=False)
        self.refresh_status()

    def on_checklist_hint_requested(self, event: Checklist.HintRequested) -> None:
        hint = event.item.hint or "No hint for this item: the lesson covers it."
        self.query_one("#hint", Static).update(Content.assemble(("Hint: ", "bold"), hint))

    # -- worksheet ---------------------------------------------------------

    def on_field_editor_changed(self, event: FieldEditor.Changed) -> None:
        self.answers[event.field_id] = event.raw
        self.pending[event.field_id] = event.raw
        event.editor.show_status(check_field(event.editor.field, event.raw))
        if self.save_state != "unsaved":
            self.save_state = "saving"
        self.refresh_status()
        self._schedule(SAVE_DELAY)

    def _schedule(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(delay, self.flush)

    def flush(self, redraw: bool = True, wait_ms: int | None = SAVE_WAIT_MS) -> bool:
        """Write every answer still waiting, in one transaction; True when nothing is left.

        If another program holds the database, the answers stay on screen and are tried
        again every RETRY_DELAY seconds; each try waits only `wait_ms`, so typing never
        freezes for the database's full busy timeout.
        """
        if not self.pending:
            return True
        values, self.pending = self.pending, {}
        was_unsaved = self.save_state == "unsaved"
        try:
            self.store.save_answers(self.alliance.id, self.stage.id, values, wait_ms=wait_ms)
        except StoreError as error:
            self.pending = {**values, **self.pending}  # keep them for the next try
            self.save_state = "unsaved"
            if isinstance(error, DatabaseLocked):
                self._schedule(RETRY_DELAY)  # busy: it will let go
            if not was_unsaved:
                self.notify(
                    f"{error} What you typed stays on screen and is saved as soon as the "
                    "database lets us."
                    if isinstance(error, DatabaseLocked)
                    else f"{error} What you typed stays on screen.",
                    title="Not saved yet",
                    severity="error",
                    markup=False,
                    timeout=8,
                )
        else:
            self.save_state = "saving" if self.pending else "saved"
            if was_unsaved:
                self.notify("Everything you typed is saved now.", title="Saved", markup=False)
        if redraw and self.is_mounted:
            self.refresh_status()
        return not self.pending

    def on_screen_suspend(self) -> None:
        self.flush(redraw=False)

    def on_unmount(self) -> None:
        self.flush(redraw=False, wait_ms=None)  # the last chance: wait the full busy timeout

    # -- actions -----------------------------------------------------------

    def action_back(self) -> None:
        """Leave, unless typed answers could not be saved yet: then say so, and leave on a
        second escape."""
        if self.flush() or self._leave_anyway:
            self.app.pop_screen()
            return
        self._leave_anyway = True
        self.notify(
            "What you typed is not saved yet: the database is busy. Stay a moment and it will "
            "be; press escape again to leave without it.",
            title="Not saved yet",
            severity="warning",
            markup=False,
        )

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "lesson":
            self.query_one(Checklist).focus()
        else:
            # The worksheet may still be mounting (it is built lazily): focus once it is there.
            self.call_after_refresh(self._focus_first_editor)

    def _focus_first_editor(self) -> None:
        editors = list(self.query(FieldEditor))
        if editors:
            editors[0].focus_input()

    def action_hint(self) -> None:
        focused = self.focused
        editor = next(
            (a for a in (focused.ancestors if focused else []) if isinstance(a, FieldEditor)), None
        )
        if editor is not None:
            editor.toggle_hint()
        elif isinstance(focused, Checklist):
            focused.action_hint()
        else:
            self.notify("Move to a question or a checklist item first, then ask for its hint.")

    def action_next_gap(self) -> None:
        """Go to the first thing still missing: rustlings' "what next?"."""
        progress = self.progress()
        failing = {f.field_id for f in progress.check.failures}
        for editor in self.query(FieldEditor):
            if editor.field.id in failing:
                self.query_one(TabbedContent).active = "worksheet"
                editor.focus_input()
                editor.scroll_visible(top=True)
                return
        checklist = self.query_one(Checklist)
        open_items = [
            i for i, item in enumerate(self.stage.items) if item.id not in checklist.ticked
        ]
        if open_items:
            self.query_one(TabbedContent).active = "lesson"
            checklist.focus()
            checklist.highlighted = open_items[0]
            return
        self.notify(f"{self.stage.title} is complete: nothing is missing.", markup=False)

    def action_reset_stage(self) -> None:
        from playbook.tui.screens.confirm import ConfirmDialog

        def reset(confirmed: bool | None) -> None:
            if not confirmed:
                return
            self.pending.clear()
            try:
                self.store.reset_stage(self.alliance.id, self.stage.id)
            except StoreError as error:
                self.notify(str(error), title="Not reset", severity="error", markup=False)
                return
            self.app.switch_screen(StageScreen(self.stage, self.alliance))

        self.app.push_screen(
            ConfirmDialog(
                f"Reset {self.stage.title}?",
                "This clears every tick and every answer of this stage for "
                f"{self.alliance.name}. It cannot be undone.",
                yes="Reset the stage",
            ),
            reset,
        )
