"""Properties of follow-up and summaries over generated trials."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mexsledai import follow_up, summarize
from mexsledai.trials import SummaryRow

FINDINGS = ["seizures", "hematuria", "vasculitis", "arthritis", "fatigue"]
LABELS = {"v0": 0, "v1": 22, "v2": 43}


@st.composite
def trials(draw: st.DrawFn) -> list[dict[str, object]]:
    """Records of a few patients: arms (now and then switching), visits with
    days (now and then missing or duplicated), finding cells (now and then
    unreadable)."""
    # The trial's first visit exists: a named baseline must be a visit label.
    records: list[dict[str, object]] = [
        {"id": "P0", "arm": "A", "visit": "v0", "day": 0, "seizures": "x"}
    ]
    for number in range(draw(st.integers(1, 5))):
        arm = draw(st.sampled_from(["A", "B", ""]))
        for label in draw(
            st.lists(st.sampled_from(sorted(LABELS)), min_size=1, max_size=4)
        ):
            record: dict[str, object] = {
                "id": f"P{number}",
                "arm": draw(st.sampled_from([arm, arm, arm, "B"])),
                "visit": draw(st.sampled_from([label, label, label, ""])),
                "day": draw(
                    st.sampled_from([LABELS[label], LABELS[label] + 1, "", "?"])
                ),
            }
            for key in FINDINGS:
                record[key] = draw(st.sampled_from(["x", "0", "", "", "maybe"]))
            records.append(record)
    return records


def _by_group(rows: list[SummaryRow]) -> dict[tuple[str | None, str], SummaryRow]:
    return {(row.arm, row.visit): row for row in rows}


@given(trials(), st.randoms(use_true_random=False), st.booleans())
def test_shuffling_changes_no_summary_row(
    records: list[dict[str, object]], rng: object, by_label: bool
) -> None:
    options = {"baseline": "v0"} if by_label else {"day": "day"}
    shuffled = list(records)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    first = follow_up(records, patient="id", visit="visit", arm="arm", **options)  # type: ignore[arg-type]
    second = follow_up(shuffled, patient="id", visit="visit", arm="arm", **options)  # type: ignore[arg-type]
    assert _by_group(summarize(first)) == _by_group(summarize(second))


@given(trials(), st.booleans())
def test_a_patients_changes_ignore_other_patients(
    records: list[dict[str, object]], by_day: bool
) -> None:
    """With the baseline visit named, a patient's changes are their own."""
    options = {"day": "day"} if by_day else {}
    everyone = follow_up(records, patient="id", visit="visit", arm="arm",
                         baseline="v0", **options)  # type: ignore[arg-type]  # fmt: skip
    for patient in {str(r["id"]) for r in records}:
        own = [r for r in records if r["id"] == patient]
        if not any(r["visit"] == "v0" for r in own):
            continue
        alone = follow_up(own, patient="id", visit="visit", arm="arm",
                          baseline="v0", **options)  # type: ignore[arg-type]  # fmt: skip
        assert [r.change for r in everyone if r.patient == patient] == [
            r.change for r in alone
        ]


@given(trials(), st.sampled_from([{}, {"day": "day"}, {"baseline": "v0"}]))
def test_counts_add_up(
    records: list[dict[str, object]], options: dict[str, str]
) -> None:
    rows = follow_up(records, patient="id", visit="visit", arm="arm", **options)  # type: ignore[arg-type]
    summary = summarize(rows)
    for row in summary:
        in_group = [r for r in rows if r.arm == row.arm and r.visit == row.visit]
        assert row.n + row.n_excluded == len(in_group)
        assert sum(row.levels.values()) == row.n
        assert row.n_change <= row.n
    labelled = [r for r in rows if r.visit is not None]
    assert sum(row.n + row.n_excluded for row in summary) == len(labelled)


@given(trials(), st.sampled_from([{}, {"day": "day"}, {"baseline": "v0"}]))
def test_changes_are_measured_against_the_trials_baseline_visit(
    records: list[dict[str, object]], options: dict[str, str]
) -> None:
    """With the default rule, every change is this total minus the total of
    the patient's row at the trial's baseline visit, the first visit."""
    rows = follow_up(records, patient="id", visit="visit", arm="arm", **options)  # type: ignore[arg-type]
    for row in rows:
        if row.change is None:
            continue
        (base,) = [r for r in rows if r.patient == row.patient and r.is_baseline]
        assert base.visit == "v0"
        assert row.change == row.total - base.total  # type: ignore[operator]
        assert row.baseline_total == base.total
    for row in rows:
        if row.patient is not None and not any(
            r.patient == row.patient and r.is_baseline for r in rows
        ):
            assert row.change is None
            assert any("no change" in problem for problem in row.problems)


@given(trials(), st.booleans())
def test_per_patient_baselines(records: list[dict[str, object]], by_day: bool) -> None:
    """At most one baseline per patient, its change 0, the earliest usable."""
    options = {"day": "day"} if by_day else {}
    rows = follow_up(
        records, patient="id", visit="visit", arm="arm", per_patient_baseline=True,
        **options,  # type: ignore[arg-type]
    )  # fmt: skip
    for patient in {r.patient for r in rows if r.patient is not None}:
        own = [r for r in rows if r.patient == patient]
        bases = [r for r in own if r.is_baseline]
        usable = [r for r in own if not r.excluded and r.total is not None]
        assert len(bases) == (1 if usable else 0)
        if bases:
            (base,) = bases
            assert base.change == 0
            if by_day:
                assert base.day == min(r.day for r in usable)  # type: ignore[type-var]
