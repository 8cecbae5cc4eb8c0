"""The database's files on disk: which they are, that only their owner may read them, and that
nothing in this process but SQLite ever opens them.

POSIX record locks belong to a process and a file: closing ANY descriptor of the database file
(or of its -wal or -shm) drops every lock SQLite holds on it in this process, even one opened
only to read a few bytes. Another program then takes itself for the last user, checkpoints and
deletes the WAL this process is still writing to, and the file ends up malformed (issue 8: a
file dialog guessing the files' types did exactly that). SQLite keeps its own descriptors safe,
so the rule is that nothing else opens them:

- Python code: an audit hook, installed when the first ``Store`` opens, refuses any ``open``
  of a database file a ``Store`` of this process has open (``LiveDatabaseFile``, a UserError),
  whoever asks: our code, a library, a path the user typed.
- Qt's file dialogs (C++, out of the hook's sight) go through ``ui/file_dialogs.py``, whose
  model never reads a file's content and never lists database files (``is_database_name``).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import threading
from pathlib import Path

from window_assistant.errors import UserError

# What SQLite keeps beside a database file while it is in use.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")

# Names that are (or belong to) a database: hidden in our file dialogs wherever they are.
_DATABASE_NAME = re.compile(r"(\.(db|sqlite|sqlite3)(\.part)?|-wal|-shm|-journal)$", re.IGNORECASE)

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


class LiveDatabaseFile(UserError):
    """Something in this process tried to open a database file a Store has open."""


def database_files(db_path: Path) -> list[Path]:
    """The database file and the companions SQLite may create beside it."""
    return [db_path, *(db_path.with_name(db_path.name + s) for s in COMPANION_SUFFIXES)]


def is_database_name(name: str) -> bool:
    """Whether a file name looks like a database or one of its companions (``*.db``,
    ``*-wal`` …), or is a file of a database open in this process."""
    return bool(_DATABASE_NAME.search(name)) or name in _live_names


# -- the files open in this process ----------------------------------------------------------
_lock = threading.Lock()
_live: dict[str, int] = {}  # real path of each open Store's files → how many Stores have it
_live_names: frozenset[str] = frozenset()  # their base names: the cheap test first
_live_inodes: frozenset[tuple[int, int]] = frozenset()  # and what they are under other names
_hook_installed = False


def _refresh() -> None:
    global _live_names, _live_inodes
    _live_names = frozenset(os.path.basename(p) for p in _live)
    inodes = set()
    for path in _live:
        with contextlib.suppress(OSError):
            st = os.stat(path)
            inodes.add((st.st_dev, st.st_ino))
    _live_inodes = frozenset(inodes)


def opened(db_path: Path) -> None:
    """A Store of this process has ``db_path`` open: from now on nothing else may open it."""
    global _hook_installed
    with _lock:
        for path in database_files(db_path):
            key = os.path.realpath(path)
            _live[key] = _live.get(key, 0) + 1
        _refresh()
        if not _hook_installed:
            sys.addaudithook(_refuse_opening_live_files)
            _hook_installed = True


def closed(db_path: Path) -> None:
    with _lock:
        for path in database_files(db_path):
            key = os.path.realpath(path)
            left = _live.get(key, 0) - 1
            if left > 0:
                _live[key] = left
            else:
                _live.pop(key, None)
        _refresh()


def is_live(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a file of a database a Store of this process has open: by its name,
    or, under another name (a link), by what it is."""
    if os.path.basename(os.fspath(path)) in _live_names:
        return os.path.realpath(path) in _live
    if not _live_inodes:
        return False
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False  # a file about to be created is nobody's database
    return (st.st_dev, st.st_ino) in _live_inodes


def live_folders() -> set[Path]:
    """The folders of the databases this process has open (file dialogs start elsewhere)."""
    with _lock:
        return {Path(p).parent for p in _live}


def _refuse_opening_live_files(event: str, args: tuple[object, ...]) -> None:
    if event != "open" or not args:
        return
    path = args[0]
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if isinstance(path, (str, os.PathLike)) and is_live(path):
        raise LiveDatabaseFile(
            f"「{os.fspath(path)}」是窗口助手正在使用的数据库文件,不能作为普通文件打开"
            "(那样会破坏数据库)。请选择其他文件;要备份或恢复数据库,请用备份和恢复功能。"
        )


# -- owner-only files ------------------------------------------------------------------------
def private_dir(path: Path) -> None:
    """Create ``path`` and any missing parents readable by the owner only (0700 whatever the
    umask); folders that already exist are left as they are (e.g. ``--db /tmp/x.db``)."""
    missing = []
    while not path.exists():
        missing.append(path)
        if path.parent == path:
            break
        path = path.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue  # another program made it meanwhile
        _chmod(folder, PRIVATE_DIR)


def private_file(path: Path) -> None:
    """Create ``path`` empty and owner-only if it does not exist yet (SQLite gives the -wal and
    -shm the database file's mode); make an existing one owner-only."""
    if path.exists():
        _chmod(path, PRIVATE_FILE, only_if_mine=True)
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return  # another program created it meanwhile
    try:
        if os.name != "nt":
            os.fchmod(fd, PRIVATE_FILE)  # the umask may have taken bits away, never added
    finally:
        os.close(fd)


def private_database(db_path: Path) -> None:
    """The folder, the database file and the companions already beside it, owner-only."""
    private_dir(db_path.parent)
    private_file(db_path)
    for companion in database_files(db_path)[1:]:
        if companion.exists():
            _chmod(companion, PRIVATE_FILE, only_if_mine=True)


def _chmod(path: Path, mode: int, only_if_mine: bool = False) -> None:
    if os.name == "nt":
        return  # Windows: the folder's ACL decides (see README, Data)
    try:
        if only_if_mine:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid():
                return  # a folder given as --db, or another user's file: not ours to change
            if st.st_mode & 0o777 == mode:
                return
        os.chmod(path, mode)
    except OSError:
        pass  # not ours to change: SQLite will say if it cannot use the file
