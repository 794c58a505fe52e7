"""Test configuration: the hypothesis profile (``ci`` when ``CI`` is set)."""

from __future__ import annotations

import os

from hypothesis import settings

import tests.property.strategies  # noqa: F401  (registers the profiles)

settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default")
)
