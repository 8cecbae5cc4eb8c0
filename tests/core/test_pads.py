"""The counter's pad in the core (issue 9 §3): the clerk's invitation decides what a pad rates,
a press on a stale screen is refused, and a tablet is paired once by a code with few tries."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from tests.core.test_ratings_log import REGISTERED, SOON, register, second_window
from tests.store_helpers import table_rows
from window_assistant.cases.tokens import rating_url
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.ratings.errors import (
    AlreadyRated,
    PadNotInvited,
    PairingFailed,
    RatingExpired,
    RatingTokenInvalid,
)
from window_assistant.ratings.log import list_ratings
from window_assistant.ratings.pads import (
    INVITE_MINUTES,
    PAIRING_ATTEMPTS,
    cancel_invitation,
    current_invitation,
    invitation_version,
    invite,
    pair_device,
    paired_device,
    paired_devices,
    record_pad_rating,
    start_pairing,
    unpair_devices,
)
from window_assistant.services import Services
from window_assistant.vocab import RatingChannel, RatingLevel

SATISFIED = RatingLevel.SATISFIED


def rows(services: Services, table: str) -> list[tuple]:
    return table_rows(services.store, table)[table]


def clerk(services: Services):
    return services.default_clerk()


def window(services: Services) -> int:
    return services.current_window_id()


# -- inviting ----------------------------------------------------------------------------------
def test_the_pad_is_idle_until_the_clerk_invites(services):
    (case,) = register(services)
    assert current_invitation(services, window(services), SOON) is None
    assert invitation_version(services, window(services)) == 0
    with pytest.raises(PadNotInvited):
        record_pad_rating(services, window(services), 0, SATISFIED, [], "", "pad", SOON)
    assert rows(services, "ratings") == []


@pytest.mark.parametrize("how", ["serial", "url", "token"])
def test_an_invitation_by_serial_or_scanned_code_shows_the_case(services, how):
    (case,) = register(services)
    reference = {
        "serial": case.serial,
        "url": rating_url("192.168.1.20", 8765, case.token) + "\r\n",  # as a scanner types it
        "token": case.token,
    }[how]
    invitation = invite(services, clerk(services), reference, window(services), SOON)
    shown = current_invitation(services, window(services), SOON)
    assert shown == invitation
    assert shown.serial == case.serial and shown.version == 1
    assert shown.target.item_name == "用人单位社保登记"
    assert invitation_version(services, window(services)) == 1
    entry = services.audit.entries(1)[0]
    assert entry.action == "rating.invite" and entry.detail["serial"] == case.serial


def test_a_press_records_a_pad_rating_once_and_the_pad_goes_idle(services):
    (case,) = register(services)
    shown = invite(services, clerk(services), case.serial, window(services), SOON)
    rating = record_pad_rating(
        services, window(services), shown.version, SATISFIED, ["热情耐心"], "", "柜台平板", SOON
    )
    assert rating.case_serial == case.serial and rating.channel is RatingChannel.PAD
    assert rating.device == "柜台平板"
    assert current_invitation(services, window(services), SOON) is None
    with pytest.raises(PadNotInvited):
        record_pad_rating(services, window(services), shown.version, SATISFIED, [], "", "", SOON)
    with pytest.raises(AlreadyRated):  # and it cannot be invited again
        invite(services, clerk(services), case.serial, window(services), SOON)
    assert len(list_ratings(services)) == 1


def test_a_press_on_a_stale_screen_does_not_rate_the_next_citizens_case(services):
    first, second = register(services, 2)
    old = invite(services, clerk(services), first.serial, window(services), SOON)
    new = invite(services, clerk(services), second.serial, window(services), SOON)
    assert new.version == old.version + 1
    with pytest.raises(PadNotInvited):
        record_pad_rating(services, window(services), old.version, SATISFIED, [], "", "", SOON)
    assert rows(services, "ratings") == []
    rating = record_pad_rating(services, window(services), new.version, SATISFIED, [], "", "", SOON)
    assert rating.case_serial == second.serial


def test_an_unanswered_invitation_lapses_and_a_cancelled_one_is_gone(services):
    first, second = register(services, 2)
    shown = invite(services, clerk(services), first.serial, window(services), SOON)
    later = SOON + timedelta(minutes=INVITE_MINUTES, seconds=1)
    assert current_invitation(services, window(services), later) is None
    with pytest.raises(PadNotInvited):
        record_pad_rating(services, window(services), shown.version, SATISFIED, [], "", "", later)
    invite(services, clerk(services), second.serial, window(services), SOON)
    assert cancel_invitation(services, clerk(services), window(services)) is True
    assert current_invitation(services, window(services), SOON) is None
    assert cancel_invitation(services, clerk(services), window(services)) is False
    assert services.audit.entries(1)[0].action == "rating.invite_cancel"


def test_after_a_cancel_a_press_on_the_cancelled_screen_does_not_rate_the_next_case(services):
    """The version keeps counting through a cancel: the next invitation never reuses the
    version of the screen a pad may still be showing."""
    first, second = register(services, 2)
    w = window(services)
    shown = invite(services, clerk(services), first.serial, w, SOON)
    assert cancel_invitation(services, clerk(services), w) is True
    assert invitation_version(services, w) == shown.version + 1  # a waiting pad wakes up
    nxt = invite(services, clerk(services), second.serial, w, SOON)
    assert nxt.version > shown.version + 1
    with pytest.raises(PadNotInvited):
        record_pad_rating(services, w, shown.version, SATISFIED, [], "", "", SOON)
    assert rows(services, "ratings") == []
    assert record_pad_rating(services, w, nxt.version, SATISFIED, [], "", "", SOON).case_serial == (
        second.serial
    )


def test_unpairing_an_unknown_window_is_refused(services):
    with pytest.raises(UserError, match="没有编号为 999 的窗口"):
        unpair_devices(services, clerk(services), 999)


def test_the_pad_of_another_window_shows_nothing(services):
    (case,) = register(services)
    here = window(services)
    other = second_window(services)
    invite(services, clerk(services), case.serial, here, SOON)
    assert current_invitation(services, other, SOON) is None
    with pytest.raises(PadNotInvited):
        record_pad_rating(services, other, 1, SATISFIED, [], "", "", SOON)


@pytest.mark.parametrize(
    ("reference", "error", "words"),
    [
        ("铁西政服告〔2026〕999999号", UserError, "没有登记"),
        ("这不是编号", UserError, "既不是办件编号"),
        ("http://192.168.1.20:8765/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", RatingTokenInvalid, ""),
    ],
)
def test_what_cannot_be_invited_is_refused_with_nothing_written(services, reference, error, words):
    register(services)
    before = rows(services, "pad_invitations")
    with pytest.raises(error) as caught:
        invite(services, clerk(services), reference, window(services), SOON)
    assert words in caught.value.message
    assert rows(services, "pad_invitations") == before == []


def test_a_case_past_its_rating_period_cannot_be_invited(services):
    (case,) = register(services)
    with pytest.raises(RatingExpired):
        invite(services, clerk(services), case.serial, window(services), SOON + timedelta(days=8))
    assert rows(services, "pad_invitations") == []


def test_an_unknown_window_or_a_disabled_account_cannot_invite(services):
    (case,) = register(services)
    with pytest.raises(UserError, match="没有编号为 999"):
        invite(services, clerk(services), case.serial, 999, SOON)
    stale = clerk(services)  # what the window holds; the account is disabled since
    services.store.execute("UPDATE users SET active = 0 WHERE login = ?", [stale.login])
    with pytest.raises(PermissionDenied):
        invite(services, stale, case.serial, window(services), SOON)
    assert rows(services, "pad_invitations") == []


def test_the_invitation_table_is_written_only_by_these_use_cases(services):
    """The rating it leads to still goes through the log's one way in (the triggers stand)."""
    (case,) = register(services)
    shown = invite(services, clerk(services), case.serial, window(services), SOON)
    record_pad_rating(services, window(services), shown.version, SATISFIED, [], "", "", SOON)
    with pytest.raises(sqlite3.IntegrityError):
        services.store.execute("UPDATE ratings SET level = 'very_satisfied'")


# -- pairing -----------------------------------------------------------------------------------
NOW = REGISTERED


def test_a_tablet_paired_with_the_code_is_the_windows_pad(services):
    code = start_pairing(services, clerk(services), window(services), NOW)
    assert len(code.code) == 6 and code.code.isdigit()
    key = pair_device(services, window(services), code.code, "一号窗口平板", NOW)
    device = paired_device(services, window(services), key)
    assert device is not None and device.name == "一号窗口平板"
    assert device.paired_by == clerk(services).login
    assert paired_device(services, window(services), key + "x") is None
    assert paired_device(services, window(services), None) is None
    stored = rows(services, "pad_devices")
    assert key not in repr(stored)  # only its hash is kept
    assert code.code not in repr(rows(services, "pad_pairing_codes"))
    with pytest.raises(PairingFailed, match="没有待用的配对码"):  # a code pairs one tablet
        pair_device(services, window(services), code.code, "另一台", NOW)


def test_a_key_is_good_for_its_own_window_only(services):
    here = window(services)
    other = second_window(services)
    key = pair_device(
        services, here, start_pairing(services, clerk(services), here, NOW).code, "", NOW
    )
    assert paired_device(services, here, key) is not None
    assert paired_device(services, other, key) is None
    with pytest.raises(PairingFailed):  # the code of one window does not pair another
        pair_device(
            services, other, start_pairing(services, clerk(services), here, NOW).code, "", NOW
        )


def test_pairing_a_new_tablet_unpairs_the_old_one(services):
    w = window(services)
    old = pair_device(services, w, start_pairing(services, clerk(services), w, NOW).code, "旧", NOW)
    new = pair_device(services, w, start_pairing(services, clerk(services), w, NOW).code, "新", NOW)
    assert paired_device(services, w, old) is None
    assert paired_device(services, w, new) is not None
    assert [d.name for d in paired_devices(services, w)] == ["新"]
    assert unpair_devices(services, clerk(services), w) == 1
    assert paired_device(services, w, new) is None


def test_wrong_codes_count_and_void_the_code(services):
    w = window(services)
    code = start_pairing(services, clerk(services), w, NOW).code
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for attempt in range(1, PAIRING_ATTEMPTS + 1):
        with pytest.raises(PairingFailed) as caught:
            pair_device(services, w, wrong, "", NOW)
        left = PAIRING_ATTEMPTS - attempt
        assert (f"还可以再试 {left} 次" if left else "已作废") in caught.value.message
    with pytest.raises(PairingFailed, match="次数过多"):  # even the right code now
        pair_device(services, w, code, "", NOW)
    assert rows(services, "pad_devices") == []
    assert [e.action for e in services.audit.entries(PAIRING_ATTEMPTS)] == [
        "pad.pair_refused"
    ] * PAIRING_ATTEMPTS


def test_an_expired_code_is_refused(services):
    w = window(services)
    code = start_pairing(services, clerk(services), w, NOW)
    with pytest.raises(PairingFailed, match="已过期"):
        pair_device(services, w, code.code, "", code.expires_at + timedelta(seconds=1))


def test_a_device_name_is_cleaned_not_trusted(services):
    w = window(services)
    code = start_pairing(services, clerk(services), w, NOW).code
    key = pair_device(services, w, code, "<b>平板</b>\x00" + "长" * 100, NOW)
    device = paired_device(services, w, key)
    assert device is not None and len(device.name) <= 40 and "\x00" not in device.name


def test_pairing_codes_are_not_predictable(services):
    w = window(services)
    codes = {start_pairing(services, clerk(services), w, datetime.now()).code for _ in range(30)}
    assert len(codes) > 25


@pytest.mark.parametrize("typed", ["{a} {b}", " {a}{b} ", "{a}\u3000{b}", "{wide}"])
def test_a_code_typed_as_the_screen_shows_it_pairs(services, typed):
    """The clerk's screen shows 「789 407」; a tablet user types it so, or in full-width digits."""
    w = window(services)
    code = start_pairing(services, clerk(services), w, NOW).code
    wide = "".join(chr(ord(c) + 0xFEE0) for c in code)
    text = typed.format(a=code[:3], b=code[3:], wide=wide)
    assert paired_device(services, w, pair_device(services, w, text, "平板", NOW)) is not None
