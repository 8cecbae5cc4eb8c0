"""Colours live in the style sheets and one palette module, and the looks that change while a
dialog is open (an invalid field, what is missing) really change on screen."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QPalette

from tests.ui.helpers import type_into
from ui import palette
from ui.app import RESOURCES_DIR
from ui.cases.applicant_form import CheckedField
from ui.cases.case_dialog import CaseDialog
from ui.common import ErrorLabel, hint_label, role_label
from window_assistant.cases import ids

UI = Path(__file__).resolve().parents[2] / "ui"
HEX_COLOUR = re.compile(r"(?<![\w&])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def _python_sources() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def test_no_colour_is_written_in_ui_code_but_the_palette():
    found = [
        f"{path.relative_to(UI.parent)}:{n}: {line.strip()}"
        for path in _python_sources()
        if path != UI / "palette.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HEX_COLOUR.search(line) or re.search(r"\bQColor\(", line)
    ]
    assert found == [], "colours belong in resources/style.qss, guide.css or ui/palette.py"


def test_no_widget_has_its_own_style_sheet():
    """One style sheet for the application; a widget's own would override it unseen."""
    found = [
        f"{path.relative_to(UI.parent)}:{n}"
        for path in _python_sources()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "setStyleSheet(" in line and path != UI / "app.py"
    ]
    assert found == []


def test_the_patterns_find_what_they_are_meant_to():
    """The two tests above would pass on anything if their patterns matched nothing."""
    assert HEX_COLOUR.search('label.setStyleSheet("color: #5f6368;")')
    assert HEX_COLOUR.search("bgcolor='#fff'")
    assert not HEX_COLOUR.search("&#x27; # a comment #123abcd0e #define")
    assert (UI / "palette.py").is_file() and (RESOURCES_DIR / "guide.css").is_file()


def text_colour(widget) -> str:
    return widget.palette().color(QPalette.ColorRole.WindowText).name()


def test_labels_are_coloured_by_their_role(qtbot, styled):
    labels = {
        "error": ErrorLabel(),
        "hint": hint_label("提示"),
        "ok": role_label("ok", "已保存"),
    }
    for label in labels.values():
        qtbot.addWidget(label)
        label.show()
    assert text_colour(labels["error"]) == palette.ERROR.name()
    assert text_colour(labels["hint"]) == palette.MUTED.name()
    assert text_colour(labels["ok"]) == palette.DONE.name()


def test_an_invalid_field_turns_red_and_back(qtbot, styled):
    field = CheckedField(ids.phone_problem, "手机")
    qtbot.addWidget(field)
    field.show()
    normal = field.edit.palette().color(QPalette.ColorRole.Base).name()
    type_into(qtbot, field.edit, "12")
    assert field.error.isVisible()
    assert field.edit.palette().color(QPalette.ColorRole.Base).name() == "#fff6f5"
    type_into(qtbot, field.edit, "13812341234")
    assert not field.error.isVisible()
    assert field.edit.palette().color(QPalette.ColorRole.Base).name() == normal


def test_the_missing_summary_follows_the_ticks(qtbot, styled, services):
    dialog = CaseDialog(
        services,
        services.default_clerk(),
        "item",
        "001701001000",
        {"company_type": "有限责任公司", "premises": "租赁房产", "agent": "否"},
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kind_combo.currentData() == "correction"
    assert text_colour(dialog.summary) == palette.ERROR.name()  # must come back: 补正
    dialog.materials.set_all(True)
    assert dialog.summary.text() == "材料齐全"
    assert text_colour(dialog.summary) == palette.DONE.name()
    dialog.materials.set_brought("房屋租赁合同", False)  # 容缺后补: accepted, brought later
    assert dialog.kind_combo.currentData() != "correction"
    assert text_colour(dialog.summary) == palette.WARNING.name()
