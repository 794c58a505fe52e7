"""Make the synthetic trial spreadsheets in this folder (fixed seed).

Thirty patients in two arms (secretome, placebo), scored at baseline, day 22
and day 43, as a trial team would keep them: some cells blank, labs in mixed
units, a notes column, and one drug-induced cytopenia recorded absent (a
conflict). Invented data: no real patient.

Run: ``python examples/make_trial.py`` (needs openpyxl for the .xlsx copy).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from mexsledai.registry import FINDING_KEYS

HERE = Path(__file__).parent
SEED = 2025
VISITS = (("baseline", 0), ("day 22", 22), ("day 43", 43))
LABS = (
    "leukocytes_per_mm3",
    "leukocytes_10e9_per_l",
    "lymphocytes_per_mm3",
    "platelets_10e9_per_l",
    "hemoglobin_g_per_dl",
    "reticulocytes_corrected_percent",
    "urine_rbc_per_hpf",
    "urine_protein_g_per_l",
    "temperature_c",
)
# Findings left blank for the lab values to decide.
DERIVED = {
    "fever", "hematuria", "proteinuria", "hemolysis", "thrombocytopenia",
    "leukopenia", "lymphopenia",
}  # fmt: skip
HEADER = ["patient_id", "arm", "visit", "day", *FINDING_KEYS, *LABS, "notes"]
# How likely each finding is at baseline (active lupus, enrolled for activity).
BASELINE = {
    "arthritis": 0.7, "malar_rash": 0.5, "mucosal_ulcers": 0.3, "alopecia": 0.4,
    "fatigue": 0.8, "fever": 0.2, "pleuritis": 0.15, "pericarditis": 0.05,
    "hematuria": 0.25, "proteinuria": 0.3, "urinary_casts": 0.1, "myositis": 0.1,
    "vasculitis": 0.1, "seizures": 0.03, "psychosis": 0.02,
}  # fmt: skip


def _fmt(value: float, decimal: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if decimal == "," else text


def make_rows(
    decimal: str = ".", words: tuple[str, str] = ("1", "0")
) -> list[list[str]]:
    rng = random.Random(SEED)
    rows: list[list[str]] = []
    for number in range(1, 31):
        arm = "secretome" if number % 2 else "placebo"
        active = {k for k, p in BASELINE.items() if rng.random() < p}
        si_units = rng.random() < 0.4  # this site reports counts in 10^9/L
        for visit, day in VISITS:
            keep = 0.45 if arm == "secretome" else 0.8
            if day:
                # sorted: a set's order changes with the hash seed
                active = {k for k in sorted(active) if rng.random() < keep}
            row = {
                "patient_id": f"P{number:02d}",
                "arm": arm,
                "visit": visit,
                "day": str(day),
            }
            for key in FINDING_KEYS:
                if key in DERIVED:
                    row[key] = ""  # derived from the lab values below
                elif rng.random() < 0.06:
                    row[key] = ""  # not recorded
                else:
                    row[key] = words[0] if key in active else words[1]
            leuko = (
                rng.uniform(2800, 7500)
                if "fatigue" in active
                else rng.uniform(4200, 8000)
            )
            if si_units:
                row["leukocytes_10e9_per_l"] = _fmt(round(leuko / 1000, 1), decimal)
            else:
                row["leukocytes_per_mm3"] = str(round(leuko, -2).__int__())
            row["lymphocytes_per_mm3"] = str(int(rng.uniform(900, 2500)))
            row["platelets_10e9_per_l"] = str(int(rng.uniform(80, 350)))
            row["hemoglobin_g_per_dl"] = _fmt(round(rng.uniform(9.5, 14.5), 1), decimal)
            if rng.random() < 0.5:
                row["reticulocytes_corrected_percent"] = _fmt(
                    round(rng.uniform(0.5, 4.5), 1), decimal
                )
            row["urine_rbc_per_hpf"] = str(
                rng.choice([0, 1, 2, 3, 8, 12])
                if "hematuria" in active
                else rng.randint(0, 4)
            )
            row["urine_protein_g_per_l"] = _fmt(
                round(
                    rng.uniform(0.6, 2.5)
                    if "proteinuria" in active
                    else rng.uniform(0, 0.4),
                    2,
                ),
                decimal,
            )
            if rng.random() < 0.8:
                temp = (
                    rng.uniform(38.1, 38.9)
                    if "fever" in active
                    else rng.uniform(36.2, 37.6)
                )
                row["temperature_c"] = _fmt(round(temp, 1), decimal)
            if day == 43 and number == 7:
                row["notes"] = "missed visit window by 2 days"
            if day == 0 and number == 4:
                # The clinician knows the low count is drug-induced: recorded
                # absent, which wins over the lab value (reported as a conflict).
                row["leukocytes_per_mm3"] = "3100"
                row["leukopenia"] = words[1]
                row["notes"] = "leukopenia attributed to azathioprine"
            rows.append([row.get(column, "") for column in HEADER])
    return rows


def main() -> None:
    with (HERE / "trial.csv").open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([HEADER, *make_rows()])
    # The same trial as an Indonesian-locale Excel export: ';', decimal commas, ya/tidak.
    with (HERE / "trial-id.csv").open("w", newline="", encoding="utf-8-sig") as stream:
        csv.writer(stream, delimiter=";").writerows(
            [HEADER, *make_rows(",", ("ya", "tidak"))]
        )
    try:
        import openpyxl  # noqa: PLC0415
    except ImportError:
        print("openpyxl not installed: trial.xlsx not written")
        return
    book = openpyxl.Workbook()
    sheet = book.create_sheet("visits", 0)
    book.remove(book.worksheets[1])
    sheet.append(HEADER)
    for row in make_rows():
        sheet.append(
            [_typed(column, cell) for column, cell in zip(HEADER, row, strict=True)]
        )
    book.save(HERE / "trial.xlsx")


def _typed(column: str, cell: str) -> object:
    """Numbers as numbers and findings as 1/0 numbers, as Excel keeps them."""
    if cell == "" or column in {"patient_id", "arm", "visit", "notes"}:
        return cell or None
    return float(cell) if "." in cell else int(cell)


if __name__ == "__main__":
    main()
