"""Real HTTP against a running rating server on 127.0.0.1 (no WSGI shortcuts)."""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | Iterable[bytes] | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        chunked = (headers or {}).get("Transfer-Encoding") == "chunked"
        conn.request(method, path, body=body, headers=headers or {}, encode_chunked=chunked)
        response = conn.getresponse()
        data = response.read()
        return Answer(
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            data.decode("utf-8", "replace"),
        )
    finally:
        conn.close()


def post_form(port: int, path: str, fields: list[tuple[str, str]], timeout: float = 30) -> Answer:
    body = urlencode(fields).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    return request(port, "POST", path, body, headers, timeout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
