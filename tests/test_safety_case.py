"""The hazard log (docs/safety.md): at least the hazards the project must
control, each with a cause, an effect, a control and tests that exist."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
LOG = (ROOT / "docs" / "safety.md").read_text(encoding="utf-8")
ROWS = [line for line in LOG.splitlines() if re.match(r"\| H\d+ \|", line)]


def _tests(path: Path) -> set[str]:
    """Every test of a file as ``test`` or ``Class::test``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            names.add(node.name)
        if isinstance(node, ast.ClassDef):
            for inner in node.body:
                if isinstance(inner, ast.FunctionDef) and inner.name.startswith("test"):
                    names.add(f"{node.name}::{inner.name}")
    return names


def test_at_least_the_required_hazards() -> None:
    assert len(ROWS) >= 10
    assert [row.split("|")[1].strip() for row in ROWS] == [
        f"H{i}" for i in range(1, len(ROWS) + 1)
    ]
    log = LOG.casefold()
    for hazard in ("weight", "either/or", "unit confused", "percentage", "×10⁹/l", "°f",
                   "column silently not read", "decimal comma", "another cause",
                   "baseline misassigned", "category scheme misread",
                   "formula injected", "row lost", "stale total in redcap",
                   "translation that changes a meaning"):  # fmt: skip
        assert hazard in log, hazard


def test_every_row_names_cause_effect_control_and_tests() -> None:
    for row in ROWS:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 6, row
        assert all(cells), row
        assert "tests/" in cells[5], row


def test_every_named_test_exists() -> None:
    named = re.findall(r"`(tests/[\w/]+\.py)::([\w:]+)`", LOG)
    assert len(named) >= 20
    for path, test in named:
        assert test in _tests(ROOT / path), f"{path}::{test}"
