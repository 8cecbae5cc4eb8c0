"""The ``crossregion`` commands: list the 跨域通办 items with their partners, import the partner
agreements (the diff first; ``--dry-run`` shows only the diff) and publish the public list."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from window_assistant.cli import case_exports, case_steps
from window_assistant.cli.args import code_arg
from window_assistant.cli.signin import acting, add_as_option
from window_assistant.paths import check_output_file
from window_assistant.permissions import Action
from window_assistant.services import open_services
from window_assistant.vocab import AgreementStep, CrossMode, Scope


def cmd_list(args: argparse.Namespace) -> int:
    from window_assistant.crossregion.service import ListFilter, crossregion_list

    where = ListFilter(
        scope=args.scope,
        mode=args.mode,
        region=args.region or "",
        department=args.department or "",
        text=args.text or "",
    )
    with open_services(args.db) as svc:
        rows = crossregion_list(svc, where)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(f"{r.item_code}\t{r.item_name}\t{r.department}\t{r.scope.label}\t{r.mode.label}")
        print(f"    合作地区:{r.regions_text() or '(无)'}")
        for p in r.agreements:
            limits = ",".join(f"{AgreementStep.of(k).label} {v}" for k, v in p.limits.items())
            sample = "(示例)" if p.sample else ""
            print(f"    协议 {p.code}{sample}:{p.region},{p.contact};时限(工作日){limits}")
    print(f"共 {len(rows)} 项。")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from window_assistant.crossregion.service import apply_import, preview_import

    with open_services(args.db) as svc:
        # Signed in before the file is read: a refused account need not wait for the check.
        actor = None if args.dry_run else acting(svc, args.as_login)
        if actor is not None:  # a clerk is told so before the file is read
            actor = svc.accounts.authorise(actor, Action.IMPORT_CROSSREGION)
        preview = preview_import(svc, args.file)
        for line in preview.diff.lines():
            print(line)
        counts = preview.diff.summary()
        print(
            f"合计:新增协议 {counts['agreements_added']},删除协议 {counts['agreements_removed']},"
            f"修改协议 {counts['agreements_changed']};新增协议事项 {counts['items_added']},"
            f"删除协议事项 {counts['items_removed']},修改协议事项 {counts['items_changed']}。"
        )
        if actor is None:
            print("(试运行:未写入任何内容)")
            return 0
        version = apply_import(svc, preview, actor)
    agreements = preview.agreements.agreements
    print(
        f"已导入,合作协议版本 {version.id}:{len(agreements)} 个协议,"
        f"{sum(len(a.items) for a in agreements)} 个协议事项。"
    )
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from window_assistant.crossregion.publish import list_writer_for, publish_list

    out = check_output_file(Path(args.out), "跨域通办事项清单.docx")
    list_writer_for(out)  # an unknown format costs nothing but the message
    with open_services(args.db) as svc:
        actor = acting(svc, args.as_login, svc.default_clerk)
        paper = publish_list(svc, actor, out)
    print(f"已生成 {paper.title}:{out}(共 {len(paper.rows)} 项)。")
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    from window_assistant.crossregion.service import versions

    with open_services(args.db) as svc:
        for v in versions(svc):
            s = v.summary
            print(
                f"版本 {v.id}  {v.imported_at}  {v.actor}  {v.source}  协议 {s.get('agreements', 0)}"
                f"(+{s.get('agreements_added', 0)} -{s.get('agreements_removed', 0)}"
                f" ~{s.get('agreements_changed', 0)})"
            )
            if args.diff:
                for line in v.diff.lines():
                    print("    " + line)
    return 0


def add_parsers(sub: Any) -> None:
    """Add ``crossregion`` to the main parser's subcommands."""
    cross = sub.add_parser("crossregion", help="跨域通办清单和合作协议").add_subparsers(
        dest="action", required=True
    )
    p = cross.add_parser("list", help="列出跨域通办事项(通办范围、办理模式、合作地区、联系窗口)")
    p.add_argument("--scope", type=code_arg(Scope), help="通办范围:全国、跨省、省内跨市、市内跨县")
    p.add_argument(
        "--mode", type=code_arg(CrossMode), help="办理模式:全程网办、异地代收代办、多地联办"
    )
    p.add_argument("--region", help="合作地区")
    p.add_argument("--department", help="实施主体(部门)")
    p.add_argument("--text", help="事项名称、编码或其他文字")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = cross.add_parser("import", help="导入合作协议(.xlsx 或 .json),先显示差异")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="只显示差异,不写入(无需登录)")
    add_as_option(p, who="负责人工号")
    p.set_defaults(func=cmd_import)
    p = cross.add_parser("publish", help="生成跨域通办事项公示清单(.docx 或 .pdf)")
    p.add_argument("--out", required=True, metavar="FILE", help="清单文件(.docx 或 .pdf)")
    add_as_option(p)
    p.set_defaults(func=cmd_publish)
    p = cross.add_parser("versions", help="合作协议的导入版本记录")
    p.add_argument("--diff", action="store_true", help="同时列出每个版本的差异")
    p.set_defaults(func=cmd_versions)
    case_steps.add_crossregion_parsers(cross)
    case_exports.add_crossregion_parsers(cross)
