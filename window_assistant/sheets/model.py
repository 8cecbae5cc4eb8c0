"""A notification sheet as plain data: what the renderers (.docx, PDF, preview) print.

The sheet is built once in the core (``sheets.build_sheet``), stored with its case as JSON, and
rendered from that snapshot, so a reprint years later is the same sheet even after the catalog
changed; the SHA-256 of the stored text (``snapshot_hash``) proves it. Enumerated fields hold
codes (``window_assistant.vocab``); snapshots written before codes hold the Chinese words, and
``from_dict`` reads those into the same codes. Personal data is kept whole here (the case needs
it) and masked by the renderers.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from window_assistant.vocab import (
    CaseType,
    Coded,
    CorrectionOpinion,
    IdType,
    ItemKind,
    MaterialForm,
    MaterialKind,
    MaterialSource,
    MaterialStatus,
    Necessity,
    Outcome,
    PersonKind,
    SheetKind,
    SubjectKind,
    known_fields,
)

# The serial character(s) of each kind, as in 铁西政服告〔2026〕123号.
SERIAL_CHARS: dict[SheetKind, str] = {
    SheetKind.NOTICE: "告",
    SheetKind.CORRECTION: "补",
    SheetKind.RONGQUE: "承",
    SheetKind.ACCEPTANCE: "受",
    SheetKind.REFUSAL: "不受",
    SheetKind.RECEIPT: "收",
}

# Status of one material on the sheet (short names for MaterialStatus).
BROUGHT = MaterialStatus.BROUGHT
MISSING = MaterialStatus.MISSING
SHARED = MaterialStatus.SHARED  # obtained through 电子证照 sharing: the applicant brings nothing
OBTAINED = MaterialStatus.OBTAINED  # the department gets it itself (必要性 免提交/由部门获取)
RONGQUE_LATER = MaterialStatus.LATER  # missing but 容缺: supply by ``supply_by``
NOT_TRACKED = MaterialStatus.UNTRACKED  # a plain 一次性告知书 for someone who only asked
TO_CORRECT = MaterialStatus.TO_CORRECT  # brought, but with a 补正意见 (未签字, 复印件不清 …)

# How a sheet is laid out and worded. Snapshots carry the layout they were printed with, so a
# reprint prints the very same words: 1 (no key) is every sheet before the 补正意见, the 容缺
# 受理通知书 and the 办理流程; 2 the first with them; 3 is today's (one page the norm: a long
# 填报须知 shortened on the 告知书 and printed whole on its 附页, counts and status on one line).
LAYOUT = 3

CORRECTION_NOTE = (
    "根据《中华人民共和国行政许可法》第三十二条第一款第（四）项，申请材料不齐全或者不符合"
    "法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容，逾期不告知的，"
    "自收到申请材料之日起即为受理。"
)


@dataclass
class Person(Coded):
    """The applicant or the agent. ``id_number`` is stored normalised and printed masked."""

    name: str
    kind: PersonKind = PersonKind.PERSON
    id_type: IdType = IdType.RESIDENT_ID
    id_number: str = ""
    phone: str = ""


@dataclass
class SheetItem(Coded):
    """The parts of an item's guide the sheet prints (one per item; several for a bundle)."""

    code: str
    name: str
    department: str
    kind: ItemKind
    case_type: CaseType
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
    visits: int = 0  # 到现场次数 (0: not said; snapshots before it have none)
    result: str = ""  # 办理结果
    delivery: str = ""  # 送达方式 (the catalog's, else the centre's setting)
    no_application: bool = False  # 免申即享: the applicant need not apply


@dataclass
class SheetMaterial(Coded):
    name: str
    kind: MaterialKind
    source: MaterialSource
    necessity: Necessity
    form: MaterialForm
    originals: int
    copies: int
    spec: str = ""
    notes: str = ""
    shareable: bool = False
    status: MaterialStatus = NOT_TRACKED
    supply_by: str | None = None  # ISO date for a missing 容缺 material
    items: list[str] = field(default_factory=list)  # item names needing it (bundles)
    # 补正意见 (一次性补正告知书): why the material is to be supplied or corrected, and the
    # clerk's words beside (or instead of) the code.
    opinion: CorrectionOpinion | None = None
    opinion_text: str = ""


@dataclass
class Sheet(Coded):
    kind: SheetKind
    serial: str  # 铁西政服告〔2026〕123号
    issued_at: str  # ISO date-time, local
    centre: str
    centre_address: str
    centre_phone: str
    complaint_phone: str
    window: str  # e.g. 3号综合窗口
    clerk: str  # the clerk's name
    subject_kind: SubjectKind
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
    outcome: Outcome | None = None  # 办件结果
    reason: str = ""  # why, for 不予受理
    # The written decisions and the receipt (sheets/decisions.py); empty on the other papers.
    authority: str = ""  # 实施机关: whose seal the decision carries
    promised_date: str | None = None  # 承诺办结日期, ISO, on a 受理通知书
    promised_estimated: bool = False  # counted over a year whose holidays are not yet known
    delivery: str = ""  # how the result reaches the applicant (领取/邮寄)
    decision_basis: str = ""  # the 依据 of a 不予受理
    review_body: str = ""  # where to apply for 行政复议
    court: str = ""  # where to bring 行政诉讼
    case_serial: str = ""  # on a 收件回执: the serial of the case it belongs to
    # Materials received and kept (一次性补正告知书 lists them), and the day they were received.
    received: list[SheetMaterial] = field(default_factory=list)
    received_on: str = ""  # ISO date
    lapse: str = ""  # what happens when the 补正 deadline passes (the centre's rule)
    accepting_body: str = ""  # 受理机关: whom a 容缺受理承诺书 is addressed to
    layout: int = 1  # LAYOUT when built; snapshots without the key are layout 1
    guide_sheet: bool = False  # the guide's long sections printed on a second sheet
    # 跨域通办: where the materials go and when to expect the result (cases/lifecycle.py
    # ``crossregion_line``); "" on other sheets and on snapshots written before it
    crossregion: str = ""

    @property
    def title(self) -> str:
        return self.kind.label

    @property
    def missing(self) -> list[str]:
        return [m.name for m in self.materials if m.status in (MISSING, RONGQUE_LATER)]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sheet:
        """The sheet of a snapshot written by this or an earlier version: unknown keys are
        ignored, missing optional ones take their defaults, Chinese words become codes."""
        values = known_fields(cls, data)
        values["items"] = [SheetItem(**known_fields(SheetItem, i)) for i in data["items"]]
        values["materials"] = [
            SheetMaterial(**known_fields(SheetMaterial, m)) for m in data["materials"]
        ]
        values["received"] = [
            SheetMaterial(**known_fields(SheetMaterial, m)) for m in data.get("received", [])
        ]
        values["answers"] = [tuple(a) for a in data["answers"]]
        for key in ("applicant", "agent"):
            if data.get(key):
                values[key] = Person(**known_fields(Person, data[key]))
        return cls(**values)

    @classmethod
    def from_json(cls, text: str) -> Sheet:
        """The sheet of a stored snapshot (``to_json``)."""
        return cls.from_dict(json.loads(text))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON, i.e. ``snapshot_hash(self.to_json())``."""
        return snapshot_hash(self.to_json())


def snapshot_hash(text: str) -> str:
    """SHA-256 of a stored snapshot's text: what a reprint checks, so that a snapshot written
    by any version stays printable whatever fields the model has gained since."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
