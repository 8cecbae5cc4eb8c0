"""好差评 → 合并评价记录… (a supervisor's): pick the exports other windows' PCs wrote, then the
core merges them one by one (``ratings.merge.merge_file``: each file whole or not at all) in
the background behind the exports' progress dialog; at the end a notice names, per file, what
was added and, for a refused file, why (the first bad row, or both rows of a fork)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.file_dialogs import open_files
from ui.ratings.export_dialogs import BackgroundRun, Outcome
from ui.worker import Report
from window_assistant.accounts import User
from window_assistant.ratings.merge import MergeRefused, merge_file
from window_assistant.services import Services, open_services


def merge_files(services: Services, user: User, run: BackgroundRun, paths: list[Path]) -> None:
    """Merge ``paths`` in the background (``run``), reporting rows done over all files."""
    db_path = services.store.path
    merged_text = QCoreApplication.translate("MergeRatings", "已合并 {0}")
    refused_text = QCoreApplication.translate("MergeRatings", "未合并 {0}")
    status_text = QCoreApplication.translate(
        "MergeRatings", "合并评价记录:{merged} 个文件已合并,{refused} 个未合并。"
    )

    def work(report: Report) -> Outcome:
        lines: list[str] = []
        refused = 0
        with open_services(db_path, seed=False) as own:  # this thread's own connection
            for number, path in enumerate(paths):

                def progress(done: int, total: int, number: int = number) -> None:
                    report(number * 1000 + done * 1000 // max(total, 1), len(paths) * 1000)

                try:
                    done = merge_file(own, user, path, progress)
                except MergeRefused as exc:
                    refused += 1
                    lines.append(refused_text.format(exc.message))
                    continue
                lines.append(merged_text.format(done.summary()))
        status = status_text.format(merged=len(paths) - refused, refused=refused)
        return Outcome(paths[-1], "\n\n".join(lines), status=status, warning=refused > 0)

    run.start(QCoreApplication.translate("MergeRatings", "正在核验并合并评价记录…"), work)


def open_merge(services: Services, user: User, run: BackgroundRun, parent: QWidget) -> list[Path]:
    """合并评价记录…: the files chosen (none: cancelled, or another job still running)."""
    if run.busy:
        run.tell_busy()
        return []
    paths = open_files(
        parent,
        QCoreApplication.translate("MergeRatings", "选择其他窗口导出的评价记录(可多选)"),
        QCoreApplication.translate("MergeRatings", "评价记录 (*.csv *.xlsx *.jsonl *.json)"),
    )
    if paths:
        merge_files(services, user, run, paths)
    return paths
