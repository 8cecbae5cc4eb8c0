"""Text that enters the app, by import or by hand: one rule for what is tidied and what is refused.

Every field a person types or a file brings in goes through here (catalog names, codes and notes;
applicant names, reasons, notes), so that what is stored can be printed, exported and searched:

- harmless differences are normalised: Unicode NFC, full-width letters and digits (ＡＢ１２) to
  ASCII, exotic spaces (no-break, thin, ideographic …) to a plain space; in a one-line field runs
  of spaces are collapsed and the ends trimmed. Chinese full-width punctuation （，；：） is kept:
  it is what the papers print, and NFKC would turn it into ASCII.
- what cannot be shown or would make two equal-looking values differ is refused, naming the
  character and its position: control characters (they crash the .docx and .xlsx writers),
  zero-width and other invisible format characters, the BOM, bidirectional controls, lone
  surrogates, private-use characters and noncharacters; line breaks in a one-line field.
- lengths are bounded (``MAX_CODE``, ``MAX_LINE``, ``MAX_TEXT``).

Codes (``clean_code``) are stricter: NFKC, then only ASCII letters, digits and ``- _ . / ( ) #``,
so that a Cyrillic А or a full-width ０ can never make a second code that looks like the first.
``lookalike_key`` is what two values must differ in to be told apart (duplicate checks).
"""

from __future__ import annotations

import re
import unicodedata

from window_assistant.errors import UserError

MAX_CODE = 64  # 事项编码 are 12–32 characters; a code longer than this is a pasted paragraph
MAX_LINE = 200  # a name, a title, a department, one list entry
MAX_TEXT = 10_000  # a multi-line note or 受理条件: several pages, not a pasted file

# Characters refused wherever text enters. Format characters (Unicode category Cf, listed as
# of Unicode 14; tests/core/test_text.py checks the list against unicodedata), C0/C1 controls
# other than tab and line feed, surrogates, private use, noncharacters, invisible fillers.
_REFUSED_CHARS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u2800\u3164"
    "\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\U000f0000-\U0010ffff"
)
_REFUSED = re.compile(f"[{_REFUSED_CHARS}]")
_NAMES = {
    0x00AD: "软连字符",
    0x061C: "双向文本控制符",
    0x200B: "零宽空格",
    0x200C: "零宽非连接符",
    0x200D: "零宽连接符",
    0x200E: "双向文本控制符",
    0x200F: "双向文本控制符",
    0x2060: "字连接符",
    0xFEFF: "字节顺序标记(BOM)",
    0x2800: "空白盲文字符",
    **{cp: "空白填充字符" for cp in (0x115F, 0x1160, 0x3164, 0xFFA0)},
    **{cp: "双向文本控制符" for cp in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
_LINE_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")
# Full-width ASCII letters and digits, and every space other than U+0020, to their plain form.
# (Ideographic space U+3000 stays in multi-line text, where it indents a paragraph.)
_FOLD = {
    cp: cp - 0xFEE0
    for first, last in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for cp in range(first, last + 1)
}
_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
)
_FOLD_TEXT: dict[int, int | str] = {**_FOLD, **{ord(c): " " for c in _SPACES}}
# Anything the slow path has to look at; most text has none of it and skips that path.
_ATTENTION = re.compile(f"[{_REFUSED_CHARS}\r\x85\u2028\u2029\uff10-\uff5a{_SPACES}]")
_ATTENTION_LINE = re.compile(f"[{_REFUSED_CHARS}\n\r\x85\u2028\u2029\uff10-\uff5a{_SPACES}]")
_CODE_CHARS = re.compile(r"[0-9A-Za-z._/()#-]+")
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef\\s]")


class TextError(UserError):
    """A value that cannot be accepted. ``problem`` says what is wrong without naming the field,
    for callers that say where themselves (a catalog import names sheet, row and column)."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}{problem}。")


def clean_text(
    value: object,
    field: str,
    *,
    multiline: bool = False,
    max_length: int | None = None,
    required: bool = False,
) -> str:
    """``value`` tidied (see the module docstring), or ``TextError`` naming ``field``.

    One-line text (names) is trimmed with inner spaces collapsed; ``multiline`` text (notes)
    keeps its line breaks (``\\r\\n`` becomes ``\\n``), tabs and spaces. An empty result is
    refused when ``required``. ``max_length`` defaults to ``MAX_TEXT`` or ``MAX_LINE``."""
    limit = max_length if max_length is not None else (MAX_TEXT if multiline else MAX_LINE)
    if not isinstance(value, str):
        raise TextError(field, "应为文本")
    if len(value) > 4 * limit + 100:  # refuse a pasted file before walking through it
        raise _too_long(field, len(value), limit)
    text = value
    if (_ATTENTION if multiline else _ATTENTION_LINE).search(text) is not None:
        text = _LINE_BREAKS.sub("\n", text)
        _refuse_invisible(text, field, multiline)
        text = text.translate(_FOLD_TEXT)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not multiline and not (text.isprintable() and "  " not in text and text.strip() == text):
        text = " ".join(text.split())
    if len(text) > limit:
        raise _too_long(field, len(text), limit)
    if required and not text.strip():
        raise TextError(field, "不能为空")
    return text


def clean_code(
    value: object, field: str, *, max_length: int = MAX_CODE, required: bool = False
) -> str:
    """An identifier (事项编码, 一件事编码 …): NFKC (full-width ０１ and Ａ become 01 and A),
    trimmed, and then only ASCII letters, digits and ``- _ . / ( ) #``; anything else is refused
    with the character named, so a look-alike letter never makes a second code."""
    if not isinstance(value, str):
        raise TextError(field, "应为文本")
    if len(value) > 4 * max_length:
        raise _too_long(field, len(value), max_length)
    _refuse_invisible(value, field, multiline=False)
    code = value.strip() if value.isascii() else unicodedata.normalize("NFKC", value).strip()
    if not code:
        if required:
            raise TextError(field, "不能为空")
        return ""
    if len(code) > max_length:
        raise _too_long(field, len(code), max_length)
    if _CODE_CHARS.fullmatch(code) is None:
        pos, char = next((i, c) for i, c in enumerate(code) if not _CODE_CHARS.fullmatch(c))
        what = "空格" if char.isspace() else f"「{char}」(U+{ord(char):04X})"
        raise TextError(
            field,
            f"只能由英文字母、数字和 - _ . / ( ) # 组成,第 {pos + 1} 个字符是{what}。"
            "请改用半角字母和数字",
        )
    return code


def lookalike_key(text: str) -> str:
    """What two values must differ in to look different: NFKC, case folded, without spaces or
    variation selectors. Two names with the same key are duplicates however they were typed."""
    return _VARIATION.sub("", unicodedata.normalize("NFKC", text).casefold())


def preview(text: str, limit: int = 40) -> str:
    """``text`` as a message may quote it: cut after ``limit`` characters, line breaks shown as
    ↵ and invisible or unprintable characters as <U+200B>, so an error message never carries
    the character it complains about (a lone surrogate cannot even be printed)."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _REFUSED.sub(lambda m: f"<U+{ord(m.group()):04X}>", text).replace("\n", "↵")


def _refuse_invisible(text: str, field: str, multiline: bool) -> None:
    bad = _REFUSED.search(text)
    if bad is None and (multiline or "\n" not in text):
        return
    if bad is None or (not multiline and 0 <= text.find("\n") < bad.start()):
        pos = text.index("\n")
        raise TextError(field, f"不能换行(第 {pos + 1} 个字符处有换行)。请写在一行内")
    pos, cp = bad.start(), ord(bad.group())
    raise TextError(
        field,
        f"含有看不见的{_describe(cp)}(U+{cp:04X},第 {pos + 1} 个字符),"
        "多为复制粘贴带入。请删除该字符后重试",
    )


def _describe(cp: int) -> str:
    if cp in _NAMES:
        return _NAMES[cp]
    if 0xD800 <= cp <= 0xDFFF:
        return "残缺字符(单独的代理项)"
    if 0xE000 <= cp <= 0xF8FF or cp >= 0xF0000:
        return "私用区字符(其他电脑上无法显示)"
    if cp < 0x20 or 0x7F <= cp <= 0x9F:
        return "控制字符"
    if unicodedata.category(chr(cp)) == "Cf":
        return "格式控制符"
    return "非字符"


def _too_long(field: str, length: int, limit: int) -> TextError:
    return TextError(field, f"太长:{length} 个字符,最多 {limit} 个")


def text_problem(
    value: str, field: str, *, multiline: bool = False, max_length: int | None = None
) -> str | None:
    """The message ``clean_text`` would raise, or None: for checks that report rather than
    clean (a form while the user types, a password that is hashed as typed)."""
    try:
        clean_text(value, field, multiline=multiline, max_length=max_length)
    except TextError as exc:
        return exc.message
    return None
