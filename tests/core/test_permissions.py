"""Who may do what (no Qt): the table, the refusals, and the guarded use cases beyond accounts
and settings (catalog import, holiday import, registering a case)."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from tests.store_helpers import audit_refused, table_rows
from window_assistant.accounts import INSTALLER, User
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.catalog.importing import apply_import, preview_import
from window_assistant.permissions import ALLOWED, Action, PermissionDenied, allowed, require
from window_assistant.vocab import Role
from window_assistant.workdays import import_years

ROOT = Path(__file__).resolve().parents[2]
CLERK = User(7, "1003", "李明", Role.CLERK, 1, True)
BOSS = User(8, "S01", "王主任", Role.SUPERVISOR, None, True)
CATALOG_TABLES = ("items", "materials", "situations", "bundles", "catalog_versions", "audit_log")


def test_a_clerk_keeps_the_counter_and_a_supervisor_may_do_everything():
    clerk_may = {a for a in Action if allowed(CLERK, a)}
    assert clerk_may == {
        Action.REGISTER_CASE,
        Action.CHANGE_LOCAL_SETTINGS,
        Action.INVITE_RATING,  # the counter's pad is the clerk's
        Action.PAIR_PAD,
        Action.APPEAL_RATING,  # their own cases' 差评
        Action.PUBLISH_CROSSREGION,  # the public 跨域通办 list, for the counter
        Action.RECORD_CASE_STEP,  # the window follows its cases (首问负责)
        Action.VOID_CASE,  # their own cases registered by mistake
    }
    assert all(allowed(BOSS, a) for a in Action)
    assert set(ALLOWED) == set(Action)  # every action has its rule
    disabled = User(9, "S02", "赵主任", Role.SUPERVISOR, None, False)
    assert not any(allowed(disabled, a) for a in Action)


def test_a_refusal_names_the_account_the_action_and_who_may():
    with pytest.raises(PermissionDenied) as info:
        require(CLERK, Action.IMPORT_CATALOG)
    assert str(info.value).startswith("账号 1003(窗口人员)无权导入事项目录,只有负责人可以。")
    require(BOSS, Action.IMPORT_CATALOG)


def test_front_ends_never_act_as_the_installer():
    """Only the core hands out INSTALLER (on a database nobody has set up); a front end that
    named it could skip every permission check."""
    front_ends = [*(ROOT / "ui").rglob("*.py"), *(ROOT / "window_assistant" / "cli").rglob("*.py")]
    front_ends.append(ROOT / "main.py")
    named = [
        str(p.relative_to(ROOT))
        for p in front_ends
        if re.search(r"\b(INSTALLER|mark_set_up|ensure_secret)\b", p.read_text(encoding="utf-8"))
    ]
    assert named == []


def test_no_front_end_decides_by_role():
    """Permissions are asked of ``permissions.allowed``; ``is_supervisor`` in ui/ may only
    choose what to show (a title, a "no window" choice), never whether to allow."""
    for path in (ROOT / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "is_supervisor" in line:
                assert "setEnabled" not in line and "setVisible" not in line, (path, line)
                assert not re.search(r"if not .*is_supervisor", line), (path, line)


@pytest.fixture
def new_catalog(services, tmp_path):
    data = services.catalog.load().to_dict()
    data["items"][0]["name"] += "(新名称)"
    path = tmp_path / "目录.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return preview_import(services, path)


def test_only_a_supervisor_imports_the_catalog(set_up, new_catalog):
    clerk = set_up.accounts.authenticate("1003", "2580")
    before = table_rows(set_up.store, *CATALOG_TABLES)
    with pytest.raises(PermissionDenied, match="无权导入事项目录"):
        apply_import(set_up, new_catalog, clerk)
    assert table_rows(set_up.store, *CATALOG_TABLES) == before
    boss = set_up.accounts.authenticate("S01", "correct horse")
    version = apply_import(set_up, new_catalog, boss)
    assert version.actor == "S01"
    entry = set_up.audit.entries()[0]
    assert (entry.action, entry.actor, entry.detail["version"]) == ("catalog.import", "S01", 2)


def test_a_catalog_import_whose_audit_entry_fails_changes_nothing(services, new_catalog):
    before = table_rows(services.store, *CATALOG_TABLES)
    with audit_refused(services.store), pytest.raises(sqlite3.DatabaseError, match="audit"):
        apply_import(services, new_catalog, INSTALLER)
    assert table_rows(services.store, *CATALOG_TABLES) == before
    assert "(新名称)" not in services.catalog.load().items[0].name


def test_only_a_supervisor_imports_holidays(set_up, tmp_path):
    path = tmp_path / "2027.json"
    holiday = {"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}
    year = {"year": 2027, "source": "测试", "holidays": [holiday], "workdays": []}
    path.write_text(json.dumps({"years": [year]}), encoding="utf-8")
    clerk = set_up.accounts.authenticate("1003", "2580")
    with pytest.raises(PermissionDenied, match="无权导入节假日安排"):
        import_years(set_up.store, path, clerk)
    assert set_up.store.execute("SELECT count(*) FROM holiday_years").fetchone()[0] == 0
    boss = set_up.accounts.authenticate("S01", "correct horse")
    import_years(set_up.store, path, boss)
    assert set_up.audit.entries()[0].actor == "S01"


def test_a_disabled_clerk_registers_no_case(set_up):
    clerk = set_up.accounts.authenticate("1003", "2580")
    set_up.accounts.add_account(INSTALLER, "S02", "赵主任", "supervisor", "another password")
    set_up.accounts.set_active(INSTALLER, "1003", False)
    code = set_up.catalog.load().items[0].code
    with pytest.raises(PermissionDenied, match="1003 已停用"):
        CaseService(set_up).register(CaseRequest("item", code), clerk)
    assert set_up.store.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
