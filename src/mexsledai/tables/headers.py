"""Matching a spreadsheet's header row to MEX-SLEDAI keys.

Real sheets are headed in the clinic's language and name units as the
laboratory prints them. A header is normalised (`normalize_header`), then
resolves, in this order (CONTRACT.md, "Headers in the clinic's language"):

1. a ``columns`` entry, the user's own map (header text trimmed, NFC);
2. a key (``Leukocytes per mm3`` is ``leukocytes_per_mm3``);
3. a finding alias in English, Spanish, Indonesian or Portuguese;
4. a REDCap field name of the project's dictionary (its labels are aliases,
   or names with units, already);
5. a quantity name followed by a unit spelling, the unit deciding the key
   (``Leucocitos (/mm³)``, ``WBC x10^9/L``, ``Hb g/dL``).

A header that does not resolve but looks clinical stops the run before
anything is written, because a column that is silently not read scores every
row too low: a quantity without an accepted unit, uncorrected reticulocytes,
a finding's name followed by a unit, a descriptor's name, a near miss of any
key or alias (difflib ratio at least 0.8), or a header that contains a
finding, descriptor or quantity name as whole words. ``ignore_columns``
passes such a column through on purpose.

Examples:
    >>> plan = match_header(["patient_id", "Convulsiones", "Leucocitos (/mm³)"])
    >>> plan.findings, plan.labs
    (((1, 'seizures'),), ((2, 'leukocytes_per_mm3'),))
    >>> match_header(["psycosis"])
    Traceback (most recent call last):
    ...
    mexsledai.tables.headers.HeaderError: the header cannot be read safely:
    - column A 'psycosis' is not a MEX-SLEDAI key but is close to 'psychosis': \
rename it, map it with --columns, or pass --ignore-column 'psycosis' to keep \
it as an ordinary column
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from .._bands import BUILT_IN_BANDS
from .._flat import FLAT_KEYS
from ..labs import LAB_KEYS, LAB_UNIT_BY_KEY, QUANTITY_BY_NAME
from ..languages import (
    DESCRIPTOR_NAMES,
    FINDING_ALIASES,
    HEADER_QUANTITIES,
    LANGS,
    REDCAP_CALC_FIELDS,
    REDCAP_FIELD_NAMES,
    UNCORRECTED_RETICULOCYTES,
    redcap_calc_labels,
)
from ..registry import DESCRIPTOR_BY_KEY, FINDING_KEYS

__all__ = [
    "OUTPUT_COLUMNS",
    "OUTPUT_PREFIX",
    "HeaderError",
    "HeaderPlan",
    "TableError",
    "column_letter",
    "count_keys",
    "is_output_column",
    "match_header",
    "normalize_header",
    "resolve_header",
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
    "mexsledai_derived",
)
#: REDCap's identifier columns: ordinary columns, never stopped.
REDCAP_IDENTIFIERS: Final = (
    "record_id",
    "redcap_event_name",
    "redcap_repeat_instrument",
    "redcap_repeat_instance",
    "redcap_data_access_group",
)

_FINDING_SET = frozenset(FINDING_KEYS)
_LAB_SET = frozenset(LAB_KEYS)

_BEFORE: Final = str.maketrans(
    {"µ": "u", "μ": "u", "º": "°", "×": "x"}
    | {s: str(d) for d, s in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}
)
_SEPARATORS: Final = re.compile(r"[\s\-_.]+")


def normalize_header(text: object) -> str:
    """A header as matching reads it: ``µ``/``μ`` as ``u``, ``º`` as ``°``, ``×``
    as ``x``, superscripts as digits, accents dropped (NFKD), case folded, and
    runs of spaces, hyphens, underscores and dots as one space.

    Examples:
        >>> normalize_header("  Leucocitos (/mm³) ")
        'leucocitos (/mm3)'
        >>> normalize_header("leukocytes_per-mm3"), normalize_header("Convulsões")
        ('leukocytes per mm3', 'convulsoes')
    """
    if text is None:
        return ""
    mapped = str(text).translate(_BEFORE)
    if mapped.isascii():  # nothing to decompose (most names)
        plain = mapped
    else:
        decomposed = unicodedata.normalize("NFKD", mapped)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", plain.casefold()).strip()


def is_output_column(name: object) -> bool:
    """An earlier score's column (``mexsledai_*`` however written): replaced
    by this run's columns, never read.

    Examples:
        >>> is_output_column("MexSLEDAI_Score"), is_output_column("mexsledai")
        (True, False)
    """
    return normalize_header(name).startswith(normalize_header(OUTPUT_PREFIX) + " ")


def _compact(unit: str) -> str:
    """A unit spelling compared without separators: ``x 10^9/L`` = ``x10^9/l``."""
    return normalize_header(unit).replace(" ", "")


def _build() -> tuple[
    dict[str, str],
    dict[str, str],
    dict[str, str],
    tuple[tuple[str, str], ...],
    dict[str, dict[str, str]],
]:
    keys = {normalize_header(key): key for key in FLAT_KEYS}
    aliases = {
        normalize_header(name): key
        for key, by_lang in FINDING_ALIASES.items()
        for names in by_lang.values()
        for name in names
    }
    descriptors = {
        normalize_header(name): key
        for key, by_lang in DESCRIPTOR_NAMES.items()
        for names in (*by_lang.values(), (key,))
        for name in names
        if key not in _FINDING_SET
    }
    quantities = [
        (normalize_header(name), quantity)
        for quantity, entry in HEADER_QUANTITIES.items()
        for names in entry.names.values()
        for name in names
    ]
    quantities += [
        (normalize_header(name), "")  # uncorrected reticulocytes
        for names in UNCORRECTED_RETICULOCYTES.values()
        for name in names
    ]
    quantities.sort(key=lambda pair: -len(pair[0]))  # longest first
    units = {
        quantity: {
            _compact(spelling): key
            for key, spellings in entry.units.items()
            for spelling in spellings
        }
        for quantity, entry in HEADER_QUANTITIES.items()
    }
    return keys, aliases, descriptors, tuple(dict.fromkeys(quantities)), units


_KEYS, _ALIASES, _DESCRIPTORS, _QUANTITY_NAMES, _UNITS = _build()
# REDCap's field names for keys that do not fit in 26 characters.
_REDCAP_NAMES: Final = {
    normalize_header(name): key for key, name in REDCAP_FIELD_NAMES.items()
}
# Ordinary columns, never stopped: REDCap's identifier columns, and the
# dictionary's calculated fields by name or label, in every language.
_NEVER_STOPPED: Final = frozenset(
    normalize_header(name)
    for name in (
        *REDCAP_IDENTIFIERS,
        *REDCAP_CALC_FIELDS.values(),
        *(
            label
            for lang in LANGS
            for scheme in BUILT_IN_BANDS
            for label in redcap_calc_labels(lang, scheme).values()
        ),
        "complete?",
    )
)
_ANY_UNIT: Final = frozenset(u for units in _UNITS.values() for u in units)
_CANDIDATES: Final = tuple(dict.fromkeys([*_KEYS, *_ALIASES, *_DESCRIPTORS]))


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


def _word_at_start(text: str, name: str) -> str | None:
    """What follows ``name`` when ``text`` starts with it as a whole word."""
    if text.startswith(name):
        rest = text[len(name) :]
        if not rest or not (rest[0].isalnum() or rest[0] == "_"):
            return rest.strip()
    return None


def _unit_part(rest: str) -> str:
    """The unit of what follows a name: plain, in parentheses or brackets, or
    after a comma."""
    if len(rest) > 1 and (rest[0], rest[-1]) in (("(", ")"), ("[", "]")):
        return rest[1:-1].strip()
    if rest.startswith(","):
        return rest[1:].strip()
    return rest


def _lab(text: str) -> tuple[str, str, str | None] | None:
    """For a header that starts with a quantity name: (quantity, unit as
    written, key or None when the unit is not accepted); ``None`` otherwise.
    The quantity is ``""`` for uncorrected reticulocytes."""
    for name, quantity in _QUANTITY_NAMES:
        rest = _word_at_start(text, name)
        if rest is not None:
            unit = _unit_part(rest)
            key = _UNITS[quantity].get(_compact(unit)) if quantity and unit else None
            return quantity, unit, key
    return None


def resolve_header(header: object) -> str | None:
    """The key a header names by rule (no ``columns`` map), or ``None``.

    Examples:
        >>> resolve_header("Hb (g/dL)"), resolve_header("Fiebre")
        ('hemoglobin_g_per_dl', 'fever')
        >>> resolve_header("Linfocitos %"), resolve_header("visit") is None
        ('lymphocytes_percent', True)
    """
    text = normalize_header(header)
    found = _KEYS.get(text) or _ALIASES.get(text) or _REDCAP_NAMES.get(text)
    if found is None:
        lab = _lab(text)
        if lab is not None:
            found = lab[2]
    return found


def _units_of(quantity: str) -> str:
    """The accepted spellings of a quantity's units, and the keys they give."""
    parts = []
    for key, spellings in HEADER_QUANTITIES[quantity].units.items():
        parts.append(f"{', '.join(spellings)} (→ {key})")
    return "; ".join(parts)


def _lab_problem(text: str) -> str | None:
    lab = _lab(text)
    if lab is None:
        return None
    quantity, unit, _ = lab
    if not quantity:
        return (
            "names reticulocytes without the word for corrected: only corrected "
            "reticulocytes derive hemolysis; if the values are corrected, name it "
            "e.g. 'Reticulocitos corregidos %' (→ reticulocytes_corrected_percent)"
        )
    label = QUANTITY_BY_NAME[quantity].label.lower()
    if not unit:
        return (
            f"names {label} without its unit (the unit is never guessed from "
            f"the numbers): add one of {_units_of(quantity)}"
        )
    return (
        f"names {label} in {unit!r}, a unit this library does not read (it "
        f"makes no conversion): the accepted units are {_units_of(quantity)}"
    )


def _finding_with_suffix(text: str) -> str | None:
    """A finding's name followed by a unit, or by a parenthesised, bracketed
    or comma suffix."""
    for alias, key in _ALIASES.items():
        rest = _word_at_start(text, alias)
        if not rest:
            continue
        if rest[0] in "([," or _compact(rest) in _ANY_UNIT:
            return (
                f"is the finding {key} followed by {rest!r}: a finding column "
                f"holds yes/no, and a lab value needs a lab key; name it exactly "
                f"{alias!r} for the finding"
            )
    return None


def _contained(text: str) -> str | None:
    """A finding, descriptor or quantity name inside the header, as words."""
    names = [(alias, f"the finding {key}") for alias, key in _ALIASES.items()]
    names += [(name, f"the descriptor {key}") for name, key in _DESCRIPTORS.items()]
    names += [
        (name, QUANTITY_BY_NAME[q].label.lower() if q else "reticulocytes")
        for name, q in _QUANTITY_NAMES
    ]
    for name, meaning in names:
        # The substring test first: compiling every name's pattern for every
        # table costs more than reading the table's header.
        if name in text and re.search(rf"(?<![^\W_]){re.escape(name)}(?![^\W_])", text):
            return f"contains {name!r}, a name of {meaning}, but is not one"
    return None


def _near_miss(text: str) -> str | None:
    """What a header that did not resolve may mean, or ``None``."""
    problem = _lab_problem(text) or _finding_with_suffix(text)
    if problem is not None:
        return problem
    descriptor = _DESCRIPTORS.get(text)
    if descriptor is not None:
        findings = ", ".join(DESCRIPTOR_BY_KEY[descriptor].finding_keys)
        return (
            f"is the descriptor {descriptor}, not a finding: record its findings "
            f"in columns named {findings}"
        )
    best, best_ratio = None, 0.0
    matcher = difflib.SequenceMatcher(b=text, autojunk=False)
    for candidate in _CANDIDATES:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < 0.8 or matcher.quick_ratio() < 0.8:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    if best is not None and best_ratio >= 0.8:
        key = _KEYS.get(best) or _ALIASES.get(best) or _DESCRIPTORS[best]
        meaning = repr(key) if best == normalize_header(key) else f"{best!r} ({key})"
        return f"is not a MEX-SLEDAI key but is close to {meaning}"
    return _contained(text)


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
        matched: (column index, key) for each key column whose header is not
            written as its key (an alias, a name and unit, or a map entry).
    """

    header: tuple[str, ...]
    kept: tuple[int, ...]
    findings: tuple[tuple[int, str], ...]
    labs: tuple[tuple[int, str], ...]
    missing: tuple[str, ...]
    matched: tuple[tuple[int, str], ...] = ()

    @property
    def output_header(self) -> tuple[str, ...]:
        """The kept header cells, then `OUTPUT_COLUMNS`."""
        return (*(self.header[i] for i in self.kept), *OUTPUT_COLUMNS)

    def name(self, index: int) -> str:
        """How messages name a column: its letter and its header."""
        return _name(index, self.header[index])

    def matches(self) -> tuple[str, ...]:
        """How each column not written as a key was matched, e.g.
        ``"'Leucocitos (/mm³)' → leukocytes_per_mm3"``."""
        return tuple(f"{self.header[i]!r} → {key}" for i, key in self.matched)


def _exact(text: object) -> str:
    return unicodedata.normalize("NFC", str(text).strip())


def _map_problems(
    columns: Mapping[str, str | None], cells: Sequence[str], ignored: set[str]
) -> list[str]:
    """Everything wrong with a ``columns`` map, for this header."""
    problems = []
    present = {_exact(cell) for cell in cells}
    by_key: dict[str, str] = {}
    for column, key in columns.items():
        if key is not None and key != "" and key not in FLAT_KEYS:
            named = resolve_header(key)
            if named is not None:
                hint = f"it is a name of {named}: write the key {named!r}"
            else:
                close = difflib.get_close_matches(str(key), FLAT_KEYS, n=1, cutoff=0.6)
                hint = (
                    f"did you mean {close[0]!r}?"
                    if close
                    else "see `mexsledai template`"
                )
            problems.append(
                f"--columns maps {column!r} to {key!r}, which is not a MEX-SLEDAI "
                f"key: {hint}"
            )
        elif key:
            if key in by_key:
                problems.append(
                    f"--columns maps both {by_key[key]!r} and {column!r} to {key!r}: "
                    "map one column per key"
                )
            by_key[key] = column
        if _exact(column) not in present:
            problems.append(
                f"--columns names {column!r}, which is not a column of the header"
            )
        if normalize_header(column) in ignored:
            problems.append(
                f"{column!r} is named by both --columns and --ignore-column: keep one"
            )
    return problems


def match_header(
    header: Sequence[object],
    *,
    ignore_columns: Iterable[str] = (),
    columns: Mapping[str, str | None] | None = None,
) -> HeaderPlan:
    """Match a header row to keys.

    Args:
        header: the header cells.
        ignore_columns: headers to pass through on purpose even if they look
            like a key or a near miss (compared as `normalize_header` reads them).
        columns: the user's map of header text to key (``None`` or ``""``:
            pass the column through); it overrides every rule for the headers
            it names.

    Raises:
        HeaderError: every problem of the header and of the map, together:
            near misses, two columns for one key, no key column at all, an
            ``ignore_columns`` entry that names no column, a bad map entry.
    """
    cells = tuple("" if h is None else str(h) for h in header)
    ignored = {normalize_header(c): c for c in ignore_columns}
    mapped = {_exact(column): key for column, key in (columns or {}).items()}
    problems = _map_problems(columns, cells, set(ignored)) if columns else []
    seen: dict[str, int] = {}
    kept: list[int] = []
    findings: list[tuple[int, str]] = []
    labs: list[tuple[int, str]] = []
    matched: list[tuple[int, str]] = []
    used_ignores: set[str] = set()
    for index, cell in enumerate(cells):
        if is_output_column(cell):
            continue
        kept.append(index)
        text = normalize_header(cell)
        exact = _exact(cell)
        if exact in mapped:
            key: str | None = mapped[exact] or None
            if key not in _FINDING_SET and key not in _LAB_SET:
                continue  # passed through, or a bad entry reported above
        elif text in ignored:
            used_ignores.add(text)
            continue
        else:
            key = resolve_header(cell)
            if key is None:
                meaning = (
                    _near_miss(text)
                    if text
                    and text not in _NEVER_STOPPED
                    and not text.endswith(" complete")  # REDCap's <form>_complete
                    else None
                )
                if meaning is not None:
                    problems.append(
                        f"{_name(index, cell)} {meaning}: rename it, map it with "
                        f"--columns, or pass --ignore-column {cell.strip()!r} to "
                        "keep it as an ordinary column"
                    )
                continue
        if key in seen:
            problems.append(
                f"{_name(seen[key], cells[seen[key]])} and {_name(index, cell)} "
                f"both name {key}: keep one, map one with --columns, or pass "
                "--ignore-column for the other"
            )
            continue
        seen[key] = index
        (findings if key in _FINDING_SET else labs).append((index, key))
        if text != normalize_header(key):
            matched.append((index, key))
    for text, given in ignored.items():
        if text not in used_ignores:
            problems.append(f"--ignore-column {given!r} names no column of the header")
    if not findings and not labs and not problems:
        problems.append(
            "no column is named after a MEX-SLEDAI finding or lab key "
            "(e.g. seizures, arthritis, leukocytes_per_mm3, or a name in Spanish, "
            "Indonesian or Portuguese); see `mexsledai template` for every key"
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
    return HeaderPlan(
        cells, tuple(kept), tuple(findings), tuple(labs), missing, tuple(matched)
    )


def count_keys(header: Sequence[str], mapped: Collection[str] = ()) -> int:
    """How many cells of a header name a key or are named in ``mapped`` (for
    choosing a delimiter)."""
    names = {_exact(name) for name in mapped}
    return sum(
        1
        for cell in header
        if resolve_header(cell) is not None or _exact(cell) in names
    )
