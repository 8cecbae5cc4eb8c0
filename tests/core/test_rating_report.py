"""The monthly 好差评 report (issue 10 §4, §7) read back with python-docx: its figures against
``statistics``, the 差评 with their steps as corrected, appeals apart, the full chain heads, the
signature line, the page and fonts the sheets have, the charts; refusals; an empty month."""

from __future__ import annotations

import io
import re
import warnings
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from PIL import Image

from tests.core.test_followups import boss, step
from tests.core.test_render_docx import _body_text
from tests.core.test_stats import ITEM, TODAY, at, build_data
from tests.store_helpers import table_rows
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.ratings import charts
from window_assistant.ratings.followups import followups
from window_assistant.ratings.log import chain_heads, record_rating
from window_assistant.ratings.report import (
    STEPS,
    Chart,
    build_report,
    parse_month,
    percent,
    report_writer_for,
    write_report,
)
from window_assistant.ratings.stats import statistics
from window_assistant.services import open_services
from window_assistant.sheets import content as paper
from window_assistant.sheets.model import Person
from window_assistant.vocab import FollowUpStep, RatingChannel, RatingLevel

St = FollowUpStep
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
PHONE = "13912345678"


def build_month(services):
    """``test_stats``'s data set, plus a 差评 from a named citizen whose comment holds a phone
    number, verified with a finding that is then corrected."""
    build_data(services)
    person = Person("李四", "person", "resident_id", "", PHONE)
    request = CaseRequest("item", ITEM, applicant=person, kind="notice")
    case = CaseService(services, clock=lambda: at(16, 9)).register(
        request, services.default_clerk()
    )
    record_rating(
        services, case.token, RatingLevel.VERY_DISSATISFIED, ["等候时间长"],
        f"等了一小时,请回电 {PHONE}", RatingChannel.QR_CODE, "d", now=at(16),
    )  # fmt: skip
    verified = step(services, case, St.VERIFY, at(17, 11), finding="排队叫号系统故障")
    step(
        services, case, St.CORRECT, at(17, 15), step=verified.steps[0].id, reason="核实有误",
        fields={"finding": "当日窗口人员不足"},
    )  # fmt: skip
    return case


@pytest.fixture
def month(services):
    build_month(services)
    return services


@pytest.fixture
def out(tmp_path):
    """An empty folder for the report (the database lives beside it in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory):
    """March's report, written once for the tests that only read it: (report, path, document,
    progress ticks, services)."""
    folder = tmp_path_factory.mktemp("report")
    services = open_services(folder / "wa.db")
    build_month(services)
    (folder / "out").mkdir()
    path = folder / "out" / "月报.docx"
    ticks: list[tuple[int, int]] = []
    report = write_report(
        services, boss(services), "2026-03", path, today=TODAY, progress=lambda *t: ticks.append(t)
    )
    yield report, path, Document(str(path)), ticks, services
    services.close()


def _table_after(doc, header: str):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == header)


def test_the_title_and_the_months_figures_as_statistics_counts_them(report_docx):
    report, _, doc, _, month = report_docx
    assert doc.paragraphs[0].text == "鞍山市铁西区政务服务中心“好差评”月度报告（2026年3月）"
    assert report.title == doc.paragraphs[0].text
    fig = statistics(month, *MARCH, today=TODAY).overall
    overall = doc.tables[0]
    cells = {}
    for row in overall.rows[1:]:
        texts = [c.text for c in row.cells]
        cells[texts[0]], cells[texts[2]] = texts[1], texts[3]
    f = fig.followup.to_json()
    expected = {
        "评价总数": str(fig.total),
        "申诉成立不计入": "1",
        "好评率(主动评价好评率)": percent(fig.good_rate),
        "平均分": f"{fig.average_score:.2f}",
        "非常不满意": "1",
        "渠道:二维码": str(fig.by_channel["qr_code"]),
        "可评价办件": str(fig.ratable),
        "未评办件": str(fig.unrated),
        "主动评价率": percent(fig.active_rate),
        "未评率": percent(fig.unrated_rate),
        "差评回复率": percent(f["reply_rate"]),
        "回访率(实名差评)": percent(f["revisit_rate"]),
        "回访整改满意率": percent(f["revisit_satisfaction_rate"]),
        "超期未办": str(f["overdue_open"]),
    }
    assert {k: cells[k] for k in expected} == expected
    # the hand-counted set plus the new 非常不满意: 5 counted, 3 good, 2 bad, one excluded
    assert (fig.total, fig.good, fig.bad, fig.excluded) == (5, 3, 2, 1)
    assert cells["好评率(主动评价好评率)"] == "60%" and cells["差评回复率"] == "50%"
    per_clerk = _table_after(doc, "经办人")
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in per_clerk.rows[1:]}
    for g in statistics(month, *MARCH, "clerk", today=TODAY).groups:
        assert rows[g.label][1:4] == [str(g.total), str(g.bad), percent(g.good_rate)]
    per_window = _table_after(doc, "窗口")
    assert [r.cells[0].text for r in per_window.rows[1:]] == ["1号综合窗口"]


def test_the_bad_ratings_with_their_steps_as_corrected_and_their_deadlines(report_docx):
    _, _, doc, _, month = report_docx
    text = _body_text(doc)
    counted = [f for f in followups(month, date_from=MARCH[0], date_to=MARCH[1]) if not f.excluded]
    assert len(counted) == 2
    for n, f in enumerate(counted, 1):
        assert f"{n}. 办件 {f.serial}," in text
    steps = [t for t in doc.tables if t.rows[0].cells[0].text == "时间"]
    first = [[c.text for c in r.cells] for r in steps[0].rows[1:]]
    assert [r[1] for r in first] == ["核实", "立行立改", "回访", "办结"]
    assert first[0] == ["2026-03-10 15:00", "核实", "王主任", "核实情况:属实"]
    assert "回访日期:2026-03-11;回访方式:电话;群众对处理结果的评价:满意" in first[2][3]
    assert "核实期限 2026-03-11:2026-03-10 完成,按时" in text
    assert "整改期限 2026-03-31:2026-03-10 完成,按时;当前状态:已办结" in text
    # the correction: the corrected finding, who corrected it, when and why; no row of its own
    second = [[c.text for c in r.cells] for r in steps[1].rows[1:]]
    assert len(second) == 1
    assert second[0][3] == (
        "核实情况:当日窗口人员不足〔王主任于2026-03-17 15:00更正,原因:核实有误〕"
    )
    assert "排队叫号系统故障" not in text
    # 3月16日 (Monday) + 1 working day: verified on the 17th, in time; 整改 still open
    assert "核实期限 2026-03-17:2026-03-17 完成,按时" in text
    assert "整改期限 2026-04-07:未完成,尚未到期;当前状态:待处理" in text
    # the citizen's comment is there, masked; the tag too
    assert PHONE not in text and "请回电 139****5678" in text and "标签:等候时间长" in text


def test_appeals_and_the_excluded_rating_are_listed_apart(report_docx):
    _, _, doc, _, month = report_docx
    excluded = [f for f in followups(month) if f.excluded]
    assert len(excluded) == 1
    serial = excluded[0].serial
    appeals = _table_after(doc, "办件")
    row = [c.text for c in appeals.rows[1].cells]
    assert row[0] == serial
    assert row[1].startswith("申诉类型:误评;申诉理由:评价人按错(赵丽,2026-03-10 10:00)")
    assert row[2].startswith("复核结论:成立;复核意见:属实(王主任,2026-03-11 10:00)")
    assert row[3] == "不计入统计"
    text = _body_text(doc)
    assert "申诉成立、不计入统计的评价:" in text
    apart = [t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == ["办件", "评价时间"]]
    assert [c.text for c in apart[0].rows[1].cells][:3] == [
        serial,
        "2026-03-10 10:00",
        "非常不满意",
    ]
    assert f"办件 {serial}," not in text  # not among the counted 差评


def test_every_windows_chain_head_in_full_and_the_signature_line(report_docx):
    report, _, doc, _, month = report_docx
    heads = chain_heads(month)
    assert heads and report.heads == heads
    lines = [p.text for p in doc.paragraphs]
    for head in heads:
        assert re.fullmatch(r"[0-9a-f]{64}", head.hash)
        assert head.text() in lines  # a line of its own, ready for ratings verify --head
        assert f"1号综合窗口(窗口 {head.window}):共 {head.count} 条" in lines
    assert any(line.startswith("审核人(签字):____") and "日期:" in line for line in lines)
    assert "制表:王主任" in "\n".join(lines)


def test_laid_out_like_the_sheets_a4_margins_fonts_and_four_charts(report_docx):
    _, _, doc, _, _ = report_docx
    section = doc.sections[0]
    for length, mm in [
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, paper.MARGIN_TOP_MM),
        (section.bottom_margin, paper.MARGIN_BOTTOM_MM),
        (section.left_margin, paper.MARGIN_LEFT_MM),
        (section.right_margin, paper.MARGIN_RIGHT_MM),
    ]:
        assert abs(length - Mm(mm)) < Mm(0.1)  # stored in twips
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    title_run = doc.paragraphs[0].runs[0]
    assert title_run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    runs = [r for p in doc.paragraphs for r in p.runs if r.text]  # not the pictures
    assert all(r._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for r in runs)
    shapes = doc.inline_shapes
    assert len(shapes) == 4
    for shape in shapes:
        assert abs(shape.width - Mm(paper.TEXT_WIDTH_MM)) < Mm(1)
        blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        image = Image.open(io.BytesIO(doc.part.related_parts[blob].blob))
        assert image.size == (charts.WIDTH, charts.HEIGHT)
        # drawn: far more than the white page and a title
        assert len(image.getcolors(1 << 16) or range(1 << 16)) > 8
    captions = [p.text for p in doc.paragraphs if p.text.startswith("图")]
    assert [c[:2] for c in captions] == ["图1", "图2", "图3", "图4"]


def test_written_whole_with_progress_and_audited(report_docx):
    _, path, _, ticks, month = report_docx
    assert ticks == [(n, STEPS) for n in range(1, STEPS + 1)]
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # nothing staged left
    entries = [e for e in month.audit.entries() if e.action == "ratings.report"]
    assert len(entries) == 1
    assert entries[0].actor == "S01"
    assert entries[0].detail["month"] == "2026-03" and entries[0].detail["path"] == str(path)
    assert entries[0].detail["heads"] == [h.text() for h in chain_heads(month)]


def test_a_clerk_is_refused_and_nothing_is_written(month, out):
    path = out / "月报.docx"
    with pytest.raises(PermissionDenied, match="无权生成好差评月度报告"):
        write_report(month, month.default_clerk(), "2026-03", path, today=TODAY)
    with pytest.raises(PermissionDenied):
        build_report(month, month.default_clerk(), "2026-03", today=TODAY)
    assert list(out.iterdir()) == []
    assert not [e for e in month.audit.entries() if e.action == "ratings.report"]


@pytest.mark.parametrize("bad", ["2026-13", "三月", "2026-00", "2026/03", "", "26-03"])
def test_a_bad_month_is_a_chinese_error(bad, services, out):
    with pytest.raises(UserError, match="应写成 年-月,例如 2026-03"):
        parse_month(bad)
    with pytest.raises(UserError, match="月份"):
        write_report(services, boss(services), bad, out / "a.docx")
    assert list(out.iterdir()) == []


def test_an_unknown_format_is_refused_before_any_work(services, tmp_path):
    with pytest.raises(UserError, match=r"文件 月报\.txt 的扩展名应为 \.docx.*例如 月报\.docx"):
        report_writer_for(tmp_path / "月报.txt")


def test_an_empty_month_says_there_were_no_ratings(month, tmp_path):
    path = tmp_path / "二月.docx"
    report = write_report(month, boss(month), "2026-02", path, today=TODAY)
    doc = Document(str(path))
    text = _body_text(doc)
    assert "本月没有收到评价。" in text
    assert "本月没有计入统计的评价,不绘制图表。" in text
    assert "本月没有计入统计的差评。" in text and "本月没有申诉。" in text
    assert len(doc.inline_shapes) == 0 and not any(isinstance(b, Chart) for b in report.blocks)
    # the heads are the whole log's, whatever the month
    assert [h.text() for h in chain_heads(month)][0] in text
    assert "审核人(签字)" in text


def test_without_a_cjk_font_the_charts_use_english_and_a_warning_says_so(
    month, tmp_path, monkeypatch
):
    monkeypatch.setenv(charts.FONT_ENV, "none")
    charts.cjk_font_file.cache_clear()
    charts._font.cache_clear()
    try:
        with pytest.warns(UserWarning, match="没有找到中文字体"):
            report = write_report(month, boss(month), "2026-03", tmp_path / "a.docx", today=TODAY)
    finally:
        monkeypatch.undo()
        charts.cjk_font_file.cache_clear()
        charts._font.cache_clear()
    drawn = [b for b in report.blocks if isinstance(b, Chart)]
    assert len(drawn) == 4 and all(Image.open(io.BytesIO(b.png)).size for b in drawn)
    assert "tag 1 = 等候时间长" in drawn[3].caption  # the key to the English tag labels


def test_the_charts_find_this_machines_cjk_font():
    found = charts.cjk_font_file()
    assert found is not None and Path(found[0]).is_file()  # CI installs fonts-noto-cjk
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        charts.warn_if_no_cjk()


def test_building_alone_writes_and_audits_nothing(month):
    before = table_rows(month.store, "audit_log")
    report = build_report(month, boss(month), date(2026, 3, 17), today=TODAY)
    assert report.month == date(2026, 3, 1) and report.stats.date_to == date(2026, 3, 31)
    assert table_rows(month.store, "audit_log") == before
