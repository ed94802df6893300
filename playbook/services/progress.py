"""Provides Progress: a learner's progress as one versioned JSON bundle, and its merge into
another database, so progress moves to a new laptop or two machines become one.

A bundle holds profiles, their alliances with worksheet answers and checklist ticks,
quiz attempts with their answers, and the review history and cards, all keyed by names,
moments and content ids (stage, field, item, case and question ids), never by row ids.

Merging, the rules:
- a profile is the one of the same name (ignoring case); an alliance, the one of the same
  name made at the same moment; anything not there yet is added;
- a worksheet answer or a checklist tick: the newer wins (the later `updated_at`; on the
  same moment, the greater value, so the outcome never depends on the order of merges);
- quiz attempts (by when they started, their kind and case) and their answers are united:
  an attempt finished or set aside on either side is so; an answer given on both sides
  keeps the later (an override counts over the answer it corrected);
- the review history is united without duplicates (a question reviewed at the same moment
  is the same review), and each card whose history grew is rebuilt from it with the same
  FSRS scheduler the app uses, so the schedule is what it would have been had every review
  happened in one database;
- only one attempt of a case can be resumed: of several left open, the latest stays open.
Merging the same bundle again changes nothing; merging A then B gives what B then A does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import datetime
from itertools import pairwise
from pathlib import Path

from playbook import __version__
from playbook.domain.review import replay
from playbook.services.alliance_records import export_records, merge_records, read_records
from playbook.services.clock import Clock
from playbook.store.progress import OPEN_FAMILIES, Merge
from playbook.store.store import Store
from playbook.store.times import to_db

FORMAT = "alliance-playbook-progress"
VERSION = 1  # bumped when a bundle changes in a way an older app cannot read
KINDS = ("quiz", "retry", "review", "cram")
MODES = ("practice", "exam")
CONFIDENCE = (None, "low", "medium", "high")


class BundleError(ValueError):
    """A file that is not a bundle this app can read; the message says what and where."""


@dataclass
class Bundle:
    """A progress bundle as read and checked: plain JSON values, moments in one form."""

    profiles: list[dict]
    version: int = VERSION
    written_by: str = ""

    def summary(self) -> str:
        names = [p["name"] for p in self.profiles]
        if not names:
            return "nobody (no profile yet)"
        return ", ".join(names)

    def as_json(self) -> dict:
        return {
            "format": FORMAT,
            "version": self.version,
            "written_by": self.written_by or f"alliance-playbook {__version__}",
            "profiles": self.profiles,
        }


@dataclass
class MergeReport:
    """What a merge changed; all zero when the database held everything already."""

    profiles: int = 0
    alliances: int = 0
    alliances_changed: int = 0
    answers: int = 0  # worksheet answers added or newer
    ticks: int = 0
    attempts: int = 0
    attempts_changed: int = 0
    quiz_answers: int = 0
    reviews: int = 0
    reviews_linked: int = 0  # reviews now tied to their quiz attempt, or rated again
    cards: int = 0  # review cards rebuilt from their merged history
    records: int = 0  # flags, milestones, charter versions, the partner's side, pilots...
    health_left_out: int = 0  # health checks whose code means something else here

    @property
    def changed(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "health_left_out")

    def in_words(self) -> str:
        left_out = ""
        if self.health_left_out:
            n = self.health_left_out
            whose = "their codes are" if n != 1 else "its code is"
            left_out = (
                f" {n} health check{'s' if n != 1 else ''} left out: {whose} used here by"
                " something else (another alliance's check, or a workshop)."
            )
        if not self.changed:
            return (
                "Nothing to merge: this database already holds everything in the bundle." + left_out
            )
        parts = []

        def say(count: int, one: str, many: str | None = None) -> None:
            if count:
                parts.append(f"{count} {one if count == 1 else many or one + 's'}")

        say(self.profiles, "new profile")
        say(self.alliances, "new alliance")
        say(self.alliances_changed, "alliance brought up to date", "alliances brought up to date")
        say(self.answers, "worksheet answer", "worksheet answers")
        say(self.ticks, "checklist tick")
        say(self.attempts, "new quiz attempt")
        say(self.attempts_changed, "quiz attempt carried on", "quiz attempts carried on")
        say(self.quiz_answers, "quiz answer")
        say(self.reviews, "review from the history", "reviews from the history")
        say(
            self.reviews_linked,
            "review tied to its quiz attempt",
            "reviews tied to their quiz attempts",
        )
        say(self.cards, "review card rescheduled", "review cards rescheduled")
        say(
            self.records,
            "other alliance record (flags, stage snapshots, charter versions, the partner's "
            "side, gaps agreed, stress tests, pilot readings, reviews, health checks)",
            "other alliance records (flags, stage snapshots, charter versions, the partner's "
            "side, gaps agreed, stress tests, pilot readings, reviews, health checks)",
        )
        return "Merged: " + "; ".join(parts) + "." + left_out


# -- reading and checking a bundle ----------------------------------------------------


class _Check:
    """Typed access to one JSON object of a bundle; errors say where, as a JSON path."""

    def __init__(self, source: str, where: str, data: object) -> None:
        self.source = source
        self.where = where
        if not isinstance(data, dict):
            self.fail(f"should be an object, not {type(data).__name__}")
        self.data: dict = data  # type: ignore[assignment]

    def fail(self, message: str, key: str = "") -> None:
        place = f"{self.where}.{key}" if key else self.where
        raise BundleError(f"{self.source}: {place}: {message}")

    def get(self, key: str, types: type | tuple, nullable: bool = False, default=...):
        if key not in self.data:
            if default is not ...:
                return default
            self.fail("missing", key)
        value = self.data[key]
        if value is None and nullable:
            return None
        allowed = types if isinstance(types, tuple) else (types,)
        if isinstance(value, bool) and bool not in allowed:
            self.fail(f"should be {_name(types)}, not true/false", key)
        if not isinstance(value, types):
            self.fail(f"should be {_name(types)}, not {_json_name(value)}", key)
        return value

    def text(self, key: str, nullable: bool = False, default=...) -> str:
        return self.get(key, str, nullable, default)

    def moment(self, key: str, nullable: bool = False) -> str | None:
        value = self.get(key, str, nullable)
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a moment (ISO 8601, e.g. 2026-03-02T09:30:00+00:00)", key)
        if moment.tzinfo is None or moment.utcoffset() is None:
            self.fail(f"{value!r} has no time zone", key)
        return to_db(moment)

    def number(self, key: str, nullable: bool = False) -> float | None:
        value = self.get(key, (int, float), nullable)
        return None if value is None else float(value)

    def one_of(self, key: str, allowed: tuple, default=...):
        if key not in self.data:
            if default is ...:
                self.fail("missing", key)
            return default
        value = self.data[key]
        if value not in allowed:
            shown = ", ".join("null" if a is None else str(a) for a in allowed)
            self.fail(f"should be one of {shown}, not {value!r}", key)
        return value

    def items(self, key: str) -> list[_Check]:
        value = self.get(key, list, default=[])
        where = f"{self.where}.{key}"
        return [_Check(self.source, f"{where}[{i}]", item) for i, item in enumerate(value)]

    def texts(self, key: str) -> list[str]:
        value = self.get(key, list, default=[])
        if not all(isinstance(item, str) for item in value):
            self.fail("should be a list of texts", key)
        return value


def _name(types) -> str:
    names = {str: "text", int: "a number", float: "a number", bool: "true or false",
             list: "a list", dict: "an object"}  # fmt: skip
    found = types if isinstance(types, tuple) else (types,)
    return " or ".join(dict.fromkeys(names.get(t, t.__name__) for t in found))


def _json_name(value: object) -> str:
    return _name(type(value)) if type(value) in (str, int, float, bool, list, dict) else "null"


def read_bundle(path: Path) -> Bundle:
    """A bundle file read and checked; BundleError saying what is wrong (and where)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise BundleError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise BundleError(f"{path}:1: not UTF-8 text: not a progress bundle") from None
    return parse_bundle(text, str(path))


def parse_bundle(text: str, source: str = "bundle") -> Bundle:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BundleError(
            f"{source}:{error.lineno}: not valid JSON ({error.msg}, column {error.colno})"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BundleError(
            f"{source}: not a progress bundle (written by `playbook export progress`)"
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BundleError(f"{source}: version: should be a whole number from 1, not {version!r}")
    if version > VERSION:
        raise BundleError(
            f"{source} is a progress bundle of version {version}, written by a newer Alliance "
            f"Playbook ({data.get('written_by') or 'unknown'}); this one ({__version__}) reads "
            f"version {VERSION} and older. Update the app, then import it again."
        )
    top = _Check(source, "bundle", data)
    profiles = [_profile(check) for check in top.items("profiles")]
    return Bundle(profiles, version, top.text("written_by", default=""))


def _profile(p: _Check) -> dict:
    name = p.text("name").strip()
    if not name:
        p.fail("is empty", "name")
    return {
        "name": name,
        "created_at": p.moment("created_at"),
        "alliances": [_alliance(a) for a in p.items("alliances")],
        "attempts": [_attempt(a) for a in p.items("attempts")],
        "review_log": [_review(r) for r in p.items("review_log")],
        "review_cards": [_card(c) for c in p.items("review_cards")],
    }


def _alliance(a: _Check) -> dict:
    return {
        "name": a.text("name"),
        "partner": a.text("partner"),
        "our_side": a.text("our_side", default=""),
        "kind": a.text("kind", default=""),
        "created_at": a.moment("created_at"),
        "updated_at": a.moment("updated_at"),
        "last_stage": a.text("last_stage", default=""),
        "worksheet": [
            {
                "stage": w.text("stage"),
                "field": w.text("field"),
                "value": w.text("value"),
                "updated_at": w.moment("updated_at"),
            }
            for w in a.items("worksheet")
        ],
        "ticks": [
            {
                "stage": t.text("stage"),
                "item": t.text("item"),
                "checked": t.get("checked", bool),
                "updated_at": t.moment("updated_at"),
            }
            for t in a.items("ticks")
        ],
        **read_records(a),
    }


def _attempt_key(a: _Check) -> dict:
    return {
        "started_at": a.moment("started_at"),
        "kind": a.one_of("kind", KINDS),
        "case": a.text("case", nullable=True, default=None),
    }


def _attempt(a: _Check) -> dict:
    orders = a.get("orders", dict, default={})
    if not all(isinstance(v, list) and all(isinstance(i, str) for i in v) for v in orders.values()):
        a.fail("should map question keys to lists of option ids", "orders")
    return {
        **_attempt_key(a),
        "mode": a.one_of("mode", MODES),
        "confidence": a.get("confidence", bool, default=False),
        "questions": a.texts("questions"),
        "finished_at": a.moment("finished_at", nullable=True),
        "abandoned_at": (
            a.moment("abandoned_at", nullable=True) if "abandoned_at" in a.data else None
        ),
        "position": int(a.get("position", int, default=0)),
        "orders": orders,
        "flags": a.texts("flags"),
        "time_limit": a.get("time_limit", int, nullable=True, default=None),
        "answers": [_quiz_answer(s) for s in a.items("answers")],
    }


def _quiz_answer(s: _Check) -> dict:
    feedback = s.texts("feedback")
    return {
        "question": s.text("question"),
        "response": s.data.get("response"),
        "score": s.number("score"),
        "correct": s.get("correct", bool),
        "confidence": s.one_of("confidence", CONFIDENCE, default=None),
        "cbm_mark": s.number("cbm_mark"),
        "seconds": s.number("seconds", nullable=True) if "seconds" in s.data else None,
        "answered_at": s.moment("answered_at"),
        "overridden": s.get("overridden", bool, default=False),
        "feedback": feedback,
        "note": s.text("note", default=""),
    }


def _review(r: _Check) -> dict:
    rating = r.get("rating", int)
    if rating not in (1, 2, 3, 4):
        r.fail(f"should be 1 (again), 2 (hard), 3 (good) or 4 (easy), not {rating}", "rating")
    attempt = r.data.get("attempt")
    return {
        "question": r.text("question"),
        "reviewed_at": r.moment("reviewed_at"),
        "rating": rating,
        "attempt": _attempt_key(_Check(r.source, f"{r.where}.attempt", attempt))
        if attempt is not None
        else None,
    }


def _card(c: _Check) -> dict:
    state = c.get("state", dict)
    return {
        "question": c.text("question"),
        "due": c.moment("due"),
        "last_reviewed": c.moment("last_reviewed"),
        "state": state,
    }


def bundle_json(bundle: Bundle) -> str:
    return json.dumps(bundle.as_json(), indent=1, ensure_ascii=False) + "\n"


# -- the use cases --------------------------------------------------------------------


def _loads(text: str | None, default):
    if text is None:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


class Progress:
    """Writing a bundle of this database's progress, and merging one into it."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.rows = store.progress
        self.clock = clock

    def export(self, profile_name: str | None = None) -> Bundle:
        """Everyone's progress (or one profile's) as a bundle."""
        return Bundle([self._profile(row) for row in self.rows.read(profile_name)])

    @staticmethod
    def _profile(row: dict) -> dict:
        def attempt_key(attempt: dict) -> dict:
            return {
                "started_at": attempt["started_at"],
                "kind": attempt["kind"],
                "case": attempt["case_id"],
            }

        attempts = []
        for a in row["attempts"]:
            keys = _loads(a["question_keys"], [])
            place = {key: i for i, key in enumerate(keys)}
            answers = sorted(
                a["answers"], key=lambda s: (place.get(s["question_key"], 10**6), s["question_key"])
            )
            attempts.append(
                {
                    **attempt_key(a),
                    "mode": a["mode"],
                    "confidence": bool(a["confidence"]),
                    "questions": keys,
                    "finished_at": a["finished_at"],
                    "abandoned_at": a["abandoned_at"],
                    "position": a["position"],
                    "orders": _loads(a.get("orders"), {}),
                    "flags": _loads(a.get("flags"), []),
                    "time_limit": a.get("time_limit"),
                    "answers": [
                        {
                            "question": s["question_key"],
                            "response": _loads(s["response"], None),
                            "score": s["score"],
                            "correct": bool(s["correct"]),
                            "confidence": s["confidence"],
                            "cbm_mark": s["cbm_mark"],
                            "seconds": s["seconds"],
                            "answered_at": s["answered_at"],
                            "overridden": bool(s.get("overridden") or 0),
                            "feedback": _loads(s.get("feedback"), []),
                            "note": s.get("note") or "",
                        }
                        for s in answers
                    ],
                }
            )
        return {
            "name": row["name"],
            "created_at": row["created_at"],
            "alliances": [
                {
                    "name": a["name"],
                    "partner": a["partner"],
                    "our_side": a["our_side"] or "",
                    "kind": a["kind"] or "",
                    "created_at": a["created_at"],
                    "updated_at": a["updated_at"],
                    "last_stage": a["last_stage"] or "",
                    "worksheet": [
                        {
                            "stage": w["stage_id"],
                            "field": w["field_id"],
                            "value": w["value"],
                            "updated_at": w["updated_at"],
                        }
                        for w in a["worksheet"]
                    ],
                    "ticks": [
                        {
                            "stage": t["stage_id"],
                            "item": t["item_id"],
                            "checked": bool(t["checked"]),
                            "updated_at": t["updated_at"],
                        }
                        for t in a["ticks"]
                    ],
                    **export_records(a),
                }
                for a in row["alliances"]
            ],
            "attempts": attempts,
            "review_log": [
                {
                    "question": r["question_key"],
                    "reviewed_at": r["reviewed_at"],
                    "rating": r["rating"],
                    "attempt": attempt_key(r["attempt"]) if r["attempt"] else None,
                }
                for r in row["log"]
            ],
            "review_cards": [
                {
                    "question": c["question_key"],
                    "due": c["due"],
                    "last_reviewed": c["last_reviewed"],
                    "state": _loads(c["state"], {}),
                }
                for c in row["cards"]
            ],
        }

    def merge(self, bundle: Bundle) -> MergeReport:
        """Merge a bundle into this database, by the rules above: one transaction."""
        report = MergeReport()
        with self.rows.merging() as merge:
            for profile in bundle.profiles:
                _merge_profile(merge, profile, report)
        return report


# -- the merge rules ------------------------------------------------------------------


def _earliest(a: str | None, b: str | None) -> str | None:
    return min(x for x in (a, b) if x is not None) if (a or b) else None


def _merge_profile(merge: Merge, p: dict, report: MergeReport) -> None:
    row = merge.profile(p["name"])
    if row is None:
        profile_id = merge.add_profile(p["name"], p["created_at"])
        report.profiles += 1
    else:
        profile_id = row["id"]
        # The first made names it ("Ana" or "ana"), whichever database merges into which.
        if (p["created_at"], p["name"]) < (row["created_at"], row["name"]):
            merge.set_profile(profile_id, p["name"], p["created_at"])
    for alliance in p["alliances"]:
        _merge_alliance(merge, profile_id, alliance, report)
    attempt_ids = {}
    for attempt in p["attempts"]:
        key = (attempt["started_at"], attempt["kind"], attempt["case"])
        attempt_ids[key] = _merge_attempt(merge, profile_id, attempt, report)
    _one_open_attempt_each(merge, profile_id)
    grown: set[str] = set()
    for review in p["review_log"]:
        attempt_id, key = None, None
        if review["attempt"] is not None:
            found = review["attempt"]
            key = (found["started_at"], found["kind"], found["case"])
            attempt_id = attempt_ids.get(key)
            if attempt_id is None:
                known = merge.attempt(profile_id, *key)
                attempt_id = known["id"] if known else None
        there = merge.review(profile_id, review["question"], review["reviewed_at"])
        if there is not None:
            # The same review: it keeps the attempt it was part of (the earlier, if the two
            # copies disagree, so the order of merges does not matter).
            theirs = (there["started_at"], there["kind"], there["case_id"] or "")
            if attempt_id is not None and (
                there["attempt_id"] is None or (key[0], key[1], key[2] or "") < theirs
            ):
                merge.link_review(there["id"], attempt_id)
                report.reviews_linked += 1
            if review["rating"] > there["rating"]:  # two ratings of one review: the higher
                merge.rate_review(there["id"], review["rating"])
                grown.add(review["question"])
                report.reviews_linked += 1
            continue
        merge.add_review(
            profile_id, review["question"], review["reviewed_at"], review["rating"], attempt_id
        )
        grown.add(review["question"])
        report.reviews += 1
    for key in sorted(grown):
        _rebuild_card(merge, profile_id, key)
        report.cards += 1
    for card in p["review_cards"]:  # a card with no history at all: the latest is taken
        key = card["question"]
        if merge.history(profile_id, key):
            continue  # rebuilt from its history instead
        given = (card["last_reviewed"], card["due"], json.dumps(card["state"]))
        found = merge.card(profile_id, key)
        if found is None or given > (found["last_reviewed"], found["due"], found["state"]):
            merge.rewrite_history(profile_id, key, [], (given[2], given[1], given[0]))
            report.cards += 1


def _merge_alliance(merge: Merge, profile_id: int, a: dict, report: MergeReport) -> None:
    existing = merge.alliance(profile_id, a["name"], a["created_at"])
    if existing is None:
        alliance_id = merge.add_alliance(profile_id, a)
        report.alliances += 1
    else:
        alliance_id = existing["id"]
        fixed = min(
            (existing["partner"], existing["our_side"] or "", existing["kind"] or ""),
            (a["partner"], a["our_side"], a["kind"]),
        )  # made once: the same on both sides, unless a bundle was edited by hand
        newest = max(
            (existing["updated_at"], existing["last_stage"] or ""),
            (a["updated_at"], a["last_stage"]),
        )
        merged = dict(zip(("partner", "our_side", "kind"), fixed, strict=True))
        merged |= {"updated_at": newest[0], "last_stage": newest[1]}
        current = {k: existing[k] or "" for k in merged}
        if merged != current:
            merge.update_alliance(alliance_id, merged)
            report.alliances_changed += 1
    for w in a["worksheet"]:
        found = merge.worksheet_value(alliance_id, w["stage"], w["field"])
        if found is None or (w["updated_at"], w["value"]) > (found["updated_at"], found["value"]):
            merge.put_worksheet_value(
                alliance_id, w["stage"], w["field"], w["value"], w["updated_at"]
            )
            report.answers += 1
    for t in a["ticks"]:
        found = merge.tick(alliance_id, t["stage"], t["item"])
        if found is None or (t["updated_at"], int(t["checked"])) > (
            found["updated_at"],
            found["checked"],
        ):
            merge.put_tick(alliance_id, t["stage"], t["item"], t["checked"], t["updated_at"])
            report.ticks += 1
    changed, left_out = merge_records(merge, alliance_id, a, existing)
    report.records += changed
    report.health_left_out += left_out


def _flags(flags, keys: list[str]) -> str:
    """The flagged questions in the order the attempt asks them (as the store keeps them)."""
    place = {key: i for i, key in enumerate(keys)}
    return json.dumps(sorted(set(flags), key=lambda k: (place.get(k, 10**6), k)))


def _attempt_row(a: dict) -> dict:
    return {
        "case_id": a["case"],
        "mode": a["mode"],
        "kind": a["kind"],
        "confidence": int(a["confidence"]),
        "question_keys": json.dumps(a["questions"]),
        "started_at": a["started_at"],
        "finished_at": a["finished_at"],
        "abandoned_at": None if a["finished_at"] else a["abandoned_at"],  # finished wins
        "position": a["position"],
        "orders": json.dumps(a["orders"]),
        "flags": _flags(a["flags"], a["questions"]),
        "time_limit": a["time_limit"],
    }


def _answer_row(s: dict) -> dict:
    return {
        "question_key": s["question"],
        "response": json.dumps(s["response"]),
        "score": s["score"],
        "correct": int(s["correct"]),
        "confidence": s["confidence"],
        "cbm_mark": s["cbm_mark"],
        "seconds": s["seconds"],
        "answered_at": s["answered_at"],
        "overridden": int(s["overridden"]),
        "feedback": json.dumps(s["feedback"]),
        "note": s["note"],
    }


_FIXED = ("mode", "confidence", "question_keys", "orders", "time_limit")


def _merge_attempt(merge: Merge, profile_id: int, a: dict, report: MergeReport) -> int:
    row = _attempt_row(a)
    existing = merge.attempt(profile_id, a["started_at"], a["kind"], a["case"])
    if existing is None:
        attempt_id = merge.add_attempt(profile_id, row)
        report.attempts += 1
    else:
        attempt_id = existing["id"]
        mine = {k: existing.get(k) for k in row}
        mine["orders"] = mine["orders"] or "{}"
        mine["flags"] = mine["flags"] or "[]"
        merged = dict(mine)
        # Drawn once when the attempt started: the same on both sides.
        fixed = min(
            (json.dumps([mine[k] for k in _FIXED]), [mine[k] for k in _FIXED]),
            (json.dumps([row[k] for k in _FIXED]), [row[k] for k in _FIXED]),
        )[1]
        merged |= dict(zip(_FIXED, fixed, strict=True))
        merged["finished_at"] = _earliest(mine["finished_at"], row["finished_at"])
        # Finished on one machine, set aside on another (unfinished there when a newer one
        # started): it was finished, as one machine never has both. Keeping the set-aside
        # moment too made the result depend on the order of the merges, since that moment
        # may have come from an earlier merge's one-open-attempt rule.
        merged["abandoned_at"] = (
            None if merged["finished_at"] else _earliest(mine["abandoned_at"], row["abandoned_at"])
        )
        merged["position"] = max(mine["position"] or 0, row["position"] or 0)
        flags = set(json.loads(mine["flags"])) | set(a["flags"])
        merged["flags"] = _flags(flags, json.loads(merged["question_keys"]))
        if merged != mine:
            merge.update_attempt(attempt_id, merged)
            report.attempts_changed += 1
    for answer in a["answers"]:
        new = _answer_row(answer)
        found = merge.quiz_answer(attempt_id, new["question_key"])
        if found is None or _rank(new) > _rank(found):
            merge.put_quiz_answer(attempt_id, new)
            report.quiz_answers += 1
    return attempt_id


def _rank(row: dict) -> tuple:
    """Which of two versions of one answer stays: the later, then the corrected one; any
    remaining tie goes the same way whichever database merges into which."""
    plain = {k: row.get(k) for k in _answer_row_keys()}
    return (
        row["answered_at"],
        int(row.get("overridden") or 0),
        json.dumps(plain, sort_keys=True),
    )


def _answer_row_keys() -> tuple[str, ...]:
    return (
        "question_key", "response", "score", "correct", "confidence", "cbm_mark", "seconds",
        "answered_at", "overridden", "feedback", "note",
    )  # fmt: skip


def _one_open_attempt_each(merge: Merge, profile_id: int) -> None:
    """An attempt not finished is set aside when the next attempt of the same case (or the
    next review session) started, as starting that one would have on one machine; so only
    the latest can stay open.

    It is decided from all the attempts, whatever their state, and keeps the earliest
    moment: deciding only among the attempts still open made the result depend on the
    order the databases were merged in (an attempt set aside in one merge stayed so after
    the next had closed the one that had set it aside)."""
    groups: dict[tuple, list[dict]] = {}
    for row in merge.attempt_times(profile_id):
        groups.setdefault((row["case_id"], OPEN_FAMILIES[row["kind"]]), []).append(row)
    for rows in groups.values():
        rows.sort(key=lambda r: (r["started_at"], r["kind"]))
        for row, following in pairwise(rows):
            if row["finished_at"] is None:
                at = _earliest(row["abandoned_at"], following["started_at"])
                if at != row["abandoned_at"]:
                    merge.abandon(row["id"], at)


def _rebuild_card(merge: Merge, profile_id: int, key: str) -> None:
    entries = merge.history(profile_id, key)
    replayed = replay((e["rating"], datetime.fromisoformat(e["reviewed_at"])) for e in entries)
    ordered = sorted(entries, key=lambda e: datetime.fromisoformat(e["reviewed_at"]))
    rows = [
        (
            entry["id"],
            step.state_before,
            to_db(step.due_before) if step.due_before else None,
            to_db(step.due_after),
        )
        for entry, step in zip(ordered, replayed, strict=True)
    ]
    last = replayed[-1]
    card = (last.state_after, to_db(last.due_after), ordered[-1]["reviewed_at"])
    merge.rewrite_history(profile_id, key, rows, card)


__all__ = ["FORMAT", "VERSION", "Bundle", "BundleError", "MergeReport", "Progress"]
