"""Every file dialog of the app (open, choose a folder, save): Qt's own dialog, never the
platform's, over a model that never reads a file and never lists a database file.

Why (issue 8): on POSIX, closing any descriptor of the database file drops every lock SQLite
holds on it in this process (see ``window_assistant/store/files.py``). Qt's default icon
provider guesses a file's type from its first bytes when the name does not tell it — the
``-wal`` and ``-shm`` beside the database, and the ``.db`` itself — so merely showing the data
folder opened and closed them, and another program then deleted the WAL the window was still
writing to. Here the icons and types come from the name alone (``_NameOnlyIcons``), database
files are not listed (``_HideDatabases``), and a dialog starts in the folder last used this
session (``remember``), else in the user's documents, never where the database lives. Qt's own
dialog speaks Chinese through the ``qtbase_zh_CN`` translator (``ui.i18n``). The platform's
dialog cannot be told any of this, hence
``DontUseNativeDialog``. A test forbids file dialogs anywhere else in ``ui``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QFileInfo,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QStandardPaths,
)
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle, QWidget

from window_assistant.store import files

_Index = QModelIndex | QPersistentModelIndex


class _NameOnlyIcons(QAbstractFileIconProvider):
    """A folder or a file icon, and a type from the extension: nothing is read from a file."""

    def __init__(self) -> None:
        super().__init__()
        style = QApplication.style()
        self._folder = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        self._file = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def icon(self, what: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:
        if isinstance(what, QFileInfo):
            return self._folder if what.isDir() else self._file
        folder = what == QAbstractFileIconProvider.IconType.Folder
        return self._folder if folder else self._file

    def type(self, info: QFileInfo) -> str:
        translate = QCoreApplication.translate
        if info.isDir():
            return translate("file_dialogs", "文件夹")
        suffix = info.suffix().upper()
        if not suffix:
            return translate("file_dialogs", "文件")
        return translate("file_dialogs", "{0} 文件").format(suffix)


class _HideDatabases(QSortFilterProxyModel):
    """Leaves out database files (``*.db``, ``-wal``, ``-shm``, ``-journal`` and the files of
    the database this process has open, whatever their names)."""

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        name = model.data(model.index(source_row, 0, source_parent))
        return not (isinstance(name, str) and files.is_database_name(name))


_last_folder: Path | None = None  # the folder of the file last chosen, this session


def remember(chosen: Path) -> None:
    """The next dialog opens where the clerk last chose a file (or in the folder chosen)."""
    global _last_folder
    _last_folder = chosen if chosen.is_dir() else chosen.parent


def start_folder() -> Path:
    """Where a dialog opens: the folder last used, else documents, desktop or home, whichever
    exists first and is not a folder where this process has a database open (nor inside one);
    else the drive's root."""
    data = files.live_folders()
    last = _last_folder
    if last is not None and last.is_dir() and not any(last.is_relative_to(d) for d in data):
        return last
    locations = (
        QStandardPaths.StandardLocation.DocumentsLocation,
        QStandardPaths.StandardLocation.DesktopLocation,
        QStandardPaths.StandardLocation.HomeLocation,
    )
    candidates = [Path(QStandardPaths.writableLocation(loc)) for loc in locations]
    for folder in candidates:
        if folder.is_dir() and not any(folder.is_relative_to(d) for d in data):
            return folder
    return Path(candidates[-1].anchor or "/")  # the database lives in the home folder


_icons: _NameOnlyIcons | None = None


def _dialog(parent: QWidget | None, caption: str, filters: str = "") -> QFileDialog:
    global _icons
    dialog = QFileDialog(parent, caption, str(start_folder()), filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    # Qt 6 asks for "&Look in:" and "Files of &type:", which qtbase_zh_CN lacks (it has them
    # without the "&"): said here, so the whole dialog speaks Chinese.
    translate = QCoreApplication.translate
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, translate("file_dialogs", "查找范围(&L):"))
    dialog.setLabelText(
        QFileDialog.DialogLabel.FileType, translate("file_dialogs", "文件类型(&T):")
    )
    # Both before the dialog is shown: the model asks them about the first folder it lists.
    if _icons is None:
        _icons = _NameOnlyIcons()  # shared, and alive as long as any dialog (Qt does not own it)
    dialog.setIconProvider(_icons)
    dialog.setProxyModel(_HideDatabases(dialog))
    return dialog


def _chosen(dialog: QFileDialog) -> Path | None:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        chosen = Path(dialog.selectedFiles()[0])
        remember(chosen)
        return chosen
    finally:
        _closed(dialog)


def _closed(dialog: QFileDialog) -> None:
    """The window underneath takes the keyboard back (not every window manager gives it back,
    and Esc or Ctrl+S there would do nothing); the dialog is deleted later."""
    parent = dialog.parentWidget()
    if parent is not None:
        parent.window().activateWindow()
    dialog.deleteLater()


def open_file(parent: QWidget | None, caption: str, filters: str) -> Path | None:
    """An existing file the user picks, or None when cancelled."""
    dialog = _dialog(parent, caption, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return _chosen(dialog)


def open_files(parent: QWidget | None, caption: str, filters: str) -> list[Path]:
    """The existing files the user picks (several at once), or [] when cancelled."""
    dialog = _dialog(parent, caption, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return []
        chosen = [Path(name) for name in dialog.selectedFiles()]
        if chosen:
            remember(chosen[0])
        return chosen
    finally:
        _closed(dialog)


def open_folder(parent: QWidget | None, caption: str) -> Path | None:
    """An existing folder the user picks, or None when cancelled."""
    dialog = _dialog(parent, caption)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _chosen(dialog)


def save_file(
    parent: QWidget | None, caption: str, name: str, filters: str
) -> tuple[Path, str] | None:
    """The file to write (suggested ``name`` in the start folder) and the filter chosen, or
    None when cancelled."""
    dialog = _dialog(parent, caption, filters)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(name)
    path = _chosen(dialog)  # the dialog is deleted later, not yet: its filter can still be read
    return (path, dialog.selectedNameFilter()) if path is not None else None
