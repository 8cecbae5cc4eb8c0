"""The PDF sheet and its print preview: text, page geometry, the QR code as a phone would see it."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace

import pypdf
import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from tests.samples import ID_NUMBER, PHONE, bundle_sheet, item_sheet
from ui.render.fonts import BODY_FALLBACKS, TITLE_FALLBACKS, choose_fonts, pick_family, sheet_fonts
from ui.render.pdf import write_pdf
from ui.render.preview import preview_sheet, print_action
from window_assistant.errors import UserError

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils")


def _text(path) -> str:
    """All text of the PDF with whitespace removed (table cells wrap names across lines)."""
    reader = pypdf.PdfReader(str(path))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


def _render(path, page: int, tmp_path) -> Image.Image:
    out = tmp_path / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", str(page), "-l", str(page), "-singlefile",
         str(path), str(out)],
        check=True,
    )  # fmt: skip
    return Image.open(f"{out}.png")


@pytest.fixture(scope="module")
def notice_pdf(tmp_path_factory, qapp):
    sheet = item_sheet("notice")
    path = tmp_path_factory.mktemp("pdf") / "notice.pdf"
    write_pdf(sheet, path, title_font="黑体", body_font="仿宋")
    return sheet, path


def test_pdf_pages_are_a4(notice_pdf):
    _, path = notice_pdf
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.3) <= 1
        assert abs(float(page.mediabox.height) - 841.9) <= 1


def test_pdf_text_has_title_serial_materials_and_no_personal_numbers(notice_pdf):
    sheet, path = notice_pdf
    text = _text(path)
    assert "一次性告知书" in text  # not ⼀ (U+2F00): copy and search give real Chinese
    assert re.search("[\u2e80-\u2fdf]", text) is None
    assert sheet.serial in text
    for m in sheet.materials:
        assert m.name in text, m.name
    assert "容缺后补,请于2026年3月19日前补交" in text
    assert ID_NUMBER not in text and PHONE not in text
    assert ID_NUMBER[:4] + "*" * 10 + ID_NUMBER[-4:] in text
    assert "请扫码对本次服务进行评价(一次一评)" in text


def test_serial_is_printed_at_the_top_of_every_page(notice_pdf):
    sheet, path = notice_pdf
    for page in pypdf.PdfReader(str(path)).pages:
        assert re.sub(r"\s+", "", page.extract_text()).startswith("编号:" + sheet.serial)


@needs_poppler
def test_qr_on_the_rendered_page_decodes_to_the_rating_url(notice_pdf, tmp_path):
    sheet, path = notice_pdf
    last = len(pypdf.PdfReader(str(path)).pages)
    image = _render(path, last, tmp_path)
    assert image.size[0] == pytest.approx(210 / 25.4 * 150, abs=2)
    found = zxingcpp.read_barcodes(image)
    assert [r.text for r in found] == [sheet.rating_url]
    # printed 32 mm wide, with the quiet zone: small but easy for a phone
    corners = found[0].position
    width_px = abs(corners.top_right.x - corners.top_left.x)
    assert 0.7 * 32 / 25.4 * 150 < width_px < 32 / 25.4 * 150


@needs_poppler
def test_first_page_has_gbt_margins(notice_pdf, tmp_path):
    """Ink of the body starts at the 28 mm left margin and below the 37 mm top margin."""
    _, path = notice_pdf
    gray = _render(path, 1, tmp_path).convert("L")
    px = 150 / 25.4
    top_band = gray.crop((0, 0, gray.width, round(37 * px)))
    left_band = gray.crop((0, round(37 * px), round(27.5 * px), gray.height))
    assert left_band.getextrema()[0] > 200  # nothing printed in the left margin
    # only the serial line is printed in the top margin, near its bottom
    rows = [
        y
        for y in range(top_band.height)
        if top_band.crop((0, y, gray.width, y + 1)).getextrema()[0] < 128
    ]
    assert rows and min(rows) > 12 * px
    body = gray.crop((0, round(37 * px), gray.width, gray.height))
    ink_cols = [
        x for x in range(body.width) if body.crop((x, 0, x + 1, body.height)).getextrema()[0] < 128
    ]
    assert min(ink_cols) == pytest.approx(28 * px, abs=0.6 * px)
    assert max(ink_cols) == pytest.approx((210 - 26) * px, abs=0.6 * px)


def test_long_bundle_paginates_without_losing_rows(qapp, tmp_path):
    sheet = bundle_sheet()
    assert len(sheet.materials) >= 19  # the largest bundle of the catalog: three pages
    path = tmp_path / "bundle.pdf"
    write_pdf(sheet, path, title_font="黑体", body_font="仿宋")
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) >= 3
    text = _text(path)
    for m in sheet.materials:
        assert m.name in text, m.name
    # the materials table's header row is repeated on the pages it continues on
    headers = sum(
        "序号材料名称原件复印件形式状态备注" in re.sub(r"\s+", "", p.extract_text())
        for p in reader.pages
    )
    assert headers >= 2
    for n, page in enumerate(reader.pages, 1):
        assert f"—{n}—" in re.sub(r"\s+", "", page.extract_text())


def test_correction_pdf_lists_only_missing_with_deadline(qapp, tmp_path):
    sheet = item_sheet("correction")
    path = tmp_path / "c.pdf"
    write_pdf(sheet, path, title_font="黑体", body_font="仿宋")
    text = _text(path)
    assert "一次性补正告知书" in text and "请于2026年3月12日前补正" in text
    assert "第三十二条" in text
    assert "营业执照" not in text.split("二、")[0].split("需要补正的材料")[1]


def test_font_choice_prefers_configured_then_fallbacks():
    families = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Serif CJK SC", "SimHei", "FangSong"]
    assert choose_fonts("黑体", "仿宋", families) == choose_fonts("SimHei", "FangSong", families)
    assert choose_fonts("黑体", "仿宋", families).title == "SimHei"
    assert choose_fonts("黑体", "仿宋", families).body == "FangSong"
    linux = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Serif CJK SC"]
    fonts = choose_fonts("黑体", "仿宋", linux)
    assert (fonts.title, fonts.body) == ("Noto Sans CJK SC", "Noto Serif CJK SC")
    assert pick_family("宋体", BODY_FALLBACKS, ["WenQuanYi Micro Hei"]) == "WenQuanYi Micro Hei"
    assert pick_family("黑体", TITLE_FALLBACKS, ["SimSun"]) == "SimSun"


def test_no_cjk_font_names_the_package_to_install(qapp):
    with pytest.raises(UserError) as err:
        choose_fonts("黑体", "仿宋", ["DejaVu Sans", "Liberation Serif"])
    assert "fonts-noto-cjk" in str(err.value) and "中文字体" in str(err.value)


def test_installed_fonts_are_found(qapp):
    fonts = sheet_fonts("黑体", "仿宋")
    assert "CJK" in fonts.title and "CJK" in fonts.body  # Noto CJK here, 黑体/仿宋 on Windows


def test_preview_shows_the_pages_and_ctrl_p_prints(qapp, qtbot, tmp_path):
    sheet = item_sheet("correction")
    dialog = preview_sheet(sheet, None, sheet_fonts("黑体", "仿宋"))
    qtbot.addWidget(dialog)
    action = print_action(dialog)
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    with qtbot.waitActive(dialog):  # the shortcut works in the active window
        dialog.show()
        dialog.activateWindow()
    screen = dialog.screen().availableGeometry()
    assert dialog.height() >= 0.9 * screen.height()  # the page is readable, not a thumbnail
    assert dialog.width() >= min(1000, screen.width()) * 0.99
    preview = dialog.findChild(QPrintPreviewWidget)
    reference = tmp_path / "ref.pdf"
    write_pdf(sheet, reference, title_font="黑体", body_font="仿宋")
    qtbot.waitUntil(lambda: preview.pageCount() > 0)
    assert preview.pageCount() == len(pypdf.PdfReader(str(reference)).pages)

    printer: QPrinter = dialog.printer()
    out = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))

    def accept_print_dialog():
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not dialog:
            modal.accept()
        else:
            QTimer.singleShot(50, accept_print_dialog)

    QTimer.singleShot(50, accept_print_dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_P, modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(out.exists, timeout=5000)
    printed = _text(out)  # printed to a PDF file, as this machine has no printer
    assert sheet.serial in printed and sheet.title in printed
    assert re.search("[\u2e80-\u2fdf]", printed) is None  # real Chinese, not radicals


def test_no_page_is_left_blank(qapp, tmp_path, services):
    """Every page carries sheet text besides the serial and the page number. A short 补正 sheet
    registered at the counter once came out with a blank third page (its trailing empty
    paragraph spilled over)."""
    from window_assistant.cases.registration import CaseRequest, CaseService
    from window_assistant.sheets.model import Person

    service = CaseService(services)
    request = CaseRequest(
        subject_kind="item",
        subject_code="000920001000",
        answers={"agent": "是"},
        brought={"社会保险登记表（单位）", "授权委托书"},
        applicant=Person("张三", id_number="11010519491231002X", phone="13812345678"),
    )
    sheet = service.register(request, services.default_clerk()).sheet
    path = tmp_path / "short.pdf"
    write_pdf(sheet, path, title_font="黑体", body_font="仿宋")
    for number, page in enumerate(pypdf.PdfReader(str(path)).pages, start=1):
        text = re.sub(r"\s+", "", page.extract_text())
        text = text.replace(re.sub(r"\s+", "", sheet.serial), "").replace(f"—{number}—", "")
        assert len(text) > 20, f"page {number} is blank"


@needs_poppler
def test_without_rating_by_phone_the_pdf_has_no_qr_and_says_where_to_rate(qapp, tmp_path):
    sheet = replace(item_sheet("notice"), rating_url="")
    path = tmp_path / "no-qr.pdf"
    write_pdf(sheet, path, title_font="黑体", body_font="仿宋")
    text = _text(path)
    assert "请在窗口评价器上对本次服务进行评价(一次一评)" in text
    assert "请扫码" not in text
    for page in range(1, len(pypdf.PdfReader(str(path)).pages) + 1):
        assert zxingcpp.read_barcodes(_render(path, page, tmp_path)) == []
