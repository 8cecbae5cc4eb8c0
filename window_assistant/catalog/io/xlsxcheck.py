"""A look inside an .xlsx before calamine opens it: is it a size a catalog can have, and which
cells would read as something other than what Excel shows?

calamine keeps each sheet as a dense grid from A1 to the last cell with a value, so one cell at
XFD1048576 asks for 17 billion cells, and a zip bomb unpacks to gigabytes. Both are refused here
from the zip directory and one streaming pass over the parts (each decompressed in pieces, never
whole), in about a tenth of the time calamine then takes. The same pass notes what calamine
reads silently as an empty cell: a formula saved without its result (files written by scripts,
not by Excel/WPS) and an error value (#REF!, #N/A); and the merged ranges, so that a value merged
over several rows counts for each row, as the user sees it.

The searches rely on what every spreadsheet program writes: the cell reference as the first
attribute of a cell (``<c r="B7" …``). A sheet that does otherwise is refused with the advice to
save it again in Excel/WPS, rather than read without the limits.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

from window_assistant.catalog.io.errors import CatalogFormatError, CellError
from window_assistant.catalog.io.schema import SHEETS
from window_assistant.text import preview

MAX_UNZIPPED = 512 * 2**20  # a 10,000-item catalog unpacks to ~90 MB
MAX_RATIO = 250  # XML of a real sheet packs 5–30×; a zip bomb ~1000×
MAX_MEMBERS = 2000
MAX_ROWS = 200_000  # rows of one sheet (the 10,000-item benchmark has 80,001)
MAX_COLS = 80  # A … CB (the template has at most 28)
MAX_CELLS = 8_000_000  # rows × columns of the grid calamine allocates for one sheet (~300 MB)
_PIECE = 4 * 2**20
_MAX_ROW_BYTES = 64 * 2**20  # one row without its end in this much XML is not a row

_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
# A cell in column AAA (703) or later, or below row 200,000 (MAX_ROWS).
_FAR_CELL = re.compile(rb'<c r="([A-Z]{3,}\d+|[A-Z]{1,3}(?:[3-9]\d{5}|2\d{5}(?<!200000)|\d{7,}))"')
_TWO_LETTERS = re.compile(rb'<c r="([A-Z]{2}\d+)"')
_ROW_100K = re.compile(rb'<c r="[A-Z]{1,3}\d{6}')
_CELL_WITHOUT_REF = re.compile(rb'<c(?! r=")[ >/]')
_ROW_WITHOUT_NUMBER = re.compile(rb'<row(?! r=")[ >/]')
_FORMULA = re.compile(rb"<f[ >/]")
_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"([^>]*?)(/>|>(.*?)</c>)', re.S)
_FORMULA_TEXT = re.compile(rb"<f[^>]*>(.*?)</f>", re.S)
_VALUE = re.compile(rb"<v>([^<]+)</v>|<is>", re.S)
_LETTERS = re.compile(rb"[A-Z]+")
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
_PREFIXED = re.compile(rb"<\w+:sheetData[ >]")
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass
class SheetLayout:
    """What calamine's grid of one sheet does not say by itself (0-based row and column)."""

    unreadable: dict[tuple[int, int], str] = field(default_factory=dict)  # cell → why
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2


def inspect(path: Path) -> dict[str, SheetLayout]:
    """Each sheet's layout by name, after refusing a workbook whose size is absurd."""
    source = path.name
    entries = _entry_count(path)
    if entries > MAX_MEMBERS:  # before zipfile builds an object for each of them
        raise _absurd(source, _parts(entries))
    try:
        with zipfile.ZipFile(path) as book:
            members = book.infolist()
            _check_directory(source, members)
            budget = _Budget(source)
            names = _sheet_names(book, budget)
            # The catalog's sheets are what calamine reads; any other part is only unpacked
            # (counted) once. Without a readable workbook part every worksheet counts.
            ours = {part for part, name in names.items() if name in SHEETS}
            layouts: dict[str, SheetLayout] = {}
            for info in members:
                sheet = posixpath.dirname(info.filename) == "xl/worksheets" and not names
                if info.filename in ours or sheet:
                    name = names.get(info.filename, info.filename)
                    layouts[name] = _scan_sheet(book, info, budget, source, name)
                elif not info.is_dir():
                    for _ in _pieces(book, info, budget):
                        pass
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise CatalogFormatError.single(
            source,
            f"「{source}」不是完好的 Excel 工作簿({exc})。请在 Excel/WPS 中打开并另存为 .xlsx 后再导入。",
        ) from None
    return layouts


def _entry_count(path: Path) -> int:
    """The number of parts the zip's end record declares (0 if it cannot be found: zipfile
    then says what is wrong)."""
    with open(path, "rb") as fh:
        fh.seek(max(path.stat().st_size - 66_000, 0))
        tail = fh.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or end + 12 > len(tail):
        return 0
    count = int.from_bytes(tail[end + 10 : end + 12], "little")
    return MAX_MEMBERS + 1 if count == 0xFFFF else count  # zip64: no workbook has that many


def _check_directory(source: str, members: list[zipfile.ZipInfo]) -> None:
    declared = sum(i.file_size for i in members)
    bomb = next(
        (
            i
            for i in members
            if i.file_size > 16 * 2**20 and i.file_size > MAX_RATIO * max(i.compress_size, 1)
        ),
        None,
    )
    if len(members) > MAX_MEMBERS:
        raise _absurd(source, _parts(len(members)))
    if declared > MAX_UNZIPPED:
        raise _absurd(
            source, f"解压后有 {declared / 2**20:,.0f} MB(上限 {MAX_UNZIPPED // 2**20} MB)"
        )
    if bomb is not None:
        ratio = bomb.file_size / max(bomb.compress_size, 1)
        raise _absurd(
            source,
            f"其中「{preview(bomb.filename)}」压缩了 {ratio:,.0f} 倍(真实的表格一般不超过 30 倍)",
        )


def _parts(count: int) -> str:
    return f"包含 {count:,} 个部件(上限 {MAX_MEMBERS:,} 个,事项目录的工作簿只有十几个)"


def _absurd(source: str, what: str) -> CatalogFormatError:
    return CatalogFormatError.single(
        source,
        f"「{source}」{what},不像是事项目录:可能已损坏,或是恶意构造的文件(“压缩炸弹”)。"
        "未导入任何内容。",
    )


class _Budget:
    """The bytes all parts may unpack to, counted as they are read (a zip directory can lie)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.left = MAX_UNZIPPED

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise _absurd(self.source, f"解压后超过 {MAX_UNZIPPED // 2**20} MB(上限)")


def _pieces(book: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> Iterator[bytes]:
    with book.open(info) as part:
        while piece := part.read(_PIECE):
            budget.take(len(piece))
            yield piece


def _read_small(book: zipfile.ZipFile, name: str, budget: _Budget) -> bytes | None:
    """A small part (the workbook, its relations), or None if missing or not small."""
    try:
        info = book.getinfo(name)
    except KeyError:
        return None
    data = b""
    for piece in _pieces(book, info, budget):
        data += piece
        if len(data) > 16 * 2**20:
            return None
    return data


def _sheet_names(book: zipfile.ZipFile, budget: _Budget) -> dict[str, str]:
    """Part name → sheet name (stripped, as the reader matches it); empty if the workbook
    part cannot be read (calamine will then say what is wrong)."""
    workbook = _read_small(book, "xl/workbook.xml", budget)
    rels = _read_small(book, "xl/_rels/workbook.xml.rels", budget)
    if workbook is None or rels is None:
        return {}
    try:
        targets = {
            r.get("Id"): r.get("Target", "") for r in ElementTree.fromstring(rels) if r.get("Id")
        }
        sheets = ElementTree.fromstring(workbook).iter(f"{_NS}sheet")
        out = {}
        for sheet in sheets:
            target = targets.get(sheet.get(_REL_ID), "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            out[posixpath.normpath(part)] = (sheet.get("name") or "").strip()
        return out
    except ElementTree.ParseError:
        return {}


def _scan_sheet(
    book: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, source: str, name: str
) -> SheetLayout:
    layout = SheetLayout()
    scan = _SheetScan(source, name)
    rest = b""
    for piece in _pieces(book, info, budget):
        rest += piece
        end = rest.rfind(b"</row>")
        if end < 0:
            if len(rest) > _MAX_ROW_BYTES:
                scan.refuse(f"有一行的内容超过 {_MAX_ROW_BYTES // 2**20} MB")
            continue
        scan.rows(rest[: end + 6], layout)
        rest = rest[end + 6 :]
    scan.rows(rest, layout)
    scan.finish()
    return layout


class _SheetScan:
    """The checks of one sheet's XML, fed whole rows at a time."""

    def __init__(self, source: str, sheet: str) -> None:
        self.source, self.sheet = source, sheet
        self.first = True
        self.max_row = 0  # the largest <row r=…>, or the number of rows
        self.rows_seen = 0
        self.max_col = 26  # single-letter columns are not searched for: Z at most
        self.widest = b""
        self.tall_cells = False  # some cell on row 100,000 or later

    def refuse(self, problem: str) -> None:
        raise CatalogFormatError(self.source, [CellError(self.sheet, 0, "", problem)])

    def rows(self, xml: bytes, layout: SheetLayout) -> None:
        if self.first:
            self.first = False
            if _PREFIXED.search(xml):
                self.refuse(_RESAVE)
            self._dimension(xml)
        numbers = _ROW_NUMBER.findall(xml)
        if numbers:
            self.max_row = max(self.max_row, max(map(int, numbers)))
        if _ROW_WITHOUT_NUMBER.search(xml):  # rows then count from the top, one by one
            self.rows_seen += xml.count(b"<row ") + xml.count(b"<row>")
            self.max_row = max(self.max_row, self.rows_seen)
        far = _FAR_CELL.search(xml)
        if far:
            self.refuse(_far(far.group(1)))
        if self.max_row > MAX_ROWS:
            self.refuse(f"有 {self.max_row:,} 行,超过了上限 {MAX_ROWS:,} 行")
        if _CELL_WITHOUT_REF.search(xml):
            self.refuse(_RESAVE)
        self.tall_cells = self.tall_cells or _ROW_100K.search(xml) is not None
        for ref in set(_TWO_LETTERS.findall(xml)):
            column = _column(_LETTERS.match(ref).group()) + 1  # type: ignore[union-attr]
            if column > self.max_col:
                self.max_col, self.widest = column, ref
        if self.max_col > MAX_COLS:
            self.refuse(_far(self.widest))
        if _FORMULA.search(xml) or b't="e"' in xml:
            self._cells(xml, layout)
        for first, row1, last, row2 in _MERGE.findall(xml):
            r1, c1 = int(row1) - 1, _column(first)
            r2, c2 = (int(row2) - 1, _column(last)) if last else (r1, c1)
            layout.merged.append((r1, c1, r2, c2))

    def finish(self) -> None:
        # A cell may name a row its <row> does not; the searches only bound the cells' rows
        # (below 100,000, or 200,000), which bounds the grid with the widest column seen.
        rows = MAX_ROWS if self.tall_cells else 100_000
        if rows * self.max_col > MAX_CELLS:
            self.refuse(
                f"有 {self.max_row:,} 行、内容到第 {self.max_col} 列({self.widest.decode()}),"
                f"表格过大。超过 100,000 行的表最多 {MAX_CELLS // MAX_ROWS} 列,请删除多余的列"
            )

    def _dimension(self, xml: bytes) -> None:
        found = _DIMENSION.search(xml)
        if found is None:
            return
        col1, row1, col2, row2 = found.groups()
        last_col = _column(col2 or col1 or b"A") + 1
        last_row = int(row2 or row1 or 1)
        if last_col > MAX_COLS or last_row > MAX_ROWS:
            ref = found.group(0)[len(b'<dimension ref="') : -1].decode("ascii")
            self.refuse(
                f"声明的表格范围是 {ref}(最后一格在第 {last_row:,} 行、第 {last_col:,} 列),"
                f"超过了上限 {MAX_ROWS:,} 行、{MAX_COLS} 列。请在 Excel/WPS 中删除多余的行和列后另存"
            )

    def _cells(self, xml: bytes, layout: SheetLayout) -> None:
        for letters, number, attributes, _, inner in _CELL.findall(xml):
            where = (int(number) - 1, _column(letters))
            if b't="e"' in attributes:
                value = _VALUE.search(inner or b"")
                shown = unescape(value.group(1).decode("utf-8", "replace")) if value else "错误"
                layout.unreadable[where] = (
                    f"是公式错误「{preview(shown)}」,没有可用的值。请改正公式或直接填写内容"
                )
                continue
            inner = inner or b""
            formula = _FORMULA_TEXT.search(inner)
            if formula is None and not _FORMULA.search(inner):
                continue
            # An empty text result is saved as an empty <v> of type str (=IF(A2="","",A2)).
            empty_text = b't="str"' in attributes and b"<v" in inner
            if _VALUE.search(inner) is None and not empty_text:
                text = unescape(formula.group(1).decode("utf-8", "replace")) if formula else ""
                layout.unreadable[where] = (
                    f"是公式「={preview(text)}」,但文件里没有保存它的计算结果(不是由 Excel/WPS "
                    "保存的文件)。请在 Excel/WPS 中打开后保存一次再导入,或直接填写内容"
                )


_RESAVE = "单元格的写法不是 Excel/WPS 的常规写法,无法安全读取。请在 Excel/WPS 中打开并另存为 .xlsx 后再导入"


def _far(ref: bytes) -> str:
    return (
        f"单元格 {ref.decode('ascii')} 有内容,超出了目录表格的范围(最多 {MAX_ROWS:,} 行、"
        f"{MAX_COLS} 列)。请在 Excel/WPS 中删除多余的行和列后另存"
    )


def _column(letters: bytes) -> int:
    """0-based column of "A", "AB", "XFD"."""
    index = 0
    for char in letters:
        index = index * 26 + char - 64
    return index - 1
