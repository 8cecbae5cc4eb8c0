"""Every command on a damaged database file (garbage over pages, cut in half, a wiped header,
not a database at all) says in Chinese that the file is damaged and how to restore it, exits 2
without a traceback and changes nothing; ``restore`` brings a good backup back over it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.test_serials import COMPLETE
from tests.damage import DAMAGES, zero_header
from window_assistant.cases.registration import CaseService
from window_assistant.cli.main import build_parser, main
from window_assistant.paths import backup_dir
from window_assistant.services import open_services
from window_assistant.store.backup import backup

REPO = Path(__file__).resolve().parents[2]
SERIAL = "铁西政服告〔2026〕000001号"

# Every command of the CLI (restore has its own tests below), with arguments that would work
# on a healthy database.
COMMANDS: dict[str, list[str]] = {
    "catalog import": ["catalog", "import", "{tmp}/catalog.json", "--dry-run"],
    "catalog export": ["catalog", "export", "{tmp}/out.json"],
    "catalog search": ["catalog", "search", "社保"],
    "catalog show": ["catalog", "show", "000510003000"],
    "catalog stats": ["catalog", "stats"],
    "catalog versions": ["catalog", "versions"],
    "workdays add": ["workdays", "add", "2026-09-30", "5"],
    "workdays between": ["workdays", "between", "2026-01-01", "2026-02-01"],
    "workdays import": ["workdays", "import", "{tmp}/2027.json"],
    "workdays years": ["workdays", "years"],
    "sheet": ["sheet", "--item", "000510003000", "--out", "{tmp}/告知书.docx"],
    "cases list": ["cases", "list"],
    "cases reprint": ["cases", "reprint", SERIAL, "--out", "{tmp}/again.docx"],
    "cases show": ["cases", "show", SERIAL, "--json"],
    "cases step": ["cases", "step", SERIAL, "补正收件"],
    "cases void": ["cases", "void", SERIAL, "--reason", "误登记"],
    "cases export": ["cases", "export", "{tmp}/台账.csv"],
    "cases report": ["cases", "report", "--month", "2026-03", "--out", "{tmp}/台账月报.docx"],
    "accounts list": ["accounts", "list"],
    "accounts add": ["accounts", "add", "1009", "--name", "李静"],
    "accounts disable": ["accounts", "disable", "0001"],
    "accounts enable": ["accounts", "enable", "0001"],
    "accounts reset": ["accounts", "reset", "0001"],
    "accounts role": ["accounts", "role", "0001", "supervisor"],
    "ratings verify": ["ratings", "verify"],
    "ratings list": ["ratings", "list"],
    "ratings export": ["ratings", "export", "{tmp}/评价记录.jsonl"],
    "ratings merge": ["ratings", "merge", "{tmp}/评价记录.jsonl"],
    "ratings stats": ["ratings", "stats"],
    "ratings followups": ["ratings", "followups"],
    "ratings follow-up": ["ratings", "follow-up", SERIAL, "verify", "finding=属实"],
    "ratings report": ["ratings", "report", "--month", "2026-03", "--out", "{tmp}/月报.docx"],
    "serve-ratings": ["serve-ratings", "--host", "127.0.0.1"],
    "pad code": ["pad", "code", "--window", "1"],
    "pad unpair": ["pad", "unpair", "--window", "1"],
    "centre export-secret": ["centre", "export-secret", "{tmp}/中心密钥.json"],
    "centre import-secret": ["centre", "import-secret", "{tmp}/中心密钥.json"],
    "crossregion list": ["crossregion", "list"],
    "crossregion import": ["crossregion", "import", "{tmp}/协议.json", "--dry-run"],
    "crossregion publish": ["crossregion", "publish", "--out", "{tmp}/清单.docx"],
    "crossregion versions": ["crossregion", "versions"],
    "crossregion export": ["crossregion", "export", "{tmp}/跨域通办办件.xlsx"],
    "crossregion cases": ["crossregion", "cases", "--overdue"],
    "crossregion receive": [
        "crossregion",
        "receive",
        "--region",
        "铁东区",
        "--item",
        "000920012000",
        "--their-serial",
        "T-1",
    ],
    "backup": ["backup"],
}


def _leaf_commands(parser: argparse.ArgumentParser, prefix: str = "") -> set[str]:
    found = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= _leaf_commands(sub, f"{prefix}{name} ")
    return found or {prefix.strip()}


def test_the_list_covers_every_command():
    assert set(COMMANDS) | {"restore"} == _leaf_commands(build_parser())


@pytest.fixture
def good_backup(services) -> Path:
    CaseService(services).register(COMPLETE, services.default_clerk())
    copy = backup(services.store)
    services.close()
    return copy


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_every_command_on_a_damaged_file_says_how_to_restore_and_changes_nothing(
    db_path, good_backup, tmp_path, damage, capsys, monkeypatch
):
    monkeypatch.setenv("WINDOW_ASSISTANT_NEW_SECRET", "24682468")
    DAMAGES[damage](db_path)
    damaged = db_path.read_bytes()
    around = sorted(p.name for p in tmp_path.rglob("*"))
    for name, args in COMMANDS.items():
        argv = ["--db", str(db_path), *(a.format(tmp=tmp_path) for a in args)]
        assert main(argv) == 2, name
        err = capsys.readouterr().err
        assert f"数据库文件 {db_path} 已损坏" in err, (name, err)
        assert f"restore {good_backup}" in err, (name, err)
        assert "Traceback" not in err
    assert db_path.read_bytes() == damaged
    assert sorted(p.name for p in tmp_path.rglob("*")) == around  # no paper, no backup, no journal


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "window_assistant", "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )


def test_restore_over_a_zeroed_file_in_a_folder_with_uri_characters(tmp_path):
    folder = tmp_path / "数据 #1?x=%41"
    db = folder / "窗口 #3.db"
    with open_services(db) as svc:
        first = CaseService(svc).register(COMPLETE, svc.default_clerk()).serial
        copy = backup(svc.store, folder / "备份 50%?.db")
        later = CaseService(svc).register(COMPLETE, svc.default_clerk()).serial
    zero_header(db)
    result = _cli(db, "catalog", "stats")
    assert result.returncode == 2 and "已损坏" in result.stderr
    assert "Traceback" not in result.stderr

    result = _cli(db, "restore", str(copy))
    assert result.returncode == 0, result.stderr
    assert "损坏的数据库文件已原样另存为" in result.stdout
    assert "缺少 1 件备份之后登记的办件" in result.stdout and later in result.stdout
    kept = [p for p in backup_dir(db).glob("*-before-restore.db")]
    assert len(kept) == 1 and kept[0].read_bytes()[:100] == b"\0" * 100

    result = _cli(db, "cases", "list", "--json")
    assert result.returncode == 0, result.stderr
    assert first in result.stdout and later not in result.stdout
