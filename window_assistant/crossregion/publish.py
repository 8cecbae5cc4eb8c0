"""The public 跨域通办 list (公示): built as plain data, then written as .docx or PDF.

The paper is made of the monthly report's blocks (``ratings.report``: headings, paragraphs,
tables) with a title and a page header, so it goes through the same writers: ``.docx`` by the
report's python-docx writer (A4, GB/T 9704 margins, ``w:eastAsia`` faces, like the sheets) and
PDF by the plug-in of the entry-point group ``window_assistant.report_writers`` (the Qt
renderer in ``ui/render/report_pdf.py``, which the core never names). Those writers read only
``title``, ``header_line``, ``blocks`` and ``all_text()``.

Grouped by scope (全国, 跨省, 省内跨市, 市内跨县) and then department, each item with its mode,
partner regions and the contact window of each agreement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from window_assistant.errors import UserError
from window_assistant.permissions import Action
from window_assistant.ratings.report import (
    DOCX,
    WRITERS_GROUP,
    Block,
    Heading,
    Paragraph,
    Table,
    paper_text,
)
from window_assistant.vocab import CrossMode

if TYPE_CHECKING:
    from window_assistant.accounts import User
    from window_assistant.crossregion.service import ListRow
    from window_assistant.services import Services

# 《国务院办公厅关于加快推进政务服务“跨省通办”的指导意见》, 国办发〔2020〕35号 (2020-09-24).
BASIS = "《国务院办公厅关于加快推进政务服务“跨省通办”的指导意见》（国办发〔2020〕35号）"
WIDTHS_MM = (12.0, 44.0, 20.0, 30.0, 50.0)  # 156 mm: the text width of the sheets
HEADER = ("序号", "事项名称", "办理模式", "合作地区", "联系窗口")
NUMERALS = "一二三四五六七八九十"


@dataclass
class PublicList:
    """The paper: what ``write_report_docx`` and the PDF writer print."""

    centre: str
    made_on: date
    rows: list[ListRow]
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.centre}跨域通办事项清单"

    @property
    def header_line(self) -> str:
        return (
            f"跨域通办事项公示清单 {self.made_on.year}年{self.made_on.month}月{self.made_on.day}日"
        )

    def all_text(self) -> str:
        return paper_text(self.title, self.header_line, self.blocks)


class ListWriter(Protocol):
    def __call__(
        self, paper: PublicList, path: Path, *, title_font: str, body_font: str
    ) -> None: ...


def contact_cell(row: ListRow) -> str:
    """Where an applicant or a partner turns for the item: each agreement's contact window,
    else the online address of a 全程网办 item, else this centre's window."""
    if row.agreements:
        return "；".join(
            f"{p.region}：{p.contact}" + ("（示例）" if p.sample else "") for p in row.agreements
        )
    if row.mode == CrossMode.ONLINE:
        return f"网上办理：{row.online_url}" if row.online_url else "网上办理"
    return "本中心综合窗口受理"


def build_public_list(services: Services, *, today: date | None = None) -> PublicList:
    from window_assistant.crossregion.service import crossregion_list

    settings = services.settings
    paper = PublicList(settings.centre_name, today or date.today(), crossregion_list(services))
    blocks = paper.blocks
    blocks.append(
        Paragraph(
            f"根据{BASIS}，现将本中心可办理的跨域通办事项公示如下。异地代收代办、多地联办事项的"
            "材料寄递、受理、办结和结果寄回时限，按本中心与合作地区签订的协议执行。",
            indent=True,
        )
    )
    for n, (scope, scope_rows) in enumerate(groupby(paper.rows, key=lambda r: r.scope)):
        group = list(scope_rows)
        numeral = NUMERALS[n] if n < len(NUMERALS) else str(n + 1)
        blocks.append(Heading(f"{numeral}、{scope.label}通办（{len(group)} 项）"))
        for department, dept_rows in groupby(group, key=lambda r: r.department):
            items = list(dept_rows)
            blocks.append(Paragraph(department, bold=True, before=4, keep_next=True))
            blocks.append(
                Table(
                    WIDTHS_MM,
                    HEADER,
                    tuple(
                        (
                            str(i),
                            f"{r.item_name}（{r.item_code}）",
                            r.mode.label,
                            r.regions_text(),
                            contact_cell(r),
                        )
                        for i, r in enumerate(items, start=1)
                    ),  # fmt: skip
                )
            )
    if any(p.sample for r in paper.rows for p in r.agreements):
        blocks.append(
            Paragraph(
                "注：标有“（示例）”的联系窗口来自演示数据，不是真实的合作协议；"
                "正式公示前请导入本中心签订的合作协议。",
                small=True,
                before=6,
            )
        )
    blocks.append(
        Paragraph(
            f"咨询电话：{settings.centre_phone}　监督投诉电话：{settings.complaint_phone}",
            before=6,
        )
    )
    blocks.append(
        Paragraph(
            f"{settings.centre_name}　{paper.made_on.year}年{paper.made_on.month}月{paper.made_on.day}日"
        )
    )
    return paper


def list_writer_for(path: Path) -> ListWriter:
    """The writer for ``path``'s extension, loaded now; UserError (Chinese) otherwise."""
    if Path(path).suffix.lower() == DOCX:
        from window_assistant.ratings.report_docx import write_report_docx

        return cast(ListWriter, write_report_docx)  # it reads only what PublicList has
    from window_assistant.sheets.writers import load_plugin

    writer: ListWriter = load_plugin(WRITERS_GROUP, path)
    return writer


def publish_list(
    services: Services,
    actor: User,
    path: Path,
    *,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PublicList:
    """Write the public list to ``path`` whole (beside it, then renamed); audited with who and
    where. Refused before any work when ``actor`` may not or nobody writes the format."""
    from window_assistant.paths import check_output_file
    from window_assistant.sheets.writers import publish, stage

    actor = services.accounts.authorise(actor, Action.PUBLISH_CROSSREGION)
    path = check_output_file(Path(path), "跨域通办事项清单.docx")
    writer = list_writer_for(path)
    if progress is not None:
        progress(0, 3)
    paper = build_public_list(services, today=today)
    if not paper.rows:
        raise UserError(
            "目录的跨域通办清单是空的,没有可公示的事项。请先导入含「跨域通办」表的目录。"
        )
    if progress is not None:
        progress(1, 3)
    fonts = {"title_font": services.settings.title_font, "body_font": services.settings.body_font}
    publish(stage(lambda part: writer(paper, part, **fonts), path), path)
    if progress is not None:
        progress(2, 3)
    services.audit.record(actor.login, "crossregion.publish", path=str(path), items=len(paper.rows))
    if progress is not None:
        progress(3, 3)
    return paper
