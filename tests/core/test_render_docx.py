"""The .docx sheet read back with python-docx: what a clerk opening it in Word would see."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
import zxingcpp
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from PIL import Image

from tests.samples import ID_NUMBER, PHONE, bundle_sheet, item_sheet
from window_assistant.sheets.content import SHARED_TEXT
from window_assistant.sheets.docx import write_docx


def _all_xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(
            z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))
        )


def _body_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    sheet = item_sheet("notice")
    path = tmp_path_factory.mktemp("docx") / "notice.docx"
    write_docx(sheet, path)
    return sheet, path, Document(str(path))


def test_every_section_is_a4_with_gbt_9704_margins(notice):
    _, _, doc = notice
    for section in doc.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.5)
        assert abs(section.page_height - Mm(297)) < Mm(0.5)
        for value, mm in (
            (section.top_margin, 37),
            (section.bottom_margin, 35),
            (section.left_margin, 28),
            (section.right_margin, 26),
        ):
            assert abs(value - Mm(mm)) < Mm(0.5)


def test_east_asian_font_on_normal_style_and_every_run(tmp_path):
    path = tmp_path / "s.docx"
    write_docx(item_sheet(), path, title_font="方正小标宋简体", body_font="仿宋_GB2312")
    doc = Document(str(path))
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    runs = [r for p in doc.paragraphs for r in p.runs]
    runs += [
        r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
        for r in p.runs
    ]  # fmt: skip
    texts = [r for r in runs if r.text.strip()]
    assert len(texts) > 50
    for run in texts:
        assert run._r.rPr.rFonts.get(qn("w:eastAsia")) in ("仿宋_GB2312", "方正小标宋简体")
    title = next(r for r in texts if r.text == "一次性告知书")
    assert title._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"


def test_content_materials_statuses_and_people(notice):
    sheet, _, doc = notice
    text = _body_text(doc)
    assert "一次性告知书" in text
    for m in sheet.materials:
        assert m.name in text
    assert "已提交 ✓" in text and SHARED_TEXT in text and "缺" in text
    assert "容缺后补,请于2026年3月19日前补交" in text
    assert "王建国" in text and "赵敏" in text
    assert sheet.subject_code in text and "法定办结时限:10个工作日" in text
    assert "经营主体业态:餐饮服务经营者" in text
    assert "李晓梅" in text and "3号综合窗口" in text


def test_id_number_and_phone_never_appear_whole(notice):
    sheet, path, _ = notice
    xml = _all_xml(path)
    assert ID_NUMBER not in xml
    assert ID_NUMBER[6:14] not in xml  # not even the birth date
    assert PHONE not in xml
    assert ID_NUMBER[:4] + "*" * 10 + ID_NUMBER[-4:] in xml


def test_serial_is_in_the_page_header(notice):
    sheet, _, doc = notice
    header = doc.sections[0].header
    assert not header.is_linked_to_previous
    assert sheet.serial in "".join(p.text for p in header.paragraphs)


def test_materials_table_has_fixed_widths_and_repeats_its_header(notice):
    sheet, _, doc = notice
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "材料名称")
    assert len(table.rows) == 1 + len(sheet.materials)
    tbl_pr = table._tbl.tblPr
    assert tbl_pr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    for row in table.rows:  # a row never splits across pages (issue 11 §2)
        tr_pr = row._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
    widths = [c.width for c in table.rows[1].cells]
    assert abs(sum(widths) - Mm(156)) < Mm(1)


def test_missing_rows_are_highlighted(notice):
    sheet, _, doc = notice
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "材料名称")
    for row, m in zip(table.rows[1:], sheet.materials):
        shaded = row.cells[1]._tc.tcPr.find(qn("w:shd")) is not None
        assert shaded == (m.status in ("missing", "later")), m.name


def test_embedded_qr_decodes_to_the_rating_url(notice):
    sheet, path, _ = notice
    with zipfile.ZipFile(path) as z:
        images = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len(images) == 1
        image = Image.open(io.BytesIO(z.read(images[0])))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [sheet.rating_url]
    assert "请扫码对本次服务进行评价(一次一评)" in _body_text(Document(str(path)))


def test_correction_sheet_prints_the_deadline_and_statutory_note(tmp_path):
    sheet = item_sheet("correction")
    path = tmp_path / "c.docx"
    write_docx(sheet, path)
    text = _body_text(Document(str(path)))
    assert "一次性补正告知书" in text
    assert "请于2026年3月12日前补正" in text
    assert "第三十二条" in text
    table = next(t for t in Document(str(path)).tables if t.rows[0].cells[1].text == "材料名称")
    assert [r.cells[1].text for r in table.rows[1:]] == sheet.missing


def test_rongque_sheet_has_commitment_and_applicant_signature_line(tmp_path):
    path = tmp_path / "r.docx"
    write_docx(item_sheet("rongque"), path)
    text = _body_text(Document(str(path)))
    assert "容缺受理承诺书" in text and "申请人承诺" in text
    assert "承诺人(签字/盖章):" in text and "请于2026年3月19日前补交全部容缺材料" in text
    assert "申请人(签字)" not in text  # the applicant signs once, as 承诺人


def test_notices_are_signed_by_the_clerk_and_the_applicant(tmp_path):
    for kind in ("notice", "correction"):
        path = tmp_path / f"{kind}.docx"
        write_docx(item_sheet(kind), path)
        text = _body_text(Document(str(path)))
        assert "窗口工作人员" in text and "申请人(签字)" in text and "承诺人" not in text


def test_bundle_with_twenty_materials_lists_them_all(tmp_path):
    sheet = bundle_sheet()
    assert len(sheet.materials) >= 19  # 企业开办: 住所 is no longer asked twice
    path = tmp_path / "b.docx"
    write_docx(sheet, path)
    text = _body_text(Document(str(path)))
    for m in sheet.materials:
        assert m.name in text
    for item in sheet.items:
        assert item.code in text


# tblPr children in the order CT_TblPr declares them (ECMA-376 Part 1, 17.4.60), each at most once
TBL_PR_ORDER = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
]  # fmt: skip


def _local(el) -> str:
    return el.tag.rsplit("}", 1)[-1]


def test_document_xml_has_the_structure_word_requires(tmp_path):
    """Word refuses a file whose cells lack a paragraph or whose table properties repeat or are
    out of order; check every table, row, cell and paragraph of a long bundle sheet."""
    from lxml import etree

    path = tmp_path / "b.docx"
    write_docx(bundle_sheet(), path)
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        root = etree.fromstring(z.read("word/document.xml"))
        content_types = z.read("[Content_Types].xml").decode()
        assert 'Extension="png"' in content_types
        rels = z.read("word/_rels/document.xml.rels").decode()
        assert "media/image1.png" in rels and "header1.xml" in rels and "footer1.xml" in rels
    body = root.find(qn("w:body"))
    assert _local(body[-1]) == "sectPr"
    assert {_local(child) for child in body[:-1]} <= {"p", "tbl"}
    tables = list(root.iter(qn("w:tbl")))
    assert len(tables) == 3
    for tbl in tables:
        assert [_local(el) for el in tbl[:2]] == ["tblPr", "tblGrid"]
        names = [_local(el) for el in tbl[0]]
        assert len(names) == len(set(names)), names
        assert names == sorted(names, key=TBL_PR_ORDER.index), names
        columns = len(tbl[1].findall(qn("w:gridCol")))
        rows = tbl[2:]
        assert rows and all(_local(row) == "tr" for row in rows)
        for row in rows:
            cells = row.findall(qn("w:tc"))
            assert len(cells) == columns
            for tc in cells:
                assert _local(tc[0]) == "tcPr"
                assert len(tc) > 1 and all(_local(el) == "p" for el in tc[1:])
    for p in root.iter(qn("w:p")):
        kinds = [_local(el) for el in p]
        assert "pPr" not in kinds[1:] and set(kinds) <= {"pPr", "r"}, kinds
    for r in root.iter(qn("w:r")):
        kinds = [_local(el) for el in r]
        assert "rPr" not in kinds[1:] and set(kinds) <= {"rPr", "t", "br", "tab", "drawing"}


def test_sheets_written_one_after_another_keep_their_own_content(tmp_path):
    """The parts shared by every sheet are prepared once; nothing of one sheet leaks into the
    next one written by the same process."""
    first, second = item_sheet("notice"), bundle_sheet()
    write_docx(first, tmp_path / "1.docx")
    write_docx(second, tmp_path / "2.docx")
    doc = Document(str(tmp_path / "2.docx"))
    assert second.serial in doc.sections[0].header.paragraphs[0].text
    assert first.serial not in _all_xml(tmp_path / "2.docx")
    assert first.rating_url != second.rating_url
    with zipfile.ZipFile(tmp_path / "2.docx") as z:
        images = [n for n in z.namelist() if n.startswith("word/media/")]
        image = Image.open(io.BytesIO(z.read(images[0])))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [second.rating_url]
    footer = doc.sections[0].footer.paragraphs[0]._p
    assert len(footer.findall(".//" + qn("w:instrText"))) == 1  # one page field, not one per sheet


def test_headings_and_signatures_keep_with_what_follows(tmp_path):
    """A heading or a line alone at the foot or top of a page (seen in LibreOffice) looks like
    a printing error."""
    path = tmp_path / "c.docx"
    write_docx(item_sheet("correction"), path)
    document = Document(str(path))
    headings = [p for p in document.paragraphs if re.match("[一二三四五六七]、", p.text)]
    assert len(headings) >= 4
    for heading in headings:
        assert heading.paragraph_format.keep_with_next, heading.text
    # The signatures go to a page with the QR block, not one line alone on the last page.
    signatures = [
        p for p in document.paragraphs if p.text.startswith(("窗口工作人员", "申请人(签字)"))
    ]
    assert len(signatures) == 2 and all(p.paragraph_format.keep_with_next for p in signatures)
    texts = [p.text for p in document.paragraphs]
    contact = next(i for i, t in enumerate(texts) if t.startswith("地址:"))
    assert contact < texts.index(signatures[0].text)
    pprs = [p._p.pPr for p in document.paragraphs if p._p.pPr is not None]
    for ppr in pprs:  # keepNext comes before spacing, as the schema orders them
        names = [_local(el) for el in ppr]
        assert names == sorted(names, key=["keepNext", "spacing", "ind", "jc"].index), names
