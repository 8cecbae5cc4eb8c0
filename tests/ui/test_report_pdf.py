"""The monthly 好差评 report as PDF, reached from the core and the command line through the
entry point setup.cfg declares (``window_assistant.report_writers``): the text as pdftotext reads
it holds the month's figures and every chain head; A4 pages; the charts are drawn."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from importlib.metadata import entry_points
from pathlib import Path

import pypdf
import pytest

from tests.core.test_followups import boss
from tests.core.test_rating_report import build_month
from tests.core.test_stats import TODAY
from window_assistant.cli.main import main
from window_assistant.ratings.log import chain_heads
from window_assistant.ratings.report import WRITERS_GROUP, percent, report_writer_for, write_report
from window_assistant.ratings.stats import statistics

ROOT = Path(__file__).resolve().parents[2]
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


def declared_writers() -> dict[str, str]:
    """The report writers setup.cfg declares: {name: "module:function"}."""
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    lines = cfg["options.entry_points"][WRITERS_GROUP].strip().splitlines()
    return dict((part.strip() for part in line.split("=", 1)) for line in lines if "=" in line)


@pytest.fixture
def report_writers(tmp_path, monkeypatch):
    """The entry points as setup.cfg declares them. A checkout installed before they were
    declared lacks them in its metadata (installing again adds them): then a distribution with
    exactly setup.cfg's lines stands in, so this tests what setup.cfg says."""
    declared = declared_writers()
    installed = {ep.name: ep.value for ep in entry_points(group=WRITERS_GROUP)}
    if any(installed.get(name) != value for name, value in declared.items()):
        info = tmp_path / "site" / "window_assistant_report_writers-0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: window-assistant-report-writers\nVersion: 0\n"
        )
        body = "".join(f"{name} = {value}\n" for name, value in declared.items())
        (info / "entry_points.txt").write_text(f"[{WRITERS_GROUP}]\n{body}")
        monkeypatch.syspath_prepend(str(tmp_path / "site"))
    return declared


def pdf_text(path: Path) -> str:
    """pdftotext's reading of the PDF, whitespace removed (cells wrap across lines)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return re.sub(r"\s+", "", out)


def test_setup_cfg_declares_the_qt_pdf_writer(report_writers, tmp_path):
    assert report_writers == {"pdf": "ui.render.report_pdf:write_report_pdf"}
    from ui.render.report_pdf import write_report_pdf

    assert report_writer_for(tmp_path / "月报.PDF") is write_report_pdf


@needs_poppler
def test_the_pdf_through_the_entry_point_has_the_figures_and_the_chain_heads(
    services, report_writers, tmp_path, qapp
):
    build_month(services)
    path = tmp_path / "月报.pdf"
    report = write_report(services, boss(services), "2026-03", path, today=TODAY)
    text = pdf_text(path)
    fig = statistics(services, report.month, report.stats.date_to, today=TODAY).overall
    assert "铁西区政务服务中心“好差评”月度报告（2026年3月）" in text
    assert (
        f"评价总数{fig.total}" in text and f"好评率(主动评价好评率){percent(fig.good_rate)}" in text
    )
    assert (
        f"主动评价率{percent(fig.active_rate)}" in text and f"平均分{fig.average_score:.2f}" in text
    )
    for head in chain_heads(services):
        assert head.text() in text
    assert "核实情况:当日窗口人员不足〔王主任于2026-03-1715:00更正" in text
    assert "审核人(签字)" in text and "—1—" in text
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) >= 3
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.3) <= 1
        assert abs(float(page.mediabox.height) - 841.9) <= 1
    images = {img.data for page in reader.pages for img in page.images}
    assert len(images) == 4  # the four charts (a page may list another page's too)


@needs_poppler
def test_ratings_report_to_pdf_from_the_command_line(
    set_up, db_path, report_writers, tmp_path, monkeypatch, capsys, qapp
):
    """A supervisor signed in with their password (set-up done: a secret is needed)."""
    build_month(set_up)
    path = tmp_path / "三月.pdf"
    monkeypatch.setenv("WINDOW_ASSISTANT_SECRET", "correct horse")
    args = ["--db", str(db_path), "ratings", "report", "--month", "2026-03", "--out", str(path)]
    assert main([*args, "--as", "S01"]) == 0
    out = capsys.readouterr().out
    centre = set_up.settings.centre_name
    assert f"已生成 {centre}“好差评”月度报告（2026年3月）:{path}(评价 5 条" in out
    heads = chain_heads(set_up)
    assert all(h.text() in out and h.text() in pdf_text(path) for h in heads)
    # a wrong password: refused, exit 2, nothing written
    path.unlink()
    monkeypatch.setenv("WINDOW_ASSISTANT_SECRET", "wrong")
    assert main([*args, "--as", "S01"]) == 2
    assert not path.exists() and "Traceback" not in capsys.readouterr().err
