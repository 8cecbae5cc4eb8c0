"""The catalog in the store: replace it atomically with a recorded version and diff, read it back.

Each item is kept whole as JSON (so a read returns exactly what was imported) beside the
columns that lists, filters and search need; materials and situations are also kept as rows so
that counts and queries do not have to parse JSON.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any

from window_assistant.catalog.model import (
    Bundle,
    Catalog,
    CrossRegionEntry,
    Item,
    Material,
    Situation,
    item_from_dict,
)
from window_assistant.catalog.pinyin import pinyin_keys
from window_assistant.store.database import Store
from window_assistant.vocab import CrossMode, Necessity, Scope

if TYPE_CHECKING:
    from window_assistant.catalog.diff import CatalogDiff


@dataclass
class CatalogVersion:
    id: int
    imported_at: str
    source: str
    actor: str
    summary: dict[str, int]
    diff: CatalogDiff


_ITEM_FIELDS = [f.name for f in fields(Item) if f.name not in ("situations", "materials")]
_MATERIAL_FIELDS = [f.name for f in fields(Material)]
_SITUATION_FIELDS = [f.name for f in fields(Situation)]


def _item_data(item: Item) -> dict[str, Any]:
    """Same dict (and JSON) as ``asdict(item)``, ~10× faster: asdict deep-copies every list,
    which dominated a 10,000-item import."""
    data: dict[str, Any] = {n: getattr(item, n) for n in _ITEM_FIELDS}
    data["situations"] = [{n: getattr(s, n) for n in _SITUATION_FIELDS} for s in item.situations]
    data["materials"] = [{n: getattr(m, n) for n in _MATERIAL_FIELDS} for m in item.materials]
    return data


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _cross_entry(row: Any) -> CrossRegionEntry:
    code, scope, mode, partners, note = row
    return CrossRegionEntry(code, Scope.of(scope), CrossMode.of(mode), json.loads(partners), note)


class CatalogRepository:
    """Reads and replaces the catalog held in a ``Store``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- writing -------------------------------------------------------------------------
    def replace(self, catalog: Catalog, *, source: str, actor: str = "") -> CatalogVersion:
        """Make ``catalog`` the current one, all-or-nothing, and record the version and diff."""
        old = self.load()
        from window_assistant.catalog.diff import diff_catalogs

        diff = diff_catalogs(old, catalog)
        now = datetime.now().isoformat(timespec="seconds")
        summary = {**self._counts(catalog), **diff.summary()}
        db = self.store
        with self.store.transaction():
            for table in ("bundle_items", "bundles", "crossregion", "situations", "materials"):
                db.execute(f"DELETE FROM {table}")
            db.execute("DELETE FROM items")
            db.conn.executemany(
                "INSERT INTO items (code, seq, name, handling_code, kind, department, theme,"
                " scope, comprehensive, high_frequency, keywords, pinyin, initials, data)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (self._item_row(seq, item) for seq, item in enumerate(catalog.items)),
            )
            db.conn.executemany(
                "INSERT INTO materials (item_code, seq, name, kind, source, necessity, form,"
                " originals, copies, shareable, situations) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    (
                        item.code,
                        seq,
                        m.name,
                        m.kind,
                        m.source,
                        m.necessity,
                        m.form,
                        m.originals,
                        m.copies,
                        int(m.shareable),
                        _dumps(m.situations),
                    )
                    for item in catalog.items
                    for seq, m in enumerate(item.materials)
                ),
            )
            db.conn.executemany(
                "INSERT INTO situations (item_code, key, seq, question, options)"
                " VALUES (?,?,?,?,?)",
                (
                    (item.code, s.key, seq, s.question, _dumps(s.options))
                    for item in catalog.items
                    for seq, s in enumerate(item.situations)
                ),
            )
            for seq, bundle in enumerate(catalog.bundles):
                full, initials = pinyin_keys(bundle.name)
                db.execute(
                    "INSERT INTO bundles (code, seq, name, department, keywords, pinyin,"
                    " initials, data) VALUES (?,?,?,?,?,?,?,?)",
                    [
                        bundle.code,
                        seq,
                        bundle.name,
                        bundle.department,
                        " ".join(bundle.keywords),
                        full,
                        initials,
                        _dumps(asdict(bundle)),
                    ],
                )
                db.conn.executemany(
                    "INSERT INTO bundle_items (bundle_code, item_code, seq) VALUES (?,?,?)",
                    [(bundle.code, code, i) for i, code in enumerate(bundle.items)],
                )
            db.conn.executemany(
                "INSERT INTO crossregion (item_code, seq, scope, mode, partners, note)"
                " VALUES (?,?,?,?,?,?)",
                [
                    (c.item_code, seq, c.scope, c.mode, _dumps(c.partners), c.note)
                    for seq, c in enumerate(catalog.crossregion)
                ],
            )
            cur = db.execute(
                "INSERT INTO catalog_versions (imported_at, source, actor, summary, diff)"
                " VALUES (?,?,?,?,?)",
                [now, source, actor, _dumps(summary), _dumps(diff.to_dict())],
            )
            version_id = cur.lastrowid
            assert version_id is not None  # an INSERT into a rowid table always gives one
        return CatalogVersion(version_id, now, source, actor, summary, diff)

    @staticmethod
    def _item_row(seq: int, item: Item) -> tuple[Any, ...]:
        full, initials = pinyin_keys(item.name)
        return (
            item.code,
            seq,
            item.name,
            item.handling_code,
            item.kind,
            item.department,
            item.theme,
            item.scope,
            int(item.comprehensive),
            int(item.high_frequency),
            " ".join(item.keywords),
            full,
            initials,
            _dumps(_item_data(item)),
        )

    # -- reading -------------------------------------------------------------------------
    def load(self) -> Catalog:
        db = self.store
        items = [
            item_from_dict(json.loads(row[0]))
            for row in db.execute("SELECT data FROM items ORDER BY seq")
        ]
        bundles = [
            Bundle(**json.loads(row[0]))
            for row in db.execute("SELECT data FROM bundles ORDER BY seq")
        ]
        cross = [
            _cross_entry(row)
            for row in db.execute(
                "SELECT item_code, scope, mode, partners, note FROM crossregion ORDER BY seq"
            )
        ]
        return Catalog(items=items, bundles=bundles, crossregion=cross)

    def item(self, code: str) -> Item | None:
        row = self.store.execute("SELECT data FROM items WHERE code = ?", [code]).fetchone()
        return item_from_dict(json.loads(row[0])) if row else None

    def bundle(self, code: str) -> Bundle | None:
        row = self.store.execute("SELECT data FROM bundles WHERE code = ?", [code]).fetchone()
        return Bundle(**json.loads(row[0])) if row else None

    def crossregion_entry(self, item_code: str) -> CrossRegionEntry | None:
        row = self.store.execute(
            "SELECT item_code, scope, mode, partners, note FROM crossregion WHERE item_code = ?",
            [item_code],
        ).fetchone()
        return _cross_entry(row) if row else None

    def departments(self) -> list[str]:
        rows = self.store.execute(
            "SELECT department FROM items GROUP BY department ORDER BY min(seq)"
        )
        return [r[0] for r in rows]

    def themes(self) -> list[str]:
        rows = self.store.execute(
            "SELECT theme FROM items WHERE theme != '' GROUP BY theme ORDER BY min(seq)"
        )
        return [r[0] for r in rows]

    def stats(self) -> dict[str, int]:
        q = self.store.execute

        def one(sql: str) -> int:
            return int(q(sql).fetchone()[0])

        return {
            "items": one("SELECT count(*) FROM items"),
            "departments": one("SELECT count(DISTINCT department) FROM items"),
            "materials": one("SELECT count(*) FROM materials"),
            "shareable_materials": one("SELECT count(*) FROM materials WHERE shareable"),
            "rongque_materials": one(
                f"SELECT count(*) FROM materials WHERE necessity='{Necessity.RONGQUE.value}'"
            ),
            "bundles": one("SELECT count(*) FROM bundles"),
            "situations": one("SELECT count(*) FROM situations"),
            "items_with_situations": one("SELECT count(DISTINCT item_code) FROM situations"),
            "crossregion_items": one("SELECT count(*) FROM crossregion"),
            "high_frequency_items": one("SELECT count(*) FROM items WHERE high_frequency"),
            "comprehensive_items": one("SELECT count(*) FROM items WHERE comprehensive"),
        }

    @staticmethod
    def _counts(catalog: Catalog) -> dict[str, int]:
        return {
            "items": len(catalog.items),
            "materials": sum(len(i.materials) for i in catalog.items),
            "bundles": len(catalog.bundles),
            "crossregion": len(catalog.crossregion),
        }

    # -- versions ------------------------------------------------------------------------
    def latest_version(self) -> tuple[int, str] | None:
        """(id, imported_at) of the current catalog version, without loading any diff."""
        row = self.store.execute(
            "SELECT id, imported_at FROM catalog_versions ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def versions(self) -> list[CatalogVersion]:
        from window_assistant.catalog.diff import CatalogDiff

        rows = self.store.execute(
            "SELECT id, imported_at, source, actor, summary, diff FROM catalog_versions"
            " ORDER BY id DESC"
        )
        return [
            CatalogVersion(
                r[0], r[1], r[2], r[3], json.loads(r[4]), CatalogDiff.from_dict(json.loads(r[5]))
            )
            for r in rows
        ]
