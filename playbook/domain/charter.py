"""Provides the alliance charter: the worksheets turned into one Markdown document.

Every field goes into the charter section its stage file names. Nothing is
silently dropped: an unanswered or failing field appears with what is missing,
and the open flags (weak scores, walk-away signals, unfinished stages) close
the document, because the partner should see them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from playbook.content.fields import Block, Bullets, Grid, MultiField, WorksheetField
from playbook.content.models import Stage
from playbook.domain.checks import check_field
from playbook.domain.progress import Status, playbook_progress
from playbook.domain.vibe import scorecard

SECTIONS = (
    ("objectives", "Objectives"),
    ("scope", "Scope and form"),
    ("contributions", "Contributions"),
    ("due-diligence", "Partner due diligence"),
    ("governance", "Governance"),
    ("decision-rights", "Decision rights"),
    ("exit", "Exit terms"),
    ("disputes", "Disputes"),
    ("pilot", "Pilot plan"),
    ("flags", "Open flags"),
)
# Line starts that would turn typed text into Markdown structure: headings, quotes, lists,
# rules, tables and code fences (a fence would swallow every later section of the charter).
_BLOCK_START = re.compile(r"^(\s*)([#>*+\-=|`~]|\d+[.)])")


@dataclass(frozen=True)
class CharterInput:
    name: str
    our_side: str
    partner: str
    kind: str
    author: str
    today: date
    stages: tuple[Stage, ...]
    ticked: dict[str, set[str]]
    values: dict[str, dict[str, object]]  # typed answers by stage, then field


def md(text: str, escape_inline: bool = True) -> str:
    """User text, kept as typed, but unable to turn itself into headings, lists or HTML."""
    lines = []
    for line in text.strip().splitlines():
        line = _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        lines.append(line.replace("<", "&lt;") if escape_inline else line)
    return "  \n".join(lines)


def _inline(text: str) -> str:
    """A piece of a line: no HTML, and no stars of its own (they would change the bold)."""
    return text.replace("<", "&lt;").replace("*", "\\*")


def cell(text: str) -> str:
    return md(text).replace("|", "\\|").replace("  \n", " ")


def render_block(block: Block) -> str:
    if isinstance(block, Bullets):
        return "\n".join(f"- {md(item)}" for item in block.items)
    if isinstance(block, Grid):
        lines = ["| " + " | ".join(block.header) + " |", "|" + "---|" * len(block.header)]
        lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in block.rows]
        return "\n".join(lines)
    text = block.text
    if block.marks:
        pieces, at = [], 0
        for start, end in block.marks:
            pieces += [_inline(text[at:start]), f"**{_inline(text[start:end])}**"]
            at = end
        body = md("".join(pieces) + _inline(text[at:]), escape_inline=False)
    else:
        body = md(text)
    if block.lead:
        return f"**{md(block.lead)}**" + (f": {body}" if body else "")
    return body


def render_answer(field: WorksheetField, value: object) -> str:
    if field.is_blank(value):
        return "_Not answered yet._" if field.required else "_None noted (optional)._"
    return "  \n".join(render_block(block) for block in field.present(value))


def build_charter(data: CharterInput) -> str:
    progress = playbook_progress(list(data.stages), data.ticked, data.values)
    done = [p.stage.title for p in progress.stages if p.status is Status.DONE]
    out = [
        f"# Alliance charter: {md(data.name)}",
        "",
        f"An alliance between **{md(data.our_side)}** and **{md(data.partner)}**"
        + (f": {md(data.kind.strip().rstrip('.'))}." if data.kind.strip() else "."),
        "",
        f"Prepared by {md(data.author)} on {data.today.isoformat()} with Alliance Playbook. "
        f"Stages complete: {len(done)} of {progress.total}"
        + (f" ({', '.join(done)})." if done else "."),
        "",
    ]
    fields_by_section: dict[str, list[tuple[Stage, WorksheetField]]] = {}
    for stage in data.stages:
        for field in stage.fields:
            fields_by_section.setdefault(field.charter or "notes", []).append((stage, field))
    sections = list(SECTIONS)
    sections += [
        (key, key.replace("-", " ").capitalize())
        for key in fields_by_section
        if key not in dict(SECTIONS)
    ]
    for key, title in sections:
        entries = fields_by_section.get(key, [])
        if key == "flags":
            out += _flags(data, progress, entries)
            continue
        if not entries:
            continue
        out += [f"## {title}", ""]
        if key == "due-diligence":
            out += _scorecard_chart(data)
        for stage, field in entries:
            value = _value(data, stage, field)
            out += [f"**{md(field.label)}**", "", render_answer(field, value)]
            missing = check_field(field, value) if not field.is_blank(value) else []
            if missing:
                out += ["", "_Unfinished: " + " ".join(md(m) for m in missing) + "_"]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _value(data: CharterInput, stage: Stage, field: WorksheetField) -> object:
    values = data.values.get(stage.id, {})
    return values[field.id] if field.id in values else field.read("")


def _scorecard_chart(data: CharterInput) -> list[str]:
    stage = next((s for s in data.stages if s.id == "vibe-check"), None)
    if stage is None:
        return []
    card = scorecard(stage, data.values.get(stage.id, {}))
    if not any(f.score for f in card.factors):
        return []
    width = max(len(f.label) for f in card.factors)
    lines = ["```"]
    for factor in card.factors:
        score = factor.score or 0
        bar = "█" * (score * 4) + "·" * ((5 - score) * 4)
        note = f"  ⚑ {'; '.join(factor.flags)}" if factor.flags else ""
        lines.append(f"{factor.label:<{width}}  {bar}  {score or '-'}/5{note}")
    lines += ["```", ""]
    return lines


def _flags(data, progress, entries) -> list[str]:
    flags: list[str] = []
    vibe = next((s for s in data.stages if s.id == "vibe-check"), None)
    if vibe is not None:
        flags += [md(f) for f in scorecard(vibe, data.values.get(vibe.id, {})).flags]
    for stage, field in entries:
        value = _value(data, stage, field)
        if isinstance(field, MultiField) and not field.is_blank(value):
            flags += [f"{md(field.label)}: {md(field.option_label(v))}" for v in value]
    for item in progress.stages:
        if item.status is Status.DONE:
            continue
        gaps = []
        if item.total - item.ticked:
            gaps.append(f"{item.total - item.ticked} checklist items open")
        failing = {f.field_id for f in item.check.failures}
        if failing:
            gaps.append(f"{len(failing)} worksheet answers missing or unfinished")
        flags.append(f"{item.stage.title} is not finished: {', '.join(gaps)}")
    out = ["## Open flags", ""]
    out += [f"- {flag}" for flag in flags] if flags else ["None: every stage is complete."]
    out.append("")
    return out
