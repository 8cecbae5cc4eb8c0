"""The rating log (好差评): append-only, one hash chain per window, and the only way in.

``record_rating`` is the one path by which a rating comes to exist; nothing updates or deletes
one (the table's triggers refuse it, and a test checks that no other module writes to it). It
checks the token first (signed by this centre, its case registered here, within the rating
period), then the level, tags and comment, and appends the row with its audit entry in one
``BEGIN IMMEDIATE`` transaction. 一次一评 is the database's UNIQUE case serial, not a lookup
before the insert, so two simultaneous submissions for one case record exactly one rating.

Each window's rows form a chain: row ``seq`` stores ``prev_hash`` (row ``seq - 1``'s hash, 64
zeros for the first) and ``hash = SHA-256(prev_hash + content)``, ``content`` being the row's
fields in ``CONTENT_FIELDS`` order, integers in decimal, the comment as its SHA-256 (so that an
export with the comments masked still verifies), after the layout's version and joined with
U+001F (version 2; version 1, before any release, hashed the comment's text). No stored field
can hold U+001F (``text.clean_text`` refuses control characters, JSON escapes them) and
``verify`` refuses a row where one does, so the joined text names exactly one row. Changing a
row breaks its hash; removing one breaks the next row's link; removing the newest rows leaves an
intact but shorter chain, which only a chain head kept elsewhere (window, seq, hash, count:
printed on reports, carried in every export) reveals. ``verify`` checks all of that, over the
database or over an exported file, and names the first row that does not match.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import json
import operator
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from window_assistant.cases import ids
from window_assistant.cases.tokens import (
    SerialRef,
    TokenError,
    secret_bytes,
    token_id,
    verify_token,
)
from window_assistant.errors import UserError
from window_assistant.ratings.errors import (
    AlreadyRated,
    RatingExpired,
    RatingInputInvalid,
    RatingTokenInvalid,
)
from window_assistant.sheets.model import SERIAL_CHARS
from window_assistant.text import TextError, clean_text, preview
from window_assistant.vocab import Coded, RatingChannel, RatingLevel

if TYPE_CHECKING:
    from window_assistant.services import Services
    from window_assistant.settings import Settings

GENESIS = "0" * 64  # the prev_hash of a window's first rating
SEPARATOR = "\x1f"
CONTENT_VERSION = 3  # first field of the hashed content (``v``): a later layout gets another
CONTENT_FIELDS = (
    "window_id", "window_name", "seq", "case_serial", "item_code", "item_name", "clerk_login",
    "clerk_name", "level", "channel", "tags", "comment", "at", "token_id", "device",
)  # fmt: skip
# The chain's key (the window's number) and the row's content version come first: version 3
# hashes the number before the fields, version 2 (rows recorded before merges) did not.
ROW_FIELDS = ("window_number", "v", *CONTENT_FIELDS, "prev_hash", "hash")
_SELECT = f"SELECT {', '.join(ROW_FIELDS)} FROM ratings"
_SEQ, _SERIAL = ROW_FIELDS.index("seq"), ROW_FIELDS.index("case_serial")
_FIRST, _LAST = 2, 2 + len(CONTENT_FIELDS)  # the content fields' slice of a row
_PREV, _HASH = ROW_FIELDS.index("prev_hash"), ROW_FIELDS.index("hash")
# A rating recorded here also keeps when its case was registered and whether it named a
# contact (``case_created``, ``named``; not hashed: copies of the case's, for the figures and
# the follow-ups, see migration 0009).
_INSERT = (
    f"INSERT INTO ratings ({', '.join(ROW_FIELDS)}, case_created, named)"
    f" VALUES ({', '.join('?' for _ in ROW_FIELDS)}, ?, ?)"
)
BAD_LEVELS = frozenset({RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED})  # 差评
MAX_COMMENT = 500  # characters: a few sentences typed on a phone
MAX_DEVICE = 100  # characters of the device description (a browser's User-Agent is cut)
RATER = "citizen"  # the audit log's actor for a rating: never who the rater is
EXPORT_FORMAT = "window-assistant/ratings"
EXPORT_VERSION = 3  # 2: comments' keyed digests; 3: chains by window number, merge data
_NO_AGE_LIMIT = 365 * 200  # days: the rating period is checked here, to tell 410 from 403
# Runs of 7+ digits (with spaces or hyphens) in a comment: a phone or an ID number typed by
# the citizen. Lists show them masked like the cases list does.
_NUMBER_RUN = re.compile(r"(?<![0-9])[0-9](?:[0-9 -]*[0-9])?[0-9Xx]?(?![0-9])")


@dataclass
class Rating(Coded):
    """One row of the log, as stored (``list_ratings`` masks numbers in the comment)."""

    window_id: int
    window_name: str
    seq: int
    case_serial: str
    item_code: str
    item_name: str
    clerk_login: str
    clerk_name: str
    level: RatingLevel
    channel: RatingChannel
    tags: list[str]
    comment: str
    at: str
    token_id: str
    device: str
    prev_hash: str = ""
    hash: str = ""
    window_number: str = ""  # the chain's key: the window's number on its sign
    v: int = CONTENT_VERSION

    def content(self, key: bytes) -> str:
        """The text the chain hashes (see the module docstring); ``key`` is ``comment_key``'s."""
        return _content(self._stored(), key)

    def _stored(self) -> tuple[Any, ...]:
        """The row as the table holds it, in ``ROW_FIELDS`` order."""
        # getattr, not asdict: asdict deep-copies every field and was a fifth of a rating's cost.
        values = {name: getattr(self, name) for name in ROW_FIELDS}
        values["level"], values["channel"] = self.level.value, self.channel.value
        values["tags"] = _dumps(self.tags)
        return tuple(values[name] for name in ROW_FIELDS)

    @property
    def bad(self) -> bool:
        return self.level in BAD_LEVELS


@dataclass(frozen=True)
class RatingTarget:
    """What the rating page shows before anything is recorded: the case, and whether it has
    its rating already. ``good_tags``/``bad_tags`` are the reason tags it may offer."""

    serial: str
    item_name: str
    window_name: str
    date: date
    already_rated: bool
    rate_until: datetime
    good_tags: tuple[str, ...] = field(default=())
    bad_tags: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class ChainHead:
    """The end of one window's chain. Written down outside the database (reports, exports),
    it shows later whether rows were removed from the end. ``window`` is the window's number
    (on its sign); ``text`` is ``window:seq:hash``."""

    window: str
    seq: int
    hash: str
    count: int

    def text(self) -> str:
        return f"{self.window}:{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> ChainHead:
        """A head as ``text`` gives it; the hash may be shortened to its first 16 characters
        (as a report prints it), else UserError."""
        match = re.fullmatch(r"\s*([A-Za-z0-9-]{1,10}):(\d{1,12}):([0-9a-fA-F]{16,64})\s*", text)
        if not match:
            raise UserError(
                f"链头「{preview(text)}」的写法不对,应为 窗口编号:序号:校验值,"
                "例如 3:128:9f2c4e…(校验值至少 16 位)。"
            )
        seq = int(match[2])
        return cls(match[1], seq, match[3].lower(), seq)


@dataclass(frozen=True)
class ChainProblem:
    """The first row that does not match, and why (Chinese)."""

    window: str
    seq: int
    serial: str  # "" when the row is missing
    reason: str

    def message(self) -> str:
        what = f"(办件 {self.serial})" if self.serial else ""
        return f"窗口 {self.window} 第 {self.seq} 条评价{what}:{self.reason}"


@dataclass
class Verification:
    """What ``verify_chain`` found: the recomputed heads, how many rows it checked, and the first
    problem (None when every chain is intact and agrees with the heads it was given)."""

    heads: list[ChainHead]
    checked: int
    problem: ChainProblem | None
    comments_checked: bool = True  # False: a file of another centre (its key is not ours)

    @property
    def intact(self) -> bool:
        return self.problem is None


class ChainBroken(UserError):
    """An exported file that cannot even be read as a rating log."""


# -- the token ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Case:
    serial: str
    item_code: str
    item_name: str
    clerk_login: str
    clerk_name: str
    window_id: int
    window_name: str
    created_at: str
    window_number: str
    named: bool  # the case names a contact (实名): a 差评 of it is followed up by phone


def _case_for_token(
    services: Services, settings: Settings, token: str, now: datetime
) -> tuple[_Case, datetime]:
    """The case a genuine, unexpired token rates, and the end of its rating period."""
    try:
        claims = verify_token(settings.centre_secret, str(token), now, max_age_days=_NO_AGE_LIMIT)
    except TokenError as exc:
        raise RatingTokenInvalid(exc.message) from None
    days = settings.rating_period_days
    until = claims.issued_at + timedelta(days=days)
    row = services.store.execute(
        "SELECT serial, subject_code, subject_name, clerk_login, clerk_name, window_id,"
        " window_name, created_at, token,"
        " coalesce((SELECT number FROM windows WHERE id = window_id), CAST(window_id AS TEXT)),"
        " phone != '' FROM cases WHERE kind = ? AND year = ? AND number = ?",
        _serial_key(claims.serial),
    ).fetchone()
    # The centre's windows share the secret: a genuine token may name a case registered on
    # another window's PC (a phone sent to the wrong address), or one a restore took away.
    if row is None or row[5] != claims.window_id or token_id(row[8]) != claims.token_id:
        raise RatingTokenInvalid(
            "本机没有登记这件办件,无法在这里评价。请向窗口工作人员确认评价地址。"
        )
    if now > until:
        raise RatingExpired(f"该办件的评价期限({days} 天)已过,无法再评价。感谢您的关注。")
    serial, code, name, login, clerk, window_id, window_name, created_at, _, number, named = row
    case = _Case(
        serial, code, name, login, clerk, window_id, window_name, created_at, number, bool(named)
    )
    return case, until


def _serial_key(ref: SerialRef) -> list[Any]:
    """(kind, year, number) of the case a token names: the serial's text would depend on the
    centre abbreviation, which a supervisor may change after the case was registered."""
    kinds = {char: str(kind) for kind, char in SERIAL_CHARS.items()}
    return [kinds.get(ref.kind, ""), ref.year, ref.number]


def rating_for_token(services: Services, token: str, now: datetime | None = None) -> RatingTarget:
    """The case a rating link is for, checked without recording anything (the GET page).
    Raises ``RatingTokenInvalid`` or ``RatingExpired``; an already rated case is not an error
    here (``already_rated``), so the page can say so politely."""
    now = now or datetime.now()
    settings = services.settings.snapshot()
    case, until = _case_for_token(services, settings, token, now)
    rated = services.store.execute(
        "SELECT 1 FROM ratings WHERE window_number = ? AND case_serial = ?",
        [case.window_number, case.serial],
    ).fetchone()
    return RatingTarget(
        serial=case.serial,
        item_name=case.item_name,
        window_name=case.window_name,
        date=date.fromisoformat(case.created_at[:10]),
        already_rated=rated is not None,
        rate_until=until,
        good_tags=settings.rating_good_tags,
        bad_tags=settings.rating_bad_tags,
    )


# -- recording ---------------------------------------------------------------------------------
def _level(level: object) -> RatingLevel:
    try:
        return RatingLevel.of(level)
    except (TypeError, ValueError):
        choices = "、".join(m.label for m in RatingLevel)
        raise RatingInputInvalid(f"请选择一个评价等级:{choices}。") from None


def _channel(channel: object) -> RatingChannel:
    try:
        return RatingChannel.of(channel)
    except (TypeError, ValueError):
        raise RatingInputInvalid("评价渠道无效。") from None


def _tags(settings: Settings, level: RatingLevel, tags: Iterable[object]) -> list[str]:
    """The tags in the order given, each once; each must be one the page offers, from either
    set. The phone page shows both groups without a script to narrow them by level, and a
    satisfied citizen who waited long (基本满意 + 等候时间长) is telling something true: a tag
    is refused only when no set offers it, never for the level it was chosen with."""
    offered = (*settings.rating_good_tags, *settings.rating_bad_tags)
    chosen: list[str] = []
    for tag in tags:
        word = tag.strip() if isinstance(tag, str) else tag
        if word not in offered:
            listed = "、".join(offered) or "(无)"
            raise RatingInputInvalid(
                f"标签「{preview(str(word), 20)}」不是可选的标签,可选:{listed}。"
            )
        if word not in chosen:
            chosen.append(str(word))
    return chosen


def _comment(comment: object) -> str:
    try:
        return clean_text(comment or "", "评价意见", multiline=True, max_length=MAX_COMMENT)
    except TextError as exc:
        raise RatingInputInvalid(exc.message) from None


def _device(device: object) -> str:
    """The device as given (a pad's name, a browser's User-Agent), never refused: it is not
    the citizen's to get right, so what cannot be stored is shown as <U+…> and cut."""
    return clean_text(preview(str(device or ""), MAX_DEVICE)[:MAX_DEVICE], "设备")


def record_rating(
    services: Services,
    token: str,
    level: RatingLevel,
    tags: Sequence[str],
    comment: str,
    channel: RatingChannel,
    device: str,
    now: datetime | None = None,
) -> Rating:
    """Record the citizen's rating of the case ``token`` names; the only way a rating is made.

    Refuses with ``RatingTokenInvalid`` (forged, malformed, or a case not registered here),
    ``RatingExpired`` (past the rating period), ``RatingInputInvalid`` (level, tag, comment) or
    ``AlreadyRated`` (the case has its rating); nothing is written then. ``at`` is the server's
    clock (``now``, for tests).

    Everything that needs no lock (token, case, input, the row's fields) is done before the
    transaction; inside it only the chain head, the hash and the two INSERTs: the rating
    server's threads wait for one another's write lock (README Performance)."""
    now = (now or datetime.now()).replace(microsecond=0)
    settings = services.settings.snapshot()
    case, _ = _case_for_token(services, settings, token, now)
    level = _level(level)
    rating = Rating(
        window_id=case.window_id,
        window_name=case.window_name,
        seq=0,  # the chain's, below
        case_serial=case.serial,
        item_code=case.item_code,
        item_name=case.item_name,
        clerk_login=case.clerk_login,
        clerk_name=case.clerk_name,
        level=level,
        channel=_channel(channel),
        tags=_tags(settings, level, tags),
        comment=_comment(comment),
        at=now.isoformat(),
        token_id=token_id(token),
        device=_device(device),
        window_number=case.window_number,
    )
    # The comment's digest, computed before the lock like the rest of the row.
    digest = CommentDigest(comment_digest(rating.comment, comment_key(settings.centre_secret)))
    store = services.store
    try:
        with store.transaction():
            last = store.execute(
                "SELECT seq, hash FROM ratings WHERE window_number = ? ORDER BY seq DESC LIMIT 1",
                [case.window_number],
            ).fetchone()
            rating.seq, rating.prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
            stored = [*rating._stored()]
            stored[_COMMENT] = digest
            rating.hash = _hash(rating.prev_hash, _content(stored))
            stored[_COMMENT], stored[_HASH] = rating.comment, rating.hash
            store.execute(_INSERT, [*stored, case.created_at, int(case.named)])
            services.audit.record(
                RATER,
                "rating.record",
                serial=case.serial,
                window=case.window_number,
                seq=rating.seq,
                level=level,
                channel=rating.channel,
            )
    except sqlite3.IntegrityError as exc:
        if "ratings.case_serial" in str(exc) or "ratings.token_id" in str(exc):
            raise AlreadyRated() from None
        raise
    return rating


# -- reading -----------------------------------------------------------------------------------
def mask_numbers(text: str) -> str:
    """``text`` with every run of 7 or more digits masked: an ID number keeps its first and
    last 4 characters, anything else (a phone) what ``ids.mask_phone`` keeps."""

    def masked(match: re.Match[str]) -> str:
        run = match.group()
        digits = re.sub(r"[ -]", "", run)
        if sum(c.isdigit() for c in digits) < 7:
            return run
        if len(digits) in (15, 18) and " " not in run and "-" not in run:
            return ids.mask_id(ids.RESIDENT_ID, digits)
        return ids.mask_phone(digits)

    return _NUMBER_RUN.sub(masked, text)


def _rating(row: Sequence[Any]) -> Rating:
    values = dict(zip(ROW_FIELDS, row))
    values["tags"] = json.loads(values["tags"])
    return Rating(**values)


def list_ratings(
    services: Services,
    date_from: date | None = None,
    date_to: date | None = None,
    window: str | None = None,
    limit: int = 1000,
) -> list[Rating]:
    """Newest first, dates inclusive, with phone and ID numbers in comments masked."""
    where, params = ["1 = 1"], []  # type: list[str], list[Any]
    if date_from:
        where.append("at >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append("substr(at, 1, 10) <= ?")
        params.append(date_to.isoformat())
    if window is not None:
        where.append("window_number = ?")
        params.append(window)
    return newest_first(services, where, params, limit)


def newest_first(
    services: Services, where: list[str], params: list[Any], limit: int
) -> list[Rating]:
    """The ratings matching all of ``where`` (SQL conditions with ``params``), newest first,
    numbers in comments masked (``list_ratings``, and the filtered log of ``ratings.feed``)."""
    rows = services.store.execute(
        f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY at DESC, window_number, seq DESC LIMIT ?",
        [*params, limit],
    )
    ratings = [_rating(r) for r in rows]
    for rating in ratings:
        rating.comment = mask_numbers(rating.comment)
    return ratings


def chain_head(services: Services, window: str) -> ChainHead:
    """The head of one window's chain (``window``: its number) as the database holds it (seq 0
    and 64 zeros when the window has no rating yet)."""
    row = services.store.execute(
        "SELECT seq, hash, (SELECT count(*) FROM ratings WHERE window_number = ?) FROM ratings"
        " WHERE window_number = ? ORDER BY seq DESC LIMIT 1",
        [window, window],
    ).fetchone()
    return ChainHead(window, row[0], row[1], row[2]) if row else ChainHead(window, 0, GENESIS, 0)


def chain_heads(services: Services) -> list[ChainHead]:
    """The head of every window's chain that has a rating."""
    windows = services.store.execute("SELECT DISTINCT window_number FROM ratings ORDER BY 1")
    return [chain_head(services, w) for (w,) in windows.fetchall()]


# -- verifying ---------------------------------------------------------------------------------
def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class CommentDigest(str):
    """A comment's keyed digest (``comment_digest``), standing in for the comment in a row read
    from an export: the chain is checked over the digest, the text against it only by whoever
    holds the centre's key."""


_COMMENT_KEY_DOMAIN = b"window-assistant/comment-digest\x00"


def comment_key(secret: str) -> bytes:
    """The key of the comments' digests, derived from the centre's secret (``centre.secret``).
    Keyed, because a masked export shows most of a phone number typed in a comment: a plain
    SHA-256 of the comment beside it would give the hidden digits back in 10,000 tries."""
    return hmac.new(secret_bytes(secret), _COMMENT_KEY_DOMAIN, hashlib.sha256).digest()


def key_id(key: bytes) -> str:
    """Names the key in an export (it does not reveal it), so that verify knows whether it
    can check the comments' text: only on an installation of the same centre."""
    return hmac.new(key, b"key-id", hashlib.sha256).hexdigest()[:16]


def comment_digest(comment: str, key: bytes | None) -> str:
    """HMAC-SHA256 (hex) of the comment under ``key``; "" for no comment; a ``CommentDigest``
    as it is. ValueError when a comment's text has to be digested and no key is given."""
    if isinstance(comment, CommentDigest):
        return str(comment)
    if comment == "":
        return ""
    if key is None:
        raise ValueError("a comment's digest needs the centre's key")
    return hmac.new(key, str(comment).encode("utf-8"), hashlib.sha256).hexdigest()


def file_comment(comment: str, digest: str, key: bytes | None, masked: bool) -> CommentDigest:
    """What a row read from an export hashes in place of its comment: the digest the file
    carries; and, when ``key`` is the file's, a text that no longer matches it (edited after
    the export, unless masked) is made to fail the row's hash."""
    if key is None or comment_digest(comment, key) == digest or (masked and "*" in comment):
        return CommentDigest(digest)
    return CommentDigest(f"{digest}≠")


_COMMENT = ROW_FIELDS.index("comment")
_DIGEST = len(ROW_FIELDS)  # the stored digest of a merged row, after the row (``_DB_SELECT``)
_DB_SELECT = f"SELECT {', '.join(ROW_FIELDS)}, comment_digest FROM ratings"
_SEPARATORS = {2: len(CONTENT_FIELDS), 3: len(CONTENT_FIELDS) + 1}  # in a row's joined content


def _content(row: Sequence[Any], key: bytes | None = None) -> str:
    """The hashed text of a row (``ROW_FIELDS`` order): its content version, from version 3 the
    window's number, then the fields in order with the comment as its keyed digest, so an export
    with the comments masked (personal data typed by the citizen) still verifies."""
    fields = list(map(str, row[_FIRST:_LAST]))
    fields[_COMMENT - _FIRST] = comment_digest(row[_COMMENT], key)
    if row[1] == 2:
        return SEPARATOR.join(("2", *fields))
    return SEPARATOR.join((str(row[1]), str(row[0]), *fields))


def _hash(prev_hash: str, content: str) -> str:
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def _walk(
    rows: Iterable[Sequence[Any]],
    heads: dict[str, ChainHead],
    exact: bool,
    starts: dict[str, int] | None = None,
    key: bytes | None = None,
    stored_digests: bool = False,
) -> Verification:
    """Check rows given in (window, seq) order against their chain and ``heads``. With
    ``exact`` (an exported file) each window must end exactly at its head; otherwise rows added
    after the head was written down are fine. ``starts`` gives the first seq of a window whose
    rows are a slice (a date-filtered export): its first row's link to the rows before, which
    the file does not hold, is trusted; every row from there on is checked as usual.
    ``stored_digests``: each row is followed by the digest a merged row came with (or None)."""
    found: list[ChainHead] = []
    checked = 0
    for window, group in itertools.groupby(rows, key=operator.itemgetter(0)):
        window = str(window)
        head = heads.get(window)
        start = starts.get(window, 1) if starts else 1
        seq, last, at_head, problem = _walk_window(
            window, group, head.seq if head else 0, start, key, stored_digests
        )
        checked += seq - start + 1 if problem is None else seq - start
        if problem is None:
            problem = _against_head(window, seq, at_head, head, exact)
        if problem is not None:
            return Verification(found, checked, problem)
        found.append(ChainHead(window, seq, last, seq - start + 1))
    seen = {h.window for h in found}
    for head in sorted(heads.values(), key=lambda h: h.window):
        if head.window not in seen and head.seq > 0:
            reason = f"链头记有 {head.count} 条,但没有这个窗口的任何评价:评价被删除"
            return Verification(found, checked, ChainProblem(head.window, 1, "", reason))
    return Verification(found, checked, None)


def _walk_window(
    window: str,
    rows: Iterable[Sequence[Any]],
    head_seq: int,
    start: int = 1,
    key: bytes | None = None,
    stored_digests: bool = False,
) -> tuple[int, str, str | None, ChainProblem | None]:
    """One window's rows from seq ``start``: (last seq, last hash, hash of row ``head_seq``,
    first problem)."""
    sha256, new_mac, join = hashlib.sha256, hmac.new, SEPARATOR.join
    c, first, last_field, seq_at, separators = _COMMENT, _FIRST, _LAST, _SEQ, _SEPARATORS
    prev, seq, at_head = GENESIS, start - 1, None
    if start > 1:  # a slice: the row before the first is not here, so its link is taken as given
        rows = iter(rows)
        head_row = next(rows)  # groupby never yields an empty group
        prev, rows = head_row[_PREV], itertools.chain((head_row,), rows)
    for row in rows:
        seq += 1
        # _content, inlined: this loop is verify's whole cost over a bare hash (README).
        comment = row[c]
        if stored_digests and row[_DIGEST] is not None:  # a merged row: the digest it came with
            comment = file_comment(comment, row[_DIGEST], key, masked=True)
        if comment.__class__ is CommentDigest or not comment:
            digest = str(comment)
        elif key is None:
            raise ValueError("a comment's digest needs the centre's key")
        else:
            digest = new_mac(key, comment.encode(), sha256).hexdigest()
        version = row[1]
        fields = (*map(str, row[first:c]), digest, *map(str, row[c + 1 : last_field]))
        if version == 2:
            content = join(("2", *fields))
        else:
            content = join((str(version), str(row[0]), *fields))
        reason = ""
        if row[seq_at] != seq:
            reason = f"序号应为 {seq},这里是 {row[seq_at]}:中间的评价缺失或顺序被打乱"
        elif row[_PREV] != prev:
            reason = "所记的上一条校验值与上一条不符:上一条被删除或改动过"
        elif version not in separators:
            reason = f"校验版本 {version} 不是本程序写入的版本"
        elif content.count(SEPARATOR) != separators[version]:
            reason = "含有不允许的控制字符(U+001F),不是本程序写入的记录"
        else:
            prev = sha256((prev + content).encode()).hexdigest()
            if prev != row[_HASH]:
                reason = "内容与校验值不符:这条评价被改动过"
        if reason:
            return seq, prev, at_head, ChainProblem(window, seq, str(row[_SERIAL]), reason)
        if seq == head_seq:
            at_head = prev
    return seq, prev, at_head, None


def _against_head(
    window: str, seq: int, hash_at_head: str | None, head: ChainHead | None, exact: bool
) -> ChainProblem | None:
    """Whether a window's intact chain, ending at ``seq``, agrees with its saved head."""
    if head is None:
        if exact:
            return ChainProblem(window, 1, "", "文件的链头中没有这个窗口:链头被改动过")
        return None
    if seq < head.seq:
        missing = f"第 {seq + 1} 条" if seq + 1 == head.seq else f"第 {seq + 1}–{head.seq} 条"
        return ChainProblem(
            window, seq + 1, "", f"链头记到第 {head.seq} 条,{missing}缺失:最新的评价被删除"
        )
    if hash_at_head is None or not hash_at_head.startswith(head.hash):
        return ChainProblem(
            window, head.seq, "", "校验值与保存的链头不符:这条及之前的评价被改动或替换过"
        )
    if exact and seq != head.seq:
        return ChainProblem(
            window, head.seq + 1, "", f"链头只记到第 {head.seq} 条,文件却多出评价:链头被改动过"
        )
    return None


def verify_chain(
    services: Services | None = None,
    path: str | Path | None = None,
    heads: Iterable[ChainHead] = (),
    key: bytes | None = None,
) -> Verification:
    """Recompute every window's chain from the database (``services``) or from an exported file
    (``path``: JSON lines, or the CSV/XLSX of ``exports``; checked against the heads it carries,
    a slice from the seq its head's count gives), and against ``heads`` written down earlier.
    Stops at the first row that does not match.

    A file's chain is walked over the comments' digests it carries; their text is checked
    against them too when ``key`` (``comment_key`` of this centre's secret) is the file's key
    (``comments_checked``)."""
    if path is not None:
        return verify_file(read_export(Path(path), key), heads, key)
    if services is None:
        raise ValueError("verify_chain needs services or path")
    given = {h.window: h for h in heads}
    key = comment_key(services.settings.centre_secret)
    rows = services.store.execute(f"{_DB_SELECT} ORDER BY window_number, seq")
    return _walk(rows, given, exact=False, key=key, stored_digests=True)


def verify_file(
    file: ExportFile, heads: Iterable[ChainHead] = (), key: bytes | None = None
) -> Verification:
    """Walk an exported file's rows (as ``read_export`` opened it) against the heads it carries
    and ``heads`` written down earlier; consumes ``file.rows``."""
    given = {h.window: h for h in heads}
    # A head counting fewer rows than its seq is the end of a slice (a date-filtered export).
    starts = {h.window: max(1, h.seq - h.count + 1) for h in file.heads}
    for head in file.heads:
        given.setdefault(head.window, head)
    result = _walk(file.rows, given, exact=True, starts=starts)
    result.comments_checked = key is not None and file.key_id == key_id(key)
    return result


@dataclass
class ExportFile:
    """An exported rating log being read: its chain heads, the id of its comments' key, its rows
    in ``ROW_FIELDS`` order (read as they are walked), and what travels with them for a merge
    (filled in as the rows are read when the format keeps them after the rows):

    - ``steps``: the 差评 follow-up steps, as ``FOLLOWUP_FIELDS`` dictionaries;
    - ``cases``: the cases registered, as ``CASE_COUNT_FIELDS`` tuples, for 主动评价率;
    - ``named``: (window, serial) of the rated cases that named a contact (实名);
    - ``keep_comments``: set before the rows are read, each row is followed by its comment's
      text and digest as the file has them (a merge stores both; the walk ignores them);
    - ``version``: the file format's version (1-based per format); ``masked``: whether what
      citizens typed was masked; ``travels``: whether the format carries steps and cases."""

    path: Path
    heads: list[ChainHead]
    key_id: str
    rows: Iterator[tuple[Any, ...]]
    version: int
    masked: bool = False
    travels: bool = True
    steps: list[dict[str, Any]] = field(default_factory=list)
    cases: list[tuple[Any, ...]] = field(default_factory=list)
    named: set[tuple[str, str]] = field(default_factory=set)
    keep_comments: bool = False


FOLLOWUP_FIELDS = (
    "id", "window_number", "case_serial", "step", "at", "actor", "actor_name", "detail",
    "corrects",
)  # fmt: skip
CASE_COUNT_FIELDS = (
    "window_number", "day", "clerk_login", "item_code", "window_name", "clerk_name", "item_name",
    "cases", "rated",
)  # fmt: skip


def read_export(path: Path, key: bytes | None = None) -> ExportFile:
    """Open an export of any format (JSON lines, or the CSV/XLSX tables of ``exports``);
    ``ChainBroken`` when it cannot be read as one."""
    if path.suffix.lower() in (".csv", ".xlsx"):  # the tables a clerk opens in Excel
        from window_assistant.ratings.exports import read_table_export

        return read_table_export(path, key)
    return _read_export(path, key)


# -- export ------------------------------------------------------------------------------------
def export_ratings(services: Services, path: str | Path, actor: str) -> list[ChainHead]:
    """Write the whole log to ``path`` as JSON lines: a first line with the format, every
    window's chain head and what travels for a merge (cases counted, 实名 差评), then one rating
    per line in (window, seq) order, as stored (the comments unmasked: the hashes cover them),
    then the follow-up steps. Read in one snapshot without the write lock (the rating server
    keeps recording meanwhile), written beside the target and renamed, so the file is never half
    a log. Returns the heads."""
    from window_assistant.ratings import travel

    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with _snapshot(services):  # heads and rows agree
            heads = chain_heads(services)
            rows = services.store.execute(f"{_DB_SELECT} ORDER BY window_number, seq")
            key = comment_key(services.settings.centre_secret)
            with open(tmp, "w", encoding="utf-8", newline="\n") as out:
                header = {
                    "format": EXPORT_FORMAT,
                    "version": EXPORT_VERSION,
                    "exported_at": datetime.now().isoformat(timespec="seconds"),
                    "key_id": key_id(key),
                    "heads": [asdict(h) for h in heads],
                    "cases": travel.case_counts(services),
                    "named": travel.named_bad(services),
                }
                out.write(_dumps(header) + "\n")
                for row in rows:
                    values = dict(zip(ROW_FIELDS, row))
                    values["tags"] = json.loads(values["tags"])  # a list, like the page sent
                    values["comment_digest"] = row[_DIGEST] or comment_digest(row[_COMMENT], key)
                    out.write(_dumps(values) + "\n")
                for step in travel.followup_steps(services):
                    out.write(_dumps({"record": "followup_step", **step}) + "\n")
                out.flush()
                os.fsync(out.fileno())
        services.audit.record(
            actor, "ratings.export", path=str(path), heads=[h.text() for h in heads]
        )
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"无法写入 {path}:{exc.strerror or exc}。请检查位置和磁盘空间。") from None
    finally:
        tmp.unlink(missing_ok=True)
    return heads


@contextlib.contextmanager
def _snapshot(services: Services) -> Iterator[None]:
    """One read transaction: every query inside sees the database as it was at the first one
    (WAL), and no writer waits for it."""
    conn = services.store.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN DEFERRED")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")  # nothing was written: ending the snapshot is all


def _read_export(path: Path, key: bytes | None = None) -> ExportFile:
    """An exported JSON-lines file: its header read, its rows read as they are walked (comments
    checked against their digests when ``key`` is the file's). A file of version 2 (before
    merges) is read with its window ids as the chains' keys, so that it still verifies."""
    try:
        with open(path, encoding="utf-8") as handle:
            first = handle.readline()
    except FileNotFoundError:
        raise ChainBroken(f"找不到文件 {path},请检查文件名和位置。") from None
    except IsADirectoryError:
        raise ChainBroken(f"{path} 是一个文件夹,请给出 ratings export 导出的文件。") from None
    except UnicodeDecodeError:
        raise ChainBroken(f"{path} 含有无法识别的字符(不是 UTF-8 文本)。") from None
    except OSError as exc:
        raise ChainBroken(f"无法读取 {path}:{exc.strerror or exc}。") from None
    try:
        header = json.loads(first)
        if header.get("format") != EXPORT_FORMAT:
            raise ValueError
        version = header.get("version")
        heads = [
            ChainHead(str(h.get("window", h.get("window_id"))), h["seq"], h["hash"], h["count"])
            for h in header["heads"]
        ]
        file_key = str(header.get("key_id", ""))
        cases = [tuple(c) for c in header.get("cases", [])]
        named = {(str(w), str(s)) for w, s in header.get("named", [])}
    except (ValueError, TypeError, KeyError, AttributeError):
        raise ChainBroken(f"{path} 不是窗口助手导出的评价记录(第 1 行应为链头)。") from None
    if version not in (2, EXPORT_VERSION):
        raise ChainBroken(
            f"{path} 是其他版本的窗口助手导出的评价记录(格式版本 {version}),请用相应版本核验。"
        )
    mine = key if key is not None and file_key == key_id(key) else None
    file = ExportFile(path, heads, file_key, iter(()), version, travels=version >= 3)
    file.cases, file.named = cases, named
    file.rows = _export_rows(file, mine)
    return file


def _export_rows(file: ExportFile, key: bytes | None) -> Iterator[tuple[Any, ...]]:
    """The rows of an exported file in ``ROW_FIELDS`` order, as the database would hold them,
    each comment as the digest the file carries (see ``file_comment``); the follow-up steps
    after them go to ``file.steps``."""
    path = file.path
    tags = ROW_FIELDS.index("tags")
    number = 1
    with open(path, encoding="utf-8") as handle:
        handle.readline()
        try:
            for line in handle:
                number += 1
                data = json.loads(line)
                if data.get("record") == "followup_step":
                    file.steps.append({name: data[name] for name in FOLLOWUP_FIELDS})
                    continue
                if file.version == 2:  # before merges: chains keyed by the PC's window id
                    data["window_number"], data["v"] = str(data["window_id"]), 2
                row = [data[name] for name in ROW_FIELDS]
                row[tags] = _dumps(row[tags])
                digest, text = data["comment_digest"], row[_COMMENT]
                # Masked text is tolerated: a merged row may hold a comment masked before.
                row[_COMMENT] = file_comment(text, digest, key, True)
                yield (*row, text, digest) if file.keep_comments else tuple(row)
        except UnicodeDecodeError:
            raise ChainBroken(f"{path} 含有无法识别的字符(不是 UTF-8 文本)。") from None
        except (ValueError, TypeError, KeyError, AttributeError):
            raise ChainBroken(
                f"{path} 第 {number} 行不是完整的评价记录(文件被截断或改动过)。"
            ) from None
