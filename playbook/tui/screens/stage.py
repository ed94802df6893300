"""Provides StageScreen: a stage's lesson and checklist, and its worksheet with live checks.

Answers are saved as they are typed (the Worksheet service decides when: a moment after
the last key, and never more than a short while after the first unsaved one); leaving the
screen or quitting writes whatever is still waiting, so nothing typed is lost.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.lazy import Lazy
from textual.timer import Timer
from textual.widgets import Footer, Header, Label, Markdown, Static, TabbedContent, TabPane

from playbook.content.models import Stage
from playbook.domain.progress import Status
from playbook.services.errors import DatabaseLocked, StoreError
from playbook.services.records import Alliance
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen, in_words
from playbook.tui.dialogs.confirm import ConfirmDialog
from playbook.tui.widgets.checklist import Checklist
from playbook.tui.widgets.fields import FieldEditor
from playbook.tui.widgets.scorechart import ScoreChart
from playbook.tui.widgets.worksheet import Worksheet

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


class StageScreen(PlaybookScreen):
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
        self._timer: Timer | None = None
        self._was_done: bool | None = None  # unknown until the first look: no fanfare on opening
        self.save_state = "saved"
        self._leave_anyway = False

    def compose(self) -> ComposeResult:
        self.sheet = self.services.worksheet(self.stage, self.alliance)
        yield Header()
        yield Static(id="stage-status")
        start = "worksheet" if self.sheet.started else "lesson"
        messages = {f.id: self.sheet.messages(f) for f in self.stage.fields}
        worksheet = Worksheet(self.stage, self.sheet.raw, messages)
        with TabbedContent(initial=start):
            with TabPane("Lesson and checklist (F2)", id="lesson"), Horizontal(id="stage-body"):
                with VerticalScroll(id="lesson-pane"):
                    yield Markdown(id="lesson-text", open_links=False)
                with Vertical(id="checklist-pane"):
                    yield Label(id="checklist-title")
                    yield Checklist(self.stage.items, self.sheet.ticked, id="checklist")
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
            self.sheet.opened()
        except StoreError as error:
            self.not_saved(error)

    # -- status -----------------------------------------------------------

    def refresh_status(self) -> Status:
        progress = self.sheet.progress()
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
            chart.show(self.sheet.scorecard(), "Scorecard (updates as you score)")
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

    def on_worksheet_mounted(self, event: Worksheet.Mounted) -> None:
        self.refresh_status()

    # -- checklist ---------------------------------------------------------

    def on_checklist_item_toggled(self, event: Checklist.ItemToggled) -> None:
        if event.checklist.id != "checklist":
            return  # a multi-choice field's own list: the field editor handles it
        try:
            self.sheet.tick(event.item_id, event.checked)
        except StoreError as error:
            # Put the tick back as it was: the screen must never claim an unsaved change.
            event.checklist.set_ticked(event.item_id, not event.checked)
            self.not_saved(error)
        self.refresh_status()

    def on_checklist_hint_requested(self, event: Checklist.HintRequested) -> None:
        hint = event.item.hint or "No hint for this item: the lesson covers it."
        self.query_one("#hint", Static).update(Content.assemble(("Hint: ", "bold"), hint))

    # -- worksheet ---------------------------------------------------------

    def on_field_editor_changed(self, event: FieldEditor.Changed) -> None:
        event.editor.show_status(self.sheet.edit(event.field_id, event.raw))
        if self.save_state != "unsaved":
            self.save_state = "saving"
        self.refresh_status()
        self._schedule()

    def _schedule(self) -> None:
        """A timer for when the service says the pending text is due to be written."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        due = self.sheet.save_due_in()
        if due is not None:
            self._timer = self.set_timer(due, self._save)

    def _save(self) -> None:
        self.flush()

    def flush(self, redraw: bool = True, last_chance: bool = False) -> bool:
        """Write every answer still waiting; True when nothing is left unsaved.

        If another program holds the database, the answers stay on screen and are tried
        again; each try waits only a moment, so typing never freezes for the database's
        full busy timeout (except on the last chance, when the screen goes away).
        """
        if not self.sheet.pending:
            return True
        was_unsaved = self.save_state == "unsaved"
        saved = self.sheet.flush(wait_ms=None) if last_chance else self.sheet.flush()
        if saved:
            self.save_state = "saved"
            if was_unsaved:
                self.notify("Everything you typed is saved now.", title="Saved", markup=False)
        else:
            error = self.sheet.failed
            self.save_state = "unsaved"
            if not was_unsaved and error is not None:
                self.notify(
                    f"{in_words(error)} What you typed stays on screen and is saved as soon as "
                    "the database lets us."
                    if isinstance(error, DatabaseLocked)
                    else f"{in_words(error)} What you typed stays on screen.",
                    title="Not saved yet",
                    severity="error",
                    markup=False,
                    timeout=8,
                )
        if not last_chance and self.is_mounted:
            self._schedule()
        if redraw and self.is_mounted:
            self.refresh_status()
        return not self.sheet.pending

    def save_pending(self, last_chance: bool = False) -> bool:
        return self.flush(redraw=False, last_chance=last_chance)

    def on_screen_suspend(self) -> None:
        self.flush(redraw=False)

    def on_unmount(self) -> None:
        self.flush(redraw=False, last_chance=True)  # wait the full busy timeout

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
        progress = self.sheet.progress()
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
        def reset(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.sheet.reset()
            except StoreError as error:
                self.not_saved(error, title="Not reset")
                return
            self.post_message(asked.StageRequested(self.stage.id, self.alliance, replace=True))

        self.app.push_screen(
            ConfirmDialog(
                f"Reset {self.stage.title}?",
                "This clears every tick and every answer of this stage for "
                f"{self.alliance.name}. It cannot be undone.",
                yes="Reset the stage",
            ),
            reset,
        )
