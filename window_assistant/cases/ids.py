"""Personal and organisation identifiers: validation, normalisation and masking.

A clerk types (or a reader fills in) an applicant's ID number, a company's unified social credit
code or a phone number; a typo found at the counter costs seconds, one found by the back office
costs the applicant another trip. So the checks are the national standards' own: GB 11643-1999
(居民身份证, ISO 7064 MOD 11-2 check digit) and GB 32100-2015 (统一社会信用代码, with the
GB 11714 organisation-code check inside it). Documents with no public check algorithm get a loose
format check only, so that a valid document is never refused.

One API throughout: ``check_*`` return the normalised value or raise ``UserError`` whose Chinese
message says what is wrong; ``id_problem`` / ``phone_problem`` give that message or None for
as-you-type feedback. Input is NFKC-normalised first, so full-width digits and letters typed with
a Chinese input method are accepted, as are spaces and lower-case letters.

Masking (for lists, printed sheets and exports) is described at ``mask_id``. Nothing here logs a
value; error messages quote only the part that is wrong (a date, one character).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from window_assistant.errors import UserError
from window_assistant.vocab import IdType

# Document types are codes (``vocab.IdType``); these names are kept for brevity.
RESIDENT_ID = IdType.RESIDENT_ID
USCC = IdType.USCC
HK_MACAO_PERMIT = IdType.HK_MACAO_PERMIT
TAIWAN_PERMIT = IdType.TAIWAN_PERMIT
PASSPORT = IdType.PASSPORT
FOREIGN_PR_ID = IdType.FOREIGN_PR_ID
HMT_RESIDENCE_PERMIT = IdType.HMT_RESIDENCE_PERMIT

# What a counter meets, in the order a picker shows them: persons first, organisations last.
ID_TYPES: tuple[IdType, ...] = tuple(IdType)
ORGANISATION_ID_TYPES: tuple[IdType, ...] = (USCC,)

# GB/T 2260 province-level codes (first two digits of a resident ID number).
PROVINCES: frozenset[str] = frozenset(
    str(code)
    for code in (
        *range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55),
        *range(61, 66), 71, 81, 82,
    )
)  # fmt: skip
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
EARLIEST_BIRTH = date(1900, 1, 1)

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_DEPARTMENTS = "123456789ANY"  # 1 机构编制 … 9 市场监管, A 军队, N 农业农村, Y 其他
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

_LOOSE_FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    HK_MACAO_PERMIT: (
        re.compile(r"[HM]\d{8}(\d{2})?"),
        "港澳居民来往内地通行证号码应为 H 或 M 开头加 8 位数字,例如 H12345678。",
    ),
    TAIWAN_PERMIT: (
        re.compile(r"\d{8}|\d{10}[A-Z]?"),
        "台湾居民来往大陆通行证号码应为 8 位数字(旧证 10 位),例如 12345678。",
    ),
    PASSPORT: (
        re.compile(r"[A-Z0-9]{5,17}"),
        "护照号码应为 5–17 位字母或数字,例如 E12345678。",
    ),
    FOREIGN_PR_ID: (
        re.compile(r"[A-Z]{3}\d{12}|9\d{16}[\dX]"),
        "外国人永久居留身份证号码应为 3 个字母加 12 位数字(旧版)或 9 开头的 18 位(新版)。",
    ),
}


def _clean(value: str) -> str:
    """NFKC (full-width → ASCII), upper-case, and drop spaces and dashes people type."""
    text = unicodedata.normalize("NFKC", value or "").upper()
    return re.sub(r"[\s\-]", "", text)


def _require(text: str, label: str) -> None:
    if not text:
        raise UserError(f"请填写{label}。")


# ---- 居民身份证 (GB 11643-1999) -----------------------------------------------------------


def id_check_digit(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits (ISO 7064 MOD 11-2)."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def check_resident_id(
    value: str,
    *,
    today: date | None = None,
    label: str = "身份证号码",
    provinces: frozenset[str] = PROVINCES,
) -> str:
    """The normalised 18-character number (upper-case X), or UserError saying what is wrong."""
    text = _clean(value)
    _require(text, label)
    if len(text) == 15 and text.isdigit():
        raise UserError(f"这是 15 位的旧{label},已停止使用,请填写 18 位{label}。")
    if len(text) != 18:
        raise UserError(f"{label}应为 18 位,现在是 {len(text)} 位,请核对。")
    for position, char in enumerate(text, start=1):
        if not (char.isdigit() or (position == 18 and char == "X")):
            where = "最后一位只能是数字或 X" if position == 18 else "前 17 位只能是数字"
            raise UserError(f"{label}第 {position} 位「{char}」不正确:{where}。")
    if text[:2] not in provinces:
        raise UserError(f"{label}前两位「{text[:2]}」不是有效的省级行政区划代码,请核对。")
    born = _birth_date(text, label)
    today = today or date.today()
    if born > today:
        raise UserError(f"{label}中的出生日期 {born.isoformat()} 晚于今天,请核对。")
    if born < EARLIEST_BIRTH:
        raise UserError(f"{label}中的出生日期 {born.isoformat()} 早于 1900 年,请核对。")
    if id_check_digit(text[:17]) != text[17]:
        raise UserError(f"{label}校验位不正确,请核对最后一位。")
    return text


def _birth_date(text: str, label: str) -> date:
    y, m, d = text[6:10], text[10:12], text[12:14]
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        raise UserError(f"{label}中的出生日期 {y}-{m}-{d} 不存在。") from None


def birth_and_sex(value: str) -> tuple[date, str]:
    """(birth date, "男" or "女") of a valid resident ID number; the 17th digit is odd for men."""
    text = check_resident_id(value)
    return _birth_date(text, "身份证号码"), "男" if int(text[16]) % 2 else "女"


# ---- 统一社会信用代码 (GB 32100-2015) ------------------------------------------------------


def org_code_check(body8: str) -> str:
    """The GB 11714-1997 check character of an 8-character organisation-code body."""
    values = [int(c) if c.isdigit() else ord(c) - ord("A") + 10 for c in body8]
    rest = 11 - sum(v * w for v, w in zip(values, _ORG_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(rest, str(rest))


def uscc_check_char(first17: str) -> str:
    """The GB 32100 check character of the first 17 characters."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def check_uscc(value: str) -> str:
    """The normalised 18-character code, or UserError saying what is wrong.

    The registration department and organisation type are checked loosely (a character from the
    published tables' ranges), the region only for being six digits: codes registered by
    central bodies or re-used after boundary changes must not be refused.
    """
    label = "统一社会信用代码"
    text = _clean(value)
    _require(text, label)
    if len(text) != 18:
        raise UserError(f"{label}应为 18 位,现在是 {len(text)} 位,请核对。")
    for position, char in enumerate(text, start=1):
        if char not in USCC_CHARSET:
            hint = "(代码不使用 I、O、Z、S、V)" if char in "IOZSV" else ""
            raise UserError(f"{label}第 {position} 位「{char}」不是有效字符{hint},请核对。")
    if text[0] not in _USCC_DEPARTMENTS:
        raise UserError(f"{label}第 1 位(登记管理部门代码)「{text[0]}」不存在,请核对。")
    if text[1] not in "123456789":
        raise UserError(f"{label}第 2 位(机构类别代码)「{text[1]}」不存在,请核对。")
    if not text[2:8].isdigit():
        raise UserError(f"{label}第 3–8 位(行政区划码)只能是数字,请核对。")
    if org_code_check(text[8:16]) != text[16]:
        raise UserError(f"{label}第 9–17 位(组织机构代码)校验不通过,请核对。")
    if uscc_check_char(text[:17]) != text[17]:
        raise UserError(f"{label}校验位不正确,请核对最后一位。")
    return text


# ---- dispatcher ------------------------------------------------------------------------------


def id_type(text: str) -> IdType:
    """The document type a user or a caller named (code or Chinese name), or UserError."""
    try:
        return IdType.parse(text)
    except ValueError:
        accepted = "、".join(t.label for t in ID_TYPES)
        raise UserError(f"不支持的证件类型「{text}」,可选:{accepted}。") from None


def check_id(kind: str, value: str, *, today: date | None = None) -> str:
    """Validate an identifier of one of ``ID_TYPES`` (code or name); return it normalised."""
    kind = id_type(kind)
    if kind == RESIDENT_ID:
        return check_resident_id(value, today=today)
    if kind == USCC:
        return check_uscc(value)
    if kind == HMT_RESIDENCE_PERMIT:
        text = check_resident_id(
            value, today=today, label="居住证号码", provinces=frozenset({"81", "82", "83"})
        )
        if text[:6] not in ("810000", "820000", "830000"):
            raise UserError("港澳台居民居住证号码应以 810000、820000 或 830000 开头,请核对。")
        return text
    if kind in _LOOSE_FORMATS:
        pattern, message = _LOOSE_FORMATS[kind]
        text = _clean(value)
        _require(text, f"{kind.label}号码")
        if not pattern.fullmatch(text):
            raise UserError(message)
        return text
    raise UserError(f"不支持的证件类型「{kind.label}」,请从列表中选择。")


def id_problem(kind: str, value: str) -> str | None:
    """The message ``check_id`` would raise, or None: for feedback while the user types."""
    try:
        check_id(kind, value)
    except UserError as exc:
        return exc.message
    return None


# ---- phone numbers ---------------------------------------------------------------------------

_MOBILE_RE = re.compile(r"1[3-9]\d{9}")
# Area code 010 / 02x (3 digits) or 0[3-9]xx (4 digits); local number 7–8 digits not starting
# with 0 or 1; an optional extension after 转 / - / ext.
_FIXED_RE = re.compile(r"(0(?:10|2\d|[3-9]\d\d))([2-9]\d{6,7})(?:(?:转|EXT\.?|#)(\d{1,6}))?")


def check_phone(value: str) -> str:
    """A mobile (13812341234) or fixed-line (0412-8888123, 0412-8888123转801) number, normalised.

    Spaces, dashes and brackets around the area code are dropped, as is a +86 / 0086 prefix.
    """
    text = unicodedata.normalize("NFKC", value or "").upper().strip()
    _require(text, "电话号码")
    ext = ""
    match = re.search(r"(?:转|EXT\.?|#)\s*(\d{1,6})$", text)
    if match:
        text, ext = text[: match.start()], match.group(1)
    text = re.sub(r"^\s*(?:\+86|0086)", "", text)
    digits = re.sub(r"[\s\-()()]", "", text)
    groups = [g for g in re.split(r"[\s\-]+", text) if g]
    if not ext and len(groups) >= 3 and not _FIXED_RE.fullmatch(digits):
        head = re.sub(r"[()()]", "", "".join(groups[:-1]))
        if re.fullmatch(r"\d{1,6}", groups[-1]) and _FIXED_RE.fullmatch(head):
            digits, ext = head, groups[-1]  # 0412-8888123-801
    if _MOBILE_RE.fullmatch(digits) and not ext:
        return digits
    fixed = _FIXED_RE.fullmatch(digits)
    if fixed:
        area, local, dash_ext = fixed.groups()
        ext = ext or dash_ext or ""
        return f"{area}-{local}" + (f"转{ext}" if ext else "")
    if not re.fullmatch(r"\d+", digits):
        raise UserError("电话号码只能包含数字、空格、短横线和分机号,请核对。")
    if digits.startswith("1"):
        raise UserError("手机号码应为 1 开头的 11 位数字(第二位为 3–9),请核对。")
    if not digits.startswith("0"):
        raise UserError("固定电话请加上区号,例如 0412-8888123。")
    raise UserError("固定电话应为区号(3–4 位)加 7–8 位号码,例如 0412-8888123,请核对。")


def phone_problem(value: str) -> str | None:
    """The message ``check_phone`` would raise, or None."""
    try:
        check_phone(value)
    except UserError as exc:
        return exc.message
    return None


# ---- masking ---------------------------------------------------------------------------------


def mask_id(kind: str, value: str) -> str:
    """An identifier as lists, printed sheets and exports show it by default.

    Rule: a person's document number keeps its first 4 and last 4 characters
    (``1101**********002X``): the province and city for a clerk to recognise, nothing of the
    birth date. Numbers shorter than 16 characters keep a quarter at each end, so at least half
    is hidden (passport ``E1*****78``). A unified social credit code is NOT masked: it identifies
    an organisation and is public on its licence. Masking never validates and never fails, so a
    malformed legacy value is still shown masked.
    """
    if kind in ORGANISATION_ID_TYPES:
        return (value or "").strip()
    text = _clean(value)
    keep = 4 if len(text) >= 16 else len(text) // 4
    if len(text) <= 2 * keep or not text:
        return "*" * len(text)
    return text[:keep] + "*" * (len(text) - 2 * keep) + text[-keep:]


def mask_phone(value: str) -> str:
    """A phone number for display: mobile ``138****1234``; fixed line keeps the area code and the
    last 4 digits (``0412-***8123``); an extension is kept. Never fails."""
    try:
        text = check_phone(value)
    except UserError:
        digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", value or ""))
        if len(digits) <= 4:
            return "*" * len(digits)
        return "*" * (len(digits) - 4) + digits[-4:]
    if "-" not in text:
        return text[:3] + "****" + text[7:]
    area, rest = text.split("-", 1)
    local, _, ext = rest.partition("转")
    return f"{area}-" + "*" * (len(local) - 4) + local[-4:] + (f"转{ext}" if ext else "")
