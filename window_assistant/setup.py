"""The first-run set-up: the centre's profile, this window, the supervisor and the first clerk.

A fresh database carries a default window and a PIN-less default clerk so that scripts and
tests can work at once (see ``services.initialise``). The set-up replaces those defaults with
the real ones in a single transaction. The default clerk's row is updated, never deleted, so
anything already pointing at it (cases, sheets) stays valid.

The field checks live here, not in the wizard, so the UI stays a thin view: it asks
``field_problem`` for a message while the user types.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from window_assistant.accounts import DEFAULT_CLERK, DEFAULT_WINDOW, hash_secret, login_problem
from window_assistant.errors import UserError

# CJK Unified Ideographs and Extension A: what a 文号 like 铁西政服告〔2026〕… is made of.
_ABBREV_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,8}")
_PHONE_RE = re.compile(r"[0-9][0-9 ()+\-/、,]{2,39}")
_PIN_RE = re.compile(r"\d{4,8}")
_WINDOW_NUMBER_RE = re.compile(r"[A-Za-z0-9\-]{1,10}")
_HOST_LABEL_RE = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
MIN_PASSWORD = 8
PORT_RANGE = (1024, 65535)


@dataclass
class SetupData:
    """Everything the first-run set-up asks for. Secrets are never logged or audited."""

    centre_name: str
    centre_abbrev: str
    centre_address: str
    centre_phone: str
    centre_complaint_phone: str
    window_number: str
    window_name: str
    supervisor_login: str
    supervisor_name: str
    supervisor_password: str
    clerk_login: str
    clerk_name: str
    clerk_pin: str

    def __repr__(self) -> str:  # keep secrets out of tracebacks and logs
        return (
            f"SetupData(centre={self.centre_name!r}, window={self.window_number!r}, "
            f"supervisor={self.supervisor_login!r}, clerk={self.clerk_login!r})"
        )


def field_problem(name: str, value: str) -> str | None:
    """What is wrong with one field's value, in Chinese, or None when it is acceptable."""
    value = value.strip() if name not in ("supervisor_password", "clerk_pin") else value
    if name == "centre_name":
        if not value:
            return "请填写中心名称。"
        if len(value) > 40:
            return "中心名称不能超过 40 个字。"
    elif name == "centre_abbrev":
        if not value:
            return "请填写文号简称,例如「铁西政服」。"
        if not _ABBREV_RE.fullmatch(value):
            return "文号简称须为 2–8 个汉字(不含数字、字母和标点),例如「铁西政服」。"
    elif name == "centre_address":
        if not value:
            return "请填写中心地址。"
    elif name in ("centre_phone", "centre_complaint_phone"):
        label = "咨询电话" if name == "centre_phone" else "监督投诉电话"
        if not value:
            return f"请填写{label}。"
        if not _PHONE_RE.fullmatch(value) or sum(c.isdigit() for c in value) < 3:
            return f"{label}只能包含数字、空格和短横线,例如 0412-8888123 或 12345。"
    elif name == "window_number":
        if not value:
            return "请填写窗口编号。"
        if not _WINDOW_NUMBER_RE.fullmatch(value):
            return "窗口编号须为 1–10 位数字或字母,例如 3 或 A3。"
    elif name == "window_name":
        if not value:
            return "请填写窗口名称,例如「3号综合窗口」。"
    elif name in ("supervisor_login", "clerk_login"):
        if not value:
            return "请填写工号。"
        return login_problem(value)
    elif name in ("supervisor_name", "clerk_name"):
        if not value:
            return "请填写姓名。"
    elif name == "supervisor_password":
        if len(value) < MIN_PASSWORD:
            return f"密码至少 {MIN_PASSWORD} 位。"
    elif name == "clerk_pin":
        if not _PIN_RE.fullmatch(value):
            return "PIN 须为 4–8 位数字。"
    else:
        raise KeyError(name)
    return None


def problems(data: SetupData) -> dict[str, str]:
    """Every field problem of ``data``, plus the cross-field ones; empty when it can be saved."""
    found = {
        name: msg
        for name, msg in (
            (n, field_problem(n, getattr(data, n))) for n in data.__dataclass_fields__
        )
        if msg
    }
    if data.supervisor_login.strip() and data.supervisor_login.strip() == data.clerk_login.strip():
        found.setdefault("clerk_login", "窗口人员的工号不能与负责人的工号相同。")
    return found


def needs_setup(services: Any) -> bool:
    """Whether the window should run the first-run set-up before anything else."""
    return not services.settings.get("setup.completed")


def complete_setup(services: Any, data: SetupData) -> None:
    """Write the set-up in one transaction, or nothing at all (raises ``UserError``)."""
    found = problems(data)
    if found:
        raise UserError("首次设置的内容不完整或有误,请修改后再完成。", list(found.values()))
    if services.settings.get("setup.completed"):
        raise UserError("本机已完成首次设置。如需修改,请由负责人在「设置」和「账号管理」中调整。")
    sup_login, clerk_login = data.supervisor_login.strip(), data.clerk_login.strip()
    number, window_name = data.window_number.strip(), data.window_name.strip()
    with services.store.transaction() as db:
        window_id = _set_up_window(db, services, number, window_name)
        _set_up_clerk(db, clerk_login, data.clerk_name.strip(), data.clerk_pin, window_id)
        if db.execute("SELECT 1 FROM users WHERE login = ?", [sup_login]).fetchone():
            raise UserError(f"工号 {sup_login} 已被占用,请为负责人换一个工号。")
        services.accounts.add_user(
            sup_login, data.supervisor_name, "supervisor", data.supervisor_password
        )
        services.settings.update(
            {
                "centre.name": data.centre_name.strip(),
                "centre.abbrev": data.centre_abbrev.strip(),
                "centre.address": data.centre_address.strip(),
                "centre.phone": data.centre_phone.strip(),
                "centre.complaint_phone": data.centre_complaint_phone.strip(),
                "window.current": window_id,
                "setup.completed": True,
            }
        )
        services.audit.record(
            sup_login,
            "setup.completed",
            centre=data.centre_name.strip(),
            abbrev=data.centre_abbrev.strip(),
            window=f"{number} {window_name}",
            supervisor=sup_login,
            clerk=clerk_login,
        )


def _set_up_window(db: Any, services: Any, number: str, name: str) -> int:
    """Rename the default window (or this installation's window) to the one entered."""
    row = db.execute(
        "SELECT id FROM windows WHERE number = ? AND name = ?", list(DEFAULT_WINDOW)
    ).fetchone()
    window_id = row[0] if row else services.current_window_id()
    clash = db.execute(
        "SELECT id FROM windows WHERE number = ? AND id != ?", [number, window_id]
    ).fetchone()
    if clash:
        # The window already exists (set up before on a copied database): use it as it is.
        return int(clash[0])
    if window_id:
        services.accounts.update_window(window_id, number, name)
        return int(window_id)
    return services.accounts.add_window(number, name).id


def _set_up_clerk(db: Any, login: str, name: str, pin: str, window_id: int) -> None:
    """Turn the PIN-less default clerk into the entered clerk, in place; else add the clerk."""
    default = db.execute(
        "SELECT id FROM users WHERE login = ? AND role = 'clerk' AND secret_hash = '!'",
        [DEFAULT_CLERK[0]],
    ).fetchone()
    other = db.execute("SELECT id, role FROM users WHERE login = ?", [login]).fetchone()
    if other and (default is None or other[0] != default[0]):
        if other[1] != "clerk":
            raise UserError(f"工号 {login} 已被占用,请为窗口人员换一个工号。")
        # An existing clerk with this login: give them the PIN and the window entered.
        db.execute(
            "UPDATE users SET name = ?, secret_hash = ?, window_id = ?, active = 1 WHERE id = ?",
            [name, hash_secret(pin), window_id, other[0]],
        )
        if default is not None:
            db.execute("UPDATE users SET active = 0 WHERE id = ?", [default[0]])
        return
    if default is not None:
        db.execute(
            "UPDATE users SET login = ?, name = ?, secret_hash = ?, window_id = ?, active = 1"
            " WHERE id = ?",
            [login, name, hash_secret(pin), window_id, default[0]],
        )
        return
    db.execute(
        "INSERT INTO users (login, name, role, secret_hash, window_id, active, created_at)"
        " VALUES (?, ?, 'clerk', ?, ?, 1, ?)",
        [
            login,
            name,
            hash_secret(pin),
            window_id,
            datetime.now().isoformat(timespec="seconds"),
        ],
    )


def example_serial(abbrev: str, year: int | None = None) -> str:
    """How a 告知书 number will look with this abbreviation, e.g. 铁西政服告〔2026〕000123号."""
    year = year or datetime.now().year
    return f"{abbrev.strip()}告〔{year}〕000123号"


_CENTRE_FIELDS = {
    "centre.name": "centre_name",
    "centre.abbrev": "centre_abbrev",
    "centre.address": "centre_address",
    "centre.phone": "centre_phone",
    "centre.complaint_phone": "centre_complaint_phone",
}


def setting_problem(key: str, value: str) -> str | None:
    """What is wrong with a value typed into the settings dialog, or None.

    The centre's fields follow the set-up's rules; the rating server needs an IPv4 address or
    a host name, and a port a normal user may open (1024–65535).
    """
    if key in _CENTRE_FIELDS:
        return field_problem(_CENTRE_FIELDS[key], value)
    value = str(value).strip()
    if key == "rating.host":
        if not value:
            return "请填写评价服务地址,例如 192.168.1.20。"
        if _is_ipv4(value) or _is_hostname(value):
            return None
        return "评价服务地址须为 IPv4 地址(如 192.168.1.20)或主机名(如 pingjia-pc)。"
    if key == "rating.port":
        low, high = PORT_RANGE
        if not value.isdigit() or not low <= int(value) <= high:
            return f"端口须为 {low}–{high} 之间的整数,例如 8765。"
        return None
    return None


def _is_ipv4(value: str) -> bool:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


def _is_hostname(value: str) -> bool:
    labels = value.rstrip(".").split(".")
    if len(value) > 253 or all(label.isdigit() for label in labels):
        return False  # all-numeric looks like a mistyped IPv4 address
    return all(_HOST_LABEL_RE.fullmatch(label) for label in labels)
