"""Command line for supervisors' scripts and for testing: ``python -m window_assistant``.

Exit status 0 on success, 2 on a user's mistake (message in Chinese on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, NoReturn

from window_assistant.cli import accounts as cli_accounts
from window_assistant.cli import cases as cli_cases
from window_assistant.cli import centre as cli_centre
from window_assistant.cli import crossregion as cli_crossregion
from window_assistant.cli import pad as cli_pad
from window_assistant.cli import ratings as cli_ratings
from window_assistant.cli import serve as cli_serve
from window_assistant.cli import workdays as cli_workdays
from window_assistant.cli.args import argument_problem, chinese_usage_error, count_arg
from window_assistant.cli.signin import acting, add_as_option, secret_for
from window_assistant.errors import UserError
from window_assistant.paths import check_output_file, default_db_path
from window_assistant.services import Services, open_services, restore_database
from window_assistant.store.damage import DamagedDatabase, is_damage
from window_assistant.vocab import ItemKind, Necessity, Scope, SubjectKind

EXIT_USER_ERROR = 2
CLI_ACTOR = "cli"
MAX_HITS = 1000  # search results one command prints


class _Parser(argparse.ArgumentParser):
    """argparse, but its usage errors are in Chinese and exit 2 like every other user error."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"参数错误:{chinese_usage_error(message)}\n")
        sys.exit(EXIT_USER_ERROR)


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _services(args: argparse.Namespace) -> Services:
    return open_services(args.db)


# -- catalog ---------------------------------------------------------------------------------
def cmd_catalog_import(args: argparse.Namespace) -> int:
    from window_assistant.catalog.importing import (
        RemovalsNeedConsent,
        apply_import,
        preview_import,
    )

    with _services(args) as svc:
        # Sign in before reading the file: a refused account should not wait for the check.
        actor = None if args.dry_run else acting(svc, args.as_login)
        preview = preview_import(svc, args.file)
        for line in preview.diff.lines():
            print(line)
        counts = preview.diff.summary()
        print(
            f"合计:新增事项 {counts['items_added']},删除事项 {counts['items_removed']},"
            f"修改事项 {counts['items_changed']}。"
        )
        print(f"将删除:{preview.removals.describe()}。")
        consent = "须加上 --allow-removals 才会执行(先用 --dry-run 核对上面的差异)。"
        if actor is None:
            if preview.removals.need_consent() and not args.allow_removals:
                print(f"删除的内容较多,实际导入时{consent}")
            print("(试运行:未写入任何内容)")
            return 0
        try:
            version = apply_import(svc, preview, actor, allow_removals=args.allow_removals)
        except RemovalsNeedConsent as exc:
            raise UserError(f"{exc.message}确认要删除时,{consent}") from None
        print(f"已导入,目录版本 {version.id}:{len(preview.catalog.items)} 个事项。")
        return 0


def cmd_catalog_export(args: argparse.Namespace) -> int:
    from window_assistant.catalog.importing import export_catalog

    with _services(args) as svc:
        count = export_catalog(svc, args.file, CLI_ACTOR)
        print(f"已导出 {count} 个事项到 {args.file}")
        return 0


def cmd_catalog_search(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        hits = svc.search.search(args.query, limit=args.limit)
        if args.json:
            _print_json([asdict(h) for h in hits])
        else:
            for h in hits:
                tag = SubjectKind.BUNDLE.label if h.kind == SubjectKind.BUNDLE else h.department
                print(f"{h.code}\t{h.name}\t{tag}")
            if not hits:
                near = svc.search.suggest(args.query)
                hint = f"您要找的是不是「{near}」?" if near else ""
                print(f"没有找到匹配的事项。{hint}", file=sys.stderr)
        return 0


def _item_json(svc: Services, code: str) -> dict[str, Any] | None:
    item = svc.catalog.item(code)
    if item is not None:
        data = asdict(item)
        data["kind_of_entry"] = SubjectKind.ITEM
        cross = svc.catalog.crossregion_entry(code)
        data["crossregion"] = asdict(cross) if cross else None
        return data
    bundle = svc.catalog.bundle(code)
    if bundle is not None:
        data = asdict(bundle)
        data["kind_of_entry"] = SubjectKind.BUNDLE
        data["materials"] = [
            {**asdict(m), "item_code": i.code}
            for i in filter(None, (svc.catalog.item(c) for c in bundle.items))
            for m in i.materials
        ]
        data["situations"] = []
        return data
    return None


def cmd_catalog_show(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        data = _item_json(svc, args.code)
        if data is None:
            raise UserError(
                f"目录中没有编码为 {args.code} 的事项或一件事。可先用 catalog search 查找。"
            )
        if args.json:
            _print_json(data)
            return 0
        print(f"{data['code']}  {data['name']}")
        if data.get("department"):
            print(f"实施主体:{data['department']}")
        if data["kind_of_entry"] == SubjectKind.ITEM:
            print(f"事项类型:{ItemKind.of(data['kind']).label}")
            print(f"通办范围:{Scope.of(data['scope']).label}")
        for s in data.get("situations", []):
            print(f"情形 {s['key']}:{s['question']}({' / '.join(s['options'])})")
        print("材料:")
        for m in data["materials"]:
            flags = [Necessity.of(m["necessity"]).label]
            if m["shareable"]:
                flags.append("可电子证照共享")
            if m["situations"]:
                flags.append("适用:" + "、".join(m["situations"]))
            print(f"  - {m['name']}(原件 {m['originals']},复印件 {m['copies']};{','.join(flags)})")
        return 0


STAT_LABELS = {
    "items": "事项",
    "departments": "部门",
    "materials": "材料",
    "shareable_materials": "可电子证照共享材料",
    "rongque_materials": "容缺后补材料",
    "bundles": "一件事",
    "situations": "情形",
    "items_with_situations": "有情形的事项",
    "crossregion_items": "跨域通办事项",
    "high_frequency_items": "高频事项",
    "comprehensive_items": "进驻综合窗口事项",
}


def cmd_catalog_stats(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        stats = svc.catalog.stats()
        if args.json:
            _print_json(stats)
        else:
            for key, value in stats.items():
                print(f"{STAT_LABELS.get(key, key)}:{value}")
        return 0


def cmd_catalog_versions(args: argparse.Namespace) -> int:
    with _services(args) as svc:
        for v in svc.catalog.versions():
            s = v.summary
            print(
                f"版本 {v.id}  {v.imported_at}  {v.source}  事项 {s.get('items', 0)}"
                f"(+{s.get('items_added', 0)} -{s.get('items_removed', 0)}"
                f" ~{s.get('items_changed', 0)})"
            )
            if args.diff:
                for line in v.diff.lines():
                    print("    " + line)
        return 0


# -- backup ----------------------------------------------------------------------------------
def cmd_backup(args: argparse.Namespace) -> int:
    from window_assistant.store.backup import backup

    if args.file:
        check_output_file(Path(args.file), "备份.db")
    with _services(args) as svc:
        svc.store.refuse_if_newer()  # its audit entry could not be written: no file either
        path = backup(svc.store, args.file)
        svc.audit.record(CLI_ACTOR, "backup", path=str(path))
        print(f"已备份到 {path}")
        return 0


def cmd_restore(args: argparse.Namespace) -> int:
    db = Path(args.db) if args.db else default_db_path()
    result = restore_database(db, args.file, args.as_login, secret_for(args.as_login))
    print(f"已从 {args.file} 恢复数据库 {db}。")
    for line in result.lines():
        print(line)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m window_assistant", description="窗口助手命令行")
    parser.add_argument("--db", help="数据库文件(默认在用户数据目录)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    cat = sub.add_parser("catalog", help="事项目录").add_subparsers(dest="action", required=True)
    p = cat.add_parser("import", help="导入目录(.xlsx、.json 或 CSV 文件夹)")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="只显示差异,不写入(无需登录)")
    p.add_argument(
        "--allow-removals",
        action="store_true",
        help="同意删除:导入会删除超过 3 项事项、材料、一件事或跨域通办事项时必须给出",
    )
    add_as_option(p)
    p.set_defaults(func=cmd_catalog_import)
    p = cat.add_parser("export", help="导出目录(.xlsx、.json 或文件夹=CSV)")
    p.add_argument("file")
    p.set_defaults(func=cmd_catalog_export)
    p = cat.add_parser("search", help="查找事项")
    p.add_argument("query")
    p.add_argument("--limit", type=count_arg("条数", 1, MAX_HITS), default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_catalog_search)
    p = cat.add_parser("show", help="显示事项办事指南")
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_catalog_show)
    p = cat.add_parser("stats", help="目录统计")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_catalog_stats)
    p = cat.add_parser("versions", help="目录版本记录")
    p.add_argument("--diff", action="store_true", help="同时列出每个版本的差异")
    p.set_defaults(func=cmd_catalog_versions)

    cli_workdays.add_parsers(sub)
    cli_cases.add_parsers(sub)
    cli_accounts.add_parsers(sub)
    cli_ratings.add_parsers(sub)
    cli_serve.add_parsers(sub)
    cli_pad.add_parsers(sub)
    cli_centre.add_parsers(sub)
    cli_crossregion.add_parsers(sub)

    p = sub.add_parser("backup", help="备份数据库")
    p.add_argument("file", nargs="?")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="从备份恢复数据库(负责人)")
    p.add_argument("file")
    add_as_option(p)
    p.set_defaults(func=cmd_restore)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    problem = argument_problem(argv)
    if problem:  # before argparse, which would echo the bad bytes in its own message
        print(f"参数错误:{problem}", file=sys.stderr)
        return EXIT_USER_ERROR
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # a usage error (2, said in Chinese above) or --help (0)
        return exc.code if isinstance(exc.code, int) else EXIT_USER_ERROR
    try:
        try:
            return int(args.func(args))
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            # Damage found while working (a page the opening check could not see, or one
            # another program broke since): the same message and way out as at opening.
            raise DamagedDatabase(
                Path(args.db) if args.db else default_db_path(), str(exc)
            ) from exc
    except UserError as exc:
        print(f"错误:{exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
