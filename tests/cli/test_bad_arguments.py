"""Every command with the arguments a hostile tester types (issue 8 §3): absurd numbers, dates
at the end of the calendar, folders that do not exist, other scripts' digits, control
characters and bytes that are not UTF-8. Each must exit 2 with a Chinese message on stderr, no
traceback, nothing on stdout, and the database exactly as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.profiles import SET_UP
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.cli.main import build_parser, main
from window_assistant.services import open_services
from window_assistant.setup import complete_setup

REPO = Path(__file__).resolve().parents[2]
ITEM = "000920001000"  # 用人单位社保登记
BOSS = {"WINDOW_ASSISTANT_SECRET": "correct horse"}
CLERK = {"WINDOW_ASSISTANT_SECRET": "2580"}
SURROGATE = "\udcff"  # what Python makes of a byte that is not UTF-8 in an argument
ARABIC_ID = "\u0661\u0661\u0660\u0661\u0660\u0665\u0661\u0669\u0664\u0669\u0661\u0662\u0663\u0661\u0660\u0660\u0662X"


def sheet(*extra: str, out: str = "{tmp}/告知书.docx") -> list[str]:
    return ["sheet", "--item", ITEM, "--as", "1003", "--out", out, *extra]


# (command, arguments, environment, what the message must say). {tmp} is a folder that exists,
# {missing} one that does not, {serial} the case registered in the database.
BAD: list[tuple[str, list[str], dict[str, str], str]] = [
    ("(global)", ["--db", f"/tmp/{SURROGATE}.db", "catalog", "stats"], {}, "--db 的值含有看不见的残缺字符"),
    ("catalog import", ["catalog", "import", "{missing}/目录.xlsx", "--as", "S01"], BOSS, "找不到"),
    ("catalog import", ["catalog", "import", f"目录{SURROGATE}.json"], {}, "残缺字符"),
    ("catalog export", ["catalog", "export", "{missing}/目录.xlsx"], {}, "文件夹 {missing} 不存在"),
    ("catalog export", ["catalog", "export", "{missing}/csv/"], {}, "文件夹 {missing} 不存在"),
    ("catalog export", ["catalog", "export", "{tmp}/目录.txt"], {}, "无法导出为「目录.txt」"),
    ("catalog search", ["catalog", "search", "社保", "--limit", "99999999999999999999"], {}, "过大"),
    ("catalog search", ["catalog", "search", "社保", "--limit", "9" * 5000], {}, "过大"),
    ("catalog search", ["catalog", "search", "社保", "--limit", "-1"], {}, "不能为负数"),
    ("catalog search", ["catalog", "search", "社保", "--limit", "\u0661\u0662"], {}, "用数字 0–9"),
    ("catalog search", ["catalog", "search", "社\x1b[31m保"], {}, "控制字符"),
    ("catalog show", ["catalog", "show", SURROGATE], {}, "残缺字符"),
    ("catalog show", ["catalog", "show", "0009\u200b20001000"], {}, "零宽空格"),
    ("catalog stats", ["catalog", "stats", "--limit", "5"], {}, "无法识别的参数:--limit"),
    ("catalog versions", ["catalog", "versions", "1"], {}, "无法识别的参数"),
    ("workdays add", ["workdays", "add", "2026-01-01", "99999999999999"], {}, "天数 99999999999999 过大"),
    ("workdays add", ["workdays", "add", "9999-12-31", "5"], {}, "超出可计算的范围"),
    ("workdays add", ["workdays", "add", "2026-02-30", "1"], {}, "没有这一天"),
    ("workdays add", ["workdays", "add", "0000-01-01", "1"], {}, "没有这一天"),
    ("workdays add", ["workdays", "add", "10000-01-01", "1"], {}, "无效"),
    ("workdays add", ["workdays", "add", "2026-01-01", "\u0967"], {}, "用数字 0–9"),
    ("workdays add", ["workdays", "add", "2026-01-01", "1", "--unit", "年"], {}, "--unit"),
    ("workdays between", ["workdays", "between", "2026-01-01", "9999-12-31"], {}, "超出可计算的范围"),
    ("workdays import", ["workdays", "import", "{missing}/h.json", "--as", "S01"], BOSS, "找不到节假日文件"),
    ("workdays years", ["workdays", "years", "2027"], {}, "无法识别的参数"),
    ("sheet", sheet(out="{missing}/告知书.docx"), CLERK, "文件夹 {missing} 不存在"),
    ("sheet", sheet(out="{tmp}"), CLERK, "是一个文件夹"),
    ("sheet", sheet(out="{tmp}/告知书.txt"), CLERK, "扩展名"),
    ("sheet", sheet("--situation", "junk"), CLERK, "情形「junk」的写法不对"),
    ("sheet", sheet("--situation", "无此情形=是"), CLERK, "没有情形「无此情形」"),
    ("sheet", sheet("--situation", "agent=\u0000"), CLERK, "控制字符"),
    ("sheet", ["sheet", "--item", SURROGATE, "--out", "{tmp}/a.docx", "--as", "1003"], CLERK, "残缺字符"),
    ("sheet", sheet("--applicant", "张\x01三"), CLERK, "--applicant 的值含有看不见的控制字符"),
    ("sheet", sheet("--applicant", "张\u202e三"), CLERK, "双向文本控制符"),
    ("sheet", sheet("--applicant", "张三", "--id", ARABIC_ID), CLERK, "不是 0–9 的阿拉伯数字"),
    ("sheet", sheet("--applicant", "张三", "--phone", "\u2460\u2462812341234"), CLERK, "不是 0–9 的阿拉伯数字"),
    ("sheet", sheet("--applicant", "张三", "--phone", "+852 9123 456"), CLERK, "香港电话号码应为 +852 加 8 位号码"),
    ("sheet", sheet("--reason", "\x07"), CLERK, "控制字符"),
    ("sheet", sheet("--kind", "junk"), CLERK, "--kind"),
    ("sheet", sheet("--have", "营业执照", "--opinion", "营业执照=乱写"), CLERK, "「营业执照」的补正意见「乱写」无效"),
    ("sheet", sheet("--opinion", "junk"), CLERK, "补正意见「junk」的写法不对"),
    ("sheet", sheet("--opinion", "无此材料=缺"), CLERK, "材料中没有「无此材料」"),
    ("sheet", sheet("--opinion", "营业执照=未签字"), CLERK, "「营业执照」没有勾选为已带"),
    ("sheet", sheet("--opinion", "营业执照=缺:\x07"), CLERK, "控制字符"),
    ("sheet", ["sheet", "--item", ITEM], CLERK, "缺少必需的参数:--out"),
    ("sheet", sheet("--crossregion", "火星"), CLERK, "不能与「火星」跨域通办"),
    ("cases list", ["cases", "list", "--limit", "999999999999999999999"], {}, "过大"),
    ("cases list", ["cases", "list", "--limit", "0"], {}, "至少为 1"),
    ("cases list", ["cases", "list", "--from", "9999-12-31"], {}, "超出可计算的范围"),
    ("cases list", ["cases", "list", "--to", "2026-02-30"], {}, "没有这一天"),
    ("cases list", ["cases", "list", "--clerk", SURROGATE], {}, "残缺字符"),
    ("cases list", ["cases", "list", "--outcome", "junk"], {}, "--outcome"),
    ("cases list", ["cases", "list", "--overdue", "--on", "2026-02-30"], {}, "没有这一天"),
    ("cases show", ["cases", "show", SURROGATE], {}, "残缺字符"),
    ("cases show", ["cases", "show", "铁西政服告〔2026〕999号"], {}, "没有编号为"),
    ("cases show", ["cases", "show", "{serial}", "--on", "2026-13-01"], {}, "2026-13-01"),
    ("cases step", ["cases", "step", "{serial}", "飞走", "--as", "1003"], CLERK, "办理步骤无效"),
    ("cases step", ["cases", "step", "{serial}", "受理", "--as", "1003"], CLERK, "现在待补正,应当补正收件(或不予受理),不能跳过步骤直接受理"),
    ("cases step", ["cases", "step", "{serial}", "补正收件", "--set", "junk", "--as", "1003"], CLERK, "--set「junk」的写法不对"),
    ("cases step", ["cases", "step", "{serial}", "补正收件", "--set", "color=红", "--as", "1003"], CLERK, "没有这些项:color"),
    ("cases step", ["cases", "step", "{serial}", "更正", "--set", "step=99", "--set", "reason=x", "--as", "1003"], CLERK, "没有第 99 号步骤"),
    ("cases step", ["cases", "step", "{serial}", "作废", "--note", "\x1b[2J", "--as", "1003"], CLERK, "控制字符"),
    ("cases step", ["cases", "step", "{serial}", "受理"], {}, "请用 --as 指明工号"),
    ("cases void", ["cases", "void", "{serial}"], CLERK, "缺少必需的参数:--reason"),
    ("cases void", ["cases", "void", "{serial}", "--reason", " ", "--as", "1003"], CLERK, "作废原因不能为空"),
    ("cases void", ["cases", "void", "铁西政服告〔2026〕999号", "--reason", "误登记", "--as", "1003"], CLERK, "没有编号为"),
    ("cases reprint", ["cases", "reprint", "{serial}", "--out", "{missing}/x.docx"], {}, "文件夹 {missing} 不存在"),
    ("cases reprint", ["cases", "reprint", SURROGATE, "--out", "{tmp}/x.docx"], {}, "残缺字符"),
    ("cases reprint", ["cases", "reprint", "铁西政服告〔2026〕999号", "--out", "{tmp}/x.docx"], {}, "没有编号为"),
    ("ratings verify", ["ratings", "verify", "{missing}/评价.jsonl"], {}, "找不到文件 {missing}"),
    ("ratings verify", ["ratings", "verify", "{tmp}"], {}, "是一个文件夹"),
    ("ratings verify", ["ratings", "verify", "--head", "3:12"], {}, "链头「3:12」的写法不对"),
    ("ratings verify", ["ratings", "verify", "--head", "3:12:\u200b" + "a" * 16], {}, "零宽空格"),
    ("ratings list", ["ratings", "list", "--from", "2026-02-30"], {}, "没有这一天"),
    ("ratings list", ["ratings", "list", "--from", "2026-03-02", "--to", "2026-03-01"], {}, "晚于截止日期"),
    ("ratings list", ["ratings", "list", "--window", "3号"], {}, "数字或字母"),
    ("ratings follow-up", ["ratings", "follow-up", "{serial}", "verify", "--window", ""], {}, "请填写窗口编号"),
    ("ratings merge", ["ratings", "merge"], {}, "参数错误"),
    ("ratings merge", ["ratings", "merge", "{missing}/评价.csv", "--as", "S01"], BOSS, "找不到文件 {missing}"),
    ("ratings merge", ["ratings", "merge", "{tmp}", "--as", "S01"], BOSS, "是一个文件夹"),
    ("ratings merge", ["ratings", "merge", "{tmp}/评价.csv", "--as", "1003"], CLERK, "无权合并其他窗口的评价记录"),
    ("ratings export", ["ratings", "export", "{missing}/评价.jsonl"], {}, "文件夹 {missing} 不存在"),
    ("ratings export", ["ratings", "export", "{tmp}"], {}, "是一个文件夹"),
    ("ratings stats", ["ratings", "stats", "--from", "2026-02-30"], {}, "没有这一天"),
    ("ratings stats", ["ratings", "stats", "--from", "2026-03-02", "--to", "2026-03-01"], {}, "起止日期颠倒了"),
    ("ratings followups", ["ratings", "followups", "--all"], {}, "无法识别的参数"),
    ("ratings follow-up", ["ratings", "follow-up", "{serial}", "verify", "finding"], BOSS, "「finding」应写成 项=内容"),
    ("ratings follow-up", ["ratings", "follow-up", "{serial}", "verify", "finding=属实", "--as", "S01"], BOSS, "没有差评"),
    ("ratings report", ["ratings", "report", "--month", "2026-13", "--out", "{tmp}/月报.docx", "--as", "S01"], BOSS, "月份「2026-13」无效"),
    ("ratings report", ["ratings", "report", "--month", "三月", "--out", "{tmp}/月报.docx", "--as", "S01"], BOSS, "应写成 年-月,例如 2026-03"),
    ("ratings report", ["ratings", "report", "--month", "2026-03", "--out", "{missing}/月报.docx", "--as", "S01"], BOSS, "文件夹 {missing} 不存在"),
    ("ratings report", ["ratings", "report", "--month", "2026-03", "--out", "{tmp}/月报.txt", "--as", "S01"], BOSS, "扩展名应为 .docx"),
    ("ratings report", ["ratings", "report", "--month", "2026-03", "--out", "{tmp}/月报.docx", "--as", "1003"], CLERK, "无权生成好差评月度报告"),
    ("ratings export", ["ratings", "export", "{tmp}/评价.csv", "--unmasked", "--as", "1003"], CLERK, "无权导出未脱敏的评价记录"),
    ("ratings export", ["ratings", "export", "{tmp}/评价.xlsx", "--from", "2026-13-01"], {}, "2026-13-01"),
    ("ratings export", ["ratings", "export", "{tmp}/上报.txt", "--format", "gbt39046"], {}, "只能导出为 .csv 或 .xlsx"),
    ("ratings stats", ["ratings", "stats", "--by", "year"], {}, "没有 'year' 这一项"),
    ("ratings follow-up", ["ratings", "follow-up"], {}, "参数错误"),
    ("serve-ratings", ["serve-ratings", "--port", "99999999999999999999"], {}, "过大"),
    ("serve-ratings", ["serve-ratings", "--port", "80"], {}, "端口至少为 1024"),
    ("serve-ratings", ["serve-ratings", "--host", "192.168.1.300"], {}, "IPv4 地址"),
    ("serve-ratings", ["serve-ratings", "--host", f"pc{SURROGATE}"], {}, "残缺字符"),
    ("serve-ratings", ["serve-ratings"], {}, "还没有选择评价服务地址"),
    ("serve-ratings", ["serve-ratings", "--host", "no-such-host.invalid"], {}, "无法解析"),
    ("pad code", ["pad", "code", "--window", "9" * 30, "--as", "1003"], CLERK, "1–10 位"),
    ("pad code", ["pad", "code", "--window", "\u0663", "--as", "1003"], CLERK, "数字或字母"),
    ("pad code", ["pad", "code", "--window", "9", "--as", "1003"], CLERK, "没有编号为 9 的窗口"),
    ("pad code", ["pad", "code", "--window", "3"], {}, "请用 --as 指明工号"),
    ("pad unpair", ["pad", "unpair", "--window", "0", "--as", "1003"], CLERK, "没有编号为 0"),
    ("pad unpair", ["pad", "unpair", "--window", "9", "--as", "1003"], CLERK, "没有编号为 9 的窗口"),
    ("accounts list", ["accounts", "list", "--all"], {}, "无法识别的参数"),
    ("accounts add", ["accounts", "add", "1005", "--name", "孙\x01丽", "--as", "S01"], BOSS, "控制字符"),
    ("accounts add", ["accounts", "add", "1005", "--name", "孙丽", "--as", "S01"], {**BOSS, "WINDOW_ASSISTANT_NEW_SECRET": "\u0662\u0665\u0668\u0660"}, "PIN 须为 4–8 位数字 0–9"),
    ("accounts add", ["accounts", "add", "S02", "--name", "赵主任", "--role", "supervisor", "--as", "S01"], {**BOSS, "WINDOW_ASSISTANT_NEW_SECRET": " " * 12}, "不能只由空格组成"),
    ("accounts add", ["accounts", "add", "1005", "--name", "孙丽", "--window", "99", "--as", "S01"], {**BOSS, "WINDOW_ASSISTANT_NEW_SECRET": "1357"}, "没有编号为 99 的窗口"),
    ("accounts disable", ["accounts", "disable", "nobody", "--as", "S01"], BOSS, "没有工号为 nobody"),
    ("accounts enable", ["accounts", "enable", SURROGATE, "--as", "S01"], BOSS, "残缺字符"),
    ("accounts reset", ["accounts", "reset", "1003", "--as", "S01"], {**BOSS, "WINDOW_ASSISTANT_NEW_SECRET": "\u0968\u096b\u096e\u0966"}, "PIN 须为"),
    ("accounts role", ["accounts", "role", "1003", "boss", "--as", "S01"], {**BOSS, "WINDOW_ASSISTANT_NEW_SECRET": "long password"}, "「boss」不是可用的取值"),
    ("backup", ["backup", "{missing}/备份.db"], {}, "文件夹 {missing} 不存在"),
    ("backup", ["backup", "{tmp}"], {}, "是一个文件夹"),
    ("restore", ["restore", "{missing}/备份.db", "--as", "S01"], BOSS, "找不到备份文件"),
    ("restore", ["restore", f"备份{SURROGATE}.db", "--as", "S01"], BOSS, "残缺字符"),
    ("cases export", ["cases", "export", "{missing}/台账.csv"], {}, "文件夹 {missing} 不存在"),
    ("cases export", ["cases", "export", "{tmp}"], {}, "是一个文件夹"),
    ("cases export", ["cases", "export", "{tmp}/台账.txt"], {}, "只能导出为 .csv 或 .xlsx"),
    ("cases export", ["cases", "export", "{tmp}/台账.csv", "--from", "2026-02-30"], {}, "没有这一天"),
    ("cases export", ["cases", "export", "{tmp}/台账.csv", "--from", "2026-03-02", "--to", "2026-03-01"], {}, "晚于截止日期"),
    ("cases export", ["cases", "export", "{tmp}/台账.csv", "--unmasked", "--as", "1003"], CLERK, "无权导出未脱敏"),
    ("cases export", ["cases", "export", "{tmp}/台账.csv", "--format", "gb"], {}, "--format"),
    ("cases export", ["cases", "export", "{tmp}/办件.txt", "--format", "gbt39046"], {}, "只能导出为 .csv 或 .xlsx"),
    ("cases report", ["cases", "report", "--month", "2026-13", "--out", "{tmp}/台账.docx", "--as", "S01"], BOSS, "月份「2026-13」无效"),
    ("cases report", ["cases", "report", "--month", "2026-03", "--out", "{missing}/台账.docx", "--as", "S01"], BOSS, "文件夹 {missing} 不存在"),
    ("cases report", ["cases", "report", "--month", "2026-03", "--out", "{tmp}/台账.txt", "--as", "S01"], BOSS, "扩展名应为 .docx"),
    ("cases report", ["cases", "report", "--month", "2026-03", "--out", "{tmp}/台账.docx", "--as", "1003"], CLERK, "无权生成办件台账月报"),
    ("cases report", ["cases", "report", "--out", "{tmp}/台账.docx"], {}, "--month"),
    ("crossregion export", ["crossregion", "export", "{missing}/跨域.csv"], {}, "文件夹 {missing} 不存在"),
    ("crossregion export", ["crossregion", "export", "{tmp}/跨域.json"], {}, "只能导出为 .csv 或 .xlsx"),
    ("crossregion export", ["crossregion", "export", "{tmp}/跨域.csv", "--unmasked"], {}, "请用 --as 指明工号"),
    ("crossregion list", ["crossregion", "list", "--scope", "火星"], {}, "「火星」不是可用的取值"),
    ("crossregion list", ["crossregion", "list", "--region", "铁东\x1b区"], {}, "控制字符"),
    ("crossregion import", ["crossregion", "import", "{missing}/协议.xlsx", "--as", "S01"], BOSS, "找不到文件"),
    ("crossregion import", ["crossregion", "import", "{tmp}/协议.json", "--as", "1003"], CLERK, "无权导入跨域通办合作协议"),
    ("crossregion import", ["crossregion", "import", f"协议{SURROGATE}.json", "--dry-run"], {}, "残缺字符"),
    ("crossregion import", ["crossregion", "import", "{tmp}", "--dry-run"], {}, "是一个文件夹"),
    ("crossregion import", ["crossregion", "import", "{tmp}/协议.csv", "--dry-run"], {}, "找不到文件"),
    ("crossregion import", ["crossregion", "import", "{tmp}/协议.xlsx"], {}, "请用 --as 指明工号"),
    ("crossregion publish", ["crossregion", "publish", "--out", "{tmp}/清单.txt", "--as", "1003"], CLERK, "扩展名应为 .docx"),
    ("crossregion publish", ["crossregion", "publish", "--out", "{missing}/清单.docx", "--as", "1003"], CLERK, "文件夹 {missing} 不存在"),
    ("crossregion publish", ["crossregion", "publish", "--out", "{tmp}"], {}, "是一个文件夹"),
    ("crossregion publish", ["crossregion", "publish"], {}, "缺少必需的参数:--out"),
    ("crossregion publish", ["crossregion", "publish", "--out", "{tmp}/清单.docx"], {}, "请用 --as 指明工号"),
    ("crossregion versions", ["crossregion", "versions", "1"], {}, "无法识别的参数"),
    ("crossregion cases", ["crossregion", "cases", "--direction", "sideways"], {}, "--direction"),
    ("crossregion cases", ["crossregion", "cases", "--on", "2026-02-30"], {}, "没有这一天"),
    ("crossregion receive", ["crossregion", "receive", "--item", "000920012000", "--their-serial", "T-1"], CLERK, "缺少必需的参数:--region"),
    ("crossregion receive", ["crossregion", "receive", "--region", "火星", "--item", "000920012000", "--their-serial", "T-1", "--as", "1003"], CLERK, "不能与「火星」跨域通办"),
    ("crossregion receive", ["crossregion", "receive", "--region", "铁东区", "--item", "999", "--their-serial", "T-1", "--as", "1003"], CLERK, "目录中没有事项编码 999"),
    ("crossregion receive", ["crossregion", "receive", "--region", "铁东区", "--item", "000920012000", "--their-serial", "T\x071", "--as", "1003"], CLERK, "控制字符"),
    ("crossregion receive", ["crossregion", "receive", "--region", "铁东区", "--item", "000920012000", "--their-serial", "T-1", "--applicant", "王五", "--id", "110105194912310021", "--as", "1003"], CLERK, "申请人"),
    ("crossregion receive", ["crossregion", "receive", "--region", "铁东区", "--item", "000920012000", "--their-serial", "T-1", "--id", "110105194912310021", "--as", "1003"], CLERK, "请同时用 --applicant"),
    ("centre export-secret", ["centre", "export-secret", "{missing}/中心密钥.json", "--as", "S01"], BOSS, "文件夹 {missing} 不存在"),
    ("centre export-secret", ["centre", "export-secret", "{tmp}", "--as", "S01"], BOSS, "是一个文件夹"),
    ("centre import-secret", ["centre", "import-secret", "{tmp}", "--as", "S01"], BOSS, "是一个文件夹"),
    ("centre import-secret", ["centre", "import-secret", f"密钥{SURROGATE}.json", "--as", "S01"], BOSS, "残缺字符"),
]  # fmt: skip


def _commands(parser=None, prefix: str = "") -> set[str]:
    """Every leaf command of the parser: "catalog import", "sheet", "backup" …"""
    import argparse

    parser = parser or build_parser()
    found: set[str] = set()
    for action in parser._actions:  # noqa: SLF001 - argparse has no public walk
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sub in action.choices.items():
                found |= _commands(sub, f"{prefix} {name}".strip())
    return found or {prefix}


def test_the_table_covers_every_command():
    assert _commands() <= {command for command, *_ in BAD}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, str]:
    """A set-up installation with one registered case, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "wa.db"
    with open_services(path) as svc:
        complete_setup(svc, SET_UP)
        clerk = svc.accounts.authenticate("1003", "2580")
        case = CaseService(svc).register(CaseRequest("item", ITEM), clerk)
    return path, case.serial


def fingerprint(db: Path) -> str:
    """Every row of every table, hashed: equal before and after means nothing changed."""
    import sqlite3

    digest = hashlib.sha256()
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in sorted(tables):
            digest.update(table.encode())
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode())
    conn.close()
    return digest.hexdigest()


@pytest.mark.parametrize(
    ("command", "args", "env", "message"),
    BAD,
    ids=[f"{c}:{' '.join(a)[:40]!r}" for c, a, *_ in BAD],
)
def test_bad_arguments_exit_2_in_chinese_and_change_nothing(
    template, tmp_path, capsys, monkeypatch, command, args, env, message
):
    source, serial = template
    db = tmp_path / "wa.db"
    shutil.copy(source, db)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    before = fingerprint(db)
    missing = tmp_path / "no such folder"
    argv = [a.format(tmp=tmp_path, missing=missing, serial=serial) for a in args]
    code = main(["--db", str(db), *argv] if command != "(global)" else argv)
    out, err = capsys.readouterr()
    assert code == 2, err
    assert message.format(missing=missing) in err, err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert out == ""
    assert fingerprint(db) == before
    assert not missing.exists()  # not created on the way either


@pytest.mark.parametrize(
    "args",
    [
        [b"catalog", b"show", b"\xff\xfe"],
        [
            b"sheet",
            b"--item",
            ITEM.encode(),
            b"--applicant",
            b"\xe5\xbc\xa0\xff",
            b"--out",
            b"a.docx",
            b"--as",
            b"1003",
        ],
        [b"cases", b"list", b"--clerk", b"\x1b[2J"],
        [b"catalog", b"export", b"no such folder/x.xlsx"],
        [b"workdays", b"add", b"9999-12-31", b"1"],
    ],
)
def test_as_a_real_process_raw_bytes_give_one_chinese_message(template, tmp_path, args):
    """The real argv path: bytes that are not UTF-8 arrive as lone surrogates, and openpyxl's
    half-written streams used to add ten tracebacks after the one message."""
    db = tmp_path / "wa.db"
    shutil.copy(template[0], db)
    before = fingerprint(db)
    result = subprocess.run(
        [sys.executable, "-m", "window_assistant", "--db", str(db), *args],
        capture_output=True, cwd=tmp_path, timeout=60, env={**os.environ, **CLERK},
    )  # fmt: skip
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert len(err.strip().splitlines()) <= 4 and ("错误" in err), err
    assert fingerprint(db) == before
    assert not (tmp_path / "no such folder").exists() and not (tmp_path / "a.docx").exists()
