"""REDCap: build the MEX-SLEDAI instrument, and audit the totals REDCap
stored. See `mexsledai.interop.redcap` and `mexsledai.interop.redcap_audit`.

Examples:
    >>> FIELD_NAMES["seizures"], FIELD_NAMES["reticulocytes_corrected_percent"]
    ('seizures', 'retic_corrected_pct')
"""

from __future__ import annotations

from .interop.redcap import CALC_FIELDS, COLUMNS, FIELD_NAMES, data_dictionary
from .interop.redcap_audit import AuditRow, AuditSummary, audit

__all__ = [
    "CALC_FIELDS",
    "COLUMNS",
    "FIELD_NAMES",
    "AuditRow",
    "AuditSummary",
    "audit",
    "data_dictionary",
]
