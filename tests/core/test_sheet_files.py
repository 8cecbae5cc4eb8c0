"""A sheet's file appears only once its case is committed (issue 8: one serial on two papers).

A failed COMMIT (a real full disk) or a registration killed between writing the file and
committing leaves no paper under its name, and the number goes to the next case, whose paper is
then the only one on disk that carries it.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from tests.small_disk import fill, small_disk
from window_assistant.cases import serials
from window_assistant.cases.registration import CaseRequest, CaseService, SheetNotSaved
from window_assistant.errors import UserError
from window_assistant.services import open_services
from window_assistant.sheets.docx import write_docx

REPO = Path(__file__).resolve().parents[2]
COMPANY = "001701001000"  # 企业设立登记
NOTICE = CaseRequest("item", COMPANY, kind="notice")

# The child registers with a writer that writes the real .docx, says which serial it wrote and
# waits to be killed: inside the transaction, before COMMIT.
KILLED_CHILD = """
import sys, time
from pathlib import Path
from window_assistant.cases.registration import CaseRequest, CaseService, SheetNotSaved
from window_assistant.services import open_services
from window_assistant.sheets.docx import write_docx

def write_then_wait(sheet, path, **fonts):
    write_docx(sheet, path, **fonts)
    print(sheet.serial, flush=True)
    time.sleep(120)

with open_services(sys.argv[1]) as svc:
    CaseService(svc).register(
        CaseRequest("item", sys.argv[3], kind="notice"), svc.default_clerk(),
        out=Path(sys.argv[2]), writer=write_then_wait)
"""


def number(text: str) -> str:
    """The year and number of the (first) serial in ``text``: 〔2026〕000001号."""
    found = re.search(r"〔\d{4}〕\d+号", text)
    assert found, text[:200]
    return found.group()


def serial_in(paper: Path) -> str:
    with zipfile.ZipFile(paper) as z:
        return number(z.read("word/header1.xml").decode("utf-8"))


def papers_on_disk(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` (hidden ones too) → the serial it carries."""
    return {p.name: serial_in(p) for p in sorted(folder.iterdir())}


def test_the_file_takes_its_name_only_after_the_commit(services, tmp_path):
    out = tmp_path / "papers" / "告知书.docx"
    out.parent.mkdir()
    seen = {}

    def write(sheet, path, **fonts):
        write_docx(sheet, path, **fonts)
        other = sqlite3.connect(services.store.path)  # another program, during the transaction
        seen["cases"] = other.execute("SELECT count(*) FROM cases").fetchone()[0]
        other.close()
        seen["named"] = out.exists()
        seen["staged"] = path

    case = CaseService(services).register(NOTICE, services.default_clerk(), out=out, writer=write)
    assert seen["cases"] == 0 and not seen["named"]  # the paper was not there before the case
    assert seen["staged"].parent == out.parent and not seen["staged"].exists()
    assert papers_on_disk(out.parent) == {"告知书.docx": number(case.serial)}


def test_a_commit_refused_by_a_full_disk_leaves_no_paper(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    out = papers / "告知书.docx"
    with small_disk(tmp_path / "disk") as disk, open_services(disk / "wa.db") as svc:
        cases = CaseService(svc)
        svc.store.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the next COMMIT must grow the WAL
        filler = fill(disk)
        written = []

        def write(sheet, path, **fonts):
            write_docx(sheet, path, **fonts)  # papers/ is on another disk: this works
            written.append(sheet.serial)

        with pytest.raises(UserError, match="磁盘空间不足"):
            cases.register(NOTICE, svc.default_clerk(), out=out, writer=write)
        assert len(written) == 1  # the paper was written: the COMMIT is what failed
        assert list(papers.iterdir()) == []
        assert svc.store.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
        assert serials.last_number(svc.store, "notice", datetime.now().year) == 0

        filler.unlink()  # space freed: the same number goes to the next case, on its only paper
        case = cases.register(NOTICE, svc.default_clerk(), out=out)
        assert case.serial == written[0]
        assert papers_on_disk(papers) == {"告知书.docx": number(case.serial)}


def test_a_registration_killed_before_its_commit_leaves_no_paper(db_path, tmp_path):
    open_services(db_path).close()
    papers = tmp_path / "papers"
    papers.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_CHILD, str(db_path), str(papers / "告知书.docx"), COMPANY],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    try:
        killed_serial = child.stdout.readline().strip()
        assert killed_serial, child.stderr.read()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert not (papers / "告知书.docx").exists()
    with open_services(db_path) as svc:
        assert svc.store.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
        case = CaseService(svc).register(NOTICE, svc.default_clerk(), out=papers / "下一位.docx")
    # The number was never handed out, so the next case takes it; no other paper carries it.
    assert case.serial == killed_serial
    assert papers_on_disk(papers) == {"下一位.docx": number(case.serial)}


def test_a_rename_refused_after_the_commit_says_the_case_is_registered(services, tmp_path):
    taken = tmp_path / "告知书.docx"
    (taken / "something").mkdir(parents=True)  # the name is taken by a folder meanwhile
    with pytest.raises(SheetNotSaved, match="办件已登记,编号 .*没有保存.*重新输出") as refused:
        CaseService(services).register(NOTICE, services.default_clerk(), out=taken)
    case = refused.value.case
    assert CaseService(services).get(case.serial) == case  # registered: the number is used
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "wa.db",
        "wa.db-shm",
        "wa.db-wal",
        "告知书.docx",
    ]
