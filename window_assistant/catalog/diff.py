"""What changed between two catalogs: items added, removed, and changed field by field.

Materials and situations are compared by name/key, so a reordered list is not a change but
a material whose copy count changed is reported as ``材料「X」.copies``. The diff is stored
with each catalog version and shown to the supervisor before an import is applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from window_assistant.catalog.model import Bundle, Catalog, CrossRegionEntry, Item, Material
from window_assistant.vocab import Code, code_fields

ITEM_LABELS = {
    "code": "事项编码",
    "handling_code": "业务办理项编码",
    "name": "事项名称",
    "kind": "事项类型",
    "department": "实施主体",
    "theme": "主题",
    "basis": "设定依据",
    "conditions": "受理条件",
    "steps": "办理流程",
    "case_type": "办件类型",
    "legal_limit": "法定办结时限",
    "legal_limit_unit": "法定时限单位",
    "promised_limit": "承诺办结时限",
    "promised_limit_unit": "承诺时限单位",
    "fee": "是否收费",
    "fee_standard": "收费标准",
    "fee_basis": "收费依据",
    "place": "办理地点",
    "hours": "办理时间",
    "phone": "咨询电话",
    "complaint_phone": "监督投诉电话",
    "visits": "到现场次数",
    "online": "是否网办",
    "online_url": "网办地址",
    "scope": "通办范围",
    "comprehensive": "是否进驻综合窗口",
    "high_frequency": "高频事项",
    "no_application": "免申即享",
    "keywords": "关键词",
    "result": "办理结果",
    "delivery": "送达方式",
}
MATERIAL_LABELS = {
    "name": "材料名称",
    "kind": "材料类型",
    "source": "来源渠道",
    "necessity": "必要性",
    "form": "材料形式",
    "originals": "原件份数",
    "copies": "复印件份数",
    "spec": "规格",
    "notes": "填报须知",
    "shareable": "可电子证照共享获取",
    "situations": "适用情形",
    "supply_days": "补齐时限",
}
SITUATION_LABELS = {"key": "情形编号", "question": "情形问题", "options": "选项"}
BUNDLE_LABELS = {
    "code": "编码",
    "name": "名称",
    "department": "牵头部门",
    "description": "说明",
    "items": "包含事项",
    "keywords": "关键词",
}
CROSS_LABELS = {
    "item_code": "事项编码",
    "scope": "通办范围",
    "mode": "办理模式",
    "partners": "合作地区",
    "note": "备注",
}


@dataclass
class FieldChange:
    field: str  # e.g. "legal_limit", "材料「身份证」.copies", "材料「X」" (added/removed)
    label: str  # Chinese label for display
    old: Any
    new: Any


@dataclass
class EntryChange:
    code: str
    name: str
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class SectionDiff:
    added: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[EntryChange] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SectionDiff:
        """From ``asdict`` output (a stored diff)."""
        return cls(
            added=[tuple(x) for x in d.get("added", [])],
            removed=[tuple(x) for x in d.get("removed", [])],
            changed=[
                EntryChange(c["code"], c["name"], [FieldChange(**f) for f in c["changes"]])
                for c in d.get("changed", [])
            ],
        )


@dataclass
class CatalogDiff:
    items: SectionDiff = field(default_factory=SectionDiff)
    bundles: SectionDiff = field(default_factory=SectionDiff)
    crossregion: SectionDiff = field(default_factory=SectionDiff)

    def is_empty(self) -> bool:
        return self.items.is_empty() and self.bundles.is_empty() and self.crossregion.is_empty()

    def summary(self) -> dict[str, int]:
        return {
            f"{name}_{part}": len(getattr(getattr(self, name), part))
            for name in ("items", "bundles", "crossregion")
            for part in ("added", "removed", "changed")
        }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CatalogDiff:
        return cls(
            **{
                k: SectionDiff.from_dict(data.get(k, {}))
                for k in ("items", "bundles", "crossregion")
            }
        )

    def map_codes(self, fn: Callable[[type[Code], Any], Any]) -> None:
        """Replace each enumerated value of the changes by ``fn(enumeration, value)``: codes
        when a diff stored with Chinese text is migrated."""
        for section in _SECTIONS:
            for entry in getattr(self, section).changed:
                for ch in entry.changes:
                    ch.old = _map_value(section, ch.field, ch.old, fn)
                    ch.new = _map_value(section, ch.field, ch.new, fn)

    def lines(self) -> list[str]:
        """A readable Chinese account of the diff, one line per change."""
        if self.is_empty():
            return ["目录无变化。"]
        out: list[str] = []
        for section, title in _SECTIONS.items():
            sec = getattr(self, section)
            for code, name in sec.added:
                out.append(f"新增{title}:{code} {name}")
            for code, name in sec.removed:
                out.append(f"删除{title}:{code} {name}")
            for entry in sec.changed:
                for ch in entry.changes:
                    old = _map_value(section, ch.field, ch.old, _label)
                    new = _map_value(section, ch.field, ch.new, _label)
                    out.append(
                        f"修改{title}:{entry.code} {entry.name} — {ch.label}:"
                        f"{_show(old)} → {_show(new)}"
                    )
        return out


_SECTIONS = {"items": "事项", "bundles": "一件事", "crossregion": "跨域通办"}
_ENTRIES = {"items": Item, "bundles": Bundle, "crossregion": CrossRegionEntry}


def _map_value(section: str, name: str, value: Any, fn: Callable[[type[Code], Any], Any]) -> Any:
    """``value`` of the change ``name`` (``kind``, ``材料「X」.form``, or ``材料「X」`` for a
    whole material added or removed) with ``fn`` applied to what is enumerated."""
    if value is None or name.startswith("情形「"):
        return value
    entity: type = _ENTRIES[section]
    if name.startswith("材料「"):
        entity, name = Material, name.partition(".")[2]
    enums = code_fields(entity)
    if not name and isinstance(value, dict):
        return {k: fn(enums[k], v) if k in enums else v for k, v in value.items()}
    return fn(enums[name], value) if name in enums else value


def _label(enum: type[Code], value: Any) -> Any:
    """The Chinese label of a code (or of the text older versions stored), else the value."""
    try:
        return enum.of(value).label
    except ValueError:
        return value


def _show(value: Any) -> str:
    if value is None:
        return "(无)"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "(空)"
    if isinstance(value, dict):
        return ";".join(f"{k}={_show(v)}" for k, v in value.items())
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _compare_fields(
    old: Any, new: Any, labels: dict[str, str], prefix: str = ""
) -> list[FieldChange]:
    out = []
    for f in fields(old):
        if f.name not in labels:
            continue
        a, b = getattr(old, f.name), getattr(new, f.name)
        if a != b:
            label = labels[f.name]
            out.append(FieldChange(prefix + f.name, (prefix + label) if prefix else label, a, b))
    return out


def _compare_named(
    old: list[Any], new: list[Any], key: str, labels: dict[str, str], noun: str
) -> list[FieldChange]:
    old_map = {getattr(x, key): x for x in old}
    new_map = {getattr(x, key): x for x in new}
    out: list[FieldChange] = []
    for name, entry in old_map.items():
        tag = f"{noun}「{name}」"
        if name not in new_map:
            out.append(FieldChange(tag, tag, asdict(entry), None))
        else:
            out.extend(_compare_fields(entry, new_map[name], labels, prefix=tag + "."))
    for name, entry in new_map.items():
        if name not in old_map:
            tag = f"{noun}「{name}」"
            out.append(FieldChange(tag, tag, None, asdict(entry)))
    return out


def diff_item(old: Item, new: Item) -> list[FieldChange]:
    changes = _compare_fields(old, new, ITEM_LABELS)
    changes += _compare_named(old.situations, new.situations, "key", SITUATION_LABELS, "情形")
    changes += _compare_named(old.materials, new.materials, "name", MATERIAL_LABELS, "材料")
    if not changes and [m.name for m in old.materials] != [m.name for m in new.materials]:
        changes.append(
            FieldChange(
                "materials.order",
                "材料顺序",
                [m.name for m in old.materials],
                [m.name for m in new.materials],
            )
        )
    return changes


def _diff_section(old: list[Any], new: list[Any], key: str, compare: Any) -> SectionDiff:
    old_map = {getattr(x, key): x for x in old}
    new_map = {getattr(x, key): x for x in new}
    sec = SectionDiff()

    def name_of(x: Any) -> str:
        """An item's or bundle's name; a cross-region entry goes by its mode's label."""
        return x.mode.label if isinstance(x, CrossRegionEntry) else x.name

    for code, entry in new_map.items():
        if code not in old_map:
            sec.added.append((code, name_of(entry)))
    for code, entry in old_map.items():
        if code not in new_map:
            sec.removed.append((code, name_of(entry)))
        else:
            changes = compare(entry, new_map[code])
            if changes:
                sec.changed.append(EntryChange(code, name_of(new_map[code]), changes))
    return sec


def diff_catalogs(old: Catalog, new: Catalog) -> CatalogDiff:
    """Compare two catalogs; an empty diff means importing ``new`` over ``old`` changes nothing."""
    return CatalogDiff(
        items=_diff_section(old.items, new.items, "code", diff_item),
        bundles=_diff_section(
            old.bundles, new.bundles, "code", lambda a, b: _compare_fields(a, b, BUNDLE_LABELS)
        ),
        crossregion=_diff_section(
            old.crossregion,
            new.crossregion,
            "item_code",
            lambda a, b: _compare_fields(a, b, CROSS_LABELS),
        ),
    )
