"""Provides Database: SQLite set up for many processes at once, with write() and read().

Every connection gets WAL, a busy timeout and foreign keys. Every write runs
inside `write()`, which starts with BEGIN IMMEDIATE: a deferred BEGIN starts
as a read and SQLite refuses to upgrade it while another process writes, which
loses writes under load (see the technical notes). Migrations run under the
same lock, after a backup copy of an existing file is written.

The schema and its migrations go through sqlite-utils. Everyday statements go
through a small adapter on the same connection with the two sqlite-utils calls
the store uses (execute and query), so that opening the app does not import
sqlite-utils at all unless a migration is pending: that import alone costs more
start-up time than the rest of the store.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """A database problem. Its message says what happened and what fixes it, in terms of the
    file; each shell (terminal app, command line) adds how to choose another file."""

    def __init__(self, message: str, path: Path | str = "") -> None:
        super().__init__(message)
        self.path = str(path)


class DatabaseLocked(StoreError):
    """Another program holds the write lock: waiting and trying again will work."""


class DatabaseReadOnly(StoreError):
    """The file or its folder cannot be written."""


class DatabaseDamaged(StoreError):
    """Not a Playbook database, or a damaged one, or one changed underneath us."""


class DatabaseTooNew(StoreError):
    """Written by a newer version of the app."""


class DatabaseGone(StoreError):
    """The file was replaced while the app ran; what was saved is in a rescue copy."""


@dataclass(frozen=True)
class FileRestored:
    """The file was deleted while the app ran and was written back from the open connection."""

    path: str


def explain(error: sqlite3.Error, path: Path | str) -> StoreError:
    """Turn an sqlite3 error into a StoreError whose message says what to do."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLocked(
            f"The database {path} is busy: another program is writing to it. Wait a moment "
            "and try again, or close other programs that use it.",
            path,
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return DatabaseReadOnly(
            f"Cannot write to the database {path}: the file or its folder is read-only. "
            "Make both writable (for example `chmod u+w`).",
            path,
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseDamaged(
            f"The file {path} is not a Playbook database, or it is damaged. Move it aside "
            f"(for example `mv '{path}' '{path}.damaged'`) to start afresh, or restore a "
            "backup copy (playbook.db.backup-*) beside it.",
            path,
        )
    if "disk i/o" in text or "no such table" in text:
        return DatabaseDamaged(
            f"The database {path} changed underneath the app (was it deleted or replaced?). "
            "Restart the app; if this repeats, restore a backup copy beside it.",
            path,
        )
    return StoreError(f"Database error in {path}: {error}", path)


class Sql:
    """execute() and query() as sqlite-utils has them, on a plain sqlite3 connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, parameters=()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def query(self, sql: str, parameters=()) -> Iterator[dict]:
        cursor = self.conn.execute(sql, parameters)
        keys = [d[0] for d in cursor.description or ()]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))


class Database:
    """One SQLite connection plus the lock discipline every caller needs."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        self.memory = self.path == ":memory:"
        self.lock = threading.RLock()
        self.conn = self._connect()
        self.sql = Sql(self.conn)
        self._identity = self._file_identity()
        # What the store dealt with on its own that the user should hear about.
        self.restored: list[FileRestored] = []
        # When on, every committed write is mirrored to <path>.safety, so that even a file
        # emptied or replaced by another program loses nothing that was saved.
        self.safety_copies = False

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """The sqlite-utils view of the same connection, for schema work and migrations."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    def _connect(self) -> sqlite3.Connection:
        if not self.memory:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,  # we BEGIN ourselves
                check_same_thread=False,  # guarded by self.lock
            )
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys=ON")
            if not self.memory:
                mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                if mode != "wal":
                    conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as error:
            raise explain(error, self.path) from None
        return conn

    def _file_identity(self) -> tuple[int, int] | None:
        if self.memory:
            return None
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return (stat.st_dev, stat.st_ino)

    def check_file(self) -> None:
        """Before a write: make sure the file is still the one we opened.

        Deleted: the open connection still holds every saved page, so the file
        is written back from it and work goes on. Replaced by another file, or
        emptied: this session's pages are rescued to a copy beside it, and the
        error says how to put it back.
        """
        if self._identity is None:
            return
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            self._restore_deleted()
            return
        if (stat.st_dev, stat.st_ino) != self._identity:
            rescued = self.rescue()
            raise DatabaseGone(
                f"The database file {self.path} was replaced by another file while the app was "
                f"running, so nothing more was written to it. Your work was saved to {rescued}: "
                f"quit, and either keep the new file or put yours back with "
                f"`mv '{rescued}' '{self.path}'`.",
                self.path,
            )
        if stat.st_size < 512:
            raise DatabaseDamaged(
                f"The database file {self.path} was emptied by another program while the app "
                f"was running. {self._restore_advice()}",
                self.path,
            )

    @property
    def safety_path(self) -> Path:
        return Path(f"{self.path}.safety")

    def _restore_advice(self) -> str:
        if self.safety_copies and self.safety_path.exists():
            return (
                f"A copy with everything saved up to now is at {self.safety_path}: quit, then "
                f"restore it with `cp '{self.safety_path}' '{self.path}'` and start again."
            )
        rescued = self.rescue()
        return (
            f"What this session could still read was saved to {rescued}: quit, then restore it "
            f"with `mv '{rescued}' '{self.path}'`, or use a backup copy beside it."
        )

    def write_safety_copy(self) -> None:
        """Mirror the database to <path>.safety (atomically: a copy is whole or absent)."""
        partial = Path(f"{self.path}.safety-partial")
        try:
            self.backup_to(partial, fast=True)
            partial.replace(self.safety_path)
        except (sqlite3.Error, OSError):
            partial.unlink(missing_ok=True)

    def rescue(self) -> Path:
        """Copy what the open connection can still read to a new file beside the database."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = Path(f"{self.path}.rescued-{stamp}")
        with contextlib.suppress(sqlite3.Error, OSError):
            self.backup_to(target)
        return target

    def _restore_deleted(self) -> None:
        """The file was deleted under us: write it back from the open connection."""
        with self.lock:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.backup_to(Path(self.path))
            self.conn.close()
            self.conn = self._connect()
            self.sql = Sql(self.conn)
            self.__dict__.pop("db", None)
            self._identity = self._file_identity()
            self.restored.append(FileRestored(self.path))

    @contextlib.contextmanager
    def write(self, wait_ms: int | None = None) -> Iterator[Sql]:
        """One write transaction: BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error.

        `wait_ms` shortens how long to wait for another writer, for saves that will simply
        be tried again (typing must never freeze for the full busy timeout).
        """
        with self.lock:
            self.check_file()
            if self.conn.in_transaction:  # nested: join the outer transaction
                yield self.sql
                return
            try:
                if wait_ms is not None:
                    self.conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                finally:
                    if wait_ms is not None:
                        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            except sqlite3.Error as error:
                raise explain(error, self.path) from None
            try:
                yield self.sql
            except sqlite3.Error as error:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise explain(error, self.path) from None
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as error:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise explain(error, self.path) from None
            if self.safety_copies:
                self.write_safety_copy()

    @contextlib.contextmanager
    def read(self) -> Iterator[Sql]:
        """Reads share the connection; the lock keeps threads from interleaving."""
        with self.lock:
            try:
                yield self.sql
            except sqlite3.Error as error:
                raise explain(error, self.path) from None

    def probe_write(self) -> None:
        """Make sure we can write at all (a read-only file opens and reads fine)."""
        with self.write() as sql:
            sql.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('_probe', '')")
            sql.execute("DELETE FROM settings WHERE key = '_probe'")

    def data_version(self) -> int:
        """Changes when another connection commits: a cheap "has anything changed?"."""
        with self.lock:
            return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def backup_to(self, target: Path, fast: bool = False) -> None:
        """A consistent copy of the whole database; `fast` skips fsync (for the mirror,
        which only has to survive another program, not a power cut)."""
        with self.lock:
            destination = sqlite3.connect(str(target))
            try:
                if fast:
                    destination.execute("PRAGMA journal_mode=OFF")
                    destination.execute("PRAGMA synchronous=OFF")
                self.conn.backup(destination)
            finally:
                destination.close()

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def migrate(database: Database, set_name: str, names: list[str], build) -> Path | None:
    """Apply pending migrations under one write lock; return the backup written, if any.

    `names` are the migration steps this version knows, in order; `build()`
    makes the sqlite_utils.Migrations set, and is only called when one is
    pending. Safe when several processes open a new file at once: the first
    takes the lock and migrates, the others wait, then find nothing pending.
    """
    known = {set_name: set(names)}
    with database.lock:
        try:
            pending = _pending(database, known)
        except sqlite3.Error as error:
            raise explain(error, database.path) from None
        if not pending:
            return None
        backup = None
        if _has_applied(database) and not database.memory:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = Path(f"{database.path}.backup-{stamp}")
            database.backup_to(backup)
        migrations = build()
        for attempt in range(3):
            try:
                with database.write():
                    migrations.apply(database.db)
                break
            except DatabaseLocked:
                if attempt == 2:
                    raise
                time.sleep(0.2)
            except sqlite3.Error as error:
                raise explain(error, database.path) from None
        return backup


def _table_exists(database: Database, name: str) -> bool:
    return bool(
        database.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]
        ).fetchone()
    )


def _has_applied(database: Database) -> bool:
    return _table_exists(database, "_sqlite_migrations") and bool(
        database.conn.execute("SELECT 1 FROM _sqlite_migrations LIMIT 1").fetchone()
    )


def _pending(database: Database, known: dict[str, set[str]]) -> bool:
    if not _table_exists(database, "_sqlite_migrations"):
        return True
    rows = database.conn.execute("SELECT migration_set, name FROM _sqlite_migrations").fetchall()
    applied = {(s, n) for s, n in rows}
    unknown = sorted(n for s, n in applied if s in known and n not in known[s])
    if unknown:
        raise DatabaseTooNew(
            f"The database {database.path} was written by a newer version of Alliance "
            f"Playbook (it has changes this version does not know: {', '.join(unknown)}). "
            "Upgrade the app (pip install -U alliance-playbook).",
            database.path,
        )
    return any((name, step) not in applied for name, steps in known.items() for step in steps)
