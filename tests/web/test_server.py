"""The rating server as a client meets it: only its own routes, the same strict headers on
every answer, no body over 8 KB, no client flooding it, and a clear Chinese refusal to start
where it cannot listen."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import pytest
from waitress.server import create_server

from tests.web.http import Answer, request
from window_assistant.errors import UserError
from window_assistant.web.app import MAX_BODY, STYLESHEET, RateLimiter
from window_assistant.web.server import RatingServer, _poll

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def assert_strict_headers(answer: Answer) -> None:
    h = answer.headers
    assert h["cache-control"] == "no-store"
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-window-assistant"] == "rating"
    csp = h["content-security-policy"]
    assert "default-src 'none'" in csp and "style-src 'self'" in csp
    assert "script-src" not in csp and "unsafe-inline" not in csp
    assert "server" not in h or "waitress" not in h["server"].lower()


@pytest.mark.parametrize(
    "path", ["/", "/admin", "/r", "/rate/x", "/static/other.css", "/favicon.ico"]
)
def test_other_paths_are_404_in_chinese(port, path):
    answer = request(port, "GET", path)
    assert answer.status == 404
    assert "没有这个页面" in answer.text
    assert_strict_headers(answer)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_are_405(port, method):
    answer = request(port, method, "/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    assert answer.status == 405
    assert answer.headers["allow"] == "GET, HEAD, POST"
    assert_strict_headers(answer)
    assert request(port, "POST", STYLESHEET, b"", FORM).status == 405


def test_style_sheet_is_served_with_the_same_headers(port):
    answer = request(port, "GET", STYLESHEET)
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/css")
    assert "font-size: 20px" in answer.text and "min-height: 3rem" in answer.text
    assert_strict_headers(answer)


@pytest.mark.parametrize("token", ["", "%3Cscript%3E", "abc.def", "a/b", "a" * 129, "%E4%B8%AD"])
def test_a_path_no_token_can_have_is_403(port, token):
    answer = request(port, "GET", f"/r/{token}")
    assert answer.status == 403
    assert "<script>" not in answer.text
    assert_strict_headers(answer)


def test_body_over_8_kb_is_413_with_our_page(port):
    body = b"level=5&comment=" + b"x" * MAX_BODY
    answer = request(port, "POST", "/r/AAAA", body, FORM)
    assert answer.status == 413
    assert "内容太长" in answer.text
    assert_strict_headers(answer)


def test_chunked_body_over_8_kb_is_413_too(port):
    chunks = (b"x" * 1024 for _ in range(9))  # no Content-Length: the app counts what it reads
    answer = request(port, "POST", "/r/AAAA", chunks, {**FORM, "Transfer-Encoding": "chunked"})
    assert answer.status == 413


def test_a_huge_body_is_refused_by_waitress_before_it_is_read(port):
    # Only the head is sent: the refusal comes from the declared length, before any body is
    # read (sending the megabyte would race the server's close with a connection reset).
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(
            b"POST /r/AAAA HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 1048576\r\n\r\n"
        )
        head = conn.recv(4096)
    assert head.startswith(b"HTTP/1.1 413 ")


def test_a_client_sending_too_fast_gets_429_and_others_do_not(services, db_path):
    limiter = RateLimiter(burst=5, per_second=0.01)
    with RatingServer(db_path, "127.0.0.1", 0, limiter=limiter) as server:
        port = server.address[1]
        statuses = [request(port, "GET", "/nothing").status for _ in range(7)]
        assert statuses == [404] * 5 + [429] * 2
        answer = request(port, "GET", STYLESHEET)
        assert answer.status == 429 and "太频繁" in answer.text
        assert_strict_headers(answer)
    assert limiter.allow("192.168.1.77")  # a different phone still gets in


def test_rate_limiter_refills_and_forgets_idle_clients():
    limiter = RateLimiter(burst=2, per_second=1, clients=2)
    assert limiter.allow("a", now=0) and limiter.allow("a", now=0)
    assert not limiter.allow("a", now=0.5)
    assert limiter.allow("a", now=1.6)  # refilled at one a second
    assert limiter.allow("b", now=1.6)
    assert not limiter.allow("c", now=1.6)  # table full, nobody idle long enough
    assert limiter.allow("c", now=10)  # a and b have refilled: forgotten, room for c


def test_port_in_use_is_a_chinese_user_error(services, db_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(UserError, match=f"端口 {port} 已被其他程序占用"):
            RatingServer(db_path, "127.0.0.1", port).start()


def test_an_address_not_on_this_pc_is_a_chinese_user_error(services, db_path):
    with pytest.raises(UserError, match="不是本机的地址"):
        RatingServer(db_path, "192.0.2.1", 0).start()  # TEST-NET-1: never assigned


def test_stop_closes_the_port_and_it_can_start_again(services, db_path):
    server = RatingServer(db_path, "127.0.0.1", 0)
    server.start()
    port = server.address[1]
    assert request(port, "GET", STYLESHEET).status == 200
    server.stop()
    with pytest.raises(ConnectionRefusedError):
        request(port, "GET", STYLESHEET, timeout=2)
    again = RatingServer(db_path, "127.0.0.1", port)
    again.start()
    try:
        assert request(port, "GET", STYLESHEET).status == 200
    finally:
        again.stop()


def test_the_loop_waits_while_a_worker_writes_and_then_sends_what_it_left(services):
    """While a worker thread writes an answer (its connection's output buffer locked, bytes in
    it) the loop does not poll that connection round after round: waitress's own loop did,
    holding the GIL the worker needed to finish (1.3 ms of CPU per rating under load). Once the
    lock is free, what is in the buffer goes out, the request still running or not."""
    go_on, release = threading.Event(), threading.Event()

    def app(environ: dict, start_response: Any) -> list[bytes]:
        go_on.wait(10)  # the request stays under way meanwhile
        start_response("200 OK", [("Content-Length", "4")])
        return [b"done"]

    server = create_server(app, host="127.0.0.1", port=0, threads=1)
    sockets = server._map
    client = socket.create_connection(("127.0.0.1", server.effective_port), timeout=10)
    try:
        client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        channel = _under_way(sockets)
        # What a worker thread is in the middle of in waitress's write_soon: bytes appended
        # to the buffer, the lock held until it has sent them.
        early = b"HTTP/1.1 103 Early Hints\r\n\r\n"
        holding = threading.Event()

        def writing() -> None:
            with channel.outbuf_lock:
                channel.outbufs[-1].append(early)
                channel.total_outbufs_len += len(early)
                holding.set()
                release.wait(10)

        worker = threading.Thread(target=writing)
        worker.start()
        assert holding.wait(10)
        rounds, until = 0, time.monotonic() + 0.3
        while time.monotonic() < until:
            _poll(sockets, 0.1)
            rounds += 1
        assert rounds <= 5  # waitress's poll2: thousands
        assert channel.total_outbufs_len == len(early)  # not sent under the worker's feet
        release.set()
        worker.join(10)
        _poll(sockets, 0.1)
        assert client.recv(1024) == early  # sent while the request still runs
        go_on.set()
        answer = b""
        while not answer.endswith(b"done"):
            _poll(sockets, 0.1)
            answer += _received(client)
        assert answer.startswith(b"HTTP/1.1 200 OK")
    finally:
        go_on.set()
        release.set()
        client.close()
        server.close()


def _under_way(sockets: dict[int, Any]) -> Any:
    """The connection once its request is with a worker."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        _poll(sockets, 0.05)
        channels = [c for c in sockets.values() if getattr(c, "requests", None)]
        if channels:
            return channels[0]
    raise AssertionError("the request never reached a worker")


def _received(client: socket.socket) -> bytes:
    client.setblocking(False)
    try:
        return client.recv(4096)
    except BlockingIOError:
        return b""
    finally:
        client.setblocking(True)
