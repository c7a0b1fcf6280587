"""The notices' summary tables as printed: what every export must reproduce, column for column."""

from __future__ import annotations

from typing import Final

JILIN_SUMMARY_HEADERS: Final = (
    "序号",
    "困难职工姓名",
    "身份证号码",
    "所在单位及职务",
    "联系电话",
    "家庭人口数",
    "家庭月收入",
    "家庭现住址",
    "工商银行卡号",
    "困难原因",
    "困难类型",
    "其他家庭成员",
)
HENAN_SUMMARY_HEADERS: Final = (
    "序号",
    "姓名",
    "性别",
    "年龄",
    "身份证号",
    "工会会员卡号或郑州银行卡号",
    "工作单位或家庭地址",
    "联系电话",
    "帮扶金额（省直工会填写）",
)
