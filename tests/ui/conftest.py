"""The UI tests' own fixtures (Qt is imported here, never in the core's tests)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_folder_remembered(monkeypatch):
    """Each test's file dialogs start where a new session's would (``ui.file_dialogs``)."""
    monkeypatch.setattr("ui.file_dialogs._last_folder", None)
