"""The ``ratings`` commands: check the rating log's chains, list ratings, their figures, export,
and merge other windows' exports.

None of them creates or changes a rating: ratings come only from the citizen, through
``ratings.log.record_rating`` (the rating page and the pad). ``verify`` exits 2 naming the first
row that does not match, so a supervisor's script can tell an intact log from a tampered one.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from window_assistant.cli import followups
from window_assistant.cli.args import count_arg, window_arg
from window_assistant.cli.signin import acting, add_as_option
from window_assistant.errors import UserError
from window_assistant.paths import check_output_file
from window_assistant.ratings.log import (
    ChainHead,
    export_ratings,
    list_ratings,
    verify_chain,
)
from window_assistant.services import open_services
from window_assistant.vocab import RatingChannel, RatingLevel

CLI_ACTOR = "cli"
MAX_LISTED = 100_000  # ratings one command lists


def _heads(texts: list[str]) -> list[ChainHead]:
    return [ChainHead.parse(text) for text in texts]


def _local_key(db: str | None) -> bytes | None:
    """This installation's comment key, to check the comments' text in a file from this
    centre; None when there is no database here (none is created just to verify a file)."""
    from window_assistant.paths import default_db_path
    from window_assistant.ratings.log import comment_key

    path = Path(db) if db else default_db_path()
    if not path.is_file():
        return None
    try:
        with open_services(path, seed=False) as svc:
            secret = svc.settings.centre_secret
            return comment_key(secret) if secret else None
    except UserError:  # damaged or of a newer version: the file is still checked, keyless
        return None


def cmd_ratings_verify(args: argparse.Namespace) -> int:
    heads = _heads(args.head)  # a mistyped head is refused before the log is read
    if args.file:
        result = verify_chain(path=Path(args.file), heads=heads, key=_local_key(args.db))
        where = f"文件 {args.file} "
    else:
        with open_services(args.db) as svc:
            result = verify_chain(svc, heads=heads)
        where = "数据库"
    if result.problem is not None:
        raise UserError(
            f"{where}中的评价记录不完整或被改动:{result.problem.message()}。"
            f"(此前已核验 {result.checked} 条无误)"
        )
    print(f"{where}中的评价记录完整:共核验 {result.checked} 条。")
    if not result.comments_checked:
        print(
            "评价意见按文件所载的校验值核验;意见原文须在导出它的中心的电脑上核验"
            "(本机没有该中心的密钥)。"
        )
    _print_heads(result.heads)
    if not result.heads:
        print("还没有任何评价。")
    return 0


def cmd_ratings_list(args: argparse.Namespace) -> int:
    date_from, date_to = _dates(args)
    with open_services(args.db) as svc:
        ratings = list_ratings(svc, date_from, date_to, window=args.window, limit=args.limit)
    if args.json:
        rows: list[dict[str, Any]] = [
            {
                **asdict(r),
                "level_label": r.level.label,
                "level_gbt39046": r.level.gbt39046,
                "channel_label": r.channel.label,
                "channel_gbt39046": r.channel.gbt39046,
                "bad": r.bad,
            }
            for r in ratings
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in ratings:
        tags = "、".join(r.tags)
        comment = r.comment.replace("\n", " ")
        print(
            f"{r.at}\t{r.case_serial}\t{r.item_name}\t{r.window_name}\t{r.clerk_name}\t"
            f"{r.level.label}\t{r.channel.label}\t{tags}\t{comment}"
        )
    if not ratings:
        print("没有符合条件的评价。", file=sys.stderr)
    return 0


def _dates(args: argparse.Namespace) -> tuple[date | None, date | None]:
    from window_assistant.workdays import parse_user_date

    date_from = parse_user_date(args.date_from) if args.date_from else None
    date_to = parse_user_date(args.date_to) if args.date_to else None
    if date_from and date_to and date_from > date_to:
        raise UserError(f"起始日期 {date_from} 晚于截止日期 {date_to},请检查 --from 和 --to。")
    return date_from, date_to


def cmd_ratings_export(args: argparse.Namespace) -> int:
    from window_assistant.ratings import exports

    table = Path(args.file).suffix.lower() in (".csv", ".xlsx")
    if args.format is None and not table:
        if args.date_from or args.date_to or args.unmasked or args.as_login:
            raise UserError(
                "--from、--to、--unmasked 和 --as 只用于 .csv、.xlsx 或 --format gbt39046 的导出;"
                "JSON Lines 导出总是包含全部评价。"
            )
        out = check_output_file(Path(args.file), "评价记录.jsonl")
        with open_services(args.db) as svc:
            heads = export_ratings(svc, out, CLI_ACTOR)
        count = sum(h.count for h in heads)
        print(f"已导出 {count} 条评价到 {out}(含各窗口链头,可用 ratings verify {out} 核验)。")
        for head in heads:
            print(f"窗口 {head.window}:共 {head.count} 条,链头 {head.text()}")
        return 0
    example = "评价数据.csv" if args.format else "评价记录.xlsx"
    out = check_output_file(Path(args.file), example)
    date_from, date_to = _dates(args)
    export = exports.export_gbt39046 if args.format else exports.export_table
    with open_services(args.db) as svc:
        actor = acting(svc, args.as_login) if args.unmasked or args.as_login else None
        done = export(svc, out, actor, date_from=date_from, date_to=date_to, unmasked=args.unmasked)
    masked = "意见中的电话和证件号码已脱敏" if done.masked else "未脱敏,已记入审计日志"
    if args.format:
        print(f"已导出 {done.rows} 条评价到 {out}(GB/T 39046-2020 表 9 数据集,{masked})。")
        return 0
    print(f"已导出 {done.rows} 条评价到 {out}({masked};可用 ratings verify {out} 核验)。")
    _print_heads(done.heads)
    return 0


def _print_heads(heads: list[ChainHead]) -> None:
    for head in heads:
        first = head.seq - head.count + 1
        if first > 1:
            print(
                f"窗口 {head.window}:第 {first}–{head.seq} 条,共 {head.count} 条,"
                f"链头 {head.text()}(从第 {first} 条起核验:之前的评价不在此范围内,"
                f"第 {first} 条所记的上一条校验值按文件所记采信)"
            )
        else:
            print(f"窗口 {head.window}:共 {head.count} 条,链头 {head.text()}")


def cmd_ratings_merge(args: argparse.Namespace) -> int:
    """Each file in turn, each whole or not at all; exit 2 when any was refused (the others
    are merged: each is a window's log, independent of the rest)."""
    from window_assistant.ratings.merge import MergeRefused, merge_file

    refused = 0
    with open_services(args.db) as svc:
        actor = acting(svc, args.as_login)
        for name in args.files:
            try:
                done = merge_file(svc, actor, Path(name))
            except MergeRefused as exc:
                refused += 1
                print(f"未合并 {exc.message}", file=sys.stderr)
                continue
            print(f"已合并 {done.summary()}")
            _print_heads(done.heads)
    if refused:
        raise UserError(f"{len(args.files)} 个文件中有 {refused} 个没有合并(原因见上)。")
    return 0


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _figures_lines(fig: dict[str, Any]) -> list[str]:
    levels = "、".join(f"{RatingLevel.of(code).label} {n}" for code, n in fig["by_level"].items())
    channels = "、".join(
        f"{RatingChannel.of(code).label} {n}" for code, n in fig["by_channel"].items()
    )
    f = fig["followup"]
    average = "—" if fig["average_score"] is None else f"{fig['average_score']:.2f}"
    return [
        f"评价 {fig['total']} 条(申诉成立另计 {fig['excluded']} 条):{levels}",
        f"  渠道:{channels}",
        f"  好评率 {_percent(fig['good_rate'])},平均分 {average}",
        f"  办件 {fig['ratable']} 件:已评 {fig['rated']},评价期内 {fig['still_open']},"
        f"未评 {fig['unrated']};主动评价率 {_percent(fig['active_rate'])},"
        f"未评率 {_percent(fig['unrated_rate'])}",
        f"  差评 {f['bad']} 条:回复率 {_percent(f['reply_rate'])};实名 {f['named']} 条,"
        f"回访率 {_percent(f['revisit_rate'])},回访整改率 {_percent(f['revisit_rectify_rate'])},"
        f"回访整改满意率 {_percent(f['revisit_satisfaction_rate'])};"
        f"按时核实 {f['verified_on_time']},按时整改 {f['handled_on_time']},"
        f"超期未办 {f['overdue_open']},已办结 {f['closed']}",
    ]


def cmd_ratings_stats(args: argparse.Namespace) -> int:

    from window_assistant.ratings.stats import GROUPING_LABELS, statistics
    from window_assistant.workdays import parse_user_date

    today = date.today()
    date_from = parse_user_date(args.date_from) if args.date_from else today.replace(day=1)
    date_to = parse_user_date(args.date_to) if args.date_to else today
    with open_services(args.db) as svc:
        stats = statistics(svc, date_from, date_to, args.by)
    if args.json:
        print(stats.dumps())
        return 0
    data = stats.to_json()
    print(f"好差评统计 {date_from.isoformat()} 至 {date_to.isoformat()}")
    print("\n".join(_figures_lines(data)))
    for group in data["groups"]:
        print(f"\n【{GROUPING_LABELS[args.by]}】{group['label']}")
        print("\n".join(_figures_lines(group)))
    return 0


def cmd_ratings_report(args: argparse.Namespace) -> int:
    from window_assistant.ratings.report import (
        parse_month,
        percent,
        report_writer_for,
        write_report,
    )

    month = parse_month(args.month)  # a wrong month or format costs nothing but the message
    out = check_output_file(Path(args.out), f"好差评月度报告{month:%Y-%m}.docx")
    report_writer_for(out)
    with open_services(args.db) as svc:
        actor = acting(svc, args.as_login)
        report = write_report(svc, actor, month, out)
    fig = report.stats.overall
    print(
        f"已生成 {report.title}:{out}(评价 {fig.total} 条,差评 {fig.bad} 条,"
        f"好评率 {percent(fig.good_rate)})。"
    )
    for head in report.heads:
        print(f"窗口 {head.window}:共 {head.count} 条,链头 {head.text()}")
    return 0


def add_parsers(sub: Any) -> None:
    """Add ``ratings`` to the main parser's subcommands."""
    ratings = sub.add_parser("ratings", help="好差评记录(核验、列出、导出)").add_subparsers(
        dest="action", required=True
    )
    p = ratings.add_parser("verify", help="核验评价记录未被改动或删除(数据库或导出文件)")
    p.add_argument("file", nargs="?", help="ratings export 导出的文件(默认核验数据库)")
    p.add_argument(
        "--head",
        action="append",
        default=[],
        metavar="WINDOW:SEQ:HASH",
        help="此前记下的链头(报表或导出时打印),用以发现删除的最新评价;可多次给出",
    )
    p.set_defaults(func=cmd_ratings_verify)
    p = ratings.add_parser("list", help="列出评价(意见中的电话和证件号码已脱敏)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="起始日期")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="截止日期(含)")
    p.add_argument("--window", type=window_arg, help="只列此窗口(窗口编号,如 3 或 A3)")
    p.add_argument("--limit", type=count_arg("条数", 1, MAX_LISTED), default=1000)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ratings_list)
    p = ratings.add_parser("stats", help="好差评统计(好评率、未评率、差评整改等)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="起始日期(默认本月1日)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="截止日期(含,默认今天)")
    p.add_argument(
        "--by",
        choices=("window", "clerk", "item", "department", "day", "week", "month"),
        help="分组:窗口、经办人、事项、部门、日、周、月",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ratings_stats)
    followups.add_parsers(ratings)
    p = ratings.add_parser("report", help="好差评月度报告(.docx 或 .pdf,主管签字用)")
    p.add_argument("--month", required=True, metavar="YYYY-MM", help="月份,例如 2026-03")
    p.add_argument("--out", required=True, metavar="FILE", help="报告文件(.docx 或 .pdf)")
    add_as_option(p, who="主管工号")
    p.set_defaults(func=cmd_ratings_report)
    p = ratings.add_parser(
        "export",
        help="导出评价及链头:.csv/.xlsx 供 Excel 打开和核验,其他文件名为 JSON Lines;"
        "--format gbt39046 为省好差评系统的数据集",
    )
    p.add_argument("file", help="导出的文件(.csv、.xlsx;其他扩展名为 JSON Lines 全量导出)")
    p.add_argument(
        "--format",
        choices=("gbt39046",),
        help="gbt39046:GB/T 39046-2020 表 9 数据集(按扩展名为 .csv 或 .xlsx)",
    )
    p.add_argument("--from", dest="date_from", metavar="DATE", help="起始日期(按评价时间)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="截止日期(含)")
    p.add_argument(
        "--unmasked",
        action="store_true",
        help="不脱敏(评价意见中的电话、证件号码及评价人姓名按原文导出):仅负责人,记入审计日志",
    )
    add_as_option(p, who="导出人工号(--unmasked 时须为负责人)")
    p.set_defaults(func=cmd_ratings_export)
    p = ratings.add_parser(
        "merge",
        help="合并其他窗口导出的评价记录(先逐份核验;重复的只计一次,分叉的整份拒绝)",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="ratings export 导出的文件,可多个")
    add_as_option(p, who="负责人工号")
    p.set_defaults(func=cmd_ratings_merge)
