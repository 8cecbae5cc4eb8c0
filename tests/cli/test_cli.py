"""The command line as a supervisor's script uses it: JSON output, exit codes, Chinese errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from window_assistant.cli.main import main

REPO = Path(__file__).resolve().parents[2]


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "window_assistant", "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )


def test_fresh_database_is_initialised_and_searchable(db_path):
    result = run(db_path, "catalog", "search", "sbdj", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits, "sbdj should find something in the bundled catalog"
    assert {"code", "name", "kind"} <= set(hits[0])
    assert all(h["kind"] in ("item", "bundle") for h in hits)


def test_show_lists_materials_and_situations(db_path, capsys):
    assert main(["--db", str(db_path), "catalog", "search", "企业开办", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    bundle = next(h for h in hits if h["kind"] == "bundle")
    item_code = next(h for h in hits if h["kind"] == "item")["code"]

    assert main(["--db", str(db_path), "catalog", "show", item_code, "--json"]) == 0
    item = json.loads(capsys.readouterr().out)
    assert item["code"] == item_code and item["name"] and item["department"]
    assert len(item["materials"]) >= 3
    assert {"name", "necessity", "shareable"} <= set(item["materials"][0])
    assert isinstance(item["situations"], list)

    assert main(["--db", str(db_path), "catalog", "show", bundle["code"], "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["materials"]


def test_stats_reports_what_the_bundled_catalog_holds(db_path, capsys):
    assert main(["--db", str(db_path), "catalog", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["items"] >= 80
    assert stats["departments"] >= 10
    assert stats["bundles"] >= 5
    assert stats["crossregion_items"] >= 20
    assert stats["items_with_situations"] >= 15
    assert stats["shareable_materials"] >= 20
    assert stats["rongque_materials"] >= 10


def test_unknown_code_exits_2_with_a_chinese_message_and_no_traceback(db_path):
    result = run(db_path, "catalog", "show", "NO-SUCH-CODE")
    assert result.returncode == 2
    assert "没有编码为 NO-SUCH-CODE" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_arguments_exit_2(db_path):
    result = run(db_path, "catalog", "search")
    assert result.returncode == 2
    assert "参数错误" in result.stderr


def test_export_edit_dry_run_then_import(db_path, tmp_path, capsys):
    out = tmp_path / "catalog.json"
    assert main(["--db", str(db_path), "catalog", "export", str(out)]) == 0
    capsys.readouterr()
    data = json.loads(out.read_text(encoding="utf-8"))
    first = data["items"][0]
    first["promised_limit"] = max(0, first["promised_limit"] - 1) if first["promised_limit"] else 0
    first["name"] = first["name"] + "(试点)"
    removed = data["items"].pop()
    data["bundles"] = [b for b in data["bundles"] if removed["code"] not in b["items"]]
    data["crossregion"] = [c for c in data["crossregion"] if c["item_code"] != removed["code"]]
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    assert main(["--db", str(db_path), "catalog", "import", str(out), "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert f"删除事项:{removed['code']}" in printed
    assert "事项名称" in printed and "(试点)" in printed
    assert "试运行" in printed
    assert main(["--db", str(db_path), "catalog", "stats", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)["items"]

    assert main(["--db", str(db_path), "catalog", "import", str(out)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "catalog", "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["items"] == before - 1

    assert main(["--db", str(db_path), "catalog", "import", str(out), "--dry-run"]) == 0
    assert "目录无变化" in capsys.readouterr().out


def test_import_of_a_broken_file_changes_nothing(db_path, tmp_path, capsys):
    bad = tmp_path / "broken.json"
    bad.write_text('{"items": [', encoding="utf-8")
    assert main(["--db", str(db_path), "catalog", "stats", "--json"]) == 0
    before = capsys.readouterr().out
    assert main(["--db", str(db_path), "catalog", "import", str(bad)]) == 2
    assert "错误" in capsys.readouterr().err
    assert main(["--db", str(db_path), "catalog", "stats", "--json"]) == 0
    assert capsys.readouterr().out == before


@pytest.mark.parametrize("command", ["backup"])
def test_backup_and_restore_commands(db_path, tmp_path, command, capsys):
    copy = tmp_path / "b.db"
    assert main(["--db", str(db_path), command, str(copy)]) == 0
    assert copy.exists()
    assert main(["--db", str(db_path), "restore", str(copy)]) == 0
    assert "已从" in capsys.readouterr().out
    assert main(["--db", str(db_path), "restore", str(tmp_path / "missing.db")]) == 2


def test_every_declared_entry_point_loads():
    """The commands setup.cfg installs (window-assistant, window-assistant-gui) and the sheet
    writer plug-ins point at objects that exist: a module moved without its entry point would
    install a command that fails at once."""
    from importlib.metadata import entry_points

    ours = [
        ep
        for group in (
            "console_scripts",
            "gui_scripts",
            "window_assistant.sheet_writers",
            "window_assistant.report_writers",
        )
        for ep in entry_points(group=group)
        if ep.value.split(".")[0].split(":")[0] in ("window_assistant", "main", "ui")
    ]
    names = {ep.name for ep in ours}
    assert {"window-assistant", "window-assistant-gui", "pdf"} <= names
    for ep in ours:
        assert callable(ep.load()), ep


def test_search_takes_the_citizens_words_and_suggests_on_a_near_miss(db_path, capsys):
    assert main(["--db", str(db_path), "catalog", "search", "提取公积金"]) == 0
    assert capsys.readouterr().out.startswith("005520003000\t住房公积金退休提取")
    assert main(["--db", str(db_path), "catalog", "search", "公债金"]) == 0
    out = capsys.readouterr()
    assert out.out == "" and "您要找的是不是「公积金」?" in out.err
