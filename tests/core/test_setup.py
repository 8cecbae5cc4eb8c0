"""The first-run set-up (core, no Qt): what it writes, what it refuses, and that it is atomic."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.profiles import SET_UP as GOOD
from window_assistant.accounts import DEFAULT_CLERK, DEFAULT_WINDOW, INSTALLER
from window_assistant.errors import UserError
from window_assistant.services import open_services
from window_assistant.settings import setting_problem
from window_assistant.setup import (
    complete_setup,
    example_serial,
    field_problem,
    needs_setup,
    problems,
)


@pytest.fixture
def fresh(db_path):
    """A never-set-up installation: the default window and PIN-less default clerk only."""
    svc = open_services(db_path, seed=False)
    svc.accounts.ensure_defaults()
    yield svc
    svc.close()


def test_setup_writes_centre_window_and_accounts(fresh):
    default_clerk = fresh.accounts.user(DEFAULT_CLERK[0])
    assert needs_setup(fresh)

    complete_setup(fresh, GOOD)

    assert not needs_setup(fresh)
    s = fresh.settings
    assert s.centre_name == "鞍山市铁西区政务服务中心"
    assert s.centre_abbrev == "铁西政服"
    assert s.centre_phone == "0412-8888123"
    windows = fresh.accounts.windows()
    assert [(w.number, w.name) for w in windows] == [("3", "3号综合窗口")]
    assert s.current_window == windows[0].id
    # The default clerk's row became the entered clerk: same id, so old references hold.
    clerk = fresh.accounts.authenticate("1003", "2580")
    assert clerk.id == default_clerk.id and clerk.name == "李明"
    assert clerk.window_id == windows[0].id
    assert fresh.accounts.user(DEFAULT_CLERK[0]) is None
    supervisor = fresh.accounts.authenticate("S01", "correct horse")
    assert supervisor.is_supervisor and supervisor.name == "王主任"
    assert fresh.default_clerk().login == "1003"


def test_setup_is_audited_without_secrets(fresh):
    complete_setup(fresh, GOOD)
    entry = fresh.audit.entries()[0]
    assert entry.action == "setup.completed" and entry.actor == "S01"
    text = str(entry.detail)
    assert "铁西政服" in text and "1003" in text
    assert "correct horse" not in text and "2580" not in text


def test_clerk_with_the_default_login_is_updated_in_place(fresh):
    default_id = fresh.accounts.user(DEFAULT_CLERK[0]).id
    complete_setup(fresh, replace(GOOD, clerk_login=DEFAULT_CLERK[0], clerk_name="赵丽"))
    clerk = fresh.accounts.authenticate(DEFAULT_CLERK[0], "2580")
    assert (clerk.id, clerk.name) == (default_id, "赵丽")
    assert len(fresh.accounts.users("clerk")) == 1


def test_invalid_data_changes_nothing(fresh):
    before = fresh.settings.all()
    with pytest.raises(UserError) as info:
        complete_setup(fresh, replace(GOOD, centre_abbrev="TX", clerk_pin="12"))
    assert any("文号简称" in d for d in info.value.details)
    assert any("PIN" in d for d in info.value.details)
    assert fresh.settings.all() == before
    assert fresh.accounts.users("supervisor") == []
    assert fresh.accounts.windows()[0].name == DEFAULT_WINDOW[1]


def test_taken_supervisor_login_rolls_back_everything(fresh):
    fresh.accounts.add_account(INSTALLER, "S01", "已有人员", "clerk", "1111")
    with pytest.raises(UserError, match="S01"):
        complete_setup(fresh, GOOD)
    # The clerk update and window rename done earlier in the transaction were undone too.
    assert fresh.accounts.user(DEFAULT_CLERK[0]) is not None
    assert fresh.accounts.user("1003") is None
    assert fresh.accounts.windows()[0].number == DEFAULT_WINDOW[0]
    assert needs_setup(fresh)


def test_setup_runs_only_once(fresh):
    complete_setup(fresh, GOOD)
    with pytest.raises(UserError, match="已完成首次设置"):
        complete_setup(fresh, replace(GOOD, supervisor_login="S02"))
    assert fresh.accounts.user("S02") is None


@pytest.mark.parametrize(
    ("abbrev", "ok"),
    [
        ("铁西政服", True),
        ("铁西", True),
        ("铁西区政务服务中心", False),
        ("铁", False),
        ("TX政服", False),
        ("铁西 政服", False),
        ("", False),
    ],
)
def test_abbreviation_is_two_to_eight_chinese_characters(abbrev, ok):
    assert (field_problem("centre_abbrev", abbrev) is None) is ok


@pytest.mark.parametrize(
    ("pin", "ok"),
    [("1234", True), ("12345678", True), ("123", False), ("123456789", False), ("12a4", False)],
)
def test_pin_is_four_to_eight_digits(pin, ok):
    assert (field_problem("clerk_pin", pin) is None) is ok


def test_password_needs_eight_characters_and_logins_must_differ():
    assert field_problem("supervisor_password", "1234567") is not None
    assert field_problem("supervisor_password", "12345678") is None
    found = problems(replace(GOOD, clerk_login="S01"))
    assert set(found) == {"clerk_login"}
    assert problems(GOOD) == {}


@pytest.mark.parametrize(
    ("key", "value", "ok"),
    [
        ("rating.host", "192.168.1.20", True),
        ("rating.host", "0.0.0.0", False),
        ("rating.host", "127.0.0.1", False),
        ("rating.host", "127.1.2.3", False),
        ("rating.host", "localhost", False),
        ("rating.host", "LocalHost.", False),
        ("rating.host", "pingjia-pc", True),
        ("rating.host", "pj.tiexi.local", True),
        ("rating.host", "300.1.1.1", False),
        ("rating.host", "192.168.1", False),
        ("rating.host", "bad host!", False),
        ("rating.host", "", True),  # not chosen yet
        ("rating.port", "8765", True),
        ("rating.port", "1024", True),
        ("rating.port", "65535", True),
        ("rating.port", "80", False),
        ("rating.port", "70000", False),
        ("rating.port", "87a5", False),
        ("centre.abbrev", "TX", False),
    ],
)
def test_rating_server_address_and_port(key, value, ok):
    assert (setting_problem(key, value) is None) is ok


def test_example_serial_shows_the_abbreviation():
    assert example_serial("铁西政服", 2026) == "铁西政服告〔2026〕123号"


def test_set_up_saves_the_rating_address_and_refuses_phones_without_one(services):
    found = problems(replace(GOOD, rating_by_phone=True))
    assert found == {"rating_host": "开启「手机扫码评价」前,请先选择评价服务地址。"}
    assert set(problems(replace(GOOD, rating_host="127.0.0.1", rating_port="80"))) == {
        "rating_host",
        "rating_port",
    }
    complete_setup(
        services, replace(GOOD, rating_host="10.0.0.5", rating_port="9100", rating_by_phone=True)
    )
    assert services.settings.phone_rating_host() == "10.0.0.5"
    assert services.settings.rating_port == 9100


def test_default_window_name_follows_the_number():
    from window_assistant.accounts import default_window_name

    assert default_window_name(" 3 ") == "3号综合窗口"
    assert default_window_name("") == ""
    assert ("1", default_window_name("1")) == DEFAULT_WINDOW
