"""Hypothesis strategies for MEX-SLEDAI inputs, built from the spec's tables.

Small named strategies, composed; options force or free a choice instead of
filtering examples away.
"""

from __future__ import annotations

import math

from hypothesis import settings
from hypothesis import strategies as st

from mexsledai.scoring import Unrecorded
from tests import spec_tables

settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("ci", max_examples=400, deadline=None, derandomize=True)

FindingValue = bool | None
Flat = dict[str, object]

finding_values = st.sampled_from([True, False, None])


def lab_value(key: str) -> st.SearchStrategy[float]:
    """A plausible value for ``key``, often at or next to its threshold."""
    low, high = spec_tables.RANGES[key]
    anywhere = st.floats(min_value=low, max_value=high, allow_nan=False)
    thresholds = []
    if key in spec_tables.THRESHOLDS:
        thresholds.append(spec_tables.THRESHOLDS[key][1])
    if key in spec_tables.HEMOGLOBIN_THRESHOLDS:
        thresholds.append(spec_tables.HEMOGLOBIN_THRESHOLDS[key])
    if key == "reticulocytes_corrected_percent":
        thresholds.append(spec_tables.RETICULOCYTE_THRESHOLD)
    edges = [
        v
        for t in thresholds
        for v in (t, math.nextafter(t, -math.inf), math.nextafter(t, math.inf))
    ]
    return st.one_of(anywhere, st.sampled_from(edges)) if edges else anywhere


@st.composite
def labs(draw: st.DrawFn, *, max_quantities: int = 4) -> dict[str, float]:
    """At most one key per quantity, each with a plausible value."""
    by_quantity: dict[str, list[str]] = {}
    for key, quantity in spec_tables.QUANTITY.items():
        by_quantity.setdefault(quantity, []).append(key)
    chosen = draw(
        st.lists(
            st.sampled_from(sorted(by_quantity)), unique=True, max_size=max_quantities
        )
    )
    return {
        (key := draw(st.sampled_from(by_quantity[q]))): draw(lab_value(key))
        for q in chosen
    }


@st.composite
def flat_findings(
    draw: st.DrawFn, *, values: st.SearchStrategy[FindingValue] = finding_values
) -> Flat:
    """A subset of the 25 findings, each True, False or None."""
    keys = draw(st.lists(st.sampled_from(spec_tables.FINDINGS), unique=True))
    return {key: draw(values) for key in keys}


@st.composite
def flat_assessments(draw: st.DrawFn, *, with_labs: bool = True) -> Flat:
    """Findings and (optionally) lab values, as flat keys."""
    flat = draw(flat_findings())
    if with_labs:
        flat.update(draw(labs()))
    return flat


policies: st.SearchStrategy[Unrecorded] = st.sampled_from(("absent", "unknown"))
schemes = st.sampled_from(["five-level", "three-level-id"])
