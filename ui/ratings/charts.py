"""The 好差评 charts (issue 10 §3) with QtCharts: the daily trend (ratings per day as bars,
好评率 as a line on its own axis), the level distribution, 好评 and 差评 per clerk, and 差评 per
reason tag. Every value is a figure of ``ratings.stats.statistics``; nothing is counted here.

Imported only when the charts are first shown: QtCharts costs start-up time (README,
Performance) that a window which never opens them should not pay. Colours are the chart
theme's, not Python's."""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGridLayout, QWidget

from ui.i18n import code_label
from ui.ratings.stats_view import ChartFigures
from window_assistant.ratings.stats import LEVELS, Statistics


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setTheme(QChart.ChartTheme.ChartThemeLight)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _bars(chart: QChart, categories: list[str], sets: list[tuple[str, list[float]]]) -> QValueAxis:
    """Bar sets over ``categories``; returns the value axis (whole numbers: counts)."""
    series = QBarSeries()
    for name, values in sets:
        bar_set = QBarSet(name)
        bar_set.append([float(v) for v in values])
        series.append(bar_set)
    series.setLabelsVisible(len(categories) <= 12)
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append(categories or [""])
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x)
    y = QValueAxis()
    top = max([v for _, values in sets for v in values] or [0])
    step = _count_step(top)
    y.setRange(0, step * math.ceil(max(top * 1.1, 1) / step))
    y.setTickType(QValueAxis.TickType.TicksDynamic)  # ticks on whole counts, never 2.5
    y.setTickAnchor(0)
    y.setTickInterval(step)
    y.setLabelFormat("%d")
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y)
    if len(sets) == 1:
        chart.legend().hide()
    return y


def _count_step(top: float) -> int:
    """A tick step of 1, 2 or 5 × 10ⁿ giving about five ticks up to ``top``."""
    step = 1
    while top / step > 6:
        for factor in (2, 5 / 2, 2):  # 1 → 2 → 5 → 10 → 20 …
            step = int(step * factor)
            if top / step <= 6:
                break
    return step


def trend_chart(figures: Statistics) -> QChart:
    """Ratings per day (bars) and 好评率 in % (a line, days without ratings left out)."""
    chart = _chart(QCoreApplication.translate("RatingCharts", "每日评价数与好评率"))
    days = [g.key[8:] for g in figures.groups]  # the day of the month: the period is above
    _bars(
        chart,
        days,
        [(QCoreApplication.translate("RatingCharts", "评价数"), [g.total for g in figures.groups])],
    )
    chart.legend().show()
    line = QLineSeries()
    line.setName(QCoreApplication.translate("RatingCharts", "好评率(%)"))
    for n, group in enumerate(figures.groups):
        if group.good_rate is not None:
            line.append(n, group.good_rate * 100)
    line.setPointsVisible(True)
    chart.addSeries(line)
    rate_axis = QValueAxis()
    rate_axis.setRange(0, 100)
    rate_axis.setLabelFormat("%d%%")
    chart.addAxis(rate_axis, Qt.AlignmentFlag.AlignRight)
    line.attachAxis(rate_axis)
    position = QValueAxis()  # the line's x: one step per day, under the bars' categories
    position.setRange(-0.5, max(len(days), 1) - 0.5)
    position.setVisible(False)
    chart.addAxis(position, Qt.AlignmentFlag.AlignBottom)
    line.attachAxis(position)
    return chart


def levels_chart(figures: Statistics) -> QChart:
    chart = _chart(QCoreApplication.translate("RatingCharts", "评价等级分布"))
    by_level = figures.overall.by_level
    _bars(
        chart,
        [code_label(level) for level in LEVELS],
        [
            (
                QCoreApplication.translate("RatingCharts", "评价数"),
                [by_level[level.value] for level in LEVELS],
            )
        ],
    )
    return chart


def clerks_chart(figures: Statistics) -> QChart:
    chart = _chart(QCoreApplication.translate("RatingCharts", "各经办人好评与差评"))
    groups = figures.groups
    _bars(
        chart,
        [g.label for g in groups],
        [
            (QCoreApplication.translate("RatingCharts", "好评"), [g.good for g in groups]),
            (QCoreApplication.translate("RatingCharts", "差评"), [g.bad for g in groups]),
        ],
    )
    return chart


def tags_chart(tags: dict[str, int]) -> QChart:
    chart = _chart(QCoreApplication.translate("RatingCharts", "差评原因标签"))
    _bars(
        chart,
        list(tags),
        [(QCoreApplication.translate("RatingCharts", "差评数"), list(tags.values()))],
    )
    if not tags:
        chart.setTitle(QCoreApplication.translate("RatingCharts", "差评原因标签(本期差评未选标签)"))
    return chart


class ChartsPanel(QWidget):
    """The four charts in a grid, rebuilt for each new set of figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.views = [QChartView(self) for _ in range(4)]
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for n, view in enumerate(self.views):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumSize(300, 220)
            layout.addWidget(view, n // 2, n % 2)

    def show_figures(self, figures: ChartFigures) -> None:
        charts = (
            trend_chart(figures.by_day),
            levels_chart(figures.by_day),
            clerks_chart(figures.by_clerk),
            tags_chart(figures.bad_tags),
        )
        for view, chart in zip(self.views, charts, strict=True):
            old = view.chart()
            view.setChart(chart)  # the view owns it now; the one it replaces is ours to drop
            if old is not None:
                old.deleteLater()

    def charts(self) -> list[QChart]:
        return [view.chart() for view in self.views]
