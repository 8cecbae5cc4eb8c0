"""Who sees which ratings, and the watch that tells a window of new ones cheaply: nothing read
while no connection has committed, each new rating reported once, by any connection."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.core.test_ratings_log import SOON, rate, register, second_window
from window_assistant.accounts import INSTALLER
from window_assistant.permissions import Action, allowed
from window_assistant.ratings.feed import RatingWatch, visible_ratings, visible_window
from window_assistant.services import open_services

REPO_ROOT = Path(__file__).resolve().parents[2]


def clerk_and_supervisor(services):
    clerk = services.accounts.add_account(INSTALLER, "C01", "李娜", "clerk", "123456")
    boss = services.accounts.add_account(INSTALLER, "S01", "王主任", "supervisor", "correct horse")
    return clerk, boss


def test_a_clerk_sees_their_windows_ratings_and_a_supervisor_all(services):
    clerk, boss = clerk_and_supervisor(services)
    first = services.accounts.window(services.current_window_id()).number
    rate(services, register(services)[0])
    second_window(services)
    other = "7"  # second_window's number
    rate(services, register(services)[0])
    assert not allowed(clerk, Action.VIEW_ALL_RATINGS) and allowed(boss, Action.VIEW_ALL_RATINGS)
    assert visible_window(clerk, first) == first and visible_window(boss, first) is None
    assert [r.window_number for r in visible_ratings(services, clerk, first)] == [first]
    assert [r.window_number for r in visible_ratings(services, clerk, other)] == [other]
    assert {r.window_number for r in visible_ratings(services, boss, first)} == {first, other}


def test_the_watch_reports_each_rating_of_another_connection_once(services, db_path):
    cases = register(services, 3)
    rate(services, cases[0])  # before the watch: not new
    watch = RatingWatch(services)
    assert watch.new_ratings() == []
    other = open_services(db_path)  # the rating server's own connection
    try:
        rate(other, cases[1], comment="电话 13912345678")
        rate(other, cases[2])
    finally:
        other.close()
    new = watch.new_ratings()
    assert [r.case_serial for r in new] == [cases[1].serial, cases[2].serial]
    assert "13912345678" not in new[0].comment and "139****5678" in new[0].comment  # masked
    assert watch.new_ratings() == []


def test_the_watch_sees_its_own_connections_ratings_too(services):
    """The counter's pad records through the window's own connection, which data_version
    alone would never report."""
    case = register(services)[0]
    watch = RatingWatch(services)
    rate(services, case)
    assert [r.case_serial for r in watch.new_ratings()] == [case.serial]


def test_the_watch_reads_no_table_while_nothing_was_committed(services):
    watch = RatingWatch(services)
    statements: list[str] = []
    services.store.conn.set_trace_callback(statements.append)
    try:
        for _ in range(5):
            assert watch.new_ratings() == []
    finally:
        services.store.conn.set_trace_callback(None)
    assert statements == ["PRAGMA data_version"] * 5


def test_the_watch_sees_a_rating_from_another_process(services, db_path):
    case = register(services)[0]
    watch = RatingWatch(services)
    script = textwrap.dedent(
        f"""
        from datetime import datetime
        from window_assistant.ratings.log import record_rating
        from window_assistant.services import open_services
        from window_assistant.vocab import RatingChannel, RatingLevel
        s = open_services({str(db_path)!r})
        record_rating(s, {case.token!r}, RatingLevel.SATISFIED, [], "", RatingChannel.PAD, "pad",
                      now=datetime.fromisoformat({SOON.isoformat()!r}))
        s.close()
        """
    )
    subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, check=True, timeout=60)
    assert [r.case_serial for r in watch.new_ratings()] == [case.serial]
