"""Every input of the hostile-input corpus through the real command line: exit 2, a Chinese
message naming what and where, no traceback, and the database exactly as it was (a hash of
every table's rows before and after). Inputs the app reads correctly say so instead (exit 0)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.hostile.build_corpus import CORPUS, Hostile
from tests.hostile.conftest import RESULTS
from window_assistant.cli.main import main
from window_assistant.services import open_services


def fingerprint(db: Path) -> str:
    """SHA-256 over every table's rows, in a stable order."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
    finally:
        conn.close()
    return digest.hexdigest()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the bundled catalog, copied for each input."""
    path = tmp_path_factory.mktemp("seed") / "wa.db"
    open_services(path).close()
    return path


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_hostile_input(case: Hostile, seeded: Path, tmp_path: Path, capsys):
    RESULTS[case.name] = False
    db = tmp_path / "wa.db"
    shutil.copy(seeded, db)
    before = fingerprint(db)
    source = case.build(tmp_path)
    args = [a.replace("{input}", str(source)) for a in case.args]

    status = main(["--db", str(db), *args])

    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert status == case.exit, err or out
    missing = [e for e in case.expect if e not in err]
    assert not missing, f"{missing} not in:\n{err}"
    assert all(s in out for s in case.stdout), out
    assert fingerprint(db) == before, "the database changed"
    RESULTS[case.name] = True
