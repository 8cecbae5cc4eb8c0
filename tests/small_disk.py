"""A real full disk for the tests that need one: a small tmpfs mounted for the test (root only;
elsewhere those tests are skipped, saying why), and a filler file that takes its last byte."""

from __future__ import annotations

import contextlib
import errno
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_disk(where: Path, size: str = "8m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``where`` for the block; unmounted after it."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"a real full disk needs a small tmpfs (mount as root): {mounted.stderr}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path) -> Path:
    """Write a file until the disk has no byte left; return it (delete it to free the space)."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as fh:
        block = b"\0" * 65536
        try:
            while True:
                fh.write(block)
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
        with contextlib.suppress(OSError):
            while True:
                fh.write(b"\0")  # the last bytes of a block
    return filler
