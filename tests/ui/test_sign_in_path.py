"""The way to the sign-in dialog loads only what signing in needs: the clerk waits for every
module imported before it shows (openpyxl alone was ~220 ms)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from window_assistant.services import open_services

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("sign_in_driver.py")

# Needed for catalog import and export, the papers, search and working days; not to sign in.
NOT_FOR_SIGN_IN = (
    "openpyxl",
    "docx",  # python-docx
    "lxml",
    "pypinyin",
    "holidays",
    "qrcode",
    "PIL",
    "window_assistant.catalog.io",
    "window_assistant.workdays",  # the holiday calendar
)


def _heavy(modules: list[str], names: tuple[str, ...] = NOT_FOR_SIGN_IN) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def _child(args: list[str]) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


# Loaded while the clerk types (ui/signin/prepare.py), not before the dialog shows.
WHILE_SIGNING_IN = (
    "window_assistant.services",
    "window_assistant.accounts",
    "window_assistant.settings",
    "window_assistant.catalog",
    "window_assistant.cases",
    "window_assistant.vocab",
    "ui.main_window",
    "ui.worker",
)


def test_the_sign_in_dialog_shows_before_any_heavy_module_loads(db_path):
    services = open_services(db_path)  # set up here: the child only starts the app
    services.settings.mark_set_up()
    services.close()
    loaded = json.loads(_child([str(DRIVER), "--modules", str(db_path)]))
    assert "ui.signin.login" in loaded and "PySide6.QtWidgets" in loaded  # it did get there
    assert _heavy(loaded) == []
    # On a set-up database, nothing of the core but what reads the dialog's facts.
    assert _heavy(loaded, WHILE_SIGNING_IN) == []
    assert "window_assistant.store.peek" in loaded


def test_no_package_init_imports_anything_heavy():
    """Importing a package (which importing any of its modules does) costs next to nothing."""
    packages = sorted(
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("window_assistant", "ui")
        for init in (ROOT / top).rglob("__init__.py")
    )
    assert "window_assistant.catalog.io" in packages and "ui.search" in packages
    code = (
        "import importlib, json, sys\n"
        f"for name in {packages!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    loaded = json.loads(_child(["-c", code]))
    heavy = ("openpyxl", "docx", "lxml", "pypinyin", "holidays", "qrcode", "PIL", "PySide6")
    assert _heavy(loaded, heavy) == []
