"""The audit log: who imported, exported or changed what, and when. Append-only (triggers)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from window_assistant.store.database import Store


@dataclass
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    detail: dict[str, Any]


class AuditLog:
    def __init__(self, store: Store) -> None:
        self.store = store

    def record(self, actor: str, action: str, **detail: Any) -> None:
        row = [
            datetime.now().isoformat(timespec="seconds"),
            actor,
            action,
            json.dumps(detail, ensure_ascii=False, default=str),
        ]
        insert = "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)"
        if self.store.conn.in_transaction:
            # Within the change it records (the usual case): one INSERT is all or nothing by
            # itself, and a savepoint round it would be two more statements under the lock.
            self.store.execute(insert, row)
            return
        with self.store.transaction() as db:
            db.execute(insert, row)

    def entries(self, limit: int = 200) -> list[AuditEntry]:
        rows = self.store.execute(
            "SELECT id, at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?", [limit]
        )
        return [AuditEntry(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]
