"""Rows for the .xlsx files pitch writes, with every text kept as text.

openpyxl stores a string that starts with "=" as a formula, so a startup named
"=HYPERLINK(...)" would be a live formula in the secretariat's Excel. Text goes in as a typed
string cell instead, which Excel shows as it is whatever it starts with. CSV files are data
and are written unchanged (README, "Downloads: CSV is data").
"""

from collections.abc import Iterable

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell


def literal_row(sheet, values: Iterable[object]) -> list:
    """Cells for ``sheet.append``: numbers stay numbers, text is always a string."""
    return [_cell(sheet, value) for value in values]


def _cell(sheet, value: object):
    if not isinstance(value, str):
        return WriteOnlyCell(sheet, value)
    # Control characters cannot be stored in .xlsx; openpyxl refuses the whole file.
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell
