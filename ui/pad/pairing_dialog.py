"""配对评价平板: pair the counter's tablet with this window, once (issue 9 §3).

The dialog asks the core for a six-digit code (``pads.start_pairing``), shows it large with the
time left, and the address the tablet opens (``/pad/<window>`` on the rating server, as a QR
code too); the tablet's page sends the code. While the dialog is open it shows the tablet
paired with the window (the rating server pairs it through its own connection, so the list is
read again every few seconds), and 解除配对 unpairs it (a lost tablet).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.cases.case_result import qr_pixmap
from ui.common import ErrorLabel, error_text, hint_label, role_label, set_style_state
from window_assistant.accounts import User
from window_assistant.errors import UserError
from window_assistant.ratings.pads import (
    PairingCode,
    paired_devices,
    start_pairing,
    unpair_devices,
)
from window_assistant.services import Services

TICK_MS = 1000
DEVICES_EVERY = 3  # ticks between two reads of the paired tablets


def pad_url(host: str, port: int, window_id: int) -> str:
    """The address a tablet opens to be the pad of ``window_id``. An IPv6 host gets brackets."""
    host = host.strip()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{int(port)}/pad/{window_id}"


class PairingDialog(QDialog):
    def __init__(
        self, services: Services, user: User, window_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.user = user
        self.window_id = window_id
        self.pairing: PairingCode | None = None
        self._ticks = 0
        self._device_ids: set[int] = set()
        self._paired_now = False
        window = services.accounts.window(window_id)
        self.setWindowTitle(
            self.tr("配对评价平板 — {window}").format(window=window.name if window else window_id)
        )

        self.steps = hint_label(
            self.tr(
                "在平板电脑的浏览器中打开下面的地址(或用平板扫描二维码),"
                "再输入配对码。配对后,这台平板就是本窗口的评价器;"
                "配对另一台平板会解除原来的平板。"
            ),
            self,
        )
        self.url_label = QLabel(self)
        self.url_label.setObjectName("padUrl")
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label.setWordWrap(True)
        self.qr_label = QLabel(self)
        self.qr_label.setObjectName("ratingQr")
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_host = ErrorLabel(self)

        self.code_caption = role_label("hint", self.tr("配对码"), self)
        self.code_label = QLabel(self)
        self.code_label.setObjectName("pairingCode")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.expiry_label = QLabel(self)
        self.expiry_label.setObjectName("pairingExpiry")
        self.expiry_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card = QFrame(self)
        card.setObjectName("qrCard")
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(self.code_caption, 0, Qt.AlignmentFlag.AlignHCenter)
        card_layout.addWidget(self.code_label)
        card_layout.addWidget(self.expiry_label)

        self.devices_label = QLabel(self)
        self.devices_label.setWordWrap(True)
        self.error = ErrorLabel(self)
        self.new_code_button = QPushButton(self.tr("重新生成配对码"), self)
        self.unpair_button = QPushButton(self.tr("解除配对"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.new_code_button.clicked.connect(self.new_code)
        self.unpair_button.clicked.connect(self.unpair)
        self.close_button.clicked.connect(self.accept)
        for button in (self.new_code_button, self.unpair_button, self.close_button):
            button.setAutoDefault(False)

        left = QVBoxLayout()
        left.addWidget(self.steps)
        left.addWidget(self.url_label)
        left.addWidget(self.no_host)
        left.addSpacing(12)
        left.addWidget(card)
        left.addStretch(1)
        left.addWidget(self.devices_label)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unpair_button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_code_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self._show_address()
        self.refresh_devices()
        if self.url:
            self.new_code()
        else:
            self._show_code()
        self.resize(760, 440)

    # -- the address ---------------------------------------------------------------------
    def _show_address(self) -> None:
        settings = self.services.settings
        host = settings.rating_host
        self.url = pad_url(host, settings.rating_port, self.window_id) if host else ""
        self.url_label.setText(self.url)
        self.url_label.setVisible(bool(self.url))
        self.qr_label.setVisible(bool(self.url))
        if self.url:
            self.qr_label.setPixmap(qr_pixmap(self.url))
        self.no_host.show_message(
            ""
            if self.url
            else self.tr(
                "尚未选择评价服务地址,平板电脑无法连接本机。"
                "请先在 管理 → 设置 → 评价服务 中选择本机的局域网地址,再来配对。"
            )
        )
        self.new_code_button.setEnabled(bool(self.url))

    # -- the code ------------------------------------------------------------------------
    def new_code(self) -> None:
        try:
            self.pairing = start_pairing(self.services, self.user, self.window_id)
        except UserError as exc:
            self.error.show_message(error_text(exc))
            return
        self.error.show_message(None)
        self._paired_now = False
        self._show_code()
        self.timer.start()

    def seconds_left(self, now: datetime | None = None) -> int:
        if self.pairing is None:
            return 0
        left = (self.pairing.expires_at - (now or datetime.now())).total_seconds()
        return max(0, int(left))

    def _show_code(self) -> None:
        left = self.seconds_left()
        if self.pairing is None or not left:
            self.timer.stop()
            self.code_label.setText("— — —")
            set_style_state(self.code_label, "state", "expired")
            if self._paired_now:
                text = self.tr("配对成功,配对码已用过。")
            elif self.pairing is not None:
                text = self.tr("配对码已过期,请重新生成。")
            else:
                text = self.tr("没有有效的配对码。")
            self.expiry_label.setText(text)
            return
        code = self.pairing.code
        self.code_label.setText(f"{code[:3]} {code[3:]}")
        set_style_state(self.code_label, "state", "")
        self.expiry_label.setText(
            self.tr("有效至 {time}(还剩 {minutes}:{seconds:02d})").format(
                time=self.pairing.expires_at.strftime("%H:%M"),
                minutes=left // 60,
                seconds=left % 60,
            )
        )

    def _tick(self) -> None:
        self._show_code()
        self._ticks += 1
        if self._ticks % DEVICES_EVERY == 0:
            self.refresh_devices()

    # -- the paired tablet ---------------------------------------------------------------
    def refresh_devices(self) -> None:
        devices = paired_devices(self.services, self.window_id)
        ids = {d.id for d in devices}
        if self.pairing is not None and ids - self._device_ids:
            self.pairing, self._paired_now = None, True  # the tablet used the code
            self._show_code()
        self._device_ids = ids
        if devices:
            lines = [
                self.tr("已配对:{name}({at} 配对)").format(
                    name=d.name, at=d.paired_at.replace("T", " ")[:16]
                )
                for d in devices
            ]
            self.devices_label.setText("\n".join(lines))
        else:
            self.devices_label.setText(self.tr("本窗口还没有配对的平板电脑。"))
        self.unpair_button.setEnabled(bool(devices))

    def unpair(self) -> int:
        try:
            count = unpair_devices(self.services, self.user, self.window_id)
        except UserError as exc:
            self.error.show_message(error_text(exc))
            return 0
        self.pairing = None  # unpairing voids the code too (the core deletes it)
        self.error.show_message(None)
        self.refresh_devices()
        self._show_code()
        return count

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)
