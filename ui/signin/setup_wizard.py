"""The first-run set-up wizard: centre, this window, the supervisor and the first clerk.

Every field is checked while the user types (by ``window_assistant.setup.field_problem``); a
page's 下一步/完成 stays disabled until the page is valid. Finishing hands everything to
``complete_setup``, which writes it in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ui.admin.centre_secret import imported_text
from ui.admin.rating_address import RatingAddressBox
from ui.common import ErrorLabel, hint_label
from ui.file_dialogs import open_file
from window_assistant.accounts import default_window_name
from window_assistant.centre_secret import import_at_setup
from window_assistant.errors import UserError
from window_assistant.ratings.reach import LanAddress
from window_assistant.settings import Settings
from window_assistant.setup import SetupData, complete_setup, example_serial, field_problem

Check = Callable[[str], "str | None"]


class _FormPage(QWizardPage):
    """A page of labelled line edits, each with a live check and a red line under it."""

    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.checks: dict[str, Check] = {}
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.touched: set[str] = set()
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.status = hint_label("", self)  # how many fields still need input
        self.failure = ErrorLabel(self)  # why finishing was refused
        layout.addWidget(self.status)
        layout.addWidget(self.failure)

    def add_field(
        self,
        name: str,
        label: str,
        check: Check,
        *,
        text: str = "",
        placeholder: str = "",
        secret: bool = False,
        max_length: int = 64,
    ) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setMaxLength(max_length)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        error = ErrorLabel(self)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(edit)
        box.addWidget(error)
        self.form.addRow(label, box)
        self.checks[name], self.edits[name], self.errors[name] = check, edit, error
        self.registerField(name, edit)
        edit.textEdited.connect(lambda _t, n=name: self.touched.add(n))
        edit.textChanged.connect(self.refresh)
        return edit

    def problems(self) -> dict[str, str]:
        found = {}
        for name, check in self.checks.items():
            message = check(self.edits[name].text())
            if message:
                found[name] = message
        return found

    def refresh(self) -> None:
        found = self.problems()
        for name, label in self.errors.items():
            shown = name in self.touched or bool(self.edits[name].text())
            label.show_message(found.get(name) if shown else None)
        hidden = sum(1 for name in found if not self.errors[name].isVisible())
        self.status.setText(
            QCoreApplication.translate("SetupWizard", "还有 {0} 项需要填写。").format(hidden)
            if hidden
            else ""
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return not self.problems()

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self.refresh()


def _field(name: str) -> Check:
    return lambda value: field_problem(name, value)


class CentrePage(_FormPage):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("中心信息"),
            self.tr("这些信息印在一次性告知书上。以后可由负责人在「设置」中修改。"),
            parent,
        )
        self.add_field(
            "centre_name",
            self.tr("中心名称"),
            _field("centre_name"),
            text=settings.centre_name,
            max_length=40,
        )
        abbrev = self.add_field(
            "centre_abbrev",
            self.tr("文号简称"),
            _field("centre_abbrev"),
            text=settings.centre_abbrev,
            placeholder=self.tr("2–8 个汉字,例如 铁西政服"),
            max_length=8,
        )
        self.example = hint_label("", self)
        self.form.addRow("", self.example)
        abbrev.textChanged.connect(self._show_example)
        self.add_field(
            "centre_address",
            self.tr("地址"),
            _field("centre_address"),
            text=settings.centre_address,
            max_length=80,
        )
        self.add_field(
            "centre_phone",
            self.tr("咨询电话"),
            _field("centre_phone"),
            text=settings.centre_phone,
            max_length=40,
        )
        self.add_field(
            "centre_complaint_phone",
            self.tr("监督投诉电话"),
            _field("centre_complaint_phone"),
            text=settings.complaint_phone,
            max_length=40,
        )
        self._show_example(abbrev.text())

    def _show_example(self, abbrev: str) -> None:
        ok = field_problem("centre_abbrev", abbrev) is None
        self.example.setText(
            self.tr("告知书编号示例:{0}").format(example_serial(abbrev)) if ok else ""
        )


class WindowPage(_FormPage):
    def __init__(self, number: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("本窗口"),
            self.tr("本机所在的窗口。告知书和办件登记会写上窗口编号和名称。"),
            parent,
        )
        self.add_field(
            "window_number",
            self.tr("窗口编号"),
            _field("window_number"),
            text=number,
            placeholder=self.tr("例如 3"),
            max_length=10,
        )
        self.name_edit = self.add_field(
            "window_name",
            self.tr("窗口名称"),
            _field("window_name"),
            text=name,
            placeholder=self.tr("例如 3号综合窗口"),
            max_length=40,
        )
        self._number = number
        self.edits["window_number"].textChanged.connect(self._follow_number)

    def _follow_number(self, number: str) -> None:
        """The name follows the number (1号综合窗口 → 3号综合窗口) while it is still the one the
        number gave it (or empty); a name the centre typed itself is left alone."""
        name = self.name_edit.text().strip()
        if not name or name == default_window_name(self._number):
            self.name_edit.setText(default_window_name(number))
        self._number = number


class SupervisorPage(_FormPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("负责人账号"),
            self.tr("负责人导入事项目录、管理账号和设置、查看评价。请牢记密码。"),
            parent,
        )
        self.add_field(
            "supervisor_login", self.tr("工号"), _field("supervisor_login"), max_length=32
        )
        self.add_field("supervisor_name", self.tr("姓名"), _field("supervisor_name"), max_length=20)
        password = self.add_field(
            "supervisor_password",
            self.tr("密码"),
            _field("supervisor_password"),
            secret=True,
            placeholder=self.tr("至少 8 位"),
        )
        self.add_field(
            "supervisor_confirm",
            self.tr("确认密码"),
            lambda v: (
                self.tr("请再输入一次密码。")
                if not v
                else None
                if v == password.text()
                else self.tr("两次输入的密码不一致。")
            ),
            secret=True,
        )
        password.textChanged.connect(self.refresh)


class ClerkPage(_FormPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("首位窗口人员"),
            self.tr("窗口人员用工号和 PIN 登录。以后可由负责人在「账号管理」中增加更多人员。"),
            parent,
        )
        self.add_field("clerk_login", self.tr("工号"), self._check_login, max_length=32)
        self.add_field("clerk_name", self.tr("姓名"), _field("clerk_name"), max_length=20)
        pin = self.add_field(
            "clerk_pin",
            self.tr("PIN"),
            _field("clerk_pin"),
            secret=True,
            placeholder=self.tr("4–8 位数字"),
            max_length=8,
        )
        self.add_field(
            "clerk_confirm",
            self.tr("确认 PIN"),
            lambda v: (
                self.tr("请再输入一次 PIN。")
                if not v
                else None
                if v == pin.text()
                else self.tr("两次输入的 PIN 不一致。")
            ),
            secret=True,
            max_length=8,
        )
        pin.textChanged.connect(self.refresh)

    def _check_login(self, value: str) -> str | None:
        problem = field_problem("clerk_login", value)
        same = self.wizard() is not None and (
            value.strip() == str(self.field("supervisor_login")).strip()
        )
        if problem is None and same:
            return self.tr("窗口人员的工号不能与负责人的工号相同。")
        return problem


class RatingPage(QWizardPage):
    """Where phones reach the rating page; may be left unchosen (sheets then print no QR).
    A window PC joining a centre that has one already imports that centre's secret here, so
    its QR codes verify at the centre's rating server (``centre_secret.import_at_setup``)."""

    def __init__(
        self,
        services,
        parent: QWidget | None = None,
        *,
        addresses: list[LanAddress] | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        settings: Settings = services.settings
        self.setTitle(self.tr("手机扫码评价"))
        self.setSubTitle(
            self.tr(
                "申请人用手机扫告知书上的二维码评价本次服务。请选择手机能访问的本机地址并测试;"
                "暂不确定可以留空,以后由负责人在「设置」中选择。"
            )
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        layout.addStretch(1)
        self.rating = RatingAddressBox(
            form,
            settings.rating_host,
            settings.rating_port,
            settings.rating_by_phone,
            self,
            addresses=addresses,
        )
        self.rating.changed.connect(self.completeChanged)
        self.edits = {"rating_host": self.rating.host_edit, "rating_port": self.rating.port_edit}
        self.secret_button = QPushButton(self.tr("从文件导入中心密钥…"), self)
        self.secret_button.clicked.connect(self.choose_secret)
        self.secret_status = hint_label(
            self.tr("本中心已有其他窗口电脑时,导入负责人从那台电脑导出的中心密钥,评价码才能通用。"),
            self,
        )
        self.secret_error = ErrorLabel(self)
        secret = QVBoxLayout()
        secret.setSpacing(2)
        for widget in (self.secret_button, self.secret_status, self.secret_error):
            secret.addWidget(widget)
        form.addRow(self.tr("中心密钥"), secret)

    def choose_secret(self) -> None:
        path = open_file(self, self.tr("选择中心密钥文件"), self.tr("中心密钥 (*.json)"))
        if path:
            self.import_secret(path)

    def import_secret(self, path: Path) -> None:
        try:
            done = import_at_setup(self.services, path)
        except UserError as exc:
            self.secret_error.show_message(str(exc))
            return
        self.secret_error.show_message(None)
        self.secret_status.setText(imported_text(done))

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return not self.rating.problems()


class SetupWizard(QWizard):
    """Shown at the first start; accepted only once ``complete_setup`` has succeeded."""

    def __init__(
        self,
        services,
        parent: QWidget | None = None,
        *,
        addresses: list[LanAddress] | None = None,  # this PC's, unless a test says otherwise
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.recovery_code = ""  # after accept(): the code complete_setup issued, shown once
        self.setWindowTitle(self.tr("窗口助手 — 首次设置"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for button, text in (
            (QWizard.WizardButton.BackButton, self.tr("< 上一步")),
            (QWizard.WizardButton.NextButton, self.tr("下一步 >")),
            (QWizard.WizardButton.FinishButton, self.tr("完成")),
            (QWizard.WizardButton.CancelButton, self.tr("取消")),
        ):
            self.setButtonText(button, text)
        window = services.accounts.window(services.current_window_id())
        self.centre_page = CentrePage(services.settings, self)
        self.window_page = WindowPage(
            window.number if window else "", window.name if window else "", self
        )
        self.supervisor_page = SupervisorPage(self)
        self.rating_page = RatingPage(services, self, addresses=addresses)
        self.clerk_page = ClerkPage(self)
        for page in (
            self.centre_page,
            self.window_page,
            self.rating_page,
            self.supervisor_page,
            self.clerk_page,
        ):
            self.addPage(page)
        self.setMinimumSize(640, 480)

    def data(self) -> SetupData:
        def text(name: str) -> str:
            return str(self.field(name))

        rating = self.rating_page.rating
        return SetupData(
            **{name: text(name) for name in SetupData.__dataclass_fields__ if name in self._typed},
            rating_host=rating.host(),
            rating_port=rating.port_edit.text().strip(),
            rating_by_phone=rating.by_phone.isChecked(),
        )

    _typed = frozenset(SetupData.__dataclass_fields__) - {
        "rating_host",
        "rating_port",
        "rating_by_phone",
    }

    def accept(self) -> None:
        try:
            self.recovery_code = complete_setup(self.services, self.data())
        except UserError as exc:
            self.clerk_page.failure.show_message(str(exc))
            return
        super().accept()
