"""Helpers that answer worksheet fields through their widgets, as a user's input would."""

from __future__ import annotations

import json

from textual.widgets import Input, Select, TextArea

from playbook.tui.widgets.checklist import Checklist
from playbook.tui.widgets.fields import FieldEditor
from playbook.tui.widgets.radiolist import RadioList
from playbook.tui.widgets.rights import RightsEditor
from playbook.tui.widgets.scores import ScalePicker


def tick(checklist: Checklist, ids) -> None:
    for item_id in ids:
        index = list(checklist.items).index(item_id)
        checklist.highlighted = index
        checklist.action_toggle()


async def fill(pilot, editor: FieldEditor, raw: str) -> None:
    """Put `raw` (the stored form) into the field's widgets."""
    kind = editor.field.kind
    if kind in ("text", "date"):
        editor.query_one(Input).value = raw
    elif kind in ("long", "list"):
        editor.query_one(TextArea).load_text(raw)
    elif kind == "choice":
        choices = editor.query_one(RadioList)
        choices.action_pick([o.id for o in choices.choices].index(raw) + 1)
    elif kind == "multi":
        tick(editor.query_one(Checklist), json.loads(raw))
    elif kind == "score":
        value = json.loads(raw)
        editor.query_one(RadioList).action_pick(value["score"])
        editor.query_one(TextArea).load_text(value["evidence"])
        tick(editor.query_one(Checklist), value["sources"])
    elif kind == "compare":
        value = json.loads(raw)
        editor.query_one("#scale-us", ScalePicker).action_choose(value["us"])
        await pilot.pause()  # the two scales report one at a time
        editor.query_one("#scale-them", ScalePicker).action_choose(value["them"])
    elif kind == "rights":
        assert isinstance(editor, RightsEditor)
        rows = json.loads(raw)
        for index, row in enumerate(rows):
            if index:
                editor.query_one("#add-decision").press()
                await pilot.pause()
            widgets = list(editor.query(".rights-row"))[index]
            widgets.query_one(Input).value = row["decision"]
            await pilot.pause()
            widgets.query_one(Select).value = row["owner"]


async def fill_stage(pilot, screen, answers: dict[str, str]) -> None:
    for editor in screen.query(FieldEditor):
        if editor.field.id in answers:
            await fill(pilot, editor, answers[editor.field.id])
    await pilot.pause()
