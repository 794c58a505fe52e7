"""The fast path keeps its teeth: it equals the full path on any subset of
columns and on the cells that used to slip through, and it is really taken."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mexsledai.scoring import Unrecorded
from mexsledai.tables import files
from mexsledai.tables.fast import FastRows
from mexsledai.tables.rows import TableScorer
from tests import spec_tables
from tests.property.strategies import policies

CELLS: dict[str, list[str]] = {
    "leukocytes_per_mm3": ["", " ", "3999", "4000", "4001", "2500"],
    "leukocytes_10e9_per_l": ["", "3.9", "4.0", "4,0"],
    "lymphocytes_per_mm3": ["", "1199", "1200", "100", "101", "18"],
    "lymphocytes_10e9_per_l": ["", "1.1", "1.2"],
    "lymphocytes_percent": ["", "", "30", "29.9", "10"],
    "platelets_per_mm3": ["", "99999", "100000"],
    "platelets_10e9_per_l": ["", "99", "100", "101", "\t"],
    "hemoglobin_g_per_dl": ["", "11.9", "12", "12.1"],
    "hemoglobin_g_per_l": ["", "119", "120"],
    "reticulocytes_corrected_percent": ["", "3", "3.1"],
    "urine_rbc_per_hpf": ["", "5", "6"],
    "urine_protein_g_per_l": ["", "0.5", "0.6"],
    "temperature_c": ["", "38", "38.1"],
    "temperature_f": ["", "100.4", "100.5"],
}
WORDS = ["", "", "0", "1", "x", "no", "sí", "-", "+", " ", "tidak ada", "maybe"]


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """A header of random finding and lab columns, and rows for it."""
    columns = draw(
        st.lists(
            st.sampled_from([*spec_tables.FINDINGS, *spec_tables.LAB_KEYS]),
            unique=True,
            min_size=1,
            max_size=20,
        )
    )
    header = ["id", *columns]
    rows = []
    for _ in range(draw(st.integers(1, 25))):
        row = ["P"]
        for column in columns:
            choices = CELLS.get(column, WORDS)
            row.append(draw(st.sampled_from(choices)))
        rows.append(row)
    return header, rows


def _check(header: list[str], rows: list[list[str]], policy: Unrecorded) -> None:
    scorer = TableScorer(header, unrecorded=policy)
    fast = FastRows(scorer, as_text=True)
    appended, statuses, blank = fast.batch([list(r) for r in rows], 2)
    full = [scorer.score_row(row, n) for n, row in enumerate(rows, start=2)]
    assert appended == [tuple(str(v) for v in r.appended()) for r in full]
    assert statuses == dict(Counter(r.status for r in full))
    assert blank == sum(r.blank_counted_absent for r in full)


@settings(max_examples=300)
@given(tables(), policies)
def test_any_subset_of_columns(
    table: tuple[list[str], list[list[str]]], policy: Unrecorded
) -> None:
    _check(*table, policy)


def test_whitespace_only_lab_cells_are_blank() -> None:
    header = ["id", "arthritis", "leukocytes_per_mm3", "temperature_c"]
    rows = [["A", "1", " ", "\t"], ["B", "1", "\xa0", ""]]
    _check(header, rows, "absent")
    scorer = TableScorer(header)
    assert FastRows(scorer).batch(rows, 2)[0][0][:5] == (2, 2, 2, "mild", "scored")


def test_more_distinct_lab_values_than_the_cache_holds() -> None:
    header = ["id", "fever", "temperature_c", "leukocytes_per_mm3"]
    rng = random.Random(7)
    rows = [["P", "", "37", str(4000 + i)] for i in range(9000)]
    rows += [["W", "0", "38.5", str(3000 + rng.random())]]  # a warning row past it
    rows += [["Q", "", "38.5", str(10_000 + i)] for i in range(200)]
    _check(header, rows, "absent")


def test_every_finding_cell_a_formula_sign() -> None:
    header = ["id", "arthritis", "fever", "notes"]
    rows = [["A", "-", "+", "n"], ["B", "+", "-", "m"]]
    scorer = TableScorer(header)
    fast = FastRows(scorer, as_text=True, all_text=True)
    fast.batch(rows, 2)
    assert fast.formula_cells  # the writer must check these rows for escapes


def test_written_with_escapes(tmp_path: pytest.TempPathFactory) -> None:
    source = tmp_path / "in.csv"  # type: ignore[operator]
    source.write_text("id,arthritis,fever\nA,-,+\nB,+,-\n", encoding="utf-8")
    target = tmp_path / "out.csv"  # type: ignore[operator]
    files.score_file(str(source), str(target))
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("A,'-,'+,1,1,1,")
    assert lines[2].startswith("B,'+,'-,2,2,2,")


def test_the_fast_path_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ordinary rows never reach the full path."""
    calls = Counter[int]()
    original = TableScorer.score_row

    def counting(self: TableScorer, cells: list[object], row: int) -> object:
        calls[row] += 1
        return original(self, cells, row)

    monkeypatch.setattr(TableScorer, "score_row", counting)
    header = ["id", "seizures", "arthritis", "leukocytes_per_mm3", "temperature_c"]
    rows = [["P", "x", "", "3200", "37"], ["Q", "0", "1", "5000", ""]] * 50
    rows.append(["R", "maybe", "", "", ""])  # this one needs explaining
    scorer = TableScorer(header)
    appended, statuses, _ = FastRows(scorer).batch(rows, 2)
    assert statuses == {"scored": 100, "error": 1}
    assert list(calls) == [102]
    assert appended[0][:5] == (9, 9, 9, "moderate", "scored")


@pytest.mark.parametrize(
    ("cell", "full"),
    [("30", True), ("", False), ("18", True), ("101", False)],
)
def test_percentages_and_low_counts_go_to_the_full_path(cell: str, full: bool) -> None:
    key = "lymphocytes_per_mm3" if cell in ("18", "101") else "lymphocytes_percent"
    header = ["id", "leukocytes_per_mm3", key]
    scorer = TableScorer(header)
    fast = FastRows(scorer)
    fast.batch([["A", "4000", cell]], 2)
    taken = TableScorer.score_row
    calls: list[int] = []

    def spy(self: TableScorer, cells: list[object], row: int) -> object:
        calls.append(row)
        return taken(self, cells, row)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TableScorer, "score_row", spy)
        FastRows(scorer).batch([["A", "4000", cell]], 2)
    assert bool(calls) is full
