"""A scored spreadsheet as FHIR: a ``Bundle`` of type ``collection`` (.json)
or one Observation per line (.ndjson, FHIR bulk data style).

Each scored row gives one Observation whose ``id``, and the entry's
``fullUrl`` (``urn:uuid:...``), is a uuid5 of the row's number and cells: the
same row has the same id on every run. Rows in error give no Observation
and are returned (row and message) for the command to list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..tables.cells import Decimal, is_blank, text_of
from ..tables.files import STDIO, _atomic, _check_options, _open_table, _text_stream
from ..tables.headers import TableError
from ..tables.rows import TableScorer
from .fhir import effective_date_time, observation, row_uuid

if TYPE_CHECKING:
    from ..schemes import CategoryScheme
    from ..scoring import Unrecorded

__all__ = ["FhirSummary", "fhir_file"]


@dataclass
class FhirSummary:
    """What `fhir_file` read and wrote.

    Attributes:
        rows: data rows read.
        observations: Observations written.
        errors: (row, message) of each row that gave none (in error, or an
            unreadable date); blank rows are skipped silently.
    """

    rows: int = 0
    observations: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _column(header: list[str], role: str, name: str | None) -> int | None:
    if name is None:
        return None
    if name not in header:
        listed = ", ".join(repr(h) for h in header)
        msg = f"the {role} column {name!r} is not in the header; the columns are: {listed}"
        raise TableError(msg)
    return header.index(name)


def fhir_file(
    input_path: str,
    output_path: str | None = None,
    *,
    patient: str | None = None,
    date: str | None = None,
    visit: str | None = None,
    sheet: str | None = None,
    delimiter: str | None = None,
    decimal: Decimal = ".",
    encoding: str | None = None,
    unrecorded: Unrecorded = "absent",
    scheme: str | CategoryScheme = "five-level",
    ignore_columns: Iterable[str] = (),
    columns: Mapping[str, str | None] | None = None,
) -> FhirSummary:
    """Write a spreadsheet's scored rows as FHIR Observations.

    Args:
        input_path: the spreadsheet (as for ``mexsledai score``).
        output_path: ``.json`` (a Bundle), ``.ndjson`` (one Observation per
            line), or ``None``/``"-"`` for a Bundle on standard output.
        patient: the column that fills ``subject``.
        date: the column that fills ``effectiveDateTime``.
        visit: the column that fills an ``identifier`` (system
            ``CODE_SYSTEM + "/visit"``).

    Raises:
        TableError: nothing could be done; nothing is written.
    """
    from .fhir import CODE_SYSTEM  # noqa: PLC0415

    target = output_path or STDIO
    suffix = Path(target).suffix.lower()
    if target != STDIO and suffix not in (".json", ".ndjson"):
        msg = f"the FHIR output {target!r} must end in .json (a Bundle) or .ndjson"
        raise TableError(msg)
    named = [c for c in (patient, date, visit) if c is not None]
    summary = FhirSummary()
    resources: list[tuple[str, dict[str, Any]]] = []
    _check_options(input_path, sheet=sheet, delimiter=delimiter, encoding=encoding)
    mapped = [c for c, key in (columns or {}).items() if key]
    with _open_table(
        input_path, sheet=sheet, delimiter=delimiter, encoding=encoding, mapped=mapped
    ) as table:
        header = [str(h) if h is not None else "" for h in table.header]
        where = {
            role: _column(header, role, name)
            for role, name in (("patient", patient), ("date", date), ("visit", visit))
        }
        scorer = TableScorer(
            table.header, decimal=decimal, unrecorded=unrecorded, scheme=scheme,
            ignore_columns=[*ignore_columns, *named], columns=columns,
        )  # fmt: skip
        for number, cells in enumerate(table.rows, 2):
            summary.rows += 1
            result = scorer.score_row(cells, number)
            if result.status == "empty":
                continue
            if result.score is None:
                summary.errors.append((number, result.message))
                continue
            values = {
                role: result.cells[index] if index is not None else None
                for role, index in where.items()
            }
            effective = None
            if not is_blank(values["date"]) and values["date"] is not None:
                try:
                    effective = effective_date_time(values["date"])
                except ValueError as error:
                    summary.errors.append((number, f"row {number}: date: {error}"))
                    continue
            ident = row_uuid(number, [text_of(cell) for cell in result.cells])
            resource = observation(
                result.score,
                subject=None
                if is_blank(values["patient"])
                else text_of(values["patient"]).strip(),
                effective=effective,
                identifier=None
                if is_blank(values["visit"])
                else {
                    "system": f"{CODE_SYSTEM}/visit",
                    "value": text_of(values["visit"]).strip(),
                },
                resource_id=ident,
            )
            resources.append((ident, resource))
    summary.observations = len(resources)
    with _atomic(target) as binary, _text_stream(binary, "utf-8") as text:
        if suffix == ".ndjson":
            text.writelines(
                json.dumps(r, ensure_ascii=False) + "\n" for _, r in resources
            )
        else:
            bundle = {
                "resourceType": "Bundle",
                "type": "collection",
                "entry": [
                    {"fullUrl": f"urn:uuid:{ident}", "resource": resource}
                    for ident, resource in resources
                ],
            }
            text.write(json.dumps(bundle, ensure_ascii=False, indent=2) + "\n")
    return summary
