"""Registered cases to rate: each has its serial and its signed rating token."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tests.core.test_cases import rongque_request
from window_assistant.cases.model import Case
from window_assistant.cases.registration import CaseService
from window_assistant.services import Services


def register_cases(
    services: Services, count: int, clock: Callable[[], datetime] = datetime.now
) -> list[Case]:
    cases = CaseService(services, clock=clock)
    clerk = services.default_clerk()
    return [cases.register(rongque_request(), clerk) for _ in range(count)]


def rated_serials(services: Services) -> list[str]:
    rows = services.store.execute("SELECT case_serial FROM ratings ORDER BY case_serial")
    return [r[0] for r in rows.fetchall()]
