"""Results that travel: FHIR R4 resources, JSON Schema, and (later) REDCap.

Each module builds plain JSON-ready data; no FHIR or schema library is
needed at run time.
"""
