"""The counter's tablet (评价器) in a browser on the LAN: ``/pad/<window>``.

A tablet becomes a window's pad once, by the code the clerk's screen shows (``POST
/pad/<window>/pair``); its key then lives in a cookie kept for that window's path only. Any other
device, or a tablet whose pairing was replaced, gets the pairing page with 403 and can record
nothing. A paired tablet shows the window idle (the centre's and the window's names), the case
the clerk invites (``ratings.pads``) with the phone page's form, and a thanks page that returns
to idle. Every answer goes through ``RatingApp`` and keeps its headers, body limit and limiter.

How an idle tablet learns of an invitation without JavaScript: its page carries a ``Refresh``
header (the HTTP twin of ``<meta http-equiv="refresh">``, which no CSP blocks) pointing to
``/pad/<window>?after=<version>``. That request is held (a long-poll) until the window's
invitation version changes or ``HOLD_SECONDS`` pass, looking at the version every
``POLL_SECONDS`` (one indexed read; the invitation is written through another connection, the
window's or another process's, so the database is the only place to see it). The browser keeps showing the idle page
while it waits. Measured (``benchmarks/bench_pad_wait.py``, 8 trials each, alternating; 2 cores
shared with other work, load average 3.1–3.5): the held request showed the invitation 0.17 s
after it (median; 0.23 s at most), a plain 2-s refresh 0.50 s (1.96 s at most), and an idle
tablet loaded 3.9 pages a minute against 31 (a browser also fetches the style sheet with each). A held
request occupies one of waitress's threads, so at most ``MAX_HELD`` are held at once (one per
window: a newer request of the same window's tablet releases the older one, e.g. a tablet
reloaded by hand); beyond that a request is answered at once with a ``BUSY_AGAIN``-second
refresh, the plain polling, which stays far under the rate limiter. Phones thus always have
``THREADS - MAX_HELD`` threads; stopping the server wakes every held request.

The invited page refreshes slowly (``INVITED_AGAIN``, or when the invitation lapses, if sooner):
a refresh clears what the citizen has chosen, and a page left showing a case nobody rated must
still give way to the next invitation in reasonable time. A press on a screen that is no longer
the invitation (``PadNotInvited``) gets a polite 409 that returns to idle.
"""

from __future__ import annotations

import html
import re
import threading
import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from window_assistant.accounts import Window
from window_assistant.errors import UserError
from window_assistant.ratings.errors import PadNotPaired, RatingInputInvalid
from window_assistant.ratings.pads import (
    INVITE_MINUTES,
    MAX_PAD_NAME,
    PAIRING_DIGITS,
    Invitation,
    PadDevice,
    current_invitation,
    invitation_version,
    pair_device,
    paired_device,
    pairing_code_text,
    record_pad_rating,
)
from window_assistant.services import Services
from window_assistant.web.app import _MESSAGES, _TITLES, _level, _read_form, _Response, _template

if TYPE_CHECKING:
    from window_assistant.web.app import RatingApp

COOKIE = "wa_pad"
COOKIE_MAX_AGE = 400 * 24 * 3600  # browsers keep a cookie 400 days at most; each page renews it
HOLD_SECONDS = 20.0  # under waitress's channel timeout (30 s)
POLL_SECONDS = 0.25
MAX_HELD = 3  # of the server's 8 threads: the other 5 stay for phones
IDLE_AGAIN = 1  # seconds an idle page shows before it asks (and waits) again
BUSY_AGAIN = 2  # when MAX_HELD requests are held already: plain polling
INVITED_AGAIN = 90
DONE_AGAIN = 5  # thanks, or a refusal: back to idle after this many seconds
RETRY_AGAIN = 30  # slowed down (429) or a fault (500): try again after this many seconds
_PATH = re.compile(r"/pad/([0-9]{1,9})(/pair)?")
_KEY = re.compile(r"[A-Za-z0-9_-]{20,64}")
_DIGITS = re.compile(r"[0-9]{1,18}")
_BAD_FORM = "提交的格式不对,请在评价器页面上重新提交。"


class PadRoutes:
    """``/pad/<window>`` (GET the pad's page, POST a press) and ``/pad/<window>/pair``."""

    def __init__(self, app: RatingApp) -> None:
        self.app = app
        self.pair_page = _template("templates/pad_pair.html")
        self.idle_page = _template("templates/pad_idle.html")
        self._held = threading.BoundedSemaphore(MAX_HELD)
        self._tickets: dict[int, int] = {}  # window -> the newest held request's ticket
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    def wake(self) -> None:
        """Answer every held request now (the server is stopping)."""
        self._stopping.set()

    def answer(self, environ: dict[str, Any], path: str, method: str) -> _Response:
        match = _PATH.fullmatch(path)
        if match is None:
            return self.app.pages.text(404, _MESSAGES[404])
        pairing = match.group(2) is not None
        allowed = "POST" if pairing else "GET, HEAD, POST"
        if method not in allowed.split(", "):
            return self.app._not_allowed(allowed)
        services = self.app.services()
        window = services.accounts.window(int(match.group(1)))
        if window is None:
            return self.app.pages.text(404, f"没有这个窗口的评价器页面({path})。")
        if pairing:
            return self._pair(environ, services, window)
        paired = _paired(environ, services, window.id)
        if paired is None:  # nothing is read or recorded for a device that is not the pad
            return self._pairing_form(403, window, PadNotPaired.default_message)
        device, key = paired
        try:
            if method == "POST":
                response = self._press(environ, services, window, device)
            else:
                response = self._show(environ, services, window, device, hold=method == "GET")
        except UserError as exc:
            response = self._refused(exc, window)
        response.extra.append(("Set-Cookie", _cookie(window.id, key)))
        return response

    def retry_later(self, path: str) -> list[tuple[str, str]]:
        """For a pad's page answered 429 or 500: come back to the pad in ``RETRY_AGAIN``
        seconds (nothing for any other path: a phone's page is reloaded by its user)."""
        match = _PATH.fullmatch(path)
        if match is None:
            return []
        return [_refresh(RETRY_AGAIN, f"/pad/{int(match.group(1))}")]

    # -- pairing -------------------------------------------------------------------------------
    def _pairing_form(self, status: int, window: Window, message: str) -> _Response:
        body = self.pair_page.substitute(
            message=html.escape(message),
            action=html.escape(f"/pad/{window.id}/pair"),
            window=html.escape(window.label),
            digits=str(PAIRING_DIGITS),
            name_limit=str(MAX_PAD_NAME),
        )
        return self.app.pages.html(status, "评价器配对", body)

    def _pair(self, environ: dict[str, Any], services: Services, window: Window) -> _Response:
        try:
            form = _read_form(environ)
            if form is None:
                return self._pairing_form(413, window, _MESSAGES[413])
            code = pairing_code_text(_one(form, "code"))
            if not re.fullmatch(f"[0-9]{{{PAIRING_DIGITS}}}", code):
                raise RatingInputInvalid(f"配对码应为 {PAIRING_DIGITS} 位数字,请重新输入。")
            key = pair_device(services, window.id, code, _one(form, "name"))
        except UserError as exc:
            return self._pairing_form(getattr(exc, "http_status", 400), window, exc.message)
        response = self.app.pages.text(303, f"已与「{window.label}」配对。", "配对成功")
        response.extra += [
            ("Location", f"/pad/{window.id}"),
            ("Set-Cookie", _cookie(window.id, key)),
        ]
        return response

    # -- showing -------------------------------------------------------------------------------
    def _show(
        self,
        environ: dict[str, Any],
        services: Services,
        window: Window,
        device: PadDevice,
        hold: bool,
    ) -> _Response:
        version = invitation_version(services, window.id)
        after = _after(environ)
        again = IDLE_AGAIN
        if hold and after == version and not self._wait(services, window.id, version):
            again = BUSY_AGAIN
        version = invitation_version(services, window.id)  # read before the invitation
        now = datetime.now()
        invitation = current_invitation(services, window.id, now)
        if invitation is not None:
            return self._invited(window, invitation, now)
        body = self.idle_page.substitute(
            window=html.escape(window.label), device=html.escape(device.name)
        )
        response = self.app.pages.html(200, services.settings.centre_name, body)
        response.extra.append(_refresh(again, f"/pad/{window.id}?after={version}"))
        return response

    def _wait(self, services: Services, window_id: int, version: int) -> bool:
        """Hold until the window's invitation version is no longer ``version``, a newer
        request of the same window arrives, the server stops or ``HOLD_SECONDS`` pass. False,
        at once, when ``MAX_HELD`` requests are held already."""
        with self._lock:
            ticket = self._tickets[window_id] = self._tickets.get(window_id, 0) + 1
        if not self._held.acquire(blocking=False):
            return False
        try:
            deadline = time.monotonic() + HOLD_SECONDS
            while time.monotonic() < deadline and not self._stopping.wait(POLL_SECONDS):
                if self._tickets.get(window_id) != ticket:
                    break
                if invitation_version(services, window_id) != version:
                    break
            return True
        finally:
            self._held.release()

    def _invited(self, window: Window, invitation: Invitation, now: datetime) -> _Response:
        hidden = f'<input type="hidden" name="version" value="{invitation.version}">'
        form = self.app.pages.form(f"/pad/{window.id}", invitation.target, hidden)
        response = self.app.pages.html(200, "办事评价", f'<div class="pad">\n{form}\n</div>')
        lapses = invitation.invited_at + timedelta(minutes=INVITE_MINUTES) - now
        seconds = max(1, min(INVITED_AGAIN, int(lapses.total_seconds()) + 1))
        response.extra.append(_refresh(seconds, f"/pad/{window.id}"))
        return response

    # -- pressing ------------------------------------------------------------------------------
    def _press(
        self, environ: dict[str, Any], services: Services, window: Window, device: PadDevice
    ) -> _Response:
        form = _read_form(environ)
        if form is None:
            return self._back_to_idle(self.app.pages.text(413, _MESSAGES[413]), window)
        version = _one(form, "version")
        if not _DIGITS.fullmatch(version):
            raise RatingInputInvalid(_BAD_FORM)
        level = _level(form.get("level", []))
        rating = record_pad_rating(
            services,
            window.id,
            int(version),
            level,
            form.get("tags", []),
            _one(form, "comment"),
            device.name,
        )
        self.app.recorded(rating)  # the window hears of it at once, as of a phone's
        return self._back_to_idle(self.app.pages.thanks(rating), window)

    def _refused(self, exc: UserError, window: Window) -> _Response:
        status = getattr(exc, "http_status", 400)
        title = "本次评价已结束" if status == 409 else _TITLES[status]
        return self._back_to_idle(self.app.pages.text(status, exc.message, title), window)

    def _back_to_idle(self, response: _Response, window: Window) -> _Response:
        response.extra.append(_refresh(DONE_AGAIN, f"/pad/{window.id}"))
        return response


def _one(form: dict[str, list[str]], name: str) -> str:
    values = form.get(name, [""])
    if len(values) > 1:
        raise RatingInputInvalid(_BAD_FORM)
    return values[0]


def _paired(
    environ: dict[str, Any], services: Services, window_id: int
) -> tuple[PadDevice, str] | None:
    """The window's paired tablet and its key, if one of the request's cookies holds the key."""
    for part in str(environ.get("HTTP_COOKIE") or "").split(";")[:32]:
        name, sep, key = part.strip().partition("=")
        if sep and name == COOKIE and _KEY.fullmatch(key):
            device = paired_device(services, window_id, key)
            if device is not None:
                return device, key
    return None


def _after(environ: dict[str, Any]) -> int | None:
    """The invitation version an idle page showed (``?after=``), or None."""
    try:
        query = parse_qs(str(environ.get("QUERY_STRING") or ""), max_num_fields=4)
    except ValueError:
        return None
    values = query.get("after", [])
    return int(values[0]) if len(values) == 1 and _DIGITS.fullmatch(values[0]) else None


def _cookie(window_id: int, key: str) -> str:
    return (
        f"{COOKIE}={key}; Max-Age={COOKIE_MAX_AGE}; Path=/pad/{window_id}; HttpOnly;"
        " SameSite=Strict"
    )


def _refresh(seconds: int, url: str) -> tuple[str, str]:
    return ("Refresh", f"{seconds}; url={url}")
