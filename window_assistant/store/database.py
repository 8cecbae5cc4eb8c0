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
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from window_assistant.errors import UserError
from window_assistant.store import files
from window_assistant.store.damage import DamagedDatabase, is_damage, quick_check


class StorageError(UserError):
    """The database could not take a write (disk full, file locked or read-only, I/O error);
    everything the transaction had done was rolled back."""


class NewerDatabaseError(UserError):
    """The file was written by a newer 窗口助手 (migrations this version does not know): writing
    to it could break what the newer version relies on, so nothing is written."""

    def __init__(self, path: Path, version: int) -> None:
        super().__init__(
            f"数据库 {path} 由更新版本的窗口助手写入(数据库结构版本 {version},"
            f"本程序只支持到版本 {SCHEMA_VERSION})。为免损坏数据,本程序不能修改它,"
            "本次操作没有保存任何内容。请升级窗口助手后再操作;查找、查看和列出仍可使用。"
        )
        self.version = version


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


@_migration("0006_ratings")
def _m0006_ratings(db: sqlite_utils.Database) -> None:
    """The rating log (好差评, see ratings/log.py): one row per rated case, never changed.

    一次一评 is the UNIQUE case serial, so two simultaneous submissions cannot both land. Each
    window keeps its own hash chain: ``seq`` runs 1, 2, 3 … without gaps and ``prev_hash`` is the
    previous row's ``hash`` (64 zeros for the first), which the insert trigger enforces, so even
    a hand-written INSERT can only extend a chain; UPDATE and DELETE are refused outright."""
    _run_script(
        db,
        """
        CREATE TABLE ratings (
            id INTEGER PRIMARY KEY,
            window_id INTEGER NOT NULL,
            window_name TEXT NOT NULL,
            seq INTEGER NOT NULL CHECK (seq >= 1),
            case_serial TEXT NOT NULL UNIQUE,
            item_code TEXT NOT NULL,
            item_name TEXT NOT NULL,
            clerk_login TEXT NOT NULL,
            clerk_name TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('very_satisfied', 'satisfied',
                'basically_satisfied', 'dissatisfied', 'very_dissatisfied')),
            channel TEXT NOT NULL CHECK (channel IN ('qr_code', 'pad')),
            tags TEXT NOT NULL DEFAULT '[]',
            comment TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            token_id TEXT NOT NULL UNIQUE,
            device TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
            hash TEXT NOT NULL CHECK (length(hash) = 64),
            UNIQUE (window_id, seq));
        CREATE INDEX ratings_at ON ratings(at);
        CREATE TRIGGER ratings_chain BEFORE INSERT ON ratings
            WHEN NEW.seq IS NOT coalesce(
                    (SELECT max(seq) FROM ratings WHERE window_id = NEW.window_id), 0) + 1
                OR NEW.prev_hash IS NOT coalesce(
                    (SELECT hash FROM ratings WHERE window_id = NEW.window_id
                     ORDER BY seq DESC LIMIT 1), printf('%.64d', 0))
            BEGIN SELECT RAISE(ABORT, 'ratings: the row does not continue its window''s chain');
            END;
        CREATE TRIGGER ratings_no_update BEFORE UPDATE ON ratings
            BEGIN SELECT RAISE(ABORT, 'ratings are append-only'); END;
        CREATE TRIGGER ratings_no_delete BEFORE DELETE ON ratings
            BEGIN SELECT RAISE(ABORT, 'ratings are append-only'); END;
        """,
    )


@_migration("0007_rating_pads")
def _m0007_rating_pads(db: sqlite_utils.Database) -> None:
    """The counter's pads (好差评 channel 4, see ratings/pads.py): the case each window's clerk has
    invited the citizen to rate, the tablets paired with a window, and the pairing codes.

    An invitation is state, not record: one row per window, replaced by the next one (its
    ``version`` counts up, so a pad can tell a new invitation from the old and a press on a stale
    screen is refused). The audit log keeps who invited, paired and unpaired. A tablet's key is
    stored only as its SHA-256; a pairing code as an HMAC under the centre's secret."""
    _run_script(
        db,
        """
        CREATE TABLE pad_invitations (
            window_id INTEGER PRIMARY KEY,
            version INTEGER NOT NULL,
            case_serial TEXT NOT NULL,
            invited_at TEXT NOT NULL,
            invited_by TEXT NOT NULL);
        CREATE TABLE pad_devices (
            id INTEGER PRIMARY KEY,
            window_id INTEGER NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            paired_at TEXT NOT NULL,
            paired_by TEXT NOT NULL,
            revoked_at TEXT);
        CREATE INDEX pad_devices_window ON pad_devices(window_id);
        CREATE TABLE pad_pairing_codes (
            window_id INTEGER PRIMARY KEY,
            code_mac TEXT NOT NULL,
            created_by TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0);
        """,
    )


@_migration("0008_followups")
def _m0008_followups(db: sqlite_utils.Database) -> None:
    """The 差评 follow-ups (整改台账, see ratings/followups.py): every step of every follow-up, in
    the order taken. Append-only like the rating log: a mistaken step is corrected by a new
    ``correct`` step naming it (``corrects``), so the first entry stays readable."""
    _run_script(
        db,
        """
        CREATE TABLE followup_steps (
            id INTEGER PRIMARY KEY,
            case_serial TEXT NOT NULL REFERENCES ratings(case_serial),
            step TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            actor_name TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}',
            corrects INTEGER REFERENCES followup_steps(id));
        CREATE INDEX followup_steps_case ON followup_steps(case_serial, id);
        CREATE TRIGGER followup_steps_no_update BEFORE UPDATE ON followup_steps
            BEGIN SELECT RAISE(ABORT, 'follow-up steps are append-only'); END;
        CREATE TRIGGER followup_steps_no_delete BEFORE DELETE ON followup_steps
            BEGIN SELECT RAISE(ABORT, 'follow-up steps are append-only'); END;
        """,
    )


@_migration("0009_rating_merges")
def _m0009_rating_merges(db: sqlite_utils.Database) -> None:
    """The logs of a centre's windows in one database (``ratings merge``, see ratings/merge.py).

    A chain is now keyed by the window's number (on its sign, one per centre), not by the
    installation's own window id (every PC numbers its windows from 1), so rows of other
    installations keep their chain, seq and hashes as recorded: nothing is re-chained. The
    number enters the hashed content from content version 3 (``v``); the rows already recorded
    keep version 2 and verify as they were written. A case serial is unique per window, not per
    centre (each PC counts its own), and so is a token's id (two PCs may sign the same claims).
    ``merge_id`` names the merge a row came with (NULL: recorded
    here), ``comment_digest`` the digest a merged row carried (its comment may be masked) and
    ``named`` whether its case named a contact (copied from the case when recorded here; from
    the export when merged, the case being on the other PC). ``case_created`` (a rating
    recorded here: when its case was registered, copied from the case) lets the figures count
    the rated cases of a period without joining every case. Neither is hashed. Follow-up steps
    name their rating by window and serial. ``merged_case_counts`` holds the cases other windows
    registered, for 主动评价率, as their exports counted them."""
    _run_script(
        db,
        """
        CREATE TABLE rating_merges (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            added INTEGER NOT NULL,
            duplicates INTEGER NOT NULL,
            steps_added INTEGER NOT NULL,
            heads TEXT NOT NULL);
        CREATE TABLE ratings_v3 (
            id INTEGER PRIMARY KEY,
            window_number TEXT NOT NULL,
            v INTEGER NOT NULL CHECK (v IN (2, 3)),
            window_id INTEGER NOT NULL,
            window_name TEXT NOT NULL,
            seq INTEGER NOT NULL CHECK (seq >= 1),
            case_serial TEXT NOT NULL,
            item_code TEXT NOT NULL,
            item_name TEXT NOT NULL,
            clerk_login TEXT NOT NULL,
            clerk_name TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('very_satisfied', 'satisfied',
                'basically_satisfied', 'dissatisfied', 'very_dissatisfied')),
            channel TEXT NOT NULL CHECK (channel IN ('qr_code', 'pad')),
            tags TEXT NOT NULL DEFAULT '[]',
            comment TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            token_id TEXT NOT NULL,
            device TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
            hash TEXT NOT NULL CHECK (length(hash) = 64),
            merge_id INTEGER REFERENCES rating_merges(id),
            comment_digest TEXT,
            named INTEGER,
            case_created TEXT,
            UNIQUE (window_number, seq),
            UNIQUE (window_number, case_serial),
            UNIQUE (window_number, token_id));
        INSERT INTO ratings_v3 (id, window_number, v, window_id, window_name, seq, case_serial,
            item_code, item_name, clerk_login, clerk_name, level, channel, tags, comment, at,
            token_id, device, prev_hash, hash, case_created, named)
            SELECT r.id, coalesce(w.number, CAST(r.window_id AS TEXT)), 2, r.window_id,
                r.window_name, r.seq, r.case_serial, r.item_code, r.item_name, r.clerk_login,
                r.clerk_name, r.level, r.channel, r.tags, r.comment, r.at, r.token_id, r.device,
                r.prev_hash, r.hash,
                (SELECT c.created_at FROM cases c WHERE c.serial = r.case_serial),
                (SELECT c.phone != '' FROM cases c WHERE c.serial = r.case_serial)
            FROM ratings r LEFT JOIN windows w ON w.id = r.window_id;
        CREATE TABLE followup_steps_v3 (
            id INTEGER PRIMARY KEY,
            window_number TEXT NOT NULL,
            case_serial TEXT NOT NULL,
            step TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            actor_name TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}',
            corrects INTEGER REFERENCES followup_steps_v3(id),
            merge_id INTEGER REFERENCES rating_merges(id),
            FOREIGN KEY (window_number, case_serial)
                REFERENCES ratings_v3(window_number, case_serial));
        INSERT INTO followup_steps_v3 (id, window_number, case_serial, step, at, actor,
            actor_name, detail, corrects)
            SELECT f.id, r.window_number, f.case_serial, f.step, f.at, f.actor, f.actor_name,
                f.detail, f.corrects
            FROM followup_steps f JOIN ratings_v3 r ON r.case_serial = f.case_serial
            ORDER BY f.id;
        DROP TABLE followup_steps;
        DROP TABLE ratings;
        ALTER TABLE ratings_v3 RENAME TO ratings;
        ALTER TABLE followup_steps_v3 RENAME TO followup_steps;
        CREATE INDEX ratings_at ON ratings(at);
        CREATE INDEX ratings_serial ON ratings(case_serial, merge_id);
        CREATE INDEX ratings_case_created ON ratings(case_created)
            WHERE case_created IS NOT NULL;
        CREATE INDEX ratings_level_at ON ratings(level, at);
        CREATE TRIGGER ratings_chain BEFORE INSERT ON ratings
            WHEN NEW.seq IS NOT coalesce(
                    (SELECT max(seq) FROM ratings WHERE window_number = NEW.window_number), 0) + 1
                OR NEW.prev_hash IS NOT coalesce(
                    (SELECT hash FROM ratings WHERE window_number = NEW.window_number
                     ORDER BY seq DESC LIMIT 1), printf('%.64d', 0))
            BEGIN SELECT RAISE(ABORT, 'ratings: the row does not continue its window''s chain');
            END;
        CREATE TRIGGER ratings_no_update BEFORE UPDATE ON ratings
            BEGIN SELECT RAISE(ABORT, 'ratings are append-only'); END;
        CREATE TRIGGER ratings_no_delete BEFORE DELETE ON ratings
            BEGIN SELECT RAISE(ABORT, 'ratings are append-only'); END;
        CREATE INDEX followup_steps_case ON followup_steps(case_serial, window_number, id);
        CREATE TRIGGER followup_steps_no_update BEFORE UPDATE ON followup_steps
            BEGIN SELECT RAISE(ABORT, 'follow-up steps are append-only'); END;
        CREATE TRIGGER followup_steps_no_delete BEFORE DELETE ON followup_steps
            BEGIN SELECT RAISE(ABORT, 'follow-up steps are append-only'); END;
        CREATE TABLE merged_case_counts (
            window_number TEXT NOT NULL,
            day TEXT NOT NULL,
            clerk_login TEXT NOT NULL,
            item_code TEXT NOT NULL,
            window_name TEXT NOT NULL,
            clerk_name TEXT NOT NULL,
            item_name TEXT NOT NULL,
            cases INTEGER NOT NULL CHECK (cases >= 0),
            rated INTEGER NOT NULL CHECK (rated >= 0),
            PRIMARY KEY (window_number, day, clerk_login, item_code));
        """,
    )


@_migration("0010_papers")
def _m0010_papers(db: sqlite_utils.Database) -> None:
    """Papers a case hands out besides its own sheet (the 收件回执), each under its own serial
    taken from ``serials`` like a case's, with its snapshot and that snapshot's hash."""
    _run_script(
        db,
        """
        CREATE TABLE papers (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            serial TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            year INTEGER NOT NULL,
            number INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            snapshot TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            UNIQUE (kind, year, number));
        CREATE INDEX papers_case ON papers(case_id);
        """,
    )


@_migration("0011_crossregion_list")
def _m0011_crossregion_list(db: sqlite_utils.Database) -> None:
    """The 跨域通办 partner agreements (crossregion/): the current set, one row per agreement
    (its whole data as JSON) and one per item it covers (to find an item's partners), and
    every imported version with who, when, which file and the diff, kept for good."""
    _run_script(
        db,
        """
        CREATE TABLE crossregion_agreements (
            code TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            region TEXT NOT NULL,
            data TEXT NOT NULL);
        CREATE TABLE crossregion_agreement_items (
            agreement_code TEXT NOT NULL
                REFERENCES crossregion_agreements(code) ON DELETE CASCADE,
            item_code TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (agreement_code, item_code));
        CREATE INDEX crossregion_agreement_items_item ON crossregion_agreement_items(item_code);
        CREATE TABLE crossregion_versions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            imported_at TEXT NOT NULL,
            actor TEXT NOT NULL,
            source TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            summary TEXT NOT NULL,
            diff TEXT NOT NULL,
            data TEXT NOT NULL);
        CREATE TRIGGER crossregion_versions_no_update BEFORE UPDATE ON crossregion_versions
            BEGIN SELECT RAISE(ABORT, 'crossregion_versions is append-only'); END;
        CREATE TRIGGER crossregion_versions_no_delete BEFORE DELETE ON crossregion_versions
            BEGIN SELECT RAISE(ABORT, 'crossregion_versions is append-only'); END;
        """,
    )


@_migration("0012_case_steps")
def _m0012_case_steps(db: sqlite_utils.Database) -> None:
    """The lifecycle of a case (cases/lifecycle.py): every step, append-only like the
    follow-ups (a mistaken step is put right by a ``correct`` step naming it), and one
    ``case_progress`` row per case: its line, state, partner region and next deadline, a copy
    of what its steps say, rewritten in the transaction that appends a step, so that the
    overdue and ledger queries read one indexed row per case instead of folding the steps.

    Cases registered before this migration have no steps: they are read as the steps their
    registration implies (收件, and 受理/容缺受理/补正告知/不予受理 by outcome), never rewritten.
    Only their progress rows are filled here, from the outcome and the stored sheet."""
    _run_script(
        db,
        """
        CREATE TABLE case_steps (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            step TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            actor_name TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}',
            corrects INTEGER REFERENCES case_steps(id));
        CREATE INDEX case_steps_case ON case_steps(case_id, id);
        CREATE TRIGGER case_steps_no_update BEFORE UPDATE ON case_steps
            BEGIN SELECT RAISE(ABORT, 'case steps are append-only'); END;
        CREATE TRIGGER case_steps_no_delete BEFORE DELETE ON case_steps
            BEGIN SELECT RAISE(ABORT, 'case steps are append-only'); END;
        CREATE TABLE case_progress (
            case_id INTEGER PRIMARY KEY REFERENCES cases(id),
            flow TEXT NOT NULL,
            state TEXT NOT NULL,
            region TEXT NOT NULL DEFAULT '',
            due TEXT,
            open INTEGER NOT NULL);
        CREATE INDEX case_progress_due ON case_progress(due) WHERE open = 1 AND due IS NOT NULL;
        CREATE INDEX case_progress_state ON case_progress(flow, state);
        CREATE INDEX cases_id_number ON cases(id_number) WHERE id_number != '';
        INSERT INTO case_progress (case_id, flow, state, region, due, open)
            SELECT id, 'local', state, '', due, state IN ('received', 'correcting', 'accepted')
            FROM (SELECT c.id,
                CASE c.outcome
                    WHEN 'accepted' THEN 'accepted'
                    WHEN 'rongque' THEN 'accepted'
                    WHEN 'correction' THEN 'correcting'
                    WHEN 'refused' THEN 'refused'
                    ELSE 'informed'
                END AS state,
                CASE WHEN c.outcome IN ('accepted', 'rongque') THEN
                    (SELECT min(d) FROM (
                        SELECT json_extract(c.snapshot, '$.promised_date') AS d
                        UNION ALL
                        SELECT json_extract(m.value, '$.supply_by') FROM
                            json_each(c.snapshot, '$.materials') m
                            WHERE c.outcome = 'rongque'
                            AND json_extract(m.value, '$.status') IN ('later', '容缺后补')))
                END AS due
            FROM cases c);
        """,
    )


SCHEMA_VERSION = len(MIGRATIONS)


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch a new file to WAL. Changing the journal mode needs the file to itself and SQLite
    answers "database is locked" without waiting when another program is creating it at the
    same moment: wait here instead, as long as the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as exc:
            if not str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_BUSY"):
                raise
            if time.monotonic() > deadline:
                raise
        time.sleep(0.01)


class Store:
    """An open installation database. One per thread that writes.

    Threads of one program that write through their own stores may share a ``write_lock``:
    the outer transaction then holds it from before ``BEGIN IMMEDIATE`` to after the COMMIT,
    so they queue in Python and the next one starts the moment the lock is free. Without it
    they queue in SQLite's busy handler, which sleeps 1, 2, 5 … 100 ms between tries and
    leaves the lock idle meanwhile (the rating server under load, see README Performance).
    The busy timeout still covers other programs.
    """

    def __init__(self, path: str | Path, *, write_lock: threading.Lock | None = None) -> None:
        self.path = Path(path)
        self._write_lock = write_lock
        conn = None
        try:
            files.private_database(self.path)  # 0600 before SQLite creates it (or its -wal)
            conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _use_wal(conn)
            conn.execute("PRAGMA foreign_keys = ON")
            # FULL: a COMMIT has reached the disk when it returns (in WAL mode NORMAL may lose
            # the last transactions on a power cut, and a case whose paper was handed out must
            # not be lost). The cost is measured in benchmarks/bench_register.py.
            conn.execute("PRAGMA synchronous = FULL")
            # Damage nobody has read yet is found now, before anything is written or backed up.
            problem = quick_check(conn)
        except (sqlite3.DatabaseError, OSError) as exc:
            if conn is not None:
                conn.close()
            if is_damage(exc):
                raise DamagedDatabase(self.path, str(exc)) from exc
            raise UserError(
                f"无法打开数据库文件 {self.path}:{exc}。请检查路径和权限;"
                "若另一个程序正在使用它,请稍后重试。"
            ) from exc
        if problem is not None:
            conn.close()
            raise DamagedDatabase(self.path, problem)
        self.conn = conn
        files.opened(self.path)
        self._closed = False
        self._db: sqlite_utils.Database | None = None
        self._savepoint_ids = itertools.count(1)  # names unique among nested savepoints
        self.newer_version: int | None = None  # set for a file a newer 窗口助手 wrote
        try:
            self._migrate()
            self.newer_version = self._newer_version()
        except sqlite3.DatabaseError as exc:
            self.close()
            if is_damage(exc):
                raise DamagedDatabase(self.path, str(exc)) from exc
            raise UserError(
                f"数据库文件 {self.path} 无法使用({exc})。它可能不是窗口助手的数据库或已损坏,"
                "可用 restore 命令从备份恢复。"
            ) from exc
        except BaseException:
            self.close()
            raise
        if self.newer_version:
            conn.execute("PRAGMA query_only = ON")  # and transaction() says why

    def _migrate(self) -> None:
        """Apply pending migrations, all in one transaction under the write lock. Two programs
        opening a fresh file at once: the second waits for the lock, then finds nothing to do
        (each looked first without the lock, so a set-up file costs no lock at all)."""
        if self.schema_version() >= SCHEMA_VERSION:
            return
        try:
            with self.transaction():
                if self.schema_version() < SCHEMA_VERSION:
                    migration_set().apply(self.db)
        except StorageError as exc:
            raise UserError(f"无法初始化数据库文件 {self.path}:{exc.message}") from exc

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
        if not conn.in_transaction:
            self.refuse_if_newer()
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
        lock = self._write_lock or contextlib.nullcontext()
        try:
            with lock:
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

    def refuse_if_newer(self) -> None:
        """NewerDatabaseError if a newer 窗口助手 wrote this file: every write is refused (and
        front ends call this before asking anything of a user whose command would write)."""
        if self.newer_version:
            raise NewerDatabaseError(self.path, self.newer_version)

    def _applied(self) -> set[str]:
        """The names of the migrations of our set the database has had (ours or newer)."""
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
        ).fetchone()
        if not exists:
            return set()
        return {
            r[0]
            for r in self.conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET]
            )
        }

    def schema_version(self) -> int:
        """How many of this app's migrations the database has had."""
        names = self._applied()
        return sum(1 for name, _ in MIGRATIONS if name in names)

    def _newer_version(self) -> int | None:
        """The schema version of a file written by a newer 窗口助手 (it had migrations this
        one does not know), else None."""
        names = self._applied()
        return len(names) if names - {name for name, _ in MIGRATIONS} else None

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT count(*) FROM items").fetchone()[0] == 0

    def close(self) -> None:
        self.conn.close()
        if not self._closed:
            self._closed = True
            files.closed(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
