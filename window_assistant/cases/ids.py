"""Personal and organisation identifiers: validation, normalisation and masking.

A clerk types (or a reader fills in) an applicant's ID number, a company's unified social credit
code or a phone number; a typo found at the counter costs seconds, one found by the back office
costs the applicant another trip. So the checks are the national standards' own: GB 11643-1999
(居民身份证, ISO 7064 MOD 11-2 check digit) and GB 32100-2015 (统一社会信用代码, with the
GB 11714 organisation-code check inside it). Documents with no public check algorithm get a loose
format check only, so that a valid document is never refused.

One API throughout: ``check_*`` return the normalised value or raise ``UserError`` whose Chinese
message says what is wrong; ``id_problem`` / ``phone_problem`` give that message or None for
as-you-type feedback. Full-width digits and letters (typed with a Chinese input method) become
ASCII, spaces are dropped and letters upper-cased; any other non-ASCII character is refused, digits
of other scripts (٣, ३), superscripts (³) and circled digits (③) included: they look like digits
and are not, so NFKC (which turns some of them into digits) is not used.

Masking (for lists, printed sheets and exports) is described at ``mask_id``; ``mask_in_text``
masks what looks like an ID number or a phone inside free text (the error log). Nothing here logs
a value; error messages quote only the part that is wrong (a date, one character).
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


# Full-width forms (U+FF01–U+FF5E) and the ideographic space, as a Chinese input method types
# them, and nothing else: NFKC would also turn ③, ³ and some other scripts' digits into digits.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def half_width(value: str) -> str:
    """Full-width ASCII characters (１２３, ＡＢＣ, －) as their ASCII selves; the rest unchanged.
    For what people type as digits and letters (identifiers, PINs, dates, counts)."""
    return (value or "").translate(_HALF_WIDTH)


def _clean(value: str) -> str:
    """Half-width, without the spaces and dashes people type; not yet upper-cased (``ﬁ`` would
    become ``FI``: the ASCII check comes first)."""
    return re.sub(r"[\s\-]", "", half_width(value))


def _foreign(char: str, label: str, position: int | None = None) -> UserError:
    where = f"第 {position} 位" if position else "中的"
    shown = f"「{char}」" if char.isprintable() else f"U+{ord(char):04X}"
    if unicodedata.numeric(char, None) is not None:
        return UserError(
            f"{label}{where}{shown}不是 0–9 的阿拉伯数字(是其他文字或样式的数字),"
            "请用键盘上的数字键重新输入。"
        )
    return UserError(f"{label}{where}{shown}不是有效字符,只能使用数字和字母,请核对。")


def _ascii_code(value: str, label: str) -> str:
    """``value`` cleaned and upper-cased, or UserError at the first non-ASCII character."""
    text = _clean(value)
    _require(text, label)
    for position, char in enumerate(text, start=1):
        if not char.isascii():
            raise _foreign(char, label, position)
    return text.upper()


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
    text = _ascii_code(value, label)
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
    text = _ascii_code(value, label)
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
        text = _ascii_code(value, f"{kind.label}号码")
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

_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
# Area code 010 / 02x (3 digits) or 0[3-9]xx (4 digits); local number 7–8 digits not starting
# with 0; an optional extension after 转 / - / ext.
_FIXED_RE = re.compile(
    r"(0(?:10|2[0-9]|[3-9][0-9][0-9]))([1-9][0-9]{6,7})(?:(?:转|EXT\.?|#)([0-9]{1,6}))?"
)
_EXTENSION_RE = re.compile(r"(?:转|分机|EXT\.?|#)\s*([0-9]{1,6})$")
_INTERNATIONAL_RE = re.compile(r"^[((]?(?:\+|00)")
_SEPARATORS_RE = re.compile(r"[\s\-()()]")
MAINLAND_CODE = "86"
E164_DIGITS = 15  # country code and national number together (ITU-T E.164)
# E.164 country codes are prefix-free: 1 (North America) and 7 alone, these two-digit ones, and
# three digits for the rest; knowing where the code ends lets checks and masks keep it whole.
_TWO_DIGIT_CODES: frozenset[str] = frozenset(
    str(code)
    for code in (
        20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54,
        55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
    )
)  # fmt: skip
# National number lengths of the places a mainland counter meets most, with a written example.
_NATIONAL: dict[str, tuple[tuple[int, ...], str, str]] = {
    "852": ((8,), "香港", "+852 9123 4567"),
    "853": ((8,), "澳门", "+853 6612 3456"),
    "886": ((8, 9), "台湾", "+886 912 345 678"),
    "1": ((10,), "美国、加拿大", "+1 415 555 0123"),
}


def country_code(digits: str) -> str:
    """The E.164 country code at the start of ``digits`` (the number after +)."""
    if digits[:1] in ("1", "7"):
        return digits[:1]
    return digits[:2] if digits[:2] in _TWO_DIGIT_CODES else digits[:3]


def check_phone(value: str) -> str:
    """A phone number in its one stored form, however it was typed, or UserError.

    Mainland mobile ``13812341234``; mainland fixed line ``0412-8888123`` (``0412-8888123转801``
    with an extension), also when typed with +86 / 0086 with or without the trunk 0
    (``+86 412 8888123``, ``+86-24-12345678``); any other country or region as E.164, + and
    digits only: ``+85291234567`` (香港), ``+85366123456`` (澳门), ``+886912345678`` (台湾),
    ``+14155550123``. Spaces, dashes and brackets are dropped.
    """
    text = half_width(value).strip().upper()
    _require(text, "电话号码")
    for char in text:
        if not char.isascii() and unicodedata.numeric(char, None) is not None:
            raise _foreign(char, "电话号码")
    ext = ""
    match = _EXTENSION_RE.search(text)
    if match:
        text, ext = text[: match.start()].strip(), match.group(1)
    prefix = _INTERNATIONAL_RE.match(text)
    if prefix is None:
        return _mainland(text, ext)
    rest = text[prefix.end() :]
    digits = _digits(rest)
    code = country_code(digits)
    if code != MAINLAND_CODE:
        return _international(code, digits[len(code) :], ext)
    rest = re.sub(r"^\s*86[\s\-))]*", "", rest)  # the mainland number, maybe with its 0
    national = _digits(rest)
    trunk = "" if national.startswith("0") or _MOBILE_RE.fullmatch(national) else "0"
    return _mainland(trunk + rest, ext)


def _digits(text: str) -> str:
    digits = _SEPARATORS_RE.sub("", text)
    if not re.fullmatch(r"[0-9]+", digits):
        raise UserError("电话号码只能包含数字、空格、短横线和分机号,请核对。")
    return digits


def _mainland(text: str, ext: str) -> str:
    digits = _digits(text)
    groups = [g for g in re.split(r"[\s\-]+", text) if g]
    if not ext and len(groups) >= 3 and not _FIXED_RE.fullmatch(digits):
        head = re.sub(r"[()()]", "", "".join(groups[:-1]))
        if re.fullmatch(r"[0-9]{1,6}", groups[-1]) and _FIXED_RE.fullmatch(head):
            digits, ext = head, groups[-1]  # 0412-8888123-801
    if _MOBILE_RE.fullmatch(digits) and not ext:
        return digits
    fixed = _FIXED_RE.fullmatch(digits)
    if fixed:
        area, local, dash_ext = fixed.groups()
        ext = ext or dash_ext or ""
        return f"{area}-{local}" + (f"转{ext}" if ext else "")
    if digits.startswith("1"):
        raise UserError("手机号码应为 1 开头的 11 位数字(第二位为 3–9),请核对。")
    if not digits.startswith("0"):
        raise UserError(
            "固定电话请加上区号,例如 0412-8888123;"
            "港澳台和境外号码请以 + 和国家或地区代码开头,例如 +852 9123 4567。"
        )
    raise UserError("固定电话应为区号(3–4 位)加 7–8 位号码,例如 0412-8888123,请核对。")


def _international(code: str, national: str, ext: str) -> str:
    if code == "886":
        national = national.removeprefix("0")  # 台湾 numbers are often written with the trunk 0
    known = _NATIONAL.get(code)
    lengths = known[0] if known else range(4, E164_DIGITS - len(code) + 1)
    if code.startswith("0") or national.startswith("0") or len(national) not in lengths:
        if known is None:
            raise UserError(
                "境外电话号码应为 + 国家或地区代码加号码,合计不超过 "
                f"{E164_DIGITS} 位数字,例如 +44 20 7946 0958,请核对。"
            )
        size = "–".join(str(n) for n in sorted({lengths[0], lengths[-1]}))
        raise UserError(f"{known[1]}电话号码应为 +{code} 加 {size} 位号码,例如 {known[2]},请核对。")
    return f"+{code}{national}" + (f"转{ext}" if ext else "")


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
    # Stored numbers are already clean (check_id): the ledger masks thousands in one query.
    text = (value if value.isascii() and value.isalnum() else _clean(value)).upper()
    keep = 4 if len(text) >= 16 else len(text) // 4
    if len(text) <= 2 * keep or not text:
        return "*" * len(text)
    return text[:keep] + "*" * (len(text) - 2 * keep) + text[-keep:]


def mask_phone(value: str) -> str:
    """A phone number for display: mobile ``138****1234``; fixed line keeps the area code and the
    last 4 digits (``0412-***8123``); other countries keep the country code and the last 4
    digits (``+852****4567``); an extension is kept. Never fails."""
    try:
        text = check_phone(value)
    except UserError:
        digits = re.sub(r"[^0-9]", "", half_width(value))
        if len(digits) <= 4:
            return "*" * len(digits)
        return "*" * (len(digits) - 4) + digits[-4:]
    number, _, ext = text.partition("转")
    ext = f"转{ext}" if ext else ""
    if number.startswith("+"):
        code = country_code(number[1:])
        national = number[1 + len(code) :]
        return f"+{code}" + "*" * (len(national) - 4) + national[-4:] + ext
    if "-" not in number:
        return number[:3] + "****" + number[7:]
    area, local = number.split("-", 1)
    return f"{area}-" + "*" * (len(local) - 4) + local[-4:] + ext


# What the error log must not show, most specific first: an ID number, its digits maybe grouped
# (210302 19850312 123X); a credit code; a phone with a country code, a mainland mobile or a
# fixed line, maybe with separators (+86 138 1234 5678, 138-1234-5678, (0412) 888-8123); then
# any other run of 6 or more digits. Line numbers, years and dates (2026-05-12) are left alone.
_PERSONAL_IN_TEXT = re.compile(
    r"(?<![0-9A-Za-z])(?:[0-9][ \-]?){17}[0-9Xx](?![0-9A-Za-z])"
    r"|\b[0-9A-Z]{18}\b"
    r"|(?:\+|(?<![0-9])00)[1-9](?:[ \-]?[0-9]){7,14}(?![0-9])"
    r"|(?<![0-9])1[3-9][0-9](?:[ \-]?[0-9]){8}(?![0-9])"
    r"|(?<![0-9])[((]?0[1-9][0-9]{1,2}[))]?[ \-]?[1-9](?:[ \-]?[0-9]){6,7}(?![0-9])"
    r"|[0-9]{6,}[0-9Xx]?"
)


def mask_in_text(text: str) -> str:
    """``text`` (a traceback, a log line) with anything that may be an ID number or a phone
    replaced by ``***``; over-masking a long number is the price of never logging one."""
    return _PERSONAL_IN_TEXT.sub("***", half_width(text))
