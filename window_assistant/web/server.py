"""The rating page served by waitress in a background thread, for the window (started and
stopped with it) and for ``serve-ratings`` (a centre PC that only serves)."""

from __future__ import annotations

import errno
import logging
import select
import socket
import threading
import time
from pathlib import Path
from typing import Any

from waitress import wasyncore
from waitress.server import create_server

from window_assistant.errors import UserError
from window_assistant.web.app import MAX_BODY, OnRecorded, RateLimiter, RatingApp, make_app

log = logging.getLogger(__name__)

THREADS = 8  # each holds one SQLite connection; their writes queue on one lock (RatingApp)
CHANNEL_TIMEOUT = 30  # seconds an idle or trickling phone connection is kept
# waitress's own cap, the backstop for a body the app could not refuse itself (a chunked body
# read by waitress before the app runs). It is above MAX_BODY so that a body just over the
# limit gets the app's Chinese 413 page with its headers rather than waitress's English one.
BACKSTOP_BODY = 2 * MAX_BODY
FLUSH_SECONDS = 2  # at stop, for answers already computed to reach their phones


class RatingServer:
    """``start()`` binds and serves in a background thread; ``stop()`` closes the listening
    socket, finishes the requests under way and closes the database connections."""

    def __init__(
        self,
        db_path: str | Path,
        host: str,
        port: int,
        *,
        limiter: RateLimiter | None = None,
        threads: int = THREADS,
        on_recorded: OnRecorded | None = None,  # see RatingApp: called in a worker thread
    ) -> None:
        self.db_path = Path(db_path)
        self.host = host
        self.port = port
        self.limiter = limiter
        self.threads = threads
        self.on_recorded = on_recorded
        self.app: RatingApp | None = None
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    @property
    def address(self) -> tuple[str, int]:
        """Where it listens (the real port when ``port`` was 0)."""
        if self._server is None:
            return self.host, self.port
        return str(self._server.effective_host), int(self._server.effective_port)

    def start(self) -> None:
        if self._thread is not None:
            return
        app = make_app(self.db_path, self.limiter, self.on_recorded)
        app.services()  # a damaged or newer database is said now, not on each phone
        try:
            self._server = create_server(
                app,
                host=self.host,
                port=self.port,
                threads=self.threads,
                max_request_body_size=BACKSTOP_BODY,
                channel_timeout=CHANNEL_TIMEOUT,
                ident="",  # no Server header naming the software
                expose_tracebacks=False,
                clear_untrusted_proxy_headers=True,
            )
        except OSError as exc:
            app.close()
            raise UserError(_bind_problem(self.host, self.port, exc)) from None
        except ValueError:  # waitress: a host name that does not resolve
            app.close()
            raise UserError(
                f"评价服务地址「{self.host}」无法解析为本机地址,请换成本机的局域网 IP 地址。"
            ) from None
        self.app = app
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="rating-server", daemon=True)
        self._thread.start()
        host, port = self.address
        log.info("评价服务已在 %s:%s 启动", host, port)

    def _run(self) -> None:
        server = self._server
        sockets = server._map  # waitress's socket map: the listener, its trigger, the channels
        # One poll at a time, so stop() is noticed within the timeout and every socket is
        # closed by this thread, the one that polls them.
        while not self._stopping.is_set():
            _poll(sockets, 0.2)
        wasyncore.dispatcher.close(server)  # stop accepting; the trigger stays for the flush
        server.task_dispatcher.shutdown(cancel_pending=False)  # finish the requests under way
        deadline = time.monotonic() + FLUSH_SECONDS
        while time.monotonic() < deadline and any(
            getattr(channel, "total_outbufs_len", 0) for channel in list(sockets.values())
        ):
            _poll(sockets, 0.05)
        wasyncore.close_all(sockets)

    def stop(self) -> None:
        if self._thread is None:
            return
        if self.app is not None:
            self.app.pad.wake()  # a pad's request held open answers now, not in 20 s
        self._stopping.set()
        self._thread.join()
        self._thread = None
        self._server = None
        if self.app is not None:
            self.app.close()
            self.app = None

    def __enter__(self) -> RatingServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _poll(sockets: dict[int, Any], timeout: float) -> None:
    """One round of waitress's poll loop (``wasyncore.poll2``), except that a connection whose
    answer a worker thread is writing right now is not watched for writing.

    waitress watches such a connection and, finding its buffer locked by the worker, gives up
    and polls again at once: a busy loop, holding the GIL, until the worker gets the GIL back
    to finish. Under load this loop took more CPU than the rating page itself (1.3 ms per
    rating). Skipping it loses nothing: a worker that leaves output unsent pulls waitress's
    trigger when it finishes, which wakes this loop to send it.
    """
    pollster = select.poll()
    for fd, channel in list(sockets.items()):
        flags = 0
        if channel.readable():
            flags |= select.POLLIN | select.POLLPRI
        if channel.writable() and not channel.accepting and not _worker_writing(channel):
            flags |= select.POLLOUT
        if flags:
            pollster.register(fd, flags)
    for fd, flags in pollster.poll(int(timeout * 1000)):  # a signal retries it (PEP 475)
        channel = sockets.get(fd)
        if channel is not None:
            wasyncore.readwrite(channel, flags)


def _worker_writing(channel: Any) -> bool:
    """Whether a worker thread holds the connection's output buffer (a request under way)."""
    lock = getattr(channel, "outbuf_lock", None)
    if lock is None or not getattr(channel, "requests", None):
        return False
    if not lock.acquire(blocking=False):
        return True
    lock.release()
    return False


def _bind_problem(host: str, port: int, exc: OSError) -> str:
    where = f"{host}:{port}"
    if exc.errno == errno.EADDRINUSE:
        return (
            f"端口 {port} 已被其他程序占用,评价服务无法在 {where} 启动。"
            "请关闭占用该端口的程序,或在设置中换一个评价服务端口。"
        )
    if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
        return (
            f"地址 {host} 不是本机的地址,评价服务无法在 {where} 启动。"
            "请在设置中选择本机的局域网地址。"
        )
    if exc.errno == errno.EACCES:
        return f"没有权限使用端口 {port}。请在设置中换一个 1024 以上的评价服务端口。"
    return f"评价服务无法在 {where} 启动:{exc.strerror or exc}。"
