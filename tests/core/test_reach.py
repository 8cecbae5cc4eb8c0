"""Can phones reach the rating page: this PC's addresses and the 测试 verdicts, with real sockets
on loopback addresses (the whole of 127/8 is this PC's on Linux)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from window_assistant.ratings.reach import (
    LanAddress,
    bind_problem,
    check_reachable,
    lan_addresses,
    rank,
    try_address,
)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@contextmanager
def http_server(host: str, headers: dict[str, str]) -> Iterator[int]:
    """A real HTTP server answering every GET with 404 and ``headers``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(404)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_rank_puts_private_ranges_first_and_never_suggests_loopback_or_link_local():
    found = [
        LanAddress("8.8.4.4"),
        LanAddress("127.0.0.1", "lo"),
        LanAddress("169.254.10.3", "eth1"),
        LanAddress("0.0.0.0"),
        LanAddress("172.20.0.5", "docker0"),
        LanAddress("192.168.1.20", "", default_route=True),
        LanAddress("10.1.2.3", "vpn0"),
        LanAddress("192.168.1.20", "eth0"),  # the same address from another finder
        LanAddress("172.32.0.1"),  # just outside 172.16/12
    ]
    ranked = rank(found)
    assert [a.address for a in ranked] == [
        "192.168.1.20",
        "172.20.0.5",
        "10.1.2.3",
        "8.8.4.4",
        "172.32.0.1",
    ]
    assert ranked[0] == LanAddress("192.168.1.20", "eth0", default_route=True)
    assert ranked[0].label() == "192.168.1.20(eth0,默认网络)"
    assert LanAddress("8.8.4.4").label() == "8.8.4.4"


def test_lan_addresses_of_this_machine_are_its_own_and_never_loopback():
    found = lan_addresses()
    assert all(not a.address.startswith(("127.", "169.254.")) for a in found)
    for a in found:  # each can be bound, so each is this PC's
        with socket.socket() as s:
            s.bind((a.address, 0))
    own = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    assert own - {"127.0.0.1", "127.0.1.1"} <= {a.address for a in found}


def test_our_server_passes_on_another_loopback_address():
    with http_server("127.0.0.2", {"X-Window-Assistant": "rating"}) as port:
        result = check_reachable("127.0.0.2", port, timeout=2)
    assert result.ok and result.problem == ""
    assert "测试通过" in result.message and f"127.0.0.2:{port}" in result.message


def test_another_program_on_the_port_is_named():
    with http_server("127.0.0.3", {"Server": "nginx"}) as port:
        result = check_reachable("127.0.0.3", port, timeout=2)
    assert not result.ok and result.problem == "other_program"
    assert "不是评价服务" in result.message and f"127.0.0.3:{port}" in result.message


def test_a_program_that_is_not_http_counts_as_another_program():
    with socket.socket() as listener:
        listener.bind(("127.0.0.4", 0))
        listener.listen()
        port = listener.getsockname()[1]

        def answer() -> None:
            conn, _ = listener.accept()
            with conn:
                conn.recv(1024)
                conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")

        thread = threading.Thread(target=answer, daemon=True)
        thread.start()
        result = check_reachable("127.0.0.4", port, timeout=2)
        thread.join()
    assert result.problem == "other_program"


def test_closed_port_is_not_listening():
    port = free_port("127.0.0.5")
    result = check_reachable("127.0.0.5", port, timeout=2)
    assert not result.ok and result.problem == "refused"
    assert "没有程序在监听" in result.message


def test_a_listener_that_never_accepts_times_out_as_a_firewall_would():
    """The backlog is full, so the kernel drops the SYN: what a firewall's silent drop looks like."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.6", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = []
        for _ in range(4):  # fill the accept queue (its length is backlog + 1 on Linux)
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.6", port))
            fillers.append(filler)
        time.sleep(0.05)
        started = time.monotonic()
        result = check_reachable("127.0.0.6", port, timeout=0.5)
        elapsed = time.monotonic() - started
        for filler in fillers:
            filler.close()
    assert result.problem == "timeout", result
    assert "防火墙" in result.message and elapsed < 3


def test_an_address_of_another_machine_is_not_this_pcs():
    result = check_reachable("192.0.2.1", free_port(), timeout=0.5)  # TEST-NET-1: nobody's
    assert not result.ok and result.problem == "not_local"
    assert "「192.0.2.1」不是本机的地址" in result.message


def test_a_name_that_does_not_resolve():
    result = check_reachable("no-such-host.invalid", 8765, timeout=0.5)
    assert result.problem == "unresolved" and "无法解析地址" in result.message


def test_a_port_in_use_is_named_before_the_server_starts():
    with socket.socket() as holder:
        holder.bind(("127.0.0.7", 0))
        holder.listen()
        port = holder.getsockname()[1]
        problem = bind_problem("127.0.0.7", port)
    assert problem is not None and problem.problem == "port_in_use"
    assert f"端口 {port} 已被其他程序占用" in problem.message
    assert bind_problem("127.0.0.7", free_port("127.0.0.7")) is None


def test_a_port_bound_but_not_listening_is_in_use_for_the_set_up_test():
    with socket.socket() as holder:
        holder.bind(("127.0.0.8", 0))  # bound, not listening: connect is refused
        port = holder.getsockname()[1]
        result = try_address("127.0.0.8", port, timeout=1)
    assert result.problem == "port_in_use"


def test_set_up_test_without_a_running_server_tries_the_address_and_port_and_frees_them():
    port = free_port("127.0.0.9")
    result = try_address("127.0.0.9", port, timeout=2)
    assert result.ok and "评价服务启动后手机即可访问" in result.message
    assert bind_problem("127.0.0.9", port) is None  # the throw-away responder is gone
    assert check_reachable("127.0.0.9", port, timeout=1).problem == "refused"


def test_set_up_test_with_the_server_running_checks_it():
    with http_server("127.0.0.10", {"X-Window-Assistant": "rating"}) as port:
        assert try_address("127.0.0.10", port, timeout=2).ok
    with http_server("127.0.0.10", {}) as port:
        assert try_address("127.0.0.10", port, timeout=2).problem == "other_program"


@pytest.mark.parametrize("host", ["192.0.2.1", "10.255.255.1"])
def test_set_up_test_of_an_address_not_on_this_pc(host):
    assert try_address(host, free_port(), timeout=0.5).problem == "not_local"
