"""The 跨域通办 list and its partner agreements as use cases: list (with filters), the step
limit the case flows read, and the import (preview with the diff, then apply: permission, one
transaction, a kept version and the audit entry)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from window_assistant.crossregion.diff import AgreementsDiff, diff_agreements
from window_assistant.crossregion.io import Catalogued, read_agreements
from window_assistant.crossregion.model import Agreement, Agreements
from window_assistant.errors import UserError
from window_assistant.permissions import Action
from window_assistant.vocab import AgreementStep, CrossMode, Scope

if TYPE_CHECKING:
    from window_assistant.accounts import User
    from window_assistant.services import Services
    from window_assistant.store.database import Store

SCOPES = (Scope.NATIONAL, Scope.INTERPROVINCIAL, Scope.INTERCITY, Scope.INTERCOUNTY)


# -- the current agreements ------------------------------------------------------------------
def load_agreements(store: Store) -> Agreements:
    rows = store.execute("SELECT data FROM crossregion_agreements ORDER BY seq").fetchall()
    if not rows:
        return Agreements()
    data = {"format": _FORMAT, "agreements": [json.loads(r[0]) for r in rows]}
    return Agreements.from_stored(data)


_FORMAT = Agreements().to_dict()["format"]


def limit_for(store: Store, region: str, item_code: str, step: AgreementStep | str) -> int | None:
    """Working days the agreement with ``region`` sets for ``step`` of ``item_code`` (the
    item's own limit, else the agreement's); None when no agreement with that region covers
    the item. What the cross-region case flows read for their deadlines."""
    rows = store.execute(
        "SELECT a.data FROM crossregion_agreement_items i"
        " JOIN crossregion_agreements a ON a.code = i.agreement_code"
        " WHERE i.item_code = ? AND a.region = ?",
        [item_code, region],
    ).fetchall()
    if not rows:
        return None
    data = {"format": _FORMAT, "agreements": [json.loads(r[0]) for r in rows]}
    return Agreements.from_stored(data).limit_for(region, item_code, step)


# -- the list --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Partner:
    """One agreement as a row of the list shows it."""

    code: str
    region: str
    contact: str
    sample: bool
    limits: dict[str, int]  # this item's limit of each step (working days)
    liabilities: list[str] = field(default_factory=list)  # 办件超期, 材料邮寄遗失 …


@dataclass(frozen=True)
class ListRow:
    item_code: str
    item_name: str
    department: str
    scope: Scope
    mode: CrossMode
    partners: list[str]  # regions: the catalog's, then those of agreements not among them
    agreements: list[Partner]
    note: str = ""
    online_url: str = ""

    def regions_text(self) -> str:
        return "、".join(self.partners)

    def contacts_text(self) -> str:
        return "；".join(
            f"{p.region}：{p.contact}" + ("（示例）" if p.sample else "") for p in self.agreements
        )

    def text(self) -> str:
        """What the free-text filter searches."""
        return " ".join(
            (self.item_code, self.item_name, self.department, self.regions_text(),
             self.contacts_text(), self.note)
        )  # fmt: skip


@dataclass(frozen=True)
class ListFilter:
    scope: Scope | None = None
    mode: CrossMode | None = None
    region: str = ""
    department: str = ""
    text: str = ""

    def matches(self, row: ListRow) -> bool:
        if self.scope is not None and row.scope != self.scope:
            return False
        if self.mode is not None and row.mode != self.mode:
            return False
        if self.region and self.region not in row.partners:
            return False
        if self.department and row.department != self.department:
            return False
        words = self.text.casefold().split()
        haystack = row.text().casefold()
        return all(w in haystack for w in words)


def crossregion_list(services: Services, where: ListFilter | None = None) -> list[ListRow]:
    """The catalog's cross-region items with their partners and contact windows, grouped by
    scope (全国, 跨省, 省内跨市, 市内跨县) and then department (in the catalog's order)."""
    agreements = load_agreements(services.store)
    rows = services.store.execute(
        "SELECT c.item_code, i.name, i.department, c.scope, c.mode, c.partners, c.note, i.data,"
        " (SELECT min(seq) FROM items d WHERE d.department = i.department)"
        " FROM crossregion c JOIN items i ON i.code = c.item_code ORDER BY c.seq"
    ).fetchall()
    out: list[tuple[int, int, int, ListRow]] = []
    for n, (code, name, dept, scope, mode, partners, note, data, dept_seq) in enumerate(rows):
        covering = agreements.covering(code)
        regions = list(dict.fromkeys([*json.loads(partners), *(a.region for a in covering)]))
        row = ListRow(
            code,
            name,
            dept,
            Scope.of(scope),
            CrossMode.of(mode),
            regions,
            [_partner(a, code) for a in covering],
            note,
            str(json.loads(data).get("online_url", "")),
        )
        if where is None or where.matches(row):
            rank = SCOPES.index(row.scope) if row.scope in SCOPES else len(SCOPES)
            out.append((rank, int(dept_seq), n, row))
    return [row for *_, row in sorted(out, key=lambda r: r[:3])]


def _partner(a: Agreement, item_code: str) -> Partner:
    limits = {s.value: a.limit(item_code, s) for s in AgreementStep}
    kept = {k: v for k, v in limits.items() if v is not None}
    return Partner(a.code, a.region, a.contact, a.sample, kept, list(a.liabilities))


def partner_regions(services: Services) -> list[str]:
    """Every partner region of the list, for a filter's choices (catalog order)."""
    regions: dict[str, None] = {}
    for row in crossregion_list(services):
        regions.update(dict.fromkeys(row.partners))
    return list(regions)


# -- import ----------------------------------------------------------------------------------
@dataclass
class ImportPreview:
    source: str  # the file as given
    sha256: str
    agreements: Agreements
    diff: AgreementsDiff


@dataclass
class AgreementsVersion:
    id: int
    imported_at: str
    actor: str
    source: str
    file_sha256: str
    summary: dict[str, int]
    diff: AgreementsDiff = field(default_factory=AgreementsDiff)


def _catalogued(services: Services) -> Catalogued:
    listed = services.store.execute(
        "SELECT c.item_code, i.name FROM crossregion c JOIN items i ON i.code = c.item_code"
    ).fetchall()
    items = [r[0] for r in services.store.execute("SELECT code FROM items")]
    return Catalogued({r[0]: r[1] for r in listed}, frozenset(items))


def preview_import(services: Services, path: str | Path) -> ImportPreview:
    """Read and check ``path`` against the current catalog and compare it with the current
    agreements. Writes nothing."""
    path = Path(path)
    catalogued = _catalogued(services)
    agreements = read_agreements(path, catalogued)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    diff = diff_agreements(
        load_agreements(services.store), agreements, dict(catalogued.crossregion)
    )
    return ImportPreview(str(path), digest, agreements, diff)


def apply_import(services: Services, preview: ImportPreview, actor: User) -> AgreementsVersion:
    """Make the previewed agreements current, all or nothing: the agreements, the version
    (who, when, file, diff) and the audit entry in one transaction."""
    actor = services.accounts.authorise(actor, Action.IMPORT_CROSSREGION)
    now = datetime.now().isoformat(timespec="seconds")
    store = services.store
    with store.transaction():
        # Checked again inside the transaction: the catalog or the agreements may have
        # changed since the preview.
        catalogued = _catalogued(services)
        gone = sorted(
            {i.item_code for a in preview.agreements.agreements for i in a.items}
            - set(catalogued.crossregion)
        )
        if gone:
            raise UserError(
                f"事项 {'、'.join(gone)} 已不在跨域通办清单上(目录在预览后被更新),"
                "合作协议没有导入。请重新导入以查看差异。"
            )
        diff = diff_agreements(
            load_agreements(store), preview.agreements, dict(catalogued.crossregion)
        )
        store.execute("DELETE FROM crossregion_agreement_items")
        store.execute("DELETE FROM crossregion_agreements")
        stored = preview.agreements.to_dict()
        for seq, (a, data) in enumerate(zip(preview.agreements.agreements, stored["agreements"])):
            store.execute(
                "INSERT INTO crossregion_agreements (code, seq, region, data) VALUES (?,?,?,?)",
                [a.code, seq, a.region, json.dumps(data, ensure_ascii=False)],
            )
            store.conn.executemany(
                "INSERT INTO crossregion_agreement_items (agreement_code, item_code, seq)"
                " VALUES (?,?,?)",
                [(a.code, item.item_code, n) for n, item in enumerate(a.items)],
            )
        summary = {
            "agreements": len(preview.agreements.agreements),
            "items": sum(len(a.items) for a in preview.agreements.agreements),
            **diff.summary(),
        }
        cursor = store.execute(
            "INSERT INTO crossregion_versions (imported_at, actor, source, file_sha256, summary,"
            " diff, data) VALUES (?,?,?,?,?,?,?)",
            [
                now,
                actor.login,
                preview.source,
                preview.sha256,
                json.dumps(summary),
                json.dumps(diff.to_dict(), ensure_ascii=False),
                json.dumps(stored, ensure_ascii=False),
            ],
        )
        version_id = int(cursor.lastrowid or 0)
        services.audit.record(
            actor.login,
            "crossregion.import",
            source=preview.source,
            sha256=preview.sha256,
            version=version_id,
            **summary,
        )
    return AgreementsVersion(
        version_id, now, actor.login, preview.source, preview.sha256, summary, diff
    )


def versions(services: Services) -> list[AgreementsVersion]:
    """Every import, newest first."""
    rows = services.store.execute(
        "SELECT id, imported_at, actor, source, file_sha256, summary, diff"
        " FROM crossregion_versions ORDER BY id DESC"
    ).fetchall()
    return [
        AgreementsVersion(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            json.loads(r[5]),
            AgreementsDiff.from_dict(json.loads(r[6])),
        )
        for r in rows
    ]


def version_agreements(services: Services, version_id: int) -> Agreements:
    """The agreements a version made current (each version keeps its whole set)."""
    row = services.store.execute(
        "SELECT data FROM crossregion_versions WHERE id = ?", [version_id]
    ).fetchone()
    if row is None:
        raise UserError(f"没有编号为 {version_id} 的合作协议版本。")
    data: dict[str, Any] = json.loads(row[0])
    return Agreements.from_stored(data)
