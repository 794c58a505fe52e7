"""Scoring spreadsheets: cells, headers, file dialects and the row loop.

Thin over the pure core: cells are read into findings and lab values, and each
row is scored by the same scorer as `mexsledai.score`.
"""

from __future__ import annotations

from .cells import CellError, read_finding, read_number
from .files import FileSummary, default_output, iter_scored_file, score_file
from .headers import OUTPUT_COLUMNS, HeaderError, TableError, match_header
from .rows import RowResult, TableScorer, score_rows

__all__ = [
    "OUTPUT_COLUMNS",
    "CellError",
    "FileSummary",
    "HeaderError",
    "RowResult",
    "TableError",
    "TableScorer",
    "default_output",
    "iter_scored_file",
    "match_header",
    "read_finding",
    "read_number",
    "score_file",
    "score_rows",
]
