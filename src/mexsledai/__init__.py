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

from ._version import __version__
from .errors import InvalidAssessmentError, Problem
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
    "Finding",
    "HemolysisOrThrombocytopenia",
    "InvalidAssessmentError",
    "Labs",
    "LeukopeniaOrLymphopenia",
    "Mucocutaneous",
    "Myositis",
    "NeurologicalDisorder",
    "Problem",
    "RenalDisorder",
    "Score",
    "Serositis",
    "Vasculitis",
    "__version__",
    "score",
]
