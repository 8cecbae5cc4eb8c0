"""What an import of agreements changes: agreements added, removed and changed field by field,
and the items of each agreement added, removed or given other limits.

Built from the catalog's diff parts (``SectionDiff``, ``EntryChange``, ``FieldChange``), so a
version's diff is stored and read back the same way; an agreement's item is keyed
``协议编号/事项编码``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from window_assistant.catalog.diff import EntryChange, FieldChange, SectionDiff
from window_assistant.crossregion.model import Agreement, AgreementItem, Agreements
from window_assistant.vocab import AgreementStep

AGREEMENT_LABELS = {
    "region": "合作地区",
    "name": "协议名称",
    "contact_window": "联系窗口",
    "contact_address": "窗口地址",
    "contact_phone": "联系电话",
    "limits": "时限",
    "liabilities": "责任情形",
    "signed_on": "签订日期",
    "sample": "示例",
    "note": "备注",
}
ITEM_LABELS = {"limits": "本事项时限", "note": "备注"}
_SECTIONS = {"agreements": "协议", "items": "协议事项"}


@dataclass
class AgreementsDiff:
    agreements: SectionDiff = field(default_factory=SectionDiff)
    items: SectionDiff = field(default_factory=SectionDiff)

    def is_empty(self) -> bool:
        return self.agreements.is_empty() and self.items.is_empty()

    def summary(self) -> dict[str, int]:
        return {
            f"{name}_{part}": len(getattr(getattr(self, name), part))
            for name in _SECTIONS
            for part in ("added", "removed", "changed")
        }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AgreementsDiff:
        return cls(**{k: SectionDiff.from_dict(data.get(k, {})) for k in _SECTIONS})

    def lines(self) -> list[str]:
        """The diff in Chinese, one line per change."""
        if self.is_empty():
            return ["合作协议无变化。"]
        out: list[str] = []
        for section, title in _SECTIONS.items():
            sec: SectionDiff = getattr(self, section)
            out += [f"新增{title}:{code} {name}" for code, name in sec.added]
            out += [f"删除{title}:{code} {name}" for code, name in sec.removed]
            for entry in sec.changed:
                out += [
                    f"修改{title}:{entry.code} {entry.name} — {ch.label}:"
                    f"{show(ch.old)} → {show(ch.new)}"
                    for ch in entry.changes
                ]
        return out


def show(value: Any) -> str:
    """A changed value as the diff prints it: limits by step name, lists joined."""
    if value is None:
        return "(无)"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        if not value:
            return "(同协议)"
        return ",".join(f"{AgreementStep.of(k).label} {v} 个工作日" for k, v in value.items())
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "(空)"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _fields(old: Any, new: Any, labels: dict[str, str]) -> list[FieldChange]:
    return [
        FieldChange(name, label, getattr(old, name), getattr(new, name))
        for name, label in labels.items()
        if getattr(old, name) != getattr(new, name)
    ]


def diff_agreements(
    old: Agreements, new: Agreements, item_names: dict[str, str] | None = None
) -> AgreementsDiff:
    """Compare two sets; an empty diff means importing ``new`` over ``old`` changes nothing.
    ``item_names`` (code → name) names the items in the diff."""
    names = item_names or {}
    olds, news = old.by_code(), new.by_code()
    diff = AgreementsDiff()

    def title(a: Agreement) -> str:
        return f"{a.region}" + (f"({a.name})" if a.name else "")

    def item_key(a: Agreement, i: AgreementItem) -> tuple[str, str]:
        return f"{a.code}/{i.item_code}", f"{a.region} {names.get(i.item_code, '')}".strip()

    for code, a in news.items():
        if code not in olds:
            diff.agreements.added.append((code, title(a)))
    for code, a in olds.items():
        if code not in news:
            diff.agreements.removed.append((code, title(a)))
            continue
        b = news[code]
        changes = _fields(a, b, AGREEMENT_LABELS)
        if changes:
            diff.agreements.changed.append(EntryChange(code, title(b), changes))
    for code, b in news.items():
        a_old = olds.get(code)
        old_items = {i.item_code: i for i in a_old.items} if a_old else {}
        for item in b.items:
            if item.item_code not in old_items:
                diff.items.added.append(item_key(b, item))
            else:
                changes = _fields(old_items[item.item_code], item, ITEM_LABELS)
                if changes:
                    key, name = item_key(b, item)
                    diff.items.changed.append(EntryChange(key, name, changes))
        kept = {i.item_code for i in b.items}
        if a_old is not None:
            diff.items.removed += [
                item_key(a_old, i) for i in a_old.items if i.item_code not in kept
            ]
    for code, a in olds.items():
        if code not in news:
            diff.items.removed += [item_key(a, i) for i in a.items]
    return diff
