"""The SQLite store: one file per installation.

WAL so the rating server's reader does not block the clerk; a busy timeout so two writers
wait for each other instead of failing; foreign keys on; the schema is a list of numbered
migrations applied with sqlite-utils' ``Migrations``, never ad-hoc ALTERs at start-up.

sqlite-utils costs ~60 ms to import, a third of the window's start-up, so it is imported only
when it is needed: to apply pending migrations (first run, upgrade) or for ``Store.db``'s table
helpers. Everyday reads and writes go through ``Store.execute`` and ``Store.transaction``.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from window_assistant.errors import UserError
from window_assistant.store.damage import DamagedDatabase, is_damage, quick_check


class StorageError(UserError):
    """The database could not take a write (disk full, file locked or read-only, I/O error);
    everything the transaction had done was rolled back."""


_STORAGE_PROBLEMS = (
    # (SQLite result-code prefix, words in older messages, what to tell the clerk)
    ("SQLITE_FULL", "disk is full", "磁盘空间不足"),
    ("SQLITE_BUSY", "database is locked", "数据库正被另一个程序占用(稍后重试即可)"),
    ("SQLITE_LOCKED", "table is locked", "数据库正被另一个程序占用(稍后重试即可)"),
    ("SQLITE_READONLY", "readonly database", "数据库文件是只读的(请检查文件权限)"),
    ("SQLITE_IOERR", "disk I/O error", "读写数据库文件出错(磁盘故障或存储设备已拔出)"),
)


def storage_error(exc: sqlite3.Error) -> StorageError | None:
    """A Chinese ``StorageError`` for a write the disk or file refused, or None for any other
    error (a programming error must not pass for a full disk)."""
    code = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    for prefix, words, problem in _STORAGE_PROBLEMS:
        if code.startswith(prefix) or (not code and words in text):
            return StorageError(
                f"{problem},本次操作没有保存,已全部撤销,原有数据没有丢失。请处理后重试。"
            )
    return None


if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "window_assistant"
MIGRATIONS_TABLE = "_sqlite_migrations"
BUSY_TIMEOUT_MS = 10_000

# (name, function) in order; names are never changed once released.
MIGRATIONS: list[tuple[str, Callable[[Any], None]]] = []


def _migration(name: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    def register(fn: Callable[[Any], None]) -> Callable[[Any], None]:
        MIGRATIONS.append((name, fn))
        return fn

    return register


def _run_script(db: sqlite_utils.Database, script: str) -> None:
    """Run a multi-statement script inside the migration's transaction (``executescript``
    would commit it first)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement!r}")


def migration_set() -> Migrations:
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, fn in MIGRATIONS:
        migrations(name=name)(fn)
    return migrations


@_migration("0001_initial")
def _m0001_initial(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE windows (
            id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            login TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
            secret_hash TEXT NOT NULL,
            window_id INTEGER REFERENCES windows(id),
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL);
        CREATE TABLE items (
            code TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            handling_code TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            department TEXT NOT NULL,
            theme TEXT NOT NULL DEFAULT '',
            scope TEXT NOT NULL,
            comprehensive INTEGER NOT NULL,
            high_frequency INTEGER NOT NULL,
            keywords TEXT NOT NULL DEFAULT '',
            pinyin TEXT NOT NULL DEFAULT '',
            initials TEXT NOT NULL DEFAULT '',
            data TEXT NOT NULL);
        CREATE INDEX items_department ON items(department);
        CREATE TABLE materials (
            id INTEGER PRIMARY KEY,
            item_code TEXT NOT NULL REFERENCES items(code) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            necessity TEXT NOT NULL,
            form TEXT NOT NULL,
            originals INTEGER NOT NULL,
            copies INTEGER NOT NULL,
            shareable INTEGER NOT NULL,
            situations TEXT NOT NULL DEFAULT '[]');
        CREATE INDEX materials_item ON materials(item_code);
        CREATE TABLE situations (
            item_code TEXT NOT NULL REFERENCES items(code) ON DELETE CASCADE,
            key TEXT NOT NULL,
            seq INTEGER NOT NULL,
            question TEXT NOT NULL,
            options TEXT NOT NULL,
            PRIMARY KEY (item_code, key));
        CREATE TABLE bundles (
            code TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            department TEXT NOT NULL DEFAULT '',
            keywords TEXT NOT NULL DEFAULT '',
            pinyin TEXT NOT NULL DEFAULT '',
            initials TEXT NOT NULL DEFAULT '',
            data TEXT NOT NULL);
        CREATE TABLE bundle_items (
            bundle_code TEXT NOT NULL REFERENCES bundles(code) ON DELETE CASCADE,
            item_code TEXT NOT NULL REFERENCES items(code) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            PRIMARY KEY (bundle_code, item_code));
        CREATE TABLE crossregion (
            item_code TEXT PRIMARY KEY REFERENCES items(code) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            scope TEXT NOT NULL,
            mode TEXT NOT NULL,
            partners TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '');
        CREATE TABLE catalog_versions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            imported_at TEXT NOT NULL,
            source TEXT NOT NULL,
            actor TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL,
            diff TEXT NOT NULL);
        CREATE TABLE recent_items (
            window_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            code TEXT NOT NULL,
            used_at TEXT NOT NULL,
            uses INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (window_id, kind, code));
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}');
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """,
    )


@_migration("0002_holiday_years")
def _m0002_holiday_years(db: sqlite_utils.Database) -> None:
    """Years of the holiday calendar imported by a supervisor (see workdays.py); they override
    the years bundled in catalog/holidays.json."""
    _run_script(
        db,
        """
        CREATE TABLE holiday_years (
            year INTEGER PRIMARY KEY,
            data TEXT NOT NULL,
            source TEXT NOT NULL,
            imported_at TEXT NOT NULL);
        """,
    )


@_migration("0003_cases")
def _m0003_cases(db: sqlite_utils.Database) -> None:
    """Registered cases (办件) with their sheet snapshots, and the per-kind, per-year serial
    counters they take their numbers from (see serials.py)."""
    _run_script(
        db,
        """
        CREATE TABLE serials (
            kind TEXT NOT NULL,
            year INTEGER NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (kind, year));
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            serial TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            year INTEGER NOT NULL,
            number INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            subject_kind TEXT NOT NULL,
            subject_code TEXT NOT NULL,
            subject_name TEXT NOT NULL,
            outcome TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            applicant_name TEXT NOT NULL DEFAULT '',
            applicant_kind TEXT NOT NULL DEFAULT '',
            id_type TEXT NOT NULL DEFAULT '',
            id_number TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            agent TEXT,
            answers TEXT NOT NULL,
            brought TEXT NOT NULL,
            clerk_id INTEGER NOT NULL,
            clerk_login TEXT NOT NULL,
            clerk_name TEXT NOT NULL,
            window_id INTEGER NOT NULL,
            window_name TEXT NOT NULL,
            snapshot TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            token TEXT NOT NULL,
            rating_url TEXT NOT NULL,
            UNIQUE (kind, year, number));
        CREATE INDEX cases_created ON cases(created_at);
        CREATE INDEX cases_clerk ON cases(clerk_login, created_at);
        CREATE INDEX cases_subject ON cases(subject_code, created_at);
        CREATE INDEX cases_outcome ON cases(outcome, created_at);
        """,
    )


@_migration("0004_sign_in_failures")
def _m0004_sign_in_failures(db: sqlite_utils.Database) -> None:
    """Wrong PINs and passwords per login (see accounts.authenticate), kept so that the lock-out
    survives a restart of the window and counts the CLI's attempts too."""
    _run_script(
        db,
        """
        CREATE TABLE sign_in_failures (login TEXT NOT NULL, at REAL NOT NULL);
        CREATE INDEX sign_in_failures_login ON sign_in_failures(login, at);
        """,
    )


@_migration("0005_codes")
def _m0005_codes(db: sqlite_utils.Database) -> None:
    """Enumerations stored as codes instead of Chinese display text (see codes_migration.py)."""
    from window_assistant.store.codes_migration import migrate

    migrate(db)


SCHEMA_VERSION = len(MIGRATIONS)


class Store:
    """An open installation database. One per thread that writes."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        conn = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            # Damage nobody has read yet is found now, before anything is written or backed up.
            problem = quick_check(conn)
        except (sqlite3.DatabaseError, OSError) as exc:
            if conn is not None:
                conn.close()
            if is_damage(exc):
                raise DamagedDatabase(self.path, str(exc)) from exc
            raise UserError(f"无法打开数据库文件 {self.path}:{exc}。请检查路径和权限。") from exc
        if problem is not None:
            conn.close()
            raise DamagedDatabase(self.path, problem)
        self.conn = conn
        self._db: sqlite_utils.Database | None = None
        self._savepoint_ids = itertools.count(1)  # names unique among nested savepoints
        try:
            if self.schema_version() < SCHEMA_VERSION:
                migration_set().apply(self.db)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if is_damage(exc):
                raise DamagedDatabase(self.path, str(exc)) from exc
            raise UserError(
                f"数据库文件 {self.path} 无法使用({exc})。它可能不是窗口助手的数据库或已损坏,"
                "可用 restore 命令从备份恢复。"
            ) from exc

    @property
    def db(self) -> sqlite_utils.Database:
        """The sqlite-utils view of the same connection, for its table helpers."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """All-or-nothing writes. The outer block takes the write lock at once (BEGIN
        IMMEDIATE), so two writers queue on the busy timeout instead of deadlocking; inner
        blocks become savepoints. A write the disk or the file refuses (full, locked, read-only,
        I/O error) rolls the whole block back and raises ``StorageError``, which says so."""
        conn = self.conn
        if conn.in_transaction:
            name = f"wa_{next(self._savepoint_ids)}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:  # a RAISE(ROLLBACK) may already have ended it
                    conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
                conn.execute("COMMIT")
            except BaseException:
                conn.rollback()
                raise
        except sqlite3.OperationalError as exc:
            problem = storage_error(exc)
            if problem is None:
                raise
            raise problem from exc

    def schema_version(self) -> int:
        """How many of this app's migrations the database has had."""
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
        ).fetchone()
        if not exists:
            return 0
        names = {
            r[0]
            for r in self.conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET]
            )
        }
        return sum(1 for name, _ in MIGRATIONS if name in names)

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT count(*) FROM items").fetchone()[0] == 0

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
