"""Rating by phone is chosen, never assumed: no address phones reach, no QR code on the sheet,
which then says where to rate instead (the counter's pad)."""

from __future__ import annotations

import io
import zipfile

import pytest
import zxingcpp
from docx import Document
from PIL import Image

from tests.core.test_cases import rongque_request
from window_assistant.accounts import INSTALLER
from window_assistant.cases.registration import CaseService
from window_assistant.errors import UserError
from window_assistant.sheets.content import PAD_CAPTION, QR_CAPTION
from window_assistant.sheets.docx import write_docx


def _docx(case, tmp_path):
    path = tmp_path / "sheet.docx"
    write_docx(case.sheet, path)
    with zipfile.ZipFile(path) as z:
        images = [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
    doc = Document(str(path))
    text = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        text += [c.text for row in table.rows for c in row.cells]
    return images, "\n".join(text)


def test_a_fresh_installation_has_no_address_and_phones_off(services):
    assert services.settings.rating_host == ""
    assert services.settings.rating_by_phone is False
    assert services.settings.phone_rating_host() == ""


def test_without_a_chosen_address_the_sheet_has_no_qr_and_says_where_to_rate(services, tmp_path):
    case = CaseService(services).register(rongque_request(), services.default_clerk())
    assert case.rating_url == "" and case.sheet.rating_url == ""
    assert case.token  # the case can still be rated, on the pad
    images, text = _docx(case, tmp_path)
    assert images == []
    assert PAD_CAPTION in text and QR_CAPTION not in text and "127.0.0.1" not in text


def test_an_address_without_rating_by_phone_prints_no_qr(services, tmp_path):
    services.settings.change(INSTALLER, {"rating.host": "192.168.1.20"})
    case = CaseService(services).register(rongque_request(), services.default_clerk())
    assert case.rating_url == ""
    images, text = _docx(case, tmp_path)
    assert images == [] and PAD_CAPTION in text


def test_with_a_chosen_address_the_qr_decodes_to_the_rating_url(services, tmp_path):
    services.settings.change(
        INSTALLER, {"rating.host": "192.168.1.20", "rating.port": "9100", "rating.by_phone": "是"}
    )
    case = CaseService(services).register(rongque_request(), services.default_clerk())
    assert case.rating_url == f"http://192.168.1.20:9100/r/{case.token}"
    [png], text = _docx(case, tmp_path)
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [r.text for r in decoded] == [case.rating_url]
    assert QR_CAPTION in text and PAD_CAPTION not in text


def test_rating_by_phone_needs_an_address_and_nothing_is_saved_otherwise(services):
    with pytest.raises(UserError) as refused:
        services.settings.change(INSTALLER, {"rating.by_phone": True, "rating.port": 9100})
    assert "请先选择评价服务地址" in str(refused.value)
    assert services.settings.rating_by_phone is False and services.settings.rating_port == 8765
    services.settings.change(INSTALLER, {"rating.host": "10.1.2.3", "rating.by_phone": True})
    with pytest.raises(UserError):  # clearing the address while phones rate
        services.settings.change(INSTALLER, {"rating.host": ""})
    assert services.settings.phone_rating_host() == "10.1.2.3"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.1.1", "localhost", "0.0.0.0"])
def test_a_loopback_address_is_refused_with_the_reason(services, host):
    with pytest.raises(UserError) as refused:
        services.settings.change(INSTALLER, {"rating.host": host})
    assert f"评价服务地址不能是 {host}" in str(refused.value)
    assert services.settings.rating_host == ""
