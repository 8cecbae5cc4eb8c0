"""The writer of a paper, chosen by the output file's extension: one dispatch for every front end.

``.docx`` is written here, by the core. Any other format is a plug-in found through the entry-point
group ``window_assistant.sheet_writers`` (setup.cfg: ``pdf = ui.render.pdf:write_pdf``), so the
core never names the Qt renderer, and a machine without PySide6 still writes .docx. Front ends
call ``writer_for`` before registering a case: an unknown extension or a writer that cannot load
is refused while nothing is written yet.

Every sheet file is written whole or not at all (``stage_sheet`` then ``publish``: a temporary
file beside it, flushed, then renamed), and a registration publishes its paper only after the
case is committed (``CaseService.register``), so no paper carries a serial the database lacks.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from window_assistant.errors import UserError
from window_assistant.sheets.model import Sheet

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

ENTRY_POINT_GROUP = "window_assistant.sheet_writers"
DOCX = ".docx"


class SheetWriter(Protocol):
    """Every writer's signature: the sheet, the file (overwritten), the configured faces."""

    def __call__(self, sheet: Sheet, path: Path, *, title_font: str, body_font: str) -> None: ...


def _plugins(group: str) -> dict[str, EntryPoint]:
    # Here, not at import: importlib.metadata costs ~100 ms, and the clerk's window imports
    # this module before any sheet is written.
    from importlib.metadata import entry_points

    return {f".{ep.name.lower()}": ep for ep in entry_points(group=group)}


def suffixes(group: str = ENTRY_POINT_GROUP) -> tuple[str, ...]:
    """The extensions a sheet (or the papers of ``group``) can be written as, .docx first
    (whether a plug-in loads is only known when it is asked for)."""
    return (DOCX, *sorted(set(_plugins(group)) - {DOCX}))


def writer_for(path: Path) -> SheetWriter:
    """The writer for ``path``'s extension, loaded now; UserError (in Chinese, suggesting .docx)
    for an extension nobody writes or a writer that cannot load."""
    suffix = Path(path).suffix.lower()
    if suffix == DOCX:
        from window_assistant.sheets.docx import write_docx  # python-docx: only when writing

        return write_docx
    writer: SheetWriter = load_plugin(ENTRY_POINT_GROUP, path)
    return writer


def load_plugin(group: str, path: Path) -> Any:
    """The writer of entry-point ``group`` for ``path``'s extension, loaded now (any paper:
    sheets, the monthly rating report); UserError suggesting .docx when there is none or it
    cannot load."""
    suffix = Path(path).suffix.lower()
    plugin = _plugins(group).get(suffix)
    if plugin is None:
        raise UserError(
            f"文件 {Path(path).name} 的扩展名应为 {' 或 '.join(suffixes(group))}。"
            f"例如 {Path(path).with_suffix(DOCX).name}。"
        )
    try:
        return plugin.load()
    except ImportError as exc:  # e.g. PySide6 not installed on this machine
        raise UserError(
            f"无法生成 {suffix[1:].upper()} 文件(未能加载它的输出组件:{exc})。"
            f"请改为输出 .docx 文件,例如 {Path(path).with_suffix(DOCX).name}。"
        ) from None


def write_sheet(
    writer: SheetWriter, sheet: Sheet, path: Path, *, title_font: str, body_font: str
) -> None:
    """``writer(sheet, path, …)`` whole or not at all: a temporary file beside ``path``, then a
    rename; a file-system failure told as a UserError."""
    publish(stage_sheet(writer, sheet, path, title_font=title_font, body_font=body_font), path)


# A sheet being written: hidden, and not named .docx/.pdf, so nobody prints it by mistake.
_PART = ".{name}.{tag}.part"
_LEFTOVER = re.compile(r"^\..+\.[0-9a-f]{8}\.part$")


def remove_leftovers(folder: Path) -> None:
    """Remove what registrations that failed or were killed left staged in ``folder``. Only
    while holding the database's write lock: then no registration can be writing one (and
    their numbers are about to be given again)."""
    with contextlib.suppress(OSError):
        for leftover in folder.iterdir():
            if _LEFTOVER.match(leftover.name):
                discard(leftover)


def stage_sheet(
    writer: SheetWriter, sheet: Sheet, path: Path, *, title_font: str, body_font: str
) -> Path:
    """Write ``sheet`` to a temporary file beside ``path`` and flush it to the disk; return it.

    The paper appears under its name only when ``publish`` renames it, which registration does
    after its case is committed: a registration that fails or is killed before leaves no paper
    with a serial the database does not have."""
    return stage(lambda part: writer(sheet, part, title_font=title_font, body_font=body_font), path)


def stage(write: Callable[[Path], None], path: Path) -> Path:
    """``write(part)`` to a temporary file beside ``path``, flushed to the disk; return it (any
    paper: a sheet, the monthly rating report). A file-system failure is told as a UserError and
    leaves nothing behind."""
    part = path.with_name(_PART.format(name=path.name, tag=secrets.token_hex(4)))
    try:
        write(part)
        _flush(part)
    except OSError as exc:
        discard(part)
        raise UserError(
            f"无法写入 {path}:{exc.strerror or exc}。请检查文件是否被其他程序打开,或换一个位置。"
        ) from None
    except BaseException:
        discard(part)
        raise
    return part


def publish(part: Path, path: Path) -> None:
    """Give the staged file ``part`` its name ``path`` (atomically, replacing an older file)."""
    try:
        os.replace(part, path)
    except OSError as exc:
        discard(part)
        raise UserError(
            f"无法保存 {path}:{exc.strerror or exc}。请关闭正在使用该文件的程序,或换一个文件名。"
        ) from None
    _flush_folder(path.parent)


def discard(part: Path) -> None:
    """Remove a staged file (its registration did not commit)."""
    with contextlib.suppress(OSError):
        part.unlink()


def _flush(path: Path) -> None:
    """The file's content on the disk before its case commits (read-write: Windows needs it)."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_folder(folder: Path) -> None:
    """The rename on the disk too, where the system allows a folder to be flushed (POSIX)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some file systems cannot flush a folder
            os.fsync(fd)
    finally:
        os.close(fd)
