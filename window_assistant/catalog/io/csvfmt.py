"""CSV: a folder with one file per sheet (事项.csv, 材料.csv, …).

Excel in China saves CSV as GB18030 (GBK) unless "CSV UTF-8" is chosen, so reading tries
UTF-8 (with or without BOM) first, then GB18030. Writing uses UTF-8 with BOM, which Excel
opens correctly by double-click.

Reading is strict about the file's shape, because a lenient CSV reader turns one stray quote
into a single cell holding the rest of the file (once: 651 of 654 materials gone, exit 0).
A quote that is not closed where its cell ends, a row with more cells than the header and a
cell longer than ``MAX_TEXT`` are errors naming the file, row and column.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from window_assistant.catalog.io.checks import NO_ZEROS, LostZeros
from window_assistant.catalog.io.errors import CatalogFormatError, ErrorList, check_file_size
from window_assistant.catalog.io.schema import SHEETS
from window_assistant.catalog.io.tables import Progress, catalog_from_rows, catalog_rows
from window_assistant.catalog.model import Catalog
from window_assistant.text import MAX_TEXT, preview

_LINE_END = re.compile(r"\r\n|\r|\n")
_CELL_END = re.compile(r"[,\r\n]")
_QUOTE_ADVICE = '单元格内的英文引号须写成两个(""),多余的引号请删除;或在 Excel 中重新“另存为” CSV'


def decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CatalogFormatError.single(
            name,
            f"「{name}」是 UTF-16(“Unicode 文本”)编码。请在 Excel 中另存为“CSV UTF-8(逗号分隔)”"
            "或“CSV(逗号分隔)”后再导入。",
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CatalogFormatError.single(
        name,
        f"「{name}」的编码无法识别(既不是 UTF-8 也不是 GB18030/GBK)。请另存为 CSV UTF-8 后再导入。",
    )


def read_csv_folder(
    folder: Path, progress: Progress | None = None, zeros: LostZeros = NO_ZEROS
) -> Catalog:
    source = folder.name or str(folder)
    if not folder.is_dir():
        raise CatalogFormatError.single(source, f"找不到文件夹「{folder}」。")
    tables: dict[str, list[list[str]]] = {}
    errors = ErrorList(source, style="csv")
    files = {p.name.strip(): p for p in folder.iterdir() if p.suffix.lower() == ".csv"}
    for sheet in SHEETS:
        path = files.get(f"{sheet}.csv")
        if path is None:
            continue
        check_file_size(path)
        rows = _parse(decode(path.read_bytes(), path.name), sheet, errors)
        if rows is not None:
            _check_shape(rows, sheet, errors)
            tables[sheet] = rows
    errors.raise_if_any()  # a broken file's rows mean nothing: no conversion errors on top
    if not tables:
        raise CatalogFormatError.single(
            source,
            f"文件夹「{source}」里没有目录 CSV 文件。应包含:"
            + "、".join(f"{s}.csv" for s in SHEETS),
        )
    total = sum(len(rows) for rows in tables.values())
    return catalog_from_rows(
        tables.get, source, style="csv", total_rows=total, progress=progress, zeros=zeros
    )


def _parse(text: str, sheet: str, errors: ErrorList) -> list[list[str]] | None:
    """The rows of one file, or None after reporting where its quoting breaks."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    start = 1  # the text line the current row starts on
    try:
        for row in reader:
            rows.append(row)
            start = reader.line_num + 1
    except csv.Error as exc:
        header = rows[0] if rows else []
        column = _broken_cell(_from_line(text, start))
        name = _column_name(header, column) if column is not None else ""
        if "field limit" in str(exc):
            problem = (
                f'单元格超过 {csv.field_size_limit()} 个字符,多半是一个没有配对的英文引号(")'
                f"把后面的行都并进了这一格。{_QUOTE_ADVICE}"
            )
        elif "end of data" in str(exc):
            problem = (
                '这一格以英文引号(")开头,直到文件末尾也没有配对的引号,后面所有的行都会被并进'
                f"这一格。{_QUOTE_ADVICE}"
            )
        else:
            problem = f'英文引号(")没有配对:引号结束后还紧跟着文字。{_QUOTE_ADVICE}'
        where = f"(文本第 {start} 行起)" if start != len(rows) + 1 else ""
        errors.add(sheet, len(rows) + 1, name, problem + where)
        return None
    return rows


def _from_line(text: str, line: int) -> str:
    pos = 0
    for _ in range(line - 1):
        end = _LINE_END.search(text, pos)
        if end is None:
            return ""
        pos = end.end()
    return text[pos:]


def _broken_cell(record: str) -> int | None:
    """The 0-based column of the first cell of ``record`` (a row's text onwards) whose quoting
    is broken: a quote never closed, text after a closing quote, or (failing those) a quoted
    cell running over a line end, or a cell over the csv module's length limit."""
    col, i, n, spanning = 0, 0, len(record), None
    limit = csv.field_size_limit()
    while i < n:
        start = i
        if record[i] == '"':
            j = i + 1
            while True:
                k = record.find('"', j)
                if k < 0:
                    return col
                if record.startswith('"', k + 1):
                    j = k + 2
                    continue
                break
            if spanning is None and _LINE_END.search(record, i, k):
                spanning = col
            i = k + 1
            if i < n and record[i] not in ",\r\n":
                return col
        else:
            end = _CELL_END.search(record, i)
            i = end.start() if end else n
        if spanning is None and i - start > limit:
            spanning = col
        if i >= n or record[i] in "\r\n":
            return spanning
        col, i = col + 1, i + 1
    return spanning


def _column_name(header: list[str], index: int) -> str:
    name = header[index].strip() if index < len(header) else ""
    return name or f"第 {index + 1} 列"


def _check_shape(rows: list[list[str]], sheet: str, errors: ErrorList) -> None:
    """Cells beyond the header (a comma or quote gone wrong shifts a row) and giant cells."""
    if not rows:
        return
    header = rows[0]
    width = max((i + 1 for i, cell in enumerate(header) if cell.strip()), default=0)
    for number, row in enumerate(rows, start=1):
        if len(row) <= width and sum(map(len, row)) <= MAX_TEXT:
            continue  # nearly every row: nothing to look at cell by cell
        for index, cell in enumerate(row):
            if len(cell) > MAX_TEXT:
                errors.add(
                    sheet,
                    number,
                    _column_name(header, index),
                    f"单元格太长:{len(cell)} 个字符,最多 {MAX_TEXT} 个。若不是有意为之,"
                    '多半是英文引号(")没有配对,把后面的行并进了这一格',
                )
                break
        extra = next((i for i in range(width, len(row)) if row[i].strip()), None)
        if number > 1 and extra is not None:
            errors.add(
                sheet,
                number,
                f"第 {extra + 1} 列",
                f"这一行有 {len(row)} 格,比表头的 {width} 列多,多出的一格是「{preview(row[extra])}」。"
                "多半是单元格里的英文逗号或引号没有正确处理",
            )


def write_csv_folder(catalog: Catalog, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, rows in catalog_rows(catalog, numbers=False).items():
        with open(folder / f"{sheet}.csv", "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(rows)
