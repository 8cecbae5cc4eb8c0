"""`catalog import` as issue 8 reproduced it: a stray quote in a CSV and the blank template must
not empty the catalog; removing much needs --allow-removals, and --dry-run shows the counts."""

from __future__ import annotations

import json
from pathlib import Path

from window_assistant.catalog.io import write_catalog
from window_assistant.catalog.model import Catalog
from window_assistant.cli.main import main


def _stats(db: Path, capsys) -> dict[str, int]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["--db", str(db), "catalog", "stats", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_stray_quote_in_a_csv_changes_nothing_and_exits_2(db_path: Path, tmp_path: Path, capsys):
    """The reproduction: export, type a quote before one material name, import. It used to
    report 107 items changed, keep 2 of 654 materials and exit 0."""
    folder = tmp_path / "csv"
    assert main(["--db", str(db_path), "catalog", "export", str(folder)]) == 0
    before = _stats(db_path, capsys)
    path = folder / "材料.csv"
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    code, name, rest = lines[2].split(",", 2)
    lines[2] = f'{code},"{name},{rest}'
    path.write_bytes("\r\n".join(lines).encode("utf-8-sig"))

    assert main(["--db", str(db_path), "catalog", "import", str(folder)]) == 2
    err = capsys.readouterr().err
    assert '文件「材料.csv」第 3 行「材料名称」列:这一格以英文引号(")开头' in err
    assert "Traceback" not in err
    assert _stats(db_path, capsys) == before


def test_the_blank_template_needs_allow_removals_and_dry_run_shows_the_counts(
    db_path: Path, tmp_path: Path, capsys
):
    template = tmp_path / "模板.xlsx"
    write_catalog(Catalog(), template)
    before = _stats(db_path, capsys)
    removes = (
        f"事项 {before['items']} 项、材料 {before['materials']} 份、一件事 {before['bundles']} 个"
    )

    assert main(["--db", str(db_path), "catalog", "import", str(template), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"将删除:{removes}" in out
    assert "实际导入时须加上 --allow-removals 才会执行" in out and "试运行" in out

    assert main(["--db", str(db_path), "catalog", "import", str(template)]) == 2
    err = capsys.readouterr().err
    assert f"错误:导入「模板.xlsx」会删除{removes}" in err
    assert "确认要删除时,须加上 --allow-removals" in err
    assert _stats(db_path, capsys) == before

    assert main(["--db", str(db_path), "catalog", "import", str(template), "--allow-removals"]) == 0
    assert _stats(db_path, capsys)["items"] == 0
