"""The JSON format: ``Catalog.to_dict()`` with the Chinese words of the spreadsheets in the
enumerated fields (必要, 即办件 …) instead of the stored codes, checked field by field before use."""

from __future__ import annotations

import json
from typing import Any

from window_assistant.catalog.io.checks import (
    NO_ZEROS,
    JsonLocator,
    LostZeros,
    Where,
    check_catalog,
)
from window_assistant.catalog.io.errors import BadValue, CatalogFormatError, ErrorList
from window_assistant.catalog.io.schema import (
    BOOL,
    BUNDLE_COLUMNS,
    CROSS_COLUMNS,
    ENUM,
    INT,
    ITEM_COLUMNS,
    LINK,
    LIST_KINDS,
    MATERIAL_COLUMNS,
    SITUATION_COLUMNS,
    Column,
)
from window_assistant.catalog.model import (
    FORMAT_TAG,
    FORMAT_VERSION,
    Bundle,
    Catalog,
    CrossRegionEntry,
    Item,
    Material,
    Situation,
)
from window_assistant.text import TextError, preview

_TYPE_NAMES = {
    str: "文本",
    int: "整数",
    float: "数字",
    bool: "是/否(true/false)",
    list: "列表",
    dict: "对象",
}


def _type_name(value: Any) -> str:
    if value is None:
        return "空值(null)"
    if isinstance(value, _Huge):
        return "数字"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _show(value: Any) -> str:
    """A value as a message quotes it; a list or object by its size only (it may be nested
    a thousand deep or hold a million entries)."""
    if isinstance(value, list):
        return f"含 {len(value)} 项的列表"
    if isinstance(value, dict):
        return f"含 {len(value)} 个字段的对象"
    if isinstance(value, _Huge):
        return f"{len(value.text)} 位的数字 {preview(value.text, 24)}"
    return preview(value if isinstance(value, str) else json.dumps(value))


def _fields(
    data: Any, columns: tuple[Column, ...], loc: JsonLocator, where: Where
) -> dict[str, Any]:
    """The checked keyword arguments for one entry. A bad or missing required value is
    reported and replaced by a placeholder, so the cross checks still run on the rest."""
    if not isinstance(data, dict):
        loc.add(where, "", f"应为对象({{...}}),实际为{_type_name(data)}")
        data = {}
    values: dict[str, Any] = {}
    for col in columns:
        if col.field == LINK:
            continue
        if col.field not in data:
            if col.required:
                loc.add(where, col.header, f"缺少必填项「{col.field}」")
                values[col.field] = [] if col.kind in LIST_KINDS else ""
            continue
        try:
            values[col.field] = _value(col, data[col.field])
        except (BadValue, TextError) as bad:  # TextError: the one text rule (text.py)
            loc.add(where, col.header, bad.problem)
            if col.required:
                values[col.field] = [] if col.kind in LIST_KINDS else ""
    return values


def _value(col: Column, value: Any) -> Any:
    """The value of ``col`` checked and cleaned by the same rules as a spreadsheet cell."""
    kind = col.kind
    if kind == INT:
        if isinstance(value, _Huge):
            raise BadValue(f"数值太大:{_show(value)}")
        if type(value) is not int or value < 0:
            raise BadValue(f"应为非负整数,实际为「{_show(value)}」")
        if col.maximum and value > col.maximum:
            raise BadValue(f"数值太大:「{_show(value)}」,最大为 {col.maximum}")
        return value
    if kind == BOOL:
        if type(value) is not bool:
            raise BadValue(f"应为 true 或 false,实际为「{_show(value)}」")
        return value
    if kind in LIST_KINDS:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise BadValue(f"应为非空文本的列表,实际为「{_show(value)}」")
        if col.required and not value:
            raise BadValue("必填,不能为空")
        return [col.clean_entry(v) for v in value]
    if not isinstance(value, str):
        raise BadValue(f"应为文本,实际为{_type_name(value)}「{_show(value)}」")
    text = col.clean(value)
    if kind == ENUM:
        member = col.member(text)
        if member is None:
            raise BadValue(f"应为以下之一:{'、'.join(col.words)},实际为「{_show(value)}」")
        return member
    if col.required and not text.strip():
        raise BadValue("必填,不能为空")
    return text


def _section(data: dict[str, Any], key: str, loc: JsonLocator, label: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        loc.errors.add("", 0, "", f"「{key}」({label})应为列表,实际为{_type_name(value)}", label)
        return []
    return value


def catalog_from_json(text: str, source: str, zeros: LostZeros = NO_ZEROS) -> Catalog:
    """Parse and check JSON text; every problem is reported in one ``CatalogFormatError``."""
    if not text.strip():
        raise CatalogFormatError.single(source, f"目录文件「{source}」是空的,没有任何内容。")
    data = _parse(text, source)
    if not isinstance(data, dict) or not isinstance(data.get("items", None), list):
        raise CatalogFormatError.single(
            source,
            f'目录文件「{source}」不是窗口助手的目录 JSON(应为含 "items" 列表的对象)。',
        )
    tag, version = data.get("format", FORMAT_TAG), data.get("version", FORMAT_VERSION)
    if tag != FORMAT_TAG:
        raise CatalogFormatError.single(
            source, f"目录文件「{source}」的 format 为「{_show(tag)}」,不是「{FORMAT_TAG}」。"
        )
    if type(version) is not int or not 0 < version <= FORMAT_VERSION:
        raise CatalogFormatError.single(
            source,
            f"目录文件「{source}」的格式版本为 {_show(version)},本程序只支持到 {FORMAT_VERSION}。"
            "请升级窗口助手。",
        )
    errors = ErrorList(source, style="json")
    loc = JsonLocator(errors)
    items: list[Item] = []
    for i, raw in enumerate(data["items"]):
        values = _fields(raw, ITEM_COLUMNS, loc, loc.item(i))
        sits = _nested(raw, "situations", SITUATION_COLUMNS, Situation, loc, loc.situation, i)
        mats = _nested(raw, "materials", MATERIAL_COLUMNS, Material, loc, loc.material, i)
        items.append(Item(**values, situations=sits, materials=mats))
    bundles = _entries(
        _section(data, "bundles", loc, "一件事"), BUNDLE_COLUMNS, Bundle, loc, loc.bundle
    )
    cross = _entries(
        _section(data, "crossregion", loc, "跨域通办"),
        CROSS_COLUMNS,
        CrossRegionEntry,
        loc,
        loc.cross,
    )
    catalog = Catalog(items=items, bundles=bundles, crossregion=cross)
    check_catalog(catalog, loc, zeros)
    errors.raise_if_any()
    return catalog


_MAX_DIGITS = 18  # no number of a catalog has more; Python refuses to parse over 4,300


class _Refused(ValueError):
    """A constant or key the parser must not accept (the message is for the user)."""


class _Huge:
    """An integer literal too long to be a catalog's number, kept as text so that the field
    it is in can be named in the error."""

    def __init__(self, text: str) -> None:
        self.text = text


def _int(text: str) -> int | _Huge:
    return int(text) if len(text) <= _MAX_DIGITS else _Huge(text)


def _constant(text: str) -> Any:
    raise _Refused(f"{text} 不是有效的 JSON 数值")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(f"同一个对象里字段「{preview(key)}」出现了两次,无法确定用哪一个")
            seen.add(key)
    return data


def _parse(text: str, source: str) -> Any:
    """``json.loads`` whose every failure is a sentence for the user: syntax errors with line
    and column, absurd numbers, NaN, duplicate keys, nesting deeper than Python's stack."""
    try:
        return json.loads(
            text, parse_int=_int, parse_constant=_constant, object_pairs_hook=_unique_keys
        )
    except json.JSONDecodeError as exc:
        raise CatalogFormatError.single(
            source,
            f"目录文件「{source}」不是有效的 JSON:第 {exc.lineno} 行第 {exc.colno} 列附近有格式错误"
            f"({exc.msg})。请用导出功能生成的文件,或用 JSON 校验工具检查。",
        ) from None
    except _Refused as exc:
        raise CatalogFormatError.single(source, f"目录文件「{source}」无法导入:{exc}。") from None
    except RecursionError:
        raise CatalogFormatError.single(
            source,
            f"目录文件「{source}」的括号嵌套层数太深,不是目录 JSON(目录最多嵌套 5 层)。",
        ) from None


def _nested(
    raw: Any, key: str, columns: tuple[Column, ...], cls: type, loc: JsonLocator, at: Any, i: int
) -> list[Any]:
    entries = raw.get(key, []) if isinstance(raw, dict) else []
    if not isinstance(entries, list):
        loc.add(loc.item(i), "", f"「{key}」应为列表,实际为{_type_name(entries)}")
        return []
    return [cls(**_fields(entry, columns, loc, at(i, j))) for j, entry in enumerate(entries)]


def _entries(
    raws: list[Any], columns: tuple[Column, ...], cls: type, loc: JsonLocator, at: Any
) -> list[Any]:
    return [cls(**_fields(raw, columns, loc, at(i))) for i, raw in enumerate(raws)]


def catalog_to_json(catalog: Catalog) -> str:
    data = catalog.to_dict()
    for item in data["items"]:
        _words(item, ITEM_COLUMNS)
        for material in item["materials"]:
            _words(material, MATERIAL_COLUMNS)
    for entry in data["crossregion"]:
        _words(entry, CROSS_COLUMNS)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _words(entry: dict[str, Any], columns: tuple[Column, ...]) -> None:
    """The stored codes of ``entry`` replaced by the words the file holds."""
    for col in columns:
        if col.kind == ENUM:
            entry[col.field] = col.word(entry[col.field])
