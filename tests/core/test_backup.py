"""Backups are consistent copies; restore checks the file first and keeps what it replaces."""

from __future__ import annotations

from datetime import date

import pytest

from window_assistant.errors import UserError
from window_assistant.paths import backup_dir
from window_assistant.services import open_services
from window_assistant.store.backup import backup, check_backup, daily_backup, restore


def test_backup_then_restore_brings_back_the_catalog(services, tmp_path):
    copy = backup(services.store, tmp_path / "copy.db")
    before = services.catalog.stats()["items"]
    services.store.db.execute("DELETE FROM items")
    services.store.db.conn.commit()
    assert services.catalog.stats()["items"] == 0
    db = services.store.path
    services.close()

    safety = restore(db, copy)
    assert safety is not None and safety.exists()
    reopened = open_services(db)
    try:
        assert reopened.catalog.stats()["items"] == before
    finally:
        reopened.close()


def test_restore_refuses_a_file_that_is_not_a_backup(services, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 50)
    with pytest.raises(UserError, match="不是 SQLite"):
        restore(services.store.path, junk)
    assert services.catalog.stats()["items"] > 0


def test_restore_refuses_a_foreign_sqlite_file(services, tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(UserError, match="不是窗口助手的数据库"):
        check_backup(other)


def test_daily_backup_once_a_day_with_retention(services):
    folder = backup_dir(services.store.path)
    first = daily_backup(services.store, keep=3, today=date(2026, 11, 1))
    assert first is not None and first.exists()
    assert daily_backup(services.store, keep=3, today=date(2026, 11, 1)) is None
    for day in range(2, 7):
        daily_backup(services.store, keep=3, today=date(2026, 11, day))
    names = sorted(p.name for p in folder.glob("*.db"))
    assert len(names) == 3
    assert names[-1].startswith("window_assistant-20261106")


def test_backup_to_an_unwritable_place_says_so_and_keeps_the_database(services, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(UserError, match="无法写入备份文件"):
        backup(services.store, blocker / "sub" / "copy.db")
    assert services.catalog.stats()["items"] > 0
