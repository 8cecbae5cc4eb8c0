"""The 收件回执 as PDF, read back with pypdf: one page at the counter for 企业设立登记 with the
applicant and an agent filled in and every material taken, and, when it truly needs two pages,
its signatures go there with the last rows of its table, never alone."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

import pypdf
import pytest
from PySide6.QtGui import QPdfWriter

from tests.samples import COMPANY, COMPANY_ALL_BROUGHT, COMPANY_OWNED, catalog
from ui.render.fonts import sheet_fonts
from ui.render.pdf import build_document, setup_page, write_pdf
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.sheets.build import Subject, merged_materials, situations
from window_assistant.sheets.content import sheet_content
from window_assistant.sheets.model import Person
from window_assistant.vocab import SubjectKind

# Leased premises and an agent: the longest receipt of 企业设立登记 (seven materials).
LEASED_BY_AGENT = {**COMPANY_OWNED, "premises": "租赁房产", "agent": "是"}
BROUGHT_BY_AGENT = (set(COMPANY_ALL_BROUGHT) - {"不动产权证书"}) | {
    "房屋租赁合同",
    "经办人居民身份证",
    "授权委托书",
}
APPLICANT = Person("张晓梅", id_number="11010519491231002X", phone="13812341234")
AGENT = Person("李四", id_number="21030219850312123X", phone="13912345678")


def pages(path) -> list[str]:
    return [re.sub(r"\s+", "", p.extract_text()) for p in pypdf.PdfReader(str(path)).pages]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def receipt(services, qapp):
    """The 收件回执 of a case accepted at the counter, as the case dialog registers it."""
    cases = CaseService(services, clock=lambda: datetime(2026, 12, 2, 9, 40))

    def receipt(kind: str, code: str, answers: dict[str, str], brought: set[str]):
        request = CaseRequest(
            kind,
            code,
            answers=answers,
            brought=brought,
            applicant=APPLICANT,
            agent=AGENT,
            outcome="受理",
            receipt=True,
        )
        [paper] = cases.register(request, services.default_clerk()).papers
        return paper.sheet

    return receipt


def test_the_company_receipt_with_applicant_and_agent_is_one_page(receipt, tmp_path):
    sheet = receipt("item", COMPANY, LEASED_BY_AGENT, BROUGHT_BY_AGENT)
    assert len(sheet.materials) == 7
    path = tmp_path / "receipt.pdf"
    write_pdf(sheet, path, title_font="黑体", body_font="仿宋")
    (text,) = pages(path)
    signatures = sheet_content(sheet).signatures
    for words in ("收件回执", "授权委托书", "说明", "第三十二条第一款第（四）项", *signatures):
        assert squeezed(words) in text, words


def test_the_receipt_of_the_largest_bundle_is_one_page(receipt, tmp_path):
    """The 一件事 of the most materials (each situation answered with its first option), all
    taken: one page, its table's empty 备注 cells one line of the table's type, not the body's."""
    sheet = receipt("bundle", *largest_bundle(answered=True))
    assert len(sheet.materials) >= 16
    path = tmp_path / "receipt.pdf"
    write_pdf(sheet, path, title_font="黑体", body_font="仿宋")
    (text,) = pages(path)
    assert squeezed(sheet.materials[-1].name) in text and "收件人" in text


def largest_bundle(answered: bool) -> tuple[str, dict[str, str], set[str]]:
    """(code, answers, materials brought) of the 一件事 of the most materials, each situation
    answered with its first option, those shared as 电子证照 not brought (as
    docs/tools/sheet_pages.py measures); not ``answered``: of the most items, every material."""
    bundled = catalog()
    items = bundled.item_map()
    subjects = [
        Subject(SubjectKind.BUNDLE, b.code, b.name, [items[c] for c in b.items])
        for b in bundled.bundles
    ]

    def answers(subject: Subject) -> dict[str, str]:
        return {s.key: s.options[0] for s in situations(subject) if s.options} if answered else {}

    def materials(subject: Subject) -> set[str]:
        merged = merged_materials(subject, answers(subject))
        return {m.name for m in merged if not (answered and m.shareable)}

    best = max(subjects, key=lambda s: len(materials(s)) if answered else len(s.items))
    return best.code, answers(best), materials(best)


def test_a_receipt_of_two_pages_takes_its_last_rows_to_the_signatures(receipt, tmp_path):
    """The 一件事 of the most items, given more materials until its receipt first needs a
    second page (what overflows is the foot of the paper, where the signatures alone would go),
    and a few more."""
    sheet = receipt("bundle", *largest_bundle(answered=False))
    fonts = sheet_fonts("黑体", "仿宋")
    device = QPdfWriter(str(tmp_path / "layout.pdf"))
    device.setResolution(600)
    setup_page(device)

    def longer(n: int):
        rows = [
            replace(m, name=f"{m.name}（{k // len(sheet.materials) + 1}）")
            for k, m in ((k, sheet.materials[k % len(sheet.materials)]) for k in range(n))
        ]
        return replace(sheet, materials=rows)

    def page_count(n: int) -> int:
        return build_document(longer(n), fonts, device).pageCount()

    low, high = 1, 64  # the fewest materials that take two pages
    assert page_count(low) == 1 and page_count(high) >= 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if page_count(middle) == 1 else (low, middle)
    # from there on, table rows before the signatures: the table's foot anywhere on page 2
    for n in range(high, high + 8):
        long = longer(n)
        path = tmp_path / f"receipt-{n}.pdf"
        write_pdf(long, path, title_font="黑体", body_font="仿宋")
        *_, last = pages(path)
        assert len(pages(path)) == 2, n
        signatures = [squeezed(s) for s in sheet_content(long).signatures]
        assert all(s in last for s in signatures), n
        assert squeezed(long.materials[-1].name) in last, n  # the last row goes with them
        assert "说明" in last, n
