"""The name tables of LANGUAGES.md, parsed from the copy in this folder.

The tests compare the header matcher with the published tables, not with
the package's own data, so a name dropped from the package is caught.
"""

from __future__ import annotations

import re
from pathlib import Path

SPEC = Path(__file__).with_name("languages_spec.md").read_text(encoding="utf-8")
LANGS = ("en", "es", "id", "pt")


def _section(title: str) -> list[list[str]]:
    """The body rows of the first table after a heading starting with ``title``."""
    text = SPEC.split(f"## {title}", 1)[1]
    rows: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("## ") and rows:
            break
        if line.startswith("|") and not set(line) <= set("|-: "):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows[1:]  # without the header row


def _names(cell: str) -> list[str]:
    return [name.strip() for name in cell.split(",") if name.strip()]


def _ticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


#: (language, alias, finding key)
FINDING_ALIASES = [
    (lang, name, row[0].strip("`"))
    for row in _section("Findings")
    for lang, cell in zip(LANGS, row[1:], strict=True)
    for name in _names(cell)
]
#: (language, name, descriptor key)
DESCRIPTOR_NAMES = [
    (lang, name, row[0].strip("`"))
    for row in _section("Descriptor names")
    for lang, cell in zip(LANGS, row[1:], strict=True)
    for name in _names(cell)
]
_QUANTITY_ROWS = _section("Quantities")
#: quantity (as the table names it) -> every name in every language
QUANTITY_NAMES = {
    row[0]: [name for cell in row[1:] for name in _names(cell)]
    for row in _QUANTITY_ROWS
}
UNCORRECTED = QUANTITY_NAMES.pop("reticulocytes, uncorrected (always a stop)")
_PREFIX = {
    "leukocytes": "leukocytes",
    "lymphocytes": "lymphocytes",
    "platelets": "platelets",
}
#: (quantity, unit spelling, key)
UNITS: list[tuple[str, str, str]] = []
for quantities, target, spellings in _section("Units"):
    key = _ticked(target)[0]
    for quantity in _names(quantities):
        full = key.replace("*", _PREFIX.get(quantity, quantity))
        listed = _ticked(spellings.split(" (")[0])  # not the remark after the list
        UNITS.extend((quantity, spelling, full) for spelling in listed)
#: (scheme, level, language, label)
LEVELS: list[tuple[str, str, str, str]] = []
_scheme = ""
for row in _section("Activity levels"):
    _scheme = row[0].strip("`") or _scheme
    LEVELS.extend(
        (_scheme, row[1].strip("`"), lang, label)
        for lang, label in zip(LANGS, row[2:], strict=True)
    )
