"""The plot and the pandas frames (each runs when its package is installed)."""

from __future__ import annotations

import struct
import sys
from pathlib import Path
from typing import Any

import pytest

from mexsledai import follow_up
from mexsledai.tables import TableError
from tests.trials.cases import EXPECTED, RECORDS


def _rows() -> list:  # type: ignore[type-arg]
    return follow_up(RECORDS, patient="id", visit="visit", arm="arm", day="day",
                     baseline="baseline")  # fmt: skip


class TestPlot:
    def test_png(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        from matplotlib import image  # noqa: PLC0415

        from mexsledai.plot import plot_trial  # noqa: PLC0415

        target = tmp_path / "trial.png"
        plot_trial(_rows(), target)
        data = target.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (1200, 500)
        pixels = image.imread(target)
        # Two panels, neither blank: many pixels of each half differ from white.
        ink: Any = (pixels[:, :, :3] < 0.9).any(axis=2)
        assert ink[:, :600].mean() > 0.02
        assert ink[:, 600:].mean() > 0.02

    def test_svg(self, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        from mexsledai.plot import plot_trial  # noqa: PLC0415

        target = tmp_path / "trial.svg"
        plot_trial(_rows(), target)
        text = target.read_text(encoding="utf-8")
        assert "<svg" in text
        # two panels: the total and the change, each with its axes and labels
        assert text.count('<g id="axes_') == 2
        assert "MEX-SLEDAI total" in text
        assert "Change from baseline" in text

    def test_bad_suffix(self, tmp_path: Path) -> None:
        from mexsledai.plot import plot_trial  # noqa: PLC0415

        with pytest.raises(TableError, match=r"\.png or \.svg"):
            plot_trial(_rows(), tmp_path / "trial.pdf")

    def test_missing_matplotlib(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from mexsledai.plot import plot_trial  # noqa: PLC0415

        monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
        with pytest.raises(TableError, match="pip install 'mexsledai\\[plot\\]'"):
            plot_trial(_rows(), tmp_path / "trial.png")


class TestFrames:
    def test_score_frame_keeps_index_and_columns(self) -> None:
        pd = pytest.importorskip("pandas")
        from mexsledai.pandas import score_frame  # noqa: PLC0415

        frame = pd.DataFrame(
            {"note": ["a", "b", "c"], "seizures": ["x", None, "0"],
             "arthritis": [1.0, float("nan"), 0.0], "leukocytes_per_mm3": [3200, None, 5000]},
            index=[10, 20, 30],
        )  # fmt: skip
        scored = score_frame(frame)
        assert list(scored.index) == [10, 20, 30]
        assert list(scored.columns[:4]) == list(frame.columns)
        assert scored["mexsledai_score"].tolist() == [8 + 2 + 1, pd.NA, 0]
        assert scored["mexsledai_status"].tolist() == ["scored", "error", "scored"]
        assert list(frame.columns) == [
            "note",
            "seizures",
            "arthritis",
            "leukocytes_per_mm3",
        ]
        again = score_frame(scored)
        assert again.equals(scored)

    def test_follow_up_and_summary_frames(self) -> None:
        pd = pytest.importorskip("pandas")
        from mexsledai.pandas import follow_up_frame, summary_frame  # noqa: PLC0415

        frame = pd.DataFrame(RECORDS, index=[f"r{i}" for i in range(len(RECORDS))])
        tidy = follow_up_frame(frame, patient="id", visit="visit", arm="arm", day="day",
                               baseline="baseline")  # fmt: skip
        assert list(tidy.index) == list(frame.index)
        assert tidy.loc["r1", "change"] == 2 - 10
        assert bool(tidy.loc["r9", "excluded"]) is True
        summary = summary_frame(_rows())
        assert list(zip(summary["arm"], summary["visit"], strict=True)) == list(
            EXPECTED
        )
        assert summary["n"].tolist() == [e["n"] for e in EXPECTED.values()]
        assert summary.columns[-1] == "n_very_severe"

    def test_missing_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from mexsledai.pandas import summary_frame  # noqa: PLC0415

        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(TableError, match="pip install 'mexsledai\\[pandas\\]'"):
            summary_frame(_rows())
