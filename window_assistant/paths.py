"""Where things live: the user's data directory, backups, and the bundled data files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable

APP_NAME = "window-assistant"
DB_ENV = "WINDOW_ASSISTANT_DB"


def default_db_path() -> Path:
    """``$WINDOW_ASSISTANT_DB`` if set, else ``<user data dir>/window-assistant/window_assistant.db``."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "window_assistant.db"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def catalog_file(name: str) -> Traversable:
    """A file shipped in the ``catalog`` package (works from a wheel or a source tree)."""
    from importlib import resources

    return resources.files("catalog") / name


BUNDLED_CATALOG = "tiexi_catalog.json"


def check_output_file(path: Path, example: str, *, folder_ok: bool = False) -> Path:
    """``path`` if a file (or, with ``folder_ok``, a folder) can be created there, else
    UserError saying what to change: checked before any work, so a typo in a folder name costs
    one clear message and nothing else. ``example`` is a file name for the advice."""
    from window_assistant.errors import UserError

    path = Path(path)
    if path.is_dir() and not folder_ok:
        raise UserError(f"{path} 是一个文件夹,请给出文件名,例如 {path / example}。")
    if not path.parent.is_dir():
        raise UserError(f"文件夹 {path.parent} 不存在,请先创建或换一个位置。")
    return path
