"""Windows, clerks and supervisors; PINs and passwords kept only as scrypt hashes.

Every change is a use case here: it takes the acting account, checks its permission
(``permissions``), validates, writes in one transaction and writes its audit entry in that same
transaction, so a change is never saved without its audit entry. No PIN or password is ever
audited. The account dialogs and the CLI's ``accounts`` commands only collect input and call
these; the field checks they show while the user types are the ones below.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from window_assistant.audit import AuditLog
from window_assistant.cases.ids import half_width
from window_assistant.errors import UserError
from window_assistant.permissions import Action, PermissionDenied, require
from window_assistant.store.database import Store
from window_assistant.store.peek import window_label
from window_assistant.text import text_problem
from window_assistant.vocab import Role

_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
_LOGIN_RE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
_PIN_RE = re.compile(r"[0-9]{4,8}")
_WINDOW_NUMBER_RE = re.compile(r"[A-Za-z0-9\-]{1,10}")
MAX_FAILURES = 5  # wrong secrets in a row before a login is locked for LOCK_SECONDS
LOCK_SECONDS = 300
MIN_PASSWORD = 8
MAX_NAME = 20
NO_SECRET = "!"  # the hash of an account nobody can sign in as (the default clerk)


# -- field checks (shared with the forms, which show them while the user types) ----------------
def login_problem(login: str) -> str | None:
    """Why ``login`` cannot be a 工号, or None."""
    if not login.strip():
        return "请填写工号。"
    if not _LOGIN_RE.fullmatch(login.strip()):
        return "工号只能由字母、数字、下划线、点或短横线组成(1–32 位)。"
    return None


def name_problem(name: str) -> str | None:
    if not name.strip():
        return "请填写姓名。"
    if len(name.strip()) > MAX_NAME:
        return f"姓名不能超过 {MAX_NAME} 个字。"
    return text_problem(name.strip(), "姓名")


def normalise_secret(secret: str) -> str:
    """A PIN or password as it is hashed: full-width digits and letters (a Chinese input method
    in full-width mode) as ASCII, so ``２５８０`` signs in as ``2580``; nothing else changes."""
    return half_width(secret)


def secret_problem(role: str, secret: str) -> str | None:
    """A clerk signs in with a PIN at the counter: 4–8 digits 0–9 (typed half- or full-width;
    digits of other scripts, ³ or ③ are not 0–9). A supervisor uses a password: at least
    MIN_PASSWORD characters besides leading and trailing spaces, no control characters."""
    secret = normalise_secret(secret)
    if role == Role.SUPERVISOR:
        if len(secret.strip()) < MIN_PASSWORD:
            return f"负责人密码至少 {MIN_PASSWORD} 位(首尾的空格不算),不能只由空格组成。"
        return text_problem(secret, "密码")
    if _PIN_RE.fullmatch(secret):
        return None
    return "PIN 须为 4–8 位数字 0–9(不能用其他文字的数字、上标或带圈数字)。"


def window_number_problem(number: str) -> str | None:
    if not number.strip():
        return "请填写窗口编号。"
    if not _WINDOW_NUMBER_RE.fullmatch(number.strip()):
        return "窗口编号须为 1–10 位数字或字母,例如 3 或 A3。"
    return None


def window_name_problem(name: str) -> str | None:
    if not name.strip():
        return "请填写窗口名称,例如「3号综合窗口」。"
    return text_problem(name.strip(), "窗口名称")


def _check(*problems: str | None) -> None:
    for problem in problems:
        if problem:
            raise UserError(problem)


def parse_role(text: str) -> Role:
    """A role from its code or label (``clerk``, ``窗口人员``, ``Supervisor`` …)."""
    try:
        return Role.parse(text)
    except ValueError as exc:
        raise UserError(f"角色{exc}") from None


# -- hashing -------------------------------------------------------------------------------------
def _encode(salt: bytes, digest: bytes) -> str:
    import base64

    enc = base64.b64encode
    return "scrypt${n}${r}${p}$".format(**_SCRYPT) + f"{enc(salt).decode()}${enc(digest).decode()}"


def _secret_bytes(secret: str) -> bytes:
    # surrogatepass: a stray surrogate in what was typed is a wrong secret, not a crash.
    return normalise_secret(secret).encode("utf-8", "surrogatepass")


def hash_secret(secret: str) -> str:
    """scrypt with a random salt, stored as ``scrypt$n$r$p$salt$hash``."""
    # Imported here, not at start-up: loading OpenSSL's hashlib costs the window ~3 ms.
    import hashlib
    import secrets

    salt = secrets.token_bytes(16)
    return _encode(salt, hashlib.scrypt(_secret_bytes(secret), salt=salt, **_SCRYPT))


# What a secret is checked against when there is no hash to check (an unknown login, an account
# without a secret, a damaged hash): same parameters, a digest no secret gives, so the answer
# costs the same scrypt run as a wrong PIN and its timing does not tell which logins exist.
_DECOY = _encode(bytes(16), bytes(_SCRYPT["dklen"]))


def _parse_hash(stored: str) -> tuple[bool, bytes, dict[str, int], bytes]:
    """(whether ``stored`` is a hash to check against, salt, scrypt parameters, digest); a
    hash that is not one gives the decoy's salt and parameters, so it costs the same."""
    import base64
    import binascii

    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        params = {"n": int(n), "r": int(r), "p": int(p), "dklen": len(expected)}
        return scheme == "scrypt", base64.b64decode(salt), params, expected
    except (ValueError, TypeError, binascii.Error):
        _, _, _, _, salt, digest = _DECOY.split("$")
        return False, base64.b64decode(salt), dict(_SCRYPT), base64.b64decode(digest)


# Key derivations done ahead (``Accounts.derive_ahead``), each used once by the check it was
# done for and dropped at the next sign-in whatever its outcome; a few at most. One still under
# way is waited for rather than done twice.
_AHEAD: dict[tuple[bytes, bytes, tuple[tuple[str, int], ...]], _Derivation] = {}
_AHEAD_LOCK = threading.Lock()
_AHEAD_KEEP = 4


class _Derivation:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.key: bytes | None = None  # None once done: scrypt refused the parameters


def _derive(secret: str, salt: bytes, params: dict[str, int], *, ahead: bool = False) -> bytes:
    """scrypt of ``secret``: the result of a derivation done ahead if there is one (waited for
    while it is under way; see ``Accounts.derive_ahead``), and kept as one when ``ahead``."""
    import hashlib

    secret_bytes = _secret_bytes(secret)
    key = (secret_bytes, salt, tuple(sorted(params.items())))
    with _AHEAD_LOCK:
        derivation = _AHEAD.get(key)
        owner = ahead and derivation is None
        if owner:
            while len(_AHEAD) >= _AHEAD_KEEP:
                del _AHEAD[next(iter(_AHEAD))]
            derivation = _AHEAD[key] = _Derivation()
    if derivation is not None and not owner:
        if ahead:
            return b""  # done, or under way, by another job
        derivation.done.wait()
        if derivation.key is not None:
            return derivation.key
    try:
        derived = hashlib.scrypt(secret_bytes, salt=salt, **params)
    except BaseException:
        if owner and derivation is not None:
            derivation.done.set()  # key None: whoever waits derives, and gets the same error
        raise
    if owner and derivation is not None:
        derivation.key = derived
        derivation.done.set()
    return derived


def _forget_ahead() -> None:
    with _AHEAD_LOCK:
        _AHEAD.clear()


def verify_secret(secret: str, stored: str) -> bool:
    """Whether ``secret`` matches ``stored``; always one scrypt run of the current cost (or
    its result, done ahead while the secret was typed)."""
    import hmac

    valid, salt, params, expected = _parse_hash(stored)
    try:
        actual = _derive(secret, salt, params)
    except ValueError:  # parameters no scrypt accepts: a damaged hash
        return False
    return valid and hmac.compare_digest(actual, expected)


@dataclass
class Window:
    id: int
    number: str
    name: str

    @property
    def label(self) -> str:
        """「3号综合窗口」, or 「A3 综合窗口」 when the name does not already carry the number."""
        return window_label(self.number, self.name)


@dataclass
class User:
    id: int
    login: str
    name: str
    role: Role
    window_id: int | None
    active: bool

    @property
    def is_supervisor(self) -> bool:
        return self.role == Role.SUPERVISOR


def default_window_name(number: str) -> str:
    """The name a window takes from its number unless the centre names it otherwise (3 →
    3号综合窗口); "" for no number."""
    number = number.strip()
    return f"{number}号综合窗口" if number else ""


DEFAULT_WINDOW = ("1", default_window_name("1"))
DEFAULT_CLERK = ("0001", "窗口人员")  # login, name; PIN-less until the first-run set-up

# Whoever works at an installation nobody has set up yet: it has no account anyone can sign in
# with, so the first-run set-up and the CLI on such a database act as this. Only the core hands
# it out (``Services.act_as`` on the default profile, ``setup.complete_setup``); front ends
# never name it.
INSTALLER = User(0, "installer", "安装人员(尚未首次设置)", Role.SUPERVISOR, None, True)

_USER_COLUMNS = "id, login, name, role, window_id, active"


def _user(row: Any) -> User:
    return User(row[0], row[1], row[2], Role.parse(row[3]), row[4], bool(row[5]))


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


class Accounts:
    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.audit = AuditLog(store)
        self._clock = clock  # wall-clock seconds: failed sign-ins are kept across restarts

    # -- reading ---------------------------------------------------------------------------
    def windows(self) -> list[Window]:
        rows = self.store.execute("SELECT id, number, name FROM windows ORDER BY id")
        return [Window(*r) for r in rows]

    def window(self, window_id: int | None) -> Window | None:
        if window_id is None:
            return None
        row = self.store.execute(
            "SELECT id, number, name FROM windows WHERE id = ?", [window_id]
        ).fetchone()
        return Window(*row) if row else None

    def window_by_number(self, number: str) -> Window:
        row = self.store.execute(
            "SELECT id, number, name FROM windows WHERE number = ?", [number.strip()]
        ).fetchone()
        if row is None:
            known = "、".join(w.number for w in self.windows()) or "(无)"
            raise UserError(f"没有编号为 {number} 的窗口。已有窗口编号:{known}。")
        return Window(*row)

    def window_label(self, window_id: int | None) -> str:
        window = self.window(window_id)
        return window.label if window else ""

    def users(self, role: str | None = None) -> list[User]:
        sql = f"SELECT {_USER_COLUMNS} FROM users"
        params: list[str] = []
        if role:
            sql += " WHERE role = ?"
            params.append(role)
        rows = self.store.execute(sql + " ORDER BY role DESC, login", params)
        return [_user(r) for r in rows]

    def user(self, login: str) -> User | None:
        row = self.store.execute(
            f"SELECT {_USER_COLUMNS} FROM users WHERE login = ?", [login.strip()]
        ).fetchone()
        return _user(row) if row else None

    def has_credentials(self) -> bool:
        """Whether any account has a PIN or password (a set-up installation has)."""
        row = self.store.execute(
            "SELECT 1 FROM users WHERE secret_hash != ? LIMIT 1", [NO_SECRET]
        ).fetchone()
        return row is not None

    def _existing(self, login: str) -> User:
        user = self.user(login)
        if user is None:
            raise UserError(f"没有工号为 {login} 的账号。")
        return user

    def _active_supervisors(self) -> int:
        row = self.store.execute(
            "SELECT count(*) FROM users WHERE role = ? AND active = 1", [Role.SUPERVISOR.value]
        ).fetchone()
        return int(row[0])

    # -- permission --------------------------------------------------------------------------
    def authorise(self, actor: User, action: Action) -> User:
        """The acting account as stored now, if it may do ``action``; else PermissionDenied.

        Re-read, so an account disabled or demoted by someone else since it signed in cannot
        keep acting on the stale object its window holds."""
        if actor.id != INSTALLER.id:
            current = self.store.execute(
                f"SELECT {_USER_COLUMNS} FROM users WHERE id = ?", [actor.id]
            ).fetchone()
            if current is None:
                raise PermissionDenied(f"账号 {actor.login} 已不存在,无权{action.label}。")
            actor = _user(current)
        require(actor, action)
        return actor

    def deactivation_problem(self, actor: User, target: User) -> str | None:
        """Why ``actor`` may not disable ``target``, or None. The accounts dialog greys its
        button out with this; ``set_active`` refuses with it."""
        if target.login == actor.login:
            return "不能停用自己的账号,请由另一位负责人操作。"
        if target.is_supervisor and target.active and self._active_supervisors() <= 1:
            return f"{target.login} 是唯一在用的负责人,停用后将无人能管理账号和设置。"
        return None

    # -- use cases: accounts -----------------------------------------------------------------
    def add_account(
        self,
        actor: User,
        login: str,
        name: str,
        role: str,
        secret: str,
        window_id: int | None = None,
    ) -> User:
        """A new clerk (PIN) or supervisor (password), able to sign in at once."""
        actor = self.authorise(actor, Action.MANAGE_ACCOUNTS)
        login, name, role = login.strip(), name.strip(), parse_role(role)
        _check(login_problem(login), name_problem(name), secret_problem(role, secret))
        with self.store.transaction() as db:
            if self.user(login) is not None:
                raise UserError(f"工号 {login} 已存在。")
            self._check_window(window_id)
            cur = db.execute(
                "INSERT INTO users (login, name, role, secret_hash, window_id, active, created_at)"
                " VALUES (?, ?, ?, ?, ?, 1, ?)",
                [login, name, role.value, hash_secret(secret), window_id, _now()],
            )
            self.audit.record(
                actor.login,
                "account.add",
                login=login,
                name=name,
                role=role.value,
                window=self.window_label(window_id),
            )
        return User(int(cur.lastrowid or 0), login, name, role, window_id, True)

    def update_account(self, actor: User, login: str, name: str, window_id: int | None) -> User:
        """Change an account's name and window; audited with old → new, unchanged fields left
        out (nothing changed, nothing audited)."""
        actor = self.authorise(actor, Action.MANAGE_ACCOUNTS)
        name = name.strip()
        _check(name_problem(name))
        with self.store.transaction() as db:
            user = self._existing(login)
            self._check_window(window_id)
            changes: dict[str, list[str]] = {}
            if name != user.name:
                changes["name"] = [user.name, name]
            if window_id != user.window_id:
                changes["window"] = [
                    self.window_label(user.window_id),
                    self.window_label(window_id),
                ]
            if changes:
                db.execute(
                    "UPDATE users SET name = ?, window_id = ? WHERE id = ?",
                    [name, window_id, user.id],
                )
                self.audit.record(actor.login, "account.update", login=user.login, **changes)
        return User(user.id, user.login, name, user.role, window_id, user.active)

    def change_role(self, actor: User, login: str, role: str, secret: str) -> User:
        """Make a clerk a supervisor or the reverse, with a new secret of the new kind (a PIN
        is too weak for a supervisor; a password cannot be typed on a PIN pad)."""
        actor = self.authorise(actor, Action.MANAGE_ACCOUNTS)
        new_role = parse_role(role)
        with self.store.transaction() as db:
            user = self._existing(login)
            if user.role == new_role:
                raise UserError(f"{user.login} 已是{new_role.label}。")
            if user.login == actor.login:
                raise UserError("不能更改自己的角色,请由另一位负责人操作。")
            if user.is_supervisor and user.active and self._active_supervisors() <= 1:
                raise UserError(f"{user.login} 是唯一在用的负责人,不能改为{new_role.label}。")
            _check(secret_problem(new_role, secret))
            db.execute(
                "UPDATE users SET role = ?, secret_hash = ? WHERE id = ?",
                [new_role.value, hash_secret(secret), user.id],
            )
            self.audit.record(
                actor.login, "account.role", login=user.login, old=user.role, new=new_role.value
            )
        return User(user.id, user.login, user.name, new_role, user.window_id, user.active)

    def reset_secret(self, actor: User, login: str, secret: str) -> None:
        """A new PIN or password; it also lifts a lock-out after wrong attempts."""
        actor = self.authorise(actor, Action.MANAGE_ACCOUNTS)
        with self.store.transaction() as db:
            user = self._existing(login)
            _check(secret_problem(user.role, secret))
            db.execute(
                "UPDATE users SET secret_hash = ? WHERE id = ?", [hash_secret(secret), user.id]
            )
            db.execute("DELETE FROM sign_in_failures WHERE login = ?", [user.login])
            self.audit.record(actor.login, "account.reset_secret", login=user.login)

    def set_active(self, actor: User, login: str, active: bool) -> User:
        """Disable an account (it can no longer sign in; its cases keep its name) or enable it
        again. Nobody disables themself or the last active supervisor."""
        actor = self.authorise(actor, Action.MANAGE_ACCOUNTS)
        with self.store.transaction() as db:
            user = self._existing(login)
            if user.active == active:
                return user
            if not active:
                _check(self.deactivation_problem(actor, user))
            db.execute("UPDATE users SET active = ? WHERE id = ?", [int(active), user.id])
            action = "account.reactivate" if active else "account.deactivate"
            self.audit.record(actor.login, action, login=user.login, name=user.name)
        return User(user.id, user.login, user.name, user.role, user.window_id, active)

    # -- use cases: windows ------------------------------------------------------------------
    def _check_window(self, window_id: int | None) -> None:
        if window_id is not None and self.window(window_id) is None:
            raise UserError(f"窗口(编号 {window_id})不存在,请重新选择窗口。")

    def add_window(self, actor: User, number: str, name: str) -> Window:
        actor = self.authorise(actor, Action.MANAGE_ACCOUNTS)
        number, name = number.strip(), name.strip()
        _check(window_number_problem(number), window_name_problem(name))
        with self.store.transaction() as db:
            if db.execute("SELECT 1 FROM windows WHERE number = ?", [number]).fetchone():
                raise UserError(f"窗口编号 {number} 已存在。")
            cur = db.execute("INSERT INTO windows (number, name) VALUES (?, ?)", [number, name])
            self.audit.record(actor.login, "account.window_add", number=number, name=name)
        return Window(int(cur.lastrowid or 0), number, name)

    def update_window(self, actor: User, window_id: int, number: str, name: str) -> Window:
        actor = self.authorise(actor, Action.MANAGE_ACCOUNTS)
        number, name = number.strip(), name.strip()
        _check(window_number_problem(number), window_name_problem(name))
        with self.store.transaction() as db:
            old = self.window(window_id)
            if old is None:
                raise UserError(f"窗口(编号 {window_id})不存在。")
            clash = db.execute(
                "SELECT 1 FROM windows WHERE number = ? AND id != ?", [number, window_id]
            ).fetchone()
            if clash:
                raise UserError(f"窗口编号 {number} 已被其他窗口使用。")
            if (old.number, old.name) != (number, name):
                db.execute(
                    "UPDATE windows SET number = ?, name = ? WHERE id = ?",
                    [number, name, window_id],
                )
                self.audit.record(
                    actor.login,
                    "account.window_update",
                    old=[old.number, old.name],
                    new=[number, name],
                )
        return Window(window_id, number, name)

    # -- signing in ----------------------------------------------------------------------------
    def authenticate(self, login: str, secret: str) -> User:
        """Return the user or raise a UserError that does not say which part was wrong.

        After MAX_FAILURES wrong attempts for one login within LOCK_SECONDS, that login is
        locked until the oldest of them is LOCK_SECONDS old, so a 4-digit PIN cannot be found
        by trying them all at the counter or from a script. The failures are stored, so
        restarting the window or running the CLI again does not reset the count. Failures
        stamped more than LOCK_SECONDS ahead of the clock were stamped by a clock that was
        wrong then (set to 2030, say, and corrected since): they do not lock a login for years.
        """
        login = login.strip()
        now = self._clock()
        self.refuse_if_locked(login, now)
        row = self.store.execute(
            f"SELECT {_USER_COLUMNS}, secret_hash FROM users WHERE login = ?", [login]
        ).fetchone()
        # One scrypt run whether the login exists or not (the decoy hash): timing tells nothing.
        try:
            ok = verify_secret(secret, row[6] if row else _DECOY) and row is not None
        finally:
            _forget_ahead()  # what was derived ahead serves one sign-in, right or wrong
        if not ok or not row[5]:
            self.count_failure(login, now)
            raise UserError("工号或密码(PIN)不正确,或该账号已停用。")
        if self.store.execute("SELECT 1 FROM sign_in_failures WHERE login = ?", [login]).fetchone():
            with self.store.transaction() as db:  # a success ends the run of failures
                db.execute("DELETE FROM sign_in_failures WHERE login = ?", [login])
        return _user(row)

    def derive_ahead(self, login: str, secret: str) -> Callable[[], None]:
        """The key derivation ``authenticate(login, secret)`` will need, as a job to run in
        another thread while the clerk is still typing (scrypt releases the GIL): the sign-in
        then takes a few milliseconds instead of a tenth of a second. The job reads nothing
        and writes nothing, counts no failure and tells nothing; only ``authenticate`` decides.
        An unknown login derives against the decoy, as ``authenticate`` does."""
        row = self.store.execute(
            "SELECT secret_hash FROM users WHERE login = ?", [login.strip()]
        ).fetchone()
        _, salt, params, _ = _parse_hash(row[0] if row and row[0] else _DECOY)

        def job() -> None:
            # A damaged hash (ValueError): authenticate says no, in its own time.
            with contextlib.suppress(ValueError):
                _derive(secret, salt, params, ahead=True)

        return job

    def refuse_if_locked(self, login: str, now: float | None = None) -> None:
        """Raise while ``login`` is locked out after MAX_FAILURES wrong attempts (see
        ``authenticate``); the password recovery counts its wrong codes the same way."""
        now = self._clock() if now is None else now
        recent = [
            r[0]
            for r in self.store.execute(
                "SELECT at FROM sign_in_failures WHERE login = ? AND at > ? AND at <= ?"
                " ORDER BY at DESC",
                [login, now - LOCK_SECONDS, now + LOCK_SECONDS],
            )
        ]
        if len(recent) >= MAX_FAILURES:
            wait = int(LOCK_SECONDS - (now - recent[MAX_FAILURES - 1])) // 60 + 1
            raise UserError(f"该工号连续输错 {MAX_FAILURES} 次,已暂时锁定,请约 {wait} 分钟后再试。")

    def count_failure(self, login: str, now: float | None = None) -> None:
        """One more wrong attempt for ``login`` (stored: a restart does not reset the count)."""
        now = self._clock() if now is None else now
        with self.store.transaction() as db:
            db.execute(
                "DELETE FROM sign_in_failures WHERE at <= ? OR at > ?",
                [now - LOCK_SECONDS, now + LOCK_SECONDS],
            )
            db.execute("INSERT INTO sign_in_failures (login, at) VALUES (?, ?)", [login, now])

    # -- defaults ------------------------------------------------------------------------
    def has_defaults(self) -> bool:
        """Whether the database has a window and a clerk (``ensure_defaults`` has nothing to do)."""
        return bool(
            self.store.execute("SELECT 1 FROM windows").fetchone()
            and self.store.execute("SELECT 1 FROM users WHERE role = 'clerk'").fetchone()
        )

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
                    [DEFAULT_CLERK[0], DEFAULT_CLERK[1], NO_SECRET, window_id, _now()],
                )
