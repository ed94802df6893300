"""Provides the library coverage: the stages, forms and outcomes each case covers, and gaps."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from playbook.content.cases import Case
from playbook.content.library import Library
from playbook.content.models import DIRECTIONS, FORMS, OUTCOMES
from playbook.content.questions import QuestionKind, TrueFalse

QUESTION_TYPES = tuple(str(kind) for kind in QuestionKind)

MIN_CASES = 30
MIN_CASES_PER_STAGE = 5
MIN_LED_OUTSIDE_US = 8  # cases led wholly from outside the United States
MIN_FAILURES = 5  # cases taught as failures
US = "united states"


def led_outside_us(case: Case) -> bool:
    """Led wholly from outside the United States (no US party among the leaders)."""
    return bool(case.led_from) and US not in case.led_from.casefold()


def led_partly_outside_us(case: Case) -> bool:
    places = [p.strip() for p in re.split(r",|\band\b", case.led_from.casefold()) if p.strip()]
    return any(US not in p for p in places)


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
    led_outside_us: int = 0
    led_partly_outside_us: int = 0
    checked: int = 0  # cases with a second reader's check on record
    true_keys: int = 0  # true/false questions keyed True
    false_keys: int = 0

    @property
    def cases(self) -> int:
        return len(self.rows)

    @property
    def failures(self) -> int:
        return self.by_outcome.get("failure", 0)

    @property
    def gaps(self) -> list[str]:
        """What a facilitator would want to add: thin stages, untaught forms and outcomes."""
        gaps = [
            f"stage '{stage}' is taught by only {count} case{'s' if count != 1 else ''} "
            f"(at least {MIN_CASES_PER_STAGE} wanted)"
            for stage, count in self.by_stage.items()
            if count < MIN_CASES_PER_STAGE
        ]
        if self.cases < MIN_CASES:
            gaps.append(f"only {self.cases} cases (at least {MIN_CASES} wanted)")
        if self.led_outside_us < MIN_LED_OUTSIDE_US:
            gaps.append(
                f"only {self.led_outside_us} cases led from outside the US "
                f"(at least {MIN_LED_OUTSIDE_US} wanted)"
            )
        if self.failures < MIN_FAILURES:
            gaps.append(f"only {self.failures} failures (at least {MIN_FAILURES} wanted)")
        if self.checked < self.cases:
            gaps.append(f"{self.cases - self.checked} cases without a second reader's check")
        keyed = self.true_keys + self.false_keys
        if keyed >= 4 and not 0.35 <= self.true_keys / keyed <= 0.65:
            gaps.append(
                f"true/false keys are unbalanced: {self.true_keys} true, {self.false_keys} false "
                "(a learner who always answers the same way should not pass)"
            )
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

    keys = [q for r in rows for q in r.case.questions if isinstance(q, TrueFalse)]

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
        led_outside_us=sum(1 for r in rows if led_outside_us(r.case)),
        led_partly_outside_us=sum(1 for r in rows if led_partly_outside_us(r.case)),
        checked=sum(1 for r in rows if r.case.checked is not None),
        true_keys=sum(1 for q in keys if q.answer),
        false_keys=sum(1 for q in keys if not q.answer),
    )


def report(library: Library) -> str:
    """The coverage as plain text, nothing cut: a matrix of cases by stage (the stages
    numbered, with a legend), then the figures against what is wanted, then the gaps."""
    cov = coverage(library)
    stages = library.ordered_stages
    number = {s.id: str(i) for i, s in enumerate(stages, start=1)}
    legend = "  ".join(f"{number[s.id]} {s.title}" for s in stages)
    id_width = max([len("case"), *(len(r.case.id) for r in cov.rows)])
    stage_head = " ".join(number[s] for s in cov.stage_ids)
    lines = [
        f"Coverage of {cov.cases} cases. Stages: {legend}",
        "",
        f"{'case':<{id_width}}  {stage_head}  outcome   form → ended as · title",
    ]
    for row in cov.rows:
        marks = " ".join("✓" if s in row.stages else "·" for s in cov.stage_ids)
        lines.append(
            f"{row.case.id:<{id_width}}  {marks}  {row.case.outcome:<8}  "
            f"{' → '.join(row.forms)} · {row.case.title}"
        )
    keyed = cov.true_keys + cov.false_keys
    share = f" ({cov.true_keys / keyed:.0%} true)" if keyed else ""
    lines += [
        "",
        "Figures",
        f"  cases: {cov.cases} (at least {MIN_CASES} wanted)",
        "  cases per stage: "
        + ", ".join(f"{number[k]} {v}" for k, v in cov.by_stage.items())
        + f" (at least {MIN_CASES_PER_STAGE} each)",
        f"  led from outside the US: {cov.led_outside_us} wholly, "
        f"{cov.led_partly_outside_us} in part (at least {MIN_LED_OUTSIDE_US} wholly)",
        f"  failures: {cov.failures} (at least {MIN_FAILURES})",
        f"  checked by a second reader: {cov.checked} of {cov.cases}",
        f"  true/false keys: {cov.true_keys} true, {cov.false_keys} false{share}",
    ]
    for label, counts in (
        ("forms", cov.by_form),
        ("outcomes", cov.by_outcome),
        ("directions", cov.by_direction),
        ("question types", cov.by_question_type),
    ):
        lines.append(f"  {label}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    gaps = cov.gaps
    lines.append("")
    lines.append("Gaps: " + ("none" if not gaps else ""))
    lines += [f"  - {gap}" for gap in gaps]
    return "\n".join(lines)
