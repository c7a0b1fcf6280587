"""Page set-up of a sheet from its layout: A4, orientation, margins, titles on every page."""

from __future__ import annotations

from typing import Final

from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from flows.tables.layout import PageSetup

PAPER_SIZES: Final = {"A4": Worksheet.PAPERSIZE_A4}
# On every page of a table that runs over several: a stamped set can be checked as complete.
PAGE_NUMBERS: Final = "第 &P 页 共 &N 页"
CM_PER_INCH: Final = 2.54


def apply_page_setup(
    sheet: Worksheet | WriteOnlyWorksheet, page: PageSetup, *, title_rows: int, one_page: bool
) -> None:
    """Set paper, orientation and margins; repeat rows ``1..title_rows`` on every page.

    ``one_page`` fits a per-person form on a single page; otherwise the table is fitted to the
    paper's width and runs on over as many pages as it needs.
    """
    sheet.page_setup.paperSize = PAPER_SIZES[page.paper]
    sheet.page_setup.orientation = page.orientation
    margins = page.margins
    sheet.page_margins.left = margins.left / CM_PER_INCH
    sheet.page_margins.right = margins.right / CM_PER_INCH
    sheet.page_margins.top = margins.top / CM_PER_INCH
    sheet.page_margins.bottom = margins.bottom / CM_PER_INCH
    sheet.print_options.horizontalCentered = True
    if page.fit_to_width or one_page:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 1 if one_page else 0
    if page.repeat_header_rows and title_rows:
        sheet.print_title_rows = f"1:{title_rows}"
    if not one_page:
        sheet.oddFooter.center.text = PAGE_NUMBERS
        sheet.oddFooter.center.font = "宋体"
        sheet.oddFooter.center.size = 10
