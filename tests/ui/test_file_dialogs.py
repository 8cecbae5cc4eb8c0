"""Our file dialogs never open the database files (issue 8): browsing the data folder must not
drop this process's SQLite locks, or another program deletes the WAL the window writes to."""

from __future__ import annotations

import ast
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow, QWidget

from tests.profiles import SET_UP
from tests.store_helpers import other_program_reads
from tests.ui.data_folder_driver import browse_in_file_dialog
from ui.admin.import_dialog import ImportDialog
from ui.cases.case_result import ask_sheet_path
from ui.file_dialogs import open_file
from ui.ratings.export_dialogs import BackgroundRun, ExportDialog, ReportDialog
from window_assistant.accounts import INSTALLER
from window_assistant.services import open_services
from window_assistant.setup import complete_setup

REPO = Path(__file__).resolve().parents[2]
DRIVER = REPO / "tests" / "ui" / "data_folder_driver.py"
DATABASE_FILES = {"wa.db", "wa.db-wal", "wa.db-shm"}

# Every file dialog the app has, as a user reaches it.
DIALOGS = {
    "导入目录 → 选择文件…": lambda s, w: ImportDialog(s, INSTALLER, w).choose_file(),
    "导入目录 → 选择 CSV 文件夹…": lambda s, w: ImportDialog(s, INSTALLER, w).choose_folder(),
    "导入目录 → 保存空白模板…": lambda s, w: ImportDialog(
        s, INSTALLER, w
    ).choose_template_destination(),
    "告知书 → 另存为": lambda s, w: ask_sheet_path(w, "告知书"),
    "好差评 → 导出评价记录…": lambda s, w: _rating_file(ExportDialog, s, w),
    "好差评 → 生成月度报告…": lambda s, w: _rating_file(ReportDialog, s, w),
}


def _rating_file(dialog, services, parent):
    run = BackgroundRun(QMainWindow(parent))
    return dialog(services, INSTALLER, run, parent).choose_path()


def _browse_then_close(folder: Path, seen: dict) -> None:
    from PySide6.QtWidgets import QApplication

    seen["listed"] = browse_in_file_dialog(folder)
    other_program_reads(folder / "wa.db")
    seen["wal_kept"] = (folder / "wa.db-wal").exists()
    QApplication.activeModalWidget().reject()


@pytest.mark.parametrize("dialog", DIALOGS)
def test_browsing_the_data_folder_keeps_our_locks(qtbot, services, dialog):
    folder = services.store.path.parent
    assert services.settings.centre_name  # the window has read: it holds SQLite's shared lock
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict = {}
    QTimer.singleShot(0, lambda: _browse_then_close(folder, seen))
    DIALOGS[dialog](services, parent)
    assert not DATABASE_FILES & set(seen["listed"])
    # Had the dialog opened and closed wa.db, this process's locks would be gone and the other
    # program, the last (it thinks) to close the file, would have deleted the WAL.
    assert seen["wal_kept"], "the file dialog dropped the database's locks"


def test_no_database_file_is_listed_even_when_all_files_are_shown(qtbot, services):
    folder = services.store.path.parent
    for name in ("说明", "old.sqlite3", "x.db-journal", "backup.db.part"):
        (folder / name).write_bytes(b"")
    seen: dict = {}

    def show_all() -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.activeModalWidget().setNameFilter("*")
        _browse_then_close(folder, seen)

    QTimer.singleShot(0, show_all)
    assert open_file(None, "选择", "所有文件 (*)") is None
    assert sorted(seen["listed"]) == sorted(["说明", "目录"])


def test_a_dialog_starts_in_the_documents_never_in_the_data_folder(
    services, monkeypatch, tmp_path_factory
):
    from ui.file_dialogs import start_folder

    data = services.store.path.parent
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(elsewhere / "config"))  # no user-dirs.dirs
    user = elsewhere / "user"
    (user / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(user))
    assert start_folder() == user / "Documents"
    monkeypatch.setenv("HOME", str(data))  # a home holding the database …
    (data / "Documents").mkdir()  # … and documents inside it
    assert not start_folder().is_relative_to(data)


def test_file_dialogs_are_made_only_by_ui_file_dialogs():
    """Qt's file dialog, file model and icon provider read files; only the helper may use them
    (it tells them not to)."""
    readers = {"QFileDialog", "QFileSystemModel", "QFileIconProvider", "QMimeDatabase"}
    users = {}
    for path in [REPO / "main.py", *sorted((REPO / "ui").rglob("*.py"))]:
        names = {
            node.id if isinstance(node, ast.Name) else node.attr
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Name | ast.Attribute)
        } | {
            alias.name
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
        if names & readers:
            users[path.relative_to(REPO).as_posix()] = sorted(names & readers)
    assert set(users) == {"ui/file_dialogs.py"}, users


def test_browsing_the_data_folder_while_another_program_writes_loses_nothing(db_path, tmp_path):
    """The scenario of issue 8, end to end: the window (its own process) browses the data
    folder in 导入目录 → 选择文件… while the CLI registers a case; the window then saves a
    setting, the CLI registers another case, the window saves another and closes."""
    with open_services(db_path) as svc:
        complete_setup(svc, SET_UP)
    papers = tmp_path / "papers"
    papers.mkdir()
    result = subprocess.run(
        [sys.executable, str(DRIVER), str(db_path), str(papers)],
        capture_output=True, text=True, cwd=REPO, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    done = json.loads(result.stdout.strip().splitlines()[-1])
    assert not DATABASE_FILES & set(done["listed"]) and "目录" in done["listed"]
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        serials = [r[0] for r in conn.execute("SELECT serial FROM cases ORDER BY id")]
        assert serials == done["serials"] and len(serials) == 2
        settings = dict(conn.execute("SELECT key, value FROM settings"))
        for key, value in done["settings"].items():
            assert json.loads(settings[key]) == value, key
        audit = [r[0] for r in conn.execute("SELECT detail FROM audit_log")]
        for serial in serials:
            assert any(serial in entry for entry in audit), serial
        assert sum('"centre.phone"' in e or '"backup.keep"' in e for e in audit) == 2
    finally:
        conn.close()
