"""Score the MEX-SLEDAI, the Mexican Systemic Lupus Erythematosus Disease
Activity Index (Guzmán J et al., J Rheumatol 1992;19(10):1551-8).

Examples:
    >>> import mexsledai
    >>> result = mexsledai.score({"seizures": True, "arthritis": True,
    ...                           "leukocytes_per_mm3": 3200})
    >>> result.total, result.category.value
    (11, 'severe')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._version import __version__

# The public names and the module of each. They are imported on first use
# (Scientific Python SPEC 1), so that the command line, which needs no model,
# starts without building them.
_MODULE_OF: dict[str, str] = {
    "InvalidAssessmentError": "errors",
    "Problem": "errors",
    **dict.fromkeys(
        (
            "Arthritis",
            "Assessment",
            "FeverOrFatigue",
            "HemolysisOrThrombocytopenia",
            "Labs",
            "LeukopeniaOrLymphopenia",
            "Mucocutaneous",
            "Myositis",
            "NeurologicalDisorder",
            "RenalDisorder",
            "Serositis",
            "Vasculitis",
        ),
        "models",
    ),
    "DESCRIPTORS": "registry",
    "Descriptor": "registry",
    "Finding": "registry",
    "SCHEMES": "schemes",
    "ActivityLevel": "schemes",
    "Band": "schemes",
    "CategoryScheme": "schemes",
    "DescriptorScore": "scoring",
    "Score": "scoring",
    "score": "scoring",
    "FileSummary": "tables.files",
    "iter_scored_file": "tables.files",
    "score_file": "tables.files",
    "HeaderError": "tables.headers",
    "TableError": "tables.headers",
    "RowResult": "tables.rows",
    "score_rows": "tables.rows",
    "adam_records": "adam",
    "input_schema": "interop.schema",
    "result_schema": "interop.schema",
    "SummaryRow": "trials",
    "VisitScore": "trials",
    "follow_up": "trials",
    "summarize": "trials",
}

if TYPE_CHECKING:
    from .adam import adam_records
    from .errors import InvalidAssessmentError, Problem
    from .interop.schema import input_schema, result_schema
    from .models import (
        Arthritis,
        Assessment,
        FeverOrFatigue,
        HemolysisOrThrombocytopenia,
        Labs,
        LeukopeniaOrLymphopenia,
        Mucocutaneous,
        Myositis,
        NeurologicalDisorder,
        RenalDisorder,
        Serositis,
        Vasculitis,
    )
    from .registry import DESCRIPTORS, Descriptor, Finding
    from .schemes import SCHEMES, ActivityLevel, Band, CategoryScheme
    from .scoring import DescriptorScore, Score, score
    from .tables.files import FileSummary, iter_scored_file, score_file
    from .tables.headers import HeaderError, TableError
    from .tables.rows import RowResult, score_rows
    from .trials import SummaryRow, VisitScore, follow_up, summarize


def __getattr__(name: str) -> object:
    if name == "fhir":  # the module, so that mexsledai.fhir.CODE_SYSTEM works
        return importlib.import_module(".fhir", __name__)
    module = _MODULE_OF.get(name)
    if module is None:
        msg = f"module 'mexsledai' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "DESCRIPTORS",
    "SCHEMES",
    "ActivityLevel",
    "Arthritis",
    "Assessment",
    "Band",
    "CategoryScheme",
    "Descriptor",
    "DescriptorScore",
    "FeverOrFatigue",
    "FileSummary",
    "Finding",
    "HeaderError",
    "HemolysisOrThrombocytopenia",
    "InvalidAssessmentError",
    "Labs",
    "LeukopeniaOrLymphopenia",
    "Mucocutaneous",
    "Myositis",
    "NeurologicalDisorder",
    "Problem",
    "RenalDisorder",
    "RowResult",
    "Score",
    "Serositis",
    "SummaryRow",
    "TableError",
    "Vasculitis",
    "VisitScore",
    "__version__",
    "adam_records",
    "follow_up",
    "input_schema",
    "iter_scored_file",
    "result_schema",
    "score",
    "score_file",
    "score_rows",
    "summarize",
]
