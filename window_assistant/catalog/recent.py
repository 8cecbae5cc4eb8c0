"""The items and bundles each window used recently, kept in the store so they survive restarts.

Search moves them up among equally good matches: a window that handles mostly 社保 sees its
社保 items first.
"""

from __future__ import annotations

from datetime import datetime

from window_assistant.store.database import Store

KEEP_PER_WINDOW = 100  # older entries are forgotten so the table stays small


class RecentUses:
    """This installation's recently used items per window (table ``recent_items``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def record(self, window_id: int, kind: str, code: str) -> None:
        """Note that ``window_id`` just used the item or bundle ``code``."""
        if kind not in ("item", "bundle"):
            raise ValueError(f"unknown kind {kind!r}")
        now = datetime.now().isoformat(timespec="microseconds")
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO recent_items (window_id, kind, code, used_at, uses)"
                " VALUES (?, ?, ?, ?, 1)"
                " ON CONFLICT (window_id, kind, code)"
                " DO UPDATE SET used_at = excluded.used_at, uses = uses + 1",
                [window_id, kind, code, now],
            )
            db.execute(
                "DELETE FROM recent_items WHERE window_id = ? AND rowid NOT IN"
                " (SELECT rowid FROM recent_items WHERE window_id = ?"
                "  ORDER BY used_at DESC LIMIT ?)",
                [window_id, window_id, KEEP_PER_WINDOW],
            )

    def recent(self, window_id: int, limit: int = 30) -> list[tuple[str, str]]:
        """(kind, code) pairs, most recently used first."""
        rows = self.store.execute(
            "SELECT kind, code FROM recent_items WHERE window_id = ?"
            " ORDER BY used_at DESC, uses DESC LIMIT ?",
            [window_id, limit],
        )
        return [(kind, code) for kind, code in rows]

    def uses(self, window_id: int, kind: str, code: str) -> int:
        """How many times the window used this entry (0 if never or long ago)."""
        row = self.store.execute(
            "SELECT uses FROM recent_items WHERE window_id = ? AND kind = ? AND code = ?",
            [window_id, kind, code],
        ).fetchone()
        return int(row[0]) if row else 0
