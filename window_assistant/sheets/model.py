"""A notification sheet as plain data: what the renderers (.docx, PDF, preview) print.

The sheet is built once in the core (``sheets.build_sheet``), stored with its case as JSON, and
rendered from that snapshot, so a reprint years later is the same sheet even after the catalog
changed; ``content_hash`` proves it. Personal data is kept whole here (the case needs it) and
masked by the renderers.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

# kind → (title, serial character used in 铁西政服告〔2026〕000123号)
SHEET_KINDS: dict[str, tuple[str, str]] = {
    "notice": ("一次性告知书", "告"),
    "correction": ("一次性补正告知书", "补"),
    "rongque": ("容缺受理承诺书", "承"),
}

# What the clerk decided at the counter (办件结果).
OUTCOMES = ("受理", "一次性告知/咨询", "补正告知", "容缺受理", "不予受理")

# Status of one material on the sheet.
BROUGHT = "已提交"
MISSING = "缺"
SHARED = "免提交"  # obtained through 电子证照 sharing: the applicant brings nothing
RONGQUE_LATER = "容缺后补"  # missing but 容缺: supply by ``supply_by``
NOT_TRACKED = ""  # a plain 一次性告知书 for someone who only asked

CORRECTION_NOTE = (
    "根据《中华人民共和国行政许可法》第三十二条第一款第(四)项,申请材料不齐全或者不符合"
    "法定形式的,应当当场或者在五日内一次告知申请人需要补正的全部内容,逾期不告知的,"
    "自收到申请材料之日起即为受理。"
)


@dataclass
class Person:
    """The applicant or the agent. ``id_number`` is stored normalised and printed masked."""

    name: str
    kind: str = "person"  # "person" | "organisation"
    id_type: str = "居民身份证"
    id_number: str = ""
    phone: str = ""


@dataclass
class SheetItem:
    """The parts of an item's guide the sheet prints (one per item; several for a bundle)."""

    code: str
    name: str
    department: str
    kind: str
    case_type: str
    conditions: str
    basis: str
    steps: list[str]
    legal_limit: str  # already worded, e.g. "20个工作日"
    promised_limit: str
    fee: str  # "不收费" or the standard with its basis
    place: str
    hours: str
    phone: str
    complaint_phone: str
    online: str  # "" or the address


@dataclass
class SheetMaterial:
    name: str
    kind: str
    source: str
    necessity: str
    form: str
    originals: int
    copies: int
    spec: str = ""
    notes: str = ""
    shareable: bool = False
    status: str = NOT_TRACKED  # BROUGHT | MISSING | SHARED | RONGQUE_LATER | NOT_TRACKED
    supply_by: str | None = None  # ISO date for a missing 容缺 material
    items: list[str] = field(default_factory=list)  # item names needing it (bundles)


@dataclass
class Sheet:
    kind: str  # a key of SHEET_KINDS
    serial: str  # 铁西政服告〔2026〕000123号
    issued_at: str  # ISO date-time, local
    centre: str
    centre_address: str
    centre_phone: str
    complaint_phone: str
    window: str  # e.g. 3号综合窗口
    clerk: str  # the clerk's name
    subject_kind: str  # "item" | "bundle"
    subject_code: str
    subject_name: str
    items: list[SheetItem]
    answers: list[tuple[str, str]]  # (question, chosen option), in the item's order
    materials: list[SheetMaterial]
    applicant: Person | None = None
    agent: Person | None = None
    deadline: str | None = None  # 补正 or 容缺 deadline, ISO date
    rating_url: str = ""
    note: str = ""  # the statutory note (补正) or the commitment text (容缺)
    outcome: str = ""  # one of OUTCOMES (办件结果)
    reason: str = ""  # why, for 不予受理

    @property
    def title(self) -> str:
        return SHEET_KINDS[self.kind][0]

    @property
    def missing(self) -> list[str]:
        return [m.name for m in self.materials if m.status in (MISSING, RONGQUE_LATER)]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sheet:
        values = dict(data)
        values["items"] = [SheetItem(**i) for i in data["items"]]
        values["materials"] = [SheetMaterial(**m) for m in data["materials"]]
        values["answers"] = [tuple(a) for a in data["answers"]]
        for key in ("applicant", "agent"):
            if data.get(key):
                values[key] = Person(**data[key])
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in names})

    @classmethod
    def from_json(cls, text: str) -> Sheet:
        """The sheet of a stored snapshot (``to_json``)."""
        return cls.from_dict(json.loads(text))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON: equal for a reprint of the same sheet."""
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()
