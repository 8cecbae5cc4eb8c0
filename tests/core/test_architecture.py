"""The layers of DESIGN.md: the core never imports a front end, Qt or a web server, visibly
(import-linter's contracts in ``.importlinter``) or by a name handed to the import machinery."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORE = REPO / "window_assistant"
CONFIG = ".importlinter"
LINT = "from importlinter.cli import lint_imports_command; lint_imports_command()"
# Ways to import a module named by a string, which no import graph can see.
STRING_IMPORTS = re.compile(
    r"\bimport_module\b|\b__import__\b|\bimportlib\.util\b|from\s+importlib\s+import\s+util\b"
    r"|\bimport\s+runpy\b|\brunpy\."
)


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` over the packages under ``root`` (found first on the path)."""
    env = dict(os.environ, PYTHONPATH=str(root), COLUMNS="1000")  # one line per contract
    return subprocess.run(
        [sys.executable, "-c", LINT, "--no-cache", "--no-logo", CONFIG],
        capture_output=True, text=True, cwd=root, env=env, timeout=120,
    )  # fmt: skip


def broken(output: str) -> list[str]:
    """The names of the contracts import-linter reports broken."""
    return re.findall(r"^(.+) BROKEN(?: \(\d+ ignored imports?\))?$", output, re.M)


def test_the_import_contracts_are_kept():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


# (file to change, the line added, the contract it breaks)
OFFENCES = [
    ("window_assistant/sheets/docx.py", "import ui.render.pdf", "The Qt GUI (ui) is above"),
    ("window_assistant/cli/cases.py", "from PySide6.QtGui import QPdfWriter", "never import Qt"),
    ("window_assistant/catalog/search.py", "import shiboken6", "never import Qt"),
    ("window_assistant/services.py", "from window_assistant.cli import main", "below its front"),
    ("window_assistant/store/database.py", "import waitress", "Only the rating web page"),
    ("window_assistant/ledger.py", "import json", "below its front ends"),  # a module not placed
]


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory):
    """The packages the contracts cover and the contracts, copied (Python files only)."""
    root = tmp_path_factory.mktemp("layers")
    for package in ("window_assistant", "ui"):
        shutil.copytree(
            REPO / package,
            root / package,
            ignore=lambda folder, names: [
                n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()
            ],
        )
    shutil.copy(REPO / CONFIG, root / CONFIG)
    return root


@pytest.mark.parametrize(("path", "line", "contract"), OFFENCES)
def test_each_contract_breaks_on_an_offending_import(source_copy, tmp_path, path, line, contract):
    root = tmp_path / "src"
    shutil.copytree(source_copy, root)
    target = root / path
    before = target.read_text(encoding="utf-8") if target.exists() else ""
    target.write_text(before + f"\n\ndef _offence():\n    {line}\n", encoding="utf-8")
    result = lint_imports(root)
    assert result.returncode == 1, result.stdout + result.stderr
    found = broken(result.stdout)
    assert any(contract in name for name in found), (found, result.stdout)


def test_the_core_and_the_cli_load_no_module_by_name():
    """A string import hides an edge from the contracts: the CLI once loaded the Qt renderer
    with ``importlib.import_module("ui.sheet_pdf")``. Plug-ins come through entry points."""
    found = [
        f"{path.relative_to(REPO)}:{n}: {line.strip()}"
        for path in sorted(CORE.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if STRING_IMPORTS.search(line)
    ]
    assert found == []


@pytest.mark.parametrize(
    "line",
    [
        'module = importlib.import_module("ui.render.pdf")',
        "from importlib import import_module",
        'pdf = __import__("ui.render.pdf")',
        "spec = importlib.util.find_spec(name)",
        "from importlib import util",
        'runpy.run_module("ui")',
    ],
)
def test_the_string_import_check_sees(line):
    assert STRING_IMPORTS.search(line)


def test_importing_the_whole_core_loads_no_qt():
    code = (
        "import sys, pkgutil, importlib, window_assistant\n"
        "for m in pkgutil.walk_packages(window_assistant.__path__, 'window_assistant.'):\n"
        "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
        "bad = [n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6', 'ui')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
