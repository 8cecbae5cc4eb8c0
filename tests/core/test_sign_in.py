"""Signing in as a hostile tester would try it: what a PIN or password may be, whether timing
tells which logins exist, and whether a lock-out survives a restart of the program."""

from __future__ import annotations

import hashlib
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.store_helpers import table_rows
from window_assistant.accounts import INSTALLER, LOCK_SECONDS, MAX_FAILURES, Accounts, User
from window_assistant.errors import UserError
from window_assistant.services import open_services

REPO = Path(__file__).resolve().parents[2]
FOREIGN_PINS = {
    "arabic-indic": "\u0662\u0665\u0668\u0660",  # ٢٥٨٠
    "devanagari": "\u0968\u096b\u096e\u0966",  # २५८०
    "superscript": "\u00b2\u2075\u2078\u2070",  # ²⁵⁸⁰
    "circled": "\u2461\u2464\u2467\u24ea",  # ②⑤⑧⓪
}


@pytest.fixture
def boss(set_up) -> User:
    return set_up.accounts.authenticate("S01", "correct horse")


def test_a_pin_of_other_scripts_digits_is_refused(set_up, boss):
    before = table_rows(set_up.store, "users", "audit_log")
    for pin in FOREIGN_PINS.values():
        with pytest.raises(UserError, match="PIN 须为 4–8 位数字 0–9"):
            set_up.accounts.add_account(boss, "1005", "孙丽", "clerk", pin)
        with pytest.raises(UserError, match="PIN 须为 4–8 位数字 0–9"):
            set_up.accounts.reset_secret(boss, "1003", pin)
    assert table_rows(set_up.store, "users", "audit_log") == before


def test_a_full_width_pin_is_the_same_pin_as_typed_half_width(set_up, boss):
    set_up.accounts.add_account(boss, "1005", "孙丽", "clerk", "１３５７")
    assert set_up.accounts.authenticate("1005", "1357").login == "1005"
    assert set_up.accounts.authenticate("1005", "１３５７").login == "1005"


def test_a_password_of_spaces_is_refused(set_up, boss):
    for password in (" " * 8, " " * 20, "\t" * 9, "\u3000" * 8, "  abc   "):
        with pytest.raises(UserError, match="负责人密码至少 8 位"):
            set_up.accounts.add_account(boss, "S02", "赵主任", "supervisor", password)
        with pytest.raises(UserError, match="负责人密码至少 8 位"):
            set_up.accounts.change_role(boss, "1003", "supervisor", password)
    with pytest.raises(UserError, match="控制字符"):
        set_up.accounts.add_account(boss, "S02", "赵主任", "supervisor", "long\x07password")


def test_a_password_keeps_its_inner_and_outer_spaces(set_up, boss):
    set_up.accounts.add_account(boss, "S02", "赵主任", "supervisor", " correct  horse ")
    assert set_up.accounts.authenticate("S02", " correct  horse ").login == "S02"
    with pytest.raises(UserError, match="不正确"):
        set_up.accounts.authenticate("S02", "correct horse")


@pytest.fixture
def scrypt_runs(monkeypatch) -> list[int]:
    """Counts hashlib.scrypt runs (the real function still does the work)."""
    runs: list[int] = []
    real = hashlib.scrypt

    def counting(*args, **kwargs):
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    return runs


def _clockwork(store) -> Accounts:
    """Accounts whose clock moves past the lock-out between attempts, so that every attempt
    really checks the secret."""
    now = [1_000_000.0]

    def clock() -> float:
        now[0] += LOCK_SECONDS + 1
        return now[0]

    return Accounts(store, clock=clock)


def test_an_unknown_login_costs_the_same_scrypt_work_as_a_wrong_pin(services, scrypt_runs):
    services.accounts.add_account(INSTALLER, "1005", "孙丽", "clerk", "1357")
    accounts = _clockwork(services.store)
    work = {}
    for login in ("1005", "nobody", "0001"):  # known; unknown; the default clerk, no PIN yet
        scrypt_runs.clear()
        with pytest.raises(UserError, match="工号或密码\\(PIN\\)不正确"):
            accounts.authenticate(login, "0000")
        work[login] = len(scrypt_runs)
    assert work == {"1005": 1, "nobody": 1, "0001": 1}


def test_an_unknown_login_takes_as_long_as_a_wrong_pin(set_up):
    """Medians of 20 interleaved tries each; the tolerance is wide (a loaded machine), the
    difference it guards against is not (an extra scrypt run doubles the time)."""
    accounts = _clockwork(set_up.store)
    times: dict[str, list[float]] = {"1003": [], "nobody": []}
    for _ in range(20):
        for login, samples in times.items():
            start = time.perf_counter()
            with pytest.raises(UserError):
                accounts.authenticate(login, "0000")
            samples.append(time.perf_counter() - start)
    known, unknown = (statistics.median(times[k]) for k in ("1003", "nobody"))
    assert 0.6 < unknown / known < 1.6, (known, unknown)


def test_a_lock_out_survives_closing_and_reopening_the_database(db_path):
    with open_services(db_path) as first:
        first.accounts.add_account(INSTALLER, "1005", "孙丽", "clerk", "1357")
        for _ in range(MAX_FAILURES):
            with pytest.raises(UserError, match="不正确"):
                first.accounts.authenticate("1005", "0000")
    with open_services(db_path) as second, pytest.raises(UserError, match="锁定"):
        second.accounts.authenticate("1005", "1357")  # the window restarted
    # ... and another program (the CLI acting as the clerk) is locked out too.
    result = subprocess.run(
        [sys.executable, "-m", "window_assistant", "--db", str(db_path), "accounts", "add", "x",
         "--name", "某人", "--as", "1005"],
        capture_output=True, text=True, cwd=REPO, timeout=60,
        env={**os.environ, "WINDOW_ASSISTANT_SECRET": "1357", "WINDOW_ASSISTANT_NEW_SECRET": "1"},
    )  # fmt: skip
    assert result.returncode == 2 and "锁定" in result.stderr, result.stderr


def test_failures_under_a_clock_that_was_years_ahead_do_not_lock_the_login_for_years(db_path):
    now = [datetime(2030, 5, 1).timestamp()]  # the PC clock was wrong when the PIN was mistyped
    with open_services(db_path) as svc:
        svc.accounts.add_account(INSTALLER, "1005", "孙丽", "clerk", "1357")
        accounts = Accounts(svc.store, clock=lambda: now[0])
        for _ in range(MAX_FAILURES):
            with pytest.raises(UserError, match="不正确"):
                accounts.authenticate("1005", "0000")
        with pytest.raises(UserError, match="锁定"):
            accounts.authenticate("1005", "1357")
        now[0] = datetime(2026, 5, 1).timestamp()  # and has been corrected since
        assert accounts.authenticate("1005", "1357").login == "1005"
        for _ in range(MAX_FAILURES):  # a lock-out under the right clock still holds
            with pytest.raises(UserError, match="不正确"):
                accounts.authenticate("1005", "0000")
        with pytest.raises(UserError, match="锁定"):
            accounts.authenticate("1005", "1357")
