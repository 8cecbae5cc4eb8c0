"""The xlsx template: five sheets, bold frozen header, drop-downs for enumerated columns.

Reading goes through python-calamine (Rust), 3–4× faster than parsing the sheet XML in Python
on a 10,000-item workbook (README, Performance); openpyxl's read-only mode reads what calamine
refuses and words the error for a damaged file. Writing uses openpyxl's write-only mode.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook

from window_assistant.catalog.io.checks import NO_ZEROS, LostZeros
from window_assistant.catalog.io.errors import CatalogFormatError, Unreadable, check_file_size
from window_assistant.catalog.io.schema import (
    BOOL,
    COLUMNS,
    ENUM,
    INT,
    LIST_KINDS,
    SHEETS,
    SHORT,
    TEXT,
    Column,
)
from window_assistant.catalog.io.tables import Progress, catalog_from_rows, catalog_rows
from window_assistant.catalog.io.xlsxcheck import SheetLayout, inspect
from window_assistant.catalog.model import Catalog
from window_assistant.errors import UserError

_WIDTHS = {SHORT: 18, TEXT: 40, INT: 12, BOOL: 12, ENUM: 16}
_WIDE = {"name", "notes", "question", "description", "online_url", "place"}


def read_xlsx(path: Path, progress: Progress | None = None, zeros: LostZeros = NO_ZEROS) -> Catalog:
    """Read the template layout; calamine first, openpyxl if it balks. A workbook too large
    to be a catalog is refused before either opens it (``xlsxcheck``)."""
    source = path.name
    if path.stat().st_size == 0:
        raise CatalogFormatError.single(source, f"「{source}」是空文件,没有任何内容。")
    check_file_size(path)
    if not zipfile.is_zipfile(path):
        raise CatalogFormatError.single(
            source,
            f"「{source}」不是有效的 Excel 工作簿(.xlsx)。如果是 .xls 或其他格式,"
            "请在 Excel/WPS 中“另存为” Excel 工作簿(*.xlsx)后再导入。",
        )
    layouts = inspect(path)
    try:
        return _read_calamine(path, progress, zeros, layouts)
    except CatalogFormatError:
        raise
    except Exception:  # an unusual but maybe valid workbook: let openpyxl try
        return _read_openpyxl(path, progress, zeros, layouts)


def _as_shown(rows: list[list[Any]], layout: SheetLayout | None) -> list[list[Any]]:
    """The grid as the user sees it: a value merged over several rows is each row's value
    (rows that have nothing else stay blank), and a cell the file holds no value for is
    ``Unreadable`` instead of empty."""
    if layout is None:
        return rows
    for r1, c1, r2, _ in layout.merged:
        if r1 >= len(rows) or c1 >= len(rows[r1]):
            continue
        value = rows[r1][c1]
        for r in range(r1 + 1, min(r2, len(rows) - 1) + 1):
            row = rows[r]
            if any(v not in (None, "") for i, v in enumerate(row) if i != c1):
                row.extend([""] * (c1 + 1 - len(row)))
                row[c1] = value
    for (r, c), reason in layout.unreadable.items():
        rows.extend([] for _ in range(r + 1 - len(rows)))
        rows[r].extend([""] * (c + 1 - len(rows[r])))
        rows[r][c] = Unreadable(reason)
    return rows


def _read_calamine(
    path: Path,
    progress: Progress | None,
    zeros: LostZeros = NO_ZEROS,
    layouts: dict[str, SheetLayout] | None = None,
) -> Catalog:
    layouts = inspect(path) if layouts is None else layouts
    book = CalamineWorkbook.from_path(str(path))
    try:
        names = {name.strip(): name for name in book.sheet_names}
        # Each sheet from A1 on, so that row and column numbers in errors are the user's.
        # Cells come as Excel shows them: empty is "", a number float, a date date/datetime
        # (tables.py reads all of these).
        sheets = {
            name: _as_shown(
                book.get_sheet_by_name(names[name]).to_python(skip_empty_area=False),
                layouts.get(name),
            )
            for name in SHEETS
            if name in names
        }
    finally:
        book.close()
    return catalog_from_rows(
        sheets.get,
        path.name,
        total_rows=sum(map(len, sheets.values())) or 1,
        progress=progress,
        zeros=zeros,
    )


def _read_openpyxl(
    path: Path,
    progress: Progress | None,
    zeros: LostZeros = NO_ZEROS,
    layouts: dict[str, SheetLayout] | None = None,
) -> Catalog:
    source = path.name
    layouts = inspect(path) if layouts is None else layouts
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise CatalogFormatError.single(
            source,
            f"「{source}」无法作为 Excel 工作簿打开({type(exc).__name__})。"
            "请在 Excel/WPS 中打开并另存为 .xlsx 后再导入。",
        ) from None
    try:
        sheets = {str(name).strip(): wb[name] for name in wb.sheetnames}

        def rows(name: str) -> Iterator[Sequence[Any]] | None:
            ws = sheets.get(name)
            if ws is None:
                return None
            grid = [list(row) for row in ws.iter_rows(values_only=True)]
            return iter(_as_shown(grid, layouts.get(name)))

        catalog = catalog_from_rows(rows, source, zeros=zeros)
        if progress is not None:
            progress(1, 1)
        return catalog
    except CatalogFormatError:
        raise
    except Exception as exc:
        raise CatalogFormatError.single(
            source,
            f"「{source}」的内容无法读取({type(exc).__name__})。请在 Excel/WPS 中打开并另存为 .xlsx 后再导入。",
        ) from None
    finally:
        wb.close()


def write_xlsx(catalog: Catalog, path: Path) -> None:
    """The catalog in the template layout (an empty catalog gives the blank template)."""
    rows = catalog_rows(catalog)
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet)
        columns = COLUMNS[sheet]
        for index, col in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = _width(col)
        ws.freeze_panes = "A2"
        _add_validations(ws, columns)
        header = []
        for text in rows[sheet][0]:
            cell = WriteOnlyCell(ws, value=text)
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(vertical="center")
            header.append(cell)
        ws.append(header)
        for number, row in enumerate(rows[sheet][1:], start=2):
            try:
                ws.append([_safe(ws, v) for v in row])
            except IllegalCharacterError:
                raise UserError(
                    f"无法导出为 Excel:工作表「{sheet}」第 {number} 行(「{row[0]}」)含有 Excel "
                    "不允许的不可见控制字符。请导出为 JSON,或先修正该条目。"
                ) from None
    # Into memory, then the file: a file-system error (no such folder, a full disk) raised
    # inside openpyxl's write-only streams leaves them half-closed, and Python then prints
    # their tracebacks after our one message.
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())


def write_template(path: Path) -> None:
    """The blank import template shipped as ``catalog/template.xlsx``."""
    write_xlsx(Catalog(), path)


def _width(col: Column) -> float:
    if col.field in _WIDE:
        return 30 if col.kind == SHORT else 40
    if col.kind in LIST_KINDS:
        return 30
    return max(_WIDTHS.get(col.kind, 18), len(col.header) * 2.2 + 2)


def _safe(ws: Any, value: Any) -> Any:
    """Text that Excel would take for a formula (leading "=") is kept as text."""
    if type(value) is str and value.startswith("="):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def _add_validations(ws: Any, columns: Sequence[Column]) -> None:
    for index, col in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if col.kind == ENUM:
            choices = col.words
        elif col.kind == BOOL:
            choices = ("是", "否")
        elif col.kind == INT:
            dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
            dv.error, dv.errorTitle = "请填写 0 或正整数", col.header
            dv.add(f"{letter}2:{letter}1048576")
            ws.data_validations.append(dv)
            continue
        else:
            continue
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        dv.error, dv.errorTitle = "请从下拉列表中选择:" + "、".join(choices), col.header
        dv.prompt, dv.promptTitle = "可选:" + "、".join(choices), col.header
        dv.add(f"{letter}2:{letter}1048576")
        ws.data_validations.append(dv)
