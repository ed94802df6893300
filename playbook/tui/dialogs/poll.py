"""Provides PollDialog: write a poll for a workshop, a 1-5 scale or an open question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from playbook.tui.base import PlaybookDialog


class PollDialog(PlaybookDialog[tuple[str, ...] | None]):
    """Returns ("scale", prompt, low end, high end) or ("open", prompt), or None."""

    CSS_PATH = "poll.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        scale = self.kind == "scale"
        with Vertical(id="poll-box"):
            yield Label(
                Content.from_markup("[b]A 1-5 scale[/b]" if scale else "[b]An open question[/b]"),
                id="poll-title",
            )
            yield Label("The question")
            yield Input(
                placeholder="e.g. How ready is our alliance team?" if scale else
                "e.g. What worries you most about this partner?",
                max_length=200,
                id="poll-prompt",
            )  # fmt: skip
            if scale:
                with Horizontal(id="poll-ends"):
                    with Vertical():
                        yield Label("1 means")
                        yield Input(placeholder="Not at all", max_length=40, id="poll-low")
                    with Vertical():
                        yield Label("5 means")
                        yield Input(placeholder="Completely", max_length=40, id="poll-high")
            yield Static(id="poll-error")
            with Horizontal(id="poll-buttons"):
                yield Button("Add to the agenda", id="add", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#poll-error").display = False
        self.query_one("#poll-prompt").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "poll-prompt" and self.kind == "scale":
            self.query_one("#poll-low").focus()
        elif event.input.id == "poll-low":
            self.query_one("#poll-high").focus()
        else:
            self.action_add()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add":
            self.action_add()
        else:
            self.dismiss(None)

    def action_add(self) -> None:
        prompt = " ".join(self.query_one("#poll-prompt", Input).value.split())
        if not prompt:
            error = self.query_one("#poll-error", Static)
            error.update(Content("Type the question first."))
            error.display = True
            self.query_one("#poll-prompt").focus()
            return
        if self.kind == "scale":
            low = self.query_one("#poll-low", Input).value.strip() or "Not at all"
            high = self.query_one("#poll-high", Input).value.strip() or "Completely"
            self.dismiss(("scale", prompt, low, high))
        else:
            self.dismiss(("open", prompt))
