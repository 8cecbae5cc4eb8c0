"""``cases export``, ``cases report`` and ``crossregion export``: the ledger (台账) as a table, the
GB/T 39046 办件 dataset and the monthly 台账 report. Bad input exits 2 with a Chinese message and
nothing written (checked before the database is touched where it can be)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from window_assistant.cli.signin import acting, add_as_option
from window_assistant.exports import table_kind
from window_assistant.paths import check_output_file
from window_assistant.services import open_services


def _dates(args: argparse.Namespace) -> Any:
    from window_assistant.cli.ratings import _dates as dates

    return dates(args)


def _export(args: argparse.Namespace, crossregion: bool) -> int:
    from window_assistant.cases import exports

    out = check_output_file(Path(args.file), "办件台账.xlsx")
    table_kind(out)
    date_from, date_to = _dates(args)
    gbt = getattr(args, "format", None) == "gbt39046"
    with open_services(args.db) as svc:
        actor = acting(svc, args.as_login) if args.unmasked or args.as_login else None
        if gbt:
            done = exports.export_gbt39046(
                svc, out, actor, date_from=date_from, date_to=date_to, unmasked=args.unmasked
            )
        else:
            done = exports.export_ledger(
                svc, out, actor, date_from=date_from, date_to=date_to,
                unmasked=args.unmasked, crossregion=crossregion,
            )  # fmt: skip
    masked = "申请人姓名、证件号码和电话已脱敏" if done.masked else "未脱敏,已记入审计日志"
    what = "GB/T 39046-2020 办件数据集" if gbt else ("跨域通办办件" if crossregion else "办件台账")
    print(f"已导出 {done.rows} 件办件到 {out}({what},{masked})。")
    return 0


def cmd_cases_export(args: argparse.Namespace) -> int:
    return _export(args, crossregion=False)


def cmd_crossregion_export(args: argparse.Namespace) -> int:
    return _export(args, crossregion=True)


def cmd_cases_report(args: argparse.Namespace) -> int:
    from window_assistant.cases.report import write_ledger_report
    from window_assistant.ratings.report import parse_month, percent, report_writer_for

    month = parse_month(args.month)
    out = check_output_file(Path(args.out), f"办件台账月报{month:%Y-%m}.docx")
    report_writer_for(out)
    with open_services(args.db) as svc:
        actor = acting(svc, args.as_login)
        report = write_ledger_report(svc, actor, month, out)
    t = report.totals
    print(
        f"已生成 {report.title}:{out}(办件 {t.cases} 件,一次办结率 {percent(t.once_rate)},"
        f"补正率 {percent(t.correction_rate)},容缺率 {percent(t.rongque_rate)},"
        f"超期 {t.overdue} 件)。"
    )
    return 0


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="导出的文件(.csv 或 .xlsx)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="起始日期(按登记时间)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="截止日期(含)")
    p.add_argument(
        "--unmasked",
        action="store_true",
        help="不脱敏(申请人姓名、证件号码和电话按原文导出):仅负责人,记入审计日志",
    )
    add_as_option(p, who="导出人工号(--unmasked 时须为负责人)")


def add_case_parsers(cases: Any) -> None:
    p = cases.add_parser(
        "export",
        help="导出办件台账(.csv 或 .xlsx,个人信息已脱敏);--format gbt39046 为省平台办件数据集",
    )
    _options(p)
    p.add_argument("--format", choices=("gbt39046",), help="gbt39046:GB/T 39046-2020 办件数据集")
    p.set_defaults(func=cmd_cases_export)
    p = cases.add_parser("report", help="生成台账月报(.docx 或 .pdf):仅负责人")
    p.add_argument("--month", required=True, metavar="YYYY-MM", help="月份,如 2026-03")
    p.add_argument("--out", required=True, metavar="FILE", help="月报文件(.docx 或 .pdf)")
    add_as_option(p, who="负责人工号")
    p.set_defaults(func=cmd_cases_report)


def add_crossregion_parsers(cross: Any) -> None:
    p = cross.add_parser("export", help="导出跨域通办办件(寄出的和转来的,.csv 或 .xlsx)")
    _options(p)
    p.set_defaults(func=cmd_crossregion_export)
