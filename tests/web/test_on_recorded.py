"""The server tells its owner (the window) of each rating it records, after the commit, from its
worker thread; a failing listener never costs the citizen the thanks page."""

from __future__ import annotations

import threading

from tests.web.cases import register_cases
from tests.web.http import post_form
from window_assistant.ratings.log import Rating
from window_assistant.vocab import RatingLevel
from window_assistant.web.server import RatingServer


def test_each_recorded_rating_is_told_after_its_commit_from_a_worker_thread(services, db_path):
    cases = register_cases(services, 2)
    told: list[tuple[Rating, str, list[str]]] = []

    def listener(rating: Rating) -> None:
        committed = services.store.execute(  # another connection sees it: committed
            "SELECT case_serial FROM ratings WHERE case_serial = ?", [rating.case_serial]
        ).fetchall()
        told.append((rating, threading.current_thread().name, [r[0] for r in committed]))

    with RatingServer(db_path, "127.0.0.1", 0, on_recorded=listener) as server:
        port = server.address[1]
        assert post_form(port, f"/r/{cases[0].token}", [("level", "5")]).status == 200
        assert post_form(port, f"/r/{cases[0].token}", [("level", "5")]).status == 409
        assert post_form(port, f"/r/{cases[1].token}", [("level", "1")]).status == 200
    assert [(r.case_serial, r.level) for r, _, _ in told] == [
        (cases[0].serial, RatingLevel.VERY_SATISFIED),
        (cases[1].serial, RatingLevel.VERY_DISSATISFIED),
    ]
    assert all(thread != threading.main_thread().name for _, thread, _ in told)
    assert [seen for _, _, seen in told] == [[cases[0].serial], [cases[1].serial]]


def test_a_failing_listener_still_thanks_the_citizen(services, db_path, caplog):
    case = register_cases(services, 1)[0]

    def listener(rating: Rating) -> None:
        raise RuntimeError(f"window gone {rating.comment}")

    with RatingServer(db_path, "127.0.0.1", 0, on_recorded=listener) as server:
        answer = post_form(
            server.address[1], f"/r/{case.token}", [("level", "4"), ("comment", "秘密")]
        )
    assert answer.status == 200 and "感谢您的评价" in answer.text
    assert "评价记录通知出错 RuntimeError" in caplog.text
    assert "秘密" not in caplog.text  # the message could quote what the citizen typed
