"""The rating settings a supervisor edits: the 好评 and 差评 tag sets and the rating period.
The core checks them (the settings dialog only collects); a clerk cannot change them."""

from __future__ import annotations

import pytest

from window_assistant.accounts import INSTALLER
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.settings import BAD_TAGS, GOOD_TAGS, MAX_TAG, MAX_TAGS

GOOD, BAD, PERIOD = "rating.good_tags", "rating.bad_tags", "rating.period_days"


def refused(services, values: dict) -> str:
    before = services.settings.all()
    with pytest.raises(UserError) as caught:
        services.settings.change(INSTALLER, values)
    assert services.settings.all() == before  # nothing saved
    return "\n".join([caught.value.message, *caught.value.details])


def test_tags_are_kept_in_the_order_given_and_reordering_is_a_change(services):
    changed = services.settings.change(INSTALLER, {GOOD: ["一次办成", "热情耐心", "指引清楚"]})
    assert changed == {GOOD: (GOOD_TAGS, ("一次办成", "热情耐心", "指引清楚"))}
    assert services.settings.rating_good_tags == ("一次办成", "热情耐心", "指引清楚")
    services.settings.change(INSTALLER, {BAD: "态度不好、等候时间长"})  # typed, 、-separated
    assert services.settings.rating_bad_tags == ("态度不好", "等候时间长")
    services.settings.change(INSTALLER, {BAD: []})  # no tags offered at all is allowed
    assert services.settings.rating_bad_tags == ()


@pytest.mark.parametrize(
    ("tags", "says"),
    [
        (["热情耐心", "热情耐心"], "「热情耐心」重复了"),
        (["Fast", "fast"], "重复了"),  # looks the same: a duplicate however it was typed
        (["一" * (MAX_TAG + 1)], f"「{'一' * (MAX_TAG + 1)}」太长:13 个字符,最多 {MAX_TAG} 个"),
        ([f"标签{n}" for n in range(MAX_TAGS + 1)], f"最多 {MAX_TAGS} 个"),
        (["热情、耐心"], "「热情、耐心」含有顿号、逗号、分号或换行"),
        (["一次,办成"], "含有顿号"),
        (["热情\u200b耐心"], "「好评标签」中的标签「热情<U+200B>耐心」"),
    ],
)
def test_a_bad_tag_set_is_refused_naming_the_tag(services, tags, says):
    assert says in refused(services, {GOOD: tags})


def test_a_tag_of_twelve_characters_is_accepted(services):
    services.settings.change(INSTALLER, {GOOD: ["一" * MAX_TAG]})
    assert services.settings.rating_good_tags == ("一" * MAX_TAG,)


def test_a_tag_in_both_sets_is_refused(services):
    message = refused(services, {GOOD: [*GOOD_TAGS, "态度不好"]})
    assert "「态度不好」同时出现在「好评标签」和「差评标签」中" in message
    message = refused(services, {BAD: [*BAD_TAGS, "一次办成"]})
    assert "「一次办成」同时出现" in message
    # Moving a tag from one set to the other in one change is fine.
    services.settings.change(INSTALLER, {GOOD: ["态度好"], BAD: ["态度不好", "热情耐心"]})
    assert services.settings.rating_bad_tags == ("态度不好", "热情耐心")


@pytest.mark.parametrize(("days", "ok"), [(1, True), (90, True), (0, False), (91, False)])
def test_the_rating_period_is_1_to_90_days(services, days, ok):
    if ok:
        services.settings.change(INSTALLER, {PERIOD: days})
        assert services.settings.rating_period_days == days
    else:
        assert "「评价期限(天)」须为 1–90 之间的整数" in refused(services, {PERIOD: days})


def test_a_clerk_cannot_change_the_tags_or_the_period(services):
    clerk = services.accounts.add_account(INSTALLER, "C01", "李娜", "clerk", "123456")
    for values in ({GOOD: ["新标签"]}, {BAD: ["新标签"]}, {PERIOD: 30}):
        with pytest.raises(PermissionDenied):
            services.settings.change(clerk, values)
    assert services.settings.rating_good_tags == GOOD_TAGS
    assert services.settings.rating_period_days == 7
