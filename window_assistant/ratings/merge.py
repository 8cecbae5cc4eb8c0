"""Merging the rating logs of a centre's windows (``ratings merge FILE…``, 合并评价记录…).

Each window's PC keeps its own chain; a supervisor brings their exports (any format of
``ratings export``: JSON lines, CSV, XLSX) to one installation, which then holds the centre's
log, figures and report. A file is merged whole or not at all:

1. It is read and its chain verified first (``log.verify_file``): a file that does not verify
   is refused whole, naming its first bad row. It must be of this centre (its comments' key is
   the centre's, ``centre import-secret``) and of a version that keys chains by window number.
2. Every row is then compared with what this database holds for its window (the window's
   number on its sign, one per centre) and sequence number:
   - the same row (same hash) is already here: counted as a duplicate, nothing written, so
     merging a file twice changes nothing;
   - a different row at the same window and seq (a forked or edited log, or two PCs set up
     with the same window number) is refused, showing both rows;
   - new rows must continue the window's chain here (the next seq, linked to the last hash), and
     are written exactly as recorded: window, seq, hashes and content version never change (no
     re-chaining), so the merged log verifies with the same heads as the window's own;
   - a window whose ratings were recorded on this PC takes no rows from elsewhere.
3. What travels with the rows (travel.py) is merged in the same transaction: the follow-up steps
   (the same step twice is one step; a correction keeps pointing at the step it corrects), the
   实名 flags of the 差评, and the cases counted per window and day (the larger count of two
   exports of the same day is kept, since a later export has counted more).

The merge is recorded in ``rating_merges`` (who, when, which file and its SHA-256, what it
added) and audited in the same transaction.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import operator
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from window_assistant.errors import UserError
from window_assistant.permissions import Action
from window_assistant.ratings.log import (
    _COMMENT,
    _HASH,
    _PREV,
    _SELECT,
    _SEQ,
    _SERIAL,
    BAD_LEVELS,
    GENESIS,
    ROW_FIELDS,
    ChainHead,
    ExportFile,
    _dumps,
    chain_head,
    comment_key,
    key_id,
    read_export,
    verify_file,
)
from window_assistant.text import preview
from window_assistant.vocab import RatingLevel

if TYPE_CHECKING:
    from window_assistant.accounts import User
    from window_assistant.services import Services

Progress = Callable[[int, int], None]  # (rows done, rows in all)
_INSERT = (
    f"INSERT INTO ratings ({', '.join(ROW_FIELDS)}, merge_id, comment_digest, named)"
    f" VALUES ({', '.join('?' for _ in ROW_FIELDS)}, ?, ?, ?)"
)
_BAD = frozenset(level.value for level in BAD_LEVELS)
_LEVEL_LABELS = {level.value: level.label for level in RatingLevel}


class MergeRefused(UserError):
    """A file that is not merged, with the Chinese reason (nothing was written)."""


@dataclass(frozen=True)
class Merged:
    """What merging one file did."""

    path: Path
    rows: int  # rows in the file
    added: int
    duplicates: int
    steps_added: int
    heads: list[ChainHead]  # the file's heads (now also this database's, for those windows)

    def summary(self) -> str:
        parts = [f"新增 {self.added} 条评价"]
        if self.duplicates:
            parts.append(f"{self.duplicates} 条已有(重复的不再计入)")
        if self.steps_added:
            parts.append(f"整改记录 {self.steps_added} 条")
        windows = "、".join(h.window for h in self.heads) or "无"
        return f"{self.path.name}:{','.join(parts)};窗口 {windows}。"


def _describe(row: Sequence[Any]) -> str:
    """One row as the refusal shows it: case, time, level and the start of its hash."""
    level = _LEVEL_LABELS.get(str(row[ROW_FIELDS.index("level")]), "?")
    at = str(row[ROW_FIELDS.index("at")]).replace("T", " ")
    return f"办件 {row[_SERIAL]},{at},{level},校验值 {str(row[_HASH])[:12]}…"


def _open(services: Services, path: Path, keep_comments: bool = False) -> ExportFile:
    """The file opened for reading, refused when it cannot be merged at all. The second
    pass (``keep_comments``) reads the comments' digests as they are: the first checked the
    text against them, and the file's SHA-256 shows it unchanged since."""
    key = comment_key(services.settings.centre_secret)
    file = read_export(path, None if keep_comments else key)
    name = path.name
    if not file.travels:
        raise MergeRefused(
            f"{name} 是旧版本窗口助手导出的(格式版本 {file.version}),其中的评价按各电脑自己的"
            "窗口序号分链,无法与其他窗口合并。请在该窗口的电脑升级后重新导出。"
        )
    if file.key_id != key_id(key):
        raise MergeRefused(
            f"{name} 不是用本中心的密钥导出的:它来自另一个中心,或该窗口的电脑没有导入本中心"
            "的密钥。请在该电脑上用「设置 → 中心密钥」导入本中心密钥后重新导出,再合并。"
        )
    file.keep_comments = keep_comments
    return file


def _verified(services: Services, path: Path, progress: Progress | None = None) -> int:
    """The file's chain verified, read once as it is walked (no lock is held: the rating
    server goes on recording); the number of rows. ``MergeRefused`` naming the first bad row.
    ``progress`` gets (rows read, twice the rows the heads count): this is the first half."""
    key = comment_key(services.settings.centre_secret)
    file = _open(services, path)
    if progress is not None:
        file.rows = _counted(file.rows, 0, 2 * sum(h.count for h in file.heads), progress)
    result = verify_file(file, key=key)
    if result.problem is not None:
        raise MergeRefused(
            f"{path.name} 未通过核验,整份文件没有合并:{result.problem.message()}。"
            "请向该窗口重新索取导出文件。"
        )
    return result.checked


def merge_file(
    services: Services,
    actor: User,
    path: str | Path,
    progress: Progress | None = None,
) -> Merged:
    """Merge one exported file into this database (see the module docstring); ``MergeRefused``
    (nothing written) when it cannot be merged whole.

    Two passes over the file, so that a file of any size needs little memory: the first
    verifies the chain without any lock; the second, in one write transaction, compares each
    row with what is here and inserts the new ones in batches. The file's SHA-256 is taken
    before the first and after the second: a file changed in between is refused."""
    actor = services.accounts.authorise(actor, Action.MERGE_RATINGS)
    path = Path(path)
    raw = _file_sha256(path)
    total = _verified(services, path, progress)
    file = _open(services, path, keep_comments=True)
    store = services.store
    with store.transaction():
        cur = store.execute(
            "INSERT INTO rating_merges (at, actor, file_name, file_sha256, added, duplicates,"
            " steps_added, heads) VALUES (?, ?, ?, ?, 0, 0, 0, ?)",
            [
                datetime.now().isoformat(timespec="seconds"),
                actor.login,
                path.name,
                raw,
                _dumps([h.text() for h in file.heads]),
            ],
        )
        merge_id = int(cur.lastrowid or 0)
        added = _merge_rows(services, file, merge_id, total, progress)
        steps = _merge_steps(services, file, merge_id)
        counted = _merge_case_counts(services, file)
        if _file_sha256(path) != raw:
            raise MergeRefused(f"{path.name} 在合并过程中被改动了,没有合并。请重新合并。")
        store.execute(
            "UPDATE rating_merges SET added = ?, duplicates = ?, steps_added = ? WHERE id = ?",
            [added, total - added, steps, merge_id],
        )
        services.audit.record(
            actor.login,
            "ratings.merge",
            file=path.name,
            sha256=raw,
            rows=total,
            added=added,
            steps=steps,
            case_counts=counted,
            heads=[h.text() for h in file.heads],
        )
    if progress is not None:
        progress(2 * total, 2 * total)
    return Merged(path, total, added, total - added, steps, file.heads)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except FileNotFoundError:
        raise MergeRefused(f"找不到文件 {path},请检查文件名和位置。") from None
    except IsADirectoryError:
        raise MergeRefused(f"{path} 是一个文件夹,请给出 ratings export 导出的文件。") from None
    except OSError as exc:
        raise MergeRefused(f"无法读取 {path}:{exc.strerror or exc}。") from None
    return digest.hexdigest()


_BATCH = 5000  # rows inserted by one executemany
_EVERY = 2000  # rows between two progress calls


def _counted(
    rows: Iterator[tuple[Any, ...]], start: int, total: int, progress: Progress
) -> Iterator[tuple[Any, ...]]:
    for done, row in enumerate(rows, start + 1):
        if done % _EVERY == 0:
            progress(done, total)
        yield row


def _merge_rows(
    services: Services,
    file: ExportFile,
    merge_id: int,
    total: int,
    progress: Progress | None,
) -> int:
    """Insert the file's new rows (second pass, inside the transaction): each row at or below
    the window's head here must be the same row (a duplicate); the rows after it must continue
    the chain. Returns how many were added; ``MergeRefused`` at the first fork, gap or window
    recorded on this PC (the caller's transaction then writes nothing)."""
    store = services.store
    own = {
        w
        for (w,) in store.execute(
            "SELECT DISTINCT window_number FROM ratings WHERE merge_id IS NULL"
        ).fetchall()
    }
    level_at = ROW_FIELDS.index("level")
    batch: list[list[Any]] = []
    added = done = 0

    def flush() -> None:
        nonlocal added
        try:
            store.conn.executemany(_INSERT, batch)
        except sqlite3.IntegrityError as exc:  # the transaction is rolled back by the caller
            conflict = _first_conflict(services, batch)
            raise MergeRefused(_conflict(file.path, conflict, str(exc))) from None
        added += len(batch)
        batch.clear()

    for window, group in itertools.groupby(file.rows, key=operator.itemgetter(0)):
        window = str(window)
        head = chain_head(services, window)
        here = store.execute(
            "SELECT seq, hash FROM ratings WHERE window_number = ? AND seq <= ? ORDER BY seq",
            [window, head.seq],
        )
        mine: tuple[int, str] | None = None
        for full in group:
            row, (text, digest) = full[: len(ROW_FIELDS)], full[len(ROW_FIELDS) :]
            seq = row[_SEQ]
            done += 1
            if progress is not None and done % _EVERY == 0:
                progress(total + done, 2 * total)  # the second half
            if seq <= head.seq:  # here already: the same row, or a fork
                while mine is None or mine[0] < seq:
                    mine = here.fetchone()
                if mine[1] != row[_HASH]:
                    raise MergeRefused(_fork(services, file, window, seq, row))
                continue
            if window in own:
                raise MergeRefused(
                    f"{file.path.name} 含有窗口 {window} 的新评价(第 {seq} 条),但窗口 {window} "
                    "的评价是本机记录的:另一台电脑不能替本机的窗口记录评价。请核实两台电脑的"
                    "窗口编号是否设置重复。"
                )
            if seq != head.seq + 1 or row[_PREV] != (head.hash if head.seq else GENESIS):
                raise MergeRefused(_gap(file, window, seq, head))
            named = None
            if row[level_at] in _BAD:
                named = int((window, str(row[_SERIAL])) in file.named)
            stored = [*row]
            stored[_COMMENT] = text
            batch.append([*stored, merge_id, digest, named])
            head = ChainHead(window, seq, str(row[_HASH]), head.count + 1)
            if len(batch) >= _BATCH:
                flush()
        if batch:
            flush()
    return added


def _fork(services: Services, file: ExportFile, window: str, seq: int, row: Sequence[Any]) -> str:
    mine = services.store.execute(
        f"{_SELECT} WHERE window_number = ? AND seq = ?", [window, seq]
    ).fetchone()
    return (
        f"{file.path.name} 与本机记录冲突,整份文件没有合并:两条不同的评价都是"
        f"窗口 {window} 第 {seq} 条。本机:{_describe(mine)};文件:{_describe(row)}。"
        "同一窗口的评价链出现了分叉(记录被改动,或两台电脑设成了同一个窗口编号),"
        "请核实后再合并。"
    )


def _gap(file: ExportFile, window: str, seq: int, head: ChainHead) -> str:
    if seq > head.seq + 1:
        reason = (
            f"本机窗口 {window} 的评价只到第 {head.seq} 条,文件从第 {seq} 条接续,"
            f"中间的第 {head.seq + 1}–{seq - 1} 条还没有合并:请先合并更早的导出,"
            "或导出该窗口的全部评价"
        )
    else:
        reason = (
            f"文件中窗口 {window} 第 {seq} 条接在另一条评价之后,与本机的第 "
            f"{head.seq} 条不同:评价链出现了分叉"
        )
    return f"{file.path.name} 没有合并:{reason}。"


def _first_conflict(services: Services, batch: list[list[Any]]) -> Sequence[Any]:
    """The row of a failed batch that conflicts with a row here (by serial or token)."""
    for row in batch:
        found = services.store.execute(
            "SELECT 1 FROM ratings WHERE window_number = ? AND seq != ?"
            " AND (case_serial = ? OR token_id = ?)",
            [row[0], row[_SEQ], row[_SERIAL], row[ROW_FIELDS.index("token_id")]],
        ).fetchone()
        if found is not None:
            return row
    return batch[0]


def _conflict(path: Path, row: Sequence[Any], error: str) -> str:
    what = _describe(row)
    if "case_serial" in error:
        return (
            f"{path.name} 没有合并:窗口 {row[0]} 的办件 {row[_SERIAL]} 在本机已有另一条评价"
            f"({what}),一件办件只能评价一次。"
        )
    if "token_id" in error:
        return (
            f"{path.name} 没有合并:窗口 {row[0]} 第 {row[_SEQ]} 条({what})的评价码已被本机"
            "另一条评价用过:两份记录不一致,请核实。"
        )
    return f"{path.name} 没有合并:窗口 {row[0]} 第 {row[_SEQ]} 条无法写入({preview(error)})。"


def _step_key(step: dict[str, Any], corrects: int | None) -> tuple[Any, ...]:
    """What makes two steps the same step: the rating, the step, when, by whom, what it said
    (the detail's JSON, keys sorted) and the step it corrects."""
    detail = step["detail"]
    if isinstance(detail, str):
        detail = json.loads(detail)
    return (
        str(step["window_number"]),
        str(step["case_serial"]),
        str(step["step"]),
        str(step["at"]),
        str(step["actor"]),
        json.dumps(detail, ensure_ascii=False, sort_keys=True),
        corrects,
    )


def _merge_steps(services: Services, file: ExportFile, merge_id: int) -> int:
    """The file's follow-up steps added (those not here already); their ``corrects`` point at
    the step here that the file's step id named. Returns how many were added."""
    store = services.store
    here: dict[tuple[Any, ...], int] = {}
    for row in store.execute(
        "SELECT id, window_number, case_serial, step, at, actor, detail, corrects"
        " FROM followup_steps"
    ):
        step = dict(zip(("id", "window_number", "case_serial", "step", "at", "actor"), row))
        step["detail"] = row[6]
        here[_step_key(step, row[7])] = row[0]
    local: dict[int, int] = {}  # the file's step id → the id here
    added = 0
    for step in file.steps:
        corrects = step["corrects"]
        if corrects is not None:
            if corrects not in local:
                raise MergeRefused(
                    f"{file.path.name} 的整改记录第 {step['id']} 条更正的记录不在文件中:"
                    "文件不完整或被改动过,整份文件没有合并。"
                )
            corrects = local[corrects]
        key = _step_key(step, corrects)
        if key in here:
            local[int(step["id"])] = here[key]
            continue
        rated = store.execute(
            "SELECT 1 FROM ratings WHERE window_number = ? AND case_serial = ?",
            [str(step["window_number"]), str(step["case_serial"])],
        ).fetchone()
        if rated is None:
            raise MergeRefused(
                f"{file.path.name} 的整改记录第 {step['id']} 条属于窗口 {step['window_number']} "
                f"的办件 {step['case_serial']},但没有这件办件的评价:整份文件没有合并。"
            )
        cur = store.execute(
            "INSERT INTO followup_steps (window_number, case_serial, step, at, actor, actor_name,"
            " detail, corrects, merge_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                str(step["window_number"]),
                str(step["case_serial"]),
                str(step["step"]),
                str(step["at"]),
                str(step["actor"]),
                str(step["actor_name"]),
                _dumps(step["detail"]),
                corrects,
                merge_id,
            ],
        )
        local[int(step["id"])] = here[key] = int(cur.lastrowid or 0)
        added += 1
    return added


def _merge_case_counts(services: Services, file: ExportFile) -> int:
    """The file's counts of cases, except for windows whose cases are registered here (their
    counts come from the cases themselves); the larger of two counts of a day is kept."""
    store = services.store
    local = {
        w
        for (w,) in store.execute(
            "SELECT DISTINCT coalesce(w.number, CAST(c.window_id AS TEXT)) FROM cases c"
            " LEFT JOIN windows w ON w.id = c.window_id"
        ).fetchall()
    }
    counted = 0
    for row in file.cases:
        if str(row[0]) in local:
            continue
        store.execute(
            "INSERT INTO merged_case_counts (window_number, day, clerk_login, item_code,"
            " window_name, clerk_name, item_name, cases, rated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (window_number, day, clerk_login, item_code) DO UPDATE SET"
            " cases = max(cases, excluded.cases), rated = max(rated, excluded.rated)",
            [*map(str, row[:7]), int(row[7]), int(row[8])],
        )
        counted += 1
    return counted
