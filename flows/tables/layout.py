"""The schema of a table layout file (``flows/forms/<form>/tables/<table>.yaml``).

A layout is one of the tables a notice asks officers to hand in, written as data: its title, the
"填报单位(盖章)：… 联系人：… 电话：…" header block, what fills each column or box, the footnotes
and the page set-up. Two kinds exist:

* ``summary``: one row per record under a header row (Henan 实名制汇总表, Jilin 汇总表);
* ``per_person``: one sheet per record, a fixed grid of labelled boxes whose rows are *bands*
  of boxes spanning grid columns (Henan 情况报表, Jilin 登记表). A band may repeat once per item
  of a repeated group (the family members), with a minimum number of rows as on paper.
"""

from __future__ import annotations

from string import Formatter
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationInfo,
    model_validator,
)

from flows.i18n import LocalizedText
from flows.tables.keys import (
    CONTEXT_KEY,
    HEADER_BLOCK_FIELDS,
    Derived,
    FormKeys,
    RecordAttribute,
)

Format = Literal[
    "text",
    "integer",
    "yuan",
    "date-zh",
    "sex",
    "masked-id",
    "masked-card",
    "phone",
    "list",
    "check",
    "flag",
]
Align = Literal["left", "center", "right"]
VerticalAlign = Literal["top", "center", "bottom"]

_SOURCES = ("answer", "computed", "record", "derived", "item", "join", "first_of")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _form_keys(info: ValidationInfo) -> FormKeys | None:
    """What the layout's form offers, when the loader gives it (it always does)."""
    keys = info.context.get(CONTEXT_KEY) if isinstance(info.context, dict) else None
    return keys if isinstance(keys, FormKeys) else None


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(text) if field}


class Fill(_Frozen):
    """What fills a column or a box: exactly one source, shown in one format.

    Sources: an ``answer`` key, a ``computed`` value, a ``record`` attribute, a ``derived``
    value (age at the campaign's date, running number), an ``item`` sub-field inside a repeated
    band, or several fills combined: ``join`` (the non-empty ones, ``separator`` between) or
    ``first_of`` (the first non-empty one). Keys are checked against the layout's form; a
    list of a choice field's options shows the form's labels, and a check box's caption is by
    default its option's label.
    """

    answer: str | None = None
    computed: str | None = None
    record: RecordAttribute | None = None
    derived: Derived | None = None
    item: str | None = None
    join: tuple[Fill, ...] | None = None
    first_of: tuple[Fill, ...] | None = None
    format: Format = "text"
    separator: str = "、"
    labels: dict[str, str] | None = Field(
        default=None, description="shown text of option ids: the form's, never the file's"
    )
    template: str | None = Field(
        default=None, description="how one item of a repeated group is written, for list"
    )
    option: str | None = Field(default=None, description="the option a check box stands for")
    caption: str | None = Field(default=None, description="text after a check box or of a flag")

    @model_validator(mode="before")
    @classmethod
    def _labels_from_the_form(cls, data: Any, info: ValidationInfo) -> Any:
        keys = _form_keys(info)
        if not isinstance(data, dict) or keys is None:
            return data
        if "labels" in data:
            raise ValueError("option labels come from the form: leave 'labels' out")
        labels = keys.options.get(str(data.get("answer")))
        if labels is None:
            return data
        if data.get("format") == "list":
            return {**data, "labels": dict(labels)}
        option = str(data.get("option"))
        if data.get("format") == "check" and "caption" not in data and option in labels:
            return {**data, "caption": labels[option]}
        return data

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Fill:
        chosen = [name for name in _SOURCES if getattr(self, name) is not None]
        if len(chosen) != 1:
            raise ValueError(f"give exactly one of {', '.join(_SOURCES)} (got {chosen or 'none'})")
        keys = _form_keys(info)
        if keys is not None:
            self._check_against(keys)
        if (self.format == "check") != (self.option is not None):
            raise ValueError("'option' goes with the check format, and check needs it")
        if self.format == "flag" and self.caption is None:
            raise ValueError("the flag format needs a 'caption'")
        if (self.labels is not None or self.template is not None) and self.format != "list":
            raise ValueError("'labels' and 'template' go with the list format")
        return self

    def _check_against(self, keys: FormKeys) -> None:
        """Whether the form offers what this fill reads."""
        if self.answer is not None and self.answer not in keys.answers:
            raise ValueError(keys.unknown_answer(self.answer))
        if self.computed is not None and self.computed not in keys.computed:
            raise ValueError(
                f"unknown computed value {self.computed!r}: the form {keys.form_id} "
                "computes no such value"
            )
        if self.option is not None and self.option not in keys.options.get(self.answer or "", {}):
            raise ValueError(f"{self.answer!r} has no option {self.option!r}")
        if self.template is not None:
            parts = keys.parts.get(self.answer or "")
            if parts is None:
                raise ValueError(f"a 'template' writes a repeated group; {self.answer!r} is none")
            if _placeholders(self.template) - parts:
                unknown = sorted(_placeholders(self.template) - parts)
                raise ValueError(f"{self.answer} items have no {unknown}")

    def items(self) -> tuple[str, ...]:
        """The ``item`` sub-fields this fill reads, its parts' included."""
        parts = self.join or self.first_of or ()
        own = (self.item,) if self.item is not None else ()
        return own + tuple(key for part in parts for key in part.items())


class Column(_Frozen):
    """One column of a summary table."""

    header: str = Field(description="the header text exactly as the notice writes it")
    width: float = Field(gt=0, description="in Excel character units (a Chinese character is 2)")
    fill: Fill
    align: Align = "center"


class Box(_Frozen):
    """One labelled box of a per-person sheet: a static ``text`` or a ``fill``."""

    span: int = Field(default=1, ge=1, description="how many grid columns it covers")
    text: str | None = None
    fill: Fill | None = None
    header: str | None = Field(default=None, description="its CSV column name, if a fill")
    align: Align = "center"
    valign: VerticalAlign = "center"

    @model_validator(mode="after")
    def _check(self) -> Box:
        if (self.text is None) == (self.fill is None):
            raise ValueError("give exactly one of 'text' and 'fill'")
        return self


class Band(_Frozen):
    """A row of boxes; with ``repeat`` it is written once per item of that repeated group."""

    boxes: tuple[Box, ...] = Field(min_length=1)
    height: float = Field(default=28, gt=0, description="in points")
    repeat: str | None = None
    min_rows: int = Field(default=0, ge=0, description="blank rows kept when items are fewer")
    header: str | None = Field(default=None, description="CSV column name of a repeated band")

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Band:
        used = {key for box in self.boxes if box.fill is not None for key in box.fill.items()}
        if self.repeat is None:
            if used:
                raise ValueError("'item' fills belong in a band with 'repeat'")
            if self.min_rows or self.header:
                raise ValueError("'min_rows' and 'header' belong in a band with 'repeat'")
            return self
        keys = _form_keys(info)
        if keys is not None:
            allowed = keys.parts.get(self.repeat)
            if allowed is None:
                raise ValueError(f"{self.repeat!r} is not a repeated group of {keys.form_id}")
            if used - allowed:
                raise ValueError(f"{self.repeat} items have no {sorted(used - allowed)}")
        if self.header is None:
            raise ValueError("a repeated band needs a 'header' for its CSV column")
        return self


class Margins(_Frozen):
    """Page margins in centimetres."""

    left: float = Field(default=1.5, ge=0)
    right: float = Field(default=1.5, ge=0)
    top: float = Field(default=2.0, ge=0)
    bottom: float = Field(default=2.0, ge=0)


class PageSetup(_Frozen):
    """How the table prints: the notices ask for A4."""

    paper: Literal["A4"] = "A4"
    orientation: Literal["portrait", "landscape"]
    margins: Margins = Margins()
    repeat_header_rows: bool = Field(
        default=True, description="print the title and header rows on every page"
    )
    fit_to_width: bool = True


CAMPAIGN_FIELDS = frozenset({"year", "deadline"})


class _Table(_Frozen):
    name: LocalizedText = Field(description="what officers choose it by in /export")
    title: str = Field(description="may use {year}: the campaign's year")
    header_block: str | None = Field(
        default=None,
        description="填报单位(盖章)：{unit} 联系人：{contact} 电话：{phone}, maybe {issued}",
    )
    footnotes: tuple[str, ...] = Field(
        default=(), description="may use {year} and {deadline}: the day the tables are due"
    )
    page: PageSetup

    @model_validator(mode="after")
    def _check_campaign_fields(self) -> _Table:
        for where, text in (("title", self.title), *(("footnotes", n) for n in self.footnotes)):
            names = _placeholders(text)
            if names - CAMPAIGN_FIELDS:
                raise ValueError(
                    f"{where} may use {sorted(CAMPAIGN_FIELDS)}, "
                    f"not {sorted(names - CAMPAIGN_FIELDS)}"
                )
        return self

    @model_validator(mode="after")
    def _check_header_block(self) -> _Table:
        if self.header_block is not None:
            names = _placeholders(self.header_block)
            if names - HEADER_BLOCK_FIELDS:
                raise ValueError(
                    f"header_block may use {sorted(HEADER_BLOCK_FIELDS)}, "
                    f"not {sorted(names - HEADER_BLOCK_FIELDS)}"
                )
        return self


class SummaryTable(_Table):
    """A table of one row per record."""

    kind: Literal["summary"]
    columns: tuple[Column, ...] = Field(min_length=1)


class PersonTable(_Table):
    """A form of one sheet per record: a grid of columns and bands of boxes across it."""

    kind: Literal["per_person"]
    grid: tuple[float, ...] = Field(min_length=1, description="column widths, as Column.width")
    bands: tuple[Band, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_spans(self) -> PersonTable:
        for index, band in enumerate(self.bands):
            spans = sum(box.span for box in band.boxes)
            if spans != len(self.grid):
                raise ValueError(f"bands.{index}: boxes span {spans} of {len(self.grid)} columns")
        return self


TableLayout = Annotated[SummaryTable | PersonTable, Field(discriminator="kind")]
TABLE_LAYOUT: TypeAdapter[SummaryTable | PersonTable] = TypeAdapter(TableLayout)
