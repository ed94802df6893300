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

from playbook.content.models import Stage, WorksheetField
from playbook.domain.checks import check_field
from playbook.domain.progress import Status, playbook_progress
from playbook.domain.vibe import scorecard
from playbook.domain.worksheet import (
    EVIDENCE_SOURCES,
    Placement,
    Score,
    is_blank,
    list_items,
    option_label,
    read,
)

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
SOURCE_LABELS = dict(EVIDENCE_SOURCES)
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
    answers: dict[str, dict[str, str]]


def md(text: str) -> str:
    """User text, kept as typed, but unable to turn itself into headings, lists or HTML."""
    lines = []
    for line in text.strip().splitlines():
        line = _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        lines.append(line.replace("<", "&lt;"))
    return "  \n".join(lines)


def cell(text: str) -> str:
    return md(text).replace("|", "\\|").replace("  \n", " ")


def render_answer(field: WorksheetField, raw: str) -> str:
    value = read(field, raw)
    if is_blank(field, value):
        return "_Not answered yet._" if field.required else "_None noted (optional)._"
    if field.kind == "choice":
        option = next((o for o in field.options if o.id == value), None)
        if option is None:
            return md(str(value))
        return f"{md(option.label)}" + (f": {md(option.explain)}" if option.explain else "")
    if field.kind == "multi":
        return "\n".join(f"- {md(option_label(field, v))}" for v in value)
    if field.kind == "list":
        return "\n".join(f"- {md(item)}" for item in list_items(value))
    if field.kind == "score" and isinstance(value, Score):
        anchor = option_label(field, str(value.score)) if value.score else ""
        score = f"**{value.score} of 5**" if value.score else "**not scored**"
        parts = [f"{score}" + (f": {md(anchor)}" if anchor else "")]
        if value.evidence.strip():
            parts.append(f"Evidence: {md(value.evidence)}")
        if value.sources:
            parts.append("Sources: " + ", ".join(SOURCE_LABELS.get(s, s) for s in value.sources))
        return "  \n".join(parts)
    if field.kind == "compare" and isinstance(value, Placement):
        low = option_label(field, "1")
        high = option_label(field, "5")
        us = value.us if value.us is not None else "?"
        them = value.them if value.them is not None else "?"
        return f"Us **{us}**, them **{them}** (1 = {md(low)}, 5 = {md(high)})"
    if field.kind == "rights":
        rows = [r for r in value if r.decision.strip()]
        table = ["| Decision | Owner |", "|---|---|"]
        for right in rows:
            owner = option_label(field, right.owner) if right.owner else "_no owner yet_"
            table.append(f"| {cell(right.decision)} | {cell(owner)} |")
        return "\n".join(table)
    return md(str(value))


def build_charter(data: CharterInput) -> str:
    progress = playbook_progress(list(data.stages), data.ticked, data.answers)
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
            raw = data.answers.get(stage.id, {}).get(field.id, "")
            out += [f"**{md(field.label)}**", "", render_answer(field, raw)]
            missing = check_field(field, raw) if not is_blank(field, read(field, raw)) else []
            if missing:
                out += ["", "_Unfinished: " + " ".join(md(m) for m in missing) + "_"]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _scorecard_chart(data: CharterInput) -> list[str]:
    stage = next((s for s in data.stages if s.id == "vibe-check"), None)
    if stage is None:
        return []
    card = scorecard(stage, data.answers.get(stage.id, {}))
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
        flags += [md(f) for f in scorecard(vibe, data.answers.get(vibe.id, {})).flags]
    for stage, field in entries:
        value = read(field, data.answers.get(stage.id, {}).get(field.id, ""))
        if field.kind == "multi" and not is_blank(field, value):
            flags += [f"{md(field.label)}: {md(option_label(field, v))}" for v in value]
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
