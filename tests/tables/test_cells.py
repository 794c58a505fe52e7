"""Reading cells: every listed spelling, nothing guessed."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mexsledai.tables.cells import (
    CellError,
    UncachedFormula,
    escape_formula,
    needs_escape,
    read_finding,
    read_number,
    text_of,
    unescape_formula,
)

# The contract's spellings, written out here independently of the code.
TRUE = ["1", "1.0", "true", "yes", "y", "x", "present", "+", "sí", "si", "ya",
        "verdadero", "verdadeiro", "benar"]  # fmt: skip
FALSE = ["0", "0.0", "false", "no", "n", "absent", "-", "tidak", "falso", "salah"]


class TestFindingWords:
    """Every listed word, in any case, trimmed; blank is not recorded."""

    @pytest.mark.parametrize("word", TRUE)
    @pytest.mark.parametrize(
        "form", [str.lower, str.upper, str.title, lambda w: f" {w}\xa0"]
    )
    def test_true(self, word: str, form: object) -> None:
        assert read_finding(form(word), decimal=".") is True  # type: ignore[operator]

    @pytest.mark.parametrize("word", FALSE)
    @pytest.mark.parametrize(
        "form", [str.lower, str.upper, str.title, lambda w: f"\t{w} "]
    )
    def test_false(self, word: str, form: object) -> None:
        assert read_finding(form(word), decimal=".") is False  # type: ignore[operator]

    def test_decomposed_accent(self) -> None:
        assert read_finding(unicodedata.normalize("NFD", "Sí"), decimal=".") is True

    @pytest.mark.parametrize("blank", ["", "   ", "\xa0", None])
    def test_blank_is_not_recorded(self, blank: object) -> None:
        assert read_finding(blank, decimal=".") is None

    def test_decimal_comma_words(self) -> None:
        assert read_finding("1,0", decimal=",") is True
        assert read_finding("0,0", decimal=",") is False
        with pytest.raises(CellError, match="--decimal ,"):
            read_finding("1,0", decimal=".")

    def test_escaped_dash_reads_as_false(self) -> None:
        assert read_finding("'-", decimal=".") is False
        assert read_finding("'+", decimal=".") is True

    @pytest.mark.parametrize(
        "cell",
        [
            "maybe",
            "2",
            "yes?",
            "s",
            "tru",
            "'1",
            "nein",
            "positive",
            "1.00",
            "oui",
            "0.5",
        ],
    )
    def test_anything_else_is_an_error(self, cell: str) -> None:
        with pytest.raises(CellError) as caught:
            read_finding(cell, decimal=".")
        assert repr(cell) in str(caught.value)
        assert "leave the cell blank" in str(caught.value)

    @pytest.mark.parametrize(("value", "expected"), [(True, True), (False, False), (1, True),
                                                     (0, False), (1.0, True), (0.0, False)])  # fmt: skip
    def test_spreadsheet_values(self, value: object, expected: bool) -> None:
        assert read_finding(value, decimal=".") is expected

    @pytest.mark.parametrize(
        "value", [2, 0.5, -1, dt.datetime(2025, 1, 1), UncachedFormula("=A1")]
    )
    def test_spreadsheet_values_rejected(self, value: object) -> None:
        with pytest.raises(CellError):
            read_finding(value, decimal=".")


class TestNumbers:
    """A plain number with the chosen decimal mark; no grouping, no units."""

    @pytest.mark.parametrize(
        ("cell", "decimal", "expected"),
        [
            ("3200", ".", 3200.0),
            (" 3.5 ", ".", 3.5),
            ("3,5", ",", 3.5),
            (".5", ".", 0.5),
            (",5", ",", 0.5),
            ("4.", ".", 4.0),
            ("1e3", ".", 1000.0),
            ("1,2E-1", ",", 0.12),
            ("+38", ".", 38.0),
            ("-5", ".", -5.0),  # read; the plausible range rejects it later
            ("'-5", ".", None),  # an apostrophe before a plain number stays: error
        ],
    )
    def test_text(self, cell: str, decimal: str, expected: float | None) -> None:
        if expected is None:
            with pytest.raises(CellError):
                read_number(cell, decimal=decimal)  # type: ignore[arg-type]
        else:
            assert read_number(cell, decimal=decimal) == expected  # type: ignore[arg-type]

    @given(
        st.text(alphabet="0123456789.,\u0663", max_size=6),
        st.sampled_from([".", ","]),
    )
    def test_digits_and_marks_as_the_contract_reads_them(
        self, cell: str, decimal: str
    ) -> None:
        """CONTRACT: a plain number, the chosen decimal mark only, ASCII
        digits; anything else here is an error, nothing blank."""
        mark = re.escape(decimal)
        plain = re.fullmatch(f"[0-9]+({mark}[0-9]*)?|{mark}[0-9]+", cell)
        if not cell:
            assert read_number(cell, decimal=decimal) is None  # type: ignore[arg-type]
        elif plain:
            expected = float(cell.replace(decimal, "."))
            assert read_number(cell, decimal=decimal) == expected  # type: ignore[arg-type]
        else:
            with pytest.raises(CellError):
                read_number(cell, decimal=decimal)  # type: ignore[arg-type]

    def test_comma_without_option_suggests_it(self) -> None:
        with pytest.raises(CellError, match="pass --decimal ,"):
            read_number("3,5", decimal=".")

    @pytest.mark.parametrize("cell", ["4.000", "3.5", "1.200,5"])
    def test_dot_under_decimal_comma(self, cell: str) -> None:
        with pytest.raises(CellError, match="four thousand"):
            read_number(cell, decimal=",")

    @pytest.mark.parametrize(
        "cell",
        [
            "1,200.5",
            "3 200",
            "3200/mm3",
            "38.5 C",
            "nan",
            "inf",
            "abc",
            "٣",
            "1e",
            "--5",
        ],
    )
    def test_not_numbers(self, cell: str) -> None:
        with pytest.raises(CellError):
            read_number(cell, decimal=".")

    @pytest.mark.parametrize("blank", ["", " ", None])
    def test_blank(self, blank: object) -> None:
        assert read_number(blank, decimal=".") is None

    def test_spreadsheet_numbers(self) -> None:
        assert read_number(3200, decimal=".") == 3200.0
        assert read_number(3.5, decimal=",") == 3.5
        for bad in (True, dt.date(2025, 1, 1), UncachedFormula("=B2*2")):
            with pytest.raises(CellError):
                read_number(bad, decimal=".")

    def test_uncached_formula_message(self) -> None:
        with pytest.raises(CellError, match="no saved value"):
            read_number(UncachedFormula("=B2*2"), decimal=".")


class TestFormulaEscaping:
    """Text that a spreadsheet would run gets a leading ', and only that text."""

    @pytest.mark.parametrize(
        ("text", "escaped"),
        [
            ("=SUM(A1:A3)", True),
            ("+", True),
            ("-", True),
            ("@cmd", True),
            ("\tx", True),
            ("\rx", True),
            ("-5", False),
            ("+3.5", False),
            ("-3,5", False),
            ("-.5e3", False),
            ("-5 mg", True),
            ("x=1", False),
            ("'=x", False),
            ("", False),
        ],
    )
    def test_needs_escape(self, text: str, escaped: bool) -> None:
        assert needs_escape(text) is escaped
        assert escape_formula(text) == ("'" + text if escaped else text)

    @given(st.text())
    def test_unescape_inverts_escape(self, text: str) -> None:
        # A text that is itself an escape ("'=") reads as what it escapes
        # (CONTRACT, "Cells"): the one text that does not come back.
        assume(not (text.startswith("'") and needs_escape(text[1:])))
        assert unescape_formula(escape_formula(text)) == text

    def test_an_escape_reads_as_what_it_escapes_and_is_written_unchanged(
        self,
    ) -> None:
        assert unescape_formula("'=") == "="
        assert escape_formula("'=") == "'="  # a cell written out as it is
        assert unescape_formula(escape_formula("=")) == "="

    @given(st.text())
    def test_escape_is_idempotent(self, text: str) -> None:
        once = escape_formula(text)
        assert escape_formula(once) == once


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("x", "x"),
        (True, "TRUE"),
        (False, "FALSE"),
        (3, "3"),
        (4000.0, "4000"),
        (0.1, "0.1"),
        (1e-7, "1e-07"),
        (dt.datetime(2025, 3, 1), "2025-03-01"),
        (dt.datetime(2025, 3, 1, 8, 5), "2025-03-01T08:05:00"),
        (dt.date(2025, 3, 1), "2025-03-01"),
        (dt.time(8, 5), "08:05:00"),
        (UncachedFormula("=A1"), "=A1"),
    ],
)
def test_text_of(value: object, text: str) -> None:
    assert text_of(value) == text
