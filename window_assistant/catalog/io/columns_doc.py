"""Writes ``catalog/COLUMNS.md`` from the column table, so the documentation lists exactly
the headers, variants and allowed values the reader accepts."""

from __future__ import annotations

from dataclasses import MISSING, fields

from window_assistant.catalog.io.schema import (
    BOOL,
    BUNDLES,
    CODES,
    COLUMNS,
    CROSS,
    ENUM,
    INT,
    ITEMS,
    LINK,
    MATERIALS,
    OPTIONS,
    REFS,
    SHEETS,
    SHORT,
    SITUATIONS,
    STEPS,
    TEXT,
    WORDS,
)
from window_assistant.catalog.model import Bundle, CrossRegionEntry, Item, Material, Situation
from window_assistant.text import MAX_CODE, MAX_LINE, MAX_TEXT
from window_assistant.vocab import Code

_CLASSES = {
    ITEMS: Item,
    MATERIALS: Material,
    SITUATIONS: Situation,
    BUNDLES: Bundle,
    CROSS: CrossRegionEntry,
}
_KINDS = {
    SHORT: "文本(去掉首尾空格)",
    TEXT: "文本(可多行,原样保留)",
    INT: "非负整数",
    BOOL: "是/否",
    ENUM: "下拉选项",
    STEPS: "多个步骤",
    OPTIONS: "多个选项",
    WORDS: "多个词",
    CODES: "多个事项编码",
    REFS: "情形=选项,可多个",
}
_SPLIT_NOTES = {
    STEPS: "每个步骤一行(单元格内换行);没有换行时按「；」或「;」分开",
    OPTIONS: "用「；」或「;」分开;单元格里没有分号时按「、」分开",
    WORDS: "用「；」「;」「，」「,」分开;都没有时按「、」或空格分开",
    CODES: "用「;」「；」「,」「，」「、」或空格分开",
    REFS: "写成「情形编号=选项」,多个用「;」或「；」分开,例如 `申请人类型=个人;婚姻状况=已婚`",
}
_NOTES = {
    (ITEMS, "code"): "全表唯一;材料、情形、一件事、跨域通办都用它关联事项",
    (ITEMS, "legal_limit"): "0 表示即办或无法定时限",
    (ITEMS, "promised_limit"): "单位相同时不得超过法定办结时限",
    (ITEMS, "scope"): "列入跨域通办清单的事项,这里要与「跨域通办」表一致",
    (ITEMS, "no_application"): "是:部门依据共享数据主动兑现,窗口只出具一次性告知书(告知/咨询)",
    (MATERIALS, LINK): "材料所属事项,须在「事项」表中存在",
    (MATERIALS, "name"): "同一事项内不能重名;材料顺序即行的先后顺序",
    (
        MATERIALS,
        "necessity",
    ): "免提交/由部门获取:申请人无需携带,由部门自行获取(告知书标「免提交」,从不算缺)",
    (MATERIALS, "shareable"): "是:告知书上标「免提交」",
    (MATERIALS, "supply_days"): (
        "容缺后补材料容缺受理后补齐的工作日数;0 或留空取中心设置(容缺材料补齐期限),"
        "都不超过事项的承诺办结时限"
    ),
    (ITEMS, "result"): "告知书「办理结果」一栏;留空则不印",
    (ITEMS, "delivery"): "留空则印中心设置的送达方式",
    (
        MATERIALS,
        "situations",
    ): "留空表示任何情形都需要;同一情形的多个选项是「或」,不同情形之间是「且」",
    (SITUATIONS, LINK): "情形所属事项,须在「事项」表中存在",
    (SITUATIONS, "key"): "同一事项内唯一,材料的「适用情形」用它引用",
    (BUNDLES, "items"): "每个编码都须在「事项」表中存在",
    (CROSS, "item_code"): "须在「事项」表中存在,每个事项只列一次",
    (CROSS, "scope"): "须与该事项在「事项」表中的通办范围相同",
}


def _default(sheet: str, field: str) -> str:
    for f in fields(_CLASSES[sheet]):
        if f.name == field:
            if f.default is not MISSING:
                value = f.default
                if isinstance(value, bool):
                    return "否" if not value else "是"
                if isinstance(value, Code):
                    return value.label
                return f"{value}" if value != "" else "空"
            return "空"
    return ""


def columns_markdown() -> str:
    out = [
        "# 目录导入模板:列说明",
        "",
        "<!-- 本文件由 window_assistant/catalog_io/columns_doc.py 生成,请勿手改。 -->",
        "",
        "窗口助手导入、导出的目录有三种格式,内容完全相同:",
        "",
        "- **Excel 工作簿(.xlsx)**:从 `catalog/template.xlsx` 开始填写。五个工作表:"
        + "、".join(f"「{s}」" for s in SHEETS)
        + "。没有内容的工作表也要保留(只留表头)。",
        "- **CSV 文件夹**:一个文件夹里放 "
        + "、".join(f"`{s}.csv`" for s in SHEETS)
        + " 五个文件,列与同名工作表相同。编码可以是 UTF-8、带 BOM 的 UTF-8,或 Excel 默认保存的 "
        "GB18030/GBK;导出时写带 BOM 的 UTF-8,Excel 双击即可正确打开。导入时请选择文件夹,不要选其中一个文件。",
        "- **JSON(.json)**:与程序内部结构一致(`Catalog.to_dict()`),字段名见各表「JSON 字段」一列;"
        "下拉选项的列与表格一样填中文(如「必要」「即办件」)。",
        "",
        "## 通用规则",
        "",
        "- 第 1 行是表头,数据从第 2 行开始;空行会被跳过。",
        "- 列的顺序不限;表中多出的列(例如自己的备注列)会被忽略;缺少标「必填」的列则无法导入。",
        "- 表头允许常见写法(见「可接受的表头写法」),表头前后的空格、全角括号、`*` 和「(必填)」标记都会被忽略。",
        "- 是/否 列接受:是、否、Y、N、yes、no、true、false、1、0(不区分大小写)。",
        "- 留空的可选单元格取「留空时」一列中的值。",
        "- 导入前会检查整个文件,**所有**错误一次列出(最多列 100 条,其余给出数量),每条写明工作表、行号"
        "(与 Excel 左侧行号一致)和列名;有任何错误时不导入任何内容。",
        "- 导出的文件再导入,得到的目录与原目录完全相同。",
        "- 文字会自动整理:全角字母和数字(ＡＢ１２)改为半角,不换行空格等特殊空格改为普通空格,"
        "单行的列去掉首尾空格并把连续空格合为一个;中文全角标点(，；（）)保持不变。",
        "- 看不见的字符不能导入,错误会指出是哪一格的第几个字符:控制字符、零宽空格、BOM、双向文本控制符、"
        "私用区字符;单行的列(名称、编码等)不能换行。编码只能由半角字母、数字和 `- _ . / ( ) #` 组成"
        "(全角的会自动改为半角)。",
        f"- 长度有上限:编码 {MAX_CODE} 个字符,名称等单行文字 {MAX_LINE} 个(网办地址 2000 个),"
        f"多行文字 {MAX_TEXT} 个;数值见各列「允许的值」。",
        "- Excel 里看到什么就导入什么:合并单元格的值算作合并范围内每一行的值;日期和时间按显示的样子"
        "读成文字;编码列中的日期、超过 15 位的数字,没有保存计算结果的公式和 #REF! 等错误值不能导入;"
        "被 Excel 存成数字而丢掉开头 0 的事项编码会被指出。",
        "- 导入会删除超过 3 项事项、一件事、跨域通办事项或保留事项的材料时,须明确确认"
        "(命令行加 `--allow-removals`,窗口中在提示时确认)。",
        "",
        "另外会检查:事项编码不能重复;同一事项的材料名称、情形编号不能重复(只差全角/半角、大小写或空格的也算重复);材料的「适用情形」必须引用本事项"
        "存在的情形编号和选项;「一件事」和「跨域通办」引用的事项必须存在;跨域通办的通办范围必须与事项一致;"
        "时限单位相同时承诺办结时限不能超过法定办结时限。",
        "",
    ]
    for sheet in SHEETS:
        out += [f"## 工作表「{sheet}」", "", _INTRO[sheet], ""]
        out.append(
            "| 列名 | 必填 | 类型 | 允许的值 / 写法 | 留空时 | 可接受的表头写法 | JSON 字段 | 说明 |"
        )
        out.append("|---|---|---|---|---|---|---|---|")
        for col in COLUMNS[sheet]:
            if col.kind == ENUM:
                allowed = "、".join(col.words)
            elif col.kind in _SPLIT_NOTES:
                allowed = _SPLIT_NOTES[col.kind]
            elif col.kind == BOOL:
                allowed = "是 / 否"
            elif col.kind == INT:
                allowed = f"0 到 {col.maximum}"
            elif col.ident:
                allowed = "字母、数字和 - _ . / ( ) #"
            else:
                allowed = ""
            default = "—" if col.required or col.field == LINK else _default(sheet, col.field)
            if col.kind in (STEPS, OPTIONS, WORDS, CODES, REFS) and default != "—":
                default = "空列表"
            json_field = "(所属事项)" if col.field == LINK else f"`{col.field}`"
            note = _NOTES.get((sheet, col.field), "")
            out.append(
                f"| {col.header} | {'是' if col.required else ''} | {_KINDS[col.kind]} | {allowed} "
                f"| {default} | {'、'.join(col.variants)} | {json_field} | {note} |"
            )
        out.append("")
    return "\n".join(out)


_INTRO = {
    ITEMS: "每行一个政务服务事项(实施清单要素)。",
    MATERIALS: "每行一份材料,用「事项编码」列关联到事项;同一事项的材料按行的先后排序"
    "(不同事项的行可以交错)。",
    SITUATIONS: "每行一个情形(办理时要问申请人的问题及其选项),用「事项编码」列关联到事项。",
    BUNDLES: "每行一个「高效办成一件事」场景,列出它包含的事项。",
    CROSS: "每行一个列入跨域通办清单的事项。",
}

if __name__ == "__main__":  # python -m window_assistant.catalog_io.columns_doc > catalog/COLUMNS.md
    print(columns_markdown())
