"""The XLSX side of ``exports``: writing with openpyxl's write-only mode (rows stream to the
file, so a year of ratings does not sit in memory), reading back with python-calamine.

Imported only when an .xlsx is written or verified: openpyxl costs ~90 ms to import.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from python_calamine import CalamineError, CalamineWorkbook

from window_assistant.ratings.exports import HEADS_SHEET, ROWS_SHEET, STATS_SHEET
from window_assistant.ratings.log import ChainBroken
from window_assistant.vocab import RatingChannel, RatingLevel

PERCENT, SCORE = "0.0%", "0.00"
_Figure = Callable[[dict[str, Any]], Any]


def _followup(key: str) -> _Figure:
    return lambda fig: fig["followup"][key]


# (column, how to get it from ``Figures.to_json()``, number format): sheet 统计.
STATS_COLUMNS: list[tuple[str, _Figure, str | None]] = [
    ("评价数", lambda fig: fig["total"], None),
    *((lv.label, (lambda fig, c=lv.value: fig["by_level"][c]), None) for lv in RatingLevel),
    *((ch.label, (lambda fig, c=ch.value: fig["by_channel"][c]), None) for ch in RatingChannel),
    ("好评率", lambda fig: fig["good_rate"], PERCENT),
    ("平均分", lambda fig: fig["average_score"], SCORE),
    ("可评价办件", lambda fig: fig["ratable"], None),
    ("已评价", lambda fig: fig["rated"], None),
    ("评价期内", lambda fig: fig["still_open"], None),
    ("未评", lambda fig: fig["unrated"], None),
    ("主动评价率", lambda fig: fig["active_rate"], PERCENT),
    ("未评率", lambda fig: fig["unrated_rate"], PERCENT),
    ("申诉成立(不计入)", lambda fig: fig["excluded"], None),
    ("差评", _followup("bad"), None),
    ("差评回复率", _followup("reply_rate"), PERCENT),
    ("实名差评", _followup("named"), None),
    ("回访率", _followup("revisit_rate"), PERCENT),
    ("回访整改率", _followup("revisit_rectify_rate"), PERCENT),
    ("回访整改满意率", _followup("revisit_satisfaction_rate"), PERCENT),
    ("按时核实", _followup("verified_on_time"), None),
    ("按时整改", _followup("handled_on_time"), None),
    ("超期未办", _followup("overdue_open"), None),
    ("已办结", _followup("closed"), None),
]


def _bold_row(ws: WriteOnlyWorksheet, values: Iterable[Any]) -> list[WriteOnlyCell]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(ws, value=value)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _as_text(ws: WriteOnlyWorksheet, row: list[Any]) -> list[Any]:
    """``row`` with any text starting with = kept as text: openpyxl would write a formula."""
    for i, value in enumerate(row):
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            row[i] = cell
    return row


def _append_rows(ws: WriteOnlyWorksheet, headers: list[str], rows: Iterable[list[Any]]) -> None:
    ws.freeze_panes = "A2"
    ws.append(_bold_row(ws, headers))
    for row in rows:
        ws.append(_as_text(ws, row))


def write_table(
    out: Any,
    preamble: list[list[Any]],
    headers: list[str],
    rows: Iterable[list[Any]],
    figures: list[tuple[str, dict[str, Any]]],
) -> None:
    """Sheets 评价记录 (the rows), 统计 (the figures), 链头 (the preamble with the heads)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(ROWS_SHEET)
    for letter, width in (("B", 16), ("D", 26), ("F", 22), ("N", 40), ("P", 20)):
        sheet.column_dimensions[letter].width = width
    _append_rows(sheet, headers, rows)
    stats = book.create_sheet(STATS_SHEET)
    stats.column_dimensions["B"].width = 24
    stats.freeze_panes = "C2"
    stats.append(_bold_row(stats, ["范围", "名称", *(name for name, _, _ in STATS_COLUMNS)]))
    for scope, fig in figures:
        cells: list[Any] = [scope, fig["label"]]
        for _, get, number_format in STATS_COLUMNS:
            cell = WriteOnlyCell(stats, value=get(fig))
            if number_format:
                cell.number_format = number_format
            cells.append(cell)
        stats.append(cells)
    heads = book.create_sheet(HEADS_SHEET)
    heads.column_dimensions["E"].width = 66
    for line in preamble:
        heads.append(_as_text(heads, list(line)))
    _save(book, out)


def write_dataset(
    out: Any, headers: list[str], rows: Iterable[list[Any]], sheet: str = "评价数据"
) -> None:
    """One sheet, the header then the rows (the GB/T 39046 datasets, the case ledger)."""
    book = Workbook(write_only=True)
    _append_rows(book.create_sheet(sheet), headers, rows)
    _save(book, out)


def _save(book: Workbook, out: Any) -> None:
    """Save through a scratch file in the system's temporary folder (where openpyxl keeps the
    sheets' XML anyway), then copy: a full target disk then fails a plain copy, which leaves
    openpyxl nothing half-closed to complain about later."""
    with tempfile.TemporaryFile() as scratch:
        book.save(scratch)
        scratch.seek(0)
        shutil.copyfileobj(scratch, out, 1 << 20)


def read_table(path: Path) -> tuple[list[list[Any]], Iterator[tuple[int, list[Any]]]]:
    """Sheet 链头's lines and sheet 评价记录's rows (numbered as Excel shows them)."""
    if not zipfile.is_zipfile(path):
        raise ChainBroken(f"{path} 不是有效的 Excel 工作簿(.xlsx),无法核验。")
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
        if ROWS_SHEET not in names or HEADS_SHEET not in names:
            raise ChainBroken(
                f"{path} 不是窗口助手导出的评价记录(应有工作表「{ROWS_SHEET}」和「{HEADS_SHEET}」)。"
            )
        preamble = [list(line) for line in book.get_sheet_by_name(HEADS_SHEET).iter_rows()]
        table = book.get_sheet_by_name(ROWS_SHEET).iter_rows()
    except CalamineError:
        raise ChainBroken(f"{path} 已损坏,无法读取(不是完整的 Excel 工作簿)。") from None
    return preamble, enumerate((list(r) for r in table), start=1)
