"""Settings, declared in one place with their defaults; stored as JSON values in the store.

Reading a setting nobody has written returns its default, so adding a setting needs no
migration; renaming one does, through ``RENAMED`` (old key → new key), applied on open.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from window_assistant.errors import UserError
from window_assistant.store.database import Store


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    label: str  # Chinese label, shown in the settings dialog and in the audit log


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("setup.completed", False, "已完成首次设置"),
        Setting("centre.name", "铁西区政务服务中心", "中心名称"),
        Setting("centre.abbrev", "铁西政服", "文号简称"),
        Setting("centre.address", "辽宁省鞍山市铁西区建国大道西段188号", "中心地址"),
        Setting("centre.phone", "0412-8888123", "咨询电话"),
        Setting("centre.complaint_phone", "12345", "监督投诉电话"),
        Setting("centre.secret", "", "评价签名密钥"),
        Setting("window.current", 1, "本机窗口"),
        Setting("rating.host", "127.0.0.1", "评价服务地址"),
        Setting("rating.port", 8765, "评价服务端口"),
        Setting("rating.token_days", 7, "评价码有效天数"),
        Setting("rongque.days", 5, "容缺材料补齐期限(工作日)"),
        Setting("correction.days", 5, "补正材料补齐期限(工作日)"),
        Setting("print.title_font", "黑体", "标题字体"),
        Setting("print.body_font", "仿宋", "正文字体"),
        Setting("ui.language", "zh_CN", "界面语言"),
        Setting("backup.keep", 14, "自动备份保留份数"),
    )
}

RENAMED: dict[str, str] = {}

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


class Settings:
    """Typed access to the settings table."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._migrate()

    def _migrate(self) -> None:
        with self.store.transaction() as db:
            for old, new in RENAMED.items():
                db.execute("UPDATE OR IGNORE settings SET key = ? WHERE key = ?", [new, old])

    def get(self, key: str) -> Any:
        if key not in SETTINGS:
            raise KeyError(key)
        row = self.store.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else SETTINGS[key].default

    def set(self, key: str, value: Any) -> None:
        if key not in SETTINGS:
            raise KeyError(key)
        default = SETTINGS[key].default
        if isinstance(default, bool):
            value = bool(value)
        elif isinstance(default, int):
            try:
                value = int(value)
            except (TypeError, ValueError) as exc:
                raise UserError(f"设置「{SETTINGS[key].label}」需要一个整数,收到:{value}") from exc
        elif isinstance(default, str):
            value = str(value)
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value, ensure_ascii=False)],
            )

    def update(self, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
        """Set several values at once; return {key: (old, new)} of those that changed."""
        changed = {}
        with self.store.transaction():
            for key, value in values.items():
                old = self.get(key)
                self.set(key, value)
                new = self.get(key)
                if old != new:
                    changed[key] = (old, new)
        return changed

    def all(self) -> dict[str, Any]:
        return {key: self.get(key) for key in SETTINGS}
