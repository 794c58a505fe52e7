"""``python -m mexsledai``: the same as the ``mexsledai`` command."""

from __future__ import annotations

from .cli import command

raise SystemExit(command())
