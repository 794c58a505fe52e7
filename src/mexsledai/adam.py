"""The visits of a trial as a CDISC ADaM basic data structure (BDS) dataset.

One record per scored visit and parameter: the total (``MXSLTOT``, with its
activity level in ``AVALC``) and the ten descriptors' points, in PARAMN order,
records in the input's row order. ``BASE`` is the value at the patient's
baseline row, ``CHG`` is ``AVAL - BASE``, ``ABLFL`` flags the baseline
record and ``ANL01FL`` the records of rows counted in the summary (neither
excluded nor incomplete). Flags are ``Y`` or empty; parameter codes have at
most 8 characters. Rows without a score (in error, or invalid) have no
records.

Source of the conventions: CDISC ADaM Implementation Guide v1.3, §3.3
(BDS variables STUDYID, USUBJID, TRTP, PARAMCD, PARAM, PARAMN, AVISIT,
AVISITN, ADY, AVAL, AVALC, BASE, CHG, ABLFL, ANL01FL).

Examples:
    >>> from mexsledai import follow_up
    >>> visits = follow_up([{"id": "P1", "v": "baseline", "seizures": "x"},
    ...                     {"id": "P1", "v": "day 22", "seizures": "0"}],
    ...                    patient="id", visit="v")
    >>> records = adam_records(visits, study="S1")
    >>> [(r["AVISIT"], r["PARAMCD"], r["AVAL"], r["BASE"], r["CHG"], r["ABLFL"])
    ...  for r in records if r["PARAMCD"] in ("MXSLTOT", "MXNEURO")]
    [('baseline', 'MXSLTOT', 8, 8, 0, 'Y'), ('baseline', 'MXNEURO', 8, 8, 0, 'Y'), \
('day 22', 'MXSLTOT', 0, 8, -8, ''), ('day 22', 'MXNEURO', 0, 8, -8, '')]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .registry import DESCRIPTOR_BY_KEY, DESCRIPTORS
from .trials import visit_order

if TYPE_CHECKING:
    from .scoring import Score
    from .trials import VisitScore

__all__ = ["ADAM_COLUMNS", "PARAMETERS", "adam_records"]

#: The dataset's columns, in order.
ADAM_COLUMNS: tuple[str, ...] = (
    "STUDYID", "USUBJID", "TRTP", "PARAMCD", "PARAM", "PARAMN", "AVISIT",
    "AVISITN", "ADY", "AVAL", "AVALC", "BASE", "CHG", "ABLFL", "ANL01FL",
)  # fmt: skip

_CODES: dict[str, str] = {
    "neurological": "MXNEURO",
    "renal": "MXRENAL",
    "vasculitis": "MXVASC",
    "hemolysis_thrombocytopenia": "MXHEMTHR",
    "myositis": "MXMYOS",
    "arthritis": "MXARTH",
    "mucocutaneous": "MXMUCO",
    "serositis": "MXSERO",
    "fever_fatigue": "MXFEVFAT",
    "leukopenia_lymphopenia": "MXLEULYM",
}
#: (PARAMCD, PARAM, descriptor key or ``None`` for the total), in PARAMN order.
PARAMETERS: tuple[tuple[str, str, str | None], ...] = (
    ("MXSLTOT", "MEX-SLEDAI Total Score", None),
    *(
        (_CODES[d.key], f"MEX-SLEDAI {DESCRIPTOR_BY_KEY[d.key].label} Points", d.key)
        for d in DESCRIPTORS
    ),
)

Record = dict[str, object]


def _values(score: Score) -> list[int | None]:
    """AVAL of each parameter: the total, then each descriptor's points
    (``None`` where unknown)."""
    return [
        score.total,
        *(d.points if d.status != "unknown" else None for d in score.descriptors),
    ]


def _day(day: float | None) -> int | float | None:
    if day is None:
        return None
    return int(day) if day.is_integer() else day


def adam_records(
    visit_scores: Sequence[VisitScore], *, study: str | None = None
) -> list[Record]:
    """The BDS records of `mexsledai.follow_up`'s rows, 11 per scored row.

    Args:
        visit_scores: the rows, in input order.
        study: ``STUDYID`` (empty when not given).

    Returns:
        One dict per record, keyed by `ADAM_COLUMNS`; ``None`` where a value
        is empty.
    """
    by_day = any(v.day is not None for v in visit_scores)
    number = {label: n for n, label in enumerate(visit_order(visit_scores, by_day), 1)}
    baselines: dict[str | None, list[int | None]] = {
        v.patient: _values(v.score)
        for v in visit_scores
        if v.is_baseline and v.score is not None
    }
    records: list[Record] = []
    for visit in visit_scores:
        if visit.score is None:
            continue
        values = _values(visit.score)
        base = baselines.get(visit.patient)
        analysed = "Y" if not visit.excluded and visit.total is not None else ""
        for paramn, ((code, name, _), value) in enumerate(
            zip(PARAMETERS, values, strict=True), 1
        ):
            base_value = None if base is None else base[paramn - 1]
            change = (
                value - base_value
                if value is not None and base_value is not None and not visit.excluded
                else None
            )
            category = visit.category if paramn == 1 else None
            records.append(
                {
                    "STUDYID": study or "",
                    "USUBJID": visit.patient,
                    "TRTP": visit.arm or "",
                    "PARAMCD": code,
                    "PARAM": name,
                    "PARAMN": paramn,
                    "AVISIT": visit.visit,
                    "AVISITN": number.get(visit.visit or ""),
                    "ADY": _day(visit.day),
                    "AVAL": value,
                    "AVALC": category or "",
                    "BASE": base_value,
                    "CHG": change,
                    "ABLFL": "Y" if visit.is_baseline else "",
                    "ANL01FL": analysed,
                }
            )
    return records
