"""Provides worksheets as files: an alliance's five stages as one YAML file to fill in with
any editor, check, import and export, the way rustlings lets you work on exercises in your
own editor.

The file is a mapping of stage id -> field id -> answer, with each stage's checklist ticks
under `checklist` and red-flag notes under the top-level `flags`; every field comes with
its label, prompt, hint and options as comments. Answers are written the way they read:
text as text (several lines as a block), a choice as its option id, several choices as a
list, a score as `{score, evidence, sources}`, a placement as `{us, them}`, decision rights
as a list of `{decision, owner}`. Reading a file reports every problem at its line (an
unknown stage or field, a value of the wrong shape) and stores nothing until the file is
clean; export then import changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from playbook.content.fields import (
    EVIDENCE_SOURCES,
    ChoiceField,
    CompareField,
    ListField,
    MultiField,
    RightsField,
    ScoreField,
    WorksheetField,
)
from playbook.content.frontmatter import LineDict, parse_yaml
from playbook.content.library import Library
from playbook.domain.checks import Context, check_stage, read_all
from playbook.domain.flags import stage_flags

FORMAT_VERSION = 1
RESERVED = ("checklist",)


@dataclass(frozen=True)
class Problem:
    line: int
    where: str  # "north-star.goal", or "" for the file as a whole
    message: str

    def text(self, path: Path | str) -> str:
        where = f" {self.where}:" if self.where else ""
        return f"{path}:{self.line}:{where} {self.message}"


@dataclass
class Sheet:
    """A worksheet file, read: the alliance it is for, and its answers as stored text."""

    partner: str = ""
    side: str = ""
    name: str = ""
    kind: str = ""
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    ticked: dict[str, set[str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # red flag id -> note
    lines: dict[str, int] = field(default_factory=dict)  # "stage.field" -> its line
    problems: list[Problem] = field(default_factory=list)  # the file's shape, not the answers


# -- writing ---------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _yaml(value: object) -> str:
    return yaml.dump(
        value,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=88,
        default_flow_style=False,
    )


def _comment(text: str, indent: str) -> list[str]:
    lines = []
    for paragraph in text.strip().splitlines():
        words, line = paragraph.split(), ""
        for word in words:
            if len(line) + len(word) + 1 > 84 - len(indent):
                lines.append(f"{indent}# {line}")
                line = word
            else:
                line = f"{line} {word}".strip()
        if line:
            lines.append(f"{indent}# {line}")
    return lines


def answer_for_file(answer: WorksheetField, raw: str) -> object:
    """A stored answer as a file (or the live partner session's page) writes it."""
    value = answer.read(raw)
    if answer.is_blank(value):
        if isinstance(answer, ScoreField):
            return {"score": None, "evidence": "", "sources": []}
        if isinstance(answer, CompareField):
            return {"us": None, "them": None}
        if isinstance(answer, MultiField | RightsField):
            return []
        return None
    if isinstance(answer, ScoreField):
        return {"score": value.score, "evidence": value.evidence, "sources": list(value.sources)}
    if isinstance(answer, CompareField):
        return {"us": value.us, "them": value.them}
    if isinstance(answer, MultiField):
        return list(value)
    if isinstance(answer, RightsField):
        return [{"decision": r.decision, "owner": r.owner} for r in value]
    return raw


def _describe(answer: WorksheetField) -> list[str]:
    lines = [f"{answer.label}{'' if answer.required else ' (optional)'}: {answer.prompt}"]
    if isinstance(answer, ChoiceField):
        lines.append("One of: " + "; ".join(f"{o.id} ({o.label})" for o in answer.options))
    elif isinstance(answer, MultiField):
        lines.append("Any of: " + "; ".join(f"{o.id} ({o.label})" for o in answer.options))
    elif isinstance(answer, ScoreField):
        lines.append("score 1-5: " + "; ".join(f"{o.id} {o.label}" for o in answer.options))
        lines.append("sources, any of: " + ", ".join(s for s, _ in EVIDENCE_SOURCES))
    elif isinstance(answer, CompareField):
        low, high = answer.poles
        lines.append(f"us and them, 1 ({low}) to 5 ({high})")
    elif isinstance(answer, RightsField):
        owners = ", ".join(f"{o.id} ({o.label})" for o in answer.options)
        lines.append(f"A list of {{decision, owner}}; owner one of: {owners}")
    elif isinstance(answer, ListField):
        lines.append("One entry per line (a block of lines, or a YAML list).")
    if answer.hint:
        lines.append("Hint: " + answer.hint)
    return lines


def write_sheet(
    library: Library,
    partner: str,
    side: str,
    name: str = "",
    kind: str = "",
    answers: Mapping[str, Mapping[str, str]] | None = None,
    ticked: Mapping[str, set[str]] | None = None,
    notes: Mapping[str, str] | None = None,
    stages=None,
    header: tuple[str, ...] | None = None,
    with_flags: bool = True,
) -> str:
    """The worksheet file for an alliance (blank when no answers are given). `stages`: the
    stages to write (default: the library's); `header`: the opening comment lines."""
    answers = answers or {}
    ticked = ticked or {}
    stages = tuple(stages if stages is not None else library.ordered_stages)
    header = header or (
        f"Alliance Playbook worksheet, format {FORMAT_VERSION}.",
        "Fill in the answers with any editor; `playbook alliance check FILE` says what is",
        "missing, and `playbook alliance import FILE` takes it into the app.",
    )
    out = [
        *(f"# {line}" for line in header),
        "",
        _yaml(
            {
                "alliance": {
                    "name": name or f"{side} × {partner}",
                    "side": side,
                    "partner": partner,
                    "kind": kind,
                }
            }
        ).rstrip(),
    ]
    for stage in stages:
        named = stage.named(side, partner)
        out += ["", *_comment(f"---- {stage.order}. {stage.title}: {stage.summary}", "")]
        out.append(f"{stage.id}:")
        for answer in named.fields:
            out += _comment("\n".join(_describe(answer)), "  ")
            raw = answers.get(stage.id, {}).get(answer.id, "")
            block = _yaml({answer.id: answer_for_file(answer, raw)}).rstrip()
            # A blank answer reads as an empty line to fill in ("goal:"), not "goal: null".
            out += ["  " + line.removesuffix(" null") for line in block.splitlines()]
        if not stage.items:
            continue
        out += ["  # The checklist: true once done."]
        out.append("  checklist:")
        for item in stage.items:
            out += _comment(item.text, "    ")
            done = item.id in ticked.get(stage.id, set())
            out.append(f"    {item.id}: {'true' if done else 'false'}")
    if with_flags:
        out += [
            "",
            "# Red flags (a weak score, a culture gap, a walk-away signal) answered with a note:",
            "# flag id: what you will do about it. `playbook alliance check` lists the open ones.",
        ]
        out.append(_yaml({"flags": dict(notes or {})}).rstrip() if notes else "flags: {}")
    return "\n".join(out) + "\n"


# -- reading ----------------------------------------------------------------------------


def read_sheet(text: str, library: Library, stages=None) -> Sheet:
    """The file's alliance and answers (as stored text), with every problem of its shape.
    `stages`: the stages the file may hold (default: the library's)."""
    sheet = Sheet()
    data, issues = parse_yaml(text)
    sheet.problems += [Problem(i.line, "", i.message) for i in issues]
    if data is None:
        if not issues:
            sheet.problems.append(Problem(1, "", "the file is empty"))
        return sheet
    if not isinstance(data, LineDict):
        sheet.problems.append(Problem(1, "", "a worksheet is a mapping of stage ids to answers"))
        return sheet
    stages = {s.id: s for s in (stages if stages is not None else library.ordered_stages)}
    for key in data:
        line = data.line_of(key)
        if key == "alliance":
            _read_alliance(sheet, data[key], line)
        elif key == "flags":
            _read_flags(sheet, data[key], line)
        elif key in stages:
            _read_stage(sheet, stages[key], data[key], line)
        else:
            known = ", ".join(["alliance", *stages, "flags"])
            sheet.problems.append(Problem(line, "", f"unknown stage '{key}' (known: {known})"))
    if not sheet.partner:
        sheet.problems.append(
            Problem(data.line_of("alliance"), "alliance", "give the partner's name (partner:)")
        )
    return sheet


def _read_alliance(sheet: Sheet, data: object, line: int) -> None:
    if not isinstance(data, LineDict):
        sheet.problems.append(Problem(line, "alliance", "give name, side, partner and kind"))
        return
    for key in data:
        value = data[key]
        if key not in ("name", "side", "partner", "kind"):
            sheet.problems.append(Problem(data.line_of(key), "alliance", f"unknown key '{key}'"))
        elif value is not None and not isinstance(value, str):
            sheet.problems.append(Problem(data.line_of(key), f"alliance.{key}", "should be text"))
        else:
            setattr(sheet, key, " ".join((value or "").split()))


def _read_flags(sheet: Sheet, data: object, line: int) -> None:
    if data is None:
        return
    if not isinstance(data, LineDict):
        sheet.problems.append(Problem(line, "flags", "a mapping of flag id: note"))
        return
    for key, value in data.items():
        if not isinstance(value, str):
            sheet.problems.append(Problem(data.line_of(key), f"flags.{key}", "should be text"))
        elif value.strip():
            sheet.notes[str(key)] = value.strip()


def _read_stage(sheet: Sheet, stage, data: object, line: int) -> None:
    if data is None:
        return
    if not isinstance(data, LineDict):
        sheet.problems.append(Problem(line, stage.id, "a stage is a mapping of field ids"))
        return
    fields = {f.id: f for f in stage.fields}
    for key in data:
        where, at = f"{stage.id}.{key}", data.line_of(key)
        if key == "checklist":
            _read_checklist(sheet, stage, data[key], at)
            continue
        answer = fields.get(key)
        if answer is None:
            known = ", ".join([*fields, *RESERVED])
            sheet.problems.append(Problem(at, where, f"unknown field (fields: {known})"))
            continue
        sheet.lines[where] = at
        stored, problem = stored_answer(answer, data[key])
        if problem:
            sheet.problems.append(Problem(at, where, problem))
        elif stored:
            sheet.answers.setdefault(stage.id, {})[answer.id] = stored


def _read_checklist(sheet: Sheet, stage, data: object, line: int) -> None:
    if data is None:
        return
    if not isinstance(data, LineDict):
        sheet.problems.append(Problem(line, f"{stage.id}.checklist", "item id: true or false"))
        return
    items = {i.id for i in stage.items}
    for key, value in data.items():
        at = data.line_of(key)
        if key not in items:
            sheet.problems.append(Problem(at, f"{stage.id}.checklist.{key}", "unknown item"))
        elif not isinstance(value, bool):
            sheet.problems.append(Problem(at, f"{stage.id}.checklist.{key}", "true or false"))
        elif value:
            sheet.ticked.setdefault(stage.id, set()).add(key)


def stored_answer(answer: WorksheetField, value: object) -> tuple[str, str]:
    """(the answer as the app stores it, "") or ("", what is wrong with its shape): for a
    value read from a file, or sent by the live partner session's page."""
    if value is None:
        return "", ""
    if isinstance(answer, ScoreField):
        if not isinstance(value, dict):
            return "", "a score is {score: 1-5, evidence: ..., sources: [...]}"
        score = value.get("score")
        if score is not None and (isinstance(score, bool) or score not in range(1, 6)):
            return "", "score must be a whole number from 1 to 5"
        sources = value.get("sources") or []
        known = {s for s, _ in EVIDENCE_SOURCES}
        if not isinstance(sources, list) or any(s not in known for s in sources):
            return "", "sources must be a list of: " + ", ".join(sorted(known))
        evidence = value.get("evidence") or ""
        if not isinstance(evidence, str):
            return "", "evidence should be text"
        extra = set(value) - {"score", "evidence", "sources"}
        if extra:
            return "", f"unknown key '{sorted(extra)[0]}' (score, evidence, sources)"
        if score is None and not evidence.strip() and not sources:
            return "", ""
        return json.dumps(
            {"score": score, "evidence": evidence, "sources": sources}, ensure_ascii=False
        ), ""
    if isinstance(answer, CompareField):
        if not isinstance(value, dict) or set(value) - {"us", "them"}:
            return "", "a placement is {us: 1-5, them: 1-5}"
        for side in ("us", "them"):
            point = value.get(side)
            if point is not None and (isinstance(point, bool) or point not in range(1, 6)):
                return "", f"{side} must be a whole number from 1 to 5"
        if value.get("us") is None and value.get("them") is None:
            return "", ""
        return json.dumps({"us": value.get("us"), "them": value.get("them")}), ""
    if isinstance(answer, MultiField):
        values = value if isinstance(value, list) else None
        ids = {o.id for o in answer.options}
        if values is None or any(v not in ids for v in values):
            return "", "a list of option ids: " + ", ".join(o.id for o in answer.options)
        return (json.dumps(values, ensure_ascii=False), "") if values else ("", "")
    if isinstance(answer, RightsField):
        if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
            return "", "a list of {decision: ..., owner: ...}"
        rows = []
        owners = {o.id for o in answer.options}
        for row in value:
            owner = row.get("owner") or ""
            if owner and owner not in owners:
                return "", f"owner '{owner}' is not one of: {', '.join(sorted(owners))}"
            rows.append({"decision": str(row.get("decision") or ""), "owner": owner})
        return (json.dumps(rows, ensure_ascii=False), "") if rows else ("", "")
    if isinstance(answer, ChoiceField):
        ids = [o.id for o in answer.options]
        if not isinstance(value, str) or value not in ids:
            return "", f"one of: {', '.join(ids)}"
        return value, ""
    if isinstance(answer, ListField) and isinstance(value, list):
        if not all(isinstance(v, str | int | float) for v in value):
            return "", "a list of entries, one per line"
        return "\n".join(str(v) for v in value), ""
    if isinstance(value, bool):
        return "", "should be text, not true/false"
    if isinstance(value, int | float | str):
        return str(value), ""
    return "", "should be text"


# -- checking -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    line: int
    where: str
    message: str
    failing: bool = True  # False: a note (an open red flag), not a failure


def verdicts(
    sheet: Sheet, library: Library, ctx: Context, stages=None, with_flags: bool = True
) -> list[Verdict]:
    """Every answer's checks, at its line; open red flags as notes. `stages`: the stages the
    file holds (default: the library's)."""
    stages = tuple(stages if stages is not None else library.ordered_stages)
    values = read_all(stages, sheet.answers)
    ctx = Context(
        today=ctx.today,
        us=sheet.side or ctx.us,
        them=sheet.partner or ctx.them,
        stages=stages,
        values=values,
        acknowledged=frozenset(sheet.notes),
    )
    found: list[Verdict] = []
    for stage in stages:
        result = check_stage(stage, values[stage.id], ctx)
        for failure in result.failures:
            where = f"{stage.id}.{failure.field_id}"
            found.append(Verdict(sheet.lines.get(where, 1), where, failure.message))
        for flag in stage_flags(stage, values[stage.id]) if with_flags else ():
            if flag.id not in sheet.notes:
                where = f"{stage.id}.{flag.field_id}"
                found.append(
                    Verdict(
                        sheet.lines.get(where, 1),
                        where,
                        f"red flag {flag.id!r}: {flag.text}; answer it under flags:",
                        failing=False,
                    )
                )
    return sorted(found, key=lambda v: v.line)
