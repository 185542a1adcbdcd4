import io

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pitch.domain.score_sheet import (
    CriterionRange,
    ScoreRow,
    SheetContext,
    parse_integer,
    read_score_sheet,
    write_score_sheet_csv,
    write_score_sheet_xlsx,
)

AOKI, ITO = 1, 2
CONTEXT = SheetContext(
    criteria=(CriterionRange("novelty", 1, 5), CriterionRange("feasibility", 0, 10)),
    pitch_ids={101, 102, 103},
    judge_ids_by_email={"Aoki@example.jp": AOKI, "ito@example.jp": ITO},
    assignments={(AOKI, 101), (AOKI, 102), (ITO, 101), (ITO, 102)},
    conflicts={(ITO, 103)},
)
HEADER = "pitch_id,judge_email,novelty,feasibility,comment"


def read_csv(*lines: str, encoding: str = "utf-8"):
    return read_score_sheet("\r\n".join(lines).encode(encoding), "scores.csv", CONTEXT)


def codes(result) -> list[tuple[int, str]]:
    return [(problem.row, problem.code) for problem in result.problems]


def test_a_good_sheet_gives_every_row():
    result = read_csv(HEADER, "101,aoki@example.jp,4,7,clear plan", "102,ito@example.jp,2,10,")
    assert result.ok
    assert result.rows == (
        ScoreRow(2, 101, AOKI, {"novelty": 4, "feasibility": 7}, "clear plan"),
        ScoreRow(3, 102, ITO, {"novelty": 2, "feasibility": 10}, ""),
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_japanese_comments_in_each_encoding(encoding):
    result = read_csv(HEADER, "101,aoki@example.jp,5,8,実現可能性が高い提案です", encoding=encoding)
    assert result.ok, result.problems
    assert result.rows[0].comment == "実現可能性が高い提案です"


def test_the_bom_does_not_hide_the_first_column():
    data = ("\ufeff" + HEADER + "\n101,aoki@example.jp,5,8,\n").encode()
    assert read_score_sheet(data, "scores.csv", CONTEXT).ok


def test_a_quoted_multiline_comment_stays_one_row():
    result = read_csv(HEADER, '101,aoki@example.jp,4,7,"line one\nline two"', "102,x@y.jp,4,7,")
    assert codes(result) == [(3, "unknown_judge")]


def test_headers_match_in_any_order_and_case_and_extra_columns_are_ignored():
    result = read_csv(
        " Judge_Email ,pitch_title,PITCH_ID,comment,feasibility,novelty,memo",
        "aoki@example.jp,防災アプリ,101,good,3,5,ignored",
    )
    assert result.rows == (ScoreRow(2, 101, AOKI, {"novelty": 5, "feasibility": 3}, "good"),)


@pytest.mark.parametrize("score", ["4.0", "４", " 4 ", "+4"])
def test_integral_scores_written_otherwise_are_accepted(score):
    result = read_csv(HEADER, f"101,aoki@example.jp,{score},7,")
    assert result.rows[0].scores["novelty"] == 4


@pytest.mark.parametrize(("value", "expected"), [
    (4, 4), (4.0, 4), ("4", 4), ("４", 4), (" -2 ", -2), (4.5, None), ("4.5", None),
    (True, None), ("", None), (None, None), ("four", None),
])
def test_parse_integer_takes_integral_numbers_only(value, expected):
    """The rule the judge's form shares with the sheet import."""
    assert parse_integer(value) == expected


@pytest.mark.parametrize(
    ("line", "code", "params"),
    [
        ("999,aoki@example.jp,4,7,", "unknown_pitch", {"pitch_id": "999"}),
        ("abc,aoki@example.jp,4,7,", "unknown_pitch", {"pitch_id": "abc"}),
        ("101,nobody@example.jp,4,7,", "unknown_judge", {"judge_email": "nobody@example.jp"}),
        (
            "103,aoki@example.jp,4,7,",
            "judge_not_assigned",
            {"judge_email": "aoki@example.jp", "pitch_id": "103"},
        ),
        (
            "103,ito@example.jp,4,7,",
            "judge_in_conflict",
            {"judge_email": "ito@example.jp", "pitch_id": "103"},
        ),
        (
            "101,aoki@example.jp,6,7,",
            "score_out_of_range",
            {"criterion": "novelty", "value": 6, "min": 1, "max": 5},
        ),
        (
            "101,aoki@example.jp,4,-1,",
            "score_out_of_range",
            {"criterion": "feasibility", "value": -1, "min": 0, "max": 10},
        ),
        (
            "101,aoki@example.jp,3.5,7,",
            "score_not_integer",
            {"criterion": "novelty", "value": "3.5"},
        ),
        (
            "101,aoki@example.jp,abc,7,",
            "score_not_integer",
            {"criterion": "novelty", "value": "abc"},
        ),
        ("101,aoki@example.jp,,7,", "score_empty", {"criterion": "novelty"}),
        ("101,aoki@example.jp,4", "score_empty", {"criterion": "feasibility"}),
        (",aoki@example.jp,4,7,", "missing_value", {"column": "pitch_id"}),
        ("101,,4,7,", "missing_value", {"column": "judge_email"}),
    ],
)
def test_each_bad_row_is_named_with_its_row_and_params(line, code, params):
    result = read_csv(HEADER, "102,aoki@example.jp,4,7,", line)
    assert result.rows == ()
    [problem] = result.problems
    assert (problem.row, problem.code, dict(problem.params)) == (3, code, params)
    assert problem.message.format() == problem.message  # fully formatted, no placeholders left


def test_messages_are_readable_english():
    [problem] = read_csv(HEADER, "101,aoki@example.jp,6,7,").problems
    assert problem.message == "The score for novelty must be from 1 to 5, got 6."


def test_a_duplicate_row_points_at_the_first():
    result = read_csv(
        HEADER, "101,aoki@example.jp,4,7,", "102,aoki@example.jp,4,7,", "101,AOKI@example.jp,5,7,"
    )
    [problem] = result.problems
    assert (problem.row, problem.code, problem.params["first_row"]) == (4, "duplicate_row", 2)


def test_every_problem_of_every_row_is_listed_and_no_row_is_kept():
    result = read_csv(
        HEADER,
        "101,aoki@example.jp,4,7,fine",
        "999,nobody@example.jp,9,x,",
        "",
        "103,ito@example.jp,,7,",
        "102,ito@example.jp,4,7,fine",
    )
    assert not result.ok
    assert result.rows == ()
    assert codes(result) == [
        (3, "unknown_pitch"),
        (3, "unknown_judge"),
        (3, "score_out_of_range"),
        (3, "score_not_integer"),
        (5, "judge_in_conflict"),  # the blank row 4 is skipped but keeps its number
        (5, "score_empty"),
    ]


def test_missing_and_duplicate_columns_are_header_problems():
    result = read_csv("pitch_id,judge_email,novelty,novelty", "101,aoki@example.jp,4,4")
    assert [(p.row, p.code, p.params["column"]) for p in result.problems] == [
        (1, "missing_column", "feasibility"),
        (1, "missing_column", "comment"),
        (1, "duplicate_column", "novelty"),
    ]


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", b",,,,\n,,,,\n", b"\xef\xbb\xbf"])
def test_empty_files(data):
    assert codes(read_score_sheet(data, "scores.csv", CONTEXT)) == [(1, "empty_file")]


def test_a_header_without_rows():
    assert codes(read_csv(HEADER, ",,,,")) == [(2, "no_data_rows")]


def test_bytes_that_are_neither_utf8_nor_cp932():
    data = HEADER.encode() + b"\n101,aoki@example.jp,4,7,\x81 \n"
    assert codes(read_score_sheet(data, "scores.csv", CONTEXT)) == [(1, "unreadable_file")]


def test_an_old_xls_workbook_is_refused_with_advice():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)
    assert codes(read_score_sheet(data, "scores.xls", CONTEXT)) == [(1, "xls_not_supported")]


def test_a_broken_xlsx_is_unreadable():
    assert codes(read_score_sheet(b"not a zip", "scores.xlsx", CONTEXT)) == [(1, "unreadable_file")]
    assert codes(read_score_sheet(b"PK\x03\x04broken", "", CONTEXT)) == [(1, "unreadable_file")]


def test_blank_csv_sheet_has_the_contract_columns_and_empty_cells():
    text = write_score_sheet_csv(
        [(101, "aoki@example.jp"), (102, "ito@example.jp")], ["novelty", "feasibility"]
    )
    assert text.splitlines() == [HEADER, "101,aoki@example.jp,,,", "102,ito@example.jp,,,"]


def test_a_blank_sheet_read_back_unfilled_asks_for_every_score():
    text = write_score_sheet_csv([(101, "aoki@example.jp")], ["novelty", "feasibility"])
    result = read_score_sheet(text.encode(), "blank.csv", CONTEXT)
    assert codes(result) == [(2, "score_empty"), (2, "score_empty")]


def fill_workbook(data: bytes, rows: list[list[object]]) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    for row_number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=3):
            sheet.cell(row=row_number, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_round_trip_with_ints_floats_and_strings():
    blank = write_score_sheet_xlsx(
        [(101, "aoki@example.jp"), (102, "aoki@example.jp"), (101, "ito@example.jp")],
        ["novelty", "feasibility"],
    )
    filled = fill_workbook(blank, [[4, 7.0, "新規性が高い"], ["5", 10, None], [1, 0, "要検討"]])
    result = read_score_sheet(filled, "scores.xlsx", CONTEXT)
    assert result.rows == (
        ScoreRow(2, 101, AOKI, {"novelty": 4, "feasibility": 7}, "新規性が高い"),
        ScoreRow(3, 102, AOKI, {"novelty": 5, "feasibility": 10}, ""),
        ScoreRow(4, 101, ITO, {"novelty": 1, "feasibility": 0}, "要検討"),
    )


def test_xlsx_is_recognised_by_its_bytes_whatever_the_filename():
    blank = write_score_sheet_xlsx([(101, "aoki@example.jp")], ["novelty", "feasibility"])
    filled = fill_workbook(blank, [[3.5, True, None]])
    result = read_score_sheet(filled, "upload", CONTEXT)
    assert [(p.row, p.code, p.params["value"]) for p in result.problems] == [
        (2, "score_not_integer", "3.5"),
        (2, "score_not_integer", "True"),
    ]


def test_blank_xlsx_has_the_contract_header_and_numeric_pitch_ids():
    blank = write_score_sheet_xlsx([(101, "aoki@example.jp")], ["novelty", "feasibility"])
    sheet = openpyxl.load_workbook(io.BytesIO(blank)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADER.split(",")
    assert [cell.value for cell in sheet[2]][:2] == [101, "aoki@example.jp"]


@given(st.integers(-3, 13))
def test_any_integer_in_range_is_kept_and_any_outside_refused(score):
    result = read_csv(HEADER, f"101,aoki@example.jp,3,{score},")
    assert result.ok == (0 <= score <= 10)
    if result.ok:
        assert result.rows[0].scores["feasibility"] == score


def test_xlsx_sheet_writes_text_as_text_never_as_a_formula():
    blank = write_score_sheet_xlsx([(101, "=cmd|'/c calc'!A1@example.jp")], ["novelty"])
    cell = openpyxl.load_workbook(io.BytesIO(blank)).active["B2"]
    assert (cell.value, cell.data_type) == ("=cmd|'/c calc'!A1@example.jp", "s")
    assert openpyxl.load_workbook(io.BytesIO(blank)).active["A2"].data_type == "n"
