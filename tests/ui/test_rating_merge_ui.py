"""好差评 → 合并评价记录… (issue 10 §5): a supervisor picks two windows' exports (one good, one
forked) in the real file dialog; the core merges in a real background thread behind the
progress dialog; the notice names what was added and why the other file was refused. A clerk
has no such menu entry. Real temporary databases."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tests.core.test_ratings_merge import boss, centre, exported, rate, register, window_pc
from tests.ui.test_rating_export_dialogs import finish, open_window
from window_assistant.ratings.log import chain_heads, verify_chain
from window_assistant.vocab import RatingLevel

__all__ = ["centre"]  # the fixture, imported for these tests


def test_a_supervisor_merges_two_files_and_reads_which_was_refused(
    qtbot, centre, tmp_path_factory, tmp_path
):
    hub, three, _ = centre
    folder = tmp_path_factory.mktemp("U盘")  # not the data folder, where no dialog starts
    good = exported(three, folder / "3号窗口.csv")
    impostor = window_pc(tmp_path, "fork", "3", hub)
    (case,) = register(impostor, 1)
    rate(impostor, case, RatingLevel.VERY_DISSATISFIED)
    forked = exported(impostor, folder / "另一台3号.xlsx")
    impostor.close()
    window = open_window(qtbot, hub, boss(hub))
    assert window.ratings.merge_action.isVisible()

    def pick_both() -> None:  # as the supervisor selects two files and presses 打开
        box = QApplication.activeModalWidget()
        assert isinstance(box, QFileDialog)
        box.setDirectory(str(folder))
        box.selectFile(f'"{good.name}" "{forked.name}"')
        box.accept()

    QTimer.singleShot(0, pick_both)
    assert window.ratings.show_merge() == [good, forked]
    notice = finish(qtbot, window)
    assert notice.icon() == QMessageBox.Icon.Warning
    text = notice.text()
    assert "已合并 3号窗口.csv:新增 3 条评价" in text
    assert "未合并 另一台3号.xlsx" in text and "窗口 3 第 1 条" in text
    assert "1 个文件已合并,1 个未合并" in window.statusBar().currentMessage()
    assert chain_heads(hub) == chain_heads(three) and verify_chain(hub).intact


def test_a_clerk_has_no_merge(qtbot, services):
    window = open_window(qtbot, services, services.default_clerk())
    assert not window.ratings.merge_action.isVisible()
