"""Japanese corporate numbers (法人番号): 13 digits, the first of them a check digit.

The check digit is defined by 財務省令第七十号 (法人番号の指定等に関する省令) 第二条:
    check = 9 − (Σ_{n=1..12} P_n × Q_n  mod 9)
where P_n is the n-th digit of the 12-digit base number counted from its rightmost digit,
and Q_n is 1 for odd n and 2 for even n. The result is always 1..9, so a corporate number
never starts with 0.
"""

import re

BASE_LENGTH = 12
NUMBER_LENGTH = BASE_LENGTH + 1

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# Spaces of any width, and the dashes people type between digit groups; the katakana long
# vowel mark (ー) is included because Japanese IMEs produce it where a hyphen was meant.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—−－ー]")
_ASCII_DIGITS = re.compile(r"[0-9]+")


def normalize_corporate_number(text: str) -> str:
    """Return the text with separators removed and full-width digits made ASCII.

    The result is not validated: pass it to `is_valid_corporate_number` for that.
    """
    return _SEPARATORS.sub("", text.translate(_FULL_WIDTH_DIGITS))


def check_digit(base12: str) -> int:
    """Return the check digit (1..9) of a 12-digit base number (会社法人等番号 and others)."""
    if len(base12) != BASE_LENGTH or not _ASCII_DIGITS.fullmatch(base12):
        raise ValueError(f"a base number is {BASE_LENGTH} ASCII digits, got {base12!r}")
    weighted_sum = sum(
        int(digit) * (1 if position % 2 else 2)
        for position, digit in enumerate(reversed(base12), start=1)
    )
    return 9 - weighted_sum % 9


def is_valid_corporate_number(text: str) -> bool:
    """True when the text, once normalized, is 13 digits whose first digit checks the rest."""
    number = normalize_corporate_number(text)
    if len(number) != NUMBER_LENGTH or not _ASCII_DIGITS.fullmatch(number):
        return False
    return int(number[0]) == check_digit(number[1:])
