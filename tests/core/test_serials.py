"""Sheet serials: the printed format, one sequence per kind and year, and no gap or duplicate when
several processes or threads register at once (each with its own connection to the same file)."""

from __future__ import annotations

import multiprocessing
import threading
from datetime import datetime
from pathlib import Path

import pytest

from window_assistant.accounts import INSTALLER
from window_assistant.cases import serials
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.cases.tokens import SerialRef
from window_assistant.services import open_services

SEAL = "000510003000"  # 公章刻制备案: one form to bring, the rest is shared (电子证照)
COMPLETE = CaseRequest("item", SEAL, {"agent": "否"}, {"印章刻制备案信息表"})


def fixed(moment: str):
    return lambda: datetime.fromisoformat(moment)


def _register_many(db: str, count: int) -> list[str]:
    """Runs in a child process or thread: its own services (own SQLite connection)."""
    svc = open_services(db)
    try:
        cases = CaseService(svc)
        clerk = svc.default_clerk()
        return [cases.register(COMPLETE, clerk).serial for _ in range(count)]
    finally:
        svc.close()


def _numbers(found: list[str]) -> list[int]:
    return sorted(SerialRef.parse(s).number for s in found)


def test_serial_is_printed_with_the_centre_abbreviation_kind_year_and_six_digits(services):
    cases = CaseService(services, clock=fixed("2026-03-02T09:30:00"))
    clerk = services.default_clerk()
    assert cases.register(COMPLETE, clerk).serial == "铁西政服告〔2026〕1号"
    assert cases.register(COMPLETE, clerk).serial == "铁西政服告〔2026〕2号"
    services.settings.change(INSTALLER, {"centre.abbrev": "鞍铁政服"})
    assert cases.register(COMPLETE, clerk).serial == "鞍铁政服告〔2026〕3号"


def test_each_kind_and_each_year_has_its_own_sequence(services):
    clerk = services.default_clerk()
    in_2026 = CaseService(services, clock=fixed("2026-12-31T16:00:00"))
    in_2027 = CaseService(services, clock=fixed("2027-01-04T09:00:00"))
    missing_form = CaseRequest("item", SEAL, {"agent": "否"}, set())
    assert in_2026.register(COMPLETE, clerk).serial.endswith("告〔2026〕1号")
    assert in_2026.register(missing_form, clerk).serial.endswith("补〔2026〕1号")
    assert in_2026.register(COMPLETE, clerk).serial.endswith("告〔2026〕2号")
    assert in_2027.register(COMPLETE, clerk).serial.endswith("告〔2027〕1号")


def test_preview_shows_a_blank_number_and_takes_none(services):
    clerk = services.default_clerk()
    cases = CaseService(services, clock=fixed("2026-03-02T09:30:00"))
    assert cases.preview(COMPLETE, clerk).serial == "铁西政服告〔2026〕______号"
    assert cases.register(COMPLETE, clerk).serial == "铁西政服告〔2026〕1号"


def test_a_number_taken_in_a_failed_transaction_is_given_back(services):
    store = services.store
    with pytest.raises(RuntimeError, match="printer jammed"), store.transaction():
        assert serials.take_number(store, "notice", 2026) == 1
        raise RuntimeError("printer jammed")
    assert serials.last_number(store, "notice", 2026) == 0
    with store.transaction():
        assert serials.take_number(store, "notice", 2026) == 1


def test_a_rejected_registration_takes_no_number(services):
    cases = CaseService(services)
    clerk = services.default_clerk()
    bad = CaseRequest("item", SEAL, {"agent": "也许"}, {"印章刻制备案信息表"})
    with pytest.raises(Exception, match="没有选项「也许」"):
        cases.register(bad, clerk)
    assert cases.register(COMPLETE, clerk).serial.endswith("〕1号")


def test_numbers_are_gap_free_and_unique_across_processes(services, db_path: Path):
    processes, each = 4, 12
    context = multiprocessing.get_context("spawn")  # fresh interpreters, own connections
    with context.Pool(processes) as pool:
        results = pool.starmap(_register_many, [(str(db_path), each)] * processes)
    found = [s for chunk in results for s in chunk]
    assert _numbers(found) == list(range(1, processes * each + 1))
    year = datetime.now().year
    assert serials.last_number(services.store, "notice", year) == processes * each
    stored = services.store.execute("SELECT count(DISTINCT serial) FROM cases").fetchone()[0]
    assert stored == processes * each


def test_numbers_are_gap_free_and_unique_across_threads(services, db_path: Path):
    threads, each = 6, 10
    found: list[str] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            found.extend(_register_many(str(db_path), each))
        except BaseException as exc:  # surfaced below: a thread's exception is otherwise lost
            errors.append(exc)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    assert errors == []
    assert _numbers(found) == list(range(1, threads * each + 1))
