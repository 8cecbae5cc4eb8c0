"""Catalog import as a supervisor does it: read and validate, look at the diff, then apply.

Split in two steps so the window can show the diff before anything is written; both the CLI
and the import dialog go through here, so the audit entry and the search refresh are never
forgotten.
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


@dataclass
class ImportPreview:
    source: str
    catalog: Catalog
    diff: CatalogDiff


def preview_import(
    services: Services, path: str | Path, progress: Progress | None = None
) -> ImportPreview:
    """Read and validate ``path`` and compare it with the current catalog. Writes nothing."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"找不到文件或文件夹:{path}")
    catalog = read_catalog(path, progress=progress)
    return ImportPreview(str(path), catalog, diff_catalogs(services.catalog.load(), catalog))


def apply_import(services: Services, preview: ImportPreview, actor: User) -> CatalogVersion:
    """Make the previewed catalog current and record it, all or nothing: the catalog, its
    version and the audit entry are written in one transaction."""
    actor = services.accounts.authorise(actor, Action.IMPORT_CATALOG)
    with services.store.transaction():
        version = services.catalog.replace(
            preview.catalog, source=preview.source, actor=actor.login
        )
        services.audit.record(
            actor.login,
            "catalog.import",
            source=preview.source,
            version=version.id,
            **version.diff.summary(),
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
