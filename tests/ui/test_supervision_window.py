"""好差评 supervision in the clerk's window (issue 10 §3): the 好差评 menu per role, the notice at
sign-in of overdue and due-today follow-ups (rated weeks ago), the statistics table and the
charts with their series values for the hand-counted data set of tests/core/test_stats.py."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

from PySide6.QtCharts import QBarSeries, QLineSeries
from PySide6.QtCore import QDate, Qt

from tests.core.test_followups import boss, rated_case
from tests.core.test_stats import FROM, TO, build_data
from tests.core.test_supervision_queries import log  # noqa: F401 - the fixture
from tests.ui.helpers import show_active
from ui.main_window import MainWindow
from ui.ratings.stats_view import StatsDialog
from window_assistant.accounts import INSTALLER

WEEKS_AGO = datetime.now().replace(microsecond=0) - timedelta(days=21)


def open_window(qtbot, services, user) -> MainWindow:
    return show_active(qtbot, MainWindow(services, user))


def test_the_notice_at_sign_in_tells_of_overdue_follow_ups_and_opens_the_board(qtbot, services):
    chief = boss(services)
    for _ in range(3):
        rated_case(services, WEEKS_AGO)
    window = open_window(qtbot, services, chief)
    notice = window.ratings.notice
    qtbot.waitUntil(notice.isVisible)
    assert notice.text.text().startswith("3 件差评跟进已超期")
    assert notice.property("state") == "overdue"
    assert window.ratings.attention_count.text() == "差评跟进:超期 3,今天到期 0"
    assert window.ratings.board_action.text() == "差评整改台账(3)…"
    notice.open_button.click()
    board = window.ratings.board
    assert board is not None and board.isVisible() and len(board.model.rows) == 3
    assert notice.isHidden()


def test_no_notice_when_nothing_is_late_and_a_clerk_is_told_of_their_own(qtbot, services):
    other = services.accounts.add_account(INSTALLER, "1009", "赵丽", "clerk", "1357")
    rated_case(services, WEEKS_AGO)  # the default clerk's
    window = open_window(qtbot, services, other)
    qtbot.wait(20)
    assert window.ratings.notice.isHidden() and window.ratings.attention_count.isHidden()
    mine = rated_case(services, WEEKS_AGO, clerk=other)
    window.ratings.check_attention()
    assert window.ratings.notice.text.text().startswith("1 件差评跟进已超期")
    window.ratings.show_board()
    assert [f.serial for f in window.ratings.board.model.rows] == [mine.serial]


def test_a_due_today_follow_up_is_counted_apart(qtbot, services):
    chief = boss(services)
    today = datetime.now().date()
    calendar = services.workdays
    # a working day whose next working day is today: 核实 (1 working day) due today
    rated = today - timedelta(days=1)
    while calendar.add(rated, 1) != today and rated > today - timedelta(days=10):
        rated -= timedelta(days=1)
    if calendar.add(rated, 1) != today:
        return  # today is not a working day: nothing can be due on it
    rated_case(services, datetime.combine(rated, datetime.min.time()).replace(hour=10))
    window = open_window(qtbot, services, chief)
    qtbot.waitUntil(window.ratings.notice.isVisible)
    assert window.ratings.notice.text.text().startswith("1 件今天到期")
    assert window.ratings.notice.property("state") == "due"


def test_the_menu_per_role(qtbot, services):
    chief = boss(services)
    window = open_window(qtbot, services, chief)
    assert window.ratings.stats_action.isVisible()
    window.close()
    clerk = open_window(qtbot, services, services.default_clerk())
    assert not clerk.ratings.stats_action.isVisible()
    assert clerk.ratings.list_action.isVisible() and clerk.ratings.board_action.isVisible()


def stats_dialog(qtbot, services) -> StatsDialog:
    dialog = StatsDialog(services)
    qtbot.addWidget(dialog)
    dialog.from_edit.setDate(QDate(FROM.year, FROM.month, FROM.day))
    dialog.to_edit.setDate(QDate(TO.year, TO.month, TO.day))
    return dialog


def test_the_table_shows_the_cores_figures_per_clerk(qtbot, qtmodeltester, services):
    """Computed in the worker's thread, on its own connection: the dialog answers meanwhile."""
    build_data(services)
    dialog = stats_dialog(qtbot, services)
    with qtbot.waitSignal(dialog.worker.finished, timeout=10_000):
        dialog.refresh()
        assert not dialog.run_button.isEnabled() and dialog.status.text() == "正在统计…"
    qtmodeltester.check(dialog.model)
    rows = [
        [dialog.model.index(r, c).data() for c in range(5)] for r in range(dialog.model.rowCount())
    ]
    # clerk A (0001): 非常满意, 满意, 不满意 → 3 ratings, 2 good; B: 基本满意 (her 差评 excluded)
    assert rows == [
        ["窗口人员(0001)", "3", "2", "1", "66.7%"],
        ["赵丽(1009)", "1", "1", "0", "100.0%"],
        ["合计", "4", "3", "1", "75.0%"],
    ]
    last = dialog.model.columnCount() - 1
    assert dialog.model.index(1, last).data() == "1"  # 申诉成立, not counted
    assert "评价 4 条" in dialog.status.text()


def test_the_charts_carry_the_cores_values(qtbot, services):
    build_data(services)
    dialog = stats_dialog(qtbot, services)
    dialog.worker.run_sync = True
    dialog.refresh()
    assert dialog.charts is None  # nothing built until the tab is shown
    dialog.show_charts()
    trend, levels, clerks, tags = dialog.charts.charts()

    def bars(chart) -> list[list[float]]:
        series = [s for s in chart.series() if isinstance(s, QBarSeries)][0]
        return [[bar_set.at(i) for i in range(bar_set.count())] for bar_set in series.barSets()]

    # by day, 9th–12th: 2, 1 (the excluded 差评 left out), 1, 0 ratings; 好评率 100, 0, 100 %
    assert bars(trend) == [[2, 1, 1, 0]]
    line = [s for s in trend.series() if isinstance(s, QLineSeries)][0]
    assert [(p.x(), p.y()) for p in line.points()] == [(0, 100), (1, 0), (2, 100)]
    assert bars(levels) == [[1, 1, 1, 1, 0]]  # 非常满意 … 非常不满意
    assert bars(clerks) == [[2, 1], [1, 0]]  # 好评, 差评 per clerk
    assert bars(tags) == [[]]  # the data set's 差评 carry no tags
    assert tags.title() == "差评原因标签(本期差评未选标签)"


def test_qtcharts_is_not_loaded_by_the_window(tmp_path):
    """Start-up: the main window and its menus do not import QtCharts (README Performance)."""
    code = (
        "import sys, ui.main_window, ui.ratings.window_ratings, ui.ratings.stats_view;"
        " print('PySide6.QtCharts' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_tags_chart_counts_bad_ratings_per_tag(qtbot, services, log):  # noqa: F811
    dialog = stats_dialog(qtbot, services)
    dialog.worker.run_sync = True
    dialog.show_charts()  # the tab first, the figures after: the charts follow them
    dialog.refresh()
    tags = dialog.charts.charts()[3]
    series = [s for s in tags.series() if isinstance(s, QBarSeries)][0]
    values = series.barSets()[0]
    assert [values.at(i) for i in range(values.count())] == [2, 1]
    axis = tags.axes(Qt.Orientation.Horizontal)[0]
    assert axis.categories() == ["态度不好", "等候时间长"]
