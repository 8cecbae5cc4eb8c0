"""Shared fixtures: every test gets its own database file under tmp_path."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from window_assistant.services import Services, open_services  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "wa.db"


@pytest.fixture
def services(db_path: Path):
    """Services over a fresh database seeded with the bundled catalog and default profile."""
    svc: Services = open_services(db_path)
    yield svc
    svc.close()


@pytest.fixture
def set_up(services: Services) -> Services:
    """``services`` after the first-run set-up: supervisor S01 (password ``correct horse``) and
    clerk 1003 (PIN 2580) at window 3; from now on writing needs a named, signed-in account."""
    from tests.profiles import SET_UP
    from window_assistant.setup import complete_setup

    complete_setup(services, SET_UP)
    return services


@pytest.fixture
def previous_db(tmp_path: Path) -> Path:
    """A database as the previous version (commit 0dba537) left it, before stored values were
    codes: five cases with their sheets, two catalog versions (see fixtures/make_previous_version.py)."""
    path = tmp_path / "previous.db"
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "previous_version.sql").read_text(encoding="utf-8"))
    conn.close()
    return path


@pytest.fixture
def styled(qapp):
    """The application's own style sheet for one test (the qapp fixture has none)."""
    from ui.app import style_sheet  # here: the core's tests load no Qt

    before = qapp.styleSheet()
    qapp.setStyleSheet(style_sheet())
    yield qapp
    qapp.setStyleSheet(before)
