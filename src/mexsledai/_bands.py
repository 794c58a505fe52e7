"""The built-in activity schemes as plain data.

`mexsledai.schemes` builds its `CategoryScheme` objects from these tables; the
spreadsheet layer and the command line read them directly, so that scoring a
file needs no model built at start-up. Sources and standing are in
`mexsledai.schemes` and docs/instrument.md.
"""

from __future__ import annotations

from .registry import MAX_TOTAL

__all__ = [
    "BUILT_IN_BANDS",
    "DEFAULT_SCHEME",
    "DESCRIPTIONS",
    "level_table",
    "unknown_scheme",
]

DEFAULT_SCHEME = "five-level"

#: scheme name -> (low, high, level) bands, inclusive, covering 0..32 in order.
BUILT_IN_BANDS: dict[str, tuple[tuple[int, int, str], ...]] = {
    "five-level": (
        (0, 1, "none"),
        (2, 5, "mild"),
        (6, 9, "moderate"),
        (10, 13, "severe"),
        (14, MAX_TOTAL, "very_severe"),
    ),
    "three-level-id": (
        (0, 1, "mild"),
        (2, 5, "moderate"),
        (6, MAX_TOTAL, "severe"),
    ),
}

DESCRIPTIONS: dict[str, str] = {
    "five-level": (
        "The grading used across Spanish-language peer-reviewed literature "
        "(e.g. Vera-Rivero DA et al., Rev Cuba Reumatol 2019;21(2); "
        "Barahona-López 2017, Med Interna Méx 33(6); Ayala Saucedo 2017, "
        "Rev Virtual Soc Parag Med Int 4(1)). Conventional, not validated."
    ),
    "three-level-id": (
        "Indonesian convention (ringan / sedang / berat) in university literature "
        "citing Isbagio H, Albar Z, Kasjmir YI et al., 2009. Note the shifted "
        "labels: 2-5 is moderate here and mild in five-level. Conventional, not "
        "validated."
    ),
}


def unknown_scheme(value: object) -> ValueError:
    """The error for a scheme that is neither a built-in name nor a scheme."""
    valid = ", ".join(repr(name) for name in BUILT_IN_BANDS)
    msg = f"scheme must be one of {valid} or a CategoryScheme, got {value!r}"
    return ValueError(msg)


def level_table(bands: tuple[tuple[int, int, str], ...]) -> tuple[str, ...]:
    """The level of every total from 0 to 32.

    Examples:
        >>> level_table(BUILT_IN_BANDS["three-level-id"])[:7]
        ('mild', 'mild', 'moderate', 'moderate', 'moderate', 'moderate', 'severe')
    """
    return tuple(level for low, high, level in bands for _ in range(low, high + 1))
