"""Checks across rows and sheets, run on the assembled catalog before anything is stored.

Field-level problems (types, allowed values, required cells) are found while reading; these
are the ones that need the whole catalog: duplicates, dangling references, inconsistencies.
A ``Locator`` turns (item index, material index) back into the sheet row the user sees.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable

from window_assistant.catalog.io.errors import ErrorList
from window_assistant.catalog.io.schema import BUNDLES, CROSS, ITEMS, MATERIALS, SITUATIONS
from window_assistant.catalog.model import Catalog
from window_assistant.text import lookalike_key

Where = tuple[str, int, str]  # sheet, row, parent


class LostZeros:
    """Spots a 事项编码 that lost its leading zeros: Excel stores 001701001000 typed into a
    General cell as the number 1701001000, and a CSV saved from it holds the same digits. A
    code that is one of ``codes`` (the current catalog's, or the file's own) without its zeros
    is refused, since importing it would replace the item by a new one."""

    def __init__(self, codes: Iterable[str]) -> None:
        self.known = set(codes)
        self.stripped = {c.lstrip("0"): c for c in self.known if c.startswith("0") and c.isdigit()}

    def problem(self, code: str) -> str:
        original = self.stripped.get(code) if code not in self.known else None
        if original is None:
            return ""
        return (
            f"「{code}」与事项编码「{original}」只差开头的 0:Excel 把编码存成了数字,丢掉了开头的 0。"
            "请把该列设为“文本”格式后重新输入编码"
        )


NO_ZEROS = LostZeros(())


class Locator(ABC):
    """Where each entry of a catalog came from; subclasses know the file's layout."""

    def __init__(self, errors: ErrorList) -> None:
        self.errors = errors

    @abstractmethod
    def item(self, i: int) -> Where: ...

    @abstractmethod
    def material(self, i: int, j: int) -> Where: ...

    @abstractmethod
    def situation(self, i: int, j: int) -> Where: ...

    @abstractmethod
    def bundle(self, i: int) -> Where: ...

    @abstractmethod
    def cross(self, i: int) -> Where: ...

    def describe(self, where: Where) -> str:
        """How a message refers to another entry, e.g. "第 5 行"."""
        return f"第 {where[1]} 行"

    def add(self, where: Where, column: str, message: str) -> None:
        sheet, row, parent = where
        self.errors.add(sheet, row, column, message, parent)


class JsonLocator(Locator):
    """JSON: the section and 1-based index, materials and situations under their item."""

    def item(self, i: int) -> Where:
        return ITEMS, i + 1, ""

    def describe(self, where: Where) -> str:
        return f"{where[0]} #{where[1]}"

    def material(self, i: int, j: int) -> Where:
        return MATERIALS, j + 1, f"{ITEMS} #{i + 1}"

    def situation(self, i: int, j: int) -> Where:
        return SITUATIONS, j + 1, f"{ITEMS} #{i + 1}"

    def bundle(self, i: int) -> Where:
        return BUNDLES, i + 1, ""

    def cross(self, i: int) -> Where:
        return CROSS, i + 1, ""


class RowLocator(Locator):
    """Spreadsheets and CSV: the row number recorded for each entry while reading."""

    def __init__(self, errors: ErrorList) -> None:
        super().__init__(errors)
        self.item_rows: list[int] = []
        self.material_rows: list[list[int]] = []
        self.situation_rows: list[list[int]] = []
        self.bundle_rows: list[int] = []
        self.cross_rows: list[int] = []

    def item(self, i: int) -> Where:
        return ITEMS, self.item_rows[i], ""

    def material(self, i: int, j: int) -> Where:
        return MATERIALS, self.material_rows[i][j], ""

    def situation(self, i: int, j: int) -> Where:
        return SITUATIONS, self.situation_rows[i][j], ""

    def bundle(self, i: int) -> Where:
        return BUNDLES, self.bundle_rows[i], ""

    def cross(self, i: int) -> Where:
        return CROSS, self.cross_rows[i], ""


def check_catalog(catalog: Catalog, loc: Locator, zeros: LostZeros | None = None) -> None:
    """Add every cross-row problem of ``catalog`` to ``loc.errors``; ``zeros`` holds the
    current catalog's codes, to refuse one that lost its leading zeros."""
    seen: dict[str, int] = {}
    for i, item in enumerate(catalog.items):
        lost = zeros.problem(item.code) if zeros is not None else ""
        if lost:
            loc.add(loc.item(i), "事项编码", lost)
        # A missing code was already reported while reading.
        if item.code and item.code in seen:
            first = loc.describe(loc.item(seen[item.code]))
            loc.add(loc.item(i), "事项编码", f"事项编码「{item.code}」重复(与{first}相同)")
        elif item.code:
            seen[item.code] = i
        if (
            item.legal_limit
            and item.promised_limit > item.legal_limit
            and item.promised_limit_unit == item.legal_limit_unit
        ):
            loc.add(
                loc.item(i),
                "承诺办结时限",
                f"承诺办结时限 {item.promised_limit} {item.promised_limit_unit.label}"
                f"超过了法定办结时限 {item.legal_limit} {item.legal_limit_unit.label}",
            )
        # Names that only look alike (full-width brackets, case, spaces) are duplicates too: a
        # clerk could not tell the two apart on the screen or the paper.
        options: dict[str, list[str]] = {}
        keys: dict[str, str] = {}
        for j, sit in enumerate(item.situations):
            key = lookalike_key(sit.key)
            if key in keys:
                loc.add(
                    loc.situation(i, j),
                    "情形编号",
                    f"事项「{item.code}」的情形编号「{sit.key}」重复{_alike(sit.key, keys[key])}",
                )
                continue
            keys[key] = sit.key
            options[sit.key] = sit.options
            if len({lookalike_key(o) for o in sit.options}) != len(sit.options):
                loc.add(loc.situation(i, j), "选项", f"选项有重复:{'、'.join(sit.options)}")
        names: dict[str, str] = {}
        for j, mat in enumerate(item.materials):
            key = lookalike_key(mat.name)
            if key in names:
                loc.add(
                    loc.material(i, j),
                    "材料名称",
                    f"事项「{item.code}」的材料「{mat.name}」重复{_alike(mat.name, names[key])}",
                )
            names.setdefault(key, mat.name)
            for ref in mat.situations:
                problem = _ref_problem(ref, options)
                if problem:
                    loc.add(loc.material(i, j), "适用情形", problem)
    _check_bundles(catalog, loc, seen)
    _check_cross(catalog, loc, seen)


def _alike(name: str, first: str) -> str:
    """How a duplicate differs from the first one, when it is not character for character."""
    return "" if name == first else f"(与「{first}」看起来相同,只是全角/半角、大小写或空格不同)"


def _ref_problem(ref: str, options: dict[str, list[str]]) -> str:
    key, eq, option = ref.partition("=")
    if not eq or not key or not option:
        return f"「{ref}」应写成「情形编号=选项」,多个之间用分号隔开"
    if key not in options:
        known = "、".join(options) or "(该事项没有情形)"
        return f"「{ref}」引用的情形编号「{key}」不存在(该事项的情形:{known})"
    if option not in options[key]:
        return f"「{ref}」引用的选项「{option}」不是情形「{key}」的选项(可选:{'、'.join(options[key])})"
    return ""


def _check_bundles(catalog: Catalog, loc: Locator, items: dict[str, int]) -> None:
    seen: set[str] = set()
    for i, bundle in enumerate(catalog.bundles):
        if bundle.code in seen:
            loc.add(loc.bundle(i), "编码", f"一件事编码「{bundle.code}」重复")
        seen.add(bundle.code)
        missing = [c for c in bundle.items if c not in items]
        if missing:
            loc.add(loc.bundle(i), "包含事项", f"事项编码「{'、'.join(missing)}」在事项表中不存在")
        if len(set(bundle.items)) != len(bundle.items):
            loc.add(loc.bundle(i), "包含事项", "包含的事项有重复")


def _check_cross(catalog: Catalog, loc: Locator, items: dict[str, int]) -> None:
    seen: set[str] = set()
    for i, entry in enumerate(catalog.crossregion):
        if entry.item_code in seen:
            loc.add(loc.cross(i), "事项编码", f"事项「{entry.item_code}」在跨域通办清单中重复")
        seen.add(entry.item_code)
        index = items.get(entry.item_code)
        if index is None:
            loc.add(loc.cross(i), "事项编码", f"事项编码「{entry.item_code}」在事项表中不存在")
            continue
        item_scope = catalog.items[index].scope
        if item_scope != entry.scope and entry.scope:  # a bad scope was reported while reading
            loc.add(
                loc.cross(i),
                "通办范围",
                f"通办范围「{entry.scope.label}」与事项「{entry.item_code}」的通办范围"
                f"「{item_scope.label}」不一致",
            )
