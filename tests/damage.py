"""Real damage to a closed database file, as disks and people do it: garbage over pages, a file
cut in half, a wiped header, another kind of file under the database's name."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

PAGE = 4096


def garble_pages(path: Path) -> None:
    """Random bytes over three pages of the ``cases`` table's b-tree (a page only reading the
    cases would notice, so commands that never list cases must notice it from the check)."""
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'cases'").fetchone()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    noise = random.Random(8).randbytes(3 * page_size)
    with path.open("r+b") as fh:
        fh.seek((root[0] - 1) * page_size)
        fh.write(noise)


def truncate_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def zero_header(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.write(b"\0" * 100)


def not_sqlite(path: Path) -> None:
    path.write_bytes("这不是数据库,是一份说明。\n".encode() * 500)


DAMAGES: dict[str, Callable[[Path], None]] = {
    "garbage": garble_pages,
    "truncated": truncate_half,
    "zeroed": zero_header,
    "not-sqlite": not_sqlite,
}


def from_another_process(damage: Callable[[Path], None], path: Path) -> None:
    """Apply ``damage`` from a separate process: a file the app has open is damaged by the disk
    or another program, never by the app itself (which refuses to open its live database files
    as plain files: closing such a descriptor would drop its SQLite locks)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    code = f"from pathlib import Path\nfrom tests.damage import {damage.__name__}\n"
    code += f"{damage.__name__}(Path({str(path)!r}))\n"
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True, timeout=60)
