import pytest
from hypothesis import given
from hypothesis import strategies as st

from pitch.domain.corporate_number import (
    check_digit,
    is_valid_corporate_number,
    normalize_corporate_number,
)

# Published numbers from the 国税庁 法人番号公表サイト, plus the worked example of the
# 国税庁 explanation (base 123456789012 → check digit 7).
REAL_NUMBERS = [
    "7000012050002",  # 国税庁
    "8000020130001",  # 東京都
    "1180301018771",  # トヨタ自動車株式会社
    "4011001098993",  # 株式会社FoundingBase
    "7123456789012",  # worked example
]

base_numbers = st.text(alphabet="0123456789", min_size=12, max_size=12)


@pytest.mark.parametrize("number", REAL_NUMBERS)
def test_real_numbers_are_valid(number):
    assert is_valid_corporate_number(number)


def test_check_digit_of_the_national_tax_agency():
    assert check_digit("000012050002") == 7


@pytest.mark.parametrize(
    "number",
    [
        "8000012050002",  # check digit off by one
        "7000012050003",  # last digit changed
        "7000021050002",  # two digits swapped
        "700001205000",  # 12 digits
        "70000120500020",  # 14 digits
        "",
        "700001205000A",
        "0000000000000",  # a check digit is never 0
    ],
)
def test_invalid_numbers_are_refused(number):
    assert not is_valid_corporate_number(number)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7000012050002", "7000012050002"),
        ("７００００１２０５０００２", "7000012050002"),
        ("7-0000-1205-0002", "7000012050002"),
        (" 7000 0120 50002 ", "7000012050002"),
        ("７　０００－０１２０－５０００２", "7000012050002"),
        ("7ー0000ー1205ー0002", "7000012050002"),
    ],
)
def test_normalize_strips_separators_and_full_width_digits(text, expected):
    assert normalize_corporate_number(text) == expected
    assert is_valid_corporate_number(text)


def test_non_ascii_digits_other_than_full_width_are_refused():
    # Python's int() accepts Arabic-Indic digits; a corporate number must not.
    assert not is_valid_corporate_number("٧000012050002")


@pytest.mark.parametrize("base", ["", "12345678901", "1234567890123", "12345678901a", "１２３"])
def test_check_digit_needs_twelve_ascii_digits(base):
    with pytest.raises(ValueError):
        check_digit(base)


@given(base_numbers)
def test_check_digit_completes_any_base_into_a_valid_number(base):
    digit = check_digit(base)
    assert 1 <= digit <= 9
    assert is_valid_corporate_number(f"{digit}{base}")


@given(base_numbers, st.integers(0, 11), st.integers(0, 9))
def test_a_single_changed_digit_is_caught_unless_it_swaps_0_and_9(base, index, new_digit):
    # Weights 1 and 2 modulo 9 miss only a change by ±9, i.e. 0 ↔ 9.
    old_digit = int(base[index])
    number = f"{check_digit(base)}{base}"
    changed = number[: index + 1] + str(new_digit) + number[index + 2 :]
    caught = not is_valid_corporate_number(changed)
    assert caught == (abs(new_digit - old_digit) not in (0, 9))
