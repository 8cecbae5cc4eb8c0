"""好差评统计与图表: the figures of ``ratings.stats.statistics`` for a period, in total and per
window, clerk, item, department, day, week or month, in a table; and, in a second tab, the
charts (``ui.ratings.charts``, imported when that tab is first shown). The figures are computed
off the GUI thread by ``ui.worker`` (a year of a busy centre's log is a few hundred
milliseconds), so the window never freezes; the table shows each figure as the core gives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.common import ErrorLabel, error_text
from ui.i18n import QT_TRANSLATE_NOOP
from ui.ratings.rating_filters import date_edit
from ui.table_model import Index, ListTableModel
from ui.tables import read_only_table
from ui.worker import Worker
from window_assistant.ratings.feed import bad_tags
from window_assistant.ratings.stats import GROUPINGS, Figures, Statistics, statistics
from window_assistant.services import Services, open_services

if TYPE_CHECKING:
    from ui.ratings.charts import ChartsPanel


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


# (header, the figure as shown); rates are the core's, only formatted here
COLUMNS: list[tuple[str, Any]] = [
    (QT_TRANSLATE_NOOP("StatsModel", "分组"), lambda f: f.label),
    (QT_TRANSLATE_NOOP("StatsModel", "评价数"), lambda f: f.total),
    (QT_TRANSLATE_NOOP("StatsModel", "好评"), lambda f: f.good),
    (QT_TRANSLATE_NOOP("StatsModel", "差评"), lambda f: f.bad),
    (QT_TRANSLATE_NOOP("StatsModel", "好评率"), lambda f: _percent(f.good_rate)),
    (
        QT_TRANSLATE_NOOP("StatsModel", "平均分"),
        lambda f: "—" if f.average_score is None else f"{f.average_score:.2f}",
    ),
    (QT_TRANSLATE_NOOP("StatsModel", "可评价办件"), lambda f: f.ratable),
    (QT_TRANSLATE_NOOP("StatsModel", "主动评价率"), lambda f: _percent(f.active_rate)),
    (QT_TRANSLATE_NOOP("StatsModel", "未评率"), lambda f: _percent(f.unrated_rate)),
    (
        QT_TRANSLATE_NOOP("StatsModel", "差评回复率"),
        lambda f: _percent(f.followup.to_json()["reply_rate"]),
    ),
    (
        QT_TRANSLATE_NOOP("StatsModel", "回访率"),
        lambda f: _percent(f.followup.to_json()["revisit_rate"]),
    ),
    (
        QT_TRANSLATE_NOOP("StatsModel", "回访整改率"),
        lambda f: _percent(f.followup.to_json()["revisit_rectify_rate"]),
    ),
    (
        QT_TRANSLATE_NOOP("StatsModel", "回访整改满意率"),
        lambda f: _percent(f.followup.to_json()["revisit_satisfaction_rate"]),
    ),
    (QT_TRANSLATE_NOOP("StatsModel", "超期未办"), lambda f: f.followup.overdue_open),
    (QT_TRANSLATE_NOOP("StatsModel", "申诉成立(不计入)"), lambda f: f.excluded),
]


class StatsModel(ListTableModel):
    """One group per row, then 合计 (the overall figures) last."""

    def headers(self) -> list[str]:
        return [self.tr(header) for header, _ in COLUMNS]

    def set_statistics(self, stats: Statistics) -> None:
        self.set_rows([*stats.groups, stats.overall])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        figures: Figures | None = self.row_at(index)
        if figures is None:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(COLUMNS[index.column()][1](figures))


@dataclass(frozen=True)
class ChartFigures:
    """What the charts show, all from the core: the period by day and by clerk, and its
    差评 per reason tag."""

    by_day: Statistics
    by_clerk: Statistics
    bad_tags: dict[str, int]


def compute(db_path: Path, date_from: date, date_to: date, by: str | None) -> tuple:
    """The table's figures and the charts' (by day and by clerk), in one background job, on
    a connection of its own (the window's keeps serving the GUI thread meanwhile)."""
    with open_services(db_path, seed=False) as services:
        return _figures(services, date_from, date_to, by)


def _figures(services: Services, date_from: date, date_to: date, by: str | None) -> tuple:
    table = statistics(services, date_from, date_to, by)
    charts = ChartFigures(
        by_day=table if by == "day" else statistics(services, date_from, date_to, "day"),
        by_clerk=table if by == "clerk" else statistics(services, date_from, date_to, "clerk"),
        bad_tags=bad_tags(services, date_from, date_to),
    )
    return table, charts


class StatsDialog(QDialog):
    """``refresh`` computes (the window calls it once shown, tests when they choose)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingStats")
        self.services = services
        self.setWindowTitle(self.tr("好差评统计与图表"))
        today = date.today()
        self.from_edit = date_edit(today.replace(day=1), self)
        self.to_edit = date_edit(today, self)
        self.by_combo = QComboBox(self)
        self.by_combo.addItem(self.tr("只看合计"), None)
        groupings = {  # GROUPINGS, labelled here so that they are translated
            "window": self.tr("按窗口"),
            "clerk": self.tr("按经办人"),
            "item": self.tr("按事项"),
            "department": self.tr("按部门"),
            "day": self.tr("按日"),
            "week": self.tr("按周"),
            "month": self.tr("按月"),
        }
        for key in GROUPINGS:
            self.by_combo.addItem(groupings[key], key)
        self.by_combo.setCurrentIndex(self.by_combo.findData("clerk"))
        self.run_button = QPushButton(self.tr("统计"), self)
        self.run_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        for text, widget in (  # each filter reached by its Alt+letter (issue 13 §2)
            (self.tr("从(&F)"), self.from_edit),
            (self.tr("至(&T)"), self.to_edit),
            (self.tr("分组(&G)"), self.by_combo),
        ):
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget)
        top.addWidget(self.run_button)
        self.status = QLabel(self)
        top.addWidget(self.status, 1)

        self.model = StatsModel(self)
        self.table = read_only_table(self.model, self, 0)
        self.table.setObjectName("ratingFigures")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.table, self.tr("统计表"))
        self.charts_page = QWidget(self)
        self.charts_layout = QVBoxLayout(self.charts_page)
        self.charts_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.charts_page, self.tr("图表"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.charts: ChartsPanel | None = None  # built when its tab is first shown
        self.chart_figures: ChartFigures | None = None
        self.error = ErrorLabel(self)
        close_button = QPushButton(self.tr("关闭"), self)
        close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.worker = Worker(self)
        self.resize(1280, 720)

    def refresh(self) -> None:
        if self.worker.busy:
            return
        self.error.show_message(None)
        self.run_button.setEnabled(False)
        self.status.setText(self.tr("正在统计…"))
        db_path = self.services.store.path
        date_from = self.from_edit.date().toPython()
        date_to = self.to_edit.date().toPython()
        by = self.by_combo.currentData()
        self.worker.run(
            lambda _report: compute(db_path, date_from, date_to, by),  # type: ignore[arg-type]
            self._shown,
            self._failed,
        )

    def _shown(self, result: tuple) -> None:
        table, charts = result
        self.run_button.setEnabled(True)
        self.model.set_statistics(table)
        self.status.setText(
            self.tr("{start} 至 {end}:评价 {n} 条").format(
                start=table.date_from.isoformat(),
                end=table.date_to.isoformat(),
                n=table.overall.total,
            )
        )
        self.chart_figures = charts
        if self.charts is not None:
            self.charts.show_figures(charts)

    def _failed(self, exc: BaseException) -> None:
        self.run_button.setEnabled(True)
        self.status.setText("")
        self.error.show_message(error_text(exc))

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.charts_page:
            self.show_charts()

    def show_charts(self) -> None:
        """Build the charts panel (and load QtCharts) on first use."""
        self.tabs.setCurrentWidget(self.charts_page)
        if self.charts is None:
            from ui.ratings.charts import ChartsPanel

            self.charts = ChartsPanel(self.charts_page)
            self.charts_layout.addWidget(self.charts)
            if self.chart_figures is not None:
                self.charts.show_figures(self.chart_figures)
