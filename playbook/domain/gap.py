"""Provides the partner's side and the gap between the two sides' answers.

The partner fills in their own version of the answers that take two to agree: the goal in
their words, what each side brings and gets, their scores of *us* on the Vibe check's four
factors, where they see both companies on each cultural dimension, and how they see the
exit. They answer from their own point of view ("we" is the partner), with the same field
ids, so the same checks apply.

The gap view lays the two versions side by side, turned to one point of view: the goal
word by word; contributions and gains as each side named them (what one side listed and
the other did not); each factor's two scores; each company's place on each dimension as
each side sees it; the exit triggers each side ticked. A gap past its threshold is an open
item until it is resolved, with the agreed wording, who agreed and when; a resolution holds
while the answers it settled stay as they were.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from playbook.content.fields import CompareField, MultiField, ScoreField
from playbook.content.models import Stage
from playbook.domain.checks import singular

# The partner's sheet: (stage, field) of ours they answer from their side.
PARTNER_FIELDS: tuple[tuple[str, str], ...] = (
    ("north-star", "goal"),
    ("north-star", "we-bring"),
    ("north-star", "they-bring"),
    ("north-star", "we-get"),
    ("north-star", "they-get"),
    ("vibe-check", "reputation"),
    ("vibe-check", "stability"),
    ("vibe-check", "complementarity"),
    ("vibe-check", "culture"),
    ("vibe-check", "risk"),
    ("vibe-check", "formality"),
    ("vibe-check", "structure"),
    ("vibe-check", "time"),
    ("divorce-papers", "sunset-triggers"),
    ("divorce-papers", "sunset-detail"),
    ("divorce-papers", "ip"),
    ("divorce-papers", "customers"),
    ("divorce-papers", "data"),
    ("divorce-papers", "assets"),
    ("divorce-papers", "after-end"),
    ("divorce-papers", "walk-away"),
)
# Our field -> the partner's field that says the same thing from their side.
MIRROR = {"we-bring": "they-bring", "they-bring": "we-bring", "we-get": "they-get",
          "they-get": "we-get"}  # fmt: skip
SCORE_GAP = 2  # points apart on a factor from which it is an open item
CULTURE_GAP = 2  # points apart on where one company sits, as the two sides see it
SHARED_TERMS = ("goal", "we-bring", "they-bring", "we-get", "they-get")  # go in the charter


def partner_stages(stages: tuple[Stage, ...] | list[Stage]) -> tuple[Stage, ...]:
    """Our stages cut to the partner's sheet (only the stages and fields they answer)."""
    wanted: dict[str, list[str]] = {}
    for stage_id, field_id in PARTNER_FIELDS:
        wanted.setdefault(stage_id, []).append(field_id)
    cut = []
    for stage in stages:
        if stage.id in wanted:
            fields = tuple(f for f in stage.fields if f.id in wanted[stage.id])
            cut.append(replace(stage, fields=fields, items=()))
    return tuple(cut)


@dataclass(frozen=True)
class WordDiff:
    """A text compared word by word: (kind, words) runs, kind "same", "ours" or "theirs"."""

    runs: tuple[tuple[str, str], ...]

    @property
    def same(self) -> bool:
        return all(kind == "same" for kind, _ in self.runs)


@dataclass(frozen=True)
class ListGap:
    """What each side listed that the other did not."""

    only_ours: tuple[str, ...]
    only_theirs: tuple[str, ...]
    both: tuple[str, ...]
    compared: bool = True  # False: one side has not answered, so nothing was compared


@dataclass(frozen=True)
class ScoreGap:
    field_id: str
    label: str
    ours: int | None  # our score of them
    theirs: int | None  # their score of us

    @property
    def gap(self) -> int | None:
        return abs(self.ours - self.theirs) if self.ours and self.theirs else None


@dataclass(frozen=True)
class PlaceGap:
    """Where one company sits on a dimension, as each side sees it."""

    field_id: str
    label: str
    company: str  # whose place: our side's name or the partner's
    low: str
    high: str
    by_us: int | None
    by_them: int | None

    @property
    def gap(self) -> int | None:
        if self.by_us is None or self.by_them is None:
            return None
        return abs(self.by_us - self.by_them)


@dataclass(frozen=True)
class OpenItem:
    id: str
    text: str  # in full, for us (the gap view, the annex)
    shared: bool  # about a shared term, or about how each side scores the other
    fingerprint: str  # the answers it is about: a resolution holds while they stay so
    neutral: str = ""  # for the charter when not shared: the gap, without our scores

    @property
    def charter_text(self) -> str:
        return self.text if self.shared else (self.neutral or self.text)


@dataclass(frozen=True)
class Resolution:
    item_id: str
    fingerprint: str
    agreed: str
    by: str
    at: str


@dataclass(frozen=True)
class Gap:
    us: str
    them: str
    answered: bool  # whether the partner has answered anything yet
    goal: WordDiff
    goal_ours: str
    goal_theirs: str
    lists: tuple[tuple[str, str, ListGap], ...]  # (field id, heading, gap)
    scores: tuple[ScoreGap, ...]
    places: tuple[PlaceGap, ...]
    triggers: ListGap
    items: tuple[OpenItem, ...]  # every gap past its threshold
    resolved: Mapping[str, Resolution]

    @property
    def open(self) -> tuple[OpenItem, ...]:
        return tuple(
            i
            for i in self.items
            if not (r := self.resolved.get(i.id)) or r.fingerprint != i.fingerprint
        )


_WORD = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*")


def word_diff(ours: str, theirs: str) -> WordDiff:
    """The two texts word by word (case and punctuation ignored when comparing)."""
    a, b = _WORD.findall(ours), _WORD.findall(theirs)
    key_a = [w.casefold().strip(".,;:") for w in a]
    key_b = [w.casefold().strip(".,;:") for w in b]
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, key_a, key_b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("ours", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("theirs", " ".join(b[j1:j2])))
    return WordDiff(tuple(runs))


def items_of(text: str) -> list[str]:
    """The things a contribution or gain lists: lines, then ';', ',' and 'and'."""
    parts = re.split(r"\n|;|,(?!\d)|\band\b|\bplus\b", text)
    return [p.strip(" .-•*") for p in parts if len(p.strip(" .-•*").split()) >= 1]


def _words(text: str) -> set[str]:
    stop = {"a", "an", "the", "of", "our", "their", "to", "in", "for", "and", "with", "we", "us"}
    return {
        singular(w) for w in re.findall(r"[^\W_]+", text.casefold()) if w not in stop and len(w) > 2
    }


def list_gap(ours: str, theirs: str) -> ListGap:
    """Items one side named and the other did not (matched by their words)."""
    a, b = items_of(ours), items_of(theirs)

    def matched(item: str, others: list[str]) -> bool:
        words = _words(item)
        if not words:
            return True
        return any(len(words & _words(o)) / len(words | _words(o)) >= 0.34 for o in others)

    return ListGap(
        tuple(i for i in a if not matched(i, b)),
        tuple(i for i in b if not matched(i, a)),
        tuple(i for i in a if matched(i, b)),
    )


def _fingerprint(*texts: object) -> str:
    return hashlib.sha1(repr(texts).encode("utf-8")).hexdigest()[:12]


def gap(
    stages: tuple[Stage, ...],
    ours: Mapping[str, Mapping[str, object]],
    theirs: Mapping[str, Mapping[str, object]],
    us: str,
    them: str,
    resolved: Mapping[str, Resolution] | None = None,
) -> Gap:
    """The two sides compared; `ours` and `theirs` are typed answers, each side's own."""
    fields = {(s.id, f.id): f for s in stages for f in s.fields}

    def value(side, stage_id, field_id):
        answer = fields.get((stage_id, field_id))
        if answer is None:
            return None
        values = side.get(stage_id, {})
        return values[field_id] if field_id in values else answer.read("")

    answered = any(not fields[k].is_blank(value(theirs, *k)) for k in PARTNER_FIELDS if k in fields)
    items: list[OpenItem] = []
    goal_ours = str(value(ours, "north-star", "goal") or "")
    goal_theirs = str(value(theirs, "north-star", "goal") or "")
    goal = word_diff(goal_ours, goal_theirs)
    if answered and goal_theirs.strip() and not goal.same:
        items.append(
            OpenItem(
                "goal",
                "The goal is worded differently: agree one sentence both sign.",
                True,
                _fingerprint(goal_ours, goal_theirs),
            )
        )
    lists = []
    for field_id in ("we-bring", "they-bring", "we-get", "they-get"):
        answer = fields.get(("north-star", field_id))
        if answer is None:
            continue
        mine = str(value(ours, "north-star", field_id) or "")
        other = str(value(theirs, "north-star", MIRROR[field_id]) or "")
        compared = bool(mine.strip() and other.strip())
        found = list_gap(mine, other) if compared else ListGap((), (), (), compared=False)
        heading = answer.heading(us, them)
        lists.append((field_id, heading, found))
        if answered and other.strip() and (found.only_ours or found.only_theirs):
            items.append(
                OpenItem(
                    field_id,
                    f"{heading}: the two lists differ ("
                    + "; ".join(
                        [f"only {us} named: {', '.join(found.only_ours)}"] * bool(found.only_ours)
                        + [f"only {them} named: {', '.join(found.only_theirs)}"]
                        * bool(found.only_theirs)
                    )
                    + ")",
                    True,
                    _fingerprint(mine, other),
                )
            )
    scores = []
    places = []
    for stage in stages:
        for answer in stage.fields:
            if isinstance(answer, ScoreField):
                a, b = value(ours, stage.id, answer.id), value(theirs, stage.id, answer.id)
                scores.append(ScoreGap(answer.id, answer.label, a.score, b.score))
            elif isinstance(answer, CompareField):
                a, b = value(ours, stage.id, answer.id), value(theirs, stage.id, answer.id)
                low, high = answer.poles
                # Our "us" is their "them", and the other way round.
                places.append(PlaceGap(answer.id, answer.label, us, low, high, a.us, b.them))
                places.append(PlaceGap(answer.id, answer.label, them, low, high, a.them, b.us))
    for score in scores:
        if score.gap is not None and score.gap >= SCORE_GAP:
            items.append(
                OpenItem(
                    f"score:{score.field_id}",
                    f"{score.label}: {us} scores {them} {score.ours} of 5, {them} scores {us} "
                    f"{score.theirs} of 5",
                    False,
                    _fingerprint(score.ours, score.theirs),
                    f"{score.label}: the two sides' scores of each other are {score.gap} "
                    "points apart; talk it through",
                )
            )
    for place in places:
        if place.gap is not None and place.gap >= CULTURE_GAP:
            items.append(
                OpenItem(
                    f"culture:{place.field_id}:{'us' if place.company == us else 'them'}",
                    f"{place.label}: {us} puts {place.company} at {place.by_us}, {them} at "
                    f"{place.by_them} (1 {place.low}, 5 {place.high})",
                    False,
                    _fingerprint(place.by_us, place.by_them),
                    f"{place.label}: the two sides see {place.company} {place.gap} points "
                    "apart; talk it through",
                )
            )
    trigger_field = fields.get(("divorce-papers", "sunset-triggers"))
    triggers = ListGap((), (), ())
    if isinstance(trigger_field, MultiField):
        a = set(value(ours, "divorce-papers", "sunset-triggers") or ())
        b = set(value(theirs, "divorce-papers", "sunset-triggers") or ())
        label = trigger_field.option_label
        triggers = ListGap(
            tuple(label(t) for t in sorted(a - b)),
            tuple(label(t) for t in sorted(b - a)),
            tuple(label(t) for t in sorted(a & b)),
        )
        if answered and b and a != b:
            items.append(
                OpenItem(
                    "exit:sunset-triggers",
                    "The exit triggers differ: "
                    + "; ".join(
                        [f"only {us} ticked {', '.join(triggers.only_ours)}"]
                        * bool(triggers.only_ours)
                        + [f"only {them} ticked {', '.join(triggers.only_theirs)}"]
                        * bool(triggers.only_theirs)
                    ),
                    True,
                    _fingerprint(sorted(a), sorted(b)),
                )
            )
    return Gap(
        us,
        them,
        answered,
        goal,
        goal_ours,
        goal_theirs,
        tuple(lists),
        tuple(scores),
        tuple(places),
        triggers,
        tuple(items),
        dict(resolved or {}),
    )
