"""The vocabulary: codes stored, labels printed, words people type read back, standard codes."""

from __future__ import annotations

import json
import re

import pytest

from window_assistant import vocab
from window_assistant.vocab import (
    Code,
    IdType,
    LimitUnit,
    MaterialStatus,
    Necessity,
    Outcome,
    RatingChannel,
    RatingLevel,
    SheetKind,
    label_for,
)

ENUMS = [
    v for v in vars(vocab).values() if isinstance(v, type) and issubclass(v, Code) and v is not Code
]

# The words the papers, the template and the CLI used before codes: they must not change.
PRINTED = {
    # 行政征收 (GB/T 39046-2020 A.1) and 免提交/由部门获取 were added later, not renamed
    vocab.ItemKind: ["行政许可", "行政征收", "行政给付", "行政确认", "行政奖励", "行政裁决", "其他行政权力", "公共服务"],
    vocab.CaseType: ["即办件", "承诺件"],
    LimitUnit: ["工作日", "自然日"],
    vocab.Scope: ["全国", "跨省", "省内跨市", "市内跨县", "无"],
    vocab.CrossMode: ["全程网办", "异地代收代办", "多地联办"],
    vocab.MaterialKind: ["证件证书证明", "申请表格文书", "其他"],
    vocab.MaterialSource: ["申请人自备", "政府部门核发", "其他"],
    Necessity: ["必要", "非必要", "容缺后补", "免提交/由部门获取"],
    vocab.MaterialForm: ["纸质", "电子", "纸质+电子"],
    SheetKind: ["一次性告知书", "一次性补正告知书", "容缺受理承诺书",
                "受理通知书", "不予受理通知书", "收件回执"],
    Outcome: ["受理", "一次性告知/咨询", "补正告知", "容缺受理", "不予受理"],
    IdType: [
        "居民身份证",
        "港澳居民来往内地通行证",
        "台湾居民来往大陆通行证",
        "港澳台居民居住证",
        "护照",
        "外国人永久居留身份证",
        "统一社会信用代码",
    ],
    vocab.PersonKind: ["个人", "单位"],
}  # fmt: skip


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_codes_are_short_lowercase_ascii_and_labels_unique(enum):
    codes = [m.value for m in enum]
    assert all(re.fullmatch(r"[a-z][a-z0-9_]{1,24}", c) for c in codes), codes
    assert len({m.label for m in enum}) == len(enum) == len({m.label_en for m in enum})
    assert all(m.label and m.label_en for m in enum)


@pytest.mark.parametrize(
    ("enum", "words"), PRINTED.items(), ids=lambda x: getattr(x, "__name__", "")
)
def test_chinese_labels_are_the_words_printed_before(enum, words):
    assert [m.label for m in enum] == words


def test_parse_reads_code_chinese_english_and_aliases():
    assert Necessity.parse("rongque") is Necessity.RONGQUE
    assert Necessity.parse(" 容缺后补 ") is Necessity.RONGQUE
    assert Necessity.parse("may follow LATER") is Necessity.RONGQUE
    assert IdType.parse("身份证") is IdType.RESIDENT_ID
    assert MaterialStatus.parse("") is MaterialStatus.UNTRACKED  # old snapshots' "not checked"
    with pytest.raises(ValueError, match="「也许」不是可用的取值,可填:必要、非必要、容缺后补"):
        Necessity.parse("也许")
    with pytest.raises(ValueError):
        Outcome.parse("")


def test_members_are_their_codes_in_storage_and_json():
    assert Outcome.ACCEPTED == "accepted" and str(Outcome.ACCEPTED) == "accepted"
    assert json.dumps({"o": Outcome.REFUSED}) == '{"o": "refused"}'
    assert Outcome.of("refused") is Outcome.REFUSED and Outcome.of("不予受理") is Outcome.REFUSED
    assert {SheetKind.NOTICE: 1}["notice"] == 1  # a code read from SQLite finds its member


def test_labels_follow_the_interface_language():
    assert label_for(LimitUnit.CALENDAR_DAY) == "自然日"
    assert label_for(LimitUnit.CALENDAR_DAY, "en") == "calendar days"
    assert Outcome.labels() == {m.value: m.label for m in Outcome}


def test_rating_levels_map_to_gbt_39046_satisfaction_codes():
    assert [(r.label, r.gbt39046) for r in RatingLevel] == [
        ("非常满意", 1),
        ("满意", 2),
        ("基本满意", 3),
        ("不满意", 4),
        ("非常不满意", 5),
    ]
    assert all(RatingLevel.from_gbt39046(r.gbt39046) is r for r in RatingLevel)
    assert RatingLevel.VERY_SATISFIED.value != "1"  # our own code is stored, not the standard's
    with pytest.raises(ValueError, match="GB/T 39046 代码 6"):
        RatingLevel.from_gbt39046(6)


def test_rating_channels_map_to_gbt_39046_channel_codes():
    assert [(c.label, c.gbt39046) for c in RatingChannel] == [
        ("二维码", 3),
        ("政务大厅平板电脑", 4),
    ]
    assert RatingChannel.from_gbt39046(4) is RatingChannel.PAD
    with pytest.raises(ValueError):
        RatingChannel.from_gbt39046(1)
