"""Backups with SQLite's online backup API (consistent even while the app is writing), checked
before they count, and a restore that keeps what it replaces and never rewinds a serial number.

Backups live in ``backups/`` beside the database: the daily automatic ones
(``window_assistant-YYYYMMDD-auto.db``, the only ones the rotation deletes), manual ones and the
safety copies a restore makes (``…-before-restore.db``). Each is one self-contained file
(journal mode DELETE), so checking it leaves no ``-wal``/``-shm`` beside it and copying it to a
USB stick takes everything.

Backup files are opened through ``file:`` URIs built by ``_uri`` (``Path.as_uri`` escapes ``#``,
``?``, ``%`` and spaces, which a hand-made ``file:{path}`` would read as URI syntax).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from window_assistant.cases.serials import format_serial
from window_assistant.errors import UserError
from window_assistant.paths import backup_dir
from window_assistant.settings import Settings
from window_assistant.sheets.model import SERIAL_CHARS
from window_assistant.store import files
from window_assistant.store.damage import DamagedDatabase, is_damage, quick_check
from window_assistant.store.database import MIGRATION_SET, SCHEMA_VERSION, Store
from window_assistant.vocab import SheetKind

PREFIX = "window_assistant-"
AUTO_SUFFIX = "-auto.db"
_AUTO = re.compile(rf"^{re.escape(PREFIX)}\d{{8}}{re.escape(AUTO_SUFFIX)}$")
_SIDE_FILES = ("-wal", "-shm", "-journal")


def _uri(path: Path, mode: str = "ro") -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


def _read_only(path: Path) -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(sqlite3.connect(_uri(path), uri=True, timeout=10))


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _remove(path: Path) -> None:
    """Remove ``path`` and any journal SQLite left beside it (a stale one would be replayed)."""
    for p in (path, *(_beside(path, s) for s in _SIDE_FILES)):
        p.unlink(missing_ok=True)


class _Unusable(Exception):
    """Why a file cannot serve as a 窗口助手 database; ``damaged`` if its pages are bad."""

    def __init__(self, reason: str, damaged: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.damaged = damaged


def _verify(path: Path, schema: bool = True) -> int:
    """The schema version of the intact database at ``path``; raises ``_Unusable`` unless it
    passes ``integrity_check`` and (with ``schema``) is a 窗口助手 database this version reads."""
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise _Unusable("不是 SQLite 数据库文件(文件头不对:已损坏,或是别的文件)", True)
    try:
        with _read_only(path) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            if [r[0] for r in rows] != ["ok"]:
                raise _Unusable(f"已损坏(integrity_check:{rows[0][0]})", True)
            if not schema:
                return 0
            applied = conn.execute(
                "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            ).fetchone()[0]
            conn.execute("SELECT count(*) FROM items").fetchone()
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise _Unusable(f"已损坏({exc})", True) from exc
        raise _Unusable(f"不是窗口助手的数据库({exc})") from exc
    if applied == 0:
        raise _Unusable("不是窗口助手的数据库")
    if applied > SCHEMA_VERSION:
        raise _Unusable(f"来自更新版本的窗口助手(结构版本 {applied}),请先升级本程序")
    return int(applied)


def _copy(src: sqlite3.Connection, dest_path: Path, src_path: Path, schema: bool = True) -> None:
    """Copy ``src`` into a temporary file beside ``dest_path``, check the copy, then rename:
    never half a file, and never a copy of damaged pages that looks like a backup.

    The backup API copies pages without reading them, so a damaged source gives a damaged copy
    without any error: the check on the copy is what notices (and says the source is damaged).
    """
    tmp = _beside(dest_path, ".part")
    try:
        files.private_dir(dest_path.parent)
        _remove(tmp)
        files.private_file(tmp)  # the copy of the database is the owner's only, like it
        with contextlib.closing(sqlite3.connect(str(tmp))) as dest:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
        _verify(tmp, schema)
        os.replace(tmp, dest_path)
    except _Unusable as exc:
        _remove(tmp)
        if exc.damaged:
            raise DamagedDatabase(src_path, exc.reason, "备份没有完成:") from exc
        raise UserError(f"备份没有完成:数据库 {src_path} 的副本{exc.reason}。") from exc
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            _remove(tmp)
        if is_damage(exc):
            raise DamagedDatabase(src_path, str(exc), "备份没有完成:") from exc
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UserError(
            f"无法写入备份文件 {dest_path}:{reason}。请检查磁盘空间和权限;原数据库未受影响。"
        ) from exc


def backup(store: Store, dest: str | Path | None = None) -> Path:
    """Write a checked, consistent copy of the database; the default name carries the date and
    time. Raises ``DamagedDatabase`` (and writes nothing) if the database is damaged."""
    if dest is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = backup_dir(store.path) / f"{PREFIX}{stamp}.db"
    dest = Path(dest)
    if dest.resolve() == store.path.resolve():
        raise UserError("备份文件不能与数据库文件相同。")
    _copy(store.conn, dest, store.path)
    return dest


def daily_backup(store: Store, keep: int = 14, today: date | None = None) -> Path | None:
    """Make today's automatic backup unless one exists; keep only the newest ``keep`` automatic
    ones. Manual backups and the safety copies of restores are never deleted here."""
    today = today or date.today()
    folder = backup_dir(store.path)
    todays = folder / f"{PREFIX}{today.strftime('%Y%m%d')}{AUTO_SUFFIX}"
    made = None if todays.exists() else backup(store, todays)
    automatic = sorted(p for p in folder.glob(f"{PREFIX}*{AUTO_SUFFIX}") if _AUTO.match(p.name))
    for old in automatic[: max(0, len(automatic) - keep)]:
        with contextlib.suppress(OSError):
            old.unlink()
    return made


def check_backup(path: str | Path) -> int:
    """Raise UserError unless ``path`` is an intact 窗口助手 database; return its schema version."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到备份文件:{path}")
    try:
        return _verify(path)
    except _Unusable as exc:
        raise UserError(f"备份文件 {path} {exc.reason},不能用于恢复。") from exc


def backups(db_path: Path) -> list[Path]:
    """The backup files in the database's backup folder, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = [(p.stat().st_mtime, p) for p in folder.glob("*.db") if p.is_file()]
    return [p for _, p in sorted(found, reverse=True)]


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup of ``db_path`` that passes ``check_backup``, if any."""
    for candidate in backups(db_path):
        try:
            check_backup(candidate)
        except (UserError, OSError):
            continue
        return candidate
    return None


# -- restore ---------------------------------------------------------------------------------
_KINDS = frozenset(kind.value for kind in SheetKind)
_KIND_OF_CHAR = {char: kind.value for kind, char in SERIAL_CHARS.items()}  # before 0005_codes


@dataclass
class _Issued:
    """The serial numbers some database file shows were issued."""

    last: dict[tuple[str, int], int] = field(default_factory=dict)  # (kind, year) → number
    cases: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # serial → kind, year, n
    readable: bool = False

    def note(self, kind: str, year: int, number: int) -> None:
        kind = _KIND_OF_CHAR.get(kind, kind)
        if kind in _KINDS:
            self.last[(kind, year)] = max(self.last.get((kind, year), 0), number)

    def merge(self, other: _Issued) -> None:
        for (kind, year), number in other.last.items():
            self.note(kind, year, number)
        self.cases.update(other.cases)
        self.readable = self.readable or other.readable


_MAGIC = b"SQLite format 3\x00"


def _with_header(path: Path) -> Path | None:
    """A copy of ``path`` with a rebuilt 100-byte header, if its own was wiped, for reading.

    Everything past the header is intact then. The page size is the one whose page 1 begins,
    after the header, with a table b-tree page; the rest of the header is what this app's
    databases have (UTF-8, schema format 4, no reserved bytes), WAL if a ``-wal`` was kept."""
    with path.open("rb") as fh:
        head = fh.read(101)
    size = path.stat().st_size
    if head[:16] == _MAGIC or len(head) < 101 or head[100] not in (0x05, 0x0D):
        return None
    page = next((p for p in (4096, 1024, 2048, 8192, 16384, 32768, 65536) if size % p == 0), 0)
    if not page:
        return None
    wal = 2 if _beside(path, "-wal").exists() else 1
    header = bytearray(100)
    header[:16] = _MAGIC
    header[16:18] = (1 if page == 65536 else page).to_bytes(2, "big")
    header[18:24] = bytes([wal, wal, 0, 64, 32, 32])
    header[24:28] = header[92:96] = (1).to_bytes(4, "big")  # change counter = valid-for
    header[28:32] = (size // page).to_bytes(4, "big")
    header[40:48] = (1).to_bytes(4, "big") + (4).to_bytes(4, "big")  # schema cookie, format
    header[56:60] = (1).to_bytes(4, "big")  # UTF-8
    major, minor, patch = sqlite3.sqlite_version_info
    header[96:100] = (major * 1_000_000 + minor * 1000 + patch).to_bytes(4, "big")
    mended = _beside(path, ".mended")
    shutil.copyfile(path, mended)
    if wal == 2:
        shutil.copyfile(_beside(path, "-wal"), _beside(mended, "-wal"))
    with mended.open("r+b") as fh:
        fh.write(header)
    return mended


def _read_issued(path: Path) -> _Issued:
    """What ``path`` shows was issued, read as far as it can be: a damaged file may give part
    of it, or nothing; one whose header was wiped is read through a copy with a new header."""
    try:
        mended = _with_header(path)
    except OSError:
        mended = None
    if mended is not None:
        try:
            return _read_issued(mended)
        finally:
            _remove(mended)
    issued = _Issued()
    with contextlib.suppress(sqlite3.Error, OSError), _read_only(path) as conn:
        for kind, year, last in conn.execute("SELECT kind, year, last FROM serials"):
            issued.note(str(kind), int(year), int(last))
        for serial, kind, year, number in conn.execute(
            "SELECT serial, kind, year, number FROM cases"
        ):
            issued.note(str(kind), int(year), int(number))
            issued.cases[str(serial)] = (str(kind), int(year), int(number))
        issued.readable = True
    return issued


@dataclass
class RestoreResult:
    """What a restore did, for the message and the audit log."""

    safety: Path | None  # the replaced database, kept (None: there was none)
    damaged: bool  # the replaced database was damaged (kept as its bytes were)
    replaced_read: bool  # whether its cases and counters could be read
    missing: list[str]  # serials issued (as far as known) that the restored one lacks
    carried: list[tuple[str, int, int, int]]  # (kind, year, restored last, carried-forward last)

    def lines(self, limit: int | None = None) -> list[str]:
        """The outcome in Chinese, one point a line; ``limit`` caps the serials listed."""
        out = []
        if self.safety is not None:
            kept = "损坏的数据库文件已原样另存为" if self.damaged else "恢复前的数据库已另存为"
            out.append(f"{kept} {self.safety}")
        if self.safety is not None and not self.replaced_read:
            out.append(
                "被替换的文件只能部分读出或无法读出:缺少的办件按能读出的编号和备份文件夹中的"
                "其他备份推算,可能不全,请核对最近发出的纸质材料的编号。"
            )
        if self.missing:
            shown = self.missing[:limit] if limit else self.missing
            more = f" 等,共 {len(self.missing)} 件" if len(shown) < len(self.missing) else ""
            out.append(
                f"恢复的备份缺少 {len(self.missing)} 件备份之后登记的办件(它们的编号已用过,"
                f"不会再发):{'、'.join(shown)}{more}"
            )
        else:
            out.append("恢复的备份不缺少办件(缺少 0 件)。")
        for kind, year, old, new in self.carried:
            label = SheetKind.of(kind).label
            out.append(
                f"编号接续:{label} {year} 年的编号从 {old} 接续到 {new},下一件为 {new + 1}。"
            )
        return out


def _state(db_path: Path) -> str:
    """ "missing", "ok" or "damaged": read-only, so a damaged file is not touched."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return "missing"
    try:
        with _read_only(db_path) as conn:
            return "ok" if quick_check(conn) is None else "damaged"
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return "damaged"
        raise UserError(f"无法读取数据库文件 {db_path}:{exc}。请检查路径和权限。") from exc


def _keep_bytes(db_path: Path, safety: Path) -> None:
    """Keep a damaged database (with its journal) as it is: its bytes, not SQLite's reading of
    them, which is what fails on a damaged file."""
    safety.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-journal"):
        part = _beside(db_path, suffix)
        if part.exists():
            shutil.copyfile(part, _beside(safety, suffix))


def _carry_forward(restored: Store, issued: _Issued) -> list[tuple[str, int, int, int]]:
    """Raise the restored counters to what was issued: a serial on paper is never reissued."""
    before = {
        (str(k), int(y)): int(n)
        for k, y, n in restored.execute("SELECT kind, year, last FROM serials")
    }
    carried = []
    with restored.transaction():
        for (kind, year), number in sorted(issued.last.items()):
            old = before.get((kind, year), 0)
            if number > old:
                restored.execute(
                    "INSERT INTO serials (kind, year, last) VALUES (?, ?, ?) ON CONFLICT"
                    " (kind, year) DO UPDATE SET last = max(last, excluded.last)",
                    [kind, year, number],
                )
                carried.append((kind, year, old, number))
    return carried


def _missing(
    restored: Store, issued: _Issued, carried: list[tuple[str, int, int, int]]
) -> list[str]:
    """Serials issued that the restored file lacks: the cases read from the replaced file, and
    every number a counter was carried over (numbers are only ever taken by a case), in the
    centre's current format when the case itself could not be read."""
    present = {
        (str(k), int(y), int(n))
        for k, y, n in restored.execute("SELECT kind, year, number FROM cases")
    }
    lacking = {ref: serial for serial, ref in issued.cases.items() if ref not in present}
    abbrev = Settings(restored).centre_abbrev
    for kind, year, old, new in carried:
        if kind == SheetKind.RECEIPT:  # a case's 收件回执: carried forward, but not a case
            continue
        for number in range(old + 1, new + 1):
            if (kind, year, number) not in lacking:
                lacking[(kind, year, number)] = format_serial(abbrev, kind, year, number)
    return [lacking[ref] for ref in sorted(lacking, key=lambda r: (r[1], r[0], r[2]))]


def restore(db_path: str | Path, src: str | Path) -> RestoreResult:
    """Replace the database at ``db_path`` with the backup ``src`` after checking it.

    The database being replaced is kept beside the backups (``…-before-restore.db``): a healthy
    one as a checked copy, a damaged one as its bytes. The serial counters of the restored file
    are carried forward to the highest numbers the replaced file and the other backups show
    were issued. The restored file is prepared completely (migrated, counters carried) beside the
    database before it takes its place, so an interrupted restore leaves the old file as it was.
    """
    db_path, src = Path(db_path), Path(src)
    if src.exists() and db_path.exists() and src.resolve() == db_path.resolve():
        raise UserError("备份文件不能是要恢复的数据库文件本身。")
    check_backup(src)
    state = _state(db_path)
    safety = None
    if state != "missing":
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        safety = backup_dir(db_path) / f"{PREFIX}{stamp}-before-restore.db"
        if state == "ok":
            with contextlib.closing(sqlite3.connect(str(db_path), timeout=10)) as current:
                _copy(current, safety, db_path, schema=False)
        else:
            _keep_bytes(db_path, safety)
    replaced = _read_issued(safety) if safety is not None else _Issued()
    others = _Issued()
    for other in backups(db_path):
        if other != safety:
            others.merge(_read_issued(other))
    issued = _Issued()  # the counters: the highest number any of them shows
    issued.merge(others)
    issued.merge(replaced)
    # The cases the restored file lacks are the replaced file's; the other backups stand in
    # only when it cannot be read.
    issued.cases = replaced.cases if replaced.readable else others.cases

    prepared = _beside(db_path, ".restoring")
    try:
        _remove(prepared)
        with (
            _read_only(src) as source,
            contextlib.closing(sqlite3.connect(str(prepared))) as dest,
        ):
            source.backup(dest)
        with Store(prepared) as restored:  # brings an older backup up to the current schema
            carried = _carry_forward(restored, issued)
            missing = _missing(restored, issued, carried)
            restored.execute("PRAGMA journal_mode = DELETE")  # all in the one file now
        if state == "ok":
            with (
                contextlib.closing(sqlite3.connect(str(prepared))) as ready,
                contextlib.closing(sqlite3.connect(str(db_path), timeout=10)) as dest,
            ):
                ready.backup(dest)  # under SQLite's lock: another open connection sees it whole
            _remove(prepared)
        else:
            for suffix in _SIDE_FILES:  # the damaged file's journal must not meet the new file
                _beside(db_path, suffix).unlink(missing_ok=True)
            os.replace(prepared, db_path)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            _remove(prepared)
        kept = f"原数据库的副本在 {safety}。" if safety else ""
        raise UserError(f"恢复失败:{exc}。{kept}") from exc
    return RestoreResult(safety, state == "damaged", replaced.readable, missing, carried)
