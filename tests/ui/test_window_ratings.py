"""The clerk's window serves the rating page, hears of new ratings and shows them in 评价记录.

Real HTTP on 127.0.0.1. Loopback is refused by the rating address's check (a phone's
127.0.0.1 is the phone itself), so these tests write it behind the check, the way
``serve-ratings --host 127.0.0.1`` may listen there; everything after the setting is the
window's own path: the controller, the server, the hook, the watch, the model.
"""

from __future__ import annotations

import http.client
import socket
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor

from tests.core.test_cases import rongque_request
from tests.ui.helpers import show_active
from tests.ui.test_rating_address import this_pcs_address
from tests.web.cases import register_cases
from tests.web.http import free_port, post_form, request
from tests.web.serve import start_serving
from ui import palette
from ui.admin.settings_dialog import SettingsDialog
from ui.main_window import MainWindow
from ui.ratings.ratings_view import COMMENT, LEVEL, RatingsModel
from ui.ratings.server_controller import FAILED, OFF, RUNNING
from window_assistant.accounts import INSTALLER
from window_assistant.cases.registration import CaseService
from window_assistant.ratings.log import list_ratings, record_rating
from window_assistant.settings import Settings
from window_assistant.vocab import RatingChannel, RatingLevel
from window_assistant.web.app import STYLESHEET


def serve_on_loopback(services, port: int) -> None:
    services.settings.change(
        INSTALLER, {"rating.host": "192.0.2.1", "rating.port": port, "rating.by_phone": True}
    )
    services.settings._write(Settings.rating_host, "127.0.0.1")  # behind the check, see above


def server_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "rating-server"]


@pytest.fixture
def clerk(services):
    return services.default_clerk()


@pytest.fixture
def supervisor(services):
    return services.accounts.add_account(INSTALLER, "S01", "王主任", "supervisor", "correct horse")


def open_window(qtbot, services, user) -> MainWindow:
    return show_active(qtbot, MainWindow(services, user))


def test_the_window_serves_the_page_and_a_posted_rating_shows_at_once(
    qtbot, qtmodeltester, services, clerk
):
    port = free_port()
    serve_on_loopback(services, port)
    case = register_cases(services, 1)[0]
    window = open_window(qtbot, services, clerk)
    ratings = window.ratings
    assert ratings.controller.state == RUNNING
    assert ratings.status.text() == f"评价服务:http://127.0.0.1:{port} 运行中"
    assert ratings.status.property("state") == "running" and ratings.banner.isHidden()
    assert server_threads()
    page = request(port, "GET", f"/r/{case.token}")
    assert page.status == 200 and "非常满意" in page.text

    window.show_ratings()
    model = window.ratings.dialog.model
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    ratings.controller.timer.stop()  # only the server's hook can tell the window now
    answer = post_form(
        port,
        f"/r/{case.token}",
        [("level", "1"), ("tags", "态度不好"), ("comment", "电话13912345678")],
    )
    assert answer.status == 200
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=3000)
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == case.serial
    assert model.index(0, LEVEL).data() == "非常不满意"
    assert model.index(0, COMMENT).data() == "电话139****5678"  # masked in the list
    notice = window.statusBar().currentMessage()
    assert notice == f"收到评价:{case.serial} — 非常不满意"
    assert "1391" not in notice


def test_a_rating_from_serve_ratings_in_another_process_shows_and_the_port_is_in_use(
    qtbot, services, db_path, clerk
):
    """A headless serve-ratings already holds the port: the window says so and keeps working,
    and what that process records still shows in 评价记录 within seconds (data_version)."""
    case = register_cases(services, 1)[0]
    child, port = start_serving(db_path)
    try:
        serve_on_loopback(services, port)
        window = open_window(qtbot, services, clerk)
        ratings = window.ratings
        assert ratings.controller.state == FAILED
        assert ratings.status.text() == "评价服务:启动失败"
        assert ratings.status.property("state") == "failed"
        assert ratings.banner.isVisible() and ratings.banner.settings_button is None  # a clerk
        assert f"端口 {port} 已被其他程序占用" in ratings.banner.reason.text()
        assert "「管理 → 设置 → 评价服务」" in ratings.banner.where.text()
        assert f"端口 {port} 已被其他程序占用" in ratings.status.toolTip()
        assert not server_threads()
        window.show_ratings()
        model = window.ratings.dialog.model
        assert post_form(port, f"/r/{case.token}", [("level", "4")]).status == 200
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)
        assert model.index(0, LEVEL).data() == "满意"
        assert window.statusBar().currentMessage() == f"收到评价:{case.serial} — 满意"
        ratings.banner.dismiss_button.click()
        assert ratings.banner.isHidden()
        window.start_case()  # the clerk's work goes on: the search and the cases
        assert window.isVisible()
    finally:
        child.terminate()
        child.communicate(timeout=30)


def test_closing_the_window_leaves_no_rating_server_thread(qtbot, services, clerk):
    serve_on_loopback(services, free_port())
    window = open_window(qtbot, services, clerk)
    assert window.ratings.controller.state == RUNNING and server_threads()
    window.close()
    assert not server_threads()
    assert window.ratings.controller.state == OFF
    assert not window.ratings.controller.timer.isActive()


def test_quitting_the_application_stops_the_server(qtbot, qapp, services, clerk):
    """A quit that closes no window (the session ends, app.quit()) still stops serving."""
    serve_on_loopback(services, free_port())
    window = open_window(qtbot, services, clerk)
    assert server_threads()
    qapp.aboutToQuit.emit()
    assert not server_threads() and window.ratings.controller.state == OFF


def test_a_changed_port_restarts_the_server_and_a_freed_port_is_retried(
    qtbot, services, supervisor
):
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    first = busy.getsockname()[1]
    serve_on_loopback(services, first)
    window = open_window(qtbot, services, supervisor)
    controller = window.ratings.controller
    assert controller.state == FAILED
    assert window.ratings.banner.settings_button is not None  # a supervisor may fix it
    busy.close()
    window.ratings.settings_changed()  # what saving the settings dialog does
    assert controller.state == RUNNING
    assert request(first, "GET", STYLESHEET).status == 200

    second = free_port()
    services.settings.change(supervisor, {"rating.port": second})
    window.ratings.settings_changed()
    assert controller.url == f"http://127.0.0.1:{second}"
    assert request(second, "GET", STYLESHEET).status == 200
    with pytest.raises(OSError):
        request(first, "GET", STYLESHEET, timeout=2)
    assert len(server_threads()) == 1

    services.settings.change(supervisor, {"rating.by_phone": False})
    window.ratings.settings_changed()
    assert controller.state == OFF and not server_threads()
    assert window.ratings.status.text() == "评价服务:未开启"


def test_saving_the_settings_dialog_restarts_the_server_on_the_new_port(
    qtbot, services, supervisor
):
    """Through the dialog, so on a real LAN address of this PC (the dialog refuses loopback)."""
    host = this_pcs_address()
    first, second = free_port(), free_port()
    services.settings.change(
        supervisor, {"rating.host": host, "rating.port": first, "rating.by_phone": True}
    )
    window = open_window(qtbot, services, supervisor)
    assert window.ratings.controller.url == f"http://{host}:{first}"

    def change_port() -> None:  # in the settings dialog, as the supervisor does
        dialog = window.findChild(SettingsDialog)
        try:
            dialog.rating.port_edit.setText(str(second))
            dialog.save()
        finally:
            if dialog.isVisible():  # a failed save: never leave the test waiting on exec()
                dialog.reject()

    QTimer.singleShot(0, change_port)
    window.edit_settings()
    assert services.settings.rating_port == second
    assert window.ratings.controller.url == f"http://{host}:{second}"
    assert window.ratings.status.text() == f"评价服务:http://{host}:{second} 运行中"
    assert fetch(host, second).status == 200
    with pytest.raises(OSError):
        fetch(host, first)
    assert len(server_threads()) == 1


def fetch(host: str, port: int) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection(host, port, timeout=5)
    try:
        conn.request("GET", STYLESHEET)
        response = conn.getresponse()
        response.read()
        return response
    finally:
        conn.close()


def test_without_rating_by_phone_nothing_is_served_and_the_status_says_so(qtbot, services, clerk):
    window = open_window(qtbot, services, clerk)
    assert window.ratings.controller.state == OFF and not server_threads()
    assert window.ratings.status.text() == "评价服务:未开启"
    assert window.ratings.banner.isHidden()


def test_a_rating_by_the_windows_own_connection_shows_too(qtbot, services, clerk):
    """The counter's pad records through the window's own services."""
    case = register_cases(services, 1)[0]
    window = open_window(qtbot, services, clerk)
    window.show_ratings()
    record_rating(services, case.token, RatingLevel.SATISFIED, [], "", RatingChannel.PAD, "pad")
    window.ratings.controller.check()  # what the timer does every few seconds
    assert window.ratings.dialog.model.rowCount() == 1


def test_the_ratings_model_is_read_only_and_marks_bad_ratings(qtbot, qtmodeltester, services):
    cases = register_cases(services, 2)
    for case, level in zip(cases, (RatingLevel.VERY_SATISFIED, RatingLevel.DISSATISFIED)):
        record_rating(services, case.token, level, [], "", RatingChannel.QR_CODE, "phone")
    model = RatingsModel()
    model.set_rows(list_ratings(services))
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "时间", "办件编号", "事项", "窗口", "经办人", "评价", "渠道", "标签", "意见",
    ]  # fmt: skip
    assert [model.index(r, LEVEL).data() for r in range(2)] == ["不满意", "非常满意"]
    bad, good = model.index(0, 0), model.index(1, 0)
    foreground = Qt.ItemDataRole.ForegroundRole
    assert bad.data(foreground) == palette.BAD_RATING and isinstance(bad.data(foreground), QColor)
    assert good.data(foreground) is None
    for row in range(2):
        for column in range(model.columnCount()):
            assert not model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable


def test_a_clerk_sees_their_own_ratings_a_supervisor_every_windows(
    qtbot, services, clerk, supervisor
):
    """Issue 10 §3: a clerk's 评价记录 holds the ratings of the cases they handled, at any
    window, and not a colleague's at theirs."""
    mine = register_cases(services, 1)[0]
    other = services.accounts.add_window(INSTALLER, "7", "7号综合窗口")
    colleague = services.accounts.add_account(INSTALLER, "1009", "赵丽", "clerk", "1357")
    here = services.current_window_id()
    services.settings.change(INSTALLER, {"window.current": other.id})
    mine_there = register_cases(services, 1)[0]
    services.settings.change(INSTALLER, {"window.current": here})
    theirs = CaseService(services).register(rongque_request(), colleague)
    for case in (mine, mine_there, theirs):
        record_rating(
            services, case.token, RatingLevel.SATISFIED, [], "", RatingChannel.QR_CODE, "p"
        )
    everything = {mine.serial, mine_there.serial, theirs.serial}
    for user, serials in ((clerk, {mine.serial, mine_there.serial}), (supervisor, everything)):
        window = open_window(qtbot, services, user)
        window.show_ratings()
        model = window.ratings.dialog.model
        assert {model.index(r, 1).data() for r in range(model.rowCount())} == serials
        window.close()
