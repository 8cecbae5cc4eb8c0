"""Reading and writing the partner agreements: an Excel workbook with two sheets, or the same
as JSON (the format is documented in catalog/CROSSREGION.md).

Like the catalog import, the whole file is checked first and every problem is listed with its
sheet, row (as Excel numbers it) and column, or its place in the JSON; a file with any problem
is refused whole. The checks that need the database (is the item on the catalog's 跨域通办
list?) are made here too, from the codes the caller passes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from window_assistant.catalog.io.errors import CellError, ErrorList, check_file_size
from window_assistant.crossregion.model import (
    FORMAT_TAG,
    MAX_LIMIT,
    Agreement,
    AgreementItem,
    Agreements,
)
from window_assistant.errors import UserError
from window_assistant.text import TextError, clean_code, clean_text
from window_assistant.vocab import AgreementStep

AGREEMENTS, ITEMS = "合作协议", "协议事项"
MAX_FILE_BYTES = 16 * 1024 * 1024  # thousands of agreements fit in far less

# (field, header, required) of each sheet, in the order the template writes them.
STEP_HEADERS = {step: f"{step.label}时限" for step in AgreementStep}
AGREEMENT_COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("code", "协议编号", True),
    ("region", "合作地区", True),
    ("name", "协议名称", False),
    ("contact_window", "联系窗口", True),
    ("contact_address", "窗口地址", True),
    ("contact_phone", "联系电话", True),
    *((step.value, STEP_HEADERS[step], True) for step in AgreementStep),
    ("liabilities", "责任情形", False),
    ("signed_on", "签订日期", False),
    ("sample", "示例", False),
    ("note", "备注", False),
)
ITEM_COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("agreement", "协议编号", True),
    ("item_code", "事项编码", True),
    *((step.value, STEP_HEADERS[step], False) for step in AgreementStep),
    ("note", "备注", False),
)
_YES = {"是", "y", "yes", "true", "1"}
_NO = {"否", "n", "no", "false", "0", ""}
_LIST_SPLIT = re.compile(r"[;；、,，\n]+")


class AgreementFormatError(UserError):
    """A file of agreements that cannot be imported; nothing has been changed."""

    def __init__(self, source: str, errors: list[CellError], total: int) -> None:
        self.errors = errors
        if len(errors) == 1 and not errors[0].sheet and not errors[0].parent:
            super().__init__(errors[0].message)
            return
        details = [str(e) for e in errors]
        if total > len(errors):
            details.append(f"…另有 {total - len(errors)} 处错误")
        super().__init__(
            f"合作协议文件「{source}」有 {total} 处错误,未导入任何内容。请改正后重新导入:",
            details,
        )

    @classmethod
    def single(cls, source: str, message: str) -> AgreementFormatError:
        return cls(source, [CellError("", 0, "", message)], 1)


def _raise_if_any(errors: ErrorList) -> None:
    if errors:
        raise AgreementFormatError(errors.source, errors.errors, errors.total)


@dataclass(frozen=True)
class Catalogued:
    """What the checks need of the current catalog: the items on its 跨域通办 list and the
    codes of every item (to tell "not in the catalog" from "not on the list")."""

    crossregion: Mapping[str, str]  # item code → name
    items: frozenset[str]


# -- one cell's value ------------------------------------------------------------------------
class _Bad(Exception):
    pass


def _text(value: Any, header: str, required: bool, multiline: bool = False) -> str:
    if value is None:
        value = ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    try:
        return clean_text(value, header, multiline=multiline, required=required)
    except TextError as exc:
        raise _Bad(exc.problem) from None


def _code(value: Any, header: str, required: bool = True) -> str:
    if isinstance(value, float) and value.is_integer():
        raise _Bad("是数字,可能已丢掉开头的 0:请把这一列设为文本后重新填写编码")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    try:
        return clean_code("" if value is None else value, header, required=required)
    except TextError as exc:
        raise _Bad(exc.problem) from None


def _limit(value: Any, required: bool) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _Bad("不能为空:填写该步骤的工作日数")
        return None
    if isinstance(value, bool):
        raise _Bad(f"应为 0 到 {MAX_LIMIT} 的工作日数")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = value.strip().removesuffix("个工作日").removesuffix("工作日").strip()
        if not re.fullmatch(r"[0-9]{1,6}", text):
            raise _Bad(f"「{value.strip()[:20]}」不是工作日数,应为 0 到 {MAX_LIMIT} 的整数")
        value = int(text)
    if not isinstance(value, int):
        raise _Bad(f"应为 0 到 {MAX_LIMIT} 的工作日数")
    if not 0 <= value <= MAX_LIMIT:
        raise _Bad(f"{value} 超出范围,应为 0 到 {MAX_LIMIT} 个工作日")
    return value


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = "" if value is None else str(value).strip().casefold()
    if isinstance(value, float) and value.is_integer():
        word = str(int(value))
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise _Bad(f"「{str(value)[:20]}」应填 是 或 否")


def _day(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return date.fromisoformat(text.replace("/", "-")).isoformat()
    except ValueError:
        raise _Bad(f"「{text[:20]}」不是日期,应写成 年-月-日,例如 2025-06-30") from None


def _words(value: Any, header: str) -> list[str]:
    if isinstance(value, list):
        parts = [_text(v, header, True) for v in value]
    else:
        parts = [p for p in _LIST_SPLIT.split(_text(value, header, False, True)) if p.strip()]
        parts = [_text(p, header, True) for p in parts]
    return list(dict.fromkeys(parts))


# -- checks across rows ----------------------------------------------------------------------
Where = Callable[[str, str], None]  # (column, message): adds an error at a place


def _check(agreements: list[tuple[Agreement, Where, list[Where]]], catalogued: Catalogued) -> None:
    """Unique codes, one agreement per (region, item), items on the 跨域通办 list."""
    codes: dict[str, int] = {}
    pairs: dict[tuple[str, str], str] = {}
    for n, (agreement, where, item_wheres) in enumerate(agreements, start=1):
        if agreement.code in codes:
            where(
                "协议编号",
                f"协议编号「{agreement.code}」重复(与第 {codes[agreement.code]} 个协议相同)",
            )
            continue
        codes[agreement.code] = n
        if not agreement.items:
            where(
                "协议编号", f"协议「{agreement.code}」没有任何事项:在「{ITEMS}」中列出它涵盖的事项"
            )
        seen: set[str] = set()
        for item, item_where in zip(agreement.items, item_wheres):
            code = item.item_code
            if code in seen:
                item_where("事项编码", f"事项「{code}」在协议「{agreement.code}」中重复")
                continue
            seen.add(code)
            if code not in catalogued.crossregion:
                if code in catalogued.items:
                    problem = "在目录中,但不在跨域通办清单上:请先在目录的「跨域通办」表中列出它"
                else:
                    problem = "不在当前目录中:请核对事项编码"
                item_where("事项编码", f"事项「{code}」{problem}")
                continue
            key = (agreement.region, code)
            if key in pairs and pairs[key] != agreement.code:
                item_where(
                    "事项编码",
                    f"合作地区「{agreement.region}」的事项「{code}」已在协议「{pairs[key]}」中约定,"
                    "同一地区的同一事项只能有一个协议",
                )
            pairs.setdefault(key, agreement.code)


# -- JSON ------------------------------------------------------------------------------------
def _json_limits(value: Any, add: Where, required: bool) -> dict[str, int]:
    if value is None:
        value = {}
    if not isinstance(value, dict):
        add("limits", '应为对象,例如 {"寄出": 1, "对方受理": 3, "办结": 20, "结果寄回": 2}')
        return {}
    limits: dict[str, int] = {}
    for key, days in value.items():
        try:
            step = AgreementStep.parse(str(key))
        except ValueError as exc:
            add(f"limits.{key}", str(exc))
            continue
        try:
            limit = _limit(days, required=True)
        except _Bad as exc:
            add(f"limits.{key}", str(exc))
            continue
        if limit is not None:
            limits[step.value] = limit
    if required:
        for step in AgreementStep:
            if step.value not in limits and not any(_step_or_none(k) == step for k in value):
                add("limits", f"缺少「{step.label}」的时限(工作日)")
    return limits


def _step_or_none(key: Any) -> AgreementStep | None:
    try:
        return AgreementStep.parse(str(key))
    except ValueError:
        return None


def agreements_from_json_data(
    data: Any, source: str, catalogued: Catalogued | None = None
) -> Agreements:
    errors = ErrorList(source, style="json")
    if not isinstance(data, dict) or data.get("format") != FORMAT_TAG:
        raise AgreementFormatError.single(
            source,
            f'「{source}」不是窗口助手的跨域通办合作协议文件(应有 "format": "{FORMAT_TAG}")。'
            "请从 catalog/tiexi_crossregion.json 复制格式。",
        )
    raw = data.get("agreements")
    if not isinstance(raw, list):
        raise AgreementFormatError.single(source, f'「{source}」缺少协议列表 "agreements"。')
    found: list[tuple[Agreement, Where, list[Where]]] = []
    for n, entry in enumerate(raw, start=1):

        def where(column: str, message: str, n: int = n) -> None:
            errors.add("协议", n, column, message)

        if not isinstance(entry, dict):
            where("", "应为对象")
            continue
        contact: dict[str, Any] = entry["contact"] if isinstance(entry.get("contact"), dict) else {}
        values: dict[str, Any] = {}
        for name, header, required, value in (
            ("code", "code", True, entry.get("code")),
            ("region", "region", True, entry.get("region")),
            ("name", "name", False, entry.get("name")),
            ("contact_window", "contact.window", True, contact.get("window")),
            ("contact_address", "contact.address", True, contact.get("address")),
            ("contact_phone", "contact.phone", True, contact.get("phone")),
            ("note", "note", False, entry.get("note")),
        ):
            try:
                if name == "code":
                    values[name] = _code(value, header)
                else:
                    values[name] = _text(value, header, required, multiline=name == "note")
            except _Bad as exc:
                where(header, str(exc))
        try:
            values["liabilities"] = _words(entry.get("liabilities", []), "liabilities")
            values["signed_on"] = _day(entry.get("signed_on", ""))
            values["sample"] = _flag(entry.get("sample", False))
        except _Bad as exc:
            where("liabilities/signed_on/sample", str(exc))
        limits = _json_limits(entry.get("limits"), where, required=True)
        items: list[AgreementItem] = []
        item_wheres: list[Where] = []
        raw_items = entry.get("items", [])
        if not isinstance(raw_items, list):
            where("items", "应为列表")
            raw_items = []
        for m, raw_item in enumerate(raw_items, start=1):

            def item_where(column: str, message: str, n: int = n, m: int = m) -> None:
                errors.add("事项", m, column, message, parent=f"协议 #{n}")

            if not isinstance(raw_item, dict):
                item_where("", '应为对象,例如 {"item_code": "000920014000"}')
                continue
            try:
                code = _code(raw_item.get("item_code"), "item_code")
                note = _text(raw_item.get("note"), "note", False, multiline=True)
            except _Bad as exc:
                item_where("item_code", str(exc))
                continue
            item_limits = _json_limits(raw_item.get("limits"), item_where, required=False)
            items.append(AgreementItem(code, item_limits, note))
            item_wheres.append(item_where)
        if len(values) == len(AGREEMENT_COLUMNS) - len(AgreementStep):  # each field read
            agreement = Agreement(limits=limits, items=items, **values)
            found.append((agreement, where, item_wheres))
    if catalogued is not None:
        _check(found, catalogued)
    _raise_if_any(errors)
    title = data["title"] if isinstance(data.get("title"), str) else ""
    return Agreements([a for a, _, _ in found], title=title)


def agreements_from_json(
    text: str, source: str, catalogued: Catalogued | None = None
) -> Agreements:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AgreementFormatError.single(
            source, f"「{source}」不是有效的 JSON:第 {exc.lineno} 行第 {exc.colno} 列 {exc.msg}。"
        ) from None
    return agreements_from_json_data(data, source, catalogued)


# -- Excel -----------------------------------------------------------------------------------
def _header_key(text: Any) -> str:
    """A header as typed, without spaces, ``*``, 「(必填)」 or a unit such as 「(工作日)」."""
    key = re.sub(r"[\s*]", "", str(text or ""))
    return re.sub(r"[((][^))]*[))]$", "", key)


def _sheet_rows(
    rows: list[list[Any]],
    sheet: str,
    columns: tuple[tuple[str, str, bool], ...],
    errors: ErrorList,
) -> list[tuple[int, dict[str, Any]]]:
    """Each data row (with its Excel row number) as field → raw value; a missing required
    column is one error naming the sheet and the column."""
    if not rows:
        errors.add(sheet, 1, "", "没有表头行")
        return []
    header = [_header_key(h) for h in rows[0]]
    positions: dict[str, int] = {}
    for name, title, required in columns:
        if title in header:
            positions[name] = header.index(title)
        elif required:
            errors.add(sheet, 1, title, "缺少这一列(表头第 1 行)")
    out = []
    for number, row in enumerate(rows[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        out.append((number, {n: row[i] if i < len(row) else None for n, i in positions.items()}))
    return out


def agreements_from_rows(
    sheets: Mapping[str, list[list[Any]]], source: str, catalogued: Catalogued | None = None
) -> Agreements:
    errors = ErrorList(source)
    for sheet in (AGREEMENTS, ITEMS):
        if sheet not in sheets:
            errors.add(
                sheet, 0, "", f"缺少工作表「{sheet}」(两个工作表「{AGREEMENTS}」「{ITEMS}」都要有)"
            )
    _raise_if_any(errors)
    headers = {name: title for name, title, _ in AGREEMENT_COLUMNS}
    found: list[tuple[Agreement, Where, list[Where]]] = []
    by_code: dict[str, tuple[Agreement, list[Where]]] = {}
    typed: set[str] = set()  # every code in the sheet, those of rows with errors too
    for number, row in _sheet_rows(sheets[AGREEMENTS], AGREEMENTS, AGREEMENT_COLUMNS, errors):
        typed.add(str(row.get("code") or "").strip())

        def where(column: str, message: str, number: int = number) -> None:
            errors.add(AGREEMENTS, number, column, message)

        values: dict[str, Any] = {}
        limits: dict[str, int] = {}
        ok = True
        for name, header, required in AGREEMENT_COLUMNS:
            value = row.get(name)
            try:
                if name == "code":
                    values[name] = _code(value, header)
                elif name in AgreementStep._value2member_map_:
                    limit = _limit(value, required)
                    if limit is not None:
                        limits[name] = limit
                elif name == "liabilities":
                    values[name] = _words(value, header)
                elif name == "signed_on":
                    values[name] = _day(value)
                elif name == "sample":
                    values[name] = _flag(value)
                else:
                    values[name] = _text(value, header, required, multiline=name == "note")
            except _Bad as exc:
                ok = False
                where(headers[name], str(exc))
        if ok:
            agreement = Agreement(limits=limits, **values)
            wheres: list[Where] = []
            found.append((agreement, where, wheres))
            by_code.setdefault(agreement.code, (agreement, wheres))
    item_headers = {name: title for name, title, _ in ITEM_COLUMNS}
    for number, row in _sheet_rows(sheets[ITEMS], ITEMS, ITEM_COLUMNS, errors):

        def item_where(column: str, message: str, number: int = number) -> None:
            errors.add(ITEMS, number, column, message)

        try:
            owner = _code(row.get("agreement"), "协议编号")
            code = _code(row.get("item_code"), "事项编码")
        except _Bad as exc:
            item_where("协议编号/事项编码", str(exc))
            continue
        item_limits: dict[str, int] = {}
        note = ""
        for name, _header, _required in ITEM_COLUMNS[2:]:
            try:
                if name == "note":
                    note = _text(row.get(name), "备注", False, multiline=True)
                else:
                    limit = _limit(row.get(name), required=False)
                    if limit is not None:
                        item_limits[name] = limit
            except _Bad as exc:
                item_where(item_headers[name], str(exc))
        if owner not in by_code:
            if owner not in typed:  # else its agreement's row has an error already
                item_where("协议编号", f"「{AGREEMENTS}」中没有协议编号「{owner}」")
            continue
        agreement, wheres = by_code[owner]
        agreement.items.append(AgreementItem(code, item_limits, note))
        wheres.append(item_where)
    if catalogued is not None:
        _check(found, catalogued)
    _raise_if_any(errors)
    return Agreements([a for a, _, _ in found])


def _read_xlsx(path: Path) -> dict[str, list[list[Any]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise AgreementFormatError.single(
            path.name,
            f"「{path.name}」不是可读的 .xlsx 工作簿({exc})。请用 Excel/WPS 另存为 .xlsx。",
        ) from None
    try:
        return {
            ws.title.strip(): [list(r) for r in ws.iter_rows(values_only=True)]
            for ws in book.worksheets
        }
    finally:
        book.close()


def read_agreements(path: Path, catalogued: Catalogued | None = None) -> Agreements:
    """Read and check an agreements file (.xlsx or .json); AgreementFormatError otherwise."""
    path = Path(path)
    name = path.name or str(path)
    if path.is_dir():
        raise AgreementFormatError.single(name, f"{path} 是一个文件夹,请选择 .xlsx 或 .json 文件。")
    if not path.exists():
        raise AgreementFormatError.single(name, f"找不到文件「{path}」。")
    try:
        check_file_size(path, MAX_FILE_BYTES)
    except UserError:
        raise AgreementFormatError.single(
            name,
            f"「{name}」超过 {MAX_FILE_BYTES // 2**20} MB,不像是合作协议文件,请检查是否选错了文件。",
        ) from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            try:
                text = path.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise AgreementFormatError.single(
                    name, f"「{name}」不是 UTF-8 编码的 JSON 文件。"
                ) from None
            return agreements_from_json(text, name, catalogued)
        if suffix == ".xlsx":
            return agreements_from_rows(_read_xlsx(path), name, catalogued)
    except OSError as exc:
        raise AgreementFormatError.single(
            name, f"无法读取「{path}」:{exc.strerror or exc}。请检查文件是否被其他程序占用。"
        ) from None
    raise AgreementFormatError.single(
        name, f"无法识别「{name}」的格式:合作协议文件应为 .xlsx 工作簿或 .json 文件。"
    )


# -- writing ---------------------------------------------------------------------------------
def agreement_rows(agreements: Agreements) -> dict[str, list[list[Any]]]:
    """The two sheets as rows (header first): what ``write_agreements`` puts in a workbook."""
    main: list[list[Any]] = [[title for _, title, _ in AGREEMENT_COLUMNS]]
    items: list[list[Any]] = [[title for _, title, _ in ITEM_COLUMNS]]
    for a in agreements.agreements:
        fields: dict[str, Any] = {
            "code": a.code,
            "region": a.region,
            "name": a.name,
            "contact_window": a.contact_window,
            "contact_address": a.contact_address,
            "contact_phone": a.contact_phone,
            **a.limits,
            "liabilities": ";".join(a.liabilities),
            "signed_on": a.signed_on,
            "sample": "是" if a.sample else "否",
            "note": a.note,
        }
        main.append([fields.get(name, "") for name, _, _ in AGREEMENT_COLUMNS])
        for item in a.items:
            values = {"agreement": a.code, "item_code": item.item_code, **item.limits}
            values["note"] = item.note
            items.append([values.get(name, "") for name, _, _ in ITEM_COLUMNS])
    return {AGREEMENTS: main, ITEMS: items}


def write_agreements(agreements: Agreements, path: Path) -> None:
    """Write ``agreements`` as .xlsx or .json (by the extension); reading it back gives them."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        text = json.dumps(agreements.to_dict(), ensure_ascii=False, indent=2)
        path.write_text(text + "\n", encoding="utf-8")
        return
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for sheet, rows in agreement_rows(agreements).items():
        ws = book.create_sheet(sheet)
        for row in rows:
            ws.append(row)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            ws.column_dimensions[cell.column_letter].width = max(12, 2.2 * len(str(cell.value)))
        ws.freeze_panes = "A2"
    book.save(path)


def catalogued_from(codes: Iterable[tuple[str, str]], items: Iterable[str]) -> Catalogued:
    return Catalogued(dict(codes), frozenset(items))
