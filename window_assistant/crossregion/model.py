"""The 跨域通办 partner agreements as data: who the partner is, which items it takes or sends,
its contact window and the time limit of each step in working days.

No national rule sets how long materials may travel between regions, so each agreement sets
its own limits (``AgreementStep``: 寄出, 对方受理, 办结, 结果寄回) and an item of an agreement may
set its own instead. ``Agreements.limit_for`` answers the cross-region case flows: the limit of
one step of one item with one partner region.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from window_assistant.vocab import AgreementStep

FORMAT_TAG = "window-assistant-crossregion-agreements"
FORMAT_VERSION = 1
MAX_LIMIT = 365  # working days: more than a year is a typing mistake, not an agreement


@dataclass
class AgreementItem:
    """An item an agreement covers; ``limits`` (step code → working days) override the
    agreement's own for this item only."""

    item_code: str
    limits: dict[str, int] = field(default_factory=dict)
    note: str = ""


@dataclass
class Agreement:
    code: str  # 协议编号, unique in a file
    region: str  # 合作地区, e.g. 大连市甘井子区
    name: str  # 协议名称
    contact_window: str  # the partner's window that receives or sends the materials
    contact_address: str
    contact_phone: str
    limits: dict[str, int]  # every AgreementStep code → working days
    liabilities: list[str] = field(default_factory=list)  # 责任情形: 办件超期, 材料邮寄遗失 …
    items: list[AgreementItem] = field(default_factory=list)
    signed_on: str = ""  # YYYY-MM-DD, or empty
    sample: bool = False  # demonstration data (示例), marked as such on paper
    note: str = ""

    def item(self, code: str) -> AgreementItem | None:
        return next((i for i in self.items if i.item_code == code), None)

    def limit(self, item_code: str, step: AgreementStep) -> int | None:
        """Working days of ``step`` for ``item_code`` (its own limit, else the agreement's);
        None when the agreement does not cover the item."""
        entry = self.item(item_code)
        if entry is None:
            return None
        return entry.limits.get(step.value, self.limits.get(step.value))

    @property
    def contact(self) -> str:
        """The contact window on one line: name, address, phone."""
        return "，".join(p for p in (self.contact_window, self.contact_address) if p) + (
            f"（电话 {self.contact_phone}）" if self.contact_phone else ""
        )


@dataclass
class Agreements:
    """Every agreement of one import (the current set, or one version's)."""

    agreements: list[Agreement] = field(default_factory=list)
    title: str = ""  # what the file calls itself (示例 files say so)

    def by_code(self) -> dict[str, Agreement]:
        return {a.code: a for a in self.agreements}

    def covering(self, item_code: str) -> list[Agreement]:
        return [a for a in self.agreements if a.item(item_code) is not None]

    def limit_for(self, region: str, item_code: str, step: AgreementStep | str) -> int | None:
        """The working days the agreement with ``region`` gives ``step`` of ``item_code``,
        or None when no agreement with that region covers the item."""
        step = AgreementStep.of(step)
        for agreement in self.agreements:
            if agreement.region == region:
                limit = agreement.limit(item_code, step)
                if limit is not None:
                    return limit
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (see catalog/CROSSREGION.md): steps by their Chinese names."""
        return {
            "format": FORMAT_TAG,
            "version": FORMAT_VERSION,
            "title": self.title,
            "agreements": [_agreement_json(a) for a in self.agreements],
        }

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> Agreements:
        """From ``to_dict`` output already validated (a stored version)."""
        from window_assistant.crossregion.io import agreements_from_json_data

        return agreements_from_json_data(data, "(已保存的版本)")


def _labels(limits: dict[str, int]) -> dict[str, int]:
    return {AgreementStep.of(k).label: v for k, v in limits.items()}


def _agreement_json(a: Agreement) -> dict[str, Any]:
    data = asdict(a)
    data["limits"] = _labels(a.limits)
    data["contact"] = {
        "window": data.pop("contact_window"),
        "address": data.pop("contact_address"),
        "phone": data.pop("contact_phone"),
    }
    data["items"] = [
        {"item_code": i.item_code, "limits": _labels(i.limits), "note": i.note} for i in a.items
    ]
    return data
