"""Catalog import as a supervisor does it: read and validate, look at the diff, then apply.

Split in two steps so the window can show the diff before anything is written; both the CLI
and the import dialog go through here, so the audit entry and the search refresh are never
forgotten.

An import that would remove more than ``REMOVAL_LIMIT`` items, bundles, cross-region entries
or materials of the items it keeps is refused unless the caller passes ``allow_removals`` (the
CLI's ``--allow-removals``, the window's confirmation): the blank template, an empty JSON or a
CSV broken by a stray quote must never empty the catalog without a question. (Materials go with
a removed item without counting again: dropping one item is an ordinary update.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from window_assistant.accounts import User
from window_assistant.catalog.diff import CatalogDiff, diff_catalogs
from window_assistant.catalog.io import read_catalog, write_catalog
from window_assistant.catalog.model import Catalog
from window_assistant.catalog.repository import CatalogVersion
from window_assistant.errors import UserError
from window_assistant.paths import check_output_file
from window_assistant.permissions import Action
from window_assistant.services import Services

Progress = Callable[[int, int], None]
REMOVAL_LIMIT = 3  # removing more of any one kind than this needs the caller's consent


@dataclass(frozen=True)
class Removals:
    """What an import takes away: whole items, materials (of removed items and removed from
    kept ones; ``dropped`` counts the latter alone), bundles and cross-region entries."""

    items: int = 0
    materials: int = 0
    dropped: int = 0
    bundles: int = 0
    crossregion: int = 0

    @classmethod
    def between(cls, old: Catalog, new: Catalog) -> Removals:
        kept = {i.code: {m.name for m in i.materials} for i in new.items}
        gone = [i for i in old.items if i.code not in kept]
        dropped = sum(
            m.name not in kept[i.code] for i in old.items if i.code in kept for m in i.materials
        )
        return cls(
            items=len(gone),
            materials=dropped + sum(len(i.materials) for i in gone),
            dropped=dropped,
            bundles=len({b.code for b in old.bundles} - {b.code for b in new.bundles}),
            crossregion=len(
                {c.item_code for c in old.crossregion} - {c.item_code for c in new.crossregion}
            ),
        )

    def need_consent(self) -> bool:
        return max(self.items, self.dropped, self.bundles, self.crossregion) > REMOVAL_LIMIT

    def describe(self) -> str:
        """E.g. "事项 107 项、材料 654 份、一件事 8 个"; the kinds with nothing removed left out."""
        parts = [
            f"{label} {count} {unit}"
            for label, count, unit in (
                ("事项", self.items, "项"),
                ("材料", self.materials, "份"),
                ("一件事", self.bundles, "个"),
                ("跨域通办事项", self.crossregion, "项"),
            )
            if count
        ]
        return "、".join(parts) or "无"


class RemovalsNeedConsent(UserError):
    """The import would remove more than ``REMOVAL_LIMIT`` of something; nothing was written."""

    def __init__(self, source: str, removals: Removals) -> None:
        self.removals = removals
        super().__init__(
            f"导入「{source}」会删除{removals.describe()}。删除的事项、一件事、跨域通办事项或保留事项"
            f"的材料超过 {REMOVAL_LIMIT} 项时,须先明确确认,以免一个空白模板或损坏的文件清空目录;"
            "目录没有任何改动。"
        )


@dataclass
class ImportPreview:
    source: str
    catalog: Catalog
    diff: CatalogDiff
    removals: Removals = Removals()


def preview_import(
    services: Services, path: str | Path, progress: Progress | None = None
) -> ImportPreview:
    """Read and validate ``path`` and compare it with the current catalog. Writes nothing."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"找不到文件或文件夹:{path}")
    current = services.catalog.load()
    catalog = read_catalog(path, progress=progress, known_codes=[i.code for i in current.items])
    return ImportPreview(
        str(path), catalog, diff_catalogs(current, catalog), Removals.between(current, catalog)
    )


def apply_import(
    services: Services, preview: ImportPreview, actor: User, *, allow_removals: bool = False
) -> CatalogVersion:
    """Make the previewed catalog current and record it, all or nothing: the catalog, its
    version and the audit entry are written in one transaction. Removing more than
    ``REMOVAL_LIMIT`` of anything needs ``allow_removals`` (``RemovalsNeedConsent``)."""
    actor = services.accounts.authorise(actor, Action.IMPORT_CATALOG)
    with services.store.transaction():
        # Counted again inside the transaction: the catalog may have changed since the preview.
        removals = Removals.between(services.catalog.load(), preview.catalog)
        if removals.need_consent() and not allow_removals:
            raise RemovalsNeedConsent(Path(preview.source).name, removals)
        version = services.catalog.replace(
            preview.catalog, source=preview.source, actor=actor.login
        )
        services.audit.record(
            actor.login,
            "catalog.import",
            source=preview.source,
            version=version.id,
            **version.diff.summary(),
            materials_removed=removals.materials,
            removals_allowed=allow_removals,
        )
    services.catalog_changed()
    return version


def export_catalog(services: Services, path: str | Path, actor: str) -> int:
    """Write the current catalog to ``path`` (format from the extension); return the item count."""
    check_output_file(Path(path), "目录.xlsx", folder_ok=True)
    catalog = services.catalog.load()
    try:
        write_catalog(catalog, Path(path))
    except OSError as exc:
        raise UserError(
            f"无法写入 {path}:{exc.strerror or exc}。请检查路径、权限和磁盘空间。"
        ) from exc
    services.audit.record(actor, "catalog.export", path=str(path), items=len(catalog.items))
    return len(catalog.items)
