"""What the sign-in dialog shows, read before the core loads (``store/peek.py``): right on a
set-up database, ``None`` (the ordinary path, which says what is wrong) for anything else, and
never a write to the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from window_assistant.services import open_services
from window_assistant.store.peek import SignInFacts, sign_in_facts


def test_a_set_up_database_gives_the_dialog_its_facts(set_up):
    path = set_up.store.path
    set_up.close()  # the window reads them before it opens the database
    assert sign_in_facts(path) == SignInFacts("zh_CN", "鞍山市铁西区政务服务中心", "3号综合窗口")


def test_a_database_open_in_this_process_is_not_read_again(set_up):
    """A second connection closed would drop the locks the open one holds (POSIX)."""
    assert sign_in_facts(set_up.store.path) is None
    set_up.accounts.authenticate("1003", "2580")  # the open one goes on as before


def test_the_facts_follow_the_settings_and_the_window(set_up):
    from tests.profiles import SET_UP

    boss = set_up.accounts.authenticate(SET_UP.supervisor_login, SET_UP.supervisor_password)
    set_up.settings.change(boss, {"ui.language": "en", "centre.name": "鞍山市铁东区政务服务中心"})
    window = set_up.accounts.add_window(boss, "A7", "综合窗口")
    set_up.settings.change(boss, {"window.current": window.id})
    label = set_up.accounts.window(window.id).label
    set_up.close()
    facts = sign_in_facts(set_up.store.path)
    assert facts == SignInFacts("en", "鞍山市铁东区政务服务中心", "A7 综合窗口")
    assert facts.window_label == label  # one rule for both


def test_a_database_nobody_set_up_takes_the_ordinary_path(services):
    services.close()
    assert sign_in_facts(services.store.path) is None  # the first-run set-up comes first


def test_no_file_is_created_for_a_missing_database(tmp_path):
    path = tmp_path / "none.db"
    assert sign_in_facts(path) is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["empty", "text", "damaged header"],
)
def test_a_file_that_is_not_a_database_takes_the_ordinary_path(tmp_path, content):
    path = tmp_path / "wa.db"
    path.write_bytes(content)
    assert sign_in_facts(path) is None
    assert path.read_bytes() == content


def _set_up_db(path: Path, **values: str) -> Path:
    """A set-up database whose settings rows are then overwritten as stored text."""
    services = open_services(path)
    services.settings.mark_set_up()
    services.close()
    conn = sqlite3.connect(path)
    for key, value in values.items():
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key.replace("_", "."), value],
        )
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    "values",
    [
        {"setup_completed": "false"},
        {"ui_language": '"fr"'},
        {"ui_language": "7"},
        {"centre_name": "null"},
        {"window_current": "99"},
        {"window_current": '"1"'},
        {"ui_language": "{not json"},
    ],
    ids=[
        "not set up",
        "unknown language",
        "language not text",
        "no centre name",
        "no such window",
        "window not a number",
        "not JSON",
    ],
)
def test_an_unusual_value_takes_the_ordinary_path(db_path, values):
    assert sign_in_facts(_set_up_db(db_path, **values)) is None


def test_reading_the_facts_never_writes_to_the_database(db_path):
    path = _set_up_db(db_path)
    before = path.read_bytes()
    assert sign_in_facts(path) is not None
    assert path.read_bytes() == before


def test_the_core_is_not_needed_to_read_them():
    """The module loads only the standard library (the dialog shows before the core)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import window_assistant.store.peek\n"
        "ours = sorted(m for m in sys.modules if m.startswith('window_assistant'))\n"
        "print(ours)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(
        [
            "window_assistant",
            "window_assistant.store",
            "window_assistant.store.peek",
        ]
    )


def test_a_database_another_program_holds_takes_the_ordinary_path(db_path):
    """Locked by another program (exclusive locking mode): the facts are not read, and the
    ordinary path opens it as it always did (waiting, or saying it is busy)."""
    import subprocess
    import sys

    path = _set_up_db(db_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
            "c.execute('PRAGMA locking_mode = EXCLUSIVE')\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "c.execute('UPDATE settings SET value = value')\n"
            "print('held', flush=True)\n"
            "time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert sign_in_facts(path) is None  # (after its one-second busy timeout)
    finally:
        holder.kill()
        holder.wait()
    assert sign_in_facts(path) is not None  # free again
