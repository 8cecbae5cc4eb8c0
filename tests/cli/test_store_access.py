"""Several programs on one database file (issue 8 §3): programs starting together on a fresh
file all succeed, reading commands neither wait for nor fail on another program's write, and a
file written by a newer version is refused for writing."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.store_helpers import written_by_a_newer_version
from window_assistant.services import open_services
from window_assistant.store.database import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]
COMPANY = "001701001000"  # 企业设立登记


def command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "window_assistant", "--db", str(db), *args]


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WINDOW_ASSISTANT_")}
    return subprocess.run(
        command(db, *args), capture_output=True, text=True, cwd=REPO, env=env,
        stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip


def fingerprint(db: Path) -> str:
    """Everything the database holds, whatever file it is in (the WAL included)."""
    conn = sqlite3.connect(db)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def test_programs_starting_together_on_a_fresh_file_all_succeed(tmp_path):
    for round_ in range(4):
        db = tmp_path / f"fresh{round_}.db"
        started = [
            subprocess.Popen(
                command(db, "catalog", "stats", "--json"),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=REPO,
            )  # fmt: skip
            for _ in range(3)
        ]
        results = [(p.wait(timeout=120), *p.communicate()) for p in started]
        for code, _out, err in results:
            assert code == 0, f"round {round_}: {err}"
        assert len({out for _, out, _ in results}) == 1
        with open_services(db, seed=False) as svc:  # set up once, not three times
            assert len(svc.catalog.versions()) == 1
            assert [u.login for u in svc.accounts.users()] == ["0001"]


READING = [
    ("catalog", "search", "sbdj"),
    ("catalog", "show", COMPANY),
    ("catalog", "stats"),
    ("catalog", "versions"),
    ("cases", "list"),
    ("accounts", "list"),
    ("workdays", "between", "2026-01-01", "2026-02-01"),
    ("workdays", "add", "2026-01-01", "5"),
    ("workdays", "years"),
    ("crossregion", "list", "--json"),
    ("crossregion", "versions"),
    ("cases", "list", "--overdue", "--json"),
    ("crossregion", "cases", "--json"),
]


def test_reading_commands_do_not_wait_for_another_programs_write(db_path, tmp_path):
    assert (
        run(db_path, "sheet", "--item", COMPANY, "--out", str(tmp_path / "a.docx")).returncode == 0
    )
    before = fingerprint(db_path)
    writer = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
         " c.execute('BEGIN IMMEDIATE'); print('holding', flush=True); time.sleep(120)", str(db_path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert writer.stdout.readline().strip() == "holding"
        for args in READING:
            started = time.monotonic()
            result = run(db_path, *args)
            took = time.monotonic() - started
            assert result.returncode == 0, (args, result.stderr)
            assert took < 5, (args, took)  # the busy timeout is 10 s: it did not wait for it
    finally:
        writer.kill()
        writer.wait()
    assert fingerprint(db_path) == before  # and wrote nothing (no seed, no settings)


WRITING = [
    ("sheet", "--item", COMPANY, "--out", "{out}"),
    ("accounts", "add", "0002", "--name", "李梅"),
    ("catalog", "import", "{catalog}"),
    ("workdays", "import", "{holidays}"),
    ("backup", "{out}"),
    ("cases", "reprint", "{serial}", "--out", "{out}"),
    ("crossregion", "import", "{agreements}"),
    ("cases", "step", "{serial}", "补正收件"),
    ("cases", "void", "{serial}", "--reason", "误登记"),
    (
        "crossregion",
        "receive",
        "--region",
        "铁东区",
        "--item",
        "000920012000",
        "--their-serial",
        "T-1",
    ),
]


def test_a_newer_versions_file_is_refused_for_writing(db_path, tmp_path):
    registered = run(
        db_path, "sheet", "--item", COMPANY, "--out", str(tmp_path / "a.docx"), "--json"
    )
    values = {
        "serial": json.loads(registered.stdout)["serial"],
        "catalog": str(tmp_path / "目录.json"),
        "holidays": str(REPO / "catalog" / "holidays.json"),
        "agreements": str(REPO / "catalog" / "tiexi_crossregion.json"),
        "out": str(tmp_path / "b.docx"),
    }
    assert run(db_path, "catalog", "export", values["catalog"]).returncode == 0
    written_by_a_newer_version(db_path)
    before = fingerprint(db_path)
    for args in WRITING:
        result = run(db_path, *(a.format(**values) for a in args))
        assert result.returncode == 2, (args, result.stdout)
        assert f"结构版本 {SCHEMA_VERSION + 1}" in result.stderr and "升级" in result.stderr, args
        assert "Traceback" not in result.stderr
        assert fingerprint(db_path) == before and not Path(values["out"]).exists(), args
    assert run(db_path, "catalog", "stats").returncode == 0  # reading still works
