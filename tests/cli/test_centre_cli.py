"""``centre export-secret FILE --as LOGIN`` and ``centre import-secret FILE [--confirm] --as
LOGIN``: a second window PC of the centre takes the first one's secret; a refusal exits 2 in
Chinese, without a traceback, and changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests.core.test_centre_secret import register
from tests.profiles import SET_UP
from window_assistant.cases.tokens import verify_token
from window_assistant.cli.main import main
from window_assistant.services import open_services
from window_assistant.setup import complete_setup

REPO = Path(__file__).resolve().parents[2]
BOSS, CLERK = "correct horse", "2580"


def secret_of(db: Path) -> str:
    with open_services(db, seed=False) as svc:
        return svc.settings.centre_secret


@pytest.fixture
def second_db(tmp_path: Path) -> Path:
    path = tmp_path / "b" / "wa.db"
    with open_services(path) as svc:
        complete_setup(svc, SET_UP)
    return path


def centre(db: Path, *args: str) -> list[str]:
    return ["--db", str(db), "centre", *args]


def test_a_second_pc_imports_the_first_ones_secret(
    set_up, db_path, second_db, tmp_path, monkeypatch, capsys
):
    token = register(set_up).token
    set_up.close()
    key = tmp_path / "中心密钥.json"
    monkeypatch.setenv("WINDOW_ASSISTANT_SECRET", BOSS)
    assert main(centre(db_path, "export-secret", str(key), "--as", "S01")) == 0
    assert "已导出中心密钥" in capsys.readouterr().out
    assert main(centre(second_db, "import-secret", str(key), "--as", "S01")) == 0
    assert f"已导入「{SET_UP.centre_name}」的中心密钥" in capsys.readouterr().out
    assert verify_token(secret_of(second_db), token, datetime.now()).window_id
    assert main(centre(second_db, "import-secret", str(key), "--as", "S01")) == 0
    assert "没有修改" in capsys.readouterr().out


def test_a_clerk_or_a_bad_file_exits_2_in_chinese_and_changes_nothing(
    set_up, db_path, second_db, tmp_path
):
    """In real processes, as a script sees them."""
    set_up.close()
    key, bad = tmp_path / "key.json", tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe not text")
    before = secret_of(second_db)

    def run(db: Path, secret: str, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "WINDOW_ASSISTANT_SECRET": secret}
        command = [sys.executable, "-m", "window_assistant", *centre(db, *args)]
        return subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env)

    clerk = run(db_path, CLERK, "export-secret", str(key), "--as", "1003")
    assert clerk.returncode == 2 and "无权导出或导入中心密钥" in clerk.stderr
    assert not key.exists()
    refused = run(second_db, BOSS, "import-secret", str(bad), "--as", "S01")
    assert refused.returncode == 2 and "不是 UTF-8" in refused.stderr
    for result in (clerk, refused):
        assert "Traceback" not in result.stderr and result.stdout == ""
    assert secret_of(second_db) == before


def test_unrated_cases_need_confirm(set_up, db_path, second_db, tmp_path, monkeypatch, capsys):
    set_up.close()
    with open_services(second_db, seed=False) as b:
        register(b)
    key = tmp_path / "key.json"
    monkeypatch.setenv("WINDOW_ASSISTANT_SECRET", BOSS)
    assert main(centre(db_path, "export-secret", str(key), "--as", "S01")) == 0
    before = secret_of(second_db)
    assert main(centre(second_db, "import-secret", str(key), "--as", "S01")) == 2
    assert "1 件办件" in capsys.readouterr().err and secret_of(second_db) == before
    assert main(centre(second_db, "import-secret", str(key), "--confirm", "--as", "S01")) == 0
    assert "1 件未评价办件的评价二维码已失效" in capsys.readouterr().out
    assert secret_of(second_db) == secret_of(db_path)
