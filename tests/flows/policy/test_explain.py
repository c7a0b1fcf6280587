"""Every outcome explains itself in the reader's language, citing the rule and the numbers."""

from __future__ import annotations

import pytest

from flows.i18n import translator
from flows.policy import ADVISORY, evaluate, explain, load_policy
from tests.flows.policy import test_henan, test_jilin
from tests.flows.policy.support import ABSENT, HENAN_DAY, JILIN_DAY


def _jilin(locale: str, **changes: object) -> list[str]:
    outcome = evaluate(load_policy("jilin-2020"), test_jilin.jilin(**changes), JILIN_DAY)
    return explain(outcome, translator(locale))


def _henan(locale: str, **changes: object) -> list[str]:
    outcome = evaluate(load_policy("henan-2017"), test_henan.henan(**changes), HENAN_DAY)
    return explain(outcome, translator(locale))


SENTENCES = [
    (
        "jilin",
        "en",
        {"wages": "1860"},
        [
            "Likely not eligible under the Jilin 2020 criteria: none of its rules is met.",
            "Household income: CN¥1,860.00 a month.",
            "With 3 in the household, that is CN¥620.00 per person.",
            "Rule A (below the minimum standard for six months or more): not met. Household "
            "disposable income per person is CN¥620.00, not below the Changchun minimum living "
            "standard of CN¥620.00.",
        ],
    ),
    (
        "jilin",
        "zh_CN",
        {"wages": "1860"},
        [
            "按吉林省直机关2020年送温暖认定标准，可能不符合资助条件：不符合任何一项条件。",
            "条件A（连续6个月以上人均可支配收入低于最低生活保障标准）：不符合。"
            "家庭人均可支配收入为¥620.00，不低于长春市最低生活保障标准¥620.00。",
        ],
    ),
    (
        "jilin",
        "zh_CN",
        {"wages": "1859.99"},
        [
            "按吉林省直机关2020年送温暖认定标准，可能符合资助条件（条件A）。",
            "家庭人口3人，人均¥619.99。",
            "条件A（连续6个月以上人均可支配收入低于最低生活保障标准）：符合。"
            "家庭人均可支配收入为¥619.99，低于长春市最低生活保障标准¥620.00，"
            "已连续6个月（须连续6个月以上）。",
        ],
    ),
    (
        "jilin",
        "en",
        {"months_at_current_income": 5},
        [
            "Rule A (below the minimum standard for six months or more): not met. Household "
            "disposable income per person is CN¥500.00, below the Changchun minimum living "
            "standard of CN¥620.00, but only for 5 months in a row; at least 6 are needed.",
        ],
    ),
    (
        "jilin",
        "en",
        {"homes_owned": 2, "housing_area_m2": "75.03"},
        [
            "Under the Jilin 2020 criteria the household is excluded: Exclusion X1 (two or "
            "more homes and more than 25 m² per person).",
            "Exclusion X1 (two or more homes and more than 25 m² per person): applies. The "
            "household owns 2 homes with 75.03 m² in all, 25.01 m² per person, more than 25 m².",
            "None of the other exclusions applies.",
        ],
    ),
    (
        "jilin",
        "zh_CN",
        {"owns_shop_or_employs": True},
        [
            "按吉林省直机关2020年送温暖认定标准，属于排除情形X2（拥有商业店铺或雇佣他人从事经营活动），不予资助。",
            "排除情形X2（拥有商业店铺或雇佣他人从事经营活动）：属于此情形。",
        ],
    ),
    (
        "jilin",
        "en",
        {"wages": "3720", "months_at_current_income": 0, "causes": ["other"]},
        [
            "Under the Jilin 2020 criteria, the union officer must judge Rule B and Rule C.",
            "Rule B (within 200% of the standard, with illness, schooling, disability, single "
            "parenthood or another special cause): for the officer to judge. Household "
            "disposable income per person is CN¥1,240.00, within 200% of the Changchun minimum "
            "living standard (CN¥1,240.00, inclusive); the hardship comes from other causes, "
            "which counts only if the union officer judges it another special cause.",
        ],
    ),
    (
        "jilin",
        "zh_CN",
        {"months_at_current_income": ABSENT},
        [
            "按吉林省直机关2020年送温暖认定标准，在提供以下信息前尚无法判断：按目前收入生活的连续月数。",
            "条件A（连续6个月以上人均可支配收入低于最低生活保障标准）：暂无法判断。"
            "家庭人均可支配收入为¥500.00，低于长春市最低生活保障标准¥620.00。"
            "尚未提供：按目前收入生活的连续月数。",
        ],
    ),
    (
        "jilin",
        "en",
        {
            "household_size": 2,
            "wages": "3000",
            "months_at_current_income": 0,
            "necessary_expenses": "520",
            "causes": ["sudden_event"],
        },
        [
            "Likely eligible under the Jilin 2020 criteria, by Rule C.",
            "Rule C (within 200% of the standard after necessary expenses, with a sudden event, "
            "accident, serious illness or another cause): met. After necessary expenses of "
            "CN¥520.00 a month, the household lives on CN¥1,240.00 per person, within 200% of "
            "the Changchun minimum living standard (CN¥1,240.00, inclusive), and the hardship "
            "comes from a sudden event.",
        ],
    ),
    (
        "henan",
        "en",
        {"migrant_worker": True, "contract_months": 11},
        [
            "Likely not eligible under the Henan 2017 criteria: none of its rules is met.",
            "Criterion 1 (household income per person below the Zhengzhou minimum standard): "
            "not applicable. Household income per person is CN¥500.00, below the Zhengzhou "
            "minimum living standard of CN¥550.00.",
            "Criterion 4 (migrant workers with a contract of a year or more who meet one of the "
            "above): not met. A migrant worker is covered only with a labour contract of at "
            "least 12 months; this one runs 11 months, so Criterion 1, Criterion 2, and "
            "Criterion 3 do not apply.",
        ],
    ),
    (
        "henan",
        "zh_CN",
        {"migrant_worker": True, "contract_months": 12},
        [
            "按河南省直2017年元旦春节送温暖救助条件，可能符合资助条件（第1条和第4条）。",
            "第4条（签有一年以上劳务合同、符合上述三条之一的农民工）：符合。"
            "签有12个月劳务合同（须12个月以上）的农民工，符合第1条。",
        ],
    ),
    (
        "henan",
        "zh_CN",
        {"wages": "2400", "causes": ["serious_illness"]},
        [
            "按河南省直2017年元旦春节送温暖救助条件，第2条需由工会审核判断。",
            "第2条（因重病、子女上学、自然灾害、突发事件等导致家庭生活特别困难）：需由工会审核判断。"
            "困难原因为大重病；是否导致家庭生活特别困难，由工会审核判断。",
        ],
    ),
    (
        "henan",
        "en",
        {"party_aided": ABSENT},
        [
            "Under the Henan 2017 criteria the household would be eligible by Criterion 1, but "
            "the outcome stays open until these are given: whether the Party organisation "
            "already aids the worker.",
        ],
    ),
]


@pytest.mark.parametrize(
    ("policy", "locale", "changes", "expected"),
    SENTENCES,
    ids=[f"{policy}-{locale}-{index}" for index, (policy, locale, _, _) in enumerate(SENTENCES)],
)
def test_the_explanation_cites_the_rule_and_the_numbers(
    policy: str, locale: str, changes: dict[str, object], expected: list[str]
) -> None:
    sentences = (_jilin if policy == "jilin" else _henan)(locale, **changes)
    for sentence in expected:
        assert sentence in sentences, "\n".join(sentences)


def test_the_headline_comes_first_and_figures_follow() -> None:
    sentences = _jilin("en", wages="2000", income_tax="100", social_security="400")
    assert sentences[:4] == [
        "Likely eligible under the Jilin 2020 criteria, by Rule A.",
        "Household income: CN¥2,000.00 a month.",
        "Disposable income: CN¥1,500.00 a month, after income tax and personal social-security "
        "contributions.",
        "With 3 in the household, that is CN¥500.00 per person.",
    ]


def test_explanations_are_messages_any_translator_renders() -> None:
    outcome = evaluate(load_policy("jilin-2020"), test_jilin.jilin(), JILIN_DAY)
    t = translator("en")
    assert [t.render(message) for message in outcome.explanation] == explain(outcome, t)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "This pre-check is advisory: the union officer decides."),
        ("zh_CN", "本预审结果仅供参考，以工会审核意见为准。"),
    ],
)
def test_the_advisory_line(locale: str, text: str) -> None:
    assert translator(locale).render(ADVISORY) == text


def test_the_worker_reads_rules_by_their_words_never_their_codes() -> None:
    """Henan's Party-aid exclusion and its migrant-worker criterion, as the worker reads them."""
    policy = load_policy("henan-2017")
    aided = evaluate(policy, test_henan.henan(party_aided=True), HENAN_DAY)
    worker = explain(aided, translator("zh_CN"), codes=False)
    assert worker[0] == (
        "按河南省直2017年元旦春节送温暖救助条件，属于以下不予资助的情形："
        "已列入党组织救助的困难职工党员。"
    )
    assert "已列入党组织救助的困难职工党员：属于此情形。" in worker
    officer = explain(aided, translator("zh_CN"))
    assert officer[0].startswith("按河南省直2017年元旦春节送温暖救助条件，属于排除情形P（")
    migrant = evaluate(policy, test_henan.henan(migrant_worker=True, contract_months=24), HENAN_DAY)
    for locale in ("zh_CN", "en"):
        for line in explain(migrant, translator(locale), codes=False):
            assert not any(code in line for code in ("第1条", "第4条", "Criterion", "排除情形P"))
