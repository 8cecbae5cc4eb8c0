"""Citizens' words find the item (issue 13 §1), no Qt: request words set aside, synonyms and
colloquial names, compound requests cut into pieces, homophone typos read by their pinyin,
「您要找的是不是…」 for a near miss, ranking by what citizens mean, and the supervisor's own
synonyms (the settings use case: permission, checks, audit) on a real database."""

from __future__ import annotations

import json

import pytest

from window_assistant.catalog.search import SearchIndex
from window_assistant.catalog.synonyms import (
    LITERAL,
    PINYIN,
    PREFERRED,
    SYNONYM,
    bundled_lexicon,
    lexicon_from_json,
    parse_synonym_lines,
    understand,
)
from window_assistant.errors import UserError
from window_assistant.paths import catalog_file
from window_assistant.permissions import PermissionDenied

BIRTH = {"YJS004", "002420001000", "000507001000", "002420002000", "003920005000"}


def codes(index: SearchIndex, query: str, n: int = 3) -> list[str]:
    return [h.code for h in index.search(query, limit=n)]


def names(index: SearchIndex, query: str, n: int = 3) -> list[str]:
    return [h.name for h in index.search(query, limit=n)]


# -- understanding a term, without a catalog ------------------------------------------------------
def _understand(term: str, present=lambda w: False, homophone=lambda w: None):
    return understand([term], bundled_lexicon(), present, homophone)


def test_request_words_are_set_aside_at_either_end():
    for query in ("办营业执照", "营业执照办理", "我要办营业执照", "申请营业执照"):
        first = _understand(query).groups[0].alternatives[0]
        assert first == ("营业执照", LITERAL), query


def test_a_term_found_as_typed_is_kept_whole():
    # 办退休 is a keyword of the catalog: nothing to set aside
    got = _understand("办退休", present=lambda w: w == "办退休")
    assert got.literal and got.groups[0].alternatives == (("办退休", LITERAL),)


def test_bu_ban_is_set_aside_but_kept_as_a_hint():
    got = _understand("补办身份证")
    assert got.groups[0].alternatives[0] == ("身份证", LITERAL)
    assert ("居民身份证", SYNONYM) in got.groups[0].alternatives
    assert "补领" in got.hints and not got.literal


def test_synonyms_and_preferred_meanings_are_alternatives():
    got = _understand("营业执照", present=lambda w: True)
    assert got.groups[0].alternatives == (("营业执照", LITERAL), ("设立登记", PREFERRED))
    birth = dict(_understand("生孩子").groups[0].alternatives)
    assert {"新生儿", "生育", "出生"} <= set(birth)


def test_a_compound_request_is_cut_at_the_lexicons_words():
    got = _understand("个体户注销")
    assert [g.alternatives[0][0] for g in got.groups] == ["个体户", "注销"]
    # an unknown stretch is cut around the longest part the catalog has
    parts = _understand("漏水维修资金", present=lambda w: w in ("漏水", "维修资金"))
    assert [g.alternatives[0][0] for g in parts.groups] == ["漏水", "维修资金"]


def test_a_word_found_nowhere_is_read_by_its_pinyin():
    def sounds(word):
        return ("营业执照", "yingyezhizhao") if word == "营业只照" else (word and "", "x")

    got = _understand("营业只照", homophone=sounds)
    assert got.groups[0].alternatives[0] == ("营业执照", LITERAL)
    unknown = _understand("火箭", homophone=lambda w: ("", "huojian"))
    assert ("huojian", PINYIN) in unknown.groups[0].alternatives


def test_ascii_and_single_characters_are_searched_as_typed():
    for query in ("sbdj", "0009", "社", "yingye"):
        assert _understand(query).literal, query


# -- the shipped lexicon ----------------------------------------------------------------------
def test_the_shipped_lexicon_is_versioned_and_checked():
    data = json.loads(catalog_file("synonyms.json").read_text(encoding="utf-8"))
    assert data["format"] == "window-assistant-synonyms" and data["version"] == 1
    assert bundled_lexicon().synonyms["身份证"] == ("居民身份证",)
    with pytest.raises(UserError, match="版本 2"):
        lexicon_from_json(json.dumps({**data, "version": 2}))
    with pytest.raises(UserError, match="format"):
        lexicon_from_json("{}")
    with pytest.raises(UserError, match="request_words"):
        lexicon_from_json(json.dumps({**data, "request_words": ["办", 3]}))


# -- the bundled catalog ----------------------------------------------------------------------
def test_natural_phrasings_of_the_issue_find_the_right_items_first(services):
    index = services.search
    licence = {"001701001000", "001701006000"}  # 企业设立登记, 个体工商户设立登记
    for query in ("办营业执照", "营业执照办理", "申请营业执照", "营业执照"):
        assert set(codes(index, query, 2)) == licence, query
    assert names(index, "补办身份证", 1) == ["居民身份证异地换领、补领"]
    assert names(index, "个体户注销", 1) == ["企业注销登记"]  # the catalog has no 个体 注销
    assert names(index, "提取公积金", 1) == ["住房公积金退休提取"]
    assert codes(index, "房屋买卖", 2) == ["003507002000", "YJS011"]
    assert set(codes(index, "公司变更", 2)) == {"001701002000", "YJS010"}
    assert set(codes(index, "生孩子")) <= BIRTH


def test_business_licence_ranks_the_registrations_before_the_replacement(services):
    found = names(services.search, "营业执照", 10)
    replace = found.index("营业执照遗失补领、污损换发")
    assert found.index("企业设立登记") < replace and found.index("个体工商户设立登记") < replace
    # 补办 / 丢了 keep their meaning: the replacement first
    for query in ("补办营业执照", "营业执照丢了", "营业执照补办"):
        assert names(services.search, query, 1) == ["营业执照遗失补领、污损换发"], query


def test_the_common_item_comes_before_a_bundle(services):
    hits = services.search.search("个体户", limit=5)
    assert hits[0].name == "个体工商户设立登记"
    kinds = [h.kind for h in hits]
    assert "bundle" in kinds and kinds.index("bundle") > 0


def test_homophone_typos_find_what_the_right_word_finds(services):
    index = services.search
    for typo, right in (("营业只照", "营业执照"), ("营也执照", "营业执照"), ("身分证", "身份证")):
        assert codes(index, typo) == codes(index, right), typo
    assert names(index, "结昏登记", 1) == ["内地居民结婚登记"]
    assert names(index, "公基金提取", 1) == ["住房公积金退休提取"]


def test_a_near_miss_gets_a_suggestion_and_a_miss_gets_none(services):
    index = services.search
    assert index.search("公债金") == []
    assert index.suggest("公债金") == "公积金"
    assert index.search(index.suggest("公债金") or "")  # the suggestion finds something
    assert index.suggest("营业执造") == "营业执照"
    for miss in ("火箭发射", "小饭馆", "qqq", ""):
        assert index.suggest(miss) is None, miss


def test_plain_queries_are_searched_as_typed(services):
    index = services.search
    for query in ("sbdj", "000920001000", "社", "用人单位社保登记", "失业 登记"):
        assert index.is_plain(query), query
    for query in ("办营业执照", "身份证", "营业只照", "补办身份证"):
        assert not index.is_plain(query), query


# -- a supervisor's synonyms --------------------------------------------------------------------
@pytest.fixture
def boss(set_up):
    """The supervisor of the set-up profile (the clerk is signed in where a test needs one)."""
    return set_up.accounts.authenticate("S01", "correct horse")


def test_a_supervisor_adds_synonyms_and_the_search_uses_them_at_once(set_up, boss):
    assert set_up.search.search("小饭馆") == []
    set_up.settings.change(boss, {"search.synonyms": "小饭馆=餐饮、食品经营许可\n门脸=招牌"})
    assert set_up.settings.search_synonyms == (
        ("小饭馆", ("餐饮", "食品经营许可")),
        ("门脸", ("招牌",)),
    )
    assert codes(set_up.search, "小饭馆", 1) == ["001701008001"]  # 食品经营许可（新办）
    assert "YJS003" in codes(set_up.search, "小饭馆", 5)  # 开办餐饮店一件事 (keyword 餐饮)
    assert names(set_up.search, "挂门脸", 1) == ["店铺招牌设置备案"]
    entry = next(e for e in set_up.audit.entries() if e.detail.get("key") == "search.synonyms")
    assert entry.actor == "S01" and entry.detail["key"] == "search.synonyms"
    assert entry.detail["new"] == [["小饭馆", ["餐饮", "食品经营许可"]], ["门脸", ["招牌"]]]


def test_a_clerk_may_not_change_the_synonyms_and_nothing_is_written(set_up):
    clerk = set_up.accounts.authenticate("1003", "2580")
    with pytest.raises(PermissionDenied, match="无权修改检索同义词"):
        set_up.settings.change(clerk, {"search.synonyms": "小饭馆=餐饮"})
    assert set_up.settings.search_synonyms == ()
    assert set_up.search.search("小饭馆") == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("小饭馆餐饮", "第 1 行「小饭馆餐饮」缺少「=」"),
        ("身份证=居民身份证\n=餐饮", "第 2 行:「=」两边都要填写"),
        ("小饭馆=", "第 1 行:「=」两边都要填写"),
        ("xfg=餐饮", "说法「xfg」须含汉字"),
        ("小 饭馆=餐饮", "不能含空格"),
        ("小饭馆=小饭馆", "用语「小饭馆」与说法相同"),
        ("小饭馆=餐饮\n小饭馆=饭店", "第 2 行:说法「小饭馆」已在第 1 行写过"),
        ("这是一个非常非常长的群众说法啊=餐饮", "太长:15 个字符,最多 12 个"),
    ],
)
def test_bad_synonyms_are_refused_in_chinese_naming_the_line(set_up, boss, typed, message):
    with pytest.raises(UserError) as refused:
        set_up.settings.change(boss, {"search.synonyms": typed})
    assert message in str(refused.value) + " ".join(getattr(refused.value, "details", []))
    assert set_up.settings.search_synonyms == ()
    assert not [e for e in set_up.audit.entries() if e.detail.get("key") == "search.synonyms"]


def test_synonym_lines_read_back_as_typed():
    entries = parse_synonym_lines("小饭馆 = 餐饮,食品经营许可\n\n门脸→招牌")
    assert entries == (("小饭馆", ("餐饮", "食品经营许可")), ("门脸", ("招牌",)))
    assert parse_synonym_lines([["门脸", ["招牌"]]]) == (("门脸", ("招牌",)),)


def test_a_misheard_request_word_is_set_aside_too(services):
    # 办里 sounds like 办理 (a request word), 补半 like 补办 (a hint): neither is searched for
    assert names(services.search, "社保卡办里", 1) == ["社会保障卡申领"]
    assert names(services.search, "补半身份证", 1) == ["居民身份证异地换领、补领"]
    assert services.search.search("办里")  # alone, it is what is searched
