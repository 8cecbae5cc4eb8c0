"""A bad catalog file is refused with Chinese messages that name sheet, row and column, and
every problem of the file is listed at once; malformed files give one clear sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.core.test_catalog_io import sample_catalog
from window_assistant.catalog.io import CatalogFormatError, read_catalog, write_catalog
from window_assistant.catalog.model import Catalog, Item, Material
from window_assistant.errors import UserError


def _edited_xlsx(tmp_path: Path, edits: dict[tuple[str, int, str], object]) -> Path:
    """Export the sample catalog, then change cells given as (sheet, row, header) → value."""
    path = tmp_path / "bad.xlsx"
    write_catalog(sample_catalog(), path)
    wb = load_workbook(path)
    for (sheet, row, header), value in edits.items():
        ws = wb[sheet]
        col = [c.value for c in ws[1]].index(header) + 1
        ws.cell(row=row, column=col).value = value
    wb.save(path)
    return path


def _errors(path: Path) -> CatalogFormatError:
    with pytest.raises(CatalogFormatError) as exc:
        read_catalog(path)
    assert isinstance(exc.value, UserError)
    return exc.value


def test_bad_integer_names_sheet_row_and_column_in_chinese(tmp_path: Path):
    err = _errors(_edited_xlsx(tmp_path, {("材料", 3, "原件份数"): "两份"}))
    assert [str(e) for e in err.errors] == [
        "工作表「材料」第 3 行「原件份数」列:应为非负整数,实际为「两份」"
    ]
    assert (err.errors[0].sheet, err.errors[0].row, err.errors[0].column) == ("材料", 3, "原件份数")
    assert "未导入任何内容" in str(err)


def test_all_errors_of_a_file_are_reported_together(tmp_path: Path):
    path = _edited_xlsx(
        tmp_path,
        {
            ("事项", 2, "事项类型"): "行政审批",  # not an allowed kind
            ("事项", 3, "事项编码"): "0003",  # duplicates row 4
            ("事项", 4, "法定办结时限"): "三天",
            ("材料", 2, "必要性"): "可能",
            ("材料", 4, "适用情形"): "applicant=外国;nosuch=1",
            ("一件事", 2, "包含事项"): "0003;9999",
            ("跨域通办", 2, "通办范围"): "全国",
        },
    )
    found = {(e.sheet, e.row, e.column) for e in _errors(path).errors}
    assert found >= {
        ("事项", 2, "事项类型"),
        ("事项", 4, "事项编码"),
        ("事项", 4, "法定办结时限"),
        ("材料", 2, "必要性"),
        ("材料", 4, "适用情形"),
        ("一件事", 2, "包含事项"),
        ("跨域通办", 2, "通办范围"),
    }
    text = str(_errors(path))
    assert "应为以下之一:行政许可、" in text and "实际为「行政审批」" in text
    assert "事项编码「0003」重复(与第 3 行相同)" in text
    assert "「9999」在事项表中不存在" in text
    assert "选项「外国」不是情形「applicant」的选项" in text
    assert "情形编号「nosuch」不存在" in text


def test_more_than_a_hundred_errors_are_capped_with_a_count(tmp_path: Path):
    items = [Item(code=f"C{i}", name=f"事项{i}", department="局") for i in range(150)]
    path = tmp_path / "many.xlsx"
    write_catalog(Catalog(items=items), path)
    wb = load_workbook(path)
    for row in range(2, 152):
        wb["事项"].cell(row=row, column=3).value = None  # 事项名称 is required
    wb.save(path)
    err = _errors(path)
    assert len(err.errors) == 100 and err.total == 150
    assert str(err).rstrip().endswith("…另有 50 处错误")
    assert str(err.errors[0]) == "工作表「事项」第 2 行「事项名称」列:必填,不能为空"


def test_missing_required_column_is_named(tmp_path: Path):
    path = _edited_xlsx(tmp_path, {("事项", 1, "实施主体"): "备注"})
    err = _errors(path)
    assert [str(e) for e in err.errors] == [
        "工作表「事项」第 1 行「实施主体」列:缺少必需的列「实施主体」(表头应在第 1 行)"
    ]


def test_missing_sheet_is_one_clear_error(tmp_path: Path):
    path = tmp_path / "c.xlsx"
    write_catalog(sample_catalog(), path)
    wb = load_workbook(path)
    del wb["一件事"]
    wb.save(path)
    err = _errors(path)
    assert len(err.errors) == 1
    assert "缺少工作表:一件事" in str(err)


def test_material_of_an_unknown_item_and_dangling_reference(tmp_path: Path):
    path = _edited_xlsx(tmp_path, {("材料", 2, "事项编码"): "NOPE", ("情形", 2, "情形编号"): "who"})
    messages = [str(e) for e in _errors(path).errors]
    assert "工作表「材料」第 2 行「事项编码」列:事项编码「NOPE」在「事项」表中不存在" in messages
    # 情形 applicant was renamed, so the materials that refer to it now dangle
    assert any(
        m.startswith(
            "工作表「材料」第 3 行「适用情形」列:「applicant=本市」引用的情形编号「applicant」不存在"
        )
        for m in messages
    )


def test_promised_limit_beyond_legal_limit(tmp_path: Path):
    path = _edited_xlsx(
        tmp_path, {("事项", 4, "承诺办结时限"): 30, ("事项", 4, "承诺时限单位"): "工作日"}
    )
    assert [str(e) for e in _errors(path).errors] == [
        "工作表「事项」第 4 行「承诺办结时限」列:承诺办结时限 30 工作日超过了法定办结时限 20 工作日"
    ]


def test_bad_boolean(tmp_path: Path):
    path = _edited_xlsx(tmp_path, {("事项", 2, "是否收费"): "收"})
    assert [str(e) for e in _errors(path).errors] == [
        "工作表「事项」第 2 行「是否收费」列:应为「是」或「否」,实际为「收」"
    ]


def test_text_file_renamed_to_xlsx(tmp_path: Path):
    path = tmp_path / "目录.xlsx"
    path.write_text("事项编码,事项名称\n1,户籍\n", encoding="utf-8")
    err = _errors(path)
    assert str(err).startswith("「目录.xlsx」不是有效的 Excel 工作簿(.xlsx)")


def test_zip_that_is_not_a_workbook(tmp_path: Path):
    import zipfile

    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    err = _errors(path)
    assert "无法作为 Excel 工作簿打开" in str(err)


@pytest.mark.parametrize("name", ["empty.xlsx", "empty.json"])
def test_empty_file(tmp_path: Path, name: str):
    (tmp_path / name).write_bytes(b"")
    err = _errors(tmp_path / name)
    assert "空" in str(err) and len(err.errors) == 1


def test_broken_json_says_where(tmp_path: Path):
    path = tmp_path / "c.json"
    path.write_text(
        '{"format": "window-assistant-catalog", "items": [\n  {"code": "1",}\n]}', encoding="utf-8"
    )
    assert "第 2 行第 16 列附近有格式错误" in str(_errors(path))


def test_json_errors_name_section_and_index(tmp_path: Path):
    data = sample_catalog().to_dict()
    data["items"][0]["materials"][1]["originals"] = "两份"
    data["items"][1]["kind"] = "审批"
    data["bundles"][0]["items"] = ["0003", "NOPE"]
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert [str(e) for e in _errors(path).errors] == [
        "事项 #1 材料 #2「原件份数」:应为非负整数,实际为「两份」",
        "事项 #2「事项类型」:应为以下之一:行政许可、行政征收、行政给付、行政确认、行政奖励、行政裁决、其他行政权力、公共服务,实际为「审批」",
        "一件事 #1「包含事项」:事项编码「NOPE」在事项表中不存在",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[1, 2]", "不是窗口助手的目录 JSON"),
        ('{"format": "other", "items": []}', "不是「window-assistant-catalog」"),
        ('{"format": "window-assistant-catalog", "version": 99, "items": []}', "只支持到 1"),
    ],
)
def test_json_of_another_shape(tmp_path: Path, content: str, expected: str):
    path = tmp_path / "c.json"
    path.write_text(content, encoding="utf-8")
    assert expected in str(_errors(path))


def test_json_in_a_legacy_encoding(tmp_path: Path):
    path = tmp_path / "c.json"
    path.write_bytes(json.dumps(sample_catalog().to_dict(), ensure_ascii=False).encode("gb18030"))
    assert "不是 UTF-8 编码" in str(_errors(path))


def test_gb18030_csv_errors_name_the_file_row_and_column(tmp_path: Path):
    folder = tmp_path / "csv"
    write_catalog(sample_catalog(), folder)
    path = folder / "材料.csv"
    text = path.read_text(encoding="utf-8-sig").replace("证件证书证明", "身份证件", 1)
    path.write_bytes(text.encode("gb18030"))
    assert [str(e) for e in _errors(folder).errors] == [
        "文件「材料.csv」第 2 行「材料类型」列:应为以下之一:证件证书证明、申请表格文书、其他,实际为「身份证件」"
    ]


def test_csv_folder_missing_a_file_or_with_an_empty_file(tmp_path: Path):
    folder = tmp_path / "csv"
    write_catalog(sample_catalog(), folder)
    (folder / "跨域通办.csv").unlink()
    assert "缺少文件:跨域通办.csv" in str(_errors(folder))
    write_catalog(sample_catalog(), folder)
    (folder / "情形.csv").write_bytes(b"")
    assert [str(e) for e in _errors(folder).errors] == [
        "文件「情形.csv」第 1 行:表头为空:第 1 行应是列名(见模板)"
    ]


def test_utf16_csv_gets_advice_to_resave(tmp_path: Path):
    folder = tmp_path / "csv"
    write_catalog(sample_catalog(), folder)
    path = folder / "事项.csv"
    path.write_bytes(path.read_text(encoding="utf-8-sig").encode("utf-16"))
    assert "UTF-16" in str(_errors(folder))


@pytest.mark.parametrize(
    ("name", "expected"), [("c.xls", "另存为"), ("c.txt", "无法识别"), ("nothere.json", "找不到")]
)
def test_unsupported_or_missing_files(tmp_path: Path, name: str, expected: str):
    path = tmp_path / name
    if name != "nothere.json":
        path.write_bytes(b"whatever")
    assert expected in str(_errors(path))


def test_duplicate_material_name_within_an_item_is_an_error_but_not_across_items(tmp_path: Path):
    cat = Catalog(
        items=[
            Item("A", "甲", department="局", materials=[Material("身份证"), Material("身份证")]),
            Item("B", "乙", department="局", materials=[Material("身份证")]),
        ]
    )
    write_catalog(cat, tmp_path / "c.xlsx")
    assert [str(e) for e in _errors(tmp_path / "c.xlsx").errors] == [
        "工作表「材料」第 3 行「材料名称」列:事项「A」的材料「身份证」重复"
    ]


def test_export_of_text_excel_cannot_hold_is_a_clear_error(tmp_path: Path):
    cat = Catalog(items=[Item("A", "甲", department="局", basis="第一条\x0b第二条")])
    with pytest.raises(UserError) as exc:
        write_catalog(cat, tmp_path / "c.xlsx")
    assert "工作表「事项」第 2 行(「A」)含有 Excel 不允许的不可见控制字符" in str(exc.value)
    assert not (tmp_path / "c.xlsx").exists()
    write_catalog(cat, tmp_path / "c.json")  # JSON can hold it, but it is not imported again
    assert [str(e) for e in _errors(tmp_path / "c.json").errors] == [
        "事项 #1「设定依据」:含有看不见的控制字符(U+000B,第 4 个字符),多为复制粘贴带入。"
        "请删除该字符后重试"
    ]
