"""Instant search: what a clerk sees in the result list for what they type.

A small handmade catalog pins the ranking rules exactly; a generated catalog checks that the
fast, early-stopping scan returns exactly what a brute-force ranking of every entry returns;
the bundled catalog is searched with the queries from the issue.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from window_assistant.catalog.model import Bundle, Catalog, Item
from window_assistant.catalog.repository import CatalogRepository
from window_assistant.catalog.search import BROWSE_TIER, RecentUses, SearchIndex
from window_assistant.store.database import Store
from window_assistant.vocab import Scope


def _item(code, name, dept="区人社局", *, theme="社保", hf=False, comp=False, kw=(), scope="无"):
    return Item(
        code=code,
        name=name,
        department=dept,
        theme=theme,
        high_frequency=hf,
        comprehensive=comp,
        keywords=list(kw),
        scope=scope,
    )


SMALL = Catalog(
    items=[
        _item("A001", "社会保险登记", hf=True, comp=True, kw=["社保", "参保"], scope="全国"),
        _item("A002", "基本养老保险参保登记", comp=True, kw=["养老", "社保"]),
        _item("A003", "银行账户信息变更备案", "区金融办", theme="金融", kw=["开户"]),
        _item(
            "B010",
            "企业设立登记",
            "区市场监管局",
            theme="开办",
            hf=True,
            comp=True,
            kw=["营业执照", "开办"],
        ),
        _item("B011", "营业执照遗失补领", "区市场监管局", theme="开办", comp=True),
        _item("C020", "行政复议申请", "区司法局", theme="法律", kw=["复议"]),
        _item("C021", "行政许可事项变更", "区行政审批局", theme="开办"),
        _item("D030", "重新申领残疾人证", "区残联", theme="助残", kw=["残疾"]),
        _item("E040", "城乡居民社会救助申请", "区民政局", theme="救助"),
        _item("E041", "社区养老服务补贴", "区民政局", theme="养老"),
        _item("E042", "社区居家养老服务补贴", "区民政局", theme="养老", hf=True),
    ],
    bundles=[
        Bundle(
            code="YJS01",
            name="企业开办一件事",
            department="区市场监管局",
            items=["B010"],
            keywords=["营业执照", "公章", "开户"],
        ),
        Bundle(
            code="YJS02",
            name="退休一件事",
            department="区人社局",
            items=["A002"],
            keywords=["养老"],
        ),
    ],
)


def _index(tmp_path: Path, catalog: Catalog, name: str = "search.db") -> SearchIndex:
    with Store(tmp_path / name) as store:
        CatalogRepository(store).replace(catalog, source="test")
        return SearchIndex.from_store(store)


@pytest.fixture
def small(tmp_path: Path) -> SearchIndex:
    return _index(tmp_path, SMALL)


def names(hits) -> list[str]:
    return [h.name for h in hits]


# -- the handmade catalog: every rule, exactly ------------------------------------------------
def test_index_holds_items_and_bundles(small):
    assert len(small) == 13


def test_one_character_finds_every_name_containing_it_prefix_first(small):
    hits = small.search("社")
    assert names(hits) == [
        "社会保险登记",  # prefix, 高频 + 综合
        "社区居家养老服务补贴",  # prefix, 高频
        "社区养老服务补贴",  # prefix
        "城乡居民社会救助申请",  # substring
        "基本养老保险参保登记",  # keyword 社保
        "退休一件事",  # department 区人社局
    ]
    assert [h.tier for h in hits] == [1, 1, 1, 2, 4, 5]


def test_pinyin_abbreviation_finds_the_registration(small):
    hits = small.search("sbdj")
    assert names(hits) == ["社会保险登记"]
    assert hits[0].tier == 3


def test_chinese_abbreviation_ranks_after_real_substrings(small):
    # 社保登记 is in no name: read as 社保 (社会保险, a synonym) + 登记; the abbreviation first
    assert names(small.search("社保登记")) == ["社会保险登记", "基本养老保险参保登记"]
    hits = small.search("养老补贴")
    assert names(hits) == ["社区居家养老服务补贴", "社区养老服务补贴"]


def test_initials_and_full_pinyin_find_the_bank_item(small):
    for query in ("yh", "yinhang", "YinHang", "yhzh"):
        hits = small.search(query)
        assert hits[0].name == "银行账户信息变更备案", query
        assert hits[0].tier == 3


def test_xz_finds_the_xingzheng_items_first(small):
    hits = small.search("xz")
    assert names(hits)[:2] == ["行政复议申请", "行政许可事项变更"]
    # 行政 is read xíngzhèng, not hángzhèng
    assert small.search("hangzheng") == []


def test_chongxin_is_read_in_context(small):
    assert small.search("chongxin")[0].name == "重新申领残疾人证"
    assert small.search("cxsl")[0].name == "重新申领残疾人证"


def test_exact_code_first_then_code_prefix_last(small):
    hits = small.search("b011")
    assert hits[0].name == "营业执照遗失补领"
    assert hits[0].tier == 0
    prefix = small.search("B01")
    assert names(prefix) == ["企业设立登记", "营业执照遗失补领"]
    assert {h.tier for h in prefix} == {5}


def test_keyword_matches_rank_below_name_matches(small):
    hits = small.search("开办")
    assert [(h.kind, h.name, h.tier) for h in hits] == [
        ("bundle", "企业开办一件事", 2),
        ("item", "企业设立登记", 4),
    ]


def test_what_citizens_mean_by_business_licence_comes_first(small):
    # 营业执照 means 设立登记 (the lexicon's preferred meaning) before the item named so
    hits = small.search("营业执照")
    assert [(h.kind, h.name, h.tier) for h in hits] == [
        ("item", "企业设立登记", 1),
        ("item", "营业执照遗失补领", 1),
        ("bundle", "企业开办一件事", 4),
    ]
    assert names(small.search("补办营业执照"))[0] == "营业执照遗失补领"  # 补办 keeps its meaning


def test_bundle_found_by_its_name(small):
    hit = small.search("企业开办")[0]
    assert (hit.kind, hit.code, hit.tier, hit.scope) == ("bundle", "YJS01", 1, Scope.NONE)
    assert small.search("qykb")[0].code == "YJS01"


def test_department_matches_come_last(small):
    hits = small.search("民政")
    assert names(hits) == ["社区居家养老服务补贴", "社区养老服务补贴", "城乡居民社会救助申请"]
    assert {h.tier for h in hits} == {5}


def test_high_frequency_first_then_comprehensive_then_shorter(small):
    hits = small.search("登记")
    assert names(hits) == ["社会保险登记", "企业设立登记", "基本养老保险参保登记"]


def test_recent_moves_up_among_equals_only(small, tmp_path: Path):
    recent = [("item", "E041"), ("item", "E040")]
    hits = small.search("社", recent=recent)
    assert names(hits) == [
        "社会保险登记",  # 高频 + 综合 stays ahead of a recent non-高频 item
        "社区居家养老服务补贴",  # 高频 stays ahead too
        "社区养老服务补贴",
        "城乡居民社会救助申请",  # recent, but only a substring match
        "基本养老保险参保登记",
        "退休一件事",
    ]
    hits = small.search("社区", recent=[("item", "E041")])
    assert names(hits) == ["社区居家养老服务补贴", "社区养老服务补贴"]
    hits = small.search("补贴")
    assert names(hits) == ["社区居家养老服务补贴", "社区养老服务补贴"]
    plain = [_item("X1", "甲证明"), _item("X2", "乙证明"), _item("X3", "丙证明")]
    # equal items: the recent ones come first, most recent first
    index = _index(tmp_path, Catalog(items=plain), "plain.db")
    assert names(index.search("证明")) == ["甲证明", "乙证明", "丙证明"]
    recent = [("item", "X3"), ("item", "X2")]
    assert names(index.search("证明", recent=recent)) == ["丙证明", "乙证明", "甲证明"]


def test_filters(small):
    assert names(small.search("社", department="区民政局")) == [
        "社区居家养老服务补贴",
        "社区养老服务补贴",
        "城乡居民社会救助申请",
    ]
    assert names(small.search("营业执照", theme="开办")) == ["企业设立登记", "营业执照遗失补领"]
    assert [h.kind for h in small.search("营业执照", kinds=("bundle",))] == ["bundle"]
    assert small.search("营业执照", department="区民政局") == []


def test_empty_query_browses_bundles_then_priority_then_recent_then_catalog(small):
    hits = small.search("  ", recent=[("item", "C021"), ("item", "A003")])
    assert [h.code for h in hits] == [
        "YJS01",
        "YJS02",  # bundles
        "A001",
        "B010",  # 高频 + 综合
        "E042",  # 高频
        "A002",
        "B011",  # 综合
        "C021",
        "A003",  # recent, most recent first
        "C020",
        "D030",
        "E040",
        "E041",  # catalog order
    ]
    assert {h.tier for h in hits} == {BROWSE_TIER}
    assert [h.code for h in small.search("", 3)] == ["YJS01", "YJS02", "A001"]
    assert [h.code for h in small.search("", department="区民政局")] == ["E042", "E040", "E041"]


def test_case_whitespace_and_full_width_forms_are_ignored(small):
    expected = small.search("sbdj")
    assert small.search("  SBDJ\t") == expected
    assert small.search("ＳＢＤＪ") == expected
    assert small.search("  社会 ")[0].name == "社会保险登记"


def test_spaces_mean_all_terms(small):
    assert names(small.search("社区 居家")) == ["社区居家养老服务补贴"]
    assert names(small.search("登记 社保")) == ["社会保险登记", "基本养老保险参保登记"]
    assert small.search("社区 银行") == []


def test_miss_and_limit(small):
    assert small.search("火箭发射") == []
    assert small.search("qqqq") == []
    assert small.search("社", limit=2) == small.search("社")[:2]
    assert small.search("社", limit=0) == []


def test_hit_carries_what_the_list_shows(small):
    hit = small.search("A001")[0]
    assert hit.department == "区人社局"
    assert hit.theme == "社保"
    assert hit.high_frequency and hit.comprehensive
    assert hit.scope == Scope.NATIONAL


# -- the fast scan agrees with a brute-force ranking of every entry -----------------------------
PARTS = [
    "社会",
    "保险",
    "登记",
    "银行",
    "行政",
    "许可",
    "营业",
    "执照",
    "养老",
    "补贴",
    "重新",
    "申领",
    "医疗",
    "证明",
    "变更",
    "备案",
    "户口",
    "迁移",
    "公积金",
    "提取",
]
DEPTS = ["区人社局", "区市场监管局", "区民政局", "区医保局"]


def _subsequence(needle: str, value: str) -> bool:
    rest = iter(value)
    return all(ch in rest for ch in needle)


def _brute_force(index, rows, query, limit, recent, department, kinds):
    """Rank every entry with the documented rules, one by one."""
    terms = query.strip().lower().split()
    ranked = []
    for seq, r in enumerate(rows):
        if r["kind"] not in kinds or (department and r["department"] != department):
            continue
        tiers = []
        for t in terms:
            pinyin_ok = t.isascii() and t.isalpha()
            rules = [
                ((0, 0), r["code"].lower() == t),
                ((1, 0), r["name"].startswith(t)),
                ((2, 0), t in r["name"]),
                ((2, 1), len(t) > 1 and not t.isascii() and _subsequence(t, r["name"])),
                ((3, 0), pinyin_ok and r["initials"].startswith(t)),
                ((3, 1), pinyin_ok and r["pinyin"].startswith(t)),
                ((3, 2), pinyin_ok and t in r["initials"]),
                ((3, 3), pinyin_ok and t in r["pinyin"]),
                ((3, 4), pinyin_ok and len(t) > 2 and _subsequence(t, r["initials"])),
                ((4, 0), t in r["keywords"]),
                ((5, 0), r["code"].lower().startswith(t)),
                ((5, 1), t in r["department"]),
                ((5, 2), t in r["code"].lower()),
            ]
            tiers.append(next((tier for tier, ok in rules if ok), None))
        if None in tiers:
            continue
        group = 2 if r["kind"] == "bundle" else (0, 1, 3, 4)[2 * (not r["hf"]) + (not r["comp"])]
        rec = recent.index((r["kind"], r["code"])) if (r["kind"], r["code"]) in recent else 99
        ranked.append(((max(tiers), group, rec, len(r["name"]), seq), r["kind"], r["code"]))
    ranked.sort()
    return [(kind, code, key[0][0]) for key, kind, code in ranked[:limit]]


def test_fast_scan_equals_brute_force(tmp_path: Path):
    rnd = random.Random(7)
    items = []
    for n in range(400):
        name = "".join(rnd.sample(PARTS, rnd.randint(2, 4)))
        items.append(
            _item(
                f"T{n:04d}",
                name,
                rnd.choice(DEPTS),
                hf=rnd.random() < 0.2,
                comp=rnd.random() < 0.5,
                kw=rnd.sample(PARTS, 2),
            )
        )
    bundles = [
        Bundle(code=f"Y{n}", name=rnd.choice(PARTS) + "一件事", keywords=[rnd.choice(PARTS)])
        for n in range(5)
    ]
    with Store(tmp_path / "gen.db") as store:
        CatalogRepository(store).replace(Catalog(items=items, bundles=bundles), source="test")
        index = SearchIndex.from_store(store)
        rows = [
            {
                "kind": kind,
                "code": c,
                "name": n,
                "department": d,
                "keywords": k,
                "pinyin": p,
                "initials": i,
                "hf": bool(hf),
                "comp": bool(co),
            }
            for kind, c, n, d, k, p, i, hf, co in store.db.execute(
                "SELECT 'item', code, name, department, keywords, pinyin, initials,"
                " high_frequency, comprehensive FROM items ORDER BY seq"
            ).fetchall()
            + store.db.execute(
                "SELECT 'bundle', code, name, department, keywords, pinyin, initials, 0, 0"
                " FROM bundles ORDER BY seq"
            ).fetchall()
        ]
    queries = [
        "社",
        "登",
        "行",
        "一件事",
        "t00",
        "t0012",
        "T01",
        "人社",
        "yh",
        "xz",
        "sbdj",
        "shbx",
        "dengji",
        "ji",
        "社保",
        "养老补贴",
        "营业 执照",
        "bx dj",
        "社 区医保局",
        "zz",
    ]
    for _ in range(60):
        r = rows[rnd.randrange(len(rows))]
        start = rnd.randrange(len(r["name"]))
        queries += [
            r["name"][start : start + rnd.randint(1, 4)],
            r["initials"][: rnd.randint(1, 5)],
            r["name"][:2] + " " + r["name"][-2:],
            r["initials"][-3:] + " " + r["name"][start],
        ]
    compared = 0
    for query in queries:
        recent = [(r["kind"], r["code"]) for r in rnd.sample(rows, 5)]
        limit = rnd.choice([1, 5, 20, 50, 1000])
        department = rnd.choice([None, None, "区民政局"])
        kinds = rnd.choice([("item", "bundle"), ("item",)])
        if not index.is_plain(query, department=department, kinds=kinds):
            continue  # citizens' words (synonyms, request words): tested on their own
        compared += 1
        got = index.search(query, limit, recent=recent, department=department, kinds=kinds)
        expected = _brute_force(index, rows, query, limit, recent, department, kinds)
        assert [(h.kind, h.code, h.tier) for h in got] == expected, query
    assert compared >= 150


# -- recently used items ----------------------------------------------------------------------
def test_recent_uses_are_per_window_most_recent_first(tmp_path: Path):
    with Store(tmp_path / "recent.db") as store:
        uses = RecentUses(store)
        uses.record(1, "item", "A001")
        uses.record(1, "bundle", "YJS01")
        uses.record(2, "item", "C020")
        uses.record(1, "item", "B011")
        uses.record(1, "item", "A001")
        assert uses.recent(1) == [("item", "A001"), ("item", "B011"), ("bundle", "YJS01")]
        assert uses.recent(1, limit=1) == [("item", "A001")]
        assert uses.recent(2) == [("item", "C020")]
        assert uses.uses(1, "item", "A001") == 2
    with Store(tmp_path / "recent.db") as store:  # survives a restart
        assert RecentUses(store).recent(1)[0] == ("item", "A001")


def test_recent_uses_forget_the_oldest(tmp_path: Path):
    with Store(tmp_path / "recent.db") as store:
        uses = RecentUses(store)
        for n in range(130):
            uses.record(1, "item", f"X{n}")
        kept = uses.recent(1, limit=1000)
        assert len(kept) == 100
        assert kept[0] == ("item", "X129")
        assert ("item", "X0") not in kept
        with pytest.raises(ValueError):
            uses.record(1, "case", "X1")


def test_recent_uses_feed_the_ranking(small, tmp_path: Path):
    with Store(tmp_path / "search.db") as store:
        uses = RecentUses(store)
        uses.record(1, "item", "C021")
        assert names(small.search("行政", recent=uses.recent(1))) == [
            "行政许可事项变更",
            "行政复议申请",
        ]
        assert names(small.search("行政", recent=uses.recent(2))) == [
            "行政复议申请",
            "行政许可事项变更",
        ]


# -- the bundled catalog, with the queries from the issue --------------------------------------
def _flags_in_order(hits) -> bool:
    """Within each tier: 高频 (综合窗口 first), bundles, 综合窗口, the rest (the tie-break)."""

    def group(h):
        if h.kind == "bundle":
            return 2
        return (0 if h.comprehensive else 1) if h.high_frequency else (3 if h.comprehensive else 4)

    keys = [(h.tier, group(h)) for h in hits]
    return keys == sorted(keys)


def test_bundled_sbdj_finds_the_social_insurance_registration(services):
    hits = services.search.search("sbdj")
    assert hits[0].name == "用人单位社保登记"
    assert "单位社会保险注销登记" in names(hits)  # 社(会)保(险)…登记 as an abbreviation
    assert services.search.search("社保登记")[0].name == "用人单位社保登记"


def test_bundled_one_character_she(services):
    hits = services.search.search("社", limit=200)
    in_name = [h for h in hits if h.tier in (1, 2)]
    assert [h.name for h in in_name[:2]] == ["社会保障卡申领", "社会保障卡挂失与重新申领"]
    assert all(h.name.startswith("社") for h in in_name[:2])
    assert all("社" in h.name and not h.name.startswith("社") for h in in_name[2:])
    assert len(in_name) >= 5
    assert _flags_in_order(hits)


def test_bundled_business_licence(services):
    # issue 13: 营业执照 puts 企业设立登记 and 个体工商户设立登记 before 遗失补领
    found = names(services.search.search("营业执照"))
    assert found[:3] == ["企业设立登记", "个体工商户设立登记", "营业执照遗失补领、污损换发"]
    assert names(services.search.search("补办营业执照"))[0] == "营业执照遗失补领、污损换发"


def test_bundled_exact_code(services):
    hits = services.search.search(" 000920001000 ")
    assert (hits[0].name, hits[0].tier) == ("用人单位社保登记", 0)
    prefix = services.search.search("0009200", limit=200)
    assert prefix and all(h.code.startswith("0009200") and h.tier == 5 for h in prefix)


def test_bundled_bank_and_xingzheng(services):
    assert services.search.search("yh")[0].name == "企业银行开户预约"
    assert names(services.search.search("yinhang")) == ["企业银行开户预约"]
    xz = names(services.search.search("xz", limit=200))
    assert xz[0] == "行政复议申请"
    assert "涉企行政事业性收费投诉举报受理" in xz
    assert names(services.search.search("xingzheng")) == [
        "行政复议申请",
        "涉企行政事业性收费投诉举报受理",
    ]


def test_bundled_bundle_by_name(services):
    hits = services.search.search("企业开办")
    assert (hits[0].kind, hits[0].name) == ("bundle", "企业开办一件事")
    assert "企业开办帮办代办服务" in names(hits)
    assert services.search.search("退休一件事")[0].code == "YJS005"


def test_bundled_high_frequency_first_among_equals(services):
    hits = services.search.search("登记", limit=200)
    assert _flags_in_order(hits)
    same_tier = [h for h in hits if h.tier == 2 and h.kind == "item"]
    assert same_tier[0].high_frequency and not same_tier[-1].high_frequency
    assert names(hits).index("失业登记") < names(hits).index("生育登记")  # same length, 高频


def test_bundled_recent_uses_move_up(services):
    uses = RecentUses(services.store)
    window = services.current_window_id()
    name = "城乡居民基本养老保险参保登记"  # 综合, not 高频, long
    before = names(services.search.search("登记", limit=200))
    uses.record(window, "item", "000920003000")
    after = names(services.search.search("登记", limit=200, recent=uses.recent(window)))
    assert after.index(name) < before.index(name)
    assert after.index(name) > after.index("内地居民结婚登记")  # 高频 still ahead
    assert after.index(name) < after.index("生育登记")  # ahead of shorter non-recent 综合


def test_bundled_filters(services):
    hits = services.search.search("登记", limit=200, department="区人社局")
    assert hits and {h.department for h in hits} == {"区人社局"}
    hits = services.search.search("", limit=500, theme="医疗保障")
    assert len(hits) == 7 and {h.theme for h in hits} == {"医疗保障"}
    hits = services.search.search("开办", kinds=("bundle",))
    assert names(hits) == ["开办餐饮店一件事", "企业开办一件事"]


def test_bundled_browse_and_miss(services):
    hits = services.search.search("", limit=500)
    assert len(hits) == len(services.search) == 119
    assert [h.kind for h in hits[:11]] == ["bundle"] * 11
    items = hits[11:]
    assert _flags_in_order(items)
    first_plain = next(i for i, h in enumerate(items) if not h.high_frequency)
    assert all(h.high_frequency for h in items[:first_plain])
    assert services.search.search("火箭发射") == []
    assert services.search.search("zzzzq") == []
