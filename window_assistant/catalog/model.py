"""The catalog as plain data: items, materials, situations, bundles, the cross-region list.

These dataclasses are the one shape every importer produces, every exporter consumes and the
store persists, so that import ∘ export is the identity and a diff compares like with like.
Enumerated fields hold codes (``window_assistant.vocab``); the import/export formats turn them
into the Chinese words people type and read.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from window_assistant.vocab import (
    CaseType,
    Coded,
    CrossMode,
    ItemKind,
    LimitUnit,
    MaterialForm,
    MaterialKind,
    MaterialSource,
    Necessity,
    Scope,
    known_fields,
)

FORMAT_TAG = "window-assistant-catalog"
FORMAT_VERSION = 1


@dataclass
class Situation:
    """A question asked about an item (情形), e.g. 申请人类型 → 个人 / 企业."""

    key: str
    question: str
    options: list[str] = field(default_factory=list)


@dataclass
class Material(Coded):
    """One material of an item, with the national implementation-list attributes."""

    name: str
    kind: MaterialKind = MaterialKind.OTHER
    source: MaterialSource = MaterialSource.APPLICANT
    necessity: Necessity = Necessity.REQUIRED
    form: MaterialForm = MaterialForm.PAPER
    originals: int = 1
    copies: int = 0
    spec: str = ""
    notes: str = ""
    shareable: bool = False
    # "key=option" references; empty means always required. For every key listed the answer
    # must be one of the listed options (AND across keys, OR within a key).
    situations: list[str] = field(default_factory=list)
    # 补齐时限 of a 容缺后补 material, in working days after 容缺受理; 0 takes the centre's
    # setting (rongque.days). Either way never past the item's 承诺办结时限.
    supply_days: int = 0

    def conditions(self) -> dict[str, set[str]]:
        """The situation references grouped by key."""
        grouped: dict[str, set[str]] = {}
        for ref in self.situations:
            key, _, option = ref.partition("=")
            grouped.setdefault(key, set()).add(option)
        return grouped

    def applies(self, answers: dict[str, str]) -> bool:
        """Whether this material is required under the given answers (unanswered keys count)."""
        for key, options in self.conditions().items():
            answer = answers.get(key)
            if answer is not None and answer not in options:
                return False
        return True


@dataclass
class Item(Coded):
    """A service item (政务服务事项) with its implementation-list elements."""

    code: str
    name: str
    handling_code: str = ""
    kind: ItemKind = ItemKind.PUBLIC_SERVICE
    department: str = ""
    theme: str = ""
    basis: str = ""
    conditions: str = ""
    steps: list[str] = field(default_factory=list)
    case_type: CaseType = CaseType.PROMISED
    legal_limit: int = 0
    legal_limit_unit: LimitUnit = LimitUnit.WORKDAY
    promised_limit: int = 0
    promised_limit_unit: LimitUnit = LimitUnit.WORKDAY
    fee: bool = False
    fee_standard: str = ""
    fee_basis: str = ""
    place: str = ""
    hours: str = ""
    phone: str = ""
    complaint_phone: str = ""
    visits: int = 1
    online: bool = False
    online_url: str = ""
    scope: Scope = Scope.NONE
    comprehensive: bool = False
    high_frequency: bool = False
    # 免申即享: the department grants it from its own data; nobody applies, so the window only
    # informs (a 告知/咨询 sheet), never asks for 补正 or 容缺.
    no_application: bool = False
    keywords: list[str] = field(default_factory=list)
    situations: list[Situation] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)
    result: str = ""  # 办理结果, e.g. 营业执照; printed on the 一次性告知书 when known
    delivery: str = ""  # 送达方式, e.g. 窗口领取、邮寄; else the centre's setting

    def materials_for(self, answers: dict[str, str]) -> list[Material]:
        return [m for m in self.materials if m.applies(answers)]


@dataclass
class Bundle:
    """A 高效办成一件事 scenario: several items served with one set of materials."""

    code: str
    name: str
    department: str = ""
    description: str = ""
    items: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


@dataclass
class CrossRegionEntry(Coded):
    """An item on the 跨域通办 list, with its mode and partner regions."""

    item_code: str
    scope: Scope
    mode: CrossMode
    partners: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Catalog:
    items: list[Item] = field(default_factory=list)
    bundles: list[Bundle] = field(default_factory=list)
    crossregion: list[CrossRegionEntry] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_TAG,
            "version": FORMAT_VERSION,
            "items": [asdict(i) for i in self.items],
            "bundles": [asdict(b) for b in self.bundles],
            "crossregion": [asdict(c) for c in self.crossregion],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Catalog:
        """Build from already-validated data (see ``catalog_io`` for checked loading)."""
        return cls(
            items=[item_from_dict(d) for d in data.get("items", [])],
            bundles=[_build(Bundle, d) for d in data.get("bundles", [])],
            crossregion=[_build(CrossRegionEntry, d) for d in data.get("crossregion", [])],
        )

    def item_map(self) -> dict[str, Item]:
        return {i.code: i for i in self.items}


def _build(cls: type, data: dict[str, Any]) -> Any:
    return cls(**known_fields(cls, data))


def item_from_dict(data: dict[str, Any]) -> Item:
    values = dict(data)
    values["situations"] = [_build(Situation, s) for s in data.get("situations", [])]
    values["materials"] = [_build(Material, m) for m in data.get("materials", [])]
    return _build(Item, values)
