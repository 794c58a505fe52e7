"""The words of the instrument in English, Spanish, Indonesian and Portuguese.

One table, read by the header matcher, the template, the definitions and the
reports: finding aliases, descriptor names, quantity names and unit
spellings (`mexsledai.languages._names`), and the labels, definitions and
headings shown to people (`mexsledai.languages._texts`). Keys, level values
and column names never change with the language.
"""

from __future__ import annotations

from ..registry import DESCRIPTOR_BY_KEY, FINDING_BY_KEY, FINDING_KEYS
from ._names import (
    COUNT_10E9_PER_L,
    COUNT_PER_MM3,
    DESCRIPTOR_NAMES,
    FINDING_ALIASES,
    HEADER_QUANTITIES,
    LANGS,
    LEVEL_LABELS,
    PERCENT,
    REDCAP_CALC_FIELDS,
    REDCAP_FIELD_NAMES,
    UNCORRECTED_RETICULOCYTES,
    HeaderQuantity,
)
from ._texts import (
    DESCRIPTOR_LABELS,
    DESCRIPTOR_NOTES,
    FINDING_DEFINITIONS,
    FINDING_LABELS,
    HEADINGS,
    REPORT,
)

__all__ = [
    "COUNT_10E9_PER_L",
    "COUNT_PER_MM3",
    "DESCRIPTOR_LABELS",
    "DESCRIPTOR_NAMES",
    "DESCRIPTOR_NOTES",
    "FINDING_ALIASES",
    "FINDING_DEFINITIONS",
    "FINDING_LABELS",
    "HEADER_QUANTITIES",
    "HEADINGS",
    "LANGS",
    "LEVEL_LABELS",
    "PERCENT",
    "REDCAP_CALC_FIELDS",
    "REDCAP_FIELD_NAMES",
    "REPORT",
    "UNCORRECTED_RETICULOCYTES",
    "HeaderQuantity",
    "check_lang",
    "descriptor_label",
    "descriptor_note",
    "finding_definition",
    "finding_label",
    "heading",
    "level_label",
    "redcap_calc_labels",
    "redcap_field_name",
    "redcap_label",
    "report_word",
    "template_header",
]


def check_lang(lang: str) -> str:
    """``lang`` if it is one of `LANGS`.

    Raises:
        ValueError: naming the valid languages.
    """
    if lang not in LANGS:
        msg = f"lang must be one of {', '.join(LANGS)}, got {lang!r}"
        raise ValueError(msg)
    return lang


def descriptor_label(key: str, lang: str = "en") -> str:
    """A descriptor's label in ``lang``.

    Examples:
        >>> descriptor_label("renal", "es"), descriptor_label("renal")
        ('Trastorno renal', 'Renal disorder')
    """
    if check_lang(lang) == "en":
        return DESCRIPTOR_BY_KEY[key].label
    return DESCRIPTOR_LABELS[lang][key]


def descriptor_note(key: str, lang: str = "en") -> str:
    """A descriptor's note in ``lang`` (``""`` when it has none)."""
    if check_lang(lang) == "en":
        return DESCRIPTOR_BY_KEY[key].note
    return DESCRIPTOR_NOTES[lang].get(key, "")


def finding_label(key: str, lang: str = "en") -> str:
    """A finding's label in ``lang``."""
    if check_lang(lang) == "en":
        return FINDING_BY_KEY[key].label
    return FINDING_LABELS[lang][key]


def finding_definition(key: str, lang: str = "en") -> str:
    """A finding's definition in ``lang``."""
    if check_lang(lang) == "en":
        return FINDING_BY_KEY[key].definition
    return FINDING_DEFINITIONS[lang][key]


def level_label(level: str, lang: str = "en") -> str:
    """An activity level's label in ``lang`` (``level`` is its value).

    Examples:
        >>> level_label("very_severe", "id")
        'sangat berat'
    """
    return LEVEL_LABELS[level][check_lang(lang)]


def heading(name: str, lang: str = "en", **fill: object) -> str:
    """A heading or sentence of the printed texts, in ``lang``, filled in."""
    return HEADINGS[check_lang(lang)][name].format(**fill)


def report_word(name: str, lang: str = "en", **fill: object) -> str:
    """A word or sentence of the reports, in ``lang``, filled in."""
    return REPORT[check_lang(lang)][name].format(**fill)


def redcap_field_name(key: str) -> str:
    """A flat key's REDCap field name (the key itself where it fits in 26
    characters)."""
    return REDCAP_FIELD_NAMES.get(key, key)


def redcap_label(key: str, lang: str = "en") -> str:
    """The REDCap dictionary's label of a flat key in ``lang``: a finding's
    label, or a lab quantity's name with its unit. Every label reads back
    as its key.

    Examples:
        >>> redcap_label("seizures", "es"), redcap_label("temperature_f")
        ('Convulsiones', 'Temperature (°F)')
    """
    if key in FINDING_KEYS:
        return finding_label(key, lang)
    return _lab_header(key, lang)


def _lab_header(key: str, lang: str) -> str:
    """A lab key as a header: its quantity's first name in ``lang`` and the
    key's first unit spelling, e.g. ``Hemoglobina (g/dL)``."""
    for entry in HEADER_QUANTITIES.values():
        if key in entry.units:
            name = entry.names[check_lang(lang)][0]
            return f"{name[0].upper()}{name[1:]} ({entry.units[key][0]})"
    msg = f"no header for {key!r}"  # pragma: no cover - every key has one
    raise KeyError(msg)  # pragma: no cover


def redcap_calc_labels(lang: str = "en", scheme: str = "five-level") -> dict[str, str]:
    """The labels of the dictionary's calculated fields, by what they hold
    (descriptor keys, ``total``, ``level``)."""
    labels = {
        key: report_word("calc_points", lang, descriptor=descriptor_label(key, lang))
        for key in DESCRIPTOR_BY_KEY
    }
    labels["total"] = report_word("calc_total", lang)
    labels["level"] = report_word("calc_level", lang, scheme=scheme)
    return labels


def template_header(key: str, lang: str = "en") -> str:
    """The header `mexsledai template --lang` writes for a key: the key in
    English; else a finding's first name in ``lang``, or a lab quantity's
    first name with the key's first unit spelling.

    Examples:
        >>> template_header("seizures", "es"), template_header("hemoglobin_g_per_dl", "pt")
        ('Convulsiones', 'Hemoglobina (g/dL)')
    """
    if check_lang(lang) == "en":
        return key
    if key in FINDING_KEYS:
        name = FINDING_ALIASES[key][lang][0]
        return name[0].upper() + name[1:]
    return _lab_header(key, lang)
