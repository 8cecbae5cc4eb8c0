"""ID numbers, credit codes and phones: what a clerk typing them at the counter would see."""

from __future__ import annotations

import random
from datetime import date

import pytest

from window_assistant.cases import ids
from window_assistant.cases.ids import (
    FOREIGN_PR_ID,
    HK_MACAO_PERMIT,
    HMT_RESIDENCE_PERMIT,
    ID_TYPES,
    PASSPORT,
    RESIDENT_ID,
    TAIWAN_PERMIT,
    USCC,
    birth_and_sex,
    check_id,
    check_phone,
    check_resident_id,
    check_uscc,
    id_problem,
    mask_id,
    mask_phone,
    phone_problem,
)
from window_assistant.errors import UserError

TODAY = date(2026, 5, 12)
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


# Reference implementations written from the standards' text, independent of the module.
def ref_id_check(first17: str) -> str:
    weights = [2 ** (17 - i) % 11 for i in range(17)]  # GB 11643: W_i = 2^(i-1) mod 11
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights)) % 11]


def make_id(region: str, born: date, seq: int) -> str:
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    return first17 + ref_id_check(first17)


def ref_uscc(first8: str, org_body: str) -> str:
    value = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
    org = sum(value[c] * w for c, w in zip(org_body, (3, 7, 9, 10, 5, 8, 4, 2)))
    org_check = "0123456789X0"[11 - org % 11]
    first17 = first8 + org_body + org_check
    weights = [3**i % 31 for i in range(17)]  # GB 32100: W_i = 3^(i-1) mod 31
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, weights))
    return first17 + USCC_CHARS[(31 - total % 31) % 31]


# --- 居民身份证 ---


def test_standard_sample_and_generated_numbers_are_accepted():
    assert check_resident_id("11010519491231002X") == "11010519491231002X"
    rng = random.Random(7)
    for _ in range(300):
        region = rng.choice(["110105", "210303", "440305", "650102", "820000"])
        born = date.fromordinal(rng.randint(date(1901, 1, 1).toordinal(), TODAY.toordinal()))
        number = make_id(region, born, rng.randint(0, 999))
        assert check_resident_id(number, today=TODAY) == number


def test_lower_case_x_full_width_and_spaces_are_normalised():
    assert check_resident_id("11010519491231002x") == "11010519491231002X"
    assert check_resident_id(" 110105 19491231 002X ") == "11010519491231002X"
    assert check_resident_id("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"


def test_every_wrong_check_character_is_rejected_with_the_last_digit_named():
    for wrong in "0123456789":
        with pytest.raises(UserError) as info:
            check_resident_id("11010519491231002" + wrong)
        assert info.value.message == "身份证号码校验位不正确,请核对最后一位。"


def test_any_single_mistyped_digit_is_caught():
    good = "11010519491231002X"
    for i in range(17):
        for digit in "0123456789":
            if digit != good[i]:
                assert id_problem(RESIDENT_ID, good[:i] + digit + good[i + 1 :]) is not None


def test_adjacent_transpositions_are_caught():
    good = make_id("210303", date(1985, 7, 14), 315)
    for i in range(17):
        swapped = good[:i] + good[i + 1] + good[i] + good[i + 2 :]
        if swapped != good:
            assert id_problem(RESIDENT_ID, swapped) is not None


@pytest.mark.parametrize(
    ("first17", "message"),
    [
        ("11010520250230001", "身份证号码中的出生日期 2025-02-30 不存在。"),
        ("11010519490229001", "身份证号码中的出生日期 1949-02-29 不存在。"),
        ("11010519491301001", "身份证号码中的出生日期 1949-13-01 不存在。"),
        ("11010520260513001", "身份证号码中的出生日期 2026-05-13 晚于今天,请核对。"),
        ("11010518991231001", "身份证号码中的出生日期 1899-12-31 早于 1900 年,请核对。"),
        ("99010519491231001", "身份证号码前两位「99」不是有效的省级行政区划代码,请核对。"),
        ("19010519491231001", "身份证号码前两位「19」不是有效的省级行政区划代码,请核对。"),
    ],
)
def test_impossible_dates_and_regions_are_named(first17, message):
    with pytest.raises(UserError) as info:
        check_resident_id(first17 + ref_id_check(first17), today=TODAY)
    assert info.value.message == message


def test_a_leap_day_and_today_are_valid_birth_dates():
    assert check_resident_id(make_id("110105", date(2000, 2, 29), 12), today=TODAY)
    assert check_resident_id(make_id("110105", TODAY, 12), today=TODAY)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("110105491231002", "15 位的旧身份证号码"),
        ("1101051949123100", "应为 18 位,现在是 16 位"),
        ("11010519491231002X1", "应为 18 位,现在是 19 位"),
        ("1101051949123100X2", "第 17 位「X」"),
        ("11010519491231002Y", "第 18 位「Y」不正确:最后一位只能是数字或 X"),
        ("11010519491231O02X", "第 15 位「O」"),
        ("", "请填写身份证号码"),
    ],
)
def test_wrong_length_and_characters_say_where(value, fragment):
    with pytest.raises(UserError) as info:
        check_resident_id(value)
    assert fragment in info.value.message


def test_fifteen_digit_numbers_are_refused_with_advice_to_use_eighteen():
    message = id_problem(RESIDENT_ID, "110105491231002")
    assert message is not None and "请填写 18 位身份证号码" in message


def test_birth_date_and_sex_come_from_the_number():
    assert birth_and_sex("11010519491231002X") == (date(1949, 12, 31), "女")
    assert birth_and_sex(make_id("210303", date(1990, 1, 2), 17)) == (date(1990, 1, 2), "男")
    with pytest.raises(UserError):
        birth_and_sex("110105194912310021")


# --- 统一社会信用代码 ---

PUBLIC_CODES = [
    "91350100M000100Y43",  # GB 32100-2015 example
    "914403001922038216",  # 华为技术有限公司
    "91440300708461136T",  # 深圳市腾讯计算机系统有限公司
    "91330100799655058B",  # 阿里巴巴(中国)有限公司
]


@pytest.mark.parametrize("code", PUBLIC_CODES)
def test_published_credit_codes_are_accepted(code):
    assert check_uscc(code) == code
    assert check_uscc(code.lower()) == code


def test_generated_credit_codes_are_accepted():
    rng = random.Random(11)
    body_chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for _ in range(300):
        head = rng.choice("159Y") + rng.choice("123") + rng.choice(["210303", "110000", "350100"])
        body = "".join(rng.choice(body_chars) for _ in range(8))
        code = ref_uscc(head, body)
        assert check_uscc(code) == code


def test_any_single_mistyped_character_of_a_credit_code_is_caught():
    good = PUBLIC_CODES[0]
    for i in range(18):
        for char in USCC_CHARS:
            if char != good[i]:
                assert id_problem(USCC, good[:i] + char + good[i + 1 :]) is not None


def test_credit_code_mistakes_are_explained():
    def problem(code: str) -> str:
        with pytest.raises(UserError) as info:
            check_uscc(code)
        return info.value.message

    assert problem("91350100M000100Y44") == "统一社会信用代码校验位不正确,请核对最后一位。"
    assert "第 5 位「O」不是有效字符(代码不使用 I、O、Z、S、V)" in problem("9135O100M000100Y43")
    assert "应为 18 位,现在是 17 位" in problem("91350100M000100Y4")
    assert "第 1 位(登记管理部门代码)「0」" in problem(ref_uscc("01350100", "M000100Y"))
    assert "第 2 位(机构类别代码)「A」" in problem(ref_uscc("9A350100", "M000100Y"))
    # The organisation code's own check character wrong, the whole-code check recomputed:
    first17 = "91350100M000100Y5"
    weights = [3**i % 31 for i in range(17)]
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, weights))
    only_org_wrong = first17 + USCC_CHARS[(31 - total % 31) % 31]
    assert "第 9–17 位(组织机构代码)校验不通过" in problem(only_org_wrong)


# --- other documents and the dispatcher ---


def test_id_types_list_personal_ids_first_and_the_credit_code_for_organisations():
    assert ID_TYPES[0] == RESIDENT_ID
    assert USCC in ID_TYPES
    assert len(set(ID_TYPES)) == len(ID_TYPES)


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (RESIDENT_ID, "11010519491231002x", "110105194912310021"),
        (USCC, "91350100m000100y43", "91350100M000100Y44"),
        (HK_MACAO_PERMIT, "h12345678", "A12345678"),
        (TAIWAN_PERMIT, "12345678", "1234567"),
        (PASSPORT, "e12345678", "E1234#678"),
        (FOREIGN_PR_ID, "usa310068010008", "US3100680100"),
        (HMT_RESIDENCE_PERMIT, make_id("810000", date(1990, 5, 1), 21), "11010519491231002X"),
    ],
)
def test_every_listed_type_accepts_a_good_number_and_refuses_a_bad_one(kind, good, bad):
    assert kind in ID_TYPES
    assert check_id(kind, good) == good.upper()
    assert id_problem(kind, good) is None
    assert id_problem(kind, bad)


def test_residence_permits_of_all_three_regions_use_the_id_number_rules():
    for region in ("810000", "820000", "830000"):
        number = make_id(region, date(1988, 3, 9), 40)
        assert check_id(HMT_RESIDENCE_PERMIT, number) == number
    assert "810000、820000 或 830000" in id_problem(
        HMT_RESIDENCE_PERMIT, make_id("810102", date(1988, 3, 9), 40)
    )
    assert "居住证号码校验位不正确" in id_problem(HMT_RESIDENCE_PERMIT, "830000198803090401")


def test_an_unknown_document_type_is_refused():
    with pytest.raises(UserError, match="不支持的证件类型"):
        check_id("驾驶证", "123456")


# --- phones ---


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("13812341234", "13812341234"),
        ("138 1234 1234", "13812341234"),
        ("138-1234-1234", "13812341234"),
        ("+86 138 1234 1234", "13812341234"),
        ("１３８１２３４１２３４", "13812341234"),
        ("0412-8888123", "0412-8888123"),
        ("04128888123", "0412-8888123"),
        ("(0412) 8888123", "0412-8888123"),
        ("010-62345678", "010-62345678"),
        ("0412-8888123转801", "0412-8888123转801"),
        ("0412-8888123-801", "0412-8888123转801"),
        ("0412 8888123 ext 801", "0412-8888123转801"),
    ],
)
def test_phone_numbers_are_normalised(typed, normalised):
    assert check_phone(typed) == normalised


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("12812341234", "手机号码应为 1 开头的 11 位数字"),
        ("1381234123", "手机号码应为 1 开头的 11 位数字"),
        ("8888123", "请加上区号"),
        ("0412-888812", "区号(3–4 位)加 7–8 位号码"),
        ("0412-0888123", "区号(3–4 位)加 7–8 位号码"),
        ("138abc41234", "只能包含数字"),
        ("", "请填写电话号码"),
    ],
)
def test_wrong_phone_numbers_are_explained(typed, fragment):
    message = phone_problem(typed)
    assert message is not None and fragment in message


# --- masking ---


def test_personal_ids_keep_first_and_last_four_and_hide_the_birth_date():
    assert mask_id(RESIDENT_ID, "11010519491231002x") == "1101**********002X"
    assert "19491231" not in mask_id(RESIDENT_ID, "11010519491231002X")
    assert mask_id(PASSPORT, "E12345678") == "E1*****78"
    assert mask_id(HK_MACAO_PERMIT, "H12345678") == "H1*****78"


def test_credit_codes_are_not_masked():
    assert mask_id(USCC, "91350100M000100Y43") == "91350100M000100Y43"


def test_phones_keep_only_the_last_four_digits():
    assert mask_phone("138 1234 5678") == "138****5678"
    assert mask_phone("0412-8888123") == "0412-***8123"
    assert mask_phone("0412-8888123-801") == "0412-***8123转801"


def test_masking_never_fails_on_malformed_legacy_values():
    assert mask_id(RESIDENT_ID, "110105491231002") == "110*********002"
    assert mask_id(RESIDENT_ID, "") == ""
    assert mask_phone("555-1234") == "***1234"
    assert mask_phone("12") == "**"


# --- digits of other scripts (issue 8 §2) ---

# Each looks like (or NFKC turns it into) the digit 3, and none is one of 0–9.
FOREIGN_THREES = {
    "arabic-indic": "\u0663",  # ٣
    "extended arabic-indic": "\u06f3",  # ۳
    "devanagari": "\u0969",  # ३
    "bengali": "\u09e9",  # ৩
    "superscript": "\u00b3",  # ³
    "subscript": "\u2083",  # ₃
    "circled": "\u2462",  # ③
    "parenthesized": "\u2476",  # ⑶
    "mathematical bold": "\U0001d7d1",  # 𝟑
    "myanmar": "\u1043",  # ၃
}
ID_WITH_THREE = make_id("110105", date(1949, 12, 31), 3)  # its 17th character is a 3


@pytest.mark.parametrize("three", FOREIGN_THREES.values(), ids=FOREIGN_THREES.keys())
def test_digits_of_other_scripts_are_refused_in_ids_codes_and_phones(three):
    cases = [
        (RESIDENT_ID, ID_WITH_THREE[:16] + three + ID_WITH_THREE[17:], "第 17 位"),
        (USCC, "91350100M000100Y4" + three, "第 18 位"),
        (PASSPORT, "E1234567" + three, "第 9 位"),
    ]
    for kind, typed, where in cases:
        with pytest.raises(UserError) as info:
            check_id(kind, typed)
        assert where in info.value.message and "0–9" in info.value.message, kind
    with pytest.raises(UserError, match="不是 0–9 的阿拉伯数字"):
        check_phone("1381234123" + three)


def test_full_width_digits_and_letters_are_still_folded_to_ascii():
    assert check_id(USCC, "９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43"
    assert check_id(PASSPORT, "ｅ１２３４５６７８") == "E12345678"
    assert check_phone("＋８５２　９１２３　４５６７") == "+85291234567"


# --- phones of Hong Kong, Macao, Taiwan, abroad; mainland numbers with +86 ---


@pytest.mark.parametrize(
    ("typed", "stored", "masked"),
    [
        ("+852 9123 4567", "+85291234567", "+852****4567"),
        ("00852-2123-4567", "+85221234567", "+852****4567"),
        ("+853 6612 3456", "+85366123456", "+853****3456"),
        ("+886 912 345 678", "+886912345678", "+886*****5678"),
        ("+886 0912-345-678", "+886912345678", "+886*****5678"),  # with Taiwan's trunk 0
        ("+886 2 2345 6789", "+886223456789", "+886*****6789"),
        ("+1 415 555 0123", "+14155550123", "+1******0123"),
        ("+44 20 7946 0958", "+442079460958", "+44******0958"),
        ("+86 412 1234567", "0412-1234567", "0412-***4567"),
        ("+86-24-12345678", "024-12345678", "024-****5678"),
        ("+86 10 6234 5678", "010-62345678", "010-****5678"),
        ("+86 (0412) 8888123", "0412-8888123", "0412-***8123"),
        ("0086 412 8888123 转 801", "0412-8888123转801", "0412-***8123转801"),
        ("(+86) 138 1234 1234", "13812341234", "138****1234"),
    ],
)
def test_phones_of_every_region_are_stored_in_one_form_and_masked(typed, stored, masked):
    assert check_phone(typed) == stored
    assert check_phone(stored) == stored  # the stored form reads back as itself
    assert mask_phone(typed) == mask_phone(stored) == masked


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("+852 9123 456", "香港电话号码应为 +852 加 8 位号码"),
        ("+853 6612 34567", "澳门电话号码应为 +853 加 8 位号码"),
        ("+886 91 234", "台湾电话号码应为 +886 加 8–9 位号码"),
        ("+1 555 0123", "+1 加 10 位号码"),
        ("+44 1234567890123456", "合计不超过 15 位数字"),
        ("+0 12345678", "国家或地区代码"),
        ("+86 412 123", "固定电话应为区号"),
        ("+852 abcd efgh", "只能包含数字"),
        ("9123 4567", "港澳台和境外号码请以 + 和国家或地区代码开头"),
    ],
)
def test_wrong_regional_phones_are_explained(typed, fragment):
    message = phone_problem(typed)
    assert message is not None and fragment in message


# --- masking inside free text (the error log) ---


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("id=11010519491231002X", "id=***"),
        ("tel 13812341234.", "tel ***."),
        ("code 91350100M000100Y43 bad", "code *** bad"),
        ("tel 138-1234-5678.", "tel ***."),
        ("tel 138 1234 5678,", "tel ***,"),
        ("电话 +86 138 1234 5678 号", "电话 *** 号"),
        ("电话 ＋８６ １３８ １２３４ ５６７８", "电话 ***"),
        ("id 210302 19850312 123X end", "id *** end"),
        ("id 2103 0219 8503 1212 3x", "id ***"),
        ("fixed 0412-8888123 and (024) 2345 6789", "fixed *** and ***"),
        ("hk +852 9123 4567", "hk ***"),
        ("line 42, in open_code", "line 42, in open_code"),
        ('File "/a/b.py", line 1234, in f', 'File "/a/b.py", line 1234, in f'),
        ("2026-05-12 10:00:00 started", "2026-05-12 10:00:00 started"),
        ("x = n+10 at 0x7f09abc9", "x = n+10 at 0x7f09abc9"),
    ],
)
def test_ids_and_phones_inside_text_are_masked_with_any_separators(text, masked):
    assert ids.mask_in_text(text) == masked
