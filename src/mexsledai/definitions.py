"""The instrument as text, for people: read from the registry and the
language table, never retyped.

Examples:
    >>> definitions_text().startswith("MEX-SLEDAI: ten descriptors, 0 to 32 points.")
    True
    >>> "10 días" in definitions_text("es")
    True
"""

from __future__ import annotations

import textwrap

from .labs import LAB_RULES, QUANTITIES, QUANTITY_BY_NAME, format_number
from .languages import (
    descriptor_label,
    descriptor_note,
    finding_definition,
    heading,
    level_label,
)
from .registry import DESCRIPTORS, MAX_TOTAL, SOURCE, TIME_WINDOW_DAYS
from .schemes import SCHEMES

__all__ = ["definitions_markdown", "definitions_text"]


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, width=88, initial_indent=indent, subsequent_indent=indent
    )


def definitions_text(lang: str = "en") -> str:
    """The descriptor table, the time window and its caveat, the lab
    derivations and what they cannot know, units, schemes and source, in
    ``lang`` (keys stay as they are).

    Raises:
        ValueError: an unknown ``lang``.
    """
    lines = [
        *_wrap(heading("intro", lang, total=MAX_TOTAL), ""),
        *_wrap(heading("window", lang, days=TIME_WINDOW_DAYS), ""),
        "",
        heading("table", lang),
    ]
    for descriptor in DESCRIPTORS:
        lines.append(
            f"{descriptor.weight:>6}  {descriptor_label(descriptor.key, lang)} "
            f"({descriptor.key})"
        )
        for finding in descriptor.findings:
            text = f"{finding.key}: {finding_definition(finding.key, lang)}"
            lines.extend(_wrap(text, " " * 10))
        note = descriptor_note(descriptor.key, lang)
        if note:
            lines.extend(_wrap(note, " " * 10))
    lines += ["", *_wrap(heading("derived", lang), "")]
    for rule in LAB_RULES:
        parts = []
        for name in rule.quantities:
            quantity = QUANTITY_BY_NAME[name]
            parts.append(
                " / ".join(
                    f"{u.key} {quantity.abnormal} {format_number(u.threshold)}"
                    for u in quantity.units
                    if u.threshold is not None
                )
            )
        lines.extend(_wrap(f"{rule.finding}: " + " and ".join(parts), "  "))
    lines.extend(_wrap(heading("percent", lang), "  "))
    lines += ["", *_wrap(heading("cannot_know", lang), "")]
    lines += ["", heading("units", lang)]
    for quantity in QUANTITIES:
        for unit in quantity.units:
            lines.append(
                f"  {unit.key:<32} {unit.unit:<28} "
                f"{format_number(unit.low)} to {format_number(unit.high)}"
            )
    lines += ["", heading("schemes", lang)]
    for scheme in SCHEMES.values():
        bands = ", ".join(
            f"{b.low}-{b.high} {b.level.value} ({level_label(b.level.value, lang)})"
            for b in scheme.bands
        )
        lines.extend(_wrap(f"{scheme.name}: {bands}", "  "))
    lines += ["", *_wrap(heading("source", lang, source=SOURCE), "")]
    return "\n".join(lines) + "\n"


def definitions_markdown(lang: str = "en") -> str:
    """The instrument as a Markdown page in ``lang``: the descriptor table
    (weights, findings, definitions), the time window and the lab
    derivations' limits, the activity levels and the source. The docs' pages
    per language are this text (a test holds them equal).

    Raises:
        ValueError: an unknown ``lang``.
    """
    lines = [
        f"# MEX-SLEDAI ({lang})",
        "",
        (
            "<!-- Generated from the registry and the language table by "
            "mexsledai.definitions.definitions_markdown; a test holds it equal. -->"
        ),
        "",
        heading("intro", lang, total=MAX_TOTAL),
        "",
        heading("window", lang, days=TIME_WINDOW_DAYS),
        "",
        f"| {heading('table', lang).split()[0]} | {' '.join(heading('table', lang).split()[1:])} |",
        "|---:|---|",
    ]
    for descriptor in DESCRIPTORS:
        parts = [
            f"**{descriptor_label(descriptor.key, lang)}** (`{descriptor.key}`)",
            *(
                f"`{f.key}`: {finding_definition(f.key, lang)}"
                for f in descriptor.findings
            ),
        ]
        note = descriptor_note(descriptor.key, lang)
        if note:
            parts.append(f"*{note}*")
        lines.append(f"| {descriptor.weight} | {'<br>'.join(parts)} |")
    lines += ["", heading("cannot_know", lang), "", heading("schemes", lang), ""]
    for scheme in SCHEMES.values():
        bands = ", ".join(
            f"{b.low}–{b.high} {level_label(b.level.value, lang)} (`{b.level.value}`)"
            for b in scheme.bands
        )
        lines.append(f"- `{scheme.name}`: {bands}")
    lines += ["", heading("source", lang, source=SOURCE), ""]
    return "\n".join(lines)
