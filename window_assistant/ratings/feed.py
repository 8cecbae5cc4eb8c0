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

from typing import TYPE_CHECKING

from window_assistant.permissions import Action, allowed
from window_assistant.ratings.log import ROW_FIELDS, Rating, _rating, list_ratings, mask_numbers

if TYPE_CHECKING:
    from window_assistant.permissions import Actor
    from window_assistant.services import Services

SHOWN = 500  # newest ratings a list shows: a busy window's month


def visible_window(actor: Actor, window_id: int | None) -> int | None:
    """The window whose ratings ``actor`` sees: all (None) for a supervisor, else only
    ``window_id``, the window of the counter they sit at."""
    return None if allowed(actor, Action.VIEW_ALL_RATINGS) else window_id


def visible_ratings(
    services: Services, actor: Actor, window_id: int | None, limit: int = SHOWN
) -> list[Rating]:
    """Newest first, masked as ``list_ratings`` masks them, as far as ``actor`` may see."""
    return list_ratings(services, window_id=visible_window(actor, window_id), limit=limit)


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
