"""What the sign-in dialog shows, read before the rest of the core is loaded.

The window shows its sign-in dialog as soon as Qt is up, and loads the core, opens the database
and builds the clerk's screen while the clerk types (``main.run``, ``ui/signin/prepare.py``).
The dialog needs four facts from the database: whether the first-run set-up was done, the
language, the centre's name and this PC's window. This module reads them with nothing but
``sqlite3`` and ``json``, through a read-only connection that never writes to the database
(SQLite may create the empty -wal and -shm files every reader of a WAL database needs) and is
closed before the database is opened for real.

Anything unusual (no file, not a database, a damaged page, a missing table, a value of the
wrong type, the set-up not done, no such window, the file open in this process already) gives
``None``: the caller then takes the
ordinary path, which opens the database first and says what is wrong. The database is
checked in full when it is opened, a moment after the dialog shows.

The defaults here are the settings' own (``window_assistant.settings`` uses them).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import NamedTuple

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
LANGUAGE_DEFAULT = "zh_CN"
# Unambiguous on paper: Shenyang and Siping have a 铁西区 too (issue 11 §2).
CENTRE_NAME_DEFAULT = "鞍山市铁西区政务服务中心"
CURRENT_WINDOW_DEFAULT = 1

_KEYS = ("setup.completed", "ui.language", "centre.name", "window.current")


def window_label(number: str, name: str) -> str:
    """「3号综合窗口」, or 「A3 综合窗口」 when the name does not already carry the number."""
    return name if number in name else f"{number} {name}"


class SignInFacts(NamedTuple):  # not a dataclass: ``dataclasses`` costs ~10 ms to import
    language: str
    centre_name: str
    window_label: str


def sign_in_facts(path: str | Path) -> SignInFacts | None:
    """The sign-in dialog's facts of the set-up database at ``path``, or None (see above)."""
    path = Path(path)
    # Open here already (only if a Store was ever opened is ``files`` loaded): closing a second
    # connection would drop the locks the open one holds.
    files = sys.modules.get("window_assistant.store.files")
    if not path.is_file() or (files is not None and files.is_live(path)):
        return None
    try:
        # mode=ro: never creates the database or writes to it. The process holds no other
        # connection yet, so closing this one drops no lock of ours (POSIX locks are per
        # process and go with any descriptor of the file that is closed).
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    except (sqlite3.Error, ValueError):
        return None
    try:
        rows = conn.execute(
            f"SELECT key, value FROM settings WHERE key IN ({', '.join('?' * len(_KEYS))})",
            _KEYS,
        ).fetchall()
        values = {key: json.loads(value) for key, value in rows}
        window_id = values.get("window.current", CURRENT_WINDOW_DEFAULT)
        if values.get("setup.completed") is not True or type(window_id) is not int:
            return None
        window = conn.execute(
            "SELECT number, name FROM windows WHERE id = ?", [window_id]
        ).fetchone()
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()
    language = values.get("ui.language", LANGUAGE_DEFAULT)
    centre = values.get("centre.name", CENTRE_NAME_DEFAULT)
    if (
        window is None
        or language not in LANGUAGES
        or not isinstance(centre, str)
        or not all(isinstance(part, str) for part in window)
    ):
        return None
    return SignInFacts(language, centre, window_label(*window))
