"""The database's files: only SQLite opens them in our process, only their owner may read them,
and a file written by a newer version is not written to (issue 8)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.store_helpers import other_program_reads, written_by_a_newer_version
from window_assistant.catalog.importing import preview_import
from window_assistant.errors import UserError
from window_assistant.services import open_services
from window_assistant.store.backup import backup
from window_assistant.store.database import SCHEMA_VERSION, NewerDatabaseError, Store
from window_assistant.store.files import LiveDatabaseFile, is_database_name


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"], ids=["db", "wal", "shm"])
def test_nothing_in_our_process_opens_an_open_database_file(services, suffix):
    db = services.store.path
    live = db.with_name(db.name + suffix)
    for attempt in (
        lambda: live.read_bytes(),
        lambda: open(str(live), "rb").close(),  # noqa: SIM115
        lambda: os.close(os.open(live, os.O_RDONLY)),
        lambda: shutil.copy(live, db.with_name("copy")),
    ):
        with pytest.raises(LiveDatabaseFile, match="正在使用的数据库文件"):
            attempt()
    # Had any of these opened and closed the file, this process's locks would be gone, and
    # another program closing the database would take itself for the last and delete the WAL.
    other_program_reads(db)
    assert db.with_name(db.name + "-wal").exists()


def test_a_catalog_import_of_the_database_file_itself_is_refused(services, tmp_path):
    disguised = tmp_path / "目录.json"
    disguised.symlink_to(services.store.path)
    with pytest.raises(UserError, match="正在使用的数据库文件"):
        preview_import(services, disguised)


def test_a_closed_database_is_an_ordinary_file_again(db_path):
    open_services(db_path).close()
    assert db_path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_database_names_are_recognised():
    for name in ("wa.db", "WA.DB", "x.sqlite3", "wa.db-wal", "wa.db-shm", "a-journal", "b.db.part"):
        assert is_database_name(name), name
    for name in ("目录.xlsx", "告知书.docx", "db", "wal.txt"):
        assert not is_database_name(name), name


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions (Windows: see README)")
def test_database_wal_shm_folders_and_backups_are_the_owners_only(tmp_path):
    old = os.umask(0)  # the most permissive umask: the modes must not depend on it
    try:
        db = tmp_path / "new" / "data" / "wa.db"
        with open_services(db) as svc:
            for path in (db, db.with_name("wa.db-wal"), db.with_name("wa.db-shm")):
                assert _mode(path) == 0o600, path
            assert _mode(db.parent) == _mode(db.parent.parent) == 0o700
            made = backup(svc.store)
            assert _mode(made) == 0o600 and _mode(made.parent) == 0o700
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions (Windows: see README)")
def test_a_database_an_older_version_left_readable_by_all_becomes_the_owners(db_path):
    open_services(db_path).close()
    os.chmod(db_path, 0o644)
    open_services(db_path).close()
    assert _mode(db_path) == 0o600


def test_a_newer_versions_database_is_read_but_never_written(db_path):
    open_services(db_path).close()
    written_by_a_newer_version(db_path)
    with open_services(db_path) as svc:
        assert svc.store.newer_version == SCHEMA_VERSION + 1
        assert svc.catalog.stats()["items"] > 0  # reading works
        with pytest.raises(NewerDatabaseError, match=f"结构版本 {SCHEMA_VERSION + 1}.*升级"):
            svc.audit.record("cli", "test")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            svc.store.execute("INSERT INTO audit_log (at, actor, action) VALUES ('', '', '')")
        assert svc.store.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 1


def test_a_set_up_database_opens_without_the_write_lock(services):
    """Another program holds the write lock: opening (and reading) neither waits nor fails."""
    other = sqlite3.connect(services.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        store = Store(services.store.path)
        store.execute("PRAGMA busy_timeout = 100")  # were it to wait, it would fail at once
        store.close()
        with open_services(services.store.path) as again:
            again.store.execute("PRAGMA busy_timeout = 100")
            assert again.catalog.stats()["items"] > 0
    finally:
        other.execute("ROLLBACK")
        other.close()
