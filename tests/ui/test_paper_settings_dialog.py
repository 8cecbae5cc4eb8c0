"""The settings dialog's 告知书与补正 tab (issue 11): the 补正 and 容缺 deadlines, the 一次性告知
commitment cited for items that are not 行政许可, what happens when the 补正 deadline passes,
the default 送达方式 and the 办事指南要点 附页. A supervisor changes them, they are stored and
audited and the next paper prints them; the core's message shows for a bad value and nothing is
stored; a clerk sees them greyed."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from tests.ui.helpers import type_into
from tests.ui.test_followup_settings_dialog import audited, open_dialog
from ui.admin.paper_settings import (
    COMMITMENT_KEY,
    CORRECTION_DAYS_KEY,
    DELIVERY_KEY,
    GUIDE_KEY,
    KEYS,
    LAPSE_KEY,
)
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.settings import SETTINGS
from window_assistant.sheets.content import sheet_content

MARRIAGE = "000607001000"  # 内地居民结婚登记: 行政确认, so its 补正告知书 cites the commitment
COMMITMENT = "本中心对申请材料实行一次性告知，申请人补正齐全即予受理。"
LAPSE = "逾期未补正的，视为撤回申请，材料退还申请人。"
DELIVERY = "窗口领取或免费邮寄。"


@pytest.fixture
def supervisor(set_up):
    return set_up.accounts.authenticate("S01", "correct horse")


def put(qtbot, edit, text: str) -> None:
    if isinstance(edit, QPlainTextEdit):
        edit.setPlainText(text)
    else:
        type_into(qtbot, edit, text)


def test_a_supervisor_changes_them_and_the_next_papers_print_them(qtbot, set_up, supervisor):
    dlg = open_dialog(qtbot, set_up, supervisor)
    p = dlg.papers
    s = set_up.settings
    assert (p.correction_spin.value(), p.rongque_spin.value()) == (5, 5)
    assert (p.correction_spin.minimum(), p.correction_spin.maximum()) == (1, 60)
    assert p.text(COMMITMENT_KEY) == s.correction_commitment and not p.guide_check.isChecked()
    p.correction_spin.setValue(3)
    p.rongque_spin.setValue(10)
    put(qtbot, p.texts[COMMITMENT_KEY], COMMITMENT)
    put(qtbot, p.texts[LAPSE_KEY], LAPSE)
    put(qtbot, p.texts[DELIVERY_KEY], DELIVERY)
    p.guide_check.setChecked(True)
    dlg.save()
    assert dlg.result() == dlg.DialogCode.Accepted
    assert (s.correction_days, s.rongque_days) == (3, 10)
    assert (s.correction_commitment, s.correction_lapse) == (COMMITMENT, LAPSE)
    assert s.sheet_delivery == DELIVERY and s.sheet_guide_sheet is True
    entries = audited(set_up)
    assert all(key in entries for key in KEYS)
    assert entries[CORRECTION_DAYS_KEY]["old"] == 5 and entries[CORRECTION_DAYS_KEY]["new"] == 3
    cases = CaseService(set_up, clock=lambda: datetime(2026, 3, 2, 9, 30))
    clerk = set_up.accounts.authenticate("1003", "2580")
    notice = sheet_content(
        cases.register(CaseRequest("item", MARRIAGE, outcome="consulted"), clerk).sheet
    )
    assert notice.appendix is not None  # the 办事指南要点 附页, now the default
    assert DELIVERY.rstrip("。") in dict(notice.guide)["办理结果和送达方式"]
    correction = cases.register(CaseRequest("item", MARRIAGE), clerk).sheet
    assert correction.note == COMMITMENT and correction.lapse == LAPSE
    assert correction.deadline == "2026-03-05"  # 3 working days


@pytest.mark.parametrize("key", [COMMITMENT_KEY, LAPSE_KEY, DELIVERY_KEY])
def test_an_empty_text_shows_the_cores_message_and_stores_nothing(qtbot, set_up, supervisor, key):
    dlg = open_dialog(qtbot, set_up, supervisor)
    before = audited(set_up)
    old = set_up.settings.all()[key]
    p = dlg.papers
    p.rongque_spin.setValue(7)
    put(qtbot, p.texts[key], "  ")
    message = SETTINGS[key].problem("")
    assert message and message.startswith("请填写")
    assert p.errors[key].text() == message and not p.errors[key].isHidden()
    assert not dlg.save_button.isEnabled()
    dlg.save()
    assert dlg.result() != dlg.DialogCode.Accepted and "有设置不正确" in dlg.error.text()
    assert set_up.settings.all()[key] == old and set_up.settings.rongque_days == 5
    assert audited(set_up) == before
    put(qtbot, p.texts[key], "已改正。")
    assert p.errors[key].isHidden() and dlg.save_button.isEnabled()


def test_a_clerk_sees_them_greyed_and_saves_the_rest(qtbot, set_up):
    clerk = set_up.accounts.authenticate("1003", "2580")
    dlg = open_dialog(qtbot, set_up, clerk)
    p = dlg.papers
    widgets = [p.correction_spin, p.rongque_spin, p.guide_check, *p.texts.values()]
    assert not any(w.isEnabled() for w in widgets)
    assert not set(KEYS) & set(dlg.values())
    dlg.save()
    assert dlg.result() == dlg.DialogCode.Accepted
    assert not set(KEYS) & set(audited(set_up))
    assert set_up.settings.rongque_days == 5 and GUIDE_KEY not in audited(set_up)
