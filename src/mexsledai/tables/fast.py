"""The fast path of the row loop: the six appended values of many rows at
once, without building a `Score`.

It reads the same registry and lab rules as `mexsledai.score` and writes the
same warnings with the same functions; the tests hold its output equal to
`TableScorer.score_row(...).appended()` for every generated row.

How: rows are taken in batches and processed column by column with C-level
``map`` over dict lookups. What a lab cell reads as, and what a descriptor's
cells read as (given the lab columns that bear on it), are cached: real
tables repeat the same few cell values. A descriptor's outcome is packed in
one int so a row's outcomes add up in one ``sum``. Anything unusual (a bad
cell, a ragged row, a row with nothing recorded, one quantity in two units)
is handed to the full path, which explains it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections import Counter
from functools import lru_cache
from itertools import repeat
from operator import and_, itemgetter
from typing import Any, Final

from ..labs import (
    LAB_RULES,
    LAB_UNIT_BY_KEY,
    QUANTITY_BY_NAME,
    Derivation,
    check_lab_value,
)
from ..registry import DESCRIPTOR_OF_FINDING, DESCRIPTORS, MAX_TOTAL
from ..scoring import _conflict_warning, _undetermined_warning
from .cells import CellError, needs_escape, read_finding, read_number
from .rows import RowStatus, TableScorer

__all__ = ["FastRows"]

_LIMIT: Final = 100_000  # entries per cache; beyond it, cells are read anew

# What a row's cells read as is packed in one int per cell group, so that a
# row adds up in one ``sum``. Fields of 6 bits (no sum over a row reaches 64):
# points to the minimum, to the maximum, blank finding cells counted absent,
# descriptors with a recorded finding, descriptors with a warning, lab values
# given, finding cells that a spreadsheet would read as a formula ("-", "+");
# then two bits per lab column (given, abnormal) from bit 42; and from bit 70
# the count of cells the fast path leaves to the full path.
_LOW, _HIGH, _BLANK, _RECORDED, _WARNED, _GIVEN, _FORMULA = 0, 6, 12, 18, 24, 30, 36
_LAB_FLAGS = 42
_MASK6: Final = 63
_BAD: Final = 1 << 70
# A row's key for the appended values: the fields before the formula count but
# the blank count, and the bad count.
_KEY: Final = ((1 << _FORMULA) - 1) & ~(_MASK6 << _BLANK) | -_BAD
# Entries for rows the cache cannot answer: (no values, what to do).
_SPECIAL: Final = (None, "full")  # a row for the full path
_WARNED_ROW: Final = (None, "warned")  # a row whose warnings are written out
_SECOND: Final = itemgetter(1)


def _flag(index: int) -> int:
    """The bit of "given" of lab column ``index`` ("abnormal" is the next)."""
    return _LAB_FLAGS + 2 * index


_POSITION_OF_FINDING: Final = {
    key: (position, offset)
    for position, d in enumerate(DESCRIPTORS)
    for offset, key in enumerate(d.finding_keys)
}

Appended = tuple[int | str, ...]
RowColumns = tuple[Appended, RowStatus, int]


@lru_cache(maxsize=4096)
def _derivations(flags: tuple[tuple[str, str, bool], ...]) -> tuple[Derivation, ...]:
    """What labs say, from (quantity, key, abnormal) alone, in rule order:
    the rule of `mexsledai.labs.derive`, which reads only these."""
    recorded = {quantity: (key, abnormal) for quantity, key, abnormal in flags}
    derived = []
    for rule in LAB_RULES:
        seen = [recorded[q] for q in rule.quantities if q in recorded]
        if not seen:
            continue
        normal = tuple(key for key, abnormal in seen if not abnormal)
        if normal:
            derived.append(Derivation(rule.finding, False, normal))
        else:
            keys = tuple(key for key, _ in seen)
            decided = len(seen) == len(rule.quantities)
            derived.append(Derivation(rule.finding, True if decided else None, keys))
    return tuple(derived)


class FastRows:
    """The appended values of the rows of one table, computed in batches."""

    def __init__(self, scorer: TableScorer, *, as_text: bool = False) -> None:
        self._scorer = scorer
        # Text output wants every value as text: numbers are written once here.
        self._numbers: Sequence[int | str] = (
            _NUMBER_TEXT if as_text else range(MAX_TOTAL + 1)
        )
        self._as_text = as_text
        self._width = scorer.width
        #: After `batch`: whether a finding cell of it, or any cell of a row
        #: the full path took, may need a formula escape.
        self.formula_cells = False
        self._assume_absent = scorer.unrecorded == "absent"
        self._levels = tuple(
            scorer.scheme.level_of(t).value for t in range(MAX_TOTAL + 1)
        )
        # Appended values and status by a row's packed sum (blank count cleared).
        self._appended: dict[int, object] = {}
        # Lab columns: getter, key, and what a cell reads as: (bits, number),
        # bits being 1 (present) or 3 (present and abnormal) at 2 * index.
        self._labs: list[
            tuple[Callable[[Sequence[object]], object], str, dict[object, int]]
        ] = []
        quantity_bits: dict[str, int] = {}
        for index, (column, key) in enumerate(scorer.plan.labs):
            self._labs.append((itemgetter(column), key, {"": 0, None: 0}))
            quantity = LAB_UNIT_BY_KEY[key].quantity
            quantity_bits[quantity] = quantity_bits.get(quantity, 0) | 3 << _flag(index)
        # What a descriptor's cells read as, and a mask's derivations (for
        # the words of warnings).
        self._cell_values: list[dict[object, object]] = [{} for _ in DESCRIPTORS]
        self._plans: dict[int, tuple[Derivation, ...]] = {}
        # The number each lab cell read as (for the words of a warning).
        self._lab_numbers: list[dict[object, float]] = [{} for _ in self._labs]
        quantities = [LAB_UNIT_BY_KEY[key].quantity for _, key in scorer.plan.labs]
        self._two_units = len(set(quantities)) < len(quantities)
        # Descriptors: getter of their cells (or None), the bits of the lab
        # columns that bear on their findings, which findings have a column,
        # and the cache of packed outcomes.
        columns = {key: column for column, key in scorer.plan.findings}
        self._descriptors: list[
            tuple[
                Callable[[Sequence[object]], object] | None,
                int,
                tuple[bool, ...],
                dict[object, int],
            ]
        ] = []
        for descriptor in DESCRIPTORS:
            where = [columns.get(key) for key in descriptor.finding_keys]
            wanted = [c for c in where if c is not None]
            relevant = 0
            for rule in LAB_RULES:
                if DESCRIPTOR_OF_FINDING[rule.finding] is descriptor:
                    for quantity in rule.quantities:
                        relevant |= quantity_bits.get(quantity, 0)
            self._descriptors.append(
                (
                    itemgetter(*wanted) if wanted else None,
                    relevant,
                    tuple(c is not None for c in where),
                    {},
                )
            )
        self._group_descriptors(columns)

    def _group_descriptors(self, columns: dict[str, int]) -> None:
        """Groups of descriptors whose cells are read and cached together.

        A descriptor that lab columns bear on stands alone; the others share
        groups of at most six cells (3**6 patterns of the usual words), and
        those with no column add a constant.
        """
        self._constant = 0
        bins: list[list[int]] = []
        for position, (getter, relevant, has_column, _) in enumerate(self._descriptors):
            cells = sum(has_column)
            if relevant:
                bins.append([position])
            elif cells == 0:
                self._constant += self._outcome(position, None, False, 0)
            else:
                for members in bins:
                    size = sum(sum(self._descriptors[m][2]) for m in members)
                    if not self._descriptors[members[0]][1] and size + cells <= 6:
                        members.append(position)
                        break
                else:
                    bins.append([position])
        # Per group: getter of its cells (None if none), the lab bits that
        # bear on it, its members (position, first cell, cells), its cache.
        self._groups: list[
            tuple[
                Callable[[Sequence[object]], object] | None,
                int,
                tuple[tuple[int, int, int], ...],
                dict[object, int],
            ]
        ] = []
        for members in bins:
            wanted: list[int] = []
            layout = []
            for position in members:
                keys = DESCRIPTORS[position].finding_keys
                mine = [columns[k] for k in keys if k in columns]
                layout.append((position, len(wanted), len(mine)))
                wanted.extend(mine)
            relevant = self._descriptors[members[0]][1] if len(members) == 1 else 0
            getter = itemgetter(*wanted) if wanted else None
            self._groups.append((getter, relevant, tuple(layout), {}))

    def _group_outcome(
        self,
        members: tuple[tuple[int, int, int], ...],
        key: object,
        has_raw: bool,
        relevant: int,
    ) -> int:
        """The packed outcome of a group: its members' outcomes added up."""
        if relevant:
            raw, mask = key if has_raw else (None, key)  # type: ignore[misc]
        else:
            raw, mask = key, 0
        total = sum(count for _, _, count in members)
        cells = () if total == 0 else (raw,) if total == 1 else raw
        packed = 0
        for position, start, count in members:
            part = tuple(cells[start : start + count])  # type: ignore[index]
            member_raw = None if count == 0 else part[0] if count == 1 else part
            member_key = (
                ((member_raw, mask) if count else mask) if relevant else member_raw
            )
            outcome = self._outcome(position, member_key, count > 0, relevant)
            if outcome >= _BAD:
                return _BAD
            packed += outcome
        return packed

    # -- reading cells (cache misses) -------------------------------------

    def _lab_reading(self, raw: object, key: str, index: int) -> tuple[int, float]:
        """The bits of a lab cell and its number; `_BAD` for a cell the full
        path must explain."""
        try:
            number = read_number(raw, decimal=self._scorer.decimal)
        except CellError:
            return _BAD, 0.0
        if number is None:  # white space only: blank
            return 0, 0.0
        checked, problem = check_lab_value(key, number)
        if problem is not None or checked is None:
            return _BAD, 0.0
        unit = LAB_UNIT_BY_KEY[key]
        abnormal = QUANTITY_BY_NAME[unit.quantity].is_abnormal(unit, checked)
        return 1 << _GIVEN | (3 if abnormal else 1) << _flag(index), checked

    def _read_lab(self, raw: object, key: str, index: int) -> int:
        """The bits of a lab cell, cached with its number."""
        bits, number = self._lab_reading(raw, key, index)
        _, _, cache = self._labs[index]
        if len(cache) < _LIMIT:
            cache[raw] = bits
            self._lab_numbers[index][raw] = number
        return bits

    def _lab_number(self, raw: object, key: str, index: int) -> float:
        found = self._lab_numbers[index].get(raw)
        return found if found is not None else self._lab_reading(raw, key, index)[1]

    def _read_findings(
        self, raw: object, has_column: tuple[bool, ...]
    ) -> tuple[bool | None, ...] | None:
        """The recorded values of a descriptor's findings (None: no column or
        blank), or None when a cell is not a finding value."""
        count = sum(has_column)
        cells = iter(() if count == 0 else (raw,) if count == 1 else raw)  # type: ignore[call-overload]
        words = self._scorer.words
        values: list[bool | None] = []
        for has in has_column:
            if not has:
                values.append(None)
                continue
            cell = next(cells)
            value = words.get(cell, _MISSING)
            if value is _MISSING:
                try:
                    value = read_finding(cell, decimal=self._scorer.decimal)
                except CellError:
                    return None
            values.append(value)  # type: ignore[arg-type]
        return tuple(values)

    def _flags(self, mask: int) -> tuple[tuple[str, str, bool], ...]:
        return tuple(
            (LAB_UNIT_BY_KEY[key].quantity, key, bool(mask >> (_flag(i) + 1) & 1))
            for i, (_, key, _) in enumerate(self._labs)
            if mask >> _flag(i) & 1
        )

    def _resolve(
        self, position: int, values: tuple[bool | None, ...], mask: int
    ) -> tuple[tuple[bool | None, ...], bool]:
        """Values after the derivations that ``mask`` gives this descriptor,
        and whether any of them warns (a conflict, or left undetermined)."""
        warned = False
        changed = list(values)
        for derivation in _derivations(self._flags(mask)):
            where, offset = _POSITION_OF_FINDING[derivation.finding]
            if where != position:
                continue
            current = values[offset]
            if derivation.present is None:
                warned = warned or current is None
            elif current is None:
                changed[offset] = derivation.present
            elif current is not derivation.present:
                warned = True
        return tuple(changed), warned

    def _outcome(self, position: int, key: object, has_raw: bool, relevant: int) -> int:
        getter, _, has_column, _ = self._descriptors[position]
        if relevant:
            raw, mask = key if has_raw else (None, key)  # type: ignore[misc]
        else:
            raw, mask = key, 0
        values = self._read_findings(raw, has_column)
        if values is None:
            return _BAD
        count = sum(has_column)
        cells = () if count == 0 else (raw,) if count == 1 else raw
        formulas = sum(1 for c in cells if isinstance(c, str) and needs_escape(c))  # type: ignore[union-attr]
        recorded = any(v is not None for v in values)
        final, warned = (
            self._resolve(position, values, mask) if mask else (values, False)
        )
        weight = DESCRIPTORS[position].weight
        blank = sum(
            1 for has, v in zip(has_column, final, strict=True) if has and v is None
        )
        if any(final):
            low, high = weight, weight
        elif None in final and not self._assume_absent:
            low, high = 0, weight
        else:
            low, high = 0, 0
        return (
            low << _LOW
            | high << _HIGH
            | (blank if self._assume_absent else 0) << _BLANK
            | int(recorded) << _RECORDED
            | int(warned) << _WARNED
            | formulas << _FORMULA
        )

    # -- the batch ---------------------------------------------------------

    def batch(
        self, rows: Sequence[Sequence[object]], first: int
    ) -> tuple[list[Appended], dict[str, int], int]:
        """The appended values of each row, the count of rows by status, and
        the blank finding cells counted absent; ``first`` is the spreadsheet
        number of the first row."""
        width = self._width
        # Getters need every cell of the header: short rows are padded here.
        padded = rows
        if min(map(len, rows), default=width) < width:
            padded = [
                r if len(r) >= width else [*r, *[None] * (width - len(r))] for r in rows
            ]
        count = len(padded)
        bit_lists = []
        for index, (getter, key, cache) in enumerate(self._labs):
            raws = list(map(getter, padded))
            bits = list(map(cache.get, raws))
            if None in bits:
                for at, hit in enumerate(bits):
                    if hit is None:
                        hit = cache.get(raws[at])  # read before in this batch?
                        bits[at] = (
                            self._read_lab(raws[at], key, index) if hit is None else hit
                        )
            bit_lists.append(bits)
        # The descriptors with no column add a constant (it has no lab bits).
        bit_lists.append([self._constant] * count)
        masks: list[int] = list(map(sum, zip(*bit_lists)))
        outcomes: list[list[int]] = [masks]
        for getter, relevant, members, cache in self._groups:
            if getter is not None:
                raws = list(map(getter, padded))
                keys: list[object] = (
                    list(zip(raws, map(and_, masks, repeat(relevant))))
                    if relevant
                    else raws
                )  # type: ignore[arg-type]
            else:
                keys = (
                    list(map(and_, masks, repeat(relevant)))
                    if relevant
                    else [None] * count
                )
            found = list(map(cache.get, keys))
            if None in found:
                for at, value in enumerate(found):
                    if value is None:
                        # Read before in this batch? Else read now, and keep.
                        value = cache.get(keys[at])
                        if value is None:
                            value = self._group_outcome(
                                members, keys[at], getter is not None, relevant
                            )
                            if len(cache) < _LIMIT:
                                cache[keys[at]] = value
                        found[at] = value
            outcomes.append(found)
        packed = list(map(sum, zip(*outcomes)))
        blank = sum(map(and_, packed, repeat(_MASK6 << _BLANK))) >> _BLANK
        self.formula_cells = sum(map(and_, packed, repeat(_MASK6 << _FORMULA))) > 0
        # Rows alike but for their blank count and lab values share their
        # appended values (and status).
        keys = list(map(and_, packed, repeat(_KEY)))
        entries = list(map(self._appended.get, keys))
        if None in entries:
            for at, entry in enumerate(entries):
                if entry is None:
                    entries[at] = self._appended.get(keys[at]) or self._entry(keys[at])
                    self._appended[keys[at]] = entries[at]
        statuses = Counter(map(_SECOND, entries))
        appended: list[Any] = list(map(_FIRST, entries))
        irregular = self._two_units or max(map(len, rows), default=0) > width
        if irregular or None in appended:
            for at, entry in enumerate(entries):
                if entry is _SPECIAL or (
                    irregular and self._irregular(rows[at], packed[at])
                ):
                    # A row the full path takes may hold anything: check every cell.
                    self.formula_cells = True
                    appended[at], status, blank_here = self._full(rows[at], first + at)
                    blank += blank_here - (packed[at] >> _BLANK & _MASK6)
                elif entry is _WARNED_ROW:
                    appended[at], status = self._warned(padded[at], packed[at])
                else:
                    continue
                statuses[entry[1]] -= 1
                statuses[status] += 1
        return appended, {k: n for k, n in statuses.items() if n}, blank

    def _irregular(self, row: Sequence[object], mask: int) -> bool:
        return len(row) > self._width or (
            self._two_units and not self._one_unit_each(mask)
        )

    def _entry(self, key: int) -> tuple[Appended | None, str]:
        """The appended values and status of a row whose packed sum has this
        key, or how the row must be taken instead."""
        if key >= _BAD or not (key >> _RECORDED & _MASK6 or key >> _GIVEN & _MASK6):
            return _SPECIAL  # a cell the full path explains, or nothing recorded
        if key >> _WARNED & _MASK6:
            return _WARNED_ROW
        return self._values(key & _MASK6, key >> _HIGH & _MASK6, "")

    def _values(
        self, minimum: int, maximum: int, message: str
    ) -> tuple[Appended, RowStatus]:
        category = self._levels[minimum]
        low, high = self._numbers[minimum], self._numbers[maximum]
        if minimum == maximum:
            return (low, low, high, category, "scored", message), "scored"
        if category != self._levels[maximum]:
            category = ""
        return ("", low, high, category, "incomplete", message), "incomplete"

    def _warned(
        self, cells: Sequence[object], packed: int
    ) -> tuple[Appended, RowStatus]:
        mask = packed
        numbers = {
            key: self._lab_number(getter(cells), key, index)
            for index, (getter, key, _) in enumerate(self._labs)
            if mask >> _flag(index) & 1
        }
        message = "; ".join(self._warnings(cells, mask, numbers))
        return self._values(packed & _MASK6, packed >> _HIGH & _MASK6, message)

    def _one_unit_each(self, mask: int) -> bool:
        quantities = [q for q, _, _ in self._flags(mask)]
        return len(set(quantities)) == len(quantities)

    def _warnings(
        self, cells: Sequence[object], mask: int, numbers: dict[str, float]
    ) -> list[str]:
        """The row's warnings, in the order and words of `mexsledai.score`."""
        warnings = []
        plan = self._plans.get(mask)
        if plan is None:
            plan = self._plans[mask] = _derivations(self._flags(mask))
        for derivation in plan:
            position, offset = _POSITION_OF_FINDING[derivation.finding]
            getter, _, has_column, _ = self._descriptors[position]
            raw = getter(cells) if getter is not None else None
            read = self._cell_values[position]
            values = read.get(raw, _MISSING)
            if values is _MISSING:
                values = self._read_findings(raw, has_column)
                if len(read) < _LIMIT:
                    read[raw] = values
            current = values[offset] if values is not None else None  # type: ignore[index]
            if derivation.present is None:
                if current is None:
                    warnings.append(
                        _undetermined_warning(
                            derivation.finding,
                            derivation,
                            numbers,
                            self._scorer.unrecorded,
                        )
                    )
            elif current is not None and current is not derivation.present:
                warnings.append(
                    _conflict_warning(derivation.finding, current, derivation, numbers)
                )
        return warnings

    def _full(self, cells: Sequence[object], row: int) -> RowColumns:
        result = self._scorer.score_row(cells, row)
        appended = result.appended()
        if self._as_text:
            appended = tuple(str(value) for value in appended)
        return appended, result.status, result.blank_counted_absent


_MISSING: Final = object()
_FIRST: Final = itemgetter(0)
_NUMBER_TEXT: Final = tuple(str(n) for n in range(MAX_TOTAL + 1))
