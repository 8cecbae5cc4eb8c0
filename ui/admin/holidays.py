"""The holiday calendar in the window: 管理 → 导入节假日安排… (a supervisor's), and the reminder
at a supervisor's sign-in in November and December while next year's arrangement is not
imported (``workdays.year_to_import``), said once in a non-modal notice above the search with a
button to the import. Until then next year's deadlines are estimated on the statutory holidays
and 调休 is unknown; the rules and the wording of what was counted are the core's.

The core's workdays module, the file dialog and the message boxes are imported when first used,
not at start-up (README Performance)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from window_assistant.errors import UserError

if TYPE_CHECKING:
    from window_assistant.accounts import User
    from window_assistant.services import Services


today = date.today  # the day the reminder is for (a test sets another)


def import_holidays(parent: QWidget | None, services: Services, user: User) -> bool:
    """Pick a holidays file (the format of catalog/holidays.json) and import it; True when a
    year was imported. Every problem in the file is shown, and nothing changes."""
    from PySide6.QtWidgets import QMessageBox

    from ui.file_dialogs import open_file
    from window_assistant.workdays import import_years

    title = QCoreApplication.translate("HolidayImport", "导入节假日安排")
    files = QCoreApplication.translate("HolidayImport", "节假日安排 (*.json);;所有文件 (*)")
    path = open_file(parent, title, files)
    if path is None:
        return False
    try:
        imported = import_years(services.store, path, user)
    except UserError as exc:  # str() lists every problem in the file
        QMessageBox.warning(parent, title, str(exc))
        return False
    services.holidays_changed()
    replaced = QCoreApplication.translate("HolidayImport", "(替换了原有安排)")
    line = QCoreApplication.translate(
        "HolidayImport",
        "{year} 年:{holidays} 个假期,{workdays} 个调休上班日{replaced}。出处:{source}",
    )
    lines = [
        line.format(
            year=i.year.year,
            holidays=len(i.year.holidays),
            workdays=len(i.year.workdays),
            replaced=replaced if i.replaced else "",
            source=i.year.source,
        )
        for i in imported
    ]
    done = QCoreApplication.translate("HolidayImport", "已导入:")
    QMessageBox.information(parent, title, "\n".join([done, *lines]))
    return True


class HolidayReminder(QFrame):
    """Above the search, for a supervisor in November and December while next year has no
    arrangement: where to import it. Hidden otherwise, and once dismissed."""

    def __init__(
        self,
        services: Services,
        user: User,
        open_import: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("holidayReminder")
        self.services = services
        self.user = user
        self.year: int | None = None
        self.text = QLabel(self)
        self.text.setObjectName("holidayReminderText")
        self.text.setWordWrap(True)
        self.import_button = QPushButton(self.tr("导入节假日安排…"), self)
        self.import_button.clicked.connect(open_import)
        self.dismiss_button = QPushButton(self.tr("知道了"), self)
        self.dismiss_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.import_button)
        layout.addWidget(self.dismiss_button)
        self.hide()

    def check(self, on: date | None = None) -> None:
        """Shown when the core says next year is to be imported by this user, hidden when not
        (after an import, say)."""
        from window_assistant.workdays import year_to_import

        self.year = year_to_import(self.services, self.user, on or today())
        if self.year is None:
            self.hide()
            return
        self.text.setText(
            self.tr(
                "{year} 年的节假日安排尚未导入:{year} 年的期限目前按法定节假日估算,调休未知。"
                "国务院办公厅公布安排后,请在「管理 → 导入节假日安排…」中导入。"
            ).format(year=self.year)
        )
        self.show()
