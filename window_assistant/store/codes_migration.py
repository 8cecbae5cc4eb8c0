"""Migration 0005: stored enumerations become codes (``window_assistant.vocab``), not the
Chinese words earlier versions stored (必要 → required, 受理 → accepted, 居民身份证 →
resident_id …), in the columns and in the JSON kept whole (``items.data``, ``cases.agent``,
``catalog_versions.diff``).

Two things are left as they were written: a case's sheet snapshot, whose SHA-256 proves the
reprint (``Sheet.from_json`` reads its old words), and the append-only audit log. A value that is
already a code stays one, so the migration is safe to run on any database of version 3.
"""

from __future__ import annotations

import json
from typing import Any

from window_assistant.catalog.model import CrossRegionEntry, Item, Material
from window_assistant.sheets.model import SERIAL_CHARS, Person
from window_assistant.vocab import Code, IdType, Outcome, PersonKind, code_fields

Execute = Any  # sqlite-utils' Database.execute or sqlite3's


def _code(enum: type[Code], value: Any) -> Any:
    """The code of an old word; empty or unknown text is left for the reader to report."""
    if not isinstance(value, str) or not value:
        return value
    try:
        return enum.of(value).value
    except ValueError:
        return value


def _entry(data: dict[str, Any], cls: type) -> dict[str, Any]:
    for name, enum in code_fields(cls).items():
        if name in data:
            data[name] = _code(enum, data[name])
    return data


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _column(db: Any, table: str, column: str, enum: type[Code]) -> None:
    for (value,) in db.execute(f"SELECT DISTINCT {column} FROM {table}").fetchall():
        code = _code(enum, value)
        if code != value:
            db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [code, value])


def migrate(db: Any) -> None:
    """Convert every stored enumeration of ``db`` (inside the migration's transaction)."""
    item_codes, material_codes = code_fields(Item), code_fields(Material)
    for column in ("kind", "scope"):
        _column(db, "items", column, item_codes[column])
    for column, enum in material_codes.items():
        _column(db, "materials", column, enum)
    for column in ("scope", "mode"):
        _column(db, "crossregion", column, code_fields(CrossRegionEntry)[column])
    for code, text in db.execute("SELECT code, data FROM items").fetchall():
        data = _entry(json.loads(text), Item)
        data["materials"] = [_entry(m, Material) for m in data.get("materials", [])]
        db.execute("UPDATE items SET data = ? WHERE code = ?", [_dumps(data), code])

    from window_assistant.catalog.diff import CatalogDiff

    for version, text in db.execute("SELECT id, diff FROM catalog_versions").fetchall():
        diff = CatalogDiff.from_dict(json.loads(text))
        diff.map_codes(_code)
        db.execute(
            "UPDATE catalog_versions SET diff = ? WHERE id = ?", [_dumps(diff.to_dict()), version]
        )

    _column(db, "cases", "outcome", Outcome)
    _column(db, "cases", "id_type", IdType)
    _column(db, "cases", "applicant_kind", PersonKind)
    for case, text in db.execute("SELECT id, agent FROM cases WHERE agent IS NOT NULL").fetchall():
        agent = _dumps(_entry(json.loads(text), Person))
        db.execute("UPDATE cases SET agent = ? WHERE id = ?", [agent, case])
    for kind, char in SERIAL_CHARS.items():  # the counters were kept per serial character
        db.execute("UPDATE serials SET kind = ? WHERE kind = ?", [kind.value, char])
