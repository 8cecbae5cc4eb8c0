"""Can a phone on the centre's LAN reach the rating page? This PC's LAN addresses, and a test.

Phones cannot reach 127.0.0.1, and a PC often has several addresses (office LAN, a VPN, a
virtual adapter), so the set-up lists the candidates, private ranges first, and the 测试 button
fetches ``http://HOST:PORT/`` through the chosen one. Our server answers every path (404 for
this one) with the header ``X-Window-Assistant: rating``, which tells it from another program
that happens to hold the port. Standard library only: the core must run anywhere Python does.
"""

from __future__ import annotations

import contextlib
import errno
import http.client
import ipaddress
import socket
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MARK_HEADER = "X-Window-Assistant"
MARK_VALUE = "rating"
PROBE_PATH = "/__reach"  # any path will do: the page answers 404 with the mark
# A private address for the UDP-connect trick: connect() on UDP only picks the route, sends nothing.
_ROUTE_PROBE = ("10.255.255.255", 9)
_SIOCGIFADDR = 0x8915  # Linux ioctl: an interface's IPv4 address


@dataclass(frozen=True)
class LanAddress:
    address: str
    interface: str = ""  # "" when the operating system does not say
    default_route: bool = False  # the address the default route leaves from

    @property
    def private(self) -> bool:
        return ipaddress.IPv4Address(self.address).is_private

    def label(self) -> str:
        """How the set-up lists it: 192.168.1.20(eth0,默认网络)."""
        notes = [n for n in (self.interface, "默认网络" if self.default_route else "") if n]
        return f"{self.address}({','.join(notes)})" if notes else self.address


@dataclass(frozen=True)
class ReachResult:
    ok: bool
    problem: str  # "" when ok; else refused | other_program | timeout | unreachable | not_local
    #                                    | unresolved | port_in_use | no_permission
    message: str  # Chinese, for the person setting up the centre


# -- this PC's addresses -----------------------------------------------------------------------
def _suggestable(address: str) -> bool:
    try:
        ip = ipaddress.IPv4Address(address)
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast)


def rank(found: Iterable[LanAddress]) -> list[LanAddress]:
    """Suggestions in order: private ranges (10/8, 172.16/12, 192.168/16) first, the default
    route's first within each group; never loopback, link-local (169.254, an adapter without
    DHCP) or 0.0.0.0. One entry per address, keeping what each finder knew about it."""
    merged: dict[str, LanAddress] = {}
    for a in found:
        if not _suggestable(a.address):
            continue
        old = merged.get(a.address)
        merged[a.address] = LanAddress(
            a.address,
            (old.interface if old else "") or a.interface,
            (old.default_route if old else False) or a.default_route,
        )
    order = list(merged)  # ties keep the order they were found in
    return sorted(
        merged.values(),
        key=lambda a: (not a.private, not a.default_route, order.index(a.address)),
    )


def _default_route_address() -> Iterator[LanAddress]:
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(_ROUTE_PROBE)
        yield LanAddress(s.getsockname()[0], default_route=True)


def _host_name_addresses() -> Iterator[LanAddress]:
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            yield LanAddress(str(info[4][0]))


def _interface_addresses() -> Iterator[LanAddress]:
    if not sys.platform.startswith("linux"):
        return
    import fcntl
    import struct

    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for _, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(
                    s.fileno(), _SIOCGIFADDR, struct.pack("256s", name[:15].encode())
                )
            except OSError:
                continue  # down, or no IPv4 address
            yield LanAddress(socket.inet_ntoa(packed[20:24]), interface=name)


def lan_addresses() -> list[LanAddress]:
    """This PC's IPv4 addresses a phone on the LAN could reach, best first."""
    return rank([*_default_route_address(), *_interface_addresses(), *_host_name_addresses()])


# -- the test ----------------------------------------------------------------------------------
def is_local_address(host: str) -> bool | None:
    """Whether ``host`` (an IPv4 address) belongs to this PC: binding to it works only then.
    None when that cannot be told (a name that does not resolve)."""
    try:
        address = socket.gethostbyname(host)
    except OSError:
        return None
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((address, 0))
        except OSError as exc:
            if exc.errno == errno.EADDRNOTAVAIL:
                return False
            raise
    return True


def bind_problem(host: str, port: int) -> ReachResult | None:
    """Why the rating server could not listen on ``host:port``, or None if it could."""
    where = f"{host}:{port}"
    try:
        address = socket.gethostbyname(host)
    except OSError:
        return ReachResult(False, "unresolved", f"无法解析地址「{host}」,请改用本机的 IP 地址。")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            s.bind((address, port))
        except OSError as exc:
            return _bind_failure(exc, host, port, where)
    return None


def _bind_failure(exc: OSError, host: str, port: int, where: str) -> ReachResult:
    if exc.errno == errno.EADDRINUSE:
        return ReachResult(
            False,
            "port_in_use",
            f"端口 {port} 已被其他程序占用,评价服务无法在 {where} 上启动;请换一个端口。",
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return _not_local(host)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ReachResult(
            False, "no_permission", f"没有权限在 {where} 上启动评价服务,请换一个端口(1024 以上)。"
        )
    return ReachResult(False, "unreachable", f"无法在 {where} 上启动评价服务:{exc.strerror}。")


def _not_local(host: str) -> ReachResult:
    return ReachResult(
        False,
        "not_local",
        f"「{host}」不是本机的地址,手机扫码后无法打开评价页面;请从列表中选择本机的局域网地址。",
    )


def check_reachable(host: str, port: int, timeout: float = 3.0) -> ReachResult:
    """Fetch ``http://host:port/`` and say in Chinese what stands in the way, if anything."""
    where = f"{host}:{port}"
    try:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            conn.request("GET", PROBE_PATH, headers={"Connection": "close"})
            response = conn.getresponse()
            mark = response.getheader(MARK_HEADER, "")
            response.read()
        finally:
            conn.close()
    except socket.gaierror:
        return ReachResult(False, "unresolved", f"无法解析地址「{host}」,请改用本机的 IP 地址。")
    except ConnectionRefusedError:
        if is_local_address(host) is False:
            return _not_local(host)
        return ReachResult(
            False,
            "refused",
            f"{where} 上没有程序在监听:评价服务尚未启动,或端口设置与服务不一致。",
        )
    except TimeoutError:
        return _blocked(host, where, "连接超时")
    except (http.client.HTTPException, ConnectionError):
        return _other_program(where)
    except OSError as exc:
        return _blocked(host, where, exc.strerror or "无法连接")
    if mark.strip().lower() != MARK_VALUE:
        return _other_program(where)
    return ReachResult(True, "", f"测试通过:{where} 上的评价服务可以访问。")


def _blocked(host: str, where: str, reason: str) -> ReachResult:
    if is_local_address(host) is False:
        return _not_local(host)
    return ReachResult(
        False,
        "timeout" if reason == "连接超时" else "unreachable",
        f"无法连接 {where}({reason}):可能被防火墙拦截,或地址有误;"
        f"请在防火墙中允许本程序使用该端口,并确认手机与本机在同一局域网。",
    )


def _other_program(where: str) -> ReachResult:
    return ReachResult(
        False,
        "other_program",
        f"{where} 上应答的不是评价服务,而是另一个程序;请换一个端口,或关闭占用该端口的程序。",
    )


# -- the 测试 button when the server is not running yet ---------------------------------------
class _MarkHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(404)
        self.send_header(MARK_HEADER, MARK_VALUE)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Silent: a probe is not worth a log line."""


def try_address(host: str, port: int, timeout: float = 3.0) -> ReachResult:
    """The set-up's 测试: if a rating server answers, check it; if nothing listens, stand up a
    throw-away responder on ``host:port`` for the length of one fetch, so the address and the
    port are tested before the server is ever started (and a port in use is named as such)."""
    result = check_reachable(host, port, timeout)
    if result.problem != "refused":
        return result
    refused = bind_problem(host, port)
    if refused is not None:
        return refused
    try:
        server = ThreadingHTTPServer((socket.gethostbyname(host), port), _MarkHandler)
    except OSError as exc:  # taken between the two checks
        return _bind_failure(exc, host, port, f"{host}:{port}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = check_reachable(host, port, timeout)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    if not result.ok:
        return result
    return ReachResult(True, "", f"测试通过:{host}:{port} 可以使用,评价服务启动后手机即可访问。")
