"""Account administration as core use cases (no Qt): who may, what is checked, what is audited,
and that a change and its audit entry are written together or not at all."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from tests.store_helpers import audit_refused, table_rows
from window_assistant.accounts import INSTALLER, Accounts, User
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.vocab import Role

TABLES = ("users", "windows", "audit_log")


@pytest.fixture
def boss(set_up) -> User:
    return set_up.accounts.authenticate("S01", "correct horse")


@pytest.fixture
def clerk(set_up) -> User:
    return set_up.accounts.authenticate("1003", "2580")


def window_id(svc) -> int:
    return svc.accounts.windows()[0].id


# Every account change, as (name, call(accounts, actor, svc)).
CHANGES = {
    "add_account": lambda a, actor, svc: a.add_account(actor, "1005", "孙丽", "clerk", "1357"),
    "update_account": lambda a, actor, svc: a.update_account(actor, "1003", "李明明", None),
    "change_role": lambda a, actor, svc: a.change_role(actor, "1003", "负责人", "long password"),
    "reset_secret": lambda a, actor, svc: a.reset_secret(actor, "1003", "9999"),
    "set_active": lambda a, actor, svc: a.set_active(actor, "1003", False),
    "add_window": lambda a, actor, svc: a.add_window(actor, "8", "8号综合窗口"),
    "update_window": lambda a, actor, svc: a.update_window(actor, window_id(svc), "9", "九号"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_clerk_may_change_no_account_and_nothing_is_written(set_up, clerk, change):
    before = table_rows(set_up.store, *TABLES)
    with pytest.raises(PermissionDenied, match=re.escape("1003(窗口人员)无权管理账号和窗口")):
        CHANGES[change](set_up.accounts, clerk, set_up)
    assert table_rows(set_up.store, *TABLES) == before


@pytest.mark.parametrize("change", list(CHANGES))
def test_each_change_is_audited_in_its_own_transaction(set_up, boss, change):
    """The audit insert fails: the change is rolled back with it. Then it succeeds, audited."""
    before = table_rows(set_up.store, *TABLES)
    with audit_refused(set_up.store), pytest.raises(sqlite3.DatabaseError, match="audit"):
        CHANGES[change](set_up.accounts, boss, set_up)
    assert table_rows(set_up.store, *TABLES) == before

    CHANGES[change](set_up.accounts, boss, set_up)
    entry = set_up.audit.entries()[0]
    assert entry.actor == "S01" and entry.action.startswith("account.")
    assert table_rows(set_up.store, "users", "windows") != {
        k: before[k] for k in ("users", "windows")
    }
    logged = json.dumps([e.detail for e in set_up.audit.entries()], ensure_ascii=False)
    for secret in ("1357", "9999", "long password", "correct horse", "2580"):
        assert secret not in logged


def test_a_new_clerk_can_sign_in_at_their_window(set_up, boss):
    window = set_up.accounts.add_window(boss, "5", "5号综合窗口")
    added = set_up.accounts.add_account(boss, " 1005 ", "孙丽", "窗口人员", "1357", window.id)
    assert (added.login, added.role, added.window_id) == ("1005", Role.CLERK, window.id)
    assert set_up.accounts.authenticate("1005", "1357").name == "孙丽"
    detail = set_up.audit.entries()[0].detail
    assert detail == {"login": "1005", "name": "孙丽", "role": "clerk", "window": "5号综合窗口"}


@pytest.mark.parametrize(
    ("login", "name", "role", "secret", "window", "message"),
    [
        ("10 05", "孙丽", "clerk", "1357", None, "工号只能由"),
        ("", "孙丽", "clerk", "1357", None, "请填写工号"),
        ("1005", " ", "clerk", "1357", None, "请填写姓名"),
        ("1005", "孙" * 21, "clerk", "1357", None, "姓名不能超过 20 个字"),
        ("1005", "孙丽", "clerk", "13a7", None, "PIN 须为 4–8 位数字"),
        ("S02", "赵主任", "supervisor", "1234567", None, "负责人密码至少 8 位"),
        ("1005", "孙丽", "boss", "1357", None, "「boss」不是可用的取值"),
        ("1003", "重名", "clerk", "1357", None, "工号 1003 已存在"),
        ("1005", "孙丽", "clerk", "1357", 999, re.escape("窗口(编号 999)不存在")),
    ],
)
def test_bad_account_input_is_refused_in_chinese(set_up, boss, login, name, role, secret, window,
                                                  message):  # fmt: skip
    before = table_rows(set_up.store, *TABLES)
    with pytest.raises(UserError, match=message):
        set_up.accounts.add_account(boss, login, name, role, secret, window)
    assert table_rows(set_up.store, *TABLES) == before


def test_name_and_window_changes_are_audited_old_to_new(set_up, boss):
    accounts = set_up.accounts
    three = accounts.user("1003").window_id
    other = accounts.add_window(boss, "5", "5号综合窗口")
    accounts.update_account(boss, "1003", "李明", three)  # nothing changes: nothing audited
    assert set_up.audit.entries()[0].action == "account.window_add"
    accounts.update_account(boss, "1003", "李小明", other.id)
    entry = set_up.audit.entries()[0]
    assert entry.detail == {
        "login": "1003",
        "name": ["李明", "李小明"],
        "window": ["3号综合窗口", "5号综合窗口"],
    }


def test_a_role_change_needs_a_secret_of_the_new_kind(set_up, boss):
    accounts = set_up.accounts
    with pytest.raises(UserError, match="负责人密码至少 8 位"):
        accounts.change_role(boss, "1003", "supervisor", "2580")  # a PIN is not a password
    promoted = accounts.change_role(boss, "1003", "supervisor", "long password")
    assert promoted.is_supervisor
    assert accounts.authenticate("1003", "long password").is_supervisor
    assert set_up.audit.entries()[0].detail == {
        "login": "1003",
        "old": "clerk",
        "new": "supervisor",
    }
    with pytest.raises(UserError, match="已是负责人"):
        accounts.change_role(boss, "1003", "supervisor", "long password")


def test_nobody_disables_or_demotes_themself_or_the_last_supervisor(set_up, boss):
    accounts = set_up.accounts
    with pytest.raises(UserError, match="不能停用自己的账号"):
        accounts.set_active(boss, "S01", False)
    with pytest.raises(UserError, match="不能更改自己的角色"):
        accounts.change_role(boss, "S01", "clerk", "1234")
    # Acting as someone else (here the installer), S01 is still the only active supervisor.
    with pytest.raises(UserError, match="唯一在用的负责人"):
        accounts.set_active(INSTALLER, "S01", False)
    with pytest.raises(UserError, match="唯一在用的负责人"):
        accounts.change_role(INSTALLER, "S01", "clerk", "1234")
    assert accounts.user("S01").active and accounts.user("S01").is_supervisor
    # With a second supervisor, either may disable the other.
    accounts.add_account(boss, "S02", "赵主任", "supervisor", "another password")
    assert accounts.deactivation_problem(boss, accounts.user("S02")) is None
    assert not accounts.set_active(boss, "S02", False).active
    assert accounts.set_active(boss, "S02", True).active
    assert [e.action for e in set_up.audit.entries()[:2]] == [
        "account.reactivate",
        "account.deactivate",
    ]


def test_an_account_disabled_meanwhile_cannot_keep_acting(set_up, boss):
    accounts = set_up.accounts
    accounts.add_account(boss, "S02", "赵主任", "supervisor", "another password")
    second = accounts.authenticate("S02", "another password")  # signed in at another PC
    accounts.set_active(boss, "S02", False)
    with pytest.raises(PermissionDenied, match="S02 已停用"):
        accounts.add_account(second, "1005", "孙丽", "clerk", "1357")
    assert accounts.user("1005") is None


def test_a_reset_pin_works_at_once_and_lifts_a_lock_out(set_up, boss):
    accounts = set_up.accounts
    for _ in range(5):
        with pytest.raises(UserError, match="不正确"):
            accounts.authenticate("1003", "0000")
    with pytest.raises(UserError, match="锁定"):
        accounts.authenticate("1003", "2580")
    accounts.reset_secret(boss, "1003", "4321")
    assert accounts.authenticate("1003", "4321").login == "1003"
    assert set_up.audit.entries()[0].detail == {"login": "1003"}
    with pytest.raises(UserError, match="PIN 须为"):
        accounts.reset_secret(boss, "1003", "abc")
    with pytest.raises(UserError, match="没有工号为 nobody"):
        accounts.reset_secret(boss, "nobody", "1234")


def test_windows_are_checked_and_their_numbers_stay_unique(set_up, boss):
    accounts = set_up.accounts
    with pytest.raises(UserError, match="窗口编号须为 1–10 位"):
        accounts.add_window(boss, "三", "三号窗口")
    with pytest.raises(UserError, match="请填写窗口名称"):
        accounts.add_window(boss, "4", "")
    with pytest.raises(UserError, match="窗口编号 3 已存在"):
        accounts.add_window(boss, "3", "又一个三号")
    five = accounts.add_window(boss, "5", "5号综合窗口")
    with pytest.raises(UserError, match="已被其他窗口使用"):
        accounts.update_window(boss, five.id, "3", "改名")
    accounts.update_window(boss, five.id, "5", "5号综合窗口(跨域通办)")
    assert set_up.audit.entries()[0].detail == {
        "old": ["5", "5号综合窗口"],
        "new": ["5", "5号综合窗口(跨域通办)"],
    }
    assert accounts.window_by_number("5").name == "5号综合窗口(跨域通办)"
    with pytest.raises(UserError, match="没有编号为 7 的窗口"):
        accounts.window_by_number("7")


def test_a_fresh_database_is_on_the_default_profile_until_someone_has_a_secret(services):
    assert services.on_default_profile()
    assert services.act_as(None, lambda: pytest.fail("no secret asked")) is INSTALLER
    assert services.act_as("0001", lambda: pytest.fail("no secret asked")).login == "0001"
    with pytest.raises(UserError, match="没有在用的账号 9999"):
        services.act_as("9999", lambda: "")
    services.accounts.add_account(INSTALLER, "S01", "王主任", "supervisor", "correct horse")
    assert not services.on_default_profile()
    with pytest.raises(UserError, match="--as"):
        services.act_as(None, lambda: "correct horse")
    with pytest.raises(UserError, match="不正确"):
        services.act_as("S01", lambda: "wrong")
    assert services.act_as("S01", lambda: "correct horse").login == "S01"


def test_failed_sign_ins_are_stored_per_login(db_path, services):
    services.accounts.add_account(INSTALLER, "1001", "张敏", "clerk", "2468")
    with pytest.raises(UserError):
        services.accounts.authenticate("1001", "0000")
    again = Accounts(services.store)  # another process, or the window after a restart
    rows = again.store.execute("SELECT login FROM sign_in_failures").fetchall()
    assert rows == [("1001",)]
