"""评价记录 with filters (issue 10 §3): each filter narrows the model (the core does the
narrowing), a clerk sees their own ratings only, and a comment typed as markup shows literally."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from tests.core.test_supervision_queries import ITEM2, log  # noqa: F401 - the fixture
from ui.ratings.ratings_view import COMMENT, RatingsDialog
from window_assistant.vocab import RatingChannel, RatingLevel

HTML = "<b>x</b>"


def dialog_for(qtbot, services, user) -> RatingsDialog:
    dialog = RatingsDialog(services, user)
    qtbot.addWidget(dialog)
    dialog.filters.from_edit.setDate(QDate(2026, 3, 1))
    dialog.filters.to_edit.setDate(QDate(2026, 3, 31))
    return dialog


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def shown(dialog) -> list[tuple[str, str]]:
    return [(r.clerk_login, r.at[:10]) for r in dialog.model.rows]


def test_each_filter_narrows_the_model(qtbot, qtmodeltester, services, log):  # noqa: F811
    a, b, chief = log
    dialog = dialog_for(qtbot, services, chief)
    qtmodeltester.check(dialog.model)
    bar = dialog.filters
    assert len(dialog.model.rows) == 4 and "共 4 条,其中差评 2 条" in dialog.count_label.text()
    bar.from_edit.setDate(QDate(2026, 3, 10))
    assert len(dialog.model.rows) == 3
    bar.to_edit.setDate(QDate(2026, 3, 10))
    assert len(dialog.model.rows) == 2
    bar.to_edit.setDate(QDate(2026, 3, 31))
    choose(bar.clerk_combo, b.login)
    assert shown(dialog) == [(b.login, "2026-03-11"), (b.login, "2026-03-10")]
    choose(bar.level_combo, RatingLevel.VERY_DISSATISFIED.value)
    assert shown(dialog) == [(b.login, "2026-03-10")]
    choose(bar.clerk_combo, None)
    choose(bar.level_combo, None)
    choose(bar.channel_combo, RatingChannel.PAD.value)
    assert [r.channel for r in dialog.model.rows] == [RatingChannel.PAD]
    choose(bar.channel_combo, None)
    choose(bar.item_combo, ITEM2)
    assert [r.item_code for r in dialog.model.rows] == [ITEM2]
    choose(bar.item_combo, None)
    choose(bar.comment_combo, True)
    assert sorted(r.comment for r in dialog.model.rows) == [HTML, "好"]
    choose(bar.window_combo, services.current_window_id())
    qtmodeltester.check(dialog.model)
    bar.from_edit.setDate(QDate(2026, 3, 20))
    bar.to_edit.setDate(QDate(2026, 3, 12))
    assert "起止日期颠倒" in dialog.count_label.text()


def test_a_clerk_sees_only_their_own(qtbot, services, log):  # noqa: F811
    a, b, _chief = log
    dialog = dialog_for(qtbot, services, b)
    assert {r.clerk_login for r in dialog.model.rows} == {b.login}
    assert [dialog.filters.clerk_combo.itemData(i) for i in range(2)] == [None, b.login]
    assert dialog.filters.clerk_combo.count() == 2
    hints = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("您经办的办件的评价" in text for text in hints)


def test_a_comment_written_as_markup_shows_literally(qtbot, services, log):  # noqa: F811
    dialog = dialog_for(qtbot, services, log[0])
    row = next(i for i, r in enumerate(dialog.model.rows) if r.comment == HTML)
    index = dialog.model.index(row, COMMENT)
    assert index.data() == HTML
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    document = QTextDocument()
    document.setHtml(tip)  # as QToolTip reads rich text
    assert document.toPlainText() == HTML
    assert date(2026, 3, 10).isoformat() in dialog.model.rows[row].at
