"""A damaged database file: how it is recognised and what the user is told to do about it.

SQLite reports damage as SQLITE_CORRUPT ("database disk image is malformed": garbage in a page,
a file cut short) or SQLITE_NOTADB ("file is not a database": a wiped header, another kind of
file). Reading does not find every damaged page, and the backup API copies pages without looking
at them, so a store is checked with ``PRAGMA quick_check`` when it is opened and every backup
with ``integrity_check`` (backup.py). The way out is always the same: restore the newest backup
that passes the check; the damaged file is kept aside, never deleted.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from window_assistant.errors import UserError
from window_assistant.paths import backup_dir

_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
# Python 3.10 has no ``sqlite_errorname``: the words of the same two errors.
_DAMAGE_WORDS = ("malformed", "not a database", "database corrupt")


def is_damage(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite saying the file itself is damaged (not busy, full or locked)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorname", "") or ""
    if code:
        return code.startswith(_DAMAGE_CODES)
    return any(words in str(exc) for words in _DAMAGE_WORDS)


def quick_check(conn: sqlite3.Connection) -> str | None:
    """None if ``PRAGMA quick_check`` finds nothing wrong, else its first finding.

    It reads every page (~0.5 ms per MB), which is what finds a damaged page nobody has read
    yet; a file too damaged to check at all raises the SQLite error instead."""
    rows = conn.execute("PRAGMA quick_check").fetchall()
    return None if [r[0] for r in rows] == ["ok"] else str(rows[0][0])


def _arg(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if any(c in text for c in " #&;()'") else text


class DamagedDatabase(UserError):
    """The database file is damaged. The message names the newest backup that passes the check
    and the command that restores it (or says that there is none); ``backup`` is that file."""

    def __init__(self, path: Path, detail: str, doing: str = "") -> None:
        from window_assistant.store.backup import newest_good_backup  # it imports the store

        self.path = Path(path)
        self.detail = detail.strip().splitlines()[0][:200] if detail.strip() else ""
        self.backup = newest_good_backup(self.path)
        head = f"{doing}数据库文件 {self.path} 已损坏,无法使用(SQLite 报告:{self.detail})。"
        if self.backup is None:
            way_out = (
                f"在 {backup_dir(self.path)} 中没有找到完好的备份。请不要删除或覆盖这个文件,"
                "把它交给系统管理员;如在别处有备份,可用 restore 命令恢复。"
            )
        else:
            made = datetime.fromtimestamp(self.backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            way_out = (
                f"请用最新的完好备份 {self.backup}(备份于 {made})恢复:\n"
                f"  python -m window_assistant --db {_arg(self.path)} restore {_arg(self.backup)}\n"
                "或重新启动窗口助手,在提示中选择恢复。损坏的文件会原样另存到备份文件夹,不会删除;"
                "备份之后登记的办件不在备份里,恢复时会列出它们的编号,这些编号不会再发。"
            )
        super().__init__(head + "\n" + way_out)
