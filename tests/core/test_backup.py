"""Backups are consistent copies; restore checks the file first and keeps what it replaces."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from tests.core.test_serials import COMPLETE
from tests.damage import DAMAGES, from_another_process, garble_pages, not_sqlite, zero_header
from window_assistant.cases.registration import CaseService
from window_assistant.cases.tokens import SerialRef
from window_assistant.errors import UserError
from window_assistant.paths import backup_dir
from window_assistant.services import open_services
from window_assistant.store.backup import (
    backup,
    check_backup,
    daily_backup,
    newest_good_backup,
    restore,
)
from window_assistant.store.damage import DamagedDatabase


def test_backup_then_restore_brings_back_the_catalog(services, tmp_path):
    copy = backup(services.store, tmp_path / "copy.db")
    before = services.catalog.stats()["items"]
    services.store.db.execute("DELETE FROM items")
    services.store.db.conn.commit()
    assert services.catalog.stats()["items"] == 0
    db = services.store.path
    services.close()

    safety = restore(db, copy).safety
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


# -- issue 8: serials after a restore, rotation, checked backups, damaged files, odd paths ----
def _register(services, count: int) -> list[str]:
    cases, clerk = CaseService(services), services.default_clerk()
    return [cases.register(COMPLETE, clerk).serial for _ in range(count)]


def test_restore_carries_the_serial_counters_forward_and_lists_what_it_lacks(services, tmp_path):
    before = _register(services, 2)
    copy = backup(services.store, tmp_path / "copy.db")
    after = _register(services, 3)  # on paper, but not in the backup
    db = services.store.path
    services.close()

    result = restore(db, copy)
    with open_services(db) as reopened:
        again = _register(reopened, 2)
    assert not set(again) & set(before + after)
    assert [SerialRef.parse(s).number for s in again] == [6, 7]

    assert result.missing == after
    year = int(SerialRef.parse(after[0]).year)
    assert result.carried == [("notice", year, 2, 5)]
    assert any("缺少 3 件" in line and after[-1] in line for line in result.lines())


def test_restore_over_an_unreadable_file_carries_counters_from_the_other_backups(
    services, tmp_path
):
    _register(services, 1)
    old = backup(services.store, tmp_path / "old.db")
    issued = _register(services, 2)
    backup(services.store)  # a manual backup in the folder knows 000003
    db = services.store.path
    services.close()
    not_sqlite(db)

    result = restore(db, old)
    assert result.damaged and not result.replaced_read
    assert result.missing == issued  # from the backups folder, since the file says nothing
    assert any("无法读出" in line for line in result.lines())
    with open_services(db) as reopened:
        assert SerialRef.parse(_register(reopened, 1)[0]).number == 4


def test_daily_rotation_never_deletes_manual_backups_or_safety_copies(services, tmp_path):
    folder = backup_dir(services.store.path)
    manual = backup(services.store)  # the CLI's `backup` without FILE
    named = backup(services.store, folder / "before-the-import.db")  # `backup FILE`
    db = services.store.path
    services.close()
    restore(db, named)
    (safety,) = folder.glob("*-before-restore.db")
    with open_services(db) as reopened:
        for day in range(1, 8):
            daily_backup(reopened.store, keep=2, today=date(2026, 11, day))
    names = sorted(p.name for p in folder.iterdir())
    assert [n for n in names if n.endswith("-auto.db")] == [
        "window_assistant-20261106-auto.db",
        "window_assistant-20261107-auto.db",
    ]
    assert {manual.name, named.name, safety.name} <= set(names)
    assert all(n.endswith(".db") for n in names)  # checking them left no -wal or -shm behind


def test_a_manual_backup_does_not_stand_in_for_the_daily_one(services):
    backup(services.store, backup_dir(services.store.path) / "window_assistant-20261101-0900.db")
    made = daily_backup(services.store, keep=3, today=date(2026, 11, 1))
    assert made is not None and made.name == "window_assistant-20261101-auto.db"


def test_backup_of_a_database_damaged_while_open_fails_and_counts_for_nothing(services, tmp_path):
    _register(services, 1)
    services.store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    from_another_process(garble_pages, services.store.path)  # the disk goes bad under the app
    services.store.execute("PRAGMA shrink_memory")  # what it had read is forgotten
    dest = tmp_path / "copy.db"
    with pytest.raises(DamagedDatabase, match="备份没有完成.*已损坏"):
        backup(services.store, dest)
    assert not dest.exists() and not list(tmp_path.glob("copy.db*"))
    with pytest.raises(DamagedDatabase):
        daily_backup(services.store, today=date(2026, 11, 1))
    assert not list(backup_dir(services.store.path).glob("*.db"))


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_restore_works_over_a_damaged_file_and_keeps_its_bytes(services, tmp_path, damage):
    serials = _register(services, 2)
    copy = backup(services.store, tmp_path / "copy.db")
    db = services.store.path
    services.close()
    DAMAGES[damage](db)
    damaged_bytes = db.read_bytes()

    result = restore(db, copy)
    assert result.damaged and result.safety is not None
    assert result.safety.read_bytes() == damaged_bytes  # kept as it was, not as SQLite read it
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with open_services(db) as reopened:
        assert sorted(c.serial for c in CaseService(reopened).list()) == serials


@pytest.mark.parametrize("name", ["a#b", "a?b", "100%", "with space", "%41 #?x"])
def test_backup_check_and_restore_work_on_paths_sqlite_would_read_as_uri_syntax(tmp_path, name):
    folder = tmp_path / name
    db = folder / f"{name}.db"
    with open_services(db) as svc:
        _register(svc, 1)
        copy = backup(svc.store, folder / f"备份 {name}.db")
        assert daily_backup(svc.store, today=date(2026, 11, 1)) is not None
    assert check_backup(copy) > 0
    restore(db, copy)
    assert len(list(backup_dir(db).glob("*-before-restore.db"))) == 1
    zero_header(db)
    restore(db, copy)
    with open_services(db) as reopened:
        assert reopened.catalog.stats()["items"] > 0
    assert newest_good_backup(db) is not None


def test_a_wiped_header_still_gives_up_the_serials_it_issued(services, tmp_path):
    _register(services, 1)
    old = backup(services.store, tmp_path / "old.db")
    issued = _register(services, 2)
    db = services.store.path
    services.close()
    zero_header(db)

    result = restore(db, old)
    assert result.damaged and result.replaced_read
    assert result.missing == issued
    assert not [p for p in backup_dir(db).iterdir() if ".mended" in p.name]
    with open_services(db) as reopened:
        assert SerialRef.parse(_register(reopened, 1)[0]).number == 4
