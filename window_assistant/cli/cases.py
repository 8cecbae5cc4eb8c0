"""``sheet`` and ``cases`` commands: register a case and write its sheet, list and reprint cases.

Split from cli.py to keep both short; ``add_parsers`` hooks them into its parser. Everything a
user can get wrong (code, situation, material, ID number, phone, clerk, output file) is checked
before the case is registered, so a failed command leaves no case and uses no serial number.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from window_assistant.cases import ids
from window_assistant.cases.registration import Case, CaseFilter, CaseRequest, CaseService
from window_assistant.cli import case_exports, case_steps
from window_assistant.cli.args import choices_help, code_arg, count_arg
from window_assistant.cli.signin import acting, add_as_option
from window_assistant.errors import UserError
from window_assistant.paths import check_output_file
from window_assistant.services import Services, open_services
from window_assistant.sheets.content import PAD_CAPTION
from window_assistant.sheets.model import Person, Sheet
from window_assistant.sheets.writers import SheetWriter, write_sheet, writer_for
from window_assistant.vocab import (
    CorrectionOpinion,
    IdType,
    Outcome,
    PersonKind,
    SheetKind,
    SubjectKind,
)

MAX_LISTED = 100_000  # cases one command lists


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _check_out(out: Path) -> None:
    check_output_file(out, "告知书.docx")


def _write(writer: SheetWriter, svc: Services, sheet: Sheet, out: Path) -> None:
    write_sheet(
        writer,
        sheet,
        out,
        title_font=svc.settings.title_font,
        body_font=svc.settings.body_font,
    )


def _answers(pairs: list[str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, option = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(f"情形「{pair}」的写法不对,应为 情形=选项,例如 agent=是。")
        answers[key.strip()] = option.strip()
    return answers


def _opinions(pairs: list[str]) -> dict[str, tuple[str | None, str]]:
    """``--opinion 材料名=原因[:说明]`` (原因: a ``CorrectionOpinion`` code or Chinese word, or
    empty when 说明 says it all) per material; the core checks the material and the reason."""
    opinions: dict[str, tuple[str | None, str]] = {}
    for pair in pairs:
        name, sep, rest = pair.partition("=")
        name = name.strip()
        if not sep or not name or not rest.strip():
            raise UserError(
                f"补正意见「{pair}」的写法不对,应为 材料名=原因[:说明],"
                "例如 --opinion 公司章程=未签字:第3页股东未签字。"
            )
        colon = min((i for i in (rest.find(":"), rest.find("：")) if i >= 0), default=-1)
        reason, text = (rest[:colon], rest[colon + 1 :]) if colon >= 0 else (rest, "")
        if name in opinions:
            raise UserError(f"「{name}」的补正意见写了两次,每种材料只写一次 --opinion。")
        opinions[name] = (reason.strip() or None, text.strip())
    return opinions


def _applicant(args: argparse.Namespace) -> Person | None:
    if not args.applicant:
        if args.id or args.phone:
            raise UserError("填写了证件号码或电话,请同时用 --applicant 填写申请人姓名或单位名称。")
        return None
    id_type: IdType = args.id_type
    organisation = id_type in ids.ORGANISATION_ID_TYPES
    kind = PersonKind.ORGANISATION if organisation else PersonKind.PERSON
    return Person(args.applicant, kind, id_type, args.id or "", args.phone or "")


def _receipt_out(args: argparse.Namespace, out: Path) -> tuple[Path | None, SheetWriter | None]:
    """The 收件回执's file (``--receipt``) and its writer, checked before anything is written."""
    if not args.receipt:
        return None, None
    receipt = Path(args.receipt)
    check_output_file(receipt, "收件回执.docx")
    if receipt.resolve() == out.resolve():
        raise UserError(f"--receipt 与 --out 是同一个文件 {out},请为收件回执另取一个文件名。")
    return receipt, writer_for(receipt)


def _documents(case: Case, out: Path, receipt: Path | None) -> list[dict[str, str]]:
    """Each paper written: its kind (code and title), serial and file."""
    written = [(case.sheet, out)]
    written += [(p.sheet, receipt) for p in case.papers if receipt is not None]
    return [
        {"kind": str(s.kind), "title": s.title, "serial": s.serial, "path": str(path)}
        for s, path in written
    ]


def cmd_sheet(args: argparse.Namespace) -> int:
    out = Path(args.out)
    _check_out(out)
    writer = writer_for(out)
    receipt_out, receipt_writer = _receipt_out(args, out)
    request = CaseRequest(
        subject_kind=SubjectKind.ITEM if args.item else SubjectKind.BUNDLE,
        subject_code=args.item or args.bundle,
        answers=_answers(args.situation),
        brought=set(args.have),
        applicant=_applicant(args),
        kind=args.kind,
        outcome=args.outcome,
        reason=args.reason,
        basis=args.basis,
        receipt=receipt_out is not None,
        crossregion=args.crossregion or "",
        opinions=_opinions(args.opinion),
        guide_sheet=args.guide_sheet,
    )
    with open_services(args.db) as svc:
        # The file appears only once the case is committed; if it cannot be written, no case
        # is registered and no serial number is used (see CaseService.register).
        clerk = acting(svc, args.as_login, fallback=svc.default_clerk)
        case = CaseService(svc).register(
            request,
            clerk,
            out=out,
            writer=writer,
            receipt_out=receipt_out,
            receipt_writer=receipt_writer,
        )
        if case.sheet.deadline:
            warning = svc.workdays.warning_for(
                date.fromisoformat(case.created_at[:10]), date.fromisoformat(case.sheet.deadline)
            )
            if warning:
                print(f"注意:补齐期限为估算。{warning}", file=sys.stderr)
        if case.sheet.promised_date:
            warning = svc.workdays.warning_for(
                date.fromisoformat(case.created_at[:10]),
                date.fromisoformat(case.sheet.promised_date),
            )
            if warning:
                print(f"注意:承诺办结日期为估算。{warning}", file=sys.stderr)
    sheet = case.sheet
    documents = _documents(case, out, receipt_out)
    if args.json:
        _print_json(
            {
                "serial": case.serial,
                "kind": case.kind,
                "title": sheet.title,
                "outcome": case.outcome,
                "outcome_label": case.outcome.label,
                "rating_url": case.rating_url,
                "missing": sheet.missing,
                "deadline": sheet.deadline,
                "content_hash": case.content_hash,
                "out": str(out),
                "promised_date": sheet.promised_date,
                "documents": documents,
            }
        )
        return 0
    print(f"已登记 {case.serial}({sheet.title},{case.outcome.label})")
    if sheet.missing:
        print("缺少材料:" + "、".join(sheet.missing))
    if sheet.deadline:
        print(f"补齐期限:{sheet.deadline}")
    if sheet.promised_date:
        print(f"承诺办结日期:{sheet.promised_date}")
    print(f"评价二维码:{case.rating_url}" if case.rating_url else f"评价:{PAD_CAPTION}")
    for document in documents:
        print(f"已写入 {document['path']}({document['title']} {document['serial']})")
    return 0


def cmd_cases_list(args: argparse.Namespace) -> int:
    from window_assistant.workdays import parse_user_date

    if args.overdue:
        return case_steps.cmd_overdue(args)

    filters = CaseFilter(
        date_from=parse_user_date(args.date_from) if args.date_from else None,
        date_to=parse_user_date(args.date_to) if args.date_to else None,
        clerk_login=args.clerk,
        item_code=args.item,
        outcome=args.outcome,
    )
    with open_services(args.db) as svc:
        rows = CaseService(svc).list(filters, limit=args.limit)
    if args.json:
        _print_json([{**asdict(r), "outcome_label": r.outcome.label} for r in rows])
        return 0
    for r in rows:
        who = " ".join(filter(None, (r.applicant_name, r.id_masked, r.phone_masked)))
        outcome = r.outcome.label
        print(f"{r.serial}\t{r.created_at}\t{outcome}\t{r.subject_name}\t{who}\t{r.clerk_name}")
    if not rows:
        print("没有符合条件的办件。", file=sys.stderr)
    return 0


def cmd_cases_reprint(args: argparse.Namespace) -> int:
    out = Path(args.out)
    _check_out(out)
    writer = writer_for(out)
    with open_services(args.db) as svc:
        cases = CaseService(svc)
        sheet = cases.reprint(args.serial, actor="cli")
        _write(writer, svc, sheet, out)
        case = cases.get(args.serial)  # its hash: of the stored text, checked by reprint
    if args.json:
        content_hash = case.content_hash if case else ""
        _print_json({"serial": sheet.serial, "content_hash": content_hash, "out": str(out)})
    else:
        print(f"已按登记时的内容重新输出 {sheet.serial} 到 {out}")
    return 0


def add_parsers(sub: Any) -> None:
    """Add ``sheet`` and ``cases`` to the main parser's subcommands."""
    p = sub.add_parser("sheet", help="登记办件并输出告知书(.docx 或 .pdf)")
    subject = p.add_mutually_exclusive_group(required=True)
    subject.add_argument("--item", metavar="CODE", help="事项编码")
    subject.add_argument("--bundle", metavar="CODE", help="一件事编码")
    p.add_argument(
        "--situation", action="append", default=[], metavar="KEY=OPTION", help="情形及选项"
    )
    p.add_argument("--have", action="append", default=[], metavar="MATERIAL", help="已带材料名称")
    p.add_argument(
        "--opinion",
        action="append",
        default=[],
        metavar="MATERIAL=REASON[:TEXT]",
        help=f"补正意见(可多次):材料名=原因[:说明],原因为 {choices_help(CorrectionOpinion)};"
        "已带材料写明原因即需补正,未带材料的原因只能是「缺」",
    )
    p.add_argument(
        "--guide-sheet",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="告知书附印办事指南要点页(受理条件、设定依据、材料的完整填报要求);默认按中心设置",
    )
    p.add_argument(
        "--kind",
        type=code_arg(SheetKind),
        help=f"告知书类型:{choices_help(SheetKind)}(默认按材料建议)",
    )
    p.add_argument(
        "--outcome",
        type=code_arg(Outcome),
        help=f"办件结果:{choices_help(Outcome)}(默认随告知书类型);受理、不予受理"
        "输出受理通知书、不予受理通知书",
    )
    p.add_argument("--reason", default="", help="不予受理的理由(--outcome 不予受理 时必填)")
    p.add_argument("--basis", default="", help="不予受理的依据(默认按事项类型)")
    p.add_argument("--applicant", metavar="NAME", help="申请人姓名或单位名称")
    p.add_argument(
        "--id-type",
        type=code_arg(IdType),
        default=IdType.RESIDENT_ID,
        metavar="TYPE",
        help=f"证件类型:{choices_help(IdType)}(默认居民身份证)",
    )
    p.add_argument("--id", metavar="NUMBER", help="证件号码")
    p.add_argument("--phone", help="联系电话")
    # The clerk who registers the case is the acting account: --clerk and --as are one option.
    add_as_option(p, "--clerk", who="出具告知书的人员工号(未设置的数据库默认本机默认人员)")
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件 .docx 或 .pdf")
    p.add_argument("--receipt", metavar="FILE", help="同时出具收件回执并输出到此文件 .docx 或 .pdf")
    p.add_argument(
        "--crossregion",
        metavar="REGION",
        help="跨域通办:材料寄往的合作地区(告知书写明去向和预计时间)",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出编号、类型、评价地址等")
    p.set_defaults(func=cmd_sheet)

    cases = sub.add_parser("cases", help="已登记的办件").add_subparsers(
        dest="action", required=True
    )
    p = cases.add_parser("list", help="列出办件(证件号码和电话已脱敏)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="起始日期")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="截止日期(含)")
    p.add_argument("--clerk", metavar="LOGIN", help="窗口人员工号")
    p.add_argument("--item", metavar="CODE", help="事项或一件事编码")
    p.add_argument("--outcome", type=code_arg(Outcome), help=f"办件结果:{choices_help(Outcome)}")
    p.add_argument("--limit", type=count_arg("条数", 1, MAX_LISTED), default=200)
    p.add_argument("--json", action="store_true")
    case_steps.add_list_options(p)
    p.set_defaults(func=cmd_cases_list)
    p = cases.add_parser("reprint", help="按登记时的内容重新输出告知书")
    p.add_argument("serial", help="编号,如 铁西政服告〔2026〕123号")
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件 .docx 或 .pdf")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cases_reprint)
    case_steps.add_case_parsers(cases)
    case_exports.add_case_parsers(cases)
