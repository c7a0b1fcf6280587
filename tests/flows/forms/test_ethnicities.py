"""The 56 ethnic groups in GB 3304 order, each reachable by a button and by its names."""

from __future__ import annotations

from flows.forms.parsing.ethnicity import ethnicities, parse_ethnicity


def test_the_56_groups_in_gb_3304_order() -> None:
    groups = ethnicities()
    assert [group.code for group in groups] == [f"{number:02d}" for number in range(1, 57)]
    assert (groups[0].zh, groups[-1].zh) == ("汉族", "基诺族")
    assert len({group.zh for group in groups}) == 56


def test_every_group_is_found_by_its_chinese_and_english_names() -> None:
    for group in ethnicities():
        assert parse_ethnicity(group.zh) == group.zh
        assert parse_ethnicity(group.zh.removesuffix("族")) == group.zh
        assert parse_ethnicity(group.en.upper()) == group.zh
