"""The settings dialog's 差评整改与统计 tab (the follow-up deadlines, the level scores, the region
code) and the 中心信息 tab's centre-secret buttons: a supervisor changes them and they are
stored and audited; the core's message shows for a bad value and nothing is stored; a clerk
sees them greyed."""

from __future__ import annotations

import json

import pytest

from tests.core.test_centre_secret import register, write_file
from tests.ui.helpers import type_into
from tests.ui.test_rating_address import OFFERED
from ui.admin import centre_secret as secret_ui
from ui.admin.followup_settings import RECTIFY_KEY, REGION_KEY, SCORES_KEY, VERIFY_KEY
from ui.admin.settings_dialog import SettingsDialog
from window_assistant.settings import LEVEL_SCORES, Settings


@pytest.fixture
def supervisor(set_up):
    return set_up.accounts.authenticate("S01", "correct horse")


def open_dialog(qtbot, services, user) -> SettingsDialog:
    dialog = SettingsDialog(services, user, addresses=OFFERED)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def audited(services) -> dict[str, dict]:
    rows = services.store.execute("SELECT detail FROM audit_log WHERE action = 'settings.change'")
    return {d["key"]: d for d in (json.loads(r[0]) for r in rows)}


def test_a_supervisor_changes_the_deadlines_scores_and_region(qtbot, set_up, supervisor):
    dlg = open_dialog(qtbot, set_up, supervisor)
    f = dlg.followup
    assert (f.verify_spin.value(), f.rectify_spin.value()) == (1, 15)
    assert (f.rectify_spin.minimum(), f.rectify_spin.maximum()) == (1, 60)
    assert "工作日" in f.verify_spin.suffix() and f.scores() == list(LEVEL_SCORES)
    f.verify_spin.setValue(2)
    f.rectify_spin.setValue(10)
    for spin, score in zip(f.score_spins, (100, 90, 75, 40, 10)):
        spin.setValue(score)
    type_into(qtbot, f.region_edit, "210302")
    dlg.save()
    assert dlg.result() == dlg.DialogCode.Accepted
    s = set_up.settings
    assert (s.followup_verify_days, s.followup_rectify_days) == (2, 10)
    assert s.rating_level_scores == (100, 90, 75, 40, 10) and s.region_code == "210302"
    entries = audited(set_up)
    assert entries[VERIFY_KEY]["old"] == 1 and entries[VERIFY_KEY]["new"] == 2
    assert entries[SCORES_KEY]["new"] == [100, 90, 75, 40, 10]
    assert entries[REGION_KEY]["new"] == "210302" and RECTIFY_KEY in entries


def test_rising_scores_and_a_bad_region_show_the_cores_message_and_store_nothing(
    qtbot, set_up, supervisor
):
    dlg = open_dialog(qtbot, set_up, supervisor)
    before = audited(set_up)
    f = dlg.followup
    f.verify_spin.setValue(3)
    f.score_spins[3].setValue(70)  # 不满意 above 基本满意 (60)
    rising = Settings.rating_level_scores.problem([100, 80, 60, 70, 0])
    assert rising and "依次不升高" in rising
    assert f.scores_error.text() == rising and not f.scores_error.isHidden()
    assert not dlg.save_button.isEnabled()
    type_into(qtbot, f.region_edit, "21030")
    assert "6 位数字" in f.region_error.text()
    dlg.save()
    assert dlg.result() != dlg.DialogCode.Accepted
    assert "有设置不正确" in dlg.error.text()
    s = set_up.settings
    assert s.rating_level_scores == LEVEL_SCORES and s.followup_verify_days == 1
    assert s.region_code == "210303" and audited(set_up) == before
    f.score_spins[3].setValue(30)
    type_into(qtbot, f.region_edit, "210303")
    assert f.scores_error.isHidden() and f.region_error.isHidden() and dlg.save_button.isEnabled()


def test_a_clerk_sees_them_greyed_and_saves_the_rest(qtbot, set_up):
    clerk = set_up.accounts.authenticate("1003", "2580")
    dlg = open_dialog(qtbot, set_up, clerk)
    f = dlg.followup
    greyed = [f.verify_spin, f.rectify_spin, *f.score_spins, f.region_edit]
    greyed += [dlg.secret_box.export_button, dlg.secret_box.import_button]
    assert not any(widget.isEnabled() for widget in greyed)
    assert set(f.values()) == set()
    dlg.save()
    assert dlg.result() == dlg.DialogCode.Accepted
    assert not set(dlg.changed) & {VERIFY_KEY, RECTIFY_KEY, SCORES_KEY, REGION_KEY}


def test_the_secret_buttons_export_and_import_through_the_file_dialogs(
    qtbot, set_up, supervisor, tmp_path, monkeypatch
):
    dlg = open_dialog(qtbot, set_up, supervisor)
    box = dlg.secret_box
    key = tmp_path / "中心密钥.json"
    monkeypatch.setattr(secret_ui, "save_file", lambda *a: (key, "*.json"))
    box.export_button.click()
    assert json.loads(key.read_text(encoding="utf-8"))["secret"] == set_up.settings.centre_secret
    assert "已导出到" in box.status.text() and box.error.isHidden()

    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff not text")
    monkeypatch.setattr(secret_ui, "open_file", lambda *a: bad)
    box.import_button.click()
    assert "不是 UTF-8" in box.error.text() and box.status.isHidden()

    register(set_up)  # an unrated case within the period: its QR code would stop working
    other = write_file(tmp_path / "other.json")
    before = set_up.settings.centre_secret
    asked: list[int] = []
    box.confirm = lambda count: asked.append(count) or False
    box.import_from(other)
    assert asked == [1] and set_up.settings.centre_secret == before
    assert "没有导入" in box.status.text()
    box.confirm = lambda count: True
    box.import_from(other)
    assert set_up.settings.centre_secret != before and "已导入" in box.status.text()


def test_the_set_up_wizard_imports_a_joining_pcs_secret(qtbot, services, tmp_path, monkeypatch):
    from tests.profiles import SET_UP
    from ui.signin import setup_wizard
    from window_assistant.setup import complete_setup

    wizard = setup_wizard.SetupWizard(services, addresses=OFFERED)
    qtbot.addWidget(wizard)
    page = wizard.rating_page
    before = services.settings.centre_secret
    page.import_secret(write_file(tmp_path / "short.json", secret="ab" * 8))
    assert "32–128 位" in page.secret_error.text() and services.settings.centre_secret == before
    key = write_file(tmp_path / "中心密钥.json")
    monkeypatch.setattr(setup_wizard, "open_file", lambda *a: key)
    page.secret_button.click()
    assert (
        page.secret_error.isHidden() and "已导入「铁西区政务服务中心」" in page.secret_status.text()
    )
    complete_setup(services, SET_UP)  # the rest of the set-up keeps the imported secret
    assert services.settings.centre_secret == json.loads(key.read_text(encoding="utf-8"))["secret"]
