"""Account management for supervisors: clerks (add, edit, reset PIN, deactivate) and windows.

A view: each button calls a use case of ``window_assistant.accounts`` as the signed-in account,
which checks the permission, validates and audits (never a PIN or password). The buttons are
enabled by the same rules (``permissions.allowed``, ``Accounts.deactivation_problem``), so a
clerk who opens this dialog sees the lists but cannot change anything.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import palette
from ui.admin.account_forms import ClerkForm, SecretForm, WindowForm
from ui.common import ErrorLabel, hint_label, window_label
from ui.i18n import code_label
from ui.table_model import Index, ListTableModel
from window_assistant.accounts import User, Window
from window_assistant.errors import UserError
from window_assistant.permissions import Action, allowed
from window_assistant.vocab import Role


class AccountsModel(ListTableModel):
    """All accounts: 工号, 姓名, 角色, 窗口, 状态. ``Qt.UserRole`` gives the ``User``."""

    def __init__(self, accounts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.windows: dict[int, Window] = {}
        self.reload()

    def reload(self) -> None:
        self.windows = {w.id: w for w in self.accounts.windows()}
        self.set_rows(self.accounts.users())

    def headers(self) -> list[str]:
        return [self.tr("工号"), self.tr("姓名"), self.tr("角色"), self.tr("窗口"), self.tr("状态")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        user: User | None = self.row_at(index)
        if user is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            window = self.windows.get(user.window_id) if user.window_id else None
            return [
                user.login,
                user.name,
                code_label(Role.of(user.role)),
                window_label(window),
                self.tr("在用") if user.active else self.tr("已停用"),
            ][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return palette.INACTIVE
        if role == Qt.ItemDataRole.UserRole:
            return user
        return None


class WindowsModel(ListTableModel):
    """The windows: 编号, 名称, and how many active clerks belong to each."""

    def __init__(self, accounts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.reload()

    def reload(self) -> None:
        users = self.accounts.users("clerk")
        self.set_rows(
            [
                (w, sum(1 for u in users if u.active and u.window_id == w.id))
                for w in self.accounts.windows()
            ]
        )

    def headers(self) -> list[str]:
        return [self.tr("窗口编号"), self.tr("窗口名称"), self.tr("在用人员")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        window, clerks = row
        if role == Qt.ItemDataRole.DisplayRole:
            return [window.number, window.name, str(clerks)][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return window
        return None


def _table(model: ListTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setMinimumSectionSize(96)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class AccountsDialog(QDialog):
    """``editor`` is the form currently open (a ``ClerkForm``, ``SecretForm`` or ``WindowForm``)."""

    def __init__(self, services, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.user = user
        self.editor: QDialog | None = None
        self.setWindowTitle(self.tr("账号管理"))
        self.model = AccountsModel(services.accounts, self)
        self.windows_model = WindowsModel(services.accounts, self)
        self.table = _table(self.model, self)
        self.windows_table = _table(self.windows_model, self)

        self.add_button = QPushButton(self.tr("新增窗口人员(&N)…"), self)
        self.edit_button = QPushButton(self.tr("修改(&E)…"), self)
        self.reset_button = QPushButton(self.tr("重置 PIN/密码(&R)…"), self)
        self.active_button = QPushButton(self.tr("停用(&D)"), self)
        self.add_window_button = QPushButton(self.tr("新增窗口(&A)…"), self)
        self.add_button.clicked.connect(self.add_clerk)
        self.edit_button.clicked.connect(self.edit_user)
        self.reset_button.clicked.connect(self.reset_secret)
        self.active_button.clicked.connect(self.toggle_active)
        self.add_window_button.clicked.connect(self.add_window)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.edit_user())

        people = QWidget(self)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.reset_button, self.active_button):
            row.addWidget(button)
        row.addStretch(1)
        box = QVBoxLayout(people)
        box.addWidget(self.table)
        box.addLayout(row)
        windows = QWidget(self)
        row = QHBoxLayout()
        row.addWidget(self.add_window_button)
        row.addStretch(1)
        box = QVBoxLayout(windows)
        box.addWidget(self.windows_table)
        box.addLayout(row)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(people, self.tr("人员(&P)"))
        self.tabs.addTab(windows, self.tr("窗口(&W)"))

        self.may_manage = allowed(user, Action.MANAGE_ACCOUNTS)
        layout = QVBoxLayout(self)
        if not self.may_manage:
            layout.addWidget(hint_label(self.tr("只有负责人可以修改账号和窗口。"), self))
        layout.addWidget(self.tabs)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.add_button.setEnabled(self.may_manage)
        self.add_window_button.setEnabled(self.may_manage)
        self._update_buttons()
        self.resize(640, 420)

    # -- selection -----------------------------------------------------------------------
    def selected(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], Qt.ItemDataRole.UserRole) if rows else None

    def select_login(self, login: str) -> None:
        for row, user in enumerate(self.model.rows):
            if user.login == login:
                self.table.selectRow(row)
                return

    def _update_buttons(self, *_args: object) -> None:
        user = self.selected()
        can = self.may_manage and user is not None
        self.edit_button.setEnabled(can)
        self.reset_button.setEnabled(can)
        refusal = None
        if self.may_manage and user is not None and user.active:
            refusal = self.services.accounts.deactivation_problem(self.user, user)
        self.active_button.setEnabled(can and refusal is None)
        self.active_button.setToolTip(refusal or "")
        self.active_button.setText(
            self.tr("重新启用(&D)") if user is not None and not user.active else self.tr("停用(&D)")
        )

    def _reload(self, login: str | None = None) -> None:
        self.model.reload()
        self.windows_model.reload()
        if login:
            self.select_login(login)
        self._update_buttons()

    def _open(self, form: QDialog) -> None:
        self.editor = form
        form.finished.connect(lambda _r: setattr(self, "editor", None))
        form.open()

    # -- actions -------------------------------------------------------------------------
    def add_clerk(self) -> None:
        def action(v: dict[str, Any]) -> None:
            clerk = self.services.accounts.add_account(
                self.user, v["login"], v["name"], Role.CLERK, v["pin"], v["window_id"]
            )
            self._reload(clerk.login)

        self._open(ClerkForm(self.services.accounts.windows(), action, parent=self))

    def edit_user(self) -> None:
        user = self.selected()
        if user is None:
            return

        def action(v: dict[str, Any]) -> None:
            self.services.accounts.update_account(self.user, user.login, v["name"], v["window_id"])
            self._reload(user.login)

        self._open(ClerkForm(self.services.accounts.windows(), action, user, self))

    def reset_secret(self) -> None:
        user = self.selected()
        if user is None:
            return

        def action(v: dict[str, Any]) -> None:
            self.services.accounts.reset_secret(self.user, user.login, v["secret"])

        self._open(SecretForm(user, action, self))

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        try:
            self.services.accounts.set_active(self.user, user.login, not user.active)
        except UserError as exc:  # e.g. the last supervisor, or changed meanwhile elsewhere
            self.error.show_message(str(exc))
        else:
            self.error.show_message(None)
        self._reload(user.login)

    def add_window(self) -> None:
        def action(v: dict[str, Any]) -> None:
            self.services.accounts.add_window(self.user, v["number"], v["name"])
            self._reload()

        self._open(WindowForm(action, self))
