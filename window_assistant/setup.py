"""The first-run set-up: the centre's profile, this window, the supervisor and the first clerk.

A fresh database carries a default window and a PIN-less default clerk so that scripts and
tests can work at once (see ``services.initialise``). The set-up replaces those defaults with
the real ones in a single transaction. The default clerk's row is updated, never deleted, so
anything already pointing at it (cases, sheets) stays valid.

The wizard asks ``field_problem`` for a message while the user types; each field's check is the
one the accounts and settings use cases apply when saving, so the UI holds no rule of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from window_assistant.accounts import (
    DEFAULT_CLERK,
    DEFAULT_WINDOW,
    INSTALLER,
    NO_SECRET,
    hash_secret,
    login_problem,
    name_problem,
    secret_problem,
    window_name_problem,
    window_number_problem,
)
from window_assistant.errors import UserError
from window_assistant.recovery import issue_code
from window_assistant.settings import (
    Settings,
    abbrev_problem,
    address_problem,
    centre_name_problem,
    host_problem,
    phone_check,
    setting_problem,
)
from window_assistant.vocab import Role

# Each field's check, the same one the accounts and settings use cases apply when saving.
_CHECKS = {
    "centre_name": centre_name_problem,
    "centre_abbrev": abbrev_problem,
    "centre_address": address_problem,
    "centre_phone": phone_check("咨询电话"),
    "centre_complaint_phone": phone_check("监督投诉电话"),
    "window_number": window_number_problem,
    "window_name": window_name_problem,
    "supervisor_login": login_problem,
    "clerk_login": login_problem,
    "supervisor_name": name_problem,
    "clerk_name": name_problem,
    "supervisor_password": lambda v: secret_problem(Role.SUPERVISOR, v),
    "clerk_pin": lambda v: secret_problem(Role.CLERK, v),
    "rating_host": host_problem,
    "rating_port": lambda v: setting_problem(Settings.rating_port.key, v),
}


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
    # The address phones reach the rating page by; may be left for later (then no QR code).
    rating_host: str = ""
    rating_port: str = str(Settings.rating_port.default)
    rating_by_phone: bool = False

    def __repr__(self) -> str:  # keep secrets out of tracebacks and logs
        return (
            f"SetupData(centre={self.centre_name!r}, window={self.window_number!r}, "
            f"supervisor={self.supervisor_login!r}, clerk={self.clerk_login!r})"
        )


def field_problem(name: str, value: str) -> str | None:
    """What is wrong with one field's value, in Chinese, or None when it is acceptable."""
    value = value.strip() if name not in ("supervisor_password", "clerk_pin") else value
    return _CHECKS[name](value)


def problems(data: SetupData) -> dict[str, str]:
    """Every field problem of ``data``, plus the cross-field ones; empty when it can be saved."""
    found = {
        name: msg
        for name, msg in (
            (n, field_problem(n, getattr(data, n)))
            for n in data.__dataclass_fields__
            if n in _CHECKS
        )
        if msg
    }
    if data.supervisor_login.strip() and data.supervisor_login.strip() == data.clerk_login.strip():
        found.setdefault("clerk_login", "窗口人员的工号不能与负责人的工号相同。")
    if data.rating_by_phone and not data.rating_host.strip():
        found.setdefault("rating_host", "开启「手机扫码评价」前,请先选择评价服务地址。")
    return found


def needs_setup(services: Any) -> bool:
    """Whether the window should run the first-run set-up before anything else."""
    return not services.settings.setup_completed


def complete_setup(services: Any, data: SetupData) -> str:
    """Write the set-up in one transaction, or nothing at all (raises ``UserError``).

    Nobody can sign in before it, so it acts as ``INSTALLER`` through the same use cases a
    supervisor's changes go through (each audited), and is allowed exactly once. Returns the
    supervisor's password recovery code, to be shown once (``recovery``: only its hash is
    kept)."""
    found = problems(data)
    if found:
        raise UserError("首次设置的内容不完整或有误,请修改后再完成。", list(found.values()))
    if services.settings.setup_completed:
        raise UserError("本机已完成首次设置。如需修改,请由负责人在「设置」和「账号管理」中调整。")
    sup_login, clerk_login = data.supervisor_login.strip(), data.clerk_login.strip()
    number, window_name = data.window_number.strip(), data.window_name.strip()
    with services.store.transaction() as db:
        window_id = _set_up_window(db, services, number, window_name)
        _set_up_clerk(db, clerk_login, data.clerk_name.strip(), data.clerk_pin, window_id)
        if db.execute("SELECT 1 FROM users WHERE login = ?", [sup_login]).fetchone():
            raise UserError(f"工号 {sup_login} 已被占用,请为负责人换一个工号。")
        services.accounts.add_account(
            INSTALLER, sup_login, data.supervisor_name, Role.SUPERVISOR, data.supervisor_password
        )
        services.settings.change(
            INSTALLER,
            {
                Settings.centre_name.key: data.centre_name,
                Settings.centre_abbrev.key: data.centre_abbrev,
                Settings.centre_address.key: data.centre_address,
                Settings.centre_phone.key: data.centre_phone,
                Settings.complaint_phone.key: data.centre_complaint_phone,
                Settings.current_window.key: window_id,
                Settings.rating_host.key: data.rating_host,
                Settings.rating_port.key: data.rating_port,
                Settings.rating_by_phone.key: data.rating_by_phone,
            },
        )
        services.settings.mark_set_up()
        code = issue_code(services, INSTALLER)
        services.audit.record(
            sup_login,
            "setup.completed",
            centre=data.centre_name.strip(),
            abbrev=data.centre_abbrev.strip(),
            window=f"{number} {window_name}",
            supervisor=sup_login,
            clerk=clerk_login,
        )
    return code


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
        services.accounts.update_window(INSTALLER, window_id, number, name)
        return int(window_id)
    return int(services.accounts.add_window(INSTALLER, number, name).id)


def _set_up_clerk(db: Any, login: str, name: str, pin: str, window_id: int) -> None:
    """Turn the PIN-less default clerk into the entered clerk, in place; else add the clerk."""
    default = db.execute(
        "SELECT id FROM users WHERE login = ? AND role = 'clerk' AND secret_hash = ?",
        [DEFAULT_CLERK[0], NO_SECRET],
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
    """How a 告知书 number will look with this abbreviation, e.g. 铁西政服告〔2026〕123号."""
    year = year or datetime.now().year
    return f"{abbrev.strip()}告〔{year}〕123号"
