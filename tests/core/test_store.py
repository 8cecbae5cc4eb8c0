"""The store on a real temporary database: migrations, pragmas, transactions, append-only audit."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import asdict

import pytest

from tests.store_helpers import held_by_another_program  # tests/ is on sys.path
from window_assistant.accounts import INSTALLER, Accounts, hash_secret, verify_secret
from window_assistant.audit import AuditLog
from window_assistant.errors import UserError
from window_assistant.settings import SETTINGS, Settings
from window_assistant.store.database import SCHEMA_VERSION, StorageError, Store, storage_error


def test_new_database_gets_every_migration_and_pragmas(db_path):
    with Store(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        conn = store.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert {"items", "materials", "bundles", "catalog_versions", "audit_log"} <= set(
            store.db.table_names()
        )


def test_reopening_applies_nothing_twice(db_path):
    Store(db_path).close()
    with Store(db_path) as store:
        rows = store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert rows == SCHEMA_VERSION


def test_transaction_is_all_or_nothing(db_path):
    with Store(db_path) as store:
        with pytest.raises(RuntimeError), store.transaction() as db:
            db.execute("INSERT INTO windows (number, name) VALUES ('9', '9号窗口')")
            raise RuntimeError("boom")
        assert store.db.execute("SELECT count(*) FROM windows").fetchone()[0] == 0


def test_a_file_that_is_not_a_database_gives_a_chinese_message(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("这不是数据库" * 100, encoding="utf-8")
    with pytest.raises(UserError, match="无法"):
        Store(bad)


def test_audit_log_rejects_update_and_delete(db_path):
    with Store(db_path) as store:
        AuditLog(store).record("sup", "catalog.import", source="x.xlsx")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.db.execute("UPDATE audit_log SET actor = 'someone else'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.db.execute("DELETE FROM audit_log")
        assert AuditLog(store).entries()[0].detail == {"source": "x.xlsx"}


def test_settings_defaults_types_and_changes(db_path):
    with Store(db_path) as store:
        settings = Settings(store)
        assert settings.rating_port == SETTINGS["rating.port"].default == 8765
        changed = settings.change(
            INSTALLER, {"rating.port": "9000", "centre.name": "鞍山市铁西区政务服务中心"}
        )
        assert changed == {"rating.port": (8765, 9000)}
        assert Settings(store).rating_port == 9000
        with pytest.raises(UserError, match="整数"):
            settings.change(INSTALLER, {"rating.port": "八千"})
        with pytest.raises(UserError, match="no.such.setting"):
            settings.change(INSTALLER, {"no.such.setting": 1})


def test_pins_and_passwords_are_stored_as_scrypt_hashes(db_path):
    with Store(db_path) as store:
        accounts = Accounts(store)
        window = accounts.add_window(INSTALLER, "3", "3号综合窗口")
        accounts.add_account(INSTALLER, "1001", "张敏", "clerk", "2468", window.id)
        stored = store.db.execute("SELECT secret_hash FROM users WHERE login='1001'").fetchone()[0]
        assert stored.startswith("scrypt$") and "2468" not in stored
        assert accounts.authenticate("1001", "2468").name == "张敏"
        with pytest.raises(UserError, match="不正确"):
            accounts.authenticate("1001", "1357")
        with pytest.raises(UserError, match="不正确"):
            accounts.authenticate("nobody", "2468")
        accounts.set_active(INSTALLER, "1001", False)
        with pytest.raises(UserError, match="停用"):
            accounts.authenticate("1001", "2468")
        with pytest.raises(UserError, match="PIN"):
            accounts.add_account(INSTALLER, "1002", "李强", "clerk", "12", window.id)
        with pytest.raises(UserError, match="8 位"):
            accounts.add_account(INSTALLER, "admin", "王主任", "supervisor", "short")


def test_hash_verification_rejects_garbage():
    assert verify_secret("x", hash_secret("x"))
    assert not verify_secret("x", "!")
    assert not verify_secret("x", "scrypt$1$2$3$@@$@@")


def test_repeated_wrong_pins_lock_the_login_for_a_while(db_path):
    now = [1000.0]
    with Store(db_path) as store:
        accounts = Accounts(store, clock=lambda: now[0])
        accounts.add_account(INSTALLER, "1001", "张敏", "clerk", "2468")
        for _ in range(5):
            with pytest.raises(UserError, match="不正确"):
                accounts.authenticate("1001", "0000")
        with pytest.raises(UserError, match="锁定"):
            accounts.authenticate("1001", "2468")  # even the right PIN, while locked
    with Store(db_path) as store:  # a restart (or the next CLI run) does not unlock it
        with pytest.raises(UserError, match="锁定"):
            Accounts(store, clock=lambda: now[0]).authenticate("1001", "2468")
        now[0] += 301
        accounts = Accounts(store, clock=lambda: now[0])
        assert accounts.authenticate("1001", "2468").login == "1001"
        assert store.execute("SELECT count(*) FROM sign_in_failures").fetchone()[0] == 0


def test_window_numbers_stay_unique(db_path):
    with Store(db_path) as store:
        accounts = Accounts(store)
        a = accounts.add_window(INSTALLER, "1", "1号综合窗口")
        accounts.add_window(INSTALLER, "2", "2号综合窗口")
        with pytest.raises(UserError, match="已被其他窗口使用"):
            accounts.update_window(INSTALLER, a.id, "2", "改名")
        accounts.update_window(INSTALLER, a.id, "1", "1号综合窗口(跨域通办)")
        assert accounts.window(a.id).name == "1号综合窗口(跨域通办)"


def _fill_to_the_last_page(store: Store) -> None:
    """From now on the database file cannot grow: SQLite answers as on a full disk."""
    pages = store.execute("PRAGMA page_count").fetchone()[0]
    store.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_rolls_the_whole_write_back_and_says_so_in_chinese(db_path):
    store = Store(db_path)
    with store.transaction() as db:
        db.execute("CREATE TABLE scratch (data BLOB)")
        db.execute("INSERT INTO scratch VALUES ('kept')")
    _fill_to_the_last_page(store)
    full = pytest.raises(StorageError, match="磁盘空间不足.*没有保存.*没有丢失")
    with full, store.transaction() as db:
        db.execute("INSERT INTO scratch VALUES ('lost with the rest')")
        for _ in range(50):
            db.execute("INSERT INTO scratch VALUES (zeroblob(4096))")
    assert not store.conn.in_transaction
    assert [r[0] for r in store.execute("SELECT data FROM scratch")] == ["kept"]
    store.execute("PRAGMA max_page_count = 1000000")  # space freed: the same write now works
    with store.transaction() as db:
        db.execute("INSERT INTO scratch VALUES (zeroblob(4096))")
    assert store.execute("SELECT count(*) FROM scratch").fetchone()[0] == 2


def test_a_database_another_program_holds_is_reported_not_raised(db_path):
    store = Store(db_path)
    held = pytest.raises(StorageError, match="另一个程序占用.*稍后重试")
    with held_by_another_program(store), held, store.transaction() as db:
        db.execute("INSERT INTO windows (number, name) VALUES ('9', '9号窗口')")
    with store.transaction() as db:  # the lock is gone: the write goes through
        db.execute("INSERT INTO windows (number, name) VALUES ('9', '9号窗口')")


def test_a_programming_error_is_not_taken_for_a_storage_problem(db_path):
    store = Store(db_path)
    bug = pytest.raises(sqlite3.OperationalError, match="no such table")
    with bug as raised, store.transaction() as db:
        db.execute("INSERT INTO no_such_table VALUES (1)")
    assert not isinstance(raised.value, UserError)


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("attempt to write a readonly database", "只读"),
        ("disk I/O error", "磁盘故障"),
        ("database or disk is full", "磁盘空间不足"),
    ],
)
def test_storage_problems_are_recognised_by_their_message_too(message, words):
    problem = storage_error(sqlite3.OperationalError(message))
    assert isinstance(problem, StorageError) and words in str(problem)
    assert storage_error(sqlite3.OperationalError("near 'SELEC': syntax error")) is None


def test_each_item_is_stored_whole_as_its_dataclass_fields(services):
    """The stored JSON is built field by field (``asdict`` cost ~5 s of a 10,000-item import):
    it must still be exactly ``asdict`` of the item, situations and materials included."""
    items = services.catalog.load().items
    stored = dict(services.store.execute("SELECT code, data FROM items").fetchall())
    assert len(stored) == len(items) > 100
    for item in items:
        assert json.loads(stored[item.code]) == asdict(item)


# -- the write lock threads of one program share -----------------------------------------------
def test_a_shared_write_lock_is_held_for_the_outer_transaction_only(db_path):
    lock = threading.Lock()  # not reentrant: a savepoint taking it again would hang
    store = Store(db_path, write_lock=lock)
    assert not lock.locked()
    with store.transaction() as db:
        assert lock.locked()
        with db.transaction():
            db.execute("INSERT INTO windows (number, name) VALUES ('8', '8号窗口')")
    assert not lock.locked()
    with pytest.raises(UserError, match="不要了"), store.transaction() as db:
        db.execute("INSERT INTO windows (number, name) VALUES ('9', '9号窗口')")
        raise UserError("不要了")
    assert not lock.locked()
    kept = store.execute("SELECT number FROM windows WHERE number IN ('8', '9')").fetchall()
    assert kept == [("8",)]


def test_threads_sharing_the_lock_queue_for_it_instead_of_sqlites_busy_timeout(db_path):
    """A second thread's write waits for the first's however long it takes (here well over
    its 50 ms busy timeout): it waits on the lock, not in SQLite's sleeping busy handler."""
    lock = threading.Lock()
    first, second = Store(db_path, write_lock=lock), Store(db_path, write_lock=lock)
    second.execute("PRAGMA busy_timeout = 50")
    inside, done = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def write_slowly() -> None:
        with first.transaction() as db:
            db.execute("INSERT INTO windows (number, name) VALUES ('8', '8号窗口')")
            inside.set()
            time.sleep(0.4)

    def write_next() -> None:
        try:
            with second.transaction() as db:
                db.execute("INSERT INTO windows (number, name) VALUES ('9', '9号窗口')")
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        done.set()

    slow = threading.Thread(target=write_slowly)
    slow.start()
    assert inside.wait(10)
    started = time.monotonic()
    queued = threading.Thread(target=write_next)
    queued.start()
    slow.join(10)
    queued.join(10)
    assert errors == [] and done.is_set()
    assert time.monotonic() - started >= 0.3  # it did wait for the first
    numbers = second.execute("SELECT number FROM windows WHERE number IN ('8', '9')").fetchall()
    assert sorted(numbers) == [("8",), ("9",)]


def test_with_the_lock_a_write_still_waits_for_another_program_and_succeeds(db_path):
    """The lock orders this program's threads; another process holding the database is still
    waited for on the busy timeout (here a real second process holds it for half a second)."""
    lock = threading.Lock()
    store = Store(db_path, write_lock=lock)
    code = (
        "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
        " c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(0.5);"
        " c.execute('COMMIT'); c.close()"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", code, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        started = time.monotonic()
        with store.transaction() as db:
            db.execute("INSERT INTO windows (number, name) VALUES ('8', '8号窗口')")
        assert time.monotonic() - started >= 0.2  # it waited for the other program
    finally:
        assert other.wait(30) == 0
    assert not lock.locked()
    assert store.execute("SELECT count(*) FROM windows WHERE number = '8'").fetchone() == (1,)
