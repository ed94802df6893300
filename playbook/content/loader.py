"""Provides load_library: content folders -> a Library of models plus the problems found.

A content folder holds `checklists/*.md` (one per playbook stage), `cases/*.md` and
`banks/*.md` (questions that belong to no case). Folders later in the list sit on top of
earlier ones: a file with the same id replaces the earlier one, which is how a facilitator
edits a bundled case without touching the package. A broken file is reported and skipped;
everything else still loads.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from playbook.content import frontmatter, narrative
from playbook.content.cases import (
    Bank,
    Case,
    CheckRecord,
    Decision,
    Figure,
    PlanStep,
    Source,
    TeachingNote,
)
from playbook.content.fields import (
    CHECK_NAMES,
    FIELD_KINDS,
    Check,
    FieldKind,
    Option,
    WorksheetField,
)
from playbook.content.frontmatter import LineDict
from playbook.content.library import Library
from playbook.content.models import (
    DIRECTIONS,
    FORMS,
    OUTCOMES,
    ChecklistItem,
    Condition,
    DiscussionPrompt,
    HealthArea,
    Problem,
    Scenario,
    Stage,
)
from playbook.content.placeholders import PLACEHOLDER, is_placeholder, placeholder_lines
from playbook.content.questions import build_question
from playbook.content.reader import Reader

STAGE_KEYS = (
    "id",
    "title",
    "order",
    "summary",
    "checklist",
    "worksheet",
    "discussion",
    "scenarios",
    "health_check",
)
CASE_KEYS = (
    "id",
    "title",
    "parties",
    "years",
    "industry",
    "direction",
    "form",
    "ended_as",
    "legal_form",
    "outcome",
    "stages",
    "summary",
    "figures",
    "sources",
    "questions",
    "discussion",
    "decision",
    "led_from",
    "teaching_note",
    "checked",
)
BANK_KEYS = ("id", "title", "summary", "category", "source", "questions")
FIELD_KEYS = (
    "id",
    "label",
    "kind",
    "prompt",
    "placeholder",
    "hint",
    "options",
    "checks",
    "required",
    "charter",
    "charter_label",
)


def read_document(path: Path, problems: list[Problem]) -> frontmatter.Document | None:
    """Read a file's front matter and body; report and return None if unreadable."""
    try:
        size = path.stat().st_size
        if size > frontmatter.MAX_BYTES:
            problems.append(
                Problem(
                    path,
                    1,
                    f"file is too large ({size // 1024} KiB; the limit is "
                    f"{frontmatter.MAX_BYTES // 1024} KiB)",
                )
            )
            return None
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(path, 1, f"cannot read file: {error.strerror or error}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(path, line, f"not UTF-8 text (byte 0x{raw[error.start]:02x}): save it as UTF-8")
        )
        return None
    if "\x00" in text:
        problems.append(Problem(path, text[: text.index("\x00")].count("\n") + 1, "binary data"))
        return None
    document = frontmatter.split(text)
    for issue in document.issues:
        problems.append(Problem(path, issue.line, issue.message))
    if document.meta is None:
        return None
    return document


def _reader_for(path: Path, problems: list[Problem]) -> tuple[Reader, str, int] | None:
    """(a reader of the front matter, the body, the file line the body starts on)."""
    document = read_document(path, problems)
    if document is None:
        return None
    if any(p.path == path for p in problems):
        # Duplicate keys and similar: the mapping is ambiguous, so don't trust it.
        return None
    reader = Reader(path, document.meta, problems)
    for number in placeholder_lines(document.body):
        problems.append(
            Problem(
                path,
                document.body_line + number - 1,
                f"the text still holds a placeholder ({PLACEHOLDER}): replace it with the real "
                "thing",
            )
        )
    return reader, document.body, document.body_line


def _check_id_matches_file(reader: Reader, path: Path, id_: str) -> None:
    if id_ and id_ != path.stem:
        reader.problem(
            reader.line_of("id"),
            f"id '{id_}' must equal the file name ('{path.stem}'): progress is stored by id",
        )


def _discussion(reader: Reader) -> tuple[DiscussionPrompt, ...]:
    prompts = []
    for data in reader.mappings("discussion", required=False):
        d = reader.child(data, where=f"discussion prompt on line {data.line}: ")
        prompt = DiscussionPrompt(d.text("prompt"), d.text("strong_answer", required=False))
        d.finish(("prompt", "strong_answer"))
        if d.ok:
            prompts.append(prompt)
    return tuple(prompts)


def load_stage(path: Path, problems: list[Problem]) -> Stage | None:
    opened = _reader_for(path, problems)
    if opened is None:
        return None
    r, body, _ = opened
    stage_id = r.slug("id")
    _check_id_matches_file(r, path, stage_id)
    title = r.text("title")
    order = r.integer("order")
    summary = r.text("summary")
    items: list[ChecklistItem] = []
    for data in r.mappings("checklist"):
        c = r.child(data, where=f"checklist item on line {data.line}: ")
        item = ChecklistItem(c.slug("id"), c.text("text"), c.text("hint", required=False))
        c.finish(("id", "text", "hint"))
        if not c.ok:
            continue
        if any(existing.id == item.id for existing in items):
            r.problem(data.line_of("id"), f"checklist item id '{item.id}' is used twice")
            continue
        items.append(item)
    fields = _fields(r)
    discussion = _discussion(r)
    scenarios = _scenarios(r)
    health_check = _health_check(r)
    if not body.strip():
        r.problem(r.line, "the lesson (the Markdown after the front matter) is empty")
    r.finish(STAGE_KEYS)
    if not r.ok:
        return None
    return Stage(
        id=stage_id,
        title=title,
        order=order,
        summary=summary,
        lesson=body.strip(),
        items=tuple(items),
        fields=fields,
        discussion=discussion,
        scenarios=scenarios,
        health_check=health_check,
        path=path,
    )


def _scenarios(r: Reader) -> tuple[Scenario, ...]:
    """The exit stress test: each scenario, and the conditions that cover it."""
    found: list[Scenario] = []
    for data in r.mappings("scenarios", required=False):
        s = r.child(data, where=f"scenario on line {data.line}: ")
        conditions: list[Condition] = []
        for raw in s.mappings("covered_if"):
            c = s.child(raw, where=f"scenario on line {data.line}, condition on line {raw.line}: ")
            where = c.texts("in")
            option = c.text("option", required=False)
            mentions = c.texts("mentions", required=False)
            filled = c.boolean("filled", required=False)
            if not (option or mentions or filled):
                c.problem(raw.line, "say what must hold: option, mentions or filled: true")
            c.finish(("in", "option", "mentions", "filled"))
            if c.ok:
                conditions.append(Condition(where, option, mentions, filled))
        scenario = Scenario(
            s.slug("id"), s.text("title"), s.text("what"), tuple(conditions), s.text("add")
        )
        s.finish(("id", "title", "what", "covered_if", "add"))
        if not s.ok:
            r.ok = False
            continue
        if any(other.id == scenario.id for other in found):
            r.problem(data.line_of("id"), f"scenario id '{scenario.id}' is used twice")
            continue
        found.append(scenario)
    return tuple(found)


def _health_check(r: Reader) -> tuple[HealthArea, ...]:
    """The health check's areas, each with its 1-5 statements."""
    areas: list[HealthArea] = []
    seen: set[str] = set()
    for data in r.mappings("health_check", required=False):
        a = r.child(data, where=f"health-check area on line {data.line}: ")
        statements = []
        for raw in a.mappings("statements"):
            t = a.child(raw, where=f"statement on line {raw.line}: ")
            statement = (t.slug("id"), t.text("text"))
            t.finish(("id", "text"))
            if not t.ok:
                a.ok = False
                continue
            if problem := _statement_problem(statement[1]):
                a.problem(raw.line_of("text"), f"statement '{statement[0]}': {problem}")
                continue
            if statement[0] in seen:
                a.problem(raw.line_of("id"), f"statement id '{statement[0]}' is used twice")
                continue
            seen.add(statement[0])
            statements.append(statement)
        area = HealthArea(a.slug("id"), a.text("title"), tuple(statements))
        a.finish(("id", "title", "statements"))
        if a.ok and len(statements) < 2:
            a.problem(data.line, f"area '{area.id}' needs at least 2 statements: one is a "
                      "mood, not a measure")  # fmt: skip
        if a.ok and any(other.id == area.id for other in areas):
            a.problem(data.line_of("id"), f"health-check area id '{area.id}' is used twice")
        if not a.ok:
            r.ok = False
            continue
        areas.append(area)
    return tuple(areas)


def _statement_problem(text: str) -> str:
    """Why a health-check statement cannot be scored from 1 (disagree) to 5 (agree)."""
    words = text.split()
    if text.rstrip().endswith("?"):
        return "it is a question; write a statement people agree or disagree with"
    if len(words) < 4:
        return "too short to agree or disagree with: say it in a sentence"
    if len(words) > 30:
        return f"{len(words)} words; keep a statement to 30 so it is read on a phone"
    return ""


def _fields(r: Reader) -> tuple[WorksheetField, ...]:
    fields: list[WorksheetField] = []
    for data in r.mappings("worksheet", required=False):
        f = r.child(data, where=f"worksheet field on line {data.line}: ")
        field_id = f.slug("id", underscores=True)
        kind_name = f.one_of("kind", tuple(FIELD_KINDS), required=False) or FieldKind.LONG
        cls = FIELD_KINDS[FieldKind(kind_name)]
        options: list[Option] = []
        for option_data in f.mappings("options", required=cls.needs_options):
            o = f.child(option_data, where=f"option on line {option_data.line}: ")
            option = Option(o.text("id"), o.text("label"), o.text("explain", required=False))
            o.finish(("id", "label", "explain"))
            if o.ok:
                options.append(option)
        ids = [o.id for o in options]
        wanted = cls.option_ids
        if wanted is not None and tuple(ids) != wanted:
            f.problem(
                f.line_of("options"),
                f"a {cls.kind} field's options must have the ids {', '.join(wanted)}, in that "
                f"order (they are the points of its scale), not {', '.join(ids) or 'none'}",
            )
        checks = _checks(f)
        field = cls(
            id=field_id,
            label=f.text("label"),
            prompt=f.text("prompt", required=False),
            placeholder=f.text("placeholder", required=False),
            hint=f.text("hint", required=False),
            options=tuple(options),
            checks=checks,
            required=f.boolean("required", required=False, default=True),
            charter=f.text("charter", required=False),
            charter_label=f.text("charter_label", required=False),
        )
        f.finish(FIELD_KEYS)
        if not f.ok:
            r.ok = False
            continue
        if any(existing.id == field.id for existing in fields):
            r.problem(data.line_of("id"), f"worksheet field id '{field.id}' is used twice")
            continue
        fields.append(field)
    known = {field.id for field in fields}
    for field in fields:
        for check in field.checks:
            if check.name in FIELD_REFERENCES and check.arg is not None and check.arg not in known:
                r.problem(
                    r.line,
                    f"worksheet field '{field.id}': check '{check.name}' names the field "
                    f"'{check.arg}', which this stage does not have",
                )
    return tuple(fields)


FIELD_REFERENCES = ("span", "after", "spelled_out")  # checks whose value is a field of the stage


def _checks(f: Reader) -> tuple[Check, ...]:
    raw = f.raw("checks", required=False)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        f.problem(f.line_of("checks"), "'checks' should be a list of check names")
        return ()
    checks: list[Check] = []
    for index, item in enumerate(raw):
        line = raw.line_of(index) if hasattr(raw, "line_of") else f.line_of("checks")
        if isinstance(item, str):
            name, arg = item, None
        elif isinstance(item, LineDict) and len(item) == 1:
            name, arg = next(iter(item.items()))
        else:
            f.problem(line, "a check is a name, or 'name: value'")
            continue
        if name not in CHECK_NAMES:
            f.problem(line, f"unknown check '{name}' (known: {', '.join(sorted(CHECK_NAMES))})")
            continue
        checks.append(Check(name, arg))
    return tuple(checks)


def _decision(r: Reader) -> Decision | None:
    data = r.raw("decision", required=False)
    if data is None:
        return None
    if not isinstance(data, LineDict):
        r.problem(
            r.line_of("decision"), "'decision' should be a mapping: protagonist, date, question"
        )
        return None
    d = r.child(data, where="decision: ")
    decision = Decision(d.text("protagonist"), d.text("date"), d.text("question"))
    d.finish(("protagonist", "date", "question"))
    if not d.ok:
        r.ok = False
        return None
    return decision


def _teaching_note(r: Reader) -> TeachingNote | None:
    data = r.raw("teaching_note", required=False)
    if data is None:
        return None
    if not isinstance(data, LineDict):
        r.problem(
            r.line_of("teaching_note"),
            "'teaching_note' should be a mapping: objectives, plan, board_plan, live_questions",
        )
        return None
    t = r.child(data, where="teaching note: ")
    objectives = t.texts("objectives")
    plan: list[PlanStep] = []
    for step_data in t.mappings("plan"):
        s = t.child(step_data, where=f"plan step on line {step_data.line}: ")
        step = PlanStep(s.integer("minutes"), s.text("activity"))
        s.finish(("minutes", "activity"))
        if not s.ok:
            t.ok = False
            continue
        if step.minutes <= 0:
            s.problem(step_data.line_of("minutes"), "'minutes' must be more than 0")
            t.ok = False
            continue
        plan.append(step)
    note = TeachingNote(
        objectives=objectives,
        plan=tuple(plan),
        board_plan=t.texts("board_plan"),
        live_questions=t.texts("live_questions", required=False),
    )
    t.finish(("objectives", "plan", "board_plan", "live_questions"))
    if not t.ok:
        r.ok = False
        return None
    return note


def _checked(r: Reader) -> CheckRecord | None:
    data = r.raw("checked", required=False)
    if data is None:
        return None
    if not isinstance(data, LineDict):
        r.problem(r.line_of("checked"), "'checked' should be a mapping: date, by, note")
        return None
    c = r.child(data, where="checked: ")
    record = CheckRecord(
        c.text("date"), c.text("by", required=False), c.text("note", required=False)
    )
    c.finish(("date", "by", "note"))
    if not c.ok:
        r.ok = False
        return None
    return record


def _questions(
    r: Reader, owner_id: str, lines: dict[str, int], required: bool, explained: bool = True
) -> list:
    """The questions of a case or bank; `explained`: an explanation is required (a bank's
    questions, imported from elsewhere, may lack one: that is reported, not fatal)."""
    questions = []
    first_line: dict[str, int] = {}
    for data in r.mappings("questions", required=required):
        raw_id = data.get("id")
        if isinstance(raw_id, str):
            lines[f"question:{raw_id}"] = data.line_of("stage")
            if raw_id in first_line:
                r.problem(
                    data.line_of("id"),
                    f"question id '{raw_id}' is used twice (first on line {first_line[raw_id]})",
                    fatal=False,
                )
                continue
            first_line[raw_id] = data.line_of("id")
        question = build_question(r, data, owner_id, explained=explained)
        if question is not None:
            questions.append(question)
    return questions


def load_bank(path: Path, problems: list[Problem]) -> Bank | None:
    """A bank: questions only, with an id (its file name) and a title."""
    opened = _reader_for(path, problems)
    if opened is None:
        return None
    r, body, _ = opened
    bank_id = r.slug("id")
    _check_id_matches_file(r, path, bank_id)
    lines: dict[str, int] = {}
    questions = _questions(r, bank_id, lines, required=True, explained=False)
    bank = Bank(
        id=bank_id,
        title=r.text("title"),
        questions=tuple(questions),
        summary=r.text("summary", required=False),
        category=r.text("category", required=False),
        source=r.text("source", required=False),
        description=body.strip(),
        path=path,
        lines=lines,
    )
    r.finish(BANK_KEYS)
    if not r.ok:
        return None
    if not questions:
        r.problem(r.line_of("questions"), "the bank has no question that could be read")
        return None
    return bank


def load_case(path: Path, problems: list[Problem]) -> Case | None:
    opened = _reader_for(path, problems)
    if opened is None:
        return None
    r, body, body_line = opened
    case_id = r.slug("id")
    _check_id_matches_file(r, path, case_id)
    figures = []
    for data in r.mappings("figures", required=False):
        g = r.child(data, where=f"figure on line {data.line}: ")
        figure = Figure(g.text("label"), g.text("value"))
        g.finish(("label", "value"))
        if g.ok:
            figures.append(figure)
    sources = []
    for data in r.mappings("sources"):
        s = r.child(data, where=f"source on line {data.line}: ")
        source = Source(s.text("title"), s.text("url", required=False))
        s.finish(("title", "url"))
        if s.ok:
            sources.append(source)
    lines: dict[str, int] = {}
    raw_stages = r.raw("stages", required=False)
    if isinstance(raw_stages, list):
        for index, stage_id in enumerate(raw_stages):
            if isinstance(stage_id, str):
                lines[f"stage:{stage_id}"] = raw_stages.line_of(index)
    questions = _questions(r, case_id, lines, required=False)
    case = Case(
        id=case_id,
        title=r.text("title"),
        parties=r.texts("parties"),
        years=r.text("years"),
        industry=r.text("industry"),
        direction=r.one_of("direction", DIRECTIONS),
        form=r.one_of("form", FORMS),
        legal_form=r.text("legal_form"),
        outcome=r.one_of("outcome", OUTCOMES),
        stages=r.texts("stages"),
        summary=r.text("summary"),
        narrative=body.strip(),
        sources=tuple(sources),
        figures=tuple(figures),
        questions=tuple(questions),
        discussion=_discussion(r),
        ended_as=r.one_of("ended_as", FORMS, required=False),
        decision=_decision(r),
        led_from=r.text("led_from", required=False),
        teaching_note=_teaching_note(r),
        checked=_checked(r),
        story=narrative.parse(body, body_line),
        path=path,
        lines=lines,
    )
    if not body.strip():
        r.problem(r.line, "the narrative (the Markdown after the front matter) is empty")
    else:
        _check_case_standard(r, case, first_line=body_line)
    r.finish(CASE_KEYS)
    return case if r.ok else None


MIN_EXHIBITS = 2
PLAN_MINUTES = (60, 90)


def _check_case_standard(r: Reader, case: Case, first_line: int) -> None:
    """A case poses a dated decision, gives exhibits to reason from, keeps the outcome for
    later, and comes with a teaching note; each gap is reported at its line. None of these
    drops the case: it still loads, so a reader can use it while the writer fixes it."""
    if not case.led_from:
        r.problem(
            r.line,
            "missing required field 'led_from': the country (or countries) of the party that "
            "led it",
            fatal=False,
        )
    story = case.story
    if case.decision is None:
        r.problem(
            r.line,
            "missing required field 'decision' (protagonist, date, question): a case poses "
            "the choice someone faced on a date",
            fatal=False,
        )
    if case.teaching_note is None:
        r.problem(
            r.line,
            "missing required field 'teaching_note' (objectives, plan, board_plan, "
            "live_questions): facilitators need it",
            fatal=False,
        )
    else:
        note = case.teaching_note
        low, high = PLAN_MINUTES
        if not low <= note.minutes <= high:
            r.problem(
                r.line_of("teaching_note"),
                f"teaching note: the plan adds up to {note.minutes} minutes; a class takes "
                f"{low}-{high}",
                fatal=False,
            )
        known = {q.id for q in case.questions}
        for qid in note.live_questions:
            if qid not in known:
                r.problem(
                    r.line_of("teaching_note"),
                    f"teaching note: live question '{qid}' is not a question of this case",
                    fatal=False,
                )
    sections = story.sections
    if not sections or sections[0].heading != narrative.DECISION:
        line = sections[0].line if sections else first_line
        r.problem(
            line, f"the narrative must open with a section '## {narrative.DECISION}'", fatal=False
        )
    outcome = story.section(narrative.OUTCOME)
    if outcome is None:
        r.problem(
            first_line,
            f"the narrative needs a section '## {narrative.OUTCOME}': what happened after the "
            "decision, which the app shows only when the reader reads on",
            fatal=False,
        )
    exhibits = story.exhibits
    if len(exhibits) < MIN_EXHIBITS:
        r.problem(
            first_line,
            f"{len(exhibits)} exhibit{'s' if len(exhibits) != 1 else ''}; a case needs at least "
            f"{MIN_EXHIBITS} sections '## Exhibit N: title', each with a table of the data to "
            "reason from",
            fatal=False,
        )
    for number, exhibit in enumerate(exhibits, start=1):
        if exhibit.exhibit != number:
            r.problem(
                exhibit.line, f"exhibit {exhibit.exhibit} should be numbered {number}", fatal=False
            )
        if exhibit.rows < 2:
            r.problem(
                exhibit.line,
                "an exhibit needs a Markdown table with at least two rows",
                fatal=False,
            )
        elif not exhibit.source:
            r.problem(
                exhibit.line, "an exhibit's table needs a 'Source: ...' line under it", fatal=False
            )
        if outcome is not None and exhibit.line > outcome.line:
            r.problem(
                exhibit.line,
                "an exhibit after the outcome tells the reader what happened: move it before "
                f"'## {narrative.OUTCOME}'",
                fatal=False,
            )
    headings = set(story.headings)
    for question in case.questions:
        if question.see and question.see not in headings:
            line = case.lines.get(f"question:{question.id}", r.line)
            r.problem(
                line,
                f"question '{question.id}': see '{question.see}' is not a heading of the narrative",
                fatal=False,
            )


CONTENT_KINDS = ("checklists", "cases", "banks")  # the folders a content folder may hold


def load_folder(
    folder: Path, problems: list[Problem], banks: list[Bank] | None = None
) -> tuple[list[Stage], list[Case]]:
    """Load one content folder; duplicate ids inside it are problems. Its banks go into
    `banks` when given."""
    stages: list[Stage] = []
    cases: list[Case] = []
    found_banks: list[Bank] = banks if banks is not None else []
    checklists, cases_dir, banks_dir = (folder / kind for kind in CONTENT_KINDS)
    if not folder.is_dir():
        problems.append(Problem(folder, 0, "content folder does not exist"))
        return stages, cases
    if not any(d.is_dir() for d in (checklists, cases_dir, banks_dir)):
        problems.append(
            Problem(
                folder,
                0,
                "a content folder needs a 'checklists', 'cases' or 'banks' folder inside",
            )
        )
        return stages, cases
    for kind_dir, load, bucket in (
        (checklists, load_stage, stages),
        (cases_dir, load_case, cases),
        (banks_dir, load_bank, found_banks),
    ):
        if not kind_dir.is_dir():
            continue
        seen: dict[str, Path] = {}
        for path in sorted(kind_dir.glob("*.md")):
            item = load(path, problems)
            if item is None:
                continue
            if item.id in seen:
                problems.append(
                    Problem(path, 2, f"duplicate id '{item.id}' (also in {seen[item.id].name})")
                )
                continue
            seen[item.id] = path
            bucket.append(item)
    return stages, cases


def load_library(folders: list[Path]) -> Library:
    """Load content folders in order, later ones on top; then check references."""
    library = Library()
    for folder in folders:
        banks: list[Bank] = []
        stages, cases = load_folder(Path(folder), library.problems, banks)
        library.stages.update((s.id, s) for s in stages)
        library.cases.update((c.id, c) for c in cases)
        library.banks.update((b.id, b) for b in banks)
    _check_owners(library)
    _check_references(library)
    return library


def _check_owners(library: Library) -> None:
    """A bank may not share an id with a case: question keys would not say whose they are."""
    for bank in list(library.banks.values()):
        if bank.id in library.cases:
            case = library.cases[bank.id]
            library.problems.append(
                Problem(
                    bank.path or Path(bank.id),
                    2,
                    f"bank id '{bank.id}' is also a case's ({case.path.name if case.path else ''}"
                    "): question keys would be ambiguous, so the bank is left out; rename it",
                )
            )
            del library.banks[bank.id]


def _check_references(library: Library) -> None:
    """Drop references to stages that do not exist, reporting each one."""
    for bank in list(library.banks.values()):
        bad_questions = [q for q in bank.questions if q.stage and q.stage not in library.stages]
        for q in bad_questions:
            line = bank.lines.get(f"question:{q.id}", 2)
            library.problems.append(
                Problem(bank.path, line, f"question '{q.id}': unknown stage '{q.stage}'")
            )
        if bad_questions:
            library.banks[bank.id] = replace(
                bank,
                questions=tuple(
                    replace(q, stage="") if q in bad_questions else q for q in bank.questions
                ),
            )
    for case in list(library.cases.values()):
        bad = [s for s in case.stages if s not in library.stages and not is_placeholder(s)]
        for stage_id in bad:
            line = case.lines.get(f"stage:{stage_id}", 2)
            library.problems.append(Problem(case.path, line, f"unknown stage '{stage_id}'"))
        bad_questions = [q for q in case.questions if q.stage and q.stage not in library.stages]
        for q in bad_questions:
            line = case.lines.get(f"question:{q.id}", 2)
            library.problems.append(
                Problem(case.path, line, f"question '{q.id}': unknown stage '{q.stage}'")
            )
        if bad or bad_questions or any(is_placeholder(s) for s in case.stages):
            library.cases[case.id] = replace(
                case,
                stages=tuple(s for s in case.stages if s in library.stages),
                questions=tuple(
                    replace(q, stage="") if q in bad_questions else q for q in case.questions
                ),
            )
