"""The vectorised engine: the appended columns of ``mexsledai score`` for
whole columns at once, with numpy.

numpy is what pandas, polars and Arrow all hand their columns to without a
copy (numbers) or as Python objects (text), so one engine serves every
front-end. It reads the registry and the lab rules (`mexsledai.labs`): no
weight, threshold or word is written here. Cells are read as the spreadsheet
layer reads them: numbers and booleans as they are, text through the same
cell readers, and None, NaN, NA and NaT as blank.

The engine decides the common row itself: findings recorded, lab values
plausible, derivations decided without a word to say. Every other row (a
cell to explain, a warning, a lymphocyte percentage, one quantity in two
units, nothing recorded) is handed to the exact path,
`TableScorer.score_row`, so there is never a second answer for a row. The
tests hold the engine equal to the exact path on generated frames.

Examples:
    >>> import numpy as np
    >>> result = score_columns(
    ...     ["seizures", "leukocytes_per_mm3"],
    ...     [np.array([1.0, np.nan]), np.array([3200.0, 5000.0])],
    ... )
    >>> result["mexsledai_score"].tolist()
    [9, 0]
    >>> result["mexsledai_derived"][0]
    'leukopenia (leukocytes_per_mm3 = 3200)'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._bands import DEFAULT_SCHEME
from .._flat import is_missing
from .._version import __version__
from ..labs import (
    DERIVED_SEPARATOR,
    LAB_RULES,
    LAB_UNIT_BY_KEY,
    LOW_LYMPHOCYTE_COUNT,
    PERCENT_KEY,
    QUANTITY_BY_NAME,
    describe_derived,
)
from ..registry import DESCRIPTORS
from ..tables.cells import CellError, Decimal, is_blank, read_finding, read_number
from ..tables.headers import OUTPUT_COLUMNS
from ..tables.rows import EXPLAIN_DESCRIPTORS, TableScorer

if TYPE_CHECKING:
    from ..schemes import CategoryScheme
    from ..scoring import Unrecorded

__all__ = [
    "INTEGER_COLUMNS",
    "IntColumn",
    "LazyColumn",
    "NullableColumn",
    "TextColumn",
    "ValidityBits",
    "numpy_module",
    "score_columns",
]

#: The appended columns that hold whole numbers (nullable).
INTEGER_COLUMNS: frozenset[str] = frozenset({*OUTPUT_COLUMNS[:3], *EXPLAIN_DESCRIPTORS})
_BLANK, _ABSENT, _PRESENT, _BAD = -1, 0, 1, 2


@dataclass(frozen=True)
class IntColumn:
    """A column of whole numbers that may be missing, as numpy arrays.

    Attributes:
        values: the numbers (``int64``; 0 where missing).
        mask: ``True`` where the value is missing.
    """

    values: Any
    mask: Any

    def tolist(self) -> list[int | None]:
        """The values as Python ints, ``None`` where missing."""
        return [
            None if m else int(v) for v, m in zip(self.values, self.mask, strict=True)
        ]


@dataclass(frozen=True)
class TextColumn:
    """A column of text, dictionary-encoded: row ``i`` holds
    ``labels[codes[i]]``.

    Most appended text takes a handful of values (a level, a status, an
    empty message), so the engine writes codes, and each front-end builds
    its text column by one ``take`` from the labels: on a million rows this
    is several times faster than converting a million Python strings.

    Attributes:
        codes: the label of each row (``int64``).
        labels: the distinct texts.
    """

    codes: Any
    labels: list[str]
    _index: dict[str, int] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __getitem__(self, at: int) -> str:
        return self.labels[int(self.codes[at])]

    def tolist(self) -> list[str]:
        """The texts, row by row."""
        labels = self.labels
        return [labels[code] for code in self.codes.tolist()]

    def set(self, at: int, text: str) -> None:
        """Write ``text`` in row ``at`` (the exact path's rows)."""
        index = self._index
        if not index:  # built at the first write, after the labels are final
            for position, label in enumerate(self.labels):
                index.setdefault(label, position)
        if text not in index:
            index[text] = len(self.labels)
            self.labels.append(text)
        self.codes[at] = index[text]


@dataclass(frozen=True)
class ValidityBits:
    """Arrow's validity bitmap as it lies: bit ``offset + i`` (least
    significant first) is set where cell ``i`` is valid.

    Kept packed, a million cells' nulls hold 125 KB; the engine unpacks them
    only while it reads the column. Thirty unpacked masks held at once took
    7 ms to fault their memory in, against 1.6 ms to unpack them one by one.

    Attributes:
        bits: the bitmap (numpy ``uint8``).
        offset: the first cell's bit.
        length: the number of cells.
    """

    bits: Any
    offset: int
    length: int

    def nulls(self, np: Any) -> Any:
        """True where the cell is null (numpy bool, one per cell)."""
        # Inverted while packed (eight cells a byte), the bitmap unpacks to
        # the null mask.
        unpacked = np.unpackbits(
            ~self.bits, count=self.offset + self.length, bitorder="little"
        )
        return unpacked[self.offset :].view(bool)

    def nulls_at(self, np: Any, rows: Any) -> Any:
        """True where the cell of each of ``rows`` (numpy positions) is null."""
        at = rows + self.offset
        return ((self.bits[at >> 3] >> (at & 7).astype(np.uint8)) & 1) == 0


@dataclass(frozen=True)
class NullableColumn:
    """A column of numbers with its null cells, as Arrow (and polars) hold
    them: the engine reads a null as blank, whatever number lies under it,
    so no copy is made to fill the nulls first.

    Attributes:
        values: the numbers (a numpy integer or float array).
        nulls: True where the cell is null: a numpy bool array as long, or
            the column's `ValidityBits`.
    """

    values: Any
    nulls: Any

    def null_mask(self, np: Any) -> Any:
        """The nulls as a numpy bool array."""
        nulls = self.nulls
        return nulls.nulls(np) if isinstance(nulls, ValidityBits) else nulls

    def nulls_at(self, np: Any, rows: Any) -> Any:
        """The null mask of some rows (numpy positions)."""
        nulls = self.nulls
        if isinstance(nulls, ValidityBits):
            return nulls.nulls_at(np, rows)
        return nulls[rows]


@dataclass(frozen=True)
class LazyColumn:
    """A column given as the way to read it. The engine reads the columns of
    findings and labs; the others (identifiers, notes) it never reads, so
    they are never converted (a million-row string column took about 60 ms
    to become numpy objects).

    Attributes:
        read: gives the column as `score_columns` takes one (an array-like
            or a `NullableColumn`).
        take: gives the cells of some rows (positions from 0) as a list; a
            row the exact path scores needs them to tell an empty row.
        length: its number of rows.
    """

    read: Callable[[], Any]
    take: Callable[[list[int]], list[Any]]
    length: int


def _constant(np: Any, count: int, text: str) -> TextColumn:
    return TextColumn(np.zeros(count, dtype=np.int64), [text])


def numpy_module() -> Any:
    """numpy, or an ImportError that says how to install it."""
    try:
        import numpy  # noqa: PLC0415, ICN001  (comes with every frame library)
    except ImportError:  # pragma: no cover - pandas, polars and pyarrow need it
        msg = "scoring frames needs numpy: pip install numpy"
        raise ImportError(msg) from None
    return numpy


def _nulls(np: Any, column: NullableColumn | None) -> Any:
    return None if column is None else column.null_mask(np)


def _finding_codes(
    np: Any, values: Any, nulls: Any, scorer: TableScorer
) -> tuple[Any, Any]:
    """A finding column as codes (1 present, 0 absent, -1 blank, 2 a cell the
    exact path must explain), and the mask of the cells to explain, or None
    if there is none. ``nulls``: None, or the mask of null cells (of
    numbers)."""
    kind = values.dtype.kind
    if kind == "b":
        return values.astype(np.int8), None
    if kind in "iuf":
        # Arithmetic on masks: one pass each, no masked assignment (15 times
        # faster than filling by masks on a million rows).
        present = values == 1
        if nulls is None:
            known = values == 0  # absent, then any value read
            blank = values != values  # NaN  # noqa: PLR0124
        else:  # whatever number lies under a null
            np.greater(present, nulls, out=present)  # and not null
            known = values == 0
            known |= nulls
            # The 1s and the 0s-or-nulls are disjoint; if they add up to
            # every cell, each cell that is not null holds 0 or 1 (no NaN, as
            # in most Arrow data): the nulls are the blanks, with no pass
            # for NaN.
            if np.count_nonzero(present) + np.count_nonzero(known) == len(values):
                return present.view(np.int8) - nulls.view(np.int8), None
            blank = values != values  # noqa: PLR0124
            blank |= nulls
        known |= present
        known |= blank
        codes = present.view(np.int8) - blank.view(np.int8)
        if known.all():
            return codes, None
        to_explain = ~known
        codes[to_explain] = _BAD
        return codes, to_explain
    words, decimal = scorer.words, scorer.decimal
    seen: dict[object, int] = {}

    def code(cell: object) -> int:
        try:
            found = seen.get(cell)
        except TypeError:  # unhashable: the exact path explains it
            return _BAD
        if found is not None:
            return found
        if is_missing(cell) or is_blank(cell):
            found = _BLANK
        else:
            value = words.get(cell, _BAD) if type(cell) is str else _BAD
            if value is _BAD or value is None:
                try:
                    value = read_finding(cell, decimal=decimal)
                except CellError:
                    value = _BAD
            found = _BAD if value is _BAD else _BLANK if value is None else int(value)
        seen[cell] = found
        return found

    codes = np.fromiter(map(code, values), dtype=np.int8, count=len(values))
    to_explain = codes == _BAD
    return codes, (to_explain if to_explain.any() else None)


def _lab_numbers(
    np: Any, values: Any, nulls: Any, key: str, scorer: TableScorer
) -> tuple[Any, Any, Any]:
    """A lab column as numbers, a mask of its blank cells, and a mask of the
    cells the exact path must explain (not a number, implausible, a
    boolean). Under a blank cell the number may be anything (NaN, or what
    lies under a null): read it only where the cell is not blank. ``nulls``:
    None, or the mask of null cells (of numbers)."""
    unit = LAB_UNIT_BY_KEY[key]
    kind = values.dtype.kind
    if kind == "b":
        numbers = np.full(len(values), np.nan)
        return (
            numbers,
            np.ones(len(values), dtype=bool),
            np.ones(len(values), dtype=bool),
        )
    if kind in "iuf":
        # Read as they lie (no copy of float64): nothing writes to them.
        numbers = values.astype(np.float64, copy=False)
    else:
        percent = key.endswith("_percent")
        seen: dict[object, float] = {}

        def number(cell: object) -> float:
            # Before the cache: True == 1 and hashes alike, but a boolean is
            # no number (explained by the exact path).
            if isinstance(cell, bool | np.bool_):
                return float("inf")
            try:
                found = seen.get(cell)
            except TypeError:
                return float("inf")
            if found is not None:
                return float(found)
            if is_missing(cell) or is_blank(cell):
                found = np.nan
            else:
                try:
                    read = read_number(cell, decimal=scorer.decimal, percent=percent)
                except CellError:
                    read = np.inf
                found = np.nan if read is None else float(read)
            seen[cell] = found
            return found

        numbers = np.fromiter(map(number, values), dtype=np.float64, count=len(values))
    # Outside the plausible range, infinities (unreadable) included; NaN
    # compares false both ways.
    bad = numbers < unit.low
    bad |= numbers > unit.high
    blank = numbers != numbers  # NaN  # noqa: PLR0124
    if nulls is not None:  # whatever number lies under a null
        blank |= nulls
        np.greater(bad, nulls, out=bad)  # and not null
    return numbers, blank, bad


def _abnormal(np: Any, numbers: Any, key: str) -> Any:
    unit = LAB_UNIT_BY_KEY[key]
    quantity = QUANTITY_BY_NAME[unit.quantity]
    if unit.threshold is None:
        return np.zeros(len(numbers), dtype=bool)
    with np.errstate(invalid="ignore"):
        if quantity.abnormal == "below":
            return numbers < unit.threshold
        return numbers > unit.threshold


def score_columns(
    header: Sequence[str],
    columns: Sequence[Any],
    *,
    decimal: Decimal = ".",
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = DEFAULT_SCHEME,
    ignore_columns: Iterable[str] = (),
    column_map: Mapping[str, str | None] | None = None,
    explain: bool = False,
    row_names: Any = None,
) -> dict[str, Any]:
    """The appended columns of ``mexsledai score`` for whole columns.

    Args:
        header: the column names.
        columns: one array-like per name (numpy arrays, or anything
            ``numpy.asarray`` takes), all of one length.
        decimal, unrecorded, scheme, ignore_columns: as for `score_file`.
        column_map: the user's map of names to keys (``columns`` of the API).
        explain: add the ``--explain`` columns.
        row_names: how messages name each row (an index label); by default
            its number as a spreadsheet shows it (2 for the first).

    Returns:
        Each appended column, in order: whole numbers as an `IntColumn`, text
        as a numpy array of ``str`` objects.

    Raises:
        HeaderError: the names cannot be read safely (as the command says).
    """
    np = numpy_module()
    scorer = TableScorer(
        list(header),
        decimal=decimal,
        unrecorded=unrecorded,
        scheme=scheme,
        ignore_columns=ignore_columns,
        columns=column_map,
    )
    plan = scorer.plan
    # The columns read: those of findings and labs, and every eager one.
    # A column left unread is None; the exact path takes its rows' cells.
    used = {column for column, _ in (*plan.findings, *plan.labs)}
    given = [
        (column.read() if index in used else None)
        if isinstance(column, LazyColumn)
        else column
        for index, column in enumerate(columns)
    ]
    arrays = [
        None
        if column is None
        else column.values
        if isinstance(column, NullableColumn)
        else np.asarray(column)
        for column in given
    ]
    nullable = [
        column if isinstance(column, NullableColumn) else None for column in given
    ]
    count = 0
    if columns:
        first = columns[0]
        count = first.length if arrays[0] is None else len(arrays[0])
    exact = np.zeros(count, dtype=bool)
    # Findings: recorded codes, by finding key.
    recorded: dict[str, Any] = {}
    for column, key in plan.findings:
        codes, to_explain = _finding_codes(
            np, arrays[column], _nulls(np, nullable[column]), scorer
        )
        if to_explain is not None:
            exact |= to_explain
        recorded[key] = codes
    # Lab values: numbers, abnormal flags, given flags, by key.
    numbers: dict[str, Any] = {}
    blanks: dict[str, Any] = {}  # blank cells: their numbers mean nothing
    abnormal: dict[str, Any] = {}
    given_by_quantity: dict[str, Any] = {}
    any_lab = np.zeros(count, dtype=bool)
    for column, key in plan.labs:
        values, blank, bad = _lab_numbers(
            np, arrays[column], _nulls(np, nullable[column]), key, scorer
        )
        exact |= bad
        given = ~(blank | bad)
        quantity = LAB_UNIT_BY_KEY[key].quantity
        if quantity in given_by_quantity:  # two units: given twice is an error
            exact |= given & given_by_quantity[quantity]
            given_by_quantity[quantity] |= given
        else:
            given_by_quantity[quantity] = given
        if key == PERCENT_KEY:
            exact |= given  # computed and worded by the exact path
        if key == "lymphocytes_per_mm3":
            exact |= given & (values <= LOW_LYMPHOCYTE_COUNT)  # a warning
        numbers[key] = values
        blanks[key] = blank
        abnormal[key] = _abnormal(np, values, key) & given
        any_lab |= given
    # Nothing recorded: the exact path says "empty" or why it is an error.
    any_finding = np.zeros(count, dtype=bool)
    for codes in recorded.values():
        any_finding |= codes != _BLANK
    exact |= ~(any_finding | any_lab)
    # Derivations, rule by rule: present, absent, or undetermined.
    derivable = {rule.finding for rule in LAB_RULES}
    final = {
        key: codes.copy() if key in derivable else codes
        for key, codes in recorded.items()
    }
    derived_present: dict[str, Any] = {}
    for rule in LAB_RULES:
        keys_of = {
            q: [k for k in numbers if LAB_UNIT_BY_KEY[k].quantity == q]
            for q in rule.quantities
        }
        if not any(keys_of.values()):
            continue
        all_abnormal = np.ones(count, dtype=bool)
        any_normal = np.zeros(count, dtype=bool)
        any_given = np.zeros(count, dtype=bool)
        for keys in keys_of.values():
            given = np.zeros(count, dtype=bool)
            abnormal_q = np.zeros(count, dtype=bool)
            for k in keys:
                given |= ~blanks[k]
                abnormal_q |= abnormal[k]
            all_abnormal &= abnormal_q
            any_normal |= given & ~abnormal_q
            any_given |= given
        present = all_abnormal
        undetermined = any_given & ~present & ~any_normal
        codes = final.get(rule.finding)
        if codes is None:
            codes = final[rule.finding] = np.full(count, _BLANK, dtype=np.int8)
        was_recorded = codes != _BLANK
        # A recorded value that a lab value contradicts, or a derivation a
        # missing value left undecided, is worded by the exact path.
        exact |= was_recorded & (
            (present & (codes == _ABSENT)) | (any_normal & (codes == _PRESENT))
        )
        exact |= ~was_recorded & undetermined
        derived_present[rule.finding] = ~was_recorded & present
        codes[~was_recorded & present] = _PRESENT
        codes[~was_recorded & any_normal & ~present] = _ABSENT
    assume_absent = unrecorded == "absent"
    # Totals summed as int8 (at most 32): an eighth of int64's memory traffic.
    minimum = np.zeros(count, dtype=np.int8)
    unknown_points = np.zeros(count, dtype=np.int8)
    no_unknown = np.zeros(count, dtype=bool)
    points: list[Any] = []
    for descriptor in DESCRIPTORS:
        weight = np.int8(descriptor.weight)
        present = np.zeros(count, dtype=bool)
        open_ = np.zeros(count, dtype=bool)
        for key in descriptor.finding_keys:
            codes = final.get(key)
            if codes is None:
                open_ |= True
                continue
            present |= codes == _PRESENT
            if not assume_absent:
                open_ |= codes == _BLANK
        if assume_absent:  # a blank is absent: nothing is unknown
            unknown = no_unknown
        else:
            unknown = open_ & ~present
            unknown_points += unknown.view(np.int8) * weight
        minimum += present.view(np.int8) * weight
        points.append((present, unknown, descriptor.weight))
    maximum = minimum + unknown_points
    # A level's label for each total; "" where the range spans two levels.
    level_labels = list(dict.fromkeys(scorer.levels))
    level_of = np.array([level_labels.index(level) for level in scorer.levels])
    low_level, high_level = level_of[minimum], level_of[maximum]
    complete = minimum == maximum
    out: dict[str, Any] = {
        "mexsledai_score": IntColumn(minimum.astype(np.int64), ~complete),
        "mexsledai_min": IntColumn(
            minimum.astype(np.int64), np.zeros(count, dtype=bool)
        ),
        "mexsledai_max": IntColumn(
            maximum.astype(np.int64), np.zeros(count, dtype=bool)
        ),
        "mexsledai_category": TextColumn(
            np.where(low_level == high_level, low_level, len(level_labels)),
            [*level_labels, ""],
        ),
        "mexsledai_status": TextColumn(
            (~complete).astype(np.int64), ["scored", "incomplete"]
        ),
        "mexsledai_message": _constant(np, count, ""),
        "mexsledai_derived": _derived_texts(
            np, count, derived_present, numbers, blanks, exact
        ),
    }
    if explain:
        for name, (present, unknown, weight) in zip(
            EXPLAIN_DESCRIPTORS, points, strict=True
        ):
            out[name] = IntColumn(present * np.int64(weight), unknown.copy())
        out["mexsledai_scheme"] = _constant(np, count, scorer.scheme_name)
        out["mexsledai_unrecorded"] = _constant(np, count, scorer.unrecorded)
        out["mexsledai_version"] = _constant(np, count, __version__)
    unread = [
        column.take if array is None else None
        for column, array in zip(columns, arrays, strict=True)
    ]
    _exact_rows(np, out, scorer, arrays, nullable, unread, exact, explain, row_names)
    return out


def _derived_texts(
    np: Any,
    count: int,
    derived_present: Mapping[str, Any],
    numbers: Mapping[str, Any],
    blanks: Mapping[str, Any],
    exact: Any,
) -> TextColumn:
    """The ``mexsledai_derived`` text of each row a lab value made a finding
    present in (rows of the exact path get theirs there).

    Each distinct combination of values is described once: per finding, the
    rows it was derived in are grouped by their values (a blank ranks as
    one value, NaN), and the groups of all findings combined.
    """
    texts = _constant(np, count, "")
    any_row = np.zeros(count, dtype=bool)
    for mask in derived_present.values():
        any_row |= mask
    rows = np.flatnonzero(any_row & ~exact)
    if not len(rows):
        return texts
    parts: list[tuple[Any, list[str]]] = []  # per finding: group per row, texts
    combined = np.zeros(len(rows), dtype=np.int64)
    for finding, mask in derived_present.items():  # LAB_RULES' (registry) order
        derived = mask[rows]
        at = rows[derived]
        if not len(at):
            continue
        keys = [
            k
            for rule in LAB_RULES
            if rule.finding == finding
            for q in rule.quantities
            for k in numbers
            if LAB_UNIT_BY_KEY[k].quantity == q
        ]
        group = np.zeros(len(at), dtype=np.int64)
        for number, k in enumerate(keys):
            if number:  # renumbered below len(at) before each combination
                group = np.unique(group, return_inverse=True)[1].reshape(-1)
            values = numbers[k][at]  # a copy
            values[blanks[k][at]] = np.nan  # whatever lay under a null
            _, rank = np.unique(values, return_inverse=True)
            group = group * (len(at) + 1) + rank.reshape(-1)
        _, firsts, group = np.unique(group, return_index=True, return_inverse=True)
        described = [""]  # group 0: not derived in the row
        for row_at in at[firsts].tolist():
            given = {
                k: float(numbers[k][row_at]) for k in keys if not blanks[k][row_at]
            }
            described.append(describe_derived([(finding, tuple(given))], given))
        which = np.zeros(len(rows), dtype=np.int64)
        which[derived] = group.reshape(-1) + 1
        parts.append((which, described))
        _, combined = np.unique(combined * len(described) + which, return_inverse=True)
        combined = combined.reshape(-1)
    _, firsts, combined = np.unique(combined, return_index=True, return_inverse=True)
    wordings = [[d[w] for w in which[firsts].tolist()] for which, d in parts]
    joined = map(DERIVED_SEPARATOR.join, map(_worded, zip(*wordings, strict=True)))
    texts.labels[:] = ["", *joined]
    texts.codes[rows] = combined.reshape(-1) + 1
    return texts


def _worded(texts: Iterable[str]) -> list[str]:
    return [text for text in texts if text]


def _python(cell: Any) -> object:
    """A cell as the exact path reads it: missing as ``None``, numpy scalars
    as Python values."""
    kind = type(cell)
    if kind is float:  # most cells (``tolist`` of numbers): no ABC check
        return None if cell != cell else cell  # NaN  # noqa: PLR0124
    if kind is str or kind is int or kind is bool or cell is None:
        return cell
    if is_missing(cell):
        return None
    if hasattr(cell, "item") and not isinstance(cell, str):
        return cell.item()
    return cell


def _exact_rows(
    np: Any,
    out: dict[str, Any],
    scorer: TableScorer,
    arrays: Sequence[Any],
    nullable: Sequence[NullableColumn | None],
    unread: Sequence[Callable[[list[int]], list[Any]] | None],
    exact: Any,
    explain: bool,
    row_names: Any,
) -> None:
    """Score the rows the engine cannot explain on the exact path."""
    positions = np.flatnonzero(exact)
    rows = positions.tolist()
    if not rows:
        return
    names = list(out)
    # Each column's cells of these rows as Python values, at once; null
    # cells as None.
    picked = [
        a[rows].tolist() if take is None else take(rows)
        for a, take in zip(arrays, unread, strict=True)
    ]
    for cells, column in zip(picked, nullable, strict=True):
        if column is not None:
            for at in np.flatnonzero(column.nulls_at(np, positions)).tolist():
                cells[at] = None
    for row, at in enumerate(rows):
        cells = [_python(column[row]) for column in picked]
        result = scorer.score_row(cells, at + 2)
        values = list(result.appended())
        if row_names is not None and result.status == "error":
            values[5] = result.message.replace(
                f"row {at + 2}", f"row {row_names[at]!r}"
            )
        if explain:
            values += result.explained(
                scorer.scheme_name, scorer.unrecorded, __version__
            )
        for name, value in zip(names, values, strict=True):
            column = out[name]
            if isinstance(column, IntColumn):
                column.mask[at] = value == ""
                column.values[at] = 0 if value == "" else value
            else:
                column.set(at, value)
