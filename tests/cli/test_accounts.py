"""The CLI acting as a named account: ``accounts …`` and ``--as`` on the writing commands, with
the secret from WINDOW_ASSISTANT_SECRET; read-only commands need no sign-in."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.store_helpers import table_rows
from window_assistant.cli.main import main
from window_assistant.services import open_services

REPO = Path(__file__).resolve().parents[2]
SECRET, NEW_SECRET = "WINDOW_ASSISTANT_SECRET", "WINDOW_ASSISTANT_NEW_SECRET"


@pytest.fixture
def cli(db_path, capsys, monkeypatch):
    """Run the CLI in this process, as ``secret`` (and giving ``new`` as a new secret)."""

    def run(*args: str, secret: str | None = None, new: str | None = None):
        for name, value in ((SECRET, secret), (NEW_SECRET, new)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return run


def audit(db_path: Path) -> list:
    with open_services(db_path, seed=False) as svc:
        return svc.audit.entries()


def test_a_fresh_database_needs_no_sign_in_until_someone_has_a_secret(cli, db_path):
    code, out, _ = cli("accounts", "list", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "login": "0001",
            "name": "窗口人员",
            "role": "clerk",
            "window": "1",
            "window_name": "1号综合窗口",
            "active": True,
        }
    ]
    # The first supervisor, on the default profile: no --as, recorded as the installer.
    code, out, _ = cli("accounts", "add", "S01", "--name", "王主任", "--role", "负责人",
                       new="correct horse")  # fmt: skip
    assert (code, out) == (0, "已新增负责人 S01 王主任。\n")
    entry = audit(db_path)[0]
    assert (entry.action, entry.actor, entry.detail["role"]) == (
        "account.add",
        "installer",
        "supervisor",
    )

    # From now on changes need a named account and its secret.
    code, _, err = cli("accounts", "add", "1005", "--name", "孙丽", new="1357")
    assert code == 2 and "--as" in err
    code, _, err = cli("accounts", "add", "1005", "--name", "孙丽", "--as", "S01", new="1357")
    assert code == 2 and SECRET in err  # no secret given and no terminal to ask on
    code, _, err = cli("accounts", "add", "1005", "--name", "孙丽", "--window", "1",
                       "--as", "S01", secret="wrong horse", new="1357")  # fmt: skip
    assert code == 2 and "不正确" in err
    code, out, _ = cli("accounts", "list")
    assert "1005" not in out
    code, out, _ = cli("accounts", "add", "1005", "--name", "孙丽", "--window", "1",
                       "--as", "S01", secret="correct horse", new="1357")  # fmt: skip
    assert code == 0
    entry = audit(db_path)[0]
    assert (entry.actor, entry.detail["login"], entry.detail["window"]) == (
        "S01",
        "1005",
        "1号综合窗口",
    )

    code, out, _ = cli("accounts", "list")
    assert "1005\t孙丽\t窗口人员\t1号综合窗口\t在用" in out.splitlines()
    assert "scrypt" not in out and "1357" not in out


@pytest.fixture
def with_supervisor(cli):
    assert cli("accounts", "add", "S01", "--name", "王主任", "--role", "supervisor",
               new="correct horse")[0] == 0  # fmt: skip
    assert cli("accounts", "add", "1005", "--name", "孙丽", "--as", "S01",
               secret="correct horse", new="1357")[0] == 0  # fmt: skip


def test_disable_enable_reset_and_role(cli, db_path, with_supervisor):
    boss = ("--as", "S01")
    assert cli("accounts", "disable", "1005", *boss, secret="correct horse")[:2] == (
        0, "已停用 1005 孙丽。\n",
    )  # fmt: skip
    code, out, _ = cli("accounts", "list", "--json")
    assert {r["login"]: r["active"] for r in json.loads(out)}["1005"] is False
    assert cli("accounts", "enable", "1005", *boss, secret="correct horse")[0] == 0
    assert cli("accounts", "reset", "1005", *boss, secret="correct horse", new="2468")[0] == 0
    with open_services(db_path) as svc:
        assert svc.accounts.authenticate("1005", "2468").login == "1005"
    code, _, err = cli("accounts", "disable", "S01", *boss, secret="correct horse")
    assert code == 2 and "不能停用自己的账号" in err
    code, _, err = cli("accounts", "reset", "1005", *boss, secret="correct horse")
    assert code == 2 and NEW_SECRET in err
    code, out, _ = cli("accounts", "role", "1005", "supervisor", *boss, secret="correct horse",
                       new="a long password")  # fmt: skip
    assert code == 0 and "改为负责人" in out
    actions = [e.action for e in audit(db_path)[:5]]
    assert actions == [
        "account.role",
        "account.reset_secret",
        "account.reactivate",
        "account.deactivate",
        "account.add",
    ]
    logged = json.dumps([e.detail for e in audit(db_path)], ensure_ascii=False)
    assert "2468" not in logged and "a long password" not in logged


def test_a_clerk_changes_no_account(cli, db_path, with_supervisor):
    code, _, err = cli("accounts", "add", "1006", "--name", "周强", "--as", "1005",
                       secret="1357", new="2468")  # fmt: skip
    assert code == 2 and "1005(窗口人员)无权管理账号和窗口" in err
    code, _, err = cli("accounts", "add", "1006", "--name", "周强", "--role", "boss",
                       "--as", "S01", secret="correct horse", new="2468")  # fmt: skip
    assert code == 2 and "「boss」不是可用的取值" in err


def test_writing_commands_act_as_the_named_supervisor(cli, db_path, tmp_path, with_supervisor):
    exported = tmp_path / "目录.json"
    assert cli("catalog", "export", str(exported))[0] == 0  # read-only: no sign-in
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["items"][0]["name"] += "(改)"
    exported.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    with open_services(db_path) as svc:
        before = table_rows(svc.store, "items", "catalog_versions")
    assert cli("catalog", "import", str(exported), "--dry-run")[0] == 0  # writes nothing
    for args, secret, message in (
        ((), None, "--as"),
        (("--as", "1005"), "1357", "无权导入事项目录"),
        (("--as", "S01"), "wrong horse", "不正确"),
    ):
        code, _, err = cli("catalog", "import", str(exported), *args, secret=secret)
        assert code == 2 and message in err
    with open_services(db_path) as svc:
        assert table_rows(svc.store, "items", "catalog_versions") == before
    assert cli("catalog", "import", str(exported), "--as", "S01", secret="correct horse")[0] == 0
    entry = audit(db_path)[0]
    assert (entry.action, entry.actor) == ("catalog.import", "S01")

    holidays = tmp_path / "2027.json"
    year = {"year": 2027, "source": "测试", "workdays": [],
            "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}]}  # fmt: skip
    holidays.write_text(json.dumps({"years": [year]}, ensure_ascii=False), encoding="utf-8")
    code, _, err = cli("workdays", "import", str(holidays), "--as", "1005", secret="1357")
    assert code == 2 and "无权导入节假日安排" in err
    assert cli("workdays", "import", str(holidays), "--as", "S01", secret="correct horse")[0] == 0
    assert audit(db_path)[0].actor == "S01"


def test_restore_asks_the_database_it_replaces(cli, db_path, tmp_path, with_supervisor):
    copy = tmp_path / "备份.db"
    assert cli("backup", str(copy))[0] == 0
    assert cli("accounts", "disable", "1005", "--as", "S01", secret="correct horse")[0] == 0
    code, _, err = cli("restore", str(copy), "--as", "1005", secret="1357")
    assert code == 2 and "不正确" in err  # 1005 is disabled in the current database
    code, _, err = cli("restore", str(copy), "--as", "S01", secret="wrong horse")
    assert code == 2 and "不正确" in err
    code, out, _ = cli("restore", str(copy), "--as", "S01", secret="correct horse")
    assert code == 0 and "已从" in out
    entry = audit(db_path)[0]
    assert (entry.action, entry.actor) == ("backup.restore", "S01")
    code, out, _ = cli("accounts", "list", "--json")
    assert {r["login"]: r["active"] for r in json.loads(out)}["1005"] is True  # as backed up

    # Without a database there are no accounts to ask: anyone at the machine may restore.
    for path in db_path.parent.glob(db_path.name + "*"):
        path.unlink()
    code, _, err = cli("restore", str(copy))
    assert code == 0, err
    assert audit(db_path)[0].actor == "installer"


def run_on_a_terminal(args: list[str], answer: str) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as its controlling terminal (so getpass reads it),
    type ``answer`` once it asks, and return its exit status and everything the terminal showed.
    """
    import os
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: become the CLI
        os.chdir(REPO)
        os.environ.pop(SECRET, None)
        os.environ["PYTHONPATH"] = str(REPO)
        os.execv(sys.executable, [sys.executable, "-m", "window_assistant", *args])
    shown, answered = b"", False
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
        if not answered and "的密码或 PIN".encode() in shown:
            os.write(fd, answer.encode() + b"\n")
            answered = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", "replace")


def test_the_secret_is_asked_on_a_terminal_and_never_echoed(db_path, with_supervisor):
    code, shown = run_on_a_terminal(
        ["--db", str(db_path), "accounts", "disable", "1005", "--as", "S01"], "correct horse"
    )
    assert code == 0, shown
    assert "工号 S01 的密码或 PIN" in shown and "已停用 1005 孙丽" in shown
    assert "correct horse" not in shown
