"""The UI tests' own fixtures (Qt is imported here, never in the core's tests)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_folder_remembered(monkeypatch):
    """Each test's file dialogs start where a new session's would (``ui.file_dialogs``)."""
    monkeypatch.setattr("ui.file_dialogs._last_folder", None)


@pytest.fixture
def as_shipped(styled):
    """The application's own font and style sheet for one test: what fits is measured as the
    clerk sees it (``create_application``'s look; the qapp fixture has Qt's defaults)."""
    from ui.app import app_font

    before = styled.font()
    styled.setFont(app_font(styled))
    yield styled
    styled.setFont(before)
