"""Exports of the rating log a clerk opens in Excel (CSV, XLSX) and the GB/T 39046 dataset.

The table (``export_table``, ``FILE.csv`` or ``FILE.xlsx``) holds one row per rating with every
stored field, so that ``verify`` recomputes every hash from the file:

- Headers read 「中文名(field_code)」: the clerk reads the name, a script the code in the
  parentheses (``COLUMNS``). Besides the stored fields: 评价等级/评价渠道 (the labels next to
  the codes, checked against them on verify) and 意见校验值(comment_sha256), the comment's
  digest the chain hashes in place of the comment (HMAC-SHA256 under a key derived from the
  centre's secret, ``log.comment_key``; blank when there is no comment). Keyed, because a plain
  hash beside a masked phone number would give its hidden digits back in 10,000 tries; so the
  comments' text is checked only on an installation of the same centre (the key's id, 密钥标识,
  is in the file), while the chain over every other field and the digests is checked anywhere.
- The chain heads travel with the rows: in the CSV, a block of lines above the table (format,
  when, which dates, masked or not, then one 链头 line per window), a blank line, then the
  table; in the XLSX, sheet 链头 holds that block, sheet 评价记录 the table and sheet 统计 the
  figures of the period (``stats.statistics``: overall, per window, per clerk).
- A date-filtered export is a slice of each window's chain: from the first to the last row of
  the window in the period (every row between, whatever its clock said). Its head is the slice's
  last row with ``count`` = rows in the slice, so ``verify`` starts the window at seq
  ``seq - count + 1``, taking that row's link to the rows before as given, and still finds a
  row edited, removed in the middle, or removed from either end.
- Masked by default: phone and ID numbers typed in a comment are masked (``log.mask_numbers``).
  With this centre's key, a comment whose text no longer matches its digest verifies through
  the digest only when the file says it is masked and the text shows the mask's ``*``; any
  other mismatch is a change (``log.file_comment``).
  ``unmasked`` is a supervisor's choice (``Action.EXPORT_UNMASKED``), audited like every export
  (who, which file, how many rows; never what the rows say).
- What the citizen typed (comment, device) is written with a leading ``'`` when it starts like
  a formula (= + - @), so Excel shows it as text; verify takes the ``'`` off again.

The GB/T 39046-2020 table 9 dataset (``export_gbt39046``) is what the provincial 好差评 system
takes: 办件编号, 评价渠道 (3 二维码 / 4 政务大厅平板电脑), 评价人, 评价时间 (YYYYMMDDThhmmss),
评价次数 (1: 一次一评), 满意度, 满意度代码 (1 = 非常满意 … 5), 文字评价, 行政区划 (setting
``centre.region_code``). 评价人 is the applicant named on the case (the rating is the case's; the
rater is never identified beyond it), masked to the surname unless unmasked, 匿名 when the case
names no one. Every rating is included, also one whose 差评 appeal was upheld: the standard's
data item is the rating as given (一次一评, never removed), and the appeal is the platform's
own review, so a tenth column 申诉复核 says 「申诉成立,不计入统计」 for those and stays empty
otherwise (an importer mapping the nine standard columns by name ignores it).

Each file is read in one snapshot (the rating server keeps recording meanwhile), written beside
the target and renamed, so a full disk or a folder that refuses leaves no half file behind.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from window_assistant.errors import UserError
from window_assistant.exports import (
    FORMULA_START as _FORMULA_START,
)
from window_assistant.exports import (
    Progress,
    gbt39046_time,
    mask_name,
    write_rows,
)
from window_assistant.exports import beside as _beside
from window_assistant.exports import cell as _cell
from window_assistant.exports import check_dates as _check_dates
from window_assistant.exports import check_sheet_rows as _check_sheet_rows
from window_assistant.exports import counted as _counted
from window_assistant.exports import table_kind as _kind
from window_assistant.exports import uncell as _uncell
from window_assistant.exports import write_file as _write_file
from window_assistant.permissions import Action, require
from window_assistant.ratings import travel
from window_assistant.ratings.log import (
    _DB_SELECT,
    CASE_COUNT_FIELDS,
    FOLLOWUP_FIELDS,
    ROW_FIELDS,
    ChainBroken,
    ChainHead,
    ExportFile,
    _dumps,
    _snapshot,
    comment_key,
    file_comment,
    key_id,
    mask_numbers,
)
from window_assistant.vocab import RatingChannel, RatingLevel

if TYPE_CHECKING:
    from window_assistant.accounts import User
    from window_assistant.services import Services

CLI_ACTOR = "cli"  # the audit log's actor for an export nobody signed in for (masked only)
TABLE_TITLE = "窗口助手评价记录"
TABLE_FORMAT = "window-assistant/ratings-table"
TABLE_VERSION = 3  # 2: comments' digests keyed; 3: chains by window number, merge data
MASKED, UNMASKED = "已脱敏", "未脱敏"
HEAD_MARK = "链头"
CASES_MARK, NAMED_MARK, STEP_MARK = "办件数", "实名差评", "整改记录"  # what travels (travel.py)
KEY_MARK = "密钥标识"
ROWS_SHEET, STATS_SHEET, HEADS_SHEET = "评价记录", "统计", "链头"
# (field code, Chinese name) of the table's columns, in order.
COLUMNS = (
    ("window_number", "窗口编号"), ("window_id", "本机窗口序号"), ("window_name", "窗口名称"),
    ("seq", "序号"),
    ("case_serial", "办件编号"), ("item_code", "事项编码"), ("item_name", "事项名称"),
    ("clerk_login", "经办人工号"), ("clerk_name", "经办人"), ("level", "评价等级代码"),
    ("level_label", "评价等级"), ("channel", "评价渠道代码"), ("channel_label", "评价渠道"),
    ("tags", "标签"), ("comment", "评价意见"), ("comment_sha256", "意见校验值"),
    ("at", "评价时间"), ("token_id", "评价码编号"), ("device", "评价设备"),
    ("prev_hash", "上一条校验值"), ("hash", "校验值"), ("v", "校验版本"),
)  # fmt: skip
HEADERS = [f"{name}({code})" for code, name in COLUMNS]
HEAD_HEADERS = [HEAD_MARK, "窗口编号(window)", "起始序号(first)", "末条序号(seq)",
                "校验值(hash)", "条数(count)"]  # fmt: skip
GBT39046_HEADERS = ["办件编号", "评价渠道", "评价人", "评价时间", "评价次数", "满意度",
                    "满意度代码", "文字评价", "行政区划", "申诉复核"]  # fmt: skip
UPHELD = "申诉成立,不计入统计"
ANONYMOUS = "匿名"
TAG_JOIN = "、"  # tags never hold it: the settings split the tag sets on it
_LEVEL_LABELS = {lv.value: lv.label for lv in RatingLevel}
_CHANNEL_LABELS = {ch.value: ch.label for ch in RatingChannel}
_HEADER_CODE = re.compile(r"[((]([a-z_0-9]+)[))]\s*$")


@dataclass(frozen=True)
class Exported:
    """What an export wrote: where, how many rows, the chain heads it carries (none for the
    GB/T 39046 dataset), and whether what citizens typed was masked."""

    path: Path
    rows: int
    heads: list[ChainHead]
    masked: bool


# -- choosing the rows -------------------------------------------------------------------------
@dataclass(frozen=True)
class _Slice:
    window: str
    first: int
    last: int

    @property
    def count(self) -> int:
        return self.last - self.first + 1


def _at_range(
    date_from: date | None, date_to: date | None, column: str = "at"
) -> tuple[str, list[Any]]:
    """A WHERE clause on ``column`` (the rating's ``at``, indexed) for ratings given from
    ``date_from`` to ``date_to`` inclusive."""
    return travel.day_range(date_from, date_to, column)


def _slices(services: Services, date_from: date | None, date_to: date | None) -> list[_Slice]:
    """Each window's run of seq from its first to its last rating in the period."""
    where, params = _at_range(date_from, date_to)
    rows = services.store.execute(
        f"SELECT window_number, min(seq), max(seq) FROM ratings WHERE {where}"
        " GROUP BY window_number ORDER BY window_number",
        params,
    )
    return [_Slice(*row) for row in rows]


def _heads(services: Services, slices: list[_Slice]) -> list[ChainHead]:
    heads = []
    for part in slices:
        (digest,) = services.store.execute(
            "SELECT hash FROM ratings WHERE window_number = ? AND seq = ?",
            [part.window, part.last],
        ).fetchone()
        heads.append(ChainHead(part.window, part.last, digest, part.count))
    return heads


def _stored_rows(services: Services, slices: list[_Slice]) -> Iterator[Sequence[Any]]:
    for part in slices:
        yield from services.store.execute(
            f"{_DB_SELECT} WHERE window_number = ? AND seq BETWEEN ? AND ? ORDER BY seq",
            [part.window, part.first, part.last],
        )


def _audit(
    services: Services,
    who: str,
    path: Path,
    kind: str,
    rows: int,
    masked: bool,
    dates: tuple[date | None, date | None],
    **more: Any,
) -> None:
    """Who exported which file, how many rows, masked or not: never what the rows say."""
    services.audit.record(
        who,
        "ratings.export",
        path=str(path),
        format=kind,
        rows=rows,
        masked=masked,
        date_from=dates[0].isoformat() if dates[0] else None,
        date_to=dates[1].isoformat() if dates[1] else None,
        **more,
    )


def _check_actor(actor: User | None, unmasked: bool) -> str:
    """The audit log's actor; an unmasked export only for an account allowed it."""
    if unmasked:
        if actor is None:
            raise UserError("导出未脱敏的评价记录须由负责人以具名账号操作(--as 工号)。")
        require(actor, Action.EXPORT_UNMASKED)
    return actor.login if actor is not None else CLI_ACTOR


# -- the table ---------------------------------------------------------------------------------
def _table_rows(rows: Iterable[Sequence[Any]], masked: bool, key: bytes) -> Iterator[list[Any]]:
    """Stored rows (``ROW_FIELDS``) as the table's columns (``COLUMNS``). One loop, names
    bound locally: this is the export's whole cost over a bare writer. A comment's digest (keyed:
    ``log.comment_key``) is blank when there is no comment, as the chain hashes it."""
    levels, channels, start = _LEVEL_LABELS, _CHANNEL_LABELS, _FORMULA_START
    new_mac, sha256 = hmac.new, hashlib.sha256
    tag_texts: dict[str, str] = {}  # a centre has a few dozen combinations: each decoded once
    for (number, version, window, window_name, seq, serial, item_code, item_name, clerk,
         clerk_name, level, channel, tags, comment, at, token, device, prev_hash, digest,
         stored_digest) in rows:  # fmt: skip
        if stored_digest is not None:  # a merged row: the digest it came with
            comment_sha = stored_digest
            shown = _cell(mask_numbers(comment) if masked else comment)
        elif comment:
            comment_sha = new_mac(key, comment.encode("utf-8"), sha256).hexdigest()
            shown = _cell(mask_numbers(comment) if masked else comment)
        else:
            comment_sha = shown = ""
        tag_text = tag_texts.get(tags)
        if tag_text is None:
            tag_text = tag_texts[tags] = TAG_JOIN.join(json.loads(tags))
        yield [
            number, window, window_name, seq, serial, item_code, item_name, clerk, clerk_name,
            level, levels[level], channel, channels[channel], tag_text, shown, comment_sha,
            at, token, "'" + device if device.startswith(start) else device, prev_hash, digest,
            version,
        ]  # fmt: skip


def _preamble(
    heads: list[ChainHead],
    date_from: date | None,
    date_to: date | None,
    masked: bool,
    key: bytes,
    travelling: Sequence[list[Any]] = (),
) -> list[list[Any]]:
    """The lines above the CSV's table (and sheet 链头): what the file is, the heads, and what
    travels with the rows for a merge (``_travelling``)."""
    lines: list[list[Any]] = [
        [TABLE_TITLE, TABLE_FORMAT, TABLE_VERSION],
        ["导出时间", datetime.now().isoformat(timespec="seconds")],
        [
            "评价日期",
            date_from.isoformat() if date_from else "最早",
            date_to.isoformat() if date_to else "最新",
        ],  # fmt: skip
        [
            "评价意见",
            MASKED if masked else UNMASKED,
            "电话和证件号码已遮盖,核验时以意见校验值为准" if masked else "按原文导出",
        ],  # fmt: skip
        [KEY_MARK, key_id(key), "意见校验值以本中心密钥计算:本中心的电脑可核验意见原文"],
        HEAD_HEADERS,
    ]
    for h in heads:
        lines.append([HEAD_MARK, h.window, h.seq - h.count + 1, h.seq, h.hash, h.count])
    return [*lines, *travelling]


def _travelling(
    services: Services,
    slices: list[_Slice],
    date_from: date | None,
    date_to: date | None,
    masked: bool,
) -> list[list[Any]]:
    """The lines that carry what travels with the rows (travel.py), after the heads: cases
    counted (办件数), 实名差评, and the follow-up steps (整改记录, their detail as JSON)."""
    parts = [(p.window, p.first, p.last) for p in slices]
    lines: list[list[Any]] = [[CASES_MARK, *CASE_COUNT_FIELDS]]
    lines += [[CASES_MARK, *row] for row in travel.case_counts(services, date_from, date_to)]
    lines += [[NAMED_MARK, w, s] for w, s in travel.named_bad(services, parts)]
    lines.append([STEP_MARK, *FOLLOWUP_FIELDS])
    for step in travel.followup_steps(services, parts, masked):
        values = [step[name] for name in FOLLOWUP_FIELDS]
        values[FOLLOWUP_FIELDS.index("detail")] = _dumps(step["detail"])
        lines.append([STEP_MARK, *("" if v is None else v for v in values)])
    return lines


def export_table(
    services: Services,
    path: str | Path,
    actor: User | None = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    unmasked: bool = False,
    progress: Progress | None = None,
) -> Exported:
    """Write the ratings given from ``date_from`` to ``date_to`` (inclusive; None: no bound)
    to ``path`` (.csv or .xlsx, see the module docstring) with their chain heads; the XLSX
    also with the period's figures. ``actor`` None: the command line without a sign-in, which
    may export masked only."""
    path = Path(path)
    kind = _kind(path)
    _check_dates(date_from, date_to)
    who = _check_actor(actor, unmasked)
    masked = not unmasked
    with _beside(path) as tmp:
        with _snapshot(services):  # heads, rows and figures agree
            slices = _slices(services, date_from, date_to)
            heads = _heads(services, slices)
            total = sum(part.count for part in slices)
            key = comment_key(services.settings.centre_secret)
            travelling = _travelling(services, slices, date_from, date_to, masked)
            preamble = _preamble(heads, date_from, date_to, masked, key, travelling)
            rows = _table_rows(_stored_rows(services, slices), masked, key)
            counted = _counted(rows, total, progress)
            if kind == "csv":

                def write_csv(out: Any) -> None:
                    writer = csv.writer(out)
                    writer.writerows(preamble)
                    writer.writerow([])
                    writer.writerow(HEADERS)
                    writer.writerows(counted)

                _write_file(tmp, write_csv)
            else:
                _check_sheet_rows(total)
                figures = _figures(services, date_from, date_to)

                def write_xlsx(out: Any) -> None:
                    from window_assistant.ratings import exports_xlsx

                    exports_xlsx.write_table(out, preamble, HEADERS, counted, figures)

                _write_file(tmp, write_xlsx, binary=True)
        heads_text = [h.text() for h in heads]
        _audit(services, who, path, kind, total, masked, (date_from, date_to), heads=heads_text)
        os.replace(tmp, path)
    return Exported(path, total, heads, masked)


def _figures(
    services: Services, date_from: date | None, date_to: date | None
) -> list[tuple[str, dict[str, Any]]]:
    """The period's figures for sheet 统计: (scope, figures) overall, per window, per clerk."""
    from window_assistant.ratings.stats import statistics

    today = date.today()
    if date_from is None:
        row = services.store.execute("SELECT min(at) FROM ratings").fetchone()
        date_from = date.fromisoformat(row[0][:10]) if row and row[0] else today
    end = date_to or max(today, date_from)
    date_from = min(date_from, end)  # --to before the first rating: an empty period
    by_window = statistics(services, date_from, end, "window")
    by_clerk = statistics(services, date_from, end, "clerk")
    overall = by_window.overall.to_json()
    overall["label"] = f"{date_from.isoformat()} 至 {end.isoformat()}"
    return [
        ("合计", overall),
        *(("窗口", g.to_json()) for g in by_window.groups),
        *(("经办人", g.to_json()) for g in by_clerk.groups),
    ]


# -- reading a table back (verify) -------------------------------------------------------------
def read_table_export(path: Path, key: bytes | None = None) -> ExportFile:
    """A CSV or XLSX export opened (``log.ExportFile``): the heads and what travels, read now
    from the lines above the table; the rows in ``ROW_FIELDS`` order as the database holds them
    (what ``log.verify_chain`` walks), read as they are walked, the comments checked against
    their digests when ``key`` is the file's."""
    if not path.exists():
        raise ChainBroken(f"找不到文件 {path},请检查文件名和位置。")
    if path.is_dir():
        raise ChainBroken(f"{path} 是一个文件夹,请给出 ratings export 导出的文件。")
    if path.suffix.lower() == ".xlsx":
        from window_assistant.ratings import exports_xlsx

        preamble, table = exports_xlsx.read_table(path)
    else:
        preamble, table = _read_csv(path)
    file = _parse_preamble(path, preamble)
    mine = key if key is not None and file.key_id == key_id(key) else None
    file.rows = _rows_of(file, table, mine)
    return file


def _read_csv(path: Path) -> tuple[list[list[Any]], Iterator[tuple[int, list[Any]]]]:
    """The lines above the table (read now: a few) and the table's lines (read as walked)."""
    preamble: list[list[Any]] = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for line in csv.reader(handle):
                if not any(line) or (preamble and preamble[0][:1] != [TABLE_TITLE]):
                    break  # the end of the lines above the table, or not an export at all
                preamble.append(line)
    except (UnicodeDecodeError, csv.Error):
        raise ChainBroken(f"{path} 不是窗口助手导出的评价记录(无法按 UTF-8 CSV 读取)。") from None
    except OSError as exc:
        raise ChainBroken(f"无法读取 {path}:{exc.strerror or exc}。") from None

    def table() -> Iterator[tuple[int, list[Any]]]:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            lines = enumerate(csv.reader(handle), start=1)
            try:
                for _ in range(len(preamble) + 1):  # and the blank line
                    next(lines, None)
                yield from lines
            except (UnicodeDecodeError, csv.Error):
                raise ChainBroken(f"{path} 含有无法识别的内容(不是 UTF-8 CSV)。") from None

    return preamble, table()


def _parse_preamble(path: Path, preamble: list[list[Any]]) -> ExportFile:
    not_ours = ChainBroken(f"{path} 不是窗口助手导出的评价记录(开头应为「{TABLE_TITLE}」和链头)。")
    if not preamble or [str(v) for v in preamble[0][:2]] != [TABLE_TITLE, TABLE_FORMAT]:
        raise not_ours
    version = _int(preamble[0][2] if len(preamble[0]) > 2 else None)
    if version not in (2, TABLE_VERSION):
        raise ChainBroken(
            f"{path} 是其他版本的窗口助手导出的评价记录(格式版本 {version}),请用相应版本核验。"
        )
    masked = any(line[:2] == ["评价意见", MASKED] for line in preamble)
    file_key = next((str(line[1]) for line in preamble if line[:1] == [KEY_MARK]), "")
    file = ExportFile(path, [], file_key, iter(()), version, masked, travels=version >= 3)
    for line in preamble[1:]:
        mark = line[0] if line else None
        if mark == HEAD_MARK and line[1] != HEAD_HEADERS[1]:
            file.heads.append(_head(path, line))
        elif mark == CASES_MARK and line[1] != CASE_COUNT_FIELDS[0]:
            file.cases.append(_case_count(path, line))
        elif mark == NAMED_MARK and len(line) > 2:
            file.named.add((str(line[1]), str(line[2])))
        elif mark == STEP_MARK and line[1] != FOLLOWUP_FIELDS[0]:
            file.steps.append(_step(path, line))
    return file


def _head(path: Path, line: list[Any]) -> ChainHead:
    values = [_int(v) for v in (line[2], line[3], line[5])] if len(line) > 5 else []
    window = str(line[1]).strip() if len(line) > 1 and line[1] is not None else ""
    if (
        len(values) != 3
        or None in values
        or not re.fullmatch(r"[0-9a-f]{64}", str(line[4]))
        or not re.fullmatch(r"[A-Za-z0-9-]{1,10}", window)
    ):
        raise ChainBroken(f"{path} 的链头「{','.join(map(str, line))}」不完整或被改动过。")
    first, last, count = values
    assert last is not None and count is not None and first is not None
    if first != last - count + 1:
        raise ChainBroken(f"{path} 中窗口 {window} 的链头起止序号与条数不符:链头被改动过。")
    return ChainHead(window, last, str(line[4]), count)


def _case_count(path: Path, line: list[Any]) -> tuple[Any, ...]:
    values = [("" if v is None else str(v)) for v in line[1 : 1 + len(CASE_COUNT_FIELDS)]]
    counts = [_int(v) for v in line[len(CASE_COUNT_FIELDS) - 1 : len(CASE_COUNT_FIELDS) + 1]]
    if len(values) != len(CASE_COUNT_FIELDS) or None in counts:
        raise ChainBroken(f"{path} 的办件数「{','.join(map(str, line))}」不完整或被改动过。")
    return (*values[:-2], *counts)


def _step(path: Path, line: list[Any]) -> dict[str, Any]:
    values = line[1 : 1 + len(FOLLOWUP_FIELDS)]
    try:
        if len(values) != len(FOLLOWUP_FIELDS):
            raise ValueError
        step: dict[str, Any] = {
            name: ("" if v is None else str(v)) for name, v in zip(FOLLOWUP_FIELDS, values)
        }
        step["id"] = _int(values[0])
        step["corrects"] = _int(values[-1]) if values[-1] not in (None, "") else None
        step["detail"] = json.loads(step["detail"])
        if step["id"] is None or not isinstance(step["detail"], dict):
            raise ValueError
    except ValueError:
        raise ChainBroken(
            f"{path} 的整改记录「{','.join(map(str, line))[:80]}」不完整或被改动过。"
        ) from None
    return step


def _int(value: Any) -> int | None:
    """A whole number as a CSV (text) or calamine (int or float) gives it, else None."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,18}", value.strip()):
        return int(value)
    return None


def _rows_of(
    file: ExportFile, table: Iterator[tuple[int, list[Any]]], key: bytes | None
) -> Iterator[tuple[Any, ...]]:
    """The table's rows in ``ROW_FIELDS`` order; the header row says where each column is."""
    place: dict[str, int] = {}
    read: _RowReader | None = None
    for number, line in table:
        if read is None:
            codes = [_HEADER_CODE.search(str(v)) for v in line]
            place = {m[1]: i for i, m in enumerate(codes) if m}
            needed = COLUMNS if file.version >= 3 else _COLUMNS_V2
            missing = [name for code, name in needed if code not in place]
            if missing:
                raise ChainBroken(f"{file.path} 第 {number} 行(表头)缺少列:{'、'.join(missing)}。")
            read = _RowReader(file, place, key)
            continue
        if not any(v not in (None, "") for v in line):
            continue
        try:
            yield read(line)
        except (IndexError, ValueError, KeyError, TypeError):
            raise ChainBroken(
                f"{file.path} 第 {number} 行不是完整的评价记录(文件被截断或改动过)。"
            ) from None


# The table of version 2 (before merges): no window number, no content version.
_COLUMNS_V2 = tuple((c, n) for c, n in COLUMNS if c not in ("window_number", "v"))
_NUMBERS = ("window_id", "seq", "v")


def _whole(value: Any) -> int:
    """A whole number of a cell (CSV text, or calamine's int or float), else ValueError."""
    if value.__class__ is str:
        text = value.strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 18):
            raise ValueError(value)
        return int(text)
    number = _int(value)
    if number is None:
        raise ValueError(value)
    return number


class _RowReader:
    """Reads one table row as the database would hold it (``ROW_FIELDS``; with the comment's
    text and digest after it when ``file.keep_comments``). A label that disagrees with its
    code, or a comment that disagrees with its digest (unless masked), is carried into the row
    so that its hash cannot match: the row is then named as changed. Called for every row of
    a file (a merge reads 100,000): the columns are placed once, tags decoded once per text."""

    def __init__(self, file: ExportFile, place: dict[str, int], key: bytes | None) -> None:
        self.file, self.key = file, key
        self.at = {code: place[code] for code in place}
        self.numbers = _NUMBERS if file.version >= 3 else _NUMBERS[:2]
        self.tags: dict[str, str] = {}

    def __call__(self, line: list[Any]) -> tuple[Any, ...]:
        at, file = self.at, self.file

        def text(code: str) -> str:
            value = line[at[code]]
            return "" if value is None else str(value)

        row: dict[str, Any] = {}
        for code in self.numbers:
            row[code] = _whole(line[at[code]])
        if file.version < 3:  # before merges: chains keyed by the PC's window id
            row["window_number"], row["v"] = str(row["window_id"]), 2
        else:
            row["window_number"] = text("window_number")
        for code in ("window_name", "case_serial", "item_code", "item_name", "clerk_login",
                     "clerk_name", "at", "token_id", "prev_hash", "hash"):  # fmt: skip
            row[code] = text(code)
        for code, labels in (("level", _LEVEL_LABELS), ("channel", _CHANNEL_LABELS)):
            value, label = text(code), text(f"{code}_label")
            row[code] = value if labels.get(value) == label else f"{value}≠{label}"
        tags = text("tags")
        if tags not in self.tags:
            self.tags[tags] = _dumps([t for t in tags.split(TAG_JOIN) if t])
        row["tags"] = self.tags[tags]
        comment, digest = _uncell(text("comment")), text("comment_sha256")
        # Masked text is tolerated beside its digest in any file: a merged row may hold a
        # comment that an earlier masked export masked.
        row["comment"] = file_comment(comment, digest, self.key, file.masked or "*" in comment)
        row["device"] = _uncell(text("device"))
        stored = tuple(row[name] for name in ROW_FIELDS)
        return (*stored, comment, digest) if file.keep_comments else stored


# -- the GB/T 39046 dataset --------------------------------------------------------------------
def export_gbt39046(
    services: Services,
    path: str | Path,
    actor: User | None = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    unmasked: bool = False,
    progress: Progress | None = None,
) -> Exported:
    """Write the GB/T 39046-2020 table 9 dataset of the ratings given from ``date_from`` to
    ``date_to`` to ``path`` (.csv with BOM or .xlsx), oldest first (see the module docstring
    for 评价人 and the upheld appeals)."""
    from window_assistant.ratings.followups import followups

    path = Path(path)
    kind = _kind(path)
    _check_dates(date_from, date_to)
    who = _check_actor(actor, unmasked)
    region = services.settings.region_code
    where, params = _at_range(date_from, date_to, "r.at")
    with _beside(path) as tmp:
        with _snapshot(services):
            upheld = {
                f.serial for f in followups(services, date_from=date_from, date_to=date_to)
                if f.excluded
            }  # fmt: skip
            (total,) = services.store.execute(
                f"SELECT count(*) FROM ratings r WHERE {where}", params
            ).fetchone()
            cursor = services.store.execute(
                "SELECT r.case_serial, r.channel, c.applicant_name, r.at, r.level, r.comment"
                " FROM ratings r LEFT JOIN cases c ON c.serial = r.case_serial"
                f" WHERE {where} ORDER BY r.at, r.window_number, r.seq",
                params,
            )

            def dataset() -> Iterator[list[Any]]:
                for serial, channel, applicant, at, level_code, comment in cursor:
                    level = RatingLevel.of(level_code)
                    if applicant:
                        rater = applicant if unmasked else mask_name(applicant)
                    else:
                        rater = ANONYMOUS
                    yield [
                        serial, RatingChannel.of(channel).gbt39046, _cell(rater),
                        gbt39046_time(at), 1, level.label, level.gbt39046,
                        _cell(comment if unmasked else mask_numbers(comment)), region,
                        UPHELD if serial in upheld else "",
                    ]  # fmt: skip

            rows = _counted(dataset(), total, progress)
            if kind == "xlsx":
                _check_sheet_rows(total)
            write_rows(tmp, kind, GBT39046_HEADERS, rows, "评价数据")
        _audit(services, who, path, f"gbt39046-{kind}", total, not unmasked, (date_from, date_to))
        os.replace(tmp, path)
    return Exported(path, total, [], not unmasked)
