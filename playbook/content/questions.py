"""Provides build_question: one quiz question from its front-matter mapping, checked."""

from __future__ import annotations

from playbook.content.frontmatter import LineDict
from playbook.content.models import QUESTION_TYPES, Choice, Pair, Question
from playbook.content.reader import Reader

_COMMON = ("id", "type", "prompt", "explanation", "stage", "see", "as_of")
_KEYS = {
    "single": (*_COMMON, "choices", "answer"),
    "multiple": (*_COMMON, "choices", "answer"),
    "true_false": (*_COMMON, "answer", "feedback_true", "feedback_false"),
    "ordering": (*_COMMON, "items"),
    "matching": (*_COMMON, "pairs", "distractors"),
    "short": (*_COMMON, "accept", "reject"),
    "numeric": (*_COMMON, "answer", "tolerance", "unit"),
}


def build_question(parent: Reader, data: LineDict, case_id: str) -> Question | None:
    """Build a question, or None (with problems reported) when it cannot be graded."""
    label = data.get("id") if isinstance(data.get("id"), str) else f"on line {data.line}"
    r = parent.child(data, where=f"question '{label}': ")
    qid = r.slug("id")
    qtype = r.one_of("type", QUESTION_TYPES)
    prompt = r.text("prompt")
    explanation = r.text("explanation")
    stage = r.slug("stage", required=False)
    see = r.text("see", required=False)
    as_of = r.text("as_of", required=False)
    if not qtype:
        r.finish(tuple({k for keys in _KEYS.values() for k in keys}))
        return None
    extra: dict = {}
    if qtype in ("single", "multiple"):
        extra = _choices(r, qtype)
    elif qtype == "true_false":
        extra = {
            "answer": r.boolean("answer"),
            "feedback_true": r.text("feedback_true", required=False),
            "feedback_false": r.text("feedback_false", required=False),
        }
    elif qtype == "ordering":
        items = r.texts("items")
        if len(items) < 2:
            r.problem(r.line_of("items"), "an ordering question needs at least two items")
        elif len(set(items)) != len(items):
            r.problem(r.line_of("items"), "ordering items must all be different")
        extra = {"items": items}
    elif qtype == "matching":
        extra = _pairs(r)
    elif qtype == "short":
        accept = r.texts("accept")
        if any(not a for a in accept):
            r.problem(r.line_of("accept"), "an accepted answer is empty")
        reject = r.texts("reject", required=False)
        if set(reject) & set(accept):
            r.problem(r.line_of("reject"), "an answer cannot be both accepted and rejected")
        extra = {"accept": accept, "reject": reject}
    elif qtype == "numeric":
        answer = r.number("answer")
        tolerance = r.number("tolerance", required=False)
        if tolerance < 0:
            r.problem(r.line_of("tolerance"), "'tolerance' cannot be negative")
        extra = {"answer": answer, "tolerance": tolerance, "unit": r.text("unit", required=False)}
    r.finish(_KEYS[qtype])
    if not r.ok:
        return None
    return Question(
        id=qid,
        type=qtype,
        prompt=prompt,
        explanation=explanation,
        stage=stage,
        see=see,
        as_of=as_of,
        case_id=case_id,
        **extra,
    )


def _choices(r: Reader, qtype: str) -> dict:
    choices: list[Choice] = []
    for data in r.mappings("choices"):
        c = r.child(data, where=f"choice on line {data.line}: ")
        choice = Choice(
            id=c.slug("id"), text=c.text("text"), feedback=c.text("feedback", required=False)
        )
        c.finish(("id", "text", "feedback"))
        if not c.ok:
            r.ok = False
            continue
        if any(existing.id == choice.id for existing in choices):
            r.problem(data.line, f"choice id '{choice.id}' is used twice")
        choices.append(choice)
    if len(choices) < 2 and r.ok:
        r.problem(r.line_of("choices"), "a choice question needs at least two choices")
    ids = {c.id for c in choices}
    if qtype == "single":
        answer = r.slug("answer")
        if answer and ids and answer not in ids:
            r.problem(
                r.line_of("answer"),
                f"the answer '{answer}' is not among the choices ({', '.join(sorted(ids))})",
            )
        return {"choices": tuple(choices), "answer": answer}
    answers = r.texts("answer")
    missing = [a for a in answers if a not in ids]
    if missing and ids:
        r.problem(
            r.line_of("answer"),
            f"the answer {', '.join(repr(m) for m in missing)} is not among the choices "
            f"({', '.join(sorted(ids))})",
        )
    return {"choices": tuple(choices), "answer": tuple(answers)}


def _pairs(r: Reader) -> dict:
    pairs: list[Pair] = []
    for data in r.mappings("pairs"):
        p = r.child(data, where=f"pair on line {data.line}: ")
        pair = Pair(left=p.text("left"), right=p.text("right"))
        p.finish(("left", "right"))
        if p.ok:
            pairs.append(pair)
        else:
            r.ok = False
    if len(pairs) < 2 and r.ok:
        r.problem(r.line_of("pairs"), "a matching question needs at least two pairs")
    lefts = [p.left for p in pairs]
    if len(set(lefts)) != len(lefts):
        r.problem(r.line_of("pairs"), "each left-hand item of a matching question must be unique")
    distractors = r.texts("distractors", required=False)
    rights = {p.right for p in pairs}
    if any(d in rights for d in distractors):
        r.problem(r.line_of("distractors"), "a distractor is also a right answer")
    return {"pairs": tuple(pairs), "distractors": distractors}
