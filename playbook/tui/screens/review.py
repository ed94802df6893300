"""Provides ReviewScreen: spaced review of due questions across cases, or cram ahead.

The counts are read again every minute while the screen is open and whenever it comes
back into view, so a card that comes due while you look turns "nothing due" into "1 due".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from playbook.services.errors import StoreError
from playbook.services.review import ALL, Queue, Scope
from playbook.tui import messages as asked
from playbook.tui.base import PlaybookScreen
from playbook.tui.widgets.bars import bar_row

SESSION = 20  # questions in one review or cram session at most
REFRESH_SECONDS = 60.0


def when(moment: datetime, now: datetime) -> str:
    """ "in 12 minutes", "in 3 hours", "tomorrow at 09:30", "on Mon 09 Mar"."""
    seconds = (moment - now).total_seconds()
    if seconds < 60:
        return "in under a minute"
    if seconds < 3600:
        minutes = round(seconds / 60)
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    local, today = moment.astimezone(), now.astimezone().date()
    if seconds < 6 * 3600 or local.date() == today:
        hours = round(seconds / 3600)
        return f"in {hours} hour{'s' if hours != 1 else ''} (at {local:%H:%M})"
    if local.date() == today + timedelta(days=1):
        return f"tomorrow at {local:%H:%M}"
    return f"on {local:%a %d %b}"


class ReviewScreen(PlaybookScreen):
    """r reviews what is due (FSRS schedules the next time); c crams ahead without
    changing the schedule; the scope narrows both to one case or one stage."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("r", "review", "Review due"),
        Binding("c", "cram", "Cram"),
        Binding("f", "next_scope", "Scope"),
        Binding("a", "toggle_confidence", "How sure", show=False),
        Binding("s", "app.open_stats", "Stats"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scope: Scope = ALL

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="review-body"):
            yield Static(id="review-scope")
            yield Static(id="review-summary")
            yield OptionList(id="review-actions")
            yield Checkbox("a  Ask how sure I am of each answer", id="review-confidence")
            yield Static(id="review-forecast")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Review"
        self.query_one("#review-actions", OptionList).focus()
        self.set_interval(REFRESH_SECONDS, self._refresh_if_shown)

    def _refresh_if_shown(self) -> None:
        if self.is_current:
            self.refresh_summary()

    def on_screen_resume(self) -> None:
        self.refresh_summary()

    # -- the scope ---------------------------------------------------------------------

    def scopes(self) -> list[tuple[str, Scope]]:
        """Everything, then each stage, then each case that has cards in the queue."""
        library = self.services.library
        found: list[tuple[str, Scope]] = [("every case and stage", ALL)]
        keys = (
            [key for key in self.services.review.cram_keys(self.profile.id)] if self.profile else []
        )
        stages = {q.stage for k in keys if (q := library.question(k)) and q.stage}
        cases = {k.partition("/")[0] for k in keys}
        found += [
            (f"the stage {s.title}", Scope(stage_id=s.id))
            for s in library.ordered_stages
            if s.id in stages
        ]
        found += [
            (f"the {'bank' if c.id in library.banks else 'case'} {c.title}", Scope(case_id=c.id))
            for c in library.owners
            if c.id in cases
        ]
        return found

    def action_next_scope(self) -> None:
        scopes = self.scopes()
        names = [scope for _, scope in scopes]
        index = names.index(self.scope) if self.scope in names else -1
        self.scope = names[(index + 1) % len(names)]
        self.refresh_summary()

    # -- the summary -------------------------------------------------------------------

    def refresh_summary(self) -> None:
        if self.profile is None:
            return
        review = self.services.review
        queue = review.queue(self.profile.id, self.scope)
        due = review.due_keys(self.profile.id, self.scope)
        label = next((name for name, scope in self.scopes() if scope == self.scope), "")
        self.query_one("#review-scope", Static).update(
            Content.from_markup("Reviewing [b]$scope[/b] · f changes it", scope=label)
        )
        now = self.services.clock()
        cases = len({key.partition("/")[0] for key in due})
        summary = self.query_one("#review-summary", Static)
        if not queue.total:
            summary.update(
                Content(
                    "Nothing to review yet. Every question you answer in a case quiz joins "
                    "the review queue; FSRS brings it back just before you would forget it."
                )
            )
        elif due:
            summary.update(
                Content.from_markup(
                    "[b]$n question$s due[/b] from $c case$cs. "
                    "Answers you got wrong come back soonest.",
                    n=len(due),
                    s="" if len(due) == 1 else "s",
                    c=cases,
                    cs="" if cases == 1 else "s",
                )
            )
        else:
            nxt = f" The next is due {when(queue.next_due, now)}." if queue.next_due else ""
            summary.update(
                Content.from_markup(
                    "[b]Nothing due now.[/b]$next $n question$s in the queue; cram to practise "
                    "ahead of schedule.",
                    next=nxt,
                    n=queue.total,
                    s="" if queue.total == 1 else "s",
                )
            )
        actions = self.query_one("#review-actions", OptionList)
        highlighted = actions.highlighted
        actions.clear_options()
        session = min(len(due), SESSION)
        actions.add_options(
            [
                Option(
                    Content.from_markup(
                        "[b]r  Review[/b] the $n due now (the schedule moves on)", n=session
                    )
                    if due
                    else Content.from_markup("[b]r  Review[/b]: nothing is due now"),
                    id="review",
                    disabled=not due,
                ),
                Option(
                    Content.from_markup(
                        "[b]c  Cram[/b]: practise ahead, the soonest due first, as many as "
                        "you like of $n; the schedule stays as it is",
                        n=queue.total,
                    ),
                    id="cram",
                    disabled=not queue.total,
                ),
            ]
        )
        if due:
            actions.highlighted = highlighted if highlighted is not None else 0
        else:
            actions.highlighted = 1 if queue.total else None
        self.query_one("#review-forecast", Static).update(self._forecast(queue))

    def _forecast(self, queue: Queue) -> Content:
        now = self.services.clock().astimezone()
        top = max([*queue.days, queue.later], default=0) or 1
        rows = [Content.from_markup("[b]Coming due[/b] (overdue counts as today)")]
        for offset, count in enumerate(queue.days):
            day = now + timedelta(days=offset)
            label = "today" if offset == 0 else day.strftime("%a %d %b")
            rows.append(bar_row(label, 10, count / top, 24, str(count)))
        rows.append(bar_row("later", 10, queue.later / top, 24, str(queue.later)))
        rows.append(Content.styled(f"{queue.total} in the queue in all", "$foreground-muted"))
        return Content("\n").join(rows)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "review":
            self.action_review()
        elif event.option.id == "cram":
            self.action_cram()

    def screen_commands(self) -> list[tuple[str, str, object]]:
        return [
            ("Review due questions", "The schedule moves on", self.action_review),
            ("Cram", "Practise ahead; the schedule stays as it is", self.action_cram),
            ("Review scope", "Every case, one stage or one case", self.action_next_scope),
            (
                "Ask how sure I am",
                "Turn certainty-based marking on or off",
                self.action_toggle_confidence,
            ),
        ]

    @property
    def confidence(self) -> bool:
        return self.query_one("#review-confidence", Checkbox).value

    def action_toggle_confidence(self) -> None:
        self.query_one("#review-confidence", Checkbox).toggle()

    def action_review(self) -> None:
        if self.profile is None:
            return
        review = self.services.review
        due = review.due_keys(self.profile.id, self.scope)[:SESSION]
        if not due:
            self.notify("Nothing is due. Cram (c) to practise ahead.", title="Review")
            self.refresh_summary()
            return
        self._run("review", due)

    def action_cram(self) -> None:
        if self.profile is None:
            return
        from playbook.tui.dialogs.cram import CramDialog

        keys = self.services.review.cram_keys(self.profile.id, self.scope)
        if not keys:
            self.notify("Answer a case quiz first: its questions join the queue.", title="Cram")
            return

        def chosen(how_many: int | None) -> None:
            if how_many:
                self._run("cram", keys[:how_many])

        self.app.push_screen(CramDialog(len(keys)), chosen)

    def _run(self, kind: str, keys: list[str]) -> None:
        assert self.profile is not None
        try:
            session = self.services.quizzes.start(
                self.profile.id,
                self.scope.case_id or None,
                "practice",
                self.confidence,
                kind=kind,
                keys=keys,
            )
        except (StoreError, ValueError) as error:
            self.not_saved(error)
            return
        self.post_message(asked.QuizSessionRequested(session))
