"""Sheets as rows of cells, shared by the xlsx and CSV formats.

Reading maps the header row (row 1) to columns, converts each cell with a per-kind
converter, attaches materials and situations to their item by 事项编码 (keeping row order)
and then runs the cross checks. Writing produces the same rows back, header first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import MISSING, fields
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any

from window_assistant.catalog.io.checks import NO_ZEROS, LostZeros, RowLocator, check_catalog
from window_assistant.catalog.io.errors import (
    BadValue,
    CatalogFormatError,
    ErrorList,
    Unreadable,
)
from window_assistant.catalog.io.schema import (
    BOOL,
    BUNDLES,
    CODES,
    COLUMNS,
    CROSS,
    ENUM,
    INT,
    ITEMS,
    LINK,
    LIST_KINDS,
    MATERIALS,
    REFS,
    SHEETS,
    SITUATIONS,
    Column,
    header_lookup,
    join_list,
    normalise_header,
    split_list,
)
from window_assistant.catalog.model import (
    Bundle,
    Catalog,
    CrossRegionEntry,
    Item,
    Material,
    Situation,
)
from window_assistant.text import TextError, clean_text, preview

Progress = Callable[[int, int], None]
RowSource = Callable[[str], "Iterable[Sequence[Any]] | None"]
_CLASSES = {
    ITEMS: Item,
    MATERIALS: Material,
    SITUATIONS: Situation,
    BUNDLES: Bundle,
    CROSS: CrossRegionEntry,
}
_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "对"}
_FALSE = {"否", "n", "no", "false", "0", "×", "✗", "不"}
_PROGRESS_STEP = 2000


def _defaults(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(cls):
        if f.default is not MISSING:
            out[f.name] = f.default
        elif f.default_factory is not MISSING:  # lists: a fresh one per use, see _convert
            out[f.name] = None
    return out


def _text(value: Any) -> str:
    """A cell as Excel shows it (for text columns and for quoting it in a message)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):  # a date cell: as Excel shows it, not its serial number
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(" ", "seconds" if value.second else "minutes")
    if isinstance(value, time):
        return value.isoformat("seconds" if value.second else "minutes")
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    if isinstance(value, Unreadable):
        raise BadValue(value.reason)
    return str(value)


def _show(value: Any) -> str:
    return preview(_text(value))


def _code_text(value: Any) -> str:
    """A code cell. A number is taken as its digits only while Excel kept them all (15
    significant digits); a date means Excel took the code for one. Both are refused with what
    to do, as is a fraction or a 是/否 cell."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, (date, time, timedelta)):
        raise BadValue(
            f"是日期或时间「{_show(value)}」,不是编码:Excel 把输入的编码当成了日期。"
            "请把该列设为“文本”格式后重新输入编码"
        )
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadValue(f"应为编码,实际为「{_show(value)}」")  # an Unreadable's reason
    if isinstance(value, float) and not value.is_integer():
        raise BadValue(f"编码不能是小数,实际为「{_show(value)}」")
    if abs(value) >= 10**15:
        raise BadValue(
            f"是一个 {len(str(int(value)))} 位的数字,超出了 Excel 数字的 15 位精度,末尾几位已经变了"
            "(或显示成了科学计数法)。请把该列设为“文本”格式后重新输入编码"
        )
    return str(int(value))


def _integer(value: Any) -> int | None:
    """A whole number from a cell (None: not one)."""
    if type(value) is int:
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        s = value.strip().translate(_FULL_WIDTH_DIGITS)
        if s.isascii() and s.isdigit():
            return int(s) if len(s) <= 18 else 10**18  # beyond every maximum, and cheap
    if isinstance(value, Unreadable):
        raise BadValue(value.reason)
    return None


_FULL_WIDTH_DIGITS = {0xFF10 + d: 0x30 + d for d in range(10)}


def _converter(col: Column, default: Any) -> Callable[[Any], Any]:
    """A function cell → value; empty cells give ``default`` (or an error when required)."""
    kind, required, header = col.kind, col.required, col.header

    def empty() -> Any:
        if required:
            raise BadValue("必填,不能为空")
        return [] if kind in LIST_KINDS else default

    def blank(v: Any) -> bool:
        return v is None or (isinstance(v, str) and not v.strip())

    if kind == INT:
        maximum = col.maximum

        def conv(v: Any) -> Any:
            if blank(v):
                return empty()
            n = _integer(v)
            if n is None or n < 0:
                raise BadValue(f"应为非负整数,实际为「{_show(v)}」")
            if maximum and n > maximum:
                raise BadValue(f"数值太大:「{_show(v)}」,最大为 {maximum}")
            return n

    elif kind == BOOL:

        def conv(v: Any) -> Any:
            if type(v) is bool:
                return v
            s = _text(v).strip().lower()
            if s in _TRUE:
                return True
            if s in _FALSE:
                return False
            if not s:
                return empty()
            raise BadValue(f"应为「是」或「否」,实际为「{_show(v)}」")

    elif kind == ENUM:
        # The words people type, mapped to codes here at the boundary; codes are accepted too.
        words = {w: c for c in col.choices for w in (c.label, c.value)}
        allowed = "、".join(col.words)

        def conv(v: Any) -> Any:
            s = col.clean(_text(v))
            member = words.get(s) or (col.member(s) if s else None)
            if member is not None:
                return member
            if not s:
                return empty()
            raise BadValue(f"应为以下之一:{allowed},实际为「{_show(v)}」")

    elif kind in LIST_KINDS:
        whole = partial(clean_text, field=header, multiline=True)

        def conv(v: Any) -> Any:
            text = whole(_code_text(v) if kind == CODES else _text(v))
            values = [col.clean_entry(x) for x in split_list(kind, text)]
            if kind == REFS:
                values = [_ref(x) for x in values]
            return values or empty()

    elif col.ident:

        def conv(v: Any) -> Any:
            return col.clean(_code_text(v)) or empty()

    else:  # SHORT is trimmed with inner spaces collapsed; TEXT keeps its lines and spaces

        def conv(v: Any) -> Any:
            s = col.clean(_text(v))
            return s if s.strip() else empty()

    conv.__name__ = f"convert_{header}"
    return conv


def _ref(text: str) -> str:
    key, eq, option = text.partition("=")
    if not eq:
        key, eq, option = text.partition("＝")
    return f"{key.strip()}={option.strip()}" if eq else text


class _Sheet:
    """The converters for one sheet, bound to the column positions found in its header."""

    def __init__(self, sheet: str, header: Sequence[Any], errors: ErrorList) -> None:
        self.sheet = sheet
        lookup = header_lookup(sheet)
        found: dict[str, tuple[int, Column]] = {}
        for index, cell in enumerate(header):
            col = lookup.get(normalise_header(cell))
            if col is None:
                continue  # unknown extra column
            if col.field in found:  # which of the two is meant cannot be known
                first = found[col.field][0]
                errors.add(
                    sheet,
                    1,
                    col.header,
                    f"表头第 {first + 1} 列「{_show(header[first])}」和第 {index + 1} 列"
                    f"「{_show(cell)}」都是「{col.header}」列,无法确定用哪一列。请删除或改名其中一列",
                )
                continue
            found[col.field] = (index, col)
        defaults = _defaults(_CLASSES[sheet])
        self.plan: list[tuple[int, str, str, Callable[[Any], Any]]] = []
        for col in COLUMNS[sheet]:
            if col.field in found:
                index = found[col.field][0]
                self.plan.append(
                    (index, col.field, col.header, _converter(col, defaults.get(col.field)))
                )
            elif col.required:
                errors.add(sheet, 1, col.header, f"缺少必需的列「{col.header}」(表头应在第 1 行)")

    def rows(
        self, rows: Iterator[Sequence[Any]], errors: ErrorList, tick: Callable[[], None]
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """(row number, field values) for each non-blank row; bad cells are reported."""
        sheet, plan = self.sheet, self.plan
        for number, row in enumerate(rows, start=2):
            if number % _PROGRESS_STEP == 0:
                tick()
            if not any(row) or all(v is None or (type(v) is str and not v.strip()) for v in row):
                continue
            width = len(row)
            values: dict[str, Any] = {}
            for index, name, header, conv in plan:
                try:
                    values[name] = conv(row[index] if index < width else None)
                except (BadValue, TextError) as bad:  # TextError: the one text rule (text.py)
                    errors.add(sheet, number, header, bad.problem)
            yield number, values


def catalog_from_rows(
    source_rows: RowSource,
    source: str,
    *,
    style: str = "sheet",
    total_rows: int = 0,
    progress: Progress | None = None,
    zeros: LostZeros = NO_ZEROS,
) -> Catalog:
    """Build and check a catalog from the five sheets' rows (each starting with its header).

    ``progress`` (if given) is told rows done out of ``total_rows``."""
    missing = [name for name in SHEETS if source_rows(name) is None]
    if missing:
        what = "文件" if style == "csv" else "工作表"
        names = "、".join(f"{n}.csv" if style == "csv" else n for n in missing)
        raise CatalogFormatError.single(
            source,
            f"「{source}」缺少{what}:{names}。五个{what}(事项、材料、情形、一件事、跨域通办)都要有,"
            "没有内容的可以只保留表头。请从模板开始填写。",
        )
    errors = ErrorList(source, style)
    loc = RowLocator(errors)
    done = 0

    def tick() -> None:
        nonlocal done
        done += _PROGRESS_STEP
        if progress is not None:
            progress(min(done, total_rows), total_rows)

    parsed: dict[str, Iterator[tuple[int, dict[str, Any]]]] = {}
    for name in SHEETS:
        rows = iter(source_rows(name) or ())
        header = next(rows, None)
        if header is None:
            errors.add(name, 1, "", "表头为空:第 1 行应是列名(见模板)")
            parsed[name] = iter(())
            continue
        sheet = _Sheet(name, header, errors)
        parsed[name] = sheet.rows(rows, errors, tick)
    if errors:  # missing columns: the rows cannot be read meaningfully
        errors.raise_if_any()

    items: list[Item] = []
    index: dict[str, int] = {}
    for number, values in parsed[ITEMS]:
        index.setdefault(values.get("code", ""), len(items))
        items.append(Item(**_filled(values, ITEMS)))
        loc.item_rows.append(number)
        loc.material_rows.append([])
        loc.situation_rows.append([])
    file_zeros: LostZeros | None = None
    for sheet_name, attr, rows_attr, cls in (
        (SITUATIONS, "situations", loc.situation_rows, Situation),
        (MATERIALS, "materials", loc.material_rows, Material),
    ):
        for number, values in parsed[sheet_name]:
            code = values.pop(LINK, "")
            i = index.get(code)
            if i is None:
                if code:
                    file_zeros = file_zeros or LostZeros(index)  # built once, when needed
                    hint = file_zeros.problem(code)
                    errors.add(
                        sheet_name,
                        number,
                        "事项编码",
                        hint or f"事项编码「{code}」在「事项」表中不存在",
                    )
                continue
            getattr(items[i], attr).append(cls(**_filled(values, sheet_name)))
            rows_attr[i].append(number)
    bundles = []
    for number, values in parsed[BUNDLES]:
        bundles.append(Bundle(**_filled(values, BUNDLES)))
        loc.bundle_rows.append(number)
    cross = []
    for number, values in parsed[CROSS]:
        cross.append(CrossRegionEntry(**_filled(values, CROSS)))
        loc.cross_rows.append(number)
    catalog = Catalog(items=items, bundles=bundles, crossregion=cross)
    check_catalog(catalog, loc, zeros)
    errors.raise_if_any()
    if progress is not None:
        progress(total_rows, total_rows)
    return catalog


_REQUIRED = {
    sheet: [
        (c.field, [] if c.kind in LIST_KINDS else "")
        for c in cols
        if c.required and c.field != LINK
    ]
    for sheet, cols in COLUMNS.items()
}


def _filled(values: dict[str, Any], sheet: str) -> dict[str, Any]:
    """Placeholders for required fields whose cell was bad (already reported), so the
    entry can still be built and the remaining checks run."""
    for name, placeholder in _REQUIRED[sheet]:
        if name not in values:
            values[name] = placeholder
    return values


# -- writing ---------------------------------------------------------------------------------
def _cell_writer(col: Column, numbers: bool) -> Callable[[Any], Any]:
    kind = col.kind
    if kind == BOOL:
        return lambda v: "是" if v else "否"
    if kind == INT:
        return (lambda v: v) if numbers else str
    if kind in LIST_KINDS:
        return lambda v: join_list(kind, v)
    if kind == ENUM:
        return col.word
    return lambda v: v


def catalog_rows(catalog: Catalog, *, numbers: bool = True) -> dict[str, list[list[Any]]]:
    """Each sheet's rows, header first; ``numbers`` keeps integers as numbers (xlsx)."""
    out: dict[str, list[list[Any]]] = {}

    def plan(sheet: str) -> list[tuple[str, Callable[[Any], Any]]]:
        return [(c.field, _cell_writer(c, numbers)) for c in COLUMNS[sheet] if c.field != LINK]

    def row(obj: Any, p: list[tuple[str, Callable[[Any], Any]]]) -> list[Any]:
        return [w(getattr(obj, f)) for f, w in p]

    headers = {sheet: [c.header for c in COLUMNS[sheet]] for sheet in SHEETS}
    p_item, p_mat, p_sit = plan(ITEMS), plan(MATERIALS), plan(SITUATIONS)
    out[ITEMS] = [headers[ITEMS], *(row(i, p_item) for i in catalog.items)]
    out[MATERIALS] = [headers[MATERIALS]] + [
        [i.code, *row(m, p_mat)] for i in catalog.items for m in i.materials
    ]
    out[SITUATIONS] = [headers[SITUATIONS]] + [
        [i.code, *row(s, p_sit)] for i in catalog.items for s in i.situations
    ]
    p_b, p_c = plan(BUNDLES), plan(CROSS)
    out[BUNDLES] = [headers[BUNDLES], *(row(b, p_b) for b in catalog.bundles)]
    out[CROSS] = [headers[CROSS], *(row(c, p_c) for c in catalog.crossregion)]
    return out
