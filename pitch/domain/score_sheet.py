"""The score sheet: a blank one to hand out, and reading a filled one back (DESIGN, Files).

Columns: `pitch_id,judge_email,<one column per criterion key>,comment`, header on row 1.
Reading accepts CSV in UTF-8, UTF-8 with BOM or CP932 (Japanese Excel), and .xlsx (first
sheet). Choices made where the contract is silent:

- headers match after trimming and ignoring case; columns in any order are fine;
- extra columns (say a `pitch_title` added for reference) are ignored, so a sheet someone
  annotated still imports; the blank sheet written here has exactly the contract columns;
- fully blank rows (Excel leaves them at the end) are skipped, but keep their numbers;
- a score may be written 4, 4.0, "4" or full-width "４"; 3.5 and "abc" are refused;
- row numbers are those Excel shows: 1 is the header, the first score row is 2; problems
  about the file or its header are reported on row 1.

An import is all or nothing: `SheetImport` carries either rows or problems, never both.
"""

import csv
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

PITCH_COLUMN = "pitch_id"
JUDGE_COLUMN = "judge_email"
COMMENT_COLUMN = "comment"
# Criterion keys must avoid these, or a criterion column would be read as an identifier.
RESERVED_COLUMNS = frozenset({PITCH_COLUMN, JUDGE_COLUMN, COMMENT_COLUMN})
HEADER_ROW = 1

_XLSX_MAGIC = b"PK\x03\x04"  # .xlsx is a zip archive
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary Excel format
_INTEGER_TEXT = re.compile(r"([+-]?[0-9]+)(?:\.0*)?")

_MESSAGES = {
    "empty_file": "The file is empty.",
    "unreadable_file": "The file could not be read: save it as CSV (UTF-8 or Shift_JIS) or .xlsx.",
    "xls_not_supported": "Old .xls workbooks are not supported: save the file as .xlsx or CSV.",
    "no_data_rows": "The sheet has a header but no score rows.",
    "missing_column": "The column {column} is missing from the header.",
    "duplicate_column": "The column {column} appears more than once in the header.",
    "missing_value": "The {column} cell is empty.",
    "unknown_pitch": "There is no pitch {pitch_id} in this round.",
    "unknown_judge": "{judge_email} is not on the panel.",
    "judge_not_assigned": "{judge_email} is not assigned to pitch {pitch_id}.",
    "judge_in_conflict": "{judge_email} has a conflict of interest with pitch {pitch_id}.",
    "score_empty": "The score for {criterion} is empty.",
    "score_not_integer": "The score for {criterion} must be a whole number, got {value}.",
    "score_out_of_range": "The score for {criterion} must be from {min} to {max}, got {value}.",
    "duplicate_row": "Pitch {pitch_id} and {judge_email} already appear in row {first_row}.",
}


@dataclass(frozen=True)
class CriterionRange:
    key: str
    min_score: int
    max_score: int


@dataclass(frozen=True)
class SheetContext:
    """What a sheet is checked against; judge and pitch ids are the app's own."""

    criteria: Sequence[CriterionRange]
    pitch_ids: Collection[int]
    judge_ids_by_email: Mapping[str, int]  # matched case-insensitively
    assignments: Collection[tuple[int, int]]  # (judge_id, pitch_id)
    conflicts: Collection[tuple[int, int]]  # (judge_id, pitch_id)


@dataclass(frozen=True)
class SheetProblem:
    row: int
    code: str
    params: Mapping[str, object]
    message: str


@dataclass(frozen=True)
class ScoreRow:
    row: int
    pitch_id: int
    judge_id: int
    scores: Mapping[str, int]
    comment: str


@dataclass(frozen=True)
class SheetImport:
    rows: tuple[ScoreRow, ...] = ()
    problems: tuple[SheetProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


class UnreadableSheet(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.problem = problem(HEADER_ROW, code)


def problem(row: int, code: str, **params: object) -> SheetProblem:
    return SheetProblem(row, code, params, _MESSAGES[code].format(**params))


def read_score_sheet(data: bytes, filename: str, context: SheetContext) -> SheetImport:
    """Read and check an uploaded sheet; see the module docstring for what is accepted."""
    try:
        table = read_table(data, filename)
    except UnreadableSheet as error:
        return SheetImport(problems=(error.problem,))
    return check_table(table, context)


def read_table(data: bytes, filename: str = "") -> list[tuple[object, ...]]:
    """The sheet's cells, row by row: strings from CSV, Excel's values from .xlsx."""
    if data.startswith(_XLS_MAGIC):
        raise UnreadableSheet("xls_not_supported")
    if data.startswith(_XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    try:
        return [tuple(row) for row in csv.reader(io.StringIO(_decode(data), newline=""))]
    except csv.Error as error:
        raise UnreadableSheet("unreadable_file") from error


def _decode(data: bytes) -> str:
    # UTF-8 first and strictly: Japanese text in CP932 is almost never valid UTF-8, while
    # UTF-8 text read as CP932 would often "succeed" as mojibake.
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableSheet("unreadable_file")


def _read_xlsx(data: bytes) -> list[tuple[object, ...]]:
    # openpyxl is imported where it is used: on every `pitch` start it would cost a tenth of
    # a second, for the few commands that read or write a workbook.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it drops; the values are unaffected.
            warnings.simplefilter("ignore", UserWarning)
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise UnreadableSheet("unreadable_file") from error
    try:
        return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def check_table(table: Sequence[Sequence[object]], context: SheetContext) -> SheetImport:
    """Check every row against the context; all rows, or every problem found."""
    if not any(_filled(row) for row in table):
        return SheetImport(problems=(problem(HEADER_ROW, "empty_file"),))
    columns, header_problems = _columns(table[0], context.criteria)
    if header_problems:
        return SheetImport(problems=tuple(header_problems))
    numbered_rows = [(number, row) for number, row in enumerate(table[1:], 2) if _filled(row)]
    if not numbered_rows:
        return SheetImport(problems=(problem(HEADER_ROW + 1, "no_data_rows"),))

    rows: dict[tuple[int, int], ScoreRow] = {}  # by (judge_id, pitch_id), the first row wins
    problems: list[SheetProblem] = []
    judges = {email.strip().lower(): judge for email, judge in context.judge_ids_by_email.items()}
    for number, cells in numbered_rows:
        values = {column: _cell(cells, index) for column, index in columns.items()}
        row, row_problems = _check_row(number, values, context, judges)
        problems += row_problems
        if row is None:
            continue
        first = rows.setdefault((row.judge_id, row.pitch_id), row)
        if first is not row:
            pitch_id, email = _text(values[PITCH_COLUMN]), _text(values[JUDGE_COLUMN])
            duplicate = {"pitch_id": pitch_id, "judge_email": email, "first_row": first.row}
            problems.append(problem(number, "duplicate_row", **duplicate))
    if problems:
        return SheetImport(problems=tuple(problems))
    return SheetImport(rows=tuple(rows.values()))


def _columns(
    header: Sequence[object], criteria: Sequence[CriterionRange]
) -> tuple[dict[str, int], list[SheetProblem]]:
    """Where each contract column is, and the header's problems."""
    names = [_text(cell).lower() for cell in header]
    wanted = [PITCH_COLUMN, JUDGE_COLUMN, *(c.key for c in criteria), COMMENT_COLUMN]
    problems = [
        problem(HEADER_ROW, "missing_column", column=column)
        for column in wanted
        if column not in names
    ]
    problems += [
        problem(HEADER_ROW, "duplicate_column", column=column)
        for column in wanted
        if names.count(column) > 1
    ]
    return {column: names.index(column) for column in wanted if column in names}, problems


def _check_row(
    number: int, values: Mapping[str, object], context: SheetContext, judges: Mapping[str, int]
) -> tuple[ScoreRow | None, list[SheetProblem]]:
    pitch_id, judge_id, problems = _identify(number, values, context, judges)
    scores: dict[str, int] = {}
    for criterion in context.criteria:
        score = _score(number, criterion, values[criterion.key])
        if isinstance(score, SheetProblem):
            problems.append(score)
        else:
            scores[criterion.key] = score
    if pitch_id is None or judge_id is None:
        return None, problems
    comment = _text(values[COMMENT_COLUMN])
    return ScoreRow(number, pitch_id, judge_id, scores, comment), problems


def _identify(
    number: int, values: Mapping[str, object], context: SheetContext, judges: Mapping[str, int]
) -> tuple[int | None, int | None, list[SheetProblem]]:
    """The row's pitch and judge ids, when both are known and the judge may score it."""
    pitch_text, email = _text(values[PITCH_COLUMN]), _text(values[JUDGE_COLUMN])
    problems = [
        problem(number, "missing_value", column=column)
        for column, text in ((PITCH_COLUMN, pitch_text), (JUDGE_COLUMN, email))
        if not text
    ]
    pitch_id = parse_integer(values[PITCH_COLUMN])
    if pitch_text and pitch_id not in context.pitch_ids:
        problems.append(problem(number, "unknown_pitch", pitch_id=pitch_text))
        pitch_id = None
    judge_id = judges.get(email.lower())
    if email and judge_id is None:
        problems.append(problem(number, "unknown_judge", judge_email=email))
    if pitch_id is None or judge_id is None:
        return None, None, problems
    # A conflict explains a missing assignment better than "not assigned" does.
    if (judge_id, pitch_id) in context.conflicts:
        code = "judge_in_conflict"
    elif (judge_id, pitch_id) not in context.assignments:
        code = "judge_not_assigned"
    else:
        return pitch_id, judge_id, problems
    problems.append(problem(number, code, judge_email=email, pitch_id=pitch_text))
    return pitch_id, judge_id, problems


def _score(number: int, criterion: CriterionRange, value: object) -> int | SheetProblem:
    key, low, high = criterion.key, criterion.min_score, criterion.max_score
    if not _text(value):
        return problem(number, "score_empty", criterion=key)
    score = parse_integer(value)
    if score is None:
        return problem(number, "score_not_integer", criterion=key, value=_text(value))
    if not low <= score <= high:
        return problem(number, "score_out_of_range", criterion=key, value=score, min=low, max=high)
    return score


def _cell(cells: Sequence[object], index: int) -> object:
    """A cell of a row, empty where a CSV row is shorter than its header."""
    return cells[index] if index < len(cells) else None


def _filled(cells: Sequence[object]) -> bool:
    return any(_text(cell) for cell in cells)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_integer(value: object) -> int | None:
    """An integer cell: 4, 4.0, "4", "4.0" or full-width "４"; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    match = _INTEGER_TEXT.fullmatch(unicodedata.normalize("NFKC", _text(value)))
    return int(match.group(1)) if match else None


def sheet_columns(criteria_keys: Sequence[str]) -> list[str]:
    return [PITCH_COLUMN, JUDGE_COLUMN, *criteria_keys, COMMENT_COLUMN]


def write_score_sheet_csv(
    assignments: Iterable[tuple[int, str]], criteria_keys: Sequence[str]
) -> str:
    """A blank sheet: one row per (pitch_id, judge_email), score and comment cells empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(sheet_columns(criteria_keys))
    blanks = [""] * (len(criteria_keys) + 1)
    writer.writerows([pitch_id, email, *blanks] for pitch_id, email in assignments)
    return buffer.getvalue()


def write_score_sheet_xlsx(
    assignments: Iterable[tuple[int, str]], criteria_keys: Sequence[str]
) -> bytes:
    """The same blank sheet as an .xlsx workbook, header row frozen."""
    import openpyxl

    from pitch.domain.workbook import literal_row

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "scores"
    sheet.append(literal_row(sheet, sheet_columns(criteria_keys)))
    for pitch_id, email in assignments:
        sheet.append(literal_row(sheet, (pitch_id, email)))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
