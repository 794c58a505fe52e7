"""Auditing a REDCap export: recompute every stored MEX-SLEDAI total.

REDCap does not recompute calculated fields when data are imported, so
stored totals go stale or stay blank, and hand edits make them wrong. The
audit reads an export (raw, or with labels), skips the rows of other
instruments (every finding and lab field blank; calc fields do not count),
recomputes every other row with `mexsledai.score` (policy ``absent``, as the
dictionary's formulas), and says of each row: ``agrees``, ``differs``,
``not_stored`` or ``error``, in that order of precedence ``error``,
``not_stored``, then ``differs`` or ``agrees``.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from ..languages import LANGS, redcap_calc_labels
from ..registry import DESCRIPTORS, MAX_TOTAL
from ..tables.cells import Decimal, is_blank, text_of
from ..tables.files import STDIO, _atomic, _check_options, _open_table, _text_stream
from ..tables.headers import REDCAP_IDENTIFIERS, TableError, normalize_header
from ..tables.rows import TableScorer
from .redcap import CALC_FIELDS

__all__ = ["AuditRow", "AuditSummary", "audit", "write_report"]

STATUSES: Final = ("agrees", "differs", "not_stored", "error")
_INTEGER = re.compile(r"[+-]?[0-9]+(\.0*)?")


@dataclass(frozen=True)
class AuditRow:
    """One checked row of the export.

    Attributes:
        row: the row's number as a spreadsheet shows it (the header is 1).
        identifiers: REDCap's identifier columns present, by name.
        stored_total: the stored total's cell, as text.
        recomputed_total: the total `score` gives (``None`` in error).
        status: ``agrees``, ``differs``, ``not_stored`` or ``error``.
        detail: for ``differs``, which descriptors account for the
            difference; for ``error``, the message.
    """

    row: int
    identifiers: dict[str, str]
    stored_total: str
    recomputed_total: int | None
    status: str
    detail: str = ""


@dataclass
class AuditSummary:
    """The rows checked, and the rows skipped (other instruments')."""

    rows: list[AuditRow] = field(default_factory=list)
    skipped: int = 0
    identifiers: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        """Rows per status, every status present."""
        counted = Counter(row.status for row in self.rows)
        return {status: counted.get(status, 0) for status in STATUSES}


def _names_of(calc: str) -> set[str]:
    """The header texts that name a calc field: its name or its label."""
    labels = {
        normalize_header(redcap_calc_labels(lang, scheme)[calc])
        for lang in LANGS
        for scheme in ("five-level", "three-level-id")
    }
    return {normalize_header(CALC_FIELDS[calc]), *labels}


def _stored_points(
    cells: list[Any], where: Mapping[str, int]
) -> dict[str, int | None] | None:
    """The stored descriptor points, or ``None`` when the export has none of
    those fields."""
    if not where:
        return None
    stored: dict[str, int | None] = {}
    for key, index in where.items():
        text = text_of(cells[index] if index < len(cells) else None).strip()
        stored[key] = int(float(text)) if _INTEGER.fullmatch(text) else None
    return stored


def audit(
    path: str,
    *,
    total_field: str = CALC_FIELDS["total"],
    sheet: str | None = None,
    delimiter: str | None = None,
    decimal: Decimal = ".",
    encoding: str | None = None,
    columns: Mapping[str, str | None] | None = None,
    ignore_columns: Iterable[str] = (),
) -> AuditSummary:
    """Recompute and compare every MEX-SLEDAI total of a REDCap export.

    Args:
        path: the export (``.csv``, or any input ``mexsledai score`` reads),
            raw or with labels.
        total_field: the stored total's column, by name (or the dictionary's
            label of the total).

    Raises:
        TableError: nothing could be done (the file, the header, no total
            column).
    """
    _check_options(path, sheet=sheet, delimiter=delimiter, encoding=encoding)
    mapped = [c for c, key in (columns or {}).items() if key]
    summary = AuditSummary()
    with _open_table(
        path, sheet=sheet, delimiter=delimiter, encoding=encoding, mapped=mapped
    ) as table:
        header = [normalize_header(h) for h in table.header]
        total_names = {normalize_header(total_field)}
        if total_field == CALC_FIELDS["total"]:
            total_names |= _names_of("total")
        found = [i for i, h in enumerate(header) if h in total_names]
        if not found:
            msg = (
                f"the export has no stored total column {total_field!r}: name it "
                "with --total-field"
            )
            raise TableError(msg)
        total_at = found[0]
        identifiers = [
            (name, header.index(normalize_header(name)))
            for name in REDCAP_IDENTIFIERS
            if normalize_header(name) in header
        ]
        summary.identifiers = tuple(name for name, _ in identifiers)
        points_at = {
            d.key: index
            for d in DESCRIPTORS
            for index, h in enumerate(header)
            if h in _names_of(d.key)
        }
        scorer = TableScorer(
            table.header,
            decimal=decimal,
            unrecorded="absent",
            scheme="five-level",
            columns=columns,
            ignore_columns=[*ignore_columns, table.header[total_at]],  # type: ignore[list-item]
        )
        key_columns = [c for c, _ in (*scorer.plan.findings, *scorer.plan.labs)]
        for number, cells in enumerate(table.rows, 2):
            row = list(cells)
            if all(is_blank(row[c]) if c < len(row) else True for c in key_columns):
                summary.skipped += 1
                continue
            summary.rows.append(
                _check(scorer, row, number, identifiers, total_at, points_at)
            )
    return summary


def _check(
    scorer: TableScorer,
    cells: list[Any],
    number: int,
    identifiers: list[tuple[str, int]],
    total_at: int,
    points_at: Mapping[str, int],
) -> AuditRow:
    named = {
        name: text_of(cells[i]).strip() if i < len(cells) else ""
        for name, i in identifiers
    }
    stored = text_of(cells[total_at] if total_at < len(cells) else None).strip()
    result = scorer.score_row(cells, number)
    if result.score is None:
        return AuditRow(number, named, stored, None, "error", result.message)
    recomputed = result.score.total
    if stored and not _INTEGER.fullmatch(stored):
        detail = f"the stored total {stored!r} is not a whole number"
        return AuditRow(number, named, stored, recomputed, "error", detail)
    if not stored:
        return AuditRow(number, named, stored, recomputed, "not_stored", "")
    value = int(float(stored))
    if value == recomputed:
        return AuditRow(number, named, stored, recomputed, "agrees", "")
    details = []
    if not 0 <= value <= MAX_TOTAL:
        details.append(f"the stored total {value} is outside 0-{MAX_TOTAL}")
    stored_points = _stored_points(cells, points_at)
    if stored_points is not None:
        differing = [
            f"{d.key} stored {_shown(stored_points.get(d.key))}, recomputed {d.points}"
            for d in result.score.descriptors
            if d.key in stored_points and stored_points[d.key] != d.points
        ]
        if differing:
            details.extend(differing)
        else:
            details.append("stored total ≠ sum of stored descriptor points")
    else:
        present = ", ".join(
            f"{d.key} {d.points}" for d in result.score.descriptors if d.points
        )
        details.append(
            f"stored {value}, recomputed {recomputed}"
            + (f" ({present})" if present else "")
        )
    return AuditRow(number, named, stored, recomputed, "differs", "; ".join(details))


def _shown(points: int | None) -> str:
    return "blank" if points is None else str(points)


def write_report(path: str, summary: AuditSummary) -> None:
    """The report as CSV: the identifier columns present, then
    ``stored_total``, ``recomputed_total``, ``status``, ``detail`` (standard
    output for ``"-"``); whole or not at all."""
    with _atomic(path or STDIO) as binary, _text_stream(binary, "utf-8") as text:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(
            [
                *summary.identifiers,
                "stored_total",
                "recomputed_total",
                "status",
                "detail",
            ]
        )
        for row in summary.rows:
            writer.writerow(
                [
                    *(row.identifiers.get(name, "") for name in summary.identifiers),
                    row.stored_total,
                    "" if row.recomputed_total is None else row.recomputed_total,
                    row.status,
                    row.detail,
                ]
            )
