"""The 差评整改台账 through qtbot (issue 10 §3): every step recorded through its own form, only
the steps the core would take enabled, a refusal shown in the form with nothing written, the
history with its corrections, the views and a clerk's own cases only."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QComboBox, QPlainTextEdit

from tests.core.test_followups import boss, rated_case
from ui import palette
from ui.ratings.board import BoardDialog
from ui.ratings.board_models import OVERDUE, STATE, WHAT
from window_assistant.accounts import INSTALLER
from window_assistant.ratings.followups import followup, record_step
from window_assistant.vocab import FollowUpState, FollowUpStep

St, S = FollowUpStep, FollowUpState
WEEKS_AGO = datetime.now().replace(microsecond=0) - timedelta(days=21)


def open_board(qtbot, services, user) -> BoardDialog:
    board = BoardDialog(services, user)
    qtbot.addWidget(board)
    board.set_view("all")
    return board


def select(board: BoardDialog, serial: str) -> None:
    row = next(i for i, f in enumerate(board.model.rows) if f.serial == serial)
    board.table.selectRow(row)


def act(board: BoardDialog, what: FollowUpStep, **values) -> str:
    """Press the step's button, fill its form, press 记录; the form's error line, if any."""
    assert board.buttons[what].isEnabled(), what
    board.buttons[what].click()
    dialog = board.step_dialog
    assert dialog is not None and dialog.isVisible()
    for name, value in values.items():
        if name == "target":
            editor = dialog.target
        elif name.startswith("new_"):
            editor = dialog.corrected.editors[name[4:]]
        else:
            editor = dialog.form.editors[name]
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(value))
            assert editor.currentData() == value
    dialog.record()
    message = dialog.error.text() if dialog.isVisible() else ""
    if message:
        dialog.reject()
    return message


def enabled(board: BoardDialog) -> set[FollowUpStep]:
    return {step for step, button in board.buttons.items() if button.isEnabled()}


def test_each_step_is_recorded_through_its_form(qtbot, qtmodeltester, services):
    chief = boss(services)
    clerk = services.default_clerk()
    a, b, c, d = (rated_case(services, WEEKS_AGO) for _ in range(4))
    board = open_board(qtbot, services, chief)
    qtmodeltester.check(board.model)
    select(board, a.serial)
    assert enabled(board) == {St.VERIFY, St.APPEAL, St.SUPERVISE}
    assert act(board, St.VERIFY, finding="属实") == ""
    assert enabled(board) >= {St.FIX_NOW, St.RECTIFY_PLAN, St.EXPLAIN, St.CORRECT}
    assert St.VERIFY not in enabled(board)
    assert act(board, St.RECTIFY_PLAN, plan="调整排班") == ""
    assert act(board, St.RECTIFIED, action="已增设窗口") == ""
    assert act(board, St.REVISIT, channel="phone", satisfaction="satisfied", note="满意") == ""
    assert act(board, St.CLOSE) == ""
    assert followup(services, a.serial).state is S.CLOSED
    select(board, b.serial)
    assert act(board, St.VERIFY, finding="属实") == ""
    assert act(board, St.FIX_NOW, action="当场补办") == ""
    assert act(board, St.UNREACHABLE, reason="未留电话") == ""
    select(board, c.serial)
    assert act(board, St.VERIFY, finding="无依据") == ""
    assert act(board, St.EXPLAIN, explanation="已当面解释") == ""
    select(board, d.serial)
    assert act(board, St.VERIFY, finding="属实") == ""
    assert act(board, St.RECTIFY_PLAN, plan="改系统") == ""
    assert act(board, St.CANNOT_RECTIFY, explanation="省级系统限制") == ""
    assert act(board, St.SUPERVISE, note="请尽快回访") == ""
    assert act(board, St.CORRECT, target=followup(services, d.serial).steps[0].id,
               reason="笔误", new_finding="属实,材料要求不清") == ""  # fmt: skip
    states = [followup(services, x.serial).state for x in (a, b, c, d)]
    assert states == [S.CLOSED, S.PENDING_CLOSE, S.PENDING_REVISIT, S.PENDING_REVISIT]
    history = board.steps_model
    qtmodeltester.check(history)
    assert history.index(0, WHAT).data() == "核实(已更正)"
    assert "属实,材料要求不清" in history.index(0, 3).data()
    assert (
        board.model.index(
            next(i for i, f in enumerate(board.model.rows) if f.serial == d.serial), 11
        ).data()
        == "1"
    )  # one 督办
    # an appeal by the clerk whose case it is, decided by the supervisor
    own = open_board(qtbot, services, clerk)
    select(own, c.serial)
    assert enabled(own) == {St.APPEAL}
    assert [s for s, b in own.buttons.items() if not b.isHidden()] == [St.APPEAL]
    assert act(own, St.APPEAL, kind="malicious", reason="评价人辱骂后故意差评") == ""
    assert enabled(own) == set()
    board.refresh()
    select(board, c.serial)
    assert act(board, St.APPEAL_DECISION, upheld="成立", decision="录像属实") == ""
    assert followup(services, c.serial).excluded


def test_a_refused_step_shows_the_cores_message_and_writes_nothing(qtbot, services):
    chief = boss(services)
    case = rated_case(services, WEEKS_AGO)
    board = open_board(qtbot, services, chief)
    select(board, case.serial)
    assert act(board, St.VERIFY, finding="  ") == "核实情况不能为空。"
    assert followup(services, case.serial).steps == []
    # the form was opened, then someone else verified it first: the core refuses the skip
    board.buttons[St.VERIFY].click()
    form = board.step_dialog
    record_step(services, chief, case.serial, St.VERIFY, {"finding": "另一位负责人已核实"})
    form.form.editors["finding"].setPlainText("属实")
    form.record()
    assert form.isVisible() and "处理" in form.error.text()
    assert len(followup(services, case.serial).steps) == 1
    form.reject()


def test_overdue_rows_take_the_palette_colour_and_the_views_narrow(qtbot, services):
    chief = boss(services)
    late = rated_case(services, WEEKS_AGO)
    fresh = rated_case(services, datetime.now().replace(microsecond=0))
    board = open_board(qtbot, services, chief)
    from PySide6.QtCore import Qt

    colour = {f.serial: board.model.index(i, 0).data(Qt.ItemDataRole.ForegroundRole)
              for i, f in enumerate(board.model.rows)}  # fmt: skip
    assert colour == {late.serial: palette.OVERDUE, fresh.serial: None}
    row = [f.serial for f in board.model.rows].index(late.serial)
    assert "核实超期" in board.model.index(row, OVERDUE).data()
    assert board.model.index(row, STATE).data() == "待核实"
    board.set_view("overdue")
    assert [f.serial for f in board.model.rows] == [late.serial]
    board.set_view("open")
    assert len(board.model.rows) == 2
    assert "超期 1 件" in board.count_label.text()


@pytest.mark.parametrize("view", ["all", "open"])
def test_a_clerk_sees_their_own_cases_only(qtbot, services, view):
    other = services.accounts.add_account(INSTALLER, "1009", "赵丽", "clerk", "1357")
    mine = rated_case(services, WEEKS_AGO, clerk=other)
    rated_case(services, WEEKS_AGO)
    board = BoardDialog(services, other)
    qtbot.addWidget(board)
    board.set_view(view)
    assert [f.serial for f in board.model.rows] == [mine.serial]
    assert board.clerk_combo.isHidden()
