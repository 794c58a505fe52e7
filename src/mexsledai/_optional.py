"""Optional packages, imported only when a function needs them, with the
install hint when they are missing."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["require"]


def require(module: str, *, extra: str, packages: str, purpose: str) -> Any:
    """Import ``module``, or raise `ImportError` saying what to install.

    Examples:
        >>> require("json", extra="none", packages="json", purpose="reading").__name__
        'json'
        >>> require("no_such_module", extra="frames", packages="x", purpose="this")
        Traceback (most recent call last):
        ...
        ImportError: this needs x: pip install 'mexsledai[frames]' (or pip install x)
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        msg = f"{purpose} needs {packages}: pip install 'mexsledai[{extra}]' (or pip install {packages})"
        raise ImportError(msg) from None
