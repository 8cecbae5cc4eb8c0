"""Backups with SQLite's online backup API (consistent even while the app is writing) and a
checked restore that keeps a copy of the database it replaces."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import date, datetime
from pathlib import Path

from window_assistant.errors import UserError
from window_assistant.paths import backup_dir
from window_assistant.store import files
from window_assistant.store.database import MIGRATION_SET, SCHEMA_VERSION, Store

PREFIX = "window_assistant-"


def _copy(src: sqlite3.Connection, dest_path: Path) -> None:
    """Copy ``src`` into a temporary file beside ``dest_path``, then rename: never half a file."""
    tmp = dest_path.with_name(dest_path.name + ".part")
    try:
        files.private_dir(dest_path.parent)
        files.private_file(tmp)  # the copy of the database is the owner's only, like it
        with contextlib.closing(sqlite3.connect(str(tmp))) as dest:
            src.backup(dest)
        os.replace(tmp, dest_path)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UserError(
            f"无法写入备份文件 {dest_path}:{reason}。请检查磁盘空间和权限;原数据库未受影响。"
        ) from exc


def backup(store: Store, dest: str | Path | None = None) -> Path:
    """Write a consistent copy of the database; default name carries the date and time."""
    if dest is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = backup_dir(store.path) / f"{PREFIX}{stamp}.db"
    dest = Path(dest)
    if dest.resolve() == store.path.resolve():
        raise UserError("备份文件不能与数据库文件相同。")
    _copy(store.conn, dest)
    return dest


def daily_backup(store: Store, keep: int = 14, today: date | None = None) -> Path | None:
    """Make today's automatic backup unless one exists; keep only the newest ``keep``."""
    today = today or date.today()
    folder = backup_dir(store.path)
    tag = today.strftime("%Y%m%d")
    existing = sorted(folder.glob(f"{PREFIX}*.db")) if folder.exists() else []
    made = None
    if not any(p.name.startswith(f"{PREFIX}{tag}") for p in existing):
        made = backup(store, folder / f"{PREFIX}{tag}-auto.db")
        existing = sorted(folder.glob(f"{PREFIX}*.db"))
    for old in existing[: max(0, len(existing) - keep)]:
        with contextlib.suppress(OSError):
            old.unlink()
    return made


def check_backup(path: str | Path) -> int:
    """Raise UserError unless ``path`` is an intact 窗口助手 database; return its schema version."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到备份文件:{path}")
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise UserError(f"{path} 不是 SQLite 数据库文件,不能用于恢复。")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise UserError(f"备份文件 {path} 已损坏(integrity_check: {result}),不能用于恢复。")
            applied = conn.execute(
                "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            ).fetchone()[0]
            conn.execute("SELECT count(*) FROM items").fetchone()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{path} 不是窗口助手的数据库({exc}),不能用于恢复。") from exc
    if applied == 0:
        raise UserError(f"{path} 不是窗口助手的数据库,不能用于恢复。")
    if applied > SCHEMA_VERSION:
        raise UserError(f"备份 {path} 来自更新版本的窗口助手(结构版本 {applied}),请先升级本程序。")
    return applied


def restore(db_path: str | Path, src: str | Path) -> Path | None:
    """Replace the database at ``db_path`` with the backup ``src`` after checking it.

    The database being replaced is first saved beside the backups (``…-before-restore.db``),
    so a restore can itself be undone. Returns that safety copy's path, if one was made.
    """
    db_path, src = Path(db_path), Path(src)
    check_backup(src)
    safety = None
    if db_path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        safety = backup_dir(db_path) / f"{PREFIX}{stamp}-before-restore.db"
        with contextlib.closing(sqlite3.connect(str(db_path))) as current:
            _copy(current, safety)
    try:
        with (
            contextlib.closing(sqlite3.connect(f"file:{src}?mode=ro", uri=True)) as source,
            contextlib.closing(sqlite3.connect(str(db_path), timeout=10)) as dest,
        ):
            source.backup(dest)
    except sqlite3.Error as exc:
        raise UserError(f"恢复失败:{exc}。原数据库的副本在 {safety}。") from exc
    # Bring an older backup up to the current schema now rather than at the next start.
    Store(db_path).close()
    return safety
