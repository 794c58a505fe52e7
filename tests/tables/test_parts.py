"""A large plain file scored in parts, one process each, gives byte for byte
what one process gives; a file that cannot be cut is scored whole."""

from __future__ import annotations

import csv
import io
import itertools
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mexsledai.cli import main
from mexsledai.tables import files, parts
from mexsledai.tables.files import FileSummary, score_file
from mexsledai.tables.headers import TableError
from mexsledai.tables.parts import cut
from tests.tables.plain_tables import assert_same_summary, csv_text, tables

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="parts are forked on Linux only"
)

TABLES = tables(
    findings=["", "0", "1", "1", "0", "sí", "x", "maybe", "-"],
    leukocytes=["", "3999", "4000", "4001", "2500", "abc", "50"],
    temperatures=["", "38", "38.1", "37,5"],
    notes=["", "ok", "a;b", "=x", "ü"],
    most=60,
)


@pytest.fixture(autouse=True)
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut files of any size, into three parts."""
    monkeypatch.setattr(parts, "MIN_BYTES", 0)
    monkeypatch.setattr(parts, "usable_cpus", lambda: 3)


def _whole(monkeypatch: pytest.MonkeyPatch, source: Path, target: Path) -> FileSummary:
    with monkeypatch.context() as patch:
        patch.setattr(parts, "cut", lambda *_, **__: None)
        return score_file(str(source), str(target))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rows=TABLES,
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\r\n", "\n"]),
    bom=st.booleans(),
)
def test_parts_write_what_one_process_writes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rows: list[list[str]],
    delimiter: str,
    newline: str,
    bom: bool,
) -> None:
    source = tmp_path / ("t.tsv" if delimiter == "\t" else "t.csv")
    source.write_bytes(
        (b"\xef\xbb\xbf" if bom else b"") + csv_text(rows, delimiter, newline).encode()
    )
    in_parts = score_file(str(source), str(tmp_path / "parts.csv"))
    whole = _whole(monkeypatch, source, tmp_path / "whole.csv")
    assert (tmp_path / "parts.csv").read_bytes() == (
        tmp_path / "whole.csv"
    ).read_bytes()
    assert_same_summary(in_parts, whole)


def _numbered(count: int, newline: str = "\r\n") -> str:
    return (
        "id,arthritis"
        + newline
        + "".join(f"P{n},{n % 2}{newline}" for n in range(count))
    )


def test_cut_gives_whole_lines_and_their_row_numbers(tmp_path: Path) -> None:
    source = tmp_path / "n.csv"
    source.write_text(_numbered(1000), newline="")
    found = cut(str(source), encoding="utf-8")
    assert found is not None
    assert len(found) == 3
    data = source.read_bytes()
    assert found[0].start == len(b"id,arthritis\r\n")
    assert found[-1].end == len(data)
    for before, after in itertools.pairwise(found):
        assert before.end == after.start
    for part in found:
        first_line = data[part.start :].split(b"\r\n", 1)[0]
        # Row n + 2 holds P{n}.
        assert first_line.startswith(f"P{part.first_row - 2},".encode())
        assert data[part.end - 1 : part.end] == b"\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (_numbered(50).replace("P7,1", 'P7,"1"'), "utf-8"),  # a quote
        (_numbered(50).replace("P7,1", "P7,\x001"), "utf-8"),  # a NUL
        (_numbered(50), "cp1252"),  # not UTF-8
        (_numbered(50), "utf-16"),
        ("id,arthritis", "utf-8"),  # the header without a line break
        ('"id",arthritis\r\nP1,1\r\nP2,0\r\nP3,1\r\n', "utf-8"),  # a quoted header
    ],
)
def test_what_is_not_cut(tmp_path: Path, text: str, encoding: str) -> None:
    source = tmp_path / "q.csv"
    source.write_text(text, encoding=encoding, newline="")
    assert cut(str(source), encoding=encoding) is None


def test_small_files_and_one_cpu_are_not_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "s.csv"
    source.write_text(_numbered(50), newline="")
    assert cut(str(source), encoding="utf-8") is not None
    assert cut(str(source), encoding="utf-8", parts=1) is None
    monkeypatch.setattr(parts, "usable_cpus", lambda: 1)
    assert cut(str(source), encoding="utf-8") is None
    monkeypatch.setattr(parts, "usable_cpus", lambda: 2)
    monkeypatch.setattr(parts, "MIN_BYTES", source.stat().st_size)
    assert cut(str(source), encoding="utf-8") is None


def test_a_part_of_one_line_is_not_cut_further(tmp_path: Path) -> None:
    source = tmp_path / "o.csv"
    source.write_text("id,arthritis\r\nP1,1\r\n", newline="")
    assert cut(str(source), encoding="utf-8") is None


@pytest.mark.parametrize(
    "trouble",
    [
        "P3,1\rP3b,0",  # a lone "\r": two rows on one line
        "P3,\xff",  # a byte that is not UTF-8, read by a forked part
    ],
)
def test_a_part_that_fails_leaves_the_file_to_one_process(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    trouble: str,
) -> None:
    text = _numbered(300)
    # Put the trouble late in the file: in a part another process scores.
    lines = text.split("\r\n")
    lines[250] = trouble
    data = "\r\n".join(lines).encode("utf-8", "surrogateescape")
    data = data.replace("\xff".encode(), b"\xff")
    source = tmp_path / "f.csv"
    source.write_bytes(data)
    code = main(["score", str(source), "-o", str(tmp_path / "parts.csv")])
    parts_err = capsys.readouterr().err
    with monkeypatch.context() as patch:
        patch.setattr(parts, "cut", lambda *_, **__: None)
        assert main(["score", str(source), "-o", str(tmp_path / "whole.csv")]) == code
    whole_err = capsys.readouterr().err
    assert parts_err.replace("parts.csv", "whole.csv") == whole_err
    if code == 0:
        assert (tmp_path / "parts.csv").read_bytes() == (
            tmp_path / "whole.csv"
        ).read_bytes()
    else:
        assert "cannot decode" in parts_err
        assert not (tmp_path / "parts.csv").exists()


def test_a_failure_here_stops_the_other_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "k.csv"
    source.write_text(_numbered(300), newline="")
    calls: list[object] = []

    def boom(*_: object, **kwargs: object) -> None:
        calls.append(kwargs.get("first_row"))
        message = "disk full"
        raise OSError(message)

    monkeypatch.setattr(files, "_write_rows", boom)
    with pytest.raises(OSError, match="disk full"):
        score_file(str(source), str(tmp_path / "out.csv"))
    assert calls == [2]  # the first part, in this process
    assert not (tmp_path / "out.csv").exists()
    assert not list(tmp_path.glob(".out.csv.*"))


def test_a_plain_file_is_really_scored_in_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "p.csv"
    source.write_text(_numbered(300), newline="")
    outcomes: list[tuple[object, object]] = []
    run_parts = parts.run_parts

    def recorded(*args: Any, **kwargs: Any) -> object:
        outcome = run_parts(*args, **kwargs)
        outcomes.append((outcome, kwargs["folder"]))
        return outcome

    monkeypatch.setattr(parts, "run_parts", recorded)
    (tmp_path / "out").mkdir()
    summary = score_file(str(source), str(tmp_path / "out" / "out.csv"))
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["out.csv"]
    assert len(outcomes) == 1
    outcome, folder = outcomes[0]
    assert isinstance(outcome, list)
    assert len(outcome) == 3  # one a CPU, as usable_cpus says
    assert folder == str(tmp_path / "out")  # the parts were written beside the output
    assert (summary.rows, summary.scored, summary.errors) == (300, 300, 0)
    scores = [
        row[2]
        for row in csv.reader(io.StringIO((tmp_path / "out" / "out.csv").read_text()))
    ]
    assert scores[1:] == ["0", "2"] * 150  # arthritis recorded 0, then 1


def test_parts_to_standard_output(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    source = tmp_path / "s.csv"
    source.write_text(_numbered(200), newline="")
    assert main(["score", str(source), "-o", "-"]) == 0
    in_parts = capsysbinary.readouterr().out
    with monkeypatch.context() as patch:
        patch.setattr(parts, "cut", lambda *_, **__: None)
        assert main(["score", str(source), "-o", "-"]) == 0
    assert capsysbinary.readouterr().out == in_parts
    assert in_parts.count(b"\r\n") == 201


def test_jobs_chooses_the_number_of_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "j.csv"
    source.write_text(_numbered(300), newline="")
    counts: list[int] = []
    run_parts = parts.run_parts

    def counted(cuts: list[Any], *args: Any, **kwargs: Any) -> object:
        counts.append(len(cuts))
        return run_parts(cuts, *args, **kwargs)

    monkeypatch.setattr(parts, "run_parts", counted)
    outputs = []
    for jobs in (None, 1, 2, 5):
        target = tmp_path / f"out{jobs}.csv"
        assert main(["score", str(source), "-o", str(target)]
                    + ([] if jobs is None else ["--jobs", str(jobs)])) == 0  # fmt: skip
        outputs.append(target.read_bytes())
    assert counts == [3, 2, 5]  # one a usable CPU by default; --jobs 1: no parts
    assert all(output == outputs[0] for output in outputs)
    assert parts.cut(str(source), encoding="utf-8", parts=1000) is not None
    assert len(parts.cut(str(source), encoding="utf-8", parts=1000) or []) <= 64


@pytest.mark.parametrize("jobs", ["0", "-1", "two", "1.5"])
def test_jobs_must_be_a_whole_number_from_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    source = tmp_path / "b.csv"
    source.write_text(_numbered(3), newline="")
    with pytest.raises(SystemExit) as stopped:
        main(["score", str(source), "--jobs", jobs])
    assert stopped.value.code == 2
    assert (
        f"--jobs must be a whole number from 1, got {jobs!r}" in capsys.readouterr().err
    )
    assert not (tmp_path / "b.scored.csv").exists()


def test_jobs_in_the_library_must_be_from_1(tmp_path: Path) -> None:
    source = tmp_path / "l.csv"
    source.write_text(_numbered(3), newline="")
    with pytest.raises(TableError, match="jobs must be a whole number from 1, got 0"):
        score_file(str(source), jobs=0)
    assert not (tmp_path / "l.scored.csv").exists()
