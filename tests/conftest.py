"""Shared fixtures: every test gets its own database file under tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from window_assistant.services import Services, open_services  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


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
    from window_assistant.setup import SetupData, complete_setup

    complete_setup(
        services,
        SetupData(
            centre_name="鞍山市铁西区政务服务中心",
            centre_abbrev="铁西政服",
            centre_address="鞍山市铁西区人民路 100 号",
            centre_phone="0412-8888123",
            centre_complaint_phone="12345",
            window_number="3",
            window_name="3号综合窗口",
            supervisor_login="S01",
            supervisor_name="王主任",
            supervisor_password="correct horse",
            clerk_login="1003",
            clerk_name="李明",
            clerk_pin="2580",
        ),
    )
    return services
