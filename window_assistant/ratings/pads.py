"""The counter's pad (好差评 channel 4): the clerk invites, the citizen presses.

A pad never chooses what it rates. The clerk invites the citizen to rate one case (邀请评价,
after serving them, or by scanning the sheet's QR code with the counter's scanner), and the pad
of that window shows that case until it is rated, the invitation lapses (``INVITE_MINUTES``)
or the clerk invites another. ``record_pad_rating`` records a press only against the invitation
the pad was showing (its ``version``): a press on a screen left over from the citizen before
is refused rather than given to the next citizen's case. The rating itself goes through
``record_rating``, the log's only way in, with the channel 政务大厅平板电脑.

Two kinds of pad show the invitation. A second screen of the clerk's PC is part of the window
(no pairing). A tablet on the LAN opens ``/pad/<window>`` in its browser; so that no phone can
pose as a window's pad (and rate the cases invited there), a tablet is paired once: the clerk's
screen shows a six-digit code (``start_pairing``, valid ``PAIRING_MINUTES``, ``PAIRING_ATTEMPTS``
tries), the tablet sends it (``pair_device``) and gets a random key it keeps in a cookie; only
the key's SHA-256 is stored. Pairing a new tablet unpairs the window's previous one: a window
has one pad, and a lost tablet is locked out by pairing its replacement.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from window_assistant.accounts import User
from window_assistant.cases.ids import half_width
from window_assistant.cases.tokens import SerialRef, TokenError, parse_scanned
from window_assistant.errors import UserError
from window_assistant.permissions import Action
from window_assistant.ratings.errors import (
    AlreadyRated,
    PadNotInvited,
    PairingFailed,
    RatingError,
)
from window_assistant.ratings.log import (
    Rating,
    RatingTarget,
    _serial_key,
    rating_for_token,
    record_rating,
)
from window_assistant.text import clean_text, preview
from window_assistant.vocab import RatingChannel, RatingLevel

if TYPE_CHECKING:
    from window_assistant.services import Services

INVITE_MINUTES = 10  # an invitation nobody answers lapses: the pad goes back to idle
PAIRING_MINUTES = 10
PAIRING_ATTEMPTS = 5  # wrong codes before the code is void (a million codes, five guesses)
PAIRING_DIGITS = 6
KEY_BYTES = 32
MAX_PAD_NAME = 40
DEVICE_ACTOR = "pad"  # the audit log's actor for what a tablet does (it is no account)
SECOND_SCREEN = "窗口评价器(副屏)"  # the device a second-screen pad records
_CANCELLED_AT = datetime(1970, 1, 1).isoformat(timespec="seconds")  # long lapsed


@dataclass(frozen=True)
class Invitation:
    """The case a window's pad is to show, and what the pad shows of it."""

    window_id: int
    version: int
    token: str
    serial: str
    invited_at: datetime
    invited_by: str
    target: RatingTarget


@dataclass(frozen=True)
class PairingCode:
    window_id: int
    code: str
    expires_at: datetime


@dataclass(frozen=True)
class PadDevice:
    id: int
    window_id: int
    name: str
    paired_at: str
    paired_by: str


# -- inviting ----------------------------------------------------------------------------------
def _token_of(services: Services, reference: str) -> str:
    """The rating token of the case ``reference`` names: a printed serial, a scanned rating URL
    or a bare token (what a scanner types)."""
    text = (reference or "").strip()
    try:
        ref = SerialRef.parse(text)
    except UserError:
        ref = None
    if ref is not None:
        row = services.store.execute(
            "SELECT token FROM cases WHERE kind = ? AND year = ? AND number = ?", _serial_key(ref)
        ).fetchone()
        if row is None:
            raise UserError(f"本机没有登记办件「{preview(text, 40)}」,无法邀请评价。")
        return str(row[0])
    try:
        return parse_scanned(text)
    except TokenError:
        raise UserError(
            f"「{preview(text, 40)}」既不是办件编号也不是评价二维码,无法邀请评价。"
        ) from None


def invite(
    services: Services, actor: User, reference: str, window_id: int, now: datetime | None = None
) -> Invitation:
    """Ask the citizen at window ``window_id`` to rate the case ``reference`` names (a serial,
    or the rating URL/token a scanner read from the sheet). The pad shows it from now on.

    The window is where the pad stands, not necessarily where the case was registered: the
    rating still records the case's own window and clerk. Refused (nothing written) when the
    case is not registered here, its rating period has passed or it is rated already."""
    now = now or datetime.now()
    actor = services.accounts.authorise(actor, Action.INVITE_RATING)
    if services.accounts.window(window_id) is None:
        raise UserError(f"没有编号为 {window_id} 的窗口,无法邀请评价。")
    token = _token_of(services, reference)
    target = rating_for_token(services, token, now)
    if target.already_rated:
        raise AlreadyRated("该办件已经评价过,每件办件只能评价一次。")
    store = services.store
    with store.transaction():
        row = store.execute(
            "SELECT version FROM pad_invitations WHERE window_id = ?", [window_id]
        ).fetchone()
        version = (row[0] if row else 0) + 1
        store.execute(
            "INSERT OR REPLACE INTO pad_invitations"
            " (window_id, version, case_serial, invited_at, invited_by) VALUES (?, ?, ?, ?, ?)",
            [window_id, version, target.serial, now.isoformat(timespec="seconds"), actor.login],
        )
        services.audit.record(
            actor.login, "rating.invite", serial=target.serial, window=window_id, version=version
        )
    return Invitation(window_id, version, token, target.serial, now, actor.login, target)


def cancel_invitation(services: Services, actor: User, window_id: int) -> bool:
    """Take the invitation off the window's pad (the citizen left); whether there was one.

    The row stays, as an invitation that has lapsed, with its version counted up: deleting it
    would start the count again, and the next invitation would get the version of one a pad
    may still be showing (a press there would rate the next citizen's case). The new version
    also tells a waiting pad to go back to idle at once."""
    actor = services.accounts.authorise(actor, Action.INVITE_RATING)
    store = services.store
    with store.transaction():
        row = store.execute(
            "SELECT case_serial FROM pad_invitations WHERE window_id = ? AND invited_at != ?",
            [window_id, _CANCELLED_AT],
        ).fetchone()
        if row is None:
            return False
        store.execute(
            "UPDATE pad_invitations SET version = version + 1, invited_at = ? WHERE window_id = ?",
            [_CANCELLED_AT, window_id],
        )
        services.audit.record(actor.login, "rating.invite_cancel", serial=row[0], window=window_id)
    return True


def invitation_version(services: Services, window_id: int) -> int:
    """The window's invitation counter (0 before the first): one indexed read, for a pad that
    checks every second or two whether there is something new to show."""
    row = services.store.execute(
        "SELECT version FROM pad_invitations WHERE window_id = ?", [window_id]
    ).fetchone()
    return int(row[0]) if row else 0


def current_invitation(
    services: Services, window_id: int, now: datetime | None = None
) -> Invitation | None:
    """What the window's pad is to show now: the invited case, or None (idle) when there is no
    invitation, it has lapsed, the case is rated or can no longer be rated."""
    now = now or datetime.now()
    row = services.store.execute(
        "SELECT i.version, i.case_serial, i.invited_at, i.invited_by, c.token"
        " FROM pad_invitations i JOIN cases c ON c.serial = i.case_serial"
        " WHERE i.window_id = ?",
        [window_id],
    ).fetchone()
    if row is None:
        return None
    version, serial, invited_at, invited_by, token = row
    at = datetime.fromisoformat(invited_at)
    if now - at > timedelta(minutes=INVITE_MINUTES):
        return None
    try:
        target = rating_for_token(services, token, now)
    except RatingError:
        return None
    if target.already_rated:
        return None
    return Invitation(window_id, int(version), token, serial, at, invited_by, target)


def record_pad_rating(
    services: Services,
    window_id: int,
    version: int,
    level: RatingLevel,
    tags: list[str],
    comment: str,
    device: str,
    now: datetime | None = None,
) -> Rating:
    """Record the citizen's press on the pad of ``window_id``, which was showing invitation
    ``version``. Refused with ``PadNotInvited`` when that is not the window's current
    invitation any more (lapsed, replaced, rated); otherwise as ``record_rating`` refuses."""
    now = now or datetime.now()
    invitation = current_invitation(services, window_id, now)
    if invitation is None or invitation.version != version:
        raise PadNotInvited()
    return record_rating(
        services, invitation.token, level, tags, comment, RatingChannel.PAD, device, now
    )


# -- pairing a tablet --------------------------------------------------------------------------
def _code_mac(services: Services, window_id: int, code: str) -> str:
    key = services.settings.centre_secret.encode("utf-8")
    message = f"window-assistant/pad-pairing\x00{window_id}\x00{code}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def start_pairing(
    services: Services, actor: User, window_id: int, now: datetime | None = None
) -> PairingCode:
    """A fresh six-digit code the clerk's screen shows, for the tablet of ``window_id`` to send
    within ``PAIRING_MINUTES``; it replaces any earlier code for the window."""
    now = now or datetime.now()
    actor = services.accounts.authorise(actor, Action.PAIR_PAD)
    if services.accounts.window(window_id) is None:
        raise UserError(f"没有编号为 {window_id} 的窗口,无法配对评价器。")
    code = f"{secrets.randbelow(10**PAIRING_DIGITS):0{PAIRING_DIGITS}d}"
    expires = (now + timedelta(minutes=PAIRING_MINUTES)).replace(microsecond=0)
    store = services.store
    with store.transaction():
        store.execute(
            "INSERT OR REPLACE INTO pad_pairing_codes"
            " (window_id, code_mac, created_by, expires_at, attempts) VALUES (?, ?, ?, ?, 0)",
            [window_id, _code_mac(services, window_id, code), actor.login, expires.isoformat()],
        )
        services.audit.record(actor.login, "pad.pairing_code", window=window_id)
    return PairingCode(window_id, code, expires)


def pairing_code_text(code: object) -> str:
    """A code as typed, with the spaces the clerk's screen shows between its halves (and any
    other) removed and full-width digits made plain: 「789 407」 and 「７８９４０７」 are 789407."""
    return re.sub(r"\s+", "", half_width(str(code or "")))


def pair_device(
    services: Services, window_id: int, code: str, name: str, now: datetime | None = None
) -> str:
    """Pair the tablet that sent ``code`` with ``window_id``; returns the key it must present
    from now on (kept in its cookie). Unpairs the window's previous tablet. A wrong code counts
    toward ``PAIRING_ATTEMPTS`` (the count is committed even though the pairing fails)."""
    now = now or datetime.now()
    code = pairing_code_text(code)
    device_name = clean_text(preview(str(name or ""), MAX_PAD_NAME)[:MAX_PAD_NAME], "设备名称")
    store = services.store
    failure: PairingFailed | None = None
    key = secrets.token_urlsafe(KEY_BYTES)
    with store.transaction():
        row = store.execute(
            "SELECT code_mac, created_by, expires_at, attempts FROM pad_pairing_codes"
            " WHERE window_id = ?",
            [window_id],
        ).fetchone()
        if row is None:
            failure = PairingFailed("这个窗口没有待用的配对码,请在窗口电脑上生成配对码。")
        elif now > datetime.fromisoformat(row[2]):
            failure = PairingFailed("配对码已过期,请在窗口电脑上重新生成配对码。")
        elif row[3] >= PAIRING_ATTEMPTS:
            failure = PairingFailed("配对码输错次数过多,已作废。请在窗口电脑上重新生成配对码。")
        elif not hmac.compare_digest(row[0], _code_mac(services, window_id, code)):
            store.execute(
                "UPDATE pad_pairing_codes SET attempts = attempts + 1 WHERE window_id = ?",
                [window_id],
            )
            left = PAIRING_ATTEMPTS - row[3] - 1
            failure = PairingFailed(
                f"配对码不正确,还可以再试 {left} 次。" if left else "配对码不正确,已作废。"
            )
            services.audit.record(DEVICE_ACTOR, "pad.pair_refused", window=window_id)
        else:
            at = now.isoformat(timespec="seconds")
            store.execute("DELETE FROM pad_pairing_codes WHERE window_id = ?", [window_id])
            store.execute(
                "UPDATE pad_devices SET revoked_at = ? WHERE window_id = ? AND revoked_at IS NULL",
                [at, window_id],
            )
            store.execute(
                "INSERT INTO pad_devices (window_id, key_hash, name, paired_at, paired_by)"
                " VALUES (?, ?, ?, ?, ?)",
                [window_id, _key_hash(key), device_name or "平板电脑", at, row[1]],
            )
            services.audit.record(
                DEVICE_ACTOR, "pad.pair", window=window_id, name=device_name, code_by=row[1]
            )
    if failure is not None:
        raise failure
    return key


def paired_device(services: Services, window_id: int, key: str | None) -> PadDevice | None:
    """The window's paired tablet that ``key`` belongs to, or None."""
    if not key:
        return None
    row = services.store.execute(
        "SELECT id, window_id, name, paired_at, paired_by FROM pad_devices"
        " WHERE key_hash = ? AND window_id = ? AND revoked_at IS NULL",
        [_key_hash(key), window_id],
    ).fetchone()
    return PadDevice(*row) if row else None


def paired_devices(services: Services, window_id: int) -> list[PadDevice]:
    rows = services.store.execute(
        "SELECT id, window_id, name, paired_at, paired_by FROM pad_devices"
        " WHERE window_id = ? AND revoked_at IS NULL ORDER BY id",
        [window_id],
    )
    return [PadDevice(*r) for r in rows]


def unpair_devices(services: Services, actor: User, window_id: int) -> int:
    """Unpair every tablet of ``window_id`` (one lost, or taken to another window); how many."""
    actor = services.accounts.authorise(actor, Action.PAIR_PAD)
    if services.accounts.window(window_id) is None:
        raise UserError(f"没有编号为 {window_id} 的窗口,无法解除评价器配对。")
    store = services.store
    with store.transaction():
        count = store.execute(
            "UPDATE pad_devices SET revoked_at = ? WHERE window_id = ? AND revoked_at IS NULL",
            [datetime.now().isoformat(timespec="seconds"), window_id],
        ).rowcount
        store.execute("DELETE FROM pad_pairing_codes WHERE window_id = ?", [window_id])
        services.audit.record(actor.login, "pad.unpair", window=window_id, devices=count)
    return int(count)
