"""The rating page as a WSGI application: ``GET /r/<token>`` shows the case and the five levels,
``POST /r/<token>`` records the rating through the core's ``record_rating`` and thanks.

It serves these two routes and its own style sheet and nothing else. Every answer carries the
same strict headers (no caching of a page that holds a token, a CSP that allows only the style
sheet at ``STYLESHEET``, ``X-Window-Assistant: rating`` so the reachability test can tell this
server from another program on the port). What a client sends is escaped wherever it is shown,
a body over ``MAX_BODY`` is refused before it is read, a client sending too fast is slowed down
with 429, and no exception ever reaches a client: it gets a Chinese 500 page, the log gets the
exception's type and stack but not its message (which could carry what the citizen typed).
"""

from __future__ import annotations

import html
import logging
import re
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import parse_qs

from window_assistant.ratings.errors import (
    AlreadyRated,
    RatingError,
    RatingInputInvalid,
    RatingTokenInvalid,
)
from window_assistant.ratings.log import (
    MAX_COMMENT,
    Rating,
    RatingTarget,
    rating_for_token,
    record_rating,
)
from window_assistant.services import Services, open_services
from window_assistant.vocab import RatingChannel, RatingLevel

log = logging.getLogger(__name__)

MAX_BODY = 8 * 1024  # a rating is a level, a few tags and a short comment
MAX_FIELDS = 64
STYLESHEET = "/static/rating.css"
THANKS = "您的评价已收到,感谢您对我们工作的监督!"
_TOKEN_PATH = re.compile(r"/r/([A-Za-z0-9_-]{1,128})")
_FORM_TYPE = "application/x-www-form-urlencoded"
# The page's form numbers the levels the way a citizen reads them, 5 = 非常满意; GB/T 39046
# (RatingLevel.gbt39046) runs the other way, 1 = 非常满意.
FORM_LEVELS: dict[int, RatingLevel] = {6 - n: RatingLevel.from_gbt39046(n) for n in range(1, 6)}
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Cache-Control", "no-store"),
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),  # the token is in the URL
    ("X-Window-Assistant", "rating"),
)
_REASONS = {
    200: "OK",
    303: "See Other",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    410: "Gone",
    413: "Content Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
}
_TITLES = {
    400: "请检查后重新提交",
    403: "评价链接无效",
    404: "页面不存在",
    405: "不支持的操作",
    409: "已经评价过了",
    410: "评价期限已过",
    413: "内容太长",
    429: "操作太频繁",
    500: "暂时无法评价",
}
_MESSAGES = {
    404: "没有这个页面。请扫描办事回执上的二维码进入评价页面。",
    405: "评价页面只能打开和提交。",
    413: "提交的内容太长,请缩短意见后重新提交。",
    429: "提交太频繁,请稍等一分钟后再试。",
    500: "评价服务暂时出现问题,请稍后重试,或在窗口的评价器上评价。",
}


def _template(name: str) -> Template:
    return Template(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


@dataclass
class _Response:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    extra: list[tuple[str, str]] = field(default_factory=list)


class _Pages:
    """The HTML, from the templates in ``templates/``; every value put in is escaped here."""

    def __init__(self) -> None:
        self.page = _template("templates/page.html")
        self.rate = _template("templates/rate.html")
        self.message = _template("templates/message.html")
        self.stylesheet = resources.files(__package__).joinpath("rating.css").read_bytes()

    def html(self, status: int, title: str, body: str) -> _Response:
        text = self.page.substitute(title=html.escape(title), stylesheet=STYLESHEET, body=body)
        return _Response(status, text.encode("utf-8"))

    def text(self, status: int, message: str, title: str | None = None) -> _Response:
        body = self.message.substitute(message=html.escape(message))
        return self.html(status, title or _TITLES[status], body)

    def thanks(self, rating: Rating) -> _Response:
        """The receipt: what was recorded, as typed (escaped), so the citizen can see it."""
        lines = [("您的评价", rating.level.label)]
        if rating.tags:
            lines.append(("选择的方面", "、".join(rating.tags)))
        if rating.comment:
            lines.append(("您的意见", rating.comment))
        rows = "\n".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in lines)
        body = self.message.substitute(message=html.escape(THANKS))
        return self.html(200, "感谢您的评价", f'<dl class="case">\n{rows}\n</dl>\n{body}')

    def form(self, action: str, target: RatingTarget, hidden: str = "") -> str:
        """The five levels, the tags and the comment for ``target``, posted to ``action`` with
        the ``hidden`` inputs (HTML, made by the caller): the phone page's and the pad's."""
        levels = "\n".join(
            f'<label class="choice"><input type="radio" name="level" value="{n}" required>'
            f"{html.escape(FORM_LEVELS[n].label)}</label>"
            for n in sorted(FORM_LEVELS, reverse=True)
        )
        groups = []
        # Two neutral groups, offered whatever level is chosen (no script narrows them).
        for legend, tags in (
            ("满意的方面(选填)", target.good_tags),
            ("不满意的方面(选填)", target.bad_tags),
        ):
            if not tags:
                continue
            boxes = "\n".join(
                f'<label class="choice tag"><input type="checkbox" name="tags" '
                f'value="{html.escape(t)}">{html.escape(t)}</label>'
                for t in tags
            )
            groups.append(f"<fieldset><legend>{html.escape(legend)}</legend>\n{boxes}\n</fieldset>")
        return self.rate.substitute(
            item=html.escape(target.item_name),
            window=html.escape(target.window_name),
            date=html.escape(f"{target.date:%Y年%m月%d日}"),
            action=html.escape(action),
            hidden=hidden,
            levels=levels,
            tags="\n".join(groups),
            until=html.escape(f"{target.rate_until:%Y年%m月%d日 %H:%M}"),
            comment_limit=str(MAX_COMMENT),
        )


class RateLimiter:
    """A token bucket per client address: ``burst`` requests at once, then ``per_second``.

    A phone submitting a rating makes two requests (page, post) plus the style sheet; the limit
    stops one client hammering the server (or guessing tokens) without slowing a real user.
    The table is capped: when full, buckets that have refilled are forgotten (they would allow
    a full burst anyway), and if none has, the client is refused until one does.
    """

    def __init__(self, burst: float = 60, per_second: float = 2.0, clients: int = 10_000) -> None:
        self.burst = burst
        self.per_second = per_second
        self.clients = clients
        self._buckets: dict[str, tuple[float, float]] = {}  # address -> (tokens, at)
        self._lock = threading.Lock()

    def allow(self, client: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, at = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.per_second)
            if client not in self._buckets and len(self._buckets) >= self.clients:
                self._forget_full(now)
                if len(self._buckets) >= self.clients:
                    return False
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return False
            self._buckets[client] = (tokens - 1, now)
            return True

    def _forget_full(self, now: float) -> None:
        full = [
            c
            for c, (tokens, at) in self._buckets.items()
            if tokens + (now - at) * self.per_second >= self.burst
        ]
        for c in full:
            del self._buckets[c]


OnRecorded = Callable[[Rating], None]


class RatingApp:
    """The WSGI application. Each waitress worker thread opens its own ``Services`` (SQLite
    connections belong to one thread); ``close()`` closes them all. Their writes share one
    lock, so the threads queue for the database in Python rather than in SQLite's sleeping
    busy handler (see ``Store``).

    ``on_recorded`` is told of each rating after its commit, in the waitress worker thread that
    recorded it (the window bridges it into its GUI thread); it cannot fail the citizen's
    answer, since the rating is already safely in the log."""

    def __init__(
        self,
        db_path: str | Path,
        limiter: RateLimiter | None = None,
        on_recorded: OnRecorded | None = None,
    ) -> None:
        self.db_path = Path(db_path)
        self.limiter = limiter or RateLimiter()
        self.on_recorded = on_recorded
        self.pages = _Pages()
        self._local = threading.local()
        self._opened: list[Services] = []
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        from window_assistant.web.pad import PadRoutes  # it imports this module

        self.pad = PadRoutes(self)

    def services(self) -> Services:
        svc: Services | None = getattr(self._local, "services", None)
        if svc is None:
            svc = open_services(self.db_path, write_lock=self._write_lock)
            self._local.services = svc
            with self._lock:
                self._opened.append(svc)
        return svc

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for svc in opened:
            svc.close()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        try:
            response = self._answer(environ)
        except Exception as exc:  # noqa: BLE001 - nothing may reach a client, see module doc
            # The type and the stack, not the message: it may quote what the citizen typed.
            log.error(
                "评价页面出错 %s:\n%s",
                type(exc).__name__,
                "".join(traceback.format_tb(exc.__traceback__)),
            )
            response = self.pages.text(500, _MESSAGES[500])
        if response.status in (429, 500):  # a tablet must not stop at a page that never returns
            response.extra.extend(self.pad.retry_later(str(environ.get("PATH_INFO") or "")))
        headers = [
            ("Content-Type", response.content_type),
            ("Content-Length", str(len(response.body))),
            *SECURITY_HEADERS,
            *response.extra,
        ]
        start_response(f"{response.status} {_REASONS[response.status]}", headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else response.body]

    def _answer(self, environ: dict[str, Any]) -> _Response:
        client = str(environ.get("REMOTE_ADDR") or "?")
        if not self.limiter.allow(client):
            return self.pages.text(429, _MESSAGES[429])
        path = str(environ.get("PATH_INFO") or "")
        method = str(environ.get("REQUEST_METHOD") or "")
        if path == STYLESHEET:
            if method not in ("GET", "HEAD"):
                return self._not_allowed("GET, HEAD")
            return _Response(200, self.pages.stylesheet, "text/css; charset=utf-8")
        if path.startswith("/pad/"):
            return self.pad.answer(environ, path, method)
        if not path.startswith("/r/"):
            return self.pages.text(404, _MESSAGES[404])
        match = _TOKEN_PATH.fullmatch(path)
        if method not in ("GET", "HEAD", "POST"):
            return self._not_allowed("GET, HEAD, POST")
        if match is None:  # characters no token has: not worth asking the core
            return self._refused(RatingTokenInvalid())
        token = match.group(1)
        try:
            if method == "POST":
                return self._post(environ, token, client)
            return self._get(token)
        except RatingError as exc:
            return self._refused(exc)

    def _not_allowed(self, allow: str) -> _Response:
        response = self.pages.text(405, _MESSAGES[405])
        response.extra.append(("Allow", allow))
        return response

    def _refused(self, exc: RatingError) -> _Response:
        return self.pages.text(exc.http_status, exc.message)

    def _get(self, token: str) -> _Response:
        target = rating_for_token(self.services(), token)
        if target.already_rated:
            return self._refused(AlreadyRated())
        body = self.pages.form(f"/r/{token}", target)
        return self.pages.html(200, "办事评价", body)

    def _post(self, environ: dict[str, Any], token: str, client: str) -> _Response:
        form = _read_form(environ)
        if form is None:
            return self.pages.text(413, _MESSAGES[413])
        level = _level(form.get("level", []))
        comment = form.get("comment", [""])
        if len(comment) > 1:
            raise RatingInputInvalid("意见只能填写一处。")
        rating = record_rating(
            self.services(),
            token,
            level,
            form.get("tags", []),
            comment[0],
            RatingChannel.QR_CODE,
            client,
        )
        self.recorded(rating)
        return self.pages.thanks(rating)

    def recorded(self, rating: Rating) -> None:
        """Tell ``on_recorded`` of a committed rating; its failure is logged, never answered."""
        if self.on_recorded is None:
            return
        try:
            self.on_recorded(rating)
        except Exception as exc:  # noqa: BLE001 - the rating is recorded: the citizen gets 200
            log.error(
                "评价记录通知出错 %s:\n%s",
                type(exc).__name__,
                "".join(traceback.format_tb(exc.__traceback__)),
            )


def _read_form(environ: dict[str, Any]) -> dict[str, list[str]] | None:
    """The posted form, or None when the body is over ``MAX_BODY`` (read no further than that:
    waitress's own cap is the backstop for a body that lies about its length)."""
    content_type = str(environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    if content_type != _FORM_TYPE:
        raise RatingInputInvalid("提交的格式不对,请在评价页面上重新提交。")
    length_text = str(environ.get("CONTENT_LENGTH") or "").strip()
    if length_text:
        if not length_text.isdigit():
            raise RatingInputInvalid("提交的格式不对,请在评价页面上重新提交。")
        if int(length_text) > MAX_BODY:
            return None
    body = environ["wsgi.input"].read(MAX_BODY + 1)
    if len(body) > MAX_BODY:
        return None
    try:
        text = body.decode("utf-8")
        return parse_qs(
            text, keep_blank_values=True, strict_parsing=False, max_num_fields=MAX_FIELDS
        )
    except (UnicodeDecodeError, ValueError):
        raise RatingInputInvalid("提交的内容无法识别,请在评价页面上重新提交。") from None


def _level(values: list[str]) -> RatingLevel:
    if not values:
        raise RatingInputInvalid(
            "请选择一个评价等级(非常满意、满意、基本满意、不满意、非常不满意)。"
        )
    if len(values) > 1 or not values[0].isdigit() or int(values[0]) not in FORM_LEVELS:
        raise RatingInputInvalid("评价等级应为 1 到 5 之间的一个数(5 为非常满意)。")
    return FORM_LEVELS[int(values[0])]


def make_app(
    db_path: str | Path,
    limiter: RateLimiter | None = None,
    on_recorded: OnRecorded | None = None,
) -> RatingApp:
    """The rating page over the database at ``db_path`` (opened per worker thread)."""
    return RatingApp(db_path, limiter, on_recorded)
