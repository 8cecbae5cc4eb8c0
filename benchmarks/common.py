"""Helpers shared by the benchmark scripts: import path set-up, timing, synthetic catalogs."""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from window_assistant.catalog.model import (
    Bundle,
    Catalog,
    CrossRegionEntry,
    Item,
    Material,
    Situation,
)
from window_assistant.vocab import CrossMode, ItemKind, MaterialForm, MaterialKind, Necessity, Scope

_WORDS = [
    "户籍",
    "婚姻",
    "登记",
    "证明",
    "社会",
    "保险",
    "医疗",
    "养老",
    "食品",
    "经营",
    "许可",
    "建设",
    "工程",
    "规划",
    "税务",
    "发票",
    "残疾",
    "救助",
    "住房",
    "公积金",
    "驾驶",
    "机动车",
    "出生",
    "医学",
    "教育",
    "就业",
    "创业",
    "补贴",
    "退役",
    "军人",
]
_DEPTS = [
    f"铁西区{n}局"
    for n in [
        "民政",
        "人社",
        "医保",
        "市场监管",
        "住建",
        "公安",
        "税务",
        "卫健",
        "教育",
        "退役军人事务",
    ]
]
_MATERIALS = [
    "居民身份证",
    "户口簿",
    "结婚证",
    "营业执照",
    "申请表",
    "委托书",
    "房产证明",
    "医学证明",
    "收入证明",
    "承诺书",
    "照片",
    "学历证明",
]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def synthetic_catalog(items: int = 10_000, materials_per_item: int = 8, seed: int = 1) -> Catalog:
    """A catalog of realistic shape and text lengths (not real data)."""
    rnd = random.Random(seed)
    out: list[Item] = []
    for n in range(items):
        name = "".join(rnd.sample(_WORDS, 3)) + f"({n})"
        situations = []
        if n % 3 == 0:
            situations = [Situation("申请人类型", "申请人是个人还是企业?", ["个人", "企业"])]
        materials = []
        for m in range(materials_per_item):
            refs = (
                ["申请人类型=" + rnd.choice(["个人", "企业"])] if situations and m % 4 == 1 else []
            )
            materials.append(
                Material(
                    name=f"{_MATERIALS[m % len(_MATERIALS)]}{m}",
                    kind=rnd.choice(tuple(MaterialKind)),
                    necessity=rnd.choice(tuple(Necessity)),
                    form=rnd.choice(tuple(MaterialForm)),
                    originals=rnd.randint(0, 2),
                    copies=rnd.randint(0, 3),
                    spec="A4" if m % 2 else "",
                    notes="须本人签字。\n复印件注明“与原件一致”。" if m % 3 == 0 else "",
                    shareable=m % 5 == 0,
                    situations=refs,
                )
            )
        out.append(
            Item(
                code=f"1121010{n:011d}",
                name=name,
                handling_code=f"1121010{n:011d}-01",
                kind=rnd.choice(tuple(ItemKind)),
                department=rnd.choice(_DEPTS),
                theme=rnd.choice(_WORDS),
                basis="《中华人民共和国行政许可法》第二十九条;《辽宁省优化营商环境条例》",
                conditions="1. 申请人具有完全民事行为能力;\n2. 材料齐全、符合法定形式。",
                steps=["申请", "受理", "审核", "办结"],
                legal_limit=20,
                promised_limit=rnd.randint(0, 10),
                place="铁西区政务服务中心一楼综合窗口",
                hours="周一至周五 8:30-17:00",
                phone="024-25000000",
                complaint_phone="12345",
                online=n % 2 == 0,
                online_url="https://zwfw.example.cn/item" if n % 2 == 0 else "",
                scope=Scope.INTERCITY if n % 20 == 0 else Scope.NONE,
                comprehensive=n % 4 == 0,
                high_frequency=n % 10 == 0,
                keywords=rnd.sample(_WORDS, 2),
                situations=situations,
                materials=materials,
            )
        )
    bundles = [
        Bundle(
            f"YJS{b:04d}",
            f"一件事{b}",
            rnd.choice(_DEPTS),
            "说明",
            [out[b * 3].code, out[b * 3 + 1].code],
        )
        for b in range(min(200, items // 3))
    ]
    cross = [
        CrossRegionEntry(
            i.code, Scope.INTERCITY, rnd.choice(tuple(CrossMode)), ["大连市", "鞍山市"]
        )
        for i in out
        if i.scope == Scope.INTERCITY
    ]
    return Catalog(items=out, bundles=bundles, crossregion=cross)
