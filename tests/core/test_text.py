"""The one rule for text that enters the app: harmless differences tidied, invisible and
unprintable characters refused with what and where, lengths bounded."""

from __future__ import annotations

import unicodedata

import pytest

from window_assistant.errors import UserError
from window_assistant.text import (
    MAX_LINE,
    MAX_TEXT,
    TextError,
    clean_code,
    clean_text,
    lookalike_key,
)


def _problem(value: str, **kw: object) -> str:
    with pytest.raises(TextError) as exc:
        clean_text(value, "材料名称", **kw)  # type: ignore[arg-type]
    assert isinstance(exc.value, UserError)
    assert str(exc.value).startswith("材料名称") and str(exc.value).endswith("。")
    return exc.value.problem


def test_harmless_differences_are_tidied_and_chinese_punctuation_kept():
    assert clean_text("\u3000居民\u00a0 身份证（原件）\t", "名称") == "居民 身份证（原件）"
    assert clean_text("ＡＢ１２３号，见第２条；", "名称") == "AB123号，见第2条；"
    assert clean_text("e\u0301", "名称") == "\u00e9"  # NFC
    assert clean_text("金", "名称") == "金"  # CJK compatibility ideograph U+F90A
    note = "第一行\r\n\u3000\u3000第二行  \n\n  注意\t核对  "
    assert (
        clean_text(note, "备注", multiline=True) == "第一行\n\u3000\u3000第二行  \n\n  注意\t核对  "
    )


@pytest.mark.parametrize(
    "value",
    ["居民身份证", "  户籍 证明 ", "ＡＢ\u00a0１", "第一行\r\n第二行", "e\u0301（注）"],
)
def test_cleaning_is_idempotent(value: str):
    for multiline in (False, True):
        if not multiline and "\n" in value:
            continue
        once = clean_text(value, "x", multiline=multiline)
        assert clean_text(once, "x", multiline=multiline) == once


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("身份\u200b证", "含有看不见的零宽空格(U+200B,第 3 个字符)"),
        ("\ufeff身份证", "字节顺序标记(BOM)(U+FEFF,第 1 个字符)"),
        ("身份证\u202e件印复", "双向文本控制符(U+202E,第 4 个字符)"),
        ("身份证\x07", "控制字符(U+0007,第 4 个字符)"),
        ("身份证\x0b复印件", "控制字符(U+000B"),
        ("身份证\ud800", "残缺字符(单独的代理项)(U+D800"),
        ("身份证\ue000", "私用区字符"),
        ("身份\u3164证", "空白填充字符"),
    ],
)
def test_invisible_and_control_characters_are_refused_naming_what_and_where(
    value: str, expected: str
):
    assert expected in _problem(value)
    assert expected in _problem(value, multiline=True)


def test_a_line_break_is_refused_in_a_one_line_field_only():
    assert _problem("居民\n身份证") == "不能换行(第 3 个字符处有换行)。请写在一行内"
    assert "不能换行" in _problem("居民\u2028身份证")
    assert clean_text("居民\n身份证", "备注", multiline=True) == "居民\n身份证"


def test_every_format_character_of_unicode_is_refused():
    """The hard-coded list of refused characters covers every Cf of this Python's Unicode."""
    missing = [
        f"U+{cp:04X}"
        for cp in range(0x110000)
        if unicodedata.category(chr(cp)) in ("Cf", "Cc", "Cs", "Co")
        and chr(cp) not in "\t\n\r\x85"
        and not _refused(chr(cp))
    ]
    assert missing == []


def _refused(char: str) -> bool:
    try:
        clean_text(f"a{char}b", "x", multiline=True)
    except TextError:
        return True
    return False


def test_lengths_are_bounded():
    assert clean_text("字" * MAX_LINE, "名称") == "字" * MAX_LINE
    assert _problem("字" * (MAX_LINE + 1)) == f"太长:{MAX_LINE + 1} 个字符,最多 {MAX_LINE} 个"
    assert "太长:100000 个字符" in _problem("字" * 100_000)
    assert len(clean_text("字" * MAX_TEXT, "备注", multiline=True)) == MAX_TEXT
    assert "最多 10 个" in _problem("字" * 11, max_length=10)


def test_required_and_wrong_type():
    assert clean_text("  ", "名称") == ""
    assert _problem(" \u3000 ", required=True) == "不能为空"
    assert _problem(12, required=True) == "应为文本"  # type: ignore[arg-type]


def test_codes_are_ascii_after_nfkc_and_look_alikes_are_refused():
    assert clean_code(" ００１７０１ ", "事项编码") == "001701"
    assert clean_code("11210303MB1722064600170100100001", "事项编码").startswith("1121")
    assert clean_code("SY-01_a.2/(3)#", "编码") == "SY-01_a.2/(3)#"
    with pytest.raises(TextError) as exc:
        clean_code("0017\u0410", "事项编码")  # Cyrillic А
    assert exc.value.problem.startswith(
        "只能由英文字母、数字和 - _ . / ( ) # 组成,第 5 个字符是「А」"
    )
    with pytest.raises(TextError, match="第 5 个字符是空格"):
        clean_code("0017 0100", "事项编码")
    with pytest.raises(TextError, match="零宽空格"):
        clean_code("0017\u200b", "事项编码")
    with pytest.raises(TextError, match="太长"):
        clean_code("1" * 65, "事项编码")
    with pytest.raises(TextError, match="不能为空"):
        clean_code(" ", "事项编码", required=True)


def test_lookalike_key_equates_what_looks_the_same():
    assert lookalike_key("身份证（原件）") == lookalike_key("身份证(原件)")
    assert lookalike_key("ID 卡") == lookalike_key("id卡") == lookalike_key("ＩＤ卡")
    assert lookalike_key("葛\U000e0100") == lookalike_key("葛")  # ideographic variation
    assert lookalike_key("身份证") != lookalike_key("身份证明")
