"""What a supervisor sees before an import: items added, removed and changed field by field."""

from __future__ import annotations

import copy

from window_assistant.catalog.diff import CatalogDiff, diff_catalogs
from window_assistant.catalog.model import (
    Bundle,
    Catalog,
    CrossRegionEntry,
    Item,
    Material,
    Situation,
)
from window_assistant.catalog.repository import CatalogRepository
from window_assistant.store.database import Store
from window_assistant.vocab import CaseType, CrossMode, Necessity


def _catalog() -> Catalog:
    item = Item(
        code="000172003000",
        name="食品经营许可(新办)",
        department="区市场监管局",
        legal_limit=20,
        promised_limit=5,
        scope="省内跨市",
        situations=[Situation("agent", "是否委托他人代办", ["否", "是"])],
        materials=[
            Material("食品经营许可申请书", kind="申请表格文书", copies=0),
            Material("营业执照", kind="证件证书证明", copies=1, shareable=True),
            Material("授权委托书", situations=["agent=是"]),
        ],
    )
    other = Item(code="000920001000", name="用人单位社保登记", department="区人社局")
    return Catalog(
        items=[item, other],
        bundles=[Bundle("YJS003", "开办餐饮店一件事", items=[item.code, other.code])],
        crossregion=[CrossRegionEntry(item.code, "省内跨市", "全程网办", ["辽宁省内各市"])],
    )


def test_identical_catalogs_are_no_change_and_a_new_order_is_one():
    old = _catalog()
    assert diff_catalogs(old, copy.deepcopy(old)).is_empty()
    assert diff_catalogs(old, copy.deepcopy(old)).lines() == ["目录无变化。"]
    reordered = copy.deepcopy(old)
    reordered.items[0].materials.reverse()
    changes = diff_catalogs(old, reordered).items.changed[0].changes
    assert [c.label for c in changes] == ["材料顺序"]


def test_field_and_material_changes_are_named_in_chinese():
    old, new = _catalog(), _catalog()
    food = new.items[0]
    food.promised_limit = 3
    food.materials[1].copies = 2
    food.materials.append(Material("健康证明", necessity="容缺后补"))
    del food.materials[2]
    food.situations[0].options = ["否", "是", "部分委托"]
    diff = diff_catalogs(old, new)
    lines = "\n".join(diff.lines())
    assert "承诺办结时限:5 → 3" in lines
    assert "材料「营业执照」.复印件份数:1 → 2" in lines
    assert "材料「健康证明」" in lines and "材料「授权委托书」" in lines
    assert "情形「agent」.选项" in lines
    assert diff.summary()["items_changed"] == 1 and diff.summary()["items_added"] == 0


def test_added_removed_items_bundles_and_crossregion():
    old, new = _catalog(), _catalog()
    removed = new.items.pop(1)
    new.bundles[0].items = [new.items[0].code]
    new.items.append(Item(code="000605006000", name="高龄津贴申领", department="区民政局"))
    new.crossregion[0].partners.append("京津冀")
    diff = diff_catalogs(old, new)
    assert diff.items.removed == [(removed.code, removed.name)]
    assert diff.items.added == [("000605006000", "高龄津贴申领")]
    assert diff.bundles.changed[0].changes[0].label == "包含事项"
    assert diff.crossregion.changed[0].changes[0].new == ["辽宁省内各市", "京津冀"]


def test_each_import_records_a_version_whose_diff_survives_storage(tmp_path):
    with Store(tmp_path / "wa.db") as store:
        repo = CatalogRepository(store)
        first = repo.replace(_catalog(), source="v1.xlsx", actor="admin")
        assert first.summary["items_added"] == 2
        changed = _catalog()
        changed.items[0].legal_limit = 15
        second = repo.replace(changed, source="v2.xlsx", actor="admin")
        assert repo.load() == changed
        versions = repo.versions()
        assert [v.id for v in versions] == [second.id, first.id]
        stored: CatalogDiff = versions[0].diff
        assert stored.lines() == second.diff.lines()
        assert any("法定办结时限:20 → 15" in line for line in stored.lines())
        assert versions[0].source == "v2.xlsx" and versions[0].actor == "admin"


def test_enumerated_changes_are_stored_as_codes_and_shown_as_words(tmp_path):
    with Store(tmp_path / "wa.db") as store:
        repo = CatalogRepository(store)
        repo.replace(_catalog(), source="v1.xlsx")
        changed = _catalog()
        changed.items[0].case_type = CaseType.INSTANT
        changed.items[0].materials[0].necessity = Necessity.RONGQUE
        changed.crossregion[0].mode = CrossMode.JOINT
        repo.replace(changed, source="v2.xlsx")
        stored = store.execute("SELECT diff FROM catalog_versions WHERE id = 2").fetchone()[0]
        assert '"old":"promised","new":"instant"' in stored and "承诺件" not in stored
        lines = repo.versions()[0].diff.lines()
    assert "修改事项:000172003000 食品经营许可(新办) — 办件类型:承诺件 → 即办件" in lines
    assert any("材料「食品经营许可申请书」.必要性:必要 → 容缺后补" in line for line in lines)
    assert "修改跨域通办:000172003000 多地联办 — 办理模式:全程网办 → 多地联办" in lines
