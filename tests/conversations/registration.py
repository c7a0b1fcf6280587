"""A worker filling in the Jilin form through the stand-in, pressing buttons by their labels."""

from __future__ import annotations

from bot.standin import SimulatedUser

LABELS = {
    "zh_CN": {
        "agree": "✅ 我同意",
        "id_right": "✅ 正确",
        "add": "➕ 再添加一位",
        "done": "完成 ✔",
        "serious_illness": "⬜ 大重病",
        "single_mother": "⬜ 单亲女职工",
        "schooling": "⬜ 子女上学",
        "other": "⬜ 其它",
        "yes": "是",
        "no": "否",
        "submit": "📨 提交",
        "back": "◀ 返回",
    },
    "en": {
        "agree": "✅ I agree",
        "id_right": "✅ Yes, that is right",
        "add": "➕ Add another",
        "done": "Done ✔",
        "serious_illness": "⬜ Serious illness",
        "single_mother": "⬜ Single-parent female worker",
        "schooling": "⬜ Children's schooling",
        "other": "⬜ Other",
        "yes": "Yes",
        "no": "No",
        "submit": "📨 Submit",
        "back": "◀ Back",
    },
}
PHONE_LANGUAGE = {"zh_CN": "zh-hans", "en": "en"}
RESIDENT_ID = "220102198503150023"


OFFICER_AGREES = {"zh_CN": "✅ 职工已同意", "en": "✅ The worker has agreed"}


async def answer_identity(
    worker: SimulatedUser, locale: str, resident_id: str = RESIDENT_ID, *, on_behalf: bool = False
) -> None:
    """Name, consent, resident ID (confirmed); ``on_behalf``: a unit officer with /enter."""
    label = LABELS[locale]
    await worker.send("/enter" if on_behalf else "/register")
    await worker.send("张丽")
    await worker.press(OFFICER_AGREES[locale] if on_behalf else label["agree"])
    await worker.send(" ".join(resident_id[i : i + 4] for i in range(0, 18, 4)))
    await worker.press(label["id_right"])


async def fill_jilin(
    worker: SimulatedUser,
    locale: str,
    *,
    wages: str = "3,200",
    months: str = "8",
    homes: str = "1",
    owns_shop: str = "no",
    resident_id: str = RESIDENT_ID,
    phone: str = "139 0431 1234",
    card: str = "6222 0242 0012 3456 784",
    hardships: tuple[str, ...] = ("serious_illness", "single_mother"),
    causes: tuple[str, ...] = ("schooling",),
    on_behalf: bool = False,
    address: str = "长春市朝阳区人民大街1号",
    diagnosis: bool = True,
) -> None:
    """Every question of the Jilin form, up to the review (an eligible household by default);
    not ``diagnosis``: up to the diagnosis question, left unanswered."""
    label = LABELS[locale]
    await answer_identity(worker, locale, resident_id, on_behalf=on_behalf)
    for answer in ("吉林省财政厅", "科员", phone, "３"):
        await worker.send(answer)
    for answer in ("王强", "65", "父亲", "长春市第一汽车厂 退休"):
        await worker.send(answer)
    await worker.press(label["add"])
    for answer in ("王小", "12", "女儿", "学生"):
        await worker.send(answer)
    await worker.press(label["done"])
    for answer in (wages, "0", "0", "600元", "0", "350", months, "1500", address):
        await worker.send(answer)
    await worker.send(card)
    for hardship in hardships:
        await worker.press(label[hardship])
    await worker.press(label["done"])
    for cause in causes:
        await worker.press(label[cause])
    await worker.press(label["done"])
    await worker.send("爱人患尿毒症长期透析，女儿上初中，家庭收入低。")
    await worker.press(label["yes"])
    await worker.send(homes)
    await worker.press(label[owns_shop])
    await worker.press(label["no"])
    await worker.press(label["no"])
    await worker.send_photo(b"\xff\xd8 id card and bank card")
    await worker.send_photo(b"\xff\xd8 minimum living certificate")
    if "serious_illness" in hardships and diagnosis:  # only then is the diagnosis asked for
        await worker.send_document(b"%PDF-1.4 diagnosis", "诊断.pdf")
        await worker.press(label["done"])


HENAN_LABELS = {
    "zh_CN": {
        "tujia": "土家族",
        "illness": "⬜ 重病",
        "union_card": "工会会员卡",
        "skip": "跳过 ▶",
    },
    "en": {
        "tujia": "Tujia",
        "illness": "⬜ Serious illness",
        "union_card": "Union member card",
        "skip": "Skip ▶",
    },
}
HENAN_RESIDENT_ID = "410102198811080042"


async def fill_henan(worker: SimulatedUser, locale: str) -> None:
    """Every question of the Henan form, up to the review (a single mother, seriously ill)."""
    label, henan = LABELS[locale], HENAN_LABELS[locale]
    await worker.send("/register")
    await worker.send("李芳")
    await worker.press(label["agree"])
    await worker.send(HENAN_RESIDENT_ID)
    await worker.press(label["id_right"])
    await worker.press("▶")
    await worker.press(henan["tujia"])
    for answer in ("河南省交通运输厅", "0371-65902430", "郑州市金水区经三路1号", "3", "1800"):
        await worker.send(answer)
    for answer in ("1,800", "0", "0", "0"):
        await worker.send(answer)
    await worker.press(henan["illness"])
    await worker.press(label["done"])
    await worker.send("本人患乳腺癌，手术及化疗费用高，孩子上大学。")
    await worker.press(label["no"])  # enterprise restructured
    await worker.press(label["no"])  # migrant worker
    await worker.press(label["no"])  # aided by the Party
    await worker.press(label["yes"])  # single mother
    await worker.press(henan["union_card"])
    await worker.send("6222024200123456784")
    await worker.send_photo(b"\xff\xd8 id card and bank card")
    await worker.press(henan["skip"])
