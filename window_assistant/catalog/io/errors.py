"""Import errors that name the sheet, row and column a user has to fix.

All problems of a file are collected and reported together (up to ``MAX_ERRORS``), so a
supervisor fixes the spreadsheet once instead of once per error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from window_assistant.errors import UserError

MAX_ERRORS = 100
# A catalog of 10,000 items and 80,000 materials is ~10 MB as .xlsx and ~40 MB as JSON or CSV;
# a file many times that is not a catalog, and reading it would only exhaust the memory.
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class CellError:
    """One problem, located the way the user sees the file.

    ``style`` is "sheet" (xlsx: 工作表「材料」第 12 行), "csv" (文件「材料.csv」第 12 行) or
    "json" (事项 #3 材料 #2, with ``parent`` = "事项 #3"). ``row`` 0 means the whole sheet/file.
    """

    sheet: str
    row: int
    column: str
    message: str
    style: str = "sheet"
    parent: str = ""

    def __str__(self) -> str:
        col = f"「{self.column}」" if self.column else ""
        if self.style == "json":
            where = " ".join(p for p in (self.parent, f"{self.sheet} #{self.row}") if p)
            if not self.sheet or not self.row:
                where = self.parent or self.sheet
            where = (where + col) if where else col
        else:
            if not self.sheet:
                return self.message
            where = (
                f"文件「{self.sheet}.csv」" if self.style == "csv" else f"工作表「{self.sheet}」"
            )
            if self.row:
                where += f"第 {self.row} 行"
            if col:
                where += f"{col}列"
        return f"{where}:{self.message}" if where else self.message


class BadValue(Exception):
    """A cell or JSON value that cannot be used; the message says what was expected."""

    @property
    def problem(self) -> str:  # as window_assistant.text.TextError words it
        return str(self)


class Unreadable:
    """Stands in a sheet's grid for a cell whose value the file does not hold; every
    column's converter refuses it with ``reason``, naming sheet, row and column."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __repr__(self) -> str:
        return f"Unreadable({self.reason!r})"


class CatalogFormatError(UserError):
    """A catalog file that cannot be imported; nothing has been changed."""

    def __init__(self, source: str, errors: list[CellError], total: int | None = None) -> None:
        self.source = source
        self.errors = errors
        self.total = max(total or 0, len(errors))
        if len(errors) == 1 and not errors[0].sheet and not errors[0].parent:
            message = errors[0].message
            details: list[str] = []
        else:
            message = (
                f"目录文件「{source}」有 {self.total} 处错误,未导入任何内容。请改正后重新导入:"
            )
            details = [str(e) for e in errors]
            if self.total > len(errors):
                details.append(f"…另有 {self.total - len(errors)} 处错误")
        super().__init__(message, details)

    @classmethod
    def single(cls, source: str, message: str) -> CatalogFormatError:
        """A file-level problem (unreadable, wrong format): one clear sentence."""
        return cls(source, [CellError("", 0, "", message)])


class ErrorList:
    """Collects errors, keeping the first ``MAX_ERRORS`` and counting the rest."""

    def __init__(self, source: str, style: str = "sheet") -> None:
        self.source = source
        self.style = style
        self.errors: list[CellError] = []
        self.total = 0

    def add(self, sheet: str, row: int, column: str, message: str, parent: str = "") -> None:
        self.total += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(CellError(sheet, row, column, message, self.style, parent))

    def __bool__(self) -> bool:
        return self.total > 0

    def raise_if_any(self) -> None:
        if self.total:
            raise CatalogFormatError(self.source, self.errors, self.total)


def check_file_size(path: Path, limit: int = MAX_FILE_BYTES) -> None:
    """Refuse a file too large to be a catalog before reading it."""
    size = path.stat().st_size
    if size > limit:
        raise CatalogFormatError.single(
            path.name,
            f"「{path.name}」有 {size / 2**20:,.0f} MB,超过了目录文件的上限 {limit / 2**20:,.0f} MB,"
            "不像是事项目录。请检查是否选错了文件。",
        )
