"""CSV: a folder with one file per sheet (事项.csv, 材料.csv, …).

Excel in China saves CSV as GB18030 (GBK) unless "CSV UTF-8" is chosen, so reading tries
UTF-8 (with or without BOM) first, then GB18030. Writing uses UTF-8 with BOM, which Excel
opens correctly by double-click.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from window_assistant.catalog.io.errors import CatalogFormatError
from window_assistant.catalog.io.schema import SHEETS
from window_assistant.catalog.io.tables import Progress, catalog_from_rows, catalog_rows
from window_assistant.catalog.model import Catalog


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


def read_csv_folder(folder: Path, progress: Progress | None = None) -> Catalog:
    source = folder.name or str(folder)
    if not folder.is_dir():
        raise CatalogFormatError.single(source, f"找不到文件夹「{folder}」。")
    tables: dict[str, list[list[str]]] = {}
    files = {p.name.strip(): p for p in folder.iterdir() if p.suffix.lower() == ".csv"}
    for sheet in SHEETS:
        path = files.get(f"{sheet}.csv")
        if path is None:
            continue
        text = decode(path.read_bytes(), path.name)
        try:
            tables[sheet] = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as exc:
            raise CatalogFormatError.single(
                source, f"「{path.name}」不是有效的 CSV 文件({exc})。"
            ) from None
    if not tables:
        raise CatalogFormatError.single(
            source,
            f"文件夹「{source}」里没有目录 CSV 文件。应包含:"
            + "、".join(f"{s}.csv" for s in SHEETS),
        )
    total = sum(len(rows) for rows in tables.values())
    return catalog_from_rows(tables.get, source, style="csv", total_rows=total, progress=progress)


def write_csv_folder(catalog: Catalog, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, rows in catalog_rows(catalog, numbers=False).items():
        with open(folder / f"{sheet}.csv", "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(rows)
