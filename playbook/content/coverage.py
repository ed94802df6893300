"""Provides the library coverage: the stages, forms and outcomes each case covers, and gaps."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from playbook.content.models import DIRECTIONS, FORMS, OUTCOMES, Case, Library
from playbook.content.questions import QuestionKind

QUESTION_TYPES = tuple(str(kind) for kind in QuestionKind)

MIN_CASES_PER_STAGE = 3


@dataclass(frozen=True)
class CaseCoverage:
    case: Case
    stages: tuple[str, ...]
    forms: tuple[str, ...]  # its form, and what it ended as
    question_types: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    rows: tuple[CaseCoverage, ...]
    stage_ids: tuple[str, ...]
    by_stage: dict[str, int]
    by_form: dict[str, int]
    by_outcome: dict[str, int]
    by_direction: dict[str, int]
    by_question_type: dict[str, int]

    @property
    def gaps(self) -> list[str]:
        """What a facilitator would want to add: thin stages, untaught forms and outcomes."""
        gaps = [
            f"stage '{stage}' is taught by only {count} case{'s' if count != 1 else ''} "
            f"(at least {MIN_CASES_PER_STAGE} wanted)"
            for stage, count in self.by_stage.items()
            if count < MIN_CASES_PER_STAGE
        ]
        gaps += [f"no case with form '{form}'" for form, n in self.by_form.items() if not n]
        gaps += [f"no case with outcome '{o}'" for o, n in self.by_outcome.items() if not n]
        gaps += [f"no question of type '{t}'" for t, n in self.by_question_type.items() if not n]
        return gaps


def coverage(library: Library) -> Coverage:
    stage_ids = tuple(s.id for s in library.ordered_stages)
    rows = []
    for case in library.ordered_cases:
        forms = tuple(dict.fromkeys(f for f in (case.form, case.ended_as) if f))
        types = tuple(sorted({q.type for q in case.questions}, key=QUESTION_TYPES.index))
        rows.append(CaseCoverage(case, case.stages, forms, types))

    def count(values, universe) -> dict[str, int]:
        counts = Counter(values)
        return {key: counts.get(key, 0) for key in universe}

    return Coverage(
        rows=tuple(rows),
        stage_ids=stage_ids,
        by_stage=count((s for r in rows for s in r.stages), stage_ids),
        by_form=count((f for r in rows for f in r.forms), FORMS),
        by_outcome=count((r.case.outcome for r in rows), OUTCOMES),
        by_direction=count((r.case.direction for r in rows), DIRECTIONS),
        by_question_type=count((q.type for r in rows for q in r.case.questions), QUESTION_TYPES),
    )


def report(library: Library) -> str:
    """The coverage as plain text: a matrix of cases by stage, then counts and gaps."""
    cov = coverage(library)
    short = {s.id: s.title[:10] for s in library.ordered_stages}
    title_width = min(34, max((len(r.case.title) for r in cov.rows), default=10))
    header = f"{'case':<{title_width}}  " + " ".join(f"{short[s]:<10}" for s in cov.stage_ids)
    lines = [header + "  form / outcome", "-" * (len(header) + 16)]
    for row in cov.rows:
        marks = " ".join(f"{'✓' if s in row.stages else '·':<10}" for s in cov.stage_ids)
        lines.append(
            f"{row.case.title[:title_width]:<{title_width}}  {marks}  "
            f"{' → '.join(row.forms)} / {row.case.outcome}"
        )
    lines.append("")
    for label, counts in (
        ("stages", {short[k]: v for k, v in cov.by_stage.items()}),
        ("forms", cov.by_form),
        ("outcomes", cov.by_outcome),
        ("directions", cov.by_direction),
        ("question types", cov.by_question_type),
    ):
        lines.append(f"{label}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    gaps = cov.gaps
    lines.append("")
    lines.append("gaps: " + ("none" if not gaps else ""))
    lines += [f"  - {gap}" for gap in gaps]
    return "\n".join(lines)
