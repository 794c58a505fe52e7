"""Time `mexsledai.score()` against a hand-written weight sum (the floor).

Run: ``python benchmarks/bench_score.py [--records N] [--repeats K]``.

Both run in this one process over the same fixed-seed flat records: every
finding recorded, about 15 % of them present, and half of the records carrying
one laboratory value. The floor only adds weights; it validates nothing,
derives nothing and explains nothing, so the ratio is what checking the input
and explaining the result cost on top of the bare arithmetic.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Mapping

import mexsledai
from mexsledai.labs import QUANTITIES
from mexsledai.registry import DESCRIPTORS, FINDING_KEYS

SEED = 20250622
_WEIGHTS = tuple((d.weight, d.finding_keys) for d in DESCRIPTORS)


def make_records(count: int, seed: int = SEED) -> list[dict[str, object]]:
    """Flat records: all 25 findings recorded, ~15 % present; half with a lab."""
    rng = random.Random(seed)
    units = [u for q in QUANTITIES for u in q.units if u.threshold is not None]
    records: list[dict[str, object]] = []
    for _ in range(count):
        record: dict[str, object] = {key: rng.random() < 0.15 for key in FINDING_KEYS}
        if rng.random() < 0.5:
            unit = rng.choice(units)
            # A value on either side of the threshold, inside the plausible range.
            value = (unit.threshold or 0) * rng.uniform(0.5, 1.5)
            record[unit.key] = min(max(value, unit.low), unit.high)
        records.append(record)
    return records


def weight_sum(record: Mapping[str, object]) -> int:
    """The floor: the total by hand, reading the same dicts."""
    total = 0
    for weight, keys in _WEIGHTS:
        for key in keys:
            if record.get(key):
                total += weight
                break
    return total


def validated_models(record: Mapping[str, object]) -> mexsledai.Score:
    """A naive path for comparison: the nested model, then a re-validated result."""
    result = mexsledai.score(mexsledai.Assessment.from_flat(record))
    return mexsledai.Score.model_validate(result.model_dump())


def _time(
    func: Callable[[Mapping[str, object]], object], records: list[dict[str, object]]
) -> float:
    start = time.perf_counter()
    for record in records:
        func(record)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    records = make_records(args.records)
    # Warm-up: caches, the validator, the branch predictor.
    _time(mexsledai.score, records[:2000])
    _time(weight_sum, records[:2000])
    floors, scores = [], []
    for _ in range(args.repeats):  # alternate, so drift hits both alike
        floors.append(_time(weight_sum, records))
        scores.append(_time(mexsledai.score, records))
    naive = min(_time(validated_models, records) for _ in range(2)) / len(records)
    floor = statistics.median(floors) / len(records)
    scored = statistics.median(scores) / len(records)
    print(f"records: {len(records)}, repeats: {args.repeats} (medians)")
    print(f"floor (hand-written weight sum): {floor * 1e6:8.2f} µs/record")
    print(f"mexsledai.score():               {scored * 1e6:8.2f} µs/record")
    print(f"ratio: {scored / floor:.1f}x the floor (goal: within 10x)")
    print(
        f"for comparison, models and a validated result: {naive * 1e6:.2f} µs/record, "
        f"{naive / floor:.1f}x the floor"
    )


if __name__ == "__main__":
    main()
