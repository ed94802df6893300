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
- of two cadences for the health checks and reviews, the more frequent.

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
    for name in ("check_days", "review_days"):
        days = alliance.get(name, int, nullable=True, default=None)
        if days is not None and days < 1:
            alliance.fail(f"should be a whole number of days from 1, not {days}", name)
        found[name] = days
    return found


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
    return out


def _row(spec: RecordTable, record: dict) -> dict:
    """A bundle's record in the store's columns (JSON as text in one spelling)."""
    return {
        column: _canonical(record[bundle_name(column)])
        if kind == "json"
        else record[bundle_name(column)]
        for column, kind in (*spec.keys, *spec.values)
    }


def merge_records(merge: Merge, alliance_id: int, given: dict, existing: dict | None) -> int:
    """Merge one bundle alliance's records into the alliance `alliance_id` (`existing`: its
    row as the database had it, None if the merge just added it); how many rows changed."""
    changed = 0
    for key, spec in RECORDS.items():
        have = {_identity(spec, row): row for row in merge.records(spec, alliance_id)}
        added = False
        for record in given.get(key, []):
            row = _row(spec, record)
            found = have.get(_identity(spec, row))
            if found is None:
                if spec.table == "charter_exports":  # numbered below, with the others
                    row = {**row, "version": PARKED - len(have)}
                merge.put_record(spec, alliance_id, row)
                have[_identity(spec, row)] = row
                added = True
                changed += 1
            elif spec.table != "charter_exports" and _rank(spec, row) > _rank(spec, found):
                merge.put_record(spec, alliance_id, row)
                have[_identity(spec, row)] = row
                changed += 1
        if added and spec.table == "charter_exports":
            exports = sorted(merge.records(spec, alliance_id), key=lambda r: _identity(spec, r))
            merge.number_charters(alliance_id, [r["id"] for r in exports])
    cadence = {k: given.get(k) for k in ("check_days", "review_days")}
    if None not in cadence.values():
        if existing is not None:  # the more frequent of the two
            cadence = {k: min(v, existing[k]) for k, v in cadence.items()}
        if existing is None or any(cadence[k] != existing[k] for k in cadence):
            merge.set_cadence(alliance_id, cadence["check_days"], cadence["review_days"])
            changed += existing is not None
    return changed


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
