"""Provides editor_for: the editor widget of each worksheet field kind (the registry)."""

from __future__ import annotations

from playbook.content.fields import (
    ChoiceField,
    CompareField,
    DateField,
    ListField,
    LongField,
    MultiField,
    RightsField,
    ScoreField,
    TextField,
    WorksheetField,
)
from playbook.tui.widgets.fields import (
    ChoiceEditor,
    DateEditor,
    FieldEditor,
    ListEditor,
    LongEditor,
    MultiEditor,
    TextEditor,
)
from playbook.tui.widgets.rights import RightsEditor
from playbook.tui.widgets.scores import CompareEditor, ScoreEditor

EDITORS: dict[type[WorksheetField], type[FieldEditor]] = {
    TextField: TextEditor,
    DateField: DateEditor,
    LongField: LongEditor,
    ListField: ListEditor,
    ChoiceField: ChoiceEditor,
    MultiField: MultiEditor,
    ScoreField: ScoreEditor,
    CompareField: CompareEditor,
    RightsField: RightsEditor,
}


def editor_for(field: WorksheetField, raw: str, messages: list[str]) -> FieldEditor:
    return EDITORS.get(type(field), LongEditor)(field, raw, messages)
