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
STATUS_MARKS = {
    Status.NOT_STARTED: "○",
    Status.IN_PROGRESS: "◐",
    Status.FLAGGED: "⚑",
    Status.DONE: "●",
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
        Binding("f5", "flags", "Red flags"),
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
        yield Static(id="stage-flags")
        start = "worksheet" if self.sheet.started else "lesson"
        # The sheet's stage names the two companies where the content says {us} and {them}.
        worksheet = Worksheet(self.sheet.stage, self.sheet.raw, self.sheet.all_messages())
        with TabbedContent(initial=start):
            with TabPane("Lesson and checklist (F2)", id="lesson"), Horizontal(id="stage-body"):
                with VerticalScroll(id="lesson-pane"):
                    yield Markdown(id="lesson-text", open_links=False)
                with Vertical(id="checklist-pane"):
                    yield Label(id="checklist-title")
                    # The hint sits above the list, so a long checklist never pushes it
                    # off a small screen.
                    yield Static("", id="hint", classes="-empty")
                    yield Checklist(self.stage.items, self.sheet.ticked, id="checklist")
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
        words = progress.words
        self.query_one("#stage-status", Static).update(
            Content.assemble(
                (f"{STATUS_MARKS[progress.status]} {words[0].upper()}{words[1:]}", "bold"),
                f"   Checklist {progress.ticked}/{progress.total}",
                f"   Worksheet {check.passing}/{check.total} pass   ",
                SAVE_WORDS[self.save_state],
            )
        )
        self.query_one("#stage-status").set_class(progress.status is Status.DONE, "-done")
        self.query_one("#stage-status").set_class(progress.status is Status.FLAGGED, "-flagged")
        self._show_flags(progress)
        self.query_one("#checklist-title", Label).update(
            Content.from_markup(
                "[b]Checklist[/b]  $done of $total", done=progress.ticked, total=progress.total
            )
        )
        for chart in self.query(ScoreChart):
            compact = self.size.width < 100  # long scale names would wrap
            chart.show(self.sheet.scorecard(), "Scorecard (updates as you score)", compact)
        done = progress.status in (Status.DONE, Status.FLAGGED)
        if self._was_done is None:
            self._was_done = done
        elif done and not self._was_done:
            self._was_done = True
            flagged = progress.status is Status.FLAGGED
            self.notify(
                f"{self.stage.title}: every item ticked and every answer passes"
                + (f", with {len(progress.flags)} red flags to answer (F5)." if flagged else "."),
                title="Stage complete" if not flagged else "Done, with open flags",
                severity="warning" if flagged else "information",
                markup=False,
            )
        elif not done:
            self._was_done = False
        return progress.status

    def _show_flags(self, progress) -> None:
        flags = self.query_one("#stage-flags", Static)
        if flags.display != bool(progress.flags):
            flags.display = bool(progress.flags)
            self.refresh_bindings()  # F5 comes and goes with the flags
        if progress.flags:
            count = len(progress.flags)
            flags.update(
                Content.assemble(
                    (f"⚑ {count} red flag{'s' if count != 1 else ''} open ", "bold"),
                    "(",
                    ("F5", "bold"),
                    " to answer): ",
                    "; ".join(f.text for f in progress.flags),
                )
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "flags":
            return bool(self.sheet.flags())
        return True

    def action_flags(self) -> None:
        from playbook.tui.dialogs.flags import FlagsDialog

        def save(flag_id: str, note: str) -> str | None:
            try:
                self.sheet.acknowledge(flag_id, note)
            except ValueError as problem:
                return str(problem)
            except StoreError as error:
                return in_words(error)
            return None

        def done(saved: bool | None) -> None:
            if saved:
                self.refresh_status()

        self.app.push_screen(FlagsDialog(self.sheet.flags(), self.sheet.acknowledged, save), done)

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
        shown = self.query_one("#hint", Static)
        shown.update(Content.assemble(("Hint: ", "bold"), hint))
        shown.remove_class("-empty")

    # -- worksheet ---------------------------------------------------------

    def on_field_editor_changed(self, event: FieldEditor.Changed) -> None:
        for field_id, messages in self.sheet.edit(event.field_id, event.raw).items():
            if field_id == event.field_id:
                event.editor.show_status(messages)
            else:  # a field whose check reads this one ("spelled out in the detail")
                for editor in self.query(FieldEditor):
                    if editor.field.id == field_id:
                        editor.show_status(messages)
        if self.save_state != "unsaved":
            self.save_state = "saving"
        self.refresh_status()
        self._schedule()

    def _schedule(self) -> None:
        """A timer for when the service says the pending text is due to be written.

        Keys never stop or move a pending timer: a timer restarted on every key would
        never fire while typing goes on. It checks again when it fires instead, and
        writes then or waits the rest of the quiet moment (never past the maximum wait).
        """
        if self._timer is not None:
            return
        due = self.sheet.save_due_in()
        if due is not None:
            self._timer = self.set_timer(due, self._save)

    def _save(self) -> None:
        self._timer = None
        due = self.sheet.save_due_in()
        retrying = self.sheet.failed is not None  # the wait was for the database, not quiet
        if due is not None and due > 0.01 and not retrying:
            self._schedule()  # still within the quiet moment: the latest key was recent
            return
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
            # Focus the first question without scrolling past what sits above it (the
            # Vibe check's scorecard): the worksheet opens at its top.
            editors[0].focus_input(scroll_visible=False)
            self.query_one("#worksheet-pane").scroll_home(animate=False)

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
