"""Matching a spreadsheet's header row to MEX-SLEDAI keys.

A header names a key when, trimmed and case-folded with spaces and hyphens
read as underscores, it equals one. Every other column passes through. A
header that is *almost* a key stops the run, because a misspelled column
would silently score every row as not recorded: one close to a key (difflib
ratio at least 0.8), a quantity without its unit (``leukocytes``,
``hemoglobin``, ``temp``...), or a descriptor key that is not also a finding
(``renal``). Passing the header to ``ignore_columns`` keeps it on purpose.

Examples:
    >>> plan = match_header(["patient_id", "Seizures", "Leukocytes per mm3"])
    >>> plan.findings, plan.labs
    (((1, 'seizures'),), ((2, 'leukocytes_per_mm3'),))
    >>> match_header(["psycosis"])
    Traceback (most recent call last):
    ...
    mexsledai.tables.headers.HeaderError: the header cannot be read safely:
    - column A 'psycosis' is not a MEX-SLEDAI key but is close to 'psychosis': \
rename it, or pass --ignore-column 'psycosis' to keep it as an ordinary column
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .._flat import FLAT_KEYS
from ..labs import LAB_KEYS, LAB_UNIT_BY_KEY, QUANTITY_BY_NAME, Quantity
from ..registry import DESCRIPTOR_BY_KEY, FINDING_KEYS

__all__ = [
    "OUTPUT_COLUMNS",
    "OUTPUT_PREFIX",
    "HeaderError",
    "HeaderPlan",
    "TableError",
    "column_letter",
    "match_header",
    "normalize_header",
]

OUTPUT_PREFIX = "mexsledai_"
#: The columns appended to every scored table, in order.
OUTPUT_COLUMNS: tuple[str, ...] = (
    "mexsledai_score",
    "mexsledai_min",
    "mexsledai_max",
    "mexsledai_category",
    "mexsledai_status",
    "mexsledai_message",
)

_FINDING_SET = frozenset(FINDING_KEYS)
_LAB_SET = frozenset(LAB_KEYS)
_KEY_SET = _FINDING_SET | _LAB_SET

# Names people give a quantity without its unit. The unit must be in the key,
# so each of these stops the run and lists the keys that carry a unit.
_UNITLESS: dict[str, str] = {
    alias: quantity
    for quantity, aliases in {
        "leukocytes": ("leukocytes", "leukocyte", "leucocytes", "wbc", "white_cells"),
        "lymphocytes": ("lymphocytes", "lymphocyte", "lymph", "lymphs"),
        "platelets": ("platelets", "platelet", "plt", "plts"),
        "hemoglobin": ("hemoglobin", "haemoglobin", "hb", "hgb"),
        "reticulocytes": (
            "reticulocytes",
            "reticulocytes_corrected",
            "retic",
            "retics",
        ),
        "urine_rbc": ("urine_rbc", "rbc_urine", "urine_red_cells"),
        "urine_protein": ("urine_protein", "protein_urine"),
        "temperature": ("temperature", "temp", "body_temperature"),
    }.items()
    for alias in aliases
}


class TableError(ValueError):
    """A table that cannot be scored at all (the command exits with status 2)."""


class HeaderError(TableError):
    """Header problems that stop the run before anything is written.

    Attributes:
        problems: one message per problem column.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        lines = ["the header cannot be read safely:", *(f"- {p}" for p in problems)]
        super().__init__("\n".join(lines))


def normalize_header(text: object) -> str:
    """Trimmed, NFC, case-folded, with spaces and hyphens read as underscores.

    Examples:
        >>> normalize_header("  Leukocytes per-mm3 ")
        'leukocytes_per_mm3'
    """
    if text is None:
        return ""
    folded = unicodedata.normalize("NFC", str(text).strip()).casefold()
    return folded.replace(" ", "_").replace("-", "_")


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 → A, 26 → AA.

    Examples:
        >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
        ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _name(index: int, header: object) -> str:
    return (
        f"column {column_letter(index)} {str(header if header is not None else '')!r}"
    )


@dataclass(frozen=True)
class HeaderPlan:
    """What each column of a table is.

    Attributes:
        header: the header cells as read, mexsledai_* columns included.
        kept: the indices of the input columns written out (all but earlier
            mexsledai_* columns).
        findings: (column index, finding key) for each finding column.
        labs: (column index, lab key) for each lab column.
        missing: the keys that have no column, in registry order; a lab key
            only when no unit of its quantity has a column.
    """

    header: tuple[str, ...]
    kept: tuple[int, ...]
    findings: tuple[tuple[int, str], ...]
    labs: tuple[tuple[int, str], ...]
    missing: tuple[str, ...]

    @property
    def output_header(self) -> tuple[str, ...]:
        """The kept header cells, then `OUTPUT_COLUMNS`."""
        return (*(self.header[i] for i in self.kept), *OUTPUT_COLUMNS)

    def name(self, index: int) -> str:
        """How messages name a column: its letter and its header."""
        return _name(index, self.header[index])


def _near_miss(key: str) -> str | None:
    """What a header that is not a key may mean, or ``None`` if nothing."""
    if key in DESCRIPTOR_BY_KEY:
        findings = ", ".join(DESCRIPTOR_BY_KEY[key].finding_keys)
        return (
            f"is a descriptor, not a finding: record its findings in columns "
            f"named {findings}"
        )
    if key in _UNITLESS:
        quantity: Quantity = QUANTITY_BY_NAME[_UNITLESS[key]]
        units = " or ".join(f"{u.key} ({u.unit})" for u in quantity.units)
        return f"looks like {quantity.label.lower()} without its unit: name it {units}"
    best, best_ratio = None, 0.0
    for candidate in FLAT_KEYS:
        ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    if best is not None and best_ratio >= 0.8:
        return f"is not a MEX-SLEDAI key but is close to {best!r}: rename it"
    return None


def match_header(
    header: Sequence[object], *, ignore_columns: Iterable[str] = ()
) -> HeaderPlan:
    """Match a header row to keys.

    Args:
        header: the header cells.
        ignore_columns: headers to pass through on purpose even if they look
            like a key or a near miss (compared as `normalize_header` reads them).

    Raises:
        HeaderError: near misses, two columns for one key, no key column at
            all, or an ``ignore_columns`` entry that names no column.
    """
    cells = tuple("" if h is None else str(h) for h in header)
    ignored = {normalize_header(c): c for c in ignore_columns}
    problems: list[str] = []
    seen: dict[str, int] = {}
    kept: list[int] = []
    findings: list[tuple[int, str]] = []
    labs: list[tuple[int, str]] = []
    used_ignores: set[str] = set()
    for index, cell in enumerate(cells):
        key = normalize_header(cell)
        if key.startswith(OUTPUT_PREFIX):
            continue  # an earlier score: replaced by this run's columns
        kept.append(index)
        if key in ignored:
            used_ignores.add(key)
            continue
        if key in _FINDING_SET or key in _LAB_SET:
            if key in seen:
                problems.append(
                    f"{_name(seen[key], cells[seen[key]])} and {_name(index, cell)} "
                    f"both name {key!r}: keep one, or pass --ignore-column for the other"
                )
                continue
            seen[key] = index
            (findings if key in _FINDING_SET else labs).append((index, key))
            continue
        meaning = _near_miss(key) if key else None
        if meaning is not None:
            problems.append(
                f"{_name(index, cell)} {meaning}, or pass --ignore-column "
                f"{cell.strip()!r} to keep it as an ordinary column"
            )
    for key, given in ignored.items():
        if key not in used_ignores:
            problems.append(f"--ignore-column {given!r} names no column of the header")
    if not findings and not labs and not problems:
        problems.append(
            "no column is named after a MEX-SLEDAI finding or lab key "
            "(e.g. seizures, arthritis, leukocytes_per_mm3); "
            "see `mexsledai template` for every key"
        )
    if problems:
        raise HeaderError(problems)
    # A lab key is missing only when no unit of its quantity has a column.
    covered = {LAB_UNIT_BY_KEY[key].quantity for _, key in labs}
    missing = tuple(
        k
        for k in FLAT_KEYS
        if k not in seen
        and not (k in _LAB_SET and LAB_UNIT_BY_KEY[k].quantity in covered)
    )
    return HeaderPlan(cells, tuple(kept), tuple(findings), tuple(labs), missing)


def count_keys(header: Sequence[str]) -> int:
    """How many cells of a header name a key (for choosing a delimiter)."""
    return sum(1 for cell in header if normalize_header(cell) in _KEY_SET)
