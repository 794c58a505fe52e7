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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._bands import DEFAULT_SCHEME
from .._flat import is_missing
from .._version import __version__
from ..labs import (
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

__all__ = ["INTEGER_COLUMNS", "IntColumn", "score_columns"]

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


def _numpy() -> Any:
    try:
        import numpy  # noqa: PLC0415, ICN001  (comes with every frame library)
    except ImportError:  # pragma: no cover - pandas, polars and pyarrow need it
        msg = "scoring frames needs numpy: pip install numpy"
        raise ImportError(msg) from None
    return numpy


def _finding_codes(np: Any, values: Any, scorer: TableScorer) -> Any:
    """A finding column as codes: 1 present, 0 absent, -1 blank, 2 a cell the
    exact path must explain."""
    kind = values.dtype.kind
    if kind == "b":
        return values.astype(np.int8)
    if kind in "iuf":
        codes = np.full(len(values), _BAD, dtype=np.int8)
        codes[values == 1] = _PRESENT
        codes[values == 0] = _ABSENT
        if kind == "f":
            codes[np.isnan(values)] = _BLANK
        return codes
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

    return np.fromiter(map(code, values), dtype=np.int8, count=len(values))


def _lab_numbers(
    np: Any, values: Any, key: str, scorer: TableScorer
) -> tuple[Any, Any]:
    """A lab column as numbers (NaN when blank) and a mask of the cells the
    exact path must explain (not a number, implausible, a boolean)."""
    unit = LAB_UNIT_BY_KEY[key]
    kind = values.dtype.kind
    if kind == "b":
        numbers = np.full(len(values), np.nan)
        bad = np.ones(len(values), dtype=bool)
    elif kind in "iuf":
        numbers = values.astype(np.float64)
        bad = np.isinf(numbers)
    else:
        percent = key.endswith("_percent")
        seen: dict[object, float] = {}

        def number(cell: object) -> float:
            try:
                found = seen.get(cell)
            except TypeError:
                return float("inf")
            if found is not None:
                return float(found)
            if is_missing(cell) or is_blank(cell):
                found = np.nan
            elif isinstance(cell, bool):
                found = np.inf  # a boolean is no number: explained by the exact path
            else:
                try:
                    read = read_number(cell, decimal=scorer.decimal, percent=percent)
                except CellError:
                    read = np.inf
                found = np.nan if read is None else float(read)
            seen[cell] = found
            return found

        numbers = np.fromiter(map(number, values), dtype=np.float64, count=len(values))
        bad = np.isinf(numbers)
    given = ~np.isnan(numbers) & ~bad
    bad |= given & ((numbers < unit.low) | (numbers > unit.high))
    return numbers, bad


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
    np = _numpy()
    scorer = TableScorer(
        list(header),
        decimal=decimal,
        unrecorded=unrecorded,
        scheme=scheme,
        ignore_columns=ignore_columns,
        columns=column_map,
    )
    arrays = [np.asarray(column) for column in columns]
    count = len(arrays[0]) if arrays else 0
    plan = scorer.plan
    exact = np.zeros(count, dtype=bool)
    # Findings: recorded codes, by finding key.
    recorded: dict[str, Any] = {}
    for column, key in plan.findings:
        codes = _finding_codes(np, arrays[column], scorer)
        exact |= codes == _BAD
        recorded[key] = codes
    # Lab values: numbers, abnormal flags, given flags, by key.
    numbers: dict[str, Any] = {}
    abnormal: dict[str, Any] = {}
    given_by_quantity: dict[str, Any] = {}
    any_lab = np.zeros(count, dtype=bool)
    for column, key in plan.labs:
        values, bad = _lab_numbers(np, arrays[column], key, scorer)
        exact |= bad
        given = ~np.isnan(values) & ~bad
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
                given |= ~np.isnan(numbers[k])
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
    minimum = np.zeros(count, dtype=np.int64)
    maximum = np.zeros(count, dtype=np.int64)
    points: list[Any] = []
    for descriptor in DESCRIPTORS:
        present = np.zeros(count, dtype=bool)
        open_ = np.zeros(count, dtype=bool)
        for key in descriptor.finding_keys:
            codes = final.get(key)
            if codes is None:
                open_ |= True
                continue
            present |= codes == _PRESENT
            open_ |= codes == _BLANK
        unknown = ~present & open_ & (not assume_absent)
        minimum += present * descriptor.weight
        maximum += (present | unknown) * descriptor.weight
        points.append((present, unknown, descriptor.weight))
    levels = np.array(scorer.levels, dtype=object)
    low_level, high_level = levels[minimum], levels[maximum]
    complete = minimum == maximum
    out: dict[str, Any] = {
        "mexsledai_score": IntColumn(minimum.copy(), ~complete),
        "mexsledai_min": IntColumn(minimum, np.zeros(count, dtype=bool)),
        "mexsledai_max": IntColumn(maximum, np.zeros(count, dtype=bool)),
        "mexsledai_category": np.where(low_level == high_level, low_level, ""),
        "mexsledai_status": np.where(complete, "scored", "incomplete").astype(object),
        "mexsledai_message": np.full(count, "", dtype=object),
        "mexsledai_derived": np.full(count, "", dtype=object),
    }
    _derived_texts(np, out["mexsledai_derived"], derived_present, numbers, exact)
    if explain:
        for name, (present, unknown, weight) in zip(
            EXPLAIN_DESCRIPTORS, points, strict=True
        ):
            out[name] = IntColumn(present * np.int64(weight), unknown.copy())
        out["mexsledai_scheme"] = np.full(count, scorer.scheme_name, dtype=object)
        out["mexsledai_unrecorded"] = np.full(count, scorer.unrecorded, dtype=object)
        out["mexsledai_version"] = np.full(count, __version__, dtype=object)
    _exact_rows(np, out, scorer, arrays, exact, explain, row_names)
    return out


def _derived_texts(
    np: Any,
    texts: Any,
    derived_present: Mapping[str, Any],
    numbers: Mapping[str, Any],
    exact: Any,
) -> None:
    """The ``mexsledai_derived`` text of each row a lab value made a finding
    present in (rows of the exact path get theirs there)."""
    if not derived_present:
        return
    order = list(derived_present)  # LAB_RULES' order: registry order
    any_row = np.zeros(len(texts), dtype=bool)
    for mask in derived_present.values():
        any_row |= mask
    parts: dict[tuple[str, tuple[float, ...]], str] = {}
    rule_keys = {
        rule.finding: [
            k
            for q in rule.quantities
            for k in numbers
            if LAB_UNIT_BY_KEY[k].quantity == q
        ]
        for rule in LAB_RULES
    }
    for at in np.flatnonzero(any_row & ~exact).tolist():
        found = []
        for finding in order:
            if not derived_present[finding][at]:
                continue
            keys = tuple(k for k in rule_keys[finding] if not np.isnan(numbers[k][at]))
            values = tuple(float(numbers[k][at]) for k in keys)
            part = parts.get((finding, values))
            if part is None:
                part = parts[finding, values] = describe_derived(
                    [(finding, keys)], dict(zip(keys, values, strict=True))
                )
            found.append(part)
        texts[at] = "; ".join(found)


def _python(cell: Any) -> object:
    """A cell as the exact path reads it: missing as ``None``, numpy scalars
    as Python values."""
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
    exact: Any,
    explain: bool,
    row_names: Any,
) -> None:
    """Score the rows the engine cannot explain on the exact path."""
    rows = np.flatnonzero(exact).tolist()
    if not rows:
        return
    names = list(out)
    for at in rows:
        cells = [_python(a[at]) for a in arrays]
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
                column[at] = value
