"""A rating server on a free port of 127.0.0.1 over the test's own database."""

from __future__ import annotations

import pytest

from window_assistant.web.server import RatingServer


@pytest.fixture
def server(services, db_path):
    with RatingServer(db_path, "127.0.0.1", 0) as running:
        yield running


@pytest.fixture
def port(server) -> int:
    return server.address[1]
