"""Choosing the address phones reach the rating page by, and testing it (测试).

Shared by the first-run wizard and the settings dialog. The address list is this PC's LAN
addresses (``ratings.reach.lan_addresses``: never 127.0.0.1), editable for a host name. 测试 runs
``ratings.reach.try_address`` in the background (``ui.worker``: a firewall can make it wait
seconds) and shows its Chinese verdict; a passed test turns rating by phone on, since that is
the moment someone has seen the address work.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.common import ErrorLabel, hint_label, role_label, set_style_state
from ui.worker import Worker
from window_assistant.ratings.reach import LanAddress, ReachResult, lan_addresses, try_address
from window_assistant.settings import setting_problem

TEST_TIMEOUT_S = 3.0


class RatingAddressBox(QObject):
    """Address, port, 测试 and the rating-by-phone switch, as rows of ``form`` (its widgets
    belong to ``parent``: this object only ties them together)."""

    changed = Signal()  # any field edited: the owner re-checks and refreshes its buttons

    def __init__(
        self,
        form: QFormLayout,
        host: str,
        port: int,
        by_phone: bool,
        parent: QWidget,
        *,
        addresses: list[LanAddress] | None = None,
    ) -> None:
        super().__init__(parent)
        self.addresses = lan_addresses() if addresses is None else addresses
        self.host_combo = QComboBox(parent)
        self.host_combo.setEditable(True)
        self.host_combo.setObjectName("rating.host")
        for a in self.addresses:
            self.host_combo.addItem(a.label(), a.address)
        self.host_edit = QLineEdit(parent)  # the combo's own, so the type is not Optional
        self.host_combo.setLineEdit(self.host_edit)
        self.host_edit.setPlaceholderText(self.tr("选择本机地址,或输入主机名"))
        self.host_combo.activated.connect(self._picked)
        self.host_edit.setText(host)
        self.host_error = ErrorLabel(parent)
        self.port_edit = QLineEdit(str(port), parent)
        self.port_edit.setObjectName("rating.port")
        self.port_error = ErrorLabel(parent)
        self.test_button = QPushButton(self.tr("测试"), parent)
        self.test_button.setObjectName("ratingTest")
        self.verdict = role_label("hint", "", parent)
        self.verdict.setWordWrap(True)
        self.by_phone = QCheckBox(self.tr("手机扫码评价(告知书印评价二维码)"), parent)
        self.by_phone.setObjectName("rating.by_phone")
        self.by_phone.setChecked(by_phone)
        self.worker = Worker(self)
        self.result: ReachResult | None = None  # the last 测试's verdict

        host_row = QHBoxLayout()
        host_row.addWidget(self.host_combo, 1)
        host_row.addWidget(self.test_button)
        form.addRow(self.tr("评价服务地址"), host_row)
        form.addRow("", self.host_error)
        form.addRow(self.tr("端口"), self.port_edit)
        form.addRow("", self.port_error)
        form.addRow("", self.verdict)
        form.addRow("", self.by_phone)
        found = "、".join(a.label() for a in self.addresses) or self.tr("(未找到)")
        form.addRow(
            "",
            hint_label(
                self.tr(
                    "本机局域网地址:{0}。评价二维码指向 http://地址:端口/r/…,手机连接中心"
                    "无线网络后扫码评价;请选择手机能访问的地址并点「测试」。不开启手机扫码评价时,"
                    "告知书不印二维码,提示申请人在窗口评价器上评价。"
                ).format(found),
                parent,
            ),
        )
        self.test_button.clicked.connect(self.test)
        for edit in (self.host_edit, self.port_edit):
            edit.textChanged.connect(self._edited)
        self.by_phone.toggled.connect(lambda _on: self.changed.emit())
        self._edited()

    # -- values ----------------------------------------------------------------------------
    def host(self) -> str:
        return self.host_edit.text().strip()

    def problems(self) -> dict[str, str]:
        found = {}
        for key, text in (("rating.host", self.host()), ("rating.port", self.port_edit.text())):
            problem = setting_problem(key, text)
            if problem:
                found[key] = problem
        return found

    def set_enabled(self, enabled: bool) -> None:
        """Greyed out for an account that may not change the rating server."""
        for w in (self.host_combo, self.port_edit, self.test_button, self.by_phone):
            w.setEnabled(enabled)
        if enabled:
            self._edited()

    def _picked(self, index: int) -> None:
        # The list shows "192.168.1.20(eth0,默认网络)"; the setting is the bare address.
        self.host_edit.setText(str(self.host_combo.itemData(index)))

    def _edited(self) -> None:
        found = self.problems()
        self.host_error.show_message(found.get("rating.host"))
        self.port_error.show_message(found.get("rating.port"))
        chosen = bool(self.host()) and "rating.host" not in found
        if not chosen:
            self.by_phone.setChecked(False)  # phones cannot rate without an address
        self.by_phone.setEnabled(chosen and self.host_combo.isEnabled())
        self.test_button.setEnabled(chosen and not found and not self.worker.busy)
        self._show(None)
        self.changed.emit()

    # -- 测试 ------------------------------------------------------------------------------
    def test(self) -> None:
        if self.problems() or not self.host() or self.worker.busy:
            return
        host, port = self.host(), int(self.port_edit.text())
        self.test_button.setEnabled(False)
        self.verdict.setText(self.tr("正在测试 {0}:{1}……").format(host, port))
        set_style_state(self.verdict, "role", "hint")
        self.worker.run(
            lambda report: try_address(host, port, TEST_TIMEOUT_S),
            lambda result: self._tested(host, port, result),
            self._failed,
        )

    def _tested(self, host: str, port: int, result: ReachResult) -> None:
        if (host, str(port)) != (self.host(), self.port_edit.text().strip()):
            return  # edited while testing: the verdict is about another address
        self._show(result)
        if result.ok:
            self.by_phone.setChecked(True)
        self.test_button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self.result = None
        self.verdict.setText(self.tr("测试未能完成:{0}").format(exc))
        set_style_state(self.verdict, "role", "error")
        self.test_button.setEnabled(True)

    def _show(self, result: ReachResult | None) -> None:
        self.result = result
        self.verdict.setText(result.message if result else "")
        set_style_state(self.verdict, "role", "ok" if result and result.ok else "error")
