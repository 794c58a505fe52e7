"""Typed input models: one visit's findings, one class per descriptor, and labs.

Every finding is ``True`` (present), ``False`` (absent) or ``None`` (not
recorded). Field descriptions, and so the JSON Schema, carry the published
definitions from `mexsledai.registry`; lab fields carry their unit, plausible
range and threshold from `mexsledai.labs`. Models are frozen, strict, and
forbid unknown fields.

Examples:
    >>> visit = Assessment(
    ...     neurological=NeurologicalDisorder(seizures=True),
    ...     labs=Labs(leukocytes_per_mm3=3200),
    ... )
    >>> flat = visit.to_flat()
    >>> flat["seizures"], flat["leukocytes_per_mm3"], flat["psychosis"]
    (True, 3200.0, None)
    >>> Assessment.from_flat(flat) == visit
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError
from typing_extensions import Self

from ._flat import read_flat
from .labs import LAB_KEYS, LAB_UNIT_BY_KEY, QUANTITY_BY_NAME, check_lab_value
from .registry import DESCRIPTOR_BY_KEY, DESCRIPTORS, FINDING_BY_KEY, FINDING_KEYS

__all__ = [
    "DESCRIPTOR_MODELS",
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
]

_CONFIG = ConfigDict(
    frozen=True,
    extra="forbid",
    strict=True,
    allow_inf_nan=False,
    # Built on first use, not at import: the command line never needs them.
    defer_build=True,
)


def _finding(key: str) -> Any:
    """A finding field: ``bool | None``, default not recorded, described."""
    finding = FINDING_BY_KEY[key]
    return Field(default=None, title=finding.label, description=finding.definition)


def _descriptor(key: str) -> Any:
    descriptor = DESCRIPTOR_BY_KEY[key]
    model = DESCRIPTOR_MODELS_BY_KEY[key]
    return Field(
        default_factory=model,
        title=f"{descriptor.label} (weight {descriptor.weight})",
        description=descriptor.definition,
    )


class _DescriptorModel(BaseModel):
    """Shared configuration of the descriptor models."""

    model_config = _CONFIG
    descriptor_key: ClassVar[str]


class NeurologicalDisorder(_DescriptorModel):
    """Neurological disorder, weight 8: psychosis, seizures, cerebrovascular
    accident, organic brain syndrome, mononeuritis or myelitis, each new and not
    due to another cause (uremia, drugs, metabolic, infection, atherosclerosis).
    Mononeuritis covers cranial nerves: a new cranial neuropathy scores here.
    SLEDAI's lupus headache and visual disturbance have no counterpart.

    Source: Guzmán J et al., J Rheumatol 1992;19(10):1551-8.

    Examples:
        >>> NeurologicalDisorder(seizures=True, psychosis=False).seizures
        True
    """

    descriptor_key: ClassVar[str] = "neurological"

    psychosis: bool | None = _finding("psychosis")
    seizures: bool | None = _finding("seizures")
    cerebrovascular_accident: bool | None = _finding("cerebrovascular_accident")
    organic_brain_syndrome: bool | None = _finding("organic_brain_syndrome")
    mononeuritis: bool | None = _finding("mononeuritis")
    myelitis: bool | None = _finding("myelitis")


class RenalDisorder(_DescriptorModel):
    """Renal disorder, weight 6: heme-granular or red-cell casts, hematuria
    (> 5 red cells per high-power field), new proteinuria (> 0.5 g/L on a random
    sample), or creatinine increase (published as "> 5 mg/dL", ambiguous, so
    recorded by the clinician and never derived).

    Source: Guzmán J et al., J Rheumatol 1992;19(10):1551-8.

    Examples:
        >>> RenalDisorder(hematuria=True, proteinuria=True).proteinuria
        True
    """

    descriptor_key: ClassVar[str] = "renal"

    urinary_casts: bool | None = _finding("urinary_casts")
    hematuria: bool | None = _finding("hematuria")
    proteinuria: bool | None = _finding("proteinuria")
    creatinine_increase: bool | None = _finding("creatinine_increase")


class Vasculitis(_DescriptorModel):
    """Vasculitis, weight 4: ulceration, gangrene, tender finger-pad nodules,
    periungual infarction, splinter hemorrhages, or vasculitis shown by biopsy
    or angiogram.

    Source: Guzmán J et al., J Rheumatol 1992;19(10):1551-8.

    Examples:
        >>> Vasculitis(vasculitis=True).vasculitis
        True
    """

    descriptor_key: ClassVar[str] = "vasculitis"

    vasculitis: bool | None = _finding("vasculitis")


class HemolysisOrThrombocytopenia(_DescriptorModel):
    """Hemolysis or thrombocytopenia, weight 3, one item: hemolysis (hemoglobin
    < 12 g/dL with corrected reticulocytes > 3 %) or platelets < 100,000/mm³,
    not due to drugs or other causes. Both together still score 3.

    Source: Guzmán J et al., J Rheumatol 1992;19(10):1551-8.

    Examples:
        >>> HemolysisOrThrombocytopenia(thrombocytopenia=True).hemolysis is None
        True
    """

    descriptor_key: ClassVar[str] = "hemolysis_thrombocytopenia"

    hemolysis: bool | None = _finding("hemolysis")
    thrombocytopenia: bool | None = _finding("thrombocytopenia")


class Myositis(_DescriptorModel):
    """Myositis, weight 3: proximal muscle pain and weakness with raised
    creatine phosphokinase (CPK). Never derived: CPK is judged against each
    laboratory's own normal range.

    Source: Guzmán J et al., J Rheumatol 1992;19(10):1551-8.

    Examples:
        >>> Myositis(myositis=False).myositis
        False
    """

    descriptor_key: ClassVar[str] = "myositis"

    myositis: bool | None = _finding("myositis")


class Arthritis(_DescriptorModel):
    """Arthritis, weight 2: painful joints with swelling or effusion in two or
    more joints, as the clinician records it.

    Source: Guzmán J et al., J Rheumatol 1992;19(10):1551-8.

    Examples:
        >>> Arthritis(arthritis=True).arthritis
        True
    """

    descriptor_key: ClassVar[str] = "arthritis"

    arthritis: bool | None = _finding("arthritis")


class Mucocutaneous(_DescriptorModel):
    """Mucocutaneous, weight 2: new or recurrent malar rash, new or recurrent
    oral or nasopharyngeal ulcers, or diffuse alopecia.

    Source: Guzmán J et al., J Rheumatol 1992;19(10):1551-8.

    Examples:
        >>> Mucocutaneous(alopecia=True).malar_rash is None
        True
    """

    descriptor_key: ClassVar[str] = "mucocutaneous"

    malar_rash: bool | None = _finding("malar_rash")
    mucosal_ulcers: bool | None = _finding("mucosal_ulcers")
    alopecia: bool | None = _finding("alopecia")


class Serositis(_DescriptorModel):
    """Serositis, weight 2: pleuritis, pericarditis or peritonitis. Any number
    of them scores 2 once.

    Source: Guzmán J et al., J Rheumatol 1992;19(10):1551-8.

    Examples:
        >>> Serositis(pleuritis=True, pericarditis=True).pericarditis
        True
    """

    descriptor_key: ClassVar[str] = "serositis"

    pleuritis: bool | None = _finding("pleuritis")
    pericarditis: bool | None = _finding("pericarditis")
    peritonitis: bool | None = _finding("peritonitis")


class FeverOrFatigue(_DescriptorModel):
    """Fever or fatigue, weight 1, one item: fever above 38 °C with infection
    excluded, or unexplained fatigue. Both together still score 1.

    Source: Guzmán J et al., J Rheumatol 1992;19(10):1551-8.

    Examples:
        >>> FeverOrFatigue(fatigue=True).fatigue
        True
    """

    descriptor_key: ClassVar[str] = "fever_fatigue"

    fever: bool | None = _finding("fever")
    fatigue: bool | None = _finding("fatigue")


class LeukopeniaOrLymphopenia(_DescriptorModel):
    """Leukopenia or lymphopenia, weight 1, one item: leukocytes < 4,000/mm³ or
    lymphocytes < 1,200/mm³ (not 1,500, the ACR classification threshold), not
    drug-induced. Both together still score 1.

    Source: Guzmán J et al., J Rheumatol 1992;19(10):1551-8.

    Examples:
        >>> LeukopeniaOrLymphopenia(lymphopenia=True).leukopenia is None
        True
    """

    descriptor_key: ClassVar[str] = "leukopenia_lymphopenia"

    leukopenia: bool | None = _finding("leukopenia")
    lymphopenia: bool | None = _finding("lymphopenia")


DESCRIPTOR_MODELS: tuple[type[_DescriptorModel], ...] = (
    NeurologicalDisorder,
    RenalDisorder,
    Vasculitis,
    HemolysisOrThrombocytopenia,
    Myositis,
    Arthritis,
    Mucocutaneous,
    Serositis,
    FeverOrFatigue,
    LeukopeniaOrLymphopenia,
)
DESCRIPTOR_MODELS_BY_KEY: dict[str, type[_DescriptorModel]] = {
    model.descriptor_key: model for model in DESCRIPTOR_MODELS
}


def _lab(key: str) -> Any:
    """A lab field: ``float | None``, default not recorded, with its unit."""
    unit = LAB_UNIT_BY_KEY[key]
    quantity = QUANTITY_BY_NAME[unit.quantity]
    return Field(
        default=None,
        title=f"{quantity.label} ({unit.unit})",
        description=(
            f"{quantity.label} in {unit.unit}; plausible {unit.low:g} to "
            f"{unit.high:g}; "
            + (
                f"abnormal when {quantity.describe_threshold(unit)}."
                if unit.threshold is not None
                else "with a leukocyte count, gives the lymphocyte count "
                "(leukocytes × percentage / 100), compared with the "
                "lymphopenia threshold in the leukocyte count's unit."
            )
        ),
    )


class Labs(BaseModel):
    """Laboratory values of one visit, each in the unit its key names.

    A value outside the plausible range for its unit is an error, as is the
    same quantity given under two keys. Thresholds are strict and compared in
    the unit given (see `mexsledai.labs`).

    Examples:
        >>> Labs(platelets_10e9_per_l=85).platelets_10e9_per_l
        85.0
    """

    model_config = _CONFIG

    leukocytes_per_mm3: float | None = _lab("leukocytes_per_mm3")
    leukocytes_10e9_per_l: float | None = _lab("leukocytes_10e9_per_l")
    lymphocytes_per_mm3: float | None = _lab("lymphocytes_per_mm3")
    lymphocytes_10e9_per_l: float | None = _lab("lymphocytes_10e9_per_l")
    platelets_per_mm3: float | None = _lab("platelets_per_mm3")
    platelets_10e9_per_l: float | None = _lab("platelets_10e9_per_l")
    hemoglobin_g_per_dl: float | None = _lab("hemoglobin_g_per_dl")
    hemoglobin_g_per_l: float | None = _lab("hemoglobin_g_per_l")
    lymphocytes_percent: float | None = _lab("lymphocytes_percent")
    reticulocytes_corrected_percent: float | None = _lab(
        "reticulocytes_corrected_percent"
    )
    urine_rbc_per_hpf: float | None = _lab("urine_rbc_per_hpf")
    urine_protein_g_per_l: float | None = _lab("urine_protein_g_per_l")
    temperature_c: float | None = _lab("temperature_c")
    temperature_f: float | None = _lab("temperature_f")

    @field_validator("*", mode="after")
    @classmethod
    def _plausible(cls, value: float | None, info: ValidationInfo) -> float | None:
        if value is None:
            return None
        assert info.field_name is not None
        _, problem = check_lab_value(info.field_name, value)
        if problem is not None:
            raise PydanticCustomError(problem.code, problem.message)
        return value

    @model_validator(mode="after")
    def _one_unit_per_quantity(self) -> Self:
        seen: dict[str, str] = {}
        for key in LAB_KEYS:
            if getattr(self, key) is None:
                continue
            quantity = LAB_UNIT_BY_KEY[key].quantity
            if quantity in seen:
                msg = (
                    f"{quantity} must be given under one key, got two: "
                    f"{seen[quantity]} and {key}"
                )
                code = "quantity_given_twice"
                raise PydanticCustomError(code, msg)
            seen[quantity] = key
        return self

    def given(self) -> dict[str, float]:
        """The values that were recorded, by key, in the units table's order."""
        return {key: v for key in LAB_KEYS if (v := getattr(self, key)) is not None}


class Assessment(BaseModel):
    """One visit: the ten descriptors' findings and the laboratory values.

    Examples:
        >>> a = Assessment.from_flat({"arthritis": True, "fever": False})
        >>> a.arthritis.arthritis, a.fever_fatigue.fever, a.fever_fatigue.fatigue
        (True, False, None)
    """

    model_config = _CONFIG

    neurological: NeurologicalDisorder = _descriptor("neurological")
    renal: RenalDisorder = _descriptor("renal")
    vasculitis: Vasculitis = _descriptor("vasculitis")
    hemolysis_thrombocytopenia: HemolysisOrThrombocytopenia = _descriptor(
        "hemolysis_thrombocytopenia"
    )
    myositis: Myositis = _descriptor("myositis")
    arthritis: Arthritis = _descriptor("arthritis")
    mucocutaneous: Mucocutaneous = _descriptor("mucocutaneous")
    serositis: Serositis = _descriptor("serositis")
    fever_fatigue: FeverOrFatigue = _descriptor("fever_fatigue")
    leukopenia_lymphopenia: LeukopeniaOrLymphopenia = _descriptor(
        "leukopenia_lymphopenia"
    )
    labs: Labs = Field(
        default_factory=Labs, description="Laboratory values of the visit."
    )

    @classmethod
    def from_flat(cls, mapping: Mapping[str, object]) -> Self:
        """Build the nested model from flat keys (a missing key or ``None``:
        not recorded).

        Raises:
            InvalidAssessmentError: listing every problem of the mapping.
        """
        values, labs = read_flat(mapping)
        findings = dict(zip(FINDING_KEYS, values, strict=True))
        nested: dict[str, Any] = {
            d.key: DESCRIPTOR_MODELS_BY_KEY[d.key](
                **{key: findings[key] for key in d.finding_keys}
            )
            for d in DESCRIPTORS
        }
        return cls(**nested, labs=Labs(**labs))

    def finding_values(self) -> list[bool | None]:
        """The 25 findings in registry order: ``True``, ``False`` or ``None``."""
        return [
            getattr(getattr(self, d.key), key)
            for d in DESCRIPTORS
            for key in d.finding_keys
        ]

    def to_flat(self) -> dict[str, bool | float | None]:
        """All 39 flat keys: the findings in registry order, then the lab keys
        in the units table's order, with ``None`` where not recorded."""
        flat: dict[str, bool | float | None] = dict(
            zip(FINDING_KEYS, self.finding_values(), strict=True)
        )
        for key in LAB_KEYS:
            flat[key] = getattr(self.labs, key)
        return flat
