"""One vocabulary: the codes stored for every enumeration, and their labels kept apart.

Storage, snapshots, audit entries and comparisons use the codes (``Role.SUPERVISOR`` is stored
as ``"supervisor"``); people see labels. Each enumeration is a ``Code`` (a ``str`` enum, so a
code read back from SQLite compares equal to its member) with a Chinese label and an English
one, both declared here and nowhere else. Front ends show ``code.label`` (Chinese, the default
interface language) or ``label_for(code, "en")``; the printed papers always use Chinese.

Reading words people type (the CLI's ``--id-type 居民身份证``, an imported spreadsheet's
``必要``) goes through ``Code.parse``, which accepts the code, the Chinese label and the
English label, and any alias a member declares. Dataclasses holding codes derive from
``Coded``: a field given as a plain code, or as the Chinese word versions before codes stored
(old sheet snapshots), becomes its member.

Enumerations the next features need (rating levels and channels) are declared here already, with
the numeric codes of GB/T 39046-2020 they map to on export.
"""

from __future__ import annotations

from dataclasses import fields
from enum import Enum
from functools import cache
from typing import Any, TypeVar, cast, get_args, get_type_hints

C = TypeVar("C", bound="Code")


class Code(str, Enum):
    """A stored code with a Chinese and an English label.

    Members are declared as ``NAME = ("code", "中文", "English", *aliases)``.
    """

    _label_zh: str
    _label_en: str
    _aliases: tuple[str, ...]

    def __new__(cls, code: str, zh: str, en: str, *aliases: str) -> Code:
        member = str.__new__(cls, code)
        member._value_ = code
        member._label_zh = zh
        member._label_en = en
        member._aliases = aliases
        return member

    def __str__(self) -> str:
        return str(self.value)

    @property
    def label(self) -> str:
        """The Chinese label: what the window shows by default and what the papers print."""
        return self._label_zh

    @property
    def label_en(self) -> str:
        return self._label_en

    @classmethod
    def parse(cls: type[C], text: str) -> C:
        """The member named by its code, Chinese label, English label or an alias.

        Raises ``ValueError`` with a Chinese message listing what is accepted.
        """
        word = str(text).strip()
        words = _words(cls)
        member = words.get(word)
        if member is None:
            member = words.get(word.casefold())
        if member is None:
            accepted = "、".join(m._label_zh for m in cls)
            raise ValueError(f"「{word}」不是可用的取值,可填:{accepted}")
        return member

    @classmethod
    def of(cls: type[C], value: Any) -> C:
        """The member of a stored value: a code (the fast path), or the Chinese text stored
        by versions before codes (old sheet snapshots)."""
        member = cls._value2member_map_.get(value)
        return cast(C, member) if member is not None else cls.parse(value)

    @classmethod
    def labels(cls) -> dict[str, str]:
        """code → Chinese label, in declaration order (for drop-down lists and exports)."""
        return {m.value: m._label_zh for m in cls}


@cache
def _words(cls: type[C]) -> dict[str, C]:
    """Every word ``parse`` accepts → its member; English labels case-folded."""
    words: dict[str, C] = {}
    for member in cls:
        for word in (member.value, member._label_zh, *member._aliases):
            words.setdefault(word, member)
        words.setdefault(member._label_en.casefold(), member)
    return words


_CODE_FIELDS: dict[type, dict[str, type[Code]]] = {}


def code_fields(cls: type) -> dict[str, type[Code]]:
    """The fields of dataclass ``cls`` that hold a code, with their enumeration (read from the
    type hints once, so a model declares it in one place)."""
    found = _CODE_FIELDS.get(cls)
    if found is None:
        found = _CODE_FIELDS[cls] = {}
        for name, hint in get_type_hints(cls).items():
            for t in (hint, *get_args(hint)):
                if isinstance(t, type) and issubclass(t, Code):
                    found[name] = t
                    break
    return found


class Coded:
    """Dataclass base: enumerated fields given as plain codes, or as the Chinese words older
    versions stored, become members, so that ``.label`` works whoever built the instance;
    empty text where no member means "" gives None."""

    def __post_init__(self) -> None:
        for name, enum in code_fields(type(self)).items():
            value = getattr(self, name)
            if value is None or value.__class__ is enum:
                continue
            if isinstance(value, str) and not value.strip() and "" not in _words(enum):
                setattr(self, name, None)
            else:
                setattr(self, name, enum.of(value))


def known_fields(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``data`` that are fields of dataclass ``cls``; others are ignored (a newer
    version wrote them)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def label_for(code: Code, language: str = "zh_CN") -> str:
    """The label of ``code`` in the interface language (``"zh_CN"`` or ``"en"``)."""
    return code.label_en if language == "en" else code.label


class Role(Code):
    """Who an account is (users.role)."""

    CLERK = ("clerk", "窗口人员", "Window clerk")
    SUPERVISOR = ("supervisor", "负责人", "Supervisor")


# -- the catalog (政务服务事项目录及实施清单) ------------------------------------------------------


class ItemKind(Code):
    """事项类型 (GB/T 39046-2020 A.1, the kinds this catalog uses)."""

    PERMIT = ("permit", "行政许可", "Administrative licensing")
    LEVY = ("levy", "行政征收", "Administrative levy")
    BENEFIT = ("benefit", "行政给付", "Administrative benefit")
    CONFIRMATION = ("confirmation", "行政确认", "Administrative confirmation")
    REWARD = ("reward", "行政奖励", "Administrative reward")
    RULING = ("ruling", "行政裁决", "Administrative ruling")
    OTHER_POWER = ("other_power", "其他行政权力", "Other administrative power")
    PUBLIC_SERVICE = ("public_service", "公共服务", "Public service")


class CaseType(Code):
    """办件类型: settled at the counter, or within the promised time limit."""

    INSTANT = ("instant", "即办件", "Settled on the spot")
    PROMISED = ("promised", "承诺件", "Settled within the promised time")


class LimitUnit(Code):
    """The unit of a time limit (法定/承诺办结时限)."""

    WORKDAY = ("workday", "工作日", "working days")
    CALENDAR_DAY = ("day", "自然日", "calendar days")


class Scope(Code):
    """通办范围: how far from its home an item can be handled (跨域通办)."""

    NATIONAL = ("national", "全国", "Nationwide")
    INTERPROVINCIAL = ("interprovincial", "跨省", "Across provinces")
    INTERCITY = ("intercity", "省内跨市", "Across cities in the province")
    INTERCOUNTY = ("intercounty", "市内跨县", "Across counties in the city")
    NONE = ("none", "无", "None")


class CrossMode(Code):
    """How a cross-region item is handled (跨域通办 办理模式)."""

    ONLINE = ("online", "全程网办", "Fully online")
    PROXY = ("proxy", "异地代收代办", "Received here, handled there")
    JOINT = ("joint", "多地联办", "Handled jointly by several places")


class MaterialKind(Code):
    """材料类型."""

    CERTIFICATE = ("certificate", "证件证书证明", "Certificate or licence")
    FORM = ("form", "申请表格文书", "Application form or document")
    OTHER = ("other", "其他", "Other")


class MaterialSource(Code):
    """来源渠道: where the applicant gets a material."""

    APPLICANT = ("applicant", "申请人自备", "The applicant's own")
    GOVERNMENT = ("government", "政府部门核发", "Issued by a government department")
    OTHER = ("other", "其他", "Other")


class Necessity(Code):
    """必要性: a 容缺后补 material may follow after acceptance (容缺受理); a 由部门获取 one the
    applicant need not bring at all, because the department obtains it itself (免提交: an exam
    body's results, the department's own records), whether or not it is an 电子证照."""

    REQUIRED = ("required", "必要", "Required")
    OPTIONAL = ("optional", "非必要", "Optional")
    RONGQUE = ("rongque", "容缺后补", "May follow later")
    OBTAINED = (
        "obtained",
        "免提交/由部门获取",
        "Not needed (obtained by the department)",
        "免提交",
        "由部门获取",
        "免提交（由部门获取）",
        "免提交(由部门获取)",
    )


class MaterialForm(Code):
    """材料形式."""

    PAPER = ("paper", "纸质", "Paper")
    ELECTRONIC = ("electronic", "电子", "Electronic")
    BOTH = ("both", "纸质+电子", "Paper and electronic")


# -- cases and their papers --------------------------------------------------------------------


class SubjectKind(Code):
    """What a case or a search hit is about."""

    ITEM = ("item", "事项", "Item")
    BUNDLE = ("bundle", "一件事", "Bundle")


class SheetKind(Code):
    """The paper a case hands out; the label is its printed title."""

    NOTICE = ("notice", "一次性告知书", "One-time notification")
    CORRECTION = ("correction", "一次性补正告知书", "Correction notice")
    RONGQUE = ("rongque", "容缺受理承诺书", "Acceptance-with-shortfall commitment")
    # The written decisions of 行政许可法 §32 (受理 / 不予受理) and the 收件回执 that goes with
    # any 受理 or 补正: papers of their own, each with its own serial sequence.
    ACCEPTANCE = ("acceptance", "受理通知书", "Acceptance notice")
    REFUSAL = ("refusal", "不予受理通知书", "Refusal notice")
    RECEIPT = ("receipt", "收件回执", "Receipt of materials")


class Outcome(Code):
    """办件结果: what the clerk decided at the counter."""

    ACCEPTED = ("accepted", "受理", "Accepted")
    CONSULTED = ("consulted", "一次性告知/咨询", "Informed (enquiry only)")
    CORRECTION = ("correction", "补正告知", "Correction requested")
    RONGQUE = ("rongque", "容缺受理", "Accepted, materials to follow")
    REFUSED = ("refused", "不予受理", "Not accepted")


class MaterialStatus(Code):
    """One material on a sheet once the applicant's bag has been checked. Snapshots written
    before codes stored "" for a material nobody checked: the alias reads them."""

    BROUGHT = ("brought", "已提交", "Submitted")
    MISSING = ("missing", "缺", "Missing")
    SHARED = ("shared", "免提交", "Not needed (shared e-licence)")
    OBTAINED = ("obtained", "免提交（由部门获取）", "Not needed (obtained by the department)")
    LATER = ("later", "容缺后补", "To follow (容缺)")
    UNTRACKED = ("untracked", "未核对", "Not checked", "")
    TO_CORRECT = ("to_correct", "需补正", "To be corrected")


class CorrectionOpinion(Code):
    """补正意见: what is wrong with one material on a 一次性补正告知书 (free text may follow).
    缺 is the opinion of a material not brought; the others are of one brought but not usable."""

    MISSING = ("missing", "缺", "Missing")
    UNSIGNED = ("unsigned", "未签字", "Not signed")
    UNSEALED = ("unsealed", "未盖章", "Not sealed")
    ILLEGIBLE_COPY = ("illegible_copy", "复印件不清", "Copy illegible")
    MISMATCH = ("mismatch", "与原件不一致", "Differs from the original")
    WRONG_FORM = ("wrong_form", "不符合法定形式", "Not in the statutory form")
    INCOMPLETE = ("incomplete", "填写不完整", "Not filled in completely")
    EXPIRED = ("expired", "已过有效期", "Expired")
    OTHER = ("other", "其他", "Other")


class PersonKind(Code):
    """An applicant or agent: a person, or an organisation acting through one."""

    PERSON = ("person", "个人", "Individual")
    ORGANISATION = ("organisation", "单位", "Organisation")


class IdType(Code):
    """证件类型, in the order a picker shows them: persons' documents first."""

    RESIDENT_ID = ("resident_id", "居民身份证", "Resident identity card", "身份证")
    HK_MACAO_PERMIT = (
        "hk_macao_permit",
        "港澳居民来往内地通行证",
        "Mainland travel permit for Hong Kong and Macao residents",
    )
    TAIWAN_PERMIT = (
        "taiwan_permit",
        "台湾居民来往大陆通行证",
        "Mainland travel permit for Taiwan residents",
    )
    HMT_RESIDENCE_PERMIT = (
        "hmt_residence_permit",
        "港澳台居民居住证",
        "Residence permit for Hong Kong, Macao and Taiwan residents",
    )
    PASSPORT = ("passport", "护照", "Passport")
    FOREIGN_PR_ID = ("foreign_pr_id", "外国人永久居留身份证", "Foreign permanent resident ID card")
    USCC = ("uscc", "统一社会信用代码", "Unified social credit code")


# -- ratings (好差评), declared for the rating log ----------------------------------------------
# GB/T 39046-2020 has its own numeric codes; they are mapped on export, never stored.

_GBT39046_LEVELS = {
    "very_satisfied": 1,
    "satisfied": 2,
    "basically_satisfied": 3,
    "dissatisfied": 4,
    "very_dissatisfied": 5,
}
_GBT39046_CHANNELS = {"qr_code": 3, "pad": 4}


class RatingLevel(Code):
    """The five levels; the last two are 差评. GB/T 39046-2020 A.8 满意度代码 runs
    1 = 非常满意 … 5 = 非常不满意 (``gbt39046``)."""

    VERY_SATISFIED = ("very_satisfied", "非常满意", "Very satisfied")
    SATISFIED = ("satisfied", "满意", "Satisfied")
    BASICALLY_SATISFIED = ("basically_satisfied", "基本满意", "Basically satisfied")
    DISSATISFIED = ("dissatisfied", "不满意", "Dissatisfied")
    VERY_DISSATISFIED = ("very_dissatisfied", "非常不满意", "Very dissatisfied")

    @property
    def gbt39046(self) -> int:
        return _GBT39046_LEVELS[self.value]

    @classmethod
    def from_gbt39046(cls, number: int) -> RatingLevel:
        return _from_standard(cls, _GBT39046_LEVELS, number)


class RatingChannel(Code):
    """Where a rating was given: GB/T 39046-2020 评价渠道 3 二维码 (a phone), 4 政务大厅平板电脑
    (the counter's pad or tablet) (``gbt39046``)."""

    QR_CODE = ("qr_code", "二维码", "QR code")
    PAD = ("pad", "政务大厅平板电脑", "Service hall tablet")

    @property
    def gbt39046(self) -> int:
        return _GBT39046_CHANNELS[self.value]

    @classmethod
    def from_gbt39046(cls, number: int) -> RatingChannel:
        return _from_standard(cls, _GBT39046_CHANNELS, number)


def _from_standard(cls: type[C], numbers: dict[str, int], number: int) -> C:
    for code, n in numbers.items():
        if n == number:
            return cls.of(code)
    accepted = "、".join(str(n) for n in numbers.values())
    raise ValueError(f"GB/T 39046 代码 {number} 没有对应的取值,可用:{accepted}")


# -- 差评 follow-up (整改台账) -------------------------------------------------------------------
class FollowUpStep(Code):
    """One entry in a 差评's follow-up (ratings/followups.py has which may follow which)."""

    VERIFY = ("verify", "核实", "Verified")
    FIX_NOW = ("fix_now", "立行立改", "Fixed at once")
    RECTIFY_PLAN = ("rectify_plan", "限期整改", "Rectification with a deadline")
    RECTIFIED = ("rectified", "已整改", "Rectified")
    CANNOT_RECTIFY = ("cannot_rectify", "无法整改", "Cannot be rectified")
    EXPLAIN = ("explain", "解释说明", "Explained")
    REVISIT = ("revisit", "回访", "Revisited")
    UNREACHABLE = ("unreachable", "无法回访", "Cannot be revisited")
    CLOSE = ("close", "办结", "Closed")
    APPEAL = ("appeal", "申诉", "Appeal")
    APPEAL_DECISION = ("appeal_decision", "申诉复核", "Appeal decided")
    SUPERVISE = ("supervise", "督办", "Reminder (督办)")
    CORRECT = ("correct", "更正", "Correction")


class FollowUpState(Code):
    """Where a follow-up stands, worked out from its steps (never stored)."""

    PENDING_VERIFY = ("pending_verify", "待核实", "To verify")
    VERIFIED = ("verified", "待处理", "To handle")
    RECTIFYING = ("rectifying", "整改中", "Being rectified")
    PENDING_REVISIT = ("pending_revisit", "待回访", "To revisit")
    PENDING_CLOSE = ("pending_close", "待办结", "To close")
    CLOSED = ("closed", "已办结", "Closed")


class RevisitChannel(Code):
    PHONE = ("phone", "电话", "Phone")
    SMS = ("sms", "短信", "Text message")
    VISIT = ("visit", "上门", "Home visit")
    ONSITE = ("onsite", "现场", "At the centre")


class RevisitSatisfaction(Code):
    """The citizen's view of how the 差评 was handled, asked at the 回访."""

    SATISFIED = ("satisfied", "满意", "Satisfied")
    BASICALLY_SATISFIED = ("basically_satisfied", "基本满意", "Basically satisfied")
    DISSATISFIED = ("dissatisfied", "不满意", "Dissatisfied")


class AppealKind(Code):
    """Why a clerk asks for a 差评 to be left out of the figures (国办发〔2019〕51号 申诉复核)."""

    MISTAKEN = ("mistaken", "误评", "Rated by mistake")
    MALICIOUS = ("malicious", "恶意差评", "Malicious rating")


class AgreementStep(Code):
    """A step of a cross-region case whose time limit a partner agreement sets (跨域通办 合作协议),
    in working days: no national forwarding deadline exists, so each agreement sets its own.
    ``SEND``: from 收件 to the materials sent; ``ACCEPT``: from sent to the partner's 受理;
    ``FINISH``: from 受理 to 办结; ``RETURN``: from 办结 to the result sent back."""

    SEND = ("send", "寄出", "Materials sent")
    ACCEPT = ("accept", "对方受理", "Accepted by the partner")
    FINISH = ("finish", "办结", "Settled")
    RETURN = ("return", "结果寄回", "Result sent back")


class CaseStep(Code):
    """One entry in a case's lifecycle (cases/lifecycle.py has which may follow which).

    The local line: 收件 → (补正告知 → 补正收件)* → 受理 | 容缺受理 | 不予受理 → (容缺补齐)* → 转办 →
    办结 → 领取 | 邮寄 → 完结; 一次性告知 ends a consultation. 跨域通办 outbound: 跨域收件 (形式审查
    and 身份核验 confirmed) → 寄出 → 对方受理 → 办结 → 结果寄回 → 领取, or 已送达; 退回 and 不予受理
    at any step. Inbound: 收到 → 转办 → 办结 → 结果寄出 → 完结. Beside them: 作废, 更正, 责任认定."""

    RECEIVE = ("receive", "收件", "Received")
    INFORM = ("inform", "一次性告知", "Informed (enquiry only)")
    CORRECTION_NOTICE = ("correction_notice", "补正告知", "Correction requested")
    CORRECTION_RECEIVED = ("correction_received", "补正收件", "Corrections received")
    ACCEPT = ("accept", "受理", "Accepted")
    ACCEPT_RONGQUE = ("accept_rongque", "容缺受理", "Accepted, materials to follow")
    REFUSE = ("refuse", "不予受理", "Not accepted")
    RONGQUE_SUPPLIED = ("rongque_supplied", "容缺补齐", "Shortfall material supplied")
    TRANSFER = ("transfer", "转办", "Handed to the department")
    SETTLE = ("settle", "办结", "Settled")
    COLLECTED = ("collected", "领取", "Collected")
    MAILED = ("mailed", "邮寄", "Mailed")
    COMPLETE = ("complete", "完结", "Completed")
    VOID = ("void", "作废", "Void")
    CORRECT = ("correct", "更正", "Correction of an entry")
    OUTBOUND = ("outbound", "跨域收件", "Received for another region")
    SEND = ("send", "寄出", "Materials sent")
    PARTNER_ACCEPT = ("partner_accept", "对方受理", "Accepted by the partner")
    RESULT_RETURNED = ("result_returned", "结果寄回", "Result sent back")
    DELIVERED = ("delivered", "已送达", "Result delivered")
    SEND_BACK = ("send_back", "退回", "Returned")
    INBOUND = ("inbound", "收到", "Received from another region")
    RESULT_SENT = ("result_sent", "结果寄出", "Result sent")
    LIABILITY = ("liability", "责任认定", "Liability recorded")


class CaseState(Code):
    """Where a case stands, worked out from its steps (kept in ``case_progress`` as a copy)."""

    RECEIVED = ("received", "已收件", "Received")
    INFORMED = ("informed", "已告知", "Informed")
    CORRECTING = ("correcting", "待补正", "Awaiting corrections")
    ACCEPTED = ("accepted", "办理中", "Being handled")
    REFUSED = ("refused", "不予受理", "Not accepted")
    TRANSFERRED = ("transferred", "已转办", "With the department")
    SETTLED = ("settled", "已办结", "Settled")
    DELIVERED = ("delivered", "已出件", "Result handed over")
    COMPLETED = ("completed", "已完结", "Completed")
    VOIDED = ("voided", "已作废", "Void")
    TO_SEND = ("to_send", "待寄出", "To be sent")
    SENT = ("sent", "已寄出", "Sent")
    PARTNER_ACCEPTED = ("partner_accepted", "对方已受理", "Accepted by the partner")
    RETURNED = ("returned", "结果已寄回", "Result returned")
    SENT_BACK = ("sent_back", "已退回", "Returned")
    ARRIVED = ("arrived", "已收到", "Arrived")
    RESULT_SENT = ("result_sent", "结果已寄出", "Result sent")


class CaseFlow(Code):
    """A case's line: served here, or 跨域通办 in either direction."""

    LOCAL = ("local", "本地办理", "Local")
    OUTBOUND = ("outbound", "跨域代收(寄出)", "Received for another region")
    INBOUND = ("inbound", "跨域收到(转来)", "Received from another region")
