"""The JSON format: ``Catalog.to_dict()`` with the Chinese words of the spreadsheets in the
enumerated fields (必要, 即办件 …) instead of the stored codes, checked field by field before use."""

from __future__ import annotations

import json
from typing import Any

from window_assistant.catalog.io.checks import JsonLocator, Where, check_catalog
from window_assistant.catalog.io.errors import CatalogFormatError, ErrorList
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
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "…"


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
        value = data[col.field]
        problem = _problem(col, value)
        if problem:
            loc.add(where, col.header, problem)
            if col.required:
                values[col.field] = [] if col.kind in LIST_KINDS else ""
            continue
        values[col.field] = col.member(value) if col.kind == ENUM else value
    return values


def _problem(col: Column, value: Any) -> str:
    kind = col.kind
    if kind == INT:
        if type(value) is not int or value < 0:
            return f"应为非负整数,实际为「{_show(value)}」"
        return ""
    if kind == BOOL:
        return "" if type(value) is bool else f"应为 true 或 false,实际为「{_show(value)}」"
    if kind in LIST_KINDS:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return f"应为非空文本的列表,实际为「{_show(value)}」"
        if col.required and not value:
            return "必填,不能为空"
        return ""
    if not isinstance(value, str):
        return f"应为文本,实际为{_type_name(value)}「{_show(value)}」"
    if kind == ENUM and col.member(value) is None:
        return f"应为以下之一:{'、'.join(col.words)},实际为「{_show(value)}」"
    if col.required and not value.strip():
        return "必填,不能为空"
    return ""


def _section(data: dict[str, Any], key: str, loc: JsonLocator, label: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        loc.errors.add("", 0, "", f"「{key}」({label})应为列表,实际为{_type_name(value)}", label)
        return []
    return value


def catalog_from_json(text: str, source: str) -> Catalog:
    """Parse and check JSON text; every problem is reported in one ``CatalogFormatError``."""
    if not text.strip():
        raise CatalogFormatError.single(source, f"目录文件「{source}」是空的,没有任何内容。")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogFormatError.single(
            source,
            f"目录文件「{source}」不是有效的 JSON:第 {exc.lineno} 行第 {exc.colno} 列附近有格式错误"
            f"({exc.msg})。请用导出功能生成的文件,或用 JSON 校验工具检查。",
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("items", None), list):
        raise CatalogFormatError.single(
            source,
            f'目录文件「{source}」不是窗口助手的目录 JSON(应为含 "items" 列表的对象)。',
        )
    tag, version = data.get("format", FORMAT_TAG), data.get("version", FORMAT_VERSION)
    if tag != FORMAT_TAG:
        raise CatalogFormatError.single(
            source, f"目录文件「{source}」的 format 为「{tag}」,不是「{FORMAT_TAG}」。"
        )
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise CatalogFormatError.single(
            source,
            f"目录文件「{source}」的格式版本为 {version},本程序只支持到 {FORMAT_VERSION}。请升级窗口助手。",
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
    check_catalog(catalog, loc)
    errors.raise_if_any()
    return catalog


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
