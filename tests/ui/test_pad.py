"""The counter's pad in the clerk's window (issue 9 §3, §6): 邀请评价 by the shortcut and the
panels' buttons, a USB scanner simulated by typing the sheet's rating URL plus Enter, the
second-screen pad recording channel 4 through the core, stale presses refused, the pad's
buttons by keyboard, its placement on a second screen, and pairing a tablet."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt, QTimer
from PySide6.QtWidgets import QWidget

from tests.ui.helpers import run_driver, show_active, type_into
from ui.cases.case_dialog import CaseDialog
from ui.main_window import MainWindow
from ui.pad.controller import PadController
from ui.pad.pad_window import FONT_SCALE, PadWindow
from ui.pad.pairing_dialog import PairingDialog
from ui.pad.scan import scanned_reference
from window_assistant.accounts import INSTALLER
from window_assistant.cases.model import CaseRequest
from window_assistant.cases.registration import CaseService
from window_assistant.cases.tokens import MALFORMED
from window_assistant.ratings.errors import PadNotInvited, PairingFailed
from window_assistant.ratings.log import list_ratings, record_rating
from window_assistant.ratings.pads import (
    INVITE_MINUTES,
    SECOND_SCREEN,
    current_invitation,
    invite,
    pair_device,
    paired_devices,
)
from window_assistant.vocab import RatingChannel, RatingLevel

ITEM = "000920001000"  # 用人单位社保登记: registers without an applicant
ITEM_NAME = "用人单位社保登记"
HOST = "192.168.1.20"
FAST_MS = 30  # the thank-you's delay in these tests


@pytest.fixture
def clerk(services):
    return services.default_clerk()


@pytest.fixture
def phones(services):
    """Rating by phone on: each sheet carries its rating URL (what the scanner reads)."""
    services.settings.change(INSTALLER, {"rating.host": HOST, "rating.by_phone": True})
    return services


def register(services, clerk, n: int = 1, at: datetime | None = None):
    service = CaseService(services, clock=lambda: at or datetime.now())
    return [service.register(CaseRequest("item", ITEM, kind="notice"), clerk) for _ in range(n)]


@pytest.fixture
def window(qtbot, services, clerk) -> MainWindow:
    window = MainWindow(services, clerk)
    show_active(qtbot, window)
    window.pads.notice_ms = FAST_MS
    yield window
    if window.pads.pad is not None:
        window.pads.pad.close()


def scan(qtbot, widget, text: str) -> None:
    """What a USB scanner does: types the code's text, then Enter."""
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def pad_of(window: MainWindow) -> PadWindow:
    pad = window.pads.pad
    assert pad is not None
    return pad


def press(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# -- the scanner, the pad, the log -------------------------------------------------------------
def test_a_scanned_url_invites_the_case_and_the_pad_records_one_pad_rating(
    qtbot, phones, clerk, window
):
    services = phones
    (case,) = register(services, clerk)
    assert case.rating_url.startswith(f"http://{HOST}:")
    scan(qtbot, window.search_box, case.rating_url)

    assert window.search_box.text() == ""  # taken as a scan, not searched for
    assert window.statusBar().currentMessage() == f"已邀请评价:{case.serial}"
    pad = pad_of(window)
    assert pad.isVisible() and pad.stack.currentWidget() is pad.rating_page
    assert pad.invitation is not None and pad.invitation.serial == case.serial
    assert ITEM_NAME in pad.case_label.text() and case.serial not in pad.case_label.text()
    assert [b.text() for b in pad.level_buttons.values()] == [
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
    ]
    assert not any(b.isChecked() for b in pad.level_buttons.values())  # nothing preselected
    assert [t for t, _ in pad.tag_buttons] == [*services.settings.rating_good_tags] + [
        *services.settings.rating_bad_tags
    ]
    assert not pad.submit_button.isEnabled()
    # The pad learnt of the invitation from the window: no timer reads the disk over and over.
    assert not [t for t in pad.findChildren(QTimer) if t.isActive() and not t.isSingleShot()]

    good = dict(pad.tag_buttons[: len(services.settings.rating_good_tags)])
    bad = dict(pad.tag_buttons[len(good) :])
    press(qtbot, good["热情耐心"])  # a tag first: both groups are open before a level
    press(qtbot, pad.level_buttons[RatingLevel.DISSATISFIED])
    assert pad.submit_button.isEnabled()
    press(qtbot, pad.level_buttons[RatingLevel.BASICALLY_SATISFIED])
    checked = [level for level, b in pad.level_buttons.items() if b.isChecked()]
    assert checked == [RatingLevel.BASICALLY_SATISFIED]  # one level at most
    # Both groups stay open whatever the level (as on the phone page): 基本满意 + 等候时间长.
    assert pad.good_box.isEnabled() and pad.bad_box.isEnabled()
    press(qtbot, bad["等候时间长"])
    press(qtbot, pad.submit_button)

    (rating,) = list_ratings(services)
    assert rating.case_serial == case.serial and rating.channel is RatingChannel.PAD
    assert rating.level is RatingLevel.BASICALLY_SATISFIED
    assert list(rating.tags) == ["热情耐心", "等候时间长"]
    assert rating.device == SECOND_SCREEN
    assert pad.stack.currentWidget() is pad.notice_page
    assert pad.notice_title.text() == "感谢您的评价!"
    qtbot.waitUntil(lambda: pad.stack.currentWidget() is pad.idle_page, timeout=2000)
    assert pad.window_label.text() == services.accounts.window(window.window_id).name
    assert pad.centre_label.text() == services.settings.centre_name

    press(qtbot, pad.submit_button)  # a second press on the idle pad records nothing
    assert len(list_ratings(services)) == 1


def test_a_press_on_a_stale_invitation_is_refused_with_the_cores_message(
    qtbot, services, clerk, window
):
    first, second = register(services, clerk, 2)
    window.pads.invite(first.serial)
    pad = pad_of(window)
    stale = pad.invitation
    assert stale is not None and stale.serial == first.serial
    # Invited elsewhere meanwhile (the same window's tablet page, say): the screen is stale.
    invite(services, clerk, second.serial, window.window_id)
    press(qtbot, pad.level_buttons[RatingLevel.VERY_SATISFIED])
    press(qtbot, pad.submit_button)
    assert list_ratings(services) == []
    assert pad.notice_title.text() == "未能提交评价"
    assert pad.notice_text.text() == PadNotInvited.default_message
    qtbot.waitUntil(lambda: pad.stack.currentWidget() is pad.idle_page, timeout=2000)

    # The current one is rated once; showing the old screen again and pressing is refused.
    window.pads.invite(second.serial)
    press(qtbot, pad.level_buttons[RatingLevel.SATISFIED])
    shown = pad.invitation
    press(qtbot, pad.submit_button)
    assert [r.case_serial for r in list_ratings(services)] == [second.serial]
    pad.show_invitation(shown)
    press(qtbot, pad.level_buttons[RatingLevel.VERY_DISSATISFIED])
    press(qtbot, pad.submit_button)
    assert pad.notice_title.text() == "未能提交评价"
    assert [r.level for r in list_ratings(services)] == [RatingLevel.SATISFIED]


def test_ordinary_search_words_are_searched_and_only_a_verified_bare_token_is_a_scan(
    qtbot, services, clerk, window
):
    (case,) = register(services, clerk)
    forged = case.token[:-4] + ("AAAA" if not case.token.endswith("AAAA") else "BBBB")
    for words in ("sbdj", "社保", forged, "x" * 38):
        assert scanned_reference(services, words) is None, words
        type_into(qtbot, window.search_box, words)
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
        assert window.search_box.text() == words  # searched, not cleared
    assert window.pads.pad is None and current_invitation(services, window.window_id) is None

    type_into(qtbot, window.search_box, case.token)  # the bare token, as some scanners send
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.search_box.text() == ""
    assert pad_of(window).invitation.serial == case.serial


def test_a_scan_of_a_damaged_url_is_reported_not_searched(qtbot, phones, clerk, window):
    (case,) = register(phones, clerk)
    scan(qtbot, window.search_box, case.rating_url[:-6])
    assert window.search_box.text() == ""
    assert window.statusBar().currentMessage() == MALFORMED
    assert window.pads.pad is None


def test_an_already_rated_case_gives_the_cores_message_and_no_crash(qtbot, phones, clerk, window):
    (case,) = register(phones, clerk)
    record_rating(phones, case.token, RatingLevel.SATISFIED, [], "", RatingChannel.QR_CODE, "phone")
    scan(qtbot, window.search_box, case.rating_url)
    assert window.statusBar().currentMessage() == "该办件已经评价过,每件办件只能评价一次。"
    assert window.pads.pad is None  # nothing was shown on the pad
    assert window.isVisible() and len(list_ratings(phones)) == 1


def test_the_pad_takes_a_scan_typed_into_it(qtbot, phones, clerk, window):
    first, second = register(phones, clerk, 2)
    window.pads.invite(first.serial)
    pad = pad_of(window)
    show_active(qtbot, pad)
    scan(qtbot, pad, second.rating_url)
    assert pad.invitation.serial == second.serial
    assert window.statusBar().currentMessage() == f"已邀请评价:{second.serial}"
    scan(qtbot, pad, "hello")  # keys that are no scan change nothing
    assert pad.invitation.serial == second.serial
    assert not pad.isFullScreen()  # one screen: a window the clerk places …
    qtbot.keyClick(pad, Qt.Key.Key_F11)
    qtbot.waitUntil(pad.isFullScreen)  # … full screen on request
    qtbot.keyClick(pad, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not pad.isFullScreen())


# -- 邀请评价: the shortcut and the panels ---------------------------------------------------------
def test_invite_by_f4_from_the_case_dialog_and_the_main_window(qtbot, services, clerk, window):
    qtbot.keyClick(window.search_box, Qt.Key.Key_F4)  # nothing registered yet
    assert window.statusBar().currentMessage() == "请先登记办件,或在办件台账中选择要评价的办件。"
    assert window.pads.pad is None

    window.open_code("item", ITEM)
    qtbot.keyClick(window.search_box, Qt.Key.Key_F2)
    dialog = window.case_dialog
    assert isinstance(dialog, CaseDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    case = dialog.register_and_print()
    assert case is not None
    dialog.preview_dialog.close()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    panel = dialog.result_panel
    assert panel.invite_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_F4)
    pad = pad_of(window)
    assert pad.invitation.serial == case.serial and pad.invitation.version == 1
    assert panel.invite_label.text() == f"已邀请评价:{case.serial}"
    dialog.close()

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.search_box, Qt.Key.Key_F4)  # the case registered last, again
    assert pad.invitation.serial == case.serial and pad.invitation.version == 2


def test_invite_from_the_cases_view_and_a_refusal_shown_there(qtbot, services, clerk, window):
    first, second = register(services, clerk, 2)
    record_rating(
        services, second.token, RatingLevel.SATISFIED, [], "", RatingChannel.QR_CODE, "phone"
    )
    qtbot.keyClick(window.search_box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    view = window.cases_dialog
    assert view is not None
    qtbot.waitUntil(view.isActiveWindow)
    serials = [r.serial for r in view.model.rows]
    view.table.selectRow(serials.index(first.serial))
    qtbot.keyClick(view.table, Qt.Key.Key_F4)
    assert pad_of(window).invitation.serial == first.serial
    assert view.saved_label.text() == f"已邀请评价:{first.serial}"
    view.table.selectRow(serials.index(second.serial))
    press(qtbot, view.invite_button)
    assert view.error.text() == "该办件已经评价过,每件办件只能评价一次。"
    assert pad_of(window).invitation.serial == first.serial  # the pad kept its case
    # Nothing registered in this session: the main window's 邀请评价 takes the view's selection.
    view.table.selectRow(serials.index(first.serial))
    window.invite_rating()
    assert pad_of(window).invitation.serial == first.serial
    assert pad_of(window).invitation.version == 2


# -- the pad by keyboard, its lapse and its screen ---------------------------------------------
def test_the_pads_buttons_are_reachable_by_keyboard(qtbot, services, clerk, window):
    (case,) = register(services, clerk)
    window.pads.invite(case.serial)
    pad = pad_of(window)
    show_active(qtbot, pad)
    assert pad.focusWidget() in (None, pad)  # no button has the focus: nothing is suggested

    def tab() -> QWidget:
        qtbot.keyClick(pad.focusWidget() or pad, Qt.Key.Key_Tab)
        return pad.focusWidget()

    levels = list(pad.level_buttons.values())
    tags = [b for _, b in pad.tag_buttons]
    assert tab() is levels[0]
    qtbot.keyClick(levels[0], Qt.Key.Key_Space)  # 非常满意
    assert levels[0].isChecked() and pad.submit_button.isEnabled()
    # On through the other levels, every tag (both groups stay open), then 提交评价.
    reached = [tab() for _ in range(len(levels) - 1 + len(tags) + 1)]
    assert reached == [*levels[1:], *tags, pad.submit_button]
    qtbot.keyClick(tags[0], Qt.Key.Key_Space)
    qtbot.keyClick(pad.submit_button, Qt.Key.Key_Space)
    (rating,) = list_ratings(services)
    assert rating.level is RatingLevel.VERY_SATISFIED
    assert list(rating.tags) == [pad.tag_buttons[0][0]]


def test_an_unanswered_invitation_lapses_on_the_pad(qtbot, services, clerk):
    almost = datetime.now() - timedelta(minutes=INVITE_MINUTES) + timedelta(seconds=1.5)
    (case,) = register(services, clerk, at=almost)
    invite(services, clerk, case.serial, services.current_window_id(), almost)
    pad = PadWindow(services, services.current_window_id(), notice_ms=FAST_MS)
    qtbot.addWidget(pad)
    assert pad.stack.currentWidget() is pad.rating_page  # opened on the current invitation
    qtbot.waitUntil(lambda: pad.stack.currentWidget() is pad.idle_page, timeout=5000)
    assert pad.invitation is None


def test_the_pads_type_and_targets_scale_with_its_screen(qtbot, services, clerk, styled):
    (case,) = register(services, clerk)
    invite(services, clerk, case.serial, services.current_window_id())
    pad = PadWindow(services, services.current_window_id(), notice_ms=FAST_MS)
    qtbot.addWidget(pad)
    pad.show()
    sizes = {}
    for width, height in ((1366, 768), (1920, 1080)):
        pad.resize(width, height)
        qtbot.waitUntil(lambda w=width: pad.width() == w)
        level = pad.level_buttons[RatingLevel.SATISFIED]
        sizes[width] = (level.font().pixelSize(), level.minimumHeight())
    assert sizes[1366][0] >= 32 and sizes[1366][1] >= 72  # large on a counter PC's screen
    assert sizes[1920][0] > sizes[1366][0] and sizes[1920][1] > sizes[1366][1]
    # The thank-you's title keeps its size when its state (its colour) is re-polished.
    pad.show_notice("感谢您的评价!", "", ok=True)
    assert pad.notice_title.font().pixelSize() == round(pad._unit() * FONT_SCALE["notice"])
    pad.show_notice("未能提交评价", "", ok=False)
    assert pad.notice_title.font().pixelSize() == round(pad._unit() * FONT_SCALE["notice"])


def _pad_placement(db_path: Path, tmp_path: Path, screens: list[dict]) -> dict:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"synchronousWindowSystem": True, "screens": screens}))
    env = {"QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    return run_driver("pad_screens_driver.py", db_path, env)


def screen(name: str, x: int, width: int, height: int) -> dict:
    return {"name": name, "x": x, "y": 0, "width": width, "height": height}


def test_the_pad_opens_full_screen_on_a_second_screen_else_as_a_window(services, db_path, tmp_path):
    services.close()  # the driver opens the database in its own process
    two = _pad_placement(
        db_path, tmp_path, [screen("counter", 0, 1366, 768), screen("citizen", 1366, 1920, 1080)]
    )
    assert two == {
        "clerk_screen": "counter",
        "pad_screen": "citizen",
        "geometry": [1366, 0, 1920, 1080],
        "full_screen": True,
    }
    one = _pad_placement(db_path, tmp_path, [screen("counter", 0, 1366, 768)])
    assert one["pad_screen"] == "counter" and one["full_screen"] is False


# -- pairing a tablet --------------------------------------------------------------------------
def test_the_pairing_dialog_shows_a_code_the_tablet_pairs_with_and_unpairs(qtbot, phones, clerk):
    window_id = phones.current_window_id()
    dialog = PairingDialog(phones, clerk, window_id)
    show_active(qtbot, dialog)
    assert dialog.url == f"http://{HOST}:8765/pad/{window_id}"
    assert dialog.url_label.text() == dialog.url
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    dialog.qr_label.pixmap().toImage().save(buffer, "PNG")
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))
    assert [b.text for b in decoded] == [dialog.url]  # the tablet can scan the address
    code = dialog.pairing.code
    assert len(code) == 6 and code.isdigit()
    assert dialog.code_label.text().replace(" ", "") == code
    assert "还剩 9:5" in dialog.expiry_label.text()
    assert dialog.devices_label.text() == "本窗口还没有配对的平板电脑。"
    assert not dialog.unpair_button.isEnabled()

    pair_device(phones, window_id, code, "柜台平板")  # what the tablet's page does
    dialog.refresh_devices()
    assert "已配对:柜台平板" in dialog.devices_label.text()
    assert dialog.expiry_label.text() == "配对成功,配对码已用过。"
    with pytest.raises(PairingFailed):  # the code was used up
        pair_device(phones, window_id, code, "另一台")

    press(qtbot, dialog.unpair_button)
    assert paired_devices(phones, window_id) == []
    assert dialog.devices_label.text() == "本窗口还没有配对的平板电脑。"
    press(qtbot, dialog.new_code_button)
    assert dialog.pairing is not None and dialog.pairing.code.isdigit()
    dialog.close()


def test_pairing_without_a_rating_address_says_to_choose_one_first(qtbot, services, clerk):
    dialog = PairingDialog(services, clerk, services.current_window_id())
    show_active(qtbot, dialog)
    assert dialog.pairing is None and dialog.url == ""
    assert "设置 → 评价服务" in dialog.no_host.text() and dialog.no_host.isVisible()
    assert not dialog.new_code_button.isEnabled() and dialog.qr_label.isHidden()


def test_the_pad_controller_needs_no_main_window(qtbot, services, clerk):
    """The controller works beside any window (the pad is a window of its own)."""
    beside = QWidget()
    show_active(qtbot, beside)
    controller = PadController(services, clerk, beside, notice_ms=FAST_MS)
    notices = []
    controller.notice.connect(lambda text, ok: notices.append((text, ok)))
    (case,) = register(services, clerk)
    assert controller.invite(case.serial) is not None
    assert notices == [(f"已邀请评价:{case.serial}", True)]
    assert controller.invite("不存在的编号") is None and notices[-1][1] is False
    pad = controller.pad
    assert pad is not None and pad.isVisible()
    beside.close()
    assert not pad.isVisible()  # the pad closes with the clerk's window


def test_a_rating_on_the_pad_reaches_the_windows_ratings_at_once(qtbot, services, clerk, window):
    (case,) = register(services, clerk)
    arrived = []
    window.ratings.controller.ratingsArrived.connect(arrived.extend)
    window.ratings.controller.timer.stop()  # no periodic check: the pad's signal must do it
    window.invite_rating(case.serial)
    pad = pad_of(window)
    press(qtbot, pad.level_buttons[RatingLevel.SATISFIED])
    press(qtbot, pad.submit_button)
    assert [r.case_serial for r in arrived] == [case.serial]
