"""Fractions in a constitution ("one third of the voting seats", "three quarters of the
year's meetings"): read from a setting, and said in words, in one place."""

from __future__ import annotations

from fractions import Fraction

_WORDS = {
    Fraction(1): "all",
    Fraction(1, 2): "one half",
    Fraction(1, 3): "one third",
    Fraction(2, 3): "two thirds",
    Fraction(1, 4): "one quarter",
    Fraction(3, 4): "three quarters",
    Fraction(7, 10): "seventy per cent",
}


def parse_fraction(value: str | Fraction | int) -> Fraction:
    """A fraction as a setting writes it ("1/3"); refused in words when it is not one."""
    if isinstance(value, Fraction | int) and not isinstance(value, bool):
        return Fraction(value)
    try:
        return Fraction(str(value).strip())
    except (ValueError, ZeroDivisionError) as error:
        raise ValueError(f"{value!r} is not a fraction: write it like 1/3") from error


def setting_text(fraction: Fraction) -> str:
    """The fraction as a setting stores it: "1/3"."""
    return f"{fraction.numerator}/{fraction.denominator}"


def fraction_words(fraction: Fraction) -> str:
    """ "one third"; a fraction without a name is written as figures, "5/8"."""
    return _WORDS.get(fraction, str(fraction))


def fraction_with_percent(fraction: Fraction) -> str:
    """ "one third (33%)", for the set-up screen where the clerk checks the figure."""
    return f"{fraction_words(fraction)} ({float(fraction):.0%})"
