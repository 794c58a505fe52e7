"""The names clinics write, in English, Spanish, Indonesian and Portuguese.

Data only, from LANGUAGES.md: finding aliases, descriptor names, the names of
measured quantities and the unit spellings laboratories print, and the
activity level labels. Every list is a minimum: names may be added, never
removed, and no name may lead to two keys (a test holds it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = [
    "COUNT_10E9_PER_L",
    "COUNT_PER_MM3",
    "DESCRIPTOR_NAMES",
    "FINDING_ALIASES",
    "HEADER_QUANTITIES",
    "LANGS",
    "LEVEL_LABELS",
    "PERCENT",
    "UNCORRECTED_RETICULOCYTES",
    "HeaderQuantity",
]

#: The languages, English first.
LANGS: Final = ("en", "es", "id", "pt")

Names = dict[str, tuple[str, ...]]

#: Finding key → language → names (besides the key itself). The first name
#: in a language is the one `mexsledai template --lang` writes.
FINDING_ALIASES: Final[dict[str, Names]] = {
    "psychosis": {
        "en": ("psychosis",),
        "es": ("psicosis",),
        "id": ("psikosis",),
        "pt": ("psicose",),
    },
    "seizures": {
        "en": ("seizures", "seizure"),
        "es": ("convulsiones", "crisis convulsivas"),
        "id": ("kejang",),
        "pt": ("convulsões",),
    },
    "cerebrovascular_accident": {
        "en": ("cerebrovascular accident", "stroke", "cva"),
        "es": ("accidente cerebrovascular", "evento vascular cerebral"),
        "id": ("kejadian serebrovaskular", "stroke"),
        "pt": ("acidente vascular cerebral",),
    },
    "organic_brain_syndrome": {
        "en": ("organic brain syndrome",),
        "es": ("síndrome cerebral orgánico",),
        "id": ("sindrom otak organik",),
        "pt": ("síndrome cerebral orgânica",),
    },
    "mononeuritis": {
        "en": ("mononeuritis",),
        "es": ("mononeuritis",),
        "id": ("mononeuritis",),
        "pt": ("mononeurite",),
    },
    "myelitis": {
        "en": ("myelitis",),
        "es": ("mielitis",),
        "id": ("mielitis",),
        "pt": ("mielite",),
    },
    "urinary_casts": {
        "en": ("urinary casts", "casts"),
        "es": ("cilindros urinarios",),
        "id": ("silinder urin",),
        "pt": ("cilindros urinários",),
    },
    "hematuria": {
        "en": ("hematuria", "haematuria"),
        "es": ("hematuria",),
        "id": ("hematuria",),
        "pt": ("hematúria",),
    },
    "proteinuria": {
        "en": ("proteinuria",),
        "es": ("proteinuria",),
        "id": ("proteinuria",),
        "pt": ("proteinúria",),
    },
    "creatinine_increase": {
        "en": ("creatinine increase",),
        "es": ("aumento de creatinina",),
        "id": ("peningkatan kreatinin",),
        "pt": ("aumento da creatinina",),
    },
    "vasculitis": {
        "en": ("vasculitis",),
        "es": ("vasculitis",),
        "id": ("vaskulitis",),
        "pt": ("vasculite",),
    },
    "hemolysis": {
        "en": ("hemolysis", "haemolysis"),
        "es": ("hemólisis",),
        "id": ("hemolisis",),
        "pt": ("hemólise",),
    },
    "thrombocytopenia": {
        "en": ("thrombocytopenia", "thrombocytopaenia"),
        "es": ("trombocitopenia", "plaquetopenia"),
        "id": ("trombositopenia",),
        "pt": ("trombocitopenia", "plaquetopenia"),
    },
    "myositis": {
        "en": ("myositis",),
        "es": ("miositis",),
        "id": ("miositis",),
        "pt": ("miosite",),
    },
    "arthritis": {
        "en": ("arthritis",),
        "es": ("artritis",),
        "id": ("artritis",),
        "pt": ("artrite",),
    },
    "malar_rash": {
        "en": ("malar rash",),
        "es": ("eritema malar", "exantema malar"),
        "id": ("ruam malar",),
        "pt": ("eritema malar",),
    },
    "mucosal_ulcers": {
        "en": ("mucosal ulcers", "oral ulcers"),
        "es": ("úlceras mucosas", "úlceras orales"),
        "id": ("ulkus mukosa", "sariawan"),
        "pt": ("úlceras mucosas", "úlceras orais"),
    },
    "alopecia": {
        "en": ("alopecia",),
        "es": ("alopecia",),
        "id": ("alopesia",),
        "pt": ("alopecia",),
    },
    "pleuritis": {
        "en": ("pleuritis", "pleurisy"),
        "es": ("pleuritis", "pleuresía"),
        "id": ("pleuritis",),
        "pt": ("pleurite",),
    },
    "pericarditis": {
        "en": ("pericarditis",),
        "es": ("pericarditis",),
        "id": ("perikarditis",),
        "pt": ("pericardite",),
    },
    "peritonitis": {
        "en": ("peritonitis",),
        "es": ("peritonitis",),
        "id": ("peritonitis",),
        "pt": ("peritonite",),
    },
    "fever": {
        "en": ("fever",),
        "es": ("fiebre",),
        "id": ("demam",),
        "pt": ("febre",),
    },
    "fatigue": {
        "en": ("fatigue",),
        "es": ("fatiga", "cansancio"),
        "id": ("kelelahan", "lelah"),
        "pt": ("fadiga",),
    },
    "leukopenia": {
        "en": ("leukopenia", "leucopenia"),
        "es": ("leucopenia",),
        "id": ("leukopenia",),
        "pt": ("leucopenia",),
    },
    "lymphopenia": {
        "en": ("lymphopenia", "lymphopaenia"),
        "es": ("linfopenia",),
        "id": ("limfopenia",),
        "pt": ("linfopenia",),
    },
}

#: Descriptor key → language → names. A header that is one of these stops the
#: run (record the findings instead). Where a descriptor's name is also its
#: only finding's (vasculitis, myositis, arthritis) the finding wins, so
#: those descriptors have no entry.
DESCRIPTOR_NAMES: Final[dict[str, Names]] = {
    "neurological": {
        "en": ("neurological", "neurological disorder"),
        "es": ("neurológico", "trastorno neurológico"),
        "id": ("neurologis", "gangguan neurologis"),
        "pt": ("neurológico", "distúrbio neurológico"),
    },
    "renal": {
        "en": ("renal", "renal disorder"),
        "es": ("renal", "trastorno renal"),
        "id": ("ginjal", "gangguan ginjal"),
        "pt": ("renal", "distúrbio renal"),
    },
    "hemolysis_thrombocytopenia": {
        "en": ("hemolysis or thrombocytopenia",),
        "es": ("hemólisis o trombocitopenia",),
        "id": ("hemolisis atau trombositopenia",),
        "pt": ("hemólise ou trombocitopenia",),
    },
    "mucocutaneous": {
        "en": ("mucocutaneous",),
        "es": ("mucocutáneo",),
        "id": ("mukokutan",),
        "pt": ("mucocutâneo",),
    },
    "serositis": {
        "en": ("serositis",),
        "es": ("serositis",),
        "id": ("serositis",),
        "pt": ("serosite",),
    },
    "fever_fatigue": {
        "en": ("fever or fatigue",),
        "es": ("fiebre o fatiga",),
        "id": ("demam atau kelelahan",),
        "pt": ("febre ou fadiga",),
    },
    "leukopenia_lymphopenia": {
        "en": ("leukopenia or lymphopenia",),
        "es": ("leucopenia o linfopenia",),
        "id": ("leukopenia atau limfopenia",),
        "pt": ("leucopenia ou linfopenia",),
    },
}

#: Unit spellings shared by the cell counts (leukocytes, lymphocytes, platelets).
COUNT_PER_MM3: Final = (
    "/mm³", "/mm3", "per mm3", "cells/mm3", "células/mm3", "sel/mm3",
    "/µL", "/uL", "/mcL", "cells/µL", "sel/µL",
    # added: Spanish and Portuguese "por", English "per µL"
    "por mm3", "por µL", "per µL",
)  # fmt: skip
COUNT_10E9_PER_L: Final = (
    "×10⁹/L", "x10^9/L", "x 10^9/L", "10^9/L", "10e9/L", "x10e9/L", "10*9/L",
    "G/L", "10³/µL", "x10^3/µL", "10^3/uL", "10^3/mm3", "K/µL", "ribu/µL",
    "rb/µL", "ribu/mm3",
)  # fmt: skip
PERCENT: Final = ("%", "percent", "persen")


@dataclass(frozen=True)
class HeaderQuantity:
    """The name part of a lab header and, for each key, its unit spellings.

    Attributes:
        names: language → the quantity's names.
        units: lab key → the unit spellings that give it.
    """

    names: Names
    units: dict[str, tuple[str, ...]]


#: Quantity → its names and units. `UNCORRECTED_RETICULOCYTES` has no unit
#: that gives a key: only corrected reticulocytes derive hemolysis.
HEADER_QUANTITIES: Final[dict[str, HeaderQuantity]] = {
    "leukocytes": HeaderQuantity(
        {
            "en": (
                "leukocytes",
                "leucocytes",
                "wbc",
                "white cells",
                "white blood cells",
            ),
            "es": ("leucocitos", "glóbulos blancos"),
            "id": ("leukosit",),
            "pt": ("leucócitos", "glóbulos brancos"),
        },
        {
            "leukocytes_per_mm3": COUNT_PER_MM3,
            "leukocytes_10e9_per_l": COUNT_10E9_PER_L,
        },
    ),
    "lymphocytes": HeaderQuantity(
        {
            "en": ("lymphocytes", "lymphs"),
            "es": ("linfocitos",),
            "id": ("limfosit",),
            "pt": ("linfócitos",),
        },
        {
            "lymphocytes_per_mm3": COUNT_PER_MM3,
            "lymphocytes_10e9_per_l": COUNT_10E9_PER_L,
            "lymphocytes_percent": PERCENT,
        },
    ),
    "platelets": HeaderQuantity(
        {
            "en": ("platelets", "plt"),
            "es": ("plaquetas",),
            "id": ("trombosit",),
            "pt": ("plaquetas",),
        },
        {
            "platelets_per_mm3": COUNT_PER_MM3,
            "platelets_10e9_per_l": COUNT_10E9_PER_L,
        },
    ),
    "hemoglobin": HeaderQuantity(
        {
            "en": ("hemoglobin", "haemoglobin", "hb", "hgb"),
            "es": ("hemoglobina",),
            "id": ("hemoglobin",),
            "pt": ("hemoglobina",),
        },
        {
            "hemoglobin_g_per_dl": ("g/dL", "gr/dL", "g%"),
            "hemoglobin_g_per_l": ("g/L", "gr/L"),
        },
    ),
    "reticulocytes": HeaderQuantity(
        {
            "en": ("corrected reticulocytes", "reticulocytes corrected"),
            "es": ("reticulocitos corregidos",),
            "id": ("retikulosit koreksi", "retikulosit terkoreksi"),
            "pt": ("reticulócitos corrigidos",),
        },
        {"reticulocytes_corrected_percent": PERCENT},
    ),
    "urine_rbc": HeaderQuantity(
        {
            "en": ("urine rbc", "urine red cells", "urine erythrocytes"),
            "es": ("eritrocitos en orina", "hematíes en orina"),
            "id": ("eritrosit urin",),
            "pt": ("hemácias na urina", "eritrócitos na urina"),
        },
        {
            "urine_rbc_per_hpf": (
                "/hpf",
                "per hpf",
                "/LPB",
                "/campo",
                "por campo",
                "/cga",
                "p/campo",
            ),
        },
    ),
    "urine_protein": HeaderQuantity(
        {
            "en": ("urine protein",),
            "es": ("proteínas en orina",),
            "id": ("protein urin",),
            "pt": ("proteína urinária", "proteína na urina"),
        },
        {"urine_protein_g_per_l": ("g/L", "gr/L")},
    ),
    "temperature": HeaderQuantity(
        {
            "en": ("temperature", "temp", "body temperature"),
            "es": ("temperatura",),
            "id": ("suhu", "suhu tubuh"),
            "pt": ("temperatura",),
        },
        {
            "temperature_c": ("°C", "ºC", "C", "celsius"),
            "temperature_f": ("°F", "ºF", "F", "fahrenheit"),
        },
    ),
}

#: Reticulocytes without the word for *corrected*: always a stop.
UNCORRECTED_RETICULOCYTES: Final[Names] = {
    "en": ("reticulocytes", "retic"),
    "es": ("reticulocitos",),
    "id": ("retikulosit",),
    "pt": ("reticulócitos",),
}

#: Activity level value → language → label (the same in every scheme).
LEVEL_LABELS: Final[dict[str, dict[str, str]]] = {
    "none": {"en": "no activity", "es": "sin actividad", "id": "tidak aktif",
             "pt": "sem atividade"},
    "mild": {"en": "mild", "es": "leve", "id": "ringan", "pt": "leve"},
    "moderate": {"en": "moderate", "es": "moderada", "id": "sedang",
                 "pt": "moderada"},
    "severe": {"en": "severe", "es": "severa", "id": "berat", "pt": "grave"},
    "very_severe": {"en": "very severe", "es": "muy severa",
                    "id": "sangat berat", "pt": "muito grave"},
}  # fmt: skip

#: REDCap field names (lowercase, digits, underscores, a letter first, at most
#: 26 characters): each flat key's, the identity where the key fits.
REDCAP_FIELD_NAMES: Final[dict[str, str]] = {
    "reticulocytes_corrected_percent": "retic_corrected_pct",
}
#: REDCap names of the dictionary's calculated fields: each descriptor's
#: points, the total, and the activity level (@CALCTEXT).
REDCAP_CALC_FIELDS: Final[dict[str, str]] = {
    "neurological": "mex_sledai_neuro",
    "renal": "mex_sledai_renal",
    "vasculitis": "mex_sledai_vasc",
    "hemolysis_thrombocytopenia": "mex_sledai_hem_thromb",
    "myositis": "mex_sledai_myositis",
    "arthritis": "mex_sledai_arthritis",
    "mucocutaneous": "mex_sledai_mucocut",
    "serositis": "mex_sledai_serositis",
    "fever_fatigue": "mex_sledai_fever_fatigue",
    "leukopenia_lymphopenia": "mex_sledai_leuk_lymph",
    "total": "mex_sledai_total",
    "level": "mex_sledai_level",
}
