"""The reminder to import next year's holiday arrangement (issue 11 §4): shown at a supervisor's
sign-in in November and December while next year is not imported, non-modal, with the way to
管理 → 导入节假日安排…; never for a clerk, nor in October, nor once the year is imported."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.core.test_followups import boss
from tests.core.test_workdays import year_2027
from tests.ui.helpers import show_active
from ui.main_window import MainWindow
from window_assistant.accounts import INSTALLER
from window_assistant.audit import AuditLog
from window_assistant.workdays import import_years

DECEMBER, OCTOBER = date(2026, 12, 2), date(2026, 10, 15)


def open_window(qtbot, services, user, monkeypatch, on: date) -> MainWindow:
    monkeypatch.setattr("ui.admin.holidays.today", lambda: on)
    window = show_active(qtbot, MainWindow(services, user))
    qtbot.wait(20)  # the check runs once the window is up
    return window


def holidays_file(tmp_path: Path) -> Path:
    path = tmp_path / "2027.json"
    path.write_text(json.dumps({"years": [year_2027()]}, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_supervisor_in_december_is_reminded_and_can_import_from_the_notice(
    qtbot, services, monkeypatch, tmp_path
):
    window = open_window(qtbot, services, boss(services), monkeypatch, DECEMBER)
    reminder = window.holiday_reminder
    assert reminder.isVisible() and reminder.year == 2027
    text = reminder.text.text()
    assert "2027 年的节假日安排尚未导入" in text and "管理 → 导入节假日安排…" in text
    assert "调休未知" in text
    assert window.holidays_action.isVisible()
    assert window.search_box.hasFocus()  # non-modal: the clerk types on as before

    monkeypatch.setattr("ui.file_dialogs.open_file", lambda *args: holidays_file(tmp_path))
    shown = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.information", lambda *args: shown.append(args[2])
    )
    reminder.import_button.click()
    assert shown and "2027 年:3 个假期,3 个调休上班日" in shown[0]
    assert 2027 in services.workdays.years  # the calendar was reloaded
    assert reminder.isHidden()
    assert [
        e.detail["years"]
        for e in AuditLog(services.store).entries()
        if e.action == "workdays.import"
    ] == [[2027]]


def test_a_bad_file_from_the_menu_says_what_is_wrong_and_changes_nothing(
    qtbot, services, monkeypatch, tmp_path
):
    window = open_window(qtbot, services, boss(services), monkeypatch, DECEMBER)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"years": [year_2027(workdays=["2027-02-19"])]}), encoding="utf-8")
    monkeypatch.setattr("ui.file_dialogs.open_file", lambda *args: bad)
    warned = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda *a: warned.append(a[2]))
    window.holidays_action.trigger()
    assert warned and "2027-02-19 是星期五" in warned[0] and "未导入任何内容" in warned[0]
    assert 2027 not in services.workdays.years
    assert window.holiday_reminder.isVisible()


def test_dismissed_it_stays_hidden_for_the_session(qtbot, services, monkeypatch):
    window = open_window(qtbot, services, boss(services), monkeypatch, DECEMBER)
    window.holiday_reminder.dismiss_button.click()
    assert window.holiday_reminder.isHidden()
    assert window.holidays_action.isVisible()  # the import stays in 管理


def test_not_in_october(qtbot, services, monkeypatch):
    window = open_window(qtbot, services, boss(services), monkeypatch, OCTOBER)
    assert window.holiday_reminder.isHidden() and window.holiday_reminder.year is None


def test_not_once_next_year_is_imported(qtbot, services, monkeypatch, tmp_path):
    chief = boss(services)
    import_years(services.store, holidays_file(tmp_path), chief)
    window = open_window(qtbot, services, chief, monkeypatch, DECEMBER)
    assert window.holiday_reminder.isHidden()


@pytest.mark.parametrize("on", [DECEMBER, date(2026, 11, 20)])
def test_never_for_a_clerk(qtbot, services, monkeypatch, on):
    clerk = services.accounts.add_account(INSTALLER, "1009", "赵丽", "clerk", "1357")
    window = open_window(qtbot, services, clerk, monkeypatch, on)
    assert window.holiday_reminder.isHidden()
    assert not window.holidays_action.isVisible()
