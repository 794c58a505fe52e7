"""One visit's score as a report a clinician reads: text, Markdown or a
printable HTML page, in English, Spanish, Indonesian or Portuguese.

Every report says: the total (or, when incomplete, the range and which
descriptors are unknown); the activity level and the scheme, whose bands are
conventional; each descriptor with its status and points and the findings
present, marking those a lab value made present with the value; conflicts
and warnings; which findings were assumed absent; the version and the
instrument's source. The HTML page holds everything itself: no script, no
external resource.

Examples:
    >>> from mexsledai import score
    >>> print(to_text(score({"seizures": True, "leukocytes_per_mm3": 3200}))
    ...       .splitlines()[1])
    Total: 9 of 32 points
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._version import __version__
from .labs import derived_keys, format_number
from .languages import (
    descriptor_label,
    finding_label,
    level_label,
    report_word,
)
from .registry import MAX_TOTAL, SOURCE

if TYPE_CHECKING:
    from .scoring import Score

__all__ = ["to_html", "to_markdown", "to_text"]


@dataclass(frozen=True)
class _Line:
    """One descriptor's row of a report."""

    label: str
    weight: int
    status: str
    points: str
    findings: str


@dataclass(frozen=True)
class _Report:
    """Everything a report says, in words of one language."""

    title: str
    total: str
    activity: str
    header: tuple[str, str, str, str, str]
    lines: tuple[_Line, ...]
    conflicts: str
    warnings_title: str
    warnings: tuple[str, ...]
    assumed: str
    policy: str
    footer: str


def _finding_text(score: Score, lang: str) -> dict[str, str]:
    """Each present finding's label, with the lab values of derived ones."""
    values = score.labs
    derived = dict(derived_keys(score.derived, values)) if score.derived else {}
    words = {}
    for descriptor in score.descriptors:
        for key in descriptor.findings:
            text = finding_label(key, lang)
            if key in derived:
                facts = ", ".join(
                    f"{k} = {format_number(values[k])}" for k in derived[key]
                )
                text += f" ({report_word('from', lang)} {facts})"
            words[key] = text
    return words


def _report(score: Score, lang: str) -> _Report:
    word = report_word
    if score.complete:
        total = word("total", lang, total=score.total, max=MAX_TOTAL)
    else:
        unknown = ", ".join(descriptor_label(k, lang) for k in score.unknown)
        total = word(
            "range", lang, minimum=score.minimum, maximum=score.maximum,
            max=MAX_TOTAL, unknown=unknown,
        )  # fmt: skip
    if score.category is not None:
        level = level_label(score.category.value, lang)
        activity = word("activity", lang, level=level, scheme=score.scheme)
    else:
        activity = word("activity_open", lang, scheme=score.scheme)
    findings = _finding_text(score, lang)
    lines = tuple(
        _Line(
            label=descriptor_label(d.key, lang),
            weight=d.weight,
            status=word(d.status, lang),
            points="–" if d.status == "unknown" else str(d.points),
            findings="; ".join(findings[k] for k in d.findings),
        )
        for d in score.descriptors
    )
    conflicts = (
        word(
            "conflicts",
            lang,
            names=", ".join(finding_label(k, lang) for k in score.conflicts),
        )
        if score.conflicts
        else ""
    )
    if score.assumed_absent:
        names = ", ".join(finding_label(k, lang) for k in score.assumed_absent)
        assumed = word("assumed", lang, n=len(score.assumed_absent), names=names)
    else:
        assumed = word("assumed_none", lang)
    return _Report(
        title=word("title", lang),
        total=total,
        activity=activity,
        header=(
            word("descriptor", lang),
            word("weight", lang),
            word("status", lang),
            word("points", lang),
            word("findings", lang),
        ),
        lines=lines,
        conflicts=conflicts,
        warnings_title=word("warnings", lang),
        warnings=score.warnings,
        assumed=assumed,
        policy=word("policy_unknown", lang) if score.unrecorded == "unknown" else "",
        footer=word("footer", lang, version=__version__, source=SOURCE),
    )


def to_text(score: Score, lang: str = "en") -> str:
    """The report as plain text, aligned for a terminal."""
    report = _report(score, lang)
    rows = [
        report.header,
        *(
            (ln.label, str(ln.weight), ln.status, ln.points, ln.findings)
            for ln in report.lines
        ),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    table = [
        "  ".join(
            (
                row[0].ljust(widths[0]),
                row[1].rjust(widths[1]),
                row[2].ljust(widths[2]),
                row[3].rjust(widths[3]),
                row[4],
            )
        ).rstrip()
        for row in rows
    ]
    out = [report.title, report.total, report.activity, "", *table, ""]
    if report.conflicts:
        out.append(report.conflicts)
    if report.warnings:
        out.append(f"{report.warnings_title}:")
        out.extend(f"- {warning}" for warning in report.warnings)
    out.append(report.assumed)
    if report.policy:
        out.append(report.policy)
    out += ["", report.footer]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(score: Score, lang: str = "en") -> str:
    """The report as Markdown (a heading, a table, lists)."""
    report = _report(score, lang)
    out = [
        f"### {report.title}",
        "",
        f"**{report.total}**",
        "",
        report.activity,
        "",
        "| " + " | ".join(report.header) + " |",
        "|---|---:|---|---:|---|",
    ]
    out += [
        f"| {_cell(ln.label)} | {ln.weight} | {ln.status} | {ln.points} | {_cell(ln.findings)} |"
        for ln in report.lines
    ]
    out.append("")
    if report.conflicts:
        out += [report.conflicts, ""]
    if report.warnings:
        out += [
            f"{report.warnings_title}:",
            "",
            *(f"- {w}" for w in report.warnings),
            "",
        ]
    out += [report.assumed, ""]
    if report.policy:
        out += [report.policy, ""]
    out.append(f"*{report.footer}*")
    return "\n".join(out) + "\n"


_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto;
       max-width: 54em; color: #111; line-height: 1.4; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
.total { font-size: 1.6em; font-weight: bold; margin: 0.3em 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border-bottom: 1px solid #bbb; padding: 0.35em 0.5em; text-align: left;
         vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; }
tr.present td { font-weight: bold; }
tr.unknown td { color: #8a5a00; }
ul { padding-left: 1.2em; }
footer { margin-top: 2em; font-size: 0.85em; color: #444; }
@media print { body { margin: 0; max-width: none; } th { background: none; } }
"""


def to_html(score: Score, lang: str = "en") -> str:
    """The report as one self-contained printable HTML page: inline style,
    no script, no external resource."""
    report = _report(score, lang)
    e = html.escape
    rows = "\n".join(
        f'<tr class="{d.status}"><td>{e(ln.label)}</td><td class="n">{ln.weight}</td>'
        f'<td>{e(ln.status)}</td><td class="n">{e(ln.points)}</td><td>{e(ln.findings)}</td></tr>'
        for d, ln in zip(score.descriptors, report.lines, strict=True)
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}">',
        '<head><meta charset="utf-8">',
        f"<title>{e(report.title)}</title>",
        f"<style>{_STYLE}</style></head>",
        "<body>",
        f"<h1>{e(report.title)}</h1>",
        f'<p class="total">{e(report.total)}</p>',
        f"<p>{e(report.activity)}</p>",
        "<table><thead><tr>"
        + "".join(f"<th>{e(h)}</th>" for h in report.header)
        + f"</tr></thead><tbody>\n{rows}\n</tbody></table>",
    ]
    if report.conflicts:
        parts.append(f"<p>{e(report.conflicts)}</p>")
    if report.warnings:
        items = "".join(f"<li>{e(w)}</li>" for w in report.warnings)
        parts.append(f"<p>{e(report.warnings_title)}:</p><ul>{items}</ul>")
    parts.append(f"<p>{e(report.assumed)}</p>")
    if report.policy:
        parts.append(f"<p>{e(report.policy)}</p>")
    parts += [f"<footer>{e(report.footer)}</footer>", "</body></html>"]
    return "\n".join(parts) + "\n"
