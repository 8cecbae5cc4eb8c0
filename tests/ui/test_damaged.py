"""A damaged database at start-up: a dialog before anything else, offering the newest good
backup (restore it and go on) or quitting; ``main.run`` shows it instead of crashing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from tests.core.test_serials import COMPLETE
from tests.damage import from_another_process, garble_pages, zero_header
from ui.signin.damaged import DamagedDatabaseDialog
from window_assistant.cases.registration import CaseService
from window_assistant.paths import backup_dir
from window_assistant.services import open_services
from window_assistant.store.backup import backup
from window_assistant.store.damage import DamagedDatabase

DRIVER = Path(__file__).with_name("damaged_driver.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def damaged_db(services) -> tuple[Path, Path, str]:
    """A set-up database with one case in its backup and one registered after it, then with
    garbage over pages: (database, backup, the later case's serial)."""
    services.settings.mark_set_up()
    cases, clerk = CaseService(services), services.default_clerk()
    cases.register(COMPLETE, clerk)
    copy = backup(services.store)
    later = cases.register(COMPLETE, clerk).serial
    db = services.store.path
    services.close()
    garble_pages(db)
    return db, copy, later


def _error(db: Path) -> DamagedDatabase:
    with pytest.raises(DamagedDatabase) as caught:
        open_services(db)
    return caught.value


def _shown_text(dialog: DamagedDatabaseDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())


def test_the_dialog_offers_the_newest_good_backup_and_restoring_it_goes_on(qtbot, damaged_db):
    db, copy, later = damaged_db
    dialog = DamagedDatabaseDialog(_error(db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "数据库文件已损坏 — 窗口助手"
    shown = _shown_text(dialog)
    assert "数据库文件已损坏,无法使用" in shown and str(db) in shown
    assert f"最新的完好备份:{copy.name}" in shown
    assert dialog.restore_button is not None and dialog.restore_button.isDefault()
    assert dialog.restore_button.text() == "恢复此备份并继续"

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.restored is not None and dialog.restored.missing == [later]
    shown = _shown_text(dialog)
    assert "已从备份恢复" in shown and "缺少 1 件备份之后登记的办件" in shown and later in shown
    assert dialog.isVisible() and dialog.restore_button.text() == "继续"
    assert not dialog.quit_button.isVisible()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    with open_services(db) as reopened:
        assert len(CaseService(reopened).list()) == 1  # the backup's; the later one is listed


def test_without_a_good_backup_the_dialog_only_lets_the_user_quit(qtbot, services):
    db = services.store.path
    services.close()
    zero_header(db)
    dialog = DamagedDatabaseDialog(_error(db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.restore_button is None
    assert [b.text() for b in dialog.buttons.buttons()] == ["退出"]
    assert "没有找到完好的备份" in _shown_text(dialog)


def _start(choice: str, db: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, str(DRIVER), choice, str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_main_run_shows_the_dialog_first_restores_and_goes_on_to_sign_in(damaged_db):
    db, copy, later = damaged_db
    seen = _start("restore", db)
    assert seen["shown"] == ["DamagedDatabaseDialog", "LoginDialog"]
    assert seen["backup"] == copy.name
    assert "缺少 1 件" in str(seen["restored"]) and later in str(seen["restored"])
    assert seen["exit"] == 0


def test_main_run_quits_from_the_dialog_and_leaves_the_file_alone(damaged_db):
    db, _, _ = damaged_db
    before = db.read_bytes()
    seen = _start("quit", db)
    assert seen["shown"] == ["DamagedDatabaseDialog"] and seen["exit"] == 2
    assert db.read_bytes() == before


def test_the_daily_backup_of_a_database_damaged_while_open_is_refused_in_a_dialog(qtbot, services):
    import main

    services.store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    from_another_process(garble_pages, services.store.path)  # the disk goes bad under the window
    services.store.execute("PRAGMA shrink_memory")
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.windowTitle() + "\n" + box.text())
            box.accept()
        else:
            QTimer.singleShot(20, read_and_close)

    QTimer.singleShot(0, read_and_close)
    main.daily_backup(services)
    assert seen and seen[0].startswith("自动备份失败") and "已损坏" in seen[0]
    assert not list(backup_dir(services.store.path).glob("*.db"))
    assert "backup.daily" not in [e.action for e in services.audit.entries()]
