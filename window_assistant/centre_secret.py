"""The centre's secret shared by the window PCs of one centre: exported by a supervisor to a
file, imported by each other window PC (in ``设置`` or while it is being set up).

Every PC signs its rating tokens with ``centre.secret`` and keys the comment digests of its
exports with it (``ratings.log.comment_key``), so the PCs of one centre must hold the same one.
The file is private (created 0600, like the database) and holds the secret in clear: whoever
holds it can sign ratings for the centre, so it travels on a USB stick and is deleted after.

Importing replaces this PC's secret, which is safe only while nothing here depends on it:

- ratings already recorded here are chained over their comments' digests keyed by the old
  secret, so after a change ``ratings verify`` could no longer check them: refused outright
  (import on a PC that has no ratings yet, or export from this one instead);
- cases registered within the rating period and not yet rated carry tokens signed with the old
  secret, which would stop verifying: refused naming how many, unless ``confirm`` says those
  QR codes may be lost.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from window_assistant.accounts import INSTALLER, User
from window_assistant.errors import UserError
from window_assistant.paths import check_output_file
from window_assistant.permissions import Action
from window_assistant.settings import Settings
from window_assistant.store import files

if TYPE_CHECKING:
    from window_assistant.services import Services

FORMAT = "window-assistant/centre-secret/1"
EXAMPLE_NAME = "中心密钥.json"
MAX_FILE_BYTES = 16 * 1024  # the real file is ~250 bytes: anything far larger is another file


class PendingTokens(UserError):
    """Unrated cases within the rating period would lose their QR codes: import only when
    confirmed (the window asks; the command line takes ``--confirm``)."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"本机有 {count} 件办件在评价期限内尚未评价,导入新的中心密钥后,"
            "它们告知书上的评价二维码将失效。确认仍要导入时请加上 --confirm。"
        )
        self.count = count


@dataclass(frozen=True)
class SecretImport:
    """What an import did: ``changed`` is False when this PC already had the file's secret."""

    changed: bool
    centre_name: str  # as the exporting PC named the centre
    exported_at: str
    pending: int  # unrated cases whose QR codes stopped verifying (only with ``confirm``)


def export_centre_secret(services: Services, actor: User, path: str | Path) -> Path:
    """Write this centre's secret to ``path`` (owner-only), audited without the secret."""
    actor = services.accounts.authorise(actor, Action.SHARE_CENTRE_SECRET)
    path = check_output_file(Path(path), EXAMPLE_NAME)
    if files.is_live(path):  # replacing the database with a key file would lose every case
        raise UserError(f"「{path}」是窗口助手正在使用的数据库文件,请换一个文件名。")
    settings = services.settings
    data = {
        "format": FORMAT,
        "centre_name": settings.centre_name,
        "secret": settings.centre_secret,
        "exported_at": datetime.now().isoformat(timespec="seconds"),
    }
    part = path.with_name(path.name + ".part")
    try:
        part.unlink(missing_ok=True)  # a leftover of an interrupted export
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, files.PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            if os.name != "nt":
                os.fchmod(out.fileno(), files.PRIVATE_FILE)  # whatever the umask
            json.dump(data, out, ensure_ascii=False, indent=2)
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise UserError(f"无法写入中心密钥文件 {path}:{exc.strerror or exc}。") from exc
    services.audit.record(actor.login, "centre.secret_export", file=path.name)
    return path


def read_secret_file(path: str | Path) -> dict[str, str]:
    """The checked content of a centre-secret file, or UserError saying what is wrong with it."""
    path = Path(path)
    name = f"中心密钥文件 {path}"
    if path.is_dir():
        raise UserError(f"{path} 是一个文件夹,请选择负责人导出的中心密钥文件(如 {EXAMPLE_NAME})。")
    try:
        with path.open("rb") as source:
            raw = source.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise UserError(f"找不到{name},请检查路径。") from None
    except OSError as exc:
        raise UserError(f"无法读取{name}:{exc.strerror or exc}。") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise UserError(f"{name} 过大,不是窗口助手导出的中心密钥文件。")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UserError(f"{name} 不是 UTF-8 编码的文本,不是窗口助手导出的中心密钥文件。") from None
    except ValueError:
        raise UserError(f"{name} 不是 JSON 格式,不是窗口助手导出的中心密钥文件。") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(
            f"{name} 的格式不对(应为 {FORMAT}):请选择负责人在「设置 → 中心信息」中导出的文件。"
        )
    fields = {}
    for field, label in (
        ("centre_name", "中心名称"),
        ("secret", "密钥"),
        ("exported_at", "导出时间"),
    ):
        value = data.get(field)
        if not isinstance(value, str) or not value.strip():
            raise UserError(f"{name} 缺少{label}({field}),文件不完整。")
        fields[field] = value.strip()
    problem = Settings.centre_secret.problem(fields["secret"])
    if problem:
        raise UserError(f"{name} 中的密钥不可用:{problem}")
    return fields


def pending_tokens(services: Services, now: datetime | None = None) -> int:
    """Cases registered within the rating period and not rated yet: their QR codes are signed
    with this PC's secret and could still be scanned."""
    now = now or datetime.now()
    since = (now - timedelta(days=services.settings.rating_period_days)).isoformat(
        timespec="seconds"
    )
    row = services.store.execute(
        "SELECT count(*) FROM cases WHERE created_at >= ?"
        " AND serial NOT IN (SELECT case_serial FROM ratings WHERE merge_id IS NULL)",
        [since],
    ).fetchone()
    return int(row[0])


def import_centre_secret(
    services: Services,
    actor: User,
    path: str | Path,
    *,
    confirm: bool = False,
    now: datetime | None = None,
) -> SecretImport:
    """Make the secret in ``path`` this PC's (see the module docstring for when it is refused);
    the setting and the audit entry (file, centre, export time; never the secret) in one
    transaction."""
    actor = services.accounts.authorise(actor, Action.SHARE_CENTRE_SECRET)
    fields = read_secret_file(path)
    settings = services.settings
    result = SecretImport(False, fields["centre_name"], fields["exported_at"], 0)
    if fields["secret"] == settings.centre_secret:
        return result
    with services.store.transaction() as db:
        rated = int(db.execute("SELECT count(*) FROM ratings").fetchone()[0])
        if rated:
            raise UserError(
                f"本机已有 {rated} 条评价记录,它们按本机的中心密钥记入评价日志;"
                "换用其他密钥后将无法核验这些记录,因此不能导入。"
                "请在尚无评价的窗口电脑上导入,或从本机导出中心密钥给其他窗口电脑。"
            )
        pending = pending_tokens(services, now)
        if pending and not confirm:
            raise PendingTokens(pending)
        settings.change(actor, {Settings.centre_secret.key: fields["secret"]})
        services.audit.record(
            actor.login,
            "centre.secret_import",
            file=Path(path).name,
            centre=fields["centre_name"],
            exported_at=fields["exported_at"],
            invalidated=pending,
        )
    return SecretImport(True, fields["centre_name"], fields["exported_at"], pending)


def import_at_setup(services: Services, path: str | Path) -> SecretImport:
    """The set-up wizard's import, for a window PC joining a centre before anyone can sign in;
    allowed only until the set-up is completed (afterwards a supervisor imports in 设置)."""
    if services.settings.setup_completed:
        raise UserError("本机已完成首次设置。请由负责人在「设置 → 中心信息」中导入中心密钥。")
    return import_centre_secret(services, INSTALLER, path)
