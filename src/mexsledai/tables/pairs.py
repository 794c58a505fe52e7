"""One visit written as ``KEY=VALUE`` pairs, as on a command line.

A KEY is anything a header may be (a key, a finding's name in any of the
four languages, a quantity with its unit: ``convulsiones``, ``"Leucocitos
/mm3"``); a VALUE is read as a spreadsheet cell is. Every problem is listed
at once, each naming the pair and what would be valid.

Examples:
    >>> result = score_pairs(["convulsiones=sí", "Leucocitos /mm3=3200"])
    >>> result.total, result.derived
    (9, ('leukopenia',))
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._flat import FLAT_KEYS
from ..errors import InvalidAssessmentError, Problem
from .cells import Decimal
from .headers import _ALIASES, _near_miss, normalize_header, resolve_header
from .rows import TableScorer

if TYPE_CHECKING:
    from ..schemes import CategoryScheme
    from ..scoring import Score, Unrecorded

__all__ = ["score_pairs"]

_NAMES = (*FLAT_KEYS, *_ALIASES)


def _unknown(key: str) -> Problem:
    text = normalize_header(key)
    meaning = _near_miss(text) if text else None
    if meaning is not None:
        return Problem(key, None, f"{key!r} {meaning}", None, "unknown_key")
    close = difflib.get_close_matches(
        text, [normalize_header(n) for n in _NAMES], 1, 0.6
    )
    named = resolve_header(close[0]) if close else None
    hint = f"; did you mean {named!r}?" if named else ""
    msg = f"{key!r} is not a MEX-SLEDAI key or a name of one{hint}"
    return Problem(key, None, msg, named, "unknown_key")


def score_pairs(
    pairs: Sequence[str],
    *,
    decimal: Decimal = ".",
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = "five-level",
) -> Score:
    """Score one visit given as ``KEY=VALUE`` pairs (split at the last ``=``).

    No pairs, or only blank values, score "nothing recorded".

    Raises:
        InvalidAssessmentError: every problem: a pair without ``=``, an
            unknown key (with "did you mean"), two pairs for one key, a value
            that is not valid for its key.
    """
    from ..scoring import score  # noqa: PLC0415  (builds the models)

    problems: list[Problem] = []
    keys: list[str] = []
    given: list[str] = []
    values: list[str] = []
    seen: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.rpartition("=")
        if not equals or not name.strip():
            msg = f"{pair!r} is not KEY=VALUE (e.g. seizures=yes, temperature_c=38.5)"
            problems.append(Problem(pair, None, msg, None, "not_a_pair"))
            continue
        key = resolve_header(name)
        if key is None:
            problems.append(_unknown(name.strip()))
            continue
        if key in seen:
            msg = f"{seen[key]!r} and {name.strip()!r} both give {key}: give it once"
            problems.append(Problem(name, value, msg, None, "given_twice"))
            continue
        seen[key] = name.strip()
        keys.append(key)
        given.append(name.strip())
        values.append(value)
    if keys:
        scorer = TableScorer(
            keys, decimal=decimal, unrecorded=unrecorded, scheme=scheme
        )
        result = scorer.score_row(values, 2)
        for where, what, cell in result.problems:
            index = next(i for i, k in enumerate(keys) if where.endswith(f"'{k}'"))
            msg = f"{given[index]}={cell}: {what}"
            problems.append(Problem(keys[index], cell, msg, None, "invalid_value"))
        if result.score is not None and not problems:
            return result.score
    if problems:
        raise InvalidAssessmentError(problems)
    return score({}, unrecorded=unrecorded, scheme=scheme)
