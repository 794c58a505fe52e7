"""The row loop: a per-column plan compiled once from the header, applied to
every row.

Every row gives a `RowResult`, whatever it holds: a score, an error naming
row, column and value, or "empty" for a row whose cells are all blank. No row
is dropped.

Examples:
    >>> scorer = TableScorer(["patient", "seizures", "arthritis", "leukocytes_per_mm3"])
    >>> result = scorer.score_row(["P01", "x", "no", "3200"], row=2)
    >>> result.status, result.score.total
    ('scored', 9)
    >>> scorer.score_row(["P02", "maybe", "", ""], row=3).message
    "row 3, column B 'seizures': 'maybe' is not a finding value: write 1/0, \
yes/no, true/false, x, +/-, present/absent, sí/no, presente/ausente, \
positivo/negativo, sim/não, ya/tidak, ada/tidak ada, positif/negatif, \
benar/salah, verdadero/falso, or leave the cell blank (not recorded)"
"""

from __future__ import annotations

import importlib
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Final, Literal

from .._bands import BUILT_IN_BANDS, DEFAULT_SCHEME, level_table, unknown_scheme
from ..labs import (
    LAB_UNIT_BY_KEY,
    check_lab_value,
    derived_keys,
    describe_derived,
    format_number,
)
from ..registry import DESCRIPTOR_KEYS, FINDING_KEYS, MAX_TOTAL
from .cells import (
    FINDING_WORDS,
    CellError,
    Decimal,
    is_blank,
    read_finding,
    read_number,
    text_of,
)
from .headers import HeaderPlan, TableError, match_header

if TYPE_CHECKING:
    from ..schemes import CategoryScheme
    from ..scoring import Score, Unrecorded

__all__ = [
    "EXPLAIN_COLUMNS",
    "EXPLAIN_DESCRIPTORS",
    "MESSAGE_SEPARATOR",
    "RowResult",
    "RowStatus",
    "TableScorer",
    "score_rows",
    "splice_messages",
]

#: The ``--explain`` columns: the descriptors' points in registry order.
EXPLAIN_DESCRIPTORS: tuple[str, ...] = tuple(
    f"mexsledai_{key}" for key in DESCRIPTOR_KEYS
)
#: Every ``--explain`` column, after ``mexsledai_derived``.
EXPLAIN_COLUMNS: tuple[str, ...] = (
    *EXPLAIN_DESCRIPTORS,
    "mexsledai_scheme",
    "mexsledai_unrecorded",
    "mexsledai_version",
)

RowStatus = Literal["scored", "incomplete", "error", "empty"]
#: Between the warnings (or errors) of one row's message.
MESSAGE_SEPARATOR: Final = "; "

_FINDING_INDEX: Final = {key: index for index, key in enumerate(FINDING_KEYS)}
_BEFORE_MESSAGE: Final = itemgetter(slice(None, 5))
_DERIVED: Final = itemgetter(-1)


def splice_messages(
    appended: list[tuple[int | str, ...]], warned: list[int], messages: list[str]
) -> None:
    """Put each message into the appended values of its row (at
    ``warned``, as `RowResult.appended` orders them), in place of an empty
    message, at C speed."""
    shared = list(map(appended.__getitem__, warned))
    spliced = map(
        tuple.__add__,
        map(_BEFORE_MESSAGE, shared),
        zip(messages, map(_DERIVED, shared), strict=True),
    )
    deque(map(appended.__setitem__, warned, spliced), maxlen=0)


def _schemes() -> Any:
    """`mexsledai.schemes`, imported when first needed (it builds models)."""
    return importlib.import_module("mexsledai.schemes")


def _scoring() -> Any:
    """`mexsledai.scoring`, imported when first needed (it builds models)."""
    return importlib.import_module("mexsledai.scoring")


_MISSING: Final = object()


@dataclass(frozen=True)
class RowResult:
    """One row of a table, scored or explained.

    Attributes:
        row: the row number as a spreadsheet shows it (the header is row 1).
        status: ``"scored"`` (complete), ``"incomplete"`` (a range),
            ``"error"`` (see ``message``) or ``"empty"`` (every cell blank).
        score: the `Score`, or ``None`` for an error or an empty row.
        message: the error, or the score's warnings joined by ``"; "``.
        cells: the row's cells as read, padded with ``None`` to the header's
            width (a long row keeps its extra cells at the end).
        blank_counted_absent: finding cells of this row that were blank and
            counted absent by the ``"absent"`` policy.
        problems: for a row in error, each problem as (where, what, the
            value): the column and the message without row and value, so
            that rows with the same problem can be counted together.
        derived: the findings a lab value made present, with the values
            (``mexsledai_derived``); empty when none or in error.
    """

    row: int
    status: RowStatus
    score: Score | None
    message: str
    cells: tuple[object, ...]
    blank_counted_absent: int = 0
    problems: tuple[tuple[str, str, str], ...] = ()
    derived: str = ""

    def appended(self) -> tuple[int | str, ...]:
        """The values of the seven ``mexsledai_*`` columns for this row."""
        result = self.score
        if result is None:
            status = "" if self.status == "empty" else self.status
            return ("", "", "", "", status, self.message, "")
        return (
            "" if result.total is None else result.total,
            result.minimum,
            result.maximum,
            "" if result.category is None else result.category.value,
            self.status,
            self.message,
            self.derived,
        )

    def explained(
        self, scheme: str, unrecorded: str, version: str
    ) -> tuple[int | str, ...]:
        """The ``--explain`` columns: each descriptor's points (empty when
        unknown or in error), then the scheme, the policy and the version
        (empty only on a blank row)."""
        if self.status == "empty":
            return ("",) * (len(EXPLAIN_DESCRIPTORS) + 3)
        points: tuple[int | str, ...] = (
            tuple(
                "" if d.status == "unknown" else d.points
                for d in self.score.descriptors
            )
            if self.score is not None
            else ("",) * len(EXPLAIN_DESCRIPTORS)
        )
        return (*points, scheme, unrecorded, version)


def _fast_words(decimal: Decimal) -> dict[object, bool | None]:
    """Cell values read without normalising: the words as usually typed."""
    words: dict[object, bool | None] = {"": None, None: None, True: True, False: False}
    for word, value in FINDING_WORDS[decimal].items():
        for form in (word, word.upper(), word.capitalize()):
            words[form] = value
    return words


class TableScorer:
    """Scores the rows of one table, given its header.

    Args:
        header: the header cells.
        decimal: the decimal mark of number cells, ``"."`` or ``","``.
        unrecorded: ``"absent"`` or ``"unknown"``, as for `mexsledai.score`.
        scheme: a scheme name or a `CategoryScheme`.
        ignore_columns: headers to pass through even if they look like keys.
        columns: the user's map of header text to key (``None`` or ``""``:
            pass through), as ``--columns``.

    Raises:
        HeaderError: the header cannot be read safely.
        ValueError: a bad ``decimal``, ``unrecorded`` or ``scheme``.
    """

    def __init__(
        self,
        header: Sequence[object],
        *,
        decimal: Decimal = ".",
        unrecorded: Unrecorded = "absent",
        scheme: str | CategoryScheme = DEFAULT_SCHEME,
        ignore_columns: Iterable[str] = (),
        columns: Mapping[str, str | None] | None = None,
    ) -> None:
        if decimal not in (".", ","):
            msg = f"decimal must be '.' or ',', got {decimal!r}"
            raise ValueError(msg)
        if unrecorded not in ("absent", "unknown"):
            msg = f"unrecorded must be 'absent' or 'unknown', got {unrecorded!r}"
            raise ValueError(msg)
        # The scheme's models are built only when a row needs a full `Score`:
        # scoring a file reads the level of each total from plain tables.
        self._scheme_given = scheme
        self._scheme: CategoryScheme | None = None
        if isinstance(scheme, str):
            if scheme not in BUILT_IN_BANDS:
                raise unknown_scheme(scheme)
            self.scheme_name: str = scheme
            #: The level (its text) of every total from 0 to 32.
            self.levels: tuple[str, ...] = level_table(BUILT_IN_BANDS[scheme])
            #: The scheme's levels, in increasing order.
            self.level_names: tuple[str, ...] = tuple(
                level for _, _, level in BUILT_IN_BANDS[scheme]
            )
        else:
            self._scheme = _schemes().resolve_scheme(scheme)
            self.scheme_name = self._scheme.name
            self.levels = tuple(
                self._scheme.level_of(total).value for total in range(MAX_TOTAL + 1)
            )
            self.level_names = tuple(band.level.value for band in self._scheme.bands)
        self.decimal: Decimal = decimal
        self.unrecorded: Unrecorded = unrecorded
        self.plan: HeaderPlan = match_header(
            header, ignore_columns=ignore_columns, columns=columns
        )
        self.width = len(self.plan.header)
        self._findings = tuple(
            (column, _FINDING_INDEX[key]) for column, key in self.plan.findings
        )
        self._finding_columns = frozenset(key for _, key in self.plan.findings)
        self._labs = tuple(
            (column, key, LAB_UNIT_BY_KEY[key].quantity, key.endswith("_percent"))
            for column, key in self.plan.labs
        )
        #: Finding cells as usually typed, read without normalising.
        self.words = _fast_words(decimal)

    @property
    def scheme(self) -> CategoryScheme:
        """The category scheme, as a `CategoryScheme`."""
        if self._scheme is None:
            self._scheme = _schemes().resolve_scheme(self._scheme_given)
        return self._scheme

    def score_row(self, cells: Sequence[object], row: int) -> RowResult:
        """Score one row; never raises for what the row holds."""
        width = self.width
        if len(cells) < width:
            cells = (*cells, *(None,) * (width - len(cells)))
        values: list[bool | None] = [None] * len(FINDING_KEYS)
        errors: list[tuple[str, str, str, object]] = []  # where, message, what, value
        recorded = False
        words = self.words
        name = self.plan.name
        for column, index in self._findings:
            cell = cells[column]
            try:
                value = words.get(cell, _MISSING)
            except TypeError:  # an unhashable cell value
                value = _MISSING
            if value is _MISSING:
                try:
                    value = read_finding(cell, decimal=self.decimal)
                except CellError as error:
                    errors.append((name(column), str(error), error.problem, cell))
                    continue
            if value is not None:
                values[index] = value is True
                recorded = True
        labs: dict[str, float] = {}
        quantities: dict[str, int] = {}
        for column, key, quantity, percent in self._labs:
            cell = cells[column]
            if cell is None or cell == "":
                continue
            try:
                number = read_number(cell, decimal=self.decimal, percent=percent)
            except CellError as error:
                errors.append((name(column), str(error), error.problem, cell))
                continue
            if number is None:
                continue
            checked, problem = check_lab_value(key, number)
            if problem is not None:
                unit = LAB_UNIT_BY_KEY[key]
                what = (
                    f"must be between {format_number(unit.low)} and "
                    f"{format_number(unit.high)} ({unit.unit})"
                )
                if problem.suggestion:
                    what += f"; such values fit {problem.suggestion}"
                errors.append((name(column), problem.message, what, cell))
                continue
            if quantity in quantities:
                message = (
                    f"{quantity} is also given in {name(quantities[quantity])}: "
                    "give one value per quantity"
                )
                errors.append((name(column), message, message, cell))
                continue
            quantities[quantity] = column
            labs[key] = checked  # type: ignore[assignment]
        extra = cells[width:]
        if extra:
            what = "has more cells than the header: the extra cells are kept after the mexsledai columns"
            errors.insert(
                0,
                (
                    "row",
                    (
                        f"row {row} has {len(cells)} cells but the header has "
                        f"{width}: the extra cells are kept after the mexsledai columns"
                    ),
                    what,
                    "",
                ),
            )
        cells = tuple(cells)
        if errors:
            message = MESSAGE_SEPARATOR.join(
                text if where == "row" else f"row {row}, {where}: {text}"
                for where, text, _, _ in errors
            )
            problems = tuple(
                (where, what, text_of(value)) for where, _, what, value in errors
            )
            return RowResult(row, "error", None, message, cells, problems=problems)
        if not recorded and not labs:
            if all(is_blank(cell) for cell in cells):
                return RowResult(row, "empty", None, "", cells)
            message = f"row {row}: no MEX-SLEDAI finding or lab value recorded"
            problems = (("row", "no MEX-SLEDAI finding or lab value recorded", ""),)
            return RowResult(row, "error", None, message, cells, problems=problems)
        result = _scoring()._score(values, labs, self.unrecorded, self.scheme)
        derived = ""
        if result.derived:
            found = derived_keys(result.derived, result.labs)
            derived = describe_derived(found, result.labs)
        blank = 0
        if result.assumed_absent:
            blank = sum(
                1 for key in result.assumed_absent if key in self._finding_columns
            )
        status: RowStatus = "scored" if result.complete else "incomplete"
        message = MESSAGE_SEPARATOR.join(result.warnings)
        return RowResult(row, status, result, message, cells, blank, derived=derived)


def score_rows(
    rows: Iterable[Sequence[object]],
    *,
    decimal: Decimal = ".",
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = DEFAULT_SCHEME,
    ignore_columns: Iterable[str] = (),
    columns: Mapping[str, str | None] | None = None,
) -> Iterator[RowResult]:
    """Score an in-memory table whose first row is the header.

    Cells are read as the spreadsheet command reads them: finding words,
    numbers with the chosen decimal mark, blanks as not recorded. Headers
    follow the command's rules (aliases, names with units, ``columns``).

    Examples:
        >>> table = [["id", "fatigue", "temperature_c"], ["A", "ya", "38,6"]]
        >>> [r.score.total for r in score_rows(table, decimal=",")]
        [1]

    Raises:
        HeaderError: the header cannot be read safely (raised by this call,
            before any row is read).
        TableError: the table has no header row.
    """
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        msg = "the table is empty: no header row"
        raise TableError(msg)
    scorer = TableScorer(
        header,
        decimal=decimal,
        unrecorded=unrecorded,
        scheme=scheme,
        ignore_columns=ignore_columns,
        columns=columns,
    )
    return (scorer.score_row(cells, number) for number, cells in enumerate(iterator, 2))
