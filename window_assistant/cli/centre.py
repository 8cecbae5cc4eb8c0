"""The ``centre`` commands: share the centre's secret between the window PCs of one centre."""

from __future__ import annotations

import argparse
from typing import Any

from window_assistant.centre_secret import export_centre_secret, import_centre_secret
from window_assistant.cli.signin import acting, add_as_option
from window_assistant.paths import default_db_path
from window_assistant.services import open_services


def cmd_export_secret(args: argparse.Namespace) -> int:
    with open_services(args.db or default_db_path(), seed=False) as svc:
        path = export_centre_secret(svc, acting(svc, args.as_login), args.file)
    print(f"已导出中心密钥到 {path}(仅本账户可读)。")
    print("持有此文件即可为本中心签发评价码:导入其他窗口电脑后请删除。")
    return 0


def cmd_import_secret(args: argparse.Namespace) -> int:
    with open_services(args.db or default_db_path(), seed=False) as svc:
        done = import_centre_secret(
            svc, acting(svc, args.as_login), args.file, confirm=args.confirm
        )
    if not done.changed:
        print(f"本机已在使用「{done.centre_name}」的这把中心密钥,没有修改。")
        return 0
    print(f"已导入「{done.centre_name}」的中心密钥(导出于 {done.exported_at})。")
    if done.pending:
        print(f"本机 {done.pending} 件未评价办件的评价二维码已失效。")
    return 0


def add_parsers(sub: Any) -> None:
    centre = sub.add_parser("centre", help="中心密钥(同一中心的各窗口电脑共用)")
    centre = centre.add_subparsers(dest="action", required=True)
    p = centre.add_parser("export-secret", help="把本机的中心密钥导出到文件(负责人)")
    p.add_argument("file", help="要写入的文件,如 中心密钥.json")
    add_as_option(p)
    p.set_defaults(func=cmd_export_secret)
    p = centre.add_parser("import-secret", help="从负责人导出的文件导入中心密钥(负责人)")
    p.add_argument("file", help="负责人导出的中心密钥文件")
    p.add_argument(
        "--confirm",
        action="store_true",
        help="评价期限内尚未评价的办件的评价二维码将失效,仍要导入",
    )
    add_as_option(p)
    p.set_defaults(func=cmd_import_secret)
