"""FHIR R4 for MEX-SLEDAI results: `CODE_SYSTEM`, the CodeSystem resource and
the Observation of a score (``Score.to_fhir``). See `mexsledai.interop.fhir`.

Examples:
    >>> CODE_SYSTEM
    'https://mexsledai.readthedocs.io/fhir/CodeSystem/mex-sledai'
"""

from __future__ import annotations

from .interop.fhir import CODE_SYSTEM, code_system, observation

__all__ = ["CODE_SYSTEM", "code_system", "observation"]
