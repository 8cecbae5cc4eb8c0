"""The English translation: it loads, it reaches the dialogs, and the dictionary covers them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QWizard

from docs.tools.i18n_build import DICTIONARY, fill_from_dictionary
from ui.admin.settings_dialog import SettingsDialog
from ui.cases.applicant_form import ApplicantForm
from ui.i18n import install_translator, remove_translators, translations_dir
from ui.search.guide import item_guide_html
from ui.signin.login import LoginDialog
from ui.signin.setup_wizard import SetupWizard
from window_assistant.accounts import INSTALLER
from window_assistant.catalog.model import Item, Material
from window_assistant.services import open_services
from window_assistant.vocab import CaseType, MaterialForm, Necessity

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def svc(db_path):
    s = open_services(db_path, seed=False)
    s.accounts.ensure_defaults()
    yield s
    s.close()


@pytest.fixture
def english(qapp):
    translators = install_translator(qapp, "en")
    yield translators
    remove_translators(qapp, translators)


def test_english_reaches_the_dialogs(qtbot, svc, english):
    assert (translations_dir() / "window_assistant_en.qm").is_file()
    login = LoginDialog(svc)
    qtbot.addWidget(login)
    assert login.windowTitle() == "Sign in — Window Assistant"
    assert login.ok_button.text() == "Sign in"
    wizard = SetupWizard(svc)
    qtbot.addWidget(wizard)
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "Next >"
    assert wizard.page(wizard.startId()).title() == "Centre"
    supervisor = svc.accounts.add_account(INSTALLER, "S01", "王主任", "supervisor", "correct horse")
    settings = SettingsDialog(svc, supervisor)
    qtbot.addWidget(settings)
    assert [settings.tabs.tabText(i) for i in range(settings.tabs.count())] == [
        "Centre",
        "Rating server",
        "Rating tags and period",
        "Follow-ups and figures",
        "Case deadlines",
        "Notices and corrections",
        "This computer and printing",
        "Search synonyms",
    ]


def test_chinese_is_the_default_without_a_translator(qtbot, svc, qapp):
    translators = install_translator(qapp, "zh_CN")
    try:
        login = LoginDialog(svc)
        qtbot.addWidget(login)
        assert login.windowTitle() == "登录 — 窗口助手"
    finally:
        remove_translators(qapp, translators)


def test_dictionary_fills_only_unfinished_entries(tmp_path):
    ts = tmp_path / "t.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="en">'
        "<context><name>X</name>"
        '<message><source>保存</source><translation type="unfinished"></translation></message>'
        "<message><source>关闭</source><translation>Close it</translation></message>"
        '<message><source>未知</source><translation type="unfinished"></translation></message>'
        "</context></TS>",
        encoding="utf-8",
    )
    filled, missing = fill_from_dictionary(ts, {"保存": "Save", "关闭": "Close"})
    assert (filled, missing) == (1, ["未知"])
    text = ts.read_text(encoding="utf-8")
    assert "<translation>Save</translation>" in text
    assert "<translation>Close it</translation>" in text  # a finished entry is kept


def test_dictionary_covers_every_string_of_the_ui(tmp_path):
    """Each tr() string in ui/ has an English entry (so the build leaves none unfinished)."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    tool = str(lupdate) if lupdate.exists() else shutil.which("pyside6-lupdate")
    if tool is None:
        pytest.skip("pyside6-lupdate is not installed")
    sources = [str(p) for p in sorted((REPO / "ui").rglob("*.py"))]
    ts = tmp_path / "ui.ts"
    subprocess.run([tool, "-silent", *sources, "-ts", str(ts)], check=True, cwd=REPO)
    dictionary = json.loads(DICTIONARY.read_text(encoding="utf-8"))
    _, missing = fill_from_dictionary(ts, dictionary)
    assert missing == []
    assert len(ts.read_text(encoding="utf-8")) > 1000  # lupdate did find the strings


def test_qt_standard_buttons_speak_chinese(qtbot, qapp):
    translators = install_translator(qapp, "zh_CN")
    try:
        assert translators, "qtbase_zh_CN.qm ships with PySide6"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text().startswith("取消")
    finally:
        remove_translators(qapp, translators)


def _guide_and_forms(qtbot) -> tuple[str, ApplicantForm]:
    item = Item(
        code="A1",
        name="营业执照遗失补领",
        case_type=CaseType.INSTANT,
        materials=[Material("身份证", necessity=Necessity.REQUIRED, form=MaterialForm.PAPER)],
    )
    form = ApplicantForm("申请人")
    qtbot.addWidget(form)
    return item_guide_html(item), form


def test_stored_codes_show_in_the_interface_language(qtbot, qapp):
    html, form = _guide_and_forms(qtbot)
    assert "必要" in html and "即办件" in html and "纸质" in html and "required" not in html
    assert form.id_type_combo.itemText(0) == "居民身份证"
    assert form.id_type_combo.itemData(0) == "resident_id"
    translators = install_translator(qapp, "en")
    try:
        html, form = _guide_and_forms(qtbot)
        assert "Required" in html and "Settled on the spot" in html and "Paper" in html
        assert "必要" not in html and "即办件" not in html
        assert form.id_type_combo.itemText(0) == "Resident identity card"
        assert form.id_type_combo.itemData(0) == "resident_id"
    finally:
        remove_translators(qapp, translators)
    assert "必要" in _guide_and_forms(qtbot)[0]


def test_the_supervisions_filter_lists_speak_english(qtbot, set_up, english):
    """The 差评整改 views and the statistics' groupings: labels of keys, translated in the UI."""
    import re

    from tests.profiles import SET_UP
    from ui.ratings.board import BoardDialog
    from ui.ratings.stats_view import StatsDialog

    boss = set_up.accounts.authenticate(SET_UP.supervisor_login, SET_UP.supervisor_password)
    board, stats = BoardDialog(set_up, boss), StatsDialog(set_up)
    for dialog in (board, stats):
        qtbot.addWidget(dialog)
    texts = [board.view_combo.itemText(i) for i in range(board.view_combo.count())]
    texts += [stats.by_combo.itemText(i) for i in range(stats.by_combo.count())]
    assert "Open" in texts and "By clerk" in texts
    assert not [t for t in texts if re.search(r"[\u4e00-\u9fff]", t)], texts
