"""Imports never silently damage the catalog (issue 8): a CSV broken by a quote, cells that do
not mean what they show, look-alike and invisible characters, absurd sizes and numbers are
refused naming file or sheet, row and column; an import that removes much needs consent."""

from __future__ import annotations

import json
import time
import zipfile
from datetime import date
from datetime import time as clock
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.core.test_catalog_io import sample_catalog
from window_assistant.catalog.importing import (
    RemovalsNeedConsent,
    apply_import,
    preview_import,
)
from window_assistant.catalog.io import CatalogFormatError, read_catalog, write_catalog
from window_assistant.catalog.model import Catalog, Item, Material
from window_assistant.setup import INSTALLER

CATALOG_TABLES = ("items", "materials", "situations", "bundles", "bundle_items", "crossregion")


def _errors(path: Path, **kw: object) -> list[str]:
    with pytest.raises(CatalogFormatError) as exc:
        read_catalog(path, **kw)  # type: ignore[arg-type]
    return [str(e) for e in exc.value.errors]


def _csv(tmp_path: Path, catalog: Catalog | None = None) -> Path:
    folder = tmp_path / "csv"
    write_catalog(catalog or sample_catalog(), folder)
    return folder


def _edit_lines(path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")  # as written: Excel's CRLF
    edit(lines)
    path.write_bytes("\r\n".join(lines).encode("utf-8-sig"))


# -- CSV ---------------------------------------------------------------------------------------
def test_a_stray_quote_that_is_never_closed_names_the_file_row_and_column(tmp_path: Path):
    """The reproduction of issue 8: a quote typed before a material name made the lenient
    reader swallow every following row into one cell (651 of 654 materials gone, exit 0)."""
    folder = _csv(tmp_path)

    def stray(lines: list[str]) -> None:
        code, name, rest = lines[2].split(",", 2)
        lines[2] = f'{code},"{name},{rest}'

    _edit_lines(folder / "材料.csv", stray)
    [error] = _errors(folder)
    assert error.startswith('文件「材料.csv」第 3 行「材料名称」列:这一格以英文引号(")开头,')
    assert "直到文件末尾也没有配对的引号" in error


def test_a_stray_quote_closed_by_a_later_one_is_caught_too(tmp_path: Path):
    folder = _csv(tmp_path)

    def stray(lines: list[str]) -> None:
        code, name, rest = lines[1].split(",", 2)
        lines[1] = f'{code},"{name},{rest}'
        code, name, rest = lines[3].split(",", 2)
        lines[3] = f'{code},{name}"说明,{rest}'  # a quote that closes it, then more text

    _edit_lines(folder / "材料.csv", stray)
    errors = _errors(folder)
    assert errors and errors[0].startswith("文件「材料.csv」第 2 行「材料名称」列:")
    assert all("未导入" not in e for e in errors)


def test_a_quoted_cell_that_runs_over_rows_and_closes_cleanly_is_refused(tmp_path: Path):
    """The quote closes right before a comma, so the CSV is well formed and the row even has
    as many cells as the header: the name swallowed the next row, line break and all."""
    folder = _csv(tmp_path)

    def stray(lines: list[str]) -> None:
        code, name, rest = lines[2].split(",", 2)
        lines[2] = f'{code},"{name},{rest}'
        cells = lines[3].split(",")
        cells[1] += '"'
        lines[3] = ",".join(cells)

    _edit_lines(folder / "材料.csv", stray)
    [error] = _errors(folder)
    assert error.startswith("文件「材料.csv」第 3 行「材料名称」列:不能换行(第 ")


def test_a_row_with_more_cells_than_the_header_names_row_and_column(tmp_path: Path):
    folder = _csv(tmp_path)
    _edit_lines(folder / "情形.csv", lambda lines: lines.__setitem__(1, lines[1] + ",多出来的"))
    assert _errors(folder) == [
        "文件「情形.csv」第 2 行「第 5 列」列:这一行有 5 格,比表头的 4 列多,多出的一格是「多出来的」。"
        "多半是单元格里的英文逗号或引号没有正确处理"
    ]
    # Trailing empty cells (Excel writes them for a formatted column) are not an error.
    folder = _csv(tmp_path / "again")
    _edit_lines(folder / "情形.csv", lambda lines: lines.__setitem__(1, lines[1] + ",,"))
    assert read_catalog(folder) == sample_catalog()


def test_duplicate_header_columns_are_refused_in_csv_and_xlsx(tmp_path: Path):
    folder = _csv(tmp_path)
    _edit_lines(folder / "材料.csv", lambda lines: lines.__setitem__(0, lines[0] + ",名称"))
    assert _errors(folder) == [
        "文件「材料.csv」第 1 行「材料名称」列:表头第 2 列「材料名称」和第 14 列「名称」都是"
        "「材料名称」列,无法确定用哪一列。请删除或改名其中一列"
    ]
    path = tmp_path / "c.xlsx"
    write_catalog(sample_catalog(), path)
    book = load_workbook(path)
    book["事项"].cell(1, 30).value = "事项编码"
    book.save(path)
    assert _errors(path) == [
        "工作表「事项」第 1 行「事项编码」列:表头第 1 列「事项编码」和第 30 列「事项编码」都是"
        "「事项编码」列,无法确定用哪一列。请删除或改名其中一列"
    ]


def test_a_giant_csv_cell_is_refused_with_its_place(tmp_path: Path):
    folder = _csv(tmp_path)
    _edit_lines(
        folder / "事项.csv",
        lambda lines: lines.__setitem__(1, lines[1].replace("铁西区", "铁" * 20_000 + "西区", 1)),
    )
    [error] = _errors(folder)
    assert error.startswith("文件「事项.csv」第 2 行「")
    assert "单元格太长:" in error and "最多 10000 个" in error


# -- removals ----------------------------------------------------------------------------------
def _json(path: Path, catalog: Catalog) -> Path:
    path.write_text(json.dumps(catalog.to_dict(), ensure_ascii=False), encoding="utf-8")
    return path


def test_importing_the_blank_template_needs_consent_and_says_what_it_removes(
    services, tmp_path: Path
):
    current = services.catalog.load()
    template = tmp_path / "模板.xlsx"
    write_catalog(Catalog(), template)
    preview = preview_import(services, template)
    removals = preview.removals
    assert (removals.items, removals.bundles, removals.crossregion) == (
        len(current.items),
        len(current.bundles),
        len(current.crossregion),
    )
    assert removals.materials == sum(len(i.materials) for i in current.items)
    with pytest.raises(RemovalsNeedConsent) as exc:
        apply_import(services, preview, INSTALLER)
    assert str(exc.value).startswith(
        f"导入「模板.xlsx」会删除事项 {len(current.items)} 项、材料 {removals.materials} 份、"
        f"一件事 {len(current.bundles)} 个、跨域通办事项 {len(current.crossregion)} 项。"
    )
    assert services.catalog.load() == current
    apply_import(services, preview, INSTALLER, allow_removals=True)
    assert services.catalog.load() == Catalog()
    entry = services.audit.entries()[0]
    assert entry.detail["removals_allowed"] is True and entry.detail["items_removed"] > 3


def test_materials_dropped_from_kept_items_count_but_one_removed_item_does_not(
    services, tmp_path: Path
):
    current = services.catalog.load()
    one_less = Catalog(current.items[:-1], [], [])
    one_less.bundles = [b for b in current.bundles if current.items[-1].code not in b.items]
    one_less.crossregion = [c for c in current.crossregion if c.item_code != current.items[-1].code]
    preview = preview_import(services, _json(tmp_path / "a.json", one_less))
    assert not preview.removals.need_consent()
    apply_import(services, preview, INSTALLER)  # an ordinary update: no question

    current = services.catalog.load()
    for item in current.items[:2]:
        item.materials = item.materials[:1]  # what a broken CSV does: names stay, rows vanish
    preview = preview_import(services, _json(tmp_path / "b.json", current))
    assert preview.removals.items == 0 and preview.removals.dropped > 3
    with pytest.raises(RemovalsNeedConsent, match="会删除材料"):
        apply_import(services, preview, INSTALLER)


# -- text: control, invisible and look-alike characters ----------------------------------------
def test_control_characters_are_refused_where_catalog_text_enters(tmp_path: Path):
    """Before: a JSON with \\x07 in a material name was imported, and writing the item's sheet
    then failed in lxml (PCDATA invalid Char value 7) and so did the xlsx export."""
    catalog = sample_catalog()
    catalog.items[0].materials[0].name += "\x07"
    catalog.items[1].conditions = "第一条\x1b[2J"
    assert _errors(_json(tmp_path / "c.json", catalog)) == [
        "事项 #1 材料 #1「材料名称」:含有看不见的控制字符(U+0007,第 6 个字符),多为复制粘贴带入。"
        "请删除该字符后重试",
        "事项 #2「受理条件」:含有看不见的控制字符(U+001B,第 4 个字符),多为复制粘贴带入。"
        "请删除该字符后重试",
    ]
    folder = _csv(tmp_path)
    _edit_lines(
        folder / "事项.csv",
        lambda lines: lines.__setitem__(1, lines[1].replace("内地", "内\x00地")),
    )
    assert _errors(folder) == [
        "文件「事项.csv」第 2 行「事项名称」列:含有看不见的控制字符(U+0000,第 2 个字符),"
        "多为复制粘贴带入。请删除该字符后重试"
    ]


def test_invisible_characters_in_codes_and_names_are_refused_with_row_and_column(tmp_path: Path):
    path = tmp_path / "c.xlsx"
    write_catalog(sample_catalog(), path)
    book = load_workbook(path)
    book["事项"]["B2"].value = book["事项"]["B2"].value + "\u200b"
    book["材料"]["B2"].value = "居民\u202e身份证"
    book.save(path)
    assert _errors(path) == [
        "工作表「事项」第 2 行「业务办理项编码」列:含有看不见的零宽空格(U+200B,第 16 个字符),"
        "多为复制粘贴带入。请删除该字符后重试",
        "工作表「材料」第 2 行「材料名称」列:含有看不见的双向文本控制符(U+202E,第 3 个字符),"
        "多为复制粘贴带入。请删除该字符后重试",
    ]


def test_harmless_look_alikes_are_normalised_and_then_meet_the_duplicate_check(tmp_path: Path):
    catalog = sample_catalog()
    code = catalog.items[0].code
    full_width = code.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    catalog.items[0].code = "\u00a0" + full_width + " "
    catalog.items[0].name = "内地居民\u3000\u3000婚姻登记"
    back = read_catalog(_json(tmp_path / "c.json", catalog))
    assert (back.items[0].code, back.items[0].name) == (code, "内地居民 婚姻登记")

    catalog = sample_catalog()
    catalog.items[0].materials.append(Material("居民身份证 "))
    catalog.items[0].materials.append(Material("户口簿（原件）"))
    catalog.items[0].materials.append(Material("户口簿(原件)"))
    catalog.items.append(Item(code=full_width, name="重复", department="局"))
    assert _errors(_json(tmp_path / "d.json", catalog)) == [
        "事项 #1 材料 #4「材料名称」:事项「11210106MB0000001A」的材料「居民身份证」重复",
        "事项 #1 材料 #6「材料名称」:事项「11210106MB0000001A」的材料「户口簿(原件)」重复"
        "(与「户口簿（原件）」看起来相同,只是全角/半角、大小写或空格不同)",
        "事项 #4「事项编码」:事项编码「11210106MB0000001A」重复(与事项 #1相同)",
    ]


def test_a_code_with_a_look_alike_letter_is_refused(tmp_path: Path):
    catalog = sample_catalog()
    catalog.items[1].code = "0\u041e02"  # Cyrillic О between the zeros
    error = _errors(_json(tmp_path / "c.json", catalog))[0]
    assert error.startswith(
        "事项 #2「事项编码」:只能由英文字母、数字和 - _ . / ( ) # 组成,第 2 个字符是「О」(U+041E)"
    )


# -- bounds ------------------------------------------------------------------------------------
def test_lengths_and_numbers_are_bounded_in_every_format(tmp_path: Path):
    catalog = sample_catalog()
    catalog.items[0].legal_limit = 10**20
    catalog.items[1].name = "名" * 100_000
    catalog.items[0].materials[0].copies = 1000
    expected = [
        "事项 #1「法定办结时限」:数值太大:21 位的数字 100000000000000000000",
        "事项 #1 材料 #1「复印件份数」:数值太大:「1000」,最大为 99",
        "事项 #2「事项名称」:太长:100000 个字符,最多 200 个",
    ]
    assert _errors(_json(tmp_path / "c.json", catalog)) == expected
    path = tmp_path / "c.xlsx"
    write_catalog(sample_catalog(), path)
    book = load_workbook(path)
    book["事项"]["K2"].value = 1e20
    book["事项"]["C3"].value = "名" * 30_000
    book["材料"]["H2"].value = "1000"
    book.save(path)
    assert book["事项"]["K1"].value == "法定办结时限" and book["材料"]["H1"].value == "复印件份数"
    assert _errors(path) == [
        "工作表「事项」第 2 行「法定办结时限」列:数值太大:「100000000000000000000」,最大为 3650",
        "工作表「事项」第 3 行「事项名称」列:太长:30000 个字符,最多 200 个",
        "工作表「材料」第 2 行「复印件份数」列:数值太大:「1000」,最大为 99",
    ]


# -- xlsx cells mean what they show ------------------------------------------------------------
def _book(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "c.xlsx"
    write_catalog(sample_catalog(), path)
    book = load_workbook(path)
    edit(book)
    book.save(path)
    return path


def test_a_value_merged_over_rows_counts_for_each_row(tmp_path: Path):
    def merge(book) -> None:  # type: ignore[no-untyped-def]
        ws = book["材料"]
        assert ws["A2"].value == ws["A3"].value  # two materials of the first item
        ws["A3"].value = None
        ws.merge_cells("A2:A3")

    catalog = read_catalog(_book(tmp_path, merge))
    assert catalog == sample_catalog()


def test_formulas_without_a_saved_result_and_error_cells_are_refused(tmp_path: Path):
    def formulas(book) -> None:  # type: ignore[no-untyped-def]
        book["事项"]["C2"].value = '=CONCAT("婚姻","登记")'  # openpyxl saves no result
        book["材料"]["G2"].value = "=1/0"

    path = _book(tmp_path, formulas)
    _mark_error(path, "xl/worksheets/sheet2.xml", "G2", "#DIV/0!")
    assert _errors(path) == [
        '工作表「事项」第 2 行「事项名称」列:是公式「=CONCAT("婚姻","登记")」,但文件里没有保存它的'
        "计算结果(不是由 Excel/WPS 保存的文件)。请在 Excel/WPS 中打开后保存一次再导入,或直接填写内容",
        "工作表「材料」第 2 行「原件份数」列:是公式错误「#DIV/0!」,没有可用的值。请改正公式或直接填写内容",
    ]


def _mark_error(path: Path, part: str, ref: str, value: str) -> None:
    """Give the formula cell ``ref`` the error result Excel would save for it."""
    import re

    with zipfile.ZipFile(path) as zin:
        members = {i.filename: zin.read(i) for i in zin.infolist()}
    xml = members[part].decode()
    xml, count = re.subn(
        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?</c>',
        rf'<c r="{ref}"\1 t="e"><f>\2</f><v>{value}</v></c>',
        xml,
    )
    assert count == 1, xml[:2000]
    members[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            zout.writestr(name, data)


def test_dates_and_numbers_in_code_columns_are_refused_times_in_text_read_as_shown(tmp_path: Path):
    def cells(book) -> None:  # type: ignore[no-untyped-def]
        book["事项"]["A2"].value = date(2026, 1, 2)  # "1-2" typed into a General cell
        book["事项"]["A3"].value = 1234567890123456789  # too long for Excel's 15 digits
        book["事项"]["S3"].value = clock(8, 30)  # 办理时间

    path = _book(tmp_path, cells)
    assert load_workbook(path)["事项"]["S1"].value == "办理时间"
    errors = _errors(path)
    assert errors[0] == (
        "工作表「事项」第 2 行「事项编码」列:是日期或时间「2026-01-02」,不是编码:Excel 把输入的编码"
        "当成了日期。请把该列设为“文本”格式后重新输入编码"
    )
    assert errors[1].startswith(
        "工作表「事项」第 3 行「事项编码」列:是一个 19 位的数字,超出了 Excel"
    )
    book = load_workbook(path)
    book["事项"]["A2"].value, book["事项"]["A3"].value = "11210106MB0000001A", "0002"
    book.save(path)
    for sheet in ("材料", "情形"):  # the links of the first item were a date too
        for row in book[sheet].iter_rows(min_row=2):
            if not isinstance(row[0].value, str):
                row[0].value = "11210106MB0000001A"
    book.save(path)
    assert read_catalog(path).items[1].hours == "08:30"


def test_a_code_that_lost_its_leading_zeros_is_refused(services, tmp_path: Path):
    current = services.catalog.load()
    code = next(i.code for i in current.items if i.code.startswith("00"))
    path = tmp_path / "c.xlsx"
    write_catalog(current, path)
    book = load_workbook(path)
    for sheet in ("事项", "材料", "情形"):
        for row in book[sheet].iter_rows(min_row=2):
            if row[0].value == code:
                row[0].value = int(code)  # what Excel keeps of 001701001000 in a General cell
    book.save(path)
    with pytest.raises(CatalogFormatError) as exc:
        preview_import(services, path)
    lost = [str(e) for e in exc.value.errors]
    assert lost[:1] == [
        f"工作表「事项」第 2 行「事项编码」列:「{int(code)}」与事项编码「{code}」只差开头的 0:Excel "
        "把编码存成了数字,丢掉了开头的 0。请把该列设为“文本”格式后重新输入编码"
    ]
    # Within one file, a material linked by the zero-less code gets the same hint.
    book = load_workbook(path)
    book["事项"]["A2"].value = code
    book.save(path)
    hint = f"「事项编码」列:「{int(code)}」与事项编码「{code}」只差开头的 0"
    errors = _errors(path)
    assert errors[0].startswith(f"工作表「情形」第 2 行{hint}")
    assert any(e.startswith(f"工作表「材料」第 2 行{hint}") for e in errors)


# -- absurd workbooks --------------------------------------------------------------------------
def _rewrite(src: Path, dst: Path, part: str, change) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, change(data) if info.filename == part else data)
    return dst


def test_a_declared_or_actual_giant_sheet_is_refused_at_once(tmp_path: Path):
    base = tmp_path / "base.xlsx"
    write_catalog(sample_catalog(), base)
    sheet = "xl/worksheets/sheet2.xml"

    def dimension(xml: bytes) -> bytes:
        return xml.replace(b"<sheetViews>", b'<dimension ref="A1:XFD1048576"/><sheetViews>', 1)

    def far_cell(xml: bytes) -> bytes:
        cell = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        return xml.replace(b"</sheetData>", cell + b"</sheetData>")

    started = time.perf_counter()
    assert _errors(_rewrite(base, tmp_path / "d.xlsx", sheet, dimension)) == [
        "工作表「材料」:声明的表格范围是 A1:XFD1048576(最后一格在第 1,048,576 行、第 16,384 列),"
        "超过了上限 200,000 行、80 列。请在 Excel/WPS 中删除多余的行和列后另存"
    ]
    [error] = _errors(_rewrite(base, tmp_path / "f.xlsx", sheet, far_cell))
    assert error.startswith("工作表「材料」:")
    assert time.perf_counter() - started < 2


def test_a_sheet_the_catalog_does_not_use_is_not_held_to_the_limits(tmp_path: Path):
    path = tmp_path / "c.xlsx"
    write_catalog(sample_catalog(), path)
    book = load_workbook(path)
    book.create_sheet("说明")["A1"] = "填表说明"
    book.save(path)
    _rewrite(path, tmp_path / "d.xlsx", "xl/worksheets/sheet6.xml", _declare_whole_sheet)
    assert read_catalog(tmp_path / "d.xlsx") == sample_catalog()


def _declare_whole_sheet(xml: bytes) -> bytes:
    start = xml.index(b"<dimension")
    end = xml.index(b"/>", start) + 2
    return xml[:start] + b'<dimension ref="A1:XFD1048576"/>' + xml[end:]


def test_a_zip_bomb_is_refused_in_seconds_without_unpacking_it(tmp_path: Path):
    from tests.hostile.build_corpus import zip_bomb

    bomb = zip_bomb(tmp_path, megabytes=600)  # 600 MB of shared strings in under 1 MB
    assert bomb.stat().st_size < 2**20
    started = time.perf_counter()
    [error] = _errors(bomb)
    assert "解压后有 60" in error and "不像是事项目录" in error
    assert time.perf_counter() - started < 2


# -- JSON --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, "括号嵌套层数太深"),
        (
            '{"items": [{"code": "A", "name": "甲", "department": "局", "visits": '
            + "9" * 5000
            + "}]}",
            "事项 #1「到现场次数」:数值太大:5000 位的数字 99999999999999999999999…",
        ),
        ('{"items": [NaN]}', "NaN 不是有效的 JSON 数值"),
        ('{"items": [], "items": []}', "字段「items」出现了两次"),
    ],
)
def test_json_that_python_would_choke_on_is_one_clear_sentence(
    tmp_path: Path, text: str, expected: str
):
    path = tmp_path / "c.json"
    path.write_text(text, encoding="utf-8")
    [error] = _errors(path)
    assert expected in error


def test_json_lone_surrogates_and_wrong_types_name_the_path(tmp_path: Path):
    data = sample_catalog().to_dict()
    data["items"][0]["name"] = "婚姻\ud800登记"
    data["items"][1]["keywords"] = [1, 2]
    data["items"][2]["materials"][0]["name"] = {"x": [[[[1]]]]}
    data["bundles"][0]["items"] = "0001"
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    assert _errors(path) == [
        "事项 #1「事项名称」:含有看不见的残缺字符(单独的代理项)(U+D800,第 3 个字符),多为复制粘贴带入。"
        "请删除该字符后重试",
        "事项 #2「关键词」:应为非空文本的列表,实际为「含 2 项的列表」",
        "事项 #3 材料 #1「材料名称」:应为文本,实际为对象「含 1 个字段的对象」",
        "一件事 #1「包含事项」:应为非空文本的列表,实际为「0001」",
    ]
