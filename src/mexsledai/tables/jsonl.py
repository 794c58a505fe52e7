"""Scored rows as JSON Lines: one object per input row.

Each line is ``{"row": N, "cells": {header: cell text, ...}, "status": ...,
"score": <the Score as model_dump(mode="json") gives it> or null, "message":
..., "derived": ...}`` (CONTRACT.md, "score"). ``cells`` holds the input's
cells only, as read (no formula escape), without earlier ``mexsledai_*``
columns; a blank or repeated header, and a long row's extra cells, go under
the column's letter.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from .cells import text_of
from .headers import HeaderPlan, column_letter
from .rows import RowResult

__all__ = ["JsonLinesWriter", "cell_names"]


def cell_names(plan: HeaderPlan) -> list[tuple[int, str]]:
    """(column index, name) of each kept column: its header, or its letter
    when the header is blank or repeated.

    Examples:
        >>> from mexsledai.tables.headers import match_header
        >>> cell_names(match_header(["id", "arthritis", "", "id"]))
        [(0, 'A'), (1, 'arthritis'), (2, 'C'), (3, 'D')]
    """
    seen: dict[str, int] = {}
    for index in plan.kept:
        name = plan.header[index].strip()
        seen[name] = seen.get(name, 0) + 1
    return [
        (
            index,
            plan.header[index].strip()
            if plan.header[index].strip() and seen[plan.header[index].strip()] == 1
            else column_letter(index),
        )
        for index in plan.kept
    ]


class JsonLinesWriter:
    """Writes one JSON object per scored row."""

    def __init__(self, stream: IO[str], plan: HeaderPlan) -> None:
        self._stream = stream
        self._names = cell_names(plan)
        self._width = len(plan.header)

    def record(self, result: RowResult) -> dict[str, Any]:
        """The JSON object of one row."""
        cells = result.cells
        named = {name: text_of(cells[index]) for index, name in self._names}
        for index in range(self._width, len(cells)):  # a long row's extra cells
            named[column_letter(index)] = text_of(cells[index])
        return {
            "row": result.row,
            "cells": named,
            "status": result.status,
            "score": None
            if result.score is None
            else result.score.model_dump(mode="json"),
            "message": result.message,
            "derived": result.derived,
        }

    def write(self, results: Sequence[RowResult]) -> None:
        """Write the rows' lines."""
        self._stream.writelines(
            json.dumps(self.record(result), ensure_ascii=False) + "\n"
            for result in results
        )
