"""What every table export shares (the ratings' and the cases'): choosing CSV or XLSX by the
file's name, writing beside the target and renaming it, UTF-8 with BOM for Excel, keeping what
people typed from being run as a formula, progress for the window, and masking names.

A file is written beside its target (``beside``) and renamed over it by the caller once written
and audited, so a full disk or a folder that refuses leaves no half file behind.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from window_assistant.errors import UserError

Progress = Callable[[int, int], None]  # (rows done, rows in all): the window's progress bar
PROGRESS_EVERY = 2000  # rows between two progress calls
XLSX_MAX_ROWS = 1_048_575  # a worksheet's rows, less the header
FORMULA_START = tuple("=+-@'\t\r")  # what Excel would take for a formula, and the escape itself


def check_dates(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise UserError(f"起始日期 {date_from} 晚于截止日期 {date_to},请检查导出的日期范围。")


def table_kind(path: Path) -> str:
    """``csv`` or ``xlsx`` by ``path``'s extension; UserError (Chinese) otherwise."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UserError(f"{path.name}:只能导出为 .csv 或 .xlsx 文件,请换一个文件名。")
    return suffix[1:]


def check_sheet_rows(total: int, what: str = "条评价") -> None:
    if total > XLSX_MAX_ROWS:
        raise UserError(
            f"共 {total} {what},超过 Excel 工作表的上限 {XLSX_MAX_ROWS} 条:"
            "请导出为 .csv,或用 --from/--to 缩小日期范围。"
        )


@contextlib.contextmanager
def beside(path: Path) -> Iterator[Path]:
    """A file beside ``path`` to write, renamed over it by the caller once written and audited;
    on any OSError nothing is left behind and the user reads why in Chinese."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        yield tmp
    except OSError as exc:
        raise UserError(f"无法写入 {path}:{exc.strerror or exc}。请检查位置和磁盘空间。") from None
    finally:
        tmp.unlink(missing_ok=True)


def write_file(tmp: Path, write: Callable[[Any], None], binary: bool = False) -> None:
    """Run ``write`` on ``tmp`` and make it durable."""
    if binary:
        with open(tmp, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        return
    # UTF-8 with BOM: Excel in China opens a CSV without it as GBK and garbles it. The BOM is
    # written by hand: the utf-8-sig codec encodes in Python, utf-8 in C.
    with open(tmp, "w", encoding="utf-8", newline="") as out:
        out.write("\ufeff")
        write(out)
        out.flush()
        os.fsync(out.fileno())


def counted(rows: Iterable[Any], total: int, progress: Progress | None) -> Iterator[Any]:
    """``rows`` as they are, telling ``progress`` every ``PROGRESS_EVERY`` rows and at the end."""
    if progress is None:
        yield from rows
        return
    done = 0
    progress(0, total)
    for row in rows:
        yield row
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done, total)
    progress(done, total)


def cell(text: str) -> str:
    """What a person typed, as text Excel will not run as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def uncell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


# Two-character surnames (复姓) still in use, kept whole when a name is masked to its surname.
COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐",
    "独孤", "南宫", "西门", "端木", "百里", "呼延", "申屠", "太史", "公羊", "澹台", "钟离", "闻人", "赫连", "万俟", "东郭",
    "濮阳", "单于", "拓跋", "第五",
})  # fmt: skip


def mask_name(name: str) -> str:
    """A person's name as exports show it: the surname (two characters for a 复姓 followed by a
    given name), then * for each other character."""
    keep = 2 if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else 1
    return name[:keep] + "*" * (len(name) - keep) if len(name) > 1 else name


def gbt39046_time(at: str) -> str:
    """``2026-03-05T10:30:00`` → ``20260305T103000`` (GB/T 39046 times, GB/T 7408 basic form)."""
    moment = datetime.fromisoformat(at)
    return moment.strftime("%Y%m%dT%H%M%S")


def write_rows(
    tmp: Path, kind: str, headers: list[str], rows: Iterable[list[Any]], sheet: str
) -> None:
    """A header and ``rows`` to ``tmp``: CSV with BOM, or one XLSX sheet named ``sheet``."""
    if kind == "csv":

        def write_csv(out: Any) -> None:
            import csv

            writer = csv.writer(out)
            writer.writerow(headers)
            writer.writerows(rows)

        write_file(tmp, write_csv)
        return

    def write_xlsx(out: Any) -> None:
        from window_assistant.ratings import exports_xlsx

        exports_xlsx.write_dataset(out, headers, rows, sheet=sheet)

    write_file(tmp, write_xlsx, binary=True)
