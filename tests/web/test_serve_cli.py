"""``python -m window_assistant serve-ratings``: serves, stops cleanly on Ctrl+C or SIGTERM, and
refuses a port it cannot have with exit 2 and a Chinese message, no traceback."""

from __future__ import annotations

import signal
import socket

import pytest

from tests.cli.test_cli import run
from tests.web.http import request
from tests.web.serve import start_serving
from window_assistant.web.app import STYLESHEET


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_serves_until_ctrl_c_or_sigterm_then_exits_0(services, db_path, sig):
    child, port = start_serving(db_path)
    assert request(port, "GET", STYLESHEET).headers["x-window-assistant"] == "rating"
    child.send_signal(sig)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert f"127.0.0.1:{port}" in out
    assert "评价服务已停止" in err and "Traceback" not in err
    with pytest.raises(ConnectionRefusedError):
        request(port, "GET", STYLESHEET, timeout=2)


def test_port_in_use_exits_2_in_chinese(services, db_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(db_path, "serve-ratings", "--host", "127.0.0.1", "--port", str(port))
    assert result.returncode == 2
    assert f"端口 {port} 已被其他程序占用" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--port", "80"], "端口至少为 1024"),
        (["--port", "70000"], "过大"),
        (["--host", "999.1.1.1"], "IPv4"),
    ],
)
def test_bad_host_or_port_exits_2_in_chinese(services, db_path, args, said):
    result = run(db_path, "serve-ratings", *args)
    assert result.returncode == 2
    assert said in result.stderr and "Traceback" not in result.stderr
