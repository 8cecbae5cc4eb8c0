"""Settings (no Qt): declared once with types, read through typed attributes, changed only
through the ``change`` use case (permission, checks, one transaction with its audit entries)."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store_helpers import audit_refused, table_rows
from window_assistant.accounts import INSTALLER
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.settings import SETTINGS, Settings, setting_problem

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def boss(set_up):
    return set_up.accounts.authenticate("S01", "correct horse")


@pytest.fixture
def clerk(set_up):
    return set_up.accounts.authenticate("1003", "2580")


def test_typed_reads_give_the_declared_type_and_default(services):
    s = services.settings
    assert s.rating_port == 8765 and isinstance(s.rating_port, int)
    assert s.setup_completed is False
    assert s.centre_abbrev == "铁西政服"
    assert re.fullmatch(r"[0-9a-f]{64}", s.centre_secret)  # made on first open
    assert Settings.rating_port.key == "rating.port"  # on the class: the declaration
    assert set(s.all()) == set(SETTINGS)


def test_every_declared_setting_is_read_somewhere():
    """A setting nothing reads is removed, not kept as a knob that does nothing."""
    sources = [
        p.read_text(encoding="utf-8")
        for folder in ("window_assistant", "ui")
        for p in (ROOT / folder).rglob("*.py")
        if p.name != "settings.py"
    ] + [(ROOT / "main.py").read_text(encoding="utf-8")]
    text = "\n".join(sources)
    unread = [
        name
        for name, value in vars(Settings).items()
        if value in SETTINGS.values() and not re.search(rf"\.{name}\b", text)
    ]
    assert unread == []


def test_a_clerk_changes_this_pcs_window_fonts_and_language(set_up, clerk):
    window = set_up.accounts.add_window(INSTALLER, "5", "5号综合窗口")
    changed = set_up.settings.change(
        clerk,
        {
            "window.current": window.id,
            "ui.language": "en",
            "print.body_font": "宋体",
            "centre.name": set_up.settings.centre_name,  # sent back unchanged: no permission needed
        },
    )
    assert set(changed) == {"window.current", "ui.language", "print.body_font"}
    assert (set_up.settings.current_window, set_up.settings.language) == (window.id, "en")
    entries = [e for e in set_up.audit.entries() if e.action == "settings.change"][:3]
    assert {e.actor for e in entries} == {"1003"}
    assert {e.detail["key"]: (e.detail["old"], e.detail["new"]) for e in entries}[
        "ui.language"
    ] == ("zh_CN", "en")


def test_a_clerk_may_not_change_the_centre_and_nothing_is_written(set_up, clerk):
    before = table_rows(set_up.store, "settings", "audit_log")
    with pytest.raises(PermissionDenied, match="无权修改中心信息"):
        set_up.settings.change(clerk, {"ui.language": "en", "centre.name": "别的中心"})
    assert table_rows(set_up.store, "settings", "audit_log") == before
    assert set_up.settings.language == "zh_CN"  # the allowed half was rolled back too


def test_every_bad_value_is_listed_and_nothing_is_written(set_up, boss):
    before = table_rows(set_up.store, "settings", "audit_log")
    with pytest.raises(UserError) as info:
        set_up.settings.change(
            boss,
            {"rating.port": "80", "centre.abbrev": "TX", "rongque.days": "五", "ui.language": "fr"},
        )
    text = str(info.value)
    assert "没有保存任何修改" in text
    for words in (
        "1024–65535",
        "文号简称须为 2–8 个汉字",
        "需要一个整数,收到:五",
        "界面语言只能是",
    ):
        assert words in text
    with pytest.raises(UserError, match=re.escape("本机窗口(编号 99)不存在")):
        set_up.settings.change(boss, {"window.current": 99})
    with pytest.raises(UserError, match="由程序自动维护"):
        set_up.settings.change(boss, {"setup.completed": False})
    with pytest.raises(UserError, match="没有名为 rating.token_days 的设置"):
        set_up.settings.change(boss, {"rating.token_days": 3})
    assert table_rows(set_up.store, "settings", "audit_log") == before


def test_numbers_take_the_digits_0_to_9_only(set_up, boss):
    label = Settings.correction_days.label
    for typed in ("\u0665", "\u2464", "1_0", "9" * 30):  # ٥, ⑤, an underscore, 10^30
        with pytest.raises(UserError, match=re.escape(f"「{label}」需要一个整数")):
            set_up.settings.change(boss, {"correction.days": typed})
    assert set_up.settings.change(boss, {"correction.days": "１０"})["correction.days"] == (5, 10)


def test_changes_are_audited_old_to_new_but_never_the_secret(set_up, boss):
    old_secret = set_up.settings.centre_secret
    new_secret = "ab" * 32
    changed = set_up.settings.change(
        boss, {"rating.port": "9000", "centre.secret": new_secret, "rating.host": ""}
    )
    assert changed == {"rating.port": (8765, 9000), "centre.secret": (old_secret, new_secret)}
    entries = {e.detail["key"]: e for e in set_up.audit.entries() if e.action == "settings.change"}
    assert entries["rating.port"].detail == {
        "key": "rating.port",
        "label": "评价服务端口",
        "old": 8765,
        "new": 9000,
    }
    assert entries["centre.secret"].detail == {"key": "centre.secret", "label": "评价签名密钥"}
    logged = str([e.detail for e in set_up.audit.entries()])
    assert old_secret not in logged and new_secret not in logged
    assert "rating.host" not in entries  # unchanged


def test_a_refused_audit_entry_leaves_every_setting_as_it_was(set_up, boss):
    before = table_rows(set_up.store, "settings", "audit_log")
    with audit_refused(set_up.store), pytest.raises(sqlite3.DatabaseError, match="audit"):
        set_up.settings.change(boss, {"rating.port": 9000, "centre.name": "新名称中心"})
    assert table_rows(set_up.store, "settings", "audit_log") == before
    assert set_up.settings.rating_port == 8765


def test_the_dialogs_live_checks_are_the_use_cases_checks():
    assert setting_problem("rating.port", "8765") is None
    assert "1024–65535" in setting_problem("rating.port", "80")
    assert "整数" in setting_problem("rating.port", "87a5")
    assert setting_problem("centre.phone", "0412-5551234") is None
    assert "咨询电话" in setting_problem("centre.phone", "电话")


def test_a_stored_value_of_the_wrong_type_reads_as_the_default(services):
    services.store.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('rating.port', '\"八千\"')"
    )
    assert services.settings.rating_port == 8765


def test_a_snapshot_reads_every_setting_in_one_query_and_only_reads(services):
    statements: list[str] = []
    services.store.conn.set_trace_callback(statements.append)
    snap = services.settings.snapshot()
    values = (snap.centre_secret, snap.rating_period_days, snap.rating_good_tags, snap.rating_port)
    services.store.conn.set_trace_callback(None)
    assert statements == ["SELECT json_group_object(key, value) FROM settings"]
    assert values[1:] == (7, ("热情耐心", "一次办成", "指引清楚"), 8765)  # typed, defaults
    assert values[0] == services.settings.centre_secret
    with pytest.raises(TypeError, match="read-only"):
        snap.mark_set_up()


def test_a_snapshot_sees_what_another_program_changed_since_the_last_one(services, db_path):
    """The rating server keeps its connection for days while a supervisor changes settings
    in the window: each snapshot reads afresh, and one taken keeps its own values."""
    before = services.settings.snapshot()
    assert before.rating_period_days == 7
    code = (
        "import sys; from window_assistant.services import open_services;"
        " from window_assistant.accounts import INSTALLER;"
        " svc = open_services(sys.argv[1]);"
        " svc.settings.change(INSTALLER, {'rating.period_days': '30'}); svc.close()"
    )
    subprocess.run([sys.executable, "-c", code, str(db_path)], check=True, timeout=60, cwd=ROOT)
    assert services.settings.snapshot().rating_period_days == 30
    assert before.rating_period_days == 7
    services.store.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('rating.period_days', '\"七\"')"
    )
    assert services.settings.snapshot().rating_period_days == 7  # unreadable: the default


def test_idle_lock_minutes_a_supervisor_setting_within_range(set_up):
    boss = set_up.accounts.authenticate("S01", "correct horse")
    clerk = set_up.accounts.authenticate("1003", "2580")
    key = Settings.lock_idle_minutes.key
    assert set_up.settings.lock_idle_minutes == 10
    assert set_up.settings.may_change(boss, key) and not set_up.settings.may_change(clerk, key)
    with pytest.raises(UserError):
        set_up.settings.change(clerk, {key: 5})
    with pytest.raises(UserError, match="0–240"):
        set_up.settings.change(boss, {key: 241})
    set_up.settings.change(boss, {key: "0"})
    assert set_up.settings.lock_idle_minutes == 0


def test_direct_printing_a_supervisor_setting_off_by_default_and_audited(set_up, boss, clerk):
    key = Settings.print_direct.key
    assert key == "print.direct" and set_up.settings.print_direct is False
    assert set_up.settings.may_change(boss, key) and not set_up.settings.may_change(clerk, key)
    with pytest.raises(UserError):
        set_up.settings.change(clerk, {key: True})
    with pytest.raises(UserError, match="是或否"):
        set_up.settings.change(boss, {key: "也许"})
    assert set_up.settings.change(boss, {key: "是"}) == {key: (False, True)}
    assert set_up.settings.print_direct is True
    [entry] = [e for e in set_up.audit.entries() if e.detail.get("key") == key]
    assert entry.actor == boss.login and (entry.detail["old"], entry.detail["new"]) == (False, True)
