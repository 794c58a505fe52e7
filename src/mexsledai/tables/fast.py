"""The fast path of the row loop: the seven appended values of many rows at
once, without building a `Score`.

It reads the same registry and lab rules as `mexsledai.score` and writes the
same warnings with the same functions; the tests hold its output equal to
`TableScorer.score_row(...).appended()` for generated rows.

How: rows are taken in batches and read column by column with C-level ``map``
over dict look-ups. What a lab cell reads as, and what a group of finding
cells reads as (given the lab columns that bear on it), are cached: real
tables repeat a few cell values. Each reading is packed in one int, so that a
row's readings add up in one ``sum``, and rows whose sums agree share their
appended values. A descriptor's reading also carries a bit for each lab
rule that words a warning for it; a row with such bits keeps its shared
values, and its message is the join of those rules' warnings, each worded
once per distinct cells with the same functions as `mexsledai.score`.
Anything unusual (a bad cell, a ragged row, a row with nothing recorded, one
quantity in two units, a lymphocyte percentage, a lymphocyte count low
enough to be a percentage) is handed to the full path,
`TableScorer.score_row`, which explains it.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache, partial
from itertools import compress, repeat
from operator import and_, is_, itemgetter
from typing import Any, Final

from ..labs import (
    DERIVED_SEPARATOR,
    LAB_RULES,
    LAB_UNIT_BY_KEY,
    LOW_LYMPHOCYTE_COUNT,
    PERCENT_KEY,
    QUANTITY_BY_NAME,
    Derivation,
    check_lab_value,
    conflict_warning,
    describe_derived,
    undetermined_warning,
)
from ..registry import DESCRIPTOR_OF_FINDING, DESCRIPTORS, MAX_TOTAL
from .cells import CellError, needs_escape, read_finding, read_number
from .rows import MESSAGE_SEPARATOR, RowStatus, TableScorer, splice_messages

__all__ = ["FastRows"]

# Entries per cache; beyond it, cells are read anew. Real tables repeat a few
# thousand values at most; the bound keeps memory flat on tables that do not.
_LIMIT: Final = 8192
_GROUP_CELLS: Final = 6  # finding cells cached together: 3**6 usual patterns

# The packed int. Fields of 6 bits (no sum over a row reaches 64): points to
# the minimum, to the maximum, blank finding cells counted absent, descriptors
# with a recorded finding, descriptors with a warning, lab values given,
# finding cells a spreadsheet would read as a formula ("-", "+"). Then two
# bits per lab column (given, abnormal) from bit 42 (at most 14 columns, to
# bit 69); from bit 72 the count of findings a lab value made present (for
# mexsledai_derived); from bit 78 one bit per lab rule that words a warning
# (in `LAB_RULES` order); and from bit 88 the count of cells that the fast
# path leaves to the full path.
_LOW, _HIGH, _BLANK, _RECORDED, _WARNED, _GIVEN, _FORMULA = 0, 6, 12, 18, 24, 30, 36
_LAB_FLAGS: Final = 42
_DERIVED: Final = 72
_DUE: Final = 78
_FIELD: Final = 63
_BAD: Final = 1 << 88
_DUE_BIT: Final = {rule.finding: 1 << (_DUE + n) for n, rule in enumerate(LAB_RULES)}
# What rows must share to share their appended values: the fields up to the
# formula count, but the blank count; and the bad count.
_KEY: Final = ((1 << _FORMULA) - 1) & ~(_FIELD << _BLANK) | -_BAD

# Entries of the cache of rows: (values, status, whether warnings are to be
# worded in); and the entry of rows that the full path takes.
_FULL_PATH: Final = (None, "full", False)
_FIRST: Final = itemgetter(0)
_SECOND: Final = itemgetter(1)
_THIRD: Final = itemgetter(2)
_FILTER_NONE: Final = partial(filter, None)
_MISSING: Final = object()
_BOOLEAN: Final = object()  # marks a boolean lab cell in a cache key
_NUMBER_TEXT: Final = tuple(str(n) for n in range(MAX_TOTAL + 1))

_POSITION_OF_FINDING: Final = {
    key: (position, offset)
    for position, d in enumerate(DESCRIPTORS)
    for offset, key in enumerate(d.finding_keys)
}

Appended = tuple[int | str, ...]
Getter = Callable[[Sequence[object]], object]
Counts = dict[str, int]
# A group of descriptors read together (see FastRows._group).
_Group = tuple[
    Getter | None,
    int,
    tuple[tuple[int, int, int], ...],
    dict[object, int],
    tuple[int, ...],
]


class _Rule:
    """A lab rule as a table reads it, with what its rows taught.

    Attributes:
        finding: the rule's finding.
        labs: the indexes of the lab columns of its quantities.
        cell: the getter of the finding's cell (None without a column).
        lab_cells: the getter of the lab cells (one cell, or a tuple).
        texts: the warning, by the finding's cell, then by the lab cells
            (two small look-ups cost less than one by a pair).
        size: the warnings in ``texts``.
        derivations: the rule's derivation (None if none) by the bits of
            its lab cells.
    """

    __slots__ = (
        "cell",
        "derivations",
        "finding",
        "lab_cells",
        "labs",
        "size",
        "texts",
    )

    def __init__(
        self,
        finding: str,
        labs: tuple[int, ...],
        cell: Getter | None,
        lab_cells: Getter,
    ) -> None:
        self.finding = finding
        self.labs = labs
        self.cell = cell
        self.lab_cells = lab_cells
        self.texts: dict[object, dict[object, str]] = {}
        self.size = 0
        self.derivations: dict[int, Derivation | None] = {}


def _consume(iterator: Iterator[object]) -> None:
    """Run an iterator to its end at C speed (for a ``map`` of setters)."""
    deque(iterator, maxlen=0)


def _nones(values: list[Any]) -> Iterator[int]:
    """The positions of ``None`` in ``values``, found at C speed."""
    return compress(range(len(values)), map(is_, values, repeat(None)))


def _flag(index: int) -> int:
    """The "given" bit of lab column ``index``; "abnormal" is the next one."""
    return _LAB_FLAGS + 2 * index


@lru_cache(maxsize=4096)
def _derivations(flags: tuple[tuple[str, str, bool], ...]) -> tuple[Derivation, ...]:
    """What labs say, in rule order, from (quantity, key, abnormal) alone:
    the rule of `mexsledai.labs.derive`, which reads nothing else."""
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
    """The appended values of the rows of one table, computed in batches.

    Args:
        scorer: the table's `TableScorer` (its header plan and options).
        as_text: give numbers as text, for text output.
        all_text: every cell is text (a text file), not spreadsheet values.
    """

    def __init__(
        self, scorer: TableScorer, *, as_text: bool = False, all_text: bool = False
    ) -> None:
        self._scorer = scorer
        # Cells that are all text (a text file) need no check for booleans.
        self._all_text = all_text
        self._width = scorer.width
        self._as_text = as_text
        self._numbers: Sequence[int | str] = (
            _NUMBER_TEXT if as_text else range(MAX_TOTAL + 1)
        )
        self._assume_absent = scorer.unrecorded == "absent"
        #: After `batch`: whether a cell of it may need a formula escape
        #: (counted on finding cells; every cell of a row the full path took).
        self.formula_cells = False
        #: The problems of rows in error, as (row, where, what, value), for
        #: the caller to count; the caller empties it.
        self.problems: list[tuple[int, str, str, str]] = []
        # Lab columns: a getter, the key, what a cell reads as (its bits), and
        # the number it read as (for the words of warnings).
        self._labs: list[tuple[Getter, str, dict[object, int]]] = []
        self._lab_numbers: list[dict[object, float]] = []
        bits_of_quantity: dict[str, int] = {}
        for index, (column, key) in enumerate(scorer.plan.labs):
            self._labs.append((itemgetter(column), key, {"": 0, None: 0}))
            self._lab_numbers.append({})
            quantity = LAB_UNIT_BY_KEY[key].quantity
            bits_of_quantity[quantity] = bits_of_quantity.get(quantity, 0) | (
                3 << _flag(index)
            )
        quantities = [LAB_UNIT_BY_KEY[key].quantity for _, key in scorer.plan.labs]
        self._two_units = len(set(quantities)) < len(quantities)
        # Descriptors: a getter of their cells (None if none), the lab bits that
        # bear on their findings, which findings have a column.
        columns = {key: column for column, key in scorer.plan.findings}
        self._descriptors: list[tuple[Getter | None, int, tuple[bool, ...]]] = []
        for descriptor in DESCRIPTORS:
            where = [columns.get(key) for key in descriptor.finding_keys]
            wanted = [c for c in where if c is not None]
            relevant = 0
            for rule in LAB_RULES:
                if DESCRIPTOR_OF_FINDING[rule.finding] is descriptor:
                    for quantity in rule.quantities:
                        relevant |= bits_of_quantity.get(quantity, 0)
            getter = itemgetter(*wanted) if wanted else None
            self._descriptors.append(
                (getter, relevant, tuple(c is not None for c in where))
            )
        self._groups = self._group(columns)
        # Appended values and status by a row's key; derivations by lab bits.
        self._appended: dict[int, tuple[Appended | None, str, bool]] = {}
        self._plans: dict[int, tuple[Derivation, ...]] = {}
        # For mexsledai_derived: each lab key's getter and index, and the text
        # of a derived finding by its lab cells.
        self._lab_of_key = {
            key: (getter, index) for index, (getter, key, _) in enumerate(self._labs)
        }
        self._parts: dict[tuple[str, tuple[object, ...]], str] = {}
        self._lab_mask = sum(3 << _flag(i) for i in range(len(self._labs)))
        # Each finding's cell getter (findings with a column), and the
        # derivations present under each lab mask.
        self._finding_cell = {
            key: itemgetter(column) for column, key in scorer.plan.findings
        }
        self._present: dict[int, tuple[tuple[Derivation, Getter | None], ...]] = {}
        self._rules = self._rule_cells(columns)

    def _rule_cells(self, columns: dict[str, int]) -> list[_Rule]:
        """Each lab rule with a lab column, in rule order (the order of
        warnings)."""
        rules: list[_Rule] = []
        for rule in LAB_RULES:
            labs = tuple(
                index
                for index, (_, key) in enumerate(self._scorer.plan.labs)
                if LAB_UNIT_BY_KEY[key].quantity in rule.quantities
            )
            if not labs:
                continue
            finding_column = columns.get(rule.finding)
            lab_cells = itemgetter(*[self._scorer.plan.labs[i][0] for i in labs])
            cell = itemgetter(finding_column) if finding_column is not None else None
            rules.append(_Rule(rule.finding, labs, cell, lab_cells))
        return rules

    def _group(self, columns: dict[str, int]) -> list[_Group]:
        """Groups of descriptors whose cells are read and cached together:
        one that lab columns bear on stands alone, the others share groups of
        at most `_GROUP_CELLS` cells, and those with no column add a constant.

        Returns, per group: a getter of its cells (None if none), the lab
        bits that bear on it, its members (position, first cell, cells), its
        cache of packed readings, and the indexes of the lab columns that
        bear on it.
        """
        self._constant = 0
        bins: list[list[int]] = []
        for position, (_, relevant, has_column) in enumerate(self._descriptors):
            cells = sum(has_column)
            if relevant:
                bins.append([position])
            elif cells == 0:
                self._constant += self._reading(position, None, 0)
            else:
                for members in bins:
                    size = sum(sum(self._descriptors[m][2]) for m in members)
                    if (
                        not self._descriptors[members[0]][1]
                        and size + cells <= _GROUP_CELLS
                    ):
                        members.append(position)
                        break
                else:
                    bins.append([position])
        groups: list[_Group] = []
        for members in bins:
            wanted: list[int] = []
            layout = []
            for position in members:
                mine = [
                    columns[k]
                    for k in DESCRIPTORS[position].finding_keys
                    if k in columns
                ]
                layout.append((position, len(wanted), len(mine)))
                wanted.extend(mine)
            relevant = self._descriptors[members[0]][1] if len(members) == 1 else 0
            getter = itemgetter(*wanted) if wanted else None
            labs = tuple(
                index
                for index in range(len(self._labs))
                if relevant >> _flag(index) & 3
            )
            groups.append((getter, relevant, tuple(layout), {}, labs))
        return groups

    # -- reading cells (cache misses) -------------------------------------

    def _lab_reading(self, raw: object, key: str, index: int) -> tuple[int, float]:
        """The bits of a lab cell and its number; `_BAD` for a cell the full
        path must explain (not a number, implausible)."""
        try:
            number = read_number(
                raw, decimal=self._scorer.decimal, percent=key.endswith("_percent")
            )
        except CellError:
            return _BAD, 0.0
        if number is None:  # white space only: blank
            return 0, 0.0
        checked, problem = check_lab_value(key, number)
        if problem is not None or checked is None:
            return _BAD, 0.0
        if key == PERCENT_KEY or (
            key == "lymphocytes_per_mm3" and checked <= LOW_LYMPHOCYTE_COUNT
        ):
            return _BAD, 0.0  # the full path computes and warns
        unit = LAB_UNIT_BY_KEY[key]
        abnormal = QUANTITY_BY_NAME[unit.quantity].is_abnormal(unit, checked)
        return 1 << _GIVEN | (3 if abnormal else 1) << _flag(index), checked

    def _lab_bits(self, raw: object, index: int, cached_as: object) -> int:
        """The bits of a lab cell, cached (as ``cached_as``) with its number."""
        _, key, cache = self._labs[index]
        found = cache.get(cached_as)  # read earlier in this batch?
        if found is not None:
            return found
        bits, number = self._lab_reading(raw, key, index)
        if len(cache) < _LIMIT:
            cache[cached_as] = bits
            self._lab_numbers[index][cached_as] = number
        return bits

    def _lab_number(self, raw: object, index: int) -> float:
        found = self._lab_numbers[index].get(raw)
        if found is None:
            found = self._lab_reading(raw, self._labs[index][1], index)[1]
        return found

    def _findings(
        self, raw: object, has_column: tuple[bool, ...]
    ) -> tuple[bool | None, ...] | None:
        """A descriptor's recorded findings (None: no column, or blank), or
        None when a cell is not a finding value."""
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
        """(quantity, key, abnormal) of each lab column given in ``mask``."""
        return tuple(
            (LAB_UNIT_BY_KEY[key].quantity, key, bool(mask >> (_flag(i) + 1) & 1))
            for i, (_, key, _) in enumerate(self._labs)
            if mask >> _flag(i) & 1
        )

    def _plan(self, mask: int) -> tuple[Derivation, ...]:
        plan = self._plans.get(mask)
        if plan is None:
            plan = self._plans[mask] = _derivations(self._flags(mask))
        return plan

    def _reading(self, position: int, raw: object, mask: int) -> int:
        """The packed reading of one descriptor's cells, given the lab bits
        that bear on it."""
        _, _, has_column = self._descriptors[position]
        values = self._findings(raw, has_column)
        if values is None:
            return _BAD
        count = sum(has_column)
        cells: Sequence[object] = () if count == 0 else (raw,) if count == 1 else raw  # type: ignore[assignment]
        formulas = sum(
            1 for cell in cells if isinstance(cell, str) and needs_escape(cell)
        )
        recorded = any(value is not None for value in values)
        final = list(values)
        due = 0
        derived = 0
        for derivation in self._plan(mask) if mask else ():
            where, offset = _POSITION_OF_FINDING[derivation.finding]
            if where != position:
                continue
            current = values[offset]
            if derivation.present is None:
                if current is None:
                    due |= _DUE_BIT[derivation.finding]
            elif current is None:
                final[offset] = derivation.present
                derived += derivation.present
            elif current is not derivation.present:
                due |= _DUE_BIT[derivation.finding]
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
            | int(due > 0) << _WARNED
            | formulas << _FORMULA
            | derived << _DERIVED
            | due
        )

    def _group_reading(
        self, members: tuple[tuple[int, int, int], ...], raw: object, mask: int
    ) -> int:
        """The packed reading of a group: its members' readings added up."""
        total = sum(count for _, _, count in members)
        cells: Sequence[object] = () if total == 0 else (raw,) if total == 1 else raw  # type: ignore[assignment]
        packed = 0
        for position, start, count in members:
            part = cells[start : start + count]
            reading = self._reading(
                position, part[0] if count == 1 else tuple(part) or None, mask
            )
            if reading >= _BAD:
                return _BAD
            packed += reading
        return packed

    # -- the batch ---------------------------------------------------------

    def batch(
        self, rows: Sequence[Sequence[object]], first: int
    ) -> tuple[list[Appended], Counts, int]:
        """Score rows: their appended values, their count by status, and
        their blank finding cells counted absent.

        Args:
            rows: the rows, each at least as wide as the header (short rows
                padded by the caller or here).
            first: the spreadsheet number of the first row.
        """
        appended, counts, blank, warned, messages = self.batch_apart(rows, first)
        if warned:
            splice_messages(appended, warned, messages)
        return appended, counts, blank

    def batch_apart(
        self, rows: Sequence[Sequence[object]], first: int
    ) -> tuple[list[Appended], Counts, int, list[int], list[str]]:
        """As `batch`, but the rows with warnings that the fast path words
        keep the values they share with other rows (no message); their
        positions and messages are given apart, for a writer that writes
        each message itself (`splice_messages` puts them in)."""
        width = self._width
        if min(map(len, rows), default=width) < width:
            rows = [
                r if len(r) >= width else [*r, *[None] * (width - len(r))] for r in rows
            ]
        count = len(rows)
        # Descriptors with no column add a constant.
        readings: list[list[Any]] = [[self._constant] * count]
        lab_bits: list[list[Any]] = []
        for index, (lab_getter, _, lab_cache) in enumerate(self._labs):
            lab_raws = list(map(lab_getter, rows))
            # True equals 1 as a dict key, but a boolean is no lab value:
            # booleans (from xlsx) are cached apart.
            lab_keys: list[object] = lab_raws
            if not self._all_text and bool in set(map(type, lab_raws)):
                lab_keys = [(_BOOLEAN, r) if type(r) is bool else r for r in lab_raws]
            bits: list[Any] = list(map(lab_cache.get, lab_keys))
            if bits.count(None):  # on ints, faster than `None in bits`
                for at in _nones(bits):
                    bits[at] = self._lab_bits(lab_raws[at], index, lab_keys[at])
            lab_bits.append(bits)
        readings.extend(lab_bits)
        for getter, relevant, members, cache, labs in self._groups:
            raws: list[object] = (
                list(map(getter, rows)) if getter is not None else [None] * count
            )
            # A group that lab values bear on is read with their bits.
            keys: list[Any] = (
                list(zip(raws, *[lab_bits[i] for i in labs], strict=True))
                if labs
                else raws
            )
            found: list[Any] = list(map(cache.get, keys))
            if found.count(None):
                for at in _nones(found):
                    key = keys[at]
                    reading = cache.get(key)  # read earlier in this batch?
                    if reading is None:
                        lab_part = sum(key[1:]) & relevant if labs else 0
                        reading = self._group_reading(members, raws[at], lab_part)
                        if len(cache) < _LIMIT:
                            cache[key] = reading
                    found[at] = reading
            readings.append(found)
        packed = list(map(sum, zip(*readings, strict=True)))
        blank = sum(map(and_, packed, repeat(_FIELD << _BLANK))) >> _BLANK
        self.formula_cells = sum(map(and_, packed, repeat(_FIELD << _FORMULA))) > 0
        keys_of_rows = list(map(and_, packed, repeat(_KEY)))
        entries: list[Any] = list(map(self._appended.get, keys_of_rows))
        if None in entries:
            for at in _nones(entries):
                key = keys_of_rows[at]
                entries[at] = self._appended.get(key) or self._entry(key)
                self._appended[key] = entries[at]
        statuses = Counter(map(_SECOND, entries))
        appended: list[Any] = list(map(_FIRST, entries))
        irregular = self._two_units or max(map(len, rows), default=0) > width
        full: set[int] = set()
        if irregular or None in appended:
            for at in range(count) if irregular else _nones(appended):
                entry = entries[at]
                if entry is _FULL_PATH or (
                    irregular and self._irregular(rows[at], packed[at])
                ):
                    self.formula_cells = True  # such a row may hold anything
                    appended[at], status, blank_here = self._full(rows[at], first + at)
                    blank += blank_here - (packed[at] >> _BLANK & _FIELD)
                    full.add(at)
                    statuses[entry[1]] -= 1
                    statuses[status] += 1
        warned = list(compress(range(count), map(_THIRD, entries)))
        messages: list[str] = []
        if warned:
            if full:
                warned = [at for at in warned if at not in full]
            messages = self._messages(
                list(map(rows.__getitem__, warned)),
                list(map(packed.__getitem__, warned)),
            )
        if self._labs:
            # The readings counted the findings a lab value made present.
            made = map(and_, packed, repeat(_FIELD << _DERIVED))
            for at in compress(range(count), made):
                if at not in full:
                    derived = self._derived(rows[at], packed[at])
                    if derived:
                        appended[at] = (*appended[at][:-1], derived)
        counts = {status: n for status, n in statuses.items() if n}
        return appended, counts, blank, warned, messages

    def _derived(self, cells: Sequence[object], packed: int) -> str:
        """The ``mexsledai_derived`` text of a row: the findings its lab values
        made present (not recorded, derived present), in the words of
        `mexsledai.labs.describe_derived`; each finding's part is cached by
        the lab cells that made it."""
        mask = packed & self._lab_mask
        present = self._present.get(mask)
        if present is None:
            present = self._present[mask] = tuple(
                (d, self._finding_cell.get(d.finding))
                for d in self._plan(mask)
                if d.present is True
            )
        words = self._scorer.words
        parts = []
        for derivation, cell_of in present:
            if cell_of is not None:
                cell = cell_of(cells)
                value = words.get(cell, _MISSING)
                if value is _MISSING:
                    value = read_finding(cell, decimal=self._scorer.decimal)
                if value is not None:
                    continue  # recorded: not derived
            raws = tuple(self._lab_of_key[key][0](cells) for key in derivation.keys)
            part = self._parts.get((derivation.finding, raws))
            if part is None:
                numbers = {
                    key: self._lab_number(raw, self._lab_of_key[key][1])
                    for key, raw in zip(derivation.keys, raws, strict=True)
                }
                part = describe_derived(
                    [(derivation.finding, derivation.keys)], numbers
                )
                if len(self._parts) < _LIMIT:
                    self._parts[derivation.finding, raws] = part
            parts.append(part)
        return DERIVED_SEPARATOR.join(parts)

    def _irregular(self, row: Sequence[object], packed: int) -> bool:
        if len(row) > self._width:
            return True
        quantities = [quantity for quantity, _, _ in self._flags(packed)]
        return len(set(quantities)) < len(quantities)

    def _entry(self, key: int) -> tuple[Appended | None, str, bool]:
        """The appended values and status of rows with this key, and whether
        their warnings are to be worded in; or the full path's entry."""
        if key >= _BAD or not (key >> _RECORDED & _FIELD or key >> _GIVEN & _FIELD):
            return _FULL_PATH  # a cell to explain, or nothing recorded
        values, status = self._values(key & _FIELD, key >> _HIGH & _FIELD)
        return values, status, bool(key >> _WARNED & _FIELD)

    def _values(self, minimum: int, maximum: int) -> tuple[Appended, RowStatus]:
        """The appended values of a score range, without a message (rows
        with warnings get theirs spliced in)."""
        levels = self._scorer.levels
        category = levels[minimum]
        low, high = self._numbers[minimum], self._numbers[maximum]
        if minimum == maximum:
            return (low, low, high, category, "scored", "", ""), "scored"
        if category != levels[maximum]:
            category = ""
        return ("", low, high, category, "incomplete", "", ""), "incomplete"

    def _messages(self, rows: list[Sequence[object]], packed: list[int]) -> list[str]:
        """The warnings of rows with warnings, each row's joined in rule
        order: for each lab rule that words one (its bit in the row's packed
        reading), the warning its finding's cell and lab cells give, cached
        by those cells.

        Args:
            rows: the rows with warnings.
            packed: their packed readings.
        """
        count = len(rows)
        parts: list[list[str]] = []
        for rule in self._rules:
            wanted = list(
                compress(
                    range(count), map(and_, packed, repeat(_DUE_BIT[rule.finding]))
                )
            )
            if not wanted:
                continue
            some = list(map(rows.__getitem__, wanted))
            cells: list[object] = (
                list(map(rule.cell, some)) if rule.cell else [None] * len(some)
            )
            for cell in set(cells):
                rule.texts.setdefault(cell, {})
            by_cell = list(map(rule.texts.__getitem__, cells))
            labs = list(map(rule.lab_cells, some))
            found: list[Any] = list(map(dict.get, by_cell, labs))
            for at in _nones(found):
                known = by_cell[at].get(labs[at])  # worded earlier in this batch?
                if known is None:
                    known = self._rule_warning(rule, some[at], labs[at])
                    if rule.size < _LIMIT:
                        by_cell[at][labs[at]] = known
                        rule.size += 1
                found[at] = known
            if len(wanted) == count:
                parts.append(found)
            else:
                texts = [""] * count
                _consume(map(texts.__setitem__, wanted, found))
                parts.append(texts)
        if len(parts) == 1:
            return parts[0]
        joined = map(
            MESSAGE_SEPARATOR.join, map(_FILTER_NONE, zip(*parts, strict=True))
        )
        return list(joined)

    def _rule_warning(
        self, rule: _Rule, cells: Sequence[object], lab_cells: object
    ) -> str:
        """The warning a lab rule words for a row (one is due), in the words
        of `mexsledai.score`: a conflict with the recorded finding, or a
        finding left undecided. ``lab_cells`` are the rule's lab cells, as
        ``rule.lab_cells`` gives them. The caller keeps it by the pair of
        cells; what the lab cells alone say is not kept apart (that cache
        cost more in memory traffic than it saved)."""
        derivation, numbers = self._lab_saying(rule, lab_cells)
        if derivation is None:  # pragma: no cover - a warning is due
            return ""
        current = None
        if rule.cell is not None:
            cell = rule.cell(cells)
            current = self._scorer.words.get(cell, _MISSING)
            if current is _MISSING:
                current = read_finding(cell, decimal=self._scorer.decimal)
        if derivation.present is None:
            return undetermined_warning(
                rule.finding, derivation, numbers, self._scorer.unrecorded
            )
        return conflict_warning(
            rule.finding,
            current,  # type: ignore[arg-type]
            derivation,
            numbers,
        )

    def _lab_saying(
        self, rule: _Rule, lab_cells: object
    ) -> tuple[Derivation | None, dict[str, float]]:
        """A rule's derivation from its lab cells (None if none), and their
        numbers."""
        numbers: dict[str, float] = {}
        mask = 0
        raws = lab_cells if len(rule.labs) > 1 else (lab_cells,)
        for raw, index in zip(raws, rule.labs, strict=True):  # type: ignore[call-overload]
            cached_as = (_BOOLEAN, raw) if type(raw) is bool else raw
            bits = self._lab_bits(raw, index, cached_as)
            if bits >> _flag(index) & 1:
                numbers[self._labs[index][1]] = self._lab_number(raw, index)
                mask |= bits
        derivation = rule.derivations.get(mask, _MISSING)
        if derivation is _MISSING:
            derivation = next(
                (d for d in self._plan(mask) if d.finding == rule.finding), None
            )
            rule.derivations[mask] = derivation
        return derivation, numbers  # type: ignore[return-value]

    def _full(self, cells: Sequence[object], row: int) -> tuple[Appended, str, int]:
        result = self._scorer.score_row(cells, row)
        self.problems.extend((row, *problem) for problem in result.problems)
        appended = result.appended()
        if self._as_text:
            appended = tuple(str(value) for value in appended)
        return appended, result.status, result.blank_counted_absent
