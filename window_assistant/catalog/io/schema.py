"""The columns of each sheet: header, field, value kind, allowed values and header variants.

One table drives the xlsx/CSV reader and writer, the JSON checks, the template and
``catalog/COLUMNS.md``, so they cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from window_assistant.text import MAX_LINE, clean_code, clean_text
from window_assistant.vocab import (
    CaseType,
    Code,
    CrossMode,
    ItemKind,
    LimitUnit,
    MaterialForm,
    MaterialKind,
    MaterialSource,
    Necessity,
    Scope,
)

ITEMS, MATERIALS, SITUATIONS, BUNDLES, CROSS = "事项", "材料", "情形", "一件事", "跨域通办"
SHEETS = (ITEMS, MATERIALS, SITUATIONS, BUNDLES, CROSS)

# Value kinds. "short" is stripped text, "text" keeps its spaces and line breaks.
SHORT, TEXT, INT, BOOL, ENUM = "short", "text", "int", "bool", "enum"
STEPS, OPTIONS, WORDS, CODES, REFS = "steps", "options", "words", "codes", "refs"
LIST_KINDS = (STEPS, OPTIONS, WORDS, CODES, REFS)
LINK = "_item"  # the 事项编码 column that ties a material/situation row to its item


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: str
    required: bool = False
    choices: tuple[Code, ...] = ()  # an enumerated column's codes; files hold their labels
    variants: tuple[str, ...] = ()
    note: str = ""
    ident: bool = False  # a code: NFKC, ASCII only (window_assistant.text.clean_code)
    maximum: int = 0  # INT: the largest value that makes sense
    max_length: int = 0  # text: 0 is the kind's bound (MAX_LINE, or MAX_TEXT for TEXT)

    def clean(self, text: str) -> str:
        """A text cell by the one text rule (``window_assistant.text``); raises ``TextError``
        whose ``problem`` says what is wrong."""
        if self.ident:
            return clean_code(text, self.header)
        if self.kind == TEXT:
            return clean_text(text, self.header, multiline=True, max_length=self.max_length or None)
        return clean_text(text, self.header, max_length=self.max_length or MAX_LINE)

    def clean_entry(self, text: str) -> str:
        """One entry of a list cell (a step, an option, a code …), by the same rule."""
        if self.kind == CODES:
            return clean_code(text, self.header)
        return clean_text(text, self.header, max_length=_ENTRY_LENGTH.get(self.kind, MAX_LINE))

    @property
    def words(self) -> tuple[str, ...]:
        """The Chinese words an enumerated column is filled with (template drop-downs)."""
        return tuple(c.label for c in self.choices)

    def word(self, code: str) -> str:
        """The word a file holds for a stored code of an enumerated column."""
        return type(self.choices[0]).of(code).label

    def member(self, text: str) -> Code | None:
        """The choice ``text`` names (its Chinese word, code or English label), or None."""
        try:
            member = type(self.choices[0]).parse(text)
        except ValueError:
            return None
        return member if member in self.choices else None


def C(  # noqa: N802
    field: str,
    header: str,
    kind: str = SHORT,
    *variants: str,
    required: bool = False,
    choices: tuple[Code, ...] = (),
    note: str = "",
    ident: bool = False,
    maximum: int = 0,
    max_length: int = 0,
) -> Column:
    return Column(
        field, header, kind, required, choices, variants, note, ident, maximum, max_length
    )


_ENTRY_LENGTH = {STEPS: 1000}  # a step may be a sentence; an option or a keyword is short
MAX_DAYS = 3650  # a time limit of more than ten years is a typing mistake
MAX_COUNT = 99  # copies, originals, visits


CROSS_SCOPES = tuple(s for s in Scope if s is not Scope.NONE)  # a listed item crosses a border

ITEM_COLUMNS = (
    C(
        "code",
        "事项编码",
        SHORT,
        "编码",
        "事项代码",
        "基本编码",
        "事项编号",
        required=True,
        ident=True,
    ),
    C("handling_code", "业务办理项编码", SHORT, "办理项编码", "业务办理项代码", ident=True),
    C("name", "事项名称", SHORT, "名称", "事项", required=True),
    C("kind", "事项类型", ENUM, "类型", "事项类别", "权力类型", choices=tuple(ItemKind)),
    C("department", "实施主体", SHORT, "部门", "实施机构", "实施部门", "办理部门", required=True),
    C("theme", "主题", SHORT, "事项主题", "服务主题"),
    C("basis", "设定依据", TEXT, "依据", "法律依据"),
    C("conditions", "受理条件", TEXT, "申请条件", "办理条件"),
    C("steps", "办理流程", STEPS, "流程", "办理步骤"),
    C("case_type", "办件类型", ENUM, "办件性质", choices=tuple(CaseType)),
    C("legal_limit", "法定办结时限", INT, "法定时限", maximum=MAX_DAYS),
    C("legal_limit_unit", "法定时限单位", ENUM, "法定办结时限单位", choices=tuple(LimitUnit)),
    C("promised_limit", "承诺办结时限", INT, "承诺时限", maximum=MAX_DAYS),
    C("promised_limit_unit", "承诺时限单位", ENUM, "承诺办结时限单位", choices=tuple(LimitUnit)),
    C("fee", "是否收费", BOOL, "收费"),
    C("fee_standard", "收费标准", TEXT),
    C("fee_basis", "收费依据", TEXT),
    C("place", "办理地点", TEXT, "地点"),
    C("hours", "办理时间", TEXT, "时间"),
    C("phone", "咨询电话", SHORT, "咨询方式", "联系电话"),
    C("complaint_phone", "监督投诉电话", SHORT, "投诉电话", "监督电话", "监督投诉方式"),
    C("visits", "到现场次数", INT, "到办事现场次数", "跑动次数", "现场次数", maximum=MAX_COUNT),
    C("online", "是否网办", BOOL, "网办", "是否网上办理", "是否可网办", "网上办理"),
    C("online_url", "网办地址", SHORT, "网上办理地址", "网办链接", "在线办理地址", max_length=2000),
    C("scope", "通办范围", ENUM, choices=tuple(Scope)),
    C("comprehensive", "是否进驻综合窗口", BOOL, "进驻综合窗口", "综合窗口", "是否综窗"),
    C("high_frequency", "高频事项", BOOL, "是否高频", "是否高频事项", "高频"),
    C("no_application", "免申即享", BOOL, "是否免申即享"),
    C("keywords", "关键词", WORDS, "关键字"),
    C("result", "办理结果", SHORT, "审批结果", "结果名称", "办理结果名称"),
    C("delivery", "送达方式", SHORT, "结果送达方式", "结果送达", "送达"),
)

# The 事项编码 column that ties a material or situation row to its item.
_ITEM_LINK = C(
    LINK, "事项编码", SHORT, "编码", "事项代码", "所属事项编码", required=True, ident=True
)

MATERIAL_COLUMNS = (
    _ITEM_LINK,
    C("name", "材料名称", SHORT, "名称", "材料", required=True),
    C("kind", "材料类型", ENUM, "类型", choices=tuple(MaterialKind)),
    C(
        "source",
        "来源渠道",
        ENUM,
        "来源",
        "材料来源",
        "来源渠道说明",
        choices=tuple(MaterialSource),
    ),
    C("necessity", "必要性", ENUM, "是否必要", "必要程度", "必要性说明", choices=tuple(Necessity)),
    C("form", "材料形式", ENUM, "形式", "载体形式", "材料载体", choices=tuple(MaterialForm)),
    C("originals", "原件份数", INT, "纸质原件份数", "原件数", "原件", maximum=MAX_COUNT),
    C(
        "copies",
        "复印件份数",
        INT,
        "复印份数",
        "复印件数",
        "复印件",
        "纸质复印件份数",
        maximum=MAX_COUNT,
    ),
    C("spec", "规格", TEXT, "材料规格", "纸张规格"),
    C("notes", "填报须知", TEXT, "备注", "说明", "填写说明"),
    C(
        "shareable",
        "可电子证照共享获取",
        BOOL,
        "电子证照共享",
        "可共享获取",
        "是否可共享",
        "免提交",
    ),
    C("situations", "适用情形", REFS, "情形", "适用条件"),
    C("supply_days", "补齐时限", INT, "容缺补齐时限", "补齐期限", "补交时限", maximum=MAX_DAYS),
)

SITUATION_COLUMNS = (
    _ITEM_LINK,
    C("key", "情形编号", SHORT, "情形编码", "编号", "情形", required=True),
    C("question", "情形问题", TEXT, "问题", "情形名称", "情形描述", required=True),
    C("options", "选项", OPTIONS, "情形选项", "可选项", "答案", required=True),
)

BUNDLE_COLUMNS = (
    C("code", "编码", SHORT, "一件事编码", "编号", required=True, ident=True),
    C("name", "名称", SHORT, "一件事名称", "事项名称", required=True),
    C("department", "牵头部门", SHORT, "部门", "牵头单位", "实施主体"),
    C("description", "说明", TEXT, "描述", "简介"),
    C(
        "items",
        "包含事项",
        CODES,
        "事项编码",
        "关联事项",
        "包含事项编码",
        required=True,
    ),
    C("keywords", "关键词", WORDS, "关键字"),
)

CROSS_COLUMNS = (
    C("item_code", "事项编码", SHORT, "编码", "事项代码", required=True, ident=True),
    C("scope", "通办范围", ENUM, "范围", required=True, choices=CROSS_SCOPES),
    C("mode", "办理模式", ENUM, "通办模式", "模式", required=True, choices=tuple(CrossMode)),
    C("partners", "合作地区", OPTIONS, "协作地区", "通办地区"),
    C("note", "备注", TEXT, "说明"),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    ITEMS: ITEM_COLUMNS,
    MATERIALS: MATERIAL_COLUMNS,
    SITUATIONS: SITUATION_COLUMNS,
    BUNDLES: BUNDLE_COLUMNS,
    CROSS: CROSS_COLUMNS,
}

# -- headers ---------------------------------------------------------------------------------
_HEADER_JUNK = re.compile(r"[\s\u3000*＊]|[(（]必填[)）]|[(（]选填[)）]")
_HEADER_MAP = str.maketrans({"（": "(", "）": ")", "：": ":"})


def normalise_header(text: object) -> str:
    """What a header cell means once spaces, full-width brackets and 必填 markers are gone."""
    if text is None:
        return ""
    return _HEADER_JUNK.sub("", str(text)).translate(_HEADER_MAP)


def header_lookup(sheet: str) -> dict[str, Column]:
    """Normalised header text (canonical and variants) → column, for one sheet."""
    lookup: dict[str, Column] = {}
    for col in COLUMNS[sheet]:
        for name in (col.header, *col.variants):
            lookup.setdefault(normalise_header(name), col)
    return lookup


# -- list cells ------------------------------------------------------------------------------
# Each list kind: primary separators, and a fallback used only when none of the primary ones
# occurs (so "父母、子女" stays one option when the cell uses ；between options).
_SPLIT = {
    STEPS: (re.compile(r"\r?\n"), re.compile(r"[；;]")),
    OPTIONS: (re.compile(r"[；;\n]"), re.compile(r"、")),
    WORDS: (re.compile(r"[；;，,\n]"), re.compile(r"[、\s]")),
    CODES: (re.compile(r"[；;，,、\s]"), None),
    REFS: (re.compile(r"[；;\n]"), None),
}
_PRIMARY_SEPARATOR = {STEPS: "\n", OPTIONS: "；", WORDS: "；", CODES: ";", REFS: ";"}


def split_list(kind: str, text: str) -> list[str]:
    primary, fallback = _SPLIT[kind]
    parts = primary.split(text)
    if len(parts) == 1 and fallback is not None:
        parts = fallback.split(text)
    return [p for p in (s.strip() for s in parts) if p]


def join_list(kind: str, values: list[str]) -> str:
    """The cell text for a list; a lone value containing a fallback separator gets a trailing
    primary separator so that it reads back as one value."""
    sep = _PRIMARY_SEPARATOR[kind]
    text = sep.join(values)
    if len(values) == 1 and split_list(kind, text) != values:
        text += sep
    return text
