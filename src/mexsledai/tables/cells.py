"""Reading spreadsheet cells: finding words, numbers, formula escapes.

Nothing here guesses. A finding cell is one of the listed words (in English,
Spanish, Portuguese and Indonesian, and the TRUE/FALSE words spreadsheet
programs write in those locales) or blank; a lab cell is a plain number with
the decimal mark the user chose. Anything else is an error that says what
would be valid. A number cell formatted as a percentage (`PercentCell`) is
read as the percentage it shows in a ``_percent`` column, and is an error
elsewhere.

Examples:
    >>> read_finding(" Sí ", decimal=".")
    True
    >>> read_finding("tidak", decimal=".")
    False
    >>> read_finding("", decimal=".") is None
    True
    >>> read_number("3,5", decimal=",")
    3.5
    >>> escape_formula("=HYPERLINK(1)"), escape_formula("-3.5")
    ("'=HYPERLINK(1)", '-3.5')
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

__all__ = [
    "FALSE_WORDS",
    "TRUE_WORDS",
    "CellError",
    "Decimal",
    "PercentCell",
    "UncachedFormula",
    "escape_formula",
    "is_blank",
    "needs_escape",
    "read_finding",
    "read_number",
    "text_of",
    "unescape_formula",
]

Decimal = Literal[".", ","]

TRUE_WORDS: Final = (
    "1", "1.0", "true", "yes", "y", "x", "present", "+",
    "sí", "si", "ya", "verdadero", "verdadeiro", "benar",
    "presente", "positivo", "positif", "ada", "sim",
)  # fmt: skip
FALSE_WORDS: Final = (
    "0", "0.0", "false", "no", "n", "absent", "-",
    "tidak", "falso", "salah",
    "ausente", "negativo", "negatif", "tidak ada", "não", "nao",
)  # fmt: skip
_DECIMAL_COMMA_WORDS: Final = {"1,0": True, "0,0": False}

# The contract's "plain number": what formula escaping leaves alone.
_PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?")
_NUMBER = {
    ".": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"),
    ",": re.compile(r"[+-]?([0-9]+(,[0-9]*)?|,[0-9]+)([eE][+-]?[0-9]+)?"),
}
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


class CellError(ValueError):
    """A cell that cannot be read; the message says what would be valid.

    Attributes:
        problem: the message without the cell's value, the same for every
            cell with this problem (for grouping them in a digest).
    """

    def __init__(self, message: str, problem: str | None = None) -> None:
        super().__init__(message)
        self.problem = problem or message


@dataclass(frozen=True)
class PercentCell:
    """A number cell formatted as a percentage: it stores the fraction, as
    spreadsheets do (30 % is stored as 0.3).

    Examples:
        >>> cell = PercentCell(0.299)
        >>> cell.percentage, str(cell)
        (29.9, '29.9%')
    """

    fraction: float

    @property
    def percentage(self) -> float:
        """The percentage shown, computed on the decimal text (no 29.900000000000002)."""
        from decimal import Decimal  # noqa: PLC0415  (spreadsheet percentages only)

        return float(Decimal(repr(float(self.fraction))) * 100)

    def __str__(self) -> str:
        return f"{text_of(self.percentage)}%"


@dataclass(frozen=True)
class UncachedFormula:
    """An xlsx formula cell saved without its computed value.

    Attributes:
        formula: the formula text, e.g. ``"=B2+C2"``.
    """

    formula: str

    def __str__(self) -> str:
        return self.formula


def _words(decimal: Decimal) -> dict[str, bool]:
    words = dict.fromkeys(TRUE_WORDS, True) | dict.fromkeys(FALSE_WORDS, False)
    if decimal == ",":
        words |= _DECIMAL_COMMA_WORDS
    return words


#: Finding words by decimal mark, compared after trimming, NFC and casefolding.
FINDING_WORDS: Final[dict[str, dict[str, bool]]] = {d: _words(d) for d in (".", ",")}


def needs_escape(text: str) -> bool:
    """Whether a text cell would be read as a formula by a spreadsheet program.

    Examples:
        >>> needs_escape("=1+1"), needs_escape("-"), needs_escape("-5"), needs_escape("x")
        (True, True, False, False)
    """
    return text.startswith(_FORMULA_STARTS) and _PLAIN_NUMBER.fullmatch(text) is None


def escape_formula(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would run it as a formula."""
    return "'" + text if needs_escape(text) else text


def unescape_formula(text: str) -> str:
    """Remove the ``'`` that `escape_formula` adds; any other ``'`` is kept.

    Examples:
        >>> unescape_formula("'-"), unescape_formula("'5"), unescape_formula("'-5")
        ('-', "'5", "'-5")
    """
    if text.startswith("'") and needs_escape(text[1:]):
        return text[1:]
    return text


def _normal(text: str) -> str:
    """Trimmed (non-breaking spaces too), NFC, case-folded, formula escape removed."""
    return unescape_formula(unicodedata.normalize("NFC", text.strip()).casefold())


def is_blank(value: object) -> bool:
    """A cell that records nothing: empty, white space only, or no value."""
    return value is None or (isinstance(value, str) and not value.strip())


def _kind(value: object) -> str:
    if isinstance(value, UncachedFormula):
        return (
            f"the formula {value.formula!r} has no saved value (open and save the "
            "file in a spreadsheet program, or paste the values)"
        )
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return "a date"
    if isinstance(value, PercentCell):
        return f"a percentage ({value})"
    return type(value).__name__


def read_finding(value: object, *, decimal: Decimal) -> bool | None:
    """A finding cell: ``True``, ``False``, or ``None`` when blank.

    Spreadsheet values are accepted too: booleans, and the numbers 1 and 0.

    Raises:
        CellError: for anything else, listing the valid words.
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return value == 1
    elif isinstance(value, str):
        found = FINDING_WORDS[decimal].get(_normal(value))
        if found is not None:
            return found
        if decimal == "." and _normal(value) in _DECIMAL_COMMA_WORDS:
            problem = "is not a finding value; with decimal commas use --decimal ,"
            msg = f"{value!r} {problem}"
            raise CellError(msg, problem)
    else:
        problem = f"{_kind(value)}: not a finding value"
        raise CellError(problem, problem.split(" (", 1)[0])
    problem = (
        "is not a finding value: write 1/0, yes/no, true/false, x, +/-, "
        "present/absent, sí/no, presente/ausente, positivo/negativo, sim/não, "
        "ya/tidak, ada/tidak ada, positif/negatif, benar/salah, "
        "verdadero/falso, or leave the cell blank (not recorded)"
    )
    msg = f"{value!r} {problem}"
    raise CellError(msg, problem)


def read_number(
    value: object, *, decimal: Decimal, percent: bool = False
) -> float | None:
    """A lab cell: a plain number with the chosen decimal mark, or ``None`` if blank.

    In a percentage column (``percent``), a cell formatted as a percentage
    reads as the percentage it shows, and text may end with ``%``.

    Examples:
        >>> read_number("30 %", decimal=".", percent=True)
        30.0
        >>> read_number(PercentCell(0.3), decimal=".", percent=True)
        30.0

    Raises:
        CellError: for text that is not a plain number (grouping separators,
            units, the other decimal mark), a boolean, a date, or a
            percentage outside a percentage column.
    """
    if type(value) is str:
        # The commonest cell first: ASCII digits with at most one decimal
        # mark ("3422", "12.2"), which the pattern below reads alike, at a
        # quarter of its cost.
        digits = value.replace(decimal, "", 1)
        if digits.isascii() and digits.isdigit():
            return float(value if decimal == "." else value.replace(decimal, ".", 1))
    if is_blank(value):
        return None
    if isinstance(value, PercentCell):
        if percent:
            return value.percentage
        problem = (
            "is formatted as a percentage, but this column is not a percentage: "
            "write the number in the column's unit"
        )
        msg = f"{str(value)!r} {problem}"
        raise CellError(msg, problem)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        problem = f"{_kind(value)}: not a number"
        raise CellError(problem, problem)
    if not isinstance(value, str):
        return float(value)
    text = unescape_formula(value.strip())
    if percent and text.endswith("%"):
        text = text[:-1].rstrip()
    if _NUMBER[decimal].fullmatch(text):
        return float(text.replace(",", "."))
    if decimal == "." and _NUMBER[","].fullmatch(text):
        problem = "has a decimal comma: pass --decimal , (no guessing)"
    elif decimal == "," and "." in text:
        problem = (
            "has a dot, which is not a decimal mark under --decimal , "
            "(there 4.000 means four thousand): write the number without grouping"
        )
    else:
        problem = (
            f"is not a number: write digits with {decimal!r} as the decimal "
            "mark, no units and no thousands separators"
        )
    msg = f"{value!r} {problem}"
    raise CellError(msg, problem)


def text_of(value: object) -> str:
    """A spreadsheet value as text output writes it.

    Dates in ISO 8601, numbers in their shortest form, booleans TRUE/FALSE.

    Examples:
        >>> text_of(4000.0), text_of(3.5), text_of(True), text_of(None)
        ('4000', '3.5', 'TRUE', '')
        >>> text_of(dt.datetime(2025, 3, 1)), text_of(dt.datetime(2025, 3, 1, 8, 30))
        ('2025-03-01', '2025-03-01T08:30:00')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, PercentCell):
        return str(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)  # UncachedFormula: its formula text
