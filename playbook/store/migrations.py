"""Provides the schema as migrations, applied in order when a database opens.

Never edit a migration once it has been released: add a new one instead. The
steps are plain functions listed in STEPS; they become a sqlite_utils.Migrations
set only when one is pending, so opening an up-to-date database never imports
sqlite-utils.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

SET_NAME = "playbook"
STEPS: list[Callable[[Database], None]] = []


def migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    STEPS.append(fn)
    return fn


def names() -> list[str]:
    return [step.__name__ for step in STEPS]


def migration_set() -> Migrations:
    from sqlite_utils import Migrations

    migrations = Migrations(SET_NAME)
    for step in STEPS:
        migrations()(step)
    return migrations


@migration
def m001_create_profiles(db: Database) -> None:
    db["profiles"].create(
        {"id": int, "name": str, "created_at": str},
        pk="id",
        not_null={"name", "created_at"},
    )
    db.execute("CREATE UNIQUE INDEX idx_profiles_name ON profiles (name COLLATE NOCASE)")
    # Machine-wide settings, such as who used the app last.
    db["settings"].create({"key": str, "value": str}, pk="key")


@migration
def m002_create_alliances(db: Database) -> None:
    db["alliances"].create(
        {
            "id": int,
            "profile_id": int,
            "name": str,  # how the founder refers to it, e.g. "Acme x Globex pilot"
            "partner": str,
            "our_side": str,
            "kind": str,  # what kind of alliance they have in mind, in their words
            "created_at": str,
            "updated_at": str,
            "last_stage": str,  # where to reopen
        },
        pk="id",
        foreign_keys=[("profile_id", "profiles", "id")],
        not_null={"profile_id", "name", "partner", "created_at", "updated_at"},
    )
    db["alliances"].create_index(["profile_id"])
    db["checklist_ticks"].create(
        {
            "alliance_id": int,
            "stage_id": str,
            "item_id": str,
            "checked": int,
            "updated_at": str,
        },
        pk=("alliance_id", "stage_id", "item_id"),
        foreign_keys=[("alliance_id", "alliances", "id")],
    )
    db["worksheet_answers"].create(
        {
            "alliance_id": int,
            "stage_id": str,
            "field_id": str,
            "value": str,  # text, or JSON for structured fields
            "updated_at": str,
        },
        pk=("alliance_id", "stage_id", "field_id"),
        foreign_keys=[("alliance_id", "alliances", "id")],
    )


@migration
def m003_create_quiz(db: Database) -> None:
    # Quiz history is keyed by question key ("case_id/question_id"), never by position or
    # wording, so editing a question keeps everyone's history.
    db.execute(
        """
        CREATE TABLE quiz_attempts (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles (id),
            case_id TEXT,  -- NULL for a review or cram session across cases
            mode TEXT NOT NULL CHECK (mode IN ('practice', 'exam')),
            kind TEXT NOT NULL CHECK (kind IN ('quiz', 'retry', 'review', 'cram')),
            confidence INTEGER NOT NULL DEFAULT 0,  -- ask how sure the trainee is
            question_keys TEXT NOT NULL,  -- JSON list, in the order asked
            started_at TEXT NOT NULL,
            finished_at TEXT,
            abandoned_at TEXT,  -- left unfinished and replaced by a fresh start
            position INTEGER NOT NULL DEFAULT 0  -- index of the next question to ask
        )
        """
    )
    db.execute("CREATE INDEX idx_quiz_attempts_profile ON quiz_attempts (profile_id, case_id)")
    db.execute(
        """
        CREATE TABLE quiz_answers (
            id INTEGER PRIMARY KEY,
            attempt_id INTEGER NOT NULL REFERENCES quiz_attempts (id),
            question_key TEXT NOT NULL,
            response TEXT NOT NULL,  -- JSON, as the grader reads it
            score REAL NOT NULL,  -- 0..1, partial credit included
            correct INTEGER NOT NULL,
            confidence TEXT CHECK (confidence IN ('low', 'medium', 'high')),
            cbm_mark REAL NOT NULL,  -- certainty-based mark (Gardner-Medwin)
            seconds REAL,
            answered_at TEXT NOT NULL,
            UNIQUE (attempt_id, question_key)
        )
        """
    )
    db.execute("CREATE INDEX idx_quiz_answers_key ON quiz_answers (question_key)")
    db.execute(
        """
        CREATE TABLE review_cards (
            profile_id INTEGER NOT NULL REFERENCES profiles (id),
            question_key TEXT NOT NULL,
            case_id TEXT NOT NULL,
            state TEXT NOT NULL,  -- FSRS card as JSON
            due TEXT NOT NULL,  -- UTC ISO time, comparable as text
            last_reviewed TEXT NOT NULL,
            PRIMARY KEY (profile_id, question_key)
        )
        """
    )
    db.execute("CREATE INDEX idx_review_cards_due ON review_cards (profile_id, due)")
    db.execute(
        """
        CREATE TABLE review_log (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles (id),
            question_key TEXT NOT NULL,
            attempt_id INTEGER REFERENCES quiz_attempts (id),
            rating INTEGER NOT NULL,  -- FSRS: 1 Again, 2 Hard, 3 Good, 4 Easy
            due_before TEXT,
            due_after TEXT NOT NULL,
            reviewed_at TEXT NOT NULL
        )
        """
    )


@migration
def m004_create_workshops(db: Database) -> None:
    # A live workshop lives entirely in this one file, shared by the facilitator's dashboard
    # and every participant's process. Times that pace the session (opened_at, deadline,
    # last_seen, locked_until) are epoch seconds, as the session state machine takes them.
    db.execute(
        """
        CREATE TABLE workshops (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,  -- the join code, e.g. K7MQ2P
            title TEXT NOT NULL,
            pin_hash TEXT NOT NULL,  -- scrypt with a random salt; the PIN is never stored
            agenda TEXT NOT NULL,  -- JSON list of {"kind", "ref", "title"}
            phase TEXT NOT NULL DEFAULT 'lobby'
                CHECK (phase IN ('lobby', 'waiting', 'open', 'closed', 'revealed', 'ended')),
            item_index INTEGER NOT NULL DEFAULT 0,
            opened_at REAL,
            deadline REAL,
            time_limit INTEGER,  -- seconds to answer; NULL: no limit
            anonymous INTEGER NOT NULL DEFAULT 0,
            leaderboard INTEGER NOT NULL DEFAULT 1,
            team_mode INTEGER NOT NULL DEFAULT 0,
            series TEXT,  -- workshops of one series share a combined leaderboard
            pin_failures INTEGER NOT NULL DEFAULT 0,  -- kept here, so reconnecting keeps it
            locked_until REAL,  -- no PIN is tried before this moment
            created_at TEXT NOT NULL,
            ended_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX idx_workshops_series ON workshops (series)")
    db.execute(
        """
        CREATE TABLE workshop_tokens (
            token_hash TEXT PRIMARY KEY,  -- sha256 of a token given for the right PIN
            workshop_id INTEGER NOT NULL REFERENCES workshops (id),
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE workshop_participants (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops (id),
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,  -- case-folded, spaces collapsed: one person per name
            team TEXT,
            device_id TEXT NOT NULL,
            rejoin_key TEXT NOT NULL,  -- shown at join; asked for from another device
            at_item INTEGER,  -- the agenda item the participant last saw
            last_seen REAL NOT NULL,
            joined_at TEXT NOT NULL,
            UNIQUE (workshop_id, name_key)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE workshop_responses (
            participant_id INTEGER NOT NULL REFERENCES workshop_participants (id),
            workshop_id INTEGER NOT NULL REFERENCES workshops (id),
            item_index INTEGER NOT NULL,
            question_key TEXT NOT NULL,
            response TEXT NOT NULL,  -- JSON, as the grader reads it
            score REAL NOT NULL,  -- 0..1
            points INTEGER NOT NULL,
            seconds REAL,
            confidence TEXT CHECK (confidence IN ('low', 'medium', 'high')),
            answered_at TEXT NOT NULL,
            PRIMARY KEY (participant_id, item_index)
        )
        """
    )
    db.execute(
        "CREATE INDEX idx_workshop_responses_item ON workshop_responses (workshop_id, item_index)"
    )


# SQL that turns a stored moment into the one shape the database keeps (see store/times.py).
_EPOCH_TO_ISO = "strftime('%Y-%m-%dT%H:%M:%f', {col}, 'unixepoch') || '+00:00'"
_ISO_TO_MS = "strftime('%Y-%m-%dT%H:%M:%f', substr({col}, 1, 19)) || '+00:00'"


@migration
def m005_unify_times(db: Database) -> None:
    # Before: workshops paced themselves with epoch seconds (REAL) and stamped rows to the
    # second, while everything else stored ISO text to the millisecond. After: every moment
    # is UTC ISO 8601 text to the millisecond, comparable as text.
    epoch_columns = {
        "workshops": ("opened_at", "deadline", "locked_until"),
        "workshop_participants": ("last_seen",),
    }
    second_columns = {
        "workshops": ("created_at", "ended_at"),
        "workshop_tokens": ("created_at",),
        "workshop_participants": ("joined_at",),
        "workshop_responses": ("answered_at",),
    }
    for table, columns in epoch_columns.items():
        # Convert first (text that is not a number stays text in a REAL column), then
        # retype the columns: retyping first would turn each number into its digits.
        for column in columns:
            db.execute(
                f"UPDATE {table} SET {column} = {_EPOCH_TO_ISO.format(col=column)}"
                f" WHERE typeof({column}) IN ('real', 'integer')"
            )
        db[table].transform(types=dict.fromkeys(columns, str))
    for table, columns in second_columns.items():
        for column in columns:
            db.execute(
                f"UPDATE {table} SET {column} = {_ISO_TO_MS.format(col=column)}"
                f" WHERE {column} IS NOT NULL AND length({column}) = 25"
            )


@migration
def m006_add_attempt_orders_flags_and_overrides(db: Database) -> None:
    # The order each question's options were shown in (drawn once per attempt, kept for
    # resuming and for results), the questions flagged in an exam, an exam's time limit,
    # and answers the learner marked right after a miss ("I was right").
    db["quiz_attempts"].add_column("orders", str, not_null_default="{}")
    db["quiz_attempts"].add_column("flags", str, not_null_default="[]")
    db["quiz_attempts"].add_column("time_limit", int)
    db["quiz_answers"].add_column("overridden", int, not_null_default=0)
    # The card's state before each review, so a corrected answer can be scheduled afresh.
    db["review_log"].add_column("state_before", str)
    # What grading said, kept with the answer, so results never grade a second time.
    db["quiz_answers"].add_column("feedback", str, not_null_default="[]")
    db["quiz_answers"].add_column("note", str, not_null_default="")
    db["workshop_responses"].add_column("feedback", str, not_null_default="[]")


@migration
def m007_add_flags_milestones_and_charter_exports(db: Database) -> None:
    # A red flag (a weak score, a culture gap, a walk-away signal) acknowledged with a note;
    # each stage's answers as they were when it was last done (to say "edited since done");
    # and each charter export, with the shared answers it held (its version and change log).
    db["alliance_flags"].create(
        {"alliance_id": int, "flag_id": str, "note": str, "acknowledged_at": str},
        pk=("alliance_id", "flag_id"),
        foreign_keys=[("alliance_id", "alliances", "id")],
        not_null={"note", "acknowledged_at"},
    )
    db["stage_milestones"].create(
        {"alliance_id": int, "stage_id": str, "done_at": str, "answers": str},
        pk=("alliance_id", "stage_id"),
        foreign_keys=[("alliance_id", "alliances", "id")],
        not_null={"done_at", "answers"},
    )
    db["charter_exports"].create(
        {
            "id": int,
            "alliance_id": int,
            "version": int,
            "exported_at": str,
            "answers": str,  # JSON: stage -> field -> stored text, the shared fields only
        },
        pk="id",
        foreign_keys=[("alliance_id", "alliances", "id")],
        not_null={"alliance_id", "version", "exported_at", "answers"},
    )
    db["charter_exports"].create_index(["alliance_id", "version"], unique=True)


@migration
def m008_add_networked_workshops(db: Database) -> None:
    # Items whose answering is over for good (revealed, or left after answering opened), so
    # going back never reopens them; and the items whose answer was revealed.
    db["workshops"].add_column("settled", str, not_null_default="[]")
    db["workshops"].add_column("revealed", str, not_null_default="[]")
    # Options: certainty-based points, answering that closes itself once everyone here has
    # answered, and a live chart kept hidden until answering closes.
    db["workshops"].add_column("certainty", int, not_null_default=0)
    db["workshops"].add_column("auto_close", int, not_null_default=0)
    db["workshops"].add_column("hide_live", int, not_null_default=0)
    # A participant's session token (sha256 of it), held by their browser or terminal, so
    # a reload or a lost connection rejoins without typing anything.
    db["workshop_participants"].add_column("token_hash", str)
    db.execute(
        "CREATE UNIQUE INDEX idx_workshop_participants_token"
        " ON workshop_participants (token_hash) WHERE token_hash IS NOT NULL"
    )
    # An open answer the facilitator took off the wall.
    db["workshop_responses"].add_column("hidden", int, not_null_default=0)
    # Wrong PINs and rejoin keys, counted per client (an address, or a device), so one
    # guesser slows only themselves and never locks the facilitator out.
    db.execute(
        """
        CREATE TABLE workshop_tries (
            workshop_id INTEGER NOT NULL REFERENCES workshops (id),
            client TEXT NOT NULL,
            what TEXT NOT NULL CHECK (what IN ('pin', 'rejoin')),
            failures INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            PRIMARY KEY (workshop_id, client, what)
        )
        """
    )
    # Workshops under way: earlier items that got answers were left after answering, so
    # they are settled; so is the current one once revealed or the workshop ended.
    import json

    answered = {}
    for workshop_id, index in db.execute(
        "SELECT DISTINCT workshop_id, item_index FROM workshop_responses"
    ).fetchall():
        answered.setdefault(workshop_id, set()).add(index)
    for workshop_id, phase, index in db.execute(
        "SELECT id, phase, item_index FROM workshops"
    ).fetchall():
        settled = {i for i in answered.get(workshop_id, ()) if i < index}
        revealed = set()
        if phase == "ended" and index in answered.get(workshop_id, ()):
            settled.add(index)
        if phase == "revealed":
            settled.add(index)
            revealed.add(index)
        db.execute(
            "UPDATE workshops SET settled = ?, revealed = ? WHERE id = ?",
            [json.dumps(sorted(settled)), json.dumps(sorted(revealed)), workshop_id],
        )


@migration
def m010_add_partner_side_stress_tests_and_pilot_readings(db: Database) -> None:
    # The partner's own answers (their point of view, our field ids); a gap between the two
    # sides agreed, with the answers it settled (a fingerprint), the wording and who agreed;
    # each exit stress test run; and the pilot's indicators recorded period by period.
    db["partner_answers"].create(
        {"alliance_id": int, "stage_id": str, "field_id": str, "value": str, "updated_at": str},
        pk=("alliance_id", "stage_id", "field_id"),
        foreign_keys=[("alliance_id", "alliances", "id")],
        not_null={"value", "updated_at"},
    )
    db["gap_resolutions"].create(
        {
            "alliance_id": int,
            "item_id": str,
            "fingerprint": str,
            "agreed": str,
            "agreed_by": str,
            "agreed_at": str,
        },
        pk=("alliance_id", "item_id"),
        foreign_keys=[("alliance_id", "alliances", "id")],
        not_null={"fingerprint", "agreed", "agreed_by", "agreed_at"},
    )
    db["stress_tests"].create(
        {"id": int, "alliance_id": int, "run_at": str, "results": str},
        pk="id",
        foreign_keys=[("alliance_id", "alliances", "id")],
        not_null={"alliance_id", "run_at", "results"},
    )
    db["pilot_readings"].create(
        {
            "alliance_id": int,
            "indicator": str,  # the indicator as the Pilot worksheet lists it
            "period": str,  # "week 3", or a date: as the founder records it, sortable
            "position": int,  # the period's place in the series
            "value": float,
            "recorded_at": str,
        },
        pk=("alliance_id", "indicator", "position"),
        foreign_keys=[("alliance_id", "alliances", "id")],
        not_null={"period", "value", "recorded_at"},
    )


@migration
def m011_add_health_checks(db: Database) -> None:
    # A health check after launch: its own code for the survey page, the statements as they
    # were asked (so later edits of the content keep old results readable), and when it
    # opened and closed. Each answer is kept under a hash of the answering device's key, so
    # one device answers once (and may correct itself), with no name anywhere.
    db["health_checks"].create(
        {
            "id": int,
            "alliance_id": int,
            "code": str,
            "opened_at": str,
            "closed_at": str,
            "areas": str,  # JSON: [{id, title, statements: [[id, text], ...]}]
        },
        pk="id",
        foreign_keys=[("alliance_id", "alliances", "id")],
        not_null={"alliance_id", "code", "opened_at", "areas"},
    )
    db["health_checks"].create_index(["code"], unique=True)
    db["health_answers"].create(
        {
            "check_id": int,
            "respondent": str,  # sha256 of the device's key
            "side": str,
            "scores": str,  # JSON: statement id -> 1..5
            "comments": str,  # JSON: area id -> text
        },
        pk=("check_id", "respondent"),
        foreign_keys=[("check_id", "health_checks", "id")],
        not_null={"side", "scores", "comments"},
    )
    db["health_actions"].create(
        {"check_id": int, "position": int, "what": str, "owner": str, "due": str},
        pk=("check_id", "position"),
        foreign_keys=[("check_id", "health_checks", "id")],
        not_null={"what", "owner", "due"},
    )
    # How often this alliance checks its health and reviews its North Star, and each review.
    db["alliances"].add_column("check_days", int, not_null_default=90)
    db["alliances"].add_column("review_days", int, not_null_default=91)
    db["north_star_reviews"].create(
        {"alliance_id": int, "reviewed_at": str},
        pk=("alliance_id", "reviewed_at"),
        foreign_keys=[("alliance_id", "alliances", "id")],
    )


# -- issue 16: the live two-party partner session (m011 is the health checks') ------------


@migration
def m012_add_partner_sessions(db: Database) -> None:
    # A live two-party session for an alliance, served by the workshop server: its own join
    # code (never one a workshop has), two seats ("ours" and "partner"), each claimed with
    # its seat key and then held with a bearer token (its sha256 only). Each seat keeps its
    # draft as typed (JSON: stage -> field -> value as sent) and, once submitted, the
    # answers as stored text; a side's answers are shown to the other only when both have
    # submitted. Wrong seat keys are counted per client, like PINs.
    db.execute(
        """
        CREATE TABLE partner_sessions (
            id INTEGER PRIMARY KEY,
            alliance_id INTEGER NOT NULL REFERENCES alliances (id),
            code TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            finished_at TEXT  -- both submitted: the partner's answers were saved
        )
        """
    )
    db.execute("CREATE INDEX idx_partner_sessions_alliance ON partner_sessions (alliance_id)")
    db.execute(
        """
        CREATE TABLE partner_seats (
            session_id INTEGER NOT NULL REFERENCES partner_sessions (id),
            seat TEXT NOT NULL CHECK (seat IN ('ours', 'partner')),
            seat_key TEXT NOT NULL,  -- shown to the founder, to send; asked for to claim
            token_hash TEXT UNIQUE,  -- sha256 of the token given for the key
            claimed_at TEXT,
            draft TEXT NOT NULL DEFAULT '{}',
            answers TEXT,  -- the submitted answers, as stored text
            submitted_at TEXT,
            PRIMARY KEY (session_id, seat)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE partner_session_tries (
            session_id INTEGER NOT NULL REFERENCES partner_sessions (id),
            client TEXT NOT NULL,
            failures INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            PRIMARY KEY (session_id, client)
        )
        """
    )
