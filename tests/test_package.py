"""The public surface: every exported name loads; the command line starts
without building models."""

from __future__ import annotations

import subprocess
import sys

import pytest

import mexsledai


@pytest.mark.parametrize("name", mexsledai.__all__)
def test_every_public_name_loads(name: str) -> None:
    assert getattr(mexsledai, name) is not None
    assert name in dir(mexsledai)


def test_all_names_once() -> None:
    assert len(set(mexsledai.__all__)) == len(mexsledai.__all__)


def test_unknown_name() -> None:
    with pytest.raises(AttributeError, match="no attribute 'scores'"):
        mexsledai.scores  # noqa: B018


def test_version_matches_the_package_metadata() -> None:
    from importlib.metadata import version  # noqa: PLC0415

    assert mexsledai.__version__ == version("mexsledai")


def test_the_command_line_does_not_load_pydantic() -> None:
    # Scoring a file needs no model; loading pydantic would double start-up.
    code = "import sys, mexsledai.cli; print('pydantic' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
