"""Provides AllianceRows: alliances, their checklist ticks and their worksheet answers."""

from __future__ import annotations

import json
from datetime import datetime

from playbook.store.db import Database
from playbook.store.records import Acknowledgement, Alliance, CharterExport, Milestone
from playbook.store.times import from_db, to_db


class AllianceRows:
    def __init__(self, database: Database):
        self.database = database

    def of_profile(self, profile_id: int) -> list[Alliance]:
        """A profile's alliances in the order they were made: a stable order, so a list
        never moves under the keys of someone using it."""
        with self.database.read() as db:
            rows = db.query(
                "SELECT * FROM alliances WHERE profile_id = ? ORDER BY id", [profile_id]
            )
            return [_alliance(r) for r in rows]

    def latest(self, profile_id: int) -> Alliance | None:
        """The alliance worked on most recently."""
        with self.database.read() as db:
            rows = list(
                db.query(
                    "SELECT * FROM alliances WHERE profile_id = ?"
                    " ORDER BY updated_at DESC, id DESC LIMIT 1",
                    [profile_id],
                )
            )
        return _alliance(rows[0]) if rows else None

    def everyone(self) -> list[Alliance]:
        with self.database.read() as db:
            return [_alliance(r) for r in db.query("SELECT * FROM alliances ORDER BY id")]

    def get(self, alliance_id: int) -> Alliance | None:
        with self.database.read() as db:
            rows = list(db.query("SELECT * FROM alliances WHERE id = ?", [alliance_id]))
        return _alliance(rows[0]) if rows else None

    def create(
        self, profile_id: int, name: str, partner: str, our_side: str, kind: str, at: datetime
    ) -> Alliance:
        stamp = to_db(at)
        with self.database.write() as db:
            cursor = db.execute(
                "INSERT INTO alliances (profile_id, name, partner, our_side, kind, created_at,"
                " updated_at, last_stage) VALUES (?, ?, ?, ?, ?, ?, ?, '')",
                [profile_id, name, partner, our_side, kind, stamp, stamp],
            )
        return Alliance(cursor.lastrowid, profile_id, name, partner, our_side, kind, "", stamp)

    def open_stage(self, alliance_id: int, stage_id: str, at: datetime) -> None:
        with self.database.write() as db:
            db.execute(
                "UPDATE alliances SET last_stage = ?, updated_at = ? WHERE id = ?",
                [stage_id, to_db(at), alliance_id],
            )

    def delete(self, alliance_id: int) -> None:
        with self.database.write() as db:
            for table in ALLIANCE_TABLES:
                db.execute(f"DELETE FROM {table} WHERE alliance_id = ?", [alliance_id])
            from playbook.store.health import delete_alliance_health  # rare: not at start-up

            delete_alliance_health(db, alliance_id)
            sessions = "SELECT id FROM partner_sessions WHERE alliance_id = ?"
            for table in ("partner_seats", "partner_session_tries"):
                db.execute(f"DELETE FROM {table} WHERE session_id IN ({sessions})", [alliance_id])
            db.execute("DELETE FROM partner_sessions WHERE alliance_id = ?", [alliance_id])
            db.execute("DELETE FROM alliances WHERE id = ?", [alliance_id])

    # -- checklists -------------------------------------------------------

    def ticked(self, alliance_id: int, stage_id: str | None = None) -> dict[str, set[str]]:
        """Ticked item ids by stage (for one stage, or all of them)."""
        sql = "SELECT stage_id, item_id FROM checklist_ticks WHERE alliance_id = ? AND checked"
        params: list = [alliance_id]
        if stage_id is not None:
            sql += " AND stage_id = ?"
            params.append(stage_id)
        result: dict[str, set[str]] = {}
        with self.database.read() as db:
            for stage, item in db.execute(sql, params).fetchall():
                result.setdefault(stage, set()).add(item)
        return result

    def tick(
        self, alliance_id: int, stage_id: str, item_id: str, checked: bool, at: datetime
    ) -> None:
        stamp = to_db(at)
        with self.database.write() as db:
            db.execute(
                "INSERT INTO checklist_ticks (alliance_id, stage_id, item_id, checked, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (alliance_id, stage_id, item_id)"
                " DO UPDATE SET checked = excluded.checked, updated_at = excluded.updated_at",
                [alliance_id, stage_id, item_id, int(checked), stamp],
            )
            db.execute(
                "UPDATE alliances SET updated_at = ?, last_stage = ? WHERE id = ?",
                [stamp, stage_id, alliance_id],
            )

    # -- worksheets -------------------------------------------------------

    def answers(self, alliance_id: int, stage_id: str | None = None) -> dict[str, dict[str, str]]:
        """Saved worksheet answers (as stored text) by stage, then field."""
        sql = "SELECT stage_id, field_id, value FROM worksheet_answers WHERE alliance_id = ?"
        params: list = [alliance_id]
        if stage_id is not None:
            sql += " AND stage_id = ?"
            params.append(stage_id)
        result: dict[str, dict[str, str]] = {}
        with self.database.read() as db:
            for stage, field_id, value in db.execute(sql, params).fetchall():
                result.setdefault(stage, {})[field_id] = value
        return result

    def save_answers(
        self,
        alliance_id: int,
        stage_id: str,
        values: dict[str, str],
        at: datetime,
        wait_ms: int | None = None,
    ) -> None:
        """Save answers exactly as given, all in one transaction (waiting at most `wait_ms`
        for another writer, when the caller will try again)."""
        if not values:
            return
        stamp = to_db(at)
        with self.database.write(wait_ms) as db:
            for field_id, value in values.items():
                db.execute(
                    "INSERT INTO worksheet_answers (alliance_id, stage_id, field_id, value,"
                    " updated_at) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (alliance_id, stage_id, field_id)"
                    " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                    [alliance_id, stage_id, field_id, value, stamp],
                )
            db.execute(
                "UPDATE alliances SET updated_at = ?, last_stage = ? WHERE id = ?",
                [stamp, stage_id, alliance_id],
            )

    def replace_worksheets(
        self,
        alliance_id: int,
        answers: dict[str, dict[str, str]],
        ticked: dict[str, set[str]],
        notes: dict[str, str],
        at: datetime,
    ) -> None:
        """Make the alliance's answers, ticks and flag notes exactly these, in one
        transaction (a worksheet file imported over it). A value unchanged keeps its
        time; only what changed is stamped now."""
        stamp = to_db(at)
        with self.database.write() as db:
            stored = {
                (s, f): v
                for s, f, v in db.execute(
                    "SELECT stage_id, field_id, value FROM worksheet_answers WHERE alliance_id = ?",
                    [alliance_id],
                ).fetchall()
            }
            wanted = {(s, f): v for s, fields in answers.items() for f, v in fields.items()}
            for key in stored.keys() - wanted.keys():
                db.execute(
                    "DELETE FROM worksheet_answers WHERE alliance_id = ? AND stage_id = ?"
                    " AND field_id = ?",
                    [alliance_id, *key],
                )
            for (stage_id, field_id), value in wanted.items():
                if stored.get((stage_id, field_id)) == value:
                    continue
                db.execute(
                    "INSERT INTO worksheet_answers (alliance_id, stage_id, field_id, value,"
                    " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (alliance_id, stage_id,"
                    " field_id) DO UPDATE SET value = excluded.value,"
                    " updated_at = excluded.updated_at",
                    [alliance_id, stage_id, field_id, value, stamp],
                )
            checked = {
                (s, i): bool(c)
                for s, i, c in db.execute(
                    "SELECT stage_id, item_id, checked FROM checklist_ticks WHERE alliance_id = ?",
                    [alliance_id],
                ).fetchall()
            }
            wanted_ticks = {(s, i) for s, items in ticked.items() for i in items}
            for key in checked.keys() | wanted_ticks:
                on = key in wanted_ticks
                if checked.get(key, False) == on:
                    continue
                db.execute(
                    "INSERT INTO checklist_ticks (alliance_id, stage_id, item_id, checked,"
                    " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (alliance_id, stage_id,"
                    " item_id) DO UPDATE SET checked = excluded.checked,"
                    " updated_at = excluded.updated_at",
                    [alliance_id, *key, int(on), stamp],
                )
            old_notes = dict(
                db.execute(
                    "SELECT flag_id, note FROM alliance_flags WHERE alliance_id = ?", [alliance_id]
                ).fetchall()
            )
            for flag_id in old_notes.keys() - notes.keys():
                db.execute(
                    "DELETE FROM alliance_flags WHERE alliance_id = ? AND flag_id = ?",
                    [alliance_id, flag_id],
                )
            for flag_id, note in notes.items():
                if old_notes.get(flag_id) != note:
                    db.execute(
                        "INSERT INTO alliance_flags (alliance_id, flag_id, note, acknowledged_at)"
                        " VALUES (?, ?, ?, ?) ON CONFLICT (alliance_id, flag_id) DO UPDATE SET"
                        " note = excluded.note, acknowledged_at = excluded.acknowledged_at",
                        [alliance_id, flag_id, note, stamp],
                    )
            db.execute("UPDATE alliances SET updated_at = ? WHERE id = ?", [stamp, alliance_id])

    def update_names(
        self, alliance_id: int, name: str, partner: str, our_side: str, kind: str
    ) -> None:
        with self.database.write() as db:
            db.execute(
                "UPDATE alliances SET name = ?, partner = ?, our_side = ?, kind = ? WHERE id = ?",
                [name, partner, our_side, kind, alliance_id],
            )

    # -- red flags, milestones, exports ------------------------------------------------

    def acknowledgements(self, alliance_id: int) -> dict[str, Acknowledgement]:
        with self.database.read() as db:
            rows = db.execute(
                "SELECT flag_id, note, acknowledged_at FROM alliance_flags WHERE alliance_id = ?",
                [alliance_id],
            ).fetchall()
        return {f: Acknowledgement(f, note, from_db(at)) for f, note, at in rows}

    def acknowledge(self, alliance_id: int, flag_id: str, note: str, at: datetime) -> None:
        with self.database.write() as db:
            db.execute(
                "INSERT INTO alliance_flags (alliance_id, flag_id, note, acknowledged_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (alliance_id, flag_id) DO UPDATE SET"
                " note = excluded.note, acknowledged_at = excluded.acknowledged_at",
                [alliance_id, flag_id, note, to_db(at)],
            )

    def milestones(self, alliance_id: int) -> dict[str, Milestone]:
        """Each done stage's answers (stored text) as they were when it was last done."""
        with self.database.read() as db:
            rows = db.execute(
                "SELECT stage_id, done_at, answers FROM stage_milestones WHERE alliance_id = ?",
                [alliance_id],
            ).fetchall()
        return {s: Milestone(s, from_db(at), _answers(raw)) for s, at, raw in rows}

    def record_milestone(
        self, alliance_id: int, stage_id: str, answers: dict[str, str], at: datetime
    ) -> None:
        with self.database.write() as db:
            db.execute(
                "INSERT INTO stage_milestones (alliance_id, stage_id, done_at, answers)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (alliance_id, stage_id) DO UPDATE SET"
                " done_at = excluded.done_at, answers = excluded.answers",
                [alliance_id, stage_id, to_db(at), json.dumps(answers, ensure_ascii=False)],
            )

    def exports(self, alliance_id: int) -> list[CharterExport]:
        """The charter's exports, oldest first."""
        with self.database.read() as db:
            rows = db.execute(
                "SELECT version, exported_at, answers FROM charter_exports WHERE alliance_id = ?"
                " ORDER BY version",
                [alliance_id],
            ).fetchall()
        return [CharterExport(v, from_db(at), _nested(raw)) for v, at, raw in rows]

    def record_export(
        self,
        alliance_id: int,
        answers: dict[str, dict[str, str]],
        at: datetime,
        milestones: dict[str, dict[str, str]],
    ) -> int:
        """A new version of the charter, with the answers it held; the done stages' milestones
        move to these answers (what the partner has seen is the new baseline)."""
        stamp = to_db(at)
        with self.database.write() as db:
            (latest,) = db.execute(
                "SELECT coalesce(max(version), 0) FROM charter_exports WHERE alliance_id = ?",
                [alliance_id],
            ).fetchone()
            db.execute(
                "INSERT INTO charter_exports (alliance_id, version, exported_at, answers)"
                " VALUES (?, ?, ?, ?)",
                [alliance_id, latest + 1, stamp, json.dumps(answers, ensure_ascii=False)],
            )
            for stage_id, stage_answers in milestones.items():
                db.execute(
                    "INSERT INTO stage_milestones (alliance_id, stage_id, done_at, answers)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT (alliance_id, stage_id) DO UPDATE SET"
                    " done_at = excluded.done_at, answers = excluded.answers",
                    [alliance_id, stage_id, stamp, json.dumps(stage_answers, ensure_ascii=False)],
                )
        return latest + 1

    # -- the partner's side, gaps agreed, stress tests, pilot readings ---------------------

    def partner_answers(self, alliance_id: int) -> dict[str, dict[str, str]]:
        with self.database.read() as db:
            rows = db.execute(
                "SELECT stage_id, field_id, value FROM partner_answers WHERE alliance_id = ?",
                [alliance_id],
            ).fetchall()
        found: dict[str, dict[str, str]] = {}
        for stage, field_id, value in rows:
            found.setdefault(stage, {})[field_id] = value
        return found

    def replace_partner_answers(
        self, alliance_id: int, answers: dict[str, dict[str, str]], at: datetime
    ) -> None:
        """The partner's answers, exactly these (their latest sheet), in one transaction."""
        stamp = to_db(at)
        with self.database.write() as db:
            db.execute("DELETE FROM partner_answers WHERE alliance_id = ?", [alliance_id])
            for stage_id, fields in answers.items():
                for field_id, value in fields.items():
                    db.execute(
                        "INSERT INTO partner_answers (alliance_id, stage_id, field_id, value,"
                        " updated_at) VALUES (?, ?, ?, ?, ?)",
                        [alliance_id, stage_id, field_id, value, stamp],
                    )

    def resolutions(self, alliance_id: int) -> list[tuple[str, str, str, str, str]]:
        """(item id, fingerprint, agreed wording, who agreed, when) of the gaps agreed."""
        with self.database.read() as db:
            return db.execute(
                "SELECT item_id, fingerprint, agreed, agreed_by, agreed_at FROM gap_resolutions"
                " WHERE alliance_id = ?",
                [alliance_id],
            ).fetchall()

    def resolve(
        self, alliance_id: int, item_id: str, fingerprint: str, agreed: str, by: str, at: datetime
    ) -> None:
        with self.database.write() as db:
            db.execute(
                "INSERT INTO gap_resolutions (alliance_id, item_id, fingerprint, agreed,"
                " agreed_by, agreed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (alliance_id,"
                " item_id) DO UPDATE SET fingerprint = excluded.fingerprint,"
                " agreed = excluded.agreed, agreed_by = excluded.agreed_by,"
                " agreed_at = excluded.agreed_at",
                [alliance_id, item_id, fingerprint, agreed, by, to_db(at)],
            )

    def record_stress_test(self, alliance_id: int, results: list[dict], at: datetime) -> None:
        with self.database.write() as db:
            db.execute(
                "INSERT INTO stress_tests (alliance_id, run_at, results) VALUES (?, ?, ?)",
                [alliance_id, to_db(at), json.dumps(results, ensure_ascii=False)],
            )

    def stress_tests(self, alliance_id: int) -> list[tuple[datetime, list[dict]]]:
        """Every stress test run, oldest first: (when, results)."""
        with self.database.read() as db:
            rows = db.execute(
                "SELECT run_at, results FROM stress_tests WHERE alliance_id = ? ORDER BY id",
                [alliance_id],
            ).fetchall()
        found = []
        for at, raw in rows:
            try:
                results = json.loads(raw)
            except ValueError:
                results = []
            found.append((from_db(at), results if isinstance(results, list) else []))
        return found

    def record_reading(
        self,
        alliance_id: int,
        indicator: str,
        position: int,
        period: str,
        value: float,
        at: datetime,
    ) -> None:
        with self.database.write() as db:
            db.execute(
                "INSERT INTO pilot_readings (alliance_id, indicator, period, position, value,"
                " recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (alliance_id, indicator,"
                " position) DO UPDATE SET period = excluded.period, value = excluded.value,"
                " recorded_at = excluded.recorded_at",
                [alliance_id, indicator, period, position, value, to_db(at)],
            )

    def readings(self, alliance_id: int) -> dict[str, list[tuple[int, str, float]]]:
        """indicator -> [(position, period, value)] in order."""
        with self.database.read() as db:
            rows = db.execute(
                "SELECT indicator, position, period, value FROM pilot_readings"
                " WHERE alliance_id = ? ORDER BY indicator, position",
                [alliance_id],
            ).fetchall()
        found: dict[str, list[tuple[int, str, float]]] = {}
        for indicator, position, period, value in rows:
            found.setdefault(indicator, []).append((position, period, value))
        return found

    def reset_stage(self, alliance_id: int, stage_id: str, at: datetime) -> None:
        with self.database.write() as db:
            db.execute(
                "DELETE FROM stage_milestones WHERE alliance_id = ? AND stage_id = ?",
                [alliance_id, stage_id],
            )
            for table in ("checklist_ticks", "worksheet_answers"):
                db.execute(
                    f"DELETE FROM {table} WHERE alliance_id = ? AND stage_id = ?",
                    [alliance_id, stage_id],
                )
            db.execute("UPDATE alliances SET updated_at = ? WHERE id = ?", [to_db(at), alliance_id])


ALLIANCE_TABLES = (
    "checklist_ticks",
    "worksheet_answers",
    "alliance_flags",
    "stage_milestones",
    "charter_exports",
    "partner_answers",
    "gap_resolutions",
    "stress_tests",
    "pilot_readings",
)


def _answers(raw: str) -> dict[str, str]:
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _nested(raw: str) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(stage): {str(k): str(v) for k, v in fields.items()}
        for stage, fields in data.items()
        if isinstance(fields, dict)
    }


def _alliance(row: dict) -> Alliance:
    return Alliance(
        id=row["id"],
        profile_id=row["profile_id"],
        name=row["name"],
        partner=row["partner"],
        our_side=row["our_side"] or "",
        kind=row["kind"] or "",
        last_stage=row["last_stage"] or "",
        updated_at=row["updated_at"],
    )
