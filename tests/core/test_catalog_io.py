"""Export then import gives back the same catalog, in every format; header variants and the
encodings Excel writes are understood."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

from window_assistant.catalog.diff import diff_catalogs
from window_assistant.catalog.io import (
    CatalogFormatError,
    read_catalog,
    read_catalog_text,
    write_catalog,
    write_template,
)
from window_assistant.catalog.model import (
    Bundle,
    Catalog,
    CrossRegionEntry,
    Item,
    Material,
    Situation,
)
from window_assistant.vocab import CrossMode, ItemKind, MaterialSource

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "catalog" / "tiexi_catalog.json"


def sample_catalog() -> Catalog:
    """A small catalog exercising the awkward cases: multi-line notes, empty optional fields,
    zero counts, empty and one-element lists, options containing 、, a note starting with =."""
    marriage = Item(
        code="11210106MB0000001A",
        name="内地居民婚姻登记",
        handling_code="112101060000-01",
        kind="行政确认",
        department="铁西区民政局",
        theme="婚育收养",
        basis="《婚姻登记条例》第四条",
        conditions="1. 双方自愿;\n2. 达到法定婚龄。",
        steps=["取号", "填写申请表；现场审核", "领证"],
        case_type="即办件",
        legal_limit=0,
        promised_limit=0,
        fee=True,
        fee_standard="9 元/对",
        fee_basis="发改价格〔2019〕xx 号",
        place="铁西区政务服务中心 2 楼 A 区",
        hours="周一至周五 8:30-11:30,13:00-17:00",
        phone="024-25000000",
        complaint_phone="12345",
        visits=1,
        online=True,
        online_url="https://zwfw.example.cn/marriage",
        scope="省内跨市",
        comprehensive=True,
        high_frequency=True,
        keywords=["结婚", "婚姻登记", "领证"],
        situations=[
            Situation("applicant", "申请人户籍", ["本市", "外省"]),
            Situation("relatives", "随同人员", ["父母、子女"]),
        ],
        materials=[
            Material(
                "居民身份证",
                kind="证件证书证明",
                source="政府部门核发",
                necessity="必要",
                form="纸质+电子",
                originals=2,
                copies=0,
                spec="A4",
                notes="双方各一份。\n有效期内。\n\n  注意核对照片  ",
                shareable=True,
            ),
            Material(
                "户口簿",
                kind="证件证书证明",
                originals=1,
                copies=1,
                situations=["applicant=本市"],
            ),
            Material(
                "=暂住证明",
                kind="其他",
                necessity="容缺后补",
                form="电子",
                originals=0,
                copies=3,
                notes="=以等号开头的说明",
                situations=["applicant=外省", "relatives=父母、子女"],
            ),
        ],
    )
    bare = Item(code="0002", name="最简事项", department="某局")
    permit = Item(
        code="0003",
        name="食品经营许可",
        kind="行政许可",
        department="铁西区市场监督管理局",
        steps=["受理"],
        legal_limit=20,
        promised_limit=5,
        legal_limit_unit="工作日",
        promised_limit_unit="自然日",
        keywords=["食品"],
        materials=[Material("申请书", kind="申请表格文书", source="其他", necessity="非必要")],
    )
    return Catalog(
        items=[marriage, bare, permit],
        bundles=[
            Bundle(
                "YJS001",
                "开办餐馆一件事",
                "铁西区市场监督管理局",
                "多事项\n一次办",
                ["0003", "0002"],
                ["开店"],
            ),
            Bundle("YJS002", "空关键词", items=["0002"]),
        ],
        crossregion=[
            CrossRegionEntry(
                "11210106MB0000001A", "省内跨市", "异地代收代办", ["大连市", "鞍山市"], "备注"
            ),
        ],
    )


def same(a: Catalog, b: Catalog) -> bool:
    return diff_catalogs(a, b).is_empty() and a == b


@pytest.fixture
def catalog() -> Catalog:
    return sample_catalog()


@pytest.mark.parametrize("name", ["c.xlsx", "c.json", "csv_folder"])
def test_export_then_import_gives_the_same_catalog(tmp_path: Path, catalog: Catalog, name: str):
    path = tmp_path / name
    write_catalog(catalog, path)
    back = read_catalog(path)
    assert diff_catalogs(catalog, back).is_empty()
    assert back == catalog  # stricter than the diff: order of materials and lists too


def test_csv_export_is_utf8_with_bom_so_excel_opens_it(tmp_path: Path, catalog: Catalog):
    write_catalog(catalog, tmp_path / "out")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(["事项.csv", "材料.csv", "情形.csv", "一件事.csv", "跨域通办.csv"])
    assert (tmp_path / "out" / "材料.csv").read_bytes().startswith("\ufeff事项编码".encode())


def _reencode(folder: Path, encoding: str) -> None:
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8-sig")
        path.write_bytes(text.encode(encoding))


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8"])
def test_csv_saved_by_excel_as_gb18030_or_plain_utf8_reads_the_same(
    tmp_path: Path, catalog: Catalog, encoding: str
):
    folder = tmp_path / "csv"
    write_catalog(catalog, folder)
    _reencode(folder, encoding)
    assert same(catalog, read_catalog(folder))


def test_the_single_csv_file_is_refused_with_advice_to_pass_the_folder(
    tmp_path: Path, catalog: Catalog
):
    write_catalog(catalog, tmp_path / "csv")
    with pytest.raises(CatalogFormatError) as exc:
        read_catalog(tmp_path / "csv" / "事项.csv")
    assert "文件夹" in str(exc.value)


def test_template_has_five_sheets_bold_frozen_headers_and_dropdowns(tmp_path: Path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["事项", "材料", "情形", "一件事", "跨域通办"]
    items = wb["事项"]
    assert items["A1"].value == "事项编码" and items["A1"].font.bold
    assert items.freeze_panes == "A2"
    assert items.max_row == 1
    lists = {
        str(dv.sqref).split(":")[0]: dv.formula1 for dv in items.data_validations.dataValidation
    }
    header = [c.value for c in items[1]]
    kind_col = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("事项类型")]
    assert "行政许可" in lists[f"{kind_col}2"]
    fee_col = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("是否收费")]
    assert lists[f"{fee_col}2"] == '"是,否"'
    assert read_catalog(path) == Catalog()


def test_shipped_template_is_the_generated_one(tmp_path: Path):
    shipped = load_workbook(REPO / "catalog" / "template.xlsx")
    write_template(tmp_path / "t.xlsx")
    fresh = load_workbook(tmp_path / "t.xlsx")
    assert shipped.sheetnames == fresh.sheetnames
    for name in fresh.sheetnames:
        assert [c.value for c in shipped[name][1]] == [c.value for c in fresh[name][1]]


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


EMPTY_SHEETS = {
    "情形": [["事项编码", "情形编号", "情形问题", "选项"]],
    "一件事": [["编码", "名称", "包含事项"]],
    "跨域通办": [["事项编码", "通办范围", "办理模式"]],
}


def test_header_variants_extra_columns_and_lenient_values_are_understood(tmp_path: Path):
    path = _workbook(
        tmp_path / "v.xlsx",
        {
            "事项": [
                [
                    " 编码 ",
                    "名称",
                    "实施机构",
                    "收费",
                    "到办事现场次数",
                    "是否高频",
                    "网办",
                    "我们自己的备注",
                    "关键字",
                ],
                [11210100, "户籍证明", "派出所", "Y", 0, "1", "false", "随便写", "户口、证明"],
                ["0002", "无犯罪记录证明", "部门（公安）", "N", "2", "TRUE", "是", None, None],
            ],
            "材料": [
                [
                    "事项代码",
                    "名称",
                    "纸质原件份数",
                    "复印份数",
                    "材料来源",
                    "备注（选填）",
                    "适用情形",
                ],
                ["11210100", "身份证", 1.0, " 2 ", "政府部门核发", "第一行\n第二行", None],
                [11210100, "委托书", None, None, None, None, "本人 = 否"],
            ],
            "情形": [
                ["编码", "编号", "问题", "可选项"],
                [11210100, "本人", "是否本人办理?", "是、否"],
            ],
            "一件事": [
                ["一件事编码", "一件事名称", "关联事项"],
                ["B1", "开证明", "11210100；0002"],
            ],
            "跨域通办": EMPTY_SHEETS["跨域通办"],
        },
    )
    cat = read_catalog(path)
    first, second = cat.items
    assert (first.code, first.name, first.department) == ("11210100", "户籍证明", "派出所")
    assert (first.fee, first.visits, first.high_frequency, first.online) == (True, 0, True, False)
    assert first.keywords == ["户口", "证明"]
    assert (second.department, second.fee, second.visits, second.online) == (
        "部门（公安）",
        False,
        2,
        True,
    )
    assert [(m.name, m.originals, m.copies, m.source.label) for m in first.materials] == [
        ("身份证", 1, 2, "政府部门核发"),
        ("委托书", 1, 0, "申请人自备"),  # empty cells take the documented defaults
    ]
    assert first.materials[0].source == MaterialSource.GOVERNMENT  # stored as a code
    assert first.materials[0].notes == "第一行\n第二行"
    assert first.materials[1].situations == ["本人=否"]
    assert first.situations == [Situation("本人", "是否本人办理?", ["是", "否"])]
    assert cat.bundles == [Bundle("B1", "开证明", items=["11210100", "0002"])]


def test_materials_keep_row_order_within_an_item_even_when_rows_interleave(tmp_path: Path):
    path = _workbook(
        tmp_path / "o.xlsx",
        {
            "事项": [["事项编码", "事项名称", "实施主体"], ["A", "甲", "局"], ["B", "乙", "局"]],
            "材料": [
                ["事项编码", "材料名称"],
                ["B", "b1"],
                ["A", "a1"],
                [None, None],  # blank rows are skipped
                ["B", "b2"],
                ["A", "a2"],
            ],
            **EMPTY_SHEETS,
        },
    )
    cat = read_catalog(path)
    assert [m.name for m in cat.items[0].materials] == ["a1", "a2"]
    assert [m.name for m in cat.items[1].materials] == ["b1", "b2"]


def test_progress_reaches_the_total(tmp_path: Path, catalog: Catalog):
    write_catalog(catalog, tmp_path / "c.xlsx")
    seen: list[tuple[int, int]] = []
    read_catalog(tmp_path / "c.xlsx", progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_json_text_is_read_like_a_json_file(catalog: Catalog):
    text = json.dumps(catalog.to_dict(), ensure_ascii=False)
    assert read_catalog_text(text, "粘贴") == catalog


@pytest.mark.parametrize("name", ["c.xlsx", "c.json", "csv_folder"])
def test_files_hold_the_chinese_words_and_the_catalog_holds_codes(
    tmp_path: Path, catalog: Catalog, name: str
):
    path = tmp_path / name
    write_catalog(catalog, path)
    if name.endswith(".xlsx"):
        book = load_workbook(path)
        rows = [list(r) for ws in book for r in ws.iter_rows(values_only=True)]
        text = json.dumps(rows, ensure_ascii=False, default=str)
    elif name.endswith(".json"):
        text = path.read_text(encoding="utf-8")
    else:
        text = "".join(p.read_text(encoding="utf-8-sig") for p in sorted(path.iterdir()))
    for word in ("行政确认", "即办件", "申请人自备", "必要", "纸质", "省内跨市", "异地代收代办"):
        assert word in text, word
    for code in ("confirmation", "instant", "workday", "intercity", "proxy", "paper"):
        assert code not in text, code
    back = read_catalog(path)
    assert back.items[0].kind is ItemKind.CONFIRMATION and back.items[0].kind == "confirmation"
    assert back.crossregion[0].mode is CrossMode.PROXY


@pytest.mark.skipif(not BUNDLED.exists(), reason="bundled catalog not written yet")
@pytest.mark.parametrize("name", ["c.xlsx", "c.json", "csv_folder"])
def test_bundled_catalog_loads_and_round_trips_through_every_format(tmp_path: Path, name: str):
    bundled = read_catalog(BUNDLED)
    assert len(bundled.items) > 50
    path = tmp_path / name
    write_catalog(bundled, path)
    back = read_catalog(path)
    assert diff_catalogs(bundled, back).is_empty()
    assert back == bundled


def test_csv_with_excel_quoting_of_multiline_cells_reads_back(tmp_path: Path, catalog: Catalog):
    folder = tmp_path / "csv"
    write_catalog(catalog, folder)
    with open(folder / "材料.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    notes = rows[0].index("填报须知")
    assert rows[1][notes] == "双方各一份。\n有效期内。\n\n  注意核对照片  "


def _as_excel_writes_it(src: Path, dst: Path) -> None:
    """Rewrite an exported workbook the way Excel saves one: text in a shared-strings part
    (with a rich-text entry, a phonetic guide and an _x000D_ escape), relative part paths."""
    import re
    import zipfile

    strings: list[str] = []

    def shared(match: re.Match[str]) -> str:
        strings.append(f'<si><t xml:space="preserve">{match.group(2)}</t></si>')
        return f'<c r="{match.group(1)}" t="s"><v>{len(strings) - 1}</v></c>'

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info).decode()
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(
                    r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>(.*?)</t></is></c>', shared, data
                )
                if info.filename.endswith("sheet2.xml"):  # 材料: J3 = notes of the 2nd material
                    strings.append(
                        "<si><r><t>加粗</t></r><r><rPr><b/></rPr><t>部分_x000D_\n第二行</t></r>"
                        '<rPh sb="0" eb="1"><t>ジャ</t></rPh></si>'
                    )
                    data = data.replace('<row r="3">', '<row r="3">', 1)
                    data = re.sub(
                        r'(<row r="3">.*?)<c r="J3"[^>]*?(/>|>.*?</c>)',
                        lambda m: m.group(1) + f'<c r="J3" t="s"><v>{len(strings) - 1}</v></c>',
                        data,
                        count=1,
                    )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace('Target="/xl/', 'Target="').replace(
                    "</Relationships>",
                    '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId99"/></Relationships>',
                )
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    "</Types>",
                    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            zout.writestr(info.filename, data)
        zout.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + "".join(strings)
            + "</sst>",
        )


def test_workbook_saved_by_excel_reads_back_the_same_catalog(tmp_path: Path, catalog: Catalog):
    """Excel stores text as shared strings, with rich text and phonetic runs and _x000D_ for a
    carriage return: the reader gives the text as Excel shows it, and the same catalog."""
    exported, path = tmp_path / "ours.xlsx", tmp_path / "excel.xlsx"
    write_catalog(catalog, exported)
    _as_excel_writes_it(exported, path)
    back = read_catalog(path)
    assert back.items[0].materials[1].notes == "加粗部分\n第二行"  # Windows line end normalised
    back.items[0].materials[1].notes = catalog.items[0].materials[1].notes
    assert back == catalog


def _cells_as_people_type_them(path: Path) -> Path:
    """The sample catalog after a clerk's edits in Excel: dates, numbers where text belongs,
    number formats, bold and filled cells, a merged cell, blank rows, emptied optional cells."""
    write_catalog(sample_catalog(), path)
    wb = load_workbook(path)
    items, materials = wb["事项"], wb["材料"]
    col = {ws.title: {c.value: c.column for c in ws[1]} for ws in (items, materials)}
    items.cell(2, col["事项"]["办理时间"]).value = date(2026, 3, 5)
    items.cell(3, col["事项"]["办理时间"]).value = datetime(2026, 3, 5, 9, 30)
    items.cell(3, col["事项"]["咨询电话"]).value = 2425000000  # a number in a text column
    items.cell(2, col["事项"]["事项名称"]).font = Font(bold=True)
    items.cell(2, col["事项"]["实施主体"]).fill = PatternFill("solid", fgColor="FFFF00")
    place = col["事项"]["办理地点"]  # 0003 has no place and no hours: a place over both
    items.cell(4, place).value = "一楼大厅"
    items.merge_cells(start_row=4, start_column=place, end_row=4, end_column=place + 1)
    copies = materials.cell(2, col["材料"]["复印件份数"])
    copies.value, copies.number_format = 2.0, "0.00"
    materials.cell(3, col["材料"]["规格"]).value = None
    materials.insert_rows(3, 2)
    wb.save(path)
    return path


def _read_with_openpyxl(path: Path) -> Catalog | list[str]:
    from window_assistant.catalog.io.xlsxfmt import _read_openpyxl

    try:
        return _read_openpyxl(path, None)
    except CatalogFormatError as err:
        return [str(e) for e in err.errors]


def test_dates_numbers_formats_merged_and_empty_cells_read_as_excel_shows_them(tmp_path: Path):
    path = _cells_as_people_type_them(tmp_path / "edited.xlsx")
    back = read_catalog(path)
    assert back == _read_with_openpyxl(path)  # two independent readers agree
    marriage, simple, food = back.items
    assert (marriage.hours, simple.hours) == ("2026-03-05", "2026-03-05 09:30")  # not 46086
    assert simple.phone == "2425000000"
    assert (food.place, food.hours) == ("一楼大厅", "")  # a merged cell: its first cell's value
    assert marriage.materials[0].copies == 2 and marriage.materials[1].spec == ""
    expected = sample_catalog()
    marriage.hours, simple.hours = expected.items[0].hours, expected.items[1].hours
    simple.phone, food.place = expected.items[1].phone, expected.items[2].place
    marriage.materials[0].copies = expected.items[0].materials[0].copies
    marriage.materials[1].spec = expected.items[0].materials[1].spec
    assert back == expected, "nothing else changed"


def _errors(path: Path) -> list[str]:
    with pytest.raises(CatalogFormatError) as err:
        read_catalog(path)
    errors = [str(e) for e in err.value.errors]
    assert errors == _read_with_openpyxl(path)  # two independent readers agree
    return errors


def test_errors_name_the_row_the_user_sees_after_blank_rows_or_above_a_header(tmp_path: Path):
    path = _cells_as_people_type_them(tmp_path / "edited.xlsx")
    wb = load_workbook(path)
    header = [c.value for c in wb["材料"][1]]
    wb["材料"].cell(5, header.index("原件份数") + 1).value = date(2026, 1, 2)  # 2 blank rows above
    wb.save(path)
    assert _errors(path) == [
        "工作表「材料」第 5 行「原件份数」列:应为非负整数,实际为「2026-01-02」"
    ]
    wb["情形"].insert_rows(1)  # its header moved down to row 2: not taken for the header
    wb.save(path)
    errors = _errors(path)
    assert errors and all(e.startswith("工作表「情形」第 1 行") for e in errors)
    assert "缺少必需的列「事项编码」(表头应在第 1 行)" in errors[0]


def test_columns_documentation_matches_the_reader():
    from window_assistant.catalog.io.columns_doc import columns_markdown

    shipped = (REPO / "catalog" / "COLUMNS.md").read_text(encoding="utf-8")
    assert shipped.strip() == columns_markdown().strip(), (
        "regenerate: python -m window_assistant.catalog_io.columns_doc > catalog/COLUMNS.md"
    )
