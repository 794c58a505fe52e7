"""The instrument as text, for people: read from the registry, never retyped.

Examples:
    >>> print(definitions_text().splitlines()[0])
    MEX-SLEDAI: ten descriptors, 0 to 32 points. A descriptor scores its weight once
"""

from __future__ import annotations

import textwrap

from .labs import LAB_RULES, QUANTITIES, QUANTITY_BY_NAME, format_number
from .registry import DESCRIPTORS, MAX_TOTAL, SOURCE, TIME_WINDOW_DAYS
from .schemes import SCHEMES

__all__ = ["definitions_text"]


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, width=88, initial_indent=indent, subsequent_indent=indent
    )


def definitions_text() -> str:
    """The descriptor table, lab thresholds, units, schemes and source."""
    lines = [
        (
            f"MEX-SLEDAI: ten descriptors, 0 to {MAX_TOTAL} points. A descriptor "
            "scores its weight once"
        ),
        (
            "when any one of its findings is present, attributable to lupus, at the "
            f"visit or in the preceding {TIME_WINDOW_DAYS} days."
        ),
        "",
        f"{'weight':>6}  descriptor (key)",
    ]
    for descriptor in DESCRIPTORS:
        lines.append(f"{descriptor.weight:>6}  {descriptor.label} ({descriptor.key})")
        for finding in descriptor.findings:
            lines.extend(_wrap(f"{finding.key}: {finding.definition}", " " * 10))
        if descriptor.note:
            lines.extend(_wrap(descriptor.note, " " * 10))
    lines += [
        "",
        "Findings derived from a lab value when not recorded (strict thresholds,",
    ]
    lines += ["compared in the unit given; a recorded finding always wins):"]
    for rule in LAB_RULES:
        parts = []
        for name in rule.quantities:
            quantity = QUANTITY_BY_NAME[name]
            units = " / ".join(
                f"{u.key} {quantity.abnormal} {format_number(u.threshold)}"
                for u in quantity.units
            )
            parts.append(units)
        lines.extend(_wrap(f"{rule.finding}: " + " and ".join(parts), "  "))
    lines += ["", "Lab keys (unit in the key) and plausible ranges:"]
    for quantity in QUANTITIES:
        for unit in quantity.units:
            lines.append(
                f"  {unit.key:<32} {unit.unit:<28} "
                f"{format_number(unit.low)} to {format_number(unit.high)}"
            )
    lines += ["", "Activity schemes (conventional, not validated):"]
    for scheme in SCHEMES.values():
        bands = ", ".join(f"{b.low}-{b.high} {b.level.value}" for b in scheme.bands)
        lines.extend(_wrap(f"{scheme.name}: {bands}", "  "))
    lines += ["", *_wrap(f"Source: {SOURCE}", "")]
    return "\n".join(lines) + "\n"
