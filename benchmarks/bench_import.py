"""Catalog import speed: our xlsx import (read + validate + store) against openpyxl's own
read-only iteration over the same file.

Baseline (a): openpyxl ``load_workbook(read_only=True)`` and ``iter_rows(values_only=True)``
over every row of every sheet, doing nothing with the values.
Ours (b): ``read_catalog`` (parse, convert, validate) + ``CatalogRepository.replace`` into a
fresh database (pinyin, diff, inserts). Target ratio b/a ≤ 2.0.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import synthetic_catalog, timed
from openpyxl import load_workbook

from window_assistant.catalog.diff import diff_catalogs
from window_assistant.catalog.io import read_catalog, write_catalog
from window_assistant.catalog.repository import CatalogRepository
from window_assistant.store.database import Store

ITEMS, MATERIALS = 10_000, 8


def openpyxl_iterate(path: Path) -> int:
    wb = load_workbook(path, read_only=True, data_only=True)
    rows = 0
    for ws in wb.worksheets:
        for _row in ws.iter_rows(values_only=True):
            rows += 1
    wb.close()
    return rows


def main() -> int:
    catalog = synthetic_catalog(ITEMS, MATERIALS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.xlsx"
        t_write, _ = timed(lambda: write_catalog(catalog, path))
        mb = path.stat().st_size / 1e6
        print(f"synthetic catalog: {ITEMS} items, {ITEMS * MATERIALS} materials, {mb:.1f} MB xlsx")
        print(f"write_catalog (xlsx export):            {t_write:6.2f} s")
        t_base, rows = timed(lambda: openpyxl_iterate(path))
        t_read, read = timed(lambda: read_catalog(path))
        store = Store(Path(tmp) / "bench.db")
        t_replace, _ = timed(lambda: CatalogRepository(store).replace(read, source="bench"))
        store.close()
        assert diff_catalogs(catalog, read).is_empty(), "import changed the catalog"
        ours = t_read + t_replace
        print(f"(a) openpyxl read-only iteration, {rows} rows: {t_base:6.2f} s")
        print(f"(b) read_catalog (parse + validate):      {t_read:6.2f} s")
        print(f"    CatalogRepository.replace (fresh db): {t_replace:6.2f} s")
        print(f"    total import:                         {ours:6.2f} s")
        ratio = ours / t_base
        print(f"ratio (b)/(a) = {ratio:.2f}  (target ≤ 2.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
