"""Windows, clerks and supervisors; PINs and passwords kept only as scrypt hashes."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from window_assistant.errors import UserError
from window_assistant.store.database import Store

_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
_LOGIN_RE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
MAX_FAILURES = 5  # wrong PINs in a row before a login is locked for LOCK_SECONDS
LOCK_SECONDS = 300


def login_problem(login: str) -> str | None:
    """Why ``login`` cannot be a 工号, or None."""
    if not _LOGIN_RE.fullmatch(login.strip()):
        return "工号只能由字母、数字、下划线、点或短横线组成(1–32 位)。"
    return None


def hash_secret(secret: str) -> str:
    """scrypt with a random salt, stored as ``scrypt$n$r$p$salt$hash``."""
    # Imported here, not at start-up: loading OpenSSL's hashlib costs the window ~3 ms.
    import base64
    import hashlib
    import secrets

    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, **_SCRYPT)
    enc = base64.b64encode
    return "scrypt${n}${r}${p}$".format(**_SCRYPT) + f"{enc(salt).decode()}${enc(digest).decode()}"


def verify_secret(secret: str, stored: str) -> bool:
    import base64
    import hashlib
    import hmac

    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            secret.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


@dataclass
class Window:
    id: int
    number: str
    name: str


@dataclass
class User:
    id: int
    login: str
    name: str
    role: str  # "clerk" | "supervisor"
    window_id: int | None
    active: bool

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


DEFAULT_WINDOW = ("1", "1号综合窗口")
DEFAULT_CLERK = ("0001", "窗口人员")  # login, name; PIN-less until the first-run set-up


class Accounts:
    def __init__(self, store: Store, clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self._clock = clock
        self._failures: dict[str, list[float]] = {}  # login → times of recent wrong secrets

    # -- windows -------------------------------------------------------------------------
    def windows(self) -> list[Window]:
        rows = self.store.execute("SELECT id, number, name FROM windows ORDER BY id")
        return [Window(*r) for r in rows]

    def window(self, window_id: int) -> Window | None:
        row = self.store.execute(
            "SELECT id, number, name FROM windows WHERE id = ?", [window_id]
        ).fetchone()
        return Window(*row) if row else None

    def add_window(self, number: str, name: str) -> Window:
        number, name = number.strip(), name.strip()
        if not number or not name:
            raise UserError("窗口编号和窗口名称不能为空。")
        with self.store.transaction() as db:
            if db.execute("SELECT 1 FROM windows WHERE number = ?", [number]).fetchone():
                raise UserError(f"窗口编号 {number} 已存在。")
            cur = db.execute("INSERT INTO windows (number, name) VALUES (?, ?)", [number, name])
        return Window(cur.lastrowid, number, name)

    def update_window(self, window_id: int, number: str, name: str) -> None:
        number, name = number.strip(), name.strip()
        if not number or not name:
            raise UserError("窗口编号和窗口名称不能为空。")
        with self.store.transaction() as db:
            clash = db.execute(
                "SELECT 1 FROM windows WHERE number = ? AND id != ?", [number, window_id]
            ).fetchone()
            if clash:
                raise UserError(f"窗口编号 {number} 已被其他窗口使用。")
            db.execute(
                "UPDATE windows SET number = ?, name = ? WHERE id = ?",
                [number.strip(), name.strip(), window_id],
            )

    # -- users ---------------------------------------------------------------------------
    def users(self, role: str | None = None) -> list[User]:
        sql = "SELECT id, login, name, role, window_id, active FROM users"
        params: list[str] = []
        if role:
            sql += " WHERE role = ?"
            params.append(role)
        rows = self.store.execute(sql + " ORDER BY role DESC, login", params)
        return [User(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]

    def user(self, login: str) -> User | None:
        return next((u for u in self.users() if u.login == login), None)

    def add_user(
        self, login: str, name: str, role: str, secret: str, window_id: int | None = None
    ) -> User:
        login, name = login.strip(), name.strip()
        problem = login_problem(login)
        if problem:
            raise UserError(problem)
        if not name:
            raise UserError("姓名不能为空。")
        if role not in ("clerk", "supervisor"):
            raise UserError(f"未知角色:{role}")
        self._check_secret(role, secret)
        with self.store.transaction() as db:
            if db.execute("SELECT 1 FROM users WHERE login = ?", [login]).fetchone():
                raise UserError(f"工号 {login} 已存在。")
            cur = db.execute(
                "INSERT INTO users (login, name, role, secret_hash, window_id, active, created_at)"
                " VALUES (?, ?, ?, ?, ?, 1, ?)",
                [
                    login,
                    name,
                    role,
                    hash_secret(secret),
                    window_id,
                    datetime.now().isoformat(timespec="seconds"),
                ],
            )
        return User(cur.lastrowid, login, name, role, window_id, True)

    @staticmethod
    def _check_secret(role: str, secret: str) -> None:
        if role == "clerk" and not re.fullmatch(r"\d{4,8}", secret):
            raise UserError("PIN 须为 4–8 位数字。")
        if role == "supervisor" and len(secret) < 8:
            raise UserError("负责人密码至少 8 位。")

    def set_secret(self, login: str, secret: str) -> None:
        user = self.user(login)
        if user is None:
            raise UserError(f"没有工号为 {login} 的用户。")
        self._check_secret(user.role, secret)
        with self.store.transaction() as db:
            db.execute(
                "UPDATE users SET secret_hash = ? WHERE login = ?", [hash_secret(secret), login]
            )

    def set_active(self, login: str, active: bool) -> None:
        with self.store.transaction() as db:
            db.execute("UPDATE users SET active = ? WHERE login = ?", [int(active), login])

    def update_user(self, login: str, name: str, window_id: int | None) -> None:
        if not name.strip():
            raise UserError("姓名不能为空。")
        with self.store.transaction() as db:
            db.execute(
                "UPDATE users SET name = ?, window_id = ? WHERE login = ?",
                [name.strip(), window_id, login],
            )

    def authenticate(self, login: str, secret: str) -> User:
        """Return the user or raise a UserError that does not say which part was wrong.

        After MAX_FAILURES wrong attempts for one login, that login is locked for LOCK_SECONDS,
        so a 4-digit PIN cannot be found by trying them all at the counter.
        """
        login = login.strip()
        now = self._clock()
        recent = [t for t in self._failures.get(login, []) if now - t < LOCK_SECONDS]
        self._failures[login] = recent
        if len(recent) >= MAX_FAILURES:
            wait = int(LOCK_SECONDS - (now - recent[-MAX_FAILURES])) // 60 + 1
            raise UserError(f"该工号连续输错 {MAX_FAILURES} 次,已暂时锁定,请约 {wait} 分钟后再试。")
        row = self.store.execute(
            "SELECT id, login, name, role, window_id, active, secret_hash FROM users"
            " WHERE login = ?",
            [login],
        ).fetchone()
        # Hash even for an unknown login so timing does not reveal which logins exist.
        stored = row[6] if row else hash_secret("")
        ok = verify_secret(secret, stored) and row is not None
        if not ok or not row[5]:
            recent.append(now)
            raise UserError("工号或密码(PIN)不正确,或该账号已停用。")
        self._failures.pop(login, None)
        return User(row[0], row[1], row[2], row[3], row[4], bool(row[5]))

    # -- defaults ------------------------------------------------------------------------
    def ensure_defaults(self) -> None:
        """A fresh database gets one window and one clerk so scripts can issue sheets at once."""
        with self.store.transaction() as db:
            if not db.execute("SELECT 1 FROM windows").fetchone():
                db.execute("INSERT INTO windows (number, name) VALUES (?, ?)", DEFAULT_WINDOW)
            if not db.execute("SELECT 1 FROM users WHERE role = 'clerk'").fetchone():
                window_id = db.execute("SELECT min(id) FROM windows").fetchone()[0]
                db.execute(
                    "INSERT INTO users (login, name, role, secret_hash, window_id, active,"
                    " created_at) VALUES (?, ?, 'clerk', ?, ?, 1, ?)",
                    [
                        DEFAULT_CLERK[0],
                        DEFAULT_CLERK[1],
                        "!",
                        window_id,
                        datetime.now().isoformat(timespec="seconds"),
                    ],
                )
