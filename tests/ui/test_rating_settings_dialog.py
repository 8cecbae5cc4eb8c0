"""The settings dialog's 评价标签与期限 tab: a supervisor adds, removes and reorders the 好评 and
差评 tags and sets the rating period; the core's checks show while editing; a clerk only reads."""

from __future__ import annotations

import pytest

from tests.ui.helpers import type_into
from tests.ui.test_rating_address import OFFERED
from ui.admin.settings_dialog import SettingsDialog
from window_assistant.accounts import INSTALLER
from window_assistant.settings import BAD_TAGS, GOOD_TAGS, MAX_TAG

GOOD, BAD, PERIOD = "rating.good_tags", "rating.bad_tags", "rating.period_days"


@pytest.fixture
def supervisor(services):
    return services.accounts.add_account(INSTALLER, "S01", "王主任", "supervisor", "correct horse")


def open_dialog(qtbot, services, user) -> SettingsDialog:
    dialog = SettingsDialog(services, user, addresses=OFFERED)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_supervisor_edits_the_tags_and_the_period(qtbot, services, supervisor):
    dlg = open_dialog(qtbot, services, supervisor)
    good, bad = dlg.tag_editors[GOOD], dlg.tag_editors[BAD]
    assert good.tags() == list(GOOD_TAGS) and bad.tags() == list(BAD_TAGS)
    assert dlg.period_spin.value() == 7 and dlg.period_spin.isEnabled()
    assert (dlg.period_spin.minimum(), dlg.period_spin.maximum()) == (1, 90)

    type_into(qtbot, good.new_edit, "服务规范")
    good.add_button.click()
    assert good.tags() == [*GOOD_TAGS, "服务规范"] and good.new_edit.text() == ""
    good.up_button.click()  # the new tag is selected: one place up
    assert good.tags()[-2:] == ["服务规范", GOOD_TAGS[-1]]
    bad.list.setCurrentRow(0)
    bad.remove_button.click()
    bad.list.setCurrentRow(0)
    bad.down_button.click()
    dlg.period_spin.setValue(15)
    dlg.save()
    assert dlg.result() == dlg.DialogCode.Accepted
    s = services.settings
    assert s.rating_good_tags == (*GOOD_TAGS[:-1], "服务规范", GOOD_TAGS[-1])
    assert s.rating_bad_tags == (BAD_TAGS[2], BAD_TAGS[1], *BAD_TAGS[3:])
    assert s.rating_period_days == 15
    assert set(dlg.changed) >= {GOOD, BAD, PERIOD}


def test_the_cores_checks_show_while_editing_and_nothing_bad_is_saved(qtbot, services, supervisor):
    dlg = open_dialog(qtbot, services, supervisor)
    good = dlg.tag_editors[GOOD]
    type_into(qtbot, good.new_edit, "一" * (MAX_TAG + 1))
    good.add_button.click()
    assert "太长" in dlg.errors[GOOD].text() and not dlg.errors[GOOD].isHidden()
    assert not dlg.save_button.isEnabled()
    good.remove_button.click()  # the long one is selected
    assert dlg.errors[GOOD].isHidden() and dlg.save_button.isEnabled()
    type_into(qtbot, good.new_edit, GOOD_TAGS[0])
    good.add_button.click()
    assert f"「{GOOD_TAGS[0]}」重复了" in dlg.errors[GOOD].text()
    good.remove_button.click()
    type_into(qtbot, good.new_edit, BAD_TAGS[0])  # a 差评 tag offered as 好评: the core refuses
    good.add_button.click()
    dlg.save()
    assert dlg.result() != dlg.DialogCode.Accepted
    assert f"「{BAD_TAGS[0]}」同时出现在「好评标签」和「差评标签」中" in dlg.error.text()
    assert services.settings.rating_good_tags == GOOD_TAGS


def test_a_clerk_sees_the_tags_and_the_period_greyed_and_saves_the_rest(qtbot, services):
    clerk = services.default_clerk()
    dlg = open_dialog(qtbot, services, clerk)
    good = dlg.tag_editors[GOOD]
    assert not good.list.isEnabled() and not good.new_edit.isEnabled()
    assert not good.add_button.isEnabled() and not good.remove_button.isEnabled()
    assert not dlg.period_spin.isEnabled()
    assert good.tags() == list(GOOD_TAGS)  # still readable
    good.list.setCurrentRow(1)
    good.up_button.click()
    assert good.tags() == list(GOOD_TAGS)
    values = dlg.values()
    assert not {GOOD, BAD, PERIOD} & set(values)
    dlg.save()
    assert dlg.result() == dlg.DialogCode.Accepted  # the rest (window, fonts) still saves
