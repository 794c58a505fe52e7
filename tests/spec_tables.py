"""The instrument's numbers, copied by hand from the reference page.

These tables are written independently of ``mexsledai.registry`` and
``mexsledai.labs`` so that the tests compare the code with the published
instrument, not with itself.
"""

from __future__ import annotations

from typing import Literal

#: descriptor key -> (weight, finding keys in order)
DESCRIPTORS: dict[str, tuple[int, tuple[str, ...]]] = {
    "neurological": (
        8,
        (
            "psychosis",
            "seizures",
            "cerebrovascular_accident",
            "organic_brain_syndrome",
            "mononeuritis",
            "myelitis",
        ),
    ),
    "renal": (6, ("urinary_casts", "hematuria", "proteinuria", "creatinine_increase")),
    "vasculitis": (4, ("vasculitis",)),
    "hemolysis_thrombocytopenia": (3, ("hemolysis", "thrombocytopenia")),
    "myositis": (3, ("myositis",)),
    "arthritis": (2, ("arthritis",)),
    "mucocutaneous": (2, ("malar_rash", "mucosal_ulcers", "alopecia")),
    "serositis": (2, ("pleuritis", "pericarditis", "peritonitis")),
    "fever_fatigue": (1, ("fever", "fatigue")),
    "leukopenia_lymphopenia": (1, ("leukopenia", "lymphopenia")),
}
WEIGHT = {key: weight for key, (weight, _) in DESCRIPTORS.items()}
FINDINGS = tuple(f for _, findings in DESCRIPTORS.values() for f in findings)
DESCRIPTOR_OF = {f: d for d, (_, findings) in DESCRIPTORS.items() for f in findings}

#: lab key -> (plausible low, plausible high) inclusive
RANGES: dict[str, tuple[float, float]] = {
    "leukocytes_per_mm3": (100, 500_000),
    "leukocytes_10e9_per_l": (0.1, 500),
    "lymphocytes_per_mm3": (10, 500_000),
    "lymphocytes_10e9_per_l": (0.01, 500),
    "platelets_per_mm3": (1_000, 5_000_000),
    "platelets_10e9_per_l": (1, 5_000),
    "hemoglobin_g_per_dl": (1, 30),
    "hemoglobin_g_per_l": (10, 300),
    "lymphocytes_percent": (0, 100),
    "reticulocytes_corrected_percent": (0, 100),
    "urine_rbc_per_hpf": (0, 10_000),
    "urine_protein_g_per_l": (0, 100),
    "temperature_c": (25, 45),
    "temperature_f": (77, 113),
}
LAB_KEYS = tuple(RANGES)

#: lab key -> (finding, threshold, abnormal side) for single-value derivations
Side = Literal["below", "above"]
THRESHOLDS: dict[str, tuple[str, float, Side]] = {
    "leukocytes_per_mm3": ("leukopenia", 4_000, "below"),
    "leukocytes_10e9_per_l": ("leukopenia", 4.0, "below"),
    "lymphocytes_per_mm3": ("lymphopenia", 1_200, "below"),
    "lymphocytes_10e9_per_l": ("lymphopenia", 1.2, "below"),
    "platelets_per_mm3": ("thrombocytopenia", 100_000, "below"),
    "platelets_10e9_per_l": ("thrombocytopenia", 100, "below"),
    "urine_rbc_per_hpf": ("hematuria", 5, "above"),
    "urine_protein_g_per_l": ("proteinuria", 0.5, "above"),
    "temperature_c": ("fever", 38.0, "above"),
    "temperature_f": ("fever", 100.4, "above"),
}
#: lymphopenia from a percentage: leukocytes × percent / 100 below the
#: lymphocyte threshold of the leukocyte count's unit
LYMPHOCYTE_THRESHOLD_IN_UNIT_OF = {
    "leukocytes_per_mm3": 1_200,
    "leukocytes_10e9_per_l": 1.2,
}
#: hemolysis: hemoglobin below 12 g/dL (120 g/L) and reticulocytes above 3 %
HEMOGLOBIN_THRESHOLDS = {"hemoglobin_g_per_dl": 12.0, "hemoglobin_g_per_l": 120.0}
RETICULOCYTE_THRESHOLD = 3.0

#: the quantity each lab key measures (two keys of one quantity are an error)
QUANTITY = {
    "leukocytes_per_mm3": "leukocytes",
    "leukocytes_10e9_per_l": "leukocytes",
    "lymphocytes_per_mm3": "lymphocytes",
    "lymphocytes_10e9_per_l": "lymphocytes",
    "platelets_per_mm3": "platelets",
    "platelets_10e9_per_l": "platelets",
    "hemoglobin_g_per_dl": "hemoglobin",
    "hemoglobin_g_per_l": "hemoglobin",
    "lymphocytes_percent": "lymphocyte_percentage",
    "reticulocytes_corrected_percent": "reticulocytes",
    "urine_rbc_per_hpf": "urine_rbc",
    "urine_protein_g_per_l": "urine_protein",
    "temperature_c": "temperature",
    "temperature_f": "temperature",
}


def five_level(total: int) -> str:
    """The default scheme: 0-1 none, 2-5 mild, 6-9 moderate, 10-13 severe, 14+."""
    if total <= 1:
        return "none"
    if total <= 5:
        return "mild"
    if total <= 9:
        return "moderate"
    if total <= 13:
        return "severe"
    return "very_severe"


def three_level_id(total: int) -> str:
    """The Indonesian convention: < 2 mild, 2-5 moderate, > 5 severe."""
    if total < 2:
        return "mild"
    if total <= 5:
        return "moderate"
    return "severe"


LEVEL_OF = {"five-level": five_level, "three-level-id": three_level_id}
