"""The supervisor's password recovery code (issue 13 §4).

A supervisor who forgot the password cannot ask another supervisor at a one-window installation,
so the set-up shows a recovery code once (to be written down and kept in the centre's safe).
Only its scrypt hash is stored (the ``accounts.recovery`` setting, written by the core alone).
With it, any active supervisor's password can be set anew: the code is then used up and a new
one is shown, once. A wrong code counts toward the same lock-out as a wrong password at the
sign-in, so the code cannot be found by trying. Every issue and use is audited; the code itself
never is.
"""

from __future__ import annotations

import secrets
from typing import Any

from window_assistant.accounts import (
    INSTALLER,
    User,
    hash_secret,
    secret_problem,
    verify_secret,
)
from window_assistant.cases.ids import half_width
from window_assistant.errors import UserError
from window_assistant.permissions import Action
from window_assistant.vocab import Role

# Crockford's base 32: no I, L, O or U to misread or misspell; 16 of them are 80 random bits.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
_MISREAD = str.maketrans({"I": "1", "L": "1", "O": "0"})


def normalise_code(code: str) -> str:
    """As typed from paper: full-width, lower case, spaces and hyphens, O for 0 all accepted."""
    text = half_width(code).upper().translate(_MISREAD)
    return "".join(ch for ch in text if ch not in " -\t")


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def issue_code(services: Any, actor: User) -> str:
    """A new recovery code (the old one stops working): shown to ``actor`` once, stored as a
    hash. The set-up issues the first (as ``INSTALLER``); a supervisor may issue another."""
    if actor is not INSTALLER:
        actor = services.accounts.authorise(actor, Action.MANAGE_ACCOUNTS)
    code = _new_code()
    with services.store.transaction():
        services.settings.set_recovery_hash(hash_secret(normalise_code(code)))
        services.audit.record(actor.login, "account.recovery_issued")
    return code


def has_code(services: Any) -> bool:
    return bool(services.settings.recovery_hash)


def recover_password(services: Any, login: str, code: str, password: str) -> str:
    """Set supervisor ``login``'s password with the recovery code; return the new code (the
    one given is used up). Raises ``UserError`` (nothing changed) for a wrong code, a login
    that is not an active supervisor, a password too short, or a login locked out."""
    accounts = services.accounts
    login = login.strip()
    accounts.refuse_if_locked(login)
    problem = secret_problem(Role.SUPERVISOR, password)
    if problem:
        raise UserError(f"新密码:{problem}")
    stored = services.settings.recovery_hash
    user = accounts.user(login)
    right = verify_secret(normalise_code(code), stored) and bool(stored)
    if not right or user is None or user.role != Role.SUPERVISOR or not user.active:
        accounts.count_failure(login)
        raise UserError("恢复码不正确,或该工号不是在用的负责人账号。请核对纸上的恢复码和工号。")
    new_code = _new_code()
    with services.store.transaction() as db:
        db.execute(
            "UPDATE users SET secret_hash = ? WHERE id = ?", [hash_secret(password), user.id]
        )
        db.execute("DELETE FROM sign_in_failures WHERE login = ?", [login])
        services.settings.set_recovery_hash(hash_secret(normalise_code(new_code)))
        services.audit.record(login, "account.recovered", login=login)
    return new_code
