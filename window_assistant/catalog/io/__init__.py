"""Catalog import and export: the xlsx template, JSON, and CSV folders.

Every reader validates the whole file first and reports all problems at once in a
``CatalogFormatError`` naming sheet, row and column, so nothing is half-imported. Every
writer produces what the matching reader turns back into the same ``Catalog``.

The xlsx module (openpyxl, ~90 ms) is imported only when an .xlsx is read or written: opening
the services on a fresh database reads the bundled JSON catalog through here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from window_assistant.catalog.io.checks import LostZeros
from window_assistant.catalog.io.csvfmt import read_csv_folder, write_csv_folder
from window_assistant.catalog.io.errors import (
    MAX_ERRORS,
    CatalogFormatError,
    CellError,
    check_file_size,
)
from window_assistant.catalog.io.jsonfmt import catalog_from_json, catalog_to_json
from window_assistant.catalog.model import Catalog

__all__ = [
    "MAX_ERRORS",
    "CatalogFormatError",
    "CellError",
    "catalog_to_json",
    "read_catalog",
    "read_catalog_text",
    "write_catalog",
    "write_template",
]

_SUPPORTED = "支持的格式:Excel 工作簿(.xlsx)、JSON(.json),或放有 事项.csv 等五个 CSV 文件的文件夹。"


def read_catalog_text(text: str, source: str) -> Catalog:
    """A catalog from JSON text (e.g. the bundled catalog); ``source`` names it in errors."""
    return catalog_from_json(text, source)


def read_catalog(
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    known_codes: Iterable[str] = (),
) -> Catalog:
    """Read and validate a catalog file; the format follows the extension (a folder = CSV).

    ``progress(done, total)`` is called now and then (units: rows; 1 of 1 for JSON);
    the last call has done == total. ``known_codes`` (the current catalog's 事项编码) let the
    reader refuse a code that lost its leading zeros in Excel."""
    path = Path(path)
    try:
        return _read(path, progress, LostZeros(known_codes))
    except OSError as exc:
        raise CatalogFormatError.single(
            path.name,
            f"无法读取「{path}」:{exc.strerror or exc}。请检查文件是否存在、是否被其他程序占用。",
        ) from None


def _read(path: Path, progress: Callable[[int, int], None] | None, zeros: LostZeros) -> Catalog:
    name = path.name or str(path)
    if path.is_dir():
        return read_csv_folder(path, progress, zeros)
    if not path.exists():
        raise CatalogFormatError.single(name, f"找不到文件「{path}」。")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raise CatalogFormatError.single(
            name,
            f"「{name}」是单个 CSV 文件。CSV 格式的目录是一个文件夹,里面放 事项.csv、材料.csv、"
            "情形.csv、一件事.csv、跨域通办.csv 五个文件:请选择(传入)这个文件夹,而不是其中一个文件。",
        )
    if suffix == ".xlsx":
        from window_assistant.catalog.io.xlsxfmt import read_xlsx

        return read_xlsx(path, progress, zeros)
    if suffix == ".json":
        check_file_size(path)
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CatalogFormatError.single(
                name, f"「{name}」不是 UTF-8 编码的 JSON 文件。请用导出功能生成的文件。"
            ) from None
        if progress is not None:
            progress(0, 1)
        catalog = catalog_from_json(text, name, zeros)
        if progress is not None:
            progress(1, 1)
        return catalog
    if suffix in (".xls", ".et", ".ods", ".xlsm"):
        raise CatalogFormatError.single(
            name,
            f"「{name}」不是 .xlsx 工作簿。请在 Excel/WPS 中“另存为” Excel 工作簿(*.xlsx)后再导入。",
        )
    raise CatalogFormatError.single(name, f"无法识别「{name}」的格式。{_SUPPORTED}")


def write_template(path: Path) -> None:
    """The blank import template shipped as ``catalog/template.xlsx``."""
    from window_assistant.catalog.io.xlsxfmt import write_template as write

    write(path)


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Export in the format the path names: .xlsx, .json, or a folder (CSV, UTF-8 with BOM)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir() or not suffix:
        write_csv_folder(catalog, path)
        return
    if suffix not in (".xlsx", ".json"):
        raise CatalogFormatError.single(
            path.name,
            f"无法导出为「{path.name}」。请用 .xlsx 或 .json 结尾的文件名,"
            "或给出一个文件夹名(导出为 CSV)。",
        )
    # Write beside the target and rename, so a failed export never leaves half a file.
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if suffix == ".xlsx":
            from window_assistant.catalog.io.xlsxfmt import write_xlsx

            write_xlsx(catalog, tmp)
        else:
            tmp.write_text(catalog_to_json(catalog), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
