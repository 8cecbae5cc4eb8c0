"""Reading the rating log as it grows: who sees which ratings, and what is new since last asked.

A window shows the ratings the rating page (in its own process or another) has just recorded.
``RatingWatch.new_ratings`` answers "anything new?" without reading the table each time:
SQLite's ``PRAGMA data_version`` changes for a connection only when *another* connection has
committed to the file, and reading it costs no disk I/O in WAL mode (it compares a counter in
the WAL index, which lives in shared memory); the connection's own writes (the counter's pad
records through the window's connection) move its ``total_changes``, an in-memory counter. Only
when either has moved is the table asked for the rows past the newest one seen, by primary key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from window_assistant.errors import UserError
from window_assistant.permissions import Action, allowed
from window_assistant.ratings.log import (
    BAD_LEVELS,
    ROW_FIELDS,
    Rating,
    _rating,
    list_ratings,
    mask_numbers,
    newest_first,
)
from window_assistant.vocab import FollowUpStep, RatingChannel, RatingLevel

if TYPE_CHECKING:
    from window_assistant.permissions import Actor
    from window_assistant.services import Services

SHOWN = 500  # newest ratings a list shows: a busy window's month


def visible_window(actor: Actor, window: str | None) -> str | None:
    """The window whose ratings ``actor`` sees: all (None) for a supervisor, else only
    ``window`` (a number), the window of the counter they sit at."""
    return None if allowed(actor, Action.VIEW_ALL_RATINGS) else window


def visible_ratings(
    services: Services, actor: Actor, window: str | None, limit: int = SHOWN
) -> list[Rating]:
    """Newest first, masked as ``list_ratings`` masks them, as far as ``actor`` may see."""
    return list_ratings(services, window=visible_window(actor, window), limit=limit)


def data_version(services: Services) -> tuple[int, int]:
    """Moves when any connection, this one included, may have written: ``PRAGMA
    data_version`` (other connections' commits) and this connection's ``total_changes``."""
    other = int(services.store.execute("PRAGMA data_version").fetchone()[0])
    return other, services.store.conn.total_changes


def newest_rating_id(services: Services) -> int:
    row = services.store.execute("SELECT coalesce(max(id), 0) FROM ratings").fetchone()
    return int(row[0])


class RatingWatch:
    """Ratings recorded since the watch was made (or last asked), each reported once."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self._version = data_version(services)
        self._seen = newest_rating_id(services)

    def new_ratings(self) -> list[Rating]:
        """Oldest first, comments masked; empty, at the cost of one PRAGMA, when nothing has been
        committed since the last call."""
        version = data_version(self.services)
        if version == self._version:
            return []
        self._version = version
        rows = self.services.store.execute(
            f"SELECT id, {', '.join(ROW_FIELDS)} FROM ratings WHERE id > ? ORDER BY id",
            [self._seen],
        ).fetchall()
        if rows:
            self._seen = int(rows[-1][0])
        ratings = [_rating(row[1:]) for row in rows]
        for rating in ratings:
            rating.comment = mask_numbers(rating.comment)
        return ratings


@dataclass(frozen=True)
class RatingQuery:
    """The filters of 评价记录; each left empty (None) does not narrow."""

    date_from: date | None = None
    date_to: date | None = None
    window: str | None = None  # the window's number
    clerk: str | None = None  # login
    item: str | None = None  # item code
    level: RatingLevel | None = None
    channel: RatingChannel | None = None
    has_comment: bool | None = None


def visible_clerk(actor: Actor) -> str | None:
    """Whose ratings ``actor`` sees in the filtered log: a clerk their own cases' (issue 10 §3),
    a supervisor everyone's (None)."""
    return None if allowed(actor, Action.VIEW_ALL_RATINGS) else actor.login


def query_ratings(
    services: Services, actor: Actor, query: RatingQuery, limit: int = SHOWN
) -> list[Rating]:
    """Newest first, comments masked, narrowed by ``query`` and by what ``actor`` may see: a
    clerk's own ratings only, whatever clerk the query names."""
    if query.date_from and query.date_to and query.date_to < query.date_from:
        raise UserError(
            f"评价记录的起止日期颠倒了:从 {query.date_from.isoformat()} 到"
            f" {query.date_to.isoformat()}。"
        )
    where, params = ["1 = 1"], []  # type: list[str], list[Any]
    own = visible_clerk(actor)
    for column, value in (
        ("clerk_login", own),
        ("clerk_login", query.clerk),
        ("window_number", query.window),
        ("item_code", query.item),
        ("level", query.level.value if query.level else None),
        ("channel", query.channel.value if query.channel else None),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if query.date_from:
        where.append("at >= ?")
        params.append(query.date_from.isoformat())
    if query.date_to:
        where.append("substr(at, 1, 10) <= ?")
        params.append(query.date_to.isoformat())
    if query.has_comment is not None:
        where.append("comment != ''" if query.has_comment else "comment = ''")
    return newest_first(services, where, params, limit)


@dataclass(frozen=True)
class RatingChoices:
    """What the filters offer: the windows, clerks and items found in the ratings ``actor``
    sees, as (key, label) pairs sorted by label."""

    windows: list[tuple[str, str]]
    clerks: list[tuple[str, str]]
    items: list[tuple[str, str]]


def rating_choices(services: Services, actor: Actor) -> RatingChoices:
    own = visible_clerk(actor)
    where, params = ("WHERE clerk_login = ?", [own]) if own is not None else ("", [])

    def pairs(key: str, label: str) -> list[Any]:
        sql = f"SELECT DISTINCT {key}, {label} FROM ratings {where} ORDER BY 2, 1"
        return [(k, v) for k, v in services.store.execute(sql, params)]

    return RatingChoices(
        pairs("window_number", "window_name"),
        [(k, f"{v}({k})") for k, v in pairs("clerk_login", "clerk_name")],
        pairs("item_code", "item_name"),
    )


def bad_tags(
    services: Services, date_from: date, date_to: date, *, clerk: str | None = None
) -> dict[str, int]:
    """差评 per reason tag, most first, for ratings given from ``date_from`` to ``date_to``
    (inclusive; ``clerk`` keeps one clerk's): a rating with two tags counts under each, and a
    差评 whose appeal was upheld (the last 申诉复核 decides) is left out, as in
    ``ratings.stats``."""
    levels = ", ".join(f"'{level.value}'" for level in BAD_LEVELS)
    where, params = "", [date_from.isoformat(), date_to.isoformat()]
    if clerk is not None:
        where, params = " AND r.clerk_login = ?", [*params, clerk]
    decision = FollowUpStep.APPEAL_DECISION.value
    rows = services.store.execute(
        "SELECT t.value, count(*) FROM ratings r, json_each(r.tags) t"
        f" WHERE r.level IN ({levels}) AND substr(r.at, 1, 10) BETWEEN ? AND ?{where}"
        " AND coalesce((SELECT json_extract(s.detail, '$.upheld') FROM followup_steps s"
        "   WHERE s.window_number = r.window_number AND s.case_serial = r.case_serial"
        "   AND s.step = ? ORDER BY s.id DESC LIMIT 1), 0)"
        " = 0 GROUP BY 1 ORDER BY 2 DESC, 1",
        [*params, decision],
    )
    return {tag: n for tag, n in rows}
