"""Exports of the rating log (issue 10 §4, §7) on real temporary databases, without Qt: the CSV
and XLSX written and read back (csv after the BOM, python-calamine), verified, then with one row
edited and one removed (each named); a date slice verified from its first seq; masking by
default and the supervisor's audited --unmasked; the GB/T 39046 dataset's codes on a known data
set; a full disk (a real small tmpfs) leaving nothing behind."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from tests.core.test_followups import step
from tests.core.test_ratings_log import ITEM, key_of, second_window
from window_assistant import exports as common_exports
from window_assistant.accounts import INSTALLER
from window_assistant.cases.registration import Case, CaseRequest, CaseService
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.ratings.exports import (
    GBT39046_HEADERS,
    HEADERS,
    export_gbt39046,
    export_table,
)
from window_assistant.ratings.log import (
    chain_heads,
    comment_digest,
    key_id,
    record_rating,
    verify_chain,
)
from window_assistant.services import Services
from window_assistant.sheets.model import Person
from window_assistant.vocab import FollowUpStep, RatingChannel, RatingLevel

PHONE = "13912345678"
DAY1, DAY2, DAY3 = (datetime(2026, 3, d, 10, 0) for d in (9, 10, 11))
COL = {header.split("(")[1].rstrip(")"): i for i, header in enumerate(HEADERS)}


def rated(services: Services, at: datetime, level, comment="", channel="qr_code", name=""):
    applicant = Person(name, "person", "resident_id", "", "13800000000") if name else None
    request = CaseRequest("item", ITEM, applicant=applicant, kind="notice")
    case = CaseService(services, clock=lambda: at).register(request, services.default_clerk())
    record_rating(services, case.token, level, [], comment, channel, "phone", now=at)
    return case


def known(services: Services) -> list[Case]:
    """Window 1: seq 1 on 9 March (a 非常满意 on the pad by 张三 with a phone in the comment),
    seq 2–3 on the 10th (a 不满意 starting like a formula; a 满意), seq 4 on the 11th; window 2:
    seq 1 on the 10th."""
    cases = [
        rated(services, DAY1, RatingLevel.VERY_SATISFIED, f"请回电 {PHONE}", "pad", "张三"),
        rated(services, DAY2, RatingLevel.DISSATISFIED, '=HYPERLINK("http://x")'),
        rated(services, DAY2, RatingLevel.SATISFIED),
        rated(services, DAY3, RatingLevel.BASICALLY_SATISFIED, "还行"),
    ]
    second_window(services)
    cases.append(rated(services, DAY2, RatingLevel.VERY_DISSATISFIED))
    return cases


def read_csv(path: Path) -> tuple[list[list[str]], list[list[str]]]:
    """The lines above the table and the table (header first), the BOM stripped by hand."""
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    lines = list(csv.reader(io.StringIO(raw[len(codecs.BOM_UTF8) :].decode("utf-8"))))
    blank = lines.index([])
    return lines[:blank], lines[blank + 1 :]


def write_csv(path: Path, preamble: list[list[str]], table: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([*preamble, [], *table])


def read_xlsx(path: Path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


# -- the table, written and read back ----------------------------------------------------------
def test_the_csv_holds_every_field_masked_with_its_heads_and_verifies(services, tmp_path):
    cases = known(services)
    path = tmp_path / "评价.csv"
    done = export_table(services, path)
    preamble, table = read_csv(path)
    assert preamble[0] == ["窗口助手评价记录", "window-assistant/ratings-table", "3"]
    assert preamble[3][:2] == ["评价意见", "已脱敏"]
    assert preamble[4][:2] == ["密钥标识", key_id(key_of(services))]
    heads = chain_heads(services)
    assert done.heads == heads and done.rows == 5
    assert [line[1:] for line in preamble[6 : 6 + len(heads)]] == [
        [h.window, "1", str(h.seq), h.hash, str(h.count)] for h in heads
    ]
    assert table[0] == HEADERS and "窗口编号(window_number)" in HEADERS
    rows = table[1:]
    assert [r[COL["case_serial"]] for r in rows] == [c.serial for c in cases]
    first = rows[0]
    assert first[COL["level"]] == "very_satisfied" and first[COL["level_label"]] == "非常满意"
    assert first[COL["channel_label"]] == "政务大厅平板电脑"
    assert first[COL["comment"]] == "请回电 139****5678" and PHONE not in path.read_text("utf-8")
    original = f"请回电 {PHONE}".encode()
    # keyed: a plain SHA-256 beside 139****5678 would give the 4 hidden digits back
    assert first[COL["comment_sha256"]] == comment_digest(original.decode(), key_of(services))
    assert first[COL["comment_sha256"]] != hashlib.sha256(original).hexdigest()
    assert rows[1][COL["comment"]] == '\'=HYPERLINK("http://x")'  # text in Excel, not a formula
    assert rows[2][COL["comment"]] == rows[2][COL["comment_sha256"]] == ""  # no comment, no digest
    result = verify_chain(path=path, key=key_of(services))
    assert result.intact and result.checked == 5 and result.heads == heads
    assert result.comments_checked and not verify_chain(path=path).comments_checked
    entry = services.audit.entries(1)[0]
    assert entry.action == "ratings.export" and entry.actor == "cli"
    assert entry.detail["rows"] == 5 and entry.detail["masked"] is True
    assert entry.detail["path"] == str(path) and PHONE not in str(
        entry.detail
    )  # no content: heads are hex, which may hold "139"


def test_the_xlsx_holds_the_rows_the_figures_and_the_heads_and_verifies(services, tmp_path):
    known(services)
    path = tmp_path / "评价.xlsx"
    export_table(services, path)
    rows = read_xlsx(path, "评价记录")
    assert rows[0] == HEADERS and len(rows) == 6
    assert rows[1][COL["comment"]] == "请回电 139****5678"
    stats = read_xlsx(path, "统计")
    header = stats[0]
    overall = dict(zip(header, stats[1]))
    assert overall["范围"] == "合计" and overall["评价数"] == 5
    assert overall["好评率"] == pytest.approx(0.6) and overall["差评"] == 2
    assert [r[0] for r in stats[1:]] == ["合计", "窗口", "窗口", "经办人"]
    book = load_workbook(path, read_only=True)
    good_rate = header.index("好评率") + 1
    assert book["统计"].cell(2, good_rate).number_format == "0.0%"  # a number shown as percent
    book.close()
    heads = read_xlsx(path, "链头")
    assert heads[0][:2] == ["窗口助手评价记录", "window-assistant/ratings-table"]
    assert [h.hash for h in chain_heads(services)] == [r[4] for r in heads if r[0] == "链头"][1:]
    assert verify_chain(path=path, key=key_of(services)).intact


def _tamper_csv(path: Path, edit) -> None:
    preamble, table = read_csv(path)
    write_csv(path, preamble, [table[0], *edit(table[1:])])


def _tamper_xlsx(path: Path, edit) -> None:
    book = load_workbook(path)
    sheet = book["评价记录"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    sheet.delete_rows(2, sheet.max_row)
    for row in edit(rows):
        sheet.append(row)
    book.save(path)


def _edit_level(rows):
    rows[1][COL["level"]], rows[1][COL["level_label"]] = "very_satisfied", "非常满意"
    return rows


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(
    ("edit", "seq", "words"),
    [
        (_edit_level, 2, "内容与校验值不符:这条评价被改动过"),
        (lambda rows: [rows[0], *rows[2:]], 2, "序号应为 2,这里是 3"),
        (lambda rows: rows[:3] + rows[4:], 4, "第 4 条缺失:最新的评价被删除"),
        # only the label changed: it must agree with its code
        (lambda rows: [rows[0], [*rows[1][:9], "满意", *rows[1][10:]], *rows[2:]], 2, "被改动过"),
    ],
    ids=["level edited", "middle row removed", "newest row removed", "label edited"],
)
def test_an_edited_or_removed_row_is_named(services, tmp_path, suffix, edit, seq, words):
    cases = known(services)
    path = tmp_path / f"评价{suffix}"
    export_table(services, path)
    (_tamper_csv if suffix == ".csv" else _tamper_xlsx)(path, edit)
    problem = verify_chain(path=path, key=key_of(services)).problem
    assert problem is not None and (problem.window, problem.seq) == ("1", seq)
    assert words in problem.message()
    if "改动" in words:  # the edited row itself, by its case
        assert cases[1].serial in problem.message()


def test_a_masked_comment_verifies_through_its_digest_but_an_edited_one_does_not(
    services, tmp_path
):
    known(services)
    path = tmp_path / "评价.csv"
    export_table(services, path)
    for row, column, value, intact in (
        (4, "comment", "很好", False),  # the 基本满意's 还行, no mask in it: its text must match
        (1, "comment_sha256", "0" * 64, False),  # the masked one's digest
        # still masked: the digest decides, and it is true (documented: a masked text is
        # covered by its digest only)
        (1, "comment", "请回电 139****0000", True),
    ):
        preamble, table = read_csv(path)
        table[row][COL[column]] = value
        copy = tmp_path / f"{column}{row}.csv"
        write_csv(copy, preamble, table)
        result = verify_chain(path=copy, key=key_of(services))
        if intact:
            assert result.intact
        else:
            assert result.problem is not None and result.problem.seq == row


def test_a_date_slice_verifies_from_its_first_row_and_its_ends_are_guarded(services, tmp_path):
    known(services)
    path = tmp_path / "十日.csv"
    done = export_table(services, path, date_from=date(2026, 3, 10), date_to=date(2026, 3, 11))
    assert done.rows == 4
    assert [(h.window, h.seq - h.count + 1, h.seq) for h in done.heads] == [
        ("1", 2, 4),
        ("7", 1, 1),
    ]
    result = verify_chain(path=path, key=key_of(services))
    assert result.intact and result.checked == 4
    assert [(h.window, h.seq, h.count) for h in result.heads] == [("1", 4, 3), ("7", 1, 1)]
    preamble, table = read_csv(path)
    for cut, seq, words in (
        (lambda rows: rows[1:], 2, "序号应为 2,这里是 3"),  # the slice's first row
        (lambda rows: [rows[0], *rows[2:]], 3, "序号应为 3,这里是 4"),
        (lambda rows: [*rows[:2], *rows[3:]], 4, "第 4 条缺失"),
    ):
        write_csv(path, preamble, [table[0], *cut(table[1:])])
        problem = verify_chain(path=path, key=key_of(services)).problem
        assert problem is not None and (problem.window, problem.seq) == ("1", seq)
        assert words in problem.message()


def test_export_reports_progress_and_refuses_reversed_dates(services, tmp_path):
    known(services)
    calls: list[tuple[int, int]] = []
    export_table(
        services, tmp_path / "a.csv", progress=lambda done, total: calls.append((done, total))
    )
    assert calls[0] == (0, 5) and calls[-1] == (5, 5)
    empty = tmp_path / "空.xlsx"  # a period before the first rating
    assert export_table(services, empty, date_to=date(2026, 3, 1)).rows == 0
    assert verify_chain(path=empty, key=key_of(services)).intact and read_xlsx(
        empty, "评价记录"
    ) == [HEADERS]
    with pytest.raises(UserError, match="起始日期 2026-03-11 晚于截止日期 2026-03-10"):
        export_table(
            services, tmp_path / "b.csv", date_from=date(2026, 3, 11), date_to=date(2026, 3, 10)
        )
    with pytest.raises(UserError, match=r"只能导出为 \.csv 或 \.xlsx"):
        export_table(services, tmp_path / "b.txt")
    assert not (tmp_path / "b.csv").exists()


# -- masking -----------------------------------------------------------------------------------
def test_unmasked_is_a_supervisors_choice_and_is_audited(set_up, tmp_path):
    clerk = set_up.accounts.user("1003")
    boss = set_up.accounts.user("S01")
    case = CaseService(set_up, clock=lambda: DAY1).register(
        CaseRequest("item", ITEM, kind="notice"), clerk
    )
    record_rating(set_up, case.token, "satisfied", [], f"电话 {PHONE}", "qr_code", "p", now=DAY1)
    before = len(set_up.audit.entries(100))
    path = tmp_path / "全文.csv"
    for actor in (clerk, None):
        with pytest.raises(UserError) as info:
            export_table(set_up, path, actor, unmasked=True)
        assert actor is None or isinstance(info.value, PermissionDenied)
    assert not path.exists() and len(set_up.audit.entries(100)) == before
    done = export_table(set_up, path, boss, unmasked=True)
    assert not done.masked and PHONE in path.read_text("utf-8-sig")
    assert verify_chain(path=path, key=key_of(set_up)).intact
    entry = set_up.audit.entries(1)[0]
    assert (entry.actor, entry.action) == ("S01", "ratings.export")
    assert entry.detail["masked"] is False and entry.detail["rows"] == 1
    assert PHONE not in str(entry.detail)
    masked = export_table(set_up, tmp_path / "脱敏.csv", clerk)  # masked: anyone
    assert masked.masked and PHONE not in (tmp_path / "脱敏.csv").read_text("utf-8-sig")


# -- GB/T 39046 --------------------------------------------------------------------------------
def test_the_gbt39046_dataset_carries_the_standards_codes(services, tmp_path):
    cases = known(services)
    decide = step(services, cases[4], FollowUpStep.APPEAL, DAY2, services.default_clerk(),
                  kind="恶意差评", reason="评价人承认误点")  # fmt: skip
    assert decide.appeal == "pending"
    step(services, cases[4], FollowUpStep.APPEAL_DECISION, DAY2, upheld="成立", decision="属实")
    path = tmp_path / "上报.csv"
    done = export_gbt39046(services, path)
    table = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    assert table[0] == GBT39046_HEADERS and done.rows == 5
    rows = {r[0]: dict(zip(GBT39046_HEADERS, r)) for r in table[1:]}
    pad = rows[cases[0].serial]
    assert (pad["评价渠道"], pad["满意度"], pad["满意度代码"]) == ("4", "非常满意", "1")
    assert pad["评价时间"] == "20260309T100000" and pad["评价次数"] == "1"
    assert pad["评价人"] == "张*" and pad["文字评价"] == "请回电 139****5678"
    assert pad["行政区划"] == "210303" and pad["申诉复核"] == ""
    bad = rows[cases[4].serial]
    assert (bad["评价渠道"], bad["满意度代码"], bad["评价人"]) == ("3", "5", "匿名")
    assert bad["申诉复核"] == "申诉成立,不计入统计"
    assert [r[0] for r in table[1:]][:2] == [cases[0].serial, cases[1].serial]  # oldest first

    with pytest.raises(UserError, match="行政区划代码须为 6 位数字"):
        services.settings.change(INSTALLER, {"centre.region_code": "21030"})
    services.settings.change(INSTALLER, {"centre.region_code": "210302"})
    sliced = tmp_path / "上报.xlsx"
    export_gbt39046(services, sliced, INSTALLER, date_from=date(2026, 3, 9),
                    date_to=date(2026, 3, 9), unmasked=True)  # fmt: skip
    (header, row) = read_xlsx(sliced, "评价数据")
    data = dict(zip(header, row))
    assert data["评价人"] == "张三" and data["文字评价"] == f"请回电 {PHONE}"
    assert data["行政区划"] == "210302" and int(data["满意度代码"]) == 1
    assert int(data["评价渠道"]) == RatingChannel.PAD.gbt39046 == 4


# -- a full disk -------------------------------------------------------------------------------
@pytest.fixture
def full_disk(tmp_path):
    """A real 64 KB tmpfs filled to the last byte (root only); else a folder nobody may write."""
    folder = tmp_path / "小盘"
    folder.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True
        ).returncode
        == 0
    )
    if mounted:
        with open(folder / "filler", "wb", buffering=0) as out, pytest.raises(OSError):
            while True:
                out.write(b"x" * 4096)
    elif os.geteuid() != 0:
        folder.chmod(0o555)
    else:
        pytest.skip("cannot mount a tmpfs here and root writes any folder")
    yield folder
    if mounted:
        subprocess.run(["umount", str(folder)], check=True)
    else:
        folder.chmod(0o755)


@pytest.mark.parametrize("name", ["评价.csv", "评价.xlsx", "上报.csv"])
def test_a_full_disk_is_a_chinese_error_and_leaves_nothing_behind(services, full_disk, name):
    known(services)
    before = sorted(p.name for p in full_disk.iterdir())
    entries = len(services.audit.entries(100))
    export = export_gbt39046 if name.startswith("上报") else export_table
    with pytest.raises(UserError, match="无法写入 .*请检查位置和磁盘空间"):
        export(services, full_disk / name)
    assert sorted(p.name for p in full_disk.iterdir()) == before
    assert len(services.audit.entries(100)) == entries  # nothing exported, nothing audited


def test_the_xlsx_refuses_more_rows_than_a_sheet_holds(services, tmp_path, monkeypatch):
    known(services)
    monkeypatch.setattr(common_exports, "XLSX_MAX_ROWS", 4)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(UserError, match="超过 Excel 工作表的上限 4 条:请导出为 .csv"):
        export_table(services, folder / "大.xlsx")
    assert list(folder.iterdir()) == []
