"""The PIN's key derived while it is typed (``Accounts.derive_ahead``): signing in then takes no
scrypt run of its own, and nothing else changes: only ``authenticate`` decides, a wrong or
unknown entry still counts toward the lock-out, and no derived key outlives the sign-in."""

from __future__ import annotations

import hashlib
import threading
import time

import pytest

import window_assistant.accounts as accounts_module
from window_assistant.accounts import MAX_FAILURES
from window_assistant.errors import UserError


@pytest.fixture
def scrypt_runs(monkeypatch):
    """Every scrypt run, counted (the standard library's, wrapped: nothing of Qt)."""
    runs: list[bytes] = []
    real = hashlib.scrypt

    def counted(password, **kwargs):
        runs.append(password)
        return real(password, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    return runs


def test_a_pin_derived_ahead_signs_in_without_a_scrypt_run_of_its_own(set_up, scrypt_runs):
    set_up.accounts.derive_ahead("1003", "2580")()
    assert len(scrypt_runs) == 1
    user = set_up.accounts.authenticate("1003", "2580")
    assert user.login == "1003"
    assert len(scrypt_runs) == 1
    assert accounts_module._AHEAD == {}  # used once, then gone


def test_a_pin_typed_on_after_the_derivation_is_derived_anew(set_up, scrypt_runs):
    set_up.accounts.derive_ahead("1003", "258")()
    assert set_up.accounts.authenticate("1003", "2580").login == "1003"
    assert len(scrypt_runs) == 2
    assert accounts_module._AHEAD == {}  # the stale one is dropped too


@pytest.mark.parametrize("login", ["1003", "9999"], ids=["wrong PIN", "unknown login"])
def test_a_wrong_entry_derived_ahead_is_refused_and_counted(set_up, scrypt_runs, login):
    for _ in range(MAX_FAILURES):
        set_up.accounts.derive_ahead(login, "0000")()
        with pytest.raises(UserError, match="不正确"):
            set_up.accounts.authenticate(login, "0000")
    assert len(scrypt_runs) == MAX_FAILURES  # the decoy derived ahead, like a real hash
    with pytest.raises(UserError, match="锁定"):
        set_up.accounts.authenticate(login, "0000")


def test_a_derivation_under_way_is_waited_for_not_done_twice(set_up, monkeypatch):
    runs: list[float] = []
    real = hashlib.scrypt

    def slow(password, **kwargs):
        runs.append(time.monotonic())
        time.sleep(0.3)
        return real(password, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", slow)
    job = threading.Thread(target=set_up.accounts.derive_ahead("1003", "2580"))
    job.start()
    while not runs:
        time.sleep(0.005)
    assert set_up.accounts.authenticate("1003", "2580").login == "1003"
    job.join()
    assert len(runs) == 1


def test_deriving_ahead_writes_nothing_and_tells_nothing(set_up):
    before = set_up.store.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    set_up.accounts.derive_ahead("9999", "0000")()
    set_up.accounts.derive_ahead("1003", "0000")()
    failures = set_up.store.execute("SELECT COUNT(*) FROM sign_in_failures").fetchone()[0]
    assert failures == 0
    assert set_up.store.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == before
