"""Score the visits in examples/visits.json and print each total and why.

Run: ``python examples/score_visits.py [FILE]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import mexsledai


def main() -> int:
    path = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).with_name("visits.json")
    )
    visits = json.loads(path.read_text(encoding="utf-8"))
    for record in visits:
        label = record.pop("visit")
        result = mexsledai.score(record)
        level = result.category.value if result.category else "undetermined"
        print(f"{label}: MEX-SLEDAI {result.total} ({level}, scheme {result.scheme})")
        for descriptor in result.descriptors:
            if descriptor.status == "present":
                why = ", ".join(descriptor.findings)
                if descriptor.derived_from:
                    why += f" (from {', '.join(descriptor.derived_from)})"
                print(f"    +{descriptor.points} {descriptor.label}: {why}")
        for warning in result.warnings:
            print(f"    warning: {warning}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
