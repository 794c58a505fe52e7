"""The instrument as data: the ten MEX-SLEDAI descriptors and their findings.

This module is the single place where a descriptor's key, label, weight,
findings, definition and source are written. The input models, the scorer,
the command line, the template and the documentation all read it.

Source: Guzmán J, Cardiel MH, Arce-Salinas A, Sánchez-Guerrero J,
Alarcón-Segovia D. Measurement of disease activity in systemic lupus
erythematosus. Prospective validation of 3 clinical indices.
J Rheumatol 1992;19(10):1551-8.

Examples:
    >>> sum(d.weight for d in DESCRIPTORS)
    32
    >>> DESCRIPTOR_BY_KEY["renal"].finding_keys
    ('urinary_casts', 'hematuria', 'proteinuria', 'creatinine_increase')
    >>> DESCRIPTOR_OF_FINDING["pericarditis"].key
    'serositis'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DESCRIPTORS",
    "DESCRIPTOR_BY_KEY",
    "DESCRIPTOR_KEYS",
    "DESCRIPTOR_OF_FINDING",
    "FINDINGS",
    "FINDING_BY_KEY",
    "FINDING_KEYS",
    "MAX_TOTAL",
    "SOURCE",
    "TIME_WINDOW_DAYS",
    "Descriptor",
    "Finding",
]

SOURCE = (
    "Guzmán J, Cardiel MH, Arce-Salinas A, Sánchez-Guerrero J, Alarcón-Segovia D. "
    "Measurement of disease activity in systemic lupus erythematosus. Prospective "
    "validation of 3 clinical indices. J Rheumatol 1992;19(10):1551-8."
)

#: A finding counts if present at the visit or in the preceding days. No primary
#: source states MEX-SLEDAI's window; 10 days is the SLEDAI convention that
#: MEX-SLEDAI was derived from.
TIME_WINDOW_DAYS = 10


@dataclass(frozen=True)
class Finding:
    """One finding of a descriptor, recorded as present, absent or not recorded.

    Attributes:
        key: the flat key, e.g. ``"psychosis"``.
        label: a short human label.
        definition: the published definition, paraphrased.
    """

    key: str
    label: str
    definition: str


@dataclass(frozen=True)
class Descriptor:
    """One MEX-SLEDAI descriptor: its weight scores once if any finding is present.

    Attributes:
        key: the descriptor key, e.g. ``"renal"``.
        label: a short human label.
        weight: the points the descriptor scores when present.
        findings: the findings, any one of which makes the descriptor present.
        note: what the published definition adds beyond its findings.
        source: the publication the weight and definitions come from.
    """

    key: str
    label: str
    weight: int
    findings: tuple[Finding, ...]
    note: str = ""
    source: str = SOURCE

    @property
    def finding_keys(self) -> tuple[str, ...]:
        """The flat keys of this descriptor's findings, in registry order."""
        return tuple(f.key for f in self.findings)

    @property
    def definition(self) -> str:
        """The published definition: each finding's, then the note."""
        parts = [f"{f.label}: {f.definition}" for f in self.findings]
        if self.note:
            parts.append(self.note)
        return " ".join(parts)


DESCRIPTORS: tuple[Descriptor, ...] = (
    Descriptor(
        key="neurological",
        label="Neurological disorder",
        weight=8,
        findings=(
            Finding(
                "psychosis",
                "Psychosis",
                "Inability to function normally from a severe disturbance of the "
                "perception of reality (hallucinations, incoherence, loose "
                "associations, illogical or disorganised thought or behaviour); "
                "not due to uremia or drugs.",
            ),
            Finding(
                "seizures",
                "Seizures",
                "Recent onset; not metabolic, infectious or drug-related.",
            ),
            Finding(
                "cerebrovascular_accident",
                "Cerebrovascular accident",
                "A new syndrome; not due to atherosclerosis.",
            ),
            Finding(
                "organic_brain_syndrome",
                "Organic brain syndrome",
                "Rapid-onset, fluctuating impairment of orientation, memory or other "
                "intellectual function with clouded consciousness and poor attention, "
                "plus at least two of: perceptual disturbance, incoherent speech, "
                "insomnia or daytime drowsiness, raised or lowered psychomotor "
                "activity; not metabolic, infectious or drug-related.",
            ),
            Finding(
                "mononeuritis",
                "Mononeuritis",
                "New sensory or motor deficit of one or more cranial or peripheral "
                "nerves: a new cranial neuropathy therefore scores here.",
            ),
            Finding(
                "myelitis",
                "Myelitis",
                "New paraplegia and/or loss of bladder or bowel control; other causes "
                "excluded.",
            ),
        ),
        note=(
            "SLEDAI's lupus headache and visual disturbance items have no "
            "counterpart in MEX-SLEDAI; SLEDAI's separate cranial-nerve item is "
            "covered here by mononeuritis, scored once with the descriptor."
        ),
    ),
    Descriptor(
        key="renal",
        label="Renal disorder",
        weight=6,
        findings=(
            Finding(
                "urinary_casts",
                "Urinary casts",
                "Heme-granular or red-cell casts.",
            ),
            Finding(
                "hematuria",
                "Hematuria",
                "More than 5 red cells per high-power field; other causes (stones, "
                "infection) excluded.",
            ),
            Finding(
                "proteinuria",
                "Proteinuria",
                "New onset, more than 0.5 g/L on a random urine sample.",
            ),
            Finding(
                "creatinine_increase",
                "Creatinine increase",
                'Published as "increase in creatinine (> 5 mg/dL)"; the wording is '
                "unclear (an absolute value or a rise), so the clinician records "
                "this finding and it is never derived from a laboratory value.",
            ),
        ),
    ),
    Descriptor(
        key="vasculitis",
        label="Vasculitis",
        weight=4,
        findings=(
            Finding(
                "vasculitis",
                "Vasculitis",
                "Ulceration, gangrene, tender finger-pad nodules, periungual "
                "infarction, splinter hemorrhages, or vasculitis shown by biopsy or "
                "angiogram.",
            ),
        ),
    ),
    Descriptor(
        key="hemolysis_thrombocytopenia",
        label="Hemolysis or thrombocytopenia",
        weight=3,
        findings=(
            Finding(
                "hemolysis",
                "Hemolysis",
                "Hemoglobin below 12 g/dL with corrected reticulocytes above 3 %; "
                "not due to drugs or other causes.",
            ),
            Finding(
                "thrombocytopenia",
                "Thrombocytopenia",
                "Platelets below 100,000/mm³; not due to drugs or other causes.",
            ),
        ),
        note="One item: both findings together still score the weight once.",
    ),
    Descriptor(
        key="myositis",
        label="Myositis",
        weight=3,
        findings=(
            Finding(
                "myositis",
                "Myositis",
                "Proximal muscle pain and weakness with raised creatine "
                "phosphokinase (CPK).",
            ),
        ),
    ),
    Descriptor(
        key="arthritis",
        label="Arthritis",
        weight=2,
        findings=(
            Finding(
                "arthritis",
                "Arthritis",
                "Painful joints with swelling or effusion, in two or more joints "
                '(sources read "2" and "more than 2"; the clinician records the '
                "finding).",
            ),
        ),
    ),
    Descriptor(
        key="mucocutaneous",
        label="Mucocutaneous",
        weight=2,
        findings=(
            Finding(
                "malar_rash",
                "Malar rash",
                "New or recurrent malar rash, or increased malar erythema.",
            ),
            Finding(
                "mucosal_ulcers",
                "Mucosal ulcers",
                "New or recurrent oral or nasopharyngeal ulcers.",
            ),
            Finding(
                "alopecia",
                "Alopecia",
                "Diffuse alopecia, or hair that comes out easily.",
            ),
        ),
    ),
    Descriptor(
        key="serositis",
        label="Serositis",
        weight=2,
        findings=(
            Finding(
                "pleuritis",
                "Pleuritis",
                "Pleuritic pain with rub or effusion.",
            ),
            Finding(
                "pericarditis",
                "Pericarditis",
                "Pericardial pain or rub.",
            ),
            Finding(
                "peritonitis",
                "Peritonitis",
                "Diffuse abdominal pain with rebound tenderness; intra-abdominal "
                "causes excluded.",
            ),
        ),
    ),
    Descriptor(
        key="fever_fatigue",
        label="Fever or fatigue",
        weight=1,
        findings=(
            Finding(
                "fever",
                "Fever",
                "Temperature above 38 °C, infection excluded.",
            ),
            Finding(
                "fatigue",
                "Fatigue",
                "Unexplained fatigue.",
            ),
        ),
        note="One item: both findings together still score the weight once.",
    ),
    Descriptor(
        key="leukopenia_lymphopenia",
        label="Leukopenia or lymphopenia",
        weight=1,
        findings=(
            Finding(
                "leukopenia",
                "Leukopenia",
                "Leukocytes below 4,000/mm³; not drug-induced.",
            ),
            Finding(
                "lymphopenia",
                "Lymphopenia",
                "Lymphocytes below 1,200/mm³ (not 1,500, the ACR classification "
                "threshold); not drug-induced.",
            ),
        ),
        note="One item: both findings together still score the weight once.",
    ),
)

DESCRIPTOR_KEYS: tuple[str, ...] = tuple(d.key for d in DESCRIPTORS)
DESCRIPTOR_BY_KEY: dict[str, Descriptor] = {d.key: d for d in DESCRIPTORS}
FINDINGS: tuple[Finding, ...] = tuple(f for d in DESCRIPTORS for f in d.findings)
FINDING_KEYS: tuple[str, ...] = tuple(f.key for f in FINDINGS)
FINDING_BY_KEY: dict[str, Finding] = {f.key: f for f in FINDINGS}
DESCRIPTOR_OF_FINDING: dict[str, Descriptor] = {
    f.key: d for d in DESCRIPTORS for f in d.findings
}
MAX_TOTAL: int = sum(d.weight for d in DESCRIPTORS)
