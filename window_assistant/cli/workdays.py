"""The ``workdays`` commands: working-day arithmetic on the holiday calendar, and its import."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from window_assistant.cli.args import choices_help, code_arg, count_arg
from window_assistant.cli.signin import acting, add_as_option
from window_assistant.paths import default_db_path
from window_assistant.services import open_services
from window_assistant.store.database import Store
from window_assistant.vocab import LimitUnit
from window_assistant.workdays import (
    MAX_COUNT,
    WorkdayCalendar,
    import_years,
    load_calendar,
    parse_user_date,
)


def _open_store(args: argparse.Namespace) -> Store:
    """Just the store: the calendar needs no catalog, so a fresh file is not seeded here."""
    return Store(args.db or default_db_path())


def _calendar(args: argparse.Namespace) -> WorkdayCalendar:
    store = _open_store(args)
    try:
        return load_calendar(store)
    finally:
        store.close()


def _warn(calendar: WorkdayCalendar, a: date, b: date) -> None:
    warning = calendar.warning_for(a, b)
    if warning:
        print(f"注意:{warning}", file=sys.stderr)


def cmd_workdays_add(args: argparse.Namespace) -> int:
    start = parse_user_date(args.date)
    calendar = _calendar(args)
    end = calendar.deadline(start, args.n, args.unit)
    _warn(calendar, start, end)
    print(end.isoformat())
    return 0


def cmd_workdays_between(args: argparse.Namespace) -> int:
    a, b = parse_user_date(args.start), parse_user_date(args.end)
    calendar = _calendar(args)
    _warn(calendar, a, b)
    print(calendar.between(a, b))
    return 0


def cmd_workdays_import(args: argparse.Namespace) -> int:
    with open_services(args.db or default_db_path(), seed=False) as svc:
        imported = import_years(svc.store, args.file, acting(svc, args.as_login))
    for item in imported:
        y = item.year
        note = "(替换了原有安排)" if item.replaced else ""
        print(
            f"已导入 {y.year} 年:{len(y.holidays)} 个假期,{len(y.workdays)} 个调休上班日"
            f"{note}。出处:{y.source}"
        )
    return 0


def cmd_workdays_years(args: argparse.Namespace) -> int:
    calendar = _calendar(args)
    for number in calendar.years:
        y = calendar.year(number)
        assert y is not None
        print(f"{number}\t{y.source}")
    return 0


def add_parsers(sub: Any) -> None:
    wd = sub.add_parser("workdays", help="工作日计算(法定节假日和调休)")
    wd = wd.add_subparsers(dest="action", required=True)
    p = wd.add_parser("add", help="某日之后第 N 个工作日(时限的最后一天)")
    p.add_argument("date", help="起算日,如 2025-09-30(当天不计)")
    p.add_argument("n", type=count_arg("天数", 0, MAX_COUNT), help=f"天数(0–{MAX_COUNT})")
    p.add_argument(
        "--unit",
        type=code_arg(LimitUnit),
        default=LimitUnit.WORKDAY,
        help=f"时限单位:{choices_help(LimitUnit)}(默认工作日)",
    )
    p.set_defaults(func=cmd_workdays_add)
    p = wd.add_parser("between", help="两日之间的工作日数(不含起始日,含结束日)")
    p.add_argument("start")
    p.add_argument("end")
    p.set_defaults(func=cmd_workdays_between)
    p = wd.add_parser("import", help="导入国务院办公厅公布的节假日安排(JSON,负责人)")
    p.add_argument("file")
    add_as_option(p)
    p.set_defaults(func=cmd_workdays_import)
    p = wd.add_parser("years", help="已知节假日安排的年份及出处")
    p.set_defaults(func=cmd_workdays_years)
