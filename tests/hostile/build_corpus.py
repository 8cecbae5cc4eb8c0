"""The hostile-input corpus (issue 8 §5): inputs built by code, never committed as files.

Each ``Hostile`` is one input: the class it belongs to (the report's rows), how to build it in a
folder, the command-line arguments that feed it to the app, and what the Chinese message must
name (what and where). ``CORPUS`` is the whole list; a new class is a few more entries (a
builder and its expectations), and a builder may produce any input the CLI takes: a catalog
file, a folder, or arguments of another command.

Catalog inputs start from the bundled catalog (the database the tests import into holds it too)
with one defect, so an import that wrongly succeeded would visibly change the database. A
``Cell`` defect is written into every format at once (xlsx, CSV in UTF-8 and GB18030, JSON),
each with the location that format's message must give.

``python tests/hostile/build_corpus.py FOLDER`` writes every input into FOLDER to look at.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import struct
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from window_assistant.catalog.io import read_catalog, write_catalog  # noqa: E402
from window_assistant.catalog.io.jsonfmt import catalog_to_json  # noqa: E402
from window_assistant.catalog.io.schema import COLUMNS, LINK, SHEETS  # noqa: E402
from window_assistant.catalog.io.tables import catalog_rows  # noqa: E402
from window_assistant.catalog.model import Catalog  # noqa: E402

BUNDLED = ROOT / "catalog" / "tiexi_catalog.json"
FORMATS = ("xlsx", "csv-utf8", "csv-gb18030", "json")
Builder = Callable[[Path], Path]


@dataclass(frozen=True)
class Hostile:
    cls: str  # the class of input, e.g. "控制字符"
    name: str  # this input, unique
    build: Builder  # writes the input under the given folder, returns what to pass the CLI
    expect: tuple[str, ...]  # what the message (stderr) must contain
    args: tuple[str, ...] = ("catalog", "import", "{input}")
    exit: int = 2
    stdout: tuple[str, ...] = ()  # for inputs that are read correctly (exit 0)


# -- the base catalog in each format ----------------------------------------------------------
@cache
def base_catalog() -> Catalog:
    return read_catalog(BUNDLED)


@cache
def _base_xlsx() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "base.xlsx"
        write_catalog(base_catalog(), path)
        return path.read_bytes()


def base_rows() -> dict[str, list[list[Any]]]:
    """Each sheet's rows as the CSV export writes them (text cells), header first."""
    return copy.deepcopy(_base_rows())


@cache
def _base_rows() -> dict[str, list[list[Any]]]:
    return catalog_rows(base_catalog(), numbers=False)


def base_dict() -> dict[str, Any]:
    return copy.deepcopy(_base_dict())


@cache
def _base_dict() -> dict[str, Any]:
    return json.loads(catalog_to_json(base_catalog()))


# -- writing a format --------------------------------------------------------------------------
def write_csv(folder: Path, rows: dict[str, list[list[Any]]], encoding: str) -> Path:
    folder.mkdir(parents=True)
    for sheet, sheet_rows in rows.items():
        out = io.StringIO(newline="")
        csv.writer(out).writerows(sheet_rows)
        data = out.getvalue()
        (folder / f"{sheet}.csv").write_bytes(
            data.encode("utf-8-sig") if encoding == "utf-8" else data.encode(encoding)
        )
    return folder


def csv_text(folder: Path, encoding: str, sheet: str, edit: Callable[[str], str]) -> Path:
    """The base CSV folder with the raw text of one file edited (for broken quoting)."""
    write_csv(folder, base_rows(), encoding)
    path = folder / f"{sheet}.csv"
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    path.write_bytes(edit(path.read_bytes().decode(codec)).encode(codec))
    return folder


def xlsx(path: Path, edit: Callable[[Any], None] | None = None) -> Path:
    path.write_bytes(_base_xlsx())
    if edit is not None:
        book = load_workbook(path)
        edit(book)
        book.save(path)
    return path


def xlsx_cells(path: Path, values: dict[tuple[str, str], str | int | float]) -> Path:
    """The base workbook with cells (sheet, "B7") set in its XML, as Excel stores them: text
    of any length with control characters as _x0007_ escapes (openpyxl refuses the one and
    cuts the other), numbers of any size. A tenth of the time of an openpyxl round trip."""
    with zipfile.ZipFile(io.BytesIO(_base_xlsx())) as base:
        parts = {info.filename: base.read(info) for info in base.infolist()}
    for (sheet, ref), value in values.items():
        part = f"xl/worksheets/sheet{SHEETS.index(sheet) + 1}.xml"
        parts[part] = _put_cell(parts[part].decode(), ref, value).encode("utf-8", "surrogatepass")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return path


def _put_cell(xml: str, ref: str, value: str | int | float) -> str:
    if isinstance(value, str):
        text = re.sub(
            r"[\x00-\x08\x0b\x0c\x0e-\x1f]",
            lambda m: f"_x{ord(m.group()):04X}_",
            value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
        )
        cell = f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    else:
        cell = f'<c r="{ref}"><v>{value}</v></c>'
    old = re.search(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml, re.S)
    if old:
        return xml[: old.start()] + cell + xml[old.end() :]
    row = re.search(
        rf'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"[^>]*>(.*?)</row>', xml, re.S
    )
    assert row is not None, ref
    later = [m.start(1) for m in re.finditer(r'<c r="([A-Z]+)\d+"', row.group(1))
             if _column_after(m.group(1), ref)]  # fmt: skip
    at = row.start(1) + (later[0] if later else len(row.group(1)))
    return xml[:at] + cell + xml[at:]


def _column_after(letters: str, ref: str) -> bool:
    mine = ref.rstrip("0123456789")
    return (len(letters), letters) > (len(mine), mine)


def _letters(header: str, sheet: str) -> str:
    index = [c.header for c in COLUMNS[sheet]].index(header)
    return (
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]
        if index < 26
        else "A" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index - 26]
    )


def write_json(path: Path, data: Any, *, ascii_only: bool = False) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=ascii_only), encoding="utf-8")
    return path


def _encoding(fmt: str) -> str:
    return {"csv-utf8": "utf-8", "csv-gb18030": "gb18030"}[fmt]


# -- a defect in one cell, in every format -----------------------------------------------------
@dataclass(frozen=True)
class Cell:
    """``value`` in the cell of ``sheet`` at ``row`` (as the user numbers it) and column
    ``header``; in JSON, in the field that cell holds."""

    sheet: str
    row: int
    header: str
    value: Any

    def where(self, fmt: str) -> str:
        if fmt == "xlsx":
            return f"工作表「{self.sheet}」第 {self.row} 行「{self.header}」列"
        if fmt.startswith("csv"):
            return f"文件「{self.sheet}.csv」第 {self.row} 行「{self.header}」列"
        section, index, parent = _json_place(self.sheet, self.row)
        return " ".join(p for p in (parent, f"{section} #{index}") if p) + f"「{self.header}」"

    def build(self, fmt: str) -> Builder:
        def build(folder: Path) -> Path:
            if fmt == "xlsx":
                ref = f"{_letters(self.header, self.sheet)}{self.row}"
                return xlsx_cells(folder / "目录.xlsx", {(self.sheet, ref): self.value})
            if fmt.startswith("csv"):
                rows = base_rows()
                column = rows[self.sheet][0].index(self.header)
                rows[self.sheet][self.row - 1][column] = str(self.value)
                return write_csv(folder / "目录", rows, _encoding(fmt))
            data = base_dict()
            _json_entry(data, self.sheet, self.row)[_field(self.sheet, self.header)] = self.value
            return write_json(folder / "目录.json", data, ascii_only=True)

        return build


def _field(sheet: str, header: str) -> str:
    return next(c.field for c in COLUMNS[sheet] if c.header == header and c.field != LINK)


@cache
def _row_places() -> dict[str, list[tuple[int, int]]]:
    """Sheet → for each data row, (item index, entry index) in the JSON."""
    items = base_catalog().items
    return {
        "材料": [(i, j) for i, item in enumerate(items) for j in range(len(item.materials))],
        "情形": [(i, j) for i, item in enumerate(items) for j in range(len(item.situations))],
    }


_SECTIONS = {"事项": "items", "一件事": "bundles", "跨域通办": "crossregion"}


def _json_place(sheet: str, row: int) -> tuple[str, int, str]:
    if sheet in _SECTIONS:
        return sheet, row - 1, ""
    i, j = _row_places()[sheet][row - 2]
    return sheet, j + 1, f"事项 #{i + 1}"


def _json_entry(data: dict[str, Any], sheet: str, row: int) -> dict[str, Any]:
    if sheet in _SECTIONS:
        return data[_SECTIONS[sheet]][row - 2]
    i, j = _row_places()[sheet][row - 2]
    return data["items"][i]["materials" if sheet == "材料" else "situations"][j]


def in_every_format(cls: str, name: str, cell: Cell, *what: str) -> list[Hostile]:
    return [
        Hostile(cls, f"{name}.{fmt}", cell.build(fmt), (cell.where(fmt), *what)) for fmt in FORMATS
    ]


# -- builders for one format ------------------------------------------------------------------
def _stray_quote(encoding: str, closed: bool) -> Builder:
    def edit(text: str) -> str:
        lines = text.split("\r\n")
        code, name, rest = lines[2].split(",", 2)
        lines[2] = f'{code},"{name},{rest}'
        if closed:  # a quote further down closes it, followed by more text
            code, name, rest = lines[40].split(",", 2)
            lines[40] = f'{code},{name}"注,{rest}'
        return "\r\n".join(lines)

    return lambda folder: csv_text(folder / "目录", encoding, "材料", edit)


def _csv_edit(encoding: str, sheet: str, edit: Callable[[str], str]) -> Builder:
    return lambda folder: csv_text(folder / "目录", encoding, sheet, edit)


def _extra_cell(text: str) -> str:
    lines = text.split("\r\n")
    lines[5] += ",多出来的一格"
    return "\r\n".join(lines)


def _duplicate_header(text: str) -> str:
    lines = text.split("\r\n")
    lines[0] += ",材料名称"
    return "\r\n".join(lines)


def _giant_cell(length: int) -> Callable[[str], str]:
    def edit(text: str) -> str:
        lines = text.split("\r\n")
        lines[3] += "长" * length  # onto the last cell, 适用情形
        return "\r\n".join(lines)

    return edit


def _blank(fmt: str) -> Builder:
    def build(folder: Path) -> Path:
        if fmt == "xlsx":
            path = folder / "空白模板.xlsx"
            write_catalog(Catalog(), path)
            return path
        if fmt == "json":
            return write_json(
                folder / "空目录.json", {"format": "window-assistant-catalog", "items": []}
            )
        rows = {sheet: [[c.header for c in COLUMNS[sheet]]] for sheet in SHEETS}
        return write_csv(folder / "只有表头", rows, _encoding(fmt))

    return build


def _without_materials(fmt: str) -> Builder:
    """What the stray quote did: the items stay, most materials vanish."""

    def build(folder: Path) -> Path:
        catalog = copy.deepcopy(base_catalog())
        for item in catalog.items:
            item.materials = item.materials[:1]
        name = {"xlsx": "目录.xlsx", "json": "目录.json"}.get(fmt, "目录")
        if fmt.startswith("csv"):
            rows = catalog_rows(catalog, numbers=False)
            return write_csv(folder / name, rows, _encoding(fmt))
        write_catalog(catalog, folder / name)
        return folder / name

    return build


def _book_edit(edit: Callable[[Any], None]) -> Builder:
    return lambda folder: xlsx(folder / "目录.xlsx", edit)


def _merge_links(book: Any) -> None:
    """The 事项编码 of the first item's materials merged into one cell, as people do."""
    ws = book["材料"]
    first = ws["A2"].value
    last = 2
    while ws.cell(last + 1, 1).value == first:
        last += 1
        ws.cell(last, 1).value = None
    ws.merge_cells(f"A2:A{last}")


def _set(sheet: str, ref: str, value: Any) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        book[sheet][ref].value = value

    return edit


def _numeric_code(book: Any) -> None:
    code = book["事项"]["A2"].value
    for sheet in ("事项", "材料", "情形"):
        for row in book[sheet].iter_rows(min_row=2):
            if row[0].value == code:
                row[0].value = int(code)


def _zip_part(edit: Callable[[bytes], bytes], part: str = "xl/worksheets/sheet2.xml") -> Builder:
    def build(folder: Path) -> Path:
        src, dst = xlsx(folder / "原始.xlsx"), folder / "目录.xlsx"
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info)
                zout.writestr(info.filename, edit(data) if info.filename == part else data)
        return dst

    return build


def _error_value(xml: bytes) -> bytes:
    start = xml.index(b'<c r="G2"')
    end = xml.index(b"</c>", start) + 4
    return xml[:start] + b'<c r="G2" t="e"><f>1/0</f><v>#DIV/0!</v></c>' + xml[end:]


def _uncached_formula(xml: bytes) -> bytes:
    start = xml.index(b'<c r="C3"')
    end = xml.index(b"</c>", start) + 4
    return xml[:start] + b'<c r="C3"><f>A3&amp;"x"</f><v></v></c>' + xml[end:]


def _far_cell(xml: bytes) -> bytes:
    cell = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return xml.replace(b"</sheetData>", cell + b"</sheetData>")


def _dimension(xml: bytes) -> bytes:
    return xml.replace(b"<sheetViews>", b'<dimension ref="A1:XFD1048576"/><sheetViews>', 1)


def many_parts(folder: Path, parts: int = 3000) -> Path:
    """The base workbook with thousands of tiny extra parts in its zip."""
    path = xlsx(folder / "部件.xlsx")
    with zipfile.ZipFile(path, "a") as book:
        for n in range(parts):
            book.writestr(f"customXml/item{n}.xml", b"<a/>")
    return path


def zip_bomb(folder: Path, megabytes: int = 600) -> Path:
    """The base workbook plus a shared-strings part of ``megabytes`` MB of spaces that packs
    into about a thousandth of that. Written by hand: zlib would take seconds to compress it,
    but one flushed block of 1 MB can simply be repeated."""
    with zipfile.ZipFile(io.BytesIO(_base_xlsx())) as base:
        parts = [(info.filename, base.read(info)) for info in base.infolist()]
    block = b" " * 2**20
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_block = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    bomb = (packed_block * megabytes + b"\x03\x00", crc, megabytes * 2**20)
    path = folder / "炸弹.xlsx"
    with open(path, "wb") as out:
        directory = []
        entries = [(n, *_deflated(d)) for n, d in parts] + [("xl/sharedStrings.xml", *bomb)]
        for name, data, crc32, size in entries:
            offset = out.tell()
            encoded = name.encode()
            out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc32,
                                  len(data), size, len(encoded), 0))  # fmt: skip
            out.write(encoded + data)
            directory.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0,
                                         0, crc32, len(data), size, len(encoded), 0, 0, 0, 0, 0,
                                         offset) + encoded)  # fmt: skip
        start = out.tell()
        for entry in directory:
            out.write(entry)
        out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(directory),
                              len(directory), out.tell() - start, start, 0))  # fmt: skip
    return path


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(), zlib.crc32(data), len(data)


def _json_text(name: str, text: str) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    return build


def _json_edit(edit: Callable[[dict[str, Any]], None], ascii_only: bool = True) -> Builder:
    def build(folder: Path) -> Path:
        data = base_dict()
        edit(data)
        return write_json(folder / "目录.json", data, ascii_only=ascii_only)

    return build


def _assign(path: Sequence[str | int], value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


# -- the corpus --------------------------------------------------------------------------------
def _corpus() -> list[Hostile]:
    out: list[Hostile] = []
    add = out.extend
    csvs = {fmt: _encoding(fmt) for fmt in FORMATS if fmt.startswith("csv")}

    for fmt, enc in csvs.items():
        add(
            [
                Hostile("CSV 引号不配对", f"stray-quote-to-end.{fmt}", _stray_quote(enc, False),
                        ("文件「材料.csv」第 3 行「材料名称」列", "直到文件末尾也没有配对的引号")),
                Hostile("CSV 引号不配对", f"stray-quote-closed-later.{fmt}", _stray_quote(enc, True),
                        ("文件「材料.csv」第 3 行「材料名称」列", "英文引号")),
                Hostile("CSV 多出的单元格", f"extra-cell.{fmt}", _csv_edit(enc, "材料", _extra_cell),
                        ("文件「材料.csv」第 6 行「第 14 列」列", "比表头的 13 列多")),
                Hostile("重复的表头列", f"duplicate-header.{fmt}",
                        _csv_edit(enc, "材料", _duplicate_header),
                        ("文件「材料.csv」第 1 行「材料名称」列", "都是「材料名称」列")),
                Hostile("超长单元格", f"cell-20000.{fmt}", _csv_edit(enc, "材料", _giant_cell(20_000)),
                        ("文件「材料.csv」第 4 行「补齐时限」列", "单元格太长", "引号")),
                Hostile("超长单元格", f"cell-200000.{fmt}",
                        _csv_edit(enc, "材料", _giant_cell(200_000)),
                        ("文件「材料.csv」第 4 行「补齐时限」列", "单元格超过 131072 个字符")),
            ]
        )  # fmt: skip
    out.append(
        Hostile("重复的表头列", "duplicate-header.xlsx",
                lambda folder: xlsx_cells(folder / "目录.xlsx", {("材料", "M1"): "名称"}),
                ("工作表「材料」第 1 行「材料名称」列", "都是「材料名称」列"))
    )  # fmt: skip

    catalog = base_catalog()
    items, materials = len(catalog.items), sum(len(i.materials) for i in catalog.items)
    beyond_first = sum(max(len(i.materials) - 1, 0) for i in catalog.items)
    for fmt in FORMATS:
        out.append(
            Hostile("未经同意的删除", f"blank.{fmt}", _blank(fmt),
                    (f"会删除事项 {items} 项、材料 {materials} 份", "--allow-removals"))
        )  # fmt: skip
        out.append(
            Hostile("未经同意的删除", f"materials-gone.{fmt}", _without_materials(fmt),
                    (f"会删除材料 {beyond_first} 份", "--allow-removals"))
        )  # fmt: skip

    invisible = "含有看不见的"
    add(in_every_format("不可见字符", "zero-width-in-code", Cell("事项", 3, "事项编码",
                        catalog.items[1].code + "\u200b"), invisible, "零宽空格"))  # fmt: skip
    add(in_every_format("不可见字符", "bom-in-name", Cell("材料", 4, "材料名称", "\ufeff身份证"),
                        invisible, "字节顺序标记"))  # fmt: skip
    add(in_every_format("不可见字符", "bidi-in-name", Cell("事项", 5, "事项名称",
                        "证明\u202e明证"), invisible, "双向文本控制符"))  # fmt: skip
    add(in_every_format("控制字符", "bell-in-name", Cell("材料", 2, "材料名称", "身份证\x07"),
                        "控制字符(U+0007"))  # fmt: skip
    add(in_every_format("控制字符", "escape-in-notes", Cell("材料", 5, "填报须知",
                        "见附件\x1b[2J"), "控制字符(U+001B"))  # fmt: skip
    full_width = catalog.items[0].code.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    add(in_every_format("形近字符造成的重复", "full-width-duplicate-code",
                        Cell("事项", 3, "事项编码", full_width), "重复"))  # fmt: skip
    add(in_every_format("形近字符造成的重复", "bracket-duplicate-material",
                        Cell("材料", 3, "材料名称", catalog.items[0].materials[0].name.replace(
                            "（", "(").replace("）", ")")), "看起来相同"))  # fmt: skip
    add(in_every_format("形近字符", "cyrillic-in-code", Cell("事项", 4, "事项编码",
                        catalog.items[2].code[:-1] + "\u041e"), "只能由英文字母、数字"))  # fmt: skip

    add(in_every_format("长度与数值越界", "name-100000", Cell("事项", 2, "事项名称", "名" * 100_000),
                        "太长:100000 个字符"))  # fmt: skip
    add(in_every_format("长度与数值越界", "limit-1e20", Cell("事项", 2, "法定办结时限", 10**20),
                        "数值太大"))  # fmt: skip
    add(in_every_format("长度与数值越界", "copies-1000", Cell("材料", 2, "复印件份数", 1000),
                        "数值太大", "最大为 99"))  # fmt: skip
    add(in_every_format("长度与数值越界", "negative-visits", Cell("事项", 2, "到现场次数", -1),
                        "应为非负整数"))  # fmt: skip

    code = catalog.items[0].code
    add(
        [
            Hostile("xlsx 单元格", "formula-without-result.xlsx", _zip_part(_uncached_formula),
                    ("工作表「材料」第 3 行「材料类型」列", "没有保存它的计算结果")),
            Hostile("xlsx 单元格", "error-value.xlsx", _zip_part(_error_value),
                    ("工作表「材料」第 2 行「原件份数」列", "公式错误「#DIV/0!」")),
            Hostile("xlsx 单元格", "date-as-code.xlsx", _book_edit(_set("事项", "A4", date(2026, 1, 2))),
                    ("工作表「事项」第 4 行「事项编码」列", "是日期或时间「2026-01-02」")),
            Hostile("xlsx 单元格", "code-lost-zeros.xlsx", _book_edit(_numeric_code),
                    ("工作表「事项」第 2 行「事项编码」列", f"「{int(code)}」与事项编码「{code}」只差开头的 0")),
            Hostile("xlsx 单元格", "code-19-digits.xlsx",
                    lambda folder: xlsx_cells(folder / "目录.xlsx",
                                              {("事项", "A3"): 1234567890123456789}),
                    ("工作表「事项」第 3 行「事项编码」列", "19 位的数字")),
            Hostile("xlsx 单元格", "merged-links.xlsx", _book_edit(_merge_links), (),
                    args=("catalog", "import", "{input}", "--dry-run"), exit=0,
                    stdout=("目录无变化",)),
        ]
    )  # fmt: skip
    for fmt, enc in csvs.items():
        out.append(
            Hostile("xlsx 单元格", f"code-lost-zeros.{fmt}",
                    _csv_edit(enc, "事项", lambda t: t.replace(code, str(int(code)), 1)),
                    ("文件「事项.csv」第 2 行「事项编码」列", "只差开头的 0"))
        )  # fmt: skip

    add(
        [
            Hostile("异常大小的工作簿", "zip-bomb.xlsx", zip_bomb, ("解压后有 ", "压缩炸弹")),
            Hostile("异常大小的工作簿", "3000-parts.xlsx", many_parts, ("包含 3,0", "个部件")),
            Hostile("异常大小的工作簿", "dimension-XFD1048576.xlsx", _zip_part(_dimension),
                    ("工作表「材料」", "声明的表格范围是 A1:XFD1048576")),
            Hostile("异常大小的工作簿", "cell-XFD1048576.xlsx", _zip_part(_far_cell),
                    ("工作表「材料」:单元格 XFD1048576 有内容,超出了目录表格的范围",)),
        ]
    )  # fmt: skip

    add(
        [
            Hostile("JSON 结构", "nested-100000.json",
                    _json_text("深.json", "[" * 100_000 + "]" * 100_000), ("嵌套层数太深",)),
            Hostile("JSON 结构", "lone-surrogate.json",
                    _json_edit(_assign(["items", 0, "name"], "企业\ud800登记")),
                    ("事项 #1「事项名称」", "残缺字符")),
            Hostile("JSON 结构", "number-5000-digits.json",
                    _json_text("大数.json", '{"items": [{"code": "A", "name": "甲", "department": '
                               '"局", "visits": ' + "9" * 5000 + "}]}"),
                    ("事项 #1「到现场次数」", "5000 位的数字")),
            Hostile("JSON 结构", "nan.json", _json_text("nan.json", '{"items": [NaN]}'),
                    ("NaN 不是有效的 JSON 数值",)),
            Hostile("JSON 结构", "duplicate-key.json",
                    _json_text("重键.json", '{"items": [], "items": []}'), ("出现了两次",)),
            Hostile("JSON 结构", "object-for-name.json",
                    _json_edit(_assign(["items", 1, "materials", 0, "name"], {"a": [[[1]]]})),
                    ("事项 #2 材料 #1「材料名称」", "应为文本")),
            Hostile("JSON 结构", "text-for-count.json",
                    _json_edit(_assign(["items", 0, "visits"], "两次")),
                    ("事项 #1「到现场次数」", "应为非负整数")),
            Hostile("JSON 结构", "items-not-a-list.json",
                    _json_edit(_assign(["items"], {"code": "x"})), ("不是窗口助手的目录 JSON",)),
            Hostile("JSON 结构", "bundles-an-object.json",
                    _json_edit(_assign(["bundles"], {"a": 1})), ("「bundles」(一件事)应为列表",)),
        ]
    )  # fmt: skip
    return out


CORPUS: list[Hostile] = _corpus()


def build_all(folder: Path) -> dict[str, Path]:
    """Every input of the corpus under ``folder`` (one sub-folder each), by name."""
    built = {}
    for case in CORPUS:
        where = folder / case.name
        where.mkdir(parents=True)
        built[case.name] = case.build(where)
    return built


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for name, path in build_all(target).items():
        print(f"{name}\t{path}")
