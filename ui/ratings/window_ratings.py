"""What the clerk's window shows of the rating server, of new ratings, and of 好差评 supervision.

The status bar always says whether phones can rate (运行中 with the address, 未开启, 启动失败);
a failure also shows a banner above the search, non-modal, with the reason and where to fix it
(设置 → 评价服务), which the clerk may dismiss and keep working. A new rating for this window is
a short status-bar notice; the 评价记录 view, when open, is refreshed.

The 好差评 menu opens 评价记录, the 差评整改台账 (a clerk's: their own cases', for appeals),
for a supervisor 统计与图表, and the exports and (a supervisor's) monthly report, which run in
the background (``export_dialogs``). Once the window is up, the follow-ups overdue or due today are
said in a notice with a button to the 台账, and counted on the menu entry and the status bar.
The views are imported when first opened (start-up time, README Performance).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenuBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common import set_style_state
from ui.i18n import code_label
from ui.ratings.attention import AttentionCount, AttentionNotice
from ui.ratings.server_controller import FAILED, RUNNING, RatingServerController
from window_assistant.permissions import Action, allowed
from window_assistant.ratings.followups import needs_attention
from window_assistant.ratings.log import Rating

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.ratings.board import BoardDialog
    from ui.ratings.export_dialogs import BackgroundRun
    from ui.ratings.ratings_view import RatingsDialog
    from ui.ratings.stats_view import StatsDialog

NOTICE_MS = 10_000


class RatingServerStatus(QLabel):
    """The status bar's 评价服务 field; the style sheet colours it by its ``state``."""

    def __init__(self, controller: RatingServerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingServerStatus")
        self.controller = controller
        controller.stateChanged.connect(self.show_state)
        self.show_state(controller.state)

    def show_state(self, state: str) -> None:
        if state == RUNNING:
            text = self.tr("评价服务:{url} 运行中").format(url=self.controller.url)
        elif state == FAILED:
            text = self.tr("评价服务:启动失败")
        else:
            text = self.tr("评价服务:未开启")
        self.setText(text)
        self.setToolTip(self.controller.problem if state == FAILED else text)
        set_style_state(self, "state", state)


class RatingServerBanner(QFrame):
    """Above the search while the server failed to start: what is wrong and where to fix it."""

    def __init__(
        self,
        controller: RatingServerController,
        open_settings: Callable[[], None] | None,  # None for a clerk, who cannot change them
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ratingServerBanner")
        self.controller = controller
        title = QLabel(self.tr("评价服务启动失败,手机暂时无法扫码评价"), self)
        title.setObjectName("ratingServerBannerTitle")
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        where = (
            self.tr("请在「管理 → 设置 → 评价服务」中修改地址或端口。")
            if open_settings
            else self.tr("请联系负责人在「管理 → 设置 → 评价服务」中修改。")
        )
        self.where = QLabel(where + self.tr("办件和打印告知书不受影响。"), self)
        self.where.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(2)
        for label in (title, self.reason, self.where):
            text.addWidget(label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(text, 1)
        self.settings_button: QPushButton | None = None
        if open_settings is not None:
            self.settings_button = QPushButton(self.tr("打开设置…"), self)
            self.settings_button.clicked.connect(open_settings)
            layout.addWidget(self.settings_button)
        self.dismiss_button = QPushButton(self.tr("知道了"), self)
        self.dismiss_button.clicked.connect(self.hide)
        layout.addWidget(self.dismiss_button)
        controller.stateChanged.connect(self.show_state)
        self.show_state(controller.state)

    def show_state(self, state: str) -> None:
        self.reason.setText(self.controller.problem)
        self.setVisible(state == FAILED)


class WindowRatings(QObject):
    """The clerk's window's share of ratings: the server controller, the status field and the
    banner, the 评价记录 view, and the notice of a new rating for this window."""

    def __init__(self, window: MainWindow, layout: QVBoxLayout) -> None:
        super().__init__(window)
        self.window = window
        self.controller = RatingServerController(window.services, self)
        self.controller.ratingsArrived.connect(self._arrived)
        may_fix = allowed(window.user, Action.CHANGE_CENTRE_SETTINGS)
        self.banner = RatingServerBanner(
            self.controller, window.edit_settings if may_fix else None, window
        )
        layout.insertWidget(0, self.banner)
        self.status = RatingServerStatus(self.controller, window)
        window.statusBar().addPermanentWidget(self.status)
        self.notice = AttentionNotice(self.show_board, window)
        layout.insertWidget(0, self.notice)
        self.attention_count = AttentionCount(window)
        window.statusBar().addPermanentWidget(self.attention_count)
        self.dialog: RatingsDialog | None = None  # 评价记录, kept between uses
        self.board: BoardDialog | None = None
        self.stats: StatsDialog | None = None
        self.exports: BackgroundRun | None = None

    def build_menu(self, bar: QMenuBar) -> None:
        """好差评: 评价记录, 差评整改台账 and (a supervisor's) 统计与图表."""
        menu = bar.addMenu(self.tr("好差评(&R)"))
        self.list_action = menu.addAction(self.tr("评价记录…"), self.show_list)
        self.board_action = menu.addAction(self.tr("差评整改台账…"), self.show_board)
        self.stats_action = menu.addAction(self.tr("统计与图表…"), self.show_stats)
        self.stats_action.setVisible(allowed(self.window.user, Action.VIEW_ALL_RATINGS))
        menu.addSeparator()
        self.export_action = menu.addAction(self.tr("导出评价记录…"), self.show_export)
        self.report_action = menu.addAction(self.tr("生成月度报告…"), self.show_report)
        self.report_action.setEnabled(allowed(self.window.user, Action.REPORT_RATINGS))
        self.merge_action = menu.addAction(self.tr("合并评价记录…"), self.show_merge)
        self.merge_action.setVisible(allowed(self.window.user, Action.MERGE_RATINGS))

    def start(self) -> None:
        self.controller.start()
        QTimer.singleShot(0, self, self.check_attention)  # once the window is up, not before

    def check_attention(self) -> None:
        """The sign-in notice and the counts: what is overdue or due today for this user."""
        attention = needs_attention(self.window.services, self.window.user)
        self.notice.show_attention(attention)
        self.attention_count.show_attention(attention)
        waiting = len(attention.overdue) + len(attention.due_today)
        label = self.tr("差评整改台账…")
        if waiting:
            label = self.tr("差评整改台账({n})…").format(n=waiting)
        self.board_action.setText(label)

    def show_board(self) -> None:
        from ui.ratings.board import BoardDialog

        if self.board is None:
            self.board = BoardDialog(self.window.services, self.window.user, self.window)
            self.board.changed.connect(self.check_attention)
        else:
            self.board.refresh()
        _bring_up(self.board)

    def show_stats(self) -> None:
        from ui.ratings.stats_view import StatsDialog

        if self.stats is None:
            self.stats = StatsDialog(self.window.services, self.window)
            self.stats.refresh()
        _bring_up(self.stats)

    def show_export(self) -> QDialog | None:
        from ui.ratings.export_dialogs import open_export

        return open_export(self.window.services, self.window.user, self._run(), self.window)

    def show_report(self) -> QDialog | None:
        from ui.ratings.export_dialogs import open_report

        return open_report(self.window.services, self.window.user, self._run(), self.window)

    def show_merge(self) -> list[Path]:
        from ui.ratings.merge_dialog import open_merge

        return open_merge(self.window.services, self.window.user, self._run(), self.window)

    def background_run(self) -> BackgroundRun:
        """The window's one background run of exports and reports (the cases' too)."""
        return self._run()

    def _run(self) -> BackgroundRun:
        """The one background run of exports and reports, made on first use."""
        if self.exports is None:
            from ui.ratings.export_dialogs import BackgroundRun

            self.exports = BackgroundRun(self.window)
        return self.exports

    def settings_changed(self) -> None:
        """After the settings dialog: serve where they now say (a failed start is retried)."""
        if self.dialog is not None:
            self.dialog.refresh()
        self.controller.start()

    def close(self) -> None:
        self.controller.shut_down()

    def show_list(self) -> None:
        """评价记录, beside the main window, refreshed each time it is brought back."""
        from ui.ratings.ratings_view import RatingsDialog

        if self.dialog is None:
            self.dialog = RatingsDialog(self.window.services, self.window.user, self.window)
        else:
            self.dialog.refresh()
        _bring_up(self.dialog)

    def _arrived(self, ratings: list[Rating]) -> None:
        if self.dialog is not None:
            self.dialog.refresh()
        here = self.window.services.accounts.window(self.window.window_id)
        number = here.number if here is not None else None
        mine = [r for r in ratings if r.window_number == number]
        if mine:  # the newest; never the comment, which may be personal
            notice = self.tr("收到评价:{serial} — {level}").format(
                serial=mine[-1].case_serial, level=code_label(mine[-1].level)
            )
            self.window.statusBar().showMessage(notice, NOTICE_MS)


def _bring_up(dialog: QWidget) -> None:
    """Beside the main window, in front."""
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
