"""Provides how a progress bundle carries an alliance's other records, and merges them.

Besides its worksheet answers and ticks (services/progress.py), an alliance keeps red flags
answered with a note, each stage's answers as they were when it was done, every charter
export, the partner's side, the gaps agreed between the two, the exit stress tests run, the
pilot's readings, the North Star reviews, and how often it checks its health. The tables
are listed in store/progress.py (RECORDS); the rules for two versions of one row are here:

- a row is found by its key columns (a flag by its id, a reading by its indicator and
  place in the series, a stress test by its moment and what it found);
- of two versions of one row the later wins (by its moment, then its other values, so a
  tie goes the same way whichever database merges into which);
- rows only one side has are added: stress tests, reviews and charter exports are
  histories, and a merge keeps all of both;
- charter exports are numbered again 1, 2, ... in the order they were exported, as one
  machine would have numbered them;
- of two cadences for the health checks and reviews, the more frequent;
- a health check is found by its code: it is open from its first opening and closed from
  its first closing; its anonymous answers are united (one per device); its action plan,
  saved whole, is the longer of the two. A code that means something else here (another
  alliance's check, a workshop) is left out, and the merge says so.

Each rule depends only on the rows, never on the order of the merges, so merging A into B
and B into A give the same, and merging again changes nothing.
"""

from __future__ import annotations

import json
from typing import Any

from playbook.store.progress import RECORDS, Merge, RecordTable

PARKED = -(10**9)  # a new charter export's version until all are numbered (see number_charters)


def bundle_name(column: str) -> str:
    """A column's name in a bundle: "stage" for stage_id."""
    return column.removesuffix("_id")


def read_records(alliance: Any) -> dict[str, Any]:
    """The records of one alliance of a bundle being read (a services.progress._Check),
    checked, in the form a bundle writes them; a bundle written before they existed has
    none (and no cadence)."""
    found: dict[str, Any] = {}
    for key, spec in RECORDS.items():
        rows = []
        for item in alliance.items(key):
            row = {}
            for column, kind in (*spec.keys, *spec.values):
                name = bundle_name(column)
                if kind == "moment":
                    row[name] = item.moment(name)
                elif kind == "number":
                    row[name] = item.number(name)
                elif kind == "int":
                    row[name] = item.get(name, int)
                elif kind == "json":
                    row[name] = item.get(name, (dict, list))
                else:
                    row[name] = item.text(name)
            rows.append(row)
        found[key] = rows
    found["health_checks"] = [_read_check(check) for check in alliance.items("health_checks")]
    for name in ("check_days", "review_days"):
        days = alliance.get(name, int, nullable=True, default=None)
        if days is not None and days < 1:
            alliance.fail(f"should be a whole number of days from 1, not {days}", name)
        found[name] = days
    return found


def _read_check(check: Any) -> dict:
    return {
        "code": check.text("code"),
        "opened_at": check.moment("opened_at"),
        "closed_at": check.moment("closed_at", nullable=True),
        "areas": check.get("areas", list),
        "answers": [
            {
                "respondent": a.text("respondent"),
                "side": a.text("side"),
                "scores": a.get("scores", dict),
                "comments": a.get("comments", dict),
            }
            for a in check.items("answers")
        ],
        "actions": [
            {
                "position": a.get("position", int),
                "what": a.text("what"),
                "owner": a.text("owner"),
                "due": a.text("due"),
            }
            for a in check.items("actions")
        ],
    }


def export_records(alliance: dict) -> dict[str, Any]:
    """An alliance's records as a bundle writes them (JSON columns as JSON, not text)."""
    out: dict[str, Any] = {
        "check_days": alliance["check_days"],
        "review_days": alliance["review_days"],
    }
    for key, spec in RECORDS.items():
        kinds = dict((*spec.keys, *spec.values))
        out[key] = [
            {
                bundle_name(column): json.loads(row[column]) if kinds[column] == "json" else value
                for column, value in row.items()
                if column in kinds
            }
            for row in alliance[key]
        ]
    out["health_checks"] = [
        {
            **{k: check[k] for k in ("code", "opened_at", "closed_at")},
            "areas": json.loads(check["areas"]),
            "answers": [
                {
                    "respondent": a["respondent"],
                    "side": a["side"],
                    "scores": json.loads(a["scores"]),
                    "comments": json.loads(a["comments"]),
                }
                for a in check["answers"]
            ],
            "actions": check["actions"],
        }
        for check in alliance["health_checks"]
    ]
    return out


def _row(spec: RecordTable, record: dict) -> dict:
    """A bundle's record in the store's columns (JSON as text in one spelling)."""
    return {
        column: _canonical(record[bundle_name(column)])
        if kind == "json"
        else record[bundle_name(column)]
        for column, kind in (*spec.keys, *spec.values)
    }


def merge_records(
    merge: Merge, alliance_id: int, given: dict, existing: dict | None
) -> tuple[int, int]:
    """Merge one bundle alliance's records into the alliance `alliance_id` (`existing`: its
    row as the database had it, None if the merge just added it): how many rows changed,
    and how many health checks were left out because their code means something else here."""
    changed, left_out = 0, 0
    for check in given.get("health_checks", []):
        outcome = _merge_check(merge, alliance_id, check)
        if outcome < 0:
            left_out += 1
        else:
            changed += outcome
    for key, spec in RECORDS.items():
        have = {_identity(spec, row): row for row in merge.records(spec, alliance_id)}
        added = False
        for record in given.get(key, []):
            row = _row(spec, record)
            found = have.get(_identity(spec, row))
            if found is None:
                if spec.numbered:  # numbered below, with the others
                    row = {**row, "version": PARKED - len(have)}
                merge.put_record(spec, alliance_id, row)
                have[_identity(spec, row)] = row
                added = True
                changed += 1
            elif not spec.history and _rank(spec, row) > _rank(spec, found):
                merge.put_record(spec, alliance_id, row)
                have[_identity(spec, row)] = row
                changed += 1
        if added and spec.numbered:
            exports = sorted(merge.records(spec, alliance_id), key=lambda r: _identity(spec, r))
            merge.number_charters(alliance_id, [r["id"] for r in exports])
    cadence = {k: given.get(k) for k in ("check_days", "review_days")}
    if None not in cadence.values():
        if existing is not None:  # the more frequent of the two
            cadence = {k: min(v, existing[k]) for k, v in cadence.items()}
        if existing is None or any(cadence[k] != existing[k] for k in cadence):
            merge.set_cadence(alliance_id, cadence["check_days"], cadence["review_days"])
            changed += existing is not None
    return changed, left_out


def _merge_check(merge: Merge, alliance_id: int, check: dict) -> int:
    """One health check, found by its code: how many of its rows changed, or -1 when the
    code is another alliance's check, or a workshop's, here (it cannot mean both)."""
    row = {
        "code": check["code"],
        "opened_at": check["opened_at"],
        "closed_at": check["closed_at"],
        "areas": _canonical(check["areas"]),
    }
    found = merge.health_check(check["code"])
    changed = 0
    if found is None:
        if merge.code_in_use(check["code"]):
            return -1
        check_id = merge.add_health_check(alliance_id, row)
        changed += 1
    elif found["alliance_id"] != alliance_id:
        return -1
    else:
        check_id = found["id"]
        closes = [at for at in (found["closed_at"], row["closed_at"]) if at is not None]
        merged = {
            "opened_at": min(found["opened_at"], row["opened_at"]),
            "closed_at": min(closes) if closes else None,  # closed once closed anywhere
            "areas": min(_normal("json", found["areas"]), row["areas"]),  # fixed at opening
        }
        before = {**found, "areas": _normal("json", found["areas"])}
        if any(merged[k] != before[k] for k in merged):
            merge.update_health_check(check_id, merged)
            changed += 1
    answers = {a["respondent"]: a for a in merge.health_answers(check_id)}
    for answer in check["answers"]:
        new = {
            "respondent": answer["respondent"],
            "side": answer["side"],
            "scores": _canonical(answer["scores"]),
            "comments": _canonical(answer["comments"]),
        }
        there = answers.get(new["respondent"])
        # One device answers once and may correct itself; with no moment kept, of two
        # versions the greater stays, the same in either order.
        if there is None or _answer_rank(new) > _answer_rank(there):
            merge.put_health_answer(check_id, new)
            answers[new["respondent"]] = new
            changed += 1
    # The action plan is saved whole: of two plans, the longer (then the greater) stays.
    plans = [merge.health_actions(check_id), check["actions"]]
    chosen = max(plans, key=_plan_rank)
    if _plan_rank(chosen) != _plan_rank(plans[0]):
        merge.replace_health_actions(check_id, chosen)
        changed += 1
    return changed


def _answer_rank(answer: dict) -> tuple:
    return (answer["side"], _normal("json", answer["scores"]), _normal("json", answer["comments"]))


def _plan_rank(plan: list[dict]) -> tuple:
    return (len(plan), _canonical([[a["position"], a["what"], a["owner"], a["due"]] for a in plan]))


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _normal(kind: str, value: object) -> object:
    """A value as compared: JSON text in one spelling, whatever wrote it."""
    if kind == "json" and isinstance(value, str):
        try:
            return _canonical(json.loads(value))
        except ValueError:
            return value
    return value


def _identity(spec: RecordTable, row: dict) -> tuple:
    return tuple(_normal(kind, row[column]) for column, kind in spec.keys)


def _rank(spec: RecordTable, row: dict) -> tuple:
    """Which of two versions of a row stays: the later (its moments first), then the
    greater of the rest, so that any tie goes the same way in either merge order."""
    kinds = dict(spec.values)
    order = sorted(kinds, key=lambda column: kinds[column] != "moment")  # stable: moments first
    return tuple(_normal(kinds[column], row[column]) for column in order)
