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
        "yes": "Yes",
        "no": "No",
        "submit": "📨 Submit",
        "back": "◀ Back",
    },
}
PHONE_LANGUAGE = {"zh_CN": "zh-hans", "en": "en"}
RESIDENT_ID = "220102198503150023"


async def answer_identity(
    worker: SimulatedUser, locale: str, resident_id: str = RESIDENT_ID
) -> None:
    """Name, consent, resident ID (confirmed)."""
    label = LABELS[locale]
    await worker.send("/register")
    await worker.send("张丽")
    await worker.press(label["agree"])
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
) -> None:
    """Every question of the Jilin form, up to the review (an eligible household by default)."""
    label = LABELS[locale]
    await answer_identity(worker, locale)
    for answer in ("吉林省财政厅", "科员", "139 0431 1234", "３"):
        await worker.send(answer)
    for answer in ("王强", "40", "配偶", "长春市第一汽车厂 工人"):
        await worker.send(answer)
    await worker.press(label["add"])
    for answer in ("王小", "12", "女儿", "学生"):
        await worker.send(answer)
    await worker.press(label["done"])
    for answer in (wages, "0", "0", "600元", "0", "350", months, "1500", "长春市朝阳区人民大街1号"):
        await worker.send(answer)
    await worker.send("6222 0242 0012 3456 784")
    await worker.press(label["serious_illness"])
    await worker.press(label["single_mother"])
    await worker.press(label["done"])
    await worker.press(label["schooling"])
    await worker.press(label["done"])
    await worker.send("爱人患尿毒症长期透析，女儿上初中，家庭收入低。")
    await worker.press(label["yes"])
    await worker.send(homes)
    await worker.press(label[owns_shop])
    await worker.press(label["no"])
    await worker.press(label["no"])
    await worker.send_photo(b"\xff\xd8 id card and bank card")
    await worker.send_photo(b"\xff\xd8 minimum living certificate")
    await worker.send_document(b"%PDF-1.4 diagnosis", "诊断.pdf")
    await worker.press(label["done"])
